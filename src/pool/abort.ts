/** Cancellation of a checkout by an AbortSignal. */
import type { PoolConnection } from "./pool-connection.js";

/**
 * Settles with `checkout`, or rejects with the signal's reason as soon as it aborts. A connection
 * that arrives after the abort (a creator or ping cannot be interrupted) goes straight back to the
 * pool, so an abandoned checkout never leaves a connection out.
 */
export function raceAbort(checkout: Promise<PoolConnection>, signal: AbortSignal): Promise<PoolConnection> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      settled = true;
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    checkout.then(
      (pc) => {
        signal.removeEventListener("abort", onAbort);
        if (!settled) {
          settled = true;
          resolve(pc);
        } else {
          // nobody used it, so there is no transaction to reset
          pc.release({ transactionWasReset: true }).then(undefined, () => undefined);
        }
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        if (!settled) {
          settled = true;
          reject(err);
        }
      },
    );
  });
}
