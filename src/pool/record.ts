/**
 * The connection record: the pool's slot for one DBAPI connection (SQLAlchemy's
 * `_ConnectionRecord`). It outlives the connection it holds: invalidation closes the connection
 * and leaves the record empty, and the next checkout reconnects it.
 */
import { type DBAPIConnection, isThenable, type MaybePromise } from "../engine/interfaces.js";
import { notify, type PoolDispatch } from "./events.js";

/** @internal What a record needs from its pool. */
export interface RecordOwner {
  readonly _dispatch: PoolDispatch;
  /** seconds; -1 turns recycling off */
  readonly recycle: number;
  /** records whose `_seq` is below this were made before the last `stampInvalidated()` */
  readonly _invalidatedBefore: number;
  readonly _disposeGeneration: number;
  /** the next value of the pool's logical clock */
  _tick(): number;
  _creator(): MaybePromise<DBAPIConnection>;
  /** runs the first-connect hook (once) and the connect listeners on a new connection */
  _onNewConnection(conn: DBAPIConnection, record: ConnectionRecord): MaybePromise<void>;
}

function clear(info: Record<string, unknown>): void {
  for (const k of Object.keys(info)) delete info[k];
}

/**
 * One pooled slot and the DBAPI connection it currently holds. Listeners receive it; `info` is the
 * place to keep per-connection state (it is emptied whenever the connection is replaced).
 * @example
 * pool.addListener({ onConnect: (conn, rec) => { rec.info.connectedAt = rec.startTime; } });
 */
export class ConnectionRecord {
  /** the live DBAPI connection, or null while invalidated (the next checkout reconnects) */
  dbapiConnection: DBAPIConnection | null = null;
  /** when the current DBAPI connection was requested, in ms since the epoch; `recycle` counts from here */
  startTime = 0;
  /** per-connection data, emptied whenever the DBAPI connection is replaced */
  readonly info: Record<string, unknown> = {};
  /** per-record data that survives reconnects */
  readonly recordInfo: Record<string, unknown> = {};
  /** true from connect until the first checkout; pre-ping skips fresh connections */
  fresh = false;
  /** @internal the pool's logical time at connect, compared with its invalidation stamp */
  _seq = 0;
  /** @internal set by a soft invalidation: recycle at the next checkout */
  _softInvalidated = false;
  /** @internal false until a connect succeeds; a record that never connected frees its slot */
  _everConnected = false;
  /** @internal handles currently out (0 or 1, except in StaticPool) */
  _checkouts = 0;
  /** @internal the pool's dispose generation when the record was made */
  readonly _generation: number;
  private _connecting: Promise<DBAPIConnection> | null = null;

  constructor(private readonly _owner: RecordOwner) {
    this._generation = _owner._disposeGeneration;
  }

  /** @internal true when the connection must be replaced before it is handed out */
  _isStale(conn: DBAPIConnection): boolean {
    const o = this._owner;
    return (
      conn.closed ||
      this._softInvalidated ||
      this._seq < o._invalidatedBefore ||
      (o.recycle > -1 && Date.now() - this.startTime > o.recycle * 1000)
    );
  }

  /** @internal The live connection; connects, or recycles a stale one first. */
  _getConnection(): MaybePromise<DBAPIConnection> {
    // why: StaticPool shares one record, so concurrent checkouts must share one connect
    if (this._connecting !== null) return this._connecting;
    const conn = this.dbapiConnection;
    if (conn !== null) {
      if (!this._isStale(conn)) return conn;
      this._close(conn, true);
    }
    clear(this.info);
    const p = this._connect().finally(() => {
      this._connecting = null;
    });
    this._connecting = p;
    return p;
  }

  private async _connect(): Promise<DBAPIConnection> {
    this._seq = this._owner._tick();
    this.startTime = Date.now();
    const conn = await this._owner._creator();
    // set before the hooks: connect listeners read the record, as in SQLAlchemy
    this.dbapiConnection = conn;
    try {
      const r = this._owner._onNewConnection(conn, this);
      if (isThenable(r)) await r;
    } catch (err) {
      this.dbapiConnection = null;
      terminateQuietly(conn);
      throw err;
    }
    this.fresh = true;
    this._softInvalidated = false;
    this._everConnected = true;
    return conn;
  }

  /**
   * Invalidates the connection: hard terminates it now and leaves the record empty; `soft` keeps
   * it usable until it comes back, then recycles it at the next checkout.
   */
  invalidate(error?: unknown, soft = false): void {
    const conn = this.dbapiConnection;
    if (conn === null) return;
    notify(this._owner._dispatch.invalidate, conn, this, error, soft);
    if (soft) this._softInvalidated = true;
    else this._close(conn, true);
  }

  /**
   * @internal Gives up the connection without closing it (a detached checkout owns it now): the
   * slot's next checkout connects anew.
   */
  _detach(): void {
    this.dbapiConnection = null;
    clear(this.info);
  }

  /** @internal Closes the connection gracefully (overflow on return, dispose, NullPool). */
  _closeGracefully(): MaybePromise<void> {
    const conn = this.dbapiConnection;
    return conn === null ? undefined : this._close(conn, false);
  }

  private _close(conn: DBAPIConnection, terminate: boolean): MaybePromise<void> {
    this.dbapiConnection = null;
    notify(this._owner._dispatch.close, conn, this);
    if (terminate) {
      terminateQuietly(conn);
      return;
    }
    // why: closing a connection the server already dropped often throws, and nothing can be done about it
    try {
      const r = conn.close();
      if (isThenable(r)) return Promise.resolve(r).then(undefined, () => undefined);
    } catch {
      // see above
    }
  }
}

/** @internal Terminates a connection, ignoring a failure: nothing further can be released. */
export function terminateQuietly(conn: DBAPIConnection): void {
  try {
    conn.terminate();
  } catch {
    // a terminate that fails leaves nothing further to release
  }
}
