/**
 * W4: stream the 200,000 rows of `big`, one cold run per process (no warm-up: a stream is a
 * one-off, and the peak-RSS mark must belong to this run alone). Reports rows/s and the peak
 * RSS growth: VmHWM after the run − VmRSS before it, with the HWM reset just before the query
 * (after a full GC), so module loading's peak does not hide it. Every row must arrive; the last
 * one is compared column by column with what setup wrote.
 */

import { rowMismatch } from "../lib/data.mjs";
import { SEED } from "../lib/prng.mjs";
import { COUNTS, personRows } from "../setup.mjs";
import {
  ALKAHEST,
  BASELINE,
  DIALECTS,
  procStatusMB,
  ratioColumns,
  resetPeakRss,
  targets,
} from "./db-common.mjs";

/** The raw stream is the baseline: mysql2 streams only through query() (text protocol). */
const STREAM_BASELINE = { ...BASELINE, mysql: "mysql2-query" };

/** big's row `id` as setup wrote it (walks the seeded generator; untimed). */
function expectedBig(id) {
  let i = 0;
  for (const r of personRows(COUNTS.big, SEED + 2)) if (++i === id) return r;
  return null;
}

function checkStream(impl, r, expected) {
  if (r.rows !== expected) throw new Error(`streamed ${r.rows} rows, expected ${expected}`);
  const last = impl.norm(r.last);
  const want = expectedBig(Number(last[0]));
  if (!want) throw new Error(`last row has id ${last[0]}, not in big`);
  const err = rowMismatch(last, want);
  if (err) throw new Error(`row ${last[0]}: ${err}`);
}

export default {
  name: "W4",
  title: "stream 200,000 rows (one cold run per process; rows/s and peak RSS growth)",
  needsDb: true,
  dialects: DIALECTS,
  cases: [
    "bsq3",
    "bsq3-all",
    "pg",
    "pg-all",
    "mysql2-query",
    "mysql2-all",
    "kysely",
    "knex",
    "drizzle",
    ...ALKAHEST,
  ],
  ratioColumns: ratioColumns("stream", STREAM_BASELINE),
  unit: { name: "µs/row", ops: "rows/s" },
  extraColumns: [
    { key: "rssGrowthMB", label: "peak RSS growth MB (median)", digits: 1 },
    { key: "mode", label: "mode", text: true },
  ],
  targets: [
    ...targets({ mysqlMax: 1.1, baseline: STREAM_BASELINE }),
    ...ALKAHEST.map((c) => ({
      case: c,
      label: `${c} peak RSS growth ≤ raw stream + 10 MB`,
      metric: "rssGrowthMB",
      vsMetric: (d) => STREAM_BASELINE[d],
      slack: 10,
    })),
  ],
  profileCases: ["alkahest"],

  async check(impl) {
    const r = await impl.stream();
    checkStream(impl, r, COUNTS.big);
    return { rows: r.rows, mode: r.mode, last: impl.norm(r.last) };
  },

  async run(impl, { timedStart, timedEnd } = {}) {
    globalThis.gc?.();
    globalThis.gc?.();
    const reset = resetPeakRss();
    const before = procStatusMB("VmRSS");
    timedStart?.();
    const t0 = process.hrtime.bigint();
    const r = await impl.stream();
    const ns = Number(process.hrtime.bigint() - t0);
    timedEnd?.();
    const peak = procStatusMB("VmHWM");
    checkStream(impl, r, COUNTS.big);
    return {
      ops: r.rows,
      ns,
      mode: r.mode,
      rssBeforeMB: Math.round(before * 10) / 10,
      rssGrowthMB: Math.round((peak - before) * 10) / 10,
      hwmReset: reset,
    };
  },
};
