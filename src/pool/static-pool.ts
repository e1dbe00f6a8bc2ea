/** StaticPool: one connection shared by every checkout (SQLite `:memory:`, tests). */
import type { MaybePromise } from "../engine/interfaces.js";
import { checkOptionNames } from "../exc.js";
import { POOL_OPTION_NAMES, type PoolOptions } from "./options.js";
import { Pool } from "./pool.js";
import type { ConnectionRecord } from "./record.js";

/**
 * Exactly one DBAPI connection, handed to every checkout at once: the pool for
 * `sqlite:///:memory:`, where a second connection would see a different, empty database.
 * The reset on return runs only when the last holder returns it, so one caller's return never
 * rolls back another's transaction.
 * @example
 * const pool = new StaticPool({ creator: () => adapter.connect({ filename: ":memory:" }) });
 * const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
 * a.dbapiConnection === b.dbapiConnection; // true
 */
export class StaticPool extends Pool {
  private _record: ConnectionRecord | null = null;

  constructor(options: PoolOptions) {
    checkOptionNames("StaticPool", options ?? {}, POOL_OPTION_NAMES);
    super(options);
  }

  override status(): string {
    return "StaticPool";
  }

  /** Closes the shared connection now, or when its last holder returns it. */
  override async dispose(): Promise<void> {
    const record = this._record;
    this._record = null;
    if (record !== null && record._checkouts === 0) await record._closeGracefully();
  }

  override recreate(): StaticPool {
    return this._adopt(new StaticPool({ ...this._options }));
  }

  protected override _doGet(): ConnectionRecord {
    this._record ??= this._newRecord();
    return this._record;
  }

  protected override _doReturn(record: ConnectionRecord): MaybePromise<void> {
    // a record replaced by dispose() closes once nobody holds it
    if (record !== this._record && record._checkouts === 0) return record._closeGracefully();
  }

  protected override _shouldReset(record: ConnectionRecord): boolean {
    return record._checkouts <= 1;
  }
}
