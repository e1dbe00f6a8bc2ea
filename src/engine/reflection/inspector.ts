import type { RuntimeDialect } from "../../dialects/runtime.js";
import { ArgumentError, NoSuchTableError } from "../../exc.js";
import { Connection } from "../connection.js";
import type { Engine } from "../engine.js";
import "./dialects.js";
import {
  type ReflectedCheckConstraint,
  type ReflectedColumn,
  type ReflectedForeignKey,
  type ReflectedIndex,
  type ReflectedPrimaryKey,
  type ReflectedTableComment,
  type ReflectedUniqueConstraint,
  type ReflectionContext,
  type ReflectionDialect,
  reflectionDialectFor,
} from "./reflection-dialect.js";
import { type SortedTableAndFkcNames, sortTablesAndFks } from "./sorted-tables.js";

/** What `inspect()` accepts: an Engine (a connection is checked out per operation) or a Connection. */
export type InspectBind = Engine | Connection;

/**
 * A schema argument: the name (`null` or omitted: the default schema), or SQLAlchemy's keyword
 * form `{ schema }`, so that `insp.hasTable("t", { schema: "s" })` is not read as "no schema".
 */
export type SchemaArg = string | null | { readonly schema?: string | null };

function schemaName(arg: SchemaArg | undefined): string | null {
  if (arg === undefined || arg === null) return null;
  if (typeof arg === "string") return arg;
  if (typeof arg === "object") return arg.schema ?? null;
  throw new ArgumentError(`schema must be a string, null or { schema } (got ${typeof arg})`);
}

/** `schema.table` for messages, as SQLAlchemy names a missing table. */
function qualified(table: string, schema: string | null): string {
  return schema === null ? table : `${schema}.${table}`;
}

/**
 * Reads the live schema: tables, columns, constraints, indexes, comments, views, sequences, in
 * SQLAlchemy's shapes with camelCase keys. Results are cached per inspector (`clearCache()`
 * forgets them) and shared, so treat them as read-only. Bound to an Engine, it holds one pooled
 * connection while operations are in flight and returns it as soon as none is, so a forgotten
 * inspector pins no connection and keeps no SQLite read lock.
 * @example
 * const insp = await sa.inspect(engine);
 * for (const t of await insp.getTableNames()) console.log(t, await insp.getColumns(t));
 */
export class Inspector {
  readonly bind: InspectBind;
  readonly dialect: RuntimeDialect;
  private readonly _reflection: ReflectionDialect;
  private readonly _cache = new Map<string, Promise<unknown>>();
  private _lease: { conn: Promise<Connection>; refs: number } | null = null;
  private _defaultSchemaName: string | null = null;

  /** @internal use `sa.inspect()` */
  constructor(bind: InspectBind, reflection: ReflectionDialect) {
    this.bind = bind;
    this.dialect = bind.dialect;
    this._reflection = reflection;
  }

  /** The schema unqualified names resolve in (`main`, the first search_path entry). */
  get defaultSchemaName(): string | null {
    return this._defaultSchemaName;
  }

  /** @internal reads the default schema; `inspect()` calls it */
  async _init(): Promise<this> {
    this._defaultSchemaName = await this._cached("defaultSchemaName", [], (ctx) =>
      this._reflection.defaultSchemaName(ctx),
    );
    return this;
  }

  /** Forgets every cached answer (after DDL, say). */
  clearCache(): void {
    this._cache.clear();
  }

