/**
 * `forceRollback` on every real database: one connection in a transaction rolled back at
 * `disconnect()`, application transactions inside it as savepoints. Ported from encode/databases'
 * test_rollback_isolation_with_contextmanager, test_transaction_decorator,
 * test_concurrent_access_on_single_connection and test_global_connection_is_initialized_lazily,
 * and its complaints #130 / #387 (app transactions under force_rollback). Each call outside an
 * application transaction runs in a savepoint of its own, so a failed or cancelled statement
 * undoes only itself (PostgreSQL would otherwise refuse every later call).
 */
import { describe, expect, it } from "vitest";
import { Database } from "../../src/database/index.js";
import { IntegrityError } from "../../src/exc.js";
import * as sa from "../../src/index.js";
import { type DialectCase, dialectCases } from "../engine/conformance/dialects.js";
import { checkedOut, notesTable, openDatabase, rejection, sleepSql, withTables } from "./helpers.js";

const cases = await dialectCases("dbfr");
const { meta, notes } = notesTable("dbfr_notes");
const texts = sa.select(notes.c.text).orderBy(notes.c.id);
const insert = (text: string) => notes.insert().values({ text, completed: true });

async function committed(d: DialectCase): Promise<unknown[]> {
  return (await d.outside(`SELECT text FROM ${notes.name}`)).map((r) => r[0]);
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    withTables(d, meta);

    it("everything is rolled back at disconnect; a reconnect sees nothing", async () => {
      const engine = d.engine();
      const db = new Database(engine, { forceRollback: true });
      try {
        await db.connect();
        await db.execute(insert("example1"));
        expect((await db.fetchAll(texts)).length).toBe(1);
        expect(checkedOut(engine)).toBe(1); // the one shared connection
        await db.disconnect();
        expect(checkedOut(engine)).toBe(0);
        expect(await committed(d)).toEqual([]);
        await db.connect();
        expect(await db.fetchAll(texts)).toEqual([]);
      } finally {
        await db.disconnect();
        await engine.dispose();
      }
    });

    it("a failing statement undoes only itself: later calls and transactions go on", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      await db.execute(notes.insert(), { id: 1, text: "first", completed: true });
      const dup = await rejection(db.execute(notes.insert(), { id: 1, text: "dup", completed: true }));
      expect(dup).toBeInstanceOf(IntegrityError);
      expect(await db.fetchAll(texts)).toEqual([expect.objectContaining({ text: "first" })]);
      const inTx = await rejection(
        db.transaction(async () => {
          await db.execute(insert("undone"));
          await db.execute(notes.insert(), { id: 1, text: "dup", completed: true });
        }),
      );
      expect(inTx).toBeInstanceOf(IntegrityError);
      await db.transaction(async () => db.execute(insert("second")));
      await rejection(db.fetchAll("SELECT * FROM dbfr_missing_table"));
      await rejection(db.iterate("SELECT * FROM dbfr_missing_table").next());
      await db.executeMany(insert("many").values({}), [{}, {}]);
      expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["first", "second", "many", "many"]);
      await db.disconnect();
      expect(await committed(d)).toEqual([]);
    });

    it.runIf(d.name === "postgresql")("an error in the middle of an iterate() undoes only it", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      await db.execute(insert("kept"));
      const loop = async () => {
        // the third row divides by zero: the error comes mid-iteration, from the cursor
        for await (const _ of db.iterate("SELECT 1 / (2 - n) FROM generate_series(0, 5) AS n")) {
        }
      };
      await rejection(loop());
      expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["kept"]);
    });

    it.runIf(d.name !== "sqlite")("a cancelled statement undoes only itself", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      await db.execute(insert("kept"));
      const err = await rejection(
        db.fetchAll(sleepSql(d, 20), undefined, { signal: AbortSignal.timeout(200) }),
      );
      expect(err.name).toBe("TimeoutError");
      expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["kept"]);
      await db.transaction(async () => db.execute(insert("after")));
      expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["kept", "after"]);
    });

    it("application transactions become savepoints: commit, rollback, nested", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      await db.transaction(async (tx) => {
        expect(tx.isNested).toBe(true);
        await db.execute(insert("committed"));
        await db.transaction(async () => db.execute(insert("inner")));
      });
      await rejection(
        db.transaction(async () => {
          await db.execute(insert("rolled back"));
          throw new Error("boom");
        }),
      );
      const tx = await db.transaction();
      await db.execute(insert("manual"));
      await tx.commit();
      expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["committed", "inner", "manual"]);
      expect(await committed(d)).toEqual([]);
    });

    it("decorator style under forceRollback", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      const insertData = db.transactional(async (raise: boolean) => {
        await db.execute(insert("example"));
        if (raise) throw new RangeError();
      });
      await expect(insertData(true)).rejects.toBeInstanceOf(RangeError);
      expect(await db.fetchAll(texts)).toEqual([]);
      await insertData(false);
      expect((await db.fetchAll(texts)).length).toBe(1);
    });

    it("concurrent calls share the one connection, one at a time", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      const conns = new Set<unknown>();
      const lookup = () =>
        db.runSync(async (conn) => {
          conns.add(conn);
          if (d.name === "sqlite") return;
          await conn.execDriverSql(sleepSql(d, 0.05));
        });
      await Promise.all([lookup(), lookup(), lookup()]);
      expect(conns.size).toBe(1);
      expect(checkedOut(db.engine)).toBe(1);
    });

    it("concurrent application transactions are serialised savepoints", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      const order: string[] = [];
      const work = (name: string, fail: boolean) =>
        db.transaction(async () => {
          order.push(`${name}+`);
          await db.execute(insert(name));
          await new Promise((r) => setTimeout(r, 10));
          order.push(`${name}-`);
          if (fail) throw new Error(name);
        });
      await Promise.all([work("a", false), rejection(work("b", true)), work("c", false)]);
      expect(order).toEqual(["a+", "a-", "b+", "b-", "c+", "c-"]);
      expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["a", "c"]);
    });

    it("a forceRollback transaction inside a forceRollback database", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      await db.execute(insert("outer"));
      await db.transaction(async () => db.execute(insert("inner")), { forceRollback: true });
      expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["outer"]);
    });

    it("the shared connection is checked out at connect, not at construction", async () => {
      const engine = d.engine();
      const db = new Database(engine, { forceRollback: true });
      expect(engine.pool.status()).toMatch(/Checked out connections: 0/);
      await db.connect();
      expect(checkedOut(engine)).toBe(1);
      await db.disconnect();
      await engine.dispose();
    });
  });
}
