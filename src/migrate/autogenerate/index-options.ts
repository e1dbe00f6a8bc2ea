/**
 * Index dialect options compared by autogenerate: the WHERE of a partial index (PostgreSQL,
 * SQLite) and MySQL's prefix lengths, so that an index rebuilt without them is noticed.
 */

import type { ClauseElement } from "../../sql/base.js";
import type { Dialect } from "../../sql/dialect.js";
import { Column } from "../../sql/schema/column.js";
import type { Index } from "../../sql/schema/constraints.js";
import { dialectFamily } from "../operations/ddl/base.js";
import { indexElementSql, normalizeIndexExpr } from "./index-expr.js";

function whereText(ix: Index, key: string, d: Dialect): string {
  const w = ix.opts[key];
  if (w === undefined || w === null) return "";
  const sql = typeof w === "string" ? w : indexElementSql(w as ClauseElement, d);
  return normalizeIndexExpr(sql, ix.table?.name ?? "");
}

/** `mysqlLength` as `{ column: length }` (a single number applies to every column). */
function lengths(ix: Index): Record<string, number> | null {
  const l = ix.opts.mysqlLength;
  if (l === undefined || l === null) return null;
  const names = ix.expressions.filter((e): e is Column => e instanceof Column).map((c) => c.name);
  if (typeof l === "number") return Object.fromEntries(names.map((n) => [n, l]));
  return Object.fromEntries(Object.entries(l as Record<string, number>).map(([k, v]) => [k, Number(v)]));
}

const sorted = (r: Record<string, number>) =>
  JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Whether the reflected index's dialect options differ from the metadata index's: the partial
 * index WHERE on PostgreSQL / SQLite (either side stating one), MySQL prefix lengths when the
 * metadata states them (MariaDB gives an unstated TEXT key a prefix of its own).
 * @example
 * indexOptionsDiffer(pg, reflected, target); // true when only one is partial
 */
export function indexOptionsDiffer(d: Dialect, reflected: Index, target: Index): boolean {
  const family = dialectFamily(d);
  if (family === "postgresql" || family === "sqlite") {
    const key = family === "postgresql" ? "postgresqlWhere" : "sqliteWhere";
    return whereText(reflected, key, d) !== whereText(target, key, d);
  }
  if (family === "mysql") {
    const want = lengths(target);
    return want !== null && sorted(want) !== sorted(lengths(reflected) ?? {});
  }
  return false;
}
