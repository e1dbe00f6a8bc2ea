/**
 * The checked-out handle (SQLAlchemy's `_ConnectionFairy`): one per checkout, returned with
 * `release()` or thrown away with `invalidate()`. Both are idempotent so they can sit in
 * `finally` blocks and abort paths.
 */
import { type DBAPIConnection, isThenable } from "../engine/interfaces.js";
import { InvalidRequestError } from "../exc.js";
import type { Pool } from "./pool.js";
import { type ConnectionRecord, terminateQuietly } from "./record.js";

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
  /** set by `detach()`: the connection's own info, copied from the record's */
  private _detachedInfo: Record<string, unknown> | null = null;

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

  /** The driver's own connection object (`Database`, `pg.Client`, mysql2 `Connection`). */
  get driverConnection(): unknown {
    return this.dbapiConnection.driverConnection;
  }

  /** True while the handle holds a live connection (not released, not hard-invalidated). */
  get isValid(): boolean {
    return this._conn !== null && this.record.dbapiConnection === this._conn;
  }

  /** True once `release()` or a hard `invalidate()` has returned the handle. */
  get released(): boolean {
    return this._released;
  }

  /**
   * Per-connection data shared with the pool's record; lives as long as the DBAPI connection
   * (SQLAlchemy's `info`). A detached connection keeps a copy of its own.
   */
  get info(): Record<string, unknown> {
    return this._detachedInfo ?? this.record.info;
  }

  /** True once `detach()` took the connection out of its pool. */
  get detached(): boolean {
    return this._detachedInfo !== null;
  }

  /**
   * Takes the DBAPI connection out of the pool (SQLAlchemy's `detach()`): the pool's slot is free
   * at once (its next checkout connects anew) and `release()` closes this connection instead of
   * returning it. For a connection whose session state must not reach other users.
   * @example
   * const raw = await engine.rawConnection(); raw.detach(); … await raw.close(); // closed, not pooled
   */
  detach(): void {
    const conn = this._conn;
    if (conn === null || this._detachedInfo !== null) return;
    this._detachedInfo = { ...this.record.info };
    if (this.record.dbapiConnection === conn) this.record._detach();
    const r = this.pool._checkinRecord(this.record);
    // the record is empty, so the pool has nothing left to close that could fail
    if (isThenable(r)) r.then(undefined, () => undefined);
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
    if (this._detachedInfo !== null) return closeDetached(conn);
    return this.pool._release(this.record, conn, opts?.transactionWasReset ?? false);
  }

  /** `release()` under SQLAlchemy's name: returns the connection to the pool (closes it if detached). */
  close(): Promise<void> {
    return this.release();
  }

  /** A driver cursor on the connection. */
  cursor(): ReturnType<DBAPIConnection["cursor"]> {
    return this.dbapiConnection.cursor();
  }

  /** Commits the driver connection's transaction. */
  commit(): ReturnType<DBAPIConnection["commit"]> {
    return this.dbapiConnection.commit();
  }

  /** Rolls the driver connection's transaction back. */
  rollback(): ReturnType<DBAPIConnection["rollback"]> {
    return this.dbapiConnection.rollback();
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
    if (this._detachedInfo !== null) {
      // no longer the pool's: only the connection itself goes
      if (soft) return;
      this._conn = null;
      this._released = true;
      terminateQuietly(conn);
      return;
    }
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

/** Closes a detached connection; a close that fails leaves nothing to release. */
async function closeDetached(conn: DBAPIConnection | null): Promise<void> {
  if (conn === null) return;
  try {
    await conn.close();
  } catch {
    terminateQuietly(conn);
  }
}
