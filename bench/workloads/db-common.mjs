/**
 * What the DB workloads (W1-W4, W6) share: the cases per dialect, the raw-driver baselines, the
 * driver call each library actually makes (for the "vs driver path" column), the peers (for
 * "vs best peer") and the issue targets. The report computes every ratio per round.
 */
import { readFileSync, writeFileSync } from "node:fs";

export const DIALECTS = ["sqlite", "pg", "mysql"];
/** The peers built per call, as the alkahest cases are (the targets' "faster than" set). */
export const PEERS = ["kysely", "knex", "drizzle"];
export const ALKAHEST = ["alkahest", "alkahest-conn"];

/** The raw-driver baseline of each dialect (perf_anchors.md §1). */
export const BASELINE = { sqlite: "bsq3", pg: "pg", mysql: "mysql2-exec" };

/**
 * The raw driver call each case makes underneath, per workload kind. alkahest keeps a statement
 * LRU on SQLite, names its pg statements and uses mysql2 `execute()` for statements with
 * parameters; its executemany INSERT is multi-row VALUES pages of 1,000 rows on all three
 * (insertmanyvalues); its streams are `.iterate()`, pg-cursor and mysql2's row stream.
 */
const PATH = {
  read: {
    sqlite: { kysely: "bsq3-noreuse", knex: "bsq3-noreuse", drizzle: "bsq3-noreuse", "drizzle-prep": "bsq3" },
    pg: { kysely: "pg", knex: "pg", drizzle: "pg", "drizzle-prep": "pg-named", alkahest: "pg-named" },
    mysql: {
      kysely: "mysql2-query",
      knex: "mysql2-query",
      drizzle: "mysql2-query",
      "drizzle-prep": "mysql2-query",
    },
  },
  insert: {
    sqlite: { kysely: "bsq3", knex: "bsq3", drizzle: "bsq3", alkahest: "bsq3" },
    pg: { kysely: "pg", knex: "pg", drizzle: "pg", alkahest: "pg" },
    mysql: { kysely: "mysql2-query", knex: "mysql2-query", drizzle: "mysql2-query", alkahest: "mysql2-exec" },
  },
  stream: {
    sqlite: { kysely: "bsq3", knex: "bsq3-all", drizzle: "bsq3-all", alkahest: "bsq3" },
    pg: { kysely: "pg", knex: "pg", drizzle: "pg-all", alkahest: "pg" },
    mysql: {
      kysely: "mysql2-query",
      knex: "mysql2-query",
      drizzle: "mysql2-query",
      alkahest: "mysql2-query",
    },
  },
};
PATH.read.sqlite.alkahest = "bsq3";
PATH.read.mysql.alkahest = "mysql2-exec";

/** `alkahest-conn@x` → `alkahest`: A/B variants and the reuse variant share the driver path. */
const family = (c) => (c.startsWith("alkahest") ? "alkahest" : c.replace(/@.*$/, ""));

/** The report's three ratio columns for a workload of this kind (read, insert or stream). */
export function ratioColumns(kind, baseline = BASELINE) {
  return [
    { label: "vs raw baseline", vs: (d) => baseline[d] },
    {
      label: "vs driver path it uses",
      vs: (d, c) => {
        return PATH[kind][d][family(c)] ?? null;
      },
    },
    {
      label: "vs best peer",
      vs: (_d, c) => (PEERS.includes(c) ? null : PEERS),
      note: "best of Kysely, Knex, Drizzle in the round",
    },
  ];
}

/**
 * The issue targets (issues 3 and 4) as report rows: `max` is the highest passing median ratio.
 * `read` W1 carries the per-dialect raw targets; every workload gets "faster than each peer".
 */
export function targets({ w1 = false, w6 = false, mysqlMax = null, baseline = BASELINE } = {}) {
  const out = [];
  for (const c of ALKAHEST) {
    if (w1) {
      out.push({
        dialects: ["sqlite"],
        case: c,
        label: `${c} ≤ 1.3× raw better-sqlite3 (reused statement)`,
        vs: () => baseline.sqlite,
        max: 1.3,
      });
      out.push({
        dialects: ["pg"],
        case: c,
        label: `${c} ≤ raw pg (unnamed statements)`,
        vs: () => baseline.pg,
        max: 1.0,
      });
    }
    if (w1 || w6) {
      out.push({
        dialects: ["mysql"],
        case: c,
        label: `${c} ≤ raw mysql2 execute()`,
        vs: () => baseline.mysql,
        max: 1.0,
      });
    }
    if (mysqlMax !== null) {
      out.push({
        dialects: ["mysql"],
        case: c,
        label: `${c} ≤ ${mysqlMax}× raw mysql2 (${baseline.mysql})`,
        vs: () => baseline.mysql,
        max: mysqlMax,
      });
    }
    out.push({
      case: c,
      label: `${c} faster than Kysely, Knex and Drizzle (vs the best of them)`,
      vs: () => PEERS,
      max: 1.0,
      strict: true,
    });
  }
  return out;
}

/** /proc/self/status fields in MB (Linux). */
export function procStatusMB(field) {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/**
 * Resets the peak-RSS mark (VmHWM) to the current RSS: writing 5 to clear_refs (Linux ≥ 4.0).
 * Without it, VmHWM would still hold module loading's peak. Returns false when unsupported.
 */
export function resetPeakRss() {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** Runs `count` calls of `op(i)` with `workers` concurrent loops pulling from one counter. */
export async function concurrently(count, workers, op) {
  let next = 0;
  const loop = async () => {
    for (let i = next++; i < count; i = next++) await op(i);
  };
  await Promise.all(Array.from({ length: workers }, loop));
}
