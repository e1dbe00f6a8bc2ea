/**
 * Streaming conformance on every real database: `conn.stream()` returns an AsyncResult over a
 * server-side cursor (better-sqlite3 `iterate()`, pg-cursor), read with `for await` or the
 * async Result API. How many rows the cursor has read is observed in the database itself: on
 * SQLite each row passes through a user function that counts it, on PostgreSQL each row takes a
 * `nextval()` whose sequence another connection reads. That makes SQLAlchemy's buffer growth
 * (1, 5, 25 … 1000; `yieldPer` fixes it) and the release of the cursor on an early `break`
 * visible without looking inside the engine.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Database } from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysql } from "../../../src/dialects/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("stream");

const ROWS = 3000;
const BIG_ROWS = 200_000;
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const HEAP_SCRIPT = fileURLToPath(new URL("./fixtures/stream-heap.ts", import.meta.url));

const meta = new sa.MetaData();
const nums = new sa.Table(
  "nums",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
  new sa.Column("label", sa.String(20), { nullable: false }),
  new sa.Column("grp", sa.Integer, { nullable: false }),
);
const big = new sa.Table(
  "big_rows",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
  new sa.Column("name", sa.String(40), { nullable: false }),
  new sa.Column("amount", sa.Float, { nullable: false }),
);

/** SQLAlchemy's BufferedRowCursorFetchStrategy over 3000 rows: 1, ×5 … up to 1000. */
const GROWTH_3000 = [1, 5, 25, 125, 625, 1000, 1000, 219];

/** Counts rows as the database produces them for a streaming cursor. */
interface RowCounter {
  /** a SELECT of one row per `nums` row (column `id`), each counted when the database produces it */
  stmt: sa.ClauseElement;
  /** rows produced so far */
  produced(): Promise<number>;
  close(): Promise<void>;
}

const ticking = new WeakSet<object>();
let sqliteTicks = 0;

async function rowCounter(
  d: (typeof cases)[number],
  engine: sa.Engine,
  conn: sa.Connection,
): Promise<RowCounter> {
  if (d.name === "sqlite") {
    // a non-deterministic user function runs once per row, when the cursor steps to it
    const db = conn.dbapiConnection.driverConnection as Database;
    if (!ticking.has(db)) {
      db.function("alk_tick", { deterministic: false }, (x: unknown) => {
        sqliteTicks++;
        return x;
      });
      ticking.add(db);
    }
    sqliteTicks = 0;
    return {
      stmt: sa.select(sa.func.alk_tick(nums.c.id).label("id")).selectFrom(nums),
      produced: async () => sqliteTicks,
      close: async () => undefined,
    };
  }
  if (d.name === "mysql") {
    // MySQL lacks a server-side cursor fetched on demand (mysql2 has no COM_STMT_FETCH): the
    // server pushes the whole result and the driver only pauses the socket, so no count in the
    // database can show the engine's batches. Rows are counted where the engine takes them
    // instead: at the DB-API cursor's fetchmany().
    const dbapi = conn.dbapiConnection;
    const original = dbapi.cursor;
    let fetched = 0;
    dbapi.cursor = (opts) => {
      const cur = original.call(dbapi, opts);
      const fetchmany = cur.fetchmany.bind(cur);
      cur.fetchmany = (size: number) => {
        const r = fetchmany(size);
        if (Array.isArray(r)) {
          fetched += r.length;
          return r;
        }
        return r.then((rows) => {
          fetched += rows.length;
          return rows;
        });
      };
      return cur;
    };
    return {
      stmt: sa.select(nums.c.id).orderBy(nums.c.id),
      produced: async () => fetched,
      close: async () => {
        dbapi.cursor = original;
      },
    };
  }
  // sequences are not transactional: a second connection sees every nextval() at once
  const watcher = await engine.connect();
  await watcher.execDriverSql("DROP SEQUENCE IF EXISTS alk_tick_seq");
  await watcher.execDriverSql("CREATE SEQUENCE alk_tick_seq");
  await watcher.commit();
  return {
    stmt: sa.select(sa.func.nextval("alk_tick_seq").label("id")).selectFrom(nums),
    produced: async () =>
      Number(
        await driverScalar(
          watcher,
          "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM alk_tick_seq",
        ),
      ),
    close: () => watcher.close(),
  };
}

