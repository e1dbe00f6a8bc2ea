/**
 * Golden compile cases for the SQLite dialect (qmark paramstyle).
 *
 * Expected SQL is SQLAlchemy 2.0's output for the same construct; where a case has no upstream
 * test of its own, the bracketed reference names the SQLAlchemy source that produces it.
 */
import { describe, it } from "vitest";
import { sqlite } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { table1, table2, users } from "../fixtures/tables.js";
import { assertCompile } from "../helpers/compile.js";

const SQLITE = { dialect: "sqlite" } as const;

/** The `users` table SQLite's on-conflict tests use: just `id` and `name`. */
function conflictUsers() {
  return new sa.Table(
    "users",
    new sa.MetaData(),
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("name", sa.String(50)),
  );
}

describe("sqlite: LIMIT / OFFSET", () => {
  it("renders LIMIT ? OFFSET ? for limit plus offset [sqlite/base.py::SQLiteCompiler.limit_clause]", () => {
    assertCompile(
      sa.select(table1).limit(10).offset(20),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable LIMIT ? OFFSET ?",
      { ...SQLITE, positional: [10, 20] },
    );
  });

  it("adds OFFSET 0 as a bound parameter when only limit is given [sqlite/base.py::SQLiteCompiler.limit_clause]", () => {
    assertCompile(
      sa.select(table1).limit(10),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable LIMIT ? OFFSET ?",
      { ...SQLITE, positional: [10, 0] },
    );
  });

  it("binds LIMIT -1 when only offset is given [sqlite/base.py::SQLiteCompiler.limit_clause]", () => {
    assertCompile(
      sa.select(table1).offset(20),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable LIMIT ? OFFSET ?",
      { ...SQLITE, positional: [-1, 20] },
    );
  });
});

