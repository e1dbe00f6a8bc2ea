/**
 * SQLite reflection: PRAGMA table_xinfo / foreign_key_list / index_list / index_xinfo for what
 * SQLite reports, and its stored CREATE statements (parsed) for constraint names, UNIQUE and
 * CHECK constraints, FK deferrability, index expressions and partial-index predicates.
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
import { type ParsedTable, parseCreateIndex, parseCreateTable } from "./ddl-parser.js";
import { sqliteIndexes } from "./reflection-indexes.js";
import { masterSql, pragma, schemaPrefix } from "./reflection-queries.js";
import { sqliteType } from "./reflection-types.js";

function parsedTable(
  ctx: ReflectionContext,
  table: string,
  schema: string | null,
): Promise<ParsedTable | null> {
  return ctx.memo(`sqlite.parsed:${schema}:${table}`, async () => {
    const sql = await masterSql(ctx, table, schema, "'table'");
    return sql === null ? null : parseCreateTable(sql);
  });
}

function names(ctx: ReflectionContext, master: string, type: string): Promise<string[]> {
  return ctx
    .query(
      `SELECT name FROM ${master} WHERE type = '${type}' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name`,
    )
    .then((rows) => rows.map((r) => String(r[0])));
}

/** Sorts by name with unnamed ones last, as SQLAlchemy's SQLite dialect does. */
function byName<T extends { name: string | null }>(items: T[]): T[] {
  return items.sort((a, b) => (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff"));
}

/**
 * The SQLite implementation of `ReflectionDialect`.
 * @example
 * registerReflectionDialect("sqlite", new SQLiteReflection());
 */
export class SQLiteReflection implements ReflectionDialect {
  async defaultSchemaName(): Promise<string> {
    return "main";
  }

  async getSchemaNames(ctx: ReflectionContext): Promise<string[]> {
    const rows = await ctx.query("PRAGMA database_list");
    return rows.map((r) => String(r[1])).filter((n) => n !== "temp");
  }

  getTableNames(ctx: ReflectionContext, schema: string | null): Promise<string[]> {
    return names(ctx, `${schemaPrefix(ctx, schema)}sqlite_master`, "table");
  }

  getViewNames(ctx: ReflectionContext, schema: string | null): Promise<string[]> {
    return names(ctx, `${schemaPrefix(ctx, schema)}sqlite_master`, "view");
  }

  async getMaterializedViewNames(): Promise<string[]> {
    return [];
  }

  getTempTableNames(ctx: ReflectionContext): Promise<string[]> {
    return names(ctx, "sqlite_temp_master", "table");
  }

  getTempViewNames(ctx: ReflectionContext): Promise<string[]> {
    return names(ctx, "sqlite_temp_master", "view");
  }

  async getSequenceNames(): Promise<string[]> {
    return [];
  }

  async hasTable(ctx: ReflectionContext, table: string, schema: string | null): Promise<boolean> {
    if (schema !== null && schema !== "temp" && !(await this.getSchemaNames(ctx)).includes(schema))
      return false;
    return (await pragma(ctx, "table_info", table, schema)).length > 0;
  }

  async hasSequence(): Promise<boolean> {
    return false;
  }

  async getColumns(ctx: ReflectionContext, table: string, schema: string | null): Promise<ReflectedColumn[]> {
    const rows = await pragma(ctx, "table_xinfo", table, schema);
    const parsed = await parsedTable(ctx, table, schema);
    const pkCount = rows.filter((r) => Number(r[5]) > 0).length;
    const out: ReflectedColumn[] = [];
    for (const [, name, type, notnull, dflt, pk, hidden] of rows) {
      // hidden: 1 a virtual table's hidden column, 2 a VIRTUAL generated column, 3 a STORED one
      const h = Number(hidden ?? 0);
      if (h === 1) continue;
      const generated = h === 2 || h === 3;
      let declared = String(type ?? "");
      if (generated) declared = declared.replace(/\b(generated|always)\b/gi, "").trim();
      const col: ReflectedColumn = {
        name: String(name),
        type: sqliteType(declared, ctx.dialect),
        nullable: !Number(notnull),
        default: dflt === null || dflt === undefined ? null : String(dflt),
        // only an INTEGER PRIMARY KEY of a rowid table is an alias of the rowid
        autoincrement:
          Number(pk) === 1 && pkCount === 1 && declared.toUpperCase() === "INTEGER" && !parsed?.withoutRowid,
        comment: null,
      };
      if (generated) {
        const sqltext = parsed?.columns.find((c) => c.name === col.name)?.computed ?? "";
        col.computed = { sqltext, persisted: h === 3 };
      }
      out.push(col);
    }
    return out;
  }

  async getPkConstraint(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedPrimaryKey> {
    const rows = await pragma(ctx, "table_xinfo", table, schema);
    const pk = rows.filter((r) => Number(r[5]) > 0).sort((a, b) => Number(a[5]) - Number(b[5]));
    if (pk.length === 0) return { constrainedColumns: [], name: null };
    const parsed = await parsedTable(ctx, table, schema);
    return { constrainedColumns: pk.map((r) => String(r[1])), name: parsed?.primaryKeyName ?? null };
  }

  async getForeignKeys(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedForeignKey[]> {
    const rows = await pragma(ctx, "foreign_key_list", table, schema);
    // PRAGMA: id, seq, table, from, to, on_update, on_delete, match; one row per column
    const groups = new Map<
      number,
      { table: string; from: string[]; to: (string | null)[]; row: unknown[] }
    >();
    for (const r of [...rows].sort((a, b) => Number(a[0]) - Number(b[0]) || Number(a[1]) - Number(b[1]))) {
      let g = groups.get(Number(r[0]));
      if (!g) groups.set(Number(r[0]), (g = { table: String(r[2]), from: [], to: [], row: r }));
      g.from.push(String(r[3]));
      g.to.push(r[4] === null || r[4] === undefined ? null : String(r[4]));
    }
    const parsed = (await parsedTable(ctx, table, schema))?.foreignKeys ?? [];
    const used = new Set<number>();
    const out: { fk: ReflectedForeignKey; order: number }[] = [];
    for (const g of groups.values()) {
      let referredColumns = g.to.filter((c): c is string => c !== null);
      if (referredColumns.length !== g.to.length) {
        referredColumns = (await this.hasTable(ctx, g.table, schema))
          ? (await this.getPkConstraint(ctx, g.table, schema)).constrainedColumns
          : [];
      }
      const same = (a: readonly string[], b: readonly string[]) =>
        a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i].toLowerCase());
      const at = parsed.findIndex(
        (p, i) =>
          !used.has(i) &&
          same(p.columns, g.from) &&
          p.referredTable.toLowerCase() === g.table.toLowerCase() &&
          (p.referredColumns.length === 0 || same(p.referredColumns, referredColumns)),
      );
      const p = at >= 0 ? parsed[at] : undefined;
      const options = { ...(p?.options ?? {}) };
      const [onupdate, ondelete] = [String(g.row[5] ?? ""), String(g.row[6] ?? "")];
      if (onupdate && onupdate !== "NO ACTION") options.onupdate = onupdate;
      if (ondelete && ondelete !== "NO ACTION") options.ondelete = ondelete;
      out.push({
        fk: {
          name: p?.name ?? null,
          constrainedColumns: g.from,
          referredSchema: schema,
          referredTable: g.table,
          referredColumns,
          options,
        },
        order: at >= 0 ? at : Number.MAX_SAFE_INTEGER,
      });
      used.add(at);
    }
    // the order they were written in; SQLite lists them backwards
    return out.sort((a, b) => a.order - b.order).map((x) => x.fk);
  }

  getIndexes(ctx: ReflectionContext, table: string, schema: string | null): Promise<ReflectedIndex[]> {
    return sqliteIndexes(ctx, table, schema, (name) =>
      masterSql(ctx, name, schema, "'index'").then((sql) => (sql === null ? null : parseCreateIndex(sql))),
    );
  }

  async getUniqueConstraints(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedUniqueConstraint[]> {
    const parsed = await parsedTable(ctx, table, schema);
    return (parsed?.uniques ?? []).map((u) => ({ name: u.name, columnNames: [...u.columns] }));
  }

  async getCheckConstraints(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedCheckConstraint[]> {
    const parsed = await parsedTable(ctx, table, schema);
    return byName((parsed?.checks ?? []).map((c) => ({ name: c.name, sqltext: c.sqltext })));
  }

  async getTableComment(): Promise<ReflectedTableComment> {
    return { text: null };
  }

  async getTableOptions(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<Record<string, unknown>> {
    const parsed = await parsedTable(ctx, table, schema);
    const out: Record<string, unknown> = {};
    if (parsed?.columns.some((c) => c.autoincrement)) out.sqliteAutoincrement = true;
    if (parsed?.withoutRowid) out.sqliteWithRowid = false;
    if (parsed?.strict) out.sqliteStrict = true;
    return out;
  }

  getViewDefinition(ctx: ReflectionContext, view: string, schema: string | null): Promise<string | null> {
    return masterSql(ctx, view, schema, "'view'");
  }
}
