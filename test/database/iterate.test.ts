/**
 * `iterate()` on every real database: encode/databases' test_iterate_outside_transaction_with_values
 * and _with_temp_table, and its #176 ("iterate holds the connection lock forever"): here a query
 * issued while a loop is open either runs on another connection (outside a transaction) or fails
 * at once (on the loop's own connection); it never waits for the loop.
 */
import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "../../src/exc.js";
import * as sa from "../../src/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { checkedOut, notesTable, openDatabase, rejection, withTables } from "./helpers.js";

const cases = await dialectCases("dbit");
const { meta, notes } = notesTable("dbit_notes");
const texts = sa.select(notes.c.text).orderBy(notes.c.id);

/** Fails if `p` has not settled within `ms` (a hang would otherwise stall the suite). */
function soon<T>(p: Promise<T>, ms = 3000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms}ms`)), ms)),
  ]);
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    withTables(d, meta);

    async function seed(db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
      for (const text of ["a", "b", "c"]) await db.execute(notes.insert(), { text, completed: false });
    }

    it.skipIf(d.name === "mysql")("iterates outside a transaction (VALUES)", async () => {
      const db = await openDatabase(d);
      const rows: unknown[] = [];
      for await (const row of db.iterate("SELECT * FROM (VALUES (1), (2), (3), (4), (5)) AS t"))
        rows.push(row);
      expect(rows.length).toBe(5);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it.skipIf(d.name === "sqlite")("iterates a temporary table outside a transaction", async () => {
      const db = await openDatabase(d);
      await db.execute("CREATE TEMPORARY TABLE no_transac(num INTEGER)");
      await db.execute("INSERT INTO no_transac(num) VALUES (1), (2), (3), (4), (5)");
      const rows: unknown[] = [];
      for await (const row of db.iterate("SELECT * FROM no_transac")) rows.push(row.num);
      expect(rows).toEqual([1, 2, 3, 4, 5]);
    });

    it("outside a transaction a query in the loop runs on another connection", async () => {
      const db = await openDatabase(d);
      await seed(db);
      const out: unknown[] = [];
      for await (const row of db.iterate(texts)) {
        const other = await soon(
          db.fetchVal(sa.select(notes.c.id).where(notes.c.text.eq(row.text as string))),
        );
        out.push([row.text, other]);
        expect(checkedOut(db.engine)).toBe(1); // the loop's connection; the query's went back
      }
      expect(out.map((r) => (r as unknown[])[0])).toEqual(["a", "b", "c"]);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("inside a transaction another call on its connection fails at once", async () => {
      const db = await openDatabase(d);
      await seed(db);
      await db.transaction(async () => {
        const seen: unknown[] = [];
        for await (const row of db.iterate(texts)) {
          seen.push(row.text);
          const err = await soon(rejection(db.fetchAll(texts)));
          expect(err).toBeInstanceOf(InvalidRequestError);
          expect(err.message).toMatch(/iterate\(\) loop holds its cursor open/);
          await soon(rejection(db.transaction(async () => undefined)));
        }
        expect(seen).toEqual(["a", "b", "c"]);
        // once the loop is over the connection is free again
        expect((await db.fetchAll(texts)).length).toBe(3);
      });
    });

    it("a Promise.all sibling of an open loop fails at once rather than waiting", async () => {
      const db = await openDatabase(d);
      await seed(db);
      await db.transaction(async () => {
        const loop = (async () => {
          const out: unknown[] = [];
          for await (const row of db.iterate(texts)) {
            out.push(row.text);
            await new Promise((r) => setTimeout(r, 10));
          }
          return out;
        })();
        const sibling = (async () => {
          await new Promise((r) => setTimeout(r, 5));
          return soon(rejection(db.execute(notes.insert(), { text: "x" })));
        })();
        const [rows, err] = await Promise.all([loop, sibling]);
        expect(rows).toEqual(["a", "b", "c"]);
        expect(err).toBeInstanceOf(InvalidRequestError);
      });
    });

    it("breaking out of the loop closes the cursor and frees the connection", async () => {
      const db = await openDatabase(d);
      await seed(db);
      for await (const row of db.iterate(texts)) {
        expect(row.text).toBe("a");
        break;
      }
      expect(checkedOut(db.engine)).toBe(0);
      await db.transaction(async () => {
        for await (const _ of db.iterate(texts)) break;
        expect((await db.fetchAll(texts)).length).toBe(3);
      });
    });

    it("a loop abandoned inside a transaction is closed when the transaction ends", async () => {
      const db = await openDatabase(d);
      await seed(db);
      await db.transaction(async () => {
        const rows = db.iterate(texts);
        expect((await rows.next()).value?.text).toBe("a");
        await db.transaction(async () => undefined).catch(() => undefined);
      });
      expect(checkedOut(db.engine)).toBe(0);
      expect((await db.fetchAll(texts)).length).toBe(3);
    });

    it("an error in the loop body frees the connection", async () => {
      const db = await openDatabase(d);
      await seed(db);
      await expect(
        (async () => {
          for await (const _ of db.iterate(texts)) throw new RangeError("stop");
        })(),
      ).rejects.toBeInstanceOf(RangeError);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("a statement without rows iterates nothing and is committed", async () => {
      const db = await openDatabase(d);
      await seed(db);
      const rows: unknown[] = [];
      for await (const row of db.iterate(notes.update().values({ text: "z" }))) rows.push(row);
      expect(rows).toEqual([]);
      expect((await d.outside(`SELECT text FROM ${notes.name}`)).map((r) => r[0])).toEqual(["z", "z", "z"]);
    });
  });
}
