/**
 * W6: concurrent point selects: 50 workers share one counter and run 3,000 warm-up then 20,000
 * timed queries through a pool of 10 connections (raw drivers: pg.Pool / mysql2 pool; libraries:
 * their pool, max 10; alkahest: `engine.connect()` per query on poolSize 10, maxOverflow 0).
 * pg and MySQL only. Every query must return its row; the row of the last id is checked.
 */
import { pointIds } from "../lib/data.mjs";
import { concurrently, ratioColumns, targets } from "./db-common.mjs";
import { checkPoint } from "./w1.mjs";

const WORKERS = 50;

async function drive(impl, ids, from, to) {
  const point = impl.point;
  let missing = 0;
  let last = null;
  await concurrently(to - from, WORKERS, async (i) => {
    const row = await point(ids[from + i]);
    if (!row) missing++;
    if (from + i === to - 1) last = row;
  });
  return { last, missing };
}

export default {
  name: "W6",
  title: "concurrent point selects: pool of 10, 50 workers, 20,000 queries (3,000 warm-up)",
  needsDb: true,
  pooled: true,
  dialects: ["pg", "mysql"],
  cases: [
    "pg",
    "pg-named",
    "mysql2-exec",
    "mysql2-query",
    "kysely",
    "knex",
    "drizzle",
    "drizzle-prep",
    "alkahest",
  ],
  ratioColumns: ratioColumns("read"),
  unit: { name: "µs/query", ops: "queries/s" },
  targets: targets({ w6: true }).filter((t) => t.case === "alkahest"),
  profileCases: ["alkahest"],
  warmup: 3000,
  timed: 20_000,

  async check(impl) {
    const ids = pointIds(200);
    const r = await drive(impl, ids, 0, 200);
    checkPoint(impl, r, ids[199]);
    return { rows: 200, last: impl.norm(r.last) };
  },

  async run(impl, { scale = 1, timedStart, timedEnd } = {}) {
    const warmup = Math.round(this.warmup * scale);
    const timed = Math.round(this.timed * scale);
    const ids = pointIds(warmup + timed);
    checkPoint(impl, await drive(impl, ids, 0, warmup), ids[warmup - 1]);
    globalThis.gc?.();
    timedStart?.();
    const t0 = process.hrtime.bigint();
    const r = await drive(impl, ids, warmup, warmup + timed);
    const ns = Number(process.hrtime.bigint() - t0);
    timedEnd?.();
    checkPoint(impl, r, ids[warmup + timed - 1]);
    return { ops: timed, ns };
  },
};
