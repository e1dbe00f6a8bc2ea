/**
 * The seam through which `meta.reflect()` and `sa.Table.reflect()` reach the engine's reflection.
 * The SQL layer must not import the engine, so the engine installs its functions here when it
 * loads (`src/engine/reflection/reflect.ts`); until then these calls fail with a clear message.
 */
import { InvalidRequestError } from "../../exc.js";
import type { MetaData } from "./metadata.js";
import type { BLANK_SCHEMA, Table } from "./table.js";

/** An Engine, a Connection or an Inspector: anything reflection can read the database through. */
export interface ReflectBind {
  readonly dialect: { readonly name: string };
}

/** Options of `sa.Table.reflect()`. */
export interface ReflectTableOptions {
  /** the schema to read the table from (omitted or null: the MetaData's, else the default schema; `BLANK_SCHEMA`: the default schema) */
  schema?: string | null | typeof BLANK_SCHEMA;
  /** only these columns (by database name) */
  includeColumns?: readonly string[];
  /** every column but these */
  excludeColumns?: readonly string[];
  /** also reflect the tables that foreign keys refer to (default true) */
  resolveFks?: boolean;
  /** reflect into a Table of that name already in the MetaData instead of returning it as is */
  extendExisting?: boolean;
}

/** Options of `meta.reflect()`. */
export interface ReflectMetaDataOptions {
  /** the schema to read (omitted or null: the MetaData's, else the default schema; `BLANK_SCHEMA`: the default schema) */
  schema?: string | null | typeof BLANK_SCHEMA;
  /** only these tables, or those for which the function returns true */
  only?: readonly string[] | ((name: string, meta: MetaData) => boolean);
  /** views too */
  views?: boolean;
  /** re-reflect tables already in the MetaData */
  extendExisting?: boolean;
  /** also reflect tables in other schemas that foreign keys refer to (default true) */
  resolveFks?: boolean;
}

/** The engine's reflection functions, installed when the engine module loads. */
export const reflectHook: {
  table:
    | ((name: string, meta: MetaData, bind: ReflectBind, opts?: ReflectTableOptions) => Promise<Table>)
    | null;
  metadata: ((meta: MetaData, bind: ReflectBind, opts?: ReflectMetaDataOptions) => Promise<void>) | null;
} = { table: null, metadata: null };

function missing(): Promise<never> {
  return Promise.reject(
    new InvalidRequestError(
      "Reflection is provided by the engine: import alkahest's engine (the 'alkahest' package entry) first",
    ),
  );
}

/**
 * Reads a table's definition from the database into `meta` (what `sa.Table.reflect` calls).
 * @example
 * const users = await reflectTableVia("users", meta, conn, { includeColumns: ["id", "name"] });
 */
export function reflectTableVia(
  name: string,
  meta: MetaData,
  bind: ReflectBind,
  opts?: ReflectTableOptions,
): Promise<Table> {
  return reflectHook.table ? reflectHook.table(name, meta, bind, opts) : missing();
}

/**
 * Reads every table of a schema (or `only` some) into `meta` (what `meta.reflect` calls).
 * @example
 * await reflectMetaDataVia(meta, engine, { only: ["users", "orders"] });
 */
export function reflectMetaDataVia(
  meta: MetaData,
  bind: ReflectBind,
  opts?: ReflectMetaDataOptions,
): Promise<void> {
  return reflectHook.metadata ? reflectHook.metadata(meta, bind, opts) : missing();
}
