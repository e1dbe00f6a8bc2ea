/** NullPool: no pooling at all. */
import type { MaybePromise } from "../engine/interfaces.js";
import { checkOptionNames } from "../exc.js";
import { POOL_OPTION_NAMES, type PoolOptions } from "./options.js";
import { Pool } from "./pool.js";
import type { ConnectionRecord } from "./record.js";

/**
 * Opens a new DBAPI connection for every checkout and closes it on return: for short scripts,
 * serverless functions, or an external pooler (pgbouncer) that does the pooling.
 * @example
 * const pool = new NullPool({ creator: () => adapter.connect(args) });
 * const pc = await pool.connect(); await pc.release(); // the connection is closed
 */
export class NullPool extends Pool {
  constructor(options: PoolOptions) {
    checkOptionNames("NullPool", options ?? {}, POOL_OPTION_NAMES);
    super(options);
  }

  override status(): string {
    return "NullPool";
  }

  /** Nothing is kept, so nothing to close; checked-out connections close when returned. */
  override async dispose(): Promise<void> {}

  override recreate(): NullPool {
    return this._adopt(new NullPool({ ...this._options }));
  }

  protected override _doGet(): ConnectionRecord {
    return this._newRecord();
  }

  protected override _doReturn(record: ConnectionRecord): MaybePromise<void> {
    return record._closeGracefully();
  }
}
