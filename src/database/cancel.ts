/**
 * Stopping a statement that is running on a connection, for an aborted call: ask the server to
 * cancel it, and if that does not end it quickly, invalidate (discard) the connection. Either
 * way the connection is never handed back to the pool while the statement still runs on it.
 */
import type { Connection } from "../engine/connection.js";
import { openConnection } from "./checkout.js";

/** How long an admin connection for the cancel may take to check out. */
const ADMIN_CHECKOUT_MS = 2_000;
/** How long a cancelled statement may take to stop before its connection is discarded. */
const SETTLE_MS = 2_000;

/** The SQL that cancels the statement running on `conn`, from another connection; null when the dialect has none. */
function cancelSql(conn: Connection): string | null {
  const driver = conn.dbapiConnection.driverConnection as { processID?: unknown; threadId?: unknown };
  if (conn.dialect.name === "postgresql") {
    const pid = Number(driver.processID);
    return Number.isSafeInteger(pid) && pid > 0 ? `SELECT pg_cancel_backend(${pid})` : null;
  }
  if (conn.dialect.name === "mysql") {
    const id = Number(driver.threadId);
    return Number.isSafeInteger(id) && id > 0 ? `KILL QUERY ${id}` : null;
  }
  // SQLite runs statements synchronously: by the time an abort is seen, the statement is over
  return null;
}

/** Resolves true when `p` settles within `ms`, false otherwise. */
function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    p.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}

/** Sends the server-side cancel through a short-lived connection of the same engine; false if it could not. */
async function sendCancel(conn: Connection): Promise<boolean> {
  let sql: string | null;
  try {
    sql = cancelSql(conn);
  } catch {
    return false; // the connection is already gone
  }
  if (sql === null) return false;
  try {
    const admin = await openConnection(conn.engine, AbortSignal.timeout(ADMIN_CHECKOUT_MS));
    try {
      await admin.execDriverSql(sql);
    } finally {
      await admin.close();
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends `running` (a statement on `conn` whose caller aborted): cancels it server-side where the
 * dialect can (PostgreSQL `pg_cancel_backend`, MySQL `KILL QUERY`), waits for it to stop, and
 * invalidates the connection when it does not stop in time. Resolves once the statement is over.
 * @example
 * const running = conn.execute(stmt);
 * signal.addEventListener("abort", () => void stopStatement(conn, running));
 */
export async function stopStatement(conn: Connection, running: Promise<unknown>): Promise<void> {
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  if (await settlesWithin(settled, 0)) return;
  await sendCancel(conn);
  if (await settlesWithin(settled, SETTLE_MS)) return;
  // why: a statement the server would not stop must not go back to the pool still running
  await conn.invalidate(new Error("statement aborted and could not be cancelled"));
  await settlesWithin(settled, SETTLE_MS);
}
