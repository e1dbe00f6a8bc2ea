/**
 * A type as the expression that builds it, for generated revision files: `sa.*` for the generic
 * types, `postgresql.*` / `mysql.*` (from `alkahest/dialects`) for dialect types, and
 * `new sa.NamedType("<SQL>")` only for what has no constructor of its own.
 */
import { JSONBType } from "../../dialects/postgresql/types.js";
import type { Dialect } from "../../sql/dialect.js";
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
  UnicodeTextType,
  UnicodeType,
  UuidType,
} from "../../sql/types/sqltypes.js";
import { TypeDecorator } from "../../sql/types/type-decorator.js";
import { NullType, type TypeEngine } from "../../sql/types/type-engine.js";
import { renderMysqlType } from "./render-type-mysql.js";
import { renderNamedType } from "./render-type-named.js";

const q = (s: string): string => JSON.stringify(s);

/** `{ a: 1, b: "x" }` from the defined entries, or "" when there are none. */
export function typeOptions(entries: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(entries)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? q(v) : String(v)}`);
  return parts.length ? `{ ${parts.join(", ")} }` : "";
}

/** `sa.Name`, or `sa.Name(args…)` when any argument is given (trailing undefined ones dropped). */
function call(name: string, ...args: (number | string | undefined)[]): string {
  while (args.length && (args[args.length - 1] === undefined || args[args.length - 1] === "")) args.pop();
  if (!args.length) return name;
  return `${name}(${args.map((a) => (a === undefined ? "undefined" : String(a))).join(", ")})`;
}

function stringLike(name: string, t: StringType): string {
  const opts = typeOptions({ collation: t.collation });
  return call(`sa.${name}`, t.length ?? (opts ? "undefined" : undefined), opts);
}

function renderEnum(t: EnumType): string {
  const longest = Math.max(0, ...t.enums.map((e) => e.length));
  const opts = typeOptions({
    name: t.name,
    schema: t.schema,
    nativeEnum: t.nativeEnum ? undefined : false,
    length: t.length !== longest ? t.length : undefined,
    createConstraint: t.createConstraint || undefined,
  });
  return `sa.Enum(${[...t.enums.map(q), ...(opts ? [opts] : [])].join(", ")})`;
}

/**
 * A reflected type keeps the database's own spelling on its dialect (`withSpelling`: CHAR(4),
 * TIMESTAMP(3) WITH TIME ZONE, LONGTEXT): that spelling, or null for a type without one.
 */
function spelling(t: TypeEngine, dialect: Dialect): NamedType | null {
  if (!Object.hasOwn(t, "loadDialectImpl")) return null;
  const impl = (t as TypeEngine & { loadDialectImpl(d: Dialect): TypeEngine | undefined }).loadDialectImpl(
    dialect,
  );
  return impl instanceof NamedType ? impl : null;
}

/**
 * The expression for a type; every type reflection returns has one.
 * @example
 * renderType(new StringType(50), dialect); // "sa.String(50)"
 * renderType(sa.Enum("sad", "ok", { name: "mood" }), dialect); // 'sa.Enum("sad", "ok", { name: "mood" })'
 * renderType(sa.ARRAY(sa.String(20)), dialect); // "sa.ARRAY(sa.String(20))"
 */
export function renderType(t: TypeEngine, dialect: Dialect): string {
  const spelled = spelling(t, dialect);
  if (spelled) return renderType(spelled, dialect);
  const mysql = renderMysqlType(t) ?? renderNamedType(t);
  if (mysql) return mysql;
  if (t instanceof TypeDecorator) return renderType(t.implType, dialect);
  if (t instanceof SmallIntegerType) return "sa.SmallInteger";
  if (t instanceof IntegerType) return "sa.Integer";
  if (t instanceof BigIntegerType) return "sa.BigInteger";
  if (t instanceof NumericType) return call("sa.Numeric", t.precision, t.scale);
  if (t instanceof DoubleType) return call("sa.Double", t.precision);
  if (t instanceof FloatType) return call("sa.Float", t.precision);
  if (t instanceof BooleanType) {
    const opts = typeOptions({ createConstraint: t.createConstraint || undefined, name: t.name });
    return call("sa.Boolean", opts);
  }
  if (t instanceof EnumType) return renderEnum(t);
  if (t instanceof UnicodeTextType) return call("sa.UnicodeText", t.length);
  if (t instanceof TextType) return stringLike("Text", t);
  if (t instanceof UnicodeType) return stringLike("Unicode", t);
  if (t instanceof StringType) return stringLike("String", t);
  if (t instanceof DateTimeType) return t.timezone ? "sa.DateTime({ timezone: true })" : "sa.DateTime";
  if (t instanceof DateType) return "sa.Date";
  if (t instanceof TimeType) return t.timezone ? "sa.Time({ timezone: true })" : "sa.Time";
  if (t instanceof IntervalType) return "sa.Interval";
  if (t instanceof JSONBType) return "postgresql.JSONB";
  if (t instanceof JSONType) return t.noneAsNull ? "sa.JSON({ noneAsNull: true })" : "sa.JSON";
  if (t instanceof LargeBinaryType) return call("sa.LargeBinary", t.length);
  if (t instanceof UuidType) return t.nativeUuid ? "sa.Uuid" : "sa.Uuid({ nativeUuid: false })";
  if (t instanceof ARRAYType) {
    const opts = typeOptions({ dimensions: t.dimensions });
    return `sa.ARRAY(${[renderType(t.itemType, dialect), ...(opts ? [opts] : [])].join(", ")})`;
  }
  if (t instanceof NullType) return "new sa.NullType()";
  if (t instanceof NamedType) {
    const args = t.args.length ? `, ${q(t.affinity)}, ${JSON.stringify(t.args)}` : "";
    const affinity = !args && t.affinity !== "other" ? `, ${q(t.affinity)}` : "";
    return `new sa.NamedType(${q(t.sqlName)}${args}${affinity})`;
  }
  return `new sa.NamedType(${q(dialect.typeCompiler.process(t))}, ${q(t.affinity)})`;
}
