/** What the query methods take (a statement or raw SQL) and what `execute` returns. */
import type { ExecuteParams, RowOfStatement, TupleOfStatement } from "../engine/connection.js";
import type { CursorResult } from "../engine/result/cursor-result.js";
import { noSuchColumn } from "../engine/result/messages.js";
import type { Row } from "../engine/result/row.js";
import { ArgumentError } from "../exc.js";
import { ClauseElement } from "../sql/base.js";
import { TextClause, text } from "../sql/elements/text.js";
// why: installs the compiler hooks, so statements compile when only alkahest/database is imported
import "../sql/index.js";

/** A statement, or raw SQL with `:name` binds (run as `sa.text(sql)`). */
export type Query = ClauseElement | string;

/** Bind values of one execution, by name. */
export type Values = Readonly<Record<string, unknown>>;

/** The row type of a query: typed for statements, a plain record for raw SQL. */
export type RowFor<Q> = Q extends string ? Row : Row<RowOfStatement<Q>, TupleOfStatement<Q>>;

/**
 * What `fetchVal(query, values, column)` returns: a statement's first column's value or null
 * when `column` is left out (or 0), unknown for raw SQL and other columns.
 */
export type ValFor<Q, C> = Q extends string
  ? unknown
  : [C] extends [0]
    ? TupleOfStatement<Q> extends readonly [infer F, ...unknown[]]
      ? F | null
      : unknown
    : unknown;

/** Options every query method takes. */
export interface QueryOptions {
  /**
   * Cancels the call: a wait for the pool or the transaction ends at once, and a running
   * statement is cancelled server-side (PostgreSQL, MySQL) or its connection discarded. The
   * promise rejects with `signal.reason` once the connection is free again.
   */
  signal?: AbortSignal;
}

/** A column of a row: position, name, or Column object. */
export type ColumnRef = number | string | object;

/**
 * The executable statement for a query: raw SQL becomes `sa.text(sql)`.
 * @example
 * toStatement("SELECT * FROM notes WHERE id = :id");
 */
export function toStatement(query: Query): ClauseElement {
  if (typeof query === "string") return text(query);
  if (query instanceof ClauseElement) return query;
  throw new ArgumentError(`Expected a statement or an SQL string, got ${typeof query}`);
}

/**
 * One parameter set for `execute`/`fetch*` (a list belongs to `executeMany`).
 * @example
 * singleValues({ id: 1 }, "fetchAll"); // { id: 1 }; singleValues([{ id: 1 }], "execute") throws
 */
export function singleValues(values: Values | undefined, method: string): ExecuteParams | undefined {
  if (values === undefined || values === null) return undefined;
  if (Array.isArray(values)) {
    throw new ArgumentError(`${method}() takes one set of values; use executeMany() for a list`);
  }
  if (typeof values !== "object") throw new ArgumentError(`${method}() values must be an object`);
  return values;
}

/**
 * A value of `row`: by position, by name, or by Column (as `fetchVal`'s `column`).
 * @example
 * pickColumn(row, 0); pickColumn(row, "text"); pickColumn(row, notes.c.text);
 */
export function pickColumn(row: Row, column: ColumnRef): unknown {
  if (typeof column === "number") {
    if (!Number.isInteger(column) || column < 0 || column >= row.length) {
      throw new ArgumentError(`Column index ${column} is out of range for a row of ${row.length} columns`);
    }
    return [...row][column];
  }
  // as databases' row._mapping[column]: a misspelt name is an error, not undefined
  if (!row._mapping.has(column)) throw noSuchColumn(column);
  return row._mapping.get(column);
}

function safeNumber(v: number | bigint): number | bigint {
  return typeof v === "bigint" && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)
    ? Number(v)
    : v;
}

const RAW_INSERT = /^\s*(?:INSERT|REPLACE)\b/i;

/**
 * What `execute` returns, in this order:
 * 1. a statement that returns rows (`RETURNING`, or a SELECT): the first column of the first row
 *    (null when there is none);
 * 2. an `insert()` construct of one row: its primary key as the dialect reports it (lastrowid on
 *    SQLite and MySQL, implicit RETURNING on PostgreSQL); an array for a composite key;
 * 3. a raw-SQL INSERT on SQLite or MySQL: the driver's lastrowid;
 * 4. otherwise the rowcount (rows affected; -1 when the driver does not know).
 * @example
 * executeResultValue(await conn.execute(notes.insert(), { text: "a" }), notes.insert()); // 1
 */
export function executeResultValue(result: CursorResult, statement: ClauseElement): unknown {
  if (result.returnsRows) {
    const row = result.first();
    return row === null ? null : [...row][0];
  }
  if (result.isInsert) {
    const pk = result.insertedPrimaryKey;
    const values = pk === null ? [] : [...pk];
    if (values.length > 0 && values.every((v) => v !== null && v !== undefined)) {
      return values.length === 1 ? values[0] : values;
    }
  } else if (statement instanceof TextClause) {
    const lastrowid = result.lastrowid;
    if (lastrowid !== null && lastrowid !== 0 && lastrowid !== 0n && RAW_INSERT.test(statement.text)) {
      return safeNumber(lastrowid);
    }
  }
  return result.rowcount;
}
