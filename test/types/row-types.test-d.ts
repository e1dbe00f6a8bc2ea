/**
 * Type-level tests of row inference (run with `npx vitest run --typecheck.only`).
 *
 * `Select` carries its row type in the phantom `__row` field (see src/sql/selectable/row-types.ts);
 * there is no public "row of a statement" helper yet, so `RowOfStmt` below reads the phantom.
 * `sa.RowOf<[...cols]>` is the public helper that computes a row type from a column tuple.
 */
import { describe, expectTypeOf, it } from "vitest";
import * as sa from "../../src/index.js";

/** The row type of a statement, read from its phantom `__row`. */
type RowOfStmt<S extends { readonly __row?: unknown }> = NonNullable<S["__row"]>;
/** The value tuple of a statement, read from its phantom `__tuple`. */
type TupleOfStmt<S extends { readonly __tuple?: unknown }> = NonNullable<S["__tuple"]>;

const meta = new sa.MetaData();

const teams = new sa.Table(
  "teams",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("title", sa.String(40), { nullable: false }),
);

const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(50), { nullable: false, unique: true }),
  new sa.Column("nick", sa.String(50)),
  new sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id", { ondelete: "CASCADE" })),
  new sa.Column("owner_id", sa.Integer, sa.ForeignKey("teams.id"), { nullable: false }),
  new sa.Column("user_name", sa.String(30), { key: "userName", nullable: false }),
  new sa.Column("alias_name", sa.String(30), { key: "aliasName" }),
);

const kinds = new sa.Table(
  "kinds",
  meta,
  new sa.Column("id", sa.BigInteger, { primaryKey: true }),
  new sa.Column("small", sa.SmallInteger, { nullable: false }),
  new sa.Column("big", sa.BigInteger, { nullable: false }),
  new sa.Column("price", sa.Numeric(10, 2), { nullable: false }),
  new sa.Column("ratio", sa.Float, { nullable: false }),
  new sa.Column("dbl", sa.Double, { nullable: false }),
  new sa.Column("flag", sa.Boolean, { nullable: false }),
  new sa.Column("flag_n", sa.Boolean),
  new sa.Column("label", sa.String, { nullable: false }),
  new sa.Column("body", sa.Text, { nullable: false }),
  new sa.Column("uni", sa.Unicode(10), { nullable: false }),
  new sa.Column("day", sa.Date, { nullable: false }),
  new sa.Column("created", sa.DateTime({ timezone: true }), { nullable: false }),
  new sa.Column("updated", sa.DateTime),
  new sa.Column("at", sa.Time, { nullable: false }),
  new sa.Column("span", sa.Interval, { nullable: false }),
  new sa.Column("blob", sa.LargeBinary, { nullable: false }),
  new sa.Column("blob_n", sa.LargeBinary),
  new sa.Column("uid", sa.Uuid, { nullable: false }),
  new sa.Column("mood", sa.Enum("sad", "ok", "happy"), { nullable: false }),
  new sa.Column("mood_n", sa.Enum("sad", "ok", "happy", { name: "mood" })),
  new sa.Column("doc", sa.JSON),
  new sa.Column("tags", sa.ARRAY(sa.String), { nullable: false }),
);

describe("columns of a Table", () => {
  it("are typed Column<key, value> (API.md: users.c.id is Column<'id', number>)", () => {
    expectTypeOf(users.c.id).toEqualTypeOf<sa.Column<"id", number>>();
    expectTypeOf(users.c.name).toEqualTypeOf<sa.Column<"name", string>>();
    expectTypeOf(users.c.nick).toEqualTypeOf<sa.Column<"nick", string | null>>();
  });

  it("an unknown column key is a compile error", () => {
    // @ts-expect-error users has no column "nope"
    users.c.nope;
    // @ts-expect-error lookup is by key, and "user_name" is renamed to "userName"
    users.c.user_name;
  });

  it("the `key` option renames the column's key", () => {
    expectTypeOf(users.c.userName).toEqualTypeOf<sa.Column<"userName", string>>();
    expectTypeOf(users.c.aliasName).toEqualTypeOf<sa.Column<"aliasName", string | null>>();
    expectTypeOf(users.c.userName.key).toEqualTypeOf<"userName">();
  });
});

describe("select() row types", () => {
  it("select(users.c.id, users.c.name) gives { id: number; name: string }", () => {
    const stmt = sa.select(users.c.id, users.c.name);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ id: number; name: string }>();
  });

  it("sa.RowOf computes the same row from a column tuple", () => {
    expectTypeOf<sa.RowOf<[typeof users.c.id, typeof users.c.name]>>().toEqualTypeOf<{
      id: number;
      name: string;
    }>();
  });

  it("the value tuple follows the column order", () => {
    const stmt = sa.select(users.c.name, users.c.id, users.c.nick);
    expectTypeOf<TupleOfStmt<typeof stmt>>().toEqualTypeOf<readonly [string, number, string | null]>();
  });

  it("nullable columns (the default) add | null", () => {
    const stmt = sa.select(users.c.nick, users.c.team_id);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ nick: string | null; team_id: number | null }>();
  });

  it("primaryKey and nullable: false are non-null, also after schema items", () => {
    const stmt = sa.select(users.c.id, users.c.name, users.c.owner_id);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ id: number; name: string; owner_id: number }>();
  });

  it("`key` renames the row key", () => {
    const stmt = sa.select(users.c.userName, users.c.aliasName);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{
      userName: string;
      aliasName: string | null;
    }>();
  });

  it("select(users) gives every column, keyed by column key", () => {
    const stmt = sa.select(users);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{
      id: number;
      name: string;
      nick: string | null;
      team_id: number | null;
      owner_id: number;
      userName: string;
      aliasName: string | null;
    }>();
  });

  it("a table mixed with columns of another table", () => {
    const stmt = sa.select(teams, users.c.name);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ id: number; title: string; name: string }>();
  });

  it("an aliased table keeps its columns' types", () => {
    const u = users.alias("u");
    const stmt = sa.select(u.c.id, u.c.nick);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ id: number; nick: string | null }>();
    // @ts-expect-error the alias has the table's columns only
    u.c.nope;
  });

  it("labels give their name as the row key, keeping the value type", () => {
    const stmt = sa.select(
      users.c.id.label("user_id"),
      users.c.nick.label("nickname"),
      sa.label("n", users.c.name),
      sa.func.count(users.c.id).label("cnt"),
      sa.literal(5).label("five"),
    );
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{
      user_id: number;
      nickname: string | null;
      n: string;
      cnt: number;
      five: number;
    }>();
  });

  it("generative methods keep the row type", () => {
    const stmt = sa
      .select(users.c.id, users.c.name)
      .where(users.c.id.gt(5))
      .orderBy(users.c.name.desc())
      .limit(10)
      .offset(2)
      .distinct();
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ id: number; name: string }>();
  });
});

