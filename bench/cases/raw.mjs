/**
 * The raw drivers, the floor every library is measured against (W1-W4, W6), with hand-written
 * SQL (lib/sql.mjs). One connection for W1-W4; a pool of 10 for W6 (`pooled`).
 *
 *   sqlite  bsq3            better-sqlite3, statements prepared once and reused (the baseline)
 *           bsq3-noreuse    `db.prepare(sql)` on every call (what Kysely, Knex, Drizzle do)
 *           bsq3-rowloop    W3: one prepared single-row INSERT per row inside `db.transaction`
 *           bsq3-all        W4: `.all()` instead of `.iterate()` (fetch-all memory reference)
 *   pg      pg              pg.Client (pg.Pool for W6), unnamed statements (the baseline)
 *           pg-named        `{ name }`: parsed once per connection
 *           pg-all          W4: one buffered query instead of a pg-cursor
 *   mysql   mysql2-exec     mysql2/promise `execute()`: binary protocol, statement cache (baseline)
 *           mysql2-query    `query()`: text protocol, client-side escaping
 *           mysql2-rowloop  W3: one `execute()` per row in a transaction (executemany's path)
 *           mysql2-all      W4: one buffered `query()` instead of the row stream
 */
import { CONNECTIONS } from "../lib/db.mjs";
import { chunks, flatValues, rawSql, SQLITE_ROWS_PER_STATEMENT } from "../lib/sql.mjs";

const objectRow = (r) => [r.id, r.name, r.email, r.age, r.created_at];

async function sqlite(kind) {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(CONNECTIONS.sqlite.file);
  const sql = rawSql("sqlite");
  const reuse = kind !== "bsq3-noreuse";
  const cache = new Map();
  const stmt = reuse
    ? (text) => {
        let s = cache.get(text);
        if (s === undefined) cache.set(text, (s = db.prepare(text)));
        return s;
      }
    : (text) => db.prepare(text);
  const point = stmt(sql.point);
  const range = stmt(sql.range);
  const insertMany = db.transaction((rows) => {
    for (const [from, to] of chunks(rows.length, SQLITE_ROWS_PER_STATEMENT)) {
      stmt(sql.insert(to - from)).run(flatValues(rows, from, to));
    }
  });
  const insertLoop = db.transaction((rows) => {
    const one = stmt(sql.insertOne);
    for (const r of rows) one.run(r.name, r.email, r.age, r.created_at);
  });
  return {
    /** better-sqlite3 is synchronous: the workloads call it without `await` */
    sync: true,
    point: reuse ? (id) => point.get(id) : (id) => db.prepare(sql.point).get(id),
    range: reuse ? (lo, hi) => range.all(lo, hi) : (lo, hi) => db.prepare(sql.range).all(lo, hi),
    insert: kind === "bsq3-rowloop" ? (rows) => insertLoop(rows) : (rows) => insertMany(rows),
    stream() {
      let rows = 0;
      let last = null;
      const s = db.prepare(sql.stream);
      for (const row of kind === "bsq3-all" ? s.all() : s.iterate()) {
        rows++;
        last = row;
      }
      return { rows, last, mode: kind === "bsq3-all" ? "all" : "stream" };
    },
    norm: objectRow,
    close: () => db.close(),
  };
}

async function pg(kind, { pooled }) {
  const { default: pgm } = await import("pg");
  const sql = rawSql("pg");
  const named = kind === "pg-named";
  const client = pooled ? new pgm.Pool({ ...CONNECTIONS.pg, max: 10 }) : new pgm.Client(CONNECTIONS.pg);
  if (!pooled) await client.connect();
  const q = named
    ? (name, text, values) => client.query({ name, text, values })
    : (_name, text, values) => client.query(text, values);
  return {
    point: async (id) => (await q("w1", sql.point, [id])).rows[0],
    range: async (lo, hi) => (await q("w2", sql.range, [lo, hi])).rows,
    async insert(rows) {
      await client.query("BEGIN");
      await q("w3", sql.insert(rows.length), flatValues(rows));
      await client.query("COMMIT");
    },
    async stream() {
      let rows = 0;
      let last = null;
      if (kind === "pg-all") {
        const r = await client.query(sql.stream);
        for (const row of r.rows) {
          rows++;
          last = row;
        }
        return { rows, last, mode: "all" };
      }
      const { default: Cursor } = await import("pg-cursor");
      const cursor = client.query(new Cursor(sql.stream));
      for (;;) {
        const batch = await cursor.read(1000);
        if (!batch.length) break;
        for (const row of batch) {
          rows++;
          last = row;
        }
      }
      await cursor.close();
      return { rows, last, mode: "stream (pg-cursor, 1000 rows per read)" };
    },
    norm: objectRow,
    close: () => client.end(),
  };
}

async function mysql(kind, { pooled }) {
  const mysql2 = await import("mysql2/promise");
  const sql = rawSql("mysql");
  const conn = pooled
    ? mysql2.createPool({ ...CONNECTIONS.mysql, connectionLimit: 10 })
    : await mysql2.createConnection(CONNECTIONS.mysql);
  const exec = kind !== "mysql2-query";
  const q = exec ? (text, values) => conn.execute(text, values) : (text, values) => conn.query(text, values);
  return {
    point: async (id) => (await q(sql.point, [id]))[0][0],
    range: async (lo, hi) => (await q(sql.range, [lo, hi]))[0],
    async insert(rows) {
      await conn.beginTransaction();
      if (kind === "mysql2-rowloop") {
        for (const r of rows) await conn.execute(sql.insertOne, [r.name, r.email, r.age, r.created_at]);
      } else {
        await q(sql.insert(rows.length), flatValues(rows));
      }
      await conn.commit();
    },
    async stream() {
      let rows = 0;
      let last = null;
      if (kind === "mysql2-all") {
        const [all] = await conn.query(sql.stream);
        for (const row of all) {
          rows++;
          last = row;
        }
        return { rows, last, mode: "all" };
      }
      // the callback connection under the promise wrapper streams rows with back-pressure
      for await (const row of conn.connection.query(sql.stream).stream({ highWaterMark: 1000 })) {
        rows++;
        last = row;
      }
      return { rows, last, mode: "stream (query().stream())" };
    },
    norm: objectRow,
    close: () => conn.end(),
  };
}

const def = (name, dialect, make) => ({
  name,
  packages: [],
  dialects: [dialect],
  db: (_dialect, opts = {}) => make(name, opts),
});

export default [
  def("bsq3", "sqlite", sqlite),
  def("bsq3-noreuse", "sqlite", sqlite),
  def("bsq3-rowloop", "sqlite", sqlite),
  def("bsq3-all", "sqlite", sqlite),
  def("pg", "pg", pg),
  def("pg-named", "pg", pg),
  def("pg-all", "pg", pg),
  def("mysql2-exec", "mysql", mysql),
  def("mysql2-query", "mysql", mysql),
  def("mysql2-rowloop", "mysql", mysql),
  def("mysql2-all", "mysql", mysql),
];
