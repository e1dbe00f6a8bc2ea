/**
 * Type-level tests (vitest typecheck, never run) of the rows of `text().columns(...)` (typed by
 * the declared columns, keys as given) and of compound selects (typed as their first SELECT, as
 * SQLAlchemy names the result columns after it).
 */
import { describe, expectTypeOf, it } from "vitest";
import * as sa from "../../src/index.js";
import { addresses, users } from "../fixtures/tables.js";

declare const conn: sa.Connection;

describe("text().columns(...)", () => {
  it("is typed like a select of those columns", async () => {
    const row = (
      await conn.execute(sa.text("select id, fullname from users").columns(users.c.id, users.c.fullname))
    ).one();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number; fullname: string | null }>();
    expectTypeOf(row._t).toEqualTypeOf<[number, string | null]>();
  });

  it("takes sa.column(name, type), untyped sa.column(name), and a mix", async () => {
    const x = (await conn.execute(sa.text("select 1 as x").columns(sa.column("x", sa.Integer)))).one().x;
    expectTypeOf(x).toEqualTypeOf<number | null>();
    const q = sa
      .text("select id, 2 as y, 'a' as z from users")
      .columns(users.c.id, sa.column("y", sa.Integer), sa.column("z"));
    const row = (await conn.execute(q)).one();
    expectTypeOf(row.id).toEqualTypeOf<number>();
    expectTypeOf(row.y).toEqualTypeOf<number | null>();
    expectTypeOf(row.z).toEqualTypeOf<unknown>();
  });

  it("after bindparams(), and with a label", async () => {
    const q = sa
      .text("select id as uid from users where id = :a")
      .bindparams({ a: 1 })
      .columns(users.c.id.label("uid"));
    expectTypeOf((await conn.execute(q)).one()._asDict()).toEqualTypeOf<{ uid: number }>();
  });

  it("a repeated key is left out of the record (the result does not rename it)", async () => {
    const row = (
      await conn.execute(
        sa.text("select users.id, addresses.id from users, addresses").columns(users.c.id, addresses.c.id),
      )
    ).one();
    expectTypeOf(row).not.toHaveProperty("id");
    expectTypeOf(row._t).toEqualTypeOf<[number, number]>();
  });

  it("scalar(), scalars() and stream()", async () => {
    const q = sa.text("select name from users").columns(users.c.name);
    expectTypeOf(await conn.scalar(q)).toEqualTypeOf<string | null>();
    expectTypeOf((await conn.scalars(q)).all()).toEqualTypeOf<string[]>();
    expectTypeOf((await (await conn.stream(q)).one()).name).toEqualTypeOf<string>();
  });

  it("a subquery of it has typed columns (renamed like a SELECT's: id, id_1)", async () => {
    const sub = sa.text("select id, name from users").columns(users.c.id, users.c.name).subquery("s");
    expectTypeOf(sub.c.name).toEqualTypeOf<sa.ColumnClause<"name", string>>();
    const row = (await conn.execute(sa.select(sub))).one();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number; name: string }>();
    const twice = sa
      .text("select users.id, addresses.id from users, addresses")
      .columns(users.c.id, addresses.c.id)
      .subquery();
    expectTypeOf(twice.c.id_1).toEqualTypeOf<sa.ColumnClause<"id_1", number>>();
  });

  it("plain text() and a TextualSelect stay usable untyped", async () => {
    const r = await conn.execute(sa.text("select 1"));
    expectTypeOf(r.one().anything).toEqualTypeOf<unknown>();
    const logResult = (_r: sa.Result) => {};
    logResult(r);
    logResult(await conn.execute(sa.text("select id from users").columns(users.c.id)));
    const ts: sa.TextualSelect = sa.text("select id from users").columns(users.c.id);
    expectTypeOf(ts).toEqualTypeOf<sa.TextualSelect>();
  });
});

