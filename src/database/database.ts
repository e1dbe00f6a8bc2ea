/** `Database`: encode/databases' API on the alkahest engine. */
import { AsyncLocalStorage } from "node:async_hooks";
import { createEngine, type EngineOptions } from "../engine/create.js";
import { Engine } from "../engine/engine.js";
import type { URL } from "../engine/url.js";
import { ArgumentError } from "../exc.js";
import { openConnection } from "./checkout.js";
import { type ConnectionHost, DatabaseConnection } from "./connection.js";
import { notConnected } from "./errors.js";
import { type ContextStore, Frame, resolveFrame } from "./frame.js";
import { ContextConnection } from "./handle.js";
import type * as ops from "./ops.js";
import { Queries } from "./queries.js";
import { startTransaction, type TransactionCallback } from "./scope.js";
import type { DatabaseTransaction, TransactionOptions } from "./transaction.js";
import { engineArgs } from "./url-options.js";

/** Options of `new Database()`: createEngine's, plus `forceRollback`. */
export interface DatabaseOptions extends EngineOptions {
  /**
   * Run everything on one connection inside a transaction that `disconnect()` rolls back (for
   * tests). Transactions the application opens become savepoints inside it.
   */
  forceRollback?: boolean;
}

const ignore = (): undefined => undefined;

/**
 * An async database in encode/databases' style. Queries take statements or raw SQL with `:name`
 * binds; rows are the engine's Rows (`row.text`, `row[0]`, `row._mapping`).
 *
 * Connections follow the async context (AsyncLocalStorage):
 * - outside a transaction every call takes its own pooled connection, so `Promise.all` of
 *   queries runs them in parallel;
 * - inside `db.transaction(...)` every call of that context, `Promise.all` children included,
 *   uses the transaction's connection, one call at a time (queued in order). A nested
 *   transaction started by one child holds the connection until it ends; its siblings' queries
 *   wait for it rather than running inside its savepoint;
 * - `iterate()` outside a transaction holds a connection of its own, so other queries (also in
 *   its loop) run on other connections. Inside a transaction it holds the transaction's
 *   connection, and any other use of that connection fails at once with InvalidRequestError
 *   (it never waits for the loop). The same holds where everything shares one connection:
 *   `forceRollback`, and SQLite `:memory:` (one StaticPool connection, kept for the Database's
 *   life so its tables stay).
 * - a transaction or `db.connection()` never reaches code that only shares the context it was
 *   opened from (a `Promise.all` sibling, the caller): see `transaction()`.
 * @example
 * const db = new Database("postgresql://user@localhost/app?maxSize=10");
 * await db.connect();
 * await db.execute(notes.insert(), { text: "hello", completed: false });
 * await db.transaction(async () => {
 *   await db.execute("UPDATE notes SET completed = :done", { done: true });
 * });
 * for await (const row of db.iterate(sa.select(notes))) console.log(row.text);
 * await db.disconnect();
 */
export class Database extends Queries implements ConnectionHost {
  /** the engine everything runs on */
  readonly engine: Engine;
  /** the database URL (without the facade's `minSize`/`maxSize`/`ssl` options) */
  readonly url: URL;
  /** whether this Database rolls everything back at `disconnect()` */
  readonly forceRollback: boolean;
  /** @internal the innermost binding of each async context */
  readonly als = new AsyncLocalStorage<ContextStore>();
  private readonly ownsEngine: boolean;
  /** context connections currently holding a pooled connection (closed at disconnect) */
  private readonly live = new Set<ContextConnection>();
  private readonly facades = new WeakMap<ContextConnection, DatabaseConnection>();
  /** where calls go when the context has no frame: the one shared connection, if any */
  private globalFrame: Frame | null = null;
  private connected = false;
  private transition: Promise<void> | null = null;

  /**
   * @param url a database URL (query options `minSize`, `maxSize`, `ssl`; see `engineArgs`), or
   * an Engine to share (which `disconnect()` then leaves undisposed)
   * @example
   * new Database("sqlite:///:memory:");
   * new Database(engine, { forceRollback: true });
   */
  constructor(url: string | URL | Engine, options: DatabaseOptions = {}) {
    super();
    const { forceRollback = false, ...engineOptions } = options;
    this.forceRollback = forceRollback;
    if (url instanceof Engine) {
      const given = Object.keys(engineOptions);
      if (given.length) {
        throw new ArgumentError(
          `Engine options (${given.join(", ")}) can't be given with an existing Engine`,
        );
      }
      this.engine = url;
      this.ownsEngine = false;
    } else {
      const args = engineArgs(url, engineOptions);
      this.engine = createEngine(args.url, args.options);
      this.ownsEngine = true;
    }
    this.url = this.engine.url;
  }

