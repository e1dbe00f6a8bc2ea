/**
 * `defineConfig`: the settings every command reads (API.md's Migrations section), and
 * `loadConfig`: finding and importing `alkahest.config.ts` (or `.mts`/`.js`/`.mjs`).
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { Connection } from "../engine/connection.js";
import type { MetaData } from "../sql/index.js";
import type { AutogenOp } from "./autogenerate/ops.js";
import type { CompareOptions } from "./autogenerate/options.js";
import type { StepEvent } from "./context.js";
import { CommandError } from "./errors.js";
import type { OutputSink } from "./output.js";
import { importFile } from "./script/loader.js";

/** What `includeObject` is asked about (autogenerate). */
export type IncludeObject = (
  object: unknown,
  name: string | null,
  type: string,
  reflected: boolean,
  compareTo: unknown,
) => boolean;

/** A migrations configuration. */
export interface MigrateConfig {
  /** Database URL; or give `connection`. */
  url?: string;
  /** A live connection to use instead of `url` (its transaction state is respected). */
  connection?: Connection;
  /** Directory holding `versions/`; relative to the config file (or the cwd). Default `migrations`. */
  scriptLocation?: string;
  /** The metadata autogenerate compares with the database. */
  targetMetadata?: MetaData | (() => MetaData | Promise<MetaData>);
  versionTable?: string;
  versionTableSchema?: string;
  transactionPerMigration?: boolean;
  /** Override of the dialect default (PostgreSQL, SQLite: true; MySQL: false). */
  transactionalDdl?: boolean;
  /** Autogenerate renders batch blocks; default true on SQLite. */
  renderAsBatch?: boolean;
  compareType?: boolean;
  compareServerDefault?: boolean;
  /** autogenerate compares every schema, not only the default one (Alembic's `include_schemas`) */
  includeSchemas?: boolean;
  includeObject?: IncludeObject;
  includeName?: (name: string | null, type: string, parentNames: Record<string, unknown>) => boolean;
  processRevisionDirectives?: (ops: AutogenOp[]) => AutogenOp[] | undefined;
  /** autogenerate comparisons of your own (see `CompareOptions.comparators`) */
  comparators?: CompareOptions["comparators"];
  /** Advisory lock against concurrent runners; default true. */
  lock?: boolean;
  /** How long a second runner waits for the lock (ms); default 60000. */
  lockTimeout?: number;
  /** Where offline SQL and messages go; default stdout. */
  output?: OutputSink;
  /** Called after each applied step. */
  onVersionApply?: (event: StepEvent) => void;
  /** @internal the directory relative paths resolve against (set by `loadConfig`). */
  root?: string;
}

/**
 * Declares a configuration (identity, for typing `alkahest.config.ts`).
 * @example
 * export default defineConfig({ url: "sqlite:///app.db", scriptLocation: "migrations" });
 */
export function defineConfig(config: MigrateConfig): MigrateConfig {
  return config;
}

/** The absolute script location of a config. @example scriptDir(cfg) // "/app/migrations" */
export function scriptDir(config: MigrateConfig): string {
  const loc = config.scriptLocation ?? "migrations";
  return isAbsolute(loc) ? loc : resolve(config.root ?? process.cwd(), loc);
}

/** Config file names looked for, in order. */
export const CONFIG_FILES = [
  "alkahest.config.ts",
  "alkahest.config.mts",
  "alkahest.config.js",
  "alkahest.config.mjs",
];

/**
 * Loads a config file: `path` if given, else the first `alkahest.config.*` in `cwd`.
 * @example const cfg = await loadConfig(); // ./alkahest.config.ts
 */
export async function loadConfig(path?: string, cwd = process.cwd()): Promise<MigrateConfig> {
  const file = path ? resolve(cwd, path) : CONFIG_FILES.map((f) => join(cwd, f)).find((f) => existsSync(f));
  if (!file || !existsSync(file)) {
    throw new CommandError(
      path
        ? `Config file ${path} not found`
        : `No ${CONFIG_FILES.join(" / ")} in ${cwd}; run 'alkahest migrate init'`,
    );
  }
  const mod = await importFile(file);
  const cfg = (mod.default ?? mod.config) as MigrateConfig | undefined;
  if (!cfg || typeof cfg !== "object")
    throw new CommandError(`${file} has no default export from defineConfig()`);
  return { ...cfg, root: cfg.root ?? dirname(file) };
}
