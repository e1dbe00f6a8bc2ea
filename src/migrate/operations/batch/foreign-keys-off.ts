/**
 * `PRAGMA foreign_keys` around SQLite's rebuild. Dropping a table that other tables reference
 * runs an implicit `DELETE FROM` under enforced foreign keys, which would fail or fire
 * ON DELETE CASCADE into the children; with enforcement off the children's references simply
 * point at the renamed new table afterwards. The pragma is a no-op inside a transaction, so
 * online (when the table is referenced and enforcement is on) the rebuild runs in the context's
 * autocommit block, which commits the work before it.
 */
import type { MigrationContextLike } from "../../context-like.js";

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

/**
 * Runs `fn` (the rebuild) with foreign key enforcement off where it matters.
 * @example
 * await withForeignKeysOff(ctx, "account", async () => { … });
 */
export async function withForeignKeysOff(
  ctx: MigrationContextLike,
  table: string,
  fn: () => Promise<void>,
): Promise<void> {
  const guarded = async () => {
    await ctx.execute("PRAGMA foreign_keys=OFF");
    try {
      await fn();
    } finally {
      await ctx.execute("PRAGMA foreign_keys=ON");
    }
  };
  if (ctx.asSql || ctx.connection === null) return guarded();
  const [[enabled]] = await pragmaValue(ctx, "PRAGMA foreign_keys");
  if (Number(enabled) !== 1 || !(await isReferenced(ctx, table))) return fn();
  // the connection begins a transaction on first use, so only an autocommit block gets the
  // pragma outside one
  return ctx.autocommitBlock(guarded);
}
