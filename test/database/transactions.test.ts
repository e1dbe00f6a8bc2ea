/**
 * Transactions of the facade on every real database, ported from encode/databases:
 * test_rollback_isolation, test_transaction_commit, test_transaction_rollback,
 * test_transaction_commit_low_level, test_transaction_rollback_low_level,
 * test_transaction_decorator, test_transaction_commit_serializable, test_connections_isolation,
 * test_commit_on_root_transaction; plus nested savepoints and `await using`.
 * Visibility is checked from outside the engine (`d.outside`).
 */
import { describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { type DialectCase, dialectCases } from "../engine/conformance/dialects.js";
import { checkedOut, notesTable, openDatabase, rejection, withTables } from "./helpers.js";

const cases = await dialectCases("dbtx");
const { meta, notes } = notesTable("dbtx_notes");

/** The texts another connection sees (committed rows only). */
async function committed(d: DialectCase): Promise<unknown[]> {
  return (await d.outside(`SELECT text FROM ${notes.name} ORDER BY id`)).map((r) => r[0]);
}

const insert = (text: string) => notes.insert().values({ text, completed: true });
const count = sa.select(sa.func.count()).selectFrom(notes);

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    withTables(d, meta);

    it("a forceRollback transaction leaves nothing behind", async () => {
      const db = await openDatabase(d);
      await db.transaction(async () => db.execute(insert("example1")), { forceRollback: true });
      expect(await db.fetchAll(sa.select(notes))).toEqual([]);
    });

    it("the callback form commits when it resolves", async () => {
      const db = await openDatabase(d);
      const out = await db.transaction(async () => {
        await db.execute(insert("example1"));
        expect(await committed(d)).toEqual([]); // not yet visible outside
        return "done";
      });
      expect(out).toBe("done");
      expect(await committed(d)).toEqual(["example1"]);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("the callback form rolls back when it throws", async () => {
      const db = await openDatabase(d);
      const err = await rejection(
        db.transaction(async () => {
          await db.execute(insert("example1"));
          throw new RangeError("boom");
        }),
      );
      expect(err).toBeInstanceOf(RangeError);
      expect(await db.fetchAll(sa.select(notes))).toEqual([]);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("a nested transaction is a savepoint: commit inside, rollback inside", async () => {
      const db = await openDatabase(d);
      await db.transaction(
        async () => {
          await db.transaction(async (tx) => {
            expect(tx.isNested).toBe(true);
            await db.execute(insert("kept"));
          });
          await rejection(
            db.transaction(async () => {
              await db.execute(insert("undone"));
              throw new Error("inner");
            }),
          );
          expect(await db.fetchAll(sa.select(notes.c.text))).toEqual([
            expect.objectContaining({ text: "kept" }),
          ]);
        },
        { forceRollback: true },
      );
      expect(await committed(d)).toEqual([]);
    });

    it("low level: commit()", async () => {
      const db = await openDatabase(d);
      await db.transaction(
        async () => {
          const tx = await db.transaction();
          await db.execute(insert("example1"));
          await tx.commit();
          expect(tx.isActive).toBe(false);
          expect(Number(await db.fetchVal(count))).toBe(1);
        },
        { forceRollback: true },
      );
    });

    it("low level: rollback()", async () => {
      const db = await openDatabase(d);
      await db.transaction(
        async () => {
          const tx = await db.transaction();
          try {
            await db.execute(insert("example1"));
            throw new Error("boom");
          } catch {
            await tx.rollback();
          }
          expect(await db.fetchAll(sa.select(notes))).toEqual([]);
        },
        { forceRollback: true },
      );
    });

    it("low level at the top of an async function: the calls after it run inside it", async () => {
      const db = await openDatabase(d);
      const tx = await db.transaction();
      expect(tx.isNested).toBe(false);
      await db.execute(insert("example1"));
      expect(Number(await db.fetchVal(count))).toBe(1);
      expect(await committed(d)).toEqual([]);
      await tx.rollback();
      await tx.rollback(); // a second rollback does nothing
      await expect(tx.commit()).rejects.toThrow("This transaction has already ended");
      expect(await db.fetchAll(sa.select(notes))).toEqual([]);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("await using rolls back unless committed", async () => {
      const db = await openDatabase(d);
      {
        await using tx = await db.transaction();
        await db.execute(insert("gone"));
        expect(tx.isActive).toBe(true);
      }
      {
        await using tx = await db.transaction();
        await db.execute(insert("kept"));
        await tx.commit();
      }
      expect(await committed(d)).toEqual(["kept"]);
    });

    it("decorator style: each call of a transactional function is its own transaction", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      const insertData = db.transactional(async (raise: boolean) => {
        await db.execute(insert("example"));
        if (raise) throw new RangeError("raise");
      });
      await expect(insertData(true)).rejects.toBeInstanceOf(RangeError);
      expect(await db.fetchAll(sa.select(notes))).toEqual([]);
      await insertData(false);
      expect((await db.fetchAll(sa.select(notes))).length).toBe(1);
      const decorate = db.transactional();
      const again = decorate(async () => db.execute(insert("again")));
      await again();
      expect((await db.fetchAll(sa.select(notes))).length).toBe(2);
    });

    it("a transactional method keeps its this", async () => {
      const db = await openDatabase(d);
      class Repo {
        readonly text = "from-this";
        save = db.transactional(async function (this: Repo) {
          return db.execute(insert(this.text));
        });
      }
      const repo = new Repo();
      await repo.save();
      expect(await committed(d)).toEqual(["from-this"]);
    });

    it.runIf(d.name === "postgresql")("isolationLevel applies to a root transaction", async () => {
      const db = await openDatabase(d);
      await db.transaction(
        async () => {
          expect(await db.fetchVal("SHOW transaction_isolation")).toBe("serializable");
          expect(await db.fetchAll(sa.select(notes))).toEqual([]);
          await d.outside(`INSERT INTO ${notes.name} (text, completed) VALUES ('outside', true)`);
          // a serializable snapshot does not see the row committed after it began
          expect(await db.fetchAll(sa.select(notes))).toEqual([]);
        },
        { forceRollback: true, isolationLevel: "SERIALIZABLE" },
      );
      await db.connection(async () => {
        expect(await db.fetchVal("SHOW transaction_isolation")).toBe("read committed");
      });
    });

    it("without a transaction every call commits on its own connection", async () => {
      const db = await openDatabase(d);
      await db.execute(insert("example1"));
      expect(await committed(d)).toEqual(["example1"]);
      expect((await db.fetchAll(sa.select(notes))).length).toBe(1);
      await db.execute(notes.delete());
      expect(await committed(d)).toEqual([]);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("committing the root transaction", async () => {
      const db = await openDatabase(d);
      await db.transaction(async () => {
        await db.execute(insert("example1"));
      });
      expect((await db.fetchAll(sa.select(notes))).length).toBe(1);
    });

    it("an inner manual transaction left open is rolled back with its callback's transaction", async () => {
      const db = await openDatabase(d);
      await db.transaction(async () => {
        await db.execute(insert("outer"));
        const inner = await db.transaction();
        await db.execute(insert("inner"));
        expect(inner.isActive).toBe(true);
      });
      expect(await committed(d)).toEqual(["outer"]);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("a call made from a transaction's context after it ended runs outside it", async () => {
      const db = await openDatabase(d);
      let late: Promise<unknown> | null = null;
      await db.transaction(async () => {
        await db.fetchVal("SELECT 1");
        late = new Promise((r) => setTimeout(r, 30)).then(() => db.fetchVal("SELECT 1"));
      });
      // the context of `late` resolved past the ended transaction: it runs on its own connection
      expect(await late).toBeTruthy();
    });
  });
}
