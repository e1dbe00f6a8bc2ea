#!/usr/bin/env node
/**
 * Turns a run's records into markdown. Every ratio is computed per round against the
 * comparison case of the same round (both ran minutes apart at most, on the same load), then the
 * median over rounds is quoted with its min–max range. Absolute numbers are secondary.
 *
 *   node bench/report.mjs [bench/results/run-….jsonl] [--out bench/RESULTS.md]
 *
 * Anything in the existing output file below NOTES_MARKER is hand-written analysis and is kept.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { BENCH_DIR, isMain, RESULTS_DIR } from "./lib/paths.mjs";
import { profileMarkdown } from "./profile.mjs";
import { getWorkload } from "./workloads/index.mjs";

export const NOTES_MARKER =
  "<!-- notes: everything below this line is hand-written and kept when the report is regenerated -->";

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const fmt = (x, digits = 2) => (x === undefined || Number.isNaN(x) ? "–" : x.toFixed(digits));
const fmtInt = (x) => Math.round(x).toLocaleString("en-US");
const range = (xs, digits = 2) =>
  xs.length ? `${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)}` : "–";

/** Per-round time ratios of `rows` against case `vs` (same workload, dialect and round). */
function ratios(rows, byRound, vs) {
  const out = [];
  for (const r of rows) {
    const base = byRound.get(r.round)?.get(vs);
    if (base) out.push(r.usPerOp / base.usPerOp);
  }
  return out;
}

function workloadSection(workload, records) {
  const dialects = [...new Set(records.map((r) => r.dialect))];
  // the workload's cases in its order, then any others that ran (A/B variants) as first seen
  const seen = new Set(records.map((r) => r.case));
  const cases = [
    ...workload.cases.filter((c) => seen.has(c)),
    ...[...seen].filter((c) => !workload.cases.includes(c)),
  ];
  const vs = workload.ratioVs ?? [];
  const lines = [`## ${workload.name}: ${workload.title}`, ""];
  lines.push(
    `| dialect | case | median ${workload.unit.name} | range | median ops/s | ${vs.map((v) => `time × vs ${v} | range`).join(" | ")} | n |`,
    `|---|---|---:|---:|---:|${vs.map(() => "---:|---:").join("|")}|---:|`,
  );
  const summary = new Map(); // "dialect/case" → { us, ratio: { vs → median } }
  for (const d of dialects) {
    const ok = records.filter((r) => r.dialect === d && !r.error);
    const byRound = new Map();
    for (const r of ok) {
      if (!byRound.has(r.round)) byRound.set(r.round, new Map());
      byRound.get(r.round).set(r.case, r);
    }
    for (const c of cases) {
      const rows = ok.filter((r) => r.case === c);
      if (!rows.length) continue;
      const us = rows.map((r) => r.usPerOp);
      const cells = vs.map((v) => {
        const rs = ratios(rows, byRound, v);
        return `${rs.length ? fmt(median(rs)) : "–"} | ${range(rs)}`;
      });
      const ratioMedians = Object.fromEntries(vs.map((v) => [v, median(ratios(rows, byRound, v))]));
      summary.set(`${d}/${c}`, { us: median(us), ratio: ratioMedians });
      const digits = median(us) < 1 ? 3 : 2;
      lines.push(
        `| ${d} | ${c} | ${fmt(median(us), digits)} | ${range(us, digits)} | ${fmtInt(median(rows.map((r) => r.opsPerSec)))} | ${cells.join(" | ")} | ${rows.length} |`,
      );
    }
  }
  const failed = records.filter((r) => r.error);
  if (failed.length) {
    lines.push("", "Failed measurements (excluded):", "");
    for (const f of failed) lines.push(`- round ${f.round} ${f.dialect} ${f.case}: ${f.error}`);
  }
  if (workload.targets?.length) {
    lines.push("", "Targets:", "", "| dialect | target | value | met? |", "|---|---|---:|---|");
    for (const d of dialects) {
      for (const t of workload.targets) {
        const s = summary.get(`${d}/${t.case}`);
        if (!s) continue;
        const value = t.ratioVs ? s.ratio[t.ratioVs] : s.us;
        const shown = t.ratioVs ? `${fmt(value)} ×` : `${fmt(value)} µs`;
        lines.push(`| ${d} | ${t.label} | ${shown} | ${value <= t.max ? "yes" : "**no**"} |`);
      }
    }
  }
  lines.push("", `Per round, ${workload.unit.name} (round: case order as run):`, "");
  const rounds = [...new Set(records.map((r) => r.round))].sort((a, b) => a - b);
  lines.push(
    `| dialect | case | ${rounds.map((r) => `r${r}`).join(" | ")} |`,
    `|---|---|${rounds.map(() => "---:").join("|")}|`,
  );
  for (const d of dialects) {
    for (const c of cases) {
      const cells = rounds.map((rd) => {
        const r = records.find((x) => x.dialect === d && x.case === c && x.round === rd);
        return r ? (r.error ? "err" : fmt(r.usPerOp, r.usPerOp < 1 ? 3 : 2)) : "";
      });
      if (cells.some(Boolean)) lines.push(`| ${d} | ${c} | ${cells.join(" | ")} |`);
    }
  }
  lines.push("");
  return lines.join("\n");
}

