import type { DBAPIConnection } from "../dialects/dbapi.js";
import type { ConnectParams, RuntimeDialect } from "../dialects/runtime.js";
import {
  AlkahestError,
  ArgumentError,
  DBAPI_ERROR_CLASSES,
  InvalidRequestError,
  OperationalError,
} from "../exc.js";
import {
  NullPool,
  Pool,
  type PoolConnection,
  type PoolListener,
  QueuePool,
  type QueuePoolOptions,
  StaticPool,
} from "../pool/index.js";
import type { EnginePool, PooledConnection, RawConnection } from "./engine.js";
import type { EventDispatch, EventName } from "./events.js";

/** The pool classes createEngine accepts by name. */
export type PoolKind = "QueuePool" | "StaticPool" | "NullPool";

/** A pool class (`sa.NullPool`, or a subclass of `sa.QueuePool` / `sa.Pool`), as SQLAlchemy's `poolclass`. */
export type PoolClass = new (options: QueuePoolOptions) => Pool;

const POOL_KINDS: ReadonlySet<string> = new Set(["QueuePool", "StaticPool", "NullPool"]);

function isPoolClass(v: unknown): v is PoolClass {
  return typeof v === "function" && (v === Pool || v.prototype instanceof Pool);
}

interface PoolBridgeOptions {
  dialect: RuntimeDialect;
  params: ConnectParams;
  options: {
    poolSize?: number;
    maxOverflow?: number;
    poolTimeout?: number;
    poolRecycle?: number;
    poolPrePing?: boolean;
    poolClass?: PoolKind | PoolClass;
    connectArgs?: Record<string, unknown>;
    isolationLevel?: string;
  };
}

/**
 * A driver error raised while connecting, wrapped as SQLAlchemy's
 * `_handle_dbapi_exception_noconnection` does: the DBAPIError class the dialect classifies it
 * as, with no statement (`(pg.Error) connect ECONNREFUSED …`). Other errors pass through.
 */
function wrapConnectError(dialect: RuntimeDialect, err: unknown): unknown {
  if (err instanceof AlkahestError) return err;
  const classified = dialect.classifyError(err);
  // an unknown host is a socket-level error no dialect lists (ENOTFOUND, EAI_AGAIN)
  if (!classified && !isSystemError(err)) return err;
  // the drivers raise OperationalError for every failure to connect (psycopg2, PyMySQL): an unknown
  // database or a refused login too, which mid-session would classify otherwise
  const sub = classified?.subclass;
  const cls =
    sub !== undefined && DBAPI_ERROR_CLASSES[sub].prototype instanceof OperationalError
      ? DBAPI_ERROR_CLASSES[sub]
      : OperationalError;
  return new cls({
    statement: null,
    params: null,
    orig: err,
    connectionInvalidated: classified?.isDisconnect ?? false,
    sqlstate: classified?.sqlstate,
    driverName: dialect.driverName,
  });
}

/** A Node.js system error (`syscall` and an `E…` code), as a failed DNS lookup or socket raises. */
function isSystemError(err: unknown): boolean {
  const e = err as { code?: unknown; syscall?: unknown } | null;
  return typeof e?.syscall === "string" && typeof e.code === "string";
}

/** The engine's pool: a Pool whose connections come from the dialect's driver. */
export class EnginePoolBridge implements EnginePool {
  pool: Pool;
  /** the pool class name (`QueuePool`, `StaticPool`, `NullPool`, or a custom class's name) */
  readonly kind: string;
  private readonly poolClass: PoolClass;
  private dispatch: EventDispatch | null = null;
  /**
   * The one pool listener that forwards pool events to the engine's listeners. It carries only
   * the hooks the engine listens for (see `syncListener`): with none, the pool's checkout and
   * return take their synchronous fast paths.
   */
  private readonly listener: PoolListener = {};

  constructor(private readonly cfg: PoolBridgeOptions) {
    const chosen = cfg.options.poolClass ?? cfg.dialect.defaultPoolKind(cfg.params);
    if (isPoolClass(chosen)) {
      if (chosen === Pool) {
        throw new ArgumentError("poolClass must be a concrete pool class: QueuePool, StaticPool or NullPool");
      }
      this.poolClass = chosen;
      this.kind = chosen.name;
    } else if (typeof chosen === "string" && POOL_KINDS.has(chosen)) {
      this.poolClass = chosen === "StaticPool" ? StaticPool : chosen === "NullPool" ? NullPool : QueuePool;
      this.kind = chosen;
    } else {
      const shown =
        typeof chosen === "function"
          ? `function ${(chosen as { name?: string }).name || "<anonymous>"}`
          : `'${String(chosen)}'`;
      throw new ArgumentError(
        `Unknown poolClass ${shown}; expected QueuePool, StaticPool or NullPool (a name or the class)`,
      );
    }
    this.pool = this.build();
  }

