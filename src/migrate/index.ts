/**
 * `alkahest/migrate`: Alembic for alkahest — revisions, the version table, offline SQL, commands.
 * @example
 * import { MigrationContext, Operations, command, defineConfig } from "alkahest/migrate";
 * const ctx = MigrationContext.configure({ connection: conn });
 * await ctx.getCurrentHeads();
 * await new Operations(ctx).addColumn("account", new sa.Column("email", sa.String(100)));
 */

export {
  type AutogenOp,
  type CompareOptions,
  type CustomOp,
  compareMetadata,
  renderRevision,
} from "./autogenerate/index.js";
export * as command from "./command.js";
export { CONFIG_FILES, defineConfig, type IncludeObject, loadConfig, type MigrateConfig } from "./config.js";
export {
  type ConfigureArgs,
  MigrationContext,
  type MigrationContextOptions,
  type MigrationTransaction,
  type StepEvent,
} from "./context.js";
export type { MigrationContextLike } from "./context-like.js";
export * from "./errors.js";
export { Operations } from "./operations-type.js";
export { type OutputSink, SqlBuffer } from "./output.js";
export { runMigrations, type StepPlanner } from "./run.js";
export { ScriptDirectory } from "./script/directory.js";
export { importFile } from "./script/loader.js";
export { downgradeRemovals, parseRange, resolveId, upgradeTargets } from "./script/resolve.js";
export { RevisionMap } from "./script/revision-map.js";
export { type RevisionModule, Script } from "./script/script.js";
export {
  downgradeSteps,
  type MigrationStep,
  upgradeSteps,
  type VersionChange,
  versionChanges,
} from "./script/steps.js";
export { VersionTable } from "./version-table.js";
