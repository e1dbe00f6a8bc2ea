#!/usr/bin/env node
/**
 * Runs the suite: every (workload, dialect, case) once per round, each in a fresh worker
 * process, rounds interleaved so the slow drift of a shared machine hits all cases alike.
 *
 *   node bench/run.mjs [--workloads W5] [--dialects sqlite,pg,mysql] [--cases a,b] [--rounds 3]
 *                      [--scale 1] [--check] [--profile [--profile-dialect pg]] [--out bench/RESULTS.md]
 *                      [--no-report]
 *
 * --check    run each case once untimed and print the SQL and params it produces
 * --profile  after the rounds, CPU-profile the workload's `profileCases` on one dialect (the hot
 *            spots are the compiler's, not the dialect's) and add them to the report
 * Raw records go to bench/results/run-<date>.jsonl (first line: the environment).
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, rmSync } from "node:fs";
import { getCase } from "./cases/index.mjs";
import { environment, load1 } from "./lib/env.mjs";
import { BENCH_DIR, DIST_DIR, RESULTS_DIR } from "./lib/paths.mjs";
import { profileCase } from "./profile.mjs";
import { writeReport } from "./report.mjs";
import { serverVersion, setupDialect } from "./setup.mjs";
import { getWorkload, WORKLOADS } from "./workloads/index.mjs";

function parseArgs(argv) {
  const opts = { rounds: 3, scale: 1, out: `${BENCH_DIR}RESULTS.md`, profileDialect: "pg" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === "--workloads") opts.workloads = next().split(",");
    else if (a === "--dialects") opts.dialects = next().split(",");
    else if (a === "--cases") opts.cases = next().split(",");
    else if (a === "--rounds") opts.rounds = Number(next());
    else if (a === "--scale") opts.scale = Number(next());
    else if (a === "--out") opts.out = next();
    else if (a === "--check") opts.check = true;
    else if (a === "--profile") opts.profile = true;
    else if (a === "--profile-dialect") opts.profileDialect = next();
    else if (a === "--no-report") opts.noReport = true;
    else throw new Error(`unknown flag ${a}`);
  }
  return opts;
}

/** The (workload, dialect, cases) groups selected by the flags, in registry order. */
function groups(opts) {
  const out = [];
  for (const w of (opts.workloads ?? [...WORKLOADS.keys()]).map(getWorkload)) {
    for (const dialect of w.dialects.filter((d) => !opts.dialects || opts.dialects.includes(d))) {
      // --cases may also name registered cases outside the workload's list (A/B variants)
      const cases = opts.cases ? opts.cases.filter((c) => getCase(c).dialects.includes(dialect)) : w.cases;
      if (cases.length) out.push({ workload: w, dialect, cases });
    }
  }
  return out;
}

/** Round r starts at case r mod n; odd rounds run backwards, so no case always goes first or last. */
export function orderForRound(cases, round) {
  const k = round % cases.length;
  const rotated = [...cases.slice(k), ...cases.slice(0, k)];
  return round % 2 === 1 ? rotated.reverse() : rotated;
}

function runWorker(workload, dialect, caseName, extra) {
  const p = spawnSync(
    process.execPath,
    ["--expose-gc", `${BENCH_DIR}worker.mjs`, workload, dialect, caseName, ...extra],
    { encoding: "utf8", maxBuffer: 16 << 20 },
  );
  const line = p.stdout.trim().split("\n").pop();
  try {
    return JSON.parse(line);
  } catch {
    return { workload, dialect, case: caseName, error: `worker exited ${p.status}: ${p.stderr.trim()}` };
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const selected = groups(opts);
  if (!selected.length) throw new Error("nothing selected");

  // DB workloads need the data; setup is idempotent and untimed.
  const dbDialects = [...new Set(selected.filter((g) => g.workload.needsDb).map((g) => g.dialect))];
  for (const d of dbDialects) await setupDialect(d);

  if (opts.check) {
    let failed = 0;
    for (const g of selected) {
      for (const c of g.cases) {
        const r = runWorker(g.workload.name, g.dialect, c, ["--check"]);
        if (r.error) failed++;
        console.log(`${g.workload.name} ${g.dialect} ${c}: ${r.error ? `FAIL ${r.error}` : "ok"}`);
        if (!r.error) console.log(`  ${r.sql.replace(/\s+/g, " ")}\n  ${JSON.stringify(r.params)}`);
      }
    }
    process.exitCode = failed ? 1 : 0;
    return;
  }

  const env = { ...environment(), load1Start: load1(), rounds: opts.rounds, scale: opts.scale };
  env.command = `node bench/run.mjs ${process.argv.slice(2).join(" ")}`.trim();
  if (process.env.ALKAHEST_VARIANTS) env.variants = process.env.ALKAHEST_VARIANTS;
  env.servers = {};
  for (const d of dbDialects) env.servers[d] = await serverVersion(d);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = env.date.replace(/[:.]/g, "-");
  const file = `${RESULTS_DIR}run-${stamp}.jsonl`;
  // Other sessions rebuild the shared dist/ at any time; every worker of this run (and the
  // profiles) must measure the same build, so they import a private copy made now. It sits
  // under the repo so that dist's imports still resolve node_modules.
  const snapshot = `${RESULTS_DIR}dist-${stamp}/`;
  if (!process.env.ALKAHEST_DIST) {
    cpSync(DIST_DIR, snapshot, { recursive: true });
    process.env.ALKAHEST_DIST = snapshot;
    env.dist += ", copied to a private snapshot at run start";
  }
  const records = [];
  const total = selected.reduce((n, g) => n + g.cases.length, 0) * opts.rounds;
  const started = Date.now();
  for (let round = 0; round < opts.rounds; round++) {
    for (const g of selected) {
      for (const c of orderForRound(g.cases, round)) {
        const r = runWorker(g.workload.name, g.dialect, c, [
          "--round",
          String(round),
          "--scale",
          String(opts.scale),
        ]);
        r.load1 = load1();
        records.push(r);
        appendFileSync(file, `${JSON.stringify(r)}\n`);
        const shown = r.error ? `FAILED: ${r.error}` : `${r.usPerOp.toFixed(2)} µs/op`;
        console.error(
          `[${records.length}/${total}] round ${round} ${g.workload.name} ${g.dialect} ${c}: ${shown}`,
        );
      }
    }
  }
  env.load1End = load1();
  env.seconds = Math.round((Date.now() - started) / 1000);

  const profiles = [];
  if (opts.profile) {
    for (const g of selected.filter((x) => x.dialect === opts.profileDialect)) {
      for (const c of (g.workload.profileCases ?? []).filter((x) => g.cases.includes(x))) {
        console.error(`profiling ${g.workload.name} ${g.dialect} ${c}`);
        profiles.push(await profileCase(g.workload.name, g.dialect, c));
      }
    }
  }
  rmSync(snapshot, { recursive: true, force: true });
  appendFileSync(file, `${JSON.stringify({ type: "env", ...env, profiles })}\n`);
  console.error(`raw records: ${file}`);
  if (!opts.noReport) {
    writeReport({ env, records, profiles }, opts.out);
    console.error(`report: ${opts.out}`);
  }
  if (records.some((r) => r.error)) process.exitCode = 1;
}

await main();
