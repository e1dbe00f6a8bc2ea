import {
  type CursorOptions,
  type DBAPIConnection,
  type DBAPICursor,
  type DBAPIParams,
  isThenable,
  type MaybePromise,
} from "../dialects/dbapi.js";
import type { RuntimeDialect } from "../dialects/runtime.js";
import {
  AlkahestError,
  ArgumentError,
  DBAPI_ERROR_CLASSES,
  DBAPIError,
  InvalidRequestError,
  PendingRollbackError,
  ResourceClosedError,
  StatementError,
} from "../exc.js";
import { ClauseElement } from "../sql/base.js";
import type { Compiled } from "../sql/compiler/compiled.js";
import type { PrimaryKeyOfStatement } from "../sql/dml/target-types.js";
import type { BindParameter } from "../sql/elements/bind-param.js";
import { checkExecutionOptions, type ExecutionOptions } from "../sql/execution-options.js";
import type { RowOf, RowOfStatement, SelectArg, TupleOfStatement } from "../sql/selectable/row-types.js";
import type { Engine, PooledConnection } from "./engine.js";
import type { ConnectionEvents } from "./engine-events.js";
import { CONNECTION_EVENT_NAMES, type EventDispatch, type EventName } from "./events.js";
import { ExecutionContext } from "./execution-context.js";
import { reentry } from "./reentry.js";
import { buildAsyncResult, buildCursorResult, type ExecResult, type StreamResult } from "./result-factory.js";
import { runBatches } from "./run-batches.js";
import { savepointClause } from "./savepoint-clauses.js";
import { NestedTransaction, RootTransaction, type TransactionHost } from "./transaction.js";

/** Parameters of `execute()`: one set, or a list of sets (executemany). */
export type ExecuteParams = Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[];

export type { RowOfStatement, TupleOfStatement };

