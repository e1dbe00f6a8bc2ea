/**
 * The event registry itself (src/engine/events.ts), which is target-agnostic: any object with a
 * `dispatch` is a target. Name aliases, ordering, parent/child dispatch, once/insert/retval, async
 * listeners, the handle_error chain and first_connect's exec-once are checked on minimal targets;
 * the events an engine fires while it runs statements are tested on real SQLite, PostgreSQL and
 * MariaDB engines in test/engine/conformance (connection, transactions, errors, pool).
 */
import { describe, expect, it, vi } from "vitest";
import {
  contains,
  EVENT_NAMES,
  EventDispatch,
  type EventSignatures,
  type EventTypes,
  ExceptionContext,
  type HasEvents,
  listen,
  listensFor,
  POOL_EVENT_NAMES,
  remove,
  resolveEventName,
} from "../../src/engine/events.js";
import { ArgumentError, InvalidRequestError } from "../../src/exc.js";

class EngineTarget implements HasEvents<Events> {
  readonly dispatch = new EventDispatch<Events>();
}
class ConnectionTarget implements HasEvents<Events> {
  readonly dispatch: EventDispatch<Events>;
  constructor(readonly engine: EngineTarget) {
    this.dispatch = engine.dispatch.child();
  }
}
class PoolTarget implements HasEvents {
  readonly dispatch = new EventDispatch({ events: POOL_EVENT_NAMES });
}
type Types = Omit<EventTypes, "connection" | "engine"> & {
  connection: ConnectionTarget;
  engine: EngineTarget;
};
type Events = EventSignatures<Types>;

const cursor = { description: null } as unknown as Types["cursor"];

function setup() {
  const engine = new EngineTarget();
  const conn = new ConnectionTarget(engine);
  return { engine, conn };
}

describe("event names", () => {
  it("snake_case and camelCase name the same event", () => {
    const { engine } = setup();
    const fn = () => {};
    listen(engine, "beforeCursorExecute", fn);
    expect(contains(engine, "before_cursor_execute", fn)).toBe(true);
    expect(engine.dispatch.has("before_cursor_execute")).toBe(true);
    remove(engine, "before_cursor_execute", fn);
    expect(contains(engine, "beforeCursorExecute", fn)).toBe(false);
  });

  it("every event has a camelCase alias", () => {
    expect(EVENT_NAMES).toHaveLength(22);
    expect(resolveEventName("setConnectionExecutionOptions")).toBe("set_connection_execution_options");
    expect(resolveEventName("firstConnect")).toBe("first_connect");
    expect(resolveEventName("engineConnect")).toBe("engine_connect");
    expect(resolveEventName("rollbackSavepoint")).toBe("rollback_savepoint");
    expect(resolveEventName("engineDisposed")).toBe("engine_disposed");
    for (const n of EVENT_NAMES) expect(resolveEventName(n)).toBe(n);
  });

  it("an unknown name is an ArgumentError naming it and listing the valid ones", () => {
    const { engine } = setup();
    const bad = () => listen(engine, "before_cursor_exec" as "begin", () => {});
    expect(bad).toThrow(ArgumentError);
    expect(bad).toThrow(
      /Unknown event 'before_cursor_exec'; valid events are: connect, first_connect, .*engine_disposed/,
    );
    expect(() => resolveEventName("BeforeCursorExecute")).toThrow(ArgumentError);
  });

  it("a target accepts only its own events", () => {
    const pool = new PoolTarget();
    listen(pool, "checkout", () => {});
    expect(() => listen(pool, "before_execute", () => {})).toThrow(
      "Event 'before_execute' is not available on this target; its events are: connect, first_connect, checkout, checkin, reset, invalidate, close",
    );
  });

  it("listen on something without a dispatch is an ArgumentError", () => {
    expect(() => listen({} as EngineTarget, "begin", () => {})).toThrow(
      "a Object does not accept event listeners",
    );
    expect(() => listen(null as unknown as EngineTarget, "begin", () => {})).toThrow(ArgumentError);
  });
});

