/**
 * GINO's conveniences on the Engine: `engine.acquire()` binds a connection to the async context,
 * and `engine.all/first/one/oneOrNone/scalar/status/iterate` use that connection when there is
 * one (else a pooled connection for just that call). Installed on `Engine.prototype` when this
 * module is imported (by `alkahest` and `alkahest/database`).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { ExecuteParams } from "../engine/connection.js";
import { Engine } from "../engine/engine.js";
import type { Row } from "../engine/result/row.js";
import type { ClauseElement } from "../sql/base.js";
import { AcquiredConnection } from "./acquired.js";
import { Claim, unclaimedBinding } from "./claim.js";
import { failing } from "./failing.js";
import * as gino from "./gino-ops.js";
import { ContextConnection } from "./handle.js";
import type { Query, RowFor } from "./query.js";

/** Options of `engine.acquire()`. */
export interface AcquireOptions {
  /** use the connection already bound to the context, if any (not released at the end) */
  reuse?: boolean;
  /** check the connection out at its first use rather than now */
  lazy?: boolean;
  /** aborts the checkout */
  signal?: AbortSignal;
}

declare module "../engine/engine.js" {
  interface Engine {
    /**
     * A connection bound to the async context: with a callback, for the callback and what it
     * starts (released at the end); without, for the rest of the function that awaited it, until
     * `release()`: never for a sibling or the caller, and from its first use (of the engine's
     * shortcuts or of the connection) right after the await, as `db.transaction()` binds. `reuse: true` takes the context's connection when there is one; `lazy: true`
     * checks out at first use.
     * @example
     * await engine.acquire({ reuse: true }, async () => { await engine.all(sa.select(users)); });
     */
    acquire(options?: AcquireOptions): Promise<AcquiredConnection>;
    acquire<T>(fn: (conn: AcquiredConnection) => Promise<T>): Promise<T>;
    acquire<T>(options: AcquireOptions, fn: (conn: AcquiredConnection) => Promise<T>): Promise<T>;
    /** The connection `acquire()` bound to the current async context, or null. */
    readonly currentConnection: AcquiredConnection | null;
    /**
     * Every row, on the context's connection (else a pooled one for this call).
     * @example
     * const rows = await engine.all(sa.select(users).where(users.c.id.gt(1)));
     */
    all<Q extends Query>(query: Q, params?: ExecuteParams): Promise<RowFor<Q>[]>;
    /** The first row, or null. @example await engine.first(sa.select(users)); */
    first<Q extends Query>(query: Q, params?: ExecuteParams): Promise<RowFor<Q> | null>;
    /** The only row (NoResultFound, MultipleResultsFound otherwise). @example await engine.one(q); */
    one<Q extends Query>(query: Q, params?: ExecuteParams): Promise<RowFor<Q>>;
    /** The only row or null (MultipleResultsFound for more). @example await engine.oneOrNone(q); */
    oneOrNone<Q extends Query>(query: Q, params?: ExecuteParams): Promise<RowFor<Q> | null>;
    /** The first column of the first row, or null. @example await engine.scalar("SELECT 1"); */
    scalar(query: Query, params?: ExecuteParams): Promise<unknown>;
    /**
     * The command tag and the rows: the driver's tag on PostgreSQL (`INSERT 0 1`, `UPDATE 2`,
     * `SELECT 3`), derived the same way on SQLite and MySQL.
     * @example
     * const { status, rows } = await engine.status(users.insert(), { name: "a" });
     */
    status<Q extends Query>(query: Q, params?: ExecuteParams): Promise<{ status: string; rows: RowFor<Q>[] }>;
    /**
     * Rows through a server-side cursor, on the context's connection (other calls on it fail
     * while the loop is open), else on a connection held for the loop.
     * @example
     * for await (const row of engine.iterate(sa.select(users))) console.log(row.name);
     */
    iterate<Q extends Query>(query: Q, params?: ExecuteParams): AsyncGenerator<RowFor<Q>, void, undefined>;
    /**
     * GINO's `engine.transaction()`: the context's connection (`reuse`, default true) or a new
     * one, in a transaction for `fn` (a savepoint when one is open already): committed when `fn`
     * resolves, rolled back when it throws. The shortcuts inside use it.
     * @example
     * await engine.transaction(async () => { await engine.status(users.insert(), { name: "a" }); });
     */
    transaction<T>(fn: (conn: AcquiredConnection) => Promise<T>, options?: { reuse?: boolean }): Promise<T>;
    /**
     * GINO's `engine.compile()`: the SQL and the driver-ready parameters of a statement for this
     * engine's dialect (IN lists expanded), for code that runs it on a driver of its own.
     * @example
     * const { sql, params } = engine.compile(sa.select(users).where(users.c.id.eq(5)));
     */
    compile(query: ClauseElement, params?: Record<string, unknown>): CompiledQuery;
  }
}

/** What `engine.compile()` gives: the SQL in the dialect's paramstyle and its parameters. */
export interface CompiledQuery {
  sql: string;
  /** positional paramstyles: a list in placeholder order; named ones: an object */
  params: unknown[] | Record<string, unknown>;
}

/** One `acquire()` binding; the chain reaches the outer bindings (of any engine). */
interface AcquireScope {
  readonly engine: Engine;
  readonly conn: AcquiredConnection;
  readonly parent: AcquireScope | null;
  /** false until checked out (callback form) */
  ready: boolean;
  /** the non-callback form's claim (claim.ts); null for the callback form */
  readonly claim: Claim | null;
  /** for the non-callback form: the opener's own scope (true), or the store it shares (false) */
  readonly owned: boolean;
}

const als = new AsyncLocalStorage<AcquireScope>();

