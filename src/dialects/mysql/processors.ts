/**
 * MySQL / MariaDB type processors for the `mysql2` driver. The adapter connects with
 * `supportBigNumbers` + `bigNumberStrings` (BIGINT and DECIMAL arrive as text), `jsonStrings`
 * (JSON arrives as text on both servers: MariaDB's JSON is LONGTEXT anyway), `timezone: "Z"` and a
 * `+00:00` session time zone (DATETIME, TIMESTAMP and DATE arrive as UTC Dates). So most of the
 * work here is on results: text to bigint, boolean and JSON. Dates are bound as UTC text, which
 * DATETIME stores as the UTC wall clock and both protocols (text and binary) accept.
 */
import type { EnumType } from "../../sql/types/sqltypes.js";
import type { Processor, TypeEngine } from "../../sql/types/type-engine.js";
import {
  bigintBind,
  enumBind,
  formatDateTimeUTC,
  formatDateUTC,
  formatTimeUTC,
  parseDateTimeUTC,
  parseDateUTC,
  processorLookup,
  toBuffer,
  trimTimeFraction,
  uuidFromHex,
  uuidToHex,
  type ValueKind,
} from "../shared/processors.js";

const bindDateTime: Processor = (v) => (v instanceof Date ? formatDateTimeUTC(v) : v);
const bindDate: Processor = (v) => (v instanceof Date ? formatDateUTC(v) : v);
const bindTime: Processor = (v) => (v instanceof Date ? formatTimeUTC(v) : v);

/** TINYINT(1) answers 0/1. */
const resultBoolean: Processor = (v) => (v == null || typeof v === "boolean" ? v : Number(v) !== 0);
/** count(*) is BIGINT and SUM(int) DECIMAL: both arrive as text, and an Integer promises numbers. */
const resultInteger: Processor = (v) => (typeof v === "string" || typeof v === "bigint" ? Number(v) : v);
const resultBigint: Processor = (v) =>
  typeof v === "string" || (typeof v === "number" && Number.isInteger(v)) ? BigInt(v) : v;
/** DECIMAL is text already; a computed column may be a DOUBLE. */
const resultNumeric: Processor = (v) => (typeof v === "number" ? String(v) : v);

/**
 * A zero date (`0000-00-00`, allowed outside NO_ZERO_DATE) arrives as an Invalid Date: null, as
 * mysqlclient answers None. Text (under `dateStrings`) is parsed as UTC.
 */
function resultTemporal(parse: (s: string) => Date | null): Processor {
  return (v) => {
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
    if (typeof v === "string") return v.startsWith("0000-00-00") ? null : (parse(v) ?? v);
    return v;
  };
}
const resultDateTime = resultTemporal(parseDateTimeUTC);
const resultDate = resultTemporal(parseDateUTC);

/**
 * TIME arrives as `HH:MM:SS` padded to the column's fraction digits (`23:59:58.123000` from a
 * TIME(6)); trailing zeros of the fraction go, so a value reads back as it was written and as
 * PostgreSQL answers (`23:59:58.123`, `12:34:56`).
 */
const resultTime = trimTimeFraction;

/** Interval is emulated as a DATETIME relative to the epoch, as SQLAlchemy does. */
const bindInterval: Processor = (v) => (typeof v === "number" ? formatDateTimeUTC(new Date(v)) : v);
const resultInterval: Processor = (v) => {
  const d = resultDateTime(v);
  return d instanceof Date ? d.getTime() : d;
};

const bindJson: Processor = (v) => JSON.stringify(v);
const resultJson: Processor = (v) => (typeof v === "string" ? JSON.parse(v) : v);
const resultBinary: Processor = (v) => (typeof v === "string" ? Buffer.from(v) : v);

function bind(type: TypeEngine, kind: ValueKind): Processor | null {
  switch (kind) {
    case "bigint":
      return bigintBind;
    case "datetime":
      return bindDateTime;
    case "date":
      return bindDate;
    case "time":
      return bindTime;
    case "interval":
      return bindInterval;
    // mysql2's text protocol would format an object as `key = value` pairs: always send JSON text
    case "json":
      return bindJson;
    case "binary":
      return toBuffer;
    // Uuid is CHAR(32) on MySQL and MariaDB, whatever nativeUuid says
    case "uuid":
      return uuidToHex;
    case "enum":
      return enumBind(type as EnumType);
    default:
      return null;
  }
}

/**
 * mysql2 column types whose values already arrive as JS numbers on both protocols (TINY, SHORT,
 * LONG, INT24, YEAR): an Integer column of one of these needs no processor (BIGINT and DECIMAL
 * arrive as text and keep theirs).
 */
const NUMBER_TYPES: readonly number[] = [1, 2, 3, 9, 13];

function result(
  _type: TypeEngine,
  kind: ValueKind,
  _dialect?: unknown,
  typeCode?: unknown,
): Processor | null {
  if (kind === "integer" && NUMBER_TYPES.includes(typeCode as number)) return null;
  switch (kind) {
    case "boolean":
      return resultBoolean;
    case "integer":
      return resultInteger;
    case "bigint":
      return resultBigint;
    case "numeric":
      return resultNumeric;
    case "datetime":
      return resultDateTime;
    case "date":
      return resultDate;
    case "time":
      return resultTime;
    case "interval":
      return resultInterval;
    case "json":
      return resultJson;
    case "binary":
      return resultBinary;
    case "uuid":
      return uuidFromHex;
    default:
      return null;
  }
}

/**
 * `bindProcessor(type)` converts a JS value for mysql2 (null: none needed); `resultProcessor(type)`
 * converts what mysql2 returns. A TypeDecorator chains with its impl's processors.
 * @example
 * bindProcessor(sa.DateTime())!(new Date(0)); // "1970-01-01 00:00:00.000000"
 * resultProcessor(sa.BigInteger())!("9007199254740993"); // 9007199254740993n
 * resultProcessor(sa.Boolean())!(1); // true
 */
export const { bindProcessor, resultProcessor } = processorLookup({ bind, result });
