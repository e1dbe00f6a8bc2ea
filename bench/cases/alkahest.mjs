/**
 * alkahest, from the BUILT package (dist/), as users get it.
 *
 * DB workloads (W1-W4, W6), through `sa.createEngine(url, { poolSize: 10, maxOverflow: 0 })` with
 * the default compiled cache, building the statement on every call:
 *   alkahest       `engine.connect()` per operation (W1, W2, W6: per query; W3: `engine.begin(cb)`;
 *                  W4: per stream) and `close()` after it: the pool checkout, autobegin and
 *                  reset-on-return a typical request handler pays
 *   alkahest-conn  one Connection opened up front and reused (W3 commits as it goes); not in W6
 *
 * Three W5 cases:
 *   alkahest         cold: build the statement and `.compile({ dialect })` every time
 *   alkahest-params  cold, plus `constructParams()`: the driver-ready values the peers also return
 *   alkahest-hit     the engine's compiled-cache path: build, `stmt.cacheKey()`, look the key up in
 *                    a Map of Compiled, then `compiled.constructParams(null, key.binds)`
 * A/B comparisons: ALKAHEST_VARIANTS="a=/path/to/dist,b=/other/dist" adds the same cases as
 * `alkahest@a`, `alkahest-hit@b` … so that builds run interleaved in the same rounds
 * (select them with run.mjs --cases).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { engineUrl } from "../lib/db.mjs";
import { DIST_URL } from "../lib/paths.mjs";

async function load(DIST) {
  if (!existsSync(new URL("index.js", DIST))) {
    throw new Error(`alkahest is not built: run \`npm run build\` (looked in ${DIST.pathname})`);
  }
  const sa = await import(new URL("index.js", DIST).href);
  const { sqlite, postgresql, mysql } = await import(new URL("dialects/index.js", DIST).href);
  // The paramstyles the Node drivers take: better-sqlite3 and mysql2 `?`, pg `$n`.
  const dialects = {
    sqlite: () => sqlite.dialect({ paramstyle: "qmark" }),
    pg: () => postgresql.dialect({ paramstyle: "numeric_dollar" }),
    mysql: () => mysql.dialect({ paramstyle: "qmark" }),
  };
  return { sa, dialects };
}

/** The bench schema (see setup.mjs) and W5's statement factory. */
function w5(sa) {
  const meta = new sa.MetaData();
  const users = new sa.Table(
    "users",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("name", sa.String(100), { nullable: false }),
    new sa.Column("email", sa.String(200), { nullable: false }),
    new sa.Column("age", sa.Integer, { nullable: false }),
    new sa.Column("created_at", sa.DateTime, { nullable: false }),
  );
  const posts = new sa.Table(
    "posts",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("user_id", sa.Integer, { nullable: false }),
    new sa.Column("title", sa.String(200), { nullable: false }),
    new sa.Column("body", sa.Text, { nullable: false }),
  );
  const u = users.c;
  const p = posts.c;
  return (q) =>
    sa
      .select(u.id, u.name, p.title)
      .join(posts, p.user_id.eq(u.id))
      .where(u.age.gt(q.age), u.name.like(q.name), p.id.lt(q.postId))
      .orderBy(u.id)
      .limit(q.limit);
}

/** Positional values for the check, in placeholder order. */
function positional(compiled, params) {
  return compiled.positiontup ? compiled.positiontup.map((n) => params[n]) : Object.values(params);
}

async function cold(dialect, dist) {
  const { sa, dialects } = await load(dist);
  const d = dialects[dialect]();
  const stmt = w5(sa);
  return {
    build: (q) => stmt(q).compile({ dialect: d }),
    describe: (c) => ({ sql: c.string, params: c.positionalParameters() }),
  };
}

async function coldParams(dialect, dist) {
  const { sa, dialects } = await load(dist);
  const d = dialects[dialect]();
  const stmt = w5(sa);
  return {
    build: (q) => {
      const compiled = stmt(q).compile({ dialect: d });
      return { compiled, params: compiled.constructParams() };
    },
    describe: (r) => ({ sql: r.compiled.string, params: positional(r.compiled, r.params) }),
  };
}

async function hit(dialect, dist) {
  const { sa, dialects } = await load(dist);
  const d = dialects[dialect]();
  const stmt = w5(sa);
  // One process compiles for one dialect, so the key string alone is enough here; the engine's
  // cache also keys on the dialect.
  const cache = new Map();
  let misses = 0;
  let hits = 0;
  return {
    build: (q) => {
      const s = stmt(q);
      const key = s.cacheKey();
      let compiled = cache.get(key.key);
      if (compiled === undefined) {
        misses++;
        compiled = s.compile({ dialect: d });
        // The engine stores the key on the Compiled: constructParams maps the binds of later
        // statements with this key onto the first statement's binds through it.
        compiled.cacheKey = key;
        cache.set(key.key, compiled);
      } else hits++;
      return { compiled, params: compiled.constructParams(null, key.binds) };
    },
    describe: (r) => ({ sql: r.compiled.string, params: positional(r.compiled, r.params) }),
    verify: () => {
      if (cache.size !== 1 || misses !== 1 || hits === 0) {
        throw new Error(
          `expected 1 cache entry and only hits after the first build; got size ${cache.size}, ${misses} misses, ${hits} hits`,
        );
      }
    },
  };
}

