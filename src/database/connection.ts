/** `db.connection()`: the facade's connection object (encode/databases' `Connection`). */
import type { AsyncLocalStorage } from "node:async_hooks";
import type { Connection } from "../engine/connection.js";
import { InvalidRequestError } from "../exc.js";
import { type ContextStore, Frame, resolveFrame } from "./frame.js";
import type { ContextConnection } from "./handle.js";
import type * as ops from "./ops.js";
import { Queries } from "./queries.js";
import { startTransaction, type TransactionCallback } from "./scope.js";
import type { DatabaseTransaction, TransactionOptions } from "./transaction.js";

/** What a connection needs from its Database. @internal */
export interface ConnectionHost {
  readonly als: AsyncLocalStorage<ContextStore>;
  checkConnected(): void;
}

/**
 * One database connection of the facade, checked out of the pool while it is in use (a query
 * running, a transaction open, or a `db.connection(cb)` scope). In its own async context its
 * calls run in the context's transaction; called from elsewhere (passed to other code), in its
 * innermost open transaction.
 * @example
 * await db.connection(async (conn) => {
 *   await conn.execute("CREATE TEMPORARY TABLE t (x INTEGER)");
 *   await conn.fetchAll("SELECT * FROM t"); // same connection, so the temporary table is there
 * });
 */
export class DatabaseConnection extends Queries {
  /** @internal use `db.connection()` */
  constructor(
    private readonly host: ConnectionHost,
    /** @internal */
    readonly _handle: ContextConnection,
  ) {
    super();
  }

  /** The engine Connection while one is checked out, else null. */
  get connection(): Connection | null {
    return this._handle.connection;
  }

  /**
   * The driver's own connection (better-sqlite3 `Database`, `pg.Client`, mysql2 `Connection`).
   * @throws InvalidRequestError when no connection is checked out (outside a scope, transaction or call)
   */
  get rawConnection(): unknown {
    const conn = this._handle.connection;
    if (conn === null) {
      throw new InvalidRequestError(
        "No connection is checked out: use rawConnection inside db.connection(async (conn) => …) or a transaction",
      );
    }
    return conn.dbapiConnection.driverConnection;
  }

  protected target(): ops.Target {
    this.host.checkConnected();
    const ctx = resolveFrame(this.host.als.getStore());
    const frame = ctx !== null && ctx.conn === this._handle ? ctx : this._handle.innermost();
    return { handle: this._handle, frame };
  }

  /** A transaction on this connection (a savepoint inside an open one); forms as `Database.transaction`. */
  transaction<T>(fn: TransactionCallback<T>, options?: TransactionOptions): Promise<T>;
  transaction(options?: TransactionOptions): Promise<DatabaseTransaction>;
  transaction<T>(
    fnOrOptions?: TransactionCallback<T> | TransactionOptions,
    options?: TransactionOptions,
  ): Promise<T> | Promise<DatabaseTransaction> {
    const makeFrame = (opts: TransactionOptions): Frame => {
      const { frame } = this.target();
      // falls back to what the context had, not to this connection (which would then bind it)
      return new Frame(this._handle, this.host.als.getStore() ?? null, frame, opts);
    };
    return startTransaction(this.host.als, makeFrame, fnOrOptions, options);
  }
}
