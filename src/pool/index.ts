/**
 * Connection pools: `QueuePool` (the default), `StaticPool` (SQLite `:memory:`) and `NullPool`.
 * @example
 * import { QueuePool } from "./pool/index.js";
 * const pool = new QueuePool({ creator: () => adapter.connect(args), prePing: true, recycle: 3600 });
 */
export type { PoolListener, PoolResetState } from "./events.js";
export { NullPool } from "./null-pool.js";
export type { PoolOptions, ResetOnReturn } from "./options.js";
export { type ConnectOptions, Pool } from "./pool.js";
export { type InvalidateOptions, PoolConnection, type ReleaseOptions } from "./pool-connection.js";
export { QueuePool, type QueuePoolOptions } from "./queue-pool.js";
export { ConnectionRecord } from "./record.js";
export { StaticPool } from "./static-pool.js";
