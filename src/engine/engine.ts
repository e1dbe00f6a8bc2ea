import type { DBAPIConnection, DBAPICursor } from "../dialects/dbapi.js";
import type { RuntimeDialect } from "../dialects/runtime.js";
import { ArgumentError, DBAPIError } from "../exc.js";
import type { ClauseElement } from "../sql/base.js";
import type { Compiled } from "../sql/compiler/compiled.js";
import type { BindParameter } from "../sql/elements/bind-param.js";
import { checkExecutionOptions, type ExecutionOptions } from "../sql/execution-options.js";
import { Connection } from "./connection.js";
import type { EngineEvents } from "./engine-events.js";
import {
  type CanonicalEventName,
  type EventAlias,
  EventDispatch,
  type EventName,
  ExceptionContext,
  type ExceptionContextInit,
} from "./events.js";
import type { MaybePromise } from "./interfaces.js";
import { LRUCache } from "./lru.js";
import type { URL } from "./url.js";

/** A connection checked out of a pool, as the engine sees it. */
export interface PooledConnection {
  readonly dbapiConnection: DBAPIConnection;
  /** per-connection data, kept as long as the DBAPI connection lives */
  readonly info: Record<string, unknown>;
  /** takes the connection out of its pool: closed, not returned, at the end */
  detach(): void;
}

/**
 * A pooled DBAPI connection handed out as is (SQLAlchemy's `PoolProxiedConnection`, from
 * `engine.rawConnection()`): driver cursors, commit and rollback, and `close()` returning it to
 * the pool.
 */
export interface RawConnection extends PooledConnection {
  /** the driver's own connection object (`Database`, `pg.Client`, mysql2 `Connection`) */
  readonly driverConnection: unknown;
  /** true once `detach()` took it out of its pool */
  readonly detached: boolean;
  cursor(): DBAPICursor;
  commit(): MaybePromise<void>;
  rollback(): MaybePromise<void>;
  /** returns it to the pool (rolling back), or closes it when detached */
  close(): Promise<void>;
  /** closes it at once; the pool's next checkout of its slot connects anew */
  invalidate(error?: unknown): void;
}

/** What the engine needs from a pool (the pool layer provides it). */
export interface EnginePool {
  checkout(opts?: { signal?: AbortSignal }): Promise<RawConnection>;
  checkin(conn: PooledConnection, opts: { transactionWasReset: boolean }): Promise<void>;
  invalidate(conn: PooledConnection, err?: unknown): Promise<void>;
  /** every pooled connection older than now is recycled at its next checkout */
  stampInvalidated(): void;
  dispose(): Promise<void>;
  status(): string;
  /** QueuePool's counts (InvalidRequestError on other pools) */
  size(): number;
  checkedin(): number;
  checkedout(): number;
  overflow(): number;
  /** the pool class name (`QueuePool`) */
  readonly kind: string;
}

/** Options of the Engine constructor (createEngine validates and fills them). */
export interface EngineConfig {
  url: URL;
  dialect: RuntimeDialect;
  pool: EnginePool;
  echo: boolean | "debug";
  hideParameters: boolean;
  queryCacheSize: number;
  executionOptions: ExecutionOptions;
  /** where echo lines go (default: console.info) */
  logger?: (line: string) => void;
}

interface CacheEntry {
  compiled: Compiled;
  created: number;
}

/**
 * A database: its dialect, its pool and the compiled-statement cache. Connections come from
 * `engine.connect()`; `engine.begin(cb)` runs a callback in a transaction.
 * @example
 * const engine = sa.createEngine("sqlite:///app.db");
 * await engine.begin(async (conn) => { await conn.execute(sa.insert(users), { name: "a" }); });
 * await engine.dispose();
 */
export class Engine {
  readonly url: URL;
  readonly dialect: RuntimeDialect;
  pool: EnginePool;
  readonly echo: boolean | "debug";
  readonly hideParameters: boolean;
  /** options every connection starts with (see `updateExecutionOptions`) */
  executionOptionsDefaults: ExecutionOptions;
  /** listeners: `engine.on("beforeCursorExecute", fn)` or `sa.event.listen(engine, "before_cursor_execute", fn)` */
  readonly dispatch: EventDispatch<EngineEvents> = new EventDispatch<EngineEvents>();
  private readonly cache: LRUCache<string, CacheEntry> | null;
  private readonly logger: (line: string) => void;
  private readonly isolationSet = new WeakSet<PooledConnection>();

