/**
 * Migration operations (`op.*`), batch mode and the ALTER elements they compile to.
 * @example
 * import { Operations } from "alkahest/migrate";
 * const op = new Operations(ctx);
 * await op.addColumn("account", new sa.Column("email", sa.String(100)));
 */
export type { BatchAlterTableOptions, BatchOp } from "./batch/batch-operations.js";
export { BatchOperations } from "./batch/batch-operations.js";
export * from "./ddl/index.js";
export { InlineLiteral } from "./inline-literal.js";
export { Operations } from "./operations.js";
export type * from "./options.js";
export type { ConstraintType } from "./schema-objects.js";
