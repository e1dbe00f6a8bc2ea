/**
 * Read-only commands: `current`, `heads`, `branches`, `history`, `show`.
 */
import type { MigrateConfig } from "../config.js";
import { CommandError, ResolutionError } from "../errors.js";
import { parseRange, upgradeTargets } from "../script/resolve.js";
import type { RevisionMap } from "../script/revision-map.js";
import type { Script } from "../script/script.js";
import { walkOrder } from "../script/walk-order.js";
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

/**
 * The revisions an argument names, as Alembic's `show` lists them: one for an id, prefix, label
 * or `head`; every head for `heads` (`label@heads`: the branch's); the database's heads for
 * `current`.
 * @example (await command.show(cfg, "heads")).map((s) => s.revision)
 */
export async function show(config: MigrateConfig, rev: string): Promise<Script[]> {
  const map = await scripts(config).load();
  if (rev === "base") return [];
  const ids = rev === "current" ? await current(config) : upgradeTargets(map, rev, []);
  return ids.map((id) => map.get(id));
}

/** Heads first, in the order Alembic's history walks. */
function newestFirst(map: RevisionMap, ids: Iterable<string>): Script[] {
  return walkOrder(map, ids).map((id) => map.get(id));
}

/** `-N` as a history bound: N steps below each head (Alembic's `get_revisions("-N")`). */
function belowHeads(map: RevisionMap, n: number, arg: string): string[] {
  return map.heads.map((head) => {
    let cur = head;
    for (let i = 0; i < n; i++) {
      const down = map.get(cur).downRevisions;
      if (down.length !== 1)
        throw new ResolutionError(`Relative revision ${arg} didn't produce ${n} migrations`, arg);
      cur = down[0]!;
    }
    return cur;
  });
}

/**
 * Every revision, newest first; `range` (`a:b`, either end optional) limits it, both ends
 * included. An end may be `current` (the database's heads, as in Alembic's `history -r
 * current:`), and the start `-N` (N below the heads).
 * @example await command.history(cfg, { range: "base:head" })
 */
export async function history(config: MigrateConfig, opts: { range?: string } = {}): Promise<Script[]> {
  const map = await scripts(config).load();
  if (!opts.range) return newestFirst(map, map.ids);
  const range = parseRange(opts.range);
  if (!range)
    throw new CommandError(`History range requires [start]:[end], [start]:, or :[end]; got '${opts.range}'`);
  const db = range.from === "current" || range.to === "current" ? await current(config) : [];
  const bound = (arg: string): string[] => {
    if (arg === "current") return db;
    const rel = /^-(\d+)$/.exec(arg);
    return rel ? belowHeads(map, Number(rel[1]), arg) : upgradeTargets(map, arg, db);
  };
  const upper = range.to === "" || range.to === "heads" ? map.heads : bound(range.to);
  let ids = map.ancestors(upper);
  // with nothing applied, `current` as the start is base
  const lower = range.from ? bound(range.from) : [];
  if (lower.length) {
    const above = map.descendants(lower);
    ids = new Set([...ids].filter((id) => above.has(id)));
  }
  return newestFirst(map, ids);
}
