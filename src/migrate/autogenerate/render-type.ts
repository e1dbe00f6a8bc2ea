/**
 * A type as the `sa.*` expression that builds it, for generated revision files.
 */
import type { Dialect } from "../../sql/dialect.js";
import {
  BigIntegerType,
  BooleanType,
  DateTimeType,
  DateType,
  DoubleType,
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
import type { TypeEngine } from "../../sql/types/type-engine.js";

const call = (name: string, ...args: (number | undefined)[]) => {
  const given = args.filter((a): a is number => a !== undefined);
  return given.length ? `sa.${name}(${given.join(", ")})` : `sa.${name}`;
};

/**
 * `sa.String(50)`, `sa.DateTime({ timezone: true })`, … ; a type with no generic spelling
 * becomes `new sa.NamedType("<SQL>")` with the dialect's spelling.
 * @example
 * renderType(new StringType(50), dialect); // "sa.String(50)"
 */
export function renderType(t: TypeEngine, dialect: Dialect): string {
  if (t instanceof SmallIntegerType) return "sa.SmallInteger";
  if (t instanceof IntegerType) return "sa.Integer";
  if (t instanceof BigIntegerType) return "sa.BigInteger";
  if (t instanceof NumericType) return call("Numeric", t.precision, t.scale);
  if (t instanceof DoubleType) return call("Double", t.precision);
  if (t instanceof FloatType) return call("Float", t.precision);
  if (t instanceof BooleanType) return "sa.Boolean";
  if (t instanceof UnicodeTextType) return "sa.UnicodeText";
  if (t instanceof TextType) return call("Text", t.length);
  if (t instanceof UnicodeType) return call("Unicode", t.length);
  if (t instanceof StringType) return call("String", t.length);
  if (t instanceof DateTimeType) return t.timezone ? "sa.DateTime({ timezone: true })" : "sa.DateTime";
  if (t instanceof DateType) return "sa.Date";
  if (t instanceof TimeType) return t.timezone ? "sa.Time({ timezone: true })" : "sa.Time";
  if (t instanceof IntervalType) return "sa.Interval";
  if (t instanceof JSONType) return "sa.JSON";
  if (t instanceof LargeBinaryType) return call("LargeBinary", t.length);
  if (t instanceof UuidType) return "sa.Uuid";
  if (t instanceof NamedType) {
    const args = t.args.length ? `, ${JSON.stringify(t.affinity)}, ${JSON.stringify(t.args)}` : "";
    return `new sa.NamedType(${JSON.stringify(t.sqlName)}${args})`;
  }
  return `new sa.NamedType(${JSON.stringify(dialect.typeCompiler.process(t))})`;
}
