/**
 * W1: point select by primary key, sequential: 3,000 warm-up then 20,000 timed queries, ids from
 * a seeded PRNG (identical for every case). Each query must return its row; the last row is
 * compared column by column with what setup wrote.
 */
import { expectedUser, pointIds, rowMismatch } from "../lib/data.mjs";
import { ALKAHEST, DIALECTS, ratioColumns, targets } from "./db-common.mjs";

export const W1_CASES = [
  "bsq3",
  "bsq3-noreuse",
  "pg",
  "pg-named",
  "mysql2-exec",
  "mysql2-query",
  "kysely",
  "knex",
  "drizzle",
  "drizzle-prep",
  ...ALKAHEST,
];

/** Runs point(ids[from..to)) one after another; returns the last row and the misses. */
async function sequential(impl, ids, from, to) {
  const point = impl.point;
  let last = null;
  let missing = 0;
  if (impl.sync) {
    for (let i = from; i < to; i++) if (!(last = point(ids[i]))) missing++;
  } else {
    for (let i = from; i < to; i++) if (!(last = await point(ids[i]))) missing++;
  }
  return { last, missing };
}

/** Throws unless every query found its row and `row` is users[id]. */
export function checkPoint(impl, { last, missing }, id) {
  if (missing) throw new Error(`${missing} point selects returned no row`);
  const err = rowMismatch(impl.norm(last), expectedUser(id));
  if (err) throw new Error(`row ${id}: ${err}`);
}

export default {
  name: "W1",
  title: "point select by primary key, 20,000 sequential (3,000 warm-up)",
  needsDb: true,
  dialects: DIALECTS,
  cases: W1_CASES,
  ratioColumns: ratioColumns("read"),
  unit: { name: "µs/query", ops: "queries/s" },
  targets: targets({ w1: true }),
  profileCases: ["alkahest", "alkahest-conn"],
  warmup: 3000,
  timed: 20_000,

  async check(impl) {
    const ids = pointIds(50);
    const r = await sequential(impl, ids, 0, 50);
    checkPoint(impl, r, ids[49]);
    return { rows: 50, last: impl.norm(r.last) };
  },

  async run(impl, { scale = 1, timedStart, timedEnd } = {}) {
    const warmup = Math.round(this.warmup * scale);
    const timed = Math.round(this.timed * scale);
    const ids = pointIds(warmup + timed);
    checkPoint(impl, await sequential(impl, ids, 0, warmup), ids[warmup - 1]);
    globalThis.gc?.();
    timedStart?.();
    const t0 = process.hrtime.bigint();
    const r = await sequential(impl, ids, warmup, warmup + timed);
    const ns = Number(process.hrtime.bigint() - t0);
    timedEnd?.();
    checkPoint(impl, r, ids[warmup + timed - 1]);
    return { ops: timed, ns };
  },
};
