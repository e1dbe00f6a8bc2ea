#!/usr/bin/env node
/**
 * CPU-profiles the timed loop of one case (worker --profile, 100 µs sampling) and summarizes
 * where the time goes: self time per function, and inclusive time of alkahest's functions, with
 * dist/ locations mapped back to src/*.ts through the source maps so findings name the file to
 * change. The .cpuprofile file is kept for Chrome DevTools.
 *
 *   node bench/profile.mjs <workload> <dialect> <case> [--scale 1] [--top 15]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";
import { BENCH_DIR, DIST_ROOT, isMain, RESULTS_DIR, ROOT_DIR } from "./lib/paths.mjs";

const sourceMaps = new Map();
function sourceMapFor(path) {
  if (!sourceMaps.has(path)) {
    let map = null;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, "utf8")));
    } catch {}
    sourceMaps.set(path, map);
  }
  return sourceMaps.get(path);
}

const distLines = new Map();
function lineText(path, line0) {
  if (!distLines.has(path)) distLines.set(path, readFileSync(path, "utf8").split("\n"));
  return distLines.get(path)[line0] ?? "";
}
/** The first non-blank column of a generated line, where its source-map segment starts. */
function firstColumn(path, line0) {
  const text = lineText(path, line0);
  return text.length - text.trimStart().length;
}
/** The generated JavaScript of a line, trimmed for a table cell. */
function generatedLine(url, line0) {
  if (!url.startsWith("file://")) return "";
  const text = lineText(fileURLToPath(url), line0).trim();
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

/** "src/sql/compiler/sql-compiler.ts:120" for dist code, a short path otherwise. */
function location({ url, lineNumber, columnNumber }) {
  if (!url) return "";
  if (!url.startsWith("file://")) return url;
  const path = fileURLToPath(url);
  // any built file with a source map (the repo's dist/ or an A/B variant's), not dependencies
  const map = path.includes("/node_modules/") ? null : sourceMapFor(path);
  if (columnNumber === undefined && map) columnNumber = firstColumn(path, lineNumber);
  const entry = map?.findEntry(lineNumber, columnNumber);
  if (entry?.originalSource) {
    const src = entry.originalSource.startsWith("file://")
      ? fileURLToPath(entry.originalSource)
      : new URL(entry.originalSource, url).pathname;
    const i = src.lastIndexOf("/src/");
    return `${i >= 0 ? src.slice(i + 1) : src.replace(DIST_ROOT, "")}:${entry.originalLine + 1}`;
  }
  return `${path.replace(ROOT_DIR, "")}:${lineNumber + 1}`;
}

/** Self and inclusive sample shares per function from a .cpuprofile. */
export function summarize(profile, top = 15) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (n) => `${n.callFrame.functionName || "(anonymous)"}\t${location(n.callFrame)}`;
  const stackKeys = new Map(); // node id → distinct function keys on its stack (recursion counted once)
  const keysFor = (id) => {
    let keys = stackKeys.get(id);
    if (!keys) {
      keys = new Set([keyOf(byId.get(id))]);
      const p = parent.get(id);
      if (p !== undefined) for (const k of keysFor(p)) keys.add(k);
      stackKeys.set(id, keys);
    }
    return keys;
  };
  const self = new Map();
  const incl = new Map();
  // V8's per-line ticks (positionTicks) say which line of a function the self time is on; the
  // generated line's text is kept too, because src/ may have moved on since dist/ was built.
  const lineTicks = new Map(); // function key → Map(src location → { ticks, code })
  for (const n of profile.nodes) {
    if (!n.positionTicks) continue;
    const k = keyOf(n);
    if (!lineTicks.has(k)) lineTicks.set(k, new Map());
    const m = lineTicks.get(k);
    for (const { line, ticks } of n.positionTicks) {
      const loc = location({ url: n.callFrame.url, lineNumber: line - 1 });
      const prev = m.get(loc) ?? { ticks: 0, code: generatedLine(n.callFrame.url, line - 1) };
      prev.ticks += ticks;
      m.set(loc, prev);
    }
  }
  for (const id of profile.samples) {
    const k = keyOf(byId.get(id));
    self.set(k, (self.get(k) ?? 0) + 1);
    for (const key of keysFor(id)) incl.set(key, (incl.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  const rows = (m, filter) =>
    [...m]
      .filter(([k]) => filter(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, n]) => {
        const [fn, loc] = k.split("\t");
        const lines = [...(lineTicks.get(k) ?? [])]
          .sort((a, b) => b[1].ticks - a[1].ticks)
          .slice(0, 2)
          .map(([l, t]) => ({ loc: l, pct: Math.round((100 * t.ticks) / n), code: t.code }));
        return { fn, loc, pct: Math.round((1000 * n) / total) / 10, lines };
      });
  const ours = (k) => k.includes("\tsrc/");
  return {
    samples: total,
    ms: Math.round((profile.endTime - profile.startTime) / 1000),
    self: rows(self, () => true),
    inclusive: rows(incl, ours),
  };
}

export async function profileCase(workload, dialect, caseName, { scale = 1, top = 15 } = {}) {
  mkdirSync(`${RESULTS_DIR}prof`, { recursive: true });
  const file = `${RESULTS_DIR}prof/${workload}-${dialect}-${caseName}.cpuprofile`;
  const p = spawnSync(
    process.execPath,
    [
      "--expose-gc",
      `${BENCH_DIR}worker.mjs`,
      workload,
      dialect,
      caseName,
      "--scale",
      String(scale),
      "--profile",
      file,
    ],
    { encoding: "utf8" },
  );
  if (p.status !== 0) throw new Error(`profiled worker failed: ${p.stdout}${p.stderr}`);
  const summary = summarize(JSON.parse(readFileSync(file, "utf8")), top);
  return { workload, dialect, case: caseName, scale, file: file.replace(ROOT_DIR, ""), ...summary };
}

/** Markdown tables for one profile (used by report.mjs and the CLI). */
export function profileMarkdown(p) {
  const lines = [
    `#### ${p.workload} ${p.dialect} \`${p.case}\` (${p.samples} samples at 100 µs over the ${p.ms} ms timed loop)`,
    "",
    "| self % | function | location |",
    "|---:|---|---|",
    ...p.self.map((r) => `| ${r.pct} | \`${r.fn}\` | ${r.loc} |`),
    "",
    "Hottest lines of alkahest's top self-time functions (share of that function's self time; the",
    "code is the built dist/ line, since src/ may have changed since):",
    "",
    ...p.self
      .filter((r) => r.loc.startsWith("src/"))
      .flatMap((r) =>
        r.lines.map((l) => `- \`${r.fn}\` ${l.loc} (${l.pct}%): \`${l.code.replaceAll("`", "'")}\``),
      ),
    "",
    "| inclusive % | alkahest function | location |",
    "|---:|---|---|",
    ...p.inclusive.map((r) => `| ${r.pct} | \`${r.fn}\` | ${r.loc} |`),
    "",
  ];
  return lines.join("\n");
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, d) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
  const [w, d, c] = args;
  const p = await profileCase(w, d, c, { scale: opt("--scale", 1), top: opt("--top", 15) });
  console.log(profileMarkdown(p));
  console.log(`profile: ${p.file} (open in Chrome DevTools → Performance)`);
}
