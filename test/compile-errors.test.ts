/**
 * Compile-time and parameter errors are typed (`sa.exc.*`) and name the problem; `String()` works on
 * every kind of statement and on bare expressions.
 */
import { describe, expect, it } from "vitest";
import { mysql, postgresql, sqlite } from "../src/dialects/index.js";
import * as sa from "../src/index.js";

const meta = new sa.MetaData();
const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(30), { nullable: false }),
  new sa.Column("fullname", sa.String(50)),
  new sa.Column("data", sa.LargeBinary),
);
const addresses = new sa.Table(
  "addresses",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")),
  new sa.Column("email", sa.String(50), { nullable: false }),
);

const DIALECTS: [string, () => sa.Dialect][] = [
  ["default", () => new sa.DefaultDialect()],
  ["sqlite", () => sqlite.dialect()],
  ["postgresql", () => postgresql.dialect()],
  ["mysql", () => mysql.dialect()],
];

/** Runs `f`, expecting it to throw an instance of `cls`; returns the error. */
function caught<E extends Error>(f: () => unknown, cls: abstract new (...args: never[]) => E): E {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error, "expected an error").toBeInstanceOf(cls);
  return error as E;
}

/** Deletes newlines and tabs, as SQLAlchemy's assert_compile does. */
const flat = (s: string) => s.replace(/[\n\t]/g, "");

describe("unknown column keys in INSERT/UPDATE values raise CompileError naming the key", () => {
  it.each(DIALECTS)("INSERT values, %s", (_name, make) => {
    const e = caught(
      // @ts-expect-error an unknown key: the runtime check behind the type check
      () => sa.insert(users).values({ name: "a", nope: 1 }).compile({ dialect: make() }),
      sa.exc.CompileError,
    );
    expect(e.message).toContain("nope");
  });

  it.each(DIALECTS)("UPDATE values, %s", (_name, make) => {
    // @ts-expect-error an unknown key: the runtime check behind the type check
    const stmt = sa.update(users).where(users.c.id.eq(1)).values({ bogus_col: 1 });
    const e = caught(() => stmt.compile({ dialect: make() }), sa.exc.CompileError);
    expect(e.message).toContain("bogus_col");
  });

  it("every unknown key is named", () => {
    const e = caught(
      // @ts-expect-error an unknown key: the runtime check behind the type check
      () => sa.insert(users).values({ name: "a", nope: 1, zap: 2 }).compile(),
      sa.exc.CompileError,
    );
    expect(e.message).toContain("nope");
    expect(e.message).toContain("zap");
  });

  it("an unknown key in a later row of a multi-VALUES INSERT", () => {
    // @ts-expect-error an unknown key: the runtime check behind the type check
    const stmt = sa.insert(users).values([{ name: "a" }, { name: "b", later_key: 1 }]);
    const e = caught(() => stmt.compile({ dialect: sqlite.dialect() }), sa.exc.CompileError);
    expect(e.message).toContain("later_key");
  });

  it("extra execution keys are not columns to consume (they may feed other binds), as in SQLAlchemy", () => {
    // SQLAlchemy only reports unknown keys given to values(); parameter keys at execution can
    // belong to bindparam()s elsewhere in the statement [test_insert::test_bindparam_name_no_consume_error]
    const c = sa.insert(users).compile({ columnKeys: ["name", "param_key"] });
    expect(c.string).toBe("INSERT INTO users (name) VALUES (:name)");
    const u = sa.update(users).compile({ columnKeys: ["upd_key"] });
    expect(u.string).toBe("UPDATE users SET ");
  });

  it("String(stmt) reports the unknown key the same way", () => {
    // @ts-expect-error an unknown key: the runtime check behind the type check
    const e = caught(() => String(sa.insert(users).values({ nope: 1 })), sa.exc.CompileError);
    expect(e.message).toContain("nope");
  });

  it("CompileError is an AlkahestError and an Error", () => {
    // @ts-expect-error an unknown key: the runtime check behind the type check
    const e = caught(() => sa.insert(users).values({ nope: 1 }).compile(), sa.exc.CompileError);
    expect(e).toBeInstanceOf(sa.exc.AlkahestError);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("CompileError");
  });
});

