/**
 * Pool events: a plain object of optional callbacks per listener, kept in arrays per hook so the
 * checkout and checkin paths test one `length` when nobody listens. The engine bridges
 * SQLAlchemy's pool events (`connect`, `checkout`, `checkin`, `reset`, `invalidate`, `close`) onto
 * these.
 */
import { type DBAPIConnection, isThenable, type MaybePromise } from "../engine/interfaces.js";
import type { PoolConnection } from "./pool-connection.js";
import type { ConnectionRecord } from "./record.js";

/** What the `reset` hook learns about the return (SQLAlchemy's `PoolResetState`). */
export interface PoolResetState {
  /** the caller already rolled the transaction back; the pool's own rollback is skipped */
  readonly transactionWasReset: boolean;
  /** the pool's own reset action that follows the hook */
  readonly resetOnReturn: "rollback" | "commit" | null;
  /** SQLAlchemy's flag for a connection that is only terminated, not reset (never here: always false) */
  readonly terminateOnly: boolean;
  /** SQLAlchemy's flag for a reset run where asyncio work may be done (always true: every reset may await) */
  readonly asyncioSafe: boolean;
}

/**
 * Callbacks for the pool's life-cycle; every member is optional.
 * @example
 * pool.addListener({ onCheckout: (conn, rec) => { rec.info.checkouts = Number(rec.info.checkouts ?? 0) + 1; } });
 */
export interface PoolListener {
  /** a new DBAPI connection was made; may run SQL (awaited before the checkout completes) */
  onConnect?(dbapiConnection: DBAPIConnection, record: ConnectionRecord): MaybePromise<void>;
  /** a connection is being handed out; throw `DisconnectionError` to have it replaced */
  onCheckout?(
    dbapiConnection: DBAPIConnection,
    record: ConnectionRecord,
    connection: PoolConnection,
  ): MaybePromise<void>;
  /**
   * a connection came back; `dbapiConnection` is null when it was invalidated while out. This and
   * the `onInvalidate` and `onClose` notifications must not throw: a throw becomes a process warning.
   */
  onCheckin?(dbapiConnection: DBAPIConnection | null, record: ConnectionRecord): void;
  /** runs before the pool's rollback or commit on return; a throw invalidates the connection */
  onReset?(
    dbapiConnection: DBAPIConnection,
    record: ConnectionRecord,
    state: PoolResetState,
  ): MaybePromise<void>;
  /** the connection is invalidated: `soft` means it is recycled at its next checkout instead of closed now */
  onInvalidate?(
    dbapiConnection: DBAPIConnection,
    record: ConnectionRecord,
    error: unknown,
    soft: boolean,
  ): void;
  /** the DBAPI connection is about to be closed or terminated */
  onClose?(dbapiConnection: DBAPIConnection, record: ConnectionRecord): void;
}

type Hook = keyof PoolListener;
type Fn<K extends Hook> = NonNullable<PoolListener[K]>;

/** @internal The listeners of one pool, split per hook. */
export class PoolDispatch {
  private readonly listeners: PoolListener[] = [];
  connect: Fn<"onConnect">[] = [];
  checkout: Fn<"onCheckout">[] = [];
  checkin: Fn<"onCheckin">[] = [];
  reset: Fn<"onReset">[] = [];
  invalidate: Fn<"onInvalidate">[] = [];
  close: Fn<"onClose">[] = [];

  constructor(initial: readonly PoolListener[] = []) {
    for (const l of initial) this.add(l);
  }

  /** Adds a listener; returns a function that removes it. */
  add(listener: PoolListener): () => void {
    this.listeners.push(listener);
    this.rebuild();
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
      this.rebuild();
    };
  }

  /** The listeners, for a recreated pool to inherit. */
  all(): readonly PoolListener[] {
    return this.listeners;
  }

  /**
   * Re-reads which hooks each listener has: a listener object whose members come and go (the
   * engine's bridge, which listens only for what the engine's listeners want) calls this after a
   * change, so the checkout path keeps its one-`length` test.
   */
  rebuild(): void {
    // bound so a listener object's own `this` survives being called from the per-hook arrays
    const pick = <K extends Hook>(k: K): Fn<K>[] =>
      this.listeners.flatMap((l) => {
        const f = l[k];
        return f ? [f.bind(l) as Fn<K>] : [];
      });
    this.connect = pick("onConnect");
    this.checkout = pick("onCheckout");
    this.checkin = pick("onCheckin");
    this.reset = pick("onReset");
    this.invalidate = pick("onInvalidate");
    this.close = pick("onClose");
  }
}

/** Runs hooks in order, awaiting only those that return a promise. */
export async function runHooks<A extends unknown[]>(
  hooks: readonly ((...args: A) => MaybePromise<void>)[],
  ...args: A
): Promise<void> {
  for (const h of hooks) {
    const r = h(...args);
    if (isThenable(r)) await r;
  }
}

/**
 * Runs notification hooks (checkin, invalidate, close). The pool's state must stay consistent
 * whatever a listener does, so a throw is reported as a process warning instead of propagating.
 */
export function notify<A extends unknown[]>(hooks: readonly ((...args: A) => void)[], ...args: A): void {
  for (const h of hooks) {
    try {
      h(...args);
    } catch (err) {
      process.emitWarning(`alkahest pool listener failed: ${(err as Error)?.message ?? String(err)}`, {
        type: "AlkahestPoolWarning",
        detail: (err as Error)?.stack,
      });
    }
  }
}
