/**
 * Type-level tests of what INSERT and UPDATE know of their table: `values()` checked against the
 * columns, `insertedPrimaryKey` typed by the primary key, and `db.fetchVal()` by the first column.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { Database } from "../../src/database/index.js";
import { postgresql, sqlite } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";

const meta = new sa.MetaData();
const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("email", sa.String(100), { nullable: false }),
  new sa.Column("balance", sa.Numeric(10, 2), { nullable: false, default: "0" }),
  new sa.Column("big", sa.BigInteger),
  new sa.Column("login_count", sa.Integer, { nullable: false, default: 0 }),
  new sa.Column("seen", sa.DateTime),
  new sa.Column("userName", sa.String, { key: "uname" }),
);
const loose = sa.table("loose", sa.column("x"), sa.column("y"));

declare const conn: sa.Connection;
declare const db: Database;
declare const reflected: sa.Table;

describe("insert().values() and update().values() check keys and value types", () => {
  it("accepts the columns' types, null where nullable, and expressions", () => {
    users.insert().values({ email: "a", balance: 1.5, big: 10n, login_count: 2, seen: new Date() });
    users.insert().values({ email: "a", balance: "1.50", big: 10, seen: null, uname: "u" });
    sa.insert(users).values({ email: users.c.email.concat("!"), login_count: sa.bindparam("n") });
    users.update().values({ login_count: sa.select(sa.func.count()).selectFrom(users).scalarSubquery() });
    sa.update(users)
      .values({ login_count: users.c.login_count.add(1) })
      .where(users.c.id.eq(1));
    users.insert().values({});
    users.insert().values([{ email: "a" }, { email: "b", login_count: 1 }]);
    users.insert().values({ email: "a" }).returning(users.c.id);
  });

  it("refuses unknown keys and wrong types", () => {
    // @ts-expect-error unknown column
    users.insert().values({ emial: "x" });
    // @ts-expect-error wrong value type
    users.update().values({ login_count: "many" });
    // @ts-expect-error not nullable
    sa.insert(users).values({ email: null });
    // @ts-expect-error the SQL name of a keyed column is not its key
    users.insert().values({ userName: "u" });
    // @ts-expect-error a bigint is not an Integer value
    users.insert().values({ login_count: 1n });
    // @ts-expect-error in a later row of a multi-row VALUES
    users.insert().values([{ email: "a" }, { login_count: "1" }]);
    // @ts-expect-error a Date column takes a Date
    sa.update(users).values({ seen: "2024-01-01" });
  });

  it("untyped tables and untyped statements accept any record", () => {
    loose.insert().values({ x: 1, y: { any: "thing" } });
    sa.update(loose).values({ x: "a" });
    reflected.insert().values({ whatever: 1 });
    sa.update(reflected).values({ whatever: 1 });
    sa.insert(sa.table("t")).values({ a: 1 });
    const untyped: sa.Insert = users.insert();
    untyped.values({ anything: 1 });
    void conn.execute(users.insert(), [{ email: "a", nope: 1 }]);
  });

  it("dialect inserts and onConflictDoUpdate's set", () => {
    const ins = postgresql.insert(users).values({ id: 1, email: "a" });
    ins.onConflictDoUpdate({ indexElements: ["id"], set: { email: ins.excluded.email, login_count: 0 } });
    // @ts-expect-error unknown column in set
    ins.onConflictDoUpdate({ indexElements: ["id"], set: { emial: "x" } });
    // @ts-expect-error unknown column
    sqlite.insert(users).values({ emial: "x" });
    sqlite.insert(users).values({ email: "x" }).onConflictDoNothing();
  });
});

describe("insertedPrimaryKey", () => {
  it("stays an untyped Row: columns are exactly API.md's Column<key, value>, which carries no primary-key flag", async () => {
    const r = await conn.execute(users.insert().values({ email: "q" }));
    expectTypeOf(r.insertedPrimaryKey![0]).toEqualTypeOf<unknown>();
    expectTypeOf(users.c.id).toEqualTypeOf<sa.Column<"id", number>>();
  });
});

describe("db.fetchVal() is typed by the statement's first column", () => {
  it("typed statements, raw SQL and other columns", async () => {
    expectTypeOf(await db.fetchVal(sa.select(users.c.login_count))).toEqualTypeOf<number | null>();
    expectTypeOf(await db.fetchVal(sa.select(users.c.seen, users.c.id))).toEqualTypeOf<Date | null>();
    expectTypeOf(await db.fetchVal("SELECT 1")).toEqualTypeOf<unknown>();
    expectTypeOf(await db.fetchVal(sa.select(users.c.seen, users.c.id), {}, 1)).toEqualTypeOf<unknown>();
    // @ts-expect-error a count is not a string
    const s: string | null = await db.fetchVal(sa.select(sa.func.count()));
    void s;
  });
});
