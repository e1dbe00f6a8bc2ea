import { describe, expect, it } from "vitest";
import type { DBAPIConnection } from "../../src/engine/interfaces.js";
import { DisconnectionError, InvalidRequestError } from "../../src/exc.js";
import { type PoolListener, QueuePool, type QueuePoolOptions } from "../../src/pool/index.js";
import { sleep, tempDbFile } from "./helpers.js";
import { SqliteTestConnection, sq, sqliteCreator } from "./sqlite-connection.js";

function setup(opts: Partial<QueuePoolOptions> = {}) {
  const file = tempDbFile();
  const { creator, made } = sqliteCreator(file);
  const pool = new QueuePool({ creator, ...opts });
  return { pool, made, file };
}

async function countRows(pool: QueuePool): Promise<number> {
  const h = await pool.connect();
  try {
    return Number(sq(h.dbapiConnection).query("SELECT count(*) FROM t")[0][0]);
  } finally {
    await h.release();
  }
}

describe("reset on return", () => {
  async function insertThenRelease(pool: QueuePool, transactionWasReset = false) {
    const h = await pool.connect();
    const c = sq(h.dbapiConnection);
    c.query("CREATE TABLE IF NOT EXISTS t (x INTEGER)");
    c.begin();
    c.query("INSERT INTO t VALUES (1)");
    await h.release({ transactionWasReset });
    return c;
  }

  it("rolls back by default: the insert is not visible to the next checkout", async () => {
    const { pool } = setup({ poolSize: 2 });
    const c = await insertThenRelease(pool);
    expect(c.rollbacks).toBe(1);
    expect(c.db.inTransaction).toBe(false);
    expect(await countRows(pool)).toBe(0);
  });

  it("commits with resetOnReturn 'commit'", async () => {
    const { pool } = setup({ resetOnReturn: "commit" });
    const c = await insertThenRelease(pool);
    expect(c.commits).toBe(1);
    expect(await countRows(pool)).toBe(1);
  });

  it("skips the rollback when the caller says the transaction was already reset", async () => {
    const { pool } = setup();
    const h = await pool.connect();
    const c = sq(h.dbapiConnection);
    await h.release({ transactionWasReset: true });
    expect(c.rollbacks).toBe(0);
  });

  it("does nothing with resetOnReturn null", async () => {
    const { pool } = setup({ resetOnReturn: null });
    const h = await pool.connect();
    const c = sq(h.dbapiConnection);
    await h.release();
    expect(c.rollbacks + c.commits).toBe(0);
  });

  it("invalidates the connection when the reset fails", async () => {
    const invalidated: unknown[] = [];
    const { pool } = setup({
      resetOnReturn: "commit",
      listeners: [{ onInvalidate: (_c, _r, err) => invalidated.push(err) }],
    });
    const h = await pool.connect();
    const c = sq(h.dbapiConnection);
    // a deferred foreign key makes the reset's COMMIT itself fail
    c.db.exec("PRAGMA foreign_keys = ON");
    c.db.exec("CREATE TABLE p (id INTEGER PRIMARY KEY)");
    c.db.exec("CREATE TABLE ch (pid INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)");
    c.begin();
    c.query("INSERT INTO ch VALUES (42)");
    await h.release();
    expect(c.closed).toBe(true);
    expect(invalidated).toHaveLength(1);
    expect(String(invalidated[0])).toMatch(/FOREIGN KEY constraint failed/);
    // the slot stays in the pool, empty, and reconnects on the next checkout
    expect(pool.checkedin()).toBe(1);
    const again = await pool.connect();
    expect(again.fresh).toBe(true);
    expect(again.dbapiConnection).not.toBe(c);
    await again.release();
  });

  it("a failing onReset listener invalidates instead of throwing from release()", async () => {
    const { pool } = setup({
      listeners: [
        {
          onReset: () => {
            throw new Error("reset hook failed");
          },
        },
      ],
    });
    const h = await pool.connect();
    const c = sq(h.dbapiConnection);
    await expect(h.release()).resolves.toBeUndefined();
    expect(c.closed).toBe(true);
  });
});

