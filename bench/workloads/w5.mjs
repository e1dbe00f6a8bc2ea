/**
 * W5: build + compile the join/3-where/order/limit select, 20,000 warm-up then 100,000 timed
 * builds, no database. Measures the query builder and compiler alone.
 */
import { checkOutput, INPUT_COUNT, makeInputs } from "./w5-query.mjs";

const MASK = INPUT_COUNT - 1;

export default {
  name: "W5",
  title: "build + compile a join/3-where/order/limit select (no execution)",
  needsDb: false,
  dialects: ["sqlite", "pg", "mysql"],
  cases: ["template", "kysely", "knex", "drizzle", "alkahest", "alkahest-params", "alkahest-hit"],
  /** the report's ratio columns: time × against each of these cases, per round */
  ratioVs: ["kysely", "knex"],
  unit: { name: "µs/build" },
  /** the targets, checked by the report against the medians */
  targets: [
    { case: "alkahest", label: "cold ≤ Knex", ratioVs: "knex", max: 1 },
    { case: "alkahest-params", label: "cold incl. params ≤ Knex", ratioVs: "knex", max: 1 },
    { case: "alkahest-hit", label: "cache-key hit ≤ 3 µs", max: 3 },
  ],
  /** profiled by `run.mjs --profile` */
  profileCases: ["alkahest", "alkahest-hit"],
  warmup: 20_000,
  timed: 100_000,

  /** Prints the SQL each case produces and checks it over many inputs (`--check`). */
  check(impl) {
    const inputs = makeInputs();
    let first = null;
    for (let i = 0; i < 200; i++) {
      const out = impl.describe(impl.build(inputs[i]));
      const err = checkOutput(out, inputs[i]);
      if (err) throw new Error(`input ${i}: ${err}`);
      first ??= out;
    }
    impl.verify?.();
    return { sql: first.sql, params: first.params };
  },

  /**
   * One measurement; `scale` shrinks the counts for smoke runs. `timedStart`/`timedEnd` bracket
   * the timed loop (the worker's --profile uses them to profile only that part).
   */
  run(impl, { scale = 1, timedStart, timedEnd } = {}) {
    const inputs = makeInputs();
    const warmup = Math.round(this.warmup * scale);
    const timed = Math.round(this.timed * scale);
    const build = impl.build;
    // `last` lives outside the loops so V8 cannot drop the builds as dead code.
    let last;
    for (let i = 0; i < warmup; i++) last = build(inputs[i & MASK]);
    globalThis.gc?.();
    timedStart?.();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < timed; i++) last = build(inputs[(i + warmup) & MASK]);
    const ns = Number(process.hrtime.bigint() - t0);
    timedEnd?.();
    const err = checkOutput(impl.describe(last), inputs[(timed - 1 + warmup) & MASK]);
    if (err) throw new Error(`result check failed: ${err}`);
    impl.verify?.();
    return { ops: timed, ns };
  },
};
