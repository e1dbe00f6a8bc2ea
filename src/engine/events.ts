/**
 * Events: SQLAlchemy's pool and connection hooks (`pool/events.py`, `engine/events.py`).
 *
 * A target (engine, connection, pool) holds an `EventDispatch`. `listen(target, name, fn)` adds to
 * it; the target fires through it. A connection's dispatch is a child of its engine's, so it sees
 * the engine's listeners, including ones added after the connection was made, without copying.
 *
 * The engine's fast path is `dispatch.has(name)`: with no listener that is two property reads and
 * no allocation, so unobserved execution pays nothing for the event system.
 *
 * Listeners may be async: `fire` then returns a Promise (and only then), running listeners one
 * after another in registration order. Callers `const p = d.fire(...); if (p) await p;`.
 */

import { ArgumentError, InvalidRequestError } from "../exc.js";
import type { ExecutionOptions } from "../sql/execution-options.js";
import {
  type DBAPIConnection,
  type DBAPICursor,
  type DBAPIParams,
  isThenable,
  type MaybePromise,
} from "./interfaces.js";

/** Every event name, SQLAlchemy's snake_case spelling. Pool events first, then connection events. */
export const EVENT_NAMES = [
  "connect",
  "first_connect",
  "checkout",
  "checkin",
  "reset",
  "invalidate",
  "close",
  "engine_connect",
  "before_execute",
  "after_execute",
  "before_cursor_execute",
  "after_cursor_execute",
  "handle_error",
  "begin",
  "commit",
  "rollback",
  "savepoint",
  "rollback_savepoint",
  "release_savepoint",
  "set_connection_execution_options",
  "set_engine_execution_options",
  "engine_disposed",
] as const;

/** A canonical (snake_case) event name. */
export type EventName = (typeof EVENT_NAMES)[number];

/** The events a pool fires (`PoolEvents`); an engine accepts them and its pool sees them. */
export const POOL_EVENT_NAMES: readonly EventName[] = [
  "connect",
  "first_connect",
  "checkout",
  "checkin",
  "reset",
  "invalidate",
  "close",
];

/** The events a Connection accepts for itself (SQLAlchemy's ConnectionEvents). */
export const CONNECTION_EVENT_NAMES: readonly EventName[] = EVENT_NAMES.filter(
  (n) =>
    !POOL_EVENT_NAMES.includes(n) &&
    n !== "engine_connect" &&
    n !== "engine_disposed" &&
    n !== "set_engine_execution_options",
);

type SnakeToCamel<S extends string> = S extends `${infer H}_${infer T}`
  ? `${H}${Capitalize<SnakeToCamel<T>>}`
  : S;

/** An event name as accepted by `listen`: snake_case or its camelCase alias (`beforeCursorExecute`). */
export type EventAlias = EventName | SnakeToCamel<EventName>;

/** The snake_case event an alias stands for. */
export type CanonicalEventName<A extends EventAlias> = A extends EventName
  ? A
  : { [K in EventName]: SnakeToCamel<K> extends A ? K : never }[EventName];

/**
 * The types listeners receive. The engine instantiates `EventSignatures` with its own classes so
 * that listeners on an engine get typed arguments; the defaults here keep this module standalone.
 */
export interface EventTypes {
  engine: unknown;
  connection: unknown;
  dialect: unknown;
  dbapiConnection: DBAPIConnection;
  /** the pool's per-connection record (`ConnectionPoolEntry`) */
  connectionRecord: unknown;
  /** the checked-out connection wrapper (`PoolProxiedConnection`) */
  connectionProxy: unknown;
  cursor: DBAPICursor;
  executionContext: unknown;
  /** what `conn.execute()` received: a statement, DDL element or compiled object */
  clauseElement: unknown;
  /** the driver-level parameters: one set, or an array of sets for executemany */
  cursorParameters: DBAPIParams | readonly DBAPIParams[] | null;
  result: unknown;
  resetState: unknown;
}

type Params = Readonly<Record<string, unknown>>;

