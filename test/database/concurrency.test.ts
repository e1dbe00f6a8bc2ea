/**
 * Concurrency across async contexts on every real database, ported from encode/databases
 * (test_parallel_transactions, test_transaction_context_child_task_inheritance(_example),
 * test_transaction_context_sibling_task_isolation(_example), test_connection_context,
 * test_connection_context_with_raw_connection) and the complaints it fixes: queries after a
 * gather collide on one connection (#81, #125), transactions leak across tasks (#403, #546),
 * Promise.all inside a transaction (#573). The chosen semantics: inside a transaction the
 * children share its connection and are serialised; outside, each call has its own connection.
 */
import { describe, expect, it } from "vitest";
import type { DatabaseConnection } from "../../src/database/index.js";
import * as sa from "../../src/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { checkedOut, gate, notesTable, openDatabase, rejection, until, withTables } from "./helpers.js";

const cases = await dialectCases("dbcc");
const { meta, notes } = notesTable("dbcc_notes");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const insert = (text: string) => notes.insert().values({ text, completed: false });
const texts = sa.select(notes.c.text).orderBy(notes.c.id);

/**
 * Runs `n` calls of `db.runSync` at once, each holding its connection until all `n` are in (or
 * 2 s pass), and returns how many were in at once. Overlap does not depend on how long a checkout
 * takes on a loaded machine; calls that shared one connection would give 1, not hang.
 */
async function mostInFlight(db: Awaited<ReturnType<typeof openDatabase>>, n: number): Promise<number> {
  let inFlight = 0;
  let most = 0;
  const all = handoff<void>();
  const probe = () =>
    db.runSync(async () => {
      most = Math.max(most, ++inFlight);
      if (inFlight === n) all.give();
      await Promise.race([all.value, sleep(2000)]);
      inFlight--;
    });
  await Promise.all(Array.from({ length: n }, probe));
  return most;
}

