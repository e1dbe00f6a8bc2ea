/**
 * The context connection: a handle on at most one engine Connection, checked out lazily and
 * returned to the pool as soon as nothing needs it (no query running, no transaction open, not
 * pinned by a scope). Queries and transactions run in its frames (see frame.ts).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Connection, ExecuteParams } from "../engine/connection.js";
import type { Engine } from "../engine/engine.js";
import { AsyncResult } from "../engine/result/async-result.js";
import type { Row } from "../engine/result/row.js";
import type { NestedTransaction } from "../engine/transaction.js";
import { InvalidRequestError } from "../exc.js";
import type { ClauseElement } from "../sql/base.js";
import { abortable } from "./abort.js";
import { openConnection } from "./checkout.js";
import { busyIterating, connectionClosed, transactionEnded } from "./errors.js";
import { Frame } from "./frame.js";
import type { Release } from "./mutex.js";

/** Told when the handle checks a connection out and when it gives it back. */
export interface HandleHooks {
  onAcquire?(handle: ContextConnection): void;
  onRelease?(handle: ContextConnection): void;
}

interface Iteration {
  frame: Frame;
  result: AsyncResult;
  /** the savepoint the cursor runs in, on a frame that isolates its calls */
  savepoint: NestedTransaction | null;
  /** set once its hold on the connection is given back (by the loop, or by whoever closed it) */
  finished: boolean;
}

const ignore = (): undefined => undefined;
const noRelease: Release = () => undefined;

/**
 * Runs `op` in a savepoint of its own: released when it succeeds, rolled back to when it fails,
 * so a failed (or cancelled) statement leaves the enclosing transaction usable, PostgreSQL's too.
 */
async function isolated<T>(conn: Connection, op: () => Promise<T>): Promise<T> {
  const savepoint = await conn.beginNested();
  let out: T;
  try {
    out = await op();
  } catch (err) {
    await savepoint.rollback().catch(ignore);
    throw err;
  }
  try {
    await savepoint.commit();
  } catch (err) {
    await savepoint.rollback().catch(ignore);
    throw err;
  }
  return out;
}

/**
 * The frame whose lock the current call holds. A call made from inside another call's callback
 * (`db.runSync(async () => db.fetchAll(q))`) must not wait for the lock its caller holds, so
 * it runs without taking it (the engine Connection still runs the two one after the other).
 */
const holding = new AsyncLocalStorage<Frame>();

/**
 * @internal
 * Shared by `Database` and the engine's `acquire()`. Reference-counted: each running query and
 * each open root transaction holds the connection, and so does a pin (a callback scope).
 * @example
 * const h = new ContextConnection(engine);
 * await h.run(h.base, (conn) => conn.execute(stmt)); // checked out, committed, returned
 */
export class ContextConnection {
  readonly base: Frame;
  private conn: Connection | null = null;
  private opening: Promise<Connection> | null = null;
  private holds = 0;
  private pins = 0;
  private iteration: Iteration | null = null;
  /** transaction frames begun on the connection, outermost first */
  private readonly chain: Frame[] = [];
  private closedReason: string | null = null;

  constructor(
    readonly engine: Engine,
    private readonly hooks: HandleHooks = {},
  ) {
    this.base = new Frame(this, null, null);
  }

  /** The engine Connection while one is checked out. */
  get connection(): Connection | null {
    return this.conn;
  }

  /** True once closed for good (released scope, disconnect). */
  get closed(): boolean {
    return this.closedReason !== null;
  }

  /** The innermost open transaction frame, else the base: where a call from outside the context runs. */
  innermost(): Frame {
    return this.chain.length ? this.chain[this.chain.length - 1] : this.base;
  }

  /** Keeps the connection checked out until `unpin()` (a callback scope, the global connection). */
  pin(): void {
    this.pins++;
  }

  /** Undoes one `pin()`; the connection goes back to the pool when nothing else holds it. */
  async unpin(): Promise<void> {
    this.pins--;
    await this.maybeRelease();
  }

  /** Checks the connection out now (for a pinned handle). */
  async open(signal?: AbortSignal): Promise<Connection> {
    return this.acquire(signal);
  }

  /**
   * Runs `fn` on the connection in `frame`: waits for the frame's lock (abortable), checks the
   * connection out if needed, and on a base frame commits the transaction the call autobegan
   * (rolls it back on error), so work outside a transaction is never left pending.
   */
  async run<T>(frame: Frame, fn: (conn: Connection) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    this.checkUsable(frame);
    const reentrant = holding.getStore() === frame;
    const release = await this.lock(frame, signal);
    try {
      this.checkUsable(frame);
      this.holds++;
      try {
        const conn = await this.acquire(signal);
        const autocommit = frame.isBase && !conn.inTransaction();
        const op = () => abortable(conn, () => holding.run(frame, () => fn(conn)), signal);
        try {
          // a call made from inside another call's callback is inside that call's savepoint
          const out = frame.isolateCalls && !reentrant ? await isolated(conn, op) : await op();
          if (autocommit && conn.inTransaction()) await conn.commit();
          return out;
        } catch (err) {
          if (autocommit && conn.inTransaction()) await conn.rollback().catch(ignore);
          throw err;
        }
      } finally {
        this.holds--;
        await this.maybeRelease();
      }
    } finally {
      release();
    }
  }