/** Listener signatures per event: SQLAlchemy's positional arguments, in its order. */
export interface EventSignatures<T extends EventTypes = EventTypes> {
  connect: (dbapiConnection: T["dbapiConnection"], connectionRecord: T["connectionRecord"]) => unknown;
  first_connect: (dbapiConnection: T["dbapiConnection"], connectionRecord: T["connectionRecord"]) => unknown;
  checkout: (
    dbapiConnection: T["dbapiConnection"],
    connectionRecord: T["connectionRecord"],
    connectionProxy: T["connectionProxy"],
  ) => unknown;
  checkin: (dbapiConnection: T["dbapiConnection"] | null, connectionRecord: T["connectionRecord"]) => unknown;
  reset: (
    dbapiConnection: T["dbapiConnection"],
    connectionRecord: T["connectionRecord"],
    resetState: T["resetState"],
  ) => unknown;
  invalidate: (
    dbapiConnection: T["dbapiConnection"] | null,
    connectionRecord: T["connectionRecord"],
    exception: unknown,
  ) => unknown;
  close: (dbapiConnection: T["dbapiConnection"], connectionRecord: T["connectionRecord"]) => unknown;
  engine_connect: (conn: T["connection"]) => unknown;
  /** with `retval: true`, return `[clauseElement, multiparams, params]` to replace them */
  before_execute: (
    conn: T["connection"],
    clauseElement: T["clauseElement"],
    multiparams: readonly Params[],
    params: Params,
    executionOptions: Params,
  ) => unknown;
  after_execute: (
    conn: T["connection"],
    clauseElement: T["clauseElement"],
    multiparams: readonly Params[],
    params: Params,
    executionOptions: Params,
    result: T["result"],
  ) => unknown;
  /** with `retval: true`, return `[statement, parameters]` to replace them */
  before_cursor_execute: (
    conn: T["connection"],
    cursor: T["cursor"],
    statement: string,
    parameters: T["cursorParameters"],
    context: T["executionContext"] | null,
    executemany: boolean,
  ) => unknown;
  after_cursor_execute: (
    conn: T["connection"],
    cursor: T["cursor"],
    statement: string,
    parameters: T["cursorParameters"],
    context: T["executionContext"] | null,
    executemany: boolean,
  ) => unknown;
  /** return an error to chain it to the next handler, throw one to stop and raise it */
  handle_error: (context: ExceptionContext<T>) => unknown;
  begin: (conn: T["connection"]) => unknown;
  commit: (conn: T["connection"]) => unknown;
  rollback: (conn: T["connection"]) => unknown;
  savepoint: (conn: T["connection"], name: string | null) => unknown;
  rollback_savepoint: (conn: T["connection"], name: string, context: unknown) => unknown;
  release_savepoint: (conn: T["connection"], name: string, context: unknown) => unknown;
  /** `conn.executionOptions(opts)` was called (before the options apply) */
  set_connection_execution_options: (conn: T["connection"], opts: Readonly<ExecutionOptions>) => unknown;
  /** `engine.executionOptions(opts)` made an engine with these options */
  set_engine_execution_options: (engine: T["engine"], opts: Readonly<ExecutionOptions>) => unknown;
  engine_disposed: (engine: T["engine"]) => unknown;
}

/** Any map from event name to listener signature (what an `EventDispatch` is typed by). */
export type EventSignatureMap = { [K in EventName]: (...args: never[]) => unknown };

/** Something listeners can be attached to. */
export interface HasEvents<S extends EventSignatureMap = EventSignatures> {
  readonly dispatch: EventDispatch<S>;
}

/** Options of `listen`. */
export interface ListenOptions {
  /** the listener's return value replaces arguments (`before_execute`, `before_cursor_execute`) */
  retval?: boolean;
  /** remove the listener after its first call */
  once?: boolean;
  /** run before the listeners already registered */
  insert?: boolean;
}

type Callable = (...args: unknown[]) => unknown;

interface Registration {
  readonly fn: Callable;
  readonly retval: boolean;
  readonly once: boolean;
  readonly owner: EventDispatch<EventSignatureMap>;
}

type Store = Record<EventName, readonly Registration[]>;

const NONE: readonly Registration[] = Object.freeze([]);

const ALIASES: ReadonlyMap<string, EventName> = new Map(
  EVENT_NAMES.flatMap((n) => [
    [n, n],
    [n.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), n],
  ]),
);

/** Arguments a retval listener replaces: [first index, count]. */
const RETVAL_SLOTS: Partial<Record<EventName, readonly [number, number]>> = {
  before_execute: [1, 3],
  before_cursor_execute: [2, 2],
};
const RETVAL_SHAPE: Partial<Record<EventName, string>> = {
  before_execute: "[clauseElement, multiparams, params]",
  before_cursor_execute: "[statement, parameters]",
};
const RETVAL_EVENTS: ReadonlySet<EventName> = new Set([
  "before_execute",
  "before_cursor_execute",
  "handle_error",
]);

