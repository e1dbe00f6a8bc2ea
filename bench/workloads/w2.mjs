/**
 * W2: a 1,000-row range select (users lo..lo+999 ordered by id): 60 warm-up then 400 timed
 * queries, ranges from a seeded PRNG. Every result must have 1,000 rows starting at lo; the last
 * row of the last result is compared column by column with what setup wrote.
 */
import { expectedUser, rangeStarts, rowMismatch } from "../lib/data.mjs";
import { ALKAHEST, DIALECTS, ratioColumns, targets } from "./db-common.mjs";

const SIZE = 1000;

async function ranges(impl, starts, from, to) {
  const range = impl.range;
  let last = null;
  let bad = 0;
  for (let i = from; i < to; i++) {
    const lo = starts[i];
    last = impl.sync ? range(lo, lo + SIZE - 1) : await range(lo, lo + SIZE - 1);
    if (last.length !== SIZE) bad++;
  }
  return { last, bad };
}

function checkRange(impl, { last, bad }, lo) {
  if (bad) throw new Error(`${bad} range selects did not return ${SIZE} rows`);
  const first = impl.norm(last[0]);
  if (Number(first[0]) !== lo) throw new Error(`range starting at ${lo} began with id ${first[0]}`);
  const err = rowMismatch(impl.norm(last[SIZE - 1]), expectedUser(lo + SIZE - 1));
  if (err) throw new Error(`row ${lo + SIZE - 1}: ${err}`);
}

export default {
  name: "W2",
  title: "1,000-row range select, 400 timed (60 warm-up)",
  needsDb: true,
  dialects: DIALECTS,
  cases: [
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
  ],
  ratioColumns: ratioColumns("read"),
  unit: { name: "µs/query", ops: "queries/s" },
  targets: targets({ mysqlMax: 1.1 }),
  profileCases: ["alkahest"],
  warmup: 60,
  timed: 400,

  async check(impl) {
    const starts = rangeStarts(3, SIZE);
    const r = await ranges(impl, starts, 0, 3);
    checkRange(impl, r, starts[2]);
    return { rows: 3 * SIZE, last: impl.norm(r.last[SIZE - 1]) };
  },

  async run(impl, { scale = 1, timedStart, timedEnd } = {}) {
    const warmup = Math.max(1, Math.round(this.warmup * scale));
    const timed = Math.max(1, Math.round(this.timed * scale));
    const starts = rangeStarts(warmup + timed, SIZE);
    checkRange(impl, await ranges(impl, starts, 0, warmup), starts[warmup - 1]);
    globalThis.gc?.();
    timedStart?.();
    const t0 = process.hrtime.bigint();
    const r = await ranges(impl, starts, warmup, warmup + timed);
    const ns = Number(process.hrtime.bigint() - t0);
    timedEnd?.();
    checkRange(impl, r, starts[warmup + timed - 1]);
    return { ops: timed, ns };
  },
};
