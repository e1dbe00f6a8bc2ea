/** Checking a Connection out of an engine with an AbortSignal. */
import { Connection } from "../engine/connection.js";
import type { Engine } from "../engine/engine.js";

/**
 * A new Connection from the engine's pool, as `engine.connect()` gives, but with a signal: the
 * pool's abortable checkout guarantees that an aborted wait leaves no connection checked out.
 * (`engine.connect()` takes no signal yet, so this builds the Connection the same way.)
 * @example
 * const conn = await openConnection(engine, AbortSignal.timeout(1000));
 */
export async function openConnection(engine: Engine, signal?: AbortSignal): Promise<Connection> {
  signal?.throwIfAborted();
  const conn = new Connection(engine, await engine._checkout(signal));
  engine._fire("engine_connect", conn);
  return conn;
}
