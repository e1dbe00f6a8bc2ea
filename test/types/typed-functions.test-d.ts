/**
 * Type-level tests of SQL functions, CASE and scalar subqueries typed by their arguments, as
 * SQLAlchemy's ReturnTypeFromArgs and its case()/ScalarSelect typing do.
 */
import { describe, expectTypeOf, it } from "vitest";
import * as sa from "../../src/index.js";

const meta = new sa.MetaData();
const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(50), { nullable: false }),
  new sa.Column("active", sa.Boolean, { nullable: false, default: true }),
  new sa.Column("balance", sa.Numeric(10, 2), { nullable: false, default: "0" }),
  new sa.Column("nick", sa.String(20)),
);
const posts = new sa.Table(
  "posts",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("price", sa.Numeric(10, 2)),
  new sa.Column("views", sa.Integer, { nullable: false, default: 0 }),
  new sa.Column("published_at", sa.DateTime({ timezone: true })),
);

declare const conn: sa.Connection;

describe("max, min, sum and coalesce are typed by their arguments", () => {
  it("aggregates are the argument's type or null", async () => {
    const r = (
      await conn.execute(
        sa.select(
          sa.func.max(posts.c.views).label("mx"),
          sa.func.min(posts.c.published_at).label("mn"),
          sa.func.sum(users.c.balance).label("sm"),
        ),
      )
    ).one();
    expectTypeOf(r.mx).toEqualTypeOf<number | null>();
    expectTypeOf(r.mn).toEqualTypeOf<Date | null>();
    expectTypeOf(r.sm).toEqualTypeOf<string | null>();
  });

  it("coalesce is nullable only when every argument may be null", () => {
    expectTypeOf(sa.func.coalesce(posts.c.price, "0")).toEqualTypeOf<sa.FunctionElement<string>>();
    expectTypeOf(sa.func.coalesce(posts.c.price, users.c.nick)).toEqualTypeOf<
      sa.FunctionElement<string | null>
    >();
    expectTypeOf(sa.func.coalesce(posts.c.price, null)).toEqualTypeOf<sa.FunctionElement<string | null>>();
    expectTypeOf(sa.func.coalesce(posts.c.price, users.c.balance)).toEqualTypeOf<
      sa.FunctionElement<string>
    >();
  });

  it("other arguments and other functions go to the generic caller", () => {
    expectTypeOf(sa.func.max(1, 2)).toEqualTypeOf<sa.FunctionElement<unknown>>();
    expectTypeOf(sa.func.coalesce("a", posts.c.price)).toEqualTypeOf<sa.FunctionElement<unknown>>();
    expectTypeOf(sa.func.max<number>(1)).toEqualTypeOf<sa.FunctionElement<number>>();
    expectTypeOf(sa.func.my_fn(users.c.id, "x")).toEqualTypeOf<sa.FunctionElement<unknown>>();
    expectTypeOf(sa.func.max.pkg(users.c.id)).toEqualTypeOf<sa.FunctionElement<unknown>>();
    // @ts-expect-error a typed function's result is not a string
    const s: sa.FunctionElement<string> = sa.func.max(posts.c.views);
    void s;
  });
});

describe("case() is typed by its THEN and ELSE values", () => {
  it("pairs with an else", async () => {
    const st = sa.case([users.c.active, "on"], { else: "off" });
    expectTypeOf(st).toEqualTypeOf<sa.Case<string>>();
    const r = (await conn.execute(sa.select(st.label("st")))).one();
    expectTypeOf(r.st).toEqualTypeOf<string>();
  });

  it("a column as THEN value gives its type; no else adds null", () => {
    expectTypeOf(sa.case([users.c.active, users.c.name])).toEqualTypeOf<sa.Case<string | null>>();
    expectTypeOf(sa.case([users.c.active, posts.c.views], [users.c.id.gt(5), 1], { else: 0 })).toEqualTypeOf<
      sa.Case<number>
    >();
    expectTypeOf(sa.case([users.c.active, users.c.nick], { else: "-" })).toEqualTypeOf<
      sa.Case<string | null>
    >();
    expectTypeOf(sa.case([users.c.active, 1], { else: null })).toEqualTypeOf<sa.Case<number | null>>();
  });

  it("the dict form with value", () => {
    expectTypeOf(sa.case({ a: 1, b: 2 }, { value: users.c.name })).toEqualTypeOf<sa.Case<number | null>>();
    expectTypeOf(sa.case({ a: "x" }, { value: users.c.name, else: users.c.name })).toEqualTypeOf<
      sa.Case<string>
    >();
    // @ts-expect-error a string CASE is not a number
    const n: sa.Case<number> = sa.case([users.c.active, "on"], { else: "off" });
    void n;
  });
});

describe("scalar subqueries are typed by their column", () => {
  it("scalarSubquery() and label()", async () => {
    const pc = sa.select(sa.func.count()).selectFrom(posts).scalarSubquery();
    expectTypeOf(pc).toEqualTypeOf<sa.ScalarSelect<number>>();
    const mx = sa.select(sa.func.max(posts.c.views)).scalarSubquery();
    expectTypeOf(mx).toEqualTypeOf<sa.ScalarSelect<number | null>>();
    const r = (
      await conn.execute(
        sa.select(
          pc.label("pc"),
          sa.select(users.c.name).where(users.c.id.eq(1)).label("nm"),
          sa.select(users.c.nick).scalarSubquery().label("nk"),
        ),
      )
    ).one();
    expectTypeOf(r.pc).toEqualTypeOf<number>();
    expectTypeOf(r.nm).toEqualTypeOf<string>();
    expectTypeOf(r.nk).toEqualTypeOf<string | null>();
    expectTypeOf(users.c.id.eq(pc)).toEqualTypeOf<sa.ColumnElement<boolean>>();
    // @ts-expect-error a count is not a string
    const s: sa.ScalarSelect<string> = pc;
    void s;
  });

  it("untyped statements give unknown", () => {
    expectTypeOf(sa.text("select 1").columns().scalarSubquery()).toEqualTypeOf<sa.ScalarSelect<unknown>>();
  });
});
