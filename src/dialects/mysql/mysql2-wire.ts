/**
 * What mysql2 answers, as this adapter uses it (structural types, so no other file imports
 * mysql2), and the normalisations that make its binary and text protocols answer alike.
 */
import { ArgumentError } from "../../exc.js";
import type { CursorColumn, DBAPIParams } from "../dbapi.js";

const FLOAT_TYPE = 4;
const TIME_TYPE = 11;

/** The column metadata mysql2 gives. */
export interface RawField {
  name: string;
  columnType: number;
  decimals: number;
}
/** mysql2's OK packet. */
export interface RawHeader {
  affectedRows: number;
  insertId: number | string;
  serverStatus: number;
}
export type RawCallback = (err: Error | null, result?: unknown, fields?: RawField[]) => void;
/** A query or execute command in event mode (no callback): rows arrive one event each. */
export interface RawCommand {
  on(event: "fields", fn: (fields: RawField[] | undefined) => void): RawCommand;
  on(event: "result", fn: (row: unknown) => void): RawCommand;
  on(event: "error", fn: (err: Error) => void): RawCommand;
  on(event: "end", fn: () => void): RawCommand;
  removeAllListeners(): RawCommand;
  _rowParser?: { next(...args: unknown[]): unknown } | null;
}
/** The callback-API connection, as far as this adapter uses it. */
export interface RawConnection {
  threadId: number;
  query(sql: string, values: unknown[] | undefined, cb?: RawCallback): RawCommand;
  execute(sql: string, values: unknown[], cb?: RawCallback): RawCommand;
  ping(cb: (err: Error | null) => void): void;
  pause(): void;
  resume(): void;
  end(cb: (err: Error | null) => void): void;
  destroy(): void;
  on(event: "error", fn: (err: Error) => void): void;
  once(event: "end", fn: () => void): void;
  stream?: { destroy?(): void };
}
/**
 * Positional parameters as mysql2 takes them (an object is refused: the paramstyle is qmark).
 * @example
 * toValues([1, "a"]); // [1, "a"]
 */
export function toValues(params: DBAPIParams | null | undefined): unknown[] | undefined {
  if (params == null) return undefined;
  if (!Array.isArray(params)) {
    throw new ArgumentError("The mysql2 driver takes positional parameters (?), not an object");
  }
  return params as unknown[];
}

/**
 * The DB-API description of mysql2's fields (typeCode: the MySQL column type number).
 * @example
 * describe([{ name: "id", columnType: 3, decimals: 0 }]); // [{ name: "id", typeCode: 3 }]
 */
export function describe(fields: readonly RawField[] | undefined): CursorColumn[] | null {
  return fields?.length ? fields.map((f) => ({ name: f.name, typeCode: f.columnType })) : null;
}

/** The shortest decimal that reads back as the same float32: what FLOAT means (1.1, not 1.100000023841858). */
function float32(v: unknown): unknown {
  if (typeof v !== "number" || !Number.isFinite(v)) return v;
  for (let p = 1; p <= 9; p++) {
    const r = Number(v.toPrecision(p));
    if (Math.fround(r) === v) return r;
  }
  return v;
}

/** TIME(n) with its n fraction digits, as the text protocol sends it (binary drops trailing zeros). */
function timeDigits(n: number): (v: unknown) => unknown {
  return (v) => {
    if (typeof v !== "string") return v;
    const dot = v.indexOf(".");
    return dot < 0 ? `${v}.${"0".repeat(n)}` : v.slice(0, dot + 1) + v.slice(dot + 1).padEnd(n, "0");
  };
}

/** A column index and the conversion its values need. */
export type Fixup = readonly [column: number, fix: (v: unknown) => unknown];

/**
 * Where the binary protocol answers differently from the text protocol: FLOAT comes as the raw
 * float32 and TIME(n) without trailing zeros. Null when no column needs a fix (the usual case).
 * @example
 * binaryFixups([{ name: "f", columnType: 4, decimals: 31 }]); // [[0, float32]]
 */
export function binaryFixups(fields: readonly RawField[] | undefined): Fixup[] | null {
  if (!fields) return null;
  let out: Fixup[] | null = null;
  for (let i = 0; i < fields.length; i++) {
    const { columnType, decimals } = fields[i];
    if (columnType === FLOAT_TYPE) (out ??= []).push([i, float32]);
    else if (columnType === TIME_TYPE && decimals >= 1 && decimals <= 6)
      (out ??= []).push([i, timeDigits(decimals)]);
  }
  return out;
}

/**
 * Applies the fixups to one row in place.
 * @example
 * applyFixups(row, binaryFixups(fields) ?? []);
 */
export function applyFixups(row: unknown[], fixups: readonly Fixup[]): void {
  for (const [i, fix] of fixups) row[i] = fix(row[i]);
}

/**
 * `insertId` as DB-API's lastrowid: 0 (no AUTO_INCREMENT value) is null, a big one a bigint.
 * @example
 * lastrowid({ affectedRows: 1, insertId: 0, serverStatus: 2 }); // null
 */
export function lastrowid(h: RawHeader): number | bigint | null {
  const id = h.insertId;
  if (typeof id === "string") return BigInt(id);
  return id ? id : null;
}
