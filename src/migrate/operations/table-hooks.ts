/**
 * The dialect DDL `op.createTable` / `op.dropTable` run around a table, as Alembic's
 * `DefaultImpl.create_table` / `drop_table` dispatch the Table's before/after create and drop
 * events: on PostgreSQL, `CREATE TYPE … AS ENUM` for the named ENUM types of its columns before
 * CREATE TABLE, and `DROP TYPE` after DROP TABLE.
 */
import { CreateEnumType, DropEnumType, enumKey, namedEnumTypes } from "../../dialects/postgresql/enum-ddl.js";
import type { ClauseElement } from "../../sql/base.js";
import type { SchemaHookContext, SchemaHooks } from "../../sql/schema/create-drop.js";
import type { Table } from "../../sql/schema/table.js";
import type { MigrationContextLike } from "../context-like.js";
import { dialectFamily } from "./ddl/base.js";

/**
 * The types each migration context created: one memo per run, as Alembic keeps one `impl.memo`
 * per run, so a type two created tables share is created once (SQLAlchemy's
 * `_check_for_name_in_memos`). A drop is never skipped (only the columns given to
 * `op.dropTable` name types to drop) and forgets the type, so a later table creates it again.
 */
const created = new WeakMap<MigrationContextLike, Set<string>>();

function createdBy(ctx: MigrationContextLike): Set<string> {
  let memo = created.get(ctx);
  if (!memo) created.set(ctx, (memo = new Set()));
  return memo;
}

function hookContext(memo: Set<string>): SchemaHookContext {
  return {
    // Alembic dispatches with checkfirst=False: the migration says what exists, online or not
    checkfirst: false,
    memo,
    exists: () => Promise.reject(new Error("op.createTable/dropTable do not check first")),
  };
}

/**
 * The hooks of the context's dialect. A compile-only PostgreSQL dialect (`postgresql.dialect()`
 * handed to an offline context) has none of the runtime's, yet `--sql` output must still create
 * the types: there the named ENUM DDL is built here, as the runtime hook builds it without
 * checkfirst.
 */
function hooksOf(ctx: MigrationContextLike): SchemaHooks {
  const d = ctx.dialect as SchemaHooks;
  if (d.preCreateTable || d.postDropTable || dialectFamily(ctx.dialect) !== "postgresql") return d;
  const once = (table: Table, memo: Set<string>) =>
    namedEnumTypes(table).filter((t) => !memo.has(enumKey(t)) && memo.add(enumKey(t)));
  return {
    preCreateTable: (table, hc) => once(table, hc.memo).map((t) => new CreateEnumType(t)),
    postDropTable: (table, hc) => once(table, hc.memo).map((t) => new DropEnumType(t)),
  };
}

/**
 * The statements the dialect runs before CREATE TABLE of `table` (none on most dialects).
 * @example
 * for (const s of await beforeCreateTable(ctx, t)) await ctx.execute(s); // CREATE TYPE mood AS ENUM (…)
 */
export async function beforeCreateTable(
  ctx: MigrationContextLike,
  table: Table,
): Promise<readonly ClauseElement[]> {
  const hooks = hooksOf(ctx);
  return (await hooks.preCreateTable?.(table, hookContext(createdBy(ctx)))) ?? [];
}

/**
 * The statements the dialect runs after DROP TABLE of `table` (none on most dialects).
 * @example
 * for (const s of await afterDropTable(ctx, t)) await ctx.execute(s); // DROP TYPE mood
 */
export async function afterDropTable(
  ctx: MigrationContextLike,
  table: Table,
): Promise<readonly ClauseElement[]> {
  const hooks = hooksOf(ctx);
  const dropped = new Set<string>();
  const out = (await hooks.postDropTable?.(table, hookContext(dropped))) ?? [];
  for (const k of dropped) createdBy(ctx).delete(k);
  return out;
}
