/**
 * Run-time details found by diffing SQLAlchemy 2.0.54 (pysqlite, psycopg2, pymysql) against
 * alkahest on each database: NoSuchColumnError, invalidate() after close(), the reset event's
 * state, the DML accessors' guard after text(), and libpq's DETAIL / HINT in PostgreSQL errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("rtparity");

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let engine: sa.Engine;
    const meta = new sa.MetaData();
    const t = new sa.Table(
      "rtp_items",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
      new sa.Column("name", sa.String(20), { unique: true }),
    );
    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
        await conn.execute(t.insert(), [
          { id: 1, name: "a" },
          { id: 2, name: "b" },
        ]);
      });
    });
    afterAll(async () => {
      await engine.begin((conn) => meta.dropAll(conn));
      await engine.dispose();
    });

    it("an unknown column key raises NoSuchColumnError (an InvalidRequestError)", async () => {
      await engine.connect(async (conn) => {
        const r = await conn.execute(sa.select(t.c.id, t.c.name));
        let caught: unknown;
        try {
          r.columns("nope");
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(sa.exc.NoSuchColumnError);
        expect(caught).toBeInstanceOf(sa.exc.InvalidRequestError);
        expect((caught as Error).message).toBe("Could not locate column in row for column 'nope'");
      });
    });

    it("text().columns(...) keys rows by the cursor's names; the declared column, its name and key address them too", async () => {
      await engine.connect(async (conn) => {
        const r = await conn.execute(
          sa.text("SELECT id, name AS nm FROM rtp_items WHERE id = 2").columns(t.c.id, t.c.name),
        );
        expect(r.keys()).toEqual(["id", "nm"]);
        const row = r.one();
        expect(row._mapping.get("nm")).toBe("b");
        expect(row._mapping.get("name")).toBe("b");
        expect(row._mapping.get(t.c.name)).toBe("b");
        expect(row._asDict()).toEqual({ id: 2, nm: "b" });
      });
    });

    it("an explicit NULL for the autoincrement key: insertedPrimaryKey is the generated key where lastrowid gives it", async () => {
      const auto = new sa.Table(
        "rtp_auto",
        new sa.MetaData(),
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("v", sa.Integer),
      );
      await engine.begin(async (conn) => {
        await conn.execute(new sa.DropTable(auto, { ifExists: true }));
        await conn.execute(new sa.CreateTable(auto));
        await conn.execute(auto.insert(), { id: 5, v: 0 });
      });
      try {
        await engine.connect(async (conn) => {
          if (d.name === "postgresql") {
            // PostgreSQL does not fill in a NULL key: NOT NULL violation, as with psycopg2
            await expect(conn.execute(auto.insert(), { id: null, v: 1 })).rejects.toThrow(
              sa.exc.NotNullViolation,
            );
          } else {
            const r = await conn.execute(auto.insert(), { id: null, v: 1 });
            expect([...r.insertedPrimaryKey!]).toEqual([6]);
          }
          await conn.rollback();
        });
      } finally {
        await engine.begin((conn) => conn.execute(new sa.DropTable(auto)));
      }
    });

    it("savepoints run through before_execute / after_execute with SQLAlchemy's clause classes", async () => {
      const e = d.engine();
      const seen: unknown[][] = [];
      sa.event.listen(e, "savepoint", (_conn, name) => {
        seen.push(["savepoint", name]);
      });
      sa.event.listen(e, "before_execute", (_conn, clause, multiparams, params) => {
        seen.push([
          "before_execute",
          (clause as object).constructor.name,
          String(clause),
          multiparams,
          params,
        ]);
      });
      sa.event.listen(e, "after_execute", (_conn, clause, _mp, _p, _opts, result) => {
        seen.push([
          "after_execute",
          (clause as object).constructor.name,
          (result as object).constructor.name,
        ]);
      });
      await e.connect(async (conn) => {
        const sp = await conn.beginNested();
        await sp.rollback();
        await conn.beginNested(async () => {});
      });
      await e.dispose();
      expect(seen).toEqual([
        ["savepoint", null],
        ["before_execute", "SavepointClause", "SAVEPOINT sa_savepoint_1", [], {}],
        ["after_execute", "SavepointClause", "CursorResult"],
        ["before_execute", "RollbackToSavepointClause", "ROLLBACK TO SAVEPOINT sa_savepoint_1", [], {}],
        ["after_execute", "RollbackToSavepointClause", "CursorResult"],
        ["savepoint", null],
        ["before_execute", "SavepointClause", "SAVEPOINT sa_savepoint_2", [], {}],
        ["after_execute", "SavepointClause", "CursorResult"],
        ["before_execute", "ReleaseSavepointClause", "RELEASE SAVEPOINT sa_savepoint_2", [], {}],
        ["after_execute", "ReleaseSavepointClause", "CursorResult"],
      ]);
    });

    it("context.executemany tells a list of parameter sets from one, as SQLAlchemy's", async () => {
      const e = d.engine();
      const seen: boolean[] = [];
      sa.event.listen(e, "before_cursor_execute", (_c, _cur, _sql, _params, context) => {
        if (context) seen.push(context.executemany);
      });
      await e.connect(async (conn) => {
        await conn.execute(t.insert(), { id: 10, name: "x" });
        await conn.execute(t.insert(), [
          { id: 11, name: "y" },
          { id: 12, name: "z" },
        ]);
        await conn.rollback();
      });
      await e.dispose();
      expect(seen).toEqual([false, true]);
    });

    it("a repeated explicit label keeps its name as the key; reading it is ambiguous", async () => {
      await engine.connect(async (conn) => {
        const r = await conn.execute(sa.select(t.c.id.label("x"), t.c.name.label("x")).where(t.c.id.eq(2)));
        expect(r.keys()).toEqual(["x", "x"]);
        const row = r.one();
        expect([...row]).toEqual([2, "b"]);
        expect(() => row._mapping.get("x")).toThrow(
          new sa.exc.InvalidRequestError("Ambiguous column name 'x' in result set column descriptions"),
        );
      });
    });

    it("a missing bind value: StatementError with the parameter sets and SQLAlchemy's cd3x link", async () => {
      await engine.connect(async (conn) => {
        const e = await conn
          .execute(sa.text("SELECT :a, :b"), { a: 1 })
          .catch((err: unknown) => err as sa.exc.StatementError);
        expect(e).toBeInstanceOf(sa.exc.StatementError);
        expect((e as sa.exc.StatementError).code).toBe("cd3x");
        expect((e as Error).message.split("\n").slice(0, 1)).toEqual([
          "(InvalidRequestError) A value is required for bind parameter 'b'",
        ]);
        expect((e as Error).message.split("\n").slice(2)).toEqual([
          "[parameters: [{'a': 1}]]",
          "(Background on this error at: https://sqlalche.me/e/20/cd3x)",
        ]);
      });
    });

    it("invalidate() on a closed connection raises ResourceClosedError; twice on an invalid one is a no-op", async () => {
      const conn = await engine.connect();
      await conn.invalidate();
      await conn.invalidate();
      expect(conn.invalidated).toBe(true);
      await conn.close();
      // closed wins: no longer invalid, and invalidating again is an error
      expect(conn.invalidated).toBe(false);
      await expect(conn.invalidate()).rejects.toThrow(sa.exc.ResourceClosedError);
      const other = await engine.connect();
      await other.close();
      await expect(other.invalidate()).rejects.toThrow(
        new sa.exc.ResourceClosedError("This Connection is closed"),
      );
    });

    it("the reset event's state has SQLAlchemy's fields", async () => {
      const e = d.engine();
      const states: unknown[] = [];
      sa.event.listen(e, "reset", (_dbapi, _rec, state) => {
        states.push({ ...state });
      });
      await e.connect(async (conn) => {
        await conn.execute(sa.select(sa.literal(1)));
      });
      await e.dispose();
      expect(states).toEqual([
        { transactionWasReset: true, resetOnReturn: "rollback", terminateOnly: false, asyncioSafe: true },
      ]);
    });

    it("after text() the DML accessors say the statement is not an insert()/update()", async () => {
      await engine.connect(async (conn) => {
        const r = await conn.execute(sa.text("UPDATE rtp_items SET name = name WHERE id = 0"));
        expect(() => r.insertedPrimaryKey).toThrow("Statement is not an insert() expression construct.");
        expect(() => r.prefetchCols()).toThrow(
          "Statement is not an insert() or update() expression construct.",
        );
        const raw = await conn.execDriverSql("UPDATE rtp_items SET name = name WHERE id = 0");
        expect(() => raw.postfetchCols()).toThrow("Statement is not a compiled expression construct.");
        await conn.rollback();
      });
    });

    if (d.name === "postgresql")
      it("PostgreSQL errors carry libpq's DETAIL, HINT and LINE text", async () => {
        await engine.connect(async (conn) => {
          const dup = await conn
            .execute(t.insert(), { id: 3, name: "a" })
            .catch((e: unknown) => e as sa.exc.DBAPIError);
          expect(dup).toBeInstanceOf(sa.exc.UniqueViolation);
          expect((dup as Error).message.split("\n").slice(0, 4)).toEqual([
            '(pg.DatabaseError) duplicate key value violates unique constraint "rtp_items_name_key"',
            "DETAIL:  Key (name)=(a) already exists.",
            "",
            "[SQL: INSERT INTO rtp_items (id, name) VALUES ($1, $2)]",
          ]);
          await conn.rollback();
          const bad = await conn
            .execute(sa.text("select nope from rtp_items"))
            .catch((e: unknown) => e as Error);
          expect((bad as Error).message.split("\n").slice(0, 6)).toEqual([
            '(pg.DatabaseError) column "nope" does not exist',
            "LINE 1: select nope from rtp_items",
            "               ^",
            'HINT:  Perhaps you meant to reference the column "rtp_items.name".',
            "",
            "[SQL: select nope from rtp_items]",
          ]);
          await conn.rollback();
        });
      });
  });
}
