/**
 * Type-level tests (vitest typecheck, never run) of the rows of INSERT, UPDATE and DELETE with
 * RETURNING: typed like a SELECT of the returned columns, under the columns' own keys (the
 * runtime does not rename a repeated key there: reading it throws "Ambiguous column name").
 */
import { describe, expectTypeOf, it } from "vitest";
import { postgresql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { users } from "../fixtures/tables.js";

declare const conn: sa.Connection;

describe("RETURNING rows of conn.execute()", () => {
  it("insert().returning(id) with one parameter set", async () => {
    const row = (await conn.execute(users.insert().returning(users.c.id), { name: "a" })).one();
    expectTypeOf(row.id).toEqualTypeOf<number>();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number }>();
    expectTypeOf(row._t).toEqualTypeOf<[number]>();
    expectTypeOf(row).not.toHaveProperty("name");
  });

  it("sa.insert(t).values(...).returning(id, name)", async () => {
    const q = sa.insert(users).values({ name: "a" }).returning(users.c.id, users.c.name);
    const row = (await conn.execute(q)).one();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number; name: string }>();
    expectTypeOf(row[1]).toEqualTypeOf<string>();
    expectTypeOf<sa.SelectRow<typeof q>>().toEqualTypeOf<{ id: number; name: string }>();
  });

  it("update().values().returning(name), where() before or after returning()", async () => {
    const before = users.update().where(users.c.id.eq(1)).values({ name: "x" }).returning(users.c.name);
    expectTypeOf((await conn.execute(before)).one().name).toEqualTypeOf<string>();
    const after = sa.update(users).returning(users.c.name).values({ name: "x" }).where(users.c.id.eq(1));
    expectTypeOf((await conn.execute(after)).one().name).toEqualTypeOf<string>();
  });

  it("delete().returning(id)", async () => {
    const r = await conn.execute(users.delete().where(users.c.id.eq(1)).returning(users.c.id));
    expectTypeOf(r.all()[0].id).toEqualTypeOf<number>();
    expectTypeOf(sa.delete(users).returning(users.c.id)).toMatchTypeOf<sa.Delete>();
  });

  it("returning(table) returns every column; a nullable column is `T | null`", async () => {
    const row = (await conn.execute(users.insert().values({ name: "a" }).returning(users))).one();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number; name: string; fullname: string | null }>();
    expectTypeOf(row._t).toEqualTypeOf<[number, string, string | null]>();
    const fullname = (await conn.execute(users.delete().returning(users.c.fullname))).one().fullname;
    expectTypeOf(fullname).toEqualTypeOf<string | null>();
  });

  it("a label gives its name as the key", async () => {
    const row = (await conn.execute(users.insert().returning(users.c.id.label("uid")), { name: "a" })).one();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ uid: number }>();
    expectTypeOf(row).not.toHaveProperty("id");
  });

  it("a repeated key is left out of the record (it is ambiguous) but kept in the positions", async () => {
    const same = (await conn.execute(users.delete().returning(users.c.id, users.c.id))).one();
    expectTypeOf(same._asDict()).toEqualTypeOf<{}>();
    expectTypeOf(same._t).toEqualTypeOf<[number, number]>();
    const q = users
      .update()
      .values({ name: "x" })
      .returning(users.c.id, users.c.name.label("id"), users.c.fullname);
    const row = (await conn.execute(q)).one();
    expectTypeOf(row).not.toHaveProperty("id");
    expectTypeOf(row.fullname).toEqualTypeOf<string | null>();
    expectTypeOf(row._t).toEqualTypeOf<[number, string, string | null]>();
    const withTable = (await conn.execute(users.insert().returning(users, users.c.id))).one();
    expectTypeOf(withTable._asDict()).toEqualTypeOf<{ name: string; fullname: string | null }>();
  });

  it("a further returning() adds its columns", async () => {
    const q = users.insert().values({ name: "a" }).returning(users.c.id).returning(users.c.name);
    const row = (await conn.execute(q)).one();
    expectTypeOf(row.id).toEqualTypeOf<number>();
    expectTypeOf(row.name).toEqualTypeOf<string>();
  });

  it("executemany parameters keep the row type", async () => {
    const q = users.insert().returning(users.c.id, users.c.fullname);
    const rows = (await conn.execute(q, [{ name: "a" }, { name: "b" }])).all();
    expectTypeOf(rows[0].id).toEqualTypeOf<number>();
    expectTypeOf(rows[0].fullname).toEqualTypeOf<string | null>();
  });

  it("dialect inserts keep both their methods and the row type", async () => {
    const ins = postgresql.insert(users).values({ id: 1, name: "a" });
    const q = ins
      .returning(users.c.id)
      .onConflictDoUpdate({ indexElements: ["id"], set: { name: ins.excluded.name } });
    expectTypeOf((await conn.execute(q)).one().id).toEqualTypeOf<number>();
    const q2 = ins.onConflictDoNothing().returning(users.c.name);
    expectTypeOf((await conn.execute(q2)).one().name).toEqualTypeOf<string>();
  });
});