  private async _withConnection<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    if (this.bind instanceof Connection) return fn(this.bind);
    if (!this._lease) this._lease = { conn: this.bind.connect(), refs: 0 };
    const lease = this._lease;
    lease.refs++;
    try {
      return await fn(await lease.conn);
    } finally {
      if (--lease.refs === 0) {
        if (this._lease === lease) this._lease = null;
        await lease.conn.then(
          (c) => c.close(),
          () => undefined,
        );
      }
    }
  }

  private _context(conn: Connection): ReflectionContext {
    return {
      dialect: this.dialect,
      query: async (sql, params) => {
        const result = await conn.execDriverSql(sql, params === undefined ? undefined : [...params]);
        const rows = await result.all();
        return rows.map((row) => [...row]);
      },
      memo: (key, fn) => this._memo(`memo\u0000${key}`, fn),
    };
  }

  private _memo<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let p = this._cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = fn();
      this._cache.set(key, p);
      // a failure is not remembered: the next call asks again
      p.catch(() => {
        if (this._cache.get(key) === p) this._cache.delete(key);
      });
    }
    return p;
  }

  private _cached<T>(
    method: string,
    args: readonly unknown[],
    fn: (ctx: ReflectionContext) => Promise<T>,
  ): Promise<T> {
    const key = `${method}\u0000${JSON.stringify(args)}`;
    return this._memo(key, () => this._withConnection((conn) => fn(this._context(conn))));
  }

  /** A per-table lookup: NoSuchTableError (naming the table) when it does not exist. */
  private _perTable<T>(
    method: string,
    table: string,
    schema: SchemaArg | undefined,
    fn: (ctx: ReflectionContext, schema: string | null) => Promise<T>,
  ): Promise<T> {
    const s = schemaName(schema);
    return this._cached(method, [table, s], async (ctx) => {
      if (!(await this.hasTable(table, s))) throw new NoSuchTableError(qualified(table, s));
      return fn(ctx, s);
    });
  }

  /** Schema names (SQLite: attached databases, without `temp`). */
  getSchemaNames(): Promise<string[]> {
    return this._cached("getSchemaNames", [], (ctx) => this._reflection.getSchemaNames(ctx));
  }

  /** Table names of a schema (default: the default schema), sorted. */
  getTableNames(schema?: SchemaArg): Promise<string[]> {
    return this._cached("getTableNames", [schemaName(schema)], (ctx) =>
      this._reflection.getTableNames(ctx, schemaName(schema)),
    );
  }

  /** View names of a schema, sorted. */
  getViewNames(schema?: SchemaArg): Promise<string[]> {
    return this._cached("getViewNames", [schemaName(schema)], (ctx) =>
      this._reflection.getViewNames(ctx, schemaName(schema)),
    );
  }

  /** Materialized view names of a schema (PostgreSQL), sorted. */
  getMaterializedViewNames(schema?: SchemaArg): Promise<string[]> {
    return this._cached("getMaterializedViewNames", [schemaName(schema)], (ctx) =>
      this._reflection.getMaterializedViewNames(ctx, schemaName(schema)),
    );
  }

  /** Temporary table names of this connection, sorted. */
  getTempTableNames(): Promise<string[]> {
    return this._cached("getTempTableNames", [], (ctx) => this._reflection.getTempTableNames(ctx));
  }

  /** Temporary view names of this connection, sorted. */
  getTempViewNames(): Promise<string[]> {
    return this._cached("getTempViewNames", [], (ctx) => this._reflection.getTempViewNames(ctx));
  }

  /** Sequence names of a schema, sorted (none on SQLite). */
  getSequenceNames(schema?: SchemaArg): Promise<string[]> {
    return this._cached("getSequenceNames", [schemaName(schema)], (ctx) =>
      this._reflection.getSequenceNames(ctx, schemaName(schema)),
    );
  }

  /** Whether a table or view exists. */
  hasTable(table: string, schema?: SchemaArg): Promise<boolean> {
    return this._cached("hasTable", [table, schemaName(schema)], (ctx) =>
      this._reflection.hasTable(ctx, table, schemaName(schema)),
    );
  }

  /** Whether a table has an index of this name. */
  async hasIndex(table: string, index: string, schema?: SchemaArg): Promise<boolean> {
    return (await this.getIndexes(table, schema)).some((ix) => ix.name === index);
  }

  /** Whether a sequence exists. */
  hasSequence(sequence: string, schema?: SchemaArg): Promise<boolean> {
    return this._cached("hasSequence", [sequence, schemaName(schema)], (ctx) =>
      this._reflection.hasSequence(ctx, sequence, schemaName(schema)),
    );
  }

  /** Whether a schema exists. */
  async hasSchema(schema: string): Promise<boolean> {
    return (await this.getSchemaNames()).includes(schema);
  }

  /**
   * The columns of a table or view, in order.
   * @example
   * (await insp.getColumns("users"))[0]; // { name: "id", type: IntegerType, nullable: false, default: null, autoincrement: true, comment: null }
   */
  getColumns(table: string, schema?: SchemaArg): Promise<ReflectedColumn[]> {
    return this._perTable("getColumns", table, schema, (ctx, s) =>
      this._reflection.getColumns(ctx, table, s),
    );
  }

  /** The primary key: `{ constrainedColumns, name }` (no columns when there is none). */
  getPkConstraint(table: string, schema?: SchemaArg): Promise<ReflectedPrimaryKey> {
    return this._perTable("getPkConstraint", table, schema, (ctx, s) =>
      this._reflection.getPkConstraint(ctx, table, s),
    );
  }

  /** The foreign keys: `[{ name, constrainedColumns, referredSchema, referredTable, referredColumns, options }]`. */
  getForeignKeys(table: string, schema?: SchemaArg): Promise<ReflectedForeignKey[]> {
    return this._perTable("getForeignKeys", table, schema, (ctx, s) =>
      this._reflection.getForeignKeys(ctx, table, s),
    );
  }

  /** The indexes (not the primary key's), sorted by name. */
  getIndexes(table: string, schema?: SchemaArg): Promise<ReflectedIndex[]> {
    return this._perTable("getIndexes", table, schema, (ctx, s) =>
      this._reflection.getIndexes(ctx, table, s),
    );
  }

  /** The UNIQUE constraints: `[{ name, columnNames }]`. */
  getUniqueConstraints(table: string, schema?: SchemaArg): Promise<ReflectedUniqueConstraint[]> {
    return this._perTable("getUniqueConstraints", table, schema, (ctx, s) =>
      this._reflection.getUniqueConstraints(ctx, table, s),
    );
  }

  /** The CHECK constraints: `[{ name, sqltext }]`. */
  getCheckConstraints(table: string, schema?: SchemaArg): Promise<ReflectedCheckConstraint[]> {
    return this._perTable("getCheckConstraints", table, schema, (ctx, s) =>
      this._reflection.getCheckConstraints(ctx, table, s),
    );
  }

  /** The table's comment: `{ text }` (always null on SQLite). */
  getTableComment(table: string, schema?: SchemaArg): Promise<ReflectedTableComment> {
    return this._perTable("getTableComment", table, schema, (ctx, s) =>
      this._reflection.getTableComment(ctx, table, s),
    );
  }

  /** Table options CREATE TABLE needs back (`sqliteAutoincrement`, `sqliteWithRowid`, `sqliteStrict`). */
  getTableOptions(table: string, schema?: SchemaArg): Promise<Record<string, unknown>> {
    return this._perTable("getTableOptions", table, schema, (ctx, s) =>
      this._reflection.getTableOptions(ctx, table, s),
    );
  }

  /** A view's definition (SQLite: its CREATE VIEW; PostgreSQL: the SELECT). */
  getViewDefinition(view: string, schema?: SchemaArg): Promise<string> {
    const s = schemaName(schema);
    return this._cached("getViewDefinition", [view, s], async (ctx) => {
      const def = await this._reflection.getViewDefinition(ctx, view, s);
      if (def === null) throw new NoSuchTableError(qualified(view, s));
      return def;
    });
  }

  /**
   * Table names in dependency order with their FK names; FKs inside cycles come last as
   * `[null, [[table, fkName], …]]` (SQLAlchemy's `get_sorted_table_and_fkc_names`).
   * @example
   * for (const [table, fks] of await insp.getSortedTableAndFkcNames()) …
   */
  async getSortedTableAndFkcNames(schema?: SchemaArg): Promise<SortedTableAndFkcNames> {
    const tables = await this.getTableNames(schema);
    const fks = new Map<string, ReflectedForeignKey[]>();
    for (const t of tables) fks.set(t, await this.getForeignKeys(t, schema));
    return sortTablesAndFks(tables, fks);
  }
}

/**
 * An Inspector for an Engine or a Connection (SQLAlchemy's `inspect()`).
 * @example
 * const insp = await sa.inspect(conn);
 * await insp.getPkConstraint("users"); // { constrainedColumns: ["id"], name: null }
 */
export async function inspect(bind: InspectBind): Promise<Inspector> {
  const reflection = reflectionDialectFor(bind.dialect.name);
  if (!reflection) {
    throw new ArgumentError(`No reflection is available for the '${bind.dialect.name}' dialect`);
  }
  return new Inspector(bind, reflection)._init();
}
