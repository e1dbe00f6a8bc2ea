import type { ReflectedIndex, ReflectionContext } from "../../engine/reflection/reflection-dialect.js";
import type { ParsedIndex } from "./ddl-parser.js";
import { pragma } from "./reflection-queries.js";

/**
 * SQLite indexes from PRAGMA index_list / index_xinfo, with expressions and the partial-index
 * predicate read from the stored CREATE INDEX. The automatic indexes behind PRIMARY KEY and
 * UNIQUE constraints are left out (they are reflected as those constraints).
 * @example
 * await sqliteIndexes(ctx, "users", null, parseIndexNamed);
 */
export async function sqliteIndexes(
  ctx: ReflectionContext,
  table: string,
  schema: string | null,
  parseIndex: (name: string) => Promise<ParsedIndex | null>,
): Promise<ReflectedIndex[]> {
  const list = await pragma(ctx, "index_list", table, schema);
  const out: ReflectedIndex[] = [];
  // index_list: seq, name, unique, origin ('c' CREATE INDEX, 'u' UNIQUE, 'pk'), partial
  for (const [, rawName, unique, origin, partial] of list) {
    const name = String(rawName);
    if (origin !== undefined ? origin !== "c" : name.startsWith("sqlite_autoindex")) continue;
    // index_xinfo: seqno, cid (-2 an expression, -1 the rowid), name, desc, coll, key
    const keys = (await pragma(ctx, "index_xinfo", name, schema))
      .filter((r) => Number(r[5]) === 1)
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    const parsed = await parseIndex(name);
    const columnNames = keys.map((k) => (Number(k[1]) >= 0 ? String(k[2]) : null));
    const ix: ReflectedIndex = { name, columnNames, unique: Number(unique) === 1, dialectOptions: {} };
    if (columnNames.some((c) => c === null)) {
      ix.expressions = columnNames.map((c, i) => c ?? parsed?.elements[i]?.text ?? "");
    }
    // a DESC key is not reported (no columnSorting), as SQLAlchemy's SQLite dialect does not
    if (Number(partial) === 1 && parsed?.where) ix.dialectOptions.sqliteWhere = parsed.where;
    out.push(ix);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