describe("sqlite: expressions", () => {
  it("renders true and false as 1 and 0 [sqlite/test_compiler::SQLTest::test_true_false]", () => {
    assertCompile(sa.false(), "0", { ...SQLITE, positional: [] });
    assertCompile(sa.true(), "1", { ...SQLITE, positional: [] });
  });

  it("renders IS DISTINCT FROM as IS NOT [sqlite/test_compiler::SQLTest::test_is_distinct_from]", () => {
    assertCompile(sa.column("x").isDistinctFrom(null), "x IS NOT NULL", { ...SQLITE, positional: [] });
    assertCompile(sa.column("x", sa.Integer).isDistinctFrom(5), "x IS NOT ?", { ...SQLITE, positional: [5] });
  });

  it("renders now() as CURRENT_TIMESTAMP [sqlite/base.py::SQLiteCompiler.visit_now_func]", () => {
    assertCompile(sa.select(sa.func.now()), "SELECT CURRENT_TIMESTAMP AS now_1", {
      ...SQLITE,
      positional: [],
    });
  });

  it("renders localtimestamp() with DATETIME(..., 'localtime') [sqlite/test_compiler::SQLTest::test_localtime]", () => {
    assertCompile(sa.func.localtimestamp(), "DATETIME(CURRENT_TIMESTAMP, 'localtime')", {
      ...SQLITE,
      positional: [],
    });
  });

  it("renders extract() as CAST(STRFTIME(...) AS INTEGER) [sqlite/test_compiler::SQLTest::test_extract]", () => {
    const t = sa.table("t", sa.column("col1"));
    assertCompile(
      sa.select(sa.extract("month", t.c.col1)),
      "SELECT CAST(STRFTIME('%m', t.col1) AS INTEGER) AS anon_1 FROM t",
      { ...SQLITE, positional: [] },
    );
    assertCompile(
      sa.select(sa.extract("dow", t.c.col1)),
      "SELECT CAST(STRFTIME('%w', t.col1) AS INTEGER) AS anon_1 FROM t",
      { ...SQLITE, positional: [] },
    );
  });

  it("renders true division as a / (b + 0.0) and floor division as a / b [sqlite/base.py::SQLiteCompiler.visit_truediv_binary]", () => {
    const t = sa.table("t", sa.column("a", sa.Integer), sa.column("b", sa.Integer));
    assertCompile(t.c.a.div(t.c.b), "t.a / (t.b + 0.0)", { ...SQLITE, positional: [] });
    assertCompile(t.c.a.floordiv(t.c.b), "t.a / t.b", { ...SQLITE, positional: [] });
  });

  it("renders ilike as lower() LIKE lower() [sql/test_operators::LikeTest::test_ilike]", () => {
    assertCompile(table1.c.name.ilike("%x%"), "lower(mytable.name) LIKE lower(?)", {
      ...SQLITE,
      positional: ["%x%"],
    });
  });

  it("renders contains and startsWith with || concatenation [sql/test_operators::ComposedLikeOperatorsTest::test_contains]", () => {
    assertCompile(table1.c.name.contains("x"), "mytable.name LIKE '%' || ? || '%'", {
      ...SQLITE,
      positional: ["x"],
    });
    assertCompile(table1.c.name.startsWith("x"), "mytable.name LIKE ? || '%'", {
      ...SQLITE,
      positional: ["x"],
    });
  });

  it("renders an empty IN as a subquery that selects nothing [sqlite/base.py::SQLiteCompiler.visit_empty_set_op_expr]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.in([])),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid IN (SELECT 1 FROM (SELECT 1) WHERE 1!=1)",
      { ...SQLITE, renderPostcompile: true, positional: [] },
    );
  });

  it("expands an IN list into one ? per value with renderPostcompile [sql/compiler.py::SQLCompiler._literal_execute_expanding_parameter]", () => {
    assertCompile(table1.c.myid.in([1, 2, 3]), "mytable.myid IN (?, ?, ?)", {
      ...SQLITE,
      renderPostcompile: true,
      positional: [1, 2, 3],
    });
  });

  it("renders a tuple IN list with VALUES [sqlite/test_compiler::SQLTest::test_in_tuple]", () => {
    assertCompile(
      sa.tuple(sa.column("q", sa.Integer), sa.column("p", sa.Integer)).in([
        [1, 2],
        [3, 4],
      ]),
      "(q, p) IN (VALUES (?, ?), (?, ?))",
      { ...SQLITE, renderPostcompile: true, positional: [1, 2, 3, 4] },
    );
  });

  it("renders nothing for forUpdate() [sqlite/base.py::SQLiteCompiler.for_update_clause]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)).forUpdate(),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable WHERE mytable.myid = ?",
      { ...SQLITE, positional: [7] },
    );
  });
});

describe("sqlite: DML", () => {
  it("renders RETURNING columns unqualified on INSERT [sqlite/base.py::SQLiteCompiler.returning_clause]", () => {
    assertCompile(
      sa.insert(users).values({ name: "x" }).returning(users.c.id, users.c.name),
      "INSERT INTO users (name) VALUES (?) RETURNING id, name",
      { ...SQLITE, positional: ["x"] },
    );
  });

  it("renders RETURNING columns unqualified on UPDATE and DELETE [sqlite/base.py::SQLiteCompiler.returning_clause]", () => {
    assertCompile(
      sa
        .update(table1)
        .values({ name: "x" })
        .where(table1.c.myid.eq(7))
        .returning(table1.c.myid, table1.c.name),
      "UPDATE mytable SET name=? WHERE mytable.myid = ? RETURNING myid, name",
      { ...SQLITE, positional: ["x", 7] },
    );
    assertCompile(
      sa.delete(table1).where(table1.c.myid.eq(7)).returning(table1.c.myid),
      "DELETE FROM mytable WHERE mytable.myid = ? RETURNING myid",
      { ...SQLITE, positional: [7] },
    );
  });

  it("uses lastrowid, not RETURNING, for a plain single-row INSERT [sql/crud.py::_get_returning_modifiers]", () => {
    assertCompile(sa.insert(users).values({ name: "x" }), "INSERT INTO users (name) VALUES (?)", {
      ...SQLITE,
      positional: ["x"],
    });
  });

  it("renders returnDefaults() as RETURNING of the pk and server defaults [sqlite/test_compiler::SQLTest::test_plain_stringify_returning]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("myid", sa.Integer, { primaryKey: true }),
      new sa.Column("name", sa.String, { serverDefault: "some str" }),
      new sa.Column("description", sa.String, { default: sa.func.lower("hi") }),
    );
    assertCompile(
      sa.insert(t).values({}).returnDefaults(),
      "INSERT INTO t (description) VALUES (lower(?)) RETURNING myid, name, description",
      { ...SQLITE, positional: ["hi"] },
    );
  });

  it("renders an empty VALUES as DEFAULT VALUES [sqlite/base.py::SQLiteDialect.supports_default_values]", () => {
    assertCompile(sa.insert(users).values({}), "INSERT INTO users DEFAULT VALUES", {
      ...SQLITE,
      positional: [],
    });
  });

  it("renders multi-row VALUES with one ? group per row [sql/test_insert.py::MultirowTest::test_named]", () => {
    assertCompile(
      sa.insert(table1).values([
        { myid: 1, name: "a" },
        { myid: 2, name: "b" },
      ]),
      "INSERT INTO mytable (myid, name) VALUES (?, ?), (?, ?)",
      { ...SQLITE, positional: [1, "a", 2, "b"] },
    );
  });

  it("renders UPDATE..FROM for criteria on other tables [sqlite/base.py::SQLiteCompiler.update_from_clause]", () => {
    assertCompile(
      sa
        .update(table1)
        .values({ name: "x" })
        .where(table1.c.myid.eq(table2.c.otherid))
        .where(table2.c.othername.eq("y")),
      "UPDATE mytable SET name=? FROM myothertable " +
        "WHERE mytable.myid = myothertable.otherid AND myothertable.othername = ?",
      { ...SQLITE, positional: ["x", "y"] },
    );
  });
});