/**
 * The snake_case name for `name` (either spelling); ArgumentError naming the valid ones otherwise.
 * @example
 * resolveEventName("beforeCursorExecute"); // "before_cursor_execute"
 */
export function resolveEventName(name: string, allowed: readonly EventName[] = EVENT_NAMES): EventName {
  const canonical = typeof name === "string" ? ALIASES.get(name) : undefined;
  if (canonical !== undefined && allowed.includes(canonical)) return canonical;
  const valid = allowed.join(", ");
  if (canonical !== undefined) {
    throw new ArgumentError(`Event '${name}' is not available on this target; its events are: ${valid}`);
  }
  throw new ArgumentError(
    `Unknown event '${String(name)}'; valid events are: ${valid} (camelCase aliases such as 'beforeCursorExecute' also work)`,
  );
}

/** Options of an `EventDispatch`. */
export interface EventDispatchOptions<S extends EventSignatureMap> {
  /** a dispatch whose listeners this one also runs (first), e.g. the engine's for a connection */
  parent?: EventDispatch<S> | null;
  /** the events this target accepts (default: all) */
  events?: readonly EventName[];
}

/**
 * The listener lists of one target, with the methods the target fires through.
 * @example
 * class Engine implements HasEvents<EngineEvents> {
 *   readonly dispatch = new EventDispatch<EngineEvents>();
 * }
 * class Connection implements HasEvents<EngineEvents> {
 *   readonly dispatch: EventDispatch<EngineEvents>;
 *   constructor(engine: Engine) { this.dispatch = engine.dispatch.child(); }
 * }
 * if (conn.dispatch.has("before_cursor_execute")) {
 *   const r = conn.dispatch.fireRetval("before_cursor_execute", [conn, cursor, sql, params, ctx, false]);
 *   [, , sql, params] = r instanceof Promise ? await r : r;
 * }
 */
export class EventDispatch<S extends EventSignatureMap = EventSignatures> {
  readonly parent: EventDispatch<S> | null;
  /** the events this target accepts */
  readonly events: readonly EventName[];
  // Allocated on the first local listener: most connections never get one.
  private own: Store | null = null;
  private onceState: Map<EventName, true | Promise<void>> | null = null;
  private watchers: (() => void)[] = [];

  constructor(opts: EventDispatchOptions<S> = {}) {
    this.parent = opts.parent ?? null;
    this.events = opts.events ?? EVENT_NAMES;
  }

  /** A dispatch that runs this one's listeners (current and future) before its own. */
  child(events: readonly EventName[] = this.events): EventDispatch<S> {
    return new EventDispatch<S>({ parent: this, events });
  }

  /** Whether any listener (here or in a parent) is registered for `name`: the fast-path check. */
  has(name: EventName): boolean {
    const own = this.own;
    if (own !== null && own[name].length > 0) return true;
    return this.parent?.has(name) ?? false;
  }

  /**
   * Calls `fn` after every change to this target's listeners (not a child's), so a consumer that
   * caches what is listened for (the engine's pool bridge) stays exact.
   */
  watch(fn: () => void): void {
    this.watchers.push(fn);
  }

  private changed(): void {
    for (const fn of this.watchers) fn();
  }

  /** Whether any listener at all is registered, here or in a parent. */
  hasAny(): boolean {
    const own = this.own;
    if (own !== null) for (const n of EVENT_NAMES) if (own[n].length > 0) return true;
    return this.parent?.hasAny() ?? false;
  }

  /** The listeners `fire` would run for `name`: parents' first, then this target's. */
  listeners<N extends EventName>(name: N): S[N][] {
    const mine = (this.own?.[name] ?? NONE).map((r) => r.fn as unknown as S[N]);
    return this.parent === null ? mine : [...this.parent.listeners(name), ...mine];
  }

  /**
   * Runs every listener for `name` with `args`; returns a Promise only if a listener returned one.
   * A throwing listener stops the rest and the error propagates.
   */
  fire<N extends EventName>(name: N, ...args: Parameters<S[N]>): MaybePromise<void> {
    if (!this.has(name)) return;
    const regs = this.collect(name);
    return runPlain(name, regs, 0, args as unknown[]);
  }

