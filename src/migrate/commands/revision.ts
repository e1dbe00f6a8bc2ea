/**
 * `init`, `revision` and `merge`: the commands that write files.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { ArgumentError } from "../../exc.js";
import { CONFIG_FILES, type MigrateConfig } from "../config.js";
import { CommandError, MultipleHeads } from "../errors.js";
import { resolveId, upgradeTargets } from "../script/resolve.js";
import { newRevisionId } from "../script/template.js";
import { autogenerateBodies } from "./autogen-bridge.js";
import { scripts } from "./session.js";

/** Options of `revision`. */
export interface RevisionOptions {
  message?: string;
  /** Compare `targetMetadata` with the database and write the operations. */
  autogenerate?: boolean;
  /** The parent when there are several heads (`head`, an id, `label@head`, `base` for a new root). */
  head?: string;
  /** A branch label for the new revision. */
  branchLabel?: string | string[];
  /** A fixed id instead of a random one. */
  revId?: string;
  dependsOn?: string[];
}

/**
 * Writes a new revision file whose down revision is the current head; returns its path.
 * @example await command.revision(cfg, { message: "add account" })
 */
export async function revision(config: MigrateConfig, opts: RevisionOptions = {}): Promise<string> {
  const dir = scripts(config);
  const map = await dir.load();
  let down: string[];
  if (opts.head === "base") down = [];
  else if (opts.head) down = upgradeTargets(map, opts.head, []);
  else if (map.heads.length > 1) throw new MultipleHeads(map.heads, "head");
  else down = map.heads;
  const revId = opts.revId ?? newRevisionId();
  if (map.find(revId)) throw new CommandError(`Revision ${revId} already exists`);
  const bodies = opts.autogenerate ? await autogenerateBodies(config) : null;
  return dir.write({
    revision: revId,
    downRevision: down.length === 0 ? null : down.length === 1 ? down[0]! : down,
    branchLabels: opts.branchLabel ? [opts.branchLabel].flat() : null,
    dependsOn: opts.dependsOn?.map((d) => resolveId(map, d)) ?? null,
    message: opts.message ?? "",
    createDate: new Date(),
    ...(bodies ?? {}),
  });
}

/**
 * Writes a revision merging `revisions` (`heads` or ids); returns its path.
 * @example await command.merge(cfg, ["heads"], { message: "merge" })
 */
export async function merge(
  config: MigrateConfig,
  revisions: readonly string[],
  opts: { message?: string; branchLabel?: string; revId?: string } = {},
): Promise<string> {
  const dir = scripts(config);
  const map = await dir.load();
  const parents = [...new Set(revisions.flatMap((r) => (r === "heads" ? map.heads : [resolveId(map, r)])))];
  if (parents.length < 2) throw new CommandError(`Nothing to merge: ${parents.join(", ") || "no revisions"}`);
  return dir.write({
    revision: opts.revId ?? newRevisionId(),
    downRevision: parents,
    branchLabels: opts.branchLabel ? [opts.branchLabel] : null,
    dependsOn: null,
    message: opts.message ?? "merge",
    createDate: new Date(),
    upgradeBody: "  void op;",
    downgradeBody: "  void op;",
  });
}

const CONFIG_TEMPLATE = (dir: string) => `import { defineConfig } from "alkahest/migrate";

export default defineConfig({
  url: process.env.DATABASE_URL ?? "sqlite:///app.db",
  scriptLocation: ${JSON.stringify(dir)},
  // targetMetadata: async () => (await import("./src/schema.js")).metadata,
  lock: true,
});
`;

const ENV_TEMPLATE = `/**
 * Runtime hooks for this migrations directory. The config file drives every run; this module is
 * the place for helpers your revisions share (import it from a revision file).
 */
export {};
`;

/** Where `init` works: the directory and the project root holding the config file. */
interface InitTarget {
  directory: string;
  cwd: string;
}

/**
 * `init(directory, { cwd })` as the CLI calls it, or `init(config, directory)` as every other
 * command takes its config first (Alembic's `init(config, directory)`).
 */
function initTarget(first: string | MigrateConfig | undefined, second: unknown): InitTarget {
  if (first === undefined || typeof first === "string") {
    const opts = (second ?? {}) as { cwd?: string };
    return { directory: first ?? "migrations", cwd: opts.cwd ?? process.cwd() };
  }
  if (typeof first !== "object" || first === null) {
    throw new ArgumentError(`init() takes a directory or (config, directory); got ${typeof first}`);
  }
  if (second !== undefined && typeof second !== "string") {
    throw new ArgumentError(`init(config, directory): the directory must be a string; got ${typeof second}`);
  }
  return { directory: second ?? first.scriptLocation ?? "migrations", cwd: first.root ?? process.cwd() };
}

/** The project's config file, whichever extension it has (any of them is loaded, first wins). */
function existingConfigFile(cwd: string): string | undefined {
  return CONFIG_FILES.map((f) => join(cwd, f)).find((f) => existsSync(f));
}

/**
 * Creates \`<dir>/env.ts\`, \`<dir>/versions/\` and \`alkahest.config.ts\` unless the project
 * already has an \`alkahest.config.*\` (kept, as Alembic skips an existing ini: a new .ts one
 * would be loaded before it); fails on a non-empty directory.
 * @example
 * await command.init("migrations");
 * await command.init(config, "migrations");
 */
export async function init(directory?: string, opts?: { cwd?: string }): Promise<string[]>;
export async function init(config: MigrateConfig, directory?: string): Promise<string[]>;
export async function init(first?: string | MigrateConfig, second?: unknown): Promise<string[]> {
  const { directory, cwd } = initTarget(first, second);
  const dir = resolve(cwd, directory);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CommandError(`Directory ${directory} already exists and is not empty`);
  }
  const made: string[] = [];
  mkdirSync(join(dir, "versions"), { recursive: true });
  writeFileSync(join(dir, "versions", ".gitkeep"), "");
  made.push(join(dir, "versions"));
  writeFileSync(join(dir, "env.ts"), ENV_TEMPLATE);
  made.push(join(dir, "env.ts"));
  if (!existingConfigFile(cwd)) {
    const cfgPath = join(cwd, "alkahest.config.ts");
    writeFileSync(cfgPath, CONFIG_TEMPLATE(relative(cwd, dir) || "."));
    made.push(cfgPath);
  }
  return made;
}
