/**
 * Golden compile cases for the MySQL and MariaDB dialects (format paramstyle).
 *
 * Expected SQL is SQLAlchemy 2.0's output for the same construct; where a case has no upstream
 * test of its own, the bracketed reference names the SQLAlchemy source that produces it.
 */
import { describe, expect, it } from "vitest";
import { mysql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { table1, table2, users } from "../fixtures/tables.js";
import { assertCompile } from "../helpers/compile.js";

const MYSQL = { dialect: "mysql" } as const;
const MARIADB = { dialect: "mariadb" } as const;

/** The `foos` table of MySQL's ON DUPLICATE KEY tests. */
function foos() {
  return new sa.Table(
    "foos",
    new sa.MetaData(),
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("bar", sa.String(10)),
    new sa.Column("baz", sa.String(10)),
  );
}

const lockBase =
  "SELECT mytable.myid, mytable.name, mytable.description FROM mytable WHERE mytable.myid = %s ";

describe("mysql: paramstyle and quoting", () => {
  it("renders %s placeholders with positional parameters [mysql/test_for_update.py::MySQLForUpdateCompileTest::test_for_update_basic]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable WHERE mytable.myid = %s",
      { ...MYSQL, positional: [7] },
    );
  });

  it("doubles % in operators and literal SQL text [sql/compiler.py::IdentifierPreparer._double_percents]", () => {
    const t = sa.table("t", sa.column("a", sa.Integer));
    assertCompile(t.c.a.mod(5), "t.a %% %s", { ...MYSQL, positional: [5] });
    assertCompile(sa.select(sa.literalColumn("'a%b'").label("x")), "SELECT 'a%%b' AS x", {
      ...MYSQL,
      positional: [],
    });
  });

  it("quotes reserved words with backticks [mysql/test_compiler::CompileTest::test_reserved_words]", () => {
    const t = new sa.Table(
      "mysql_table",
      new sa.MetaData(),
      new sa.Column("col1", sa.Integer),
      new sa.Column("master_ssl_verify_server_cert", sa.Integer),
      new sa.Column("order", sa.Integer),
    );
    assertCompile(
      sa.select(t.c.col1, t.c.master_ssl_verify_server_cert, t.c.order),
      "SELECT mysql_table.col1, mysql_table.`master_ssl_verify_server_cert`, mysql_table.`order` FROM mysql_table",
      { ...MYSQL, positional: [] },
    );
  });

  it("uses MySQL's reserved words for mysql and MariaDB's for mariadb [mysql/test_compiler::CompileTest::test_reserved_words_mysql_vs_mariadb]", () => {
    const t = sa.table("t", sa.column("rank", sa.Integer), sa.column("key", sa.Integer));
    assertCompile(sa.select(t.c.rank, t.c.key), "SELECT t.`rank`, t.`key` FROM t", {
      ...MYSQL,
      positional: [],
    });
    assertCompile(sa.select(t.c.rank, t.c.key), "SELECT t.rank, t.`key` FROM t", {
      ...MARIADB,
      positional: [],
    });
  });
});

describe("mysql: LIMIT", () => {
  it("renders LIMIT offset, limit with the offset first [mysql/test_compiler::SQLTest::test_limit]", () => {
    assertCompile(
      sa.select(table1).limit(10).offset(20),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable  LIMIT %s, %s",
      { ...MYSQL, positional: [20, 10] },
    );
    // the offset is named first, as SQLAlchemy names binds in text order
    const c = sa.select(table1).limit(10).offset(20).compile({ dialect: mysql.dialect() });
    expect(c.params).toEqual({ param_1: 20, param_2: 10 });
    expect(c.positiontup).toEqual(["param_1", "param_2"]);
  });

  it("renders LIMIT alone when there is no offset [mysql/test_compiler::SQLTest::test_limit]", () => {
    assertCompile(
      sa.select(table1).limit(10),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable  LIMIT %s",
      { ...MYSQL, positional: [10] },
    );
  });

  it("renders an offset-only query with the maximum row count 18446744073709551615 [mysql/test_compiler::SQLTest::test_limit]", () => {
    assertCompile(
      sa.select(table1).offset(20),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable  LIMIT %s, 18446744073709551615",
      { ...MYSQL, positional: [20] },
    );
  });
});

