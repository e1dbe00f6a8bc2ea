/**
 * SQLite behaviours a Node user relies on, on real databases:
 *
 * - Several Connections on `sqlite:///:memory:` share its one connection and its transaction.
 * - Untyped whole numbers (text() parameters) bind as INTEGER, not as better-sqlite3's REAL.
 * - Several pooled connections on one SQLite file: a connection that meets a locked database
 *   waits without blocking the event loop (the lock holder must be able to run to its COMMIT),
 *   up to the connection's `timeout`, and raises LockTimeout at once where waiting cannot help
 *   (SQLite declines to wait, or a WAL snapshot is stale). Both journal modes.
 * - BigInteger results are exact beyond 2^53, whatever produces them (column, aggregate,
 *   arithmetic, CAST, bound literal), on every dialect; and a bigint bind is exact.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("sqlconc");

const meta = new sa.MetaData();
const w = new sa.Table(
  "conc_w",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("v", sa.Integer, { nullable: false }),
);

const dir = mkdtempSync(join(tmpdir(), "alkahest-sqlconc-"));
let fileNo = 0;
const engines: sa.Engine[] = [];

/** An engine on a new SQLite file holding the empty `conc_w` table (WAL when asked). */
async function fileEngine(opts: sa.EngineOptions = {}, wal = false): Promise<sa.Engine> {
  const file = join(dir, `db${++fileNo}.db`);
  if (wal) {
    // the journal mode is a property of the file; it cannot change inside a transaction
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.close();
  }
  const engine = sa.createEngine(`sqlite:///${file}`, opts);
  engines.push(engine);
  await engine.begin((c) => meta.createAll(c));
  return engine;
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose()));
});

/** Counts event-loop turns (a 5 ms interval) until stopped: zero means the loop was blocked. */
function loopTicks(): () => number {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  return () => {
    clearInterval(timer);
    return ticks;
  };
}

