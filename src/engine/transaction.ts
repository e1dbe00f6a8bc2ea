import { InvalidRequestError } from "../exc.js";
import type { Connection } from "./connection.js";

/** What a transaction needs from its connection. @internal */
export interface TransactionHost {
  _commitRoot(tx: RootTransaction): Promise<void>;
  _rollbackRoot(tx: RootTransaction): Promise<void>;
  _releaseSavepoint(tx: NestedTransaction): Promise<void>;
  _rollbackToSavepoint(tx: NestedTransaction): Promise<void>;
}

/** Common state of root and nested transactions. */
abstract class Transaction {
  /** false once committed, rolled back, or made invalid by a lost connection */
  isActive = true;

  constructor(protected readonly host: TransactionHost) {}

  /** The Connection this transaction belongs to. */
  get connection(): Connection {
    return this.host as unknown as Connection;
  }

  /** Active, on a connection that has not been invalidated (SQLAlchemy's `is_valid`). */
  get isValid(): boolean {
    return this.isActive && !this.connection.invalidated;
  }

  /** Commits (or releases the savepoint). */
  abstract commit(): Promise<void>;
  /** Rolls back (to the savepoint, for a nested transaction). */
  abstract rollback(): Promise<void>;

  /** Rolls back unless already ended (what leaving a `begin()` block without commit does). */
  async close(): Promise<void> {
    await this.rollback();
  }

  /** `await using tx = await conn.begin()` rolls back unless committed. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** @internal deactivates without SQL (the enclosing transaction ended) */
  _cancel(): void {
    this.isActive = false;
  }
}

/**
 * The connection's outermost transaction: `conn.begin()` or the one autobegun by the first
 * statement. BEGIN is emitted by alkahest itself (no Node driver begins implicitly).
 * @example
 * const tx = await conn.begin(); await conn.execute(ins, rows); await tx.commit();
 */
export class RootTransaction extends Transaction {
  /** Fails once ended, and with PendingRollbackError while the connection awaits rollback(). */
  async commit(): Promise<void> {
    await this.host._commitRoot(this);
  }
  /** Also clears a transaction lost to invalidation; a no-op once it has ended. */
  async rollback(): Promise<void> {
    await this.host._rollbackRoot(this);
  }
}

/**
 * A SAVEPOINT (`conn.beginNested()`), named `sa_savepoint_1`, `sa_savepoint_2` … per connection.
 * `commit()` releases it; `rollback()` undoes only the work since it was taken.
 * @example
 * const sp = await conn.beginNested();
 * try { await conn.execute(risky); await sp.commit(); } catch { await sp.rollback(); }
 */
export class NestedTransaction extends Transaction {
  constructor(
    host: TransactionHost,
    /** the savepoint name */
    readonly name: string,
    /** the savepoint this one is inside, if any */
    readonly previous: NestedTransaction | null,
  ) {
    super(host);
  }
  async commit(): Promise<void> {
    if (!this.isActive) throw new InvalidRequestError("This nested transaction is inactive");
    await this.host._releaseSavepoint(this);
  }
  async rollback(): Promise<void> {
    if (!this.isActive) return;
    await this.host._rollbackToSavepoint(this);
  }
}

export type { Transaction };