describe("mysql: operators and functions", () => {
  it("renders ilike as lower() LIKE lower() [sql/test_operators::LikeTest::test_ilike]", () => {
    assertCompile(table1.c.name.ilike("%x%"), "lower(mytable.name) LIKE lower(%s)", {
      ...MYSQL,
      positional: ["%x%"],
    });
  });

  it("renders contains as one flat concat('%%', %s, '%%') [sql/test_operators::ComposedLikeOperatorsTest::test_contains_concat]", () => {
    assertCompile(table1.c.name.contains("x"), "mytable.name LIKE concat('%%', %s, '%%')", {
      ...MYSQL,
      positional: ["x"],
    });
  });

  it("renders startsWith and endsWith with concat() [sql/test_operators::ComposedLikeOperatorsTest::test_startswith_concat]", () => {
    assertCompile(table1.c.name.startsWith("x"), "mytable.name LIKE concat(%s, '%%')", {
      ...MYSQL,
      positional: ["x"],
    });
    assertCompile(table1.c.name.endsWith("x"), "mytable.name LIKE concat('%%', %s)", {
      ...MYSQL,
      positional: ["x"],
    });
  });

  it("renders string addition as concat() [mysql/test_compiler::CompileTest::test_concat_compile_kw]", () => {
    assertCompile(table1.c.name.add("x"), "concat(mytable.name, %s)", { ...MYSQL, positional: ["x"] });
    assertCompile(table1.c.name.concat(table1.c.description), "concat(mytable.name, mytable.description)", {
      ...MYSQL,
      positional: [],
    });
  });

  it("renders true division as plain / and floor division as FLOOR() [mysql/base.py::MySQLDialect.div_is_floordiv]", () => {
    const t = sa.table("t", sa.column("a", sa.Integer), sa.column("b", sa.Integer));
    assertCompile(t.c.a.div(t.c.b), "t.a / t.b", { ...MYSQL, positional: [] });
    assertCompile(t.c.a.floordiv(t.c.b), "FLOOR(t.a / t.b)", { ...MYSQL, positional: [] });
  });

  it("renders extract() as EXTRACT(field FROM x) [mysql/test_compiler::SQLTest::test_extract]", () => {
    const t = sa.table("t", sa.column("col1"));
    assertCompile(
      sa.select(sa.extract("year", t.c.col1)),
      "SELECT EXTRACT(year FROM t.col1) AS anon_1 FROM t",
      {
        ...MYSQL,
        positional: [],
      },
    );
  });

  it("casts to SIGNED INTEGER and CHAR(n) [mysql/test_compiler::SQLTest::test_cast]", () => {
    const t = sa.table("t", sa.column("col"));
    assertCompile(sa.cast(t.c.col, sa.Integer), "CAST(t.col AS SIGNED INTEGER)", {
      ...MYSQL,
      positional: [],
    });
    assertCompile(sa.cast(t.c.col, sa.String(32)), "CAST(t.col AS CHAR(32))", { ...MYSQL, positional: [] });
  });
});

describe("mysql: row locking", () => {
  it("renders FOR UPDATE [mysql/test_for_update.py::MySQLForUpdateCompileTest::test_for_update_basic]", () => {
    assertCompile(sa.select(table1).where(table1.c.myid.eq(7)).forUpdate(), `${lockBase}FOR UPDATE`, {
      ...MYSQL,
      positional: [7],
    });
  });

  it("renders readOnly as LOCK IN SHARE MODE [mysql/test_for_update.py::MySQLForUpdateCompileTest::test_for_update_read]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)).forUpdate({ readOnly: true }),
      `${lockBase}LOCK IN SHARE MODE`,
      { ...MYSQL, positional: [7] },
    );
  });

  it("appends NOWAIT to LOCK IN SHARE MODE [mysql/test_for_update.py::MySQLForUpdateCompileTest::test_for_update_read_and_nowait]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)).forUpdate({ readOnly: true, nowait: true }),
      `${lockBase}LOCK IN SHARE MODE NOWAIT`,
      { ...MYSQL, positional: [7] },
    );
  });

  it("renders FOR UPDATE SKIP LOCKED [mysql/test_for_update.py::MySQLForUpdateCompileTest::test_for_update_skip_locked]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)).forUpdate({ skipLocked: true }),
      `${lockBase}FOR UPDATE SKIP LOCKED`,
      { ...MYSQL, positional: [7] },
    );
  });

  it("ignores OF on a dialect without a server version [mysql/test_compiler::CompileTest::test_mariadb_for_update]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)).forUpdate({ of: table1 }),
      `${lockBase}FOR UPDATE`,
      { ...MARIADB, positional: [7] },
    );
  });
});

