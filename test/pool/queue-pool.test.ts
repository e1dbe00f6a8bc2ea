import { describe, expect, it, vi } from "vitest";
import { TimeoutError } from "../../src/exc.js";
import { type PoolConnection, QueuePool } from "../../src/pool/index.js";
import { outcome, sleep, tempDbFile } from "./helpers.js";
import { sq, sqliteCreator } from "./sqlite-connection.js";

function pool(opts: Partial<ConstructorParameters<typeof QueuePool>[0]> = {}) {
  const { creator, made } = sqliteCreator(tempDbFile());
  return { pool: new QueuePool({ creator, ...opts }), made };
}

describe("QueuePool sizes and overflow", () => {
  it("reports SQLAlchemy's status line", async () => {
    const { pool: p } = pool();
    expect(p.status()).toBe(
      "Pool size: 5  Connections in pool: 0 Current Overflow: -5 Current Checked out connections: 0",
    );
    const a = await p.connect();
    expect(p.status()).toBe(
      "Pool size: 5  Connections in pool: 0 Current Overflow: -4 Current Checked out connections: 1",
    );
    await a.release();
    expect(p.status()).toBe(
      "Pool size: 5  Connections in pool: 1 Current Overflow: -4 Current Checked out connections: 0",
    );
  });

  it("opens poolSize + maxOverflow connections, then closes the overflow on return", async () => {
    const { pool: p, made } = pool({ poolSize: 2, maxOverflow: 2, timeout: 0.05 });
    const held = await Promise.all([1, 2, 3, 4].map(() => p.connect()));
    expect(new Set(held.map((h) => h.dbapiConnection)).size).toBe(4);
    expect(p.checkedout()).toBe(4);
    expect(p.overflow()).toBe(2);
    for (const h of held) await h.release();
    // the first two returned fill the pool; the last two are overflow and are closed
    expect(made.map((c) => c.closed)).toEqual([false, false, true, true]);
    expect(p.status()).toBe(
      "Pool size: 2  Connections in pool: 2 Current Overflow: 0 Current Checked out connections: 0",
    );
  });

  it("times out with the exact SQLAlchemy message after `timeout` seconds", async () => {
    const { pool: p } = pool({ poolSize: 2, maxOverflow: 1, timeout: 0.1 });
    const held = await Promise.all([1, 2, 3].map(() => p.connect()));
    const t0 = performance.now();
    const r = await outcome(p.connect());
    const elapsed = performance.now() - t0;
    expect(r.ok).toBe(false);
    const err = (r as { error: TimeoutError }).error;
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.message).toBe(
      "QueuePool limit of size 2 overflow 1 reached, connection timed out, timeout 0.10",
    );
    expect(err.code).toBe("3o7r");
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1000);
    // the timed-out waiter left nothing behind
    expect(p.waiting()).toBe(0);
    expect(p.checkedout()).toBe(3);
    for (const h of held) await h.release();
    expect(p.checkedout()).toBe(0);
  });

  it("names the defaults (size 5, overflow 10, timeout 30.00) in the timeout error", async () => {
    const { pool: p } = pool();
    const held = await Promise.all(Array.from({ length: 15 }, () => p.connect()));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const pending = outcome(p.connect());
      await vi.advanceTimersByTimeAsync(29_999);
      expect(p.waiting()).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      const r = await pending;
      expect((r as { error: Error }).error.message).toBe(
        "QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30.00",
      );
    } finally {
      vi.useRealTimers();
    }
    for (const h of held) await h.release();
  });

  it("an infinite timeout waits for as long as it takes", async () => {
    const { pool: p } = pool({ poolSize: 1, maxOverflow: 0, timeout: Number.POSITIVE_INFINITY });
    const a = await p.connect();
    const waiting = p.connect();
    await sleep(20);
    expect(p.waiting()).toBe(1);
    await a.release();
    await (await waiting).release();
  });

  it("poolSize 0 keeps every returned connection; maxOverflow -1 never waits", async () => {
    const { pool: p, made } = pool({ poolSize: 0, maxOverflow: -1 });
    const held = await Promise.all(Array.from({ length: 25 }, () => p.connect()));
    expect(made).toHaveLength(25);
    for (const h of held) await h.release();
    expect(made.every((c) => !c.closed)).toBe(true);
    expect(p.checkedin()).toBe(25);
    expect(p.status()).toBe(
      "Pool size: 0  Connections in pool: 25 Current Overflow: 0 Current Checked out connections: 0",
    );
    await p.dispose();
    expect(made.every((c) => c.closed)).toBe(true);
  });

  it("poolSize 0 still bounds the total by maxOverflow, as SQLAlchemy does", async () => {
    const { pool: p } = pool({ poolSize: 0, maxOverflow: 2, timeout: 0.02 });
    const held = [await p.connect(), await p.connect()];
    const r = await outcome(p.connect());
    expect((r as { error: Error }).error.message).toBe(
      "QueuePool limit of size 0 overflow 0 reached, connection timed out, timeout 0.02",
    );
    for (const h of held) await h.release();
  });

  it("rejects bad and misspelt options", () => {
    const { creator } = sqliteCreator(":memory:");
    expect(() => new QueuePool({ creator, poolSize: -1 })).toThrow(/poolSize must be an integer >= 0/);
    expect(() => new QueuePool({ creator, maxOverflow: -2 })).toThrow(/maxOverflow/);
    expect(() => new QueuePool({ creator, pool_size: 3 } as never)).toThrow(/unknown option 'pool_size'/);
    expect(() => new QueuePool({ creator, resetOnReturn: "yes" } as never)).toThrow(/resetOnReturn/);
  });
});

