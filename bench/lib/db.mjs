/**
 * Connection settings for the three bench databases, in one place so setup and the DB cases
 * (W1-W4, W6) agree. Drivers are imported lazily: W5 needs no database and must not load them.
 *
 * The server databases default to a dedicated `alkahest_bench` database (created by setup), not
 * the shared `test` database: test suites create and drop tables named `users` there, which
 * broke the bench data mid-run.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { SQLITE_FILE } from "./paths.mjs";

export const CONNECTIONS = {
  sqlite: { file: process.env.BENCH_SQLITE_FILE ?? SQLITE_FILE },
  pg: {
    host: process.env.BENCH_PG_HOST ?? "127.0.0.1",
    port: Number(process.env.BENCH_PG_PORT ?? 5432),
    user: process.env.BENCH_PG_USER ?? "root",
    database: process.env.BENCH_PG_DB ?? "alkahest_bench",
  },
  mysql: {
    host: process.env.BENCH_MYSQL_HOST ?? "127.0.0.1",
    port: Number(process.env.BENCH_MYSQL_PORT ?? 3306),
    user: process.env.BENCH_MYSQL_USER ?? "root",
    password: process.env.BENCH_MYSQL_PASSWORD ?? "",
    database: process.env.BENCH_MYSQL_DB ?? "alkahest_bench",
  },
};

/** The same databases as alkahest URLs (`sqlite:////abs/path` has four slashes). */
export function engineUrl(dialect) {
  if (dialect === "sqlite") return `sqlite:///${CONNECTIONS.sqlite.file}`;
  if (dialect === "pg") {
    const c = CONNECTIONS.pg;
    return `postgresql://${c.user}@${c.host}:${c.port}/${c.database}`;
  }
  const c = CONNECTIONS.mysql;
  const pw = c.password ? `:${encodeURIComponent(c.password)}` : "";
  return `mysql://${c.user}${pw}@${c.host}:${c.port}/${c.database}`;
}

/** Creates the bench database on a server if it is missing (setup calls this first). */
export async function ensureDatabase(dialect) {
  if (dialect === "pg") {
    const { default: pg } = await import("pg");
    const { database, ...rest } = CONNECTIONS.pg;
    const client = new pg.Client({ ...rest, database: "postgres" });
    await client.connect();
    try {
      const r = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (!r.rowCount) await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
  } else if (dialect === "mysql") {
    const mysql = await import("mysql2/promise");
    const { database, ...rest } = CONNECTIONS.mysql;
    const conn = await mysql.createConnection(rest);
    try {
      await conn.query(`CREATE DATABASE IF NOT EXISTS ${database}`);
    } finally {
      await conn.end();
    }
  }
}

/** A small uniform handle for setup: `exec(sql, params?)` and `query(sql)` returning rows. */
export async function openRaw(dialect) {
  if (dialect === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    mkdirSync(dirname(CONNECTIONS.sqlite.file), { recursive: true });
    const db = new Database(CONNECTIONS.sqlite.file);
    // WAL, as in the anchors: readers do not block on the writer and commits are cheaper.
    db.pragma("journal_mode = WAL");
    return {
      exec: async (sql, params) => (params ? db.prepare(sql).run(params) : db.exec(sql)),
      query: async (sql) => db.prepare(sql).all(),
      transaction: async (fn) => {
        db.exec("BEGIN");
        try {
          await fn();
          db.exec("COMMIT");
        } catch (e) {
          db.exec("ROLLBACK");
          throw e;
        }
      },
      serverVersion: async () => db.prepare("select sqlite_version() as v").get().v,
      close: async () => db.close(),
    };
  }
  if (dialect === "pg") {
    const { default: pg } = await import("pg");
    const client = new pg.Client(CONNECTIONS.pg);
    await client.connect();
    return {
      exec: (sql, params) => client.query(sql, params),
      query: async (sql) => (await client.query(sql)).rows,
      transaction: async (fn) => {
        await client.query("BEGIN");
        try {
          await fn();
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK");
          throw e;
        }
      },
      serverVersion: async () => (await client.query("show server_version")).rows[0].server_version,
      close: () => client.end(),
    };
  }
  if (dialect === "mysql") {
    const mysql = await import("mysql2/promise");
    const conn = await mysql.createConnection(CONNECTIONS.mysql);
    return {
      exec: (sql, params) => conn.query(sql, params),
      query: async (sql) => (await conn.query(sql))[0],
      transaction: async (fn) => {
        await conn.beginTransaction();
        try {
          await fn();
          await conn.commit();
        } catch (e) {
          await conn.rollback();
          throw e;
        }
      },
      serverVersion: async () => (await conn.query("select version() as v"))[0][0].v,
      close: () => conn.end(),
    };
  }
  throw new Error(`unknown dialect ${dialect}`);
}
