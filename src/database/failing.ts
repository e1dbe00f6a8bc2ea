/** Async generators that fail at their first step, for iterate() calls whose arguments are wrong. */

/**
 * An iteration that rejects at its first `next()` (as a generator function body would), so a bad
 * argument or a disconnected database never throws synchronously from `iterate()`.
 * @example
 * try { target = this.target(); } catch (err) { return failing(err); }
 */
// biome-ignore lint/correctness/useYield: it only reports the error, at the first next()
export async function* failing(err: unknown): AsyncGenerator<never, void, undefined> {
  throw err;
}