describe("RETURNING through stream(), scalar(), scalars(), scalarOne()", () => {
  it("conn.stream() with executemany parameters", async () => {
    const r = await conn.stream(users.insert().returning(users.c.id), [{ name: "z" }]);
    expectTypeOf((await r.one()).id).toEqualTypeOf<number>();
    for await (const row of await conn.stream(users.delete().returning(users.c.id, users.c.fullname))) {
      expectTypeOf(row.fullname).toEqualTypeOf<string | null>();
    }
  });

  it("conn.scalar(), conn.scalars(), result.scalarOne()", async () => {
    expectTypeOf(await conn.scalar(users.insert().returning(users.c.id), { name: "a" })).toEqualTypeOf<
      number | null
    >();
    const names = await conn.scalars(users.update().values({ name: "x" }).returning(users.c.name));
    expectTypeOf(names.all()).toEqualTypeOf<string[]>();
    const r = await conn.execute(users.insert().returning(users.c.id, users.c.name), { name: "a" });
    expectTypeOf(r.scalarOne()).toEqualTypeOf<number>();
    expectTypeOf(r.scalars("name").all()).toEqualTypeOf<string[]>();
  });
});

describe("a CTE of DML takes its RETURNING columns", () => {
  it("moved.c.id is typed, and so are rows selected from it", async () => {
    const moved = users.delete().returning(users.c.id, users.c.fullname).cte("moved");
    expectTypeOf(moved.c.id).toEqualTypeOf<sa.ColumnClause<"id", number>>();
    const row = (await conn.execute(sa.select(moved.c.id, moved.c.fullname))).one();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number; fullname: string | null }>();
  });
});

describe("DML without RETURNING stays untyped", () => {
  it("execute() compiles, and results are sa.Result / sa.CursorResult", async () => {
    const r = await conn.execute(users.insert(), [{ name: "a" }, { name: "b" }]);
    expectTypeOf(r.rowcount).toEqualTypeOf<number>();
    expectTypeOf(r).toEqualTypeOf<sa.CursorResult>();
    const upd = await conn.execute(users.update().values({ name: "x" }));
    const logResult = (_r: sa.Result) => {};
    logResult(upd);
    expectTypeOf(users.insert().cte("c").c).toHaveProperty("anything");
  });

  it("typed RETURNING results and rows are the untyped sa.Result and sa.Row", async () => {
    const logResult = (_r: sa.Result) => {};
    const logRow = (_r: sa.Row) => {};
    const r = await conn.execute(users.insert().returning(users.c.id, users.c.fullname), { name: "a" });
    logResult(r);
    logRow(r.one());
    const asInsert: sa.Insert = users.insert().returning(users.c.id);
    expectTypeOf(asInsert).toEqualTypeOf<sa.Insert>();
  });
});

describe("the repro (probe-results/repro_typing/untyped_rows.ts)", () => {
  it("every form is typed", async () => {
    const ok: number = (await conn.execute(sa.select(users.c.id))).one().id;
    const a: number = (await conn.execute(users.insert().returning(users.c.id), { name: "a" })).one().id;
    const b: string = (await conn.execute(users.update().values({ name: "x" }).returning(users.c.name))).one()
      .name;
    const c: number = (await conn.execute(users.delete().returning(users.c.id))).one().id;
    const s: number = (await (await conn.stream(users.insert().returning(users.c.id), [{ name: "z" }])).one())
      .id;
    const t: number = (await conn.execute(sa.text("select id from users").columns(users.c.id))).one().id;
    const u: number = (await conn.execute(sa.union(sa.select(users.c.id), sa.select(users.c.id)))).one().id;
    expectTypeOf([ok, a, b, c, s, t, u]).toEqualTypeOf<(number | string)[]>();
  });
});

describe("returning() with SQLAlchemy's sortByParameterOrder", () => {
  it("keeps the row type of the columns before the options", () => {
    const meta = new sa.MetaData();
    const t = new sa.Table(
      "t_sort",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("name", sa.String),
    );
    const stmt = sa.insert(t).returning(t.c.id, t.c.name, { sortByParameterOrder: true });
    const plain = sa.insert(t).returning(t.c.id, t.c.name);
    expectTypeOf<sa.RowOfStatement<typeof stmt>>().toEqualTypeOf<sa.RowOfStatement<typeof plain>>();
    expectTypeOf<sa.RowOfStatement<typeof stmt>>().toHaveProperty("name");
  });
});
