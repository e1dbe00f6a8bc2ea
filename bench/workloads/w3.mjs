/**
 * W3: insert 10,000 rows into `ins` in one transaction (executemany for alkahest), 1 warm-up
 * then the median of 3 timed inserts; the table is emptied (identity reset) before each, untimed,
 * over a separate raw connection. After each insert the table must hold exactly the 10,000 rows,
 * the last one (highest id) equal to the last row given.
 */

import { insertRows, rowMismatch, stampOf } from "../lib/data.mjs";
import { openRaw } from "../lib/db.mjs";
import { median } from "../lib/stats.mjs";
import { ALKAHEST, DIALECTS, ratioColumns, targets } from "./db-common.mjs";

const TRUNCATE = {
  sqlite: ["DELETE FROM ins", "DELETE FROM sqlite_sequence WHERE name = 'ins'"],
  pg: ["TRUNCATE ins RESTART IDENTITY"],
  mysql: ["TRUNCATE TABLE ins"],
};

async function empty(raw, dialect) {
  for (const sql of TRUNCATE[dialect]) await raw.exec(sql);
}

async function verify(raw, rows) {
  const [agg] = await raw.query("SELECT count(*) AS n, max(id) AS m FROM ins");
  if (Number(agg.n) !== rows.length) throw new Error(`ins holds ${agg.n} rows, expected ${rows.length}`);
  const [last] = await raw.query(
    `SELECT id, name, email, age, created_at FROM ins WHERE id = ${Number(agg.m)}`,
  );
  const want = rows[rows.length - 1];
  const err = rowMismatch(
    [last.id, last.name, last.email, last.age, last.created_at],
    [Number(agg.m), want.name, want.email, want.age, stampOf(want.created_at)],
  );
  if (err) throw new Error(`last inserted row: ${err}`);
}

async function once(impl, raw, dialect, rows) {
  await empty(raw, dialect);
  globalThis.gc?.();
  const t0 = process.hrtime.bigint();
  await impl.insert(rows);
  const ns = Number(process.hrtime.bigint() - t0);
  await verify(raw, rows);
  return ns;
}

export default {
  name: "W3",
  title: "insert 10,000 rows in one transaction (median of 3, table emptied untimed before each)",
  needsDb: true,
  dialects: DIALECTS,
  cases: [
    "bsq3",
    "bsq3-rowloop",
    "pg",
    "mysql2-exec",
    "mysql2-query",
    "mysql2-rowloop",
    "kysely",
    "knex",
    "drizzle",
    ...ALKAHEST,
  ],
  ratioColumns: ratioColumns("insert"),
  unit: { name: "µs/row", ops: "rows/s" },
  targets: targets({ mysqlMax: 1.1 }),
  profileCases: ["alkahest"],
  rows: 10_000,
  repeats: 3,

  async check(impl, { dialect }) {
    const raw = await openRaw(dialect);
    try {
      const rows = insertRows(dialect, 100);
      await once(impl, raw, dialect, rows);
      return { rows: rows.length };
    } finally {
      await empty(raw, dialect);
      await raw.close();
    }
  },

  async run(impl, { scale = 1, dialect, timedStart, timedEnd } = {}) {
    const rows = insertRows(dialect, Math.max(10, Math.round(this.rows * scale)));
    const raw = await openRaw(dialect);
    try {
      await once(impl, raw, dialect, rows); // warm-up
      const times = [];
      timedStart?.();
      for (let i = 0; i < this.repeats; i++) times.push(await once(impl, raw, dialect, rows));
      timedEnd?.();
      return { ops: rows.length, ns: median(times), insertMs: times.map((t) => Math.round(t / 1e4) / 100) };
    } finally {
      await empty(raw, dialect);
      await raw.close();
    }
  },
};