/** The live connection `engine` bound to the current context, or null (claims, as frame.ts does). */
function current(engine: Engine): AcquiredConnection | null {
  for (let s = als.getStore() ?? null; s !== null; s = s.parent) {
    if (s.engine !== engine || s.conn._handle.closed) continue;
    if (s.claim === null) {
      if (s.ready) return s.conn;
    } else if (s.owned || s.claim.take()) {
      return s.conn;
    } else if (s.claim.state === "unclaimed") {
      throw unclaimedBinding("await engine.acquire()");
    }
  }
  return null;
}

/** The context's connection, else one checked out per call. */
function handleFor(engine: Engine): ContextConnection {
  return current(engine)?._handle ?? new ContextConnection(engine);
}

/** `fn(args)`, with a synchronous throw turned into a rejection (every shortcut is async). */
function rejecting<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (err) {
    return Promise.reject(err);
  }
}

function acquire<T>(
  this: Engine,
  a?: AcquireOptions | ((conn: AcquiredConnection) => Promise<T>),
  b?: (conn: AcquiredConnection) => Promise<T>,
): Promise<AcquiredConnection> | Promise<T> {
  const fn = typeof a === "function" ? a : b;
  const opts = (typeof a === "function" ? undefined : a) ?? {};
  let existing: AcquiredConnection | null;
  try {
    // also claims the opener's binding when this is its first use (so `parent` below is its own)
    existing = current(this);
  } catch (err) {
    return Promise.reject<AcquiredConnection>(err);
  }
  if (opts.reuse && existing !== null) {
    const view = existing.reusing();
    return fn ? rejecting(() => fn(view)) : Promise.resolve(view);
  }
  const handle = new ContextConnection(this);
  handle.pin();
  const parent = als.getStore() ?? null;
  const ready = opts.lazy ? Promise.resolve() : handle.open(opts.signal).then(() => undefined);
  if (fn) {
    const conn = new AcquiredConnection(handle, true);
    const scope: AcquireScope = { engine: this, conn, parent, ready: false, claim: null, owned: false };
    return als.run(scope, async () => {
      try {
        await ready;
        scope.ready = true;
        return await fn(conn);
      } finally {
        await conn.release();
      }
    });
  }
  // bound like a manual transaction (scope.ts, claim.ts): only the code that awaits it gets it
  let shared: AcquireScope;
  const claim = new Claim(
    () => als.getStore() === shared,
    () => als.enterWith({ ...shared, owned: true }),
  );
  const conn = new AcquiredConnection(handle, true, claim);
  shared = { engine: this, conn, parent, ready: true, claim, owned: false };
  als.enterWith(shared);
  return new Promise<AcquiredConnection>((resolve, reject) => {
    ready.then(
      () => claim.settle(resolve, conn),
      async (err: unknown) => {
        await conn.release();
        reject(err);
      },
    );
  });
}

const methods = {
  acquire,
  all(this: Engine, query: Query, params?: ExecuteParams): Promise<Row[]> {
    return rejecting(() => gino.all(handleFor(this), query, params));
  },
  first(this: Engine, query: Query, params?: ExecuteParams): Promise<Row | null> {
    return rejecting(() => gino.first(handleFor(this), query, params));
  },
  one(this: Engine, query: Query, params?: ExecuteParams): Promise<Row> {
    return rejecting(() => gino.one(handleFor(this), query, params));
  },
  oneOrNone(this: Engine, query: Query, params?: ExecuteParams): Promise<Row | null> {
    return rejecting(() => gino.oneOrNone(handleFor(this), query, params));
  },
  scalar(this: Engine, query: Query, params?: ExecuteParams): Promise<unknown> {
    return rejecting(() => gino.scalar(handleFor(this), query, params));
  },
  status(this: Engine, query: Query, params?: ExecuteParams): Promise<{ status: string; rows: Row[] }> {
    return rejecting(() => gino.status(handleFor(this), query, params));
  },
  transaction<T>(
    this: Engine,
    fn: (conn: AcquiredConnection) => Promise<T>,
    options: { reuse?: boolean } = {},
  ): Promise<T> {
    return this.acquire({ reuse: options.reuse ?? true }, async (conn) => {
      const c = await conn.get();
      const tx = c.inTransaction() ? await c.beginNested() : await c.begin();
      let result: T;
      try {
        result = await fn(conn);
      } catch (err) {
        await tx.rollback();
        throw err;
      }
      await tx.commit();
      return result;
    });
  },
  compile(this: Engine, query: ClauseElement, params?: Record<string, unknown>): CompiledQuery {
    const c = query.compile({
      dialect: this.dialect,
      renderPostcompile: true,
      columnKeys: params ? Object.keys(params) : undefined,
    });
    const values = c.constructParams(params ?? null);
    const procs = c.bindProcessors;
    const value = (k: string) => (procs[k] ? procs[k](values[k]) : values[k]);
    return {
      sql: c.string,
      params: c.positiontup
        ? c.positiontup.map(value)
        : Object.fromEntries(Object.keys(values).map((k) => [k, value(k)])),
    };
  },
  iterate(this: Engine, query: Query, params?: ExecuteParams): AsyncGenerator<Row, void, undefined> {
    try {
      return gino.iterate(handleFor(this), query, params);
    } catch (err) {
      return failing(err);
    }
  },
};

for (const [name, value] of Object.entries(methods)) {
  Object.defineProperty(Engine.prototype, name, { value, writable: true, configurable: true });
}
Object.defineProperty(Engine.prototype, "currentConnection", {
  get(this: Engine): AcquiredConnection | null {
    return current(this);
  },
  configurable: true,
});

export { AcquiredConnection };
