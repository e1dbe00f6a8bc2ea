import type { Dialect } from "../dialect.js";
import { JSON_NULL, JSONNull } from "./json-index.js";

export { Enum, type EnumObject, type EnumObjectOptions, type EnumOptions, EnumType } from "./enum.js";

import {
  literalTypeHook,
  NULLTYPE,
  type TypeArg,
  TypeEngine,
  type TypeFactory,
  toType,
  typeFactory,
} from "./type-engine.js";

/** The literal type of a JS number that is not whole (a Float), else null. */
function fractionType(value: unknown): TypeEngine | null {
  return typeof value === "number" && !Number.isInteger(value)
    ? (literalTypeHook.resolve?.(value) ?? null)
    : null;
}

/** The largest value a 32-bit INTEGER holds. */
const INT32_MAX = 2147483647;

/**
 * The literal type of a whole JS number in INTEGER's range (an Integer), else null: a larger one
 * keeps the Numeric or Float it is compared with, since PostgreSQL refuses `$1::INTEGER` for it.
 */
function wholeNumberType(value: unknown): TypeEngine | null {
  return typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= INT32_MAX
    ? (literalTypeHook.resolve?.(value) ?? null)
    : null;
}

/** A 32-bit-ish integer; values are JS numbers. DDL `INTEGER`. */
export class IntegerType extends TypeEngine<number> {
  readonly visitName: string = "integer";
  readonly affinity = "integer" as const;
  /** A fraction compared with an integer binds as a Float, as in SQLAlchemy (`id < 1.5`). */
  override coerceComparedValue(value: unknown): TypeEngine {
    return fractionType(value) ?? this;
  }
}
/** DDL `SMALLINT`; values are numbers. */
export class SmallIntegerType extends IntegerType {
  override readonly visitName: string = "small_integer";
}
/** DDL `BIGINT`; values are bigints so that no precision is lost. */
export class BigIntegerType extends TypeEngine<bigint> {
  readonly visitName: string = "big_integer";
  readonly affinity = "integer" as const;
  override coerceComparedValue(value: unknown): TypeEngine {
    return fractionType(value) ?? this;
  }
}

export interface NumericOptions {
  precision?: number;
  scale?: number;
}
/** An exact decimal; values are strings (`"10.25"`) so that no precision is lost. DDL `NUMERIC(p, s)`. */
export class NumericType extends TypeEngine<string> {
  readonly visitName: string = "numeric";
  readonly affinity: "numeric" | "float" = "numeric";
  constructor(
    readonly precision?: number,
    readonly scale?: number,
  ) {
    super();
  }
  override cacheKeyPart(): string {
    return `${this.visitName}(${this.precision ?? ""},${this.scale ?? ""})`;
  }
  /**
   * A whole JS number compared with a Numeric binds as an Integer, as SQLAlchemy binds a Python
   * int (`price % 5` is `numeric % integer` on PostgreSQL); fractions and strings keep this type.
   */
  override coerceComparedValue(value: unknown): TypeEngine {
    return wholeNumberType(value) ?? this;
  }
}
/** A binary float; values are numbers. DDL `FLOAT` / `FLOAT(p)`. */
export class FloatType extends TypeEngine<number> {
  readonly visitName: string = "float";
  readonly affinity = "float" as const;
  constructor(readonly precision?: number) {
    super();
  }
  override coerceComparedValue(value: unknown): TypeEngine {
    return wholeNumberType(value) ?? this;
  }
  override cacheKeyPart(): string {
    return `${this.visitName}(${this.precision ?? ""})`;
  }
}
/** A double-precision float; values are numbers. DDL `DOUBLE` (`DOUBLE PRECISION` on PostgreSQL). */
export class DoubleType extends FloatType {
  override readonly visitName: string = "double";
}
/** Options of `sa.Boolean({ ... })`. */
export interface BooleanOptions {
  /** add `CHECK (col IN (0, 1))` where the database has no native boolean (default false) */
  createConstraint?: boolean;
  /** the name of that CHECK constraint */
  name?: string;
}
/** Values are booleans; stored as 0/1 where the database has no boolean type. */
export class BooleanType extends TypeEngine<boolean> {
  readonly visitName: string = "boolean";
  readonly affinity = "boolean" as const;
  readonly name: string | undefined;
  constructor(
    readonly createConstraint = false,
    name?: string,
  ) {
    super();
    this.name = name;
  }
  /**
   * A number compared with a boolean binds as a number, as in SQLAlchemy (a value of another type
   * affinity takes its own type): `x IN (0, 1)`, `x = 0`, where `x = true` binds a boolean.
   */
  override coerceComparedValue(value: unknown): TypeEngine {
    if (typeof value !== "number") return this;
    return Number.isInteger(value) ? new IntegerType() : new FloatType();
  }
}

