#!/usr/bin/env node
/**
 * Turns a run's records into markdown. Every ratio is computed per round against the
 * comparison case of the same round (both ran minutes apart at most, on the same load), then the
 * median over rounds is quoted with its min–max range. Absolute numbers are secondary.
 *
 *   node bench/report.mjs [bench/results/run-….jsonl] [--out bench/RESULTS.md]
 *
 * The output holds one block per workload (`<!-- workload: W1 -->` … `<!-- /workload -->`), each
 * with the environment of the run it came from: writing a run replaces the blocks of its
 * workloads and keeps the others, so any workload can be re-run alone. Anything below
 * NOTES_MARKER is hand-written analysis and is kept.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { BENCH_DIR, isMain, RESULTS_DIR } from "./lib/paths.mjs";
import { median } from "./lib/stats.mjs";
import { profileMarkdown } from "./profile.mjs";
import { getWorkload } from "./workloads/index.mjs";

export { median };

export const NOTES_MARKER =
  "<!-- notes: everything below this line is hand-written and kept when the report is regenerated -->";

const fmt = (x, digits = 2) => (x === undefined || x === null || Number.isNaN(x) ? "–" : x.toFixed(digits));
const fmtInt = (x) => Math.round(x).toLocaleString("en-US");
const range = (xs, digits = 2) =>
  xs.length ? `${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)}` : "–";

/**
 * A workload's ratio columns: `ratioColumns` [{ label, vs(dialect, case) → case | case[] | null }]
 * or the older `ratioVs: ["knex"]` form (one column per case name).
 */
function columnsOf(workload) {
  if (workload.ratioColumns) return workload.ratioColumns;
  return (workload.ratioVs ?? []).map((v) => ({ label: `vs ${v}`, vs: () => v, fixed: true }));
}

/**
 * Per-round time ratios of `rows` against `vs`: one case, or a list (the fastest of them in that
 * round, e.g. the best peer). Rounds missing the comparison are skipped.
 */
function ratios(rows, byRound, vs) {
  const out = [];
  if (!vs) return out;
  const list = Array.isArray(vs) ? vs : [vs];
  for (const r of rows) {
    const round = byRound.get(r.round);
    if (!round) continue;
    const bases = list.map((c) => round.get(c)).filter(Boolean);
    if (bases.length !== list.length) continue;
    out.push(r.usPerOp / Math.min(...bases.map((b) => b.usPerOp)));
  }
  return out;
}

const vsName = (vs) => (Array.isArray(vs) ? "best peer" : vs);

