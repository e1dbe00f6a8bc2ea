/**
 * Options of `compareMetadata` (the autogenerate settings of `defineConfig`).
 */
import type { MetaData } from "../../sql/schema/metadata.js";
import type { MigrationContextLike } from "../context-like.js";
import type { AutogenOp } from "./ops.js";

/** What `includeObject` is asked about. */
export type ObjectType =
  | "table"
  | "column"
  | "index"
  | "unique_constraint"
  | "foreign_key_constraint"
  | "check_constraint";

/**
 * Autogenerate options, as in Alembic's `EnvironmentContext.configure`.
 * @example
 * await compareMetadata(ctx, meta, { compareServerDefault: true, includeObject: (o, name) => !name.startsWith("tmp_") });
 */
export interface CompareOptions {
  /** compare column types (default true) */
  compareType?: boolean;
  /** compare server defaults (default false: text comparison is approximate) */
  compareServerDefault?: boolean;
  /** schema to compare (default: the default schema) */
  schema?: string | null;
  /**
   * compare every schema the database has besides the default one (Alembic's
   * `include_schemas`), each filtered by `includeName(name, "schema", {})`; tables of the
   * metadata match by schema and name
   */
  includeSchemas?: boolean;
  /** the version table, never reported (default `alembic_version`) */
  versionTable?: string;
  /** false leaves the object out of the comparison */
  includeObject?: (
    object: unknown,
    name: string | null,
    type: ObjectType,
    reflected: boolean,
    compareTo: unknown,
  ) => boolean;
  /** false leaves a reflected name out before it is reflected (Alembic's `include_name`; tables here) */
  includeName?: (name: string | null, type: string, parentNames: Record<string, unknown>) => boolean;
  /**
   * Comparisons of your own (Alembic's `comparators.dispatch_for`), run after the built-in ones;
   * they return ops, usually `custom` calls of operations you registered.
   */
  comparators?: readonly ((
    ctx: MigrationContextLike,
    target: MetaData,
  ) => AutogenOp[] | Promise<AutogenOp[]>)[];
  /** rewrites the op list before it is returned (and rendered) */
  processRevisionDirectives?: (ops: AutogenOp[]) => AutogenOp[] | undefined;
}
