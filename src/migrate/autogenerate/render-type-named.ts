/**
 * The types that render exactly their own SQL name, as the expressions that build them in a
 * revision file: the uppercase generic types (`sa.VARCHAR(30)`, `sa.TIMESTAMP({ timezone: true
 * })`), PostgreSQL's (`postgresql.INET`, `postgresql.INTERVAL({ fields: "DAY TO SECOND" })`) and
 * MySQL's string and numeric types (`mysql.VARCHAR(30, { charset: "utf8mb4" })`).
 */
import { BITType, isMySQLNumeric, MySQLBlobType, YEARType } from "../../dialects/mysql/numeric-types.js";
import { isMySQLString, MySQLEnumType, MySQLSetType } from "../../dialects/mysql/string-types.js";
import {
  BYTEAType,
  CITEXTType,
  ENUMType,
  INTERVALType,
  PGTextValuedType,
  TIMEType as PGTime,
  TIMESTAMPType as PGTimestamp,
} from "../../dialects/postgresql/types.js";
import type {
  DateTimeType,
  FloatType,
  LargeBinaryType,
  NumericType,
  StringType,
  TimeType,
} from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";

const q = (s: string): string => JSON.stringify(s);

/** `{ a: 1, b: "x" }` from the defined entries, or "" when there are none. */
function options(entries: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(entries)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? q(v) : String(v)}`);
  return parts.length ? `{ ${parts.join(", ")} }` : "";
}

/** `name`, or `name(args…)` without trailing empty arguments. */
function call(name: string, ...args: (string | number | undefined)[]): string {
  while (args.length && (args[args.length - 1] === undefined || args[args.length - 1] === "")) args.pop();
  return args.length
    ? `${name}(${args.map((a) => (a === undefined ? "undefined" : String(a))).join(", ")})`
    : name;
}

const STRINGS = new Set(["VARCHAR", "NVARCHAR", "CHAR", "NCHAR", "TEXT", "CLOB"]);
const BARE = new Set(["INTEGER", "SMALLINT", "BIGINT", "DATE", "BLOB", "UUID", "BOOLEAN"]);

function renderPostgresql(t: TypeEngine): string | null {
  if (t instanceof PGTextValuedType) return `postgresql.${t.sqlName}`;
  if (t instanceof CITEXTType) return "postgresql.CITEXT";
  if (t instanceof BYTEAType) return "postgresql.BYTEA";
  if (t instanceof PGTimestamp || t instanceof PGTime) {
    const name = t instanceof PGTimestamp ? "TIMESTAMP" : "TIME";
    return call(`postgresql.${name}`, options({ timezone: t.timezone || undefined, precision: t.precision }));
  }
  if (t instanceof INTERVALType) {
    return call("postgresql.INTERVAL", options({ fields: t.fields, precision: t.precision }));
  }
  if (t instanceof ENUMType) {
    const o = options({ name: t.name, schema: t.schema, createType: t.createType ? undefined : false });
    return `postgresql.ENUM(${[...t.enums.map(q), o].join(", ")})`;
  }
  return null;
}

function renderMysql(t: TypeEngine): string | null {
  if (isMySQLString(t)) {
    const so = t.options;
    const o = options({
      charset: so.charset,
      collation: so.collation,
      ascii: so.ascii || undefined,
      unicode: so.unicode || undefined,
      binary: so.binary || undefined,
      national: so.national || undefined,
    });
    return call(`mysql.${t.mysqlName}`, t.length ?? (o ? "undefined" : undefined), o);
  }
  if (isMySQLNumeric(t)) {
    const o = options({
      precision: t.precision,
      scale: t.scale,
      unsigned: t.unsigned || undefined,
      zerofill: t.zerofill || undefined,
    });
    return call(`mysql.${t.mysqlName}`, o);
  }
  if (t instanceof MySQLEnumType || t instanceof MySQLSetType) {
    const values = t instanceof MySQLSetType ? t.values : t.enums;
    const o = options({ charset: t.charset, collation: t.collation });
    return `mysql.${t instanceof MySQLSetType ? "SET" : "ENUM"}(${[...values.map(q), ...(o ? [o] : [])].join(", ")})`;
  }
  if (t instanceof MySQLBlobType) return `mysql.${t.mysqlName}`;
  if (t instanceof BITType) return call("mysql.BIT", t.length);
  if (t instanceof YEARType) return call("mysql.YEAR", t.displayWidth);
  return null;
}

/**
 * The expression of a type that renders its own name, or null for any other type.
 * @example
 * renderNamedType(sa.VARCHAR(30)); // "sa.VARCHAR(30)"
 * renderNamedType(postgresql.INET()); // "postgresql.INET"
 */
export function renderNamedType(t: TypeEngine): string | null {
  const dialectType = renderPostgresql(t) ?? renderMysql(t);
  if (dialectType !== null) return dialectType;
  const name = t.visitName;
  if (STRINGS.has(name)) {
    const s = t as StringType;
    const o = options({ collation: s.collation });
    return call(`sa.${name}`, s.length ?? (o ? "undefined" : undefined), o);
  }
  if (BARE.has(name)) return `sa.${name}`;
  if (name === "NUMERIC" || name === "DECIMAL") {
    const n = t as NumericType;
    return call(`sa.${name}`, n.precision, n.scale);
  }
  if (name === "FLOAT" || name === "REAL" || name === "DOUBLE" || name === "DOUBLE_PRECISION") {
    return call(`sa.${name}`, (t as FloatType).precision);
  }
  if (name === "DATETIME" || name === "TIMESTAMP" || name === "TIME") {
    return call(`sa.${name}`, options({ timezone: (t as DateTimeType | TimeType).timezone || undefined }));
  }
  if (name === "BINARY" || name === "VARBINARY") return call(`sa.${name}`, (t as LargeBinaryType).length);
  return null;
}
