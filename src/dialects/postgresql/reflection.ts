/**
 * PostgreSQL reflection over pg_catalog: columns (arrays, enums, domains, SERIAL, IDENTITY,
 * generated), constraints by oid, indexes with expressions, INCLUDE, partial predicates and
 * access methods, comments and view definitions.
 */
import type {
  IndexColumnSorting,
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
import { columnFromRow } from "./reflection-columns.js";
import {
  columnsSql,
  constraintsSql,
  FOREIGN_KEYS_SQL,
  indexesSql,
  pgMajor,
  RELKINDS_ANY,
  relationNames,
  relationOid,
  scopeClause,
} from "./reflection-queries.js";

const FK_ACTIONS: Record<string, string> = { r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
/** SQLAlchemy's PostgreSQL constraint entries always carry `comment`, null without one. */
const comment = (v: unknown): { comment: string | null } => ({ comment: typeof v === "string" ? v : null });

/** The INCLUDE columns of a PRIMARY KEY / UNIQUE definition (`UNIQUE (a) INCLUDE (b, "C")`). */
function includeOf(def: unknown): string[] {
  const m = /\bINCLUDE \((.*)\)/.exec(String(def ?? ""));
  if (!m) return [];
  return m[1].split(",").map((c) => c.trim().replace(/^"(.*)"$/, (_q, n: string) => n.replaceAll('""', '"')));
}

/** `CHECK (expr) [NO INHERIT] [NOT VALID]` → expr, without parentheses that wrap all of it. */
function checkBody(def: string): { sqltext: string; dialectOptions?: Record<string, unknown> } {
  const m = /^CHECK *\((.+)\)( NO INHERIT)?( NOT VALID)?$/s.exec(def);
  if (!m) return { sqltext: "" };
  let body = m[1].trim();
  while (body.startsWith("(") && closingParen(body) === body.length - 1) body = body.slice(1, -1).trim();
  const options: Record<string, unknown> = {};
  if (m[2]) options.postgresqlNoInherit = true;
  if (m[3]) options.postgresqlNotValid = true;
  return Object.keys(options).length ? { sqltext: body, dialectOptions: options } : { sqltext: body };
}

/** Index of the `)` closing the `(` at 0, skipping quoted text. */
function closingParen(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"') {
      i = s.indexOf(ch, i + 1);
      if (i < 0) return -1;
    } else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return -1;
}

/**
 * The PostgreSQL implementation of `ReflectionDialect`.
 * @example
 * registerReflectionDialect("postgresql", new PGReflection());
 */
export class PGReflection implements ReflectionDialect {
  async defaultSchemaName(ctx: ReflectionContext): Promise<string | null> {
    const rows = await ctx.query("SELECT current_schema()");
    return rows[0]?.[0] === null || rows[0]?.[0] === undefined ? null : String(rows[0][0]);
  }

  async getSchemaNames(ctx: ReflectionContext): Promise<string[]> {
    const rows = await ctx.query(
      "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%' ORDER BY nspname",
    );
    return rows.map((r) => String(r[0]));
  }

  getTableNames(ctx: ReflectionContext, schema: string | null): Promise<string[]> {
    return relationNames(ctx, "'r', 'p'", schema, false);
  }

  getViewNames(ctx: ReflectionContext, schema: string | null): Promise<string[]> {
    return relationNames(ctx, "'v'", schema, false);
  }

  getMaterializedViewNames(ctx: ReflectionContext, schema: string | null): Promise<string[]> {
    return relationNames(ctx, "'m'", schema, false);
  }

  getTempTableNames(ctx: ReflectionContext): Promise<string[]> {
    return relationNames(ctx, "'r', 'p'", null, true);
  }

  getTempViewNames(ctx: ReflectionContext): Promise<string[]> {
    return relationNames(ctx, "'v'", null, true);
  }

  getSequenceNames(ctx: ReflectionContext, schema: string | null): Promise<string[]> {
    return relationNames(ctx, "'S'", schema, false);
  }

  async hasTable(ctx: ReflectionContext, table: string, schema: string | null): Promise<boolean> {
    return (await relationOid(ctx, table, schema, RELKINDS_ANY)) !== null;
  }

  async hasSequence(ctx: ReflectionContext, sequence: string, schema: string | null): Promise<boolean> {
    return (await relationOid(ctx, sequence, schema, "'S'")) !== null;
  }

  private async oid(ctx: ReflectionContext, table: string, schema: string | null): Promise<string> {
    return (await relationOid(ctx, table, schema)) ?? "0";
  }

  async getColumns(ctx: ReflectionContext, table: string, schema: string | null): Promise<ReflectedColumn[]> {
    const rows = await ctx.query(columnsSql(pgMajor(ctx)), [await this.oid(ctx, table, schema)]);
    return rows.map((r) => columnFromRow(r, schema));
  }

  async getPkConstraint(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedPrimaryKey> {
    const rows = await ctx.query(constraintsSql("p"), [await this.oid(ctx, table, schema)]);
    if (!rows.length) return { constrainedColumns: [], name: null };
    return {
      constrainedColumns: strings(rows[0][1]),
      name: String(rows[0][0]),
      ...comment(rows[0][3]),
      ...(pgMajor(ctx) >= 11 ? { dialectOptions: { postgresqlInclude: includeOf(rows[0][2]) } } : {}),
    };
  }

  async getForeignKeys(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedForeignKey[]> {
    const rows = await ctx.query(FOREIGN_KEYS_SQL, [await this.oid(ctx, table, schema)]);
    return rows.map((r) => {
      const [name, cols, refSchema, refTable, visible, refCols, upd, del, match, deferrable, deferred] = r;
      const options: ReflectedForeignKey["options"] = {};
      if (FK_ACTIONS[String(upd)]) options.onupdate = FK_ACTIONS[String(upd)];
      if (FK_ACTIONS[String(del)]) options.ondelete = FK_ACTIONS[String(del)];
      if (deferrable === true) options.deferrable = true;
      if (deferred === true) options.initially = "DEFERRED";
      if (match === "f") options.match = "FULL";
      else if (match === "p") options.match = "PARTIAL";
      return {
        name: String(name),
        constrainedColumns: strings(cols),
        // as SQLAlchemy (after pg_get_constraintdef): no schema for a table found on the search
        // path, unless it is the referencing table's own explicitly given schema
        referredSchema:
          visible !== true || (schema !== null && String(refSchema) === schema) ? String(refSchema) : null,
        referredTable: String(refTable),
        referredColumns: strings(refCols),
        options,
        ...comment(r[11]),
      };
    });
  }

  async getIndexes(ctx: ReflectionContext, table: string, schema: string | null): Promise<ReflectedIndex[]> {
    const major = pgMajor(ctx);
    const rows = await ctx.query(indexesSql(major), [await this.oid(ctx, table, schema)]);
    return rows.map((r) => {
      const [
        name,
        unique,
        keyatts,
        indoption,
        amname,
        where,
        reloptions,
        elements,
        isExpr,
        constraint,
        nnd,
        ops,
      ] = r;
      const all = strings(elements);
      const exprFlags = strings(isExpr).map((s) => s === "true");
      const nkeys = Number(keyatts) || all.length;
      const keys = all.slice(0, nkeys);
      const ix: ReflectedIndex = {
        name: String(name),
        columnNames: keys.map((e, i) => (exprFlags[i] ? null : e)),
        unique: unique === true,
        dialectOptions: {},
      };
      if (exprFlags.slice(0, nkeys).some(Boolean)) ix.expressions = keys;
      const sorting: Record<string, IndexColumnSorting[]> = {};
      String(indoption ?? "")
        .split(" ")
        .filter(Boolean)
        .forEach((flag, i) => {
          const f = Number(flag);
          // PostgreSQL's defaults are ASC NULLS LAST and DESC NULLS FIRST; only differences count
          const s: IndexColumnSorting[] =
            f & 1 ? (f & 2 ? ["desc"] : ["desc", "nulls_last"]) : f & 2 ? ["nulls_first"] : [];
          if (s.length && i < keys.length) sorting[keys[i]] = s;
        });
      if (Object.keys(sorting).length) ix.columnSorting = sorting;
      if (constraint !== null && constraint !== undefined) ix.duplicatesConstraint = String(constraint);
      const opts = ix.dialectOptions;
      const withOpts = strings(reloptions);
      if (withOpts.length)
        opts.postgresqlWith = Object.fromEntries(
          withOpts.map((o) => [o.split("=")[0], o.slice(o.indexOf("=") + 1)]),
        );
      if (amname !== "btree") opts.postgresqlUsing = String(amname);
      if (typeof where === "string") opts.postgresqlWhere = where;
      if (major >= 11) {
        ix.includeColumns = all.slice(nkeys);
        opts.postgresqlInclude = all.slice(nkeys);
      }
      if (nnd === true) opts.postgresqlNullsNotDistinct = true;
      // operator classes other than the column type's default, by column (SQLAlchemy's postgresql_ops)
      const opclasses = strings(ops);
      const nonDefault = keys.flatMap((k, i) => (opclasses[i] ? [[k, opclasses[i]] as const] : []));
      if (nonDefault.length) opts.postgresqlOps = Object.fromEntries(nonDefault);
      return ix;
    });
  }

  async getUniqueConstraints(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedUniqueConstraint[]> {
    const nnd =
      pgMajor(ctx) >= 15
        ? "(SELECT i.indnullsnotdistinct FROM pg_catalog.pg_index i WHERE i.indexrelid = con.conindid)"
        : "false";
    const rows = await ctx.query(constraintsSql("u", nnd), [await this.oid(ctx, table, schema)]);
    const major = pgMajor(ctx);
    return rows.map((r) => {
      // SQLAlchemy's keys: the INCLUDE columns from 11 on, NULLS NOT DISTINCT from 15 on
      const dialectOptions: Record<string, unknown> = {};
      if (major >= 11) dialectOptions.postgresqlInclude = includeOf(r[2]);
      if (major >= 15) dialectOptions.postgresqlNullsNotDistinct = r[4] === true;
      return {
        name: String(r[0]),
        columnNames: strings(r[1]),
        ...comment(r[3]),
        ...(Object.keys(dialectOptions).length ? { dialectOptions } : {}),
      };
    });
  }

  async getCheckConstraints(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedCheckConstraint[]> {
    const rows = await ctx.query(constraintsSql("c"), [await this.oid(ctx, table, schema)]);
    return rows.map((r) => ({ name: String(r[0]), ...checkBody(String(r[2])), ...comment(r[3]) }));
  }

  async getTableComment(
    ctx: ReflectionContext,
    table: string,
    schema: string | null,
  ): Promise<ReflectedTableComment> {
    const rows = await ctx.query("SELECT pg_catalog.obj_description($1::oid, 'pg_class')", [
      await this.oid(ctx, table, schema),
    ]);
    const text = rows[0]?.[0];
    return { text: typeof text === "string" ? text : null };
  }

  async getTableOptions(): Promise<Record<string, unknown>> {
    return {};
  }

  async getViewDefinition(
    ctx: ReflectionContext,
    view: string,
    schema: string | null,
  ): Promise<string | null> {
    const rows = await ctx.query(
      `SELECT pg_catalog.pg_get_viewdef(c.oid, true) FROM pg_catalog.pg_class c
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relname = $1 AND c.relkind IN ('v', 'm') AND ${scopeClause(schema, 2)}`,
      schema === null ? [view] : [view, schema],
    );
    return rows.length ? String(rows[0][0]) : null;
  }
}
