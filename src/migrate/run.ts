/**
 * The run loop: lock, transactions, steps and version-row changes (Alembic's
 * `MigrationContext.run_migrations` with `begin_transaction`).
 *
 * Transactions online: a caller already in a transaction owns it (nothing begun or committed
 * here); otherwise one transaction for the whole run on transactional-DDL dialects, else (or
 * with `transactionPerMigration`) one per migration, which on MySQL protects only DML and the
 * version row because MySQL commits around each DDL statement.
 */
import type { MigrationContext, StepEvent } from "./context.js";
import { CommandError, MigrationStepError } from "./errors.js";
import { acquireLock } from "./lock.js";
import { Operations } from "./operations-type.js";
import type { RevisionMap } from "./script/revision-map.js";
import type { StampStep } from "./script/stamp.js";
import { type MigrationStep, versionChanges } from "./script/steps.js";

/** Picks the steps once the current heads are known (after the lock). */
export type StepPlanner = (heads: readonly string[]) => MigrationStep[];

function stepLog(map: RevisionMap, step: MigrationStep): { from: string[]; to: string[] } {
  const rev = step.script.revision;
  const down = [...map.get(rev).downRevisions];
  return step.direction === "upgrade" ? { from: down, to: [rev] } : { from: [rev], to: down };
}

async function runStep(ctx: MigrationContext, step: MigrationStep): Promise<void> {
  const fn = step.direction === "upgrade" ? step.script.module.upgrade : step.script.module.downgrade;
  if (typeof fn !== "function") {
    throw new Error(`revision ${step.script.revision} has no ${step.direction}() function`);
  }
  await fn(new Operations(ctx));
}

/**
 * Runs the planned steps and returns them with their timings.
 * @example
 * await runMigrations(ctx, map, (heads) => upgradeSteps(map, heads, ["head-id"]));
 */
export async function runMigrations(
  ctx: MigrationContext,
  map: RevisionMap,
  plan: StepPlanner,
): Promise<StepEvent[]> {
  return ctx.asSql ? runOffline(ctx, map, plan) : runOnline(ctx, map, plan);
}

async function runOffline(ctx: MigrationContext, map: RevisionMap, plan: StepPlanner): Promise<StepEvent[]> {
  const writer = ctx.writer!;
  const perStep = ctx.opts.transactionPerMigration ?? false;
  const events: StepEvent[] = [];
  if (ctx.transactionalDdl && !perStep) writer.statement("BEGIN");
  const heads = new Set(await ctx.getCurrentHeads());
  const steps = plan([...heads]);
  const upgrading = steps.length === 0 || steps[0]!.direction === "upgrade";
  if (upgrading) await ctx.ensureVersionTable();
  for (const step of steps) {
    if (ctx.transactionalDdl && perStep) writer.statement("BEGIN");
    const { from, to } = stepLog(map, step);
    writer.comment(`Running ${step.direction} ${from.join(", ")} -> ${to.join(", ")}`);
    const t0 = performance.now();
    await runStep(ctx, step);
    for (const c of versionChanges(map, heads, step)) await ctx.applyVersionChange(c);
    if (ctx.transactionalDdl && perStep) writer.statement("COMMIT");
    events.push(event(step, from, to, performance.now() - t0, heads));
    ctx.opts.onVersionApply?.(events[events.length - 1]!);
  }
  if (ctx.transactionalDdl && !perStep) writer.statement("COMMIT");
  return events;
}

function event(step: MigrationStep, from: string[], to: string[], ms: number, heads: Set<string>): StepEvent {
  return {
    revision: step.script.revision,
    direction: step.direction,
    from,
    to,
    message: step.script.doc,
    durationMs: ms,
    heads: [...heads].sort(),
  };
}

async function runOnline(ctx: MigrationContext, map: RevisionMap, plan: StepPlanner): Promise<StepEvent[]> {
  const conn = ctx.bind();
  const callerTx = conn.inTransaction();
  const perStep = !callerTx && (!ctx.transactionalDdl || (ctx.opts.transactionPerMigration ?? false));
  const wholeRun = !callerTx && !perStep;
  const vt = ctx.versionTable;
  const release = ctx.opts.lock
    ? await acquireLock(conn, { schema: vt.schema ?? null, name: vt.name }, ctx.opts.lockTimeout ?? 60_000)
    : null;
  const events: StepEvent[] = [];
  let current: MigrationStep | null = null;
  try {
    if (wholeRun) {
      await ctx.beginOwn();
    }
    const heads = new Set(await ctx.getCurrentHeads());
    if (perStep) await conn.commit(); // ends the read's autobegun transaction
    const steps = plan([...heads]);
    if (steps.length > 0 && steps[0]!.direction === "upgrade") {
      await ctx.ensureVersionTable();
      if (perStep) await conn.commit();
    }
    for (const step of steps) {
      current = step;
      if (perStep) {
        await ctx.beginOwn();
      }
      const t0 = performance.now();
      await runStep(ctx, step);
      // the version row moves in the same transaction as the step's work
      for (const c of versionChanges(map, heads, step)) await ctx.applyVersionChange(c);
      if (perStep) await ctx.commitOwn();
      const { from, to } = stepLog(map, step);
      events.push(event(step, from, to, performance.now() - t0, heads));
      ctx.opts.onVersionApply?.(events[events.length - 1]!);
      current = null;
    }
    if (wholeRun) await ctx.commitOwn();
    return events;
  } catch (err) {
    await ctx.rollbackOwn().catch(() => {});
    if (!callerTx && conn.inTransaction()) await conn.rollback().catch(() => {});
    if (current && !(err instanceof CommandError))
      throw new MigrationStepError(current.script.revision, current.direction, err);
    throw err;
  } finally {
    if (release) await release();
  }
}

/**
 * Writes the version table for `stamp`, running no migration; returns the heads after. Offline
 * the output is framed as Alembic frames it: BEGIN/COMMIT where DDL is transactional, the
 * version table created when starting from base, `-- Running stamp_revision a -> b` per step.
 * @example
 * await runStamp(ctx, stampSteps(map, await ctx.getCurrentHeads(), ["c"]), false);
 */
export async function runStamp(
  ctx: MigrationContext,
  steps: readonly StampStep[],
  purge: boolean,
): Promise<string[]> {
  const heads = new Set(purge ? [] : await ctx.getCurrentHeads());
  const writer = ctx.writer;
  const perStep = ctx.opts.transactionPerMigration ?? false;
  const frame = (sql: string, each: boolean) => {
    if (writer && ctx.transactionalDdl && perStep === each) writer.statement(sql);
  };
  frame("BEGIN", false);
  await ctx.ensureVersionTable();
  if (purge) await ctx.execute(ctx.versionTable.purge());
  for (const step of steps) {
    frame("BEGIN", true);
    writer?.comment(`Running stamp_revision ${step.from.join(", ")} -> ${step.to.join(", ")}`);
    for (const c of step.changes) {
      await ctx.applyVersionChange(c);
      if (c.kind === "insert") heads.add(c.rev);
      else if (c.kind === "delete") heads.delete(c.rev);
      else {
        heads.delete(c.from);
        heads.add(c.to);
      }
    }
    frame("COMMIT", true);
  }
  frame("COMMIT", false);
  return [...heads].sort();
}
