/**
 * MySQL and MariaDB reflection, as SQLAlchemy's MySQL dialect does it: `SHOW CREATE TABLE`
 * (parsed) for a table's columns, keys, foreign keys, CHECKs, comments and options (it is the
 * one source that also covers temporary tables), `SHOW FULL COLUMNS` for views, and
 * information_schema for the lists of tables, views and sequences.
 *
 * MySQL's own rules show through: the primary key has no name (it is always `PRIMARY`); a UNIQUE
 * constraint is a unique index, so it is reported by both `getUniqueConstraints` (marked
 * `duplicatesIndex`) and `getIndexes`, and reflects as a unique Index, as in SQLAlchemy; the
 * index MySQL creates for a foreign key carries the key's name and is marked
 * `duplicatesConstraint`, so re-creating the table does not create it twice.
 */

import type {
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedForeignKey,
  ReflectedIndex,
  ReflectedPrimaryKey,
  ReflectedTableComment,
  ReflectedUniqueConstraint,
  ReflectionContext,
  ReflectionDialect,
} from "../../engine/reflection/reflection-dialect.js";
import { DBAPIError, InvalidRequestError } from "../../exc.js";
import {
  type ParsedColumn,
  type ParsedTable,
  parseShowCreateTable,
  parseType,
  unwrap,
} from "./reflection-parser.js";
import { mysqlType } from "./reflection-types.js";

/** A parsed table, or a view described by its columns. */
interface Described {
  view: boolean;
  table: ParsedTable;
}

/** errnos meaning "no such table" (or database): NO_SUCH_TABLE, BAD_DB_ERROR, BAD_TABLE_ERROR. */
const NO_SUCH = new Set([1146, 1049, 1051]);

function isNoSuchTable(err: unknown): boolean {
  const orig = err instanceof DBAPIError ? err.orig : err;
  return NO_SUCH.has((orig as { errno?: unknown } | null)?.errno as number);
}

const str = (v: unknown): string =>
  typeof v === "string" ? v : v instanceof Buffer ? v.toString() : String(v);
const sorted = (names: string[]): string[] => names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function quoteChar(ctx: ReflectionContext): string {
  return ctx.dialect.identifierPreparer.initialQuote;
}

/** `schema`.`table`, always quoted (no `%` doubling: this SQL goes to the driver as is). */
function qualified(ctx: ReflectionContext, table: string, schema: string | null): string {
  const q = quoteChar(ctx);
  const quote = (n: string) => `${q}${n.replaceAll(q, q + q)}${q}`;
  return schema === null ? quote(table) : `${quote(schema)}.${quote(table)}`;
}

function isMariadb(ctx: ReflectionContext): boolean {
  return (ctx.dialect as { isMariadb?: boolean }).isMariadb === true;
}

function atLeast(v: readonly number[] | null, min: readonly number[]): boolean {
  if (!v) return false;
  for (let i = 0; i < min.length; i++) {
    const a = v[i] ?? 0;
    if (a !== min[i]) return a > min[i];
  }
  return true;
}

/** Names of information_schema.tables rows of the given types, sorted. */
async function namesOfType(
  ctx: ReflectionContext,
  schema: string | null,
  types: readonly string[],
): Promise<string[]> {
  const rows = await ctx.query(
    `SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE())`,
    [schema],
  );
  return sorted(rows.filter((r) => types.includes(str(r[1]))).map((r) => str(r[0])));
}

/** The information_schema.tables type of a table (exact, case-sensitive name), or null. */
async function tableType(
  ctx: ReflectionContext,
  table: string,
  schema: string | null,
): Promise<string | null> {
  const rows = await ctx.query(
    "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?",
    [schema, table],
  );
  const hit = rows.find((r) => str(r[0]) === table);
  return hit ? str(hit[1]) : null;
}

