/**
 * The compiled forms the differential run against SQLAlchemy 2.0.54 checks (test/compile/
 * differential.test.ts and the other golden files) also have to run: a sample of operators,
 * functions, window frames, compound selects, CTEs, DML and upserts executed on every real
 * database, with the rows they return.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysql, postgresql, sqlite } from "../../../src/dialects/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("sqlconstructs");

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const isPg = d.name === "postgresql";
    const isMy = d.name === "mysql";
    const isLite = d.name === "sqlite";
    let engine: sa.Engine;
    const meta = new sa.MetaData();
    const teams = new sa.Table(
      "teams",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("name", sa.String(30)),
    );
    const users = new sa.Table(
      "users",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("name", sa.String(50), { nullable: false, unique: true }),
      new sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id")),
      new sa.Column("bits", sa.Integer),
      new sa.Column("tag", sa.String(20), { default: "x", onupdate: "y" }),
    );
    // reserved words and mixed case, quoted by each dialect's rules
    const order = new sa.Table(
      "order",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("select", sa.String(20)),
      new sa.Column("MixedCase", sa.Integer),
    );
    const u = users.c;
    const tm = teams.c;
    type AnyRow = Record<string, unknown> & Iterable<unknown>;
    const all = async (q: sa.Compilable): Promise<AnyRow[]> =>
      engine.connect(async (conn) => (await conn.execute(q as never)).all() as unknown as AnyRow[]);
    const col0 = async (q: sa.Compilable) => (await all(q)).map((r) => [...r][0]);

    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
        await conn.execute(teams.insert(), [
          { id: 1, name: "red" },
          { id: 2, name: "blue" },
          { id: 3, name: "green" },
        ]);
        await conn.execute(users.insert(), [
          { id: 1, name: "ann", team_id: 1, bits: 6 },
          { id: 2, name: "bob", team_id: 1, bits: 3 },
          { id: 3, name: "cy", team_id: 2, bits: null },
          { id: 4, name: "dee", team_id: null, bits: 1 },
          { id: 5, name: "a%b_c", team_id: 3, bits: 0 },
        ]);
      });
    });
    afterAll(async () => {
      await engine?.begin(async (conn) => meta.dropAll(conn));
      await engine?.dispose();
    });

    it("LIKE operators escape their wildcards with autoescape", async () => {
      const ids = (cond: sa.ColumnElement<boolean>) => col0(sa.select(u.id).where(cond).orderBy(u.id));
      expect(await ids(u.name.contains("%", { autoescape: true }))).toEqual([5]);
      expect(await ids(u.name.startsWith("a%", { autoescape: true }))).toEqual([5]);
      expect(await ids(u.name.endsWith("_c", { autoescape: true }))).toEqual([5]);
      expect(await ids(u.name.contains("b"))).toEqual([2, 5]);
      expect(await ids(sa.not(u.name.like("%b%")))).toEqual([1, 3, 4]);
    });

    it("IN forms: lists, empty lists, tuples, subqueries, expanding bindparams", async () => {
      const ids = (cond: sa.ColumnElement<boolean>) => col0(sa.select(u.id).where(cond).orderBy(u.id));
      expect(await ids(u.id.in([2, 4]))).toEqual([2, 4]);
      expect(await ids(u.id.notIn([2, 4]))).toEqual([1, 3, 5]);
      expect(await ids(u.id.in([]))).toEqual([]);
      expect(await ids(u.id.notIn([]))).toEqual([1, 2, 3, 4, 5]);
      expect(
        await ids(
          sa.tuple(u.id, u.name).in([
            [1, "ann"],
            [3, "zz"],
          ] as never),
        ),
      ).toEqual([1]);
      expect(await ids(sa.tuple(u.id, u.name).in([]))).toEqual([]);
      expect(await ids(sa.tuple(u.id, u.name).notIn([]))).toEqual([1, 2, 3, 4, 5]);
      expect(await ids(u.team_id.in(sa.select(tm.id).where(tm.name.ne("red"))))).toEqual([3, 5]);
      const q = sa
        .select(u.id)
        .where(u.id.in(sa.bindparam("ids", undefined, { expanding: true })))
        .orderBy(u.id);
      const rows = await engine.connect(async (conn) => (await conn.execute(q, { ids: [5, 1] })).all());
      expect(rows.map((r) => r.id)).toEqual([1, 5]);
    });

    it("comparison operators, NULL tests and BETWEEN", async () => {
      const ids = (cond: sa.ColumnElement<boolean>) => col0(sa.select(u.id).where(cond).orderBy(u.id));
      expect(await ids(u.team_id.isDistinctFrom(1))).toEqual([3, 4, 5]);
      expect(await ids(u.team_id.isNotDistinctFrom(null))).toEqual([4]);
      expect(await ids(u.team_id.eq(null))).toEqual([4]);
      expect(await ids(u.id.between(2, 3))).toEqual([2, 3]);
      expect(await ids(sa.and(u.id.gt(1), sa.or(u.team_id.eq(1), u.team_id.eq(3))))).toEqual([2, 5]);
    });

    it("arithmetic, negation, bitwise XOR, concatenation, CASE, CAST", async () => {
      const [row] = await all(
        sa
          .select(
            u.id.neg(),
            u.bits.bitwiseXor(3).label("x"),
            u.name.add("!").label("bang"),
            u.name.concat(sa.literal("?")).label("q"),
            sa.case([u.id.eq(1), "one"], { else: "other" }).label("c"),
            sa.cast(u.id, sa.String(10)).label("s"),
            u.id.add(1).mul(2).label("m"),
          )
          .where(u.id.eq(1)),
      );
      expect([...row]).toEqual([-1, 5, "ann!", "ann?", "one", "1", 4]);
      // a negated column is keyed by the column's name, as SQLAlchemy's result keys
      expect(
        await engine.connect(async (conn) => (await conn.execute(sa.select(u.id.neg()))).keys()),
      ).toEqual(["id"]);
    });

    it("functions: count, coalesce, char_length, window functions with bound frames", async () => {
      const [row] = await all(
        sa.select(
          sa.func.count(),
          sa.func.count(sa.distinct(u.team_id)),
          sa.func.max(sa.func.char_length(u.name)),
        ),
      );
      expect([...row].map(Number)).toEqual([5, 3, 5]);
      expect(await col0(sa.select(sa.func.coalesce(u.team_id, 0)).orderBy(u.id))).toEqual([1, 1, 2, 0, 3]);
      const w = await all(
        sa
          .select(
            u.id,
            sa.func.row_number().over({ partitionBy: u.team_id, orderBy: u.id.desc() }).label("rn"),
            sa.func
              .sum(u.id)
              .over({ orderBy: u.id, rows: [-1, 0] })
              .label("s"),
          )
          .orderBy(u.id),
      );
      expect(w.map((r) => [r.id, Number(r.rn), Number(r.s)])).toEqual([
        [1, 2, 1],
        [2, 1, 3],
        [3, 1, 5],
        [4, 1, 7],
        [5, 1, 9],
      ]);
    });

    it("aggregate_strings in each dialect's spelling", async () => {
      const [agg] = await col0(sa.select(sa.func.aggregate_strings(u.name, ",")).where(u.team_id.eq(1)));
      expect(String(agg).split(",").sort()).toEqual(["ann", "bob"]);
    });

    it("GROUP BY / HAVING / ORDER BY a label name, LIMIT and OFFSET", async () => {
      const rows = await all(
        sa
          .select(u.team_id, sa.func.count().label("n"))
          .where(u.team_id.isNot(null))
          .groupBy(u.team_id)
          .having(sa.func.count().ge(1))
          .orderBy(sa.desc("n"), u.team_id),
      );
      expect(rows.map((r) => [r.team_id, Number(r.n)])).toEqual([
        [1, 2],
        [2, 1],
        [3, 1],
      ]);
      expect(await col0(sa.select(u.id).orderBy(u.id).limit(2).offset(1))).toEqual([2, 3]);
      expect(await col0(sa.select(u.id).orderBy(u.id).offset(3))).toEqual([4, 5]);
    });

    it("FETCH FIRST runs where the database has it and is refused by the others", async () => {
      const q = sa.select(u.id).orderBy(u.id).offset(1).fetch(2);
      // MariaDB has OFFSET … FETCH since 10.6; SQLite has none and rejects the statement
      if (!isLite) expect(await col0(q)).toEqual([2, 3]);
      else await expect(col0(q)).rejects.toThrow(sa.exc.DBAPIError);
    });

    it("compound selects with ORDER BY / LIMIT, nested, as a subquery", async () => {
      const a = sa.select(u.id).where(u.id.le(2));
      const b = sa.select(tm.id).where(tm.id.ge(2));
      expect(await col0(sa.union(a, b).orderBy("id"))).toEqual([1, 2, 3]);
      expect(await col0(sa.unionAll(a, b).orderBy("id").limit(3))).toEqual([1, 2, 2]);
      expect(await col0(sa.intersect(a, b))).toEqual([2]);
      expect(await col0(sa.except(a, b))).toEqual([1]);
      const sq = sa.union(a, b).subquery();
      expect((await col0(sa.select(sa.func.count()).selectFrom(sq))).map(Number)).toEqual([3]);
    });

    it("CTEs: plain, recursive, used by an INSERT", async () => {
      const c1 = sa.select(u.id, u.name).where(u.team_id.eq(1)).cte("c1");
      expect(await col0(sa.select(c1.c.name).orderBy(c1.c.id))).toEqual(["ann", "bob"]);
      const base = sa.select(sa.literal(1).label("n")).cte("cnt", { recursive: true });
      const rec = base.unionAll(sa.select(base.c.n.add(1)).where(base.c.n.lt(4)));
      expect((await col0(sa.select(rec.c.n).orderBy(rec.c.n))).map(Number)).toEqual([1, 2, 3, 4]);
    });

    it("correlated EXISTS and scalar subqueries", async () => {
      const has = sa.exists(sa.select(u.id).where(u.team_id.eq(tm.id)));
      expect(await col0(sa.select(tm.name).where(has).orderBy(tm.id))).toEqual(["red", "blue", "green"]);
      const cnt = sa.select(sa.func.count(u.id)).where(u.team_id.eq(tm.id)).scalarSubquery();
      const rows = await all(sa.select(tm.name, cnt.label("n")).orderBy(tm.id));
      expect(rows.map((r) => [r.name, Number(r.n)])).toEqual([
        ["red", 2],
        ["blue", 1],
        ["green", 1],
      ]);
    });

    it("reserved and mixed-case names are quoted", async () => {
      await engine.begin(async (conn) => {
        await conn.execute(order.insert().values({ id: 1, select: "s", MixedCase: 7 }));
        const upd = await conn.execute(order.update().where(order.c.select.eq("s")).values({ MixedCase: 8 }));
        expect(upd.rowcount).toBe(1);
        const rows = (await conn.execute(sa.select(order.alias("user")))).all();
        expect(rows.map((r) => [r.id, r.select, r.MixedCase])).toEqual([[1, "s", 8]]);
        await conn.execute(order.delete());
      });
    });

    it("INSERT from SELECT, multi-VALUES, UPDATE with a correlated subquery and FROM, DELETE with another table", async () => {
      await engine.begin(async (conn) => {
        const tmp = new sa.Table(
          "tmp_names",
          new sa.MetaData(),
          new sa.Column("id", sa.Integer),
          new sa.Column("name", sa.String(50)),
        );
        await conn.runSync((c) => tmp.create(c as never));
        try {
          await conn.execute(
            sa.insert(tmp).fromSelect(["id", "name"], sa.select(u.id, u.name).where(u.id.le(2))),
          );
          await conn.execute(
            sa.insert(tmp).values([
              { id: 8, name: "h" },
              { id: 9, name: "i" },
            ]),
          );
          expect(Number((await conn.execute(sa.select(sa.func.count()).selectFrom(tmp))).scalar())).toBe(4);
          await conn.execute(
            sa
              .update(tmp)
              .values({ name: sa.select(tm.name).where(tm.id.eq(tmp.c.id)).scalarSubquery() })
              .where(tmp.c.id.le(2)),
          );
          expect((await conn.execute(sa.select(tmp.c.name).orderBy(tmp.c.id))).scalars().all()).toEqual([
            "red",
            "blue",
            "h",
            "i",
          ]);
          await conn.execute(sa.update(tmp).where(tmp.c.id.eq(u.id)).values({ name: u.name }));
          expect((await conn.execute(sa.select(tmp.c.name).orderBy(tmp.c.id))).scalars().all()).toEqual([
            "ann",
            "bob",
            "h",
            "i",
          ]);
          if (!isLite) {
            const del = await conn.execute(sa.delete(tmp).where(tmp.c.id.eq(u.id)).where(u.team_id.eq(1)));
            expect(del.rowcount).toBe(2);
          }
        } finally {
          await conn.runSync((c) => tmp.drop(c as never));
        }
      });
    });

    it("RETURNING where the database has it", async () => {
      await engine.begin(async (conn) => {
        const nested = await conn.beginNested();
        const ins = sa
          .insert(teams)
          .values({ id: 10, name: "ten" })
          .returning(tm.id, tm.name.add("!").label("bang"));
        const r = (await conn.execute(ins)).all();
        expect(r.map((x) => [x.id, x.bang])).toEqual([[10, "ten!"]]);
        await nested.rollback();
      });
    });

    it("upserts: ON CONFLICT DO NOTHING / DO UPDATE with excluded, ON DUPLICATE KEY UPDATE with inserted", async () => {
      await engine.begin(async (conn) => {
        if (isMy) {
          const ins = mysql.insert(teams).values({ id: 1, name: "RED" });
          await conn.execute(ins.onDuplicateKeyUpdate({ name: ins.inserted.name }));
        } else {
          const make = isPg ? postgresql.insert : sqlite.insert;
          await conn.execute(
            make(teams)
              .values({ id: 2, name: "x" })
              .onConflictDoNothing({ indexElements: ["id"] }),
          );
          const ins = make(teams).values({ id: 1, name: "RED" });
          await conn.execute(
            ins.onConflictDoUpdate({
              indexElements: [tm.id],
              set: { name: ins.excluded.name },
              where: tm.name.ne(ins.excluded.name),
            }),
          );
        }
        expect((await conn.execute(sa.select(tm.name).orderBy(tm.id))).scalars().all()).toEqual([
          "RED",
          "blue",
          "green",
        ]);
        await conn.execute(sa.update(teams).where(tm.id.eq(1)).values({ name: "red" }));
      });
    });

    it("an upsert of another dialect is refused before it reaches the database", async () => {
      const foreign = isMy
        ? postgresql.insert(teams).values({ id: 1, name: "z" }).onConflictDoNothing()
        : mysql.insert(teams).values({ id: 1, name: "z" }).onDuplicateKeyUpdate({ name: "z" });
      await expect(engine.connect(async (conn) => conn.execute(foreign))).rejects.toThrow(
        sa.exc.CompileError,
      );
    });

    it("text() with bound and expanding parameters", async () => {
      const q = sa
        .text("SELECT name FROM users WHERE id IN :ids AND name <> :skip ORDER BY id")
        .bindparams(sa.bindparam("ids", [1, 2, 3], { expanding: true }), { skip: "bob" });
      expect(await col0(q)).toEqual(["ann", "cy"]);
    });

    it("regular expressions (SQLite: the adapter's regexp(), flags inline as with pysqlite)", async () => {
      expect(await col0(sa.select(u.id).where(u.name.regexpMatch("^[ab]")).orderBy(u.id))).toEqual([1, 2, 5]);
      const insensitive = isLite ? u.name.regexpMatch("(?i)^A") : u.name.regexpMatch("^A", "i");
      expect(await col0(sa.select(u.id).where(insensitive).orderBy(u.id))).toEqual([1, 5]);
      expect(
        await col0(
          sa
            .select(u.id)
            .where(sa.not(u.name.regexpMatch("^[ab]")))
            .orderBy(u.id),
        ),
      ).not.toContain(1);
    });

    it("whole numbers bind as integers: floor division of integers floors", async () => {
      expect(Number(await col0(sa.select(sa.literal(7, sa.Integer).floordiv(2))).then((r) => r[0]))).toBe(3);
      expect(await col0(sa.select(u.id.floordiv(2)).where(u.id.eq(5)))).toEqual([2]);
    });
  });
}
