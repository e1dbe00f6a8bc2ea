/**
 * The checked-out handle (SQLAlchemy's `_ConnectionFairy`): one per checkout, returned with
 * `release()` or thrown away with `invalidate()`. Both are idempotent so they can sit in
 * `finally` blocks and abort paths.
 */
import { type DBAPIConnection, isThenable } from "../engine/interfaces.js";
import { InvalidRequestError } from "../exc.js";
import type { Pool } from "./pool.js";
import type { ConnectionRecord } from "./record.js";

/** Options of `PoolConnection.release()`. */
export interface ReleaseOptions {
  /**
   * the caller already rolled the transaction back (as `Connection.close()` does), so the pool
   * skips its own reset
   */
  transactionWasReset?: boolean;
}

/** Options of `PoolConnection.invalidate()`. */
export interface InvalidateOptions {
  /** keep using the connection; it is recycled at its next checkout instead of closed now */
  soft?: boolean;
}

/**
 * A connection checked out of a pool.
 * @example
 * const pc = await pool.connect();
 * try { pc.dbapiConnection.cursor().execute("SELECT 1"); } finally { await pc.release(); }
 */
export class PoolConnection {
  private _conn: DBAPIConnection | null;
  private _released = false;

  /** @internal */
  constructor(
    /** the pool it came from */
    readonly pool: Pool,
    /** the pool's record for this connection */
    readonly record: ConnectionRecord,
    conn: DBAPIConnection,
    /** the DBAPI connection was created for this checkout */
    readonly fresh: boolean,
  ) {
    this._conn = conn;
  }

  /** The DBAPI connection; throws once the handle is released or invalidated. */
  get dbapiConnection(): DBAPIConnection {
    const c = this._conn;
    if (c === null) {
      throw new InvalidRequestError(
        this._released ? "This pool connection was already released" : "This connection is closed",
      );
    }
    return c;
  }

  /** True while the handle holds a live connection (not released, not hard-invalidated). */
  get isValid(): boolean {
    return this._conn !== null && this.record.dbapiConnection === this._conn;
  }

  /** True once `release()` or a hard `invalidate()` has returned the handle. */
  get released(): boolean {
    return this._released;
  }

  /** Per-connection data shared with the pool's record; lives as long as the DBAPI connection. */
  get info(): Record<string, unknown> {
    return this.record.info;
  }

  /** Per-record data that survives reconnects. */
  get recordInfo(): Record<string, unknown> {
    return this.record.recordInfo;
  }

  /** When the DBAPI connection was made, in ms since the epoch. */
  get startTime(): number {
    return this.record.startTime;
  }

  /**
   * Returns the connection to the pool, resetting it first (rollback by default) unless
   * `transactionWasReset`. A failing reset invalidates the connection instead of throwing.
   * Calling it again does nothing.
   */
  release(opts?: ReleaseOptions): Promise<void> {
    if (this._released) return Promise.resolve();
    this._released = true;
    const conn = this._conn;
    this._conn = null;
    return this.pool._release(this.record, conn, opts?.transactionWasReset ?? false);
  }

  /**
   * Invalidates the connection. Hard (the default): terminates the DBAPI connection and returns
   * the handle to the pool, whose next checkout of this slot reconnects. Soft: the connection
   * stays usable and is recycled at its next checkout.
   */
  invalidate(error?: unknown, opts?: InvalidateOptions): void {
    const conn = this._conn;
    if (conn === null) return;
    const soft = opts?.soft ?? false;
    if (this.record.dbapiConnection === conn) this.record.invalidate(error, soft);
    if (soft) return;
    this._conn = null;
    this._released = true;
    const r = this.pool._checkinRecord(this.record);
    // the record is empty, so the pool has nothing left to close that could fail
    if (isThenable(r)) r.then(undefined, () => undefined);
  }

  /** `await using pc = await pool.connect()` releases it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.release();
  }
}
