/**
 * Binds the server must type by themselves. pg sends every value as untyped text, so on
 * PostgreSQL a bind carries its type's cast (SQLAlchemy's RENDER_CASTS, as its asyncpg and
 * psycopg dialects render it): `$1::INTEGER + $2::INTEGER` instead of "operator is not unique:
 * unknown + unknown". Each case compiles (the pg text is asserted) and runs on every database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresql } from "../../../src/dialects/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("bindtyping");
const norm = (sql: string) => sql.replace(/\s+/g, " ").trim();

/** A string type stored as its impl, upper-cased on the way in. */
class Shout extends sa.TypeDecorator<string, string> {
  readonly impl = sa.String(30);
  static cacheOk = true;
  override processBindParam(value: string | null): string | null {
    return value === null ? null : value.toUpperCase();
  }
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const isPg = d.name === "postgresql";
    let engine: sa.Engine;
    const meta = new sa.MetaData();
    const mood = sa.Enum("sad", "ok", "happy", { name: "bt_mood" });
    const people = new sa.Table(
      "bt_people",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
      new sa.Column("name", sa.String(20)),
      new sa.Column("mood", mood),
      new sa.Column("shout", new Shout()),
      new sa.Column("price", sa.Numeric(10, 2)),
      new sa.Column("seen", sa.DateTime({ timezone: true })),
    );

    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
        await conn.execute(people.insert(), [
          {
            id: 1,
            name: "ann",
            mood: "ok",
            shout: "hi",
            price: "1.50",
            seen: new Date("2024-01-02T03:04:05Z"),
          },
          {
            id: 2,
            name: "bob",
            mood: "happy",
            shout: "yo",
            price: "20.00",
            seen: new Date("2024-02-03T04:05:06Z"),
          },
        ]);
      });
    });
    afterAll(async () => {
      await engine.begin((conn) => meta.dropAll(conn));
      await engine.dispose();
    });

    /** Compiles `q` for the engine (pg's text checked when given) and returns its scalar. */
    async function scalarOf(q: Parameters<sa.Connection["scalar"]>[0], pgSql?: string): Promise<unknown> {
      if (isPg && pgSql !== undefined)
        expect(norm(String(q.compile({ dialect: engine.dialect })))).toBe(pgSql);
      return engine.connect((conn) => conn.scalar(q));
    }

    it("arithmetic on two binds: each carries its type", async () => {
      const q = sa.select(sa.literal(1).add(sa.literal(2)));
      expect(await scalarOf(q, "SELECT $1::INTEGER + $2::INTEGER AS anon_1")).toBe(3);
      const b = sa.select(sa.bindparam("x", 3).mul(2));
      expect(await scalarOf(b, "SELECT $1::INTEGER * $2::INTEGER AS anon_1")).toBe(6);
    });

    it("an aggregate or function of binds reads back as the bind's type", async () => {
      const sum = sa.select(sa.func.sum(sa.literal(3)));
      expect(await scalarOf(sum, "SELECT sum($1::INTEGER) AS sum_1")).toBe(3);
      const co = sa.select(sa.func.coalesce(sa.null(), sa.literal(4)));
      expect(await scalarOf(co, "SELECT coalesce(NULL, $1::INTEGER) AS coalesce_1")).toBe(4);
      const js = sa.select(sa.literal({ a: [1, 2] }, sa.JSON));
      expect(await scalarOf(js, "SELECT $1::JSON AS anon_1")).toEqual({ a: [1, 2] });
      expect(await scalarOf(sa.select(sa.literal(true)), "SELECT $1::BOOLEAN AS anon_1")).toBe(true);
    });

    it("comparisons and IN lists cast each element; untyped binds stay uncast", async () => {
      const q = sa
        .select(sa.func.count())
        .selectFrom(people)
        .where(people.c.id.in([1, 2, 3]), people.c.name.ne(sa.bindparam("who")));
      if (isPg) {
        const c = q.compile({ dialect: engine.dialect, renderPostcompile: true, columnKeys: [] });
        expect(norm(c.string)).toBe(
          "SELECT count(*) AS count_1 FROM bt_people WHERE bt_people.id IN ($2::INTEGER, $3::INTEGER, $4::INTEGER) AND bt_people.name != $1::VARCHAR",
        );
      }
      expect(await engine.connect((conn) => conn.scalar(q, { who: "bob" }))).toBe(1);
      const seen: string[] = [];
      const spy = (_c: unknown, _cur: unknown, statement: string) => {
        seen.push(norm(statement));
      };
      sa.event.listen(engine, "before_cursor_execute", spy);
      const pairs = sa
        .select(people.c.id)
        .where(
          sa.tuple(people.c.id, people.c.name).in([
            [1, "ann"],
            [2, "nobody"],
          ]),
        )
        .orderBy(people.c.id);
      expect(await engine.connect((conn) => conn.scalars(pairs)).then((r) => r.all())).toEqual([1]);
      const untyped = sa.text("SELECT name FROM bt_people WHERE id = :id");
      expect(await engine.connect((conn) => conn.scalar(untyped, { id: 2 }))).toBe("bob");
      sa.event.remove(engine, "before_cursor_execute", spy);
      if (isPg) {
        expect(seen[0]).toContain(
          "WHERE (bt_people.id, bt_people.name) IN (($1::INTEGER, $2::VARCHAR), ($3::INTEGER, $4::VARCHAR))",
        );
        expect(seen[1]).toBe("SELECT name FROM bt_people WHERE id = $1");
      }
    });

    it("an enum binds as its named type, a TypeDecorator as its impl, Numeric unrounded", async () => {
      const q = sa
        .select(people.c.id)
        .where(people.c.mood.eq("happy"), people.c.shout.eq("yo"), people.c.price.gt("19.999"));
      if (isPg) {
        expect(norm(String(q.compile({ dialect: engine.dialect })))).toBe(
          "SELECT bt_people.id FROM bt_people WHERE bt_people.mood = $1::bt_mood AND bt_people.shout = $2::VARCHAR AND bt_people.price > $3::NUMERIC",
        );
      }
      expect(await engine.connect((conn) => conn.scalars(q)).then((r) => r.all())).toEqual([2]);
    });

    it("a DateTime bind compared with a timestamptz column keeps its instant", async () => {
      const q = sa.select(people.c.id).where(people.c.seen.gt(new Date("2024-01-02T03:04:04.500Z")));
      if (isPg) {
        expect(norm(String(q.compile({ dialect: engine.dialect })))).toBe(
          "SELECT bt_people.id FROM bt_people WHERE bt_people.seen > $1::TIMESTAMP WITH TIME ZONE",
        );
      }
      expect(
        await engine.connect((conn) => conn.scalars(q.orderBy(people.c.id))).then((r) => r.all()),
      ).toEqual([1, 2]);
    });

    it.skipIf(!isPg)("PostgreSQL ARRAY binds cast to the array type (ARRAY is PostgreSQL's)", async () => {
      const q = sa.select(sa.func.array_length(sa.literal([4, 5, 6], sa.ARRAY(sa.Integer)), 1));
      expect(await scalarOf(q, "SELECT array_length($1::INTEGER[], $2::INTEGER) AS array_length_1")).toBe(3);
    });
  });
}

