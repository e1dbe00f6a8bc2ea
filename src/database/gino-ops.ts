/**
 * GINO's query shortcuts, run on a context connection's base frame. A statement that returns no
 * rows (an UPDATE without RETURNING, `ROLLBACK`) gives what asyncpg's fetch gives GINO: no rows,
 * so `all()` is `[]`, `first()`/`oneOrNone()`/`scalar()` are null and `one()` raises
 * NoResultFound (SQLAlchemy's Result would raise ResourceClosedError instead).
 */
import type { ExecuteParams } from "../engine/connection.js";
import type { CursorResult } from "../engine/result/cursor-result.js";
import { noResultFound } from "../engine/result/messages.js";
import type { Row } from "../engine/result/row.js";
import type { ContextConnection } from "./handle.js";
import { type Query, toStatement } from "./query.js";
import { executeWithStatus } from "./status.js";

/** The rows of a result; none for a statement that returns none. */
function rowsOf(r: CursorResult): Row[] {
  return r.returnsRows ? r.all() : [];
}

/**
 * Every row.
 * @example
 * await gino.all(handle, sa.select(users));
 */
export function all(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<Row[]> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => rowsOf(await c.execute(stmt, params)));
}

/**
 * The first row, or null.
 * @example
 * await gino.first(handle, sa.select(users));
 */
export function first(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<Row | null> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => {
    const r = await c.execute(stmt, params);
    return r.returnsRows ? r.first() : null;
  });
}

/**
 * The only row; NoResultFound / MultipleResultsFound otherwise.
 * @example
 * await gino.one(handle, sa.select(users));
 */
export function one(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<Row> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => {
    const r = await c.execute(stmt, params);
    // a statement without rows has none to give: GINO's one() raises NoResultFound
    if (!r.returnsRows) throw noResultFound();
    return r.one();
  });
}

/**
 * The only row or null; MultipleResultsFound for more.
 * @example
 * await gino.oneOrNone(handle, sa.select(users));
 */
export function oneOrNone(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<Row | null> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => {
    const r = await c.execute(stmt, params);
    return r.returnsRows ? r.oneOrNone() : null;
  });
}

/**
 * The first column of the first row, or null.
 * @example
 * await gino.scalar(handle, sa.select(users));
 */
export function scalar(h: ContextConnection, query: Query, params?: ExecuteParams): Promise<unknown> {
  const stmt = toStatement(query);
  return h.run(h.base, async (c) => {
    const r = await c.execute(stmt, params);
    return r.returnsRows ? r.scalar() : null;
  });
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
