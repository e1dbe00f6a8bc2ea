/**
 * The seam between the Inspector and each database: the normalised shapes of SQLAlchemy's
 * reflection dicts (camelCase keys) and the `ReflectionDialect` interface a dialect implements
 * (SQLite, PostgreSQL and MySQL/MariaDB, each registered by dialect name).
 */
import type { Dialect } from "../../sql/dialect.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";

/** `GENERATED … AS IDENTITY` options of a column; bounds outside JS's safe integers are left out. */
export interface ReflectedIdentity {
  always: boolean;
  start?: number;
  increment?: number;
  minvalue?: number;
  maxvalue?: number;
  cycle?: boolean;
  cache?: number;
}

/** A computed (generated) column: its expression and whether it is stored. */
export interface ReflectedComputed {
  sqltext: string;
  persisted: boolean;
}

/** One column, as `getColumns` gives it. */
export interface ReflectedColumn {
  name: string;
  /** an alkahest type instance (`String(50)`, `Numeric(10, 2)`, `ARRAY(Integer)` …) */
  type: TypeEngine;
  nullable: boolean;
  /** the server default as SQL text, or null */
  default: string | null;
  /** the database generates values (SQLite rowid alias, SERIAL, IDENTITY, AUTO_INCREMENT) */
  autoincrement: boolean;
  comment: string | null;
  computed?: ReflectedComputed;
  identity?: ReflectedIdentity;
  dialectOptions?: Record<string, unknown>;
}

/** The primary key; `constrainedColumns` is empty when the table has none. */
export interface ReflectedPrimaryKey {
  constrainedColumns: string[];
  name: string | null;
  /** `postgresqlInclude` (PostgreSQL 11+) */
  dialectOptions?: Record<string, unknown>;
  /** PostgreSQL gives the key, null without a comment, as SQLAlchemy does */
  comment?: string | null;
}

/** ON DELETE / ON UPDATE (NO ACTION is left out), DEFERRABLE, INITIALLY, MATCH. */
export interface ReflectedForeignKeyOptions {
  ondelete?: string;
  onupdate?: string;
  deferrable?: boolean;
  initially?: string;
  match?: string;
}

/** One foreign key constraint. */
export interface ReflectedForeignKey {
  name: string | null;
  constrainedColumns: string[];
  /** null when the referred table is found without a schema (same schema, search path) */
  referredSchema: string | null;
  referredTable: string;
  referredColumns: string[];
  options: ReflectedForeignKeyOptions;
  /** PostgreSQL gives the key, null without a comment, as SQLAlchemy does */
  comment?: string | null;
}

/** SQLAlchemy's per-column sort flags of an index (only those differing from the default). */
export type IndexColumnSorting = "desc" | "nulls_first" | "nulls_last";

/** One index. Expression elements are `null` in `columnNames` and spelled out in `expressions`. */
export interface ReflectedIndex {
  name: string;
  columnNames: (string | null)[];
  unique: boolean;
  /** every element as SQL text, present when some element is an expression */
  expressions?: string[];
  /** INCLUDE columns (PostgreSQL) */
  includeColumns?: string[];
  /** PostgreSQL only, as in SQLAlchemy: the sort flags that differ from the default */
  columnSorting?: Record<string, IndexColumnSorting[]>;
  /** MySQL: `UNIQUE`, `FULLTEXT` or `SPATIAL` */
  type?: string;
  /** the index backs this constraint (PostgreSQL UNIQUE/PRIMARY KEY), so reflection skips it */
  duplicatesConstraint?: string;
  /** `sqliteWhere`, `postgresqlWhere`, `postgresqlInclude`, `postgresqlUsing`, `postgresqlWith` … */
  dialectOptions: Record<string, unknown>;
}