  constructor(cfg: EngineConfig) {
    this.url = cfg.url;
    this.dialect = cfg.dialect;
    this.pool = cfg.pool;
    this.echo = cfg.echo;
    this.hideParameters = cfg.hideParameters;
    this.executionOptionsDefaults = this._mergedOptions({}, cfg.executionOptions);
    this.cache = cfg.queryCacheSize > 0 ? new LRUCache<string, CacheEntry>(cfg.queryCacheSize) : null;
    (cfg.pool as { bindEvents?: (d: EventDispatch) => void }).bindEvents?.(this.dispatch);
    this.logger = cfg.logger ?? ((line) => console.info(line));
  }

  /** The dialect's name (`sqlite`, `postgresql`, `mysql`). */
  get name(): string {
    return this.dialect.name;
  }

  /** The driver's name (`better_sqlite3`, `pg`). */
  get driver(): string {
    return this.dialect.driverName;
  }

  /**
   * A connection from the pool. With a callback, it is closed (rolling back) at the end.
   * @example
   * const conn = await engine.connect(); try { … } finally { await conn.close(); }
   */
  async connect(): Promise<Connection>;
  async connect<T>(fn: (conn: Connection) => Promise<T>): Promise<T>;
  async connect<T>(fn?: (conn: Connection) => Promise<T>): Promise<Connection | T> {
    const conn = new Connection(this, await this._checkout());
    this._fire("engine_connect", conn);
    if (!fn) return conn;
    try {
      return await fn(conn);
    } finally {
      await conn.close();
    }
  }