function workloadSection(workload, records) {
  const dialects = [...new Set(records.map((r) => r.dialect))];
  // the workload's cases in its order, then any others that ran (A/B variants) as first seen
  const seen = new Set(records.map((r) => r.case));
  const cases = [
    ...workload.cases.filter((c) => seen.has(c)),
    ...[...seen].filter((c) => !workload.cases.includes(c)),
  ];
  const columns = columnsOf(workload);
  const extras = workload.extraColumns ?? [];
  const lines = [`## ${workload.name}: ${workload.title}`, ""];
  lines.push(
    `| dialect | case | median ${workload.unit.name} | range | median ${workload.unit.ops ?? "ops/s"} | ${extras.map((e) => `${e.label} | `).join("")}${columns.map((c) => `time × ${c.label} | range`).join(" | ")} | n |`,
    `|---|---|---:|---:|---:|${extras.map((e) => (e.text ? "---|" : "---:|")).join("")}${columns.map(() => "---:|---:").join("|")}|---:|`,
  );
  const summary = new Map(); // "dialect/case" → { us, rows, byRound }
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
      summary.set(`${d}/${c}`, { us: median(us), rows, byRound });
      const extraCells = extras.map((e) => {
        const vals = rows.map((r) => r[e.key]).filter((v) => v !== undefined && v !== null);
        if (!vals.length) return "–";
        if (e.text) return [...new Set(vals)].join("; ");
        return fmt(median(vals), e.digits ?? 2);
      });
      const cells = columns.map((col) => {
        const vs = col.vs(d, c);
        if (vs === c) return "1.00 | 1.00–1.00";
        if (!vs) return "| ";
        const rs = ratios(rows, byRound, vs);
        const label = Array.isArray(vs) || col.fixed ? "" : ` (vs ${vs})`;
        return rs.length ? `${fmt(median(rs))}${label} | ${range(rs)}` : "– | –";
      });
      const digits = median(us) < 1 ? 3 : 2;
      lines.push(
        `| ${d} | ${c} | ${fmt(median(us), digits)} | ${range(us, digits)} | ${fmtInt(median(rows.map((r) => r.opsPerSec)))} | ${extraCells.map((x) => `${x} | `).join("")}${cells.join(" | ")} | ${rows.length} |`,
      );
    }
  }
  const bestPeer = columns.find((c) => c.note);
  if (bestPeer) lines.push("", `"${bestPeer.label}": ${bestPeer.note}.`);
  const failed = records.filter((r) => r.error);
  if (failed.length) {
    lines.push("", "Failed measurements (excluded):", "");
    for (const f of failed) lines.push(`- round ${f.round} ${f.dialect} ${f.case}: ${f.error}`);
  }
  const targetLines = targetRows(workload, dialects, summary);
  if (targetLines.length) {
    lines.push(
      "",
      "Targets:",
      "",
      "| dialect | target | value | met? |",
      "|---|---|---:|---|",
      ...targetLines,
    );
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

/**
 * Target rows. A target is { case, label, max, dialects? } plus one of:
 *   vs(dialect) → case | case[]   median per-round time ratio ≤ max (`strict`: < max)
 *   ratioVs: "knex"               the same, older form
 *   metric + vsMetric + slack     median of a record field ≤ the comparison case's + slack
 *   (none)                        median µs per op ≤ max
 */
function targetRows(workload, dialects, summary) {
  const out = [];
  for (const d of dialects) {
    for (const t of workload.targets ?? []) {
      if (t.dialects && !t.dialects.includes(d)) continue;
      const s = summary.get(`${d}/${t.case}`);
      if (!s) continue;
      let value;
      let shown;
      let met;
      if (t.metric) {
        const base = summary.get(`${d}/${t.vsMetric(d)}`);
        if (!base) continue;
        value = median(s.rows.map((r) => r[t.metric]));
        const limit = median(base.rows.map((r) => r[t.metric])) + t.slack;
        shown = `${fmt(value, 1)} (limit ${fmt(limit, 1)})`;
        met = value <= limit;
      } else if (t.vs || t.ratioVs) {
        const vs = t.vs ? t.vs(d) : t.ratioVs;
        const rs = ratios(s.rows, s.byRound, vs);
        if (!rs.length) continue;
        value = median(rs);
        shown = `${fmt(value)} × ${vsName(vs)}`;
        met = t.strict ? value < t.max : value <= t.max;
      } else {
        value = s.us;
        shown = `${fmt(value)} µs`;
        met = value <= t.max;
      }
      out.push(`| ${d} | ${t.label} | ${shown} | ${met ? "yes" : "**no**"} |`);
    }
  }
  return out;
}

function environmentLines(env) {
  const lines = [
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
  return lines;
}

const HEADER = [
  "# alkahest benchmark results",
  "",
  "Generated by `bench/report.mjs` from actual runs; see bench/README.md for the method.",
  "Ratios are **time ×** = case time ÷ comparison case time, computed per round, median over rounds",
  "(range = min–max over rounds). Below 1.00 the case is faster than the one it is compared with.",
  "Each workload below comes from its latest run, whose environment it lists: workloads run",
  "separately (W5, the DB workloads) are kept from their own runs.",
  "",
].join("\n");

/** The workloads of a run, in registry order (W1 … W6). */
function workloadsOf(records) {
  return [...new Set(records.map((r) => r.workload))].sort();
}

/** One workload's block: its run's environment, the section, the profiles of its cases. */
export function renderWorkload({ env, records, profiles = [] }, name) {
  const section = workloadSection(
    getWorkload(name),
    records.filter((r) => r.workload === name),
  );
  const [heading, ...rest] = section.split("\n");
  const lines = [`<!-- workload: ${name} -->`, heading, "", "Run:", "", ...environmentLines(env), ...rest];
  const mine = profiles.filter((p) => p.workload === name);
  if (mine.length) {
    lines.push(
      `### CPU profiles (${name})`,
      "",
      "Timed loop only, 100 µs sampling; src/ locations via source maps. Self % includes GC;",
      "`(idle)` and `(program)` are time spent waiting on the socket or outside JavaScript.",
      "",
    );
    for (const p of mine) lines.push(profileMarkdown(p));
  }
  lines.push("<!-- /workload -->", "");
  return lines.join("\n");
}

/** Kept for callers of the single-run form: the header plus the run's workload blocks. */
export function renderReport(run) {
  return `${HEADER}\n${workloadsOf(run.records)
    .map((w) => renderWorkload(run, w))
    .join("\n")}`;
}

const BLOCK_RE = /<!-- (run|workload): ([A-Z0-9,]+) -->\n[\s\S]*?<!-- \/(?:run|workload) -->\n?/g;

/**
 * The blocks of an existing report, as [{ workloads, text }]: one per workload, or one per run
 * in the older `<!-- run: W1,W2 -->` form. A report written before blocks existed is one legacy
 * block: everything from "## Environment" to the notes marker.
 */
function existingBlocks(generated) {
  const blocks = [...generated.matchAll(BLOCK_RE)].map((m) => ({ workloads: m[2].split(","), text: m[0] }));
  if (blocks.length || !generated.includes("## Environment")) return blocks;
  const text = generated.slice(generated.indexOf("## Environment")).trimEnd();
  const workloads = [...new Set([...text.matchAll(/^## (W\d+):/gm)].map((m) => m[1]))];
  if (!workloads.length) return [];
  const body = text.replace(/^## Environment\n/, `## Run: ${workloads.join(", ")}\n`);
  return [{ workloads, text: `<!-- run: ${workloads.join(",")} -->\n${body}\n<!-- /run -->\n` }];
}

/**
 * Writes the report: each workload of this run replaces the block that held it (a block of
 * several workloads is replaced whole; the console names what that drops), the other blocks stay,
 * ordered by workload, and the hand-written notes are kept.
 */
export function writeReport(run, outPath) {
  let notes = `${NOTES_MARKER}\n`;
  let blocks = [];
  if (existsSync(outPath)) {
    const old = readFileSync(outPath, "utf8");
    const i = old.indexOf(NOTES_MARKER);
    if (i >= 0) notes = old.slice(i);
    blocks = existingBlocks(i >= 0 ? old.slice(0, i) : old);
  }
  const mine = workloadsOf(run.records);
  const dropped = blocks.filter((b) => b.workloads.some((w) => mine.includes(w)));
  for (const b of dropped) {
    const lost = b.workloads.filter((w) => !mine.includes(w));
    if (lost.length) console.error(`report: replacing a block that also held ${lost.join(", ")} (now gone)`);
  }
  const kept = blocks.filter((b) => !dropped.includes(b));
  const all = [...kept, ...mine.map((w) => ({ workloads: [w], text: renderWorkload(run, w) }))].sort((a, b) =>
    a.workloads[0].localeCompare(b.workloads[0]),
  );
  writeFileSync(outPath, `${HEADER}\n${all.map((b) => b.text.trimEnd()).join("\n\n")}\n\n${notes}`);
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
