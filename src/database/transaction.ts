/** The handle of a transaction started with `await db.transaction()`. */
import type { Claim } from "./claim.js";
import type { Frame, FrameOptions } from "./frame.js";

/** Options of `db.transaction()`. */
export interface TransactionOptions extends FrameOptions {
  /** aborts the wait for the connection or for the enclosing transaction, and the BEGIN */
  signal?: AbortSignal;
}

/**
 * A transaction of the facade: a root transaction, or a savepoint when one is already open in
 * the async context (or under `forceRollback`). The manual form binds the rest of the function
 * that awaited it (from its first use of the database or of this object right after the await)
 * until it ends.
 * @example
 * const tx = await db.transaction();
 * try { await db.execute(notes.insert(), { text: "a" }); await tx.commit(); }
 * catch (err) { await tx.rollback(); throw err; }
 */
export class DatabaseTransaction {
  /** @internal made by `db.transaction()`; `claim` for the manual form */
  constructor(
    private readonly frame: Frame,
    private readonly claim: Claim | null = null,
  ) {}

  /** True until committed or rolled back. */
  get isActive(): boolean {
    this.claim?.take();
    return this.frame.state === "active";
  }

  /** True for a savepoint (a transaction inside another). */
  get isNested(): boolean {
    this.claim?.take();
    return this.frame.outer?.tx !== null;
  }

  /** Commits (releases the savepoint); rolls back instead under `forceRollback`. Fails once ended. */
  async commit(): Promise<void> {
    this.claim?.take();
    await this.frame.conn.end(this.frame, true);
  }

  /** Rolls back (to the savepoint); does nothing once ended. */
  async rollback(): Promise<void> {
    this.claim?.take();
    await this.frame.conn.end(this.frame, false);
  }

  /** `await using tx = await db.transaction()` rolls back unless committed. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.rollback();
  }
}