describe("compound selects", () => {
  const byId = sa.select(users.c.id);

  it("sa.union and the other functions give the first select's row", async () => {
    const row = (await conn.execute(sa.union(sa.select(users.c.id), sa.select(users.c.id)))).one();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number }>();
    for (const fn of [sa.union, sa.unionAll, sa.intersect, sa.intersectAll, sa.except, sa.exceptAll]) {
      expectTypeOf(
        (await conn.execute(fn(byId, sa.select(addresses.c.id)))).one().id,
      ).toEqualTypeOf<number>();
    }
    const r = await conn.execute(
      sa.exceptAll(
        sa.select(users.c.id, users.c.fullname),
        sa.select(addresses.c.id, addresses.c.email_address),
      ),
    );
    expectTypeOf(r.one()._asDict()).toEqualTypeOf<{ id: number; fullname: string | null }>();
  });

  it("the method forms, chained", async () => {
    const forms = [
      byId.union(sa.select(addresses.c.id)),
      byId.unionAll(sa.select(addresses.c.id)),
      byId.intersect(sa.select(addresses.c.id)),
      byId.intersectAll(sa.select(addresses.c.id)),
      byId.except(sa.select(addresses.c.id)),
      byId.exceptAll(sa.select(addresses.c.id)),
      sa.union(byId, byId).union(byId).unionAll(byId),
    ];
    for (const q of forms)
      expectTypeOf((await conn.execute(q)).one()._asDict()).toEqualTypeOf<{ id: number }>();
  });

  it("keys and types are the first select's (labels, repeated keys renamed as in a SELECT)", async () => {
    const labelled = sa.union(sa.select(users.c.id.label("a")), sa.select(addresses.c.id));
    expectTypeOf((await conn.execute(labelled)).one()._asDict()).toEqualTypeOf<{ a: number }>();
    const both = sa.union(sa.select(users.c.id, addresses.c.id), sa.select(addresses.c.id, users.c.id));
    const row = (await conn.execute(both)).one();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number; id_1: number }>();
    const textFirst = sa.union(sa.text("select id from users").columns(users.c.id), byId);
    expectTypeOf((await conn.execute(textFirst)).one().id).toEqualTypeOf<number>();
  });

  it("orderBy, limit, offset and groupBy keep the row type", async () => {
    const q = sa.union(
      sa.select(users.c.id, users.c.name),
      sa.select(addresses.c.id, addresses.c.email_address),
    );
    const ordered = q.orderBy("name").limit(5).offset(1).groupBy(users.c.id);
    expectTypeOf((await conn.execute(ordered)).one()._asDict()).toEqualTypeOf<{ id: number; name: string }>();
    expectTypeOf((await conn.execute(ordered)).one()[1]).toEqualTypeOf<string>();
  });

  it("a subquery (and a CTE) of it has typed columns", async () => {
    const sub = sa
      .union(sa.select(users.c.id, users.c.fullname), sa.select(addresses.c.id, addresses.c.email_address))
      .subquery("u");
    expectTypeOf(sub.c.fullname).toEqualTypeOf<sa.ColumnClause<"fullname", string | null>>();
    const row = (await conn.execute(sa.select(sub))).one();
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number; fullname: string | null }>();
    const cte = byId.unionAll(sa.select(addresses.c.id)).cte("c");
    expectTypeOf((await conn.execute(sa.select(cte.c.id))).one().id).toEqualTypeOf<number>();
  });

  it("scalar(), scalars(), scalarOne() and stream()", async () => {
    const q = sa.union(sa.select(users.c.name), sa.select(addresses.c.email_address));
    expectTypeOf(await conn.scalar(q)).toEqualTypeOf<string | null>();
    expectTypeOf((await conn.scalars(q)).all()).toEqualTypeOf<string[]>();
    expectTypeOf((await conn.execute(q)).scalarOne()).toEqualTypeOf<string>();
    expectTypeOf((await (await conn.stream(q)).one()).name).toEqualTypeOf<string>();
  });

  it("typed compounds are the untyped sa.CompoundSelect, their results sa.Result", async () => {
    const take = (q: sa.CompoundSelect) => q.limit(1);
    take(sa.union(byId, byId));
    take(byId.union(byId).orderBy(users.c.id));
    const logResult = (_r: sa.Result) => {};
    logResult(await conn.execute(sa.union(byId, byId)));
    const untyped: sa.CompoundSelect = sa.union(byId, byId);
    expectTypeOf((await conn.execute(untyped)).one().anything).toEqualTypeOf<unknown>();
  });
});
