#!/usr/bin/env node
/**
 * Builds the deterministic bench data in SQLite (file DB, WAL), PostgreSQL and MariaDB/MySQL (in
 * their `alkahest_bench` database, created when missing):
 *   users 10,000 rows · posts 20,000 rows · big 200,000 rows (users' columns) · ins (empty, auto id)
 * Idempotent: a dialect whose row counts already match is left alone (use --force to rebuild),
 * so `run.mjs` can call it before every DB workload without paying for a reload.
 * W5 needs no database; run.mjs only calls this for workloads that declare `needsDb`.
 *
 *   node bench/setup.mjs [--dialects sqlite,pg,mysql] [--force]
 */
import { ensureDatabase, openRaw } from "./lib/db.mjs";
import { isMain } from "./lib/paths.mjs";
import { mulberry32, randInt, SEED } from "./lib/prng.mjs";

export const COUNTS = { users: 10_000, posts: 20_000, big: 200_000 };
const CHUNK = 1000; // rows per INSERT: 5,000 params, under every driver's limit

/** DDL per dialect. created_at is TEXT in SQLite, timestamp/DATETIME elsewhere (decoded to Date). */
const DDL = {
  sqlite: {
    person: (t) =>
      `CREATE TABLE ${t} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, ` +
      `age INTEGER NOT NULL, created_at TEXT NOT NULL)`,
    posts:
      "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL)",
    ins:
      "CREATE TABLE ins (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, email TEXT NOT NULL, " +
      "age INTEGER NOT NULL, created_at TEXT NOT NULL)",
  },
  pg: {
    person: (t) =>
      `CREATE TABLE ${t} (id integer PRIMARY KEY, name varchar(100) NOT NULL, email varchar(200) NOT NULL, ` +
      `age integer NOT NULL, created_at timestamp NOT NULL)`,
    posts:
      "CREATE TABLE posts (id integer PRIMARY KEY, user_id integer NOT NULL, title varchar(200) NOT NULL, body text NOT NULL)",
    ins:
      "CREATE TABLE ins (id serial PRIMARY KEY, name varchar(100) NOT NULL, email varchar(200) NOT NULL, " +
      "age integer NOT NULL, created_at timestamp NOT NULL)",
  },
  mysql: {
    person: (t) =>
      `CREATE TABLE ${t} (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL, ` +
      `age INT NOT NULL, created_at DATETIME NOT NULL) ENGINE=InnoDB`,
    posts:
      "CREATE TABLE posts (id INT PRIMARY KEY, user_id INT NOT NULL, title VARCHAR(200) NOT NULL, body TEXT NOT NULL) ENGINE=InnoDB",
    ins:
      "CREATE TABLE ins (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200) NOT NULL, " +
      "age INT NOT NULL, created_at DATETIME NOT NULL) ENGINE=InnoDB",
  },
};

const EPOCH = Date.UTC(2024, 0, 1);
/** A zone-less 'YYYY-MM-DD HH:MM:SS', so no database shifts it by the session time zone. */
function stamp(i) {
  return new Date(EPOCH + i * 60_000).toISOString().slice(0, 19).replace("T", " ");
}

/** Row i of users/big: [id, name, email, age, created_at]. Each table has its own PRNG stream. */
export function* personRows(n, seed) {
  const rand = mulberry32(seed);
  for (let i = 1; i <= n; i++)
    yield [i, `user_${i}`, `user_${i}@example.com`, randInt(rand, 18, 80), stamp(i)];
}

/** Row i of posts: [id, user_id, title, body]. */
export function* postRows(n, seed) {
  const rand = mulberry32(seed);
  for (let i = 1; i <= n; i++) {
    yield [i, randInt(rand, 1, COUNTS.users), `post ${i}`, `body of post ${i} `.repeat(3)];
  }
}

function placeholders(dialect, rows, width) {
  let n = 0;
  const one = () => (dialect === "pg" ? `$${++n}` : "?");
  return Array.from({ length: rows }, () => `(${Array.from({ length: width }, one).join(", ")})`).join(", ");
}

async function load(db, dialect, table, columns, rows) {
  let batch = [];
  const flush = async () => {
    if (!batch.length) return;
    const sql = `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${placeholders(dialect, batch.length, columns.length)}`;
    await db.exec(sql, batch.flat());
    batch = [];
  };
  await db.transaction(async () => {
    for (const row of rows) {
      batch.push(row);
      if (batch.length === CHUNK) await flush();
    }
    await flush();
  });
}

async function count(db, table) {
  try {
    const [row] = await db.query(`SELECT count(*) AS n FROM ${table}`);
    return Number(row.n);
  } catch {
    return -1; // table missing
  }
}

/** Creates and fills the tables for one dialect unless they already hold the expected data. */
export async function setupDialect(dialect, { force = false, log = console.error } = {}) {
  await ensureDatabase(dialect);
  const db = await openRaw(dialect);
  try {
    const have = {
      users: await count(db, "users"),
      posts: await count(db, "posts"),
      big: await count(db, "big"),
      ins: await count(db, "ins"),
    };
    const fresh =
      have.users === COUNTS.users && have.posts === COUNTS.posts && have.big === COUNTS.big && have.ins >= 0;
    if (fresh && !force) {
      log(`setup ${dialect}: data present, skipped`);
      return;
    }
    const t0 = Date.now();
    for (const t of ["posts", "users", "big", "ins"]) await db.exec(`DROP TABLE IF EXISTS ${t}`);
    const ddl = DDL[dialect];
    await db.exec(ddl.person("users"));
    await db.exec(ddl.person("big"));
    await db.exec(ddl.posts);
    await db.exec(ddl.ins);
    await db.exec("CREATE INDEX posts_user_id ON posts (user_id)");
    const personCols = ["id", "name", "email", "age", "created_at"];
    await load(db, dialect, "users", personCols, personRows(COUNTS.users, SEED));
    await load(db, dialect, "posts", ["id", "user_id", "title", "body"], postRows(COUNTS.posts, SEED + 1));
    await load(db, dialect, "big", personCols, personRows(COUNTS.big, SEED + 2));
    if (dialect === "pg") await db.exec("ANALYZE users; ANALYZE posts; ANALYZE big");
    if (dialect === "mysql") await db.exec("ANALYZE TABLE users, posts, big");
    log(`setup ${dialect}: loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
}

/** Server versions for the report (only for dialects a DB workload touched). */
export async function serverVersion(dialect) {
  const db = await openRaw(dialect);
  try {
    return String(await db.serverVersion());
  } finally {
    await db.close();
  }
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf("--dialects");
  const dialects = i >= 0 ? args[i + 1].split(",") : ["sqlite", "pg", "mysql"];
  for (const d of dialects) await setupDialect(d, { force: args.includes("--force") });
}