/** Reads a stream row by row and returns the sizes of the batches the database produced. */
async function batchSizes(ar: AsyncIterable<unknown>, counter: RowCounter): Promise<number[]> {
  const sizes: number[] = [];
  let seen = 0;
  for await (const _row of ar) {
    const now = await counter.produced();
    if (now !== seen) sizes.push(now - seen);
    seen = now;
  }
  return sizes;
}

function sizesOf(parts: readonly (readonly unknown[])[]): number[] {
  return parts.map((p) => p.length);
}

/** The first column of the first row of raw SQL (execDriverSql's result is buffered). */
async function driverScalar(conn: sa.Connection, sql: string): Promise<unknown> {
  return ((await conn.execDriverSql(sql)) as sa.CursorResult).scalar();
}

/** A statement on the connection proving it is usable: the number of rows of `nums`. */
const count = (conn: sa.Connection) => conn.scalar(sa.select(sa.func.count()).selectFrom(nums));

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let engine: sa.Engine;

    beforeAll(async () => {
      engine = d.engine();
      await meta.dropAll(engine);
      await meta.createAll(engine);
      await engine.begin(async (conn) => {
        await conn.execute(
          nums.insert(),
          range(1, ROWS).map((i) => ({ id: i, label: `n${i}`, grp: i % 7 })),
        );
        const digits =
          "(SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        await conn.execDriverSql(
          d.name === "sqlite"
            ? `WITH RECURSIVE s(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM s WHERE x < ${BIG_ROWS}) INSERT INTO big_rows (id, name, amount) SELECT x, 'row-' || x, x * 0.5 FROM s`
            : d.name === "mysql"
              ? // no generate_series; MySQL's recursive CTEs stop at cte_max_recursion_depth (1000)
                `INSERT INTO big_rows (id, name, amount) SELECT n, CONCAT('row-', n), n * 0.5 FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n FROM ${digits} a, ${digits} b, ${digits} c, ${digits} e, ${digits} f, ${digits} g) s WHERE n <= ${BIG_ROWS}`
              : `INSERT INTO big_rows (id, name, amount) SELECT g, 'row-' || g, g * 0.5 FROM generate_series(1, ${BIG_ROWS}) g`,
        );
      });
    }, 120_000);

    afterAll(async () => {
      await meta.dropAll(engine);
      await engine.dispose();
    });

    describe("for await", () => {
      it("iterates every row in order, as typed Rows", async () => {
        await engine.connect(async (conn) => {
          const ar = await conn.stream(sa.select(nums.c.id, nums.c.label).orderBy(nums.c.id));
          expect(ar.keys()).toEqual(["id", "label"]);
          const ids: number[] = [];
          for await (const row of ar) {
            expect(row.label).toBe(`n${row.id}`);
            expect(row[0]).toBe(row.id);
            ids.push(row.id);
          }
          expect(ids).toEqual(range(1, ROWS));
          // exhausted: soft-closed, later fetches return nothing
          expect(await ar.fetchone()).toBeNull();
          expect(await ar.all()).toEqual([]);
          expect(await conn.scalar(sa.select(sa.func.count()).selectFrom(nums))).toBe(ROWS);
        });
      });

      it("an empty result ends the loop at once", async () => {
        await engine.connect(async (conn) => {
          let n = 0;
          for await (const _row of await conn.stream(sa.select(nums).where(nums.c.id.lt(0)))) n++;
          expect(n).toBe(0);
          expect(await count(conn)).toBe(ROWS);
        });
      });

      it("passes bound parameters to the server-side cursor", async () => {
        await engine.connect(async (conn) => {
          const q = sa
            .select(nums.c.id)
            .where(nums.c.grp.eq(sa.bindparam("g")))
            .where(nums.c.id.le(30))
            .orderBy(nums.c.id);
          const ids = await (await conn.stream(q, { g: 3 })).scalars().all();
          expect(ids).toEqual([3, 10, 17, 24]);
        });
      });
    });

    describe("type processing", () => {
      it("streamed rows are converted like buffered ones (Boolean, DateTime, Numeric, BigInteger, JSON)", async () => {
        const typed = new sa.Table(
          "stream_typed",
          new sa.MetaData(),
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("flag", sa.Boolean),
          // MySQL's plain DATETIME keeps whole seconds: the milliseconds need DATETIME(6)
          new sa.Column("at", d.name === "mysql" ? mysql.DATETIME({ fsp: 6 }) : sa.DateTime),
          new sa.Column("price", sa.Numeric(10, 2)),
          new sa.Column("big", sa.BigInteger),
          new sa.Column("doc", sa.JSON),
        );
        await typed.metadata.createAll(engine);
        try {
          const at = new Date("2024-01-02T03:04:05.006Z");
          await engine.begin((conn) =>
            conn.execute(typed.insert(), [
              { id: 1, flag: true, at, price: "12.50", big: 2n ** 40n, doc: { a: [1, 2] } },
              { id: 2, flag: false, at: null, price: null, big: null, doc: null },
            ]),
          );
          await engine.connect(async (conn) => {
            const q = sa.select(typed).orderBy(typed.c.id);
            const buffered = (await conn.execute(q)).all().map((r) => r._t);
            expect(buffered).toEqual([
              [1, true, at, "12.50", 2n ** 40n, { a: [1, 2] }],
              [2, false, null, null, null, null],
            ]);
            const streamed: unknown[][] = [];
            for await (const row of await conn.stream(q)) streamed.push(row._t);
            expect(streamed).toEqual(buffered);
            const maps = await (await conn.stream(q)).mappings().all();
            expect(maps[0].price).toBe("12.50");
            expect(await (await conn.stream(q)).scalars("at").all()).toEqual([at, null]);
          });
        } finally {
          await typed.metadata.dropAll(engine);
        }
      });
    });

    describe("buffer growth (observed in the database)", () => {
      it("reads 1, 5, 25, 125, 625, then 1000 rows at a time", async () => {
        await engine.connect(async (conn) => {
          const counter = await rowCounter(d, engine, conn);
          try {
            expect(await batchSizes(await conn.stream(counter.stmt), counter)).toEqual(GROWTH_3000);
          } finally {
            await counter.close();
          }
        });
      });

      it("maxRowBuffer caps the growth", async () => {
        await engine.connect(async (conn) => {
          const counter = await rowCounter(d, engine, conn);
          try {
            const ar = await conn.stream(counter.stmt, undefined, { maxRowBuffer: 100 });
            expect(await batchSizes(ar, counter)).toEqual([1, 5, 25, ...Array(29).fill(100), 69]);
          } finally {
            await counter.close();
          }
        });
      });

      it("yieldPer as an execution option fixes the batch size", async () => {
        await engine.connect(async (conn) => {
          const counter = await rowCounter(d, engine, conn);
          try {
            const ar = await conn.stream(counter.stmt, undefined, { yieldPer: 100 });
            expect(await batchSizes(ar, counter)).toEqual(Array(30).fill(100));
          } finally {
            await counter.close();
          }
        });
      });

      it("conn.executionOptions({ yieldPer: 100 }) applies to the connection's streams", async () => {
        await engine.connect(async (conn) => {
          const counter = await rowCounter(d, engine, conn);
          try {
            await conn.executionOptions({ yieldPer: 100 });
            expect(await batchSizes(await conn.stream(counter.stmt), counter)).toEqual(Array(30).fill(100));
          } finally {
            await counter.close();
          }
        });
      });

      it("result.yieldPer(n) fixes the batch size of an open stream", async () => {
        await engine.connect(async (conn) => {
          const counter = await rowCounter(d, engine, conn);
          try {
            const ar = (await conn.stream(counter.stmt)).yieldPer(250);
            expect(await batchSizes(ar, counter)).toEqual(Array(12).fill(250));
          } finally {
            await counter.close();
          }
        });
      });

      it("yieldPer is the default size of fetchmany() and partitions()", async () => {
        await engine.connect(async (conn) => {
          const q = sa.select(nums.c.id).orderBy(nums.c.id);
          const ar = await conn.stream(q, undefined, { yieldPer: 100 });
          const first = await ar.fetchmany();
          expect(first.map((r) => r.id)).toEqual(range(1, 100));
          expect((await ar.fetchmany()).map((r) => r.id)).toEqual(range(101, 200));
          const parts: number[][] = [];
          for await (const part of ar.partitions()) parts.push(part.map((r) => r.id));
          expect(parts.map((p) => p.length)).toEqual(Array(28).fill(100));
          expect(parts[0][0]).toBe(201);

          const buffered = await conn.execute(q, undefined, { yieldPer: 100 });
          expect(sizesOf([...buffered.partitions()])).toEqual(Array(30).fill(100));
        });
      });

      it("fetchmany() without a size or yieldPer returns every remaining row", async () => {
        await engine.connect(async (conn) => {
          const ar = await conn.stream(sa.select(nums.c.id).orderBy(nums.c.id));
          expect((await ar.fetchone())?.id).toBe(1);
          const rest = await ar.fetchmany();
          expect(rest.map((r) => r.id)).toEqual(range(2, ROWS));
          expect(await ar.fetchmany()).toEqual([]);
        });
      });
    });

    describe("the async Result API", () => {
      const q = sa.select(nums.c.id, nums.c.label, nums.c.grp).orderBy(nums.c.id);

      it("partitions(n) yields lists of n rows and never an empty one", async () => {
        await engine.connect(async (conn) => {
          const parts: number[][] = [];
          for await (const p of (await conn.stream(q)).partitions(700)) parts.push(p.map((r) => r.id));
          expect(sizesOf(parts)).toEqual([700, 700, 700, 700, 200]);
          expect(parts.flat()).toEqual(range(1, ROWS));

          const exact: number[] = [];
          for await (const p of (await conn.stream(q)).partitions(1000)) exact.push(p.length);
          expect(exact).toEqual([1000, 1000, 1000]);

          const none: unknown[] = [];
          for await (const p of (await conn.stream(q.where(nums.c.id.lt(0)))).partitions(10)) none.push(p);
          expect(none).toEqual([]);

          const whole: number[] = [];
          for await (const p of (await conn.stream(q)).partitions()) whole.push(p.length);
          expect(whole).toEqual([ROWS]);
        });
      });

      it("fetchone / fetchmany / fetchall interleave over one cursor", async () => {
        await engine.connect(async (conn) => {
          const ar = await conn.stream(q);
          expect((await ar.fetchone())?.id).toBe(1);
          expect((await ar.fetchmany(3)).map((r) => r.id)).toEqual([2, 3, 4]);
          expect((await ar.fetchmany(1500)).map((r) => r.id)).toEqual(range(5, 1504));
          expect((await ar.fetchone())?.id).toBe(1505);
          const rest = await ar.fetchall();
          expect(rest.map((r) => r.id)).toEqual(range(1506, ROWS));
          expect(await ar.fetchmany(10)).toEqual([]);
          expect(await ar.fetchone()).toBeNull();
        });
      });

      it("all() returns every row", async () => {
        await engine.connect(async (conn) => {
          const rows = await (await conn.stream(q)).all();
          expect(rows).toHaveLength(ROWS);
          expect(rows[41]._asDict()).toEqual({ id: 42, label: "n42", grp: 0 });
        });
      });

      it("scalars() streams one column", async () => {
        await engine.connect(async (conn) => {
          const ids: number[] = [];
          for await (const id of (await conn.stream(q)).scalars("id")) ids.push(id);
          expect(ids).toEqual(range(1, ROWS));
          expect(await (await conn.stream(q)).scalars().all()).toEqual(range(1, ROWS));
          const labels = (await conn.stream(q)).scalars(1);
          expect(await labels.fetchmany(3)).toEqual(["n1", "n2", "n3"]);
          await labels.close();
          const grps = (await conn.stream(q)).scalars("grp");
          expect(await grps.fetchmany(3)).toEqual([1, 2, 3]);
          await grps.close();
          expect(await (await conn.stream(q.where(nums.c.id.eq(9)))).scalars().one()).toBe(9);
        });
      });

      it("mappings() streams RowMappings by key and by Column", async () => {
        await engine.connect(async (conn) => {
          let n = 0;
          for await (const m of (await conn.stream(q)).mappings()) {
            n++;
            expect(m.id).toBe(n);
            expect(m.get("label")).toBe(`n${n}`);
            expect(m.get(nums.c.grp)).toBe(n % 7);
          }
          expect(n).toBe(ROWS);
          const [m] = await (await conn.stream(q)).mappings().fetchmany(1);
          expect(Object.fromEntries(m)).toEqual({ id: 1, label: "n1", grp: 1 });
        });
      });

      it("columns() picks and reorders the columns", async () => {
        await engine.connect(async (conn) => {
          const ar = (await conn.stream(q)).columns("label", nums.c.id);
          const first = await ar.fetchone();
          expect(first?._fields).toEqual(["label", "id"]);
          const [label, id] = first!;
          expect([label, id]).toEqual(["n1", 1]);
          const rest = await ar.all();
          expect(rest.at(-1)?._t).toEqual([`n${ROWS}`, ROWS]);
        });
      });

      it("unique() filters duplicates and counts unique rows in fetchmany / partitions", async () => {
        await engine.connect(async (conn) => {
          const g = sa.select(nums.c.grp).orderBy(nums.c.id);
          expect(await (await conn.stream(g)).scalars().unique().all()).toEqual([1, 2, 3, 4, 5, 6, 0]);
          const ar = (await conn.stream(g)).unique();
          expect((await ar.fetchmany(5)).map((r) => r.grp)).toEqual([1, 2, 3, 4, 5]);
          expect((await ar.fetchmany(5)).map((r) => r.grp)).toEqual([6, 0]);
          expect(await ar.fetchmany(5)).toEqual([]);
          const parts: number[] = [];
          for await (const p of (await conn.stream(g)).unique().partitions(3)) parts.push(p.length);
          expect(parts).toEqual([3, 3, 1]);
          // a strategy maps each row to the key compared
          const byParity = await (await conn.stream(q)).unique((r) => r.id % 2).all();
          expect(byParity.map((r) => r.id)).toEqual([1, 2]);
        });
      });

      it("first() / one() / oneOrNone() / scalar*() read what they need and close", async () => {
        await engine.connect(async (conn) => {
          const ar = await conn.stream(q);
          expect((await ar.first())?.id).toBe(1);
          expect(ar.closed).toBe(true);
          await expect(ar.fetchone()).rejects.toThrow(
            new sa.exc.ResourceClosedError("This result object is closed."),
          );

          await expect((await conn.stream(q)).one()).rejects.toThrow(
            new sa.exc.MultipleResultsFound("Multiple rows were found when exactly one was required"),
          );
          await expect((await conn.stream(q.where(nums.c.id.lt(0)))).one()).rejects.toThrow(
            new sa.exc.NoResultFound("No row was found when one was required"),
          );
          await expect((await conn.stream(q)).oneOrNone()).rejects.toThrow(
            new sa.exc.MultipleResultsFound("Multiple rows were found when one or none was required"),
          );
          expect(await (await conn.stream(q.where(nums.c.id.lt(0)))).oneOrNone()).toBeNull();
          expect(await (await conn.stream(q)).scalar()).toBe(1);
          expect(await (await conn.stream(q.where(nums.c.id.eq(5)))).scalarOne()).toBe(5);
          await expect((await conn.stream(q)).scalarOne()).rejects.toThrow(sa.exc.MultipleResultsFound);
          expect(await (await conn.stream(q.where(nums.c.id.lt(0)))).scalarOneOrNone()).toBeNull();
          // none of them left a cursor open
          expect(await conn.scalar(sa.select(sa.func.count()).selectFrom(nums))).toBe(ROWS);
        });
      });

      it("close() hard-closes: further fetches raise ResourceClosedError", async () => {
        await engine.connect(async (conn) => {
          const ar = await conn.stream(q);
          await ar.fetchmany(10);
          await ar.close();
          await ar.close();
          expect(ar.closed).toBe(true);
          for (const fetch of [() => ar.fetchone(), () => ar.fetchmany(2), () => ar.all()]) {
            await expect(fetch()).rejects.toThrow(
              new sa.exc.ResourceClosedError("This result object is closed."),
            );
          }
          expect(await count(conn)).toBe(ROWS);
        });
      });

      it("a statement waiting for an open stream on the same connection fails instead of hanging", async () => {
        await engine.connect(async (conn) => {
          const ar = await conn.stream(q);
          await ar.fetchmany(5);
          await expect(conn.execute(sa.select(nums.c.id))).rejects.toThrow(sa.exc.InvalidRequestError);
          await ar.close();
          expect(await count(conn)).toBe(ROWS);
        });
      });

      it("a call queued before stream() resolved does not run on top of the open cursor; a queued commit closes it", async () => {
        await engine.connect(async (conn) => {
          const opening = conn.stream(q);
          const queued = conn.scalar(sa.select(sa.func.count()).selectFrom(nums)).then(
            (v) => v,
            (e: unknown) => e,
          );
          const ar = await opening;
          let n = 0;
          for await (const _ of ar) n++;
          expect(n).toBe(ROWS);
          const got = await queued;
          // SQLite may run it first (opening its statement takes no round trip); a call that meets
          // an open server cursor fails as a call made while the stream is open does
          if (d.name !== "sqlite" || got !== ROWS) expect(got).toBeInstanceOf(sa.exc.InvalidRequestError);
          const again = conn.stream(q);
          const committed = conn.commit();
          const rest = await again;
          await committed;
          await expect(rest.fetchmany(5)).rejects.toThrow(sa.exc.ResourceClosedError);
          expect(await count(conn)).toBe(ROWS);
        });
      });
    });

    describe("leaving early releases the cursor", () => {
      it("break out of for await closes the cursor; the connection is usable at once", async () => {
        await engine.connect(async (conn) => {
          const counter = await rowCounter(d, engine, conn);
          try {
            const ar = await conn.stream(counter.stmt);
            let n = 0;
            for await (const _row of ar) if (++n === 10) break;
            expect(ar.closed).toBe(true);
            // the next statement runs on the same connection right away
            expect(await conn.scalar(sa.select(sa.func.count()).selectFrom(nums))).toBe(ROWS);
            // the cursor was closed, not read to the end: 1 + 5 + 25 rows were produced, no more
            expect(await counter.produced()).toBe(31);
            if (d.name === "postgresql") {
              expect(Number(await conn.scalar(sa.text("SELECT count(*) FROM pg_cursors")))).toBe(0);
            }
            await expect(ar.fetchone()).rejects.toThrow(sa.exc.ResourceClosedError);
          } finally {
            await counter.close();
          }
        });
      });

      it("writes and commits right after a break", async () => {
        const scratch = new sa.Table(
          "stream_scratch",
          new sa.MetaData(),
          new sa.Column("id", sa.Integer, { primaryKey: true }),
        );
        await scratch.metadata.createAll(engine);
        try {
          await engine.connect(async (conn) => {
            for await (const row of await conn.stream(sa.select(nums.c.id).orderBy(nums.c.id))) {
              if (row.id === 3) break;
            }
            await conn.execute(scratch.insert(), { id: 1 });
            await conn.commit();
          });
          expect(await d.outside("SELECT id FROM stream_scratch")).toEqual([[1]]);
        } finally {
          await scratch.metadata.dropAll(engine);
        }
      });

      it("break out of partitions(), scalars() and mappings() loops closes the cursor", async () => {
        await engine.connect(async (conn) => {
          const q = sa.select(nums.c.id).orderBy(nums.c.id);
          const a = await conn.stream(q);
          for await (const _part of a.partitions(100)) break;
          expect(a.closed).toBe(true);
          const b = await conn.stream(q);
          for await (const id of b.scalars()) if (id === 50) break;
          expect(b.closed).toBe(true);
          const c = await conn.stream(q);
          for await (const _m of c.mappings()) break;
          expect(c.closed).toBe(true);
          expect(await count(conn)).toBe(ROWS);
          if (d.name === "postgresql") {
            expect(Number(await conn.scalar(sa.text("SELECT count(*) FROM pg_cursors")))).toBe(0);
          }
        });
      });

      it("an exception thrown inside for await closes the cursor", async () => {
        await engine.connect(async (conn) => {
          const ar = await conn.stream(sa.select(nums.c.id).orderBy(nums.c.id));
          await expect(
            (async () => {
              for await (const row of ar) if (row.id === 7) throw new Error("boom");
            })(),
          ).rejects.toThrow("boom");
          expect(ar.closed).toBe(true);
          expect(await count(conn)).toBe(ROWS);
        });
      });

      it("await using closes the stream at the end of the block", async () => {
        await engine.connect(async (conn) => {
          let first: number | undefined;
          {
            await using ar = await conn.stream(sa.select(nums.c.id).orderBy(nums.c.id));
            first = (await ar.fetchone())?.id;
          }
          expect(first).toBe(1);
          expect(await count(conn)).toBe(ROWS);
        });
      });

      it("closing the connection closes an open stream", async () => {
        const conn = await engine.connect();
        const ar = await conn.stream(sa.select(nums.c.id));
        await ar.fetchmany(10);
        await conn.close();
        expect(ar.closed).toBe(true);
        await engine.connect(async (c2) => {
          expect(await count(c2)).toBe(ROWS);
        });
      });
    });

    describe("bounded memory", () => {
      it(`streaming ${BIG_ROWS} rows retains under half the heap of a buffered execute().all()`, async () => {
        const searchPath =
          d.name === "postgresql"
            ? String(await engine.connect((c) => driverScalar(c, "SHOW search_path")))
            : undefined;
        const measure = (mode: "stream" | "buffered") => {
          const out = execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", HEAP_SCRIPT], {
            cwd: ROOT,
            encoding: "utf8",
            env: {
              ...process.env,
              ALK_HEAP: JSON.stringify({
                url: engine.url.renderAsString({ hidePassword: false }),
                searchPath,
                table: big.name,
                mode,
              }),
            },
          });
          return JSON.parse(out.trim().split("\n").at(-1)!) as {
            rows: number;
            checksum: number;
            growth: number;
            baseline: number;
          };
        };
        const streamed = measure("stream");
        const buffered = measure("buffered");
        const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
        console.log(
          `[${d.name}] ${BIG_ROWS} rows: stream retains ${mb(streamed.growth)} over a ${mb(streamed.baseline)} baseline; buffered all() retains ${mb(buffered.growth)} over ${mb(buffered.baseline)}; ratio ${(streamed.growth / buffered.growth).toFixed(4)}`,
        );
        const checksum = (BIG_ROWS * (BIG_ROWS + 1)) / 2;
        expect(streamed).toMatchObject({ rows: BIG_ROWS, checksum });
        expect(buffered).toMatchObject({ rows: BIG_ROWS, checksum });
        expect(buffered.growth).toBeGreaterThan(0);
        expect(streamed.growth).toBeLessThan(buffered.growth / 2);
      }, 180_000);
    });
  });
}
