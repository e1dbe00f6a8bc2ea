/**
 * Reflection: `inspect()` and the Inspector, `reflectTable` / `reflectMetadata` (behind
 * `sa.Table.reflect` and `meta.reflect`), and the per-dialect `ReflectionDialect` seam.
 * @example
 * const insp = await sa.inspect(engine);
 * await insp.getForeignKeys("orders");
 */
export { type InspectBind, Inspector, inspect } from "./inspector.js";
export { reflectMetadata, reflectTable } from "./reflect.js";
export {
  type IndexColumnSorting,
  type ReflectedCheckConstraint,
  type ReflectedColumn,
  type ReflectedComputed,
  type ReflectedForeignKey,
  type ReflectedForeignKeyOptions,
  type ReflectedIdentity,
  type ReflectedIndex,
  type ReflectedPrimaryKey,
  type ReflectedTableComment,
  type ReflectedUniqueConstraint,
  type ReflectionContext,
  type ReflectionDialect,
  registerReflectionDialect,
} from "./reflection-dialect.js";
export type { SortedTableAndFkcNames } from "./sorted-tables.js";
