/**
 * Read-only commands: `current`, `heads`, `branches`, `history`, `show`.
 */
import type { MigrateConfig } from "../config.js";
import { CommandError } from "../errors.js";
import { parseRange, resolveId, upgradeTargets } from "../script/resolve.js";
import type { RevisionMap } from "../script/revision-map.js";
import type { Script } from "../script/script.js";
import { scripts, withContext } from "./session.js";

/**
 * The version table's rows.
 * @example await command.current(cfg) // ["1975ea83b712"]
 */
export async function current(config: MigrateConfig): Promise<string[]> {
  return withContext(config, { lock: false }, (ctx) => ctx.getCurrentHeads());
}

/** The scripts' heads. @example await command.heads(cfg) */
export async function heads(config: MigrateConfig): Promise<Script[]> {
  const map = await scripts(config).load();
  return map.heads.map((h) => map.get(h));
}

/** The branch points. @example await command.branches(cfg) */
export async function branches(config: MigrateConfig): Promise<Script[]> {
  const map = await scripts(config).load();
  return map.scripts.filter((s) => s.isBranchPoint);
}

/** One revision (an id, prefix, label, `head`). @example await command.show(cfg, "head") */
export async function show(config: MigrateConfig, rev: string): Promise<Script> {
  const map = await scripts(config).load();
  const ids = upgradeTargets(map, rev, []);
  return map.get(ids[0]!);
}

function newestFirst(map: RevisionMap, ids: Iterable<string>): Script[] {
  return map
    .topological(ids)
    .reverse()
    .map((id) => map.get(id));
}

/**
 * Every revision, newest first; `range` (`a:b`, either end optional) limits it.
 * @example await command.history(cfg, { range: "base:head" })
 */
export async function history(config: MigrateConfig, opts: { range?: string } = {}): Promise<Script[]> {
  const map = await scripts(config).load();
  if (!opts.range) return newestFirst(map, map.ids);
  const range = parseRange(opts.range);
  if (!range) throw new CommandError(`History range must be a:b, got '${opts.range}'`);
  const upper = range.to === "" || range.to === "heads" ? map.heads : upgradeTargets(map, range.to, []);
  let ids = map.ancestors(upper);
  if (range.from) {
    const lower = resolveId(map, range.from);
    const above = map.descendants([lower]);
    ids = new Set([...ids].filter((id) => above.has(id)));
  }
  return newestFirst(map, ids);
}
