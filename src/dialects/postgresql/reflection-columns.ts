import type { ReflectedColumn, ReflectedIdentity } from "../../engine/reflection/reflection-dialect.js";
import { StringType } from "../../sql/types/sqltypes.js";
import { pgType } from "./reflection-types.js";

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** An int8 catalog value (sent as text) as a number, or undefined outside the safe range. */
function safeInt(v: unknown): number | undefined {
  if (v === null || v === undefined) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

function identityOf(row: readonly unknown[]): ReflectedIdentity {
  const [start, increment, minvalue, maxvalue, cache] = [15, 16, 17, 18, 19].map((i) => safeInt(row[i]));
  const out: ReflectedIdentity = { always: row[6] === "a" };
  const put = <K extends keyof ReflectedIdentity>(k: K, v: ReflectedIdentity[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  put("start", start);
  put("increment", increment);
  put("minvalue", minvalue);
  put("maxvalue", maxvalue);
  put("cycle", row[20] === true || row[20] === "t");
  put("cache", cache);
  return out;
}

/**
 * One `getColumns` entry from a row of `columnsSql`: SERIAL (a `nextval()` default on an integer)
 * and IDENTITY are autoincrement; a generated column's expression moves from `default` to
 * `computed`. With an explicit schema, an unqualified sequence in the default gains it, as
 * SQLAlchemy does.
 * @example
 * const cols = (await ctx.query(columnsSql(15), [oid])).map((r) => columnFromRow(r, null));
 */
export function columnFromRow(row: readonly unknown[], schema: string | null): ReflectedColumn {
  const [name, formatted, notnull, dflt, comment, generated, identity] = row;
  const type = pgType(String(formatted), {
    isArray: row[7] === true,
    typname: String(row[8]),
    nspname: String(row[9]),
    visible: row[10] === true,
    enumLabels: Array.isArray(row[11]) ? row[11].map(String) : null,
    domainBase: str(row[12]),
  });
  // a collation other than the type's own, as SQLAlchemy sets it on the string type
  const collation = str(row[21]);
  if (collation !== null && type instanceof StringType) Object.assign(type, { collation });
  let def = str(dflt) ?? str(row[14]);
  let autoincrement = false;
  const serial = def === null ? null : /^(nextval\(')([^']+)('.*)$/s.exec(def);
  if (serial) {
    if (type.affinity === "integer") autoincrement = true;
    if (schema !== null && !serial[2].includes(".")) def = `${serial[1]}"${schema}".${serial[2]}${serial[3]}`;
  }
  const col: ReflectedColumn = {
    name: String(name),
    type,
    nullable: !notnull && row[13] !== true,
    default: def,
    autoincrement,
    comment: str(comment),
  };
  if (generated === "s" || generated === "v") {
    col.computed = { sqltext: def ?? "", persisted: generated === "s" };
    col.default = null;
  }
  if (identity === "a" || identity === "d") {
    col.identity = identityOf(row);
    col.autoincrement = true;
  }
  return col;
}
