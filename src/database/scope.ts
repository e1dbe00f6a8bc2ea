/**
 * Binding transactions to the async context. The callback form scopes exactly
 * (`AsyncLocalStorage.run`); the manual form (`await db.transaction()`) binds the rest of the
 * function that awaited it (`enterWith`, claimed as claim.ts explains).
 */
import type { AsyncLocalStorage } from "node:async_hooks";
import { Claim } from "./claim.js";
import { type ContextStore, type Frame, ManualBinding } from "./frame.js";
import { DatabaseTransaction, type TransactionOptions } from "./transaction.js";

/** A transaction callback; it receives the transaction (to end it early, if it wants). */
export type TransactionCallback<T> = (tx: DatabaseTransaction) => Promise<T>;

const ignore = (): undefined => undefined;

/** Begins `frame` and runs `fn` bound to it: commit when it resolves, roll back when it throws. */
async function runBound<T>(
  als: AsyncLocalStorage<ContextStore>,
  frame: Frame,
  fn: TransactionCallback<T>,
  signal?: AbortSignal,
): Promise<T> {
  return als.run(frame, async () => {
    await frame.conn.begin(frame, signal);
    const tx = new DatabaseTransaction(frame);
    let out: T;
    try {
      out = await fn(tx);
    } catch (err) {
      // the callback's error is the one to report, not a failed rollback after it
      await frame.conn.end(frame, false).catch(ignore);
      throw err;
    }
    if (frame.state === "active") await frame.conn.end(frame, true);
    return out;
  });
}

/**
 * Begins `frame` and binds it to the caller's async context for what follows the `await`: the
 * store set here is shared with whatever shares the caller's context, and binds only once the
 * opener claims it (claim.ts). `begin` runs first, so its own promises do not capture the binding.
 */
function bindManual(
  als: AsyncLocalStorage<ContextStore>,
  frame: Frame,
  signal?: AbortSignal,
): Promise<DatabaseTransaction> {
  const started = frame.conn.begin(frame, signal);
  let shared: ManualBinding;
  const claim = new Claim(
    () => als.getStore() === shared,
    () => als.enterWith(new ManualBinding(frame, claim, true)),
  );
  shared = new ManualBinding(frame, claim, false);
  als.enterWith(shared);
  return new Promise<DatabaseTransaction>((resolve, reject) => {
    started.then(() => claim.settle(resolve, new DatabaseTransaction(frame, claim)), reject);
  });
}

/**
 * The two forms of `transaction()`: with a callback (returns its result) or without (returns
 * the started transaction).
 * @example
 * startTransaction(als, (opts) => new Frame(h, null, h.base, opts), async () => work(), {});
 */
export function startTransaction<T>(
  als: AsyncLocalStorage<ContextStore>,
  makeFrame: (opts: TransactionOptions) => Frame,
  fnOrOptions: TransactionCallback<T> | TransactionOptions | undefined,
  options: TransactionOptions | undefined,
): Promise<T> | Promise<DatabaseTransaction> {
  const callback = typeof fnOrOptions === "function" ? fnOrOptions : null;
  const opts = (callback ? options : (fnOrOptions as TransactionOptions | undefined)) ?? {};
  let frame: Frame;
  try {
    frame = makeFrame(opts);
  } catch (err) {
    return Promise.reject<T>(err);
  }
  if (callback) return runBound(als, frame, callback, opts.signal);
  return bindManual(als, frame, opts.signal);
}
