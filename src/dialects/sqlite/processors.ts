/**
 * SQLite type processors (better-sqlite3 values ↔ JS values), following SQLAlchemy's SQLite
 * storage formats: booleans as 0/1, date/times as UTC text, UUIDs as 32 hex digits, JSON as text.
 *
 * Result processors accept whatever SQLite returns for the column's affinity (a NUMERIC-affinity
 * column may hand back a number where text was stored), and pass null through.
 */
import { ArgumentError, StatementError } from "../../exc.js";
import { type EnumType, NumericType } from "../../sql/types/sqltypes.js";
import type { Processor, TypeEngine } from "../../sql/types/type-engine.js";
import {
  bigintBind,
  enumBind,
  formatDateTimeUTC,
  formatDateUTC,
  formatTimeUTC,
  normalizeTime,
  parseDateTimeUTC,
  parseDateUTC,
  processorLookup,
  toBuffer,
  trimTimeFraction,
  uuidFromHex,
  uuidToHex,
  type ValueKind,
} from "../shared/processors.js";

function dateOnly(kind: string, fmt: (d: Date) => string): Processor {
  return (v) => {
    if (v instanceof Date) return fmt(v);
    if (typeof v === "string") return v;
    throw new StatementError(`SQLite ${kind} type only accepts Date objects (or ISO text) as input.`);
  };
}

function parsed(what: string, parse: (s: string) => Date | null): Processor {
  return (v) => {
    if (typeof v !== "string") return v;
    const d = parse(v);
    if (d === null) throw new ArgumentError(`Couldn't parse ${what} string: '${v}'`);
    return d;
  };
}

const bindBoolean: Processor = (v) => (v === true ? 1 : v === false ? 0 : v);
const resultBoolean: Processor = (v) => (v == null || typeof v === "boolean" ? v : Number(v) !== 0);

const resultBigint: Processor = (v) => {
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^-?\d+$/.test(v)) return BigInt(v);
  return v;
};

/**
 * A REAL as decimal text, never in exponent form: with the column's scale as SQLAlchemy formats
 * it (`'%.10f' % value`: the double's exact digits, `1234567890123456850245451776.0000000000`),
 * without one as the shortest text that reads back as the same double.
 * @example
 * decimalText(1.2345678901234569e27, 2); // "1234567890123456850245451776.00"
 */
export function decimalText(v: number, scale: number | undefined): string {
  // toFixed switches to exponent form at 1e21, where every double is an integer: BigInt is exact
  const big = Math.abs(v) >= 1e21 && Number.isFinite(v);
  if (scale !== undefined)
    return big ? `${BigInt(v)}${scale > 0 ? `.${"0".repeat(scale)}` : ""}` : v.toFixed(scale);
  const text = String(v);
  if (!text.includes("e")) return text;
  if (big) return String(BigInt(v));
  // a tiny value: the shortest digits (`1.5e-7`) written out, `0.00000015`
  const m = /^(-?)(\d)(?:\.(\d+))?e-(\d+)$/.exec(text);
  return m === null ? text : `${m[1]}0.${"0".repeat(Number(m[4]) - 1)}${m[2]}${m[3] ?? ""}`;
}

function resultNumeric(type: TypeEngine): Processor {
  const scale = type instanceof NumericType ? type.scale : undefined;
  return (v) => {
    if (typeof v === "number") return decimalText(v, scale);
    return typeof v === "bigint" ? String(v) : v;
  };
}

/** Times are stored as SQLAlchemy stores them, `HH:MM:SS.ffffff`, whatever spelling was bound. */
const bindTime: Processor = (v) =>
  v instanceof Date ? formatTimeUTC(v) : typeof v === "string" ? normalizeTime(v) : v;

const bindDateTime = dateOnly("DateTime", formatDateTimeUTC);

/** Interval is stored as a DATETIME relative to the epoch, as SQLAlchemy does. */
const bindInterval: Processor = (v) => (typeof v === "number" ? formatDateTimeUTC(new Date(v)) : v);
const resultInterval: Processor = (v) => {
  if (typeof v !== "string") return v;
  const d = parseDateTimeUTC(v);
  if (d === null) throw new ArgumentError(`Couldn't parse interval string: '${v}'`);
  return d.getTime();
};

function bind(type: TypeEngine, kind: ValueKind): Processor | null {
  switch (kind) {
    case "boolean":
      return bindBoolean;
    case "bigint":
      return bigintBind;
    case "datetime":
      return bindDateTime;
    case "date":
      return dateOnly("Date", formatDateUTC);
    case "time":
      return bindTime;
    case "interval":
      return bindInterval;
    case "json":
      return (v) => JSON.stringify(v);
    case "binary":
      return toBuffer;
    case "uuid":
      return uuidToHex;
    case "enum":
      return enumBind(type as EnumType);
    default:
      return null;
  }
}

function result(type: TypeEngine, kind: ValueKind): Processor | null {
  switch (kind) {
    case "boolean":
      return resultBoolean;
    case "bigint":
      return resultBigint;
    case "numeric":
      return resultNumeric(type);
    case "datetime":
      return parsed("datetime", parseDateTimeUTC);
    case "date":
      return parsed("date", parseDateUTC);
    case "time":
      return trimTimeFraction;
    case "interval":
      return resultInterval;
    case "json":
      return (v) => (typeof v === "string" ? JSON.parse(v) : v);
    case "binary":
      return (v) => (typeof v === "string" ? Buffer.from(v) : v);
    case "uuid":
      return uuidFromHex;
    default:
      return null;
  }
}

/**
 * `bindProcessor(type)` converts a JS value for better-sqlite3 (null: none needed);
 * `resultProcessor(type)` converts what SQLite returns. A TypeDecorator (a type with `impl` and
 * `processBindParam` / `processResultValue`) chains with its impl's processors.
 * @example
 * bindProcessor(sa.DateTime())!(new Date(0)); // "1970-01-01 00:00:00.000000"
 * resultProcessor(sa.Boolean())!(1); // true
 */
/**
 * better-sqlite3 binds every JS number as a REAL: an untyped 7 would divide as 7.0 (`:a / :b` is
 * 3.5, pysqlite's 3) and concatenate as "7.0". A bigint binds as an INTEGER.
 */
const untypedInteger = (v: unknown): unknown => BigInt(v as number);

export const { bindProcessor, resultProcessor } = processorLookup({ bind, result, untypedInteger });
