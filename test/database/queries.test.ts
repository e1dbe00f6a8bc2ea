/**
 * The query methods on every real database, ported from encode/databases' tests/test_databases.py:
 * test_queries, test_queries_raw, test_ddl_queries, test_results_support_mapping_interface,
 * test_results_support_column_reference, test_result_values_allow_duplicate_names,
 * test_fetch_one_returning_no_results, test_execute_return_val, test_column_names,
 * test_postcompile_queries, test_result_named_access, test_queries_after_error.
 */
import { describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { checkedOut, notesTable, openDatabase, rejection, withTables } from "./helpers.js";

const cases = await dialectCases("dbq");
const { meta, notes } = notesTable("dbq_notes");
const others = new sa.Table(
  "dbq_others",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("title", sa.String(100)),
);

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    withTables(d, meta);

    it("execute, executeMany, fetchAll, fetchOne, fetchVal and iterate with statements", async () => {
      const db = await openDatabase(d);
      await db.transaction(
        async () => {
          await db.execute(notes.insert(), { text: "example1", completed: true });
          await db.executeMany(notes.insert(), [
            { text: "example2", completed: false },
            { text: "example3", completed: true },
          ]);
          const results = await db.fetchAll(sa.select(notes).orderBy(notes.c.id));
          expect(results.map((r) => [r.text, r.completed])).toEqual([
            ["example1", true],
            ["example2", false],
            ["example3", true],
          ]);
          const one = await db.fetchOne(sa.select(notes).orderBy(notes.c.id));
          expect(one?.text).toBe("example1");
          expect(await db.fetchVal(sa.select(notes.c.text).orderBy(notes.c.id))).toBe("example1");
          expect(await db.fetchVal(sa.select(notes.c.text).where(notes.c.text.eq("impossible")))).toBeNull();
          expect(
            await db.fetchVal(sa.select(notes.c.id, notes.c.text).orderBy(notes.c.id), undefined, 1),
          ).toBe("example1");
          const row = await db.fetchOne(sa.select(notes.c.text).orderBy(notes.c.id));
          expect([row?.text, row?.[0]]).toEqual(["example1", "example1"]);
          const seen: unknown[] = [];
          for await (const r of db.iterate(sa.select(notes).orderBy(notes.c.id))) seen.push(r.text);
          expect(seen).toEqual(["example1", "example2", "example3"]);
        },
        { forceRollback: true },
      );
      expect(await db.fetchAll(sa.select(notes))).toEqual([]);
    });

    it("raw SQL takes :name binds", async () => {
      const db = await openDatabase(d);
      const t = notes.name;
      await db.transaction(
        async () => {
          await db.execute(`INSERT INTO ${t}(text, completed) VALUES (:text, :completed)`, {
            text: "example1",
            completed: true,
          });
          await db.executeMany(`INSERT INTO ${t}(text, completed) VALUES (:text, :completed)`, [
            { text: "example2", completed: false },
            { text: "example3", completed: true },
          ]);
          const done = await db.fetchAll(`SELECT * FROM ${t} WHERE completed = :completed ORDER BY id`, {
            completed: true,
          });
          expect(done.map((r) => r.text)).toEqual(["example1", "example3"]);
          // raw SQL has no column types: booleans come back as the driver gives them (1 on SQLite/MySQL)
          expect(Boolean(done[0].completed)).toBe(true);
          const open = await db.fetchOne(`SELECT * FROM ${t} WHERE completed = :completed`, {
            completed: false,
          });
          expect(open?.text).toBe("example2");
          const val = await db.fetchVal(`SELECT completed FROM ${t} WHERE text = :text`, {
            text: "example1",
          });
          expect(Boolean(val)).toBe(true);
          const byName = await db.fetchVal(
            `SELECT * FROM ${t} WHERE text = :text`,
            { text: "example2" },
            "completed",
          );
          expect(Boolean(byName)).toBe(false);
          const seen: unknown[] = [];
          for await (const r of db.iterate(`SELECT * FROM ${t} ORDER BY id`)) seen.push(r.text);
          expect(seen).toEqual(["example1", "example2", "example3"]);
        },
        { forceRollback: true },
      );
    });

    it("runs DDL constructs", async () => {
      const db = await openDatabase(d);
      await db.execute(new sa.DropTable(others));
      await db.execute(new sa.CreateTable(others));
      expect(await db.fetchAll(sa.select(others))).toEqual([]);
    });

    it("rows support the mapping interface, Column keys and duplicate names", async () => {
      const db = await openDatabase(d);
      await db.execute(notes.insert(), { text: "example1", completed: true });
      await db.execute(others.insert(), { title: "other" });
      const [row] = await db.fetchAll(sa.select(notes));
      expect(row.length).toBe(3);
      expect(row._asDict()).toEqual({ id: expect.any(Number), text: "example1", completed: true });
      expect(Object.keys(row._asDict()).sort()).toEqual(["completed", "id", "text"]);
      const [joined] = await db.fetchAll(sa.select(notes, others));
      expect(joined._mapping.get(notes.c.text)).toBe("example1");
      expect(joined._mapping.get(others.c.title)).toBe("other");
      const dup = await db.fetchOne("SELECT 1 AS id, 2 AS id");
      expect(dup?._mapping.keys()).toEqual(["id", "id"]);
      expect([...(dup ?? [])].map(Number)).toEqual([1, 2]);
      const raw = await db.fetchAll(`SELECT * FROM ${notes.name}`);
      expect(Object.keys(raw[0]._asDict()).sort()).toEqual(["completed", "id", "text"]);
    });

    it("fetchOne returns null without rows", async () => {
      const db = await openDatabase(d);
      expect(await db.fetchOne(sa.select(notes))).toBeNull();
    });

    it("execute returns the inserted primary key, a RETURNING value or the rowcount", async () => {
      const db = await openDatabase(d);
      const pk = await db.execute(notes.insert(), { text: "example1", completed: true });
      expect(typeof pk).toBe("number");
      const row = await db.fetchOne(sa.select(notes).where(notes.c.id.eq(pk as number)));
      expect(row?.text).toBe("example1");
      await db.execute(notes.insert(), { text: "example2", completed: false });
      expect(await db.execute(notes.update().values({ completed: true }))).toBe(2);
      expect(await db.execute(notes.delete().where(notes.c.text.eq("example2")))).toBe(1);
      if (d.name !== "mysql") {
        const returned = await db.execute(notes.insert().values({ text: "r" }).returning(notes.c.text));
        expect(returned).toBe("r");
      }
      if (d.name !== "postgresql") {
        // a raw INSERT reports the driver's lastrowid where there is one
        const id = await db.execute(`INSERT INTO ${notes.name}(text) VALUES (:t)`, { t: "raw" });
        expect(await db.fetchVal(`SELECT text FROM ${notes.name} WHERE id = :id`, { id })).toBe("raw");
      }
    });

    it("expanding IN lists and named row access", async () => {
      const db = await openDatabase(d);
      await db.execute(notes.insert(), { text: "example1", completed: true });
      expect(await db.fetchAll(sa.select(notes).where(notes.c.id.in([2, 3])))).toEqual([]);
      const result = await db.fetchOne(sa.select(notes).where(notes.c.text.eq("example1")));
      expect(result?.text).toBe("example1");
      expect(result?.completed).toBe(true);
    });

    it("works after a failed query and leaves no connection checked out", async () => {
      const db = await openDatabase(d);
      await rejection(db.fetchAll("SELECT * FROM no_such_table_here"));
      expect(checkedOut(db.engine)).toBe(0);
      expect(await db.fetchAll(sa.select(notes))).toEqual([]);
      await rejection(db.execute(notes.insert(), [{ text: "a" }] as never));
      await rejection(db.transaction(() => db.fetchAll("SELECT * FROM no_such_table_here")));
      expect(checkedOut(db.engine)).toBe(0);
      expect(await db.fetchVal("SELECT 1")).toBeTruthy();
    });

    it("runSync hands the engine Connection over, committed on its own", async () => {
      const db = await openDatabase(d);
      await db.runSync((conn) => conn.execute(notes.insert(), { text: "sync", completed: false }));
      expect((await d.outside(`SELECT text FROM ${notes.name}`)).map((r) => r[0])).toEqual(["sync"]);
    });

    it("a db call made inside runSync's callback does not wait for the callback (no deadlock)", async () => {
      const db = await openDatabase(d);
      const nested = db.transaction(async () =>
        db.runSync(async (conn) => {
          await conn.execute(notes.insert(), { text: "outer", completed: true });
          return db.fetchVal(sa.select(notes.c.text));
        }),
      );
      const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error("deadlock")), 3000));
      expect(await Promise.race([nested, timeout])).toBe("outer");
    });
  });
}
