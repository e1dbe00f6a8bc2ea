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
import { pgUrl, requireServer } from "../../helpers/databases.js";

export interface DialectCase {
  /** `sqlite` or `postgresql` */
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
  const sqliteOutside = async (sql: string): Promise<unknown[][]> => {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(sqliteFile);
    try {
      const stmt = db.prepare(sql);
      return stmt.reader ? (stmt.raw(true).all() as unknown[][]) : (stmt.run(), []);
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
  ];
}
