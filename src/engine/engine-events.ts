/**
 * The listener signatures of an Engine and a Connection: `EventSignatures` instantiated with the
 * engine's own classes. Type-only, so events.ts stays free of engine imports (no cycle).
 */

import type { RuntimeDialect } from "../dialects/runtime.js";
import type { PoolResetState } from "../pool/events.js";
import type { PoolConnection } from "../pool/pool-connection.js";
import type { ConnectionRecord } from "../pool/record.js";
import type { Connection } from "./connection.js";
import type { Engine } from "./engine.js";
import type { EventName, EventSignatures, EventTypes } from "./events.js";
import type { ExecutionContext } from "./execution-context.js";
import type { CursorResult } from "./result/cursor-result.js";

/** The classes an engine's listeners receive. */
export interface EngineEventTypes extends EventTypes {
  engine: Engine;
  connection: Connection;
  dialect: RuntimeDialect;
  connectionRecord: ConnectionRecord;
  connectionProxy: PoolConnection;
  executionContext: ExecutionContext;
  result: CursorResult;
  resetState: PoolResetState;
}

/**
 * Listener signatures on an Engine: `sa.event.listen(engine, "before_cursor_execute", (conn, cursor,
 * statement, params, ctx) => …)` types `conn` as Connection and `ctx` as ExecutionContext.
 * @example
 * sa.event.listen(engine, "begin", (conn) => conn.inTransaction());
 */
export type EngineEvents = EventSignatures<EngineEventTypes>;

/** The events only an Engine (or its pool) fires; a Connection refuses them. */
export type EngineOnlyEventName =
  | "connect"
  | "first_connect"
  | "checkout"
  | "checkin"
  | "reset"
  | "invalidate"
  | "close"
  | "engine_connect"
  | "set_engine_execution_options"
  | "engine_disposed";

/**
 * Listener signatures on a Connection: the engine's, with the pool and engine-only events typed
 * `never` so that `sa.event.listen(conn, "checkout", fn)` does not compile (it throws at runtime).
 * @example
 * sa.event.listen(conn, "after_cursor_execute", (_c, _cur, statement) => console.log(statement));
 */
export type ConnectionEvents = {
  [K in EventName]: K extends EngineOnlyEventName ? never : EngineEvents[K];
};
