/**
 * Value conversions shared by the dialects' type processors: UTC date/time text, UUID hex,
 * enum validation, TypeDecorator chaining. No driver is imported here.
 */
import { StatementError } from "../../exc.js";
import { Null } from "../../sql/elements/constants.js";
import { JSONNull } from "../../sql/types/json-index.js";
import {
  BigIntegerType,
  DateTimeType,
  EnumType,
  NamedType,
  NumericType,
  UuidType,
} from "../../sql/types/sqltypes.js";
import { chainBind, chainResult, TypeDecorator } from "../../sql/types/type-decorator.js";
import { NullType, type Processor, TypeEngine, toType } from "../../sql/types/type-engine.js";

/**
 * What a type needs converting as, independent of its class (NamedType goes by affinity).
 * @example
 * const kind: ValueKind = valueKind(sa.Uuid()); // "uuid"
 */
export type ValueKind =
  | "boolean"
  | "integer"
  | "bigint"
  | "numeric"
  | "datetime"
  | "date"
  | "time"
  | "interval"
  | "json"
  | "binary"
  | "uuid"
  | "enum"
  | "array"
  | "other";

/**
 * The kind of value a type carries.
 * @example
 * valueKind(sa.BigInteger()); // "bigint"
 */
export function valueKind(type: TypeEngine): ValueKind {
  if (type instanceof EnumType) return "enum";
  if (type instanceof BigIntegerType) return "bigint";
  if (type instanceof NamedType && type.affinity === "integer" && /^BIG/i.test(type.sqlName)) return "bigint";
  if (type instanceof NumericType) return type.affinity === "numeric" ? "numeric" : "other";
  switch (type.affinity) {
    case "boolean":
    case "integer":
    case "numeric":
    case "datetime":
    case "date":
    case "time":
    case "interval":
    case "json":
    case "binary":
    case "uuid":
    case "array":
      return type.affinity;
    default:
      return "other";
  }
}

/**
 * Whether a Uuid type is stored as `CHAR(32)` hex on a database with a native UUID type.
 * @example
 * isHexUuid(sa.Uuid({ nativeUuid: false })); // true
 */
