/** Running one driver call under an AbortSignal. */
import type { Connection } from "../engine/connection.js";
import { stopStatement } from "./cancel.js";

const ABORTED: unique symbol = Symbol("aborted");

/**
 * Runs `op` (a call on `conn`); when `signal` aborts first, stops the statement (server-side
 * cancel, else the connection is invalidated) and rejects with `signal.reason` only once it has
 * stopped, so whoever owns the connection can release it straight away.
 * @example
 * const rows = await abortable(conn, () => conn.execute(stmt), signal);
 */
export async function abortable<T>(conn: Connection, op: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (signal === undefined) return op();
  signal.throwIfAborted();
  const running = op();
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const first = await Promise.race([running, aborted]);
    if (first !== ABORTED) return first;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  await stopStatement(conn, running);
  throw signal.reason;
}
