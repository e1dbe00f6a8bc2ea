import { withSpelling } from "../../engine/reflection/spelled-type.js";
import {
  ARRAYType,
  BigIntegerType,
  BooleanType,
  DateTimeType,
  DateType,
  DoubleType,
  EnumType,
  FloatType,
  IntegerType,
  IntervalType,
  JSONType,
  LargeBinaryType,
  NamedType,
  NumericType,
  SmallIntegerType,
  StringType,
  TextType,
  TimeType,
  UuidType,
} from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
import { CHARType } from "../../sql/types/uppercase.js";
import { CITEXTType, INTERVALType, JSONBType, PGTextValuedType, TIMESTAMPType, TIMEType } from "./types.js";

/** What the catalog says about a column's type beyond `format_type()`. */
export interface PgTypeInfo {
  /** the column is an array (`typcategory = 'A'`); the rest describes the element type */
  isArray: boolean;
  /** a native enum's labels in sort order, or null */
  enumLabels: readonly string[] | null;
  typname: string;
  nspname: string;
  /** the type is found without its schema (on the search path) */
  visible: boolean;
  /** `format_type()` of a domain's base type, or null */
  domainBase: string | null;
}

type Make = (args: number[], formatted: string) => TypeEngine;

/** `format_type()` names (without their modifiers) and the alkahest type each maps back to. */
const TYPES: Record<string, Make> = {
  integer: () => new IntegerType(),
  smallint: () => new SmallIntegerType(),
  bigint: () => new BigIntegerType(),
  numeric: (a) => new NumericType(a[0], a[1]),
  // FLOAT renders as double precision here, so a reflected real keeps its name
  real: () => withSpelling(new FloatType(), "postgresql", "REAL"),
  "double precision": () => new DoubleType(),
  "character varying": (a) => new StringType(a[0]),
  character: (a) => new CHARType(a[0] ?? 1),
  text: () => new TextType(),
  boolean: () => new BooleanType(),
  date: () => new DateType(),
  "timestamp without time zone": (a) =>
    a.length ? new TIMESTAMPType({ precision: a[0] }) : new DateTimeType(),
  "timestamp with time zone": (a) =>
    a.length ? new TIMESTAMPType({ timezone: true, precision: a[0] }) : new DateTimeType({ timezone: true }),
  "time without time zone": (a) => (a.length ? new TIMEType({ precision: a[0] }) : new TimeType()),
  "time with time zone": (a) =>
    a.length ? new TIMEType({ timezone: true, precision: a[0] }) : new TimeType({ timezone: true }),
  interval: (a) => (a.length ? new INTERVALType({ precision: a[0] }) : new IntervalType()),
  inet: () => new PGTextValuedType("INET"),
  cidr: () => new PGTextValuedType("CIDR"),
  macaddr: () => new PGTextValuedType("MACADDR"),
  macaddr8: () => new PGTextValuedType("MACADDR8"),
  money: () => new PGTextValuedType("MONEY"),
  tsvector: () => new PGTextValuedType("TSVECTOR"),
  tsquery: () => new PGTextValuedType("TSQUERY"),
  citext: () => new CITEXTType(),
  json: () => new JSONType(),
  jsonb: () => new JSONBType(),
  uuid: () => new UuidType(),
  bytea: () => new LargeBinaryType(),
  // SQLAlchemy's BIT, OID and REGCLASS: kept by name, spelled as SQLAlchemy renders them
  bit: (a) => new NamedType("BIT", "other", a.length ? a : [1]),
  "bit varying": (a) => new NamedType("BIT VARYING", "other", a),
  oid: () => new NamedType("OID", "other"),
  regclass: () => new NamedType("REGCLASS", "other"),
};

/** One (non-array) type from its `format_type()` text: `character varying(20)`, `timestamp(3) with time zone`. */
function scalarType(formatted: string): TypeEngine {
  const open = formatted.indexOf("(");
  let key = formatted.trim();
  let args: number[] = [];
  if (open >= 0 && !formatted.startsWith('"')) {
    const close = formatted.indexOf(")", open);
    const rest = formatted.slice(close + 1).trim();
    key = `${formatted.slice(0, open).trim()}${rest ? ` ${rest}` : ""}`;
    args = (formatted.slice(open + 1, close).match(/\d+/g) ?? []).map(Number);
  }
  // `interval day to second(3)`: the fields, then the precision
  if (key.startsWith("interval ")) {
    // the fields as the catalog spells them, as SQLAlchemy keeps them (`INTERVAL day to second (3)`)
    return new INTERVALType({ fields: key.slice(9), precision: args[0] });
  }
  const make = Object.hasOwn(TYPES, key) ? TYPES[key] : undefined;
  // anything else (inet, tsvector, bit(3), a domain of another schema …) is kept by name
  return make ? make(args, formatted.trim()) : new NamedType(formatted.trim(), "other");
}

/**
 * The alkahest type of a PostgreSQL column: arrays as ARRAY of the element type, native enums
 * with their labels and name, domains as their base type, the rest by name.
 * @example
 * pgType("numeric(10,2)", info);         // Numeric(10, 2)
 * pgType("\"Mood\"[]", { ...info, isArray: true, enumLabels: ["sad", "ok"], typname: "Mood" }); // ARRAY(Enum)
 */
export function pgType(formatted: string, info: PgTypeInfo): TypeEngine {
  const element = info.isArray ? formatted.replace(/(\[\])+$/, "") : formatted;
  let type: TypeEngine;
  if (info.enumLabels) {
    type = new EnumType([...info.enumLabels], {
      name: info.typname,
      schema: info.visible ? undefined : info.nspname,
    });
  } else {
    type = scalarType(info.domainBase ?? element);
  }
  return info.isArray ? new ARRAYType(type) : type;
}
