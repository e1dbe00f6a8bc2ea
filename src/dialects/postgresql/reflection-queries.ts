/**
 * The pg_catalog queries of PostgreSQL reflection. Tables are looked up once by name (on the
 * search path, or in a schema) and then addressed by oid. Arrays come back as `text[]`, which
 * every driver parses; int8 sequence bounds come back as text so none are rounded.
 */
import type { ReflectionContext } from "../../engine/reflection/reflection-dialect.js";

/** Relation kinds: tables (plain, partitioned), views, materialized views, foreign tables. */
export const RELKINDS_ANY = "'r', 'p', 'v', 'm', 'f'";

/**
 * The server's major version (reflection queries differ before 11, 12 and 15).
 * @example
 * const keyatts = pgMajor(ctx) >= 11 ? "i.indnkeyatts" : "i.indnatts";
 */
export function pgMajor(ctx: ReflectionContext): number {
  return ctx.dialect.serverVersionInfo?.[0] ?? 15;
}

/**
 * Where-clause limiting `c` (pg_class) and `n` (pg_namespace) to a schema or the search path.
 * @example
 * scopeClause("audit", 2); // "n.nspname = $2"
 */
export function scopeClause(schema: string | null, param: number): string {
  return schema === null
    ? "pg_catalog.pg_table_is_visible(c.oid) AND n.nspname <> 'pg_catalog'"
    : `n.nspname = $${param}`;
}

/**
 * Names of relations of the given kinds, sorted; `temp` picks temporary ones or leaves them out.
 * @example
 * await relationNames(ctx, "'v'", null, false); // the views on the search path
 */
export async function relationNames(
  ctx: ReflectionContext,
  kinds: string,
  schema: string | null,
  temp: boolean,
): Promise<string[]> {
  const rows = await ctx.query(
    `SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN (${kinds}) AND c.relpersistence ${temp ? "=" : "<>"} 't' AND ${scopeClause(schema, 1)}
     ORDER BY c.relname`,
    schema === null ? [] : [schema],
  );
  return rows.map((r) => String(r[0]));
}

/**
 * The oid (as text) of a relation of the given kinds, or null.
 * @example
 * await relationOid(ctx, "users", "public"); // "16384"
 */
export function relationOid(
  ctx: ReflectionContext,
  name: string,
  schema: string | null,
  kinds = RELKINDS_ANY,
): Promise<string | null> {
  return ctx.memo(`pg.oid:${kinds}:${schema}:${name}`, async () => {
    const rows = await ctx.query(
      `SELECT c.oid::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relname = $1 AND c.relkind IN (${kinds}) AND ${scopeClause(schema, 2)}`,
      schema === null ? [name] : [name, schema],
    );
    return rows.length ? String(rows[0][0]) : null;
  });
}

/**
 * The columns of the table with oid `$1`, one row each (see `columnFromRow` for the order).
 * @example
 * await ctx.query(columnsSql(pgMajor(ctx)), [oid]);
 */
export function columnsSql(major: number): string {
  const generated = major >= 12 ? "a.attgenerated::text" : "''";
  const identity = major >= 10 ? "a.attidentity::text" : "''";
  return `SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
    pg_catalog.pg_get_expr(d.adbin, d.adrelid), pg_catalog.col_description(a.attrelid, a.attnum),
    ${generated}, ${identity}, t.typcategory = 'A', et.typname, en.nspname,
    pg_catalog.pg_type_is_visible(et.oid),
    CASE WHEN et.typtype = 'e' THEN ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
      WHERE e.enumtypid = et.oid ORDER BY e.enumsortorder) END,
    CASE WHEN et.typtype = 'd' THEN pg_catalog.format_type(et.typbasetype, et.typtypmod) END,
    et.typnotnull, et.typdefault,
    s.seqstart::text, s.seqincrement::text, s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle,
    CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
      (SELECT c.collname FROM pg_catalog.pg_collation c WHERE c.oid = a.attcollation) END
  FROM pg_catalog.pg_attribute a
  JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  JOIN pg_catalog.pg_type et
    ON et.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
  JOIN pg_catalog.pg_namespace en ON en.oid = et.typnamespace
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef
  LEFT JOIN pg_catalog.pg_sequence s ON ${identity} <> ''
    AND s.seqrelid = pg_catalog.pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass
  WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY a.attnum`;
}

/**
 * Column names of an attnum array (`conkey`, `confkey`) in order, as a text[] expression.
 * @example
 * attnames("con.confrelid", "con.confkey");
 */
export function attnames(relid: string, keys: string): string {
  return `ARRAY(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = ${relid} AND a.attnum = k.attnum ORDER BY k.ord)`;
}

/**
 * Constraints of one type of the table with oid `$1`, sorted by name: name, columns, definition,
 * comment, and `extra`.
 * @example
 * await ctx.query(constraintsSql("c"), [oid]); // CHECK constraints
 */
export function constraintsSql(contype: string, extra = "NULL"): string {
  return `SELECT con.conname, ${attnames("con.conrelid", "con.conkey")},
    pg_catalog.pg_get_constraintdef(con.oid, true), pg_catalog.obj_description(con.oid, 'pg_constraint'), ${extra}
  FROM pg_catalog.pg_constraint con
  WHERE con.conrelid = $1::oid AND con.contype = '${contype}'
  ORDER BY con.conname`;
}

/** Foreign keys of the table with oid `$1`, sorted by name. */
export const FOREIGN_KEYS_SQL = `SELECT con.conname, ${attnames("con.conrelid", "con.conkey")},
    rn.nspname, rc.relname, pg_catalog.pg_table_is_visible(rc.oid), ${attnames("con.confrelid", "con.confkey")},
    con.confupdtype::text, con.confdeltype::text, con.confmatchtype::text, con.condeferrable, con.condeferred,
    pg_catalog.obj_description(con.oid, 'pg_constraint')
  FROM pg_catalog.pg_constraint con
  JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
  JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE con.conrelid = $1::oid AND con.contype = 'f'
  ORDER BY con.conname`;

/**
 * Indexes of the table with oid `$1` (primary keys left out), sorted by name.
 * @example
 * await ctx.query(indexesSql(pgMajor(ctx)), [oid]);
 */
export function indexesSql(major: number): string {
  const keyatts = major >= 11 ? "i.indnkeyatts" : "i.indnatts";
  const nnd = major >= 15 ? "i.indnullsnotdistinct" : "false";
  return `SELECT ic.relname, i.indisunique, ${keyatts}, i.indoption::text, am.amname,
    pg_catalog.pg_get_expr(i.indpred, i.indrelid), ic.reloptions::text[],
    ARRAY(SELECT CASE WHEN i.indkey[k] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k + 1, true)
      ELSE (SELECT a.attname::text FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k]) END
      FROM generate_series(0, i.indnatts - 1) AS k ORDER BY k),
    ARRAY(SELECT (i.indkey[k] = 0)::text FROM generate_series(0, i.indnatts - 1) AS k ORDER BY k),
    (SELECT con.conname FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid
      AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x') LIMIT 1),
    ${nnd},
    ARRAY(SELECT CASE WHEN opc.opcdefault THEN '' ELSE opc.opcname::text END
      FROM generate_series(0, ${keyatts} - 1) AS k
      JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k] ORDER BY k)
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_am am ON am.oid = ic.relam
  WHERE i.indrelid = $1::oid AND NOT i.indisprimary
  ORDER BY ic.relname`;
}