  /**
   * Streams `statement`'s rows through a server-side cursor. The frame's lock is held only while
   * the cursor opens: afterwards any other use of this connection fails at once (`busyIterating`)
   * instead of queueing behind a loop that may be waiting for it.
   */
  async *iterate(
    frame: Frame,
    statement: ClauseElement,
    params: ExecuteParams | undefined,
    signal?: AbortSignal,
  ): AsyncGenerator<Row, void, undefined> {
    signal?.throwIfAborted();
    this.checkUsable(frame);
    const release = await this.lock(frame, signal);
    let conn: Connection | null = null;
    let autocommit = false;
    let mine: Iteration | null = null;
    let savepoint: NestedTransaction | null = null;
    let failed = false;
    this.holds++;
    try {
      try {
        this.checkUsable(frame);
        const c = await this.acquire(signal);
        conn = c;
        autocommit = frame.isBase && !c.inTransaction();
        if (frame.isolateCalls) savepoint = await c.beginNested();
        const out = await abortable(c, () => c.stream(statement, params), signal);
        // a statement without rows comes back as a plain result: nothing to iterate
        if (!(out instanceof AsyncResult)) {
          await savepoint?.commit();
          return;
        }
        mine = { frame, result: out, finished: false, savepoint };
        this.iteration = mine;
      } finally {
        release();
      }
      const rows = mine.result[Symbol.asyncIterator]();
      const c = conn;
      for (;;) {
        const next = await abortable(c, () => rows.next(), signal);
        if (next.done) return;
        yield next.value as Row;
      }
    } catch (err) {
      failed = true;
      if (mine === null) await savepoint?.rollback().catch(ignore);
      throw err;
    } finally {
      await this.endIteration(frame, conn, mine, autocommit, failed);
    }
  }

  private async endIteration(
    frame: Frame,
    conn: Connection | null,
    mine: Iteration | null,
    autocommit: boolean,
    failed: boolean,
  ): Promise<void> {
    // closed already by end()/close() (the loop was abandoned): its hold was given back there
    if (mine?.finished) return;
    try {
      if (mine) await mine.result.close().catch(ignore);
      // the cursor is closed: the call's savepoint (forceRollback) can end
      if (mine?.savepoint) {
        if (failed) await mine.savepoint.rollback().catch(ignore);
        else await mine.savepoint.commit().catch(() => mine.savepoint?.rollback().catch(ignore));
      }
      if (conn && autocommit) {
        const relock = await this.lock(frame);
        try {
          if (this.iteration === mine) this.iteration = null;
          if (conn.inTransaction()) {
            if (failed) await conn.rollback().catch(ignore);
            else await conn.commit().catch(() => conn.rollback().catch(ignore));
          }
        } finally {
          relock();
        }
      }
    } finally {
      if (mine) mine.finished = true;
      if (this.iteration === mine) this.iteration = null;
      this.holds--;
      await this.maybeRelease();
    }
  }

  /** Closes an iteration whose loop was abandoned (never finished nor broken out of). */
  private async closeAbandoned(): Promise<void> {
    const it = this.iteration;
    if (it === null) return;
    this.iteration = null;
    it.finished = true;
    await it.result.close().catch(ignore);
    await it.savepoint?.rollback().catch(ignore);
    this.holds--;
  }

  /**
   * Begins `frame` (pending, made by the caller so it can be bound to the async context before
   * any await) on its outer frame: a root transaction on a base frame, else a savepoint. It
   * holds the outer frame's lock until it ends.
   */
  async begin(frame: Frame, signal?: AbortSignal): Promise<void> {
    const outer = frame.outer!;
    try {
      signal?.throwIfAborted();
      this.checkUsable(outer);
      frame.releaseOuter = await this.lock(outer, signal);
      this.checkUsable(outer);
      // why: no new child once the outer transaction is finishing (it would outlive it)
      if (outer.state !== "active") throw transactionEnded();
      const root = outer.tx === null;
      if (root) this.holds++;
      let began = false;
      try {
        const conn = await this.acquire(signal);
        if (root) await this.beginRoot(frame, conn);
        else frame.tx = await conn.beginNested();
        began = true;
      } finally {
        if (!began && root) {
          this.holds--;
          await this.restoreIsolation(frame);
          await this.maybeRelease();
        }
      }
      if (outer.state !== "active") {
        // the outer began ending while this one was beginning
        await this.finish(frame, false);
        throw transactionEnded();
      }
      frame.state = "active";
      outer.children.add(frame);
      this.chain.push(frame);
    } catch (err) {
      frame.state = "ended";
      frame.releaseOuter?.();
      frame.releaseOuter = null;
      throw err;
    }
  }

