/**
 * The conformance suite runs every engine behaviour on each real database. Each test file gets
 * its own SQLite file and its own PostgreSQL schema (search_path), so files can run in parallel
 * without seeing each other's tables.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll } from "vitest";
import * as sa from "../../../src/index.js";
import { mysqlUrl, pgUrl, requireServer } from "../../helpers/databases.js";

export interface DialectCase {
  /** `sqlite`, `postgresql` or `mysql` (MariaDB here) */
  name: string;
  /** whether the database is reachable (always true for SQLite) */
  available: boolean;
  /** a new engine on this file's database; pass createEngine options */
  engine(opts?: sa.EngineOptions): sa.Engine;
  /** runs raw SQL on a separate driver connection (to look from outside the engine) */
  outside(sql: string): Promise<unknown[][]>;
}

const pgAvailable = await requireServer("PostgreSQL", async () => {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.end();
});

const mysqlAvailable = await requireServer("MariaDB/MySQL", async () => {
  const mysql = await import("mysql2/promise");
  const c = await mysql.createConnection(mysqlUrl);
  await c.end();
});

async function mysqlAdmin(database?: string) {
  const mysql = await import("mysql2/promise");
  const u = new URL(mysqlUrl);
  return mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? u.pathname.slice(1),
    rowsAsArray: true,
  });
}

/** Makes the dialect cases for one test file (`tag` names its schema and database file). */
export async function dialectCases(tag: string): Promise<DialectCase[]> {
  const dir = mkdtempSync(join(tmpdir(), `alkahest-${tag}-`));
  const sqliteFile = join(dir, "test.db");
  const schema = `conf_${tag}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  if (pgAvailable) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    afterAll(async () => {
      // engines of the file are disposed by now; drop what the file created
      const d = new pg.Client({ connectionString: pgUrl });
      await d.connect();
      try {
        // a connection a test left open would block the drop: give up rather than hang
        await d.query("SET lock_timeout = '3s'");
        await d.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } catch (err) {
        console.warn(`could not drop test schema ${schema}: ${(err as Error).message}`);
      } finally {
        await d.end();
      }
    });
  }
  const mysqlDb = schema;
  if (mysqlAvailable) {
    const c = await mysqlAdmin();
    await c.query(`DROP DATABASE IF EXISTS ${mysqlDb}`);
    await c.query(`CREATE DATABASE ${mysqlDb}`);
    await c.end();
    afterAll(async () => {
      const d = await mysqlAdmin();
      try {
        // a connection a test left open would block the drop: give up rather than hang
        await d.query("SET SESSION lock_wait_timeout = 3");
        await d.query(`DROP DATABASE IF EXISTS ${mysqlDb}`);
      } catch (err) {
        console.warn(`could not drop test database ${mysqlDb}: ${(err as Error).message}`);
      } finally {
        await d.end();
      }
    });
  }
  const mysqlOutside = async (sql: string): Promise<unknown[][]> => {
    const c = await mysqlAdmin(mysqlDb);
    try {
      await c.query("SET SESSION innodb_lock_wait_timeout = 5");
      const [rows] = await c.query(sql);
      return Array.isArray(rows) ? (rows as unknown[][]) : [];
    } finally {
      await c.end();
    }
  };
  const sqliteOutside = async (sql: string): Promise<unknown[][]> => {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(sqliteFile);
    try {
      const stmt = db.prepare(sql);
      if (stmt.reader) return stmt.raw(true).all() as unknown[][];
      stmt.run();
      return [];
    } finally {
      db.close();
    }
  };
  const pgOutside = async (sql: string): Promise<unknown[][]> => {
    const c = new pg.Client({ connectionString: pgUrl, options: `-c search_path=${schema}` });
    await c.connect();
    try {
      const r = await c.query({ text: sql, rowMode: "array" });
      return r.rows as unknown[][];
    } finally {
      await c.end();
    }
  };
  return [
    {
      name: "sqlite",
      available: true,
      engine: (opts = {}) => sa.createEngine(`sqlite:///${sqliteFile}`, opts),
      outside: sqliteOutside,
    },
    {
      name: "postgresql",
      available: pgAvailable,
      engine: (opts = {}) =>
        sa.createEngine(pgUrl, {
          ...opts,
          connectArgs: { options: `-c search_path=${schema}`, ...(opts.connectArgs ?? {}) },
        }),
      outside: pgOutside,
    },
    {
      name: "mysql",
      available: mysqlAvailable,
      engine: (opts = {}) => {
        const u = new URL(mysqlUrl);
        u.pathname = `/${mysqlDb}`;
        return sa.createEngine(u.toString(), opts);
      },
      outside: mysqlOutside,
    },
  ];
}