describe("invalidation and recycle", () => {
  it("hard invalidation terminates the connection and returns the handle", async () => {
    const { pool, made } = setup();
    const h = await pool.connect();
    h.info.tag = "kept?";
    h.recordInfo.slot = 1;
    h.invalidate(new Error("gone"));
    expect(made[0].closed).toBe(true);
    expect(h.released).toBe(true);
    expect(h.isValid).toBe(false);
    expect(pool.checkedout()).toBe(0);
    const next = await pool.connect();
    expect(next.record).toBe(h.record);
    expect(next.info.tag).toBeUndefined();
    expect(next.recordInfo.slot).toBe(1);
    await next.release();
  });

  it("soft invalidation keeps the connection usable until its next checkout", async () => {
    const { pool, made } = setup();
    const h = await pool.connect();
    h.invalidate(undefined, { soft: true });
    expect(h.isValid).toBe(true);
    sq(h.dbapiConnection).query("SELECT 1");
    await h.release();
    expect(made[0].closed).toBe(false);
    const next = await pool.connect();
    expect(made[0].closed).toBe(true);
    expect(next.dbapiConnection).toBe(made[1]);
    await next.release();
  });

  it("stampInvalidated recycles every older connection at its next checkout, not newer ones", async () => {
    const { pool, made } = setup({ poolSize: 3 });
    const first = await Promise.all([pool.connect(), pool.connect()]);
    const stillOut = first[1];
    await first[0].release();
    pool.stampInvalidated();
    // not closed eagerly: the idle one is recycled when checked out, the one still out keeps working
    expect(made.map((c) => c.closed)).toEqual([false, false]);
    sq(stillOut.dbapiConnection).query("SELECT 1");
    const a = await pool.connect();
    expect(made[0].closed).toBe(true);
    expect(a.dbapiConnection).toBe(made[2]);
    await stillOut.release();
    const b = await pool.connect();
    expect(made[1].closed).toBe(true);
    expect(b.dbapiConnection).toBe(made[3]);
    await Promise.all([a.release(), b.release()]);
    // connections made after the stamp are not recycled again
    const c = await pool.connect();
    expect([made[2], made[3]]).toContain(c.dbapiConnection);
    expect(made).toHaveLength(4);
    await c.release();
  });

  it("recycles a connection older than `recycle` seconds", async () => {
    const { pool, made } = setup({ recycle: 0.05 });
    const h = await pool.connect();
    await h.release();
    const again = await pool.connect();
    expect(again.dbapiConnection).toBe(made[0]);
    await again.release();
    await sleep(70);
    const later = await pool.connect();
    expect(made[0].closed).toBe(true);
    expect(later.dbapiConnection).toBe(made[1]);
    expect(later.fresh).toBe(true);
    expect(Date.now() - later.startTime).toBeLessThan(50);
    await later.release();
  });

  it("replaces a connection whose driver reports it closed, at return and at checkout", async () => {
    const { pool, made } = setup();
    const h = await pool.connect();
    sq(h.dbapiConnection).db.close();
    await h.release({ transactionWasReset: true });
    const next = await pool.connect();
    expect(next.dbapiConnection).toBe(made[1]);
    await next.release();
  });
});

describe("pre-ping (SQLite)", () => {
  it("pings non-fresh connections only", async () => {
    const pinged: DBAPIConnection[] = [];
    const { pool } = setup({ prePing: true, ping: (c) => void pinged.push(c) });
    const h = await pool.connect();
    expect(h.fresh).toBe(true);
    await h.release();
    expect(pinged).toHaveLength(0);
    const again = await pool.connect();
    expect(again.fresh).toBe(false);
    expect(pinged).toEqual([again.dbapiConnection]);
    await again.release();
  });

  it("the default ping runs SELECT 1 and a dead connection is replaced", async () => {
    const { pool, made } = setup({ prePing: true });
    const h = await pool.connect();
    await h.release();
    // closed behind the pool's back, but still reporting open: only the ping can tell
    const orig = made[0];
    const ghost = Object.defineProperty(orig, "closed", { get: () => false });
    orig.db.close();
    const next = await pool.connect();
    expect(next.dbapiConnection).not.toBe(ghost);
    expect(next.fresh).toBe(true);
    await next.release();
  });

  it("a ping error that is not a disconnect propagates and frees the slot", async () => {
    const { pool, made } = setup({
      prePing: true,
      poolSize: 1,
      maxOverflow: 0,
      ping: () => {
        throw new Error("permission denied");
      },
      isDisconnect: () => false,
    });
    const h = await pool.connect();
    await h.release();
    await expect(pool.connect()).rejects.toThrow("permission denied");
    expect(made[0].closed).toBe(true);
    expect(pool.checkedout()).toBe(0);
  });
});