  private async beginRoot(frame: Frame, conn: Connection): Promise<void> {
    if (conn.inTransaction()) {
      throw new InvalidRequestError(
        "This connection is already in a transaction begun on the engine Connection directly; commit or roll it back first",
      );
    }
    const level = frame.options.isolationLevel;
    if (level !== undefined) {
      frame.restoreIsolation = await conn.getIsolationLevel();
      await conn.executionOptions({ isolationLevel: level });
    }
    frame.tx = await conn.begin();
  }

  /**
   * Commits (or rolls back) `frame`: first rolls back child transactions left open, then waits
   * for the frame's running queries, then COMMIT / RELEASE (ROLLBACK / ROLLBACK TO).
   * Committing an ended frame fails; rolling it back again does nothing.
   */
  async end(frame: Frame, commit: boolean): Promise<void> {
    if (frame.state === "ended" || frame.state === "ending") {
      if (commit) throw new InvalidRequestError("This transaction has already ended");
      return;
    }
    frame.state = "ending";
    // an iterate() loop abandoned inside the transaction: its cursor must close before COMMIT
    if (this.iteration?.frame === frame) await this.closeAbandoned();
    for (const child of [...frame.children].reverse()) await this.end(child, false).catch(ignore);
    const release = await this.lock(frame);
    try {
      await this.finish(frame, commit);
    } finally {
      release();
    }
  }

  private async finish(frame: Frame, commit: boolean): Promise<void> {
    const tx = frame.tx!;
    const root = frame.outer!.tx === null;
    let error: unknown = null;
    try {
      if (commit && !frame.options.forceRollback) await tx.commit();
      else await tx.rollback();
    } catch (err) {
      error = err;
      // a failed COMMIT leaves the connection waiting for a rollback
      await tx.rollback().catch(ignore);
    }
    frame.state = "ended";
    frame.outer!.children.delete(frame);
    const at = this.chain.indexOf(frame);
    if (at >= 0) this.chain.splice(at, 1);
    try {
      if (root) {
        this.holds--;
        await this.restoreIsolation(frame);
        await this.maybeRelease();
      }
    } finally {
      frame.releaseOuter?.();
      frame.releaseOuter = null;
    }
    if (error !== null) throw error;
  }

  private async restoreIsolation(frame: Frame): Promise<void> {
    const level = frame.restoreIsolation;
    frame.restoreIsolation = null;
    // a connection going back to the pool is reset by the engine; one kept must be reset here
    if (level === null || this.conn === null || (this.pins === 0 && this.holds === 0)) return;
    await this.conn.executionOptions({ isolationLevel: level }).catch(ignore);
  }

  /**
   * Closes the handle for good: an open cursor closes, open transactions roll back, and the
   * connection goes back to the pool (after any call still running).
   */
  async close(reason: string): Promise<void> {
    if (this.closedReason !== null) return;
    await this.closeAbandoned();
    for (const frame of [...this.chain].reverse()) await this.end(frame, false).catch(ignore);
    this.closedReason = reason;
    this.base.state = "ended";
    this.pins = 0;
    // a checkout in flight is given back as soon as it arrives
    await this.opening?.catch(ignore);
    await this.maybeRelease();
  }

  /** Takes `frame`'s lock, unless the calling context's own call holds it already (`holding`). */
  private lock(frame: Frame, signal?: AbortSignal): Promise<Release> {
    if (holding.getStore() === frame) return Promise.resolve(noRelease);
    return frame.lock.acquire(signal);
  }

  private checkUsable(frame: Frame): void {
    if (this.closedReason !== null) throw connectionClosed(this.closedReason);
    if (frame.state === "ended") throw transactionEnded();
    if (this.iteration !== null) throw busyIterating();
  }

  private acquire(signal?: AbortSignal): Promise<Connection> {
    if (this.closedReason !== null) return Promise.reject(connectionClosed(this.closedReason));
    if (this.conn !== null) return Promise.resolve(this.conn);
    if (this.opening === null) {
      // why now: a disconnect during the checkout must find this handle and close it
      this.hooks.onAcquire?.(this);
      // why shared: `get()` of a lazy acquire may race a query's first checkout
      this.opening = openConnection(this.engine, signal)
        .then(async (conn) => {
          if (this.closedReason !== null) {
            await conn.close();
            throw connectionClosed(this.closedReason);
          }
          this.conn = conn;
          return conn;
        })
        .catch((err: unknown) => {
          if (this.conn === null) this.hooks.onRelease?.(this);
          throw err;
        })
        .finally(() => {
          this.opening = null;
        });
      // why: a disconnect may close the handle while nobody awaits this checkout any more;
      // every caller that does await it still sees the rejection
      this.opening.catch(ignore);
    }
    return this.opening;
  }

  private async maybeRelease(): Promise<void> {
    if (this.holds > 0 || this.pins > 0 || this.conn === null) return;
    const conn = this.conn;
    this.conn = null;
    try {
      await conn.close();
    } finally {
      this.hooks.onRelease?.(this);
    }
  }
}
