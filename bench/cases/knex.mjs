/**
 * Knex. W5 (`create`): a client with no `connection`, so no pool is created; `.toSQL()` is the
 * compile step (on pg it still has `?` placeholders: Knex rewrites them to $n when executing).
 * DB workloads (`db`): Knex's better-sqlite3, pg and mysql2 clients with a pool of at most 10.
 *
 * Knex streams pg results through `pg-query-stream`, which is not one of the project's
 * devDependencies. The bench installs it privately (see bench/README.md, "pg-query-stream") into
 * bench/results/deps and puts that folder on NODE_PATH for Knex's `require`.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import knexFactory from "knex";
import { PERSON_COLUMNS } from "../lib/data.mjs";
import { CONNECTIONS } from "../lib/db.mjs";
import { RESULTS_DIR } from "../lib/paths.mjs";
import { chunks } from "../lib/sql.mjs";

const CLIENTS = { sqlite: "better-sqlite3", pg: "pg", mysql: "mysql2" };
const DEPS = `${RESULTS_DIR}deps/node_modules`;

/** Makes bench/results/deps resolvable from Knex's CommonJS `require('pg-query-stream')`. */
function addPrivateDeps() {
  if (!existsSync(`${DEPS}/pg-query-stream`)) {
    throw new Error(
      "knex pg streaming needs pg-query-stream: npm install --prefix bench/results/deps --no-save " +
        "--legacy-peer-deps --no-package-lock pg-query-stream@4.17.0",
    );
  }
  const paths = (process.env.NODE_PATH ?? "").split(":").filter(Boolean);
  if (!paths.includes(DEPS)) {
    process.env.NODE_PATH = [...paths, DEPS].join(":");
    createRequire(import.meta.url)("node:module").Module._initPaths();
  }
}

function connection(dialect) {
  if (dialect === "sqlite") return { filename: CONNECTIONS.sqlite.file };
  return CONNECTIONS[dialect];
}

/**
 * Knex compiles a multi-row insert on better-sqlite3 as INSERT … SELECT … UNION ALL SELECT …,
 * which fails above 500 rows (SQLITE_MAX_COMPOUND_SELECT), so SQLite inserts 500 rows per
 * statement; pg and MySQL take all 10,000 rows in one.
 */
const ROWS_PER_INSERT = { sqlite: 500, pg: Number.POSITIVE_INFINITY, mysql: Number.POSITIVE_INFINITY };

function db(dialect) {
  if (dialect === "pg") addPrivateDeps();
  const k = knexFactory({
    client: CLIENTS[dialect],
    connection: connection(dialect),
    pool: { min: 0, max: 10 },
    useNullAsDefault: true,
  });
  return {
    point: (id) => k("users").select(PERSON_COLUMNS).where("id", id).first(),
    range: (lo, hi) =>
      k("users").select(PERSON_COLUMNS).where("id", ">=", lo).andWhere("id", "<=", hi).orderBy("id"),
    insert: (rows) =>
      k.transaction(async (trx) => {
        for (const [from, to] of chunks(rows.length, ROWS_PER_INSERT[dialect])) {
          await trx("ins").insert(rows.slice(from, to));
        }
      }),
    async stream() {
      let rows = 0;
      let last = null;
      for await (const row of k("big").select(PERSON_COLUMNS).stream({ highWaterMark: 1000 })) {
        rows++;
        last = row;
      }
      return {
        rows,
        last,
        mode: dialect === "sqlite" ? "stream (buffers everything first)" : "stream (.stream())",
      };
    },
    norm: (r) => [r.id, r.name, r.email, r.age, r.created_at],
    close: () => k.destroy(),
  };
}

export default [
  {
    name: "knex",
    packages: ["knex"],
    dialects: ["sqlite", "pg", "mysql"],
    create(dialect) {
      const k = knexFactory({ client: CLIENTS[dialect], useNullAsDefault: true });
      return {
        build: (q) =>
          k
            .select("users.id", "users.name", "posts.title")
            .from("users")
            .join("posts", "posts.user_id", "users.id")
            .where("users.age", ">", q.age)
            .andWhere("users.name", "like", q.name)
            .andWhere("posts.id", "<", q.postId)
            .orderBy("users.id")
            .limit(q.limit)
            .toSQL(),
        describe: (r) => ({ sql: r.sql, params: [...r.bindings] }),
        close: () => k.destroy(),
      };
    },
    db,
  },
];
