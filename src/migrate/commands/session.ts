/**
 * Opens what a command works with: the script directory, and a migration context on the
 * config's connection, on a connection from its URL (closed afterwards), or offline.
 */
import { createEngine } from "../../engine/create.js";
import { type MigrateConfig, scriptDir } from "../config.js";
import { type MigrationContext as Ctx, MigrationContext, type MigrationContextOptions } from "../context.js";
import { CommandError } from "../errors.js";
import { ScriptDirectory } from "../script/directory.js";

/** The script directory of a config. @example const map = await scripts(cfg).load(); */
export function scripts(config: MigrateConfig): ScriptDirectory {
  return new ScriptDirectory(scriptDir(config));
}

function contextOptions(config: MigrateConfig, extra: MigrationContextOptions): MigrationContextOptions {
  return {
    versionTable: config.versionTable,
    versionTableSchema: config.versionTableSchema ?? null,
    transactionPerMigration: config.transactionPerMigration,
    transactionalDdl: config.transactionalDdl,
    lock: config.lock ?? true,
    lockTimeout: config.lockTimeout,
    onVersionApply: config.onVersionApply,
    outputBuffer: config.output,
    ...extra,
  };
}

/**
 * Runs `fn` with a context: offline when `extra.asSql`, else on the config's connection or a new
 * one from its URL.
 * @example await withContext(cfg, {}, (ctx) => ctx.getCurrentHeads())
 */
export async function withContext<T>(
  config: MigrateConfig,
  extra: MigrationContextOptions,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  const opts = contextOptions(config, extra);
  if (opts.asSql) {
    if (!config.url && !config.connection)
      throw new CommandError("Offline mode needs 'url' (for the dialect) in the config");
    const ctx = config.connection
      ? MigrationContext.configure({ dialect: config.connection.dialect, opts })
      : MigrationContext.configure({ url: config.url, opts });
    return fn(ctx);
  }
  if (config.connection) {
    const conn = config.connection;
    const callerTx = conn.inTransaction();
    const out = await fn(MigrationContext.configure({ connection: conn, opts }));
    // a caller's own transaction stays theirs; one our reads autobegan is ended
    if (!callerTx && conn.inTransaction()) await conn.commit();
    return out;
  }
  if (!config.url) throw new CommandError("The config needs 'url' or 'connection'");
  const engine = createEngine(config.url, { poolSize: 1 });
  try {
    const conn = await engine.connect();
    try {
      const ctx = MigrationContext.configure({ connection: conn, opts });
      const out = await fn(ctx);
      if (conn.inTransaction()) await conn.commit(); // reads autobegin; nothing is left pending
      return out;
    } finally {
      await conn.close();
    }
  } finally {
    await engine.dispose();
  }
}
