/**
 * The query methods `Database` and `DatabaseConnection` share: each runs on the target its
 * class resolves (the context's transaction or connection, else a connection for the call).
 */
import type { Connection } from "../engine/connection.js";
import { failing } from "./failing.js";
import * as ops from "./ops.js";
import type { ColumnRef, Query, QueryOptions, RowFor, ValFor, Values } from "./query.js";

/** @internal the base of `Database` and `DatabaseConnection` */
export abstract class Queries {
  /** @internal where the next call runs */
  protected abstract target(): ops.Target;

  /**
   * Every row.
   * @example
   * const rows = await db.fetchAll("SELECT * FROM notes WHERE completed = :c", { c: true });
   * rows[0].text; rows[0]._mapping;
   */
  async fetchAll<Q extends Query>(query: Q, values?: Values, opts?: QueryOptions): Promise<RowFor<Q>[]> {
    return (await ops.fetchAll(this.target(), query, values, opts)) as RowFor<Q>[];
  }

  /**
   * The first row, or null.
   * @example
   * const row = await db.fetchOne(sa.select(notes).where(notes.c.id.eq(1)));
   */
  async fetchOne<Q extends Query>(query: Q, values?: Values, opts?: QueryOptions): Promise<RowFor<Q> | null> {
    return (await ops.fetchOne(this.target(), query, values, opts)) as RowFor<Q> | null;
  }

  /**
   * One value of the first row, after the column's result processing; null without rows.
   * `column` is a position (default 0), a name or a Column.
   * A statement's first column is typed (`| null`), as `conn.scalar()`'s.
   * @example
   * await db.fetchVal("SELECT * FROM notes WHERE id = :id", { id: 1 }, "text");
   * await db.fetchVal(sa.select(notes.c.id)); // number | null
   */
  async fetchVal<Q extends Query, C extends ColumnRef = 0>(
    query: Q,
    values?: Values,
    column?: C,
    opts?: QueryOptions,
  ): Promise<ValFor<Q, C>> {
    return (await ops.fetchVal(this.target(), query, values, column ?? 0, opts)) as ValFor<Q, C>;
  }

  /**
   * Runs one statement and returns, in this order: the first column of the first row when it
   * returns rows (`RETURNING`); for an `insert()` construct of one row, its primary key
   * (SQLite/MySQL lastrowid, PostgreSQL implicit RETURNING; an array for a composite key); for
   * a raw-SQL INSERT on SQLite/MySQL, the driver's lastrowid; otherwise the rowcount.
   * @example
   * const id = await db.execute(notes.insert(), { text: "a", completed: true });
   * const n = await db.execute("DELETE FROM notes WHERE completed = :c", { c: true });
   */
  async execute(query: Query, values?: Values, opts?: QueryOptions): Promise<unknown> {
    return ops.execute(this.target(), query, values, opts);
  }

  /**
   * Runs one statement per value set (an INSERT is batched); an empty list does nothing.
   * @example
   * await db.executeMany(notes.insert(), [{ text: "a" }, { text: "b" }]);
   */
  async executeMany(query: Query, values: readonly Values[], opts?: QueryOptions): Promise<void> {
    await ops.executeMany(this.target(), query, values, opts);
  }

  /**
   * Rows one at a time through a server-side cursor (bounded memory). Breaking out of the loop
   * closes the cursor and frees the connection; an aborted signal ends it at the next row.
   * Outside a transaction the loop holds a connection of its own and other queries run on
   * other connections; inside one (or on a shared connection) other calls on it fail at once.
   * @example
   * for await (const row of db.iterate(sa.select(notes))) console.log(row.text);
   */
  iterate<Q extends Query>(
    query: Q,
    values?: Values,
    opts?: QueryOptions,
  ): AsyncGenerator<RowFor<Q>, void, undefined> {
    let target: ops.Target;
    try {
      target = this.target();
    } catch (err) {
      return failing(err);
    }
    return ops.iterate(target, query, values, opts) as AsyncGenerator<RowFor<Q>, void, undefined>;
  }

  /**
   * Runs `fn` with the engine Connection of the current context, the way a query runs: in the
   * context's transaction, else on its own connection and committed when `fn` resolves (rolled
   * back when it throws). For what the facade does not wrap, such as `MetaData.createAll`.
   * @example
   * await db.runSync((conn) => meta.createAll(conn));
   */
  async runSync<T>(fn: (conn: Connection) => T | Promise<T>, opts?: QueryOptions): Promise<T> {
    return ops.runSync(this.target(), fn, opts);
  }
}
