/**
 * The pool base (SQLAlchemy's `pool/base.py`): checkout with pre-ping, recycle and the
 * checkout-listener retry, reset on return, invalidation and the pool-wide stamp. Subclasses
 * decide only where records come from (`_doGet`) and where they go back (`_doReturn`).
 */
import { type DBAPIConnection, isThenable, type MaybePromise } from "../engine/interfaces.js";
import { ArgumentError, DisconnectionError, InvalidRequestError } from "../exc.js";
import { raceAbort } from "./abort.js";
import { notify, PoolDispatch, type PoolListener, runHooks } from "./events.js";
import {
  checkNumber,
  checkResetOnReturn,
  type PoolOptions,
  type ResetOnReturn,
  selectOne,
} from "./options.js";
import { PoolConnection } from "./pool-connection.js";
import { ConnectionRecord, type RecordOwner } from "./record.js";

/** Options of `Pool.connect()`. */
export interface ConnectOptions {
  /** aborts the checkout: a wait ends at once and no slot or connection stays taken */
  signal?: AbortSignal;
}

/** Raised inside checkout when a pre-ping finds a disconnect: invalidates the record and stamps the pool. */
class InvalidatePoolError extends DisconnectionError {}

interface FirstConnectState {
  done: boolean;
  running: Promise<void> | null;
}

/**
 * A connection pool. Use `QueuePool`, `StaticPool` or `NullPool`.
 * @example
 * const pool = new QueuePool({ creator: () => adapter.connect(args), poolSize: 5 });
 * const pc = await pool.connect();
 * try { ... } finally { await pc.release(); }
 */
export abstract class Pool implements RecordOwner {
  /** seconds after which a connection is replaced at checkout; -1 off */
  readonly recycle: number;
  /** non-fresh connections are pinged at checkout */
  readonly prePing: boolean;
  /** what a returned connection gets: "rollback", "commit" or null */
  readonly resetOnReturn: ResetOnReturn;
  /** @internal */
  _dispatch: PoolDispatch;
  /** @internal */
  _invalidatedBefore = 0;
  /** @internal */
  _disposeGeneration = 0;
  protected readonly _options: PoolOptions;
  private _clock = 0;
  private readonly _ping: (conn: DBAPIConnection) => MaybePromise<void>;
  private readonly _isDisconnect: (err: unknown, conn: DBAPIConnection) => boolean;
  private _firstConnectState: FirstConnectState = { done: false, running: null };

  constructor(options: PoolOptions) {
    if (typeof options?.creator !== "function") throw new ArgumentError("a pool needs a creator function");
    this._options = options;
    this.recycle = checkNumber("recycle", options.recycle ?? -1, -1, false);
    this.prePing = options.prePing ?? false;
    this.resetOnReturn = checkResetOnReturn(options.resetOnReturn);
    this._ping = options.ping ?? selectOne;
    this._isDisconnect = options.isDisconnect ?? (() => true);
    this._dispatch = new PoolDispatch(options.listeners ?? []);
  }

  /**
   * Checks a connection out. Waits (QueuePool) when the pool is exhausted; `signal` aborts the
   * checkout at any point.
   * @example
   * const pc = await pool.connect({ signal: AbortSignal.timeout(1000) });
   */
  connect(opts?: ConnectOptions): Promise<PoolConnection> {
    const signal = opts?.signal;
    if (signal === undefined) return this._checkout(undefined);
    if (signal.aborted) return Promise.reject(signal.reason);
    return raceAbort(this._checkout(signal), signal);
  }

  /** Closes every checked-in connection; those still out are closed when they come back. */
  abstract dispose(): Promise<void>;

  /** A new, empty pool of the same class and options, with the same listeners. */
  abstract recreate(): Pool;

  /** One line describing the pool's state, as SQLAlchemy's `Pool.status()`. */
  abstract status(): string;

  /**
   * Marks every existing connection as stale: each is recycled at its next checkout (connections
   * checked out now keep working until they come back). Called on a disconnect.
   */
  stampInvalidated(): void {
    this._invalidatedBefore = this._tick();
  }

  /**
   * Adds a listener; returns a function that removes it.
   * @example
   * const off = pool.addListener({ onCheckout: () => { checkouts++; } }); off();
   */
  addListener(listener: PoolListener): () => void {
    return this._dispatch.add(listener);
  }

  /** Where a checkout gets its record: an idle one, a new (empty) one, or one after a wait. */
  protected abstract _doGet(signal: AbortSignal | undefined): ConnectionRecord | Promise<ConnectionRecord>;

  /** Where a returned record goes. It may be empty (invalidated) or never connected. */
  protected abstract _doReturn(record: ConnectionRecord): MaybePromise<void>;

  /** Whether this return resets the connection (StaticPool skips it while others share it). */
  protected _shouldReset(_record: ConnectionRecord): boolean {
    return true;
  }

  /** A new record for this pool; it connects at checkout. */
  protected _newRecord(): ConnectionRecord {
    return new ConnectionRecord(this);
  }

  /** Gives a recreated pool this pool's listeners and first-connect state. */
  protected _adopt<P extends Pool>(pool: P): P {
    pool._dispatch = new PoolDispatch(this._dispatch.all());
    // why: dialect initialisation already ran on this pool's first connection
    pool._firstConnectState = this._firstConnectState;
    return pool;
  }

  /** @internal */
  _tick(): number {
    return ++this._clock;
  }