  /** True between `connect()` and `disconnect()`. */
  get isConnected(): boolean {
    return this.connected;
  }

  /**
   * Makes the Database usable, checking that the database can be reached: it opens one
   * connection (and returns it to the pool), so a wrong URL, a missing database or a dead server
   * fails here with the driver's error (an `OperationalError`), not at the first query. Under
   * `forceRollback`, and for a single-connection database (`:memory:`), that connection stays
   * checked out as the shared one. A second call does nothing.
   * @example
   * await db.connect(); // rejects with OperationalError for postgresql://u@localhost/missing
   */
  async connect(): Promise<void> {
    while (this.transition) await this.transition.catch(ignore);
    if (this.connected) return;
    this.transition = this.open();
    try {
      await this.transition;
    } finally {
      this.transition = null;
    }
  }

  private async open(): Promise<void> {
    // why: a StaticPool hands one DBAPI connection to every checkout, so two transactions
    // would interleave on it; one shared context connection serialises them instead
    if (this.forceRollback || this.engine.pool.kind === "StaticPool") {
      const handle = this.newHandle();
      handle.pin();
      try {
        await handle.open();
        if (this.forceRollback) {
          const frame = new Frame(handle, null, handle.base, { forceRollback: true });
          await handle.begin(frame);
          // why PostgreSQL only: there a failed statement aborts the whole transaction; MySQL and
          // SQLite undo just the statement, and MySQL's DDL would end a savepoint (implicit commit)
          frame.isolateCalls = this.engine.dialect.name === "postgresql";
          this.globalFrame = frame;
        } else {
          this.globalFrame = handle.base;
        }
      } catch (err) {
        await handle.close("connect() failed").catch(ignore);
        throw err;
      }
    } else {
      // encode/databases opens its pool (min_size >= 1) here: a bad URL fails at startup
      const conn = await openConnection(this.engine);
      await conn.close();
    }
    this.connected = true;
  }

  /**
   * Rolls back what is still open (the `forceRollback` transaction included), returns every
   * connection to the pool and disposes the engine (unless it was given). A second call does
   * nothing.
   */
  async disconnect(): Promise<void> {
    while (this.transition) await this.transition.catch(ignore);
    if (!this.connected) return;
    this.transition = this.close();
    try {
      await this.transition;
    } finally {
      this.transition = null;
    }
  }

  private async close(): Promise<void> {
    this.connected = false;
    this.globalFrame = null;
    for (const handle of [...this.live]) await handle.close("The database was disconnected").catch(ignore);
    if (this.ownsEngine) await this.engine.dispose();
  }

  /** `await using db = …` disconnects at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.disconnect();
  }

  /** @internal */
  checkConnected(): void {
    if (!this.connected) throw notConnected();
  }

  private newHandle(): ContextConnection {
    return new ContextConnection(this.engine, {
      onAcquire: (h) => this.live.add(h),
      onRelease: (h) => this.live.delete(h),
    });
  }

  /** The frame of the current context, else the shared connection's, else null (a call of its own). */
  private contextFrame(): Frame | null {
    this.checkConnected();
    return resolveFrame(this.als.getStore()) ?? this.globalFrame;
  }

  protected target(): ops.Target {
    const frame = this.contextFrame();
    if (frame !== null) return { handle: frame.conn, frame };
    const handle = this.newHandle();
    return { handle, frame: handle.base };
  }

  private facade(handle: ContextConnection): DatabaseConnection {
    let f = this.facades.get(handle);
    if (f === undefined) {
      f = new DatabaseConnection(this, handle);
      this.facades.set(handle, f);
    }
    return f;
  }

