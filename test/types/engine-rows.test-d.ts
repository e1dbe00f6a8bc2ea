/**
 * Type-level tests of the rows the engine returns (checked by `vitest --typecheck` and `tsc`,
 * never run): `conn.execute()` and `conn.stream()` carry the statement's row type into Row,
 * RowMapping, scalars() and columns().
 */
import { describe, expectTypeOf, it } from "vitest";
import * as sa from "../../src/index.js";

const meta = new sa.MetaData();
const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(50), { nullable: false }),
  new sa.Column("nick", sa.String(50)),
);

declare const conn: sa.Connection;

describe("rows of conn.execute()", () => {
  it("select(users.c.id, users.c.name) rows have id: number and name: string", async () => {
    const row = (await conn.execute(sa.select(users.c.id, users.c.name))).all()[0];
    expectTypeOf(row.id).toEqualTypeOf<number>();
    expectTypeOf(row.name).toEqualTypeOf<string>();
    expectTypeOf(row).toHaveProperty("id").toEqualTypeOf<number>();
    expectTypeOf(row).toHaveProperty("name").toEqualTypeOf<string>();
    expectTypeOf(row).not.toHaveProperty("nick");
    expectTypeOf(row._asDict()).toEqualTypeOf<{ id: number; name: string }>();
  });

  it("a nullable column is `T | null`", async () => {
    const row = (await conn.execute(sa.select(users.c.nick))).one();
    expectTypeOf(row.nick).toEqualTypeOf<string | null>();
  });

  it("first() and oneOrNone() may give null; one() does not", async () => {
    const r = await conn.execute(sa.select(users.c.id, users.c.name));
    expectTypeOf(r.first()).toEqualTypeOf<typeof row | null>();
    const row = r.one();
    expectTypeOf(row.id).toEqualTypeOf<number>();
    expectTypeOf(r.oneOrNone()).toEqualTypeOf<typeof row | null>();
  });

  it("mappings() and columns() keep the keys' types", async () => {
    const m = (await conn.execute(sa.select(users.c.id, users.c.name))).mappings().one();
    expectTypeOf(m.name).toEqualTypeOf<string>();
    expectTypeOf(m.get("id")).toEqualTypeOf<number>();
    const picked = (await conn.execute(sa.select(users.c.id, users.c.name))).columns("name").one();
    expectTypeOf(picked.name).toEqualTypeOf<string>();
    expectTypeOf(picked).not.toHaveProperty("id");
  });

  it("scalars() by key or Column gives the column's type", async () => {
    const r = await conn.execute(sa.select(users.c.id, users.c.name));
    expectTypeOf(r.scalars("name").all()).toEqualTypeOf<string[]>();
    expectTypeOf(r.scalars(users.c.id).all()).toEqualTypeOf<number[]>();
  });
});

describe("rows of conn.stream()", () => {
  it("for await yields the same typed rows", async () => {
    for await (const row of await conn.stream(sa.select(users.c.id, users.c.name))) {
      expectTypeOf(row.id).toEqualTypeOf<number>();
      expectTypeOf(row.name).toEqualTypeOf<string>();
    }
    const all = await (await conn.stream(sa.select(users.c.id, users.c.name))).all();
    expectTypeOf(all[0].name).toEqualTypeOf<string>();
    for await (const part of (await conn.stream(sa.select(users.c.id))).partitions(10)) {
      expectTypeOf(part[0].id).toEqualTypeOf<number>();
    }
    const m = await (await conn.stream(sa.select(users.c.nick))).mappings().first();
    expectTypeOf(m!.nick).toEqualTypeOf<string | null>();
  });
});