/** A set of driver parameters (a list, or a plain object for named styles), not a value such as a Buffer or Date. */
function isParameterSet(v: unknown): boolean {
  if (Array.isArray(v)) return true;
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function distill(params: ExecuteParams | undefined): readonly Readonly<Record<string, unknown>>[] {
  if (params === undefined || params === null) return [];
  if (Array.isArray(params)) return params as readonly Readonly<Record<string, unknown>>[];
  if (typeof params !== "object") {
    throw new ArgumentError(
      `execute() parameters must be an object or a list of objects, got ${typeof params}`,
    );
  }
  return [params as Readonly<Record<string, unknown>>];
}

/**
 * A connection checked out of the engine's pool: executes statements, holds one transaction at
 * a time (begun automatically on first use, "commit as you go"), savepoints, and streams.
 * Calls made concurrently on one connection run one after another.
 * @example
 * await engine.connect(async (conn) => {
 *   await conn.execute(sa.insert(users), [{ name: "a" }, { name: "b" }]);
 *   await conn.commit();
 *   const rows = (await conn.execute(sa.select(users.c.id, users.c.name))).all();
 * });
 */
export class Connection implements TransactionHost {
  readonly engine: Engine;
  readonly dialect: RuntimeDialect;
  private _pooled: PooledConnection | null;
  private _transaction: RootTransaction | null = null;
  private _nested: NestedTransaction | null = null;
  private _savepointSeq = 0;
  private _invalidated = false;
  private _pendingRollback = false;
  private _closed = false;
  private _options: ExecutionOptions;
  /** settles when the last call in line has finished; set while `_busy` > 0 */
  private _queue: Promise<unknown> | null = null;
  private _busy = 0;
  /** executions whose defaults or cursor listeners are running (their SQL is not queued) */
  private _reentrant = 0;
  /** @internal the stream holding the connection's cursor, if any */
  _openStream: { close(): Promise<void> } | null = null;

  /** @internal use `engine.connect()` */
  constructor(engine: Engine, pooled: PooledConnection) {
    this.engine = engine;
    this.dialect = engine.dialect;
    this._pooled = pooled;
    // shared until executionOptions() replaces it: options objects are never mutated
    this._options = engine.executionOptionsDefaults;
  }

  private _dispatch: EventDispatch | null = null;

  /**
   * This Connection's own listeners (SQLAlchemy's connection-level events), run after the
   * engine's; the pool events are the engine's only.
   * @example
   * sa.event.listen(conn, "before_cursor_execute", (_c, _cur, statement) => console.log(statement));
   */
  get dispatch(): EventDispatch<ConnectionEvents> {
    this._dispatch ??= this.engine.dispatch.child(CONNECTION_EVENT_NAMES) as unknown as EventDispatch;
    return this._dispatch as unknown as EventDispatch<ConnectionEvents>;
  }

  /** @internal `name` is canonical; the engine's listeners count too */
  _hasListeners(name: EventName): boolean {
    return (this._dispatch ?? this.engine.dispatch).has(name);
  }

  /** @internal fires an event for this connection (engine listeners first) */
  _fire(name: EventName, ...args: unknown[]): void | Promise<void> {
    const d = this._dispatch ?? this.engine.dispatch;
    if (!d.has(name)) return;
    return (d.fire as (n: EventName, ...a: unknown[]) => void | Promise<void>)(name, ...args);
  }

  /** @internal before_cursor_execute / before_execute with retval listeners */
  _fireRetval(name: "before_cursor_execute" | "before_execute", args: unknown[]): Promise<unknown[]> {
    return this.engine._fireRetval(name, args, this._dispatch ?? this.engine.dispatch);
  }

  /**
   * Data kept with the underlying DBAPI connection for as long as it lives, across checkouts
   * (SQLAlchemy's `Connection.info`).
   * @example
   * conn.info.tenant ??= await conn.scalar(sa.text("SELECT current_setting('app.tenant')"));
   */
  get info(): Record<string, unknown> {
    return this._checkedOut().info;
  }

  /**
   * Takes the DBAPI connection out of the pool (SQLAlchemy's `detach()`): session state this
   * Connection sets (SET statements, temporary tables) never reaches another checkout, as the
   * connection is closed, not returned, when this Connection closes.
   * @example
   * conn.detach(); await conn.execDriverSql("SET search_path TO tenant_1"); … await conn.close();
   */
  detach(): void {
    this._checkedOut().detach();
  }

  /** The driver connection, for things alkahest does not wrap. */
  get dbapiConnection(): DBAPIConnection {
    return this._checkedOut().dbapiConnection;
  }

  /** @internal a driver cursor, for the ExecutionContext (`context.createCursor()`) */
  cursor(opts?: CursorOptions): DBAPICursor {
    return this._checkedOut().dbapiConnection.cursor(opts);
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this._closed;
  }

  /** True after `invalidate()` or a disconnect, until the next statement reconnects. */
  get invalidated(): boolean {
    // as SQLAlchemy: a closed connection is closed, not invalid (it can no longer reconnect)
    return this._invalidated && !this._closed;
  }

  /** Whether a transaction is in progress (begun explicitly or by the first statement). */
  inTransaction(): boolean {
    return this._transaction?.isActive ?? false;
  }

  /** Whether a savepoint is in progress. */
  inNestedTransaction(): boolean {
    return this._nested !== null;
  }

  /** The current root transaction, if any. */
  getTransaction(): RootTransaction | null {
    return this._transaction;
  }

  /** The innermost savepoint, if any. */
  getNestedTransaction(): NestedTransaction | null {
    return this._nested;
  }

  /** The options this connection executes with (merged over the engine's). */
  getExecutionOptions(): Readonly<ExecutionOptions> {
    return this._options;
  }

  /**
   * Sets execution options on this connection (in place, as SQLAlchemy 2.0 does) and returns it.
   * `isolationLevel` applies at once and reverts when the connection returns to the pool.
   * @example
   * await conn.executionOptions({ isolationLevel: "SERIALIZABLE" });
   */
  async executionOptions(opts: ExecutionOptions): Promise<this> {
    checkExecutionOptions(opts);
    // awaited only when a listener is async: an await here would let calls made after this one
    // take their turn first
    const fired = this._fire("set_connection_execution_options", this, opts);
    if (fired) await fired;
    if (opts.isolationLevel !== undefined) {
      // in turn with the calls made before (one of them may autobegin), applied before later ones
      await this._serial(async () => {
        if (this._transaction) {
          throw new InvalidRequestError(
            "This connection has already initialized a SQLAlchemy Transaction() object via begin() or autobegin; isolation_level may not be altered unless rollback() or commit() is called first.",
          );
        }
        const level = await this.engine._setIsolationLevel(await this._revalidate(), opts.isolationLevel!);
        this._options = { ...this._options, ...opts, isolationLevel: level };
      });
      return this;
    }
    this._options = { ...this._options, ...opts };
    return this;
  }

  /**
   * The isolation level the database gives a new connection, as read when the engine first
   * connected (SQLAlchemy's `default_isolation_level`); null before that.
   */
  get defaultIsolationLevel(): string | null {
    return this.dialect.defaultIsolationLevel ?? null;
  }

  /**
   * The isolation level in effect on the database for this connection (asks it). As in
   * SQLAlchemy this is never "AUTOCOMMIT": under autocommit it is the level the database reports;
   * `getExecutionOptions().isolationLevel` tells the option set.
   */
  async getIsolationLevel(): Promise<string> {
    return this._serial(() => this.dialect.getIsolationLevel(this._checkedOut().dbapiConnection));
  }

  // ---- transactions ------------------------------------------------------------------------

  /**
   * Begins the root transaction. Fails when one exists already (also when autobegun).
   * With a callback: commits when it resolves, rolls back when it throws.
   */
  async begin(): Promise<RootTransaction>;
  async begin<T>(fn: (conn: Connection) => Promise<T>): Promise<T>;
  async begin<T>(fn?: (conn: Connection) => Promise<T>): Promise<RootTransaction | T> {
    // checked in turn, after the calls made before this one (which may autobegin)
    const tx = await this._serial(async () => {
      if (this._transaction) {
        throw new InvalidRequestError(
          "This connection has already initialized a SQLAlchemy Transaction() object via begin() or autobegin; can't call begin() here unless rollback() or commit() is called first.",
        );
      }
      return this._beginImpl();
    });
    if (!fn) return tx;
    const outer = this._txContext;
    this._txContext = tx;
    try {
      const out = await fn(this);
      if (tx.isActive) await tx.commit();
      return out;
    } catch (err) {
      // also after a failed COMMIT (inactive but still current), as SQLAlchemy's context manager
      // does; a no-op when the callback ended the transaction itself
      await tx.rollback();
      throw err;
    } finally {
      this._txContext = outer;
    }
  }

  /**
   * The transaction of a `begin(fn)` / `engine.begin(fn)` callback running now. SQL after a
   * `commit()` or `rollback()` inside it would autobegin a transaction the callback's end never
   * commits: refused, as SQLAlchemy's context manager refuses it.
   */
  private _txContext: RootTransaction | null = null;

  /**
   * Takes a SAVEPOINT (autobegins the root transaction first when needed). With a callback:
   * released when it resolves, rolled back to when it throws.
   */
  async beginNested(): Promise<NestedTransaction>;
  async beginNested<T>(fn: (conn: Connection) => Promise<T>): Promise<T>;
  async beginNested<T>(fn?: (conn: Connection) => Promise<T>): Promise<NestedTransaction | T> {
    const sp = await this._serial(async () => {
      if (!this._transaction) await this._beginImpl();
      const name = `sa_savepoint_${++this._savepointSeq}`;
      await this._driverCall(`SAVEPOINT ${name}`, "savepoint", name);
      const nested = new NestedTransaction(this, name, this._nested);
      this._nested = nested;
      return nested;
    });
    if (!fn) return sp;
    try {
      const out = await fn(this);
      if (sp.isActive) await sp.commit();
      return out;
    } catch (err) {
      if (sp.isActive) await sp.rollback();
      throw err;
    }
  }

  /** Commits the root transaction; a no-op when there is none. */
  async commit(): Promise<void> {
    if (this._openStream) await this._closeStream();
    await this._serial(async () => {
      if (this._transaction) await this._commitImpl(this._transaction);
    }, true);
  }

  /** Rolls back the root transaction (clearing a pending-rollback state); a no-op when there is none. */
  async rollback(): Promise<void> {
    if (this._openStream) await this._closeStream();
    // also when the transaction is inactive (lost to invalidation or a failed COMMIT)
    await this._serial(async () => {
      if (this._transaction) await this._rollbackImpl(this._transaction);
      else this._pendingRollback = false;
    }, true);
  }

  /** SQLAlchemy's `_is_autocommit_isolation`. */
  private _autocommit(): boolean {
    return this._options.isolationLevel === "AUTOCOMMIT";
  }

  private _beginImpl(): MaybePromise<RootTransaction> {
    if (this._txContext !== null) {
      return Promise.reject(
        new InvalidRequestError(
          "Can't operate on closed transaction inside context manager.  Please complete the context manager before emitting further commands.",
        ),
      );
    }
    return this._beginNow() ?? this._beginAsync();
  }

  /**
   * The synchronous begin: a live connection, a driver that begins without a round trip (all
   * three defer or do it in-process) and no `begin` listener: the transaction itself when the
   * driver began synchronously. Null when something must be awaited first.
   */
  private _beginNow(): MaybePromise<RootTransaction> | null {
    if (this._closed || this._pendingRollback || this._invalidated || !this._pooled) return null;
    if (this.engine.echo || this._hasListeners("begin")) return null;
    const tx = new RootTransaction(this);
    this._transaction = tx;
    if (this._autocommit()) return tx;
    try {
      const r = this._pooled.dbapiConnection.begin();
      if (isThenable(r))
        return Promise.resolve(r).then(
          () => tx,
          (err: unknown) => this._beginFailed(err),
        );
    } catch (err) {
      return this._beginFailed(err);
    }
    return tx;
  }

  /** No transaction began; a disconnect invalidates the connection (the next call reconnects). */
  private async _beginFailed(err: unknown): Promise<never> {
    this._transaction = null;
    throw await this._handleError(err, "BEGIN", null, null, false);
  }

  private async _beginAsync(): Promise<RootTransaction> {
    const pooled = await this._revalidate();
    const tx = new RootTransaction(this);
    this._transaction = tx;
    const autocommit = this._autocommit();
    if (this.engine.echo)
      this.engine._log(
        autocommit ? "BEGIN (implicit; DBAPI should not BEGIN due to autocommit mode)" : "BEGIN (implicit)",
      );
    if (!autocommit) {
      try {
        const r = pooled.dbapiConnection.begin();
        if (isThenable(r)) await r;
      } catch (err) {
        await this._beginFailed(err);
      }
    }
    await this._fire("begin", this);
    return tx;
  }

  /** @internal */
  async _commitRoot(tx: RootTransaction): Promise<void> {
    if (this._openStream) await this._closeStream();
    await this._serial(() => this._commitImpl(tx), true);
  }

  /**
   * The end of a transaction closes a stream left open in it (its server-side cursor does not
   * outlive the transaction), as SQLAlchemy's commit does; the rest of its rows are not read.
   */
  private async _closeStream(): Promise<void> {
    if (this._openStream === null) return;
    try {
      await this._openStream.close();
    } catch {
      // the cursor may be gone with the connection: the COMMIT or ROLLBACK reports that
    }
  }

  private async _commitImpl(tx: RootTransaction): Promise<void> {
    if (this._transaction === tx && this._pendingRollback) this._checkedOut(); // PendingRollbackError
    if (!tx.isActive) throw new InvalidRequestError("This transaction is inactive");
    this._cancelNested();
    tx._cancel();
    await this._fire("commit", this);
    const autocommit = this._autocommit();
    if (this.engine.echo)
      this.engine._log(
        autocommit
          ? "COMMIT using DBAPI connection.commit(), DBAPI should ignore due to autocommit mode"
          : "COMMIT",
      );
    try {
      if (!autocommit && this._pooled) {
        const r = this._pooled.dbapiConnection.commit();
        if (isThenable(r)) await r;
      }
      this._transaction = null;
    } catch (err) {
      // a failed COMMIT leaves the transaction to be rolled back explicitly
      this._pendingRollback = true;
      throw await this._handleError(err, "COMMIT", null, null, false);
    }
  }

  /** @internal a no-op unless `tx` is the current transaction (it may be inactive: lost) */
  async _rollbackRoot(tx: RootTransaction): Promise<void> {
    if (this._transaction !== tx) return; // ended already: nothing to wait for
    if (this._openStream) await this._closeStream();
    await this._serial(() => this._rollbackImpl(tx), true);
  }

  private async _rollbackImpl(tx: RootTransaction): Promise<void> {
    if (this._transaction !== tx) return;
    this._cancelNested();
    tx._cancel();
    this._transaction = null;
    this._pendingRollback = false;
    await this._fire("rollback", this);
    if (this._invalidated || !this._pooled) return;
    this._logRollback();
    if (this._autocommit()) return;
    try {
      const r = this._pooled.dbapiConnection.rollback();
      if (isThenable(r)) await r;
    } catch (err) {
      throw await this._handleError(err, "ROLLBACK", null, null, false);
    }
  }

  private _logRollback(): void {
    if (this.engine.echo)
      this.engine._log(
        this._autocommit()
          ? "ROLLBACK using DBAPI connection.rollback(), DBAPI should ignore due to autocommit mode"
          : "ROLLBACK",
      );
  }

  private _cancelNested(): void {
    for (let n = this._nested; n; n = n.previous) n._cancel();
    this._nested = null;
  }

  /** @internal */
  async _releaseSavepoint(tx: NestedTransaction): Promise<void> {
    await this._serial(async () => {
      tx._cancel();
      await this._driverCall(`RELEASE SAVEPOINT ${tx.name}`, "release_savepoint", tx.name);
      this._nested = tx.previous;
    });
  }

  /** @internal */
  async _rollbackToSavepoint(tx: NestedTransaction): Promise<void> {
    await this._serial(async () => {
      for (let n = this._nested; n && n !== tx; n = n.previous) n._cancel();
      tx._cancel();
      this._nested = tx.previous;
      await this._driverCall(`ROLLBACK TO SAVEPOINT ${tx.name}`, "rollback_savepoint", tx.name);
    });
  }

  /**
   * SAVEPOINT / RELEASE / ROLLBACK TO: fires `event` (SQLAlchemy's positional arguments), then
   * runs the SQL as a statement, so cursor events, echo and error handling see it.
   */
  private async _driverCall(sql: string, event: EventName, name: string): Promise<void> {
    this._checkedOut();
    // SQLAlchemy fires `savepoint` with the name given to begin_nested(), which is always None
    if (event === "savepoint") await this._fire(event, this, null);
    else await this._fire(event, this, name, null);
    // SQLAlchemy runs these through execute(): before_execute / after_execute see the clause
    const events = this._hasListeners("before_execute") || this._hasListeners("after_execute");
    const clause = events ? savepointClause(event, name) : null;
    if (clause && this._hasListeners("before_execute")) {
      await this._fire("before_execute", this, clause, [], {}, this._options);
    }
    const result = await this._executeRaw(sql, [], undefined);
    if (clause && this._hasListeners("after_execute")) {
      await this._fire("after_execute", this, clause, [], {}, this._options, result);
    }
  }

  // ---- execution ---------------------------------------------------------------------------

  /**
   * Executes a statement: a list of parameter sets runs it once per set (INSERTs are batched).
   * The rows are fetched before the promise resolves, so the Result's methods are synchronous.
   * @example
   * const r = await conn.execute(sa.select(users.c.id).where(users.c.name.eq(sa.bindparam("n"))), { n: "ed" });
   * r.scalar();
   */
  execute<S extends ClauseElement>(
    statement: S,
    params?: ExecuteParams,
    options?: ExecutionOptions,
  ): Promise<ExecResult<RowOfStatement<S>, TupleOfStatement<S>, PrimaryKeyOfStatement<S>>> {
    // not async: _serial already returns the promise (and turns a throw into a rejection)
    return this._serial(() => this._executeClause(statement, distill(params), options, false)) as Promise<
      ExecResult<RowOfStatement<S>, TupleOfStatement<S>, PrimaryKeyOfStatement<S>>
    >;
  }

  /**
   * Executes with a server-side cursor and returns an AsyncResult that fetches in growing
   * batches (1, 5, 25 … up to 1000; `yieldPer` fixes the size). Memory stays bounded. The
   * connection stays busy until the result is exhausted or closed (breaking out of `for await`
   * closes it).
   * @example
   * for await (const row of await conn.stream(sa.select(big))) { … }
   */
  async stream<S extends ClauseElement>(
    statement: S,
    params?: ExecuteParams,
    options?: ExecutionOptions,
  ): Promise<StreamResult<RowOfStatement<S>, TupleOfStatement<S>>> {
    if (!this.dialect.supportsServerSideCursors) {
      throw new InvalidRequestError(
        "Can't use `stream` or `stream_scalars` with the current dialect since it does not support server side cursors.",
      );
    }
    // the row types are the statement's; the executed result is built untyped
    return this._serial(() =>
      this._executeClause(statement, distill(params), { ...options, streamResults: true }, true),
    ) as unknown as Promise<StreamResult<RowOfStatement<S>, TupleOfStatement<S>>>;
  }

  /**
   * The first column of the first row, or null.
   * @example
   * const n = await conn.scalar(sa.select(sa.func.count()).selectFrom(users)); // number | null
   */
  async scalar<S extends ClauseElement>(
    statement: S,
    params?: ExecuteParams,
    options?: ExecutionOptions,
  ): Promise<TupleOfStatement<S>[0] | null> {
    return (await this.execute(statement, params, options)).scalar();
  }

  /** The first column of every row. */
  async scalars<S extends ClauseElement>(statement: S, params?: ExecuteParams, options?: ExecutionOptions) {
    return (await this.execute(statement, params, options)).scalars();
  }

  /**
   * Runs SQL as the driver takes it: its own placeholders and a flat array (or an object for
   * named styles), or a list of those for executemany.
   * @example
   * await conn.execDriverSql("SELECT ? + 1", [41]);
   */
  async execDriverSql(
    sql: string,
    params?: DBAPIParams | readonly DBAPIParams[],
    options?: ExecutionOptions,
  ): Promise<ExecResult<Record<string, unknown>>> {
    const sets: readonly DBAPIParams[] =
      params === undefined
        ? []
        : Array.isArray(params) && params.length > 0 && isParameterSet(params[0])
          ? (params as readonly DBAPIParams[])
          : [params as DBAPIParams];
    return this._serial(() => {
      this._checkSavepointActive();
      return this._executeRaw(sql, sets, options);
    }) as Promise<ExecResult<Record<string, unknown>>>;
  }

  /**
   * A savepoint whose RELEASE failed is inactive but still current: SQLAlchemy refuses further
   * statements until a full rollback rather than sending them into the aborted transaction.
   */
  private _checkSavepointActive(): void {
    if (this._nested !== null && !this._nested.isActive) {
      throw new PendingRollbackError(
        "Can't reconnect until invalid savepoint transaction is rolled back.  Please rollback() fully before proceeding",
        { code: "8s2b" },
      );
    }
  }

  /** Whether a table exists (in `schema`, or where unqualified names resolve). */
  async hasTable(name: string, schema?: string | null): Promise<boolean> {
    return this._serial(async () => {
      if (!this._transaction) await this._beginImpl();
      return this.dialect.hasTable(this._checkedOut().dbapiConnection, name, schema);
    });
  }

  /**
   * Runs `fn(this)`: SQLAlchemy's `run_sync` for code written against a connection, such as
   * `meta.createAll`.
   * @example
   * await conn.runSync(meta.createAll);
   */
  async runSync<T>(fn: (conn: Connection) => T | Promise<T>): Promise<T> {
    return fn(this);
  }

  private _checkedOut(): PooledConnection {
    if (this._closed) throw new ResourceClosedError("This Connection is closed");
    if (this._pendingRollback) {
      // SQLAlchemy 2.0 has this one text for an invalidated or a failed (inactive) transaction
      throw new PendingRollbackError(
        `Can't reconnect until invalid ${this._nested !== null ? "savepoint " : ""}transaction is rolled back.  Please rollback() fully before proceeding`,
        { code: "8s2b" },
      );
    }
    if (!this._pooled || this._invalidated) {
      throw new InvalidRequestError("This connection was invalidated; run a statement to reconnect");
    }
    return this._pooled;
  }

  /** Reconnects after an invalidation (outside a transaction), as SQLAlchemy does. */
  private async _revalidate(): Promise<PooledConnection> {
    if (this._closed) throw new ResourceClosedError("This Connection is closed");
    if (this._pendingRollback) this._checkedOut();
    if (this._invalidated || !this._pooled) {
      this._pooled = await this.engine._checkout();
      this._invalidated = false;
    }
    return this._pooled;
  }

  /**
   * Runs `fn` after every earlier call on this connection finished. A stream still open when its
   * turn comes (opened by a call queued before it) fails it with the same error as a call made
   * while the stream is open, or, for `endsStream` (COMMIT, ROLLBACK), is closed first.
   */
  private _serial<T>(fn: () => MaybePromise<T>, endsStream = false): Promise<T> {
    if (this._openStream && this._busy === 0 && !endsStream) return Promise.reject(streamBusy());
    if (this._reentrant > 0 && reentry.getStore() === this) {
      // SQL from a default or a cursor listener of the execution in progress, as SQLAlchemy allows
      try {
        return Promise.resolve(fn());
      } catch (err) {
        return Promise.reject(err);
      }
    }
    this._busy++;
    let p: MaybePromise<T>;
    try {
      // no queue yet while a synchronous execution runs: what is queued now runs right after it
      p =
        this._busy === 1
          ? fn()
          : (this._queue ?? Promise.resolve()).then(() => {
              if (this._openStream === null) return fn();
              return endsStream ? this._closeStream().then(fn) : Promise.reject(streamBusy());
            });
    } catch (err) {
      p = Promise.reject(err); // a check that throws before fn's first await still settles the slot
    }
    if (!isThenable(p)) {
      // finished synchronously (better-sqlite3): nothing can be queued behind it yet
      this._busy--;
      return Promise.resolve(p);
    }
    const settle = (): void => {
      this._busy--;
    };
    this._queue = p.then(settle, settle);
    return p;
  }

  private _executeClause(
    statement: ClauseElement,
    params: readonly Readonly<Record<string, unknown>>[],
    options: ExecutionOptions | undefined,
    streaming: boolean,
  ): MaybePromise<ExecResult<Record<string, unknown>> | StreamResult<Record<string, unknown>>> {
    this._checkSavepointActive();
    if (!(statement instanceof ClauseElement)) {
      throw new ArgumentError(
        typeof statement === "string"
          ? "Textual SQL must be given as sa.text(...) (or run with execDriverSql)"
          : `Not an executable object: ${String(statement)}`,
      );
    }
    if (options?.isolationLevel !== undefined) {
      throw new ArgumentError(
        "isolationLevel may only be set on a Connection (conn.executionOptions()) or per engine (createEngine's isolationLevel)",
      );
    }
    const own = statement._executionOptions;
    const opts = options || own ? { ...this._options, ...own, ...options } : this._options;
    if (this._hasListeners("before_execute") || this._hasListeners("after_execute")) {
      return this._executeWithEvents(statement, params, opts, streaming);
    }
    return this._executeCompiled(statement, params, opts, streaming);
  }

  /** SQLAlchemy's _invoke_before_exec_event and after_execute around the execution. */
  private async _executeWithEvents(
    statement: ClauseElement,
    params: readonly Readonly<Record<string, unknown>>[],
    opts: ExecutionOptions,
    streaming: boolean,
  ): Promise<ExecResult<Record<string, unknown>> | StreamResult<Record<string, unknown>>> {
    // several sets are multiparams, one set is params; listeners get objects of their own
    let multiparams: readonly Readonly<Record<string, unknown>>[] = [];
    let single: Readonly<Record<string, unknown>> = {};
    if (params.length > 1) multiparams = params;
    else if (params.length === 1) single = params[0];
    if (this._hasListeners("before_execute")) {
      const out = await this._fireRetval("before_execute", [this, statement, multiparams, single, opts]);
      [, statement, multiparams, single] = out as [unknown, ClauseElement, typeof multiparams, typeof single];
      if (multiparams.length && Object.keys(single).length) {
        throw new InvalidRequestError(
          "Event handler can't return non-empty multiparams and params at the same time",
        );
      }
      params = multiparams.length ? multiparams : Object.keys(single).length ? [single] : [];
    }
    const result = await this._executeCompiled(statement, params, opts, streaming);
    if (this._hasListeners("after_execute")) {
      await this._fire("after_execute", this, statement, multiparams, single, opts, result);
    }
    return result;
  }

  /** Compiles (through the cache), makes sure of the transaction, and runs the statement. */
  private _executeCompiled(
    statement: ClauseElement,
    params: readonly Readonly<Record<string, unknown>>[],
    opts: ExecutionOptions,
    streaming: boolean,
  ): MaybePromise<ExecResult<Record<string, unknown>> | StreamResult<Record<string, unknown>>> {
    const many = params.length > 1;
    const started = this.engine.echo ? performance.now() : 0;
    const { compiled, extracted, cacheStats } = this.engine._compileCached(statement, params[0], many, opts);
    if (!this._transaction || this._invalidated || !this._pooled) {
      const ready: MaybePromise<unknown> = this._transaction ? this._revalidate() : this._beginImpl();
      if (isThenable(ready)) {
        return ready.then(() =>
          this._runCompiled(compiled, extracted, params, opts, many, streaming, started, cacheStats),
        );
      }
    }
    return this._runCompiled(compiled, extracted, params, opts, many, streaming, started, cacheStats);
  }

  /** Makes the ExecutionContext of a compiled statement and runs it. */
  private _runCompiled(
    compiled: Compiled,
    extracted: BindParameter[] | null,
    params: readonly Readonly<Record<string, unknown>>[],
    opts: ExecutionOptions,
    many: boolean,
    streaming: boolean,
    started: number,
    cacheStats: string,
  ): MaybePromise<ExecResult<Record<string, unknown>> | StreamResult<Record<string, unknown>>> {
    this._checkedOut();
    let ctx: ExecutionContext;
    // defaults may run SQL on this connection (SQLAlchemy's context.connection): such calls go
    // straight through rather than queue behind the execution that is waiting for them
    this._reentrant++;
    try {
      ctx = new ExecutionContext(this, compiled, null, params, opts, extracted);
    } catch (err) {
      this._reentrant--;
      return this._contextFailed(err, compiled, params, many);
    }
    const pending = ctx.defaultsPending;
    if (pending === null) {
      this._reentrant--;
      return this._runContext(ctx, compiled, many, streaming, started, cacheStats);
    }
    return pending.then(
      () => {
        this._reentrant--;
        return this._runContext(ctx, compiled, many, streaming, started, cacheStats);
      },
      (err: unknown) => {
        this._reentrant--;
        return this._contextFailed(err, compiled, params, many);
      },
    );
  }

  /**
   * Building the execution failed (a bind processor, a default, a missing value): as in
   * SQLAlchemy the error reaches handle_error and is raised as a StatementError with the SQL.
   */
  private _contextFailed(
    err: unknown,
    compiled: Compiled,
    params: readonly Readonly<Record<string, unknown>>[],
    many: boolean,
  ): Promise<never> {
    const shown = many ? params : (params[0] ?? null);
    return this._handleError(err, compiled.string, shown, null, many).then((e) => Promise.reject(e));
  }

  private async _executeRaw(
    sql: string,
    params: readonly DBAPIParams[],
    options: ExecutionOptions | undefined,
  ) {
    const opts = options ? { ...this._options, ...options } : this._options;
    if (!this._transaction) await this._beginImpl();
    else await this._revalidate();
    this._checkedOut();
    const ctx = new ExecutionContext(this, null, sql, params, opts, null);
    return this._runContext(
      ctx,
      null,
      params.length > 1,
      false,
      this.engine.echo ? performance.now() : 0,
      "[raw sql]",
    );
  }

  /**
   * Runs an execution context. Where nothing on the way is asynchronous (better-sqlite3, no
   * cursor events) the result comes back as is: a promise per layer would cost more than the
   * statement itself.
   */
  private _runContext(
    ctx: ExecutionContext,
    compiled: Compiled | null,
    many: boolean,
    streaming: boolean,
    started: number,
    cacheStats: string,
  ): MaybePromise<ExecResult<Record<string, unknown>> | StreamResult<Record<string, unknown>>> {
    ctx.preExec();
    // a listener or default may have closed the context's cursor through handleDbapiException
    const cursor: DBAPICursor = ctx.cursor ?? ctx.createCursor();
    ctx.cursor = cursor;
    if (
      ctx.batches ||
      streaming ||
      this._hasListeners("before_cursor_execute") ||
      this._hasListeners("after_cursor_execute")
    ) {
      return this._runContextFully(ctx, cursor, compiled, many, streaming, started, cacheStats);
    }
    if (this.engine.echo) {
      const shown = many ? ctx.parameters : (ctx.parameters[0] ?? []);
      this.engine._logStatement(ctx.statement, shown, cacheStats, started);
    }
    let r: MaybePromise<void>;
    try {
      r = many
        ? cursor.executemany(ctx.statement, ctx.parameters)
        : cursor.execute(ctx.statement, ctx.parameters[0] ?? null);
    } catch (err) {
      return this._failed(err, ctx, many);
    }
    if (isThenable(r)) {
      return r.then(
        () => this._collect(ctx, compiled, cursor, many),
        (err: unknown) => this._failed(err, ctx, many),
      );
    }
    return this._collect(ctx, compiled, cursor, many);
  }

  /** After the statement ran: postExec, then fetch the rows and build the result. */
  private _collect(
    ctx: ExecutionContext,
    compiled: Compiled | null,
    cursor: DBAPICursor,
    many: boolean,
  ): MaybePromise<ExecResult<Record<string, unknown>>> {
    ctx.postExec();
    try {
      const built = buildCursorResult(ctx, compiled, cursor);
      return isThenable(built)
        ? built.then(undefined, (err: unknown) => this._failed(err, ctx, many))
        : built;
    } catch (err) {
      return this._failed(err, ctx, many);
    }
  }

  /** A driver error of this execution, handled and wrapped (a StatementError is already). */
  private async _failed(err: unknown, ctx: ExecutionContext, many: boolean): Promise<never> {
    if (err instanceof StatementError) throw err;
    ctx.handleDbapiException(err);
    const params = many ? ctx.parameters : (ctx.parameters[0] ?? null);
    throw await this._handleError(err, ctx.statement, params, ctx, many);
  }

  /** `_runContext` with everything: insertmanyvalues batches, cursor events, streaming. */
  private async _runContextFully(
    ctx: ExecutionContext,
    cursor: DBAPICursor,
    compiled: Compiled | null,
    many: boolean,
    streaming: boolean,
    started: number,
    cacheStats: string,
  ): Promise<ExecResult<Record<string, unknown>> | StreamResult<Record<string, unknown>>> {
    let statement = ctx.statement;
    let parameters = ctx.parameters;
    if (ctx.batches) {
      // INSERTMANYVALUES: the events and the echo are per batch, as in SQLAlchemy
      try {
        const collected = await runBatches(this, ctx, cursor, cacheStats);
        ctx.postExec();
        return await buildCursorResult(ctx, compiled, collected);
      } catch (err) {
        return this._failed(err, ctx, many);
      }
    }
    if (this._hasListeners("before_cursor_execute")) {
      const args = [this, cursor, statement, many ? parameters : parameters[0], ctx, many];
      this._reentrant++;
      let out: unknown[];
      try {
        out = await reentry.run(this, () => this._fireRetval("before_cursor_execute", args));
      } finally {
        this._reentrant--;
      }
      if (out !== args) {
        statement = out[2] as string;
        parameters = many ? (out[3] as DBAPIParams[]) : [out[3] as DBAPIParams];
        ctx.statement = statement;
        ctx.parameters = parameters;
      }
    }
    if (this.engine.echo)
      this.engine._logStatement(statement, many ? parameters : (parameters[0] ?? []), cacheStats, started);
    try {
      const r = many
        ? cursor.executemany(statement, parameters)
        : cursor.execute(statement, parameters[0] ?? null);
      if (isThenable(r)) await r;
    } catch (err) {
      return this._failed(err, ctx, many);
    }
    if (this._hasListeners("after_cursor_execute")) {
      await this._fire(
        "after_cursor_execute",
        this,
        cursor,
        statement,
        many ? parameters : parameters[0],
        ctx,
        many,
      );
    }
    ctx.postExec();
    try {
      if (streaming && cursor.description) {
        // errors while fetching are driver errors of this statement: wrap them (and handle
        // disconnects) like errors of the execute itself
        const streamCursor: DBAPICursor = {
          get description() {
            return cursor.description;
          },
          get rowcount() {
            return cursor.rowcount;
          },
          get lastrowid() {
            return cursor.lastrowid;
          },
          execute: (sql, params) => cursor.execute(sql, params),
          executemany: (sql, seq) => cursor.executemany(sql, seq),
          fetchone: () => cursor.fetchone(),
          fetchall: () => cursor.fetchall(),
          close: () => cursor.close(),
          fetchmany: async (n: number) => {
            try {
              const r = cursor.fetchmany(n);
              return isThenable(r) ? await r : r;
            } catch (err) {
              throw await this._handleError(err, statement, parameters[0] ?? null, ctx, false);
            }
          },
        };
        const result = buildAsyncResult(ctx, compiled, streamCursor, () => {
          this._openStream = null;
        });
        this._openStream = result;
        return result;
      }
      return await buildCursorResult(ctx, compiled, cursor);
    } catch (err) {
      return this._failed(err, ctx, many);
    }
  }

  /** Wraps a driver error; a disconnect invalidates this connection and stamps the pool. */
  private async _handleError(
    err: unknown,
    statement: string,
    params: unknown,
    ctx: ExecutionContext | null,
    many: boolean,
  ): Promise<Error> {
    // a StatementError was raised before the driver ran: never a disconnect; its cause is the original
    const own = err instanceof StatementError;
    const classified = own ? null : this.dialect.classifyError(err);
    let wrapped: Error = this._wrapError(err, statement, params, ctx, many);
    let isDisconnect = classified?.isDisconnect ?? false;
    let invalidatePool = true;
    if (this._hasListeners("handle_error")) {
      const res = await this.engine._fireHandleError(
        {
          connection: this,
          engine: this.engine,
          dialect: this.dialect,
          statement,
          parameters: params as never,
          originalException: own ? ((err as Error).cause ?? err) : err,
          sqlalchemyException: wrapped,
          executionContext: ctx as never,
          isDisconnect,
        },
        this._dispatch ?? this.engine.dispatch,
      );
      wrapped = res.error;
      isDisconnect = res.isDisconnect;
      invalidatePool = res.invalidatePool;
    }
    // a listener may have changed its mind either way (SQLAlchemy sets the flag from its answer)
    if (wrapped instanceof DBAPIError || isDisconnect) {
      (wrapped as { connectionInvalidated?: boolean }).connectionInvalidated = isDisconnect;
    }
    if (isDisconnect) {
      if (invalidatePool) this.engine._stampPool();
      await this._invalidateImpl(err);
    }
    return wrapped;
  }

  /** @internal the DBAPIError subclass for a driver error */
  _wrapError(
    err: unknown,
    statement: string,
    params: unknown,
    _ctx: ExecutionContext | null,
    many: boolean,
  ): Error {
    if (err instanceof StatementError) return err;
    const classified = this.dialect.classifyError(err);
    if (!classified) {
      const message = `(${errorClassName(err)}) ${(err as Error)?.message ?? String(err)}`;
      if (err instanceof AlkahestError) {
        // raised before the driver ran (a missing bind value …): as SQLAlchemy, the parameter
        // sets as given (always a list) and the original's error code with its link
        return new StatementError(message, statement, many ? params : [params], {
          cause: err,
          code: err.code,
          hideParameters: this.engine.hideParameters,
          isMany: true,
        });
      }
      return new StatementError(message, statement, params, { cause: err });
    }
    const cls = DBAPI_ERROR_CLASSES[classified.subclass ?? classified.dbapiClass];
    return new cls({
      statement,
      params,
      orig: err,
      hideParameters: this.engine.hideParameters,
      connectionInvalidated: classified.isDisconnect,
      sqlstate: classified.sqlstate,
      isMany: many,
      driverName: this.dialect.driverName,
    }) as DBAPIError;
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /**
   * Closes the driver connection for good (it is not returned to the pool); a transaction in
   * progress is lost and must be rolled back before the connection is used again.
   */
  async invalidate(err?: unknown): Promise<void> {
    // as SQLAlchemy: a no-op when already invalid, an error once closed
    if (this.invalidated) return;
    if (this._closed) throw new ResourceClosedError("This Connection is closed");
    await this._invalidateImpl(err);
  }

  private async _invalidateImpl(err?: unknown): Promise<void> {
    if (this._invalidated) return;
    if (this._transaction) {
      // the transaction stays (active, as in SQLAlchemy) until rollback() clears it
      this._pendingRollback = true;
      this._cancelNested();
    }
    this._invalidated = true;
    const pooled = this._pooled;
    this._pooled = null;
    this._openStream = null;
    if (pooled) await this.engine._invalidatePooled(pooled, err);
  }

  /** Rolls back any transaction and returns the connection to the pool. Idempotent. */
  async close(): Promise<void> {
    if (this._closed) return;
    if (this._openStream) {
      try {
        await this._openStream.close();
      } catch {
        // the stream's cursor may be gone with the connection
      }
    }
    if (this._busy > 0) await this._queue;
    this._closed = true;
    const pooled = this._pooled;
    this._pooled = null;
    if (!pooled) return;
    let reset = false;
    let listenerError: unknown = null;
    if (this._transaction && !this._invalidated) {
      this._cancelNested();
      this._transaction._cancel();
      this._transaction = null;
      try {
        const f = this._fire("rollback", this);
        if (f) await f;
      } catch (err) {
        listenerError = err; // raised once the driver connection is back in the pool
      }
      this._logRollback();
      try {
        const r = pooled.dbapiConnection.rollback();
        if (isThenable(r)) await r;
        reset = true;
      } catch (err) {
        await this.engine._invalidatePooled(pooled, err);
        return;
      }
    }
    const released = this.engine._release(pooled, reset);
    if (released) await released;
    if (listenerError !== null) throw listenerError;
  }

  /** `await using conn = await engine.connect()` closes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** @internal executemany parameter keys for compile (first set) */
  static _keysOf(params: Readonly<Record<string, unknown>> | undefined): string[] | null {
    return params ? Object.keys(params).sort() : null;
  }

  /** @internal kept for typing select rows */
  declare readonly __rowHelper?: RowOf<readonly SelectArg[]>;
  /** @internal */
  declare readonly __binds?: BindParameter[];
}

/** SQLAlchemy names the original exception's class: a subclass that kept `name` "Error" by its constructor. */
function errorClassName(err: unknown): string {
  if (!(err instanceof Error)) return "Error";
  const ctor = err.constructor?.name;
  return err.name === "Error" && ctor ? ctor : err.name;
}

function streamBusy(): InvalidRequestError {
  return new InvalidRequestError(
    "This connection is busy with an open stream: exhaust or close() the AsyncResult first (a call waiting for it would never run)",
  );
}
