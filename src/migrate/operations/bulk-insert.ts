/**
 * `op.bulkInsert`: rows into a table, as one executemany online and as literal INSERTs offline.
 */
import { insert } from "../../sql/dml/insert.js";
import type { TableClause } from "../../sql/selectable/table-clause.js";
import type { MigrationContextLike } from "../context-like.js";
import type { BulkInsertOptions } from "./options.js";

/**
 * Inserts the rows; offline each row is its own INSERT with literal values (as Alembic writes
 * them), since a script has no executemany.
 * @example
 * await bulkInsert(ctx, accounts, [{ id: 1, name: "a" }], {});
 */
export async function bulkInsert(
  ctx: MigrationContextLike,
  table: TableClause,
  rows: readonly Record<string, unknown>[],
  opts: BulkInsertOptions,
): Promise<void> {
  if (rows.length === 0) return;
  if (!ctx.asSql && ctx.connection !== null && opts.multiinsert !== false) {
    await ctx.execute(insert(table), rows);
    return;
  }
  for (const row of rows) await ctx.execute(insert(table).values(row));
}