export function renderReport({ env, records, profiles = [] }) {
  const lines = [
    "# alkahest benchmark results",
    "",
    "Generated by `bench/report.mjs` from an actual run; see bench/README.md for the method.",
    "Ratios are **time ×** = case time ÷ comparison case time, computed per round, median over rounds",
    "(range = min–max over rounds). Below 1.00 the case is faster than the one it is compared with.",
    "",
    "## Environment",
    "",
    `- date: ${env.date}; command: \`${env.command}\` (${env.rounds} rounds, scale ${env.scale}, ${env.seconds} s)`,
    `- node ${env.node}, npm ${env.npm}, ${env.platform}`,
    `- CPU: ${env.cpuModel}; os.cpus().length = ${env.cpus}; RAM ${env.memGiB} GiB`,
    `- load average (1 min): ${env.load1Start} at start, ${env.load1End} at end`,
    `- alkahest ${env.alkahest}, measured from the built ${env.dist}`,
    `- packages: ${Object.entries(env.packages)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  ];
  const servers = Object.entries(env.servers ?? {});
  if (servers.length) lines.push(`- servers: ${servers.map(([k, v]) => `${k} ${v}`).join(", ")}`);
  if (env.variants) lines.push(`- A/B builds (ALKAHEST_VARIANTS): ${env.variants}`);
  lines.push("");
  for (const name of [...new Set(records.map((r) => r.workload))]) {
    lines.push(
      workloadSection(
        getWorkload(name),
        records.filter((r) => r.workload === name),
      ),
    );
  }
  if (profiles.length) {
    lines.push(
      "## CPU profiles",
      "",
      "Timed loop only, 100 µs sampling; src/ locations via source maps. Self % includes GC.",
      "",
    );
    for (const p of profiles) lines.push(profileMarkdown(p));
  }
  return lines.join("\n");
}

/** Writes the report, keeping the hand-written notes of an existing file. */
export function writeReport(run, outPath) {
  let notes = `${NOTES_MARKER}\n`;
  if (existsSync(outPath)) {
    const old = readFileSync(outPath, "utf8");
    const i = old.indexOf(NOTES_MARKER);
    if (i >= 0) notes = old.slice(i);
  }
  writeFileSync(outPath, `${renderReport(run)}\n${notes}`);
}

/** Reads a run file: records, then one `type: "env"` line (written last, with end-of-run load). */
export function readRun(file) {
  const lines = readFileSync(file, "utf8").trim().split("\n").map(JSON.parse);
  const envLine = lines.find((l) => l.type === "env");
  if (!envLine) throw new Error(`${file} has no env line (the run did not finish)`);
  const { profiles = [], type: _type, ...env } = envLine;
  return { env, records: lines.filter((l) => l.type !== "env"), profiles };
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf("--out");
  const out = outIdx >= 0 ? args[outIdx + 1] : `${BENCH_DIR}RESULTS.md`;
  const positional = args.filter((a, i) => !a.startsWith("--") && (outIdx < 0 || i !== outIdx + 1));
  const latest = readdirSync(RESULTS_DIR)
    .filter((f) => f.startsWith("run-") && f.endsWith(".jsonl"))
    .sort()
    .pop();
  const file = positional[0] ?? `${RESULTS_DIR}${latest}`;
  writeReport(readRun(file), out);
  console.error(`report: ${out} (from ${file})`);
}
