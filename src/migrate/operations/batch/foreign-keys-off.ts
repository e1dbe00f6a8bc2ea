/**
 * `PRAGMA foreign_keys` around SQLite's rebuild. Dropping a table that other tables reference
 * runs an implicit `DELETE FROM` under enforced foreign keys, which would fail or fire
 * ON DELETE CASCADE into the children; with enforcement off the children's references simply
 * point at the renamed new table afterwards.
 *
 * SQLite ignores the pragma inside a transaction (and better-sqlite3 enforces foreign keys by
 * default). Alembic emits no pragma and leaves this to the user; here it is sent outside a
 * transaction, or after committing one the migration context may end (see
 * `mayEndTransaction`: nothing in it yet, or `transactionPerMigration`). A caller's transaction,
 * or the run's single transaction holding earlier work, is never ended: the batch refuses with
 * what to do instead. Offline nothing is added, as in Alembic's output.
 */

import type { MigrationContextLike } from "../../context-like.js";
import { CommandError } from "../../errors.js";

async function pragmaValue(ctx: MigrationContextLike, sql: string): Promise<unknown[][]> {
  const result = await ctx.connection!.execDriverSql(sql);
  return (await result.all()).map((r) => [...r]);
}

/** Whether some other table has a foreign key to `table`. */
async function isReferenced(ctx: MigrationContextLike, table: string): Promise<boolean> {
  const tables = await pragmaValue(
    ctx,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  for (const [name] of tables) {
    if (name === table) continue;
    const fks = await pragmaValue(ctx, `PRAGMA foreign_key_list("${String(name).replaceAll('"', '""')}")`);
    if (fks.some((fk) => fk[2] === table)) return true;
  }
  return false;
}

function openTransactionError(table: string): CommandError {
  return new CommandError(
    `batchAlterTable("${table}") rebuilds a table other tables reference while SQLite enforces ` +
      "foreign keys: dropping the old table would run their ON DELETE actions, and the " +
      "PRAGMA foreign_keys=OFF that prevents it is ignored inside a transaction. The connection " +
      "is in a transaction holding earlier work, which the batch will not commit on its own. Run " +
      "the batch inside op.getContext().autocommitBlock(...), or migrate with " +
      "transactionPerMigration: true (either commits the work before the rebuild), or turn " +
      "foreign key enforcement off for the migration run.",
  );
}

/** The connection's transaction as the batch found it, before its reads autobegan one. */
export interface TransactionAtStart {
  /** the connection runs in AUTOCOMMIT (inside an autocommit block) */
  readonly autocommit: boolean;
  /** a transaction holds work that committing would make permanent */
  readonly pending: boolean;
}

/**
 * Notes the connection's transaction state; call it before the batch reflects anything.
 * @example
 * const start = transactionAtStart(ctx);
 */
export function transactionAtStart(ctx: MigrationContextLike): TransactionAtStart {
  const conn = ctx.connection;
  const autocommit = conn?.getExecutionOptions().isolationLevel === "AUTOCOMMIT";
  return {
    autocommit,
    pending: conn !== null && !autocommit && conn.inTransaction() && !ctx.mayEndTransaction(),
  };
}

/**
 * Runs `fn` (the rebuild) with foreign key enforcement off where it matters (online SQLite).
 * @example
 * await withForeignKeysOff(ctx, "account", transactionAtStart(ctx), async () => { … });
 */
export async function withForeignKeysOff(
  ctx: MigrationContextLike,
  table: string,
  start: TransactionAtStart,
  fn: () => Promise<void>,
): Promise<void> {
  const conn = ctx.connection;
  if (ctx.asSql || conn === null) return fn();
  const { autocommit, pending } = start;
  const [[enabled]] = await pragmaValue(ctx, "PRAGMA foreign_keys");
  if (Number(enabled) !== 1 || !(await isReferenced(ctx, table))) return fn();
  if (pending) throw openTransactionError(table);
  const guarded = async () => {
    await conn.execDriverSql("PRAGMA foreign_keys=OFF");
    try {
      // the rebuild itself stays all-or-nothing: a savepoint outside a transaction is one
      await conn.beginNested(async () => fn());
    } finally {
      await conn.execDriverSql("PRAGMA foreign_keys=ON");
    }
  };
  return autocommit ? guarded() : ctx.autocommitBlock(guarded);
}
