/** A first-come, first-served async lock whose waits an AbortSignal can end. */

/** Gives the lock back; calling it again does nothing. */
export type Release = () => void;

interface Waiter {
  grant(): void;
}

/**
 * One holder at a time; later callers wait in arrival order. An aborted wait leaves the queue at
 * once, so a cancelled caller never ends up holding the lock.
 * @example
 * const lock = new Mutex();
 * const release = await lock.acquire(signal);
 * try { await work(); } finally { release(); }
 */
export class Mutex {
  private held = false;
  private readonly waiters: Waiter[] = [];

  /** Whether someone holds the lock. */
  get locked(): boolean {
    return this.held;
  }

  /** Waits for the lock; rejects with `signal.reason` if the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.held) {
      this.held = true;
      return Promise.resolve(this.releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.releaser());
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiters.shift();
      // why: handing over directly keeps the order fair (no newcomer can slip in between)
      if (next) next.grant();
      else this.held = false;
    };
  }
}
