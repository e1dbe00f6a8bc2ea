/**
 * Result API conformance over real rows on every database: `conn.execute()` buffers the rows
 * and the Result's methods behave as SQLAlchemy 2.0's (`engine/result.py`, `engine/row.py`,
 * `engine/cursor.py`), with its exact error messages.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("results");

const meta = new sa.MetaData();
const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
  new sa.Column("name", sa.String(30), { nullable: false }),
  new sa.Column("nick", sa.String(30)),
);

const PEOPLE = [
  { id: 1, name: "ed", nick: "eddie" },
  { id: 2, name: "wendy", nick: null },
  { id: 3, name: "jack", nick: "jj" },
  { id: 4, name: "ed", nick: "ed2" },
];

const NO_ROWS = "This result object does not return rows. It has been closed automatically.";
const CLOSED = "This result object is closed.";

const byId = sa.select(users.c.id, users.c.name, users.c.nick).orderBy(users.c.id);
const none = byId.where(users.c.id.lt(0));
const single = byId.where(users.c.id.eq(2));

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let engine: sa.Engine;
    let conn: sa.Connection;

    beforeAll(async () => {
      engine = d.engine();
      await meta.dropAll(engine);
      await meta.createAll(engine);
      await engine.begin(async (c) => {
        await c.execute(users.insert(), PEOPLE);
      });
    });

    afterAll(async () => {
      await meta.dropAll(engine);
      await engine.dispose();
    });

    beforeEach(async () => {
      conn = await engine.connect();
      return async () => {
        await conn.close();
      };
    });

    describe("single-row methods", () => {
      it("all() returns every row, then nothing", async () => {
        const r = await conn.execute(byId);
        const rows = r.all();
        expect(rows.map((row) => row._t)).toEqual(PEOPLE.map((p) => [p.id, p.name, p.nick]));
        expect(r.all()).toEqual([]);
        expect(r.fetchone()).toBeNull();
      });

      it("first() returns the first row or null, and closes the result", async () => {
        const r = await conn.execute(byId);
        expect(r.first()?._asDict()).toEqual(PEOPLE[0]);
        expect(r.closed).toBe(true);
        expect(() => r.fetchone()).toThrow(new sa.exc.ResourceClosedError(CLOSED));
        expect(() => r.all()).toThrow(new sa.exc.ResourceClosedError(CLOSED));
        const empty = await conn.execute(none);
        expect(empty.first()).toBeNull();
        expect(() => empty.fetchall()).toThrow(new sa.exc.ResourceClosedError(CLOSED));
      });

      it("one() raises NoResultFound / MultipleResultsFound with SQLAlchemy's messages", async () => {
        expect((await conn.execute(single)).one().name).toBe("wendy");
        const none_ = await conn.execute(none);
        expect(() => none_.one()).toThrow(new sa.exc.NoResultFound("No row was found when one was required"));
        expect(() => none_.one()).toThrow(sa.exc.InvalidRequestError);
        const many = await conn.execute(byId);
        expect(() => many.one()).toThrow(
          new sa.exc.MultipleResultsFound("Multiple rows were found when exactly one was required"),
        );
        expect(many.closed).toBe(true);
      });

      it("oneOrNone() returns null for no row and raises for two", async () => {
        expect((await conn.execute(single)).oneOrNone()?.id).toBe(2);
        expect((await conn.execute(none)).oneOrNone()).toBeNull();
        const many = await conn.execute(byId);
        expect(() => many.oneOrNone()).toThrow(
          new sa.exc.MultipleResultsFound("Multiple rows were found when one or none was required"),
        );
      });

      it("scalar() / scalarOne() / scalarOneOrNone() return the first column", async () => {
        const r = await conn.execute(byId);
        expect(r.scalar()).toBe(1);
        expect(r.closed).toBe(true);
        expect((await conn.execute(none)).scalar()).toBeNull();
        expect((await conn.execute(single)).scalarOne()).toBe(2);
        const noRow = await conn.execute(none);
        expect(() => noRow.scalarOne()).toThrow(
          new sa.exc.NoResultFound("No row was found when one was required"),
        );
        const many = await conn.execute(byId);
        expect(() => many.scalarOne()).toThrow(
          new sa.exc.MultipleResultsFound("Multiple rows were found when exactly one was required"),
        );
        expect((await conn.execute(single)).scalarOneOrNone()).toBe(2);
        expect((await conn.execute(none)).scalarOneOrNone()).toBeNull();
        const many2 = await conn.execute(byId);
        expect(() => many2.scalarOneOrNone()).toThrow(
          new sa.exc.MultipleResultsFound("Multiple rows were found when one or none was required"),
        );
        // a NULL value is not "no row"
        expect((await conn.execute(sa.select(users.c.nick).where(users.c.id.eq(2)))).scalarOne()).toBeNull();
      });

      it("conn.scalar() and conn.scalars() are the shortcuts", async () => {
        expect(await conn.scalar(sa.select(users.c.name).where(users.c.id.eq(3)))).toBe("jack");
        expect((await conn.scalars(sa.select(users.c.id).orderBy(users.c.id))).all()).toEqual([1, 2, 3, 4]);
      });
    });

    describe("fetching", () => {
      it("fetchone / fetchmany / fetchall consume the rows in order", async () => {
        const r = await conn.execute(byId);
        expect(r.fetchone()?.id).toBe(1);
        expect(r.fetchmany(2).map((row) => row.id)).toEqual([2, 3]);
        expect(r.fetchmany(5).map((row) => row.id)).toEqual([4]);
        expect(r.fetchmany(5)).toEqual([]);
        expect(r.fetchall()).toEqual([]);
        expect(r.fetchone()).toBeNull();
        expect(r.closed).toBe(false);
      });

      it("iteration and partitions(n), never an empty partition", async () => {
        const ids: number[] = [];
        for (const row of await conn.execute(byId)) ids.push(row.id);
        expect(ids).toEqual([1, 2, 3, 4]);
        const parts = [...(await conn.execute(byId)).partitions(3)].map((p) => p.map((row) => row.id));
        expect(parts).toEqual([[1, 2, 3], [4]]);
        expect([...(await conn.execute(byId)).partitions(2)].map((p) => p.length)).toEqual([2, 2]);
        expect([...(await conn.execute(none)).partitions(2)]).toEqual([]);
        expect([...(await conn.execute(byId)).yieldPer(3).partitions()].map((p) => p.length)).toEqual([3, 1]);
      });

      it("keys() names the columns in order", async () => {
        const r = await conn.execute(sa.select(users.c.name, users.c.id.label("user_id")));
        expect(r.keys()).toEqual(["name", "user_id"]);
        expect(r.returnsRows).toBe(true);
      });

      it("scalars(), mappings(), columns() and unique()", async () => {
        expect((await conn.execute(byId)).scalars().all()).toEqual([1, 2, 3, 4]);
        expect((await conn.execute(byId)).scalars("name").all()).toEqual(["ed", "wendy", "jack", "ed"]);
        expect((await conn.execute(byId)).scalars(2).fetchmany(2)).toEqual(["eddie", null]);
        const maps = (await conn.execute(byId)).mappings().all();
        expect(maps[0].name).toBe("ed");
        expect(maps[1].get(users.c.nick)).toBeNull();
        expect({ ...maps[2] }).toEqual(PEOPLE[2]);
        const cols = (await conn.execute(byId)).columns(users.c.name, "id");
        expect(cols.keys()).toEqual(["name", "id"]);
        expect(cols.all().map((row) => row._t)).toEqual([
          ["ed", 1],
          ["wendy", 2],
          ["jack", 3],
          ["ed", 4],
        ]);
        // unique() applies after columns()/scalars() whatever the call order
        expect(
          (await conn.execute(byId))
            .unique()
            .columns("name")
            .all()
            .map((row) => row.name),
        ).toEqual(["ed", "wendy", "jack"]);
        expect((await conn.execute(byId)).scalars("name").unique().all()).toEqual(["ed", "wendy", "jack"]);
        const u = (await conn.execute(sa.select(users.c.name).orderBy(users.c.id))).unique();
        expect(u.fetchmany(2).map((row) => row.name)).toEqual(["ed", "wendy"]);
        expect(u.fetchmany(2).map((row) => row.name)).toEqual(["jack"]);
        // one() under unique(): equal rows are not a second row
        expect(
          (await conn.execute(sa.select(users.c.name).where(users.c.name.eq("ed")))).unique().one().name,
        ).toBe("ed");
      });
    });

    describe("rows", () => {
      it("attribute, index, destructuring, _mapping, _fields, _asDict()", async () => {
        const row = (await conn.execute(byId)).first()!;
        expect(row.name).toBe("ed");
        expect(row[0]).toBe(1);
        expect(row[2]).toBe("eddie");
        const [id, name, nick] = row;
        expect([id, name, nick]).toEqual([1, "ed", "eddie"]);
        expect(row.length).toBe(3);
        expect(row._fields).toEqual(["id", "name", "nick"]);
        expect(row._asDict()).toEqual({ id: 1, name: "ed", nick: "eddie" });
        expect(row._mapping.get("name")).toBe("ed");
        expect(row._mapping.get(users.c.name)).toBe("ed");
        expect(row._mapping.name).toBe("ed");
        expect(row._mapping.has(users.c.nick)).toBe(true);
        expect(row._mapping.keys()).toEqual(["id", "name", "nick"]);
        expect(Object.fromEntries(row._mapping)).toEqual(PEOPLE[0]);
        expect(row._t).toEqual([1, "ed", "eddie"]);
        expect(row).toBeInstanceOf(sa.Row);
        expect(String(row)).toBe("(1, 'ed', 'eddie')");
        expect(() => {
          (row as unknown as { name: string }).name = "x";
        }).toThrow(TypeError);
      });

      it("labels are the keys; a repeated label is ambiguous in _mapping", async () => {
        const row = (
          await conn.execute(
            sa.select(users.c.id.label("x"), users.c.name.label("x")).where(users.c.id.eq(1)),
          )
        ).one();
        expect(row._t).toEqual([1, "ed"]);
        expect(() => row._mapping.get("x")).toThrow(
          new sa.exc.InvalidRequestError("Ambiguous column name 'x' in result set column descriptions"),
        );
      });

      it("a keyed column (Column('a', { key: 'b' })) reads by its key and by its name, in rows and mappings", async () => {
        const keyed = new sa.Table(
          "keyed_cols",
          new sa.MetaData(),
          new sa.Column("a", sa.String(5), { key: "b", primaryKey: true }),
          new sa.Column("c", sa.String(5), { key: "q" }),
        );
        await keyed.create(conn);
        try {
          await conn.execute(keyed.insert(), { b: "a1", q: "c1" });
          const row = (await conn.execute(sa.select(keyed))).one();
          const untyped = row as unknown as Record<string, unknown>;
          expect([row.b, row.q, untyped.a, untyped.c]).toEqual(["a1", "c1", "a1", "c1"]);
          const m = row._mapping as unknown as Record<string, unknown>;
          expect([m.b, m.a, m.q, m.c]).toEqual(["a1", "a1", "c1", "c1"]);
          expect({ ...row._mapping }).toEqual({ b: "a1", q: "c1" });
          const mapped = (await conn.execute(sa.select(keyed))).mappings().one() as unknown as Record<
            string,
            unknown
          >;
          expect([mapped.a, mapped.c]).toEqual(["a1", "c1"]);
        } finally {
          await keyed.drop(conn);
        }
      });

      it("execDriverSql rows take their keys from the cursor", async () => {
        // execDriverSql buffers like execute (its declared type also admits a stream)
        const r = (await conn.execDriverSql("SELECT id, name FROM users ORDER BY id")) as sa.CursorResult;
        expect(r.keys()).toEqual(["id", "name"]);
        expect(r.all().map((row) => row.name)).toEqual(["ed", "wendy", "jack", "ed"]);
      });
    });

    describe("results without rows", () => {
      it("a DML result without RETURNING raises ResourceClosedError on every fetch", async () => {
        const r = await conn.execute(users.update().values({ nick: "x" }).where(users.c.id.eq(1)));
        expect(r.rowcount).toBe(1);
        expect(r.returnsRows).toBe(false);
        const err = new sa.exc.ResourceClosedError(NO_ROWS);
        for (const fetch of [
          () => r.fetchone(),
          () => r.fetchmany(2),
          () => r.fetchall(),
          () => r.all(),
          () => r.first(),
          () => r.one(),
          () => r.scalar(),
          () => r.keys(),
          () => r.scalars(),
          () => r.mappings(),
        ]) {
          expect(fetch).toThrow(err);
        }
        expect(() => [...r]).toThrow(err);
        await conn.rollback();
      });

      it("INSERT and DELETE without RETURNING too; DDL as well", async () => {
        const ins = await conn.execute(users.insert(), { id: 10, name: "tmp" });
        expect(() => ins.fetchall()).toThrow(new sa.exc.ResourceClosedError(NO_ROWS));
        const del = await conn.execute(users.delete().where(users.c.id.eq(10)));
        expect(del.rowcount).toBe(1);
        expect(() => del.first()).toThrow(new sa.exc.ResourceClosedError(NO_ROWS));
        await conn.rollback();
      });

      it("a DML result with RETURNING returns its rows", async () => {
        if (!conn.dialect.updateReturning) {
          // MariaDB has DELETE … RETURNING but lacks UPDATE … RETURNING: SQLAlchemy renders it and
          // the server rejects it (ProgrammingError, 1064)
          const upd = users.update().values({ nick: "y" }).where(users.c.id.le(2)).returning(users.c.id);
          await expect(conn.execute(upd)).rejects.toThrow(sa.exc.ProgrammingError);
          const del = users.delete().where(users.c.id.le(2)).returning(users.c.id, users.c.nick);
          if (conn.dialect.deleteReturning) {
            const r = await conn.execute(del);
            expect(r.all().map((row) => row._t)).toEqual([
              [1, "eddie"],
              [2, null],
            ]);
          } else {
            // MySQL proper has no RETURNING at all: the server rejects it
            await expect(conn.execute(del)).rejects.toThrow(sa.exc.ProgrammingError);
          }
          await conn.rollback();
          return;
        }
        const r = await conn.execute(
          users.update().values({ nick: "y" }).where(users.c.id.le(2)).returning(users.c.id, users.c.nick),
        );
        expect(
          r
            .all()
            .map((row) => row._t)
            .sort(),
        ).toEqual([
          [1, "y"],
          [2, "y"],
        ]);
        await conn.rollback();
      });
    });

    describe("closing", () => {
      it("close() hard-closes: every fetch raises, scalars()/mappings() views too", async () => {
        const r = await conn.execute(byId);
        const scalars = r.scalars();
        r.close();
        r.close();
        expect(r.closed).toBe(true);
        const err = new sa.exc.ResourceClosedError(CLOSED);
        expect(() => r.fetchone()).toThrow(err);
        expect(() => r.fetchmany(1)).toThrow(err);
        expect(() => r.all()).toThrow(err);
        expect(() => r.first()).toThrow(err);
        expect(() => scalars.all()).toThrow(err);
      });

      it("exhausting soft-closes: fetches return nothing instead of raising", async () => {
        const r = await conn.execute(byId);
        r.fetchall();
        expect(r.closed).toBe(false);
        expect(r.fetchmany(3)).toEqual([]);
        // as SQLAlchemy: once soft-closed, first()/scalar()/one() see no rows and close nothing
        expect(r.first()).toBeNull();
        expect(r.closed).toBe(false);
        expect(r.scalar()).toBeNull();
        expect(() => r.one()).toThrow(new sa.exc.NoResultFound("No row was found when one was required"));
        expect(r.closed).toBe(false);
        // the fetch that finds the end does hard-close
        const read = await conn.execute(byId);
        expect(read.fetchmany(PEOPLE.length)).toHaveLength(PEOPLE.length);
        expect(read.first()).toBeNull();
        expect(read.closed).toBe(true);
        // a stream likewise
        const stream = await conn.stream(byId);
        await stream.fetchall();
        expect(await stream.first()).toBeNull();
        expect(stream.closed).toBe(false);
        await stream.close();
      });
    });
  });
}