describe("mysql: DML", () => {
  it("renders multi-table UPDATE as UPDATE a, b SET a.col=%s [mysql/base.py::MySQLCompiler.update_tables_clause]", () => {
    assertCompile(
      sa
        .update(table1)
        .values({ name: "x" })
        .where(table1.c.myid.eq(table2.c.otherid))
        .where(table2.c.othername.eq("y")),
      "UPDATE mytable, myothertable SET mytable.name=%s " +
        "WHERE mytable.myid = myothertable.otherid AND myothertable.othername = %s",
      { ...MYSQL, positional: ["x", "y"] },
    );
  });

  it("renders multi-table DELETE as DELETE FROM a USING a, b [mysql/test_compiler::CompileTest::test_delete_extra_froms]", () => {
    const t1 = sa.table("t1", sa.column("c1"));
    const t2 = sa.table("t2", sa.column("c1"));
    assertCompile(
      sa.delete(t1).where(t1.c.c1.eq(t2.c.c1)),
      "DELETE FROM t1 USING t1, t2 WHERE t1.c1 = t2.c1",
      {
        ...MYSQL,
        positional: [],
      },
    );
  });

  it("renders an empty INSERT as () VALUES () [mysql/base.py::MySQLDialect.supports_default_values]", () => {
    assertCompile(sa.insert(foos()).values({}), "INSERT INTO foos () VALUES ()", {
      ...MYSQL,
      positional: [],
    });
  });

  it("renders .inserted as VALUES(col) in ON DUPLICATE KEY UPDATE [mysql/test_compiler::InsertOnDuplicateTest::test_from_values]", () => {
    const ins = mysql.insert(foos()).values([
      { id: 1, bar: "ab" },
      { id: 2, bar: "b" },
    ]);
    assertCompile(
      ins.onDuplicateKeyUpdate({ bar: ins.inserted.bar, baz: ins.inserted.baz }),
      "INSERT INTO foos (id, bar) VALUES (%s, %s), (%s, %s) " +
        "ON DUPLICATE KEY UPDATE bar = VALUES(bar), baz = VALUES(baz)",
      { ...MYSQL, positional: [1, "ab", 2, "b"] },
    );
  });

  it("renders the AS new row alias on MySQL 8.0.20+ [mysql/test_compiler::InsertOnDuplicateTest::test_from_values]", () => {
    const ins = mysql.insert(foos()).values([
      { id: 1, bar: "ab" },
      { id: 2, bar: "b" },
    ]);
    assertCompile(
      ins.onDuplicateKeyUpdate({ bar: ins.inserted.bar, baz: ins.inserted.baz }),
      "INSERT INTO foos (id, bar) VALUES (%s, %s), (%s, %s) " +
        "AS new ON DUPLICATE KEY UPDATE bar = new.bar, baz = new.baz",
      { dialect: mysql.dialect({ serverVersion: [8, 0, 20] }), positional: [1, "ab", 2, "b"] },
    );
  });

  it("keeps VALUES(col) on MariaDB [mysql/base.py::MySQLCompiler.visit_on_duplicate_key_update]", () => {
    const ins = mysql.insert(foos()).values({ id: 1, bar: "ab" });
    assertCompile(
      ins.onDuplicateKeyUpdate({ bar: ins.inserted.bar }),
      "INSERT INTO foos (id, bar) VALUES (%s, %s) ON DUPLICATE KEY UPDATE bar = VALUES(bar)",
      { ...MARIADB, positional: [1, "ab"] },
    );
  });

  it("orders SET by table column order and binds literal values [mysql/test_compiler::InsertOnDuplicateTest::test_python_values]", () => {
    const ins = mysql.insert(foos()).values({ id: 1, bar: "ab" });
    assertCompile(
      ins.onDuplicateKeyUpdate({ baz: "q", bar: ins.inserted.bar }),
      "INSERT INTO foos (id, bar) VALUES (%s, %s) ON DUPLICATE KEY UPDATE bar = VALUES(bar), baz = %s",
      { ...MYSQL, positional: [1, "ab", "q"] },
    );
  });

  it("rewrites .inserted inside expressions and groups a concat() [mysql/test_compiler::InsertOnDuplicateTest::test_update_sql_expr]", () => {
    const ins = mysql.insert(foos()).values([
      { id: 1, bar: "ab" },
      { id: 2, bar: "b" },
    ]);
    assertCompile(
      ins.onDuplicateKeyUpdate({
        bar: sa.func.coalesce(ins.inserted.bar),
        baz: ins.inserted.baz.add("some literal").add(ins.inserted.bar),
      }),
      "INSERT INTO foos (id, bar) VALUES (%s, %s), (%s, %s) ON DUPLICATE KEY UPDATE " +
        "bar = coalesce(VALUES(bar)), baz = (concat(VALUES(baz), %s, VALUES(bar)))",
      { ...MYSQL, positional: [1, "ab", 2, "b", "some literal"] },
    );
  });
});