  /**
   * Runs `fn` in a transaction on a new connection: commits when it resolves, rolls back when
   * it throws.
   * @example
   * await engine.begin(async (conn) => { await conn.runSync(meta.createAll); });
   */
  async begin<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
    if (typeof fn !== "function") {
      throw new ArgumentError(
        "engine.begin() takes the transaction's work as a callback: await engine.begin(async (conn) => { … })",
      );
    }
    return this.connect((conn) => conn.begin(() => fn(conn)));
  }

  /**
   * Changes the execution options every new connection of this engine starts with (SQLAlchemy's
   * `update_execution_options`); connections already open keep theirs.
   * @example
   * engine.updateExecutionOptions({ isolationLevel: "SERIALIZABLE" });
   */
  updateExecutionOptions(opts: ExecutionOptions): void {
    this.executionOptionsDefaults = this._mergedOptions(this.executionOptionsDefaults, opts);
  }

  /**
   * An engine on the same pool, dialect, cache and listeners whose connections start with these
   * execution options too (SQLAlchemy's `Engine.execution_options()` OptionEngine).
   * @example
   * const auto = engine.executionOptions({ isolationLevel: "AUTOCOMMIT" });
   * await auto.connect(async (conn) => conn.execDriverSql("VACUUM"));
   */
  executionOptions(opts: ExecutionOptions): Engine {
    checkExecutionOptions(opts);
    const option = Object.create(this) as Engine;
    option.executionOptionsDefaults = this._mergedOptions(this.executionOptionsDefaults, opts);
    // listeners are synchronous here, as this method is (SQLAlchemy's is too)
    void this._fire("set_engine_execution_options", option, opts);
    return option;
  }

  /**
   * No parameters is no column keys, as SQLAlchemy compiles `execute(t.insert())`: an INSERT of
   * the defaults, not one that wants every column.
   */
  private _compile(
    statement: ClauseElement,
    columnKeys: readonly string[] | undefined,
    many: boolean,
  ): Compiled {
    return statement.compile({
      dialect: this.dialect,
      columnKeys: columnKeys ?? NO_KEYS,
      forExecutemany: many,
    });
  }

  /** Frozen: connections share the object until their own executionOptions() replace it. */
  private _mergedOptions(base: ExecutionOptions, opts: ExecutionOptions): ExecutionOptions {
    const level = opts.isolationLevel;
    return Object.freeze(
      level === undefined
        ? { ...base, ...opts }
        : { ...base, ...opts, isolationLevel: this._checkIsolationLevel(level) },
    );
  }

  /** Closes every pooled connection and starts a fresh pool. Await it before the process exits. */
  async dispose(): Promise<void> {
    await this.pool.dispose();
    this._fire("engine_disposed", this);
  }

  /** Empties the compiled-statement cache. */
  clearCompiledCache(): void {
    this.cache?.clear();
  }

  /** How many compiled statements are cached. */
  get compiledCacheSize(): number {
    return this.cache?.size ?? 0;
  }

  /**
   * Adds a listener, typed as with `sa.event.listen(engine, name, fn)`.
   * @example
   * engine.on("beforeCursorExecute", (conn, cursor, statement, params, ctx, many) => console.log(statement));
   */
  on<A extends EventAlias>(
    name: A,
    fn: EngineEvents[CanonicalEventName<A>],
    opts: { retval?: boolean; once?: boolean } = {},
  ): this {
    this.dispatch.add(name, fn, opts);
    return this;
  }

  toString(): string {
    return `Engine(${this.url.toString()})`;
  }

  /**
   * A DBAPI connection straight from the pool, outside any Connection (SQLAlchemy's
   * `raw_connection()`): for driver features alkahest does not wrap. `close()` returns it.
   * @example
   * const raw = await engine.rawConnection();
   * try { const cur = raw.cursor(); await cur.execute("SELECT 1"); cur.fetchall(); } finally { await raw.close(); }
   */
  async rawConnection(): Promise<RawConnection> {
    return this._checkout();
  }

  // ---- internals used by Connection --------------------------------------------------------

  /** @internal */
  _checkout(signal?: AbortSignal): Promise<RawConnection> {
    const out = this.pool.checkout(signal ? { signal } : undefined);
    return this._hasListeners("handle_error") ? out.catch((err: unknown) => this._connectFailed(err)) : out;
  }

  /**
   * SQLAlchemy's `_handle_dbapi_exception_noconnection`: a driver error while connecting goes
   * through `handle_error` too, with no connection and no statement.
   */
  private async _connectFailed(err: unknown): Promise<never> {
    if (!(err instanceof DBAPIError) || err.statement !== null) throw err;
    const res = await this._fireHandleError({
      engine: this,
      dialect: this.dialect,
      connection: null,
      originalException: err.orig,
      sqlalchemyException: err,
      isDisconnect: err.connectionInvalidated,
    });
    throw res.error;
  }

  /** @internal returns a connection, resetting an isolation level set on it */
  _release(pooled: PooledConnection, transactionWasReset: boolean): Promise<void> {
    if (this.isolationSet.has(pooled)) return this._releaseIsolated(pooled, transactionWasReset);
    return this.pool.checkin(pooled, { transactionWasReset });
  }

  private async _releaseIsolated(pooled: PooledConnection, transactionWasReset: boolean): Promise<void> {
    this.isolationSet.delete(pooled);
    // back to the engine's level (createEngine({ isolationLevel })), else the database default
    const engineLevel = this.executionOptionsDefaults.isolationLevel;
    try {
      await this.dialect.setIsolationLevel(
        pooled.dbapiConnection,
        engineLevel !== undefined && engineLevel !== "AUTOCOMMIT"
          ? engineLevel
          : (this.dialect.defaultIsolationLevel ?? ""),
      );
    } catch (err) {
      await this.pool.invalidate(pooled, err);
      return;
    }
    await this.pool.checkin(pooled, { transactionWasReset });
  }

  /** @internal */
  async _invalidatePooled(pooled: PooledConnection, err?: unknown): Promise<void> {
    this.isolationSet.delete(pooled);
    // the pool fires the `invalidate` event (dbapiConnection, record, err)
    await this.pool.invalidate(pooled, err);
  }

  /** @internal */
  _stampPool(): void {
    this.pool.stampInvalidated();
  }

  /** @internal the level in the dialect's spelling (`read_committed` → `READ COMMITTED`), or ArgumentError */
  _checkIsolationLevel(level: string): string {
    const valid = this.dialect.isolationLevelValues;
    const normalized = String(level).replaceAll("_", " ").toUpperCase();
    if (!valid.includes(normalized)) {
      throw new ArgumentError(
        `Invalid value '${level}' for isolation_level. Valid isolation levels for '${this.dialect.name}' are ${valid.join(", ")}`,
      );
    }
    return normalized;
  }

  /** @internal sets a connection's level (reverted at `_release`); returns the normalized level */
  async _setIsolationLevel(pooled: PooledConnection, level: string): Promise<string> {
    const normalized = this._checkIsolationLevel(level);
    await this.dialect.setIsolationLevel(pooled.dbapiConnection, normalized);
    this.isolationSet.add(pooled);
    return normalized;
  }

  /**
   * @internal compiles through the LRU: the key is the statement's structure, the parameter
   * keys and whether it runs with several parameter sets; a hit re-uses the Compiled with this
   * statement's bind values (`extracted`).
   */
  _compileCached(
    statement: ClauseElement,
    firstParams: Readonly<Record<string, unknown>> | undefined,
    many: boolean,
    opts: ExecutionOptions,
  ): { compiled: Compiled; extracted: BindParameter[] | null; cacheStats: string } {
    const columnKeys = firstParams ? Object.keys(firstParams).sort() : undefined;
    const useCache = this.cache !== null && opts.compiledCache !== null;
    const started = this.echo ? performance.now() : 0;
    if (!useCache) {
      const compiled = this._compile(statement, columnKeys, many);
      return { compiled, extracted: null, cacheStats: `[caching disabled ${elapsed(started)}s]` };
    }
    const key = statement.cacheKey();
    if (key === null) {
      const compiled = this._compile(statement, columnKeys, many);
      return { compiled, extracted: null, cacheStats: `[no key ${elapsed(started)}s]` };
    }
    // the plain key as it is (flat, hashed cheaply): keys are prefix-free, so no other statement's
    // key with a suffix can equal it
    const full =
      columnKeys === undefined && !many
        ? key.key
        : `${key.key}\u0000${columnKeys ? columnKeys.join(",") : ""}\u0000${many ? 1 : 0}`;
    const hit = this.cache!.get(full);
    if (hit) {
      return {
        compiled: hit.compiled,
        extracted: key.binds,
        cacheStats: this.echo
          ? `[cached since ${String(Number(((performance.now() - hit.created) / 1000).toPrecision(4)))}s ago]`
          : "",
      };
    }
    const compiled = this._compile(statement, columnKeys, many);
    compiled.cacheKey = key;
    this.cache!.set(full, { compiled, created: performance.now() });
    return { compiled, extracted: null, cacheStats: this.echo ? `[generated in ${elapsed(started)}s]` : "" };
  }

  /** @internal */
  _log(line: string): void {
    if (this.echo) this.logger(`INFO alkahest.engine.Engine ${line}`);
  }

  /** @internal */
  _logStatement(statement: string, params: unknown, cacheStats: string, _started: number): void {
    if (!this.echo) return;
    this.logger(`INFO alkahest.engine.Engine ${statement}`);
    const shown = this.hideParameters
      ? "[SQL parameters hidden due to hide_parameters=True]"
      : JSON.stringify(params, jsonSafe);
    this.logger(`INFO alkahest.engine.Engine ${cacheStats} ${shown}`);
  }

  /** @internal `name` is canonical (internal callers only): no alias lookup on the statement path */
  _hasListeners(name: EventName): boolean {
    return this.dispatch.has(name);
  }

  /** @internal fires an event; listeners may be async (then this returns their promise) */
  _fire(name: EventName, ...args: unknown[]): void | Promise<void> {
    if (!this.dispatch.has(name)) return;
    return (this.dispatch.fire as (n: EventName, ...a: unknown[]) => void | Promise<void>)(name, ...args);
  }

  /** @internal before_cursor_execute / before_execute with retval listeners (a Connection's own too) */
  async _fireRetval(
    name: "before_cursor_execute" | "before_execute",
    args: unknown[],
    dispatch: EventDispatch = this.dispatch,
  ): Promise<unknown[]> {
    return (await (dispatch.fireRetval as (n: string, a: unknown[]) => unknown)(name, args)) as unknown[];
  }

  /** @internal runs handle_error; returns the error to raise and whether it is a disconnect */
  async _fireHandleError(
    init: ExceptionContextInit,
    dispatch: EventDispatch = this.dispatch,
  ): Promise<{ error: Error; isDisconnect: boolean; invalidatePool: boolean }> {
    const ctx = new ExceptionContext(init);
    const replaced = await (dispatch.fireHandleError as (c: ExceptionContext) => unknown)(ctx);
    return {
      error: (replaced as Error | undefined) ?? (init.sqlalchemyException as Error),
      isDisconnect: ctx.isDisconnect,
      invalidatePool: ctx.invalidatePoolOnDisconnect,
    };
  }
}

/** Seconds since `started`, as SQLAlchemy's echo shows them (`%.5f`). */
function elapsed(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(5);
}

function jsonSafe(_k: string, v: unknown): unknown {
  if (typeof v === "bigint") return v.toString();
  if (Buffer.isBuffer(v)) return `<${v.length} bytes>`;
  return v;
}

const NO_KEYS: readonly string[] = [];
