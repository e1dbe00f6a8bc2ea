#!/usr/bin/env node
/**
 * Runs the suite: every (workload, dialect, case) once per round, each in a fresh worker
 * process, rounds interleaved so the slow drift of a shared machine hits all cases alike.
 *
 *   node bench/run.mjs [--workloads W5] [--dialects sqlite,pg,mysql] [--cases a,b] [--rounds 3]
 *                      [--scale 1] [--check] [--profile [--profile-dialect pg]] [--out bench/RESULTS.md]
 *                      [--no-report] [--build]
 *
 * --check    run each case once untimed and print the SQL and params it produces
 * --profile  after the rounds, CPU-profile the workload's `profileCases` on one dialect (the hot
 *            spots are the compiler's, not the dialect's) and add them to the report
 * --build    measure src/ compiled now (tsc into the private snapshot) instead of a copy of dist/
 * Raw records go to bench/results/run-<date>.jsonl (last line: the environment).
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { getCase } from "./cases/index.mjs";
import { environment, load1 } from "./lib/env.mjs";
import { BENCH_DIR, DIST_DIR, RESULTS_DIR, ROOT_DIR } from "./lib/paths.mjs";
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
    else if (a === "--build") opts.build = true;
    else throw new Error(`unknown flag ${a}`);
  }
  return opts;
}

/** The (workload, dialect, cases) groups selected by the flags, in registry order. */
function groups(opts) {
  const out = [];
  for (const w of (opts.workloads ?? [...WORKLOADS.keys()]).map(getWorkload)) {
    for (const dialect of w.dialects.filter((d) => !opts.dialects || opts.dialects.includes(d))) {
      // --cases may also name registered cases outside the workload's list (A/B variants); a
      // case runs where it supports the dialect and has the factory the workload needs
      const runs = (c) => {
        const def = getCase(c);
        return def.dialects.includes(dialect) && Boolean(w.needsDb ? def.db : def.create);
      };
      const cases = (opts.cases ?? w.cases).filter(runs);
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
    { encoding: "utf8", maxBuffer: 16 << 20, env: { ...process.env, TZ: "UTC" } },
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
        if (!r.error && r.sql) console.log(`  ${r.sql.replace(/\s+/g, " ")}\n  ${JSON.stringify(r.params)}`);
        else if (!r.error) {
          const { workload: _w, dialect: _d, case: _c, round: _r, check: _k, ...rest } = r;
          console.log(`  ${JSON.stringify(rest)}`);
        }
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
    if (opts.build) {
      // --build: compile the working tree's src/ into the snapshot, so the run measures src/
      // as it is now even when the shared dist/ is stale or half-rebuilt by another session
      const tsc = spawnSync(
        process.execPath,
        [
          `${ROOT_DIR}node_modules/typescript/bin/tsc`,
          "-p",
          `${ROOT_DIR}tsconfig.build.json`,
          "--outDir",
          snapshot,
        ],
        { encoding: "utf8" },
      );
      if (!existsSync(`${snapshot}index.js`)) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
      if (tsc.status !== 0) console.error(`tsc reported errors (output still emitted):\n${tsc.stdout}`);
      env.dist = `src/ of ${ROOT_DIR} compiled with tsc at run start into a private snapshot`;
    } else {
      cpSync(DIST_DIR, snapshot, { recursive: true });
      env.dist += ", copied to a private snapshot at run start";
    }
    process.env.ALKAHEST_DIST = snapshot;
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
