/**
 * Golden compile cases for identifier quoting on the default, SQLite, PostgreSQL and MySQL
 * dialects: reserved words, case, illegal characters, embedded quotes, unicode, the `quote`
 * column option, schemas and labels.
 *
 * Expected SQL is SQLAlchemy 2.0's output for the same construct; where a case has no upstream
 * test of its own, the bracketed reference names the SQLAlchemy source that produces it.
 */
import { describe, it } from "vitest";
import * as sa from "../../src/index.js";
import { assertCompile } from "../helpers/compile.js";

describe("quote: when a name needs quotes", () => {
  it("leaves all-lower-case names bare and quotes a column with quote: true [sql/test_quote.py::QuoteTest::test_lower_case_names]", () => {
    const t1 = new sa.Table("t1", new sa.MetaData(), new sa.Column("col1", sa.Integer), { schema: "foo" });
    assertCompile(new sa.CreateTable(t1), "CREATE TABLE foo.t1 (col1 INTEGER)", { params: {} });
    const t2 = new sa.Table("t1", new sa.MetaData(), new sa.Column("col1", sa.Integer, { quote: true }), {
      schema: "foo",
    });
    assertCompile(new sa.CreateTable(t2), 'CREATE TABLE foo.t1 ("col1" INTEGER)', { params: {} });
  });

  it("quotes upper-case names unless the column says quote: false [sql/test_quote.py::QuoteTest::test_upper_case_names]", () => {
    const t = new sa.Table(
      "TABLE1",
      new sa.MetaData(),
      new sa.Column("COL1", sa.Integer),
      new sa.Column("COL2", sa.Integer, { quote: false }),
      { schema: "FOO" },
    );
    assertCompile(new sa.CreateTable(t), 'CREATE TABLE "FOO"."TABLE1" ("COL1" INTEGER, COL2 INTEGER)', {
      params: {},
    });
  });

  it("quotes mixed-case names [sql/test_quote.py::QuoteTest::test_mixed_case_names]", () => {
    const t = new sa.Table("Table1", new sa.MetaData(), new sa.Column("Col1", sa.Integer), { schema: "Foo" });
    assertCompile(new sa.CreateTable(t), 'CREATE TABLE "Foo"."Table1" ("Col1" INTEGER)', { params: {} });
  });

  it("quotes names starting with a digit [sql/test_quote.py::QuoteTest::test_numeric_initial_char]", () => {
    const t = new sa.Table("35table", new sa.MetaData(), new sa.Column("25column", sa.Integer), {
      schema: "45schema",
    });
    assertCompile(new sa.CreateTable(t), 'CREATE TABLE "45schema"."35table" ("25column" INTEGER)', {
      params: {},
    });
  });

  it("quotes names starting with $ [sql/test_quote.py::QuoteTest::test_illegal_initial_char]", () => {
    const t = new sa.Table("$table", new sa.MetaData(), new sa.Column("$column", sa.Integer), {
      schema: "$schema",
    });
    assertCompile(new sa.CreateTable(t), 'CREATE TABLE "$schema"."$table" ("$column" INTEGER)', {
      params: {},
    });
  });

  it("quotes reserved words in schema, table and column names [sql/test_quote.py::QuoteTest::test_reserved_words]", () => {
    const t = new sa.Table(
      "foreign",
      new sa.MetaData(),
      new sa.Column("col1", sa.Integer),
      new sa.Column("from", sa.Integer),
      new sa.Column("order", sa.Integer),
      { schema: "create" },
    );
    assertCompile(
      sa.select(t.c.col1, t.c.from, t.c.order),
      'SELECT "create"."foreign".col1, "create"."foreign"."from", "create"."foreign"."order" FROM "create"."foreign"',
      { params: {} },
    );
  });

  it("uses each dialect's own reserved words: key on sqlite and mysql, variadic on postgresql, rank on mysql [sql/compiler.py::IdentifierPreparer._requires_quotes]", () => {
    const t = sa.table("t", sa.column("variadic"), sa.column("key"), sa.column("rank"));
    assertCompile(sa.select(t), "SELECT t.variadic, t.key, t.rank FROM t", { params: {} });
    assertCompile(sa.select(t), 'SELECT t.variadic, t."key", t.rank FROM t', {
      dialect: "sqlite",
      positional: [],
    });
    assertCompile(sa.select(t), 'SELECT t."variadic", t.key, t.rank FROM t', {
      dialect: "postgresql",
      params: {},
    });
    assertCompile(sa.select(t), "SELECT t.variadic, t.`key`, t.`rank` FROM t", {
      dialect: "mysql",
      positional: [],
    });
  });

  it("quotes spaces, doubles embedded quote characters and quotes non-ASCII names [sql/compiler.py::IdentifierPreparer.quote_identifier]", () => {
    const t = () =>
      new sa.Table(
        "odd",
        new sa.MetaData(),
        new sa.Column("my col", sa.Integer),
        new sa.Column('we"ird', sa.Integer),
        new sa.Column("we`ird", sa.Integer),
        new sa.Column("méil", sa.Integer),
        new sa.Column("data", sa.Integer),
      );
    const ansi =
      'CREATE TABLE odd ("my col" INTEGER, "we""ird" INTEGER, "we`ird" INTEGER, "méil" INTEGER, data INTEGER)';
    assertCompile(new sa.CreateTable(t()), ansi, { params: {} });
    assertCompile(new sa.CreateTable(t()), ansi, { dialect: "sqlite", params: {} });
    assertCompile(new sa.CreateTable(t()), ansi, { dialect: "postgresql", params: {} });
  });

  it("uses backticks on mysql and doubles an embedded backtick [mysql/base.py::MySQLIdentifierPreparer._escape_identifier]", () => {
    const t = new sa.Table(
      "odd",
      new sa.MetaData(),
      new sa.Column("my col", sa.Integer),
      new sa.Column('we"ird', sa.Integer),
      new sa.Column("we`ird", sa.Integer),
      new sa.Column("méil", sa.Integer),
      new sa.Column("data", sa.Integer),
    );
    assertCompile(
      new sa.CreateTable(t),
      'CREATE TABLE odd (`my col` INTEGER, `we"ird` INTEGER, `we``ird` INTEGER, `méil` INTEGER, data INTEGER)',
      { dialect: "mysql", params: {} },
    );
  });

  it("quotes non-ASCII table and column names in SELECT [sql/compiler.py::IdentifierPreparer._requires_quotes]", () => {
    const t = sa.table("tablé", sa.column("méil"));
    assertCompile(sa.select(t), 'SELECT "tablé"."méil" FROM "tablé"', { params: {} });
    assertCompile(sa.select(t), "SELECT `tablé`.`méil` FROM `tablé`", { dialect: "mysql", positional: [] });
  });
});

