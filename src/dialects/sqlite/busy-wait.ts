/**
 * Waiting on a locked SQLite database without blocking the event loop. better-sqlite3's busy
 * handler sleeps inside `sqlite3_step`, which freezes the whole process; and the lock holder is
 * usually another pooled connection of the same process, which then can never reach its COMMIT.
 * So connections open with a busy timeout of 0 (SQLITE_BUSY at once) and the adapter runs the
 * statement again on timers until the connection's own timeout has passed.
 */
import { setTimeout as sleep } from "node:timers/promises";

/** The first pause between attempts, in milliseconds; it doubles up to {@link MAX_DELAY}. */
const FIRST_DELAY = 1;
/** The longest pause: a lock released meanwhile is noticed within this many milliseconds. */
const MAX_DELAY = 64;

/**
 * Result codes where the lock holder will let go: SQLITE_BUSY itself and a WAL recovery in
 * progress. Not SQLITE_BUSY_SNAPSHOT: the snapshot this connection reads from can never become
 * the newest one again, so only ending the transaction helps.
 */
const WAITABLE = new Set<unknown>(["SQLITE_BUSY", "SQLITE_BUSY_RECOVERY"]);

/**
 * Whether `err` is better-sqlite3's answer to a database locked by another connection, which a
 * later attempt may get past.
 * @example
 * try { stmt.run(); } catch (err) { if (isWaitableBusy(err)) scheduleRetry(); else throw err; }
 */
export function isWaitableBusy(err: unknown): boolean {
  return err instanceof Error && err.name === "SqliteError" && WAITABLE.has((err as { code?: unknown }).code);
}

/**
 * Runs `attempt` again after growing pauses (1 ms doubling to 64 ms) while it fails with a
 * waitable SQLITE_BUSY, for at most `timeoutMs` from now; then rethrows the last error, as a busy
 * handler that gave up would. Any other error is rethrown at once.
 * @example
 * try { stmt.run(); } catch (err) { await retryWhileBusy(err, () => stmt.run(), 5000); }
 */
export async function retryWhileBusy(first: unknown, attempt: () => void, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let error = first;
  for (let delay = FIRST_DELAY; ; delay = Math.min(delay * 2, MAX_DELAY)) {
    const left = deadline - performance.now();
    if (left <= 0) throw error;
    await sleep(Math.min(delay, left));
    try {
      attempt();
      return;
    } catch (err) {
      if (!isWaitableBusy(err)) throw err;
      error = err;
    }
  }
}

/**
 * The busy timeout a connection waits for, in milliseconds: the `timeout` connect argument
 * (URL text allowed), 5000 by default as in better-sqlite3, validated as better-sqlite3 does.
 * @example
 * busyTimeout("2000"); // 2000
 * busyTimeout(undefined); // 5000
 */
export function busyTimeout(value: unknown): number {
  const ms = value === undefined ? 5000 : Number(value);
  if (!Number.isInteger(ms) || ms < 0)
    throw new TypeError('Expected the "timeout" option to be a positive integer');
  return ms;
}