/** The rejection of `p` (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<sa.exc.DBAPIError> {
  const out = await p.then(
    () => null,
    (e: unknown) => e as sa.exc.DBAPIError,
  );
  if (out === null) throw new Error("expected a rejection, but the promise resolved");
  return out;
}

async function values(engine: sa.Engine): Promise<unknown[]> {
  return engine.connect(async (c) => (await c.execute(sa.select(w.c.v).orderBy(w.c.v))).scalars().all());
}

const insert = (c: sa.Connection, v: number) => c.execute(w.insert().values({ v }));

describe.each([
  ["rollback journal", false],
  ["WAL", true],
])("SQLite file, %s: connections waiting for a lock", (_mode, wal) => {
  it("parallel engine.begin() writers that await mid-transaction all commit, and the event loop runs", async () => {
    const engine = await fileEngine({}, wal);
    const stop = loopTicks();
    const started = performance.now();
    const settled = await Promise.allSettled(
      [1, 2, 3].map((i) =>
        engine.begin(async (c) => {
          await insert(c, i);
          await sleep(10); // any await inside the transaction lets the others run
          await insert(c, i * 10);
        }),
      ),
    );
    const elapsed = performance.now() - started;
    const ticks = stop();
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(await values(engine)).toEqual([1, 2, 3, 10, 20, 30]);
    expect(elapsed).toBeLessThan(2000);
    expect(ticks).toBeGreaterThan(0);
  });

  it("a writer waits for the holder's COMMIT and then goes on", async () => {
    const engine = await fileEngine({}, wal);
    const holder = await engine.connect();
    await insert(holder, 1);
    let waiterDone = false;
    const waiter = engine.begin(async (c) => {
      await insert(c, 2);
      waiterDone = true;
    });
    await sleep(50);
    expect(waiterDone).toBe(false); // still waiting for the lock, the loop running meanwhile
    await holder.commit();
    await waiter;
    expect(waiterDone).toBe(true);
    await holder.close();
    expect(await values(engine)).toEqual([1, 2]);
  });

  it("a writer gives up after the connection's timeout with LockTimeout, without blocking the loop", async () => {
    const engine = await fileEngine({}, wal);
    const impatient = sa.createEngine(engine.url, { connectArgs: { timeout: 150 } });
    engines.push(impatient);
    const holder = await engine.connect();
    await insert(holder, 1);
    const stop = loopTicks();
    const started = performance.now();
    const e = await rejection(impatient.begin((c) => insert(c, 2)));
    const elapsed = performance.now() - started;
    const ticks = stop();
    expect(e).toBeInstanceOf(sa.exc.LockTimeout);
    expect(e).toBeInstanceOf(sa.exc.OperationalError);
    expect((e.orig as { code?: string }).code).toBe("SQLITE_BUSY");
    expect(e.message).toContain("database is locked");
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1500);
    expect(ticks).toBeGreaterThan(5);
    await holder.rollback();
    await holder.close();
    expect(await values(engine)).toEqual([]);
  });

  it("timeout 0 raises LockTimeout at once", async () => {
    const engine = await fileEngine({}, wal);
    const eager = sa.createEngine(engine.url, { connectArgs: { timeout: 0 } });
    engines.push(eager);
    const holder = await engine.connect();
    await insert(holder, 1);
    const started = performance.now();
    const e = await rejection(eager.begin((c) => insert(c, 2)));
    expect(e).toBeInstanceOf(sa.exc.LockTimeout);
    expect(performance.now() - started).toBeLessThan(100);
    await holder.close();
  });

  it("a transaction that read before it writes behind another writer fails at once (waiting could not help)", async () => {
    const engine = await fileEngine({}, wal);
    const reader = await engine.connect();
    expect(await reader.scalar(sa.select(sa.func.count()).selectFrom(w))).toBe(0);
    const writer = await engine.connect();
    await insert(writer, 1);
    const started = performance.now();
    const e = await rejection(insert(reader, 2));
    // the default timeout is 5 s: this did not wait for it
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e).toBeInstanceOf(sa.exc.LockTimeout);
    await reader.rollback();
    await writer.commit();
    await Promise.all([reader.close(), writer.close()]);
    expect(await values(engine)).toEqual([1]);
  });

  it("a parameter-set list (executemany) waits for the lock like a single statement", async () => {
    const engine = await fileEngine({}, wal);
    const holder = await engine.connect();
    await insert(holder, 1);
    const waiter = engine.begin((c) => c.execDriverSql("INSERT INTO conc_w (v) VALUES (?)", [[2], [3], [4]]));
    await sleep(30);
    await holder.commit();
    const result = await waiter;
    expect(result.rowcount).toBe(3);
    await holder.close();
    expect(await values(engine)).toEqual([1, 2, 3, 4]);
  });
});

describe("SQLite: untyped whole numbers bind as INTEGER", () => {
  it("text() parameters divide and concatenate as pysqlite's ints do", async () => {
    const engine = sa.createEngine("sqlite:///:memory:");
    engines.push(engine);
    const row = await engine.connect(async (c) =>
      (
        await c.execute(sa.text("SELECT :a / :b, :c || 'x', typeof(:c), :f"), { a: 7, b: 2, c: 1, f: 1.5 })
      ).one(),
    );
    expect([...row]).toEqual([3, "1x", "integer", 1.5]);
  });
});

describe("sqlite:///:memory: (one shared connection)", () => {
  it("a second Connection joins the open transaction instead of failing on BEGIN", async () => {
    const engine = sa.createEngine("sqlite:///:memory:");
    engines.push(engine);
    await engine.begin((c) => meta.createAll(c));
    const first = await engine.connect();
    await insert(first, 1);
    const second = await engine.connect();
    // one database connection: the second sees the first's uncommitted row, in its transaction
    expect(await second.scalar(sa.select(sa.func.count()).selectFrom(w))).toBe(1);
    await insert(second, 2);
    await second.commit();
    await first.commit();
    await Promise.all([first.close(), second.close()]);
    expect(await values(engine)).toEqual([1, 2]);
    // concurrent engine.begin() blocks on the same database finish too
    await Promise.all([3, 4, 5].map((v) => engine.begin((c) => insert(c, v))));
    expect(await values(engine)).toEqual([1, 2, 3, 4, 5]);
  });

  it("with a one-connection QueuePool (README), concurrent units of work queue and stay isolated", async () => {
    const engine = sa.createEngine("sqlite:///:memory:", {
      poolClass: "QueuePool",
      poolSize: 1,
      maxOverflow: 0,
    });
    engines.push(engine);
    await engine.begin((c) => meta.createAll(c));
    let seenByA: unknown[] = [];
    const [a, b] = await Promise.allSettled([
      engine.begin(async (c) => {
        await insert(c, 1);
        await sleep(20);
        seenByA = (await c.scalars(sa.select(w.c.v).orderBy(w.c.v))).all();
      }),
      engine.begin(async (c) => {
        await insert(c, 2);
        throw new Error("B fails");
      }),
    ]);
    expect([a.status, b.status]).toEqual(["fulfilled", "rejected"]);
    expect(seenByA).toEqual([1]);
    expect(await values(engine)).toEqual([1]);
  });
});

describe("SQLite file, rollback journal: readers and the writer's COMMIT", () => {
  it("COMMIT waits for another connection's read transaction to end", async () => {
    const engine = await fileEngine();
    const reader = await engine.connect();
    expect(await reader.scalar(sa.select(sa.func.count()).selectFrom(w))).toBe(0); // holds SHARED
    const order: string[] = [];
    const writer = engine.begin(async (c) => {
      await insert(c, 1);
      order.push("writer inserted");
    });
    await sleep(50);
    order.push("reader commits");
    await reader.commit();
    await writer;
    order.push("writer committed");
    await reader.close();
    expect(order).toEqual(["writer inserted", "reader commits", "writer committed"]);
    expect(await values(engine)).toEqual([1]);
  });

  it("a stream opened while a COMMIT waits for readers starts after it and sees its rows", async () => {
    const engine = await fileEngine();
    await engine.begin((c) => insert(c, 1));
    const reader = await engine.connect();
    expect(await reader.scalar(sa.select(sa.func.count()).selectFrom(w))).toBe(1);
    const writer = engine.begin((c) => insert(c, 2));
    await sleep(30); // the writer's COMMIT now holds the pending lock: new readers must wait
    const streamed = engine.connect(async (c) => {
      const rows: unknown[] = [];
      for await (const row of await c.stream(sa.select(w.c.v).orderBy(w.c.v))) rows.push(row.v);
      return rows;
    });
    await sleep(30);
    await reader.commit();
    await writer;
    expect(await streamed).toEqual([1, 2]);
    await reader.close();
  });
});

describe("SQLite file, WAL", () => {
  it("a write from a stale snapshot raises at once (SQLITE_BUSY_SNAPSHOT is not waited on)", async () => {
    const engine = await fileEngine({}, true);
    const stale = await engine.connect();
    expect(await stale.scalar(sa.select(sa.func.count()).selectFrom(w))).toBe(0); // snapshot taken
    await engine.begin((c) => insert(c, 1)); // readers do not block a WAL writer
    const started = performance.now();
    const e = await rejection(insert(stale, 2));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(e).toBeInstanceOf(sa.exc.LockTimeout);
    expect((e.orig as { code?: string }).code).toBe("SQLITE_BUSY_SNAPSHOT");
    await stale.rollback();
    await stale.close();
    expect(await values(engine)).toEqual([1]);
  });
});

describe("SQLite in memory (StaticPool)", () => {
  it("transactions, executemany and streams run as before on the one shared connection", async () => {
    const engine = sa.createEngine("sqlite://", { connectArgs: { timeout: 100 } });
    engines.push(engine);
    await engine.begin((c) => meta.createAll(c));
    for (const i of [1, 2]) await engine.begin((c) => insert(c, i));
    await engine.begin((c) => c.execDriverSql("INSERT INTO conc_w (v) VALUES (?)", [[3], [4]]));
    const streamed = await engine.connect(async (c) => {
      const rows: unknown[] = [];
      for await (const row of await c.stream(sa.select(w.c.v).orderBy(w.c.v))) rows.push(row.v);
      return rows;
    });
    expect(streamed).toEqual([1, 2, 3, 4]);
  });
});

const bigMeta = new sa.MetaData();
const big = new sa.Table(
  "conc_big",
  bigMeta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
  new sa.Column("bi", sa.BigInteger),
);
const V = 2n ** 53n + 1n;

describe.each(cases)("$name: BigInteger results beyond 2^53", (d) => {
  let engine: sa.Engine;
  beforeAll(async () => {
    if (!d.available) return;
    engine = d.engine();
    await engine.begin(async (c) => {
      await bigMeta.dropAll(c);
      await bigMeta.createAll(c);
      await c.execute(big.insert(), [
        { id: 1, bi: V },
        { id: 2, bi: 2n ** 53n },
        { id: 3, bi: -(2n ** 62n) - 3n },
      ]);
    });
    return async () => {
      await engine.begin((c) => bigMeta.dropAll(c));
      await engine.dispose();
    };
  });

  const one = big.c.id.eq(1);
  it.skipIf(!d.available).each([
    ["the column", () => sa.select(big.c.bi).where(one)],
    ["max()", () => sa.select(sa.func.max(big.c.bi)).where(one)],
    ["cast(…, BigInteger)", () => sa.select(sa.cast(big.c.bi, sa.BigInteger)).where(one)],
    ["literal(bigint)", () => sa.select(sa.literal(V))],
    ["a subquery's column", () => sa.select(sa.select(big.c.bi).where(one).subquery().c.bi)],
  ])("%s comes back as the exact bigint", async (_what, stmt) => {
    expect(await engine.connect((c) => c.scalar(stmt()))).toBe(V);
  });

  it.skipIf(!d.available)("bi + 0n comes back exact", async () => {
    const plusZero = big.c.bi.add(0n);
    expect(await engine.connect((c) => c.scalar(sa.select(plusZero).where(one)))).toBe(V);
  });

  // the drivers send a JS number as a double (mysql2 DOUBLE, better-sqlite3 REAL): the BigInteger
  // bind processors send whole numbers as 64-bit integers, or the server rounds `bi + 0`
  it.skipIf(!d.available)("bi + 0 (a JS number bound as BigInteger) comes back exact", async () => {
    const plusZero = big.c.bi.add(sa.literal(0, sa.BigInteger));
    expect(await engine.connect((c) => c.scalar(sa.select(plusZero).where(one)))).toBe(V);
  });

  it.skipIf(!d.available)("a large negative value and sum() are exact", async () => {
    await engine.connect(async (c) => {
      expect(await c.scalar(sa.select(big.c.bi).where(big.c.id.eq(3)))).toBe(-(2n ** 62n) - 3n);
      expect(await c.scalar(sa.select(sa.func.min(big.c.bi)))).toBe(-(2n ** 62n) - 3n);
    });
  });

  it.skipIf(!d.available)("a bigint bind compares exactly: 2^53 + 1 finds only its own row", async () => {
    const ids = await engine.connect(async (c) =>
      (await c.execute(sa.select(big.c.id).where(big.c.bi.eq(V)))).scalars().all(),
    );
    expect(ids).toEqual([1]);
  });

  it.skipIf(!d.available)(
    "integers that JS numbers hold exactly stay numbers for Integer results",
    async () => {
      await engine.connect(async (c) => {
        expect(await c.scalar(sa.select(sa.func.count()).selectFrom(big))).toBe(3);
        expect(await c.scalar(sa.select(big.c.id.add(1)).where(one))).toBe(2);
      });
    },
  );
});