  /**
   * A transaction bound to the async context; inside another one (or under `forceRollback`) a
   * savepoint. With a callback: committed when it resolves, rolled back when it throws (always
   * rolled back with `forceRollback: true`), and it scopes exactly the callback and what it
   * starts. Without: returns the started transaction, bound to the rest of the function that
   * awaited it (and what it starts afterwards) until `commit()`/`rollback()`, never to a sibling
   * or the caller. That binding takes effect at the function's first use of the database (or of
   * the transaction) right after the await; if it awaits something else first, every call from
   * its context fails with InvalidRequestError while the transaction lasts (JavaScript can't
   * tell the function's context from its caller's; see claim.ts). `isolationLevel` applies to a
   * root transaction.
   * @example
   * await db.transaction(async () => { await db.execute(q1); await db.execute(q2); });
   * const tx = await db.transaction(); await db.execute(q1); await tx.commit();
   */
  transaction<T>(fn: TransactionCallback<T>, options?: TransactionOptions): Promise<T>;
  transaction(options?: TransactionOptions): Promise<DatabaseTransaction>;
  transaction<T>(
    fnOrOptions?: TransactionCallback<T> | TransactionOptions,
    options?: TransactionOptions,
  ): Promise<T> | Promise<DatabaseTransaction> {
    const makeFrame = (opts: TransactionOptions): Frame => {
      const ctx = this.contextFrame();
      // read after contextFrame(): resolving may have claimed a manual binding (a new store)
      const parent = this.als.getStore() ?? null;
      if (ctx !== null) return new Frame(ctx.conn, parent, ctx, opts);
      const handle = this.newHandle();
      return new Frame(handle, parent, handle.base, opts);
    };
    return startTransaction(this.als, makeFrame, fnOrOptions, options);
  }

  /**
   * Decorator style: wraps `fn` so that each call runs in its own `db.transaction()`, keeping
   * `this`. `db.transactional(options)` returns the wrapper maker, which also fits a standard
   * method decorator (`@db.transactional()`) where the build compiles decorators.
   * @example
   * const addNote = db.transactional(async (text: string) => db.execute(notes.insert(), { text }));
   * await addNote("a");
   */
  transactional<A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    options?: TransactionOptions,
  ): (...args: A) => Promise<R>;
  transactional(
    options?: TransactionOptions,
  ): <A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    context?: unknown,
  ) => (...args: A) => Promise<R>;
  transactional<A extends unknown[], R>(
    fnOrOptions?: ((...args: A) => Promise<R>) | TransactionOptions,
    options?: TransactionOptions,
  ):
    | ((...args: A) => Promise<R>)
    | (<B extends unknown[], S>(
        fn: (...args: B) => Promise<S>,
        context?: unknown,
      ) => (...args: B) => Promise<S>) {
    const wrap = <B extends unknown[], S>(
      fn: (...args: B) => Promise<S>,
      opts: TransactionOptions | undefined,
    ) => {
      const db = this;
      return function (this: unknown, ...args: B): Promise<S> {
        return db.transaction(() => fn.apply(this, args), opts);
      };
    };
    if (typeof fnOrOptions === "function") return wrap(fnOrOptions, options);
    return <B extends unknown[], S>(fn: (...args: B) => Promise<S>) => wrap(fn, fnOrOptions);
  }

  /**
   * The connection of the current async context: the transaction's or `db.connection(cb)`
   * scope's, or the shared one (`forceRollback`, `:memory:`). Elsewhere a new connection each
   * call, bound to nothing: checked out only while it is used, its calls and transactions run on
   * it, and other code (a sibling, a later request) never gets it. With a callback, binds a
   * connection to the callback and what it starts (all `db.*` calls in it use it; checked out for
   * the whole callback), then closes it, rolling back what is still open.
   * @example
   * await db.connection(async (conn) => { db.connection() === conn; conn.rawConnection; });
   * const conn = db.connection(); await conn.transaction(async () => { await db.execute(q); });
   */
  connection(): DatabaseConnection;
  connection<T>(fn: (conn: DatabaseConnection) => Promise<T>): Promise<T>;
  connection<T>(fn?: (conn: DatabaseConnection) => Promise<T>): DatabaseConnection | Promise<T> {
    if (fn === undefined) return this.facade(this.contextFrame()?.conn ?? this.newHandle());
    let ctx: Frame | null;
    try {
      ctx = this.contextFrame();
    } catch (err) {
      return Promise.reject(err);
    }
    if (ctx !== null) {
      const conn = this.facade(ctx.conn);
      return new Promise<T>((resolve) => resolve(fn(conn)));
    }
    const handle = this.newHandle();
    handle.pin();
    return this.als.run(handle.base, async () => {
      try {
        await handle.open();
        return await fn(this.facade(handle));
      } finally {
        await handle.close("This connection's db.connection() scope has ended");
      }
    });
  }
}