describe("sqlite: INSERT .. ON CONFLICT", () => {
  it("renders ON CONFLICT DO NOTHING without a target [sqlite/test_on_conflict.py::OnConflictTest::test_on_conflict_do_nothing]", () => {
    const u = conflictUsers();
    assertCompile(
      sqlite.insert(u).values({ id: 1, name: "x" }).onConflictDoNothing(),
      "INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
      { ...SQLITE, positional: [1, "x"] },
    );
  });

  it("renders index elements and a textual index where [sqlite/test_compiler::OnConflictCompileTest::test_assorted_arg_coercion]", () => {
    const u = conflictUsers();
    assertCompile(
      sqlite
        .insert(u)
        .values({ id: 1, name: "x" })
        .onConflictDoNothing({ indexElements: ["id"], indexWhere: sa.text("name = 'hi'") }),
      "INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) WHERE name = 'hi' DO NOTHING",
      { ...SQLITE, positional: [1, "x"] },
    );
  });

  it("renders DO UPDATE SET col = excluded.col [sqlite/test_on_conflict.py::OnConflictTest::test_on_conflict_do_update_one]", () => {
    const u = conflictUsers();
    const ins = sqlite.insert(u).values({ id: 1, name: "x" });
    assertCompile(
      ins.onConflictDoUpdate({ indexElements: [u.c.id], set: { name: ins.excluded.name } }),
      "INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
      { ...SQLITE, positional: [1, "x"] },
    );
  });

  it("binds literal SET values and renders the DO UPDATE WHERE qualified [sqlite/test_compiler::OnConflictCompileTest::test_assorted_arg_coercion]", () => {
    const u = conflictUsers();
    assertCompile(
      sqlite
        .insert(u)
        .values({ id: 1, name: "x" })
        .onConflictDoUpdate({ indexElements: [u.c.id], set: { name: "there" }, where: u.c.name.eq("hi") }),
      "INSERT INTO users (id, name) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET name = ? WHERE users.name = ?",
      { ...SQLITE, positional: [1, "x", "there", "hi"] },
    );
  });

  it("keeps multi-row VALUES and unqualified RETURNING with ON CONFLICT [sqlite/test_compiler::OnConflictCompileTest::test_dont_consume_set_collection]", () => {
    const u = conflictUsers();
    const ins = sqlite.insert(u).values([{ name: "spongebob" }, { name: "sandy" }]);
    assertCompile(
      ins.onConflictDoUpdate({ indexElements: [u.c.name], set: { name: ins.excluded.name } }).returning(u),
      "INSERT INTO users (name) VALUES (?), (?) ON CONFLICT (name) DO UPDATE SET name = excluded.name " +
        "RETURNING id, name",
      { ...SQLITE, positional: ["spongebob", "sandy"] },
    );
  });
});