export interface StringOptions {
  collation?: string;
}
/** Variable-length text; values are strings. DDL `VARCHAR(n)`. */
export class StringType extends TypeEngine<string> {
  readonly visitName: string = "string";
  readonly affinity = "string" as const;
  constructor(
    readonly length?: number,
    readonly collation?: string,
  ) {
    super();
  }
  override cacheKeyPart(): string {
    return `${this.visitName}(${this.length ?? ""},${this.collation ?? ""})`;
  }
}
/** Unbounded text. DDL `TEXT`. */
export class TextType extends StringType {
  override readonly visitName: string = "text";
}
/** Text that the database stores as unicode (all supported databases do). DDL `VARCHAR(n)`. */
export class UnicodeType extends StringType {
  override readonly visitName: string = "unicode";
}
/** Unbounded unicode text. DDL `TEXT`. */
export class UnicodeTextType extends StringType {
  override readonly visitName: string = "unicode_text";
}

/** A calendar date; values are `Date` objects at UTC midnight. DDL `DATE`. */
export class DateType extends TypeEngine<Date> {
  readonly visitName: string = "date";
  readonly affinity = "date" as const;
}
export interface DateTimeOptions {
  timezone?: boolean;
}
/** A timestamp; values are `Date` objects. DDL `DATETIME` / `TIMESTAMP [WITH TIME ZONE]`. */
export class DateTimeType extends TypeEngine<Date> {
  readonly visitName: string = "datetime";
  readonly affinity = "datetime" as const;
  readonly timezone: boolean;
  constructor(opts: DateTimeOptions = {}) {
    super();
    this.timezone = opts.timezone ?? false;
  }
  override cacheKeyPart(): string {
    return `datetime(${this.timezone})`;
  }
}
/** A time of day; values are strings `HH:MM:SS[.ffffff]`. DDL `TIME`. */
export class TimeType extends TypeEngine<string> {
  readonly visitName: string = "time";
  readonly affinity = "time" as const;
  readonly timezone: boolean;
  constructor(opts: DateTimeOptions = {}) {
    super();
    this.timezone = opts.timezone ?? false;
  }
}
/** A duration in milliseconds; native `INTERVAL` on PostgreSQL, emulated elsewhere. */
export class IntervalType extends TypeEngine<number> {
  readonly visitName: string = "interval";
  readonly affinity = "interval" as const;
  /**
   * `make_interval(secs=>5.0)` where the interval is native (SQLAlchemy's PostgreSQL INTERVAL
   * literal); elsewhere the stored form, a DATETIME that many milliseconds after the epoch.
   */
  override literalProcessor(dialect: Dialect): (value: unknown) => string {
    if (dialect.supportsNativeInterval) {
      return (v) =>
        typeof v === "number"
          ? `make_interval(secs=>${pythonFloat(v / 1000)})`
          : dialect.renderLiteralValue(v, this);
    }
    return (v) => dialect.renderLiteralValue(typeof v === "number" ? new globalThis.Date(v) : v, this);
  }
}

/** A number as Python writes a float: `5.0`, not `5`. */
function pythonFloat(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e16 ? n.toFixed(1) : `${n}`;
}
/** Options of `sa.JSON({ ... })` (and `postgresql.JSON` / `JSONB`). */
export interface JSONOptions {
  /** `null` stores SQL NULL rather than the JSON document `null` (use `sa.JSON.NULL` for that) */
  noneAsNull?: boolean;
}
/**
 * JSON documents; values are any JSON value. Elements are reached with `col.get(key)` /
 * `col.getPath([...])` and typed with `.astString()`, `.astInteger()` … (see ColumnOperators).
 */