describe("value types (API.md: Schema and types)", () => {
  it("integers are numbers, BigInteger is bigint", () => {
    const stmt = sa.select(kinds.c.id, kinds.c.small, kinds.c.big);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ id: bigint; small: number; big: bigint }>();
  });

  it("Numeric is string (exact), Float and Double are numbers", () => {
    const stmt = sa.select(kinds.c.price, kinds.c.ratio, kinds.c.dbl);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ price: string; ratio: number; dbl: number }>();
  });

  it("Boolean is boolean", () => {
    const stmt = sa.select(kinds.c.flag, kinds.c.flag_n);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ flag: boolean; flag_n: boolean | null }>();
  });

  it("String, Text, Unicode are strings (bare or called)", () => {
    const stmt = sa.select(kinds.c.label, kinds.c.body, kinds.c.uni);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ label: string; body: string; uni: string }>();
  });

  it("Date and DateTime are Date (bare or called with options)", () => {
    const stmt = sa.select(kinds.c.day, kinds.c.created, kinds.c.updated);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{
      day: Date;
      created: Date;
      updated: Date | null;
    }>();
  });

  it("LargeBinary is Buffer", () => {
    const stmt = sa.select(kinds.c.blob, kinds.c.blob_n);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ blob: Buffer; blob_n: Buffer | null }>();
  });

  it("Uuid is string; Time is string; Interval is number (milliseconds)", () => {
    const stmt = sa.select(kinds.c.uid, kinds.c.at, kinds.c.span);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ uid: string; at: string; span: number }>();
  });

  it("Enum built outside the Column call is the union of its values", () => {
    const mood = sa.Enum("sad", "ok", "happy");
    const t = new sa.Table("moods", meta, new sa.Column("mood", mood, { nullable: false }));
    const stmt = sa.select(t.c.mood);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ mood: "sad" | "ok" | "happy" }>();
  });

  it("Enum given inline to Column is the union of its values", () => {
    const stmt = sa.select(kinds.c.mood);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ mood: "sad" | "ok" | "happy" }>();
  });

  it("Enum given inline with a trailing options object is the union of its values", () => {
    const stmt = sa.select(kinds.c.mood_n);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ mood_n: "sad" | "ok" | "happy" | null }>();
  });

  it("JSON is unknown", () => {
    const stmt = sa.select(kinds.c.doc);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ doc: unknown }>();
  });

  it("ARRAY(t) is an array of t's values", () => {
    const stmt = sa.select(kinds.c.tags);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ tags: string[] }>();
  });
});

describe("sa.table() / sa.column()", () => {
  const t = sa.table("mytable", sa.column("myid", sa.Integer), sa.column("name", sa.String), sa.column("x"));

  it("columns are keyed and typed; lightweight columns are always nullable", () => {
    expectTypeOf(t.c.myid.key).toEqualTypeOf<"myid">();
    const stmt = sa.select(t.c.myid, t.c.name);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ myid: number | null; name: string | null }>();
  });

  it("a column without a type has unknown values", () => {
    const stmt = sa.select(t.c.x);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{ x: unknown }>();
  });

  it("select(t) gives every column", () => {
    const stmt = sa.select(t);
    expectTypeOf<RowOfStmt<typeof stmt>>().toEqualTypeOf<{
      myid: number | null;
      name: string | null;
      x: unknown;
    }>();
  });

  it("an unknown column key is a compile error", () => {
    // @ts-expect-error mytable has no column "nope"
    t.c.nope;
  });
});

describe("operator argument types", () => {
  it("comparing a column with a value of its own type compiles", () => {
    expectTypeOf(users.c.id.eq(5)).toExtend<sa.ColumnElement<boolean>>();
    expectTypeOf(users.c.name.eq("x")).toExtend<sa.ColumnElement<boolean>>();
    expectTypeOf(users.c.nick.eq(null)).toExtend<sa.ColumnElement<boolean>>();
    expectTypeOf(users.c.id.in([1, 2])).toExtend<sa.ColumnElement<boolean>>();
    // another expression of any type is accepted (SQL decides)
    expectTypeOf(users.c.id.eq(users.c.team_id)).toExtend<sa.ColumnElement<boolean>>();
  });

  it("comparing a column with a value of another JS type is a compile error", () => {
    // @ts-expect-error id is a number column
    users.c.id.eq("x");
    // @ts-expect-error IN list members must be numbers
    users.c.id.in(["a", "b"]);
    // @ts-expect-error between bounds must be numbers
    users.c.id.between("a", "z");
    // @ts-expect-error BigInteger compares with bigint, not string
    kinds.c.big.eq("1");
  });
});