/** A one-shot hand-over of a value between contexts. */
function handoff<T>(): { value: Promise<T>; give: (v: T) => void } {
  let give!: (v: T) => void;
  const value = new Promise<T>((resolve) => {
    give = resolve;
  });
  return { value, give };
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    withTables(d, meta);

    it("parallel transactions after a query each get their own connection", async () => {
      const db = await openDatabase(d);
      await db.fetchOne("SELECT 1");
      const conns = new Set<unknown>();
      let begun = 0;
      const task = () =>
        db.transaction(async () => {
          await db.fetchOne("SELECT 1");
          conns.add(db.connection().connection);
          begun++;
          // all four are open at once: serialised transactions would never get here
          await until(() => begun === 4);
        });
      await Promise.all([task(), task(), task(), task()]);
      expect(conns.size).toBe(4);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("queries of a Promise.all outside a transaction run in parallel on their own connections", async () => {
      const db = await openDatabase(d);
      expect(await mostInFlight(db, 3)).toBe(3);
    });

    it("Promise.all inside a transaction shares its connection, one call at a time", async () => {
      const db = await openDatabase(d);
      let inFlight = 0;
      let most = 0;
      const conns = new Set<unknown>();
      await db.transaction(async () => {
        await db.execute(insert("parent"));
        const child = (i: number) =>
          db.runSync(async (conn) => {
            conns.add(conn);
            most = Math.max(most, ++inFlight);
            await sleep(5);
            await conn.execute(insert(`child${i}`));
            inFlight--;
          });
        await Promise.all([child(1), child(2), child(3), db.fetchAll(texts)]);
        expect(checkedOut(db.engine)).toBe(1);
      });
      expect(conns.size).toBe(1);
      expect(most).toBe(1);
      const rows = await db.fetchAll(texts);
      expect(rows.map((r) => r.text)).toEqual(["parent", "child1", "child2", "child3"]);
    });

    it("a savepoint opened by one child keeps its siblings' queries out until it ends", async () => {
      const db = await openDatabase(d);
      const seenBySibling: unknown[] = [];
      await db.transaction(async () => {
        await db.execute(insert("kept"));
        await Promise.all([
          rejection(
            db.transaction(async () => {
              await db.execute(insert("undone"));
              await sleep(30);
              throw new Error("roll this savepoint back");
            }),
          ),
          (async () => {
            await sleep(5);
            // inside the sibling's savepoint this would see "undone"; it waits for it instead
            for (const r of await db.fetchAll(texts)) seenBySibling.push(r.text);
          })(),
          db.transaction(async () => {
            await sleep(5);
            await db.execute(insert("second"));
          }),
        ]);
      });
      expect(seenBySibling).not.toContain("undone");
      expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["kept", "second"]);
    });

    it("a child started inside a transaction takes part in it", async () => {
      const db = await openDatabase(d);
      await db.transaction(async (tx) => {
        await db.execute(notes.insert().values({ id: 1, text: "setup", completed: true }));
        await db.execute(notes.update().where(notes.c.id.eq(1)).values({ text: "prior" }));
        expect((await db.fetchOne(sa.select(notes).where(notes.c.id.eq(1))))?.text).toBe("prior");
        const child = async () => {
          await sleep(1);
          await db.execute(notes.update().where(notes.c.id.eq(1)).values({ text: "test" }));
        };
        await child();
        expect((await db.fetchOne(sa.select(notes).where(notes.c.id.eq(1))))?.text).toBe("test");
        expect(tx.isActive).toBe(true);
      });
    });

    it("a connection handed to code outside the context runs in its transaction", async () => {
      const db = await openDatabase(d);
      const conn = handoff<DatabaseConnection>();
      const finished = gate();
      // started before the transaction, so its own context has none
      const worker = (async () => {
        const c = await conn.value;
        await c.execute(notes.update().values({ text: "from worker" }));
        expect(await db.fetchAll(texts)).toEqual([]); // db.* in this context: no transaction
        finished.open();
      })();
      await db.transaction(async () => {
        await db.execute(insert("setup"));
        conn.give(db.connection());
        await finished.wait;
        expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["from worker"]);
      });
      await worker;
    });

    it("sibling transactions are isolated from each other", async () => {
      const db = await openDatabase(d);
      const setup = gate();
      const done = gate();
      const tx1 = db.transaction(async () => {
        await db.execute(notes.insert(), { id: 1, text: "tx1", completed: false });
        setup.open();
        await done.wait;
      });
      const tx2 = db.transaction(async () => {
        await setup.wait;
        expect(await db.fetchAll(sa.select(notes))).toEqual([]);
        done.open();
      });
      await Promise.all([tx1, tx2]);
      expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["tx1"]);
    });

    it("a sibling started before a transaction does not see it", async () => {
      const db = await openDatabase(d);
      const start = gate();
      const end = gate();
      let siblingConn: unknown = "unset";
      const sibling = (async () => {
        await start.wait;
        siblingConn = db.connection().connection;
        end.open();
      })();
      await db.transaction(async () => {
        start.open();
        await end.wait;
        expect(db.connection().connection).not.toBeNull();
      });
      await sibling;
      expect(siblingConn).toBeNull();
    });

    it("manual transactions started by sibling workers do not join each other", async () => {
      const db = await openDatabase(d);
      const ready = gate();
      const conns: unknown[] = [];
      const nested: boolean[] = [];
      let reads = 0;
      let readerCommitted = false;
      const worker = async (write: boolean) => {
        const tx = await db.transaction();
        nested.push(tx.isNested);
        conns.push(db.connection().connection);
        if (write) await db.execute(insert("w1"));
        if (conns.length === 2) ready.open();
        await ready.wait;
        const seen = (await db.fetchAll(texts)).map((r) => r.text);
        reads++;
        // neither commits before both have read; the reader first, as SQLite's writer waits for
        // readers synchronously (better-sqlite3 blocks the event loop in its busy handler)
        await until(() => reads === 2 && (!write || readerCommitted));
        await tx.commit();
        if (!write) readerCommitted = true;
        return seen;
      };
      const [seen1, seen2] = await Promise.all([worker(true), worker(false)]);
      expect(nested).toEqual([false, false]);
      expect(conns[0]).not.toBe(conns[1]);
      expect(seen1).toEqual(["w1"]);
      expect(seen2).toEqual([]);
      // after both committed, this context is in no transaction
      expect(db.connection().connection).toBeNull();
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("connection() is the context's connection; sibling scopes get their own", async () => {
      const db = await openDatabase(d);
      await db.connection(async (c1) => {
        await db.connection(async (c2) => {
          expect(c1).toBe(c2);
          expect(c1.rawConnection).toBe(c2.rawConnection);
          expect(db.connection()).toBe(c1);
        });
      });
      const both = gate();
      let held = 0;
      const scope = () =>
        db.connection(async (c) => {
          held++;
          if (held === 2) both.open();
          await both.wait;
          return c;
        });
      const [a, b] = await Promise.all([scope(), scope()]);
      expect(a).not.toBe(b);
      expect(checkedOut(db.engine)).toBe(0);
      await expect(a.fetchVal("SELECT 1")).rejects.toThrow("db.connection() scope has ended");
    });

    it("a connection scope keeps temporary state across its calls", async () => {
      const db = await openDatabase(d);
      const create =
        d.name === "sqlite"
          ? "CREATE TEMP TABLE dbcc_tmp (x INTEGER)"
          : "CREATE TEMPORARY TABLE dbcc_tmp (x INTEGER)";
      await db.connection(async (conn) => {
        await conn.execute(create);
        await db.execute("INSERT INTO dbcc_tmp (x) VALUES (:x)", { x: 7 });
        expect(await conn.fetchVal("SELECT x FROM dbcc_tmp")).toBe(7);
      });
    });
  });
}
