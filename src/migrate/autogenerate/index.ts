/**
 * Autogenerate: compare a target MetaData with the database and render the revision.
 * @example
 * const ops = await compareMetadata(ctx, metadata);
 * const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
 */
export { compareMetadata } from "./compare.js";
export type { AutogenOp, ColumnState, CustomOp, PossibleRename } from "./ops.js";
export type { CompareOptions, ObjectType } from "./options.js";
export { inverse, type RenderOptions, renderRevision } from "./render.js";
export { renderType } from "./render-type.js";