  /**
   * `fire` for the events whose `retval: true` listeners may replace arguments. Returns the
   * arguments to use: the same array when nothing was replaced, otherwise an updated copy.
   * @example
   * const out = d.fireRetval("before_cursor_execute", [conn, cursor, sql, params, ctx, false]);
   */
  fireRetval<N extends "before_execute" | "before_cursor_execute">(
    name: N,
    args: Parameters<S[N]>,
  ): MaybePromise<Parameters<S[N]>> {
    if (!this.has(name)) return args;
    const regs = this.collect(name);
    return runRetval(name, regs, 0, args as unknown[]) as MaybePromise<Parameters<S[N]>>;
  }

  /**
   * Runs the `handle_error` chain on `ctx` as SQLAlchemy does: a listener that returns an Error
   * sets `ctx.chainedException` and the chain goes on (any other return value is ignored); one that throws stops it. Resolves to the
   * error to raise instead of `ctx.sqlalchemyException`, or `undefined` to raise that one.
   */
  fireHandleError(ctx: Parameters<S["handle_error"]>[0]): MaybePromise<unknown> {
    if (!this.has("handle_error")) return undefined;
    const c = ctx as unknown as ExceptionContext;
    return runHandleError(this.collect("handle_error"), 0, c);
  }

  /**
   * Fires `name` the first time it is called and never again once that run succeeded; a failed
   * run (an exception) is retried by the next call. Concurrent calls wait for the run in flight.
   * This is `first_connect`'s contract.
   */
  execOnceUnlessException<N extends EventName>(name: N, ...args: Parameters<S[N]>): MaybePromise<void> {
    this.onceState ??= new Map();
    const state = this.onceState.get(name);
    if (state === true) return;
    if (state !== undefined) return state.then(undefined, () => this.execOnceUnlessException(name, ...args));
    let out: MaybePromise<void>;
    try {
      out = this.fire(name, ...args);
    } catch (e) {
      this.onceState.delete(name);
      throw e;
    }
    if (out === undefined) {
      this.onceState.set(name, true);
      return;
    }
    const running = Promise.resolve(out).then(
      () => void this.onceState?.set(name, true),
      (e: unknown) => {
        this.onceState?.delete(name);
        throw e;
      },
    );
    this.onceState.set(name, running);
    return running;
  }

  /** Registers `fn` here (use `listen`); registering the same function twice is a no-op. */
  add(name: string, fn: unknown, opts: ListenOptions = {}): void {
    const event = resolveEventName(name, this.events);
    if (typeof fn !== "function") throw new ArgumentError(`Listener for event '${event}' must be a function`);
    if (opts.retval && !RETVAL_EVENTS.has(event)) {
      throw new ArgumentError(
        "Only the 'before_execute', 'before_cursor_execute' and 'handle_error' engine event listeners accept the 'retval: true' option",
      );
    }
    const store = this.ownStore();
    if (store[event].some((r) => r.fn === fn)) return;
    const reg: Registration = {
      fn: fn as Callable,
      retval: opts.retval ?? false,
      once: opts.once ?? false,
      owner: this as unknown as EventDispatch<EventSignatureMap>,
    };
    // copy-on-write: a fire in progress keeps iterating the array it started with
    store[event] = opts.insert ? [reg, ...store[event]] : [...store[event], reg];
    this.changed();
  }

  /** Unregisters `fn` (use `remove`); InvalidRequestError when it is not registered here. */
  remove(name: string, fn: unknown): void {
    const event = resolveEventName(name, this.events);
    const list = this.own?.[event] ?? NONE;
    const i = list.findIndex((r) => r.fn === fn);
    if (i < 0) {
      const fnName = (fn as { name?: string } | null)?.name || "<anonymous>";
      throw new InvalidRequestError(`No listeners found for event '${event}' / ${fnName} on this target`);
    }
    this.dropRegistration(event, list[i]);
  }

  /** Whether `fn` is registered on this target itself (not a parent) for `name`. */
  contains(name: string, fn: unknown): boolean {
    const event = resolveEventName(name, this.events);
    return (this.own?.[event] ?? NONE).some((r) => r.fn === fn);
  }

  /** Removes this target's listeners for `name`, or all of them. */
  clear(name?: EventName): void {
    if (this.own === null) return;
    if (name === undefined) this.own = null;
    else this.own[name] = NONE;
    this.changed();
  }

  /** @internal used by once-listeners to unregister themselves */
  dropRegistration(event: EventName, reg: Registration): void {
    const own = this.own;
    if (own?.[event].includes(reg)) {
      own[event] = own[event].filter((r) => r !== reg);
      this.changed();
    }
  }