export class JSONType<T = unknown> extends TypeEngine<T> {
  readonly visitName: string = "JSON";
  readonly affinity = "json" as const;
  constructor(readonly noneAsNull = false) {
    super();
  }
  override cacheKeyPart(): string {
    return `${this.visitName}(${this.noneAsNull ? 1 : 0})`;
  }
  /**
   * A compared scalar keeps its own type, as SQLAlchemy's TypeEngine does for any type of another
   * affinity: `doc.get("n").eq(5)` binds 5 as an Integer; objects and arrays bind as JSON.
   */
  override coerceComparedValue(value: unknown): TypeEngine {
    const own = literalTypeHook.resolve?.(value) ?? NULLTYPE;
    return own === NULLTYPE || own.affinity === this.affinity ? this : own;
  }
  /** The JSON text as a string literal; `sa.JSON.NULL` (and null, unless noneAsNull) is `'null'`. */
  override literalProcessor(dialect: Dialect): (value: unknown) => string {
    return (v) => {
      if (v === null || v === undefined) {
        return this.noneAsNull ? "NULL" : dialect.renderLiteralValue("null", this);
      }
      if (v instanceof JSONNull) return dialect.renderLiteralValue("null", this);
      return dialect.renderLiteralValue(JSON_TEXT(v), this);
    };
  }
}
/** the global JSON: this module's `JSON` is the type factory */
const JSON_TEXT = (v: unknown): string => globalThis.JSON.stringify(v);
/** Bytes; values are Buffers. DDL `BLOB` (`BYTEA` on PostgreSQL). */
export class LargeBinaryType extends TypeEngine<Buffer> {
  readonly visitName: string = "large_binary";
  readonly affinity = "binary" as const;
  constructor(readonly length?: number) {
    super();
  }
}
export interface UuidOptions {
  /** use the database's own UUID type where it has one (default true) */
  nativeUuid?: boolean;
}
/** UUIDs as canonical lower-case hyphenated strings; `CHAR(32)` where not native. */
export class UuidType extends TypeEngine<string> {
  readonly visitName: string = "uuid";
  readonly affinity = "uuid" as const;
  readonly nativeUuid: boolean;
  constructor(opts: UuidOptions = {}) {
    super();
    this.nativeUuid = opts.nativeUuid ?? true;
  }
  /** Where UUIDs are stored as CHAR(32) hex, a literal is that hex too, or it would never match. */
  override literalProcessor(dialect: Dialect): (value: unknown) => string {
    if (this.nativeUuid && dialect.supportsNativeUuid) return (v) => dialect.renderLiteralValue(v, this);
    return (v) =>
      dialect.renderLiteralValue(typeof v === "string" ? v.replaceAll("-", "").toLowerCase() : v, this);
  }
}
/** An array of another type (PostgreSQL). */
export class ARRAYType<T = unknown> extends TypeEngine<T[]> {
  readonly visitName = "ARRAY";
  /** `String(sa.ARRAY(sa.Integer))` is "ARRAY", as `str()` in SQLAlchemy; PostgreSQL's DDL is INTEGER[] */
  override _strName(): string {
    return "ARRAY";
  }
  readonly affinity = "array" as const;
  readonly itemType: TypeEngine;
  constructor(
    itemType: TypeArg,
    readonly dimensions?: number,
  ) {
    super();
    this.itemType = toType(itemType);
  }
  override cacheKeyPart(): string {
    return `ARRAY(${this.itemType.cacheKeyPart()},${this.dimensions ?? ""})`;
  }
  /** `ARRAY[1, 2]` (nested for more dimensions), each item by its type's literal form. */
  override literalProcessor(dialect: Dialect): ((value: unknown) => string) | null {
    const item = this.itemType.literalProcessor(dialect);
    if (item === null) return null;
    const render = (v: unknown): string =>
      Array.isArray(v) ? `ARRAY[${v.map(render).join(", ")}]` : item(v);
    return (v) => (v === null || v === undefined ? "NULL" : render(v));
  }
}

/**
 * The type of a row value `(a, b)` (SQLAlchemy's TupleType): one type per element, so that an
 * expanding `tuple(a, b).in([[1, "x"]])` converts each element with its column's processor and
 * an empty list renders a set of the right width.
 */
export class TupleType extends TypeEngine<unknown[]> {
  readonly visitName = "tuple";
  readonly affinity = "other" as const;
  readonly types: readonly TypeEngine[];
  constructor(...types: TypeArg[]) {
    super();
    this.types = types.map((t) => toType(t));
  }
  override cacheKeyPart(): string {
    return `tuple(${this.types.map((t) => t.cacheKeyPart()).join(",")})`;
  }
}

