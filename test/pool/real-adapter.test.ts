/**
 * The pools over the engine's real better-sqlite3 adapter (the other tests use a test-local,
 * instrumented adapter): the DBAPI seam as the engine will drive it.
 */
import { describe, expect, it } from "vitest";
import type { DBAPIConnection } from "../../src/engine/interfaces.js";
import { QueuePool, StaticPool } from "../../src/pool/index.js";
import { tempDbFile } from "./helpers.js";

const { betterSqlite3Adapter } = await import("../../src/dialects/sqlite/better-sqlite3.js");

async function rows(conn: DBAPIConnection, sql: string): Promise<unknown[][]> {
  const cur = conn.cursor();
  await cur.execute(sql, []);
  const all = await cur.fetchall();
  await cur.close();
  return all;
}

describe("pools over the better-sqlite3 adapter", () => {
  it("QueuePool rolls back on return and pre-pings with the default SELECT 1", async () => {
    const filename = tempDbFile();
    const pool = new QueuePool({ creator: () => betterSqlite3Adapter.connect({ filename }), prePing: true });
    const a = await pool.connect();
    await rows(a.dbapiConnection, "CREATE TABLE t (x INTEGER)");
    await a.dbapiConnection.begin();
    await rows(a.dbapiConnection, "INSERT INTO t VALUES (1)");
    await a.release();
    const b = await pool.connect();
    expect(b.fresh).toBe(false);
    expect(b.dbapiConnection).toBe(a.record.dbapiConnection);
    expect(await rows(b.dbapiConnection, "SELECT count(*) FROM t")).toEqual([[0]]);
    await b.release();
    await pool.dispose();
    expect(a.record.dbapiConnection).toBeNull();
  });

  it("StaticPool shares one :memory: database", async () => {
    const pool = new StaticPool({ creator: () => betterSqlite3Adapter.connect({ filename: ":memory:" }) });
    const a = await pool.connect();
    const b = await pool.connect();
    await rows(a.dbapiConnection, "CREATE TABLE t (x INTEGER)");
    await rows(a.dbapiConnection, "INSERT INTO t VALUES (5)");
    expect(await rows(b.dbapiConnection, "SELECT x FROM t")).toEqual([[5]]);
    await Promise.all([a.release(), b.release()]);
    await pool.dispose();
  });
});
