/** GINO's query shortcuts, run on a context connection's base frame. */
import type { ExecuteParams } from "../engine/connection.js";
import type { Row } from "../engine/result/row.js";
import type { ContextConnection } from "./handle.js";
import { type Query, toStatement } from "./query.js";
import { executeWithStatus } from "./status.js";

/**
 * Every row.
 * @example
 * await gino.all(handle, sa.select(users));
 */
export function all(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<Row[]> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => (await c.execute(stmt, params)).all());
}

/**
 * The first row, or null.
 * @example
 * await gino.first(handle, sa.select(users));
 */
export function first(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<Row | null> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => (await c.execute(stmt, params)).first());
}

/**
 * The only row; NoResultFound / MultipleResultsFound otherwise.
 * @example
 * await gino.one(handle, sa.select(users));
 */
export function one(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<Row> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => (await c.execute(stmt, params)).one());
}

/**
 * The only row or null; MultipleResultsFound for more.
 * @example
 * await gino.oneOrNone(handle, sa.select(users));
 */
export function oneOrNone(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<Row | null> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => (await c.execute(stmt, params)).oneOrNone());
}

/**
 * The first column of the first row, or null.
 * @example
 * await gino.scalar(handle, sa.select(users));
 */
export function scalar(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<unknown> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => (await c.execute(stmt, params)).scalar());
}

/**
 * The command tag (`INSERT 0 1`) and the rows.
 * @example
 * await gino.status(handle, sa.select(users));
 */
export function status(
  h: ContextConnection,
  query: Query,
  params?: ExecuteParams,
): Promise<{ status: string; rows: Row[] }> {
  const stmt = toStatement(query);
  return h.run(h.base, (c) => executeWithStatus(c, stmt, params));
}

/**
 * Rows through a server-side cursor.
 * @example
 * for await (const row of gino.iterate(handle, sa.select(users))) {}
 */
export function iterate(
  h: ContextConnection,
  query: Query,
  params?: ExecuteParams,
): AsyncGenerator<Row, void, undefined> {
  return h.iterate(h.base, toStatement(query), params);
}
