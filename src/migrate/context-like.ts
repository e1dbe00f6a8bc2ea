/**
 * The surface of a migration context that operations (`op.*`) code against.
 * Kept separate from `MigrationContext` so the operations layer does not depend
 * on the runner (revision graph, version table, config).
 */
import type { Connection } from "../engine/connection.js";
import type { Inspector } from "../engine/reflection/inspector.js";
import type { ClauseElement } from "../sql/base.js";
import type { Dialect } from "../sql/dialect.js";
import type { NamingConvention } from "../sql/schema/metadata.js";

/**
 * What `Operations` needs from a migration context: a dialect, a way to emit
 * SQL (online or offline) and an inspector.
 * @example
 * async function addFlag(ctx: MigrationContextLike) {
 *   await ctx.execute("ALTER TABLE t ADD COLUMN flag BOOLEAN");
 * }
 */
export interface MigrationContextLike {
  /** The dialect statements are compiled for. */
  readonly dialect: Dialect;
  /** True in offline mode: statements are written as SQL text, nothing runs. */
  readonly asSql: boolean;
  /** The live connection, or null in offline mode. */
  readonly connection: Connection | null;
  /** Whether the dialect can roll back DDL (SQLite, PostgreSQL: yes; MySQL: no). */
  readonly transactionalDdl: boolean;
  /** The target metadata's naming convention, which names what `op.*` creates (Alembic's). */
  readonly namingConvention?: NamingConvention;
  /**
   * Runs (online) or writes with literal binds (offline) a statement; online, a list of
   * parameter sets runs it as one executemany.
   */
  execute(
    sqlOrStmt: string | ClauseElement,
    params?: Record<string, unknown> | readonly Record<string, unknown>[],
  ): Promise<void>;
  /** Commits the current transaction, runs `fn` in AUTOCOMMIT, then begins again. */
  autocommitBlock<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Whether something that cannot run inside a transaction (SQLite's `PRAGMA foreign_keys`) may
   * commit the connection's current one early: this context began it, and it holds nothing yet
   * or, with `transactionPerMigration`, only the current migration's work. Never a caller's.
   */
  mayEndTransaction(): boolean;
  /** An inspector on the live connection; rejects in offline mode. */
  inspector(): Promise<Inspector>;
}