  private ownStore(): Store {
    if (this.own === null) {
      const store = {} as Record<EventName, readonly Registration[]>;
      for (const n of EVENT_NAMES) store[n] = NONE;
      this.own = store;
    }
    return this.own;
  }

  private collect(name: EventName): readonly Registration[] {
    const mine = this.own?.[name] ?? NONE;
    if (this.parent === null || !this.parent.has(name)) return mine;
    const inherited = this.parent.collect(name);
    return mine.length === 0 ? inherited : [...inherited, ...mine];
  }
}

function call(r: Registration, event: EventName, args: unknown[]): unknown {
  // unregister before the call so a re-entrant fire cannot run a once-listener twice
  if (r.once) r.owner.dropRegistration(event, r);
  return r.fn(...args);
}

function runPlain(
  event: EventName,
  regs: readonly Registration[],
  from: number,
  args: unknown[],
): MaybePromise<void> {
  for (let i = from; i < regs.length; i++) {
    const out = call(regs[i], event, args);
    if (isThenable(out)) {
      const next = i + 1;
      return Promise.resolve(out).then(() => runPlain(event, regs, next, args));
    }
  }
}

function runRetval(
  event: EventName,
  regs: readonly Registration[],
  from: number,
  args: unknown[],
): MaybePromise<unknown[]> {
  for (let i = from; i < regs.length; i++) {
    const r = regs[i];
    const out = call(r, event, args);
    if (isThenable(out)) {
      const next = i + 1;
      return Promise.resolve(out).then((v) =>
        runRetval(event, regs, next, r.retval ? replaceArgs(event, args, v) : args),
      );
    }
    if (r.retval) args = replaceArgs(event, args, out);
  }
  return args;
}

function replaceArgs(event: EventName, args: unknown[], out: unknown): unknown[] {
  const [start, count] = RETVAL_SLOTS[event] ?? [0, 0];
  if (!Array.isArray(out) || out.length !== count) {
    const got =
      out === undefined ? "undefined" : Array.isArray(out) ? `an array of ${out.length}` : typeof out;
    throw new InvalidRequestError(
      `A '${event}' listener registered with retval: true must return ${RETVAL_SHAPE[event]}; got ${got}`,
    );
  }
  const copy = args.slice();
  for (let k = 0; k < count; k++) copy[start + k] = out[k];
  return copy;
}

function runHandleError(
  regs: readonly Registration[],
  from: number,
  ctx: ExceptionContext,
): MaybePromise<unknown> {
  for (let i = from; i < regs.length; i++) {
    let out: unknown;
    try {
      out = call(regs[i], "handle_error", [ctx]);
    } catch (raised) {
      return raised; // a handler that throws ends the chain with its error
    }
    if (isThenable(out)) {
      const next = i + 1;
      return Promise.resolve(out).then(
        (v) => {
          if (v instanceof Error) ctx.chainedException = v;
          return runHandleError(regs, next, ctx);
        },
        (raised: unknown) => raised,
      );
    }
    // only an Error replaces the exception: `(ctx) => log.push(ctx)` returns a number by accident
    if (out instanceof Error) ctx.chainedException = out;
  }
  return ctx.chainedException ?? undefined;
}

/** What the engine knows about a failed operation, for `handle_error` listeners. */
export interface ExceptionContextInit<T extends EventTypes = EventTypes> {
  originalException: unknown;
  sqlalchemyException?: Error | null;
  connection?: T["connection"] | null;
  engine?: T["engine"] | null;
  dialect?: T["dialect"] | null;
  cursor?: T["cursor"] | null;
  statement?: string | null;
  parameters?: T["cursorParameters"] | null;
  executionContext?: T["executionContext"] | null;
  executionOptions?: Params;
  isDisconnect?: boolean;
  invalidatePoolOnDisconnect?: boolean;
  isPrePing?: boolean;
}

/**
 * The argument of `handle_error` listeners (SQLAlchemy's `ExceptionContext`). A listener may set
 * `isDisconnect` (to invalidate the connection, or to not) and `invalidatePoolOnDisconnect`, and
 * may return or throw a replacement error.
 * @example
 * sa.event.listen(engine, "handle_error", (ctx) => {
 *   if (String(ctx.originalException).includes("server closed")) ctx.isDisconnect = true;
 *   if (ctx.sqlalchemyException instanceof sa.exc.IntegrityError) return new MyDomainError(ctx.statement);
 * });
 */