export function isHexUuid(type: TypeEngine): boolean {
  return type instanceof UuidType && !type.nativeUuid;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/**
 * "00" … "99": every bound Date is formatted (an executemany of 10,000 rows formats 10,000), and
 * a table lookup per field is several times cheaper than String + padStart.
 */
const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const year4 = (y: number): string => (y >= 1000 && y <= 9999 ? String(y) : pad(y, 4));
const millis3 = (ms: number): string => (ms >= 100 ? String(ms) : ms >= 10 ? `0${ms}` : `00${ms}`);

function checkDate(value: Date): void {
  if (Number.isNaN(value.getTime())) throw new StatementError("Invalid Date cannot be bound");
}

/**
 * `YYYY-MM-DD` of a Date, in UTC (the date part of the instant).
 * @example
 * formatDateUTC(new Date(Date.UTC(2024, 0, 2))); // "2024-01-02"
 */
export function formatDateUTC(d: Date): string {
  checkDate(d);
  return `${year4(d.getUTCFullYear())}-${TWO[d.getUTCMonth() + 1]}-${TWO[d.getUTCDate()]}`;
}

/**
 * `HH:MM:SS.ffffff` of a Date, in UTC (microseconds padded from milliseconds).
 * @example
 * formatTimeUTC(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6))); // "03:04:05.006000"
 */
export function formatTimeUTC(d: Date): string {
  checkDate(d);
  const ms = millis3(d.getUTCMilliseconds());
  return `${TWO[d.getUTCHours()]}:${TWO[d.getUTCMinutes()]}:${TWO[d.getUTCSeconds()]}.${ms}000`;
}

/**
 * SQLAlchemy's SQLite storage format, `YYYY-MM-DD HH:MM:SS.ffffff`, in UTC.
 * @example
 * formatDateTimeUTC(new Date(0)); // "1970-01-01 00:00:00.000000"
 */
export function formatDateTimeUTC(d: Date): string {
  checkDate(d);
  const date = `${year4(d.getUTCFullYear())}-${TWO[d.getUTCMonth() + 1]}-${TWO[d.getUTCDate()]}`;
  const time = `${TWO[d.getUTCHours()]}:${TWO[d.getUTCMinutes()]}:${TWO[d.getUTCSeconds()]}`;
  return `${date} ${time}.${millis3(d.getUTCMilliseconds())}000`;
}

/** A Date from UTC parts; unlike `Date.UTC`, years 0-99 are not shifted into the 1900s. */
function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date {
  const out = new Date(0);
  out.setUTCFullYear(y, mo - 1, d);
  out.setUTCHours(h, mi, s, ms);
  return out;
}

const DATETIME_RE =
  /^(-?\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Whether a char code is a decimal digit (NaN, past the end of the text, is not). */
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Two decimal digits at `i` as a number, or -1 when either is not a digit (or is past the end). */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  return isDigit(a) && isDigit(b) ? (a - 48) * 10 + (b - 48) : -1;
}

/**
 * The instant of the shape databases send (`YYYY-MM-DD HH:MM:SS[.f…][Z|±HH[[:]MM]]`), read at
 * fixed positions: one `Date.UTC`, no regex, no substrings. Dates are the bulk of what a wide
 * result parses (a fifth of a 1,000-row PostgreSQL select with the regex). NaN for any other
 * shape (short forms, years before 100 or after 9999, spaces before the offset), which the
 * general parser then handles.
 */
function fastDateTimeUTC(s: string): number {
  const n = s.length;
  if (n < 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const t = s.charCodeAt(10);
  // ' ', 'T' or 't' (the general pattern is case-insensitive)
  if (t !== 32 && t !== 84 && t !== 116) return Number.NaN;
  const y1 = twoDigits(s, 0);
  const y2 = twoDigits(s, 2);
  const mo = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  const h = twoDigits(s, 11);
  const mi = twoDigits(s, 14);
  const sec = twoDigits(s, 17);
  if ((y1 | y2 | mo | d | h | mi | sec) < 0) return Number.NaN;
  const y = y1 * 100 + y2;
  // Date.UTC maps years 0-99 to 1900-1999
  if (y < 100) return Number.NaN;
  let i = 19;
  let ms = 0;
  if (i < n && s.charCodeAt(i) === 46) {
    // fraction digits: the first three are milliseconds, the rest truncated
    const start = ++i;
    for (let c = s.charCodeAt(i); isDigit(c); c = s.charCodeAt(++i)) {
      if (i - start < 3) ms = ms * 10 + (c - 48);
    }
    const digits = i - start;
    if (digits === 0) return Number.NaN;
    if (digits === 1) ms *= 100;
    else if (digits === 2) ms *= 10;
  }
  let offset = 0;
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c === 90 || c === 122) i++;
    else if (c === 43 || c === 45) {
      const oh = twoDigits(s, i + 1);
      if (oh < 0) return Number.NaN;
      i += 3;
      let om = 0;
      if (i < n) {
        if (s.charCodeAt(i) === 58) i++;
        om = twoDigits(s, i);
        if (om < 0) return Number.NaN;
        i += 2;
      }
      offset = (c === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
    } else return Number.NaN;
    if (i !== n) return Number.NaN;
  }
  // an out-of-range month rolls over into the year, which only Date.UTC does
  if (mo < 1 || mo > 12) return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offset;
  return (((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60 + sec) * 1000 + ms - offset;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, month 1-12 (H. Hinnant's `days_from_civil`);
 * a day past the month's end rolls over as in Date.UTC. Plain arithmetic: ~15% faster than
 * calling Date.UTC per value.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/**
 * Parses `YYYY-MM-DD[ HH:MM[:SS[.ffffff]]][Z|±HH[:MM]]`; a value without an offset is UTC.
 * Returns null when the text does not match.
 * @example
 * parseDateTimeUTC("2024-01-02 03:04:05.123456"); // 2024-01-02T03:04:05.123Z
 */
export function parseDateTimeUTC(text: string): Date | null {
  const fast = fastDateTimeUTC(text);
  if (!Number.isNaN(fast)) return new Date(fast);
  const m = DATETIME_RE.exec(text);
  if (m === null) return null;
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-6) : 0;
  const d = utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
  const off = m[8];
  if (off && off.toUpperCase() !== "Z") {
    const sign = off[0] === "-" ? -1 : 1;
    const digits = off.slice(1).replace(":", "");
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    d.setTime(d.getTime() - sign * minutes * 60_000);
  }
  return d;
}

/**
 * A `YYYY-MM-DD` date (anything after the date is ignored) as a Date at UTC midnight; null when
 * the text does not start with a date.
 * @example
 * parseDateUTC("2024-01-02"); // 2024-01-02T00:00:00.000Z
 */
export function parseDateUTC(text: string): Date | null {
  const m = /^(-?\d{4,})-(\d{1,2})-(\d{1,2})/.exec(text);
  return m === null ? null : utc(+m[1], +m[2], +m[3]);
}

const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?$/;

/**
 * A time of day in SQLAlchemy's SQLite storage format, `HH:MM:SS.ffffff` (so that equal times
 * are equal text); anything that is not a plain time (one with an offset) is returned as given.
 * @example
 * normalizeTime("9:05:07.5"); // "09:05:07.500000"
 */
export function normalizeTime(text: string): string {
  const m = TIME_RE.exec(text);
  if (m === null) return text;
  return `${m[1].padStart(2, "0")}:${m[2]}:${m[3] ?? "00"}.${(m[4] ?? "").padEnd(6, "0")}`;
}

/**
 * A time of day read back without the fraction's trailing zeros (`23:59:58.123000` →
 * `23:59:58.123`, `12:34:56.000000` → `12:34:56`): as it was written, and as PostgreSQL answers.
 * @example
 * trimTimeFraction("12:34:56.500000"); // "12:34:56.5"
 */
export const trimTimeFraction: Processor = (v) => {
  if (typeof v !== "string") return v;
  const dot = v.indexOf(".");
  if (dot < 0) return v;
  let end = v.length;
  while (end > dot + 1 && v.charCodeAt(end - 1) === 48) end--;
  return end === dot + 1 ? v.slice(0, dot) : v.slice(0, end);
};

/**
 * A whole JS number bound as a 64-bit integer: the drivers send numbers as doubles (better-sqlite3
 * REAL, mysql2's binary protocol DOUBLE), so `big_col + ?` would be computed in floating point
 * and rounded beyond 2^53.
 * @example
 * bigintBind(0); // 0n
 */
export function bigintBind(v: unknown): unknown {
  return typeof v === "number" && Number.isInteger(v) ? BigInt(v) : v;
}

/**
 * A UUID as 32 lower-case hex digits (the `CHAR(32)` storage form).
 * @example
 * uuidToHex("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"); // "a0eebc999c0b4ef8bb6d6bb9bd380a11"
 */
export function uuidToHex(value: unknown): unknown {
  return typeof value === "string" ? value.replaceAll("-", "").toLowerCase() : value;
}

/**
 * A UUID in canonical hyphenated lower case, from hex or hyphenated text.
 * @example
 * uuidFromHex("a0eebc999c0b4ef8bb6d6bb9bd380a11"); // "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
 */
export function uuidFromHex(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const h = value.replaceAll("-", "").toLowerCase();
  if (h.length !== 32) return value;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * An Enum's bind conversion: a member (or database string) to its database string; an unknown
 * string passes to the database unless the type validates strings; anything else is refused
 * with SQLAlchemy's message.
 * @example
 * enumBind(sa.Enum("a", "b", { name: "ab", validateStrings: true }))("c");
 * // LookupError: 'c' is not among the defined enum values. Enum name: ab. Possible values: a, b
 */
export function enumBind(type: EnumType): Processor {
  return (value) => type._dbValue(value);
}

/**
 * An Enum's result conversion: a database string to its JS value (the member of a TS enum);
 * an unknown string is refused, as SQLAlchemy's Enum does.
 * @example
 * enumResult(sa.Enum(Mood), null)("Happy"); // Mood.Happy
 */
export function enumResult(type: EnumType, next: Processor | null): Processor {
  return next === null ? (v) => type._jsValue(v) : (v) => type._jsValue(next(v));
}

/**
 * `Uint8Array` / `ArrayBuffer` to Buffer without copying; other values unchanged.
 * @example
 * toBuffer(new Uint8Array([1, 2])); // <Buffer 01 02>
 */
export function toBuffer(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return value;
}

/**
 * A PostgreSQL array literal as nested arrays of text (`NULL` → null), for array types the driver
 * has no parser for (an array of an enum, of a domain): `{red,"dark blue",NULL}`.
 * @example
 * parsePgArrayLiteral('{red,"dark blue",NULL}'); // ["red", "dark blue", null]
 */
export function parsePgArrayLiteral(text: string): unknown[] {
  // an explicit lower bound comes first: `[0:1]={a,b}`
  let i = text.startsWith("[") ? text.indexOf("=") + 1 : 0;
  const fail = (): never => {
    throw new TypeError(`Not a PostgreSQL array literal: ${text}`);
  };
  const element = (): unknown => {
    if (text[i] === "{") return list();
    if (text[i] === '"') {
      let out = "";
      for (i++; text[i] !== '"'; i++) {
        if (i >= text.length) fail();
        if (text[i] === "\\") i++;
        out += text[i];
      }
      i++;
      return out;
    }
    const start = i;
    while (i < text.length && text[i] !== "," && text[i] !== "}") i++;
    const raw = text.slice(start, i);
    return raw === "NULL" ? null : raw;
  };
  const list = (): unknown[] => {
    if (text[i] !== "{") fail();
    i++;
    const out: unknown[] = [];
    if (text[i] === "}") {
      i++;
      return out;
    }
    for (;;) {
      out.push(element());
      if (text[i] === ",") i++;
      else if (text[i] === "}") {
        i++;
        return out;
      } else fail();
    }
  };
  return list();
}

/**
 * Applies `proc` to every non-null leaf of a (possibly nested) array.
 * @example
 * mapArray(BigInt as Processor)([["1", null], ["2"]]); // [[1n, null], [2n]]
 */
export function mapArray(proc: Processor): Processor {
  const walk = (v: unknown): unknown => (Array.isArray(v) ? v.map(walk) : v == null ? v : proc(v));
  return walk;
}

/**
 * The shape of a TypeDecorator: an `impl` type plus user conversion hooks. Instances of
 * `sa.TypeDecorator` have it; so does any type declaring `impl` and one of the hooks.
 * @example
 * class Lower extends sa.TypeDecorator<string, string> {
 *   readonly impl = sa.String(50);
 *   override processBindParam(v: string | null) { return v?.toLowerCase() ?? null; }
 * }
 */
export interface TypeDecoratorLike {
  impl: unknown;
  processBindParam?: (value: never, dialect: never) => unknown;
  processResultValue?: (value: never, dialect: never) => unknown;
}

/**
 * The decorator view of a type, or null when it is not one. The impl is `loadDialectImpl(dialect)`
 * when the type has it (as the type compiler uses), else `impl`.
 * @example
 * asDecorator(new Lower())?.implType; // the String(50)
 */
export function asDecorator(
  type: TypeEngine,
  dialect?: unknown,
): (TypeDecoratorLike & { implType: TypeEngine }) | null {
  const t = type as TypeEngine & Partial<TypeDecoratorLike> & { loadDialectImpl?: (d: unknown) => unknown };
  if (
    !(type instanceof TypeDecorator) &&
    typeof t.processBindParam !== "function" &&
    typeof t.processResultValue !== "function"
  )
    return null;
  const impl = (dialect !== undefined ? t.loadDialectImpl?.(dialect) : undefined) ?? t.impl;
  const implType =
    impl instanceof TypeEngine || typeof impl === "function" ? toType(impl as TypeEngine) : toType(null);
  return { impl, implType, processBindParam: t.processBindParam, processResultValue: t.processResultValue };
}

/**
 * Per-dialect processor lookups by kind, wrapped by `processorLookup`.
 * @example
 * const table: ProcessorTable = { bind: (_t, k) => (k === "json" ? JSON.stringify : null), result: () => null };
 */
export interface ProcessorTable {
  /** `dialect` is passed on to nested lookups (ARRAY items) */
  bind(type: TypeEngine, kind: ValueKind, dialect?: unknown): Processor | null;
  /**
   * `typeCode` is the cursor description's type of the column, when known (SQLAlchemy's
   * `coltype`): where the driver already returns the final JS value for it, no processor is needed.
   */
  result(type: TypeEngine, kind: ValueKind, dialect?: unknown, typeCode?: unknown): Processor | null;
  /** how an untyped bind's whole number is sent, where the driver would send a double */
  untypedInteger?: Processor;
}

/**
 * SQLAlchemy's Boolean accepts true, false, null and the integers 0 and 1; anything else (the
 * string "false", 2) would be stored as given and read back as true, so it is refused.
 * @example
 * strictBoolean(null)!("yes"); // throws TypeError: Not a boolean value: 'yes'
 */
export function strictBoolean(next: Processor | null): Processor {
  return (v) => {
    if (v !== true && v !== false && v !== 0 && v !== 1 && v !== null && v !== undefined) {
      throw typeof v === "number"
        ? new RangeError(`Value ${v} is not None, True, or False`)
        : new TypeError(`Not a boolean value: ${typeof v === "string" ? `'${v}'` : String(v)}`);
    }
    return next === null ? v : next(v);
  };
}

/**
 * A JSON bind (SQLAlchemy's JSON bind processor): `sa.null()` given as a value stores SQL NULL,
 * `sa.JSON.NULL` the JSON document `null` (even where null would mean SQL NULL); anything else
 * is serialised by the dialect's processor.
 * @example
 * jsonValue(JSON.stringify)!(sa.null()); // null
 */
export function jsonValue(next: Processor | null): Processor {
  return (v) => {
    if (v instanceof Null) return null;
    const doc = v instanceof JSONNull ? null : v;
    return next === null ? doc : next(doc);
  };
}

/**
 * Integer and BigInteger binds refuse NaN and ±Infinity: no integer stands for them, and MySQL
 * would store 0.
 * @example
 * finiteNumber(null)!(Number.NaN); // throws RangeError: NaN is not an integer value
 */
export function finiteNumber(next: Processor | null): Processor {
  return (v) => {
    if (typeof v === "number" && !Number.isFinite(v)) throw new RangeError(`${v} is not an integer value`);
    return next === null ? v : next(v);
  };
}

/**
 * String binds take strings; numbers, bigints and booleans become their text (as the Python
 * drivers adapt them; SQLite would otherwise store 12 as "12.0"). Objects, arrays, functions and
 * symbols are refused: the drivers would store their JSON, array literal or source text.
 * @example
 * strictString(null)!({ a: 1 }); // throws TypeError: A String value is expected, got an object
 */
export function strictString(next: Processor | null): Processor {
  return (v) => {
    let out = v;
    if (typeof v !== "string" && v !== null && v !== undefined) {
      if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") out = String(v);
      else if (!(v instanceof Date) && !Buffer.isBuffer(v)) {
        const what = Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`;
        throw new TypeError(`A String value is expected, got ${what}`);
      }
    }
    return next === null ? out : next(out);
  };
}

const DATETIME = new DateTimeType();

/**
 * An untyped bind (a text() parameter, a raw parameter of the databases layer) given a Date is
 * bound as a DateTime of the dialect would be, as the Python drivers adapt a datetime; anything
 * else passes as it is.
 */
function untypedBind(datetime: Processor | null, integer: Processor | undefined): Processor | null {
  if (integer !== undefined) {
    return (v) =>
      typeof v === "number" && Number.isSafeInteger(v)
        ? integer(v)
        : v instanceof Date && datetime !== null
          ? datetime(v)
          : v;
  }
  if (datetime === null) return null;
  return (v) => (v instanceof Date ? datetime(v) : v);
}

/**
 * Builds a dialect's `bindProcessor` / `resultProcessor` from its per-kind table, adding what
 * every dialect shares: a type's own `bindProcessor(dialect)` hook wins, and a TypeDecorator
 * chains as SQLAlchemy does (the user's `processBindParam` first on bind, the impl's processor
 * first on results).
 * @example
 * export const { bindProcessor, resultProcessor } = processorLookup({ bind, result });
 */
export function processorLookup(table: ProcessorTable): {
  bindProcessor(type: TypeEngine, dialect?: unknown): Processor | null;
  resultProcessor(type: TypeEngine, dialect?: unknown, typeCode?: unknown): Processor | null;
} {
  const own = (type: TypeEngine, dialect: unknown, which: "bind" | "result"): Processor | null => {
    if (dialect === undefined) return null;
    const d = dialect as Parameters<TypeEngine["bindProcessor"]>[0];
    return which === "bind" ? type.bindProcessor(d) : type.resultProcessor(d);
  };
  function bindProcessor(type: TypeEngine, dialect?: unknown): Processor | null {
    const dec = asDecorator(type, dialect);
    if (dec === null) {
      if (type instanceof NullType)
        return untypedBind(table.bind(DATETIME, "datetime", dialect), table.untypedInteger);
      const kind = valueKind(type);
      const p = own(type, dialect, "bind") ?? table.bind(type, kind, dialect);
      if (kind === "json") return jsonValue(p);
      if (kind === "boolean") return strictBoolean(p);
      if (kind === "integer" || kind === "bigint") return finiteNumber(p);
      return kind === "other" && type.affinity === "string" ? strictString(p) : p;
    }
    return chainBind(type, dec.processBindParam, bindProcessor(dec.implType, dialect), dialect);
  }
  function resultProcessor(type: TypeEngine, dialect?: unknown, typeCode?: unknown): Processor | null {
    const dec = asDecorator(type, dialect);
    if (dec === null) {
      const kind = valueKind(type);
      const p = own(type, dialect, "result") ?? table.result(type, kind, dialect, typeCode);
      return kind === "enum" ? enumResult(type as EnumType, p) : p;
    }
    const impl = resultProcessor(dec.implType, dialect, typeCode);
    return chainResult(type, dec.processResultValue, impl, dialect);
  }
  return { bindProcessor, resultProcessor };
}
