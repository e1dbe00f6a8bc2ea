/**
 * GINO's conveniences on the engine, on every real database: `engine.acquire({ reuse, lazy })`
 * binds a connection to the async context, and `engine.all/first/one/oneOrNone/scalar/status/
 * iterate` use it when there is one (GINO #313: gathered children must not grab the parent's
 * connection unless they are inside its acquire).
 */
import { describe, expect, it } from "vitest";
import "../../src/database/index.js";
import { ArgumentError, MultipleResultsFound, NoResultFound } from "../../src/exc.js";
import * as sa from "../../src/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { checkedOut, gate, notesTable, rejection, until, withTables } from "./helpers.js";

const cases = await dialectCases("dbgn");
const { meta, notes } = notesTable("dbgn_notes");
const texts = sa.select(notes.c.text).orderBy(notes.c.id);

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    withTables(d, meta);

    async function withEngine(fn: (engine: sa.Engine) => Promise<void>): Promise<void> {
      const engine = d.engine();
      try {
        await fn(engine);
      } finally {
        await engine.dispose();
      }
    }

    it("the shortcuts without a context connection use a pooled one per call", () =>
      withEngine(async (engine) => {
        const first = await engine.status(notes.insert(), { text: "a", completed: true });
        expect(first).toEqual({ status: "INSERT 0 1", rows: [] });
        await engine.status(notes.insert(), { text: "b", completed: false });
        expect((await engine.all(texts)).map((r) => r.text)).toEqual(["a", "b"]);
        expect((await engine.first(texts))?.text).toBe("a");
        expect((await engine.one(texts.where(notes.c.text.eq("b")))).text).toBe("b");
        expect(await engine.oneOrNone(texts.where(notes.c.text.eq("zzz")))).toBeNull();
        expect(await engine.scalar(texts)).toBe("a");
        await expect(engine.one(texts.where(notes.c.text.eq("zzz")))).rejects.toBeInstanceOf(NoResultFound);
        await expect(engine.oneOrNone(texts)).rejects.toBeInstanceOf(MultipleResultsFound);
        const seen: unknown[] = [];
        for await (const row of engine.iterate(texts)) seen.push(row.text);
        expect(seen).toEqual(["a", "b"]);
        const n = await engine.scalar("SELECT count(*) FROM dbgn_notes WHERE completed = :c", { c: true });
        expect(Number(n)).toBe(1);
        expect(checkedOut(engine)).toBe(0);
        expect(engine.currentConnection).toBeNull();
      }));

    it("engine.transaction() commits or rolls back the shortcuts inside it; a nested one is a savepoint", () =>
      withEngine(async (engine) => {
        await engine.transaction(async () => {
          await engine.status(notes.insert(), { text: "kept", completed: true });
          await expect(
            engine.transaction(async () => {
              await engine.status(notes.insert(), { text: "undone", completed: true });
              throw new Error("inner");
            }),
          ).rejects.toThrow("inner");
        });
        await expect(
          engine.transaction(async () => {
            await engine.status(notes.insert(), { text: "lost", completed: true });
            throw new Error("outer");
          }),
        ).rejects.toThrow("outer");
        expect((await engine.all(texts)).map((r) => r.text)).toEqual(["kept"]);
        expect(checkedOut(engine)).toBe(0);
      }));

    it("engine.compile() gives the dialect's SQL and driver-ready parameters", () =>
      withEngine(async (engine) => {
        const { sql, params } = engine.compile(
          sa.select(notes.c.id).where(notes.c.completed.eq(sa.bindparam("c")), notes.c.id.in([1, 2])),
          { c: true },
        );
        const placeholder = d.name === "postgresql" ? "$1" : "?";
        expect(sql).toContain(`IN (${d.name === "postgresql" ? "$2::INTEGER, $3::INTEGER" : "?, ?"})`);
        expect(sql).toContain(placeholder);
        // values as the driver takes them (better-sqlite3 binds a boolean as 0/1; pg and mysql2 take it)
        expect(params).toEqual([d.name === "sqlite" ? 1 : true, 1, 2]);
      }));

    it("statements that return no rows give GINO's empty results (test_asyncpg_0120)", () =>
      withEngine(async (engine) => {
        expect(await engine.first("ROLLBACK")).toBeNull();
        expect(await engine.all(notes.insert(), { text: "a", completed: true })).toEqual([]);
        expect(await engine.first(notes.insert(), { text: "b", completed: true })).toBeNull();
        const update = notes.update().values({ completed: false });
        expect(await engine.scalar(update)).toBeNull();
        expect(await engine.oneOrNone(update)).toBeNull();
        await expect(engine.one(update)).rejects.toBeInstanceOf(NoResultFound);
        // none of them failed, so their work stands
        expect((await engine.all(texts)).map((r) => r.text)).toEqual(["a", "b"]);
        await engine.acquire(async (conn) => {
          expect(await conn.all(notes.delete().where(notes.c.text.eq("b")))).toEqual([]);
          expect(await conn.scalar(update)).toBeNull();
          expect(await conn.first("ROLLBACK")).toBeNull();
        });
        expect(await engine.scalar(sa.select(sa.func.count()).selectFrom(notes))).toBe(1);
      }));

    it("a bad argument rejects (or fails the iteration) instead of throwing", () =>
      withEngine(async (engine) => {
        const bad = {} as unknown as string;
        for (const call of [
          () => engine.all(bad),
          () => engine.first(bad),
          () => engine.one(bad),
          () => engine.oneOrNone(bad),
          () => engine.scalar(bad),
          () => engine.status(bad),
        ]) {
          let p: Promise<unknown> | null = null;
          expect(() => {
            p = call();
          }).not.toThrow();
          await expect(p).rejects.toBeInstanceOf(ArgumentError);
        }
        const it = engine.iterate(bad);
        await expect(it.next()).rejects.toBeInstanceOf(ArgumentError);
        await engine.acquire(async (conn) => {
          await expect(conn.all(bad)).rejects.toBeInstanceOf(ArgumentError);
          await expect(conn.iterate(bad).next()).rejects.toBeInstanceOf(ArgumentError);
        });
        expect(checkedOut(engine)).toBe(0);
      }));

    it("status gives the command tag", () =>
      withEngine(async (engine) => {
        await engine.status(notes.insert(), [
          { text: "a", completed: true },
          { text: "b", completed: true },
        ]);
        expect((await engine.status(notes.update().values({ completed: false }))).status).toBe("UPDATE 2");
        const selected = await engine.status(texts);
        expect(selected.status).toBe("SELECT 2");
        expect(selected.rows.map((r) => r.text)).toEqual(["a", "b"]);
        expect((await engine.status(notes.delete().where(notes.c.text.eq("a")))).status).toBe("DELETE 1");
        expect((await engine.status("CREATE TABLE dbgn_extra (x INTEGER)")).status).toBe("CREATE TABLE");
        // SQLite has no TRUNCATE
        if (d.name !== "sqlite") {
          expect((await engine.status("TRUNCATE TABLE dbgn_extra")).status).toBe("TRUNCATE TABLE");
        }
        expect((await engine.status("DROP TABLE dbgn_extra")).status).toBe("DROP TABLE");
        // the tag of a WITH statement is its main statement's; MariaDB has no WITH before UPDATE
        if (d.name !== "mysql") {
          const cte =
            "WITH old AS (SELECT id FROM dbgn_notes WHERE text = 'b') " +
            "UPDATE dbgn_notes SET completed = :c WHERE id IN (SELECT id FROM old)";
          expect((await engine.status(cte, { c: true })).status).toBe("UPDATE 1");
        }
      }));

    it("acquire binds a connection that the shortcuts use", () =>
      withEngine(async (engine) => {
        const temp =
          d.name === "sqlite"
            ? "CREATE TEMP TABLE gtmp (x INTEGER)"
            : "CREATE TEMPORARY TABLE gtmp (x INTEGER)";
        await engine.acquire(async (conn) => {
          expect(engine.currentConnection).toBe(conn);
          await engine.status(temp);
          await engine.status("INSERT INTO gtmp (x) VALUES (:x)", { x: 5 });
          expect(await engine.scalar("SELECT x FROM gtmp")).toBe(5);
          expect(await conn.scalar("SELECT x FROM gtmp")).toBe(5);
          expect(checkedOut(engine)).toBe(1);
        });
        expect(engine.currentConnection).toBeNull();
        expect(checkedOut(engine)).toBe(0);
      }));

    it("reuse shares the context's connection; without it a new one is acquired", () =>
      withEngine(async (engine) => {
        await engine.acquire(async (outer) => {
          const outerConn = await outer.get();
          await engine.acquire({ reuse: true }, async (inner) => {
            expect(await inner.get()).toBe(outerConn);
            await inner.release(); // a reusing view does not release the shared connection
          });
          expect(outer.released).toBe(false);
          await engine.acquire(async (fresh) => {
            expect(await fresh.get()).not.toBe(outerConn);
            expect(engine.currentConnection).toBe(fresh);
          });
          expect(engine.currentConnection).toBe(outer);
        });
        await engine.acquire({ reuse: true }, async () => {
          expect(checkedOut(engine)).toBe(1); // nothing to reuse: a new one
        });
      }));

    it("lazy checks the connection out at its first use", () =>
      withEngine(async (engine) => {
        await engine.acquire({ lazy: true }, async () => {
          expect(checkedOut(engine)).toBe(0);
          await engine.scalar("SELECT 1");
          expect(checkedOut(engine)).toBe(1);
        });
        expect(checkedOut(engine)).toBe(0);
      }));

    it("an engine transaction on the acquired connection covers the shortcuts", () =>
      withEngine(async (engine) => {
        await engine.acquire(async (conn) => {
          const c = await conn.get();
          await c.begin(async () => {
            await engine.status(notes.insert(), { text: "in tx", completed: true });
            expect(await d.outside(`SELECT text FROM ${notes.name}`)).toEqual([]);
            await c.rollback();
          });
        });
        expect(await engine.all(texts)).toEqual([]);
      }));

    it("without a transaction each shortcut commits its own work", () =>
      withEngine(async (engine) => {
        await engine.acquire(async () => {
          await engine.status(notes.insert(), { text: "now", completed: true });
          expect((await d.outside(`SELECT text FROM ${notes.name}`)).map((r) => r[0])).toEqual(["now"]);
        });
      }));

    it("gathered children inside acquire share its connection, one call at a time", () =>
      withEngine(async (engine) => {
        await engine.acquire(async (conn) => {
          const c = await conn.get();
          const conns = await Promise.all(
            [1, 2, 3].map(async () => {
              await engine.scalar("SELECT 1");
              return (await engine.acquire({ reuse: true }, (x) => x.get())) === c;
            }),
          );
          expect(conns).toEqual([true, true, true]);
          expect(checkedOut(engine)).toBe(1);
        });
      }));

    it("sibling acquires are separate connections; siblings outside see none", () =>
      withEngine(async (engine) => {
        const both = gate();
        let n = 0;
        const seen: unknown[] = [];
        const task = () =>
          engine.acquire(async (conn) => {
            seen.push(await conn.get());
            if (++n === 2) both.open();
            await both.wait;
          });
        const outside = (async () => {
          await until(() => n === 2);
          return engine.currentConnection;
        })();
        const [, , current] = await Promise.all([task(), task(), outside]);
        expect(seen[0]).not.toBe(seen[1]);
        expect(current).toBeNull();
      }));

    it("acquire without a callback binds the rest of the function until release()", () =>
      withEngine(async (engine) => {
        const conn = await engine.acquire();
        expect(engine.currentConnection).toBe(conn);
        const c = await conn.get();
        await engine.scalar("SELECT 1");
        expect((await engine.acquire({ reuse: true })).reusing()).toBeDefined();
        expect(await (await engine.acquire({ reuse: true })).get()).toBe(c);
        await conn.release();
        expect(conn.released).toBe(true);
        expect(engine.currentConnection).toBeNull();
        expect(checkedOut(engine)).toBe(0);
        await expect(conn.scalar("SELECT 1")).rejects.toThrow("This connection was released");
      }));

    it("iterate on the context's connection: other calls on it fail at once", () =>
      withEngine(async (engine) => {
        await engine.status(notes.insert(), [
          { text: "a", completed: true },
          { text: "b", completed: true },
        ]);
        await engine.acquire(async () => {
          const out: unknown[] = [];
          for await (const row of engine.iterate(texts)) {
            out.push(row.text);
            await rejection(engine.scalar("SELECT 1"));
          }
          expect(out).toEqual(["a", "b"]);
          expect(await engine.scalar("SELECT 1")).toBeTruthy();
        });
      }));
  });
}