describe("QueuePool ordering", () => {
  async function returnedOrder(useLifo: boolean) {
    const { pool: p } = pool({ poolSize: 3, useLifo });
    const [a, b, c] = await Promise.all([p.connect(), p.connect(), p.connect()]);
    const conns = [a, b, c].map((h) => h.dbapiConnection);
    for (const h of [a, b, c]) await h.release();
    const next = await p.connect();
    const i = conns.indexOf(next.dbapiConnection);
    await next.release();
    return i;
  }

  it("hands out the least recently returned connection first (FIFO)", async () => {
    expect(await returnedOrder(false)).toBe(0);
  });

  it("hands out the most recently returned connection first with useLifo", async () => {
    expect(await returnedOrder(true)).toBe(2);
  });

  it("serves waiting checkouts in the order they asked", async () => {
    const { pool: p } = pool({ poolSize: 1, maxOverflow: 0 });
    const first = await p.connect();
    const order: number[] = [];
    const waiters = [1, 2, 3].map((n) =>
      p.connect().then(async (h) => {
        order.push(n);
        await sleep(5);
        await h.release();
      }),
    );
    expect(p.waiting()).toBe(3);
    // a newcomer arriving later queues behind the waiters even if a connection frees now
    await first.release();
    const late = p.connect().then(async (h) => {
      order.push(4);
      await h.release();
    });
    await Promise.all([...waiters, late]);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it("gives a freed slot to a waiter when a held connection is invalidated", async () => {
    const { pool: p, made } = pool({ poolSize: 1, maxOverflow: 0, timeout: 1 });
    const a = await p.connect();
    const waiting = p.connect();
    a.invalidate(new Error("boom"));
    const b = await waiting;
    expect(made).toHaveLength(2);
    expect(made[0].closed).toBe(true);
    expect(b.dbapiConnection).toBe(made[1]);
    expect(b.fresh).toBe(true);
    await b.release();
  });
});

describe("QueuePool creator failures and cancellation", () => {
  it("frees the slot when the creator throws", async () => {
    let fail = true;
    const { creator } = sqliteCreator(tempDbFile());
    const p = new QueuePool({
      poolSize: 1,
      maxOverflow: 0,
      timeout: 0.05,
      creator: () => (fail ? Promise.reject(new Error("cannot connect")) : creator()),
    });
    await expect(p.connect()).rejects.toThrow("cannot connect");
    expect(p.status()).toBe(
      "Pool size: 1  Connections in pool: 0 Current Overflow: -1 Current Checked out connections: 0",
    );
    fail = false;
    const h = await p.connect();
    await h.release();
  });

  it("passes a freed slot to a waiter when a creator throws", async () => {
    const { creator } = sqliteCreator(tempDbFile());
    let calls = 0;
    const p = new QueuePool({
      poolSize: 1,
      maxOverflow: 0,
      timeout: 1,
      creator: async () => {
        calls++;
        await sleep(10);
        if (calls === 1) throw new Error("first connect fails");
        return creator();
      },
    });
    const [r1, r2] = await Promise.all([outcome(p.connect()), outcome(p.connect())]);
    expect(r1.ok).toBe(false);
    expect(r2.ok).toBe(true);
    await (r2 as { value: PoolConnection }).value.release();
  });

  it("an aborted wait leaves the queue and never takes a returned connection", async () => {
    const { pool: p } = pool({ poolSize: 1, maxOverflow: 0, timeout: 5 });
    const a = await p.connect();
    const ac = new AbortController();
    const waiting = outcome(p.connect({ signal: ac.signal }));
    expect(p.waiting()).toBe(1);
    ac.abort();
    const r = await waiting;
    expect(r.ok).toBe(false);
    expect((r as { error: Error }).error.name).toBe("AbortError");
    expect(p.waiting()).toBe(0);
    await a.release();
    expect(p.status()).toBe(
      "Pool size: 1  Connections in pool: 1 Current Overflow: 0 Current Checked out connections: 0",
    );
  });

  it("an already aborted signal rejects without touching the pool", async () => {
    const { pool: p, made } = pool();
    await expect(p.connect({ signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    expect(made).toHaveLength(0);
    expect(p.checkedout()).toBe(0);
  });

  it("an abort during a slow connect rejects at once; the late connection goes back to the pool", async () => {
    const { creator } = sqliteCreator(tempDbFile());
    const p = new QueuePool({
      poolSize: 2,
      creator: async () => {
        await sleep(200);
        return creator();
      },
    });
    const t0 = performance.now();
    const r = await outcome(p.connect({ signal: AbortSignal.timeout(10) }));
    expect(r.ok).toBe(false);
    expect((r as { error: Error }).error.name).toBe("TimeoutError");
    expect(performance.now() - t0).toBeLessThan(150);
    expect(p.checkedout()).toBe(1);
    await sleep(250);
    expect(p.checkedout()).toBe(0);
    expect(p.checkedin()).toBe(1);
  });

  it("abort signals on many waiters keep the accounting exact", async () => {
    const { pool: p } = pool({ poolSize: 2, maxOverflow: 0, timeout: 5 });
    const held = [await p.connect(), await p.connect()];
    const controllers = Array.from({ length: 6 }, () => new AbortController());
    const waits = controllers.map((c) =>
      outcome(p.connect({ signal: c.signal }).then((h) => sleep(5).then(() => h.release()))),
    );
    for (const c of controllers.filter((_, i) => i % 2 === 0)) c.abort();
    expect(p.waiting()).toBe(3);
    for (const h of held) await h.release();
    const results = await Promise.all(waits);
    expect(results.map((r) => r.ok)).toEqual([false, true, false, true, false, true]);
    expect(p.waiting()).toBe(0);
    expect(p.checkedin()).toBe(2);
    expect(p.checkedout()).toBe(0);
  });
});

describe("QueuePool release", () => {
  it("release and invalidate are idempotent", async () => {
    const { pool: p } = pool({ poolSize: 1 });
    const h = await p.connect();
    await h.release();
    await h.release();
    h.invalidate();
    expect(h.released).toBe(true);
    expect(() => h.dbapiConnection).toThrow(/already released/);
    expect(p.checkedin()).toBe(1);
    expect(p.checkedout()).toBe(0);
  });

  it("supports `await using`", async () => {
    const { pool: p } = pool({ poolSize: 1 });
    {
      await using h = await p.connect();
      sq(h.dbapiConnection).query("SELECT 1");
      expect(p.checkedout()).toBe(1);
    }
    expect(p.checkedout()).toBe(0);
  });
});