describe("a missing bind value raises InvalidRequestError naming the bind", () => {
  const stmt = sa.select(users.c.id).where(users.c.id.eq(sa.bindparam("x")));

  it.each(DIALECTS)("constructParams({}) with a required bindparam, %s", (_name, make) => {
    const c = stmt.compile({ dialect: make() });
    const e = caught(() => c.constructParams({}), sa.exc.InvalidRequestError);
    expect(e.message).toContain("'x'");
  });

  it("constructParams(null) also checks", () => {
    const e = caught(() => stmt.compile().constructParams(null), sa.exc.InvalidRequestError);
    expect(e.message).toContain("'x'");
  });

  it("the second of two binds is named when only the first is given", () => {
    const two = sa
      .select(users.c.id)
      .where(users.c.id.eq(sa.bindparam("x")), users.c.name.eq(sa.bindparam("yname")));
    const e = caught(() => two.compile().constructParams({ x: 1 }), sa.exc.InvalidRequestError);
    expect(e.message).toContain("'yname'");
  });

  it("an expanding bindparam without a list", () => {
    const q = sa.select(users.c.id).where(users.c.id.in(sa.bindparam("ids", undefined, { expanding: true })));
    const e = caught(() => q.compile().constructParams({}), sa.exc.InvalidRequestError);
    expect(e.message).toContain("'ids'");
  });

  it("a text() bind without a value", () => {
    const e = caught(() => sa.text("SELECT :a").compile().constructParams({}), sa.exc.InvalidRequestError);
    expect(e.message).toContain("'a'");
  });

  it("given values (null included) satisfy the bind", () => {
    const c = stmt.compile();
    expect(c.constructParams({ x: 5 })).toEqual({ x: 5 });
    expect(c.constructParams({ x: null })).toEqual({ x: null });
  });

  it("compiled.params does not check (it shows the statement's own values)", () => {
    expect(stmt.compile().params).toEqual({ x: null });
  });
});

describe("values with no literal form raise CompileError under literalBinds", () => {
  const literalCompile = (stmt: sa.ClauseElement, dialect: sa.Dialect = new sa.DefaultDialect()) =>
    stmt.compile({ dialect, literalBinds: true });

  it.each([
    ["a plain object", () => sa.select(sa.literal({ a: 1 }))],
    ["an array as a scalar", () => sa.select(sa.literal([1, 2]))],
    ["a Buffer with a String type", () => sa.select(sa.literal(Buffer.from("ab"), sa.String))],
    ["a Symbol", () => sa.select(sa.literal(Symbol("q")))],
    ["a function", () => sa.select(sa.literal(() => 1))],
    ["NaN", () => sa.select(sa.literal(Number.NaN))],
    ["Infinity compared to an Integer column", () => sa.select(users.c.id).where(users.c.id.eq(Infinity))],
    [
      "an object compared to a String column",
      () => sa.select(users.c.id).where(users.c.name.eq({} as never)),
    ],
    ["an object in an IN list", () => sa.select(users.c.id).where(users.c.name.in([{} as never]))],
    // @ts-expect-error not a column value: the runtime check behind the type check
    ["an object in INSERT values", () => sa.insert(users).values({ name: { x: 1 } })],
    // @ts-expect-error not a column value: the runtime check behind the type check
    ["a Symbol in UPDATE values", () => sa.update(users).values({ name: Symbol("s") })],
  ])("%s", (_name, build) => {
    for (const [dialectName, make] of DIALECTS) {
      const e = caught(() => literalCompile(build(), make()), sa.exc.CompileError);
      expect(e.message, dialectName).toMatch(/literal/i);
    }
  });

  it("the message names the datatype", () => {
    const e = caught(
      () => literalCompile(sa.select(sa.literal(Buffer.from("ab"), sa.String))),
      sa.exc.CompileError,
    );
    expect(e.message).toContain("string");
  });

  it("a bindparam without a value renders NULL inline, as SQLAlchemy's render_literal_bindparam", () => {
    const q = sa.select(users.c.id).where(users.c.id.eq(sa.bindparam("needed")));
    expect(literalCompile(q).string.replace(/\n/g, "")).toBe(
      "SELECT users.id FROM users WHERE users.id = NULL",
    );
  });

  it("without literalBinds the same values compile (they are sent as parameters)", () => {
    expect(() => sa.select(sa.literal({ a: 1 })).compile()).not.toThrow();
    expect(() => sa.select(sa.literal(Buffer.from("ab"), sa.String)).compile()).not.toThrow();
    expect(() => sa.select(sa.literal(Symbol("q"))).compile()).not.toThrow();
  });
});