/** users, big and ins; created_at is TEXT in SQLite (read as text, as the peers do there). */
function dbTables(sa, dialect) {
  const meta = new sa.MetaData();
  const person = (name) =>
    new sa.Table(
      name,
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("name", sa.String(100), { nullable: false }),
      new sa.Column("email", sa.String(200), { nullable: false }),
      new sa.Column("age", sa.Integer, { nullable: false }),
      new sa.Column("created_at", dialect === "sqlite" ? sa.String : sa.DateTime, { nullable: false }),
    );
  return { users: person("users"), big: person("big"), ins: person("ins") };
}

async function db(dialect, dist, { reuse, pooled }) {
  const { sa } = await load(dist);
  if (reuse && pooled) throw new Error("alkahest-conn is one Connection: it has no W6 (pooled) variant");
  const engine = sa.createEngine(engineUrl(dialect), { poolSize: 10, maxOverflow: 0 });
  const { users, big, ins } = dbTables(sa, dialect);
  const u = users.c;
  const pointStmt = (id) => sa.select(u.id, u.name, u.email, u.age, u.created_at).where(u.id.eq(id));
  const rangeStmt = (lo, hi) =>
    sa.select(u.id, u.name, u.email, u.age, u.created_at).where(u.id.ge(lo), u.id.le(hi)).orderBy(u.id);
  const streamAll = async (conn) => {
    let rows = 0;
    let last = null;
    for await (const row of await conn.stream(sa.select(big))) {
      rows++;
      last = row;
    }
    return { rows, last, mode: "stream (conn.stream)" };
  };
  const norm = (r) => [r.id, r.name, r.email, r.age, r.created_at];
  if (reuse) {
    const conn = await engine.connect();
    return {
      point: async (id) => (await conn.execute(pointStmt(id))).first(),
      range: async (lo, hi) => (await conn.execute(rangeStmt(lo, hi))).all(),
      async insert(rows) {
        await conn.execute(sa.insert(ins), rows);
        await conn.commit();
      },
      stream: () => streamAll(conn),
      norm,
      async close() {
        await conn.close();
        await engine.dispose();
      },
    };
  }
  // the pool's first connection (TCP, handshake, dialect initialize) is opened in setup, as the raw
  // cases open theirs: W4 times one cold stream, which would otherwise include it
  await engine.connect(async () => {});
  const withConn = async (fn) => {
    const conn = await engine.connect();
    try {
      return await fn(conn);
    } finally {
      await conn.close();
    }
  };
  return {
    point: (id) => withConn(async (conn) => (await conn.execute(pointStmt(id))).first()),
    range: (lo, hi) => withConn(async (conn) => (await conn.execute(rangeStmt(lo, hi))).all()),
    insert: (rows) => engine.begin((conn) => conn.execute(sa.insert(ins), rows)),
    stream: () => withConn(streamAll),
    norm,
    close: () => engine.dispose(),
  };
}

const ALL = ["sqlite", "pg", "mysql"];
const KINDS = [
  ["alkahest", cold],
  ["alkahest-params", coldParams],
  ["alkahest-hit", hit],
];

/** name → dist URL: the repo's build, plus the ALKAHEST_VARIANTS builds suffixed `@name`. */
function builds() {
  const out = [["", DIST_URL]];
  for (const pair of (process.env.ALKAHEST_VARIANTS ?? "").split(",").filter(Boolean)) {
    const [name, path] = pair.split("=");
    out.push([`@${name}`, pathToFileURL(`${resolve(path)}/`)]);
  }
  return out;
}

export default builds().flatMap(([suffix, dist]) => [
  ...KINDS.map(([name, create]) => ({
    name: name + suffix,
    packages: ["alkahest"],
    dialects: ALL,
    create: (dialect) => create(dialect, dist),
    ...(name === "alkahest"
      ? { db: (dialect, opts = {}) => db(dialect, dist, { reuse: false, pooled: opts.pooled }) }
      : {}),
  })),
  {
    name: `alkahest-conn${suffix}`,
    packages: ["alkahest"],
    dialects: ALL,
    db: (dialect, opts = {}) => db(dialect, dist, { reuse: true, pooled: opts.pooled }),
  },
]);
