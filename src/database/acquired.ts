/** The connection `engine.acquire()` binds to the async context (GINO's `GinoConnection`). */
import type { Connection, ExecuteParams } from "../engine/connection.js";
import type { Claim } from "./claim.js";
import { failing } from "./failing.js";
import * as gino from "./gino-ops.js";
import type { ContextConnection } from "./handle.js";
import type { Query, RowFor } from "./query.js";

/**
 * A connection acquired from an engine: the engine's shortcuts (`engine.all(q)` …) use it while
 * it is bound to the async context. Calls made concurrently on it run one at a time. A
 * transaction begun on the engine Connection (`(await conn.get()).begin()`) covers the
 * shortcuts; outside one, each shortcut commits its own work.
 * @example
 * await engine.acquire(async (conn) => {
 *   await conn.status(users.insert(), { name: "a" }); // { status: "INSERT 0 1", rows: [] }
 *   await engine.scalar(sa.select(sa.func.count()).selectFrom(users)); // same connection
 * });
 */
export class AcquiredConnection {
  /** @internal made by `engine.acquire()` */
  constructor(
    /** @internal */
    readonly _handle: ContextConnection,
    private readonly owner: boolean,
    /** the claim of a non-callback `acquire()` (claim.ts): a use right after the await claims */
    private readonly claim: Claim | null = null,
  ) {}

  /** A view on the same connection whose `release()` does nothing (what `reuse: true` gives). */
  reusing(): AcquiredConnection {
    return this.owner ? new AcquiredConnection(this._handle, false) : this;
  }

  /** True once released. */
  get released(): boolean {
    this.claim?.take();
    return this._handle.closed;
  }

  /** The engine Connection, checked out now if the acquire was lazy. */
  async get(signal?: AbortSignal): Promise<Connection> {
    this.claim?.take();
    return this._handle.open(signal);
  }

  /** Every row. */
  async all<Q extends Query>(query: Q, params?: ExecuteParams): Promise<RowFor<Q>[]> {
    this.claim?.take();
    return (await gino.all(this._handle, query, params)) as RowFor<Q>[];
  }

  /** The first row, or null. */
  async first<Q extends Query>(query: Q, params?: ExecuteParams): Promise<RowFor<Q> | null> {
    this.claim?.take();
    return (await gino.first(this._handle, query, params)) as RowFor<Q> | null;
  }

  /** The only row (NoResultFound, MultipleResultsFound otherwise). */
  async one<Q extends Query>(query: Q, params?: ExecuteParams): Promise<RowFor<Q>> {
    this.claim?.take();
    return (await gino.one(this._handle, query, params)) as RowFor<Q>;
  }

  /** The only row, or null (MultipleResultsFound for more). */
  async oneOrNone<Q extends Query>(query: Q, params?: ExecuteParams): Promise<RowFor<Q> | null> {
    this.claim?.take();
    return (await gino.oneOrNone(this._handle, query, params)) as RowFor<Q> | null;
  }

  /** The first column of the first row, or null. */
  async scalar(query: Query, params?: ExecuteParams): Promise<unknown> {
    this.claim?.take();
    return gino.scalar(this._handle, query, params);
  }

  /** The driver's command tag (`INSERT 0 1`; derived the same way on SQLite and MySQL) and the rows. */
  async status<Q extends Query>(
    query: Q,
    params?: ExecuteParams,
  ): Promise<{ status: string; rows: RowFor<Q>[] }> {
    this.claim?.take();
    return (await gino.status(this._handle, query, params)) as { status: string; rows: RowFor<Q>[] };
  }

  /** Rows through a server-side cursor; other calls on this connection fail while it is open. */
  iterate<Q extends Query>(query: Q, params?: ExecuteParams): AsyncGenerator<RowFor<Q>, void, undefined> {
    this.claim?.take();
    try {
      return gino.iterate(this._handle, query, params) as AsyncGenerator<RowFor<Q>, void, undefined>;
    } catch (err) {
      return failing(err);
    }
  }

  /** Returns the connection to the pool (rolling back what is open); a reusing view does nothing. */
  async release(): Promise<void> {
    this.claim?.take();
    if (this.owner) await this._handle.close("This connection was released");
  }

  /** `await using conn = await engine.acquire()` releases it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.release();
  }
}
