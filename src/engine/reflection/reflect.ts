/**
 * `sa.Table.reflect()` and `meta.reflect()`: real Table objects from the live schema, built from
 * the Inspector's dicts as SQLAlchemy's `Inspector.reflect_table` does. Installs itself into the
 * SQL layer's reflect hook when loaded.
 */
import { ArgumentError, InvalidRequestError, NoSuchTableError } from "../../exc.js";
import type { ColumnElement } from "../../sql/elements/column-element.js";
import {
  ForeignKeyConstraint,
  type ForeignKeyOptions,
  PrimaryKeyConstraint,
} from "../../sql/schema/constraints.js";
import type { MetaData } from "../../sql/schema/metadata.js";
import {
  type ReflectBind,
  type ReflectMetaDataOptions,
  type ReflectTableOptions,
  reflectHook,
} from "../../sql/schema/reflect-hook.js";
import { BLANK_SCHEMA, Table, type TableArg, type TableOptions } from "../../sql/schema/table.js";
import { Connection } from "../connection.js";
import { Engine } from "../engine.js";
import { Inspector, inspect } from "./inspector.js";
import type { ReflectedForeignKey } from "./reflection-dialect.js";
import { buildCheck, buildColumn, buildIndex, buildUnique } from "./table-parts.js";

async function inspectorFor(bind: ReflectBind): Promise<Inspector> {
  if (bind instanceof Inspector) return bind;
  if (bind instanceof Connection || bind instanceof Engine) return inspect(bind);
  throw new ArgumentError("Reflection needs an Engine, a Connection or an Inspector");
}

/** Keys of tables reflected in one call, so FK resolution never reflects a table twice. */
type Session = Set<string>;

/** SQLAlchemy's rule: None (null, omitted) is the MetaData's schema, BLANK_SCHEMA none at all. */
function resolveSchema(
  schema: string | null | typeof BLANK_SCHEMA | undefined,
  meta: MetaData,
): string | null {
  return schema === BLANK_SCHEMA ? null : (schema ?? meta.schema ?? null);
}

const keyOf = (name: string, schema: string | null) => (schema === null ? name : `${schema}.${name}`);

async function addForeignKey(
  insp: Inspector,
  table: Table,
  fk: ReflectedForeignKey,
  opts: ReflectTableOptions,
  session: Session,
): Promise<void> {
  let referred: Table | null = null;
  if (opts.resolveFks !== false) {
    try {
      // no referred schema: the default one even when the MetaData has a schema, as SQLAlchemy
      // reflects it with BLANK_SCHEMA
      const schema = fk.referredSchema ?? BLANK_SCHEMA;
      referred = await reflectInto(
        insp,
        fk.referredTable,
        table.metadata,
        { ...opts, schema, includeColumns: undefined, excludeColumns: undefined },
        session,
      );
    } catch (err) {
      // a foreign key to a table that is gone (SQLite allows it) still reflects, unresolved
      if (!(err instanceof NoSuchTableError)) throw err;
    }
  }
  // Column objects when the referred table is known: names with dots then need no parsing
  const refs: (string | ColumnElement)[] = fk.referredColumns.map(
    (c) =>
      referred?._columnByName(c) ??
      [fk.referredSchema, fk.referredTable, c].filter((p) => p !== null).join("."),
  );
  const fkOpts: ForeignKeyOptions = { ...fk.options };
  if (fk.name !== null) fkOpts.name = fk.name;
  if (typeof fk.comment === "string") fkOpts.comment = fk.comment;
  table.appendConstraint(new ForeignKeyConstraint(fk.constrainedColumns, refs, fkOpts));
}

