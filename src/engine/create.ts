import type { ConnectParams } from "../dialects/runtime.js";
import { ArgumentError } from "../exc.js";
import { checkExecutionOptions, type ExecutionOptions } from "../sql/execution-options.js";
import { Engine } from "./engine.js";
import { createPool, type PoolClass, type PoolKind } from "./pool-bridge.js";
import { loadDialect } from "./registry.js";
import { makeUrl, type URL } from "./url.js";

/** Options of `createEngine` (SQLAlchemy's `create_engine` keywords, camelCased). */
export interface EngineOptions {
  /** log statements, parameters and cache stats (`"debug"` also logs rows) */
  echo?: boolean | "debug";
  /** connections kept open in a QueuePool (default 5; 0 = no limit) */
  poolSize?: number;
  /** connections opened beyond poolSize under load (default 10; -1 = no limit) */
  maxOverflow?: number;
  /** seconds to wait for a connection before TimeoutError (default 30) */
  poolTimeout?: number;
  /** seconds after which a connection is replaced at checkout (default -1: never) */
  poolRecycle?: number;
  /** test connections with a round trip at checkout and replace dead ones */
  poolPrePing?: boolean;
  /**
   * the pool class, by name or as the class (`sa.NullPool`): QueuePool (default for servers and
   * SQLite files), StaticPool (default for :memory:), NullPool
   */
  poolClass?: PoolKind | PoolClass;
  /** the isolation level of every connection, e.g. "SERIALIZABLE" or "AUTOCOMMIT" */
  isolationLevel?: string;
  /** arguments given to the driver's connect, over those from the URL */
  connectArgs?: Record<string, unknown>;
  /** default execution options of every connection */
  executionOptions?: ExecutionOptions;
  /** compiled statements kept in the LRU (default 500; 0 turns caching off) */
  queryCacheSize?: number;
  /** leave parameters out of error messages and logs */
  hideParameters?: boolean;
  /** where echo output goes (default console.info) */
  logger?: (line: string) => void;
}

const OPTION_NAMES: ReadonlySet<string> = new Set([
  "echo",
  "poolSize",
  "maxOverflow",
  "poolTimeout",
  "poolRecycle",
  "poolPrePing",
  "poolClass",
  "isolationLevel",
  "connectArgs",
  "executionOptions",
  "queryCacheSize",
  "hideParameters",
  "logger",
]);

function connectParams(url: URL): ConnectParams {
  return {
    host: url.host ?? null,
    port: url.port ?? null,
    database: url.database ?? null,
    username: url.username ?? null,
    password: url.password ?? null,
    query: url.query,
  };
}

/**
 * An Engine for a database URL. The driver loads on the first connection, so creating an
 * engine is cheap and synchronous; unknown options are rejected by name.
 * @example
 * const engine = sa.createEngine("postgresql://root@127.0.0.1:5432/test", { poolSize: 10 });
 * const memory = sa.createEngine("sqlite:///:memory:");
 */
export function createEngine(url: string | URL, options: EngineOptions = {}): Engine {
  for (const k of Object.keys(options)) {
    if (!OPTION_NAMES.has(k)) {
      throw new ArgumentError(
        `Invalid argument(s) '${k}' sent to createEngine(); valid options are ${[...OPTION_NAMES].join(", ")}`,
      );
    }
  }
  checkExecutionOptions(options.executionOptions ?? {});
  const u = makeUrl(url);
  const params = connectParams(u);
  const dialect = loadDialect(u.drivername);
  if (options.isolationLevel !== undefined && typeof options.isolationLevel !== "string") {
    throw new ArgumentError(`isolationLevel must be a string, got ${typeof options.isolationLevel}`);
  }
  // the spelling the dialect takes: `repeatable_read` → `REPEATABLE READ` (the Engine validates it)
  const isolationLevel = options.isolationLevel?.replaceAll("_", " ").toUpperCase();
  const pool = createPool({ dialect, params, options: { ...options, isolationLevel } });
  const executionOptions: ExecutionOptions = { ...options.executionOptions };
  if (isolationLevel !== undefined) executionOptions.isolationLevel = isolationLevel;
  return new Engine({
    url: u,
    dialect,
    pool,
    echo: options.echo ?? false,
    hideParameters: options.hideParameters ?? false,
    queryCacheSize: options.queryCacheSize ?? 500,
    executionOptions,
    logger: options.logger,
  });
}

/** Same as `createEngine`: every engine is asynchronous (SQLAlchemy's `create_async_engine`). */
export const createAsyncEngine: typeof createEngine = createEngine;
