/** The query methods, run on a context connection in a frame (shared by Database and its connections). */
import type { Connection, ExecuteParams } from "../engine/connection.js";
import type { Row } from "../engine/result/row.js";
import type { ClauseElement } from "../sql/base.js";
import { failing } from "./failing.js";
import type { Frame } from "./frame.js";
import type { ContextConnection } from "./handle.js";
import {
  type ColumnRef,
  executeResultValue,
  pickColumn,
  type Query,
  type QueryOptions,
  singleValues,
  toStatement,
  type Values,
} from "./query.js";

/** Where a call runs: a context connection and the frame (transaction level) on it. */
export interface Target {
  handle: ContextConnection;
  frame: Frame;
}

/**
 * Every row.
 * @example
 * await fetchAll(target, "SELECT * FROM notes WHERE id = :id", { id: 1 });
 */
export async function fetchAll(
  t: Target,
  query: Query,
  values?: Values,
  opts?: QueryOptions,
): Promise<Row[]> {
  const stmt = toStatement(query);
  const params = singleValues(values, "fetchAll");
  return t.handle.run(t.frame, async (c) => (await c.execute(stmt, params)).all(), opts?.signal);
}

/**
 * The first row, or null.
 * @example
 * await fetchOne(target, "SELECT * FROM notes WHERE id = :id", { id: 1 });
 */
export async function fetchOne(
  t: Target,
  query: Query,
  values?: Values,
  opts?: QueryOptions,
): Promise<Row | null> {
  const stmt = toStatement(query);
  const params = singleValues(values, "fetchOne");
  return t.handle.run(t.frame, async (c) => (await c.execute(stmt, params)).first(), opts?.signal);
}

/**
 * One value of the first row (after the column's result processing), or null without rows.
 * @example
 * await fetchVal(target, "SELECT * FROM notes WHERE id = :id", { id: 1 });
 */
export async function fetchVal(
  t: Target,
  query: Query,
  values?: Values,
  column: ColumnRef = 0,
  opts?: QueryOptions,
): Promise<unknown> {
  const row = await fetchOne(t, query, values, opts);
  return row === null ? null : pickColumn(row, column);
}

/**
 * Runs a statement; see `executeResultValue` for what it returns.
 * @example
 * await execute(target, "SELECT * FROM notes WHERE id = :id", { id: 1 });
 */
export async function execute(
  t: Target,
  query: Query,
  values?: Values,
  opts?: QueryOptions,
): Promise<unknown> {
  const stmt = toStatement(query);
  const params = singleValues(values, "execute");
  return t.handle.run(
    t.frame,
    async (c) => executeResultValue(await c.execute(stmt, params), stmt),
    opts?.signal,
  );
}

/**
 * Runs a statement once per value set (INSERTs are batched); an empty list runs nothing.
 * @example
 * await executeMany(target, notes.insert(), [{ text: "a" }]);
 */
export async function executeMany(
  t: Target,
  query: Query,
  values: readonly Values[],
  opts?: QueryOptions,
): Promise<void> {
  const stmt = toStatement(query);
  if (!Array.isArray(values)) throw new TypeError("executeMany() takes a list of value sets");
  if (values.length === 0) return;
  await t.handle.run(t.frame, (c) => c.execute(stmt, values), opts?.signal);
}

/**
 * Runs `fn` with the engine Connection, as a query runs (see `Database.runSync`).
 * @example
 * await runSync(target, (conn) => meta.createAll(conn));
 */
export async function runSync<T>(
  t: Target,
  fn: (conn: Connection) => T | Promise<T>,
  opts?: QueryOptions,
): Promise<T> {
  return t.handle.run(t.frame, async (c) => fn(c), opts?.signal);
}

/**
 * Rows through a server-side cursor.
 * @example
 * for await (const row of iterate(target, "SELECT * FROM notes WHERE id = :id", { id: 1 })) {}
 */
export function iterate(
  t: Target,
  query: Query,
  values?: Values,
  opts?: QueryOptions,
): AsyncGenerator<Row, void, undefined> {
  let stmt: ClauseElement;
  let params: ExecuteParams | undefined;
  try {
    stmt = toStatement(query);
    params = singleValues(values, "iterate");
  } catch (err) {
    return failing(err);
  }
  return t.handle.iterate(t.frame, stmt, params, opts?.signal);
}
