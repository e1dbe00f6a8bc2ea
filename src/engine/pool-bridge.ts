import type { DBAPIConnection } from "../dialects/dbapi.js";
import type { ConnectParams, RuntimeDialect } from "../dialects/runtime.js";
import { ArgumentError } from "../exc.js";
import { NullPool, type Pool, type PoolConnection, QueuePool, StaticPool } from "../pool/index.js";
import type { EnginePool, PooledConnection } from "./engine.js";
import type { EventDispatch } from "./events.js";

/** The pool classes createEngine accepts by name. */
export type PoolKind = "QueuePool" | "StaticPool" | "NullPool";

interface PoolBridgeOptions {
  dialect: RuntimeDialect;
  params: ConnectParams;
  options: {
    poolSize?: number;
    maxOverflow?: number;
    poolTimeout?: number;
    poolRecycle?: number;
    poolPrePing?: boolean;
    poolClass?: PoolKind;
    connectArgs?: Record<string, unknown>;
    isolationLevel?: string;
  };
}

/** The engine's pool: a Pool whose connections come from the dialect's driver. */
export class EnginePoolBridge implements EnginePool {
  pool: Pool;
  readonly kind: PoolKind;
  private dispatch: EventDispatch | null = null;

  constructor(private readonly cfg: PoolBridgeOptions) {
    const kind = cfg.options.poolClass ?? cfg.dialect.defaultPoolKind(cfg.params);
    if (kind !== "QueuePool" && kind !== "StaticPool" && kind !== "NullPool") {
      throw new ArgumentError(
        `Unknown poolClass '${String(kind)}'; expected QueuePool, StaticPool or NullPool`,
      );
    }
    this.kind = kind;
    this.pool = this.build();
  }

  private build(): Pool {
    const { dialect, params, options } = this.cfg;
    const creator = async (): Promise<DBAPIConnection> => {
      const adapter = await dialect.loadDriver();
      const conn = await adapter.connect(dialect.createConnectArgs(params, options.connectArgs ?? {}));
      const level = options.isolationLevel?.toUpperCase();
      if (level && level !== "AUTOCOMMIT") await dialect.setIsolationLevel(conn, level);
      return conn;
    };
    const base = {
      creator,
      recycle: options.poolRecycle ?? -1,
      prePing: options.poolPrePing ?? false,
      ping: (conn: DBAPIConnection) => dialect.ping(conn),
      isDisconnect: (err: unknown) => dialect.classifyError(err)?.isDisconnect ?? false,
      firstConnect: (conn: DBAPIConnection) => dialect.initialize(conn),
      listeners: [
        {
          onConnect: (conn: DBAPIConnection, rec: unknown) => this.fire("connect", conn, rec),
          onCheckout: (conn: DBAPIConnection, rec: unknown, pc: unknown) =>
            this.fire("checkout", conn, rec, pc),
          onCheckin: (conn: DBAPIConnection | null, rec: unknown) => void this.fire("checkin", conn, rec),
          onReset: (conn: DBAPIConnection, rec: unknown, state: unknown) =>
            this.fire("reset", conn, rec, state),
          onInvalidate: (conn: DBAPIConnection | null, rec: unknown, err: unknown) =>
            void this.fire("invalidate", conn, rec, err),
          onClose: (conn: DBAPIConnection | null, rec: unknown) => void this.fire("close", conn, rec),
        },
      ],
    };
    if (this.kind === "StaticPool") return new StaticPool(base);
    if (this.kind === "NullPool") return new NullPool(base);
    return new QueuePool({
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

  /** @internal the engine's listeners receive the pool events */
  bindEvents(dispatch: EventDispatch): void {
    this.dispatch = dispatch;
  }

  async checkout(opts?: { signal?: AbortSignal }): Promise<PooledConnection> {
    return this.pool.connect(opts);
  }

  async checkin(conn: PooledConnection, opts: { transactionWasReset: boolean }): Promise<void> {
    await (conn as PoolConnection).release(opts);
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
}

/** The pool createEngine gives an engine. */
export function createPool(cfg: PoolBridgeOptions): EnginePoolBridge {
  return new EnginePoolBridge(cfg);
}