describe("events", () => {
  it("fires connect, checkout, reset, checkin, invalidate and close in order", async () => {
    const log: string[] = [];
    const listener: PoolListener = {
      onConnect: () => void log.push("connect"),
      onCheckout: (_c, _r, pc) => void log.push(`checkout fresh=${pc.fresh}`),
      onReset: (_c, _r, s) => void log.push(`reset ${s.resetOnReturn} wasReset=${s.transactionWasReset}`),
      onCheckin: (c) => void log.push(`checkin ${c === null ? "empty" : "live"}`),
      onInvalidate: (_c, _r, e, soft) => void log.push(`invalidate ${String(e)} soft=${soft}`),
      onClose: () => void log.push("close"),
    };
    const { pool } = setup();
    pool.addListener(listener);
    const h = await pool.connect();
    await h.release();
    const h2 = await pool.connect();
    h2.invalidate("bye");
    expect(log).toEqual([
      "connect",
      "checkout fresh=true",
      "reset rollback wasReset=false",
      "checkin live",
      "checkout fresh=false",
      "invalidate bye soft=false",
      "close",
      "checkin empty",
    ]);
  });

  it("addListener returns a remover", async () => {
    const { pool } = setup();
    let n = 0;
    const off = pool.addListener({ onCheckout: () => void n++ });
    await (await pool.connect()).release();
    off();
    await (await pool.connect()).release();
    expect(n).toBe(1);
  });

  it("a checkout listener raising DisconnectionError gets a new connection", async () => {
    const { pool, made } = setup();
    let fails = 1;
    pool.addListener({
      onCheckout: () => {
        if (fails-- > 0) throw new DisconnectionError("stale");
      },
    });
    const h = await pool.connect();
    expect(made).toHaveLength(2);
    expect(made[0].closed).toBe(true);
    expect(h.dbapiConnection).toBe(made[1]);
    await h.release();
  });

  it("two DisconnectionErrors in a row give 'This connection is closed'", async () => {
    const { pool, made } = setup({ poolSize: 1, maxOverflow: 0 });
    pool.addListener({
      onCheckout: () => {
        throw new DisconnectionError("always stale");
      },
    });
    const err = await pool.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect((err as Error).message).toBe("This connection is closed");
    expect(made.every((c) => c.closed)).toBe(true);
    expect(pool.checkedout()).toBe(0);
  });

  it("a throwing onConnect fails the checkout, closes the new connection and frees the slot", async () => {
    const { pool, made } = setup({
      poolSize: 1,
      maxOverflow: 0,
      listeners: [
        {
          onConnect: () => {
            throw new Error("SET failed");
          },
        },
      ],
    });
    await expect(pool.connect()).rejects.toThrow("SET failed");
    expect(made[0].closed).toBe(true);
    expect(pool.checkedout()).toBe(0);
    expect(pool.checkedin()).toBe(0);
  });
});

describe("firstConnect", () => {
  it("runs once, on one connection, even when the first checkouts are concurrent", async () => {
    const seen: DBAPIConnection[] = [];
    const { pool } = setup({
      firstConnect: async (c) => {
        await sleep(10);
        seen.push(c);
      },
    });
    const hs = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
    expect(seen).toHaveLength(1);
    for (const h of hs) await h.release();
    const re = pool.recreate();
    await (await re.connect()).release();
    expect(seen).toHaveLength(1);
    await Promise.all([pool.dispose(), re.dispose()]);
  });

  it("runs again after it threw", async () => {
    let calls = 0;
    const { pool } = setup({
      firstConnect: () => {
        if (++calls === 1) throw new Error("initialize failed");
      },
    });
    await expect(pool.connect()).rejects.toThrow("initialize failed");
    await (await pool.connect()).release();
    await (await pool.connect()).release();
    expect(calls).toBe(2);
  });
});

describe("dispose and recreate", () => {
  it("closes idle connections now and checked-out ones when they return", async () => {
    const { pool, made } = setup({ poolSize: 2 });
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    await a.release();
    await pool.dispose();
    expect(made.map((c) => c.closed)).toEqual([true, false]);
    sq(b.dbapiConnection).query("SELECT 1");
    await b.release();
    expect(made[1].closed).toBe(true);
    expect(pool.status()).toBe(
      "Pool size: 2  Connections in pool: 0 Current Overflow: -2 Current Checked out connections: 0",
    );
    // still usable afterwards
    const c = await pool.connect();
    expect(c.dbapiConnection).toBe(made[2]);
    await c.release();
    expect(pool.checkedin()).toBe(1);
  });

  it("recreate gives an empty pool with the same options and listeners", async () => {
    let checkouts = 0;
    const { pool } = setup({ poolSize: 3, maxOverflow: 1, timeout: 7 });
    pool.addListener({ onCheckout: () => void checkouts++ });
    await (await pool.connect()).release();
    const fresh = pool.recreate();
    expect(fresh).toBeInstanceOf(QueuePool);
    expect(fresh.status()).toBe(
      "Pool size: 3  Connections in pool: 0 Current Overflow: -3 Current Checked out connections: 0",
    );
    expect(fresh.timeout()).toBe(7);
    const h = await fresh.connect();
    expect(h.dbapiConnection).toBeInstanceOf(SqliteTestConnection);
    await h.release();
    expect(checkouts).toBe(2);
  });
});