describe("an unknown paramstyle raises ArgumentError", () => {
  const bogus = "bogus_style" as unknown as sa.Paramstyle;

  it.each([
    ["DefaultDialect", () => new sa.DefaultDialect({ paramstyle: bogus })],
    ["sqlite", () => sqlite.dialect({ paramstyle: bogus })],
    ["postgresql", () => postgresql.dialect({ paramstyle: bogus })],
    ["mysql", () => mysql.dialect({ paramstyle: bogus })],
  ])("%s", (_name, make) => {
    const e = caught(make, sa.exc.ArgumentError);
    expect(e.message).toContain("bogus_style");
  });

  it("paramstyles are case-sensitive (DB-API names)", () => {
    caught(() => sqlite.dialect({ paramstyle: "QMARK" as unknown as sa.Paramstyle }), sa.exc.ArgumentError);
  });

  it.each(["qmark", "numeric", "numeric_dollar", "named", "format", "pyformat"] as const)(
    "%s is accepted",
    (ps) => {
      expect(sqlite.dialect({ paramstyle: ps }).paramstyle).toBe(ps);
    },
  );
});

describe("String(stmt) works for every kind of statement", () => {
  it("SELECT", () => {
    expect(flat(String(sa.select(users.c.id).where(users.c.id.eq(5))))).toBe(
      "SELECT users.id FROM users WHERE users.id = :id_1",
    );
  });

  it("INSERT with RETURNING", () => {
    expect(flat(String(sa.insert(users).values({ name: "x" }).returning(users.c.id)))).toBe(
      "INSERT INTO users (name) VALUES (:name) RETURNING users.id",
    );
  });

  it("multi-VALUES INSERT", () => {
    expect(flat(String(sa.insert(users).values([{ name: "x" }, { name: "y" }])))).toBe(
      "INSERT INTO users (name) VALUES (:name_m0), (:name_m1)",
    );
  });

  it("INSERT without values", () => {
    expect(flat(String(sa.insert(users)))).toBe(
      "INSERT INTO users (id, name, fullname, data) VALUES (:id, :name, :fullname, :data)",
    );
  });

  it("INSERT .. SELECT", () => {
    expect(
      flat(String(sa.insert(users).fromSelect(["id", "name"], sa.select(addresses.c.id, addresses.c.email)))),
    ).toBe("INSERT INTO users (id, name) SELECT addresses.id, addresses.email FROM addresses");
  });

  it("UPDATE .. FROM", () => {
    const stmt = sa
      .update(users)
      .values({ name: addresses.c.email })
      .where(users.c.id.eq(addresses.c.user_id));
    expect(flat(String(stmt))).toBe(
      "UPDATE users SET name=addresses.email FROM addresses WHERE users.id = addresses.user_id",
    );
  });

  it("UPDATE with RETURNING", () => {
    const stmt = sa.update(users).where(users.c.id.eq(5)).values({ name: "x" }).returning(users.c.id);
    expect(flat(String(stmt))).toBe("UPDATE users SET name=:name WHERE users.id = :id_1 RETURNING users.id");
  });

  it("DELETE", () => {
    expect(flat(String(sa.delete(users).where(users.c.id.eq(5))))).toBe(
      "DELETE FROM users WHERE users.id = :id_1",
    );
  });

  it("DELETE with RETURNING", () => {
    expect(flat(String(sa.delete(users).where(users.c.id.eq(5)).returning(users.c.id)))).toBe(
      "DELETE FROM users WHERE users.id = :id_1 RETURNING users.id",
    );
  });

  it("DELETE with another table in WHERE", () => {
    const s = flat(String(sa.delete(users).where(users.c.id.eq(addresses.c.user_id))));
    expect(s).toMatch(/^DELETE FROM users\b/);
    expect(s).toContain("addresses");
    expect(s).toContain("WHERE users.id = addresses.user_id");
  });

  it("UNION with ORDER BY and LIMIT", () => {
    const u = sa.union(sa.select(users.c.id), sa.select(addresses.c.id)).orderBy("id").limit(3);
    expect(flat(String(u))).toBe(
      "SELECT users.id FROM users UNION SELECT addresses.id FROM addresses ORDER BY id LIMIT :param_1",
    );
  });

  it("a CTE", () => {
    const c = sa.select(users.c.id).cte("c");
    expect(flat(String(sa.select(c.c.id)))).toBe(
      "WITH c AS (SELECT users.id AS id FROM users) SELECT c.id FROM c",
    );
  });

  it("SELECT .. FOR UPDATE", () => {
    expect(flat(String(sa.select(users.c.id).forUpdate()))).toBe("SELECT users.id FROM users FOR UPDATE");
  });

  it("text()", () => {
    expect(String(sa.text("SELECT :a"))).toBe("SELECT :a");
  });

  it("DDL", () => {
    expect(flat(String(new sa.CreateTable(users)))).toContain("CREATE TABLE users (");
    expect(flat(String(new sa.DropTable(users))).trim()).toBe("DROP TABLE users");
  });

  it("a PostgreSQL upsert keeps its ON CONFLICT clause", () => {
    const stmt = postgresql.insert(users).values({ name: "a" }).onConflictDoNothing();
    expect(flat(String(stmt))).toContain("ON CONFLICT DO NOTHING");
  });

  it("a SQLite upsert keeps its ON CONFLICT clause", () => {
    const stmt = sqlite.insert(users).values({ name: "a" }).onConflictDoNothing();
    expect(flat(String(stmt))).toContain("ON CONFLICT DO NOTHING");
  });

  it("a MySQL upsert keeps its ON DUPLICATE KEY UPDATE clause", () => {
    const ins = mysql.insert(users).values({ name: "a" });
    const stmt = ins.onDuplicateKeyUpdate({ name: ins.inserted.name });
    expect(flat(String(stmt))).toContain("ON DUPLICATE KEY UPDATE");
  });
});