  private build(): Pool {
    const { dialect, params, options } = this.cfg;
    const creator = async (): Promise<DBAPIConnection> => {
      const adapter = await dialect.loadDriver();
      let conn: DBAPIConnection;
      try {
        conn = await adapter.connect(dialect.createConnectArgs(params, options.connectArgs ?? {}));
      } catch (err) {
        throw wrapConnectError(dialect, err);
      }
      const level = options.isolationLevel?.replaceAll("_", " ").toUpperCase();
      if (level && level !== "AUTOCOMMIT") {
        try {
          // the database's own default, read before the engine's level hides it (SQLAlchemy's
          // default_isolation_level is independent of create_engine's isolation_level)
          if (!dialect._defaultIsolationRead) {
            dialect.defaultIsolationLevel = await dialect.getIsolationLevel(conn);
            dialect._defaultIsolationRead = true;
          }
          await dialect.setIsolationLevel(conn, level);
        } catch (err) {
          try {
            conn.terminate();
          } catch {
            // the connection is dropped either way
          }
          throw wrapConnectError(dialect, err);
        }
      }
      return conn;
    };
    const base = {
      creator,
      recycle: options.poolRecycle ?? -1,
      prePing: options.poolPrePing ?? false,
      ping: (conn: DBAPIConnection) => dialect.ping(conn),
      isDisconnect: (err: unknown) => dialect.classifyError(err)?.isDisconnect ?? false,
      firstConnect: (conn: DBAPIConnection) => dialect.initialize(conn),
      listeners: [this.listener],
    };
    const cls = this.poolClass;
    // only a QueuePool takes the size options (SQLAlchemy passes them to the pool class too)
    if (!(cls === QueuePool || cls.prototype instanceof QueuePool)) return new cls(base);
    return new cls({
      ...base,
      poolSize: options.poolSize ?? 5,
      maxOverflow: options.maxOverflow ?? 10,
      timeout: options.poolTimeout ?? 30,
    });
  }

  private fire(
    name: "connect" | "checkout" | "checkin" | "reset" | "invalidate" | "close",
    ...args: unknown[]
  ): void | Promise<void> {
    const d = this.dispatch;
    if (!d?.has(name)) return;
    return (d.fire as (n: string, ...a: unknown[]) => void | Promise<void>)(name, ...args);
  }

  /** `first_connect` once for the pool (retried after a failing run, as SQLAlchemy), then `connect`. */
  private connected(conn: DBAPIConnection, rec: unknown): void | Promise<void> {
    const d = this.dispatch;
    const once = d?.has("first_connect")
      ? d.execOnceUnlessException("first_connect", conn as never, rec as never)
      : undefined;
    if (once !== undefined) return once.then(() => this.fire("connect", conn, rec));
    return this.fire("connect", conn, rec);
  }

  /** @internal the engine's listeners receive the pool events */
  bindEvents(dispatch: EventDispatch): void {
    this.dispatch = dispatch;
    dispatch.watch(() => this.syncListener());
    this.syncListener();
  }

  private syncListener(): void {
    const has = (name: EventName): boolean => this.dispatch?.has(name) ?? false;
    const l = this.listener;
    l.onConnect =
      has("connect") || has("first_connect") ? (conn, rec) => this.connected(conn, rec) : undefined;
    l.onCheckout = has("checkout") ? (conn, rec, pc) => this.fire("checkout", conn, rec, pc) : undefined;
    l.onCheckin = has("checkin") ? (conn, rec) => void this.fire("checkin", conn, rec) : undefined;
    l.onReset = has("reset") ? (conn, rec, state) => this.fire("reset", conn, rec, state) : undefined;
    l.onInvalidate = has("invalidate")
      ? (conn, rec, err) => void this.fire("invalidate", conn, rec, err)
      : undefined;
    l.onClose = has("close") ? (conn, rec) => void this.fire("close", conn, rec) : undefined;
    this.pool._dispatch.rebuild();
  }

  checkout(opts?: { signal?: AbortSignal }): Promise<RawConnection> {
    return this.pool.connect(opts);
  }

  checkin(conn: PooledConnection, opts: { transactionWasReset: boolean }): Promise<void> {
    return (conn as PoolConnection).release(opts);
  }

  async invalidate(conn: PooledConnection, err?: unknown): Promise<void> {
    (conn as PoolConnection).invalidate(err);
  }

  stampInvalidated(): void {
    this.pool.stampInvalidated();
  }

  async dispose(): Promise<void> {
    const old = this.pool;
    this.pool = old.recreate();
    await old.dispose();
  }

  status(): string {
    return this.pool.status();
  }

  /** QueuePool: the connections it keeps (`poolSize`). */
  size(): number {
    return this.queue("size").size();
  }

  /** QueuePool: idle connections in the pool. */
  checkedin(): number {
    return this.queue("checkedin").checkedin();
  }

  /** QueuePool: connections handed out. */
  checkedout(): number {
    return this.queue("checkedout").checkedout();
  }

  /** QueuePool: connections open beyond the size (negative while fewer than the size are open). */
  overflow(): number {
    return this.queue("overflow").overflow();
  }

  private queue(method: string): QueuePool {
    if (this.pool instanceof QueuePool) return this.pool;
    throw new InvalidRequestError(`${this.kind} has no ${method}(); only a QueuePool counts its connections`);
  }
}

/** The pool createEngine gives an engine. */
export function createPool(cfg: PoolBridgeOptions): EnginePoolBridge {
  return new EnginePoolBridge(cfg);
}
