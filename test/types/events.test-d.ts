/**
 * Type-level tests of event listeners (vitest typecheck, never run): listeners on an engine get
 * the engine's classes; a Connection refuses the pool events it refuses at runtime.
 */
import { describe, expectTypeOf, it } from "vitest";
import * as sa from "../../src/index.js";
import type { ConnectionRecord } from "../../src/pool/index.js";

declare const engine: sa.Engine;
declare const conn: sa.Connection;

describe("engine listeners (#8, #9)", () => {
  it("sa.event.listen types the arguments with the engine's classes", () => {
    sa.event.listen(engine, "begin", (c: sa.Connection) => c.inTransaction());
    sa.event.listen(engine, "before_cursor_execute", (c, _cursor, statement, _params, ctx, many) => {
      expectTypeOf(c).toEqualTypeOf<sa.Connection>();
      expectTypeOf(statement).toEqualTypeOf<string>();
      expectTypeOf(ctx).toEqualTypeOf<sa.ExecutionContext | null>();
      expectTypeOf(many).toEqualTypeOf<boolean>();
    });
    sa.event.listen(engine, "after_execute", (_c, _el, _mp, _p, _opts, result) => {
      expectTypeOf(result).toEqualTypeOf<sa.CursorResult>();
    });
    sa.event.listen(engine, "checkout", (_dbapi, record) => {
      expectTypeOf(record).toEqualTypeOf<ConnectionRecord>();
    });
    sa.event.listen(engine, "handle_error", (ctx) => {
      expectTypeOf(ctx.executionContext).toEqualTypeOf<sa.ExecutionContext | null>();
    });
  });

  it("engine.on is typed like sa.event.listen", () => {
    engine.on("beforeCursorExecute", (_c, _cursor, statement) => statement.toUpperCase());
    // @ts-expect-error no such event
    engine.on("nope", () => {});
    // @ts-expect-error the statement is a string
    engine.on("before_cursor_execute", (_c, _cursor, _statement: number) => {});
  });

  it("a Connection refuses pool and engine-only events", () => {
    sa.event.listen(conn, "before_cursor_execute", (c) => c.inTransaction());
    // @ts-expect-error pool events are the engine's
    sa.event.listen(conn, "checkout", () => {});
    // @ts-expect-error engine_connect is the engine's
    sa.event.listen(conn, "engineConnect", () => {});
  });
});
