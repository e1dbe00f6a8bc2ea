/**
 * `upgrade`, `downgrade` and `stamp`: resolve the revision argument against the current heads
 * (read after taking the lock, so a second runner sees the first one's work) and run.
 */

import type { MigrateConfig } from "../config.js";
import type { StepEvent } from "../context.js";
import { CommandError } from "../errors.js";
import { runMigrations, runStamp } from "../run.js";
import { downgradeRemovals, parseRange, resolveStart, upgradeTargets } from "../script/resolve.js";
import { stampSteps } from "../script/stamp.js";
import { downgradeSteps, upgradeSteps } from "../script/steps.js";
import { targetMetadataOf } from "./autogen-bridge.js";
import { scripts, withContext } from "./session.js";

/** Options of `upgrade`/`downgrade`. */
export interface MigrateOptions {
  /** Offline: write SQL instead of running it (`a:b` ranges allowed). */
  sql?: boolean;
}

function rangeFor(rev: string, sql: boolean, what: string): { from: string | null; to: string } | null {
  const range = parseRange(rev);
  if (range && !sql) throw new CommandError(`Range revision not allowed for ${what} without --sql: '${rev}'`);
  return range;
}

/**
 * Upgrades to `rev` (`head`, `heads`, an id, `label@head`, `+N`, `id+N`; `a:b` with `sql`).
 * @example await command.upgrade(cfg, "head");
 */
export async function upgrade(
  config: MigrateConfig,
  rev: string,
  opts: MigrateOptions = {},
): Promise<StepEvent[]> {
  const sql = opts.sql ?? false;
  const range = rangeFor(rev, sql, "upgrade");
  const map = await scripts(config).load();
  const startingRev = range?.from ? resolveStart(map, range.from) : null;
  const dest = range ? range.to : rev;
  const targetMetadata = await targetMetadataOf(config);
  return withContext(config, { asSql: sql, startingRev, targetMetadata }, (ctx) =>
    runMigrations(ctx, map, (heads) => upgradeSteps(map, heads, upgradeTargets(map, dest, heads))),
  );
}

/**
 * Downgrades to `rev` (`base`, `-N`, an id, `label@base`; offline needs `from:to`).
 * @example await command.downgrade(cfg, "-1");
 */
export async function downgrade(
  config: MigrateConfig,
  rev: string,
  opts: MigrateOptions = {},
): Promise<StepEvent[]> {
  const sql = opts.sql ?? false;
  const range = rangeFor(rev, sql, "downgrade");
  if (sql && !range?.from) throw new CommandError("downgrade with --sql requires <fromrev>:<torev>");
  const map = await scripts(config).load();
  const startingRev = range?.from ? resolveStart(map, range.from) : null;
  const dest = range ? range.to : rev;
  const targetMetadata = await targetMetadataOf(config);
  return withContext(config, { asSql: sql, startingRev, targetMetadata }, (ctx) =>
    runMigrations(ctx, map, (heads) => downgradeSteps(map, downgradeRemovals(map, dest, heads))),
  );
}

/** Options of `stamp`. */
export interface StampOptions extends MigrateOptions {
  /** Empty the version table first. */
  purge?: boolean;
}

/**
 * Writes the version table as if `rev` were applied, running nothing (`base` empties it).
 * @example await command.stamp(cfg, "head", { purge: true }); await command.stamp(cfg, ["c3", "d4"]);
 */
export async function stamp(
  config: MigrateConfig,
  revs: string | readonly string[],
  opts: StampOptions = {},
): Promise<string[]> {
  const map = await scripts(config).load();
  // several revisions stamp several heads at once (Alembic's `stamp rev1 rev2`)
  const list = typeof revs === "string" ? [revs] : [...revs];
  const rev = list[0] ?? "head";
  if (list.length > 1 && list.some((r) => r.includes(":"))) {
    throw new CommandError("Staging multiple revisions with a range (--sql) is not supported");
  }
  const range = rangeFor(rev, opts.sql ?? false, "stamp");
  const dest = range ? range.to : rev;
  const startingRev = range?.from ? resolveStart(map, range.from) : null;
  const purge = opts.purge ?? false;
  if (purge && opts.sql) throw new CommandError("Can't use --purge with --sql mode");
  return withContext(config, { asSql: opts.sql ?? false, startingRev, lock: false }, async (ctx) => {
    const current = purge ? [] : await ctx.getCurrentHeads();
    const targets =
      list.length > 1
        ? list.flatMap((r) => (r === "base" ? [] : upgradeTargets(map, r, current)))
        : dest === "base"
          ? []
          : upgradeTargets(map, dest, current);
    return runStamp(ctx, stampSteps(map, current, targets), purge);
  });
}