export class ExceptionContext<T extends EventTypes = EventTypes> {
  /** the error as the driver raised it */
  readonly originalException: unknown;
  /** the wrapping alkahest error (a DBAPIError or StatementError), or null if none was made */
  readonly sqlalchemyException: Error | null;
  /** the error returned by the previous handler in the chain, if any */
  chainedException: unknown = null;
  /** the Connection in use, or null when the failure happened while connecting */
  readonly connection: T["connection"] | null;
  readonly engine: T["engine"] | null;
  readonly dialect: T["dialect"] | null;
  readonly cursor: T["cursor"] | null;
  /** the SQL as sent to the driver, or null when the failure was not in a statement */
  readonly statement: string | null;
  readonly parameters: T["cursorParameters"] | null;
  readonly executionContext: T["executionContext"] | null;
  readonly executionOptions: Params;
  /** whether the error means the connection is gone; writable: the engine acts on the final value */
  isDisconnect: boolean;
  /** on a disconnect, also invalidate every other pooled connection (default true) */
  invalidatePoolOnDisconnect: boolean;
  /** the failure happened during the pool's pre-ping (no Connection or statement then) */
  readonly isPrePing: boolean;

  constructor(init: ExceptionContextInit<T>) {
    this.originalException = init.originalException;
    this.sqlalchemyException = init.sqlalchemyException ?? null;
    this.connection = init.connection ?? null;
    this.engine = init.engine ?? null;
    this.dialect = init.dialect ?? null;
    this.cursor = init.cursor ?? null;
    this.statement = init.statement ?? null;
    this.parameters = init.parameters ?? null;
    this.executionContext = init.executionContext ?? null;
    this.executionOptions = init.executionOptions ?? {};
    this.isDisconnect = init.isDisconnect ?? false;
    this.invalidatePoolOnDisconnect = init.invalidatePoolOnDisconnect ?? true;
    this.isPrePing = init.isPrePing ?? false;
  }
}

function dispatchOf(target: unknown): EventDispatch<EventSignatureMap> {
  const d = (target as { dispatch?: unknown } | null)?.dispatch;
  if (!(d instanceof EventDispatch)) {
    throw new ArgumentError(
      `${describeTarget(target)} does not accept event listeners (it has no 'dispatch')`,
    );
  }
  return d;
}

function describeTarget(target: unknown): string {
  if (target === null || target === undefined) return String(target);
  const ctor = (target as { constructor?: { name?: string } }).constructor?.name;
  return ctor ? `a ${ctor}` : typeof target;
}

/**
 * Registers `fn` for the event `name` (snake_case or camelCase) on an engine, connection or pool.
 * @example
 * sa.event.listen(engine, "before_cursor_execute", (conn, cursor, statement, parameters, context, executemany) => {
 *   console.log(statement);
 * });
 * sa.event.listen(engine, "beforeCursorExecute", (_c, _cur, sql, params) => [`${sql} -- app`, params], { retval: true });
 */
export function listen<S extends EventSignatureMap, A extends EventAlias>(
  target: HasEvents<S>,
  name: A,
  fn: S[CanonicalEventName<A>],
  opts: ListenOptions = {},
): void {
  dispatchOf(target).add(name, fn, opts);
}

/**
 * `listen` as a wrapper: returns a function that registers its argument and returns it.
 * @example
 * const logConnect = sa.event.listensFor(engine, "connect")((dbapiConn) => console.log("connected"));
 */
export function listensFor<S extends EventSignatureMap, A extends EventAlias>(
  target: HasEvents<S>,
  name: A,
  opts: ListenOptions = {},
): <F extends S[CanonicalEventName<A>]>(fn: F) => F {
  const d = dispatchOf(target);
  resolveEventName(name, d.events);
  return (fn) => {
    d.add(name, fn, opts);
    return fn;
  };
}

/**
 * Unregisters a listener added with `listen` on the same target; InvalidRequestError if absent.
 * @example
 * sa.event.remove(engine, "before_cursor_execute", logSql);
 */
export function remove<S extends EventSignatureMap, A extends EventAlias>(
  target: HasEvents<S>,
  name: A,
  fn: S[CanonicalEventName<A>],
): void {
  dispatchOf(target).remove(name, fn);
}

/**
 * Whether `fn` is registered for `name` on `target` itself.
 * @example
 * sa.event.contains(engine, "beforeCursorExecute", logSql); // true
 */
export function contains<S extends EventSignatureMap, A extends EventAlias>(
  target: HasEvents<S>,
  name: A,
  fn: S[CanonicalEventName<A>],
): boolean {
  return dispatchOf(target).contains(name, fn);
}