describe("String() works for expressions", () => {
  it.each([
    ["a comparison", () => users.c.id.eq(5), "users.id = :id_1"],
    ["IS NULL", () => users.c.fullname.eq(null), "users.fullname IS NULL"],
    ["IN", () => users.c.id.in([1, 2]), "users.id IN (__[POSTCOMPILE_id_1])"],
    [
      "AND",
      () => sa.and(users.c.id.eq(1), users.c.name.eq("a")),
      "users.id = :id_1 AND users.name = :name_1",
    ],
    ["a column", () => users.c.id, "users.id"],
    ["a table", () => users, "users"],
    ["a literal", () => sa.literal(5), ":param_1"],
    ["DESC", () => users.c.id.desc(), "users.id DESC"],
    ["CAST", () => sa.cast(users.c.id, sa.String), "CAST(users.id AS VARCHAR)"],
    ["count(*)", () => sa.func.count(), "count(*)"],
    ["a label outside a columns clause", () => users.c.id.label("x"), "users.id"],
    ["ILIKE", () => users.c.name.ilike("a"), "lower(users.name) LIKE lower(:name_1)"],
    ["EXISTS", () => sa.exists(sa.select(users.c.id)), "EXISTS (SELECT users.id FROM users)"],
    ["a scalar subquery", () => sa.select(users.c.id).scalarSubquery(), "(SELECT users.id FROM users)"],
    ["a join", () => sa.join(users, addresses), "users JOIN addresses ON users.id = addresses.user_id"],
    [
      "a subquery (renders its SELECT)",
      () => sa.select(users.c.id).subquery("s"),
      "SELECT users.id FROM users",
    ],
  ])("%s", (_name, build, expected) => {
    expect(flat(String(build()))).toBe(expected);
  });

  it("template literals use the same string", () => {
    const e = users.c.id.eq(5);
    expect(`${e}`).toBe(String(e));
  });

  it("compile() works on a bare expression too", () => {
    const c = users.c.id.eq(5).compile({ dialect: sqlite.dialect() });
    expect(c.string).toBe("users.id = ?");
    expect(c.positionalParameters()).toEqual([5]);
  });
});