  /** @internal */
  _creator(): MaybePromise<DBAPIConnection> {
    return this._options.creator();
  }

  /** @internal */
  _onNewConnection(conn: DBAPIConnection, record: ConnectionRecord): MaybePromise<void> {
    const first = this._options.firstConnect;
    if ((first && !this._firstConnectState.done) || this._dispatch.connect.length > 0) {
      return this._runConnectHooks(conn, record);
    }
  }

  private async _runConnectHooks(conn: DBAPIConnection, record: ConnectionRecord): Promise<void> {
    const first = this._options.firstConnect;
    const state = this._firstConnectState;
    // one connection runs firstConnect while concurrent first connections wait; a throw lets the next one try
    while (first && !state.done) {
      if (state.running) {
        await state.running.catch(() => undefined);
        continue;
      }
      const run = (async () => first(conn, record))();
      state.running = run;
      try {
        await run;
        state.done = true;
      } finally {
        state.running = null;
      }
    }
    await runHooks(this._dispatch.connect, conn, record);
  }

  private _checkout(signal: AbortSignal | undefined): Promise<PoolConnection> {
    let got: ConnectionRecord | Promise<ConnectionRecord>;
    try {
      got = this._doGet(signal);
    } catch (err) {
      return Promise.reject(err);
    }
    return got instanceof Promise ? got.then((r) => this._checkoutRecord(r)) : this._checkoutRecord(got);
  }

  private _checkoutRecord(record: ConnectionRecord): Promise<PoolConnection> {
    record._checkouts++;
    const conn = record.dbapiConnection;
    // the fast path: a live connection, nothing to ping, nobody listening
    if (conn !== null && !this.prePing && this._dispatch.checkout.length === 0 && !record._isStale(conn)) {
      const fresh = record.fresh;
      record.fresh = false;
      return Promise.resolve(new PoolConnection(this, record, conn, fresh));
    }
    return this._checkoutSlow(record);
  }

  /** SQLAlchemy's `_ConnectionFairy._checkout`: two attempts, each may be replaced by a disconnect. */
  private async _checkoutSlow(record: ConnectionRecord): Promise<PoolConnection> {
    try {
      let conn = await record._getConnection();
      for (let attempt = 0; attempt < 2; attempt++) {
        const fresh = record.fresh;
        record.fresh = false;
        try {
          if (this.prePing && !fresh) await this._prePing(conn);
          const pc = new PoolConnection(this, record, conn, fresh);
          await runHooks(this._dispatch.checkout, conn, record, pc);
          return pc;
        } catch (err) {
          if (!(err instanceof DisconnectionError)) throw err;
          record.invalidate(err);
          if (err instanceof InvalidatePoolError) this.stampInvalidated();
          conn = await record._getConnection();
        }
      }
      throw new InvalidRequestError("This connection is closed");
    } catch (err) {
      // the record goes back (invalidated) so a failed checkout never keeps a slot
      record.invalidate(err);
      const r = this._checkinRecord(record);
      if (isThenable(r)) await r;
      throw err;
    }
  }

  private async _prePing(conn: DBAPIConnection): Promise<void> {
    try {
      await this._ping(conn);
    } catch (err) {
      if (!this._isDisconnect(err, conn)) throw err;
      throw new InvalidatePoolError(
        `Pre-ping found a disconnected connection: ${(err as Error)?.message ?? String(err)}`,
        { cause: err },
      );
    }
  }

  /** @internal Resets (unless already reset) and checks the record in; see `PoolConnection.release`. */
  _release(
    record: ConnectionRecord,
    conn: DBAPIConnection | null,
    transactionWasReset: boolean,
  ): Promise<void> {
    let pending: Promise<void> | undefined;
    if (conn !== null && record.dbapiConnection === conn && this._shouldReset(record)) {
      try {
        const r = this._reset(conn, record, transactionWasReset);
        if (isThenable(r)) pending = Promise.resolve(r).then(undefined, (err) => record.invalidate(err));
      } catch (err) {
        record.invalidate(err);
      }
    }
    if (pending !== undefined) return pending.then(() => this._checkinRecord(record));
    try {
      const r = this._checkinRecord(record);
      return isThenable(r) ? Promise.resolve(r) : Promise.resolve();
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private _reset(conn: DBAPIConnection, record: ConnectionRecord, wasReset: boolean): MaybePromise<void> {
    const mode = this.resetOnReturn;
    if (this._dispatch.reset.length > 0) {
      const state = {
        transactionWasReset: wasReset,
        resetOnReturn: mode,
        terminateOnly: false,
        asyncioSafe: true,
      };
      return runHooks(this._dispatch.reset, conn, record, state).then(() =>
        resetAction(conn, mode, wasReset),
      );
    }
    return resetAction(conn, mode, wasReset);
  }

  /** @internal Fires `checkin` and hands the record to `_doReturn`. */
  _checkinRecord(record: ConnectionRecord): MaybePromise<void> {
    record._checkouts--;
    const conn = record.dbapiConnection;
    // why: a driver that already saw its socket close need not wait for a pre-ping to be replaced
    if (conn?.closed) record.invalidate();
    if (this._dispatch.checkin.length > 0) notify(this._dispatch.checkin, record.dbapiConnection, record);
    return this._doReturn(record);
  }
}

function resetAction(conn: DBAPIConnection, mode: ResetOnReturn, wasReset: boolean): MaybePromise<void> {
  if (wasReset || mode === null) return;
  return mode === "rollback" ? conn.rollback() : conn.commit();
}