describe("mysql: DDL", () => {
  it("renders AUTO_INCREMENT on an Integer primary key [mysql/base.py::MySQLDDLCompiler.get_column_specification]", () => {
    assertCompile(
      new sa.CreateTable(users),
      "CREATE TABLE users (id INTEGER NOT NULL AUTO_INCREMENT, name VARCHAR(30) NOT NULL, " +
        "fullname VARCHAR(50), PRIMARY KEY (id))",
      { ...MYSQL, params: {} },
    );
  });

  it("puts the autoincrement column first in a composite PRIMARY KEY, and mysqlEngine after the ) [mysql/test_compiler::SQLTest::test_innodb_autoincrement]", () => {
    const t = new sa.Table(
      "sometable",
      new sa.MetaData(),
      new sa.Column("assigned_id", sa.Integer, { primaryKey: true, autoincrement: false }),
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: true }),
      { mysqlEngine: "InnoDB" },
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE sometable (assigned_id INTEGER NOT NULL, id INTEGER NOT NULL AUTO_INCREMENT, " +
        "PRIMARY KEY (id, assigned_id))ENGINE=InnoDB",
      { ...MYSQL, params: {} },
    );
  });

  it("quotes a reserved-word autoincrement column in the PRIMARY KEY [mysql/test_compiler::SQLTest::test_innodb_autoincrement_reserved_word_column_name]", () => {
    const t = new sa.Table(
      "sometable",
      new sa.MetaData(),
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
      new sa.Column("order", sa.Integer, { primaryKey: true, autoincrement: true }),
      { mysqlEngine: "InnoDB" },
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE sometable (id INTEGER NOT NULL, `order` INTEGER NOT NULL AUTO_INCREMENT, " +
        "PRIMARY KEY (`order`, id))ENGINE=InnoDB",
      { ...MYSQL, params: {} },
    );
  });

  it("renders BOOL, DATETIME, ENUM('a','b') and CHAR(32) for Uuid [mysql/base.py::MySQLTypeCompiler]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("a", sa.Boolean),
      new sa.Column("b", sa.DateTime),
      new sa.Column("c", sa.DateTime({ timezone: true })),
      new sa.Column("d", sa.Enum("a", "b")),
      new sa.Column("e", sa.Uuid),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE t (a BOOL, b DATETIME, c DATETIME, d ENUM('a','b'), e CHAR(32))",
      { ...MYSQL, params: {} },
    );
  });

  it("renders NOT NULL before DEFAULT, and COMMENT before AUTO_INCREMENT [mysql/base.py::MySQLDDLCompiler.get_column_specification]", () => {
    const t = new sa.Table(
      "tc",
      new sa.MetaData(),
      new sa.Column("id", sa.Integer, { primaryKey: true, comment: "the id" }),
      new sa.Column("x", sa.Integer, { nullable: false, serverDefault: "5" }),
      new sa.Column("name", sa.String(20), { comment: "user's name" }),
      { comment: "people" },
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE tc (id INTEGER NOT NULL COMMENT 'the id' AUTO_INCREMENT, x INTEGER NOT NULL DEFAULT '5', " +
        "name VARCHAR(20) COMMENT 'user''s name', PRIMARY KEY (id))COMMENT='people'",
      { ...MYSQL, params: {} },
    );
  });

  it("renders mysqlLength as a prefix length on the indexed column [mysql/test_compiler::CompileTest::test_create_index_with_length]", () => {
    const tbl = new sa.Table("testtbl", new sa.MetaData(), new sa.Column("data", sa.String(255)));
    assertCompile(
      new sa.CreateIndex(new sa.Index("test_idx1", tbl.c.data, { mysqlLength: 10 })),
      "CREATE INDEX test_idx1 ON testtbl (data(10))",
      { ...MYSQL, params: {} },
    );
  });

  it("wraps functional index expressions in an extra pair of parentheses [mysql/test_compiler::CompileTest::test_create_index_expr_func]", () => {
    const tbl = new sa.Table("testtbl", new sa.MetaData(), new sa.Column("data", sa.Integer));
    assertCompile(
      new sa.CreateIndex(new sa.Index("test_idx1", sa.func.radians(tbl.c.data))),
      "CREATE INDEX test_idx1 ON testtbl ((radians(data)))",
      { ...MYSQL, params: {} },
    );
  });
});

