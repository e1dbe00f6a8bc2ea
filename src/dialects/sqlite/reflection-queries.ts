import type { ReflectionContext } from "../../engine/reflection/reflection-dialect.js";

/**
 * `"schema".` or nothing, to qualify `sqlite_master` and PRAGMAs.
 * @example
 * `SELECT sql FROM ${schemaPrefix(ctx, "aux")}sqlite_master`; // "aux".sqlite_master
 */
export function schemaPrefix(ctx: ReflectionContext, schema: string | null): string {
  return schema === null ? "" : `${ctx.dialect.identifierPreparer.quoteIdentifier(schema)}.`;
}

/**
 * Runs `PRAGMA [schema.]name("arg")`; without a schema, main first and then temp, as SQLAlchemy
 * does (an unqualified PRAGMA would search every attached database).
 * @example
 * await pragma(ctx, "table_xinfo", "users", null); // [[cid, name, type, notnull, dflt, pk, hidden], …]
 */
export async function pragma(
  ctx: ReflectionContext,
  name: string,
  arg: string,
  schema: string | null,
): Promise<unknown[][]> {
  const q = ctx.dialect.identifierPreparer.quoteIdentifier(arg);
  for (const s of schema === null ? ["main", "temp"] : [schema]) {
    const rows = await ctx.query(`PRAGMA ${schemaPrefix(ctx, s)}${name}(${q})`);
    if (rows.length) return rows;
  }
  return [];
}

/**
 * The stored CREATE statement of a table, view or index (main and temp without a schema).
 * @example
 * await masterSql(ctx, "ix_users_name", null, "'index'"); // "CREATE INDEX ix_users_name ON …"
 */
export function masterSql(
  ctx: ReflectionContext,
  name: string,
  schema: string | null,
  types: string,
): Promise<string | null> {
  return ctx.memo(`sqlite.sql:${types}:${schema}:${name}`, async () => {
    const from =
      schema === null
        ? "(SELECT * FROM sqlite_master UNION ALL SELECT * FROM sqlite_temp_master)"
        : `${schemaPrefix(ctx, schema)}sqlite_master`;
    const rows = await ctx.query(`SELECT sql FROM ${from} WHERE name = ? AND type IN (${types})`, [name]);
    const sql = rows[0]?.[0];
    return typeof sql === "string" ? sql : null;
  });
}