describe("quote: statements", () => {
  it("quotes mixed-case tables and columns per dialect and keeps the case in bind names [sql/test_quote.py::QuoteExecTest::test_basic]", () => {
    const t = new sa.Table(
      "WorstCase1",
      new sa.MetaData(),
      new sa.Column("lowercase", sa.Integer, { primaryKey: true }),
      new sa.Column("UPPERCASE", sa.Integer),
      new sa.Column("MixedCase", sa.Integer),
      new sa.Column("ASC", sa.Integer, { key: "a123" }),
    );
    const stmt = sa.select(t).where(t.c.MixedCase.eq(5));
    const cols =
      '"WorstCase1".lowercase, "WorstCase1"."UPPERCASE", "WorstCase1"."MixedCase", "WorstCase1"."ASC"';
    assertCompile(stmt, `SELECT ${cols} FROM "WorstCase1" WHERE "WorstCase1"."MixedCase" = :MixedCase_1`, {
      params: { MixedCase_1: 5 },
    });
    assertCompile(stmt, `SELECT ${cols} FROM "WorstCase1" WHERE "WorstCase1"."MixedCase" = %(MixedCase_1)s`, {
      dialect: "postgresql",
      params: { MixedCase_1: 5 },
    });
    assertCompile(
      stmt,
      "SELECT `WorstCase1`.lowercase, `WorstCase1`.`UPPERCASE`, `WorstCase1`.`MixedCase`, `WorstCase1`.`ASC` " +
        "FROM `WorstCase1` WHERE `WorstCase1`.`MixedCase` = %s",
      { dialect: "mysql", positional: [5] },
    );
  });

  it("quotes a mixed-case subquery alias and its columns [sql/test_quote.py::QuoteTest::test_subquery_three]", () => {
    const t1 = new sa.Table("T1", new sa.MetaData(), new sa.Column("Col1", sa.Integer), { schema: "Foo" });
    const a = sa.select(t1).subquery("Anon");
    assertCompile(
      sa.select(sa.literalColumn("1")).selectFrom(a).where(a.c.Col1.eq(2)),
      'SELECT 1 FROM (SELECT "Foo"."T1"."Col1" AS "Col1" FROM "Foo"."T1") AS "Anon" WHERE "Anon"."Col1" = :Col1_1',
      { params: { Col1_1: 2 } },
    );
  });

  it("quotes a mixed-case label in the columns clause and in ORDER BY [sql/test_quote.py::QuoteTest::test_simple_order_by_label]", () => {
    const t1 = new sa.Table("t1", new sa.MetaData(), new sa.Column("col1", sa.Integer));
    const cl = t1.c.col1.label("ShouldQuote");
    assertCompile(
      sa.select(cl).orderBy(cl),
      'SELECT t1.col1 AS "ShouldQuote" FROM t1 ORDER BY "ShouldQuote"',
      {
        params: {},
      },
    );
  });

  it("quotes a label with a space using each dialect's quote character [sql/test_quote.py::QuoteTest::test_simple_order_by_label]", () => {
    const t1 = new sa.Table("t1", new sa.MetaData(), new sa.Column("col1", sa.Integer));
    const cl = t1.c.col1.label("Some Label");
    assertCompile(sa.select(cl).orderBy(cl), 'SELECT t1.col1 AS "Some Label" FROM t1 ORDER BY "Some Label"', {
      dialect: "sqlite",
      positional: [],
    });
    assertCompile(sa.select(cl).orderBy(cl), "SELECT t1.col1 AS `Some Label` FROM t1 ORDER BY `Some Label`", {
      dialect: "mysql",
      positional: [],
    });
  });

  it("quotes a mixed-case label through a named subquery [sql/test_quote.py::QuoteTest::test_label_and_alias]", () => {
    const t = new sa.Table("T1", new sa.MetaData(), new sa.Column("Col1", sa.Integer));
    const sq = sa.select(t.c.Col1.label("Label1")).subquery("Alias1");
    assertCompile(
      sa.select(sq.c.Label1),
      'SELECT "Alias1"."Label1" FROM (SELECT "T1"."Col1" AS "Label1" FROM "T1") AS "Alias1"',
      { params: {} },
    );
  });

  it("quotes a schema name containing a space [sql/compiler.py::IdentifierPreparer.format_table]", () => {
    const t = new sa.Table("orders", new sa.MetaData(), new sa.Column("id", sa.Integer), {
      schema: "Sales Data",
    });
    assertCompile(sa.select(t), 'SELECT "Sales Data".orders.id FROM "Sales Data".orders', { params: {} });
    assertCompile(sa.select(t), "SELECT `Sales Data`.orders.id FROM `Sales Data`.orders", {
      dialect: "mysql",
      positional: [],
    });
  });

  it("doubles % inside quoted identifiers under pyformat and format only; the bind name drops it [sql/compiler.py::IdentifierPreparer._double_percents]", () => {
    const t = sa.table("t", sa.column("pct%"));
    const stmt = sa.select(t).where(t.c["pct%"].eq(5));
    assertCompile(stmt, 'SELECT t."pct%" FROM t WHERE t."pct%" = ?', { dialect: "sqlite", positional: [5] });
    assertCompile(stmt, 'SELECT t."pct%%" FROM t WHERE t."pct%%" = %(pct_1)s', {
      dialect: "postgresql",
      params: { pct_1: 5 },
    });
    assertCompile(stmt, "SELECT t.`pct%%` FROM t WHERE t.`pct%%` = %s", {
      dialect: "mysql",
      positional: [5],
    });
  });

  it("escapes a column name with a space in its bind name [sql/compiler.py::SQLCompiler.bindparam_string]", () => {
    const t = new sa.Table(
      "My Table",
      new sa.MetaData(),
      new sa.Column("Id", sa.Integer),
      new sa.Column("some name", sa.String(20)),
    );
    const stmt = sa.insert(t).values({ Id: 1, "some name": "x" });
    assertCompile(stmt, 'INSERT INTO "My Table" ("Id", "some name") VALUES (:Id, :some_name)', {
      params: { Id: 1, some_name: "x" },
    });
    assertCompile(stmt, 'INSERT INTO "My Table" ("Id", "some name") VALUES (%(Id)s, %(some_name)s)', {
      dialect: "postgresql",
      params: { Id: 1, some_name: "x" },
    });
  });

  it("quotes collation names that need it, per dialect [sql/test_quote.py::QuoteTest::test_collate]", () => {
    assertCompile(sa.column("foo").collate("utf8"), "foo COLLATE utf8", { params: {} });
    assertCompile(sa.column("foo").collate("fr_FR"), 'foo COLLATE "fr_FR"', {
      dialect: "postgresql",
      params: {},
    });
    assertCompile(sa.column("foo").collate("utf8_GERMAN_ci"), "foo COLLATE `utf8_GERMAN_ci`", {
      dialect: "mysql",
      positional: [],
    });
  });
});

describe("quote: the quote flag in DDL", () => {
  it("carries quote: true into a CHECK expression [sql/test_quote.py::QuoteTest::test_quote_flag_propagate_check_constraint]", () => {
    const x = new sa.Column("x", sa.Integer, { quote: true });
    const t = new sa.Table("t", new sa.MetaData(), x, new sa.CheckConstraint(x.gt(5)));
    assertCompile(new sa.CreateTable(t), 'CREATE TABLE t ("x" INTEGER, CHECK ("x" > 5))', { params: {} });
  });

  it("carries quote: true into an index column list [sql/test_quote.py::QuoteTest::test_quote_flag_propagate_index]", () => {
    const t = new sa.Table("t", new sa.MetaData(), new sa.Column("x", sa.Integer, { quote: true }));
    assertCompile(new sa.CreateIndex(new sa.Index("foo", t.c.x)), 'CREATE INDEX foo ON t ("x")', {
      params: {},
    });
  });
});