describe("mysql: constructs other dialects spell differently", () => {
  const t = new sa.Table(
    "mytable",
    new sa.MetaData(),
    new sa.Column("myid", sa.Integer),
    new sa.Column("name", sa.String(30)),
  );

  it("puts an INSERT .. SELECT's WITH after INSERT INTO [mysql/base.py::MySQLDialect.cte_follows_insert]", () => {
    const c = sa.select(t.c.myid, t.c.name).where(t.c.myid.lt(5)).cte("c");
    assertCompile(
      sa.insert(t).fromSelect(["myid", "name"], sa.select(c.c.myid.add(100), c.c.name)),
      "INSERT INTO mytable (myid, name) WITH c AS (SELECT mytable.myid AS myid, mytable.name AS name " +
        "FROM mytable WHERE mytable.myid < %s) SELECT c.myid + %s AS anon_1, c.name FROM c",
      { ...MYSQL, positional: [5, 100] },
    );
  });

  it("renders IS [NOT] DISTINCT FROM with <=> [mysql/base.py::MySQLCompiler.visit_is_distinct_from_binary]", () => {
    assertCompile(
      sa.select(t.c.myid).where(t.c.myid.isDistinctFrom(5)),
      "SELECT mytable.myid FROM mytable WHERE NOT (mytable.myid <=> %s)",
      MYSQL,
    );
    assertCompile(
      sa.select(t.c.myid).where(t.c.myid.isNotDistinctFrom(null)),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid <=> NULL",
      MYSQL,
    );
  });

  it("an upsert compiled without a dialect uses its own [sql/elements.py::CompilerElement.compile stringify_dialect]", () => {
    const ins = mysql.insert(t).values({ myid: 1, name: "x" });
    const up = ins.onDuplicateKeyUpdate({ name: ins.inserted.name });
    const text =
      "INSERT INTO mytable (myid, name) VALUES (%s, %s) ON DUPLICATE KEY UPDATE name = VALUES(name)";
    assertCompile(up, text, { dialect: up.compile().dialect });
    expect(up.compile().string).toBe(text);
  });
});

describe("mysql: DROP of an unnamed constraint", () => {
  it("is a CompileError naming the table, as on the other dialects [sql/compiler.py::DDLCompiler.visit_drop_constraint]", () => {
    const meta = new sa.MetaData();
    const uc = new sa.UniqueConstraint("a");
    new sa.Table("t", meta, new sa.Column("a", sa.Integer), uc);
    expect(() => new sa.DropConstraint(uc).compile({ dialect: mysql.dialect() })).toThrow(
      new sa.exc.CompileError(
        "Can't emit DROP CONSTRAINT for a unique constraint of table 't'; it has no name",
      ),
    );
  });
});
