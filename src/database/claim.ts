/**
 * Binding the non-callback forms (`await db.transaction()`, `await engine.acquire()`) to the
 * function that awaited them, and to nothing else.
 *
 * Why this is needed: such a form can only bind its caller with `AsyncLocalStorage.enterWith`,
 * done before the caller's `await` captures the context. When the call sits in the synchronous
 * start of an async function (`async function a() { const tx = await db.transaction(); … }`),
 * that context is also the one of whoever called `a()`: its code after `a()` (a sibling started by
 * the same `Promise.all`, its own next queries) captures the very same store. JavaScript has no
 * per-task context copy, so the store alone cannot tell the opener from those others.
 *
 * What tells them apart is time. The form resolves its promise from a microtask, queued between
 * two microtasks of its own: `[open, reactions to the promise, close]`. The microtask queue is
 * FIFO, so between `open` and `close` only the code that awaited the promise runs, i.e. the rest
 * of the opener up to its next await. The first use of the binding in that window (a query, the
 * transaction object, `engine.currentConnection`…) claims it: the opener's context gets a binding
 * of its own (`enterWith` from the opener's continuation reaches no one else), and the shared
 * store stops counting. Others holding the shared store then run as if it were not there, which
 * is what encode/databases' per-task contexts give them.
 *
 * When the window passes unclaimed (the opener awaited something else first), the shared store
 * cannot be told apart from the opener's: every use of it fails with `unclaimedBinding()` while
 * the binding lasts, rather than guessing.
 */
import { InvalidRequestError } from "../exc.js";

/**
 * - `pending`: the form has not resolved yet (nobody may use the binding);
 * - `window`: only the awaiting code runs; its first use claims;
 * - `claimed`: the opener has its own binding; the shared store no longer binds;
 * - `unclaimed`: the window passed without a use; the shared store is ambiguous.
 */
export type ClaimState = "pending" | "window" | "claimed" | "unclaimed";

/**
 * The claim of one non-callback binding.
 * @example
 * const claim = new Claim(() => als.getStore() === shared, () => als.enterWith(owned));
 * begin().then(() => claim.settle(resolve, tx), reject);
 */
export class Claim {
  state: ClaimState = "pending";

  constructor(
    /** whether the current context's store is the shared one (so `bindOwned` may replace it) */
    private readonly isShared: () => boolean,
    /** binds the opener's own store (`enterWith`) */
    private readonly bindOwned: () => void,
  ) {}

  /**
   * Resolves the form's promise so that exactly the code awaiting it runs inside the window.
   * Must run after the opener has awaited the promise (any later microtask does).
   */
  settle<T>(resolve: (value: T) => void, value: T): void {
    queueMicrotask(() => {
      if (this.state === "pending") this.state = "window";
    });
    resolve(value);
    queueMicrotask(() => {
      if (this.state === "window") this.state = "unclaimed";
    });
  }

  /**
   * Claims the binding when called inside the window (from the opener, by construction): binds
   * the opener's own store when the current store is the shared one. True when it claimed now.
   */
  take(): boolean {
    if (this.state !== "window") return false;
    this.state = "claimed";
    if (this.isShared()) this.bindOwned();
    return true;
  }
}

/**
 * The error of a use of an unclaimed binding.
 * @example
 * if (claim.state === "unclaimed") throw unclaimedBinding("await db.transaction()");
 */
export function unclaimedBinding(form: string): InvalidRequestError {
  return new InvalidRequestError(
    `This async context holds a binding made by \`${form}\` that its opener did not use straight ` +
      "after the await, so it can't be told apart from code that merely shares the opener's " +
      "context (a Promise.all sibling, the caller). Use the database (or the returned object) " +
      "right after the await, before awaiting anything else, or use the callback form, which " +
      "scopes exactly its callback",
  );
}