describe("sqlite: DDL", () => {
  it("renders an INTEGER primary key as a plain column plus PRIMARY KEY (rowid alias) [sqlite/test_compiler::AutoIncrementTest::test_sqlite_no_autoincrement]", () => {
    assertCompile(
      new sa.CreateTable(users),
      "CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(30) NOT NULL, fullname VARCHAR(50), PRIMARY KEY (id))",
      { ...SQLITE, params: {} },
    );
  });

  it("renders sqliteAutoincrement inline as PRIMARY KEY AUTOINCREMENT [sqlite/test_compiler::AutoIncrementTest::test_sqlite_autoincrement]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("x", sa.String(10)),
      { sqliteAutoincrement: true },
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, x VARCHAR(10))",
      { ...SQLITE, params: {} },
    );
  });

  it("renders a partial index from sqliteWhere with literal values [sqlite/test_compiler::SQLTest::test_create_partial_index]", () => {
    const tbl = new sa.Table("testtbl", new sa.MetaData(), new sa.Column("data", sa.Integer));
    const idx = new sa.Index("test_idx1", tbl.c.data, {
      sqliteWhere: sa.and(tbl.c.data.gt(5), tbl.c.data.lt(10)),
    });
    assertCompile(
      new sa.CreateIndex(idx),
      "CREATE INDEX test_idx1 ON testtbl (data) WHERE data > 5 AND data < 10",
      {
        ...SQLITE,
        params: {},
      },
    );
    const idx2 = new sa.Index("test_idx2", tbl.c.data, {
      // alkahest's column types reject a string for an Integer column; literal() keeps the upstream case
      sqliteWhere: sa.and(tbl.c.data.gt(sa.literal("a")), tbl.c.data.lt(sa.literal("b's"))),
    });
    assertCompile(
      new sa.CreateIndex(idx2),
      "CREATE INDEX test_idx2 ON testtbl (data) WHERE data > 'a' AND data < 'b''s'",
      { ...SQLITE, params: {} },
    );
  });

  it("parenthesises expression server defaults but not quoted literals [sqlite/test_compiler::SQLTest::test_column_defaults_ddl]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("x", sa.Integer, { serverDefault: sa.func.abs(-5).add(17) }),
      new sa.Column("y", sa.String, { serverDefault: sa.text("'some default'") }),
      new sa.Column("z", sa.String, { serverDefault: "some str" }),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE t (x INTEGER DEFAULT (abs(-5) + 17), y VARCHAR DEFAULT 'some default', " +
        "z VARCHAR DEFAULT 'some str')",
      { ...SQLITE, params: {} },
    );
  });

  it("renders a Boolean with createConstraint as BOOLEAN plus CHECK (x IN (0, 1)) [sqlite/test_compiler::SQLTest::test_column_defaults_ddl]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("x", sa.Boolean({ createConstraint: true })),
    );
    assertCompile(new sa.CreateTable(t), "CREATE TABLE t (x BOOLEAN, CHECK (x IN (0, 1)))", {
      ...SQLITE,
      params: {},
    });
  });

  it("drops the schema from REFERENCES within one schema [sqlite/test_compiler::SQLTest::test_constraints_with_schemas]", () => {
    const m = new sa.MetaData();
    new sa.Table("t1", m, new sa.Column("id", sa.Integer, { primaryKey: true }), { schema: "master" });
    const t2 = new sa.Table(
      "t2",
      m,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("t1_id", sa.Integer, sa.ForeignKey("master.t1.id")),
      { schema: "master" },
    );
    assertCompile(
      new sa.CreateTable(t2),
      "CREATE TABLE master.t2 (id INTEGER NOT NULL, t1_id INTEGER, PRIMARY KEY (id), " +
        "FOREIGN KEY(t1_id) REFERENCES t1 (id))",
      { ...SQLITE, params: {} },
    );
  });
});
