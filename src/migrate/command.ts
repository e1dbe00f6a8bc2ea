/**
 * The commands as functions (Alembic's `alembic.command`), the same names as the CLI's.
 * @example
 * import { command, defineConfig } from "alkahest/migrate";
 * await command.upgrade(defineConfig({ url: "sqlite:///app.db" }), "head");
 */
export { check } from "./commands/autogen-bridge.js";
export { branches, current, heads, history, show } from "./commands/inspect.js";
export { downgrade, type MigrateOptions, type StampOptions, stamp, upgrade } from "./commands/migrate.js";
export { init, merge, type RevisionOptions, revision } from "./commands/revision.js";
