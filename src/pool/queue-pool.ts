/**
 * QueuePool (SQLAlchemy's `pool/impl.py`): at most `poolSize` idle connections kept, up to
 * `poolSize + maxOverflow` open at once, callers beyond that wait in line up to `timeout` seconds.
 */
import type { MaybePromise } from "../engine/interfaces.js";
import { checkOptionNames, TimeoutError } from "../exc.js";
import { checkNumber, POOL_OPTION_NAMES, type PoolOptions } from "./options.js";
import { Pool } from "./pool.js";
import type { ConnectionRecord } from "./record.js";

/** Options of `QueuePool`. */
export interface QueuePoolOptions extends PoolOptions {
  /** connections kept open when idle (default 5); 0 keeps every returned connection */
  poolSize?: number;
  /** connections allowed beyond `poolSize` (default 10), closed when returned to a full pool; -1 unlimited */
  maxOverflow?: number;
  /** seconds a checkout waits for a connection before `TimeoutError` (default 30) */
  timeout?: number;
  /** hand out the most recently returned connection first, letting idle ones time out server-side */
  useLifo?: boolean;
}

const QUEUE_OPTION_NAMES = [...POOL_OPTION_NAMES, "poolSize", "maxOverflow", "timeout", "useLifo"];

const MAX_TIMER_MS = 2 ** 31 - 1;

interface Waiter {
  grant(record: ConnectionRecord): void;
}

/**
 * The default pool: a bounded set of reusable connections with a fair (first come, first served)
 * wait when all are in use.
 * @example
 * const pool = new QueuePool({ creator, poolSize: 5, maxOverflow: 10, timeout: 30 });
 * const pc = await pool.connect();
 * pool.status(); // "Pool size: 5  Connections in pool: 0 Current Overflow: -4 Current Checked out connections: 1"
 * await pc.release();
 */
export class QueuePool extends Pool {
  private readonly _poolSize: number;
  private readonly _maxOverflow: number;
  private readonly _timeout: number;
  private readonly _useLifo: boolean;
  /** records in existence minus `poolSize`, as SQLAlchemy counts it */
  private _overflow: number;
  private _idle: ConnectionRecord[] = [];
  private readonly _waiters: Waiter[] = [];

  constructor(options: QueuePoolOptions) {
    checkOptionNames("QueuePool", options ?? {}, QUEUE_OPTION_NAMES);
    super(options);
    this._poolSize = checkNumber("poolSize", options.poolSize ?? 5, 0, true);
    this._maxOverflow = checkNumber("maxOverflow", options.maxOverflow ?? 10, -1, true);
    this._timeout = checkNumber("timeout", options.timeout ?? 30, 0, false);
    this._useLifo = options.useLifo ?? false;
    this._overflow = -this._poolSize;
  }

  /** `poolSize` */
  size(): number {
    return this._poolSize;
  }

  /** The checkout timeout in seconds. */
  timeout(): number {
    return this._timeout;
  }

  /** Idle connections in the pool. */
  checkedin(): number {
    return this._idle.length;
  }

  /** Connections beyond `poolSize` (negative while below it); 0 when `poolSize` is 0. */
  overflow(): number {
    return this._poolSize ? this._overflow : 0;
  }

  /** Connections currently checked out (including ones being opened for a checkout). */
  checkedout(): number {
    return this._poolSize - this._idle.length + this._overflow;
  }

  /** Checkouts waiting for a connection. */
  waiting(): number {
    return this._waiters.length;
  }

  override status(): string {
    return (
      `Pool size: ${this.size()}  Connections in pool: ${this.checkedin()} ` +
      `Current Overflow: ${this.overflow()} Current Checked out connections: ${this.checkedout()}`
    );
  }

  override async dispose(): Promise<void> {
    // why: records checked out now carry the old generation and are closed when they come back
    this._disposeGeneration++;
    const idle = this._idle;
    this._idle = [];
    this._overflow -= idle.length;
    this._serveWaiters();
    await Promise.all(idle.map((r) => r._closeGracefully()));
  }

  override recreate(): QueuePool {
    return this._adopt(new QueuePool({ ...(this._options as QueuePoolOptions) }));
  }

  protected override _doGet(signal: AbortSignal | undefined): ConnectionRecord | Promise<ConnectionRecord> {
    // why: while others wait, a newcomer queues behind them rather than taking a freed slot
    if (this._waiters.length === 0) {
      if (this._idle.length > 0) return this._takeIdle();
      if (this._incOverflow()) return this._newRecord();
    }
    return this._wait(signal);
  }

  protected override _doReturn(record: ConnectionRecord): MaybePromise<void> {
    if (!record._everConnected || record._generation !== this._disposeGeneration) return this._drop(record);
    const waiter = this._waiters.shift();
    if (waiter !== undefined) {
      waiter.grant(record);
      return;
    }
    if (this._poolSize === 0 || this._idle.length < this._poolSize) {
      this._idle.push(record);
      return;
    }
    return this._drop(record);
  }

  private _takeIdle(): ConnectionRecord {
    return (this._useLifo ? this._idle.pop() : this._idle.shift())!;
  }

  private _incOverflow(): boolean {
    if (this._maxOverflow !== -1 && this._overflow >= this._maxOverflow) return false;
    this._overflow++;
    return true;
  }

  /** Discards a record: its slot frees (and goes to the first waiter) and its connection closes. */
  private _drop(record: ConnectionRecord): MaybePromise<void> {
    this._overflow--;
    this._serveWaiters();
    return record._closeGracefully();
  }

  private _serveWaiters(): void {
    while (this._waiters.length > 0) {
      if (this._idle.length > 0) this._waiters.shift()!.grant(this._takeIdle());
      else if (this._incOverflow()) this._waiters.shift()!.grant(this._newRecord());
      else break;
    }
  }

  private _wait(signal: AbortSignal | undefined): Promise<ConnectionRecord> {
    return new Promise<ConnectionRecord>((resolve, reject) => {
      const leave = (): void => {
        const i = this._waiters.indexOf(waiter);
        if (i >= 0) this._waiters.splice(i, 1);
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const onAbort = (): void => {
        leave();
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: (record) => {
          leave();
          resolve(record);
        },
      };
      const ms = this._timeout * 1000;
      // why: Node fires a delay beyond 2^31-1 ms after 1 ms; such a timeout means "wait forever"
      const timer =
        ms <= MAX_TIMER_MS
          ? setTimeout(() => {
              leave();
              reject(this._timeoutError());
            }, ms)
          : undefined;
      signal?.addEventListener("abort", onAbort, { once: true });
      this._waiters.push(waiter);
    });
  }

  private _timeoutError(): TimeoutError {
    return new TimeoutError(
      `QueuePool limit of size ${this.size()} overflow ${this.overflow()} reached, ` +
        `connection timed out, timeout ${this._timeout.toFixed(2)}`,
      { code: "3o7r" },
    );
  }
}