/** A type rendered with exactly the given upper-case SQL name, e.g. `sa.types.VARCHAR(10)`. */
export class NamedType<T = unknown> extends TypeEngine<T> {
  readonly visitName = "named";
  readonly affinity: TypeEngine["affinity"];
  constructor(
    readonly sqlName: string,
    affinity: TypeEngine["affinity"] = "other",
    readonly args: readonly (number | string)[] = [],
  ) {
    super();
    this.affinity = affinity;
  }
  override cacheKeyPart(): string {
    return `named(${this.sqlName},${this.args.join(",")})`;
  }
}

export const Integer: TypeFactory<IntegerType> = typeFactory(() => new IntegerType());
export const SmallInteger: TypeFactory<SmallIntegerType> = typeFactory(() => new SmallIntegerType());
export const BigInteger: TypeFactory<BigIntegerType> = typeFactory(() => new BigIntegerType());
export const Numeric: TypeFactory<NumericType, [precision?: number, scale?: number]> = typeFactory(
  (p?: number, s?: number) => new NumericType(p, s),
);
export const Float: TypeFactory<FloatType, [precision?: number]> = typeFactory(
  (p?: number) => new FloatType(p),
);
export const Double: TypeFactory<DoubleType, [precision?: number]> = typeFactory(
  (p?: number) => new DoubleType(p),
);
/**
 * A boolean; `{ createConstraint: true }` adds `CHECK (x IN (0, 1))` where it is not native.
 * @example
 * new sa.Column("active", sa.Boolean({ createConstraint: true }));
 */
export const Boolean: TypeFactory<BooleanType, [opts?: BooleanOptions]> = typeFactory(
  (o?: BooleanOptions) => new BooleanType(o?.createConstraint, o?.name),
);
export const String: TypeFactory<StringType, [length?: number, opts?: StringOptions]> = typeFactory(
  (n?: number, o?: StringOptions) => new StringType(n, o?.collation),
);
export const Text: TypeFactory<TextType, [length?: number, opts?: StringOptions]> = typeFactory(
  (n?: number, o?: StringOptions) => new TextType(n, o?.collation),
);
export const Unicode: TypeFactory<UnicodeType, [length?: number, opts?: StringOptions]> = typeFactory(
  (n?: number, o?: StringOptions) => new UnicodeType(n, o?.collation),
);
export const UnicodeText: TypeFactory<UnicodeTextType, [length?: number]> = typeFactory(
  (n?: number) => new UnicodeTextType(n),
);
export const Date: TypeFactory<DateType> = typeFactory(() => new DateType());
export const DateTime: TypeFactory<DateTimeType, [opts?: DateTimeOptions]> = typeFactory(
  (o?: DateTimeOptions) => new DateTimeType(o),
);
export const Time: TypeFactory<TimeType, [opts?: DateTimeOptions]> = typeFactory(
  (o?: DateTimeOptions) => new TimeType(o),
);
export const Interval: TypeFactory<IntervalType> = typeFactory(() => new IntervalType());
/**
 * JSON documents. `sa.JSON.NULL` stores the JSON `null` even with `noneAsNull`; `sa.null()` as a
 * value stores SQL NULL.
 * @example
 * const docs = new sa.Table("docs", meta, new sa.Column("doc", sa.JSON({ noneAsNull: true })));
 * await conn.execute(docs.insert(), [{ doc: { a: [1, 2] } }, { doc: sa.JSON.NULL }, { doc: sa.null() }]);
 * sa.select(docs.c.doc.get("a").get(0).astInteger()); // rows: number | null
 */
export const JSON: TypeFactory<JSONType, [opts?: JSONOptions]> & {
  /** the JSON document `null`, stored as such even where `null` would store SQL NULL */
  readonly NULL: JSONNull;
} = Object.assign(
  typeFactory((o?: JSONOptions) => new JSONType(o?.noneAsNull)),
  { NULL: JSON_NULL },
);
export const LargeBinary: TypeFactory<LargeBinaryType, [length?: number]> = typeFactory(
  (n?: number) => new LargeBinaryType(n),
);
export const Uuid: TypeFactory<UuidType, [opts?: UuidOptions]> = typeFactory(
  (o?: UuidOptions) => new UuidType(o),
);

/**
 * An array of `itemType` (PostgreSQL).
 * @example
 * new sa.Column("tags", sa.ARRAY(sa.String));
 */
export function ARRAY<TA extends TypeArg>(
  itemType: TA,
  opts: { dimensions?: number } = {},
): ARRAYType<
  TA extends TypeEngine<infer U> ? U : TA extends { _defaultType: () => TypeEngine<infer U> } ? U : unknown
> {
  return new ARRAYType(itemType, opts.dimensions);
}