/** SHOW FULL COLUMNS rows as SHOW CREATE TABLE column lines would have given them (views). */
function describedColumns(rows: readonly unknown[][], quote: string): ParsedColumn[] {
  return rows.map((r) => {
    const [field, type, , nul, , dflt, extra, , comment] = r;
    const parsed = parseType(str(type), quote);
    let def: string | null = null;
    if (dflt !== null && dflt !== undefined) {
      const d = str(dflt);
      // SQLAlchemy's _describe_to_create: function defaults as they are, literals quoted
      def = /^current_timestamp/i.test(d) ? d : `'${d.replaceAll("'", "''")}'`;
    }
    const ex = str(extra ?? "").toLowerCase();
    return {
      name: str(field),
      type: parsed,
      nullable: str(nul) === "YES",
      default: def,
      autoIncrement: ex.includes("auto_increment"),
      comment: comment === null || comment === undefined || str(comment) === "" ? null : str(comment),
      computed: null,
      check: null,
    };
  });
}

function describe(ctx: ReflectionContext, table: string, schema: string | null): Promise<Described> {
  return ctx.memo(`mysql.parsed:${schema}:${table}`, async () => {
    const q = quoteChar(ctx);
    const name = qualified(ctx, table, schema);
    const rows = await ctx.query(`SHOW CREATE TABLE ${name}`);
    const sql = str(rows[0]?.[1] ?? "");
    if (rows[0]?.length === 4 || /^CREATE\b[^(]*?\bVIEW\b/i.test(sql)) {
      // a view: its columns as DESCRIBE gives them, no keys
      const cols = await ctx.query(`SHOW FULL COLUMNS FROM ${name}`);
      const t: ParsedTable = {
        temporary: false,
        columns: describedColumns(cols, q),
        keys: [],
        foreignKeys: [],
        checks: [],
        options: [],
      };
      return { view: true, table: t };
    }
    return { view: false, table: parseShowCreateTable(sql, q) };
  });
}

/** MariaDB's JSON columns: a LONGTEXT with the `json_valid(col)` CHECK the server added. */
function jsonColumns(t: ParsedTable, quote: string): Set<string> {
  const out = new Set<string>();
  const isJsonCheck = (col: string, sqltext: string) =>
    sqltext.replace(/\s+/g, "").toLowerCase() ===
    `json_valid(${quote}${col.replaceAll(quote, quote + quote)}${quote})`.toLowerCase();
  for (const c of t.columns) {
    if (c.type.name !== "longtext") continue;
    if (
      (c.check !== null && isJsonCheck(c.name, c.check)) ||
      t.checks.some((ck) => ck.name === c.name && isJsonCheck(c.name, ck.sqltext))
    ) {
      out.add(c.name);
    }
  }
  return out;
}

/**
 * The MySQL / MariaDB implementation of `ReflectionDialect`.
 * @example
 * registerReflectionDialect("mysql", new MySQLReflection());
 */
export class MySQLReflection implements ReflectionDialect {
  async defaultSchemaName(ctx: ReflectionContext): Promise<string | null> {
    const rows = await ctx.query("SELECT DATABASE()");
    const v = rows[0]?.[0];
    return v === null || v === undefined ? null : str(v);
  }

  async getSchemaNames(ctx: ReflectionContext): Promise<string[]> {
    const rows = await ctx.query("SELECT schema_name FROM information_schema.schemata");
    return sorted(rows.map((r) => str(r[0])));
  }

  getTableNames(ctx: ReflectionContext, schema: string | null): Promise<string[]> {
    return namesOfType(ctx, schema, ["BASE TABLE", "SYSTEM VERSIONED"]);
  }

  getViewNames(ctx: ReflectionContext, schema: string | null): Promise<string[]> {
    return namesOfType(ctx, schema, ["VIEW", "SYSTEM VIEW"]);
  }

  async getMaterializedViewNames(): Promise<string[]> {
    return [];
  }

  /**
   * MySQL, and MariaDB before 11.2, keep no catalog of temporary tables (SQLAlchemy's MySQL
   * dialect does not implement this either); MariaDB 11.2+ lists them in information_schema.
   */
  async getTempTableNames(ctx: ReflectionContext): Promise<string[]> {
    if (isMariadb(ctx) && atLeast(ctx.dialect.serverVersionInfo, [11, 2])) {
      return namesOfType(ctx, null, ["TEMPORARY"]);
    }
    throw new InvalidRequestError(
      "getTempTableNames() is not available on MySQL (nor MariaDB before 11.2): the server keeps no catalog of temporary tables",
    );
  }

  /** MySQL has no temporary views. */
  async getTempViewNames(): Promise<string[]> {
    return [];
  }

  async getSequenceNames(ctx: ReflectionContext, schema: string | null): Promise<string[]> {
    if (!ctx.dialect.supportsSequences) return [];
    return namesOfType(ctx, schema, ["SEQUENCE"]);
  }

  /**
   * Tables, views and sequences by information_schema; a temporary table (which it does not
   * list) by `SHOW CREATE TABLE`, as SQLAlchemy probes with DESCRIBE.
   */
  async hasTable(ctx: ReflectionContext, table: string, schema: string | null): Promise<boolean> {
    if ((await tableType(ctx, table, schema)) !== null) return true;
    try {
      await describe(ctx, table, schema);
      return true;
    } catch (err) {
      if (isNoSuchTable(err)) return false;
      throw err;
    }
  }

  async hasSequence(ctx: ReflectionContext, sequence: string, schema: string | null): Promise<boolean> {
    if (!ctx.dialect.supportsSequences) return false;
    return (await tableType(ctx, sequence, schema)) === "SEQUENCE";
  }

  async getColumns(ctx: ReflectionContext, table: string, schema: string | null): Promise<ReflectedColumn[]> {
    const { table: t } = await describe(ctx, table, schema);
    const json = jsonColumns(t, quoteChar(ctx));
    return t.columns.map((c) => {
      const col: ReflectedColumn = {
        name: c.name,
        type: mysqlType(c.type, ctx.dialect.name, json.has(c.name)),
        nullable: c.nullable,
        default: c.default,
        autoincrement: c.autoIncrement,
        comment: c.comment,
      };
      if (c.computed) col.computed = c.computed;
      return col;
    });
  }

  /** MySQL's primary key is always named PRIMARY: the name is null, as in SQLAlchemy. */
  async getPkConstraint(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedPrimaryKey> {
    const { table: t } = await describe(ctx, table, schema);
    const pk = t.keys.find((k) => k.kind === "PRIMARY");
    return { constrainedColumns: pk ? pk.parts.map((p) => p.column ?? "") : [], name: null };
  }

  async getForeignKeys(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedForeignKey[]> {
    const { table: t } = await describe(ctx, table, schema);
    return t.foreignKeys.map((fk) => {
      const options: ReflectedForeignKey["options"] = {};
      if (fk.ondelete && fk.ondelete !== "NO ACTION") options.ondelete = fk.ondelete;
      if (fk.onupdate && fk.onupdate !== "NO ACTION") options.onupdate = fk.onupdate;
      if (fk.match) options.match = fk.match;
      return {
        name: fk.name,
        constrainedColumns: fk.columns,
        // the server names the database only when it is not the table's own
        referredSchema: fk.refSchema ?? schema,
        referredTable: fk.refTable,
        referredColumns: fk.refColumns,
        options,
      };
    });
  }

  async getIndexes(ctx: ReflectionContext, table: string, schema: string | null): Promise<ReflectedIndex[]> {
    const { table: t } = await describe(ctx, table, schema);
    const prefix = ctx.dialect.name;
    const out: ReflectedIndex[] = [];
    for (const key of t.keys) {
      if (key.kind === "PRIMARY" || key.name === null) continue;
      const opts: Record<string, unknown> = {};
      if (key.kind === "FULLTEXT" || key.kind === "SPATIAL") opts[`${prefix}Prefix`] = key.kind;
      if (key.parser) opts[`${prefix}WithParser`] = key.parser;
      if (key.using) opts[`${prefix}Using`] = key.using;
      const lengths: Record<string, number> = {};
      for (const p of key.parts) if (p.column !== null && p.length !== null) lengths[p.column] = p.length;
      if (Object.keys(lengths).length) opts[`${prefix}Length`] = lengths;
      const ix: ReflectedIndex = {
        name: key.name,
        columnNames: key.parts.map((p) => p.column),
        unique: key.kind === "UNIQUE",
        dialectOptions: opts,
      };
      // SQLAlchemy's `type` key: UNIQUE, FULLTEXT or SPATIAL (a DESC key part is not reported)
      if (key.kind) ix.type = key.kind;
      if (key.parts.some((p) => p.expression !== null)) {
        ix.expressions = key.parts.map(
          (p) => p.expression ?? qualifiedColumn(quoteChar(ctx), p.column ?? ""),
        );
      }
      // the index MySQL made for a foreign key is named after it: creating the key makes it again
      const fk = t.foreignKeys.find(
        (f) =>
          f.name === key.name &&
          key.kind === null &&
          key.parts.length === f.columns.length &&
          key.parts.every((p, i) => p.column === f.columns[i] && p.length === null),
      );
      if (fk) ix.duplicatesConstraint = fk.name;
      out.push(ix);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** UNIQUE keys; each is also an index (`duplicatesIndex`), which is how they reflect. */
  async getUniqueConstraints(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedUniqueConstraint[]> {
    const { table: t } = await describe(ctx, table, schema);
    return t.keys
      .filter((k) => k.kind === "UNIQUE" && k.name !== null)
      .map((k) => ({
        name: k.name,
        columnNames: k.parts.map((p) => p.column ?? ""),
        duplicatesIndex: k.name as string,
      }))
      .sort((a, b) => (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0));
  }

  /**
   * Table-level CHECKs and MariaDB's column-level ones (named after their column, as MariaDB
   * names them), without the `json_valid()` CHECK of MariaDB's JSON columns; sorted by name.
   */
  async getCheckConstraints(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedCheckConstraint[]> {
    const { table: t } = await describe(ctx, table, schema);
    const json = jsonColumns(t, quoteChar(ctx));
    const out: ReflectedCheckConstraint[] = [];
    for (const c of t.columns) {
      if (c.check !== null && !json.has(c.name)) out.push({ name: c.name, sqltext: unwrap(c.check) });
    }
    for (const ck of t.checks) {
      if (!json.has(ck.name)) out.push({ name: ck.name, sqltext: unwrap(ck.sqltext) });
    }
    return out.sort((a, b) => (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0));
  }

  async getTableComment(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedTableComment> {
    const { table: t } = await describe(ctx, table, schema);
    const comment = t.options.find(([k]) => k === "COMMENT");
    return { text: comment && comment[1] !== "" ? comment[1] : null };
  }

  /**
   * `ENGINE`, `DEFAULT CHARSET`, `COLLATE`, `ROW_FORMAT` … as `mysqlEngine`, `mysqlDefaultCharset`,
   * `mysqlCollate` … (the dialect name is the prefix); AUTO_INCREMENT, the comment and the
   * directories are left out, as SQLAlchemy leaves them out.
   */
  async getTableOptions(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<Record<string, unknown>> {
    const { table: t } = await describe(ctx, table, schema);
    const out: Record<string, unknown> = {};
    for (const [key, value] of t.options) {
      if (SKIPPED_OPTIONS.has(key)) continue;
      const words = (key === "CHARSET" ? "DEFAULT CHARSET" : key).toLowerCase().split(/[ _]+/);
      out[ctx.dialect.name + words.map((w) => w[0].toUpperCase() + w.slice(1)).join("")] = value;
    }
    return out;
  }

  /** The view's `CREATE … VIEW` statement as SHOW CREATE VIEW gives it (as SQLAlchemy returns it). */
  async getViewDefinition(
    ctx: ReflectionContext,
    view: string,
    schema: string | null,
  ): Promise<string | null> {
    const type = await tableType(ctx, view, schema);
    if (type !== "VIEW" && type !== "SYSTEM VIEW") return null;
    const rows = await ctx.query(`SHOW CREATE VIEW ${qualified(ctx, view, schema)}`);
    return rows.length ? str(rows[0][1]) : null;
  }
}

const SKIPPED_OPTIONS = new Set(["AUTO_INCREMENT", "COMMENT", "DATA DIRECTORY", "INDEX DIRECTORY"]);

function qualifiedColumn(quote: string, column: string): string {
  return `${quote}${column.replaceAll(quote, quote + quote)}${quote}`;
}
