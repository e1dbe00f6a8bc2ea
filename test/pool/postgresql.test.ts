/**
 * Disconnects against the real PostgreSQL server: backends are killed with pg_terminate_backend
 * from a second client, and the pool must notice, replace and recycle.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DBAPIConnection } from "../../src/engine/interfaces.js";
import { QueuePool, type QueuePoolOptions } from "../../src/pool/index.js";
import { sleep } from "./helpers.js";
import { isPgDisconnect, PG_URL, PgTestConnection, pgAvailable, pgc } from "./pg-connection.js";

const available = await pgAvailable();
const TABLE = `alkahest_pool_${process.pid}`;

describe.skipIf(!available)("QueuePool on PostgreSQL", () => {
  let admin: pg.Client;
  const pools: QueuePool[] = [];

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await admin.query(`CREATE TABLE ${TABLE} (x INTEGER)`);
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.dispose()));
    await admin.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await admin.end();
  });

  function makePool(opts: Partial<QueuePoolOptions> & { trackEnd?: boolean } = {}) {
    const { trackEnd, ...rest } = opts;
    const made: PgTestConnection[] = [];
    const pool = new QueuePool({
      creator: async () => {
        const c = await PgTestConnection.open({ trackEnd });
        made.push(c);
        return c;
      },
      ping: async (c: DBAPIConnection) => {
        await pgc(c).query("SELECT 1");
      },
      isDisconnect: isPgDisconnect,
      ...rest,
    });
    pools.push(pool);
    return { pool, made };
  }

  async function kill(pids: number[]): Promise<void> {
    await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
    for (let i = 0; i < 100; i++) {
      const r = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])",
        [pids],
      );
      if (r.rows[0].n === 0) return;
      await sleep(20);
    }
    throw new Error(`backends ${pids.join(",")} did not go away`);
  }

  async function alive(pids: number[]): Promise<number> {
    const r = await admin.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1::int[])",
      [pids],
    );
    return r.rows[0].n;
  }

  it("pre-ping replaces a killed connection and stamps the pool so older ones recycle", async () => {
    const invalidated: unknown[] = [];
    const { pool, made } = makePool({
      poolSize: 3,
      prePing: true,
      listeners: [{ onInvalidate: (_c, _r, err) => invalidated.push(err) }],
    });
    const first = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    const oldPids = first.map((h) => pgc(h.dbapiConnection).pid);
    for (const h of first) await h.release();
    // kill only the first; the other two are alive but older than the stamp the ping will set
    await kill([oldPids[0]]);
    await sleep(50);

    const a = await pool.connect();
    const rows = await pgc(a.dbapiConnection).query("SELECT 1");
    expect(rows).toEqual([[1]]);
    expect(a.fresh).toBe(true);
    expect(pgc(a.dbapiConnection).pid).not.toBe(oldPids[0]);
    expect(invalidated).toHaveLength(1);
    expect(isPgDisconnect((invalidated[0] as Error).cause)).toBe(true);

    // the next two checkouts find connections older than the stamp: recycled without a ping
    const b = await pool.connect();
    const c = await pool.connect();
    expect(b.fresh && c.fresh).toBe(true);
    const newPids = [a, b, c].map((h) => pgc(h.dbapiConnection).pid);
    expect(newPids.filter((p) => oldPids.includes(p))).toEqual([]);
    // invalidation terminated the old DBAPI connections: their backends are gone
    await sleep(100);
    expect(await alive(oldPids)).toBe(0);
    expect(made).toHaveLength(6);
    for (const h of [a, b, c]) await h.release();
    expect(pool.checkedin()).toBe(3);
  });

  it("a disconnect found in use: invalidate + stamp, then the pool recovers with committed rows intact", async () => {
    const { pool } = makePool({ poolSize: 2 });
    const writer = await pool.connect();
    const w = pgc(writer.dbapiConnection);
    await w.begin();
    await w.query(`INSERT INTO ${TABLE} VALUES (1)`);
    await w.commit();
    const other = await pool.connect();
    const otherPid = pgc(other.dbapiConnection).pid;
    await other.release();

    await kill([w.pid]);
    const err = await w.query("SELECT 1").catch((e: unknown) => e);
    expect(isPgDisconnect(err)).toBe(true);
    // what the engine does on a disconnect
    writer.invalidate(err);
    pool.stampInvalidated();
    expect(pool.checkedout()).toBe(0);

    const h = await pool.connect();
    const h2 = await pool.connect();
    const pids = [h, h2].map((x) => pgc(x.dbapiConnection).pid);
    expect(pids).not.toContain(otherPid);
    expect(pids).not.toContain(w.pid);
    expect(await pgc(h.dbapiConnection).query(`SELECT count(*)::int FROM ${TABLE} WHERE x = 1`)).toEqual([
      [1],
    ]);
    await Promise.all([h.release(), h2.release()]);
    await sleep(100);
    expect(await alive([otherPid, w.pid])).toBe(0);
  });

  it("rolls back on return: an uncommitted insert is invisible to a second connection", async () => {
    const { pool } = makePool({ poolSize: 2 });
    const a = await pool.connect();
    const c = pgc(a.dbapiConnection);
    await c.begin();
    await c.query(`INSERT INTO ${TABLE} VALUES (2)`);
    const during = await admin.query("SELECT state FROM pg_stat_activity WHERE pid = $1", [c.pid]);
    expect(during.rows[0].state).toBe("idle in transaction");
    await a.release();
    const r = await admin.query(`SELECT count(*)::int AS n FROM ${TABLE} WHERE x = 2`);
    expect(r.rows[0].n).toBe(0);
    // the connection came back usable and outside any transaction
    const again = await pool.connect();
    expect(again.dbapiConnection).toBe(c);
    await again.release();
    const state = await admin.query("SELECT state FROM pg_stat_activity WHERE pid = $1", [c.pid]);
    expect(state.rows[0].state).toBe("idle");
  });

  it("a reset on a killed connection invalidates it instead of failing the release", async () => {
    const { pool, made } = makePool({ poolSize: 1 });
    const a = await pool.connect();
    const c = pgc(a.dbapiConnection);
    await c.begin();
    await kill([c.pid]);
    await expect(a.release()).resolves.toBeUndefined();
    expect(c.closed).toBe(true);
    const b = await pool.connect();
    expect(b.dbapiConnection).toBe(made[1]);
    expect(await pgc(b.dbapiConnection).query("SELECT 1")).toEqual([[1]]);
    await b.release();
  });

  it("a driver that reports its connection closed is replaced at checkout without a ping", async () => {
    let pings = 0;
    const { pool, made } = makePool({
      poolSize: 1,
      prePing: true,
      trackEnd: true,
      ping: async (conn) => {
        pings++;
        await pgc(conn).query("SELECT 1");
      },
    });
    const a = await pool.connect();
    await a.release();
    await kill([made[0].pid]);
    for (let i = 0; i < 50 && !made[0].closed; i++) await sleep(10);
    expect(made[0].closed).toBe(true);
    const b = await pool.connect();
    expect(b.dbapiConnection).toBe(made[1]);
    expect(pings).toBe(0);
    await b.release();
  });
});