async function reflectInto(
  insp: Inspector,
  name: string,
  meta: MetaData,
  opts: ReflectTableOptions,
  session: Session,
): Promise<Table> {
  const schema = resolveSchema(opts.schema, meta);
  const key = keyOf(name, schema);
  const existing = meta.tables.get(key);
  if (existing && (!opts.extendExisting || session.has(key))) return existing;
  if (!(await insp.hasTable(name, schema))) throw new NoSuchTableError(key);
  session.add(key);
  const included = (c: string) =>
    (!opts.includeColumns || opts.includeColumns.includes(c)) && !opts.excludeColumns?.includes(c);
  // an expression's columns are unknown, so with includeColumns an expression index is left out
  const allIncluded = (cols: readonly (string | null)[]) =>
    cols.every((c) => (c === null ? !opts.includeColumns : included(c)));

  const columns = (await insp.getColumns(name, schema)).filter((c) => included(c.name)).map(buildColumn);
  const column = (n: string) => columns.find((c) => c.name === n);
  const args: TableArg[] = [...columns];
  const pk = await insp.getPkConstraint(name, schema);
  const pkCols = pk.constrainedColumns.filter(included);
  if (pkCols.length) {
    args.push(new PrimaryKeyConstraint(...pkCols, { ...(pk.name !== null ? { name: pk.name } : {}) }));
  }
  for (const ix of await insp.getIndexes(name, schema)) {
    if (ix.duplicatesConstraint !== undefined || !allIncluded(ix.columnNames)) continue;
    const index = buildIndex(ix, column);
    if (index) args.push(index);
  }
  const comment = (await insp.getTableComment(name, schema)).text;
  const tableOpts: TableOptions = {
    schema: schema ?? BLANK_SCHEMA,
    ...(await insp.getTableOptions(name, schema)),
  };
  if (comment !== null) tableOpts.comment = comment;
  if (existing) tableOpts.extendExisting = true;
  const table = new Table(name, meta, ...args, tableOpts);
  // SQLAlchemy's order (_reflect_table): foreign keys, then unique and CHECK constraints, so
  // CREATE TABLE of a reflected table lists them in that order too
  for (const fk of await insp.getForeignKeys(name, schema)) {
    if (allIncluded(fk.constrainedColumns)) await addForeignKey(insp, table, fk, opts, session);
  }
  for (const u of await insp.getUniqueConstraints(name, schema)) {
    // MySQL's unique constraints are unique indexes: they came back as Index objects above
    if (u.duplicatesIndex !== undefined) continue;
    if (allIncluded(u.columnNames)) table.appendConstraint(buildUnique(u));
  }
  for (const ck of await insp.getCheckConstraints(name, schema)) table.appendConstraint(buildCheck(ck));
  return table;
}

/**
 * Reads one table (and, unless `resolveFks: false`, the tables its foreign keys refer to) into
 * `meta`; a table already there is returned as it is unless `extendExisting`.
 * @example
 * const users = await reflectTable("users", meta, conn, { includeColumns: ["id", "name"] });
 * users.c.name.type; // StringType
 */
export async function reflectTable(
  name: string,
  meta: MetaData,
  bind: ReflectBind,
  opts: ReflectTableOptions = {},
): Promise<Table> {
  return reflectInto(await inspectorFor(bind), name, meta, opts, new Set());
}

/**
 * Reads every table of a schema (plus views with `views: true`, or only `only`) into `meta`.
 * @example
 * await reflectMetadata(meta, engine, { only: ["users", "orders"] });
 */
export async function reflectMetadata(
  meta: MetaData,
  bind: ReflectBind,
  opts: ReflectMetaDataOptions = {},
): Promise<void> {
  const insp = await inspectorFor(bind);
  const schema = resolveSchema(opts.schema, meta);
  const available = [...(await insp.getTableNames(schema))];
  if (opts.views) {
    for (const v of [...(await insp.getViewNames(schema)), ...(await insp.getMaterializedViewNames(schema))])
      if (!available.includes(v)) available.push(v);
  }
  const wanted = (n: string) => opts.extendExisting || !meta.tables.has(keyOf(n, schema));
  const only = opts.only;
  let load: string[];
  if (only === undefined) load = available.filter(wanted);
  else if (typeof only === "function") load = available.filter((n) => wanted(n) && only(n, meta));
  else {
    const missing = only.filter((n) => !available.includes(n));
    if (missing.length) {
      throw new InvalidRequestError(
        `Could not reflect: requested table(s) not available in ${insp.dialect.name}${schema !== null ? ` schema '${schema}'` : ""}: (${missing.join(", ")})`,
      );
    }
    load = only.filter(wanted);
  }
  const session: Session = new Set();
  for (const name of load) {
    await reflectInto(
      insp,
      name,
      meta,
      { schema, extendExisting: opts.extendExisting, resolveFks: opts.resolveFks },
      session,
    );
  }
}

reflectHook.table = reflectTable;
reflectHook.metadata = reflectMetadata;
