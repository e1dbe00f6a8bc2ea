import { withSpelling } from "../../engine/reflection/spelled-type.js";
import type { Dialect } from "../../sql/dialect.js";
import {
  BigIntegerType,
  BooleanType,
  DateTimeType,
  DateType,
  DoubleType,
  FloatType,
  IntegerType,
  JSONType,
  LargeBinaryType,
  NumericType,
  SmallIntegerType,
  StringType,
  TextType,
  TimeType,
} from "../../sql/types/sqltypes.js";
import { NullType, type TypeEngine } from "../../sql/types/type-engine.js";

type Make = (args: number[]) => TypeEngine;

/** Declared type names SQLite reflection recognises exactly (SQLAlchemy's `ischema_names`). */
const EXACT: Record<string, Make> = {
  BIGINT: () => new BigIntegerType(),
  BLOB: (a) => new LargeBinaryType(a[0]),
  BOOL: () => new BooleanType(),
  BOOLEAN: () => new BooleanType(),
  CHAR: (a) => new StringType(a[0]),
  CLOB: () => new TextType(),
  DATE: () => new DateType(),
  DATE_CHAR: () => new DateType(),
  DATETIME: () => new DateTimeType(),
  DATETIME_CHAR: () => new DateTimeType(),
  DECIMAL: (a) => new NumericType(a[0], a[1]),
  DOUBLE: () => new DoubleType(),
  "DOUBLE PRECISION": () => new DoubleType(),
  FLOAT: (a) => new FloatType(a[0]),
  INT: () => new IntegerType(),
  INTEGER: () => new IntegerType(),
  JSON: () => new JSONType(),
  NCHAR: (a) => new StringType(a[0]),
  NUMERIC: (a) => new NumericType(a[0], a[1]),
  NVARCHAR: (a) => new StringType(a[0]),
  REAL: () => new FloatType(),
  SMALLINT: () => new SmallIntegerType(),
  TEXT: (a) => new TextType(a[0]),
  TIME: () => new TimeType(),
  TIME_CHAR: () => new TimeType(),
  TIMESTAMP: () => new DateTimeType(),
  VARCHAR: (a) => new StringType(a[0]),
};

/** SQLite's column affinity rules (datatype3.html §3.1) for names not known exactly. */
function byAffinity(name: string, args: number[]): TypeEngine {
  if (name.includes("INT")) return new IntegerType();
  if (name.includes("CHAR") || name.includes("CLOB") || name.includes("TEXT")) return new TextType(args[0]);
  if (name.includes("BLOB")) return new LargeBinaryType(args[0]);
  if (name === "") return new NullType();
  if (name.includes("REAL") || name.includes("FLOA") || name.includes("DOUB")) return new FloatType();
  return new NumericType(args[0], args[1]);
}

/** Type text compared without case and spacing: `varchar( 20 )` is `VARCHAR(20)`. */
function normalise(ddl: string): string {
  return ddl
    .toUpperCase()
    .replace(/\s+/g, " ")
    .replace(/\s*([(),])\s*/g, "$1")
    .trim();
}

/**
 * The alkahest type of a declared SQLite column type: known names exactly, others by affinity.
 * A type whose DDL would differ from the declaration keeps the declared spelling for SQLite.
 * @example
 * sqliteType("VARCHAR(30)", sqlite.dialect()); // String(30)
 * sqliteType("MEDIUMINT", sqlite.dialect());   // Integer, re-created as MEDIUMINT
 */
export function sqliteType(declared: string, dialect: Dialect): TypeEngine {
  const m = /^([^(]*)(?:\((.*)\))?/s.exec(declared.trim());
  const name = (m?.[1] ?? "").trim().replace(/\s+/g, " ").toUpperCase();
  const args = (m?.[2]?.match(/\d+/g) ?? []).map(Number);
  const make = Object.hasOwn(EXACT, name) ? EXACT[name] : undefined;
  const type = make ? make(args) : byAffinity(name, args);
  // a column declared without a type is re-created without one (NullType has no DDL of its own)
  if (type instanceof NullType) return withSpelling(type, "sqlite", declared.trim());
  const rendered = dialect.typeCompiler.process(type);
  return normalise(rendered) === normalise(declared) ? type : withSpelling(type, "sqlite", declared.trim());
}