describe("registration and firing", () => {
  it("has() is false with no listener, and fire() then does nothing", () => {
    const { conn } = setup();
    expect(conn.dispatch.has("begin")).toBe(false);
    expect(conn.dispatch.hasAny()).toBe(false);
    expect(conn.dispatch.fire("begin", conn)).toBeUndefined();
  });

  it("fires in registration order; insert: true goes first", () => {
    const { engine, conn } = setup();
    const calls: string[] = [];
    listen(engine, "begin", () => calls.push("a"));
    listen(engine, "begin", () => calls.push("b"));
    listen(engine, "begin", () => calls.push("first"), { insert: true });
    engine.dispatch.fire("begin", conn);
    expect(calls).toEqual(["first", "a", "b"]);
  });

  it("passes SQLAlchemy's positional arguments through", () => {
    const { engine, conn } = setup();
    const fn = vi.fn();
    listen(engine, "before_cursor_execute", fn);
    conn.dispatch.fire("before_cursor_execute", conn, cursor, "SELECT 1", [], null, false);
    expect(fn).toHaveBeenCalledWith(conn, cursor, "SELECT 1", [], null, false);
  });

  it("registering the same function twice is a no-op", () => {
    const { engine, conn } = setup();
    const fn = vi.fn();
    listen(engine, "commit", fn);
    listen(engine, "commit", fn, { insert: true });
    engine.dispatch.fire("commit", conn);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("once: true runs the listener a single time", () => {
    const { engine, conn } = setup();
    const fn = vi.fn();
    listen(engine, "commit", fn, { once: true });
    conn.dispatch.fire("commit", conn);
    conn.dispatch.fire("commit", conn);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(engine.dispatch.has("commit")).toBe(false);
  });

  it("a once listener that fires itself re-entrantly still runs once", () => {
    const { engine, conn } = setup();
    const fn = vi.fn(() => engine.dispatch.fire("commit", conn));
    listen(engine, "commit", fn, { once: true });
    engine.dispatch.fire("commit", conn);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("listeners added or removed during a fire take effect on the next fire", () => {
    const { engine, conn } = setup();
    const calls: string[] = [];
    const late = () => calls.push("late");
    const b = () => calls.push("b");
    listen(engine, "rollback", () => {
      calls.push("a");
      listen(engine, "rollback", late);
      if (contains(engine, "rollback", b)) remove(engine, "rollback", b);
    });
    listen(engine, "rollback", b);
    engine.dispatch.fire("rollback", conn);
    expect(calls).toEqual(["a", "b"]);
    calls.length = 0;
    engine.dispatch.fire("rollback", conn);
    expect(calls).toEqual(["a", "late"]);
  });

  it("a throwing listener stops the rest and the error propagates", () => {
    const { engine, conn } = setup();
    const after = vi.fn();
    listen(engine, "begin", () => {
      throw new Error("boom");
    });
    listen(engine, "begin", after);
    expect(() => engine.dispatch.fire("begin", conn)).toThrow("boom");
    expect(after).not.toHaveBeenCalled();
  });

  it("remove of an unregistered listener is an InvalidRequestError", () => {
    const { engine } = setup();
    function logSql() {}
    expect(() => remove(engine, "before_cursor_execute", logSql)).toThrow(InvalidRequestError);
    expect(() => remove(engine, "before_cursor_execute", logSql)).toThrow(
      "No listeners found for event 'before_cursor_execute' / logSql",
    );
  });

  it("listensFor registers and returns the function; a bad name fails at once", () => {
    const { engine } = setup();
    const fn = listensFor(
      engine,
      "engineDisposed",
    )((e) => {
      expect(e).toBe(engine);
    });
    expect(contains(engine, "engine_disposed", fn)).toBe(true);
    engine.dispatch.fire("engine_disposed", engine);
    expect(() => listensFor(engine, "nope" as "begin")).toThrow(ArgumentError);
  });

  it("clear() removes a target's listeners", () => {
    const { engine } = setup();
    listen(engine, "begin", () => {});
    listen(engine, "commit", () => {});
    engine.dispatch.clear("begin");
    expect([engine.dispatch.has("begin"), engine.dispatch.has("commit")]).toEqual([false, true]);
    engine.dispatch.clear();
    expect(engine.dispatch.hasAny()).toBe(false);
  });
});

describe("a connection's dispatch joins its engine's", () => {
  it("sees engine listeners added after the connection was made", () => {
    const { engine, conn } = setup();
    expect(conn.dispatch.has("before_execute")).toBe(false);
    const fn = vi.fn();
    listen(engine, "before_execute", fn);
    expect(conn.dispatch.has("before_execute")).toBe(true);
    conn.dispatch.fire("before_execute", conn, "stmt", [], {}, {});
    expect(fn).toHaveBeenCalledOnce();
    remove(engine, "before_execute", fn);
    expect(conn.dispatch.has("before_execute")).toBe(false);
  });

  it("runs the engine's listeners before the connection's own", () => {
    const { engine, conn } = setup();
    const calls: string[] = [];
    listen(conn, "commit", () => calls.push("conn"));
    listen(engine, "commit", () => calls.push("engine"));
    conn.dispatch.fire("commit", conn);
    expect(calls).toEqual(["engine", "conn"]);
    expect(conn.dispatch.listeners("commit")).toHaveLength(2);
  });

  it("connection listeners stay local to that connection", () => {
    const { engine, conn } = setup();
    const other = new ConnectionTarget(engine);
    const fn = vi.fn();
    listen(conn, "commit", fn);
    expect(engine.dispatch.has("commit")).toBe(false);
    expect(other.dispatch.has("commit")).toBe(false);
    other.dispatch.fire("commit", other);
    engine.dispatch.fire("commit", conn);
    expect(fn).not.toHaveBeenCalled();
  });

  it("contains and remove look at the target itself, not its parent", () => {
    const { engine, conn } = setup();
    const fn = () => {};
    listen(engine, "commit", fn);
    expect(contains(conn, "commit", fn)).toBe(false);
    expect(() => remove(conn, "commit", fn)).toThrow(InvalidRequestError);
  });

  it("a once listener on the engine fires once across connections", () => {
    const { engine, conn } = setup();
    const other = new ConnectionTarget(engine);
    const fn = vi.fn();
    listen(engine, "engine_connect", fn, { once: true });
    conn.dispatch.fire("engine_connect", conn);
    other.dispatch.fire("engine_connect", other);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("chains to any depth (class-level -> engine -> connection)", () => {
    const classLevel = new EventDispatch<Events>();
    const engine = { dispatch: classLevel.child() };
    const conn = { dispatch: engine.dispatch.child() };
    const fn = vi.fn();
    listen({ dispatch: classLevel }, "rollback", fn);
    expect(conn.dispatch.has("rollback")).toBe(true);
    conn.dispatch.fire("rollback", new ConnectionTarget(new EngineTarget()));
    expect(fn).toHaveBeenCalledOnce();
  });

  it("a pool dispatch can be a child of the engine's, so engine-level pool listeners reach it", () => {
    const engine = new EngineTarget();
    const pool = { dispatch: engine.dispatch.child(POOL_EVENT_NAMES) };
    const fn = vi.fn();
    listen(engine, "checkout", fn);
    pool.dispatch.fire("checkout", {} as Types["dbapiConnection"], {}, {});
    expect(fn).toHaveBeenCalledOnce();
    expect(() => listen(pool, "begin", () => {})).toThrow(ArgumentError);
  });
});

describe("retval", () => {
  it("before_cursor_execute with retval may replace statement and parameters", () => {
    const { engine, conn } = setup();
    const seen: unknown[] = [];
    listen(engine, "before_cursor_execute", (_c, _cur, sql, params) => [`${sql} -- tagged`, params], {
      retval: true,
    });
    listen(engine, "before_cursor_execute", (_c, _cur, sql, params) => {
      seen.push(sql, params);
      return ["ignored: not a retval listener", []];
    });
    listen(engine, "before_cursor_execute", (_c, _cur, sql) => [sql, [42]], { retval: true });
    const args = [conn, cursor, "SELECT ?", [1], null, false] as Parameters<Events["before_cursor_execute"]>;
    const out = conn.dispatch.fireRetval("before_cursor_execute", args);
    expect(out).toEqual([conn, cursor, "SELECT ? -- tagged", [42], null, false]);
    expect(seen).toEqual(["SELECT ? -- tagged", [1]]);
    expect(args[2]).toBe("SELECT ?"); // the caller's array is not mutated
  });

  it("returns the same argument array when nothing replaced it", () => {
    const { engine, conn } = setup();
    const args = [conn, cursor, "SELECT 1", null, null, false] as Parameters<Events["before_cursor_execute"]>;
    expect(conn.dispatch.fireRetval("before_cursor_execute", args)).toBe(args);
    listen(engine, "before_cursor_execute", () => {});
    expect(conn.dispatch.fireRetval("before_cursor_execute", args)).toBe(args);
  });

  it("before_execute with retval may replace [clauseElement, multiparams, params]", () => {
    const { engine, conn } = setup();
    listen(
      engine,
      "beforeExecute",
      (_c, stmt, multi, params) => [`wrapped(${stmt})`, [...multi, { x: 1 }], params],
      {
        retval: true,
      },
    );
    const out = conn.dispatch.fireRetval("before_execute", [conn, "stmt", [], {}, { opt: true }]);
    expect(out).toEqual([conn, "wrapped(stmt)", [{ x: 1 }], {}, { opt: true }]);
  });

  it("a retval listener must return the right shape", () => {
    const { engine, conn } = setup();
    listen(engine, "before_cursor_execute", () => undefined, { retval: true });
    expect(() =>
      conn.dispatch.fireRetval("before_cursor_execute", [conn, cursor, "S", null, null, false]),
    ).toThrow(
      "A 'before_cursor_execute' listener registered with retval: true must return [statement, parameters]; got undefined",
    );
  });

  it("only before_execute, before_cursor_execute and handle_error accept retval", () => {
    const { engine } = setup();
    expect(() => listen(engine, "after_cursor_execute", () => {}, { retval: true })).toThrow(
      "Only the 'before_execute', 'before_cursor_execute' and 'handle_error' engine event listeners accept the 'retval: true' option",
    );
    listen(engine, "handle_error", () => {}, { retval: true });
  });
});

describe("async listeners", () => {
  it("fire returns a Promise only when a listener does, and keeps the order", async () => {
    const { engine, conn } = setup();
    const calls: string[] = [];
    listen(engine, "connect", () => calls.push("sync 1"));
    expect(engine.dispatch.fire("connect", {} as Types["dbapiConnection"], {})).toBeUndefined();
    listen(engine, "connect", async () => {
      await new Promise((r) => setTimeout(r, 5));
      calls.push("async");
    });
    listen(engine, "connect", () => calls.push("sync 2"));
    calls.length = 0;
    const p = conn.dispatch.fire("connect", {} as Types["dbapiConnection"], {});
    expect(p).toBeInstanceOf(Promise);
    expect(calls).toEqual(["sync 1"]);
    await p;
    expect(calls).toEqual(["sync 1", "async", "sync 2"]);
  });

  it("an async retval listener's replacement is awaited and applied", async () => {
    const { engine, conn } = setup();
    listen(engine, "before_cursor_execute", async (_c, _cur, sql, params) => [sql.toLowerCase(), params], {
      retval: true,
    });
    listen(engine, "before_cursor_execute", (_c, _cur, sql, params) => [`${sql};`, params], { retval: true });
    const out = await conn.dispatch.fireRetval("before_cursor_execute", [
      conn,
      cursor,
      "SELECT 1",
      null,
      null,
      false,
    ]);
    expect(out[2]).toBe("select 1;");
  });

  it("a rejected listener rejects the fire", async () => {
    const { engine, conn } = setup();
    listen(engine, "checkin", async () => {
      throw new Error("nope");
    });
    await expect(conn.dispatch.fire("checkin", null, {})).rejects.toThrow("nope");
  });
});

describe("handle_error", () => {
  const ctxFor = (conn: ConnectionTarget) =>
    new ExceptionContext<Types>({
      originalException: new Error("driver: connection reset"),
      sqlalchemyException: new Error("wrapped"),
      connection: conn,
      engine: conn.engine,
      statement: "SELECT 1",
      parameters: [],
    });

  it("an ExceptionContext carries the failure and defaults the flags", () => {
    const { conn } = setup();
    const ctx = ctxFor(conn);
    expect(ctx).toMatchObject({
      statement: "SELECT 1",
      parameters: [],
      isDisconnect: false,
      invalidatePoolOnDisconnect: true,
      isPrePing: false,
      chainedException: null,
      executionContext: null,
      cursor: null,
      connection: conn,
      engine: conn.engine,
    });
    expect(new ExceptionContext({ originalException: 1 }).sqlalchemyException).toBeNull();
  });

  it("no listener: nothing to replace", () => {
    const { conn } = setup();
    expect(conn.dispatch.fireHandleError(ctxFor(conn))).toBeUndefined();
  });

  it("returned errors chain: each handler sees the previous one's, the last one wins", () => {
    const { engine, conn } = setup();
    const first = new Error("first");
    const second = new Error("second");
    const seen: unknown[] = [];
    listen(engine, "handle_error", (ctx) => {
      seen.push(ctx.chainedException);
      return first;
    });
    listen(engine, "handle_error", (ctx) => {
      seen.push(ctx.chainedException);
    });
    listen(engine, "handleError", (ctx) => {
      seen.push(ctx.chainedException);
      return second;
    });
    expect(conn.dispatch.fireHandleError(ctxFor(conn))).toBe(second);
    expect(seen).toEqual([null, first, first]);
  });

  it("a thrown error stops the chain and is the replacement", () => {
    const { engine, conn } = setup();
    const thrown = new Error("thrown");
    const after = vi.fn();
    listen(engine, "handle_error", () => new Error("returned"));
    listen(engine, "handle_error", () => {
      throw thrown;
    });
    listen(engine, "handle_error", after);
    expect(conn.dispatch.fireHandleError(ctxFor(conn))).toBe(thrown);
    expect(after).not.toHaveBeenCalled();
  });

  it("handlers may flip isDisconnect and invalidatePoolOnDisconnect", () => {
    const { engine, conn } = setup();
    listen(engine, "handle_error", (ctx) => {
      if (String(ctx.originalException).includes("connection reset")) ctx.isDisconnect = true;
      ctx.invalidatePoolOnDisconnect = false;
    });
    const ctx = ctxFor(conn);
    expect(conn.dispatch.fireHandleError(ctx)).toBeUndefined();
    expect([ctx.isDisconnect, ctx.invalidatePoolOnDisconnect]).toEqual([true, false]);
  });

  it("async handlers: returned and rejected replacements", async () => {
    const { engine, conn } = setup();
    const replacement = new Error("async replacement");
    listen(engine, "handle_error", async () => replacement);
    expect(await conn.dispatch.fireHandleError(ctxFor(conn))).toBe(replacement);
    const rejected = new Error("rejected");
    listen(conn, "handle_error", async () => {
      throw rejected;
    });
    expect(await conn.dispatch.fireHandleError(ctxFor(conn))).toBe(rejected);
  });
});

describe("execOnceUnlessException (first_connect)", () => {
  const dbapi = {} as Types["dbapiConnection"];

  it("runs once after a success", () => {
    const pool = new PoolTarget();
    const fn = vi.fn();
    listen(pool, "first_connect", fn);
    pool.dispatch.execOnceUnlessException("first_connect", dbapi, {});
    pool.dispatch.execOnceUnlessException("first_connect", dbapi, {});
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("retries after an exception", () => {
    const pool = new PoolTarget();
    let n = 0;
    listen(pool, "first_connect", () => {
      n++;
      if (n === 1) throw new Error("first attempt fails");
    });
    expect(() => pool.dispatch.execOnceUnlessException("first_connect", dbapi, {})).toThrow(
      "first attempt fails",
    );
    pool.dispatch.execOnceUnlessException("first_connect", dbapi, {});
    pool.dispatch.execOnceUnlessException("first_connect", dbapi, {});
    expect(n).toBe(2);
  });

  it("concurrent async calls wait for the run in flight, and retry if it failed", async () => {
    const pool = new PoolTarget();
    let n = 0;
    listen(pool, "first_connect", async () => {
      n++;
      await new Promise((r) => setTimeout(r, 5));
      if (n === 1) throw new Error("flaky");
    });
    const a = pool.dispatch.execOnceUnlessException("first_connect", dbapi, {});
    const b = pool.dispatch.execOnceUnlessException("first_connect", dbapi, {});
    await expect(a).rejects.toThrow("flaky");
    await b;
    expect(n).toBe(2);
    await pool.dispatch.execOnceUnlessException("first_connect", dbapi, {});
    expect(n).toBe(2);
  });
});

describe("listener argument types follow the target", () => {
  it("compiles with typed arguments (checked by tsc)", () => {
    const { engine } = setup();
    listen(engine, "before_cursor_execute", (conn, _cursor, statement, _params, _ctx, executemany) => {
      const c: ConnectionTarget = conn;
      const s: string = statement;
      const m: boolean = executemany;
      return [c, s, m];
    });
    listen(engine, "engineDisposed", (e) => {
      const typed: EngineTarget = e;
      return typed;
    });
    // @ts-expect-error the statement is a string, not a number
    listen(engine, "before_cursor_execute", (_c, _cur, statement: number) => statement);
    expect(engine.dispatch.listeners("before_cursor_execute")).toHaveLength(2);
  });
});
