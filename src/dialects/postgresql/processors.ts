/**
 * PostgreSQL type processors for the `pg` driver. Most types are native, so most lookups return
 * null; the adapter's per-connection type parsers (pg.ts) already return bigint for int8, Date
 * for timestamps (naive ones read as UTC), text for `date`, parsed JSON and Buffers.
 */
import type { ARRAYType, EnumType } from "../../sql/types/sqltypes.js";
import type { Processor, TypeEngine } from "../../sql/types/type-engine.js";
import {
  enumBind,
  formatDateTimeUTC,
  formatDateUTC,
  formatTimeUTC,
  isHexUuid,
  mapArray,
  parseDateTimeUTC,
  parseDateUTC,
  parsePgArrayLiteral,
  processorLookup,
  uuidFromHex,
  uuidToHex,
  type ValueKind,
} from "../shared/processors.js";

/**
 * Dates go as UTC text with an explicit `+00:00`: a `timestamp` column drops the offset and keeps
 * the UTC wall clock (which the adapter reads back as UTC), a `timestamptz` column keeps the
 * instant. pg's own Date serialisation uses the process time zone, which would shift naive values.
 */
const bindDateTime: Processor = (v) => (v instanceof Date ? `${formatDateTimeUTC(v)}+00:00` : v);
const bindDate: Processor = (v) => (v instanceof Date ? formatDateUTC(v) : v);
const bindTime: Processor = (v) => (v instanceof Date ? formatTimeUTC(v) : v);
const bindInterval: Processor = (v) => (typeof v === "number" ? `${v} milliseconds` : v);

/**
 * int8 values come back as bigint (count(*) among them); an Integer column promises numbers. A
 * bind selected bare (`select(literal(1))`, sent untyped as `$1`) comes back as text.
 */
const resultInteger: Processor = (v) =>
  typeof v === "bigint" ? Number(v) : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
/** Untyped binds selected bare come back as text: `true`/`false` (or `t`/`f`). */
const resultBoolean: Processor = (v) =>
  typeof v === "string" ? (v === "true" || v === "t" ? true : v === "false" || v === "f" ? false : v) : v;
/** Likewise for floats (`float8` itself comes back as a number). */
const resultFloat: Processor = (v) =>
  typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v;
const resultBigint: Processor = (v) =>
  typeof v === "number" || (typeof v === "string" && /^-?\d+$/.test(v)) ? BigInt(v) : v;
const resultDate: Processor = (v) => (typeof v === "string" ? (parseDateUTC(v) ?? v) : v);
const resultDateTime: Processor = (v) => (typeof v === "string" ? (parseDateTimeUTC(v) ?? v) : v);

interface PgInterval {
  years?: number;
  months?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}
/** pg's interval object to milliseconds; a month counts 30 days, as psycopg does. */
const resultInterval: Processor = (v) => {
  if (typeof v !== "object" || v === null) return v;
  const i = v as PgInterval;
  const days = ((i.years ?? 0) * 12 + (i.months ?? 0)) * 30 + (i.days ?? 0);
  const secs = ((days * 24 + (i.hours ?? 0)) * 60 + (i.minutes ?? 0)) * 60 + (i.seconds ?? 0);
  return secs * 1000 + (i.milliseconds ?? 0);
};

function bind(type: TypeEngine, kind: ValueKind, dialect?: unknown): Processor | null {
  switch (kind) {
    case "datetime":
      return bindDateTime;
    case "date":
      return bindDate;
    case "time":
      return bindTime;
    case "interval":
      return bindInterval;
    // pg would send a JS array as a PostgreSQL array and a string unquoted: always send JSON text
    case "json":
      return (v) => JSON.stringify(v);
    case "uuid":
      return isHexUuid(type) ? uuidToHex : null;
    case "enum":
      return enumBind(type as EnumType);
    case "array": {
      const item = bindProcessor((type as ARRAYType).itemType, dialect);
      return item === null ? null : mapArray(item);
    }
    default:
      return null;
  }
}

/**
 * Column types (OIDs) the adapter's type parsers already turn into the value the processor of
 * that kind would return: int2/int4 numbers, booleans, float4/float8 numbers, int8 bigints,
 * numeric text and timestamp/timestamptz Dates. A result column of one of these needs no
 * processor, which a 1,000-row select would otherwise call 1,000 times per column.
 */
const NATIVE: Partial<Record<ValueKind | "float", readonly number[]>> = {
  integer: [21, 23],
  boolean: [16],
  float: [700, 701],
  bigint: [20],
  numeric: [1700],
  datetime: [1114, 1184],
};

function result(type: TypeEngine, kind: ValueKind, dialect?: unknown, typeCode?: unknown): Processor | null {
  const native = NATIVE[kind === "other" && type.affinity === "float" ? "float" : kind];
  if (native?.includes(typeCode as number)) return null;
  switch (kind) {
    case "boolean":
      return resultBoolean;
    case "integer":
      return resultInteger;
    case "bigint":
      return resultBigint;
    case "numeric":
      return (v) => (typeof v === "number" ? String(v) : v);
    case "date":
      return resultDate;
    case "datetime":
      return resultDateTime;
    case "interval":
      return resultInterval;
    case "uuid":
      return isHexUuid(type) ? uuidFromHex : null;
    case "array": {
      const item = resultProcessor((type as ARRAYType).itemType, dialect);
      const each = item === null ? null : mapArray(item);
      // an array of a type pg has no parser for (an enum) arrives as its text literal
      return (v) => {
        const arr = typeof v === "string" ? parsePgArrayLiteral(v) : v;
        return each === null ? arr : each(arr);
      };
    }
    default:
      return type.affinity === "float" ? resultFloat : null;
  }
}

/**
 * `bindProcessor(type)` converts a JS value for pg (null: none needed); `resultProcessor(type)`
 * converts what pg returns. A TypeDecorator chains with its impl's processors.
 * @example
 * bindProcessor(sa.JSON())!([1, 2]); // "[1,2]" (pg alone would send the PostgreSQL array {1,2})
 * resultProcessor(sa.Date())!("2024-01-02"); // 2024-01-02T00:00:00.000Z
 */
export const { bindProcessor, resultProcessor } = processorLookup({ bind, result });
