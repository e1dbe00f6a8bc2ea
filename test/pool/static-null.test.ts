import { describe, expect, it } from "vitest";
import { NullPool, StaticPool } from "../../src/pool/index.js";
import { tempDbFile } from "./helpers.js";
import { sq, sqliteCreator } from "./sqlite-connection.js";

describe("StaticPool", () => {
  it("shares one :memory: connection between all checkouts, including concurrent first ones", async () => {
    const { creator, made } = sqliteCreator(":memory:");
    const pool = new StaticPool({ creator });
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    expect(made).toHaveLength(1);
    expect(a.dbapiConnection).toBe(b.dbapiConnection);
    sq(a.dbapiConnection).query("CREATE TABLE t (x INTEGER)");
    sq(a.dbapiConnection).query("INSERT INTO t VALUES (7)");
    expect(sq(b.dbapiConnection).query("SELECT x FROM t")).toEqual([[7]]);
    expect(a.fresh).not.toBe(b.fresh);
    await Promise.all([a.release(), b.release()]);
    expect(pool.status()).toBe("StaticPool");
  });

  it("resets only when the last holder returns the connection", async () => {
    const { creator } = sqliteCreator(":memory:");
    const pool = new StaticPool({ creator });
    const a = await pool.connect();
    const b = await pool.connect();
    const c = sq(a.dbapiConnection);
    c.query("CREATE TABLE t (x INTEGER)");
    c.begin();
    c.query("INSERT INTO t VALUES (1)");
    await a.release();
    expect(c.rollbacks).toBe(0);
    expect(c.db.inTransaction).toBe(true);
    await b.release();
    expect(c.rollbacks).toBe(1);
    expect(c.query("SELECT count(*) FROM t")).toEqual([[0]]);
  });

  it("reconnects after an invalidation and closes on dispose (after the last holder returns)", async () => {
    const { creator, made } = sqliteCreator(":memory:");
    const pool = new StaticPool({ creator });
    const a = await pool.connect();
    a.invalidate(new Error("dead"));
    expect(made[0].closed).toBe(true);
    const b = await pool.connect();
    expect(b.dbapiConnection).toBe(made[1]);
    await pool.dispose();
    expect(made[1].closed).toBe(false);
    await b.release();
    expect(made[1].closed).toBe(true);
    const c = await pool.connect();
    expect(c.dbapiConnection).toBe(made[2]);
    await c.release();
    await pool.dispose();
    expect(made[2].closed).toBe(true);
  });
});

describe("NullPool", () => {
  it("connects on every checkout and closes on return", async () => {
    const { creator, made } = sqliteCreator(tempDbFile());
    const pool = new NullPool({
      creator,
      prePing: true,
      ping: () => Promise.reject(new Error("never pinged")),
    });
    const a = await pool.connect();
    const b = await pool.connect();
    expect(a.dbapiConnection).not.toBe(b.dbapiConnection);
    expect(a.fresh && b.fresh).toBe(true);
    await a.release();
    expect(made[0].closed).toBe(true);
    expect(made[1].closed).toBe(false);
    await b.release();
    expect(made[1].closed).toBe(true);
    await (await pool.connect()).release();
    expect(made).toHaveLength(3);
    expect(pool.status()).toBe("NullPool");
    expect(pool.recreate()).toBeInstanceOf(NullPool);
  });

  it("rolls back before closing", async () => {
    const file = tempDbFile();
    const { creator } = sqliteCreator(file);
    const pool = new NullPool({ creator });
    const a = await pool.connect();
    const c = sq(a.dbapiConnection);
    c.query("CREATE TABLE t (x INTEGER)");
    c.begin();
    c.query("INSERT INTO t VALUES (1)");
    await a.release();
    expect(c.rollbacks).toBe(1);
    const b = await pool.connect();
    expect(sq(b.dbapiConnection).query("SELECT count(*) FROM t")).toEqual([[0]]);
    await b.release();
  });
});