/** One UNIQUE constraint. */
export interface ReflectedUniqueConstraint {
  name: string | null;
  columnNames: string[];
  /** PostgreSQL gives the key, null without a comment, as SQLAlchemy does */
  comment?: string | null;
  /**
   * the constraint is this unique index (MySQL, where the two are one thing): reflection builds
   * the Index from `getIndexes` and skips the constraint, as SQLAlchemy's `duplicates_index`
   */
  duplicatesIndex?: string;
  dialectOptions?: Record<string, unknown>;
}

/** One CHECK constraint; `sqltext` is the expression without `CHECK ( )`. */
export interface ReflectedCheckConstraint {
  name: string | null;
  sqltext: string;
  /** PostgreSQL gives the key, null without a comment, as SQLAlchemy does */
  comment?: string | null;
  dialectOptions?: Record<string, unknown>;
}

/** A table's comment. */
export interface ReflectedTableComment {
  text: string | null;
}

/**
 * What a dialect's reflection runs on: a query function over the Inspector's connection (the
 * driver's own placeholders), the dialect, and a memo shared with the Inspector's cache.
 */
export interface ReflectionContext {
  readonly dialect: Dialect;
  /** runs SQL with the driver's placeholders; rows come back as arrays */
  query(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  /** runs `fn` once per key for the Inspector's lifetime (until `clearCache()`) */
  memo<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * Per-database reflection. Per-table methods may assume the table exists (the Inspector checks
 * with `hasTable` first and raises NoSuchTableError). `schema` null means the default schema
 * (SQLite: main and temp; PostgreSQL: the search path).
 * @example
 * registerReflectionDialect("mysql", new MySQLReflection());
 */
export interface ReflectionDialect {
  defaultSchemaName(ctx: ReflectionContext): Promise<string | null>;
  getSchemaNames(ctx: ReflectionContext): Promise<string[]>;
  getTableNames(ctx: ReflectionContext, schema: string | null): Promise<string[]>;
  getViewNames(ctx: ReflectionContext, schema: string | null): Promise<string[]>;
  getMaterializedViewNames(ctx: ReflectionContext, schema: string | null): Promise<string[]>;
  getTempTableNames(ctx: ReflectionContext): Promise<string[]>;
  getTempViewNames(ctx: ReflectionContext): Promise<string[]>;
  getSequenceNames(ctx: ReflectionContext, schema: string | null): Promise<string[]>;
  /** tables and views alike, as SQLAlchemy's `has_table` */
  hasTable(ctx: ReflectionContext, table: string, schema: string | null): Promise<boolean>;
  hasSequence(ctx: ReflectionContext, sequence: string, schema: string | null): Promise<boolean>;
  getColumns(ctx: ReflectionContext, table: string, schema: string | null): Promise<ReflectedColumn[]>;
  getPkConstraint(ctx: ReflectionContext, table: string, schema: string | null): Promise<ReflectedPrimaryKey>;
  getForeignKeys(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedForeignKey[]>;
  getIndexes(ctx: ReflectionContext, table: string, schema: string | null): Promise<ReflectedIndex[]>;
  getUniqueConstraints(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedUniqueConstraint[]>;
  getCheckConstraints(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedCheckConstraint[]>;
  getTableComment(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedTableComment>;
  /** Table dialect options that CREATE TABLE needs back (`sqliteWithRowid: false` …). */
  getTableOptions(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<Record<string, unknown>>;
  /** The view's definition, or null when there is no such view. */
  getViewDefinition(ctx: ReflectionContext, view: string, schema: string | null): Promise<string | null>;
}

const registry = new Map<string, ReflectionDialect>();

/**
 * Registers the reflection of a database under its dialect name (`Dialect.name`).
 * @example
 * registerReflectionDialect("mysql", new MySQLReflection());
 */
export function registerReflectionDialect(name: string, reflection: ReflectionDialect): void {
  registry.set(name, reflection);
}

/**
 * The registered reflection for a dialect name, or undefined.
 * @example
 * reflectionDialectFor(conn.dialect.name)?.getTableNames(ctx, null);
 */
export function reflectionDialectFor(name: string): ReflectionDialect | undefined {
  return registry.get(name);
}