describe("offline PostgreSQL compiles", () => {
  it("cast only JSON, JSONB, ARRAY and UUID binds, as SQLAlchemy's postgresql dialect (psycopg2)", () => {
    const t = sa.table(
      "t",
      sa.column("u", sa.Uuid),
      sa.column("j", sa.JSON),
      sa.column("a", sa.ARRAY(sa.String(20))),
      sa.column("h", sa.Uuid({ nativeUuid: false })),
      sa.column("x", sa.Integer),
    );
    const pg = postgresql.dialect();
    const u = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
    expect(norm(String(sa.insert(t).values({ u, j: {}, x: 1 }).compile({ dialect: pg })))).toBe(
      "INSERT INTO t (u, j, x) VALUES (%(u)s::UUID, %(j)s::JSON, %(x)s)",
    );
    expect(norm(String(sa.update(t).values({ j: {} }).where(t.c.u.eq(u)).compile({ dialect: pg })))).toBe(
      "UPDATE t SET j=%(j)s::JSON WHERE t.u = %(u_1)s::UUID",
    );
    expect(norm(String(t.c.a.eq(["x"]).compile({ dialect: pg })))).toBe("t.a = %(a_1)s::VARCHAR(20)[]");
    expect(norm(String(t.c.h.eq(u).compile({ dialect: pg })))).toBe("t.h = %(h_1)s");
    expect(norm(String(t.c.u.in([u]).compile({ dialect: pg, renderPostcompile: true })))).toBe(
      "t.u IN (%(u_1_1)s::UUID)",
    );
  });

  it("render no other casts: SQLAlchemy's postgresql dialect (psycopg2) types nothing else in the SQL", () => {
    const q = sa.select(sa.literal(1).add(sa.literal(2)));
    expect(norm(String(q.compile({ dialect: postgresql.dialect() })))).toBe(
      "SELECT %(param_1)s + %(param_2)s AS anon_1",
    );
    expect(norm(String(q.compile({ dialect: postgresql.dialect({ paramstyle: "numeric_dollar" }) })))).toBe(
      "SELECT $1 + $2 AS anon_1",
    );
  });
});
