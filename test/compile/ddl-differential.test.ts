/**
 * DDL cases found by running the same schema through SQLAlchemy 2.0.54 and alkahest and diffing
 * the SQL: each expected string is SQLAlchemy's output for the same construct and dialect.
 */
import { describe, expect, it } from "vitest";
import { mysql, postgresql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { assertCompile } from "../helpers/compile.js";

/** Records what `createAll` / `dropAll` send, compiled with `dialect`, without a database. */
function recorder(dialect: sa.Dialect) {
  const sql: string[] = [];
  const conn = {
    dialect,
    async execute(stmt: sa.ClauseElement) {
      sql.push(stmt.compile({ dialect }).string.replace(/\s+/g, " ").trim());
      return null;
    },
    async hasTable() {
      return false;
    },
  };
  return { conn, sql };
}

describe("ddl differential: types", () => {
  it("LargeBinary(n) and BLOB(n) are BLOB on SQLite, BLOB(n) on MySQL [compiler.py::visit_BLOB, mysql/base.py::visit_BLOB]", () => {
    const t = new sa.Table(
      "b",
      new sa.MetaData(),
      new sa.Column("lb", sa.LargeBinary(10)),
      new sa.Column("bl", sa.BLOB(10)),
    );
    assertCompile(new sa.CreateTable(t), "CREATE TABLE b (lb BLOB, bl BLOB)", { dialect: "sqlite" });
    assertCompile(new sa.CreateTable(t), "CREATE TABLE b (lb BLOB(10), bl BLOB(10))", { dialect: "mysql" });
    assertCompile(new sa.CreateTable(t), "CREATE TABLE b (lb BYTEA, bl BLOB)", { dialect: "postgresql" });
  });

  it("Boolean({ createConstraint }) checks IN (0, 1) on MySQL too: numbers compared with a boolean bind as numbers", () => {
    const t = new sa.Table(
      "bo",
      new sa.MetaData(),
      new sa.Column("b1", sa.Boolean({ createConstraint: true })),
      new sa.Column("b2", sa.Boolean({ createConstraint: true, name: "ck_b2" })),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE bo (b1 BOOL, b2 BOOL, CHECK (b1 IN (0, 1)), CONSTRAINT ck_b2 CHECK (b2 IN (0, 1)))",
      { dialect: "mysql" },
    );
    // the typed API asks for booleans; SQLAlchemy's rule is about what a JS caller may still pass
    const x = sa.column("x", sa.Boolean) as unknown as sa.ColumnElement<unknown>;
    const lit = { dialect: "mysql", literalBinds: true } as const;
    assertCompile(x.in([0, 1]), "x IN (0, 1)", lit);
    assertCompile(x.in([true, false]), "x IN (true, false)", lit);
    assertCompile(x.eq(0), "x = 0", lit);
  });
});

describe("ddl differential: schema items", () => {
  it("an Index on sa.desc('name') and a naming convention's column token on a CHECK over sa.column()", () => {
    const meta = new sa.MetaData({ namingConvention: { ck: "ck_%(table_name)s_%(column_0_name)s" } });
    const t = new sa.Table(
      "t",
      meta,
      new sa.Column("a", sa.Integer),
      new sa.CheckConstraint(sa.column("a").gt(5)),
      new sa.Index("ix_q", sa.desc("a")),
    );
    assertCompile(new sa.CreateTable(t), "CREATE TABLE t (a INTEGER, CONSTRAINT ck_t_a CHECK (a > 5))");
    assertCompile(new sa.CreateIndex([...t.indexes][0]!), "CREATE INDEX ix_q ON t (a DESC)");
    expect(String(sa.desc("q"))).toBe("q DESC");
  });

  it("Table({ quote: true }) quotes the name everywhere; a Numeric(10, 0) key autoincrements; MySQL without a server version keeps a function default bare", () => {
    const t = new sa.Table(
      "qt",
      new sa.MetaData(),
      new sa.Column("id", sa.Numeric(10, 0), { primaryKey: true }),
      new sa.Column("c", sa.DateTime, { serverDefault: sa.func.now() }),
      { quote: true },
    );
    assertCompile(
      new sa.CreateTable(t),
      'CREATE TABLE "qt" (id NUMERIC(10, 0) NOT NULL, c DATETIME DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (id))',
      { dialect: "sqlite" },
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE `qt` (id NUMERIC(10, 0) NOT NULL AUTO_INCREMENT, c DATETIME DEFAULT now(), PRIMARY KEY (id))",
      { dialect: "mysql" },
    );
    assertCompile(
      new sa.CreateTable(t),
      'CREATE TABLE "qt" (id SERIAL NOT NULL, c TIMESTAMP WITHOUT TIME ZONE DEFAULT now(), PRIMARY KEY (id))',
      { dialect: "postgresql" },
    );
    assertCompile(sa.select(t), 'SELECT "qt".id, "qt".c FROM "qt"', { dialect: "postgresql" });
    // with a version that takes expression defaults, in parentheses as before
    const my8 = mysql.dialect({ serverVersion: [8, 0, 30] });
    expect(new sa.CreateTable(t).compile({ dialect: my8 }).string).toContain("DEFAULT (now())");
  });

  it("a PrimaryKeyConstraint appended after construction makes its columns the key (NOT NULL, SERIAL) [schema.py::PrimaryKeyConstraint._set_parent]", () => {
    const t = new sa.Table(
      "pt",
      new sa.MetaData(),
      new sa.Column("id", sa.Integer),
      new sa.Column("v", sa.String(5)),
    );
    t.appendConstraint(new sa.PrimaryKeyConstraint("id", { name: "pk_pt" }));
    expect(t.primaryKey.name).toBe("pk_pt");
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE pt (id SERIAL NOT NULL, v VARCHAR(5), CONSTRAINT pk_pt PRIMARY KEY (id))",
      { dialect: "postgresql" },
    );
  });

  it("schema: null takes the MetaData's schema as Python's None does; BLANK_SCHEMA keeps the table unqualified [schema.py::Table]", () => {
    const m = new sa.MetaData({ schema: "other" });
    const a = new sa.Table("ms3", m, new sa.Column("id", sa.Integer, { primaryKey: true }), { schema: null });
    const b = new sa.Table("ms4", m, new sa.Column("id", sa.Integer, { primaryKey: true }), {
      schema: sa.BLANK_SCHEMA,
    });
    expect([a.schema, b.schema]).toEqual(["other", null]);
    assertCompile(new sa.DropTable(a), "DROP TABLE other.ms3", { dialect: "postgresql" });
    assertCompile(new sa.DropTable(b), "DROP TABLE ms4", { dialect: "postgresql" });
  });

  it("two autoincrement=True columns of one key are refused [schema.py::PrimaryKeyConstraint._autoincrement_column]", () => {
    const t = new sa.Table(
      "t2",
      new sa.MetaData(),
      new sa.Column("a", sa.Integer, { primaryKey: true, autoincrement: true }),
      new sa.Column("b", sa.Integer, { primaryKey: true, autoincrement: true }),
    );
    expect(() => t.autoincrementColumn).toThrow(/Only one Column may be marked autoincrement=True/);
  });
});

describe("ddl differential: createAll / dropAll statement order [ddl.py::SchemaGenerator, SchemaDropper]", () => {
  function meta() {
    const m = new sa.MetaData();
    new sa.Table(
      "a",
      m,
      new sa.Column("id", sa.Integer, new sa.Sequence("sa1"), { primaryKey: true }),
      new sa.Column("n", sa.String(5), { index: true, comment: "c" }),
      { comment: "tc" },
    );
    new sa.Table("b", m, new sa.Column("id", sa.Integer, new sa.Sequence("sb1"), { primaryKey: true }));
    return m;
  }

  it("a column's sequence is created just before its table, indexes before comments", async () => {
    const { conn, sql } = recorder(postgresql.dialect());
    await meta().createAll(conn as never, { checkfirst: false });
    expect(sql).toEqual([
      "CREATE SEQUENCE sa1",
      "CREATE TABLE a ( id INTEGER NOT NULL, n VARCHAR(5), PRIMARY KEY (id) )",
      "CREATE INDEX ix_a_n ON a (n)",
      "COMMENT ON TABLE a IS 'tc'",
      "COMMENT ON COLUMN a.n IS 'c'",
      "CREATE SEQUENCE sb1",
      "CREATE TABLE b ( id INTEGER NOT NULL, PRIMARY KEY (id) )",
    ]);
  });

  it("every foreign key of a table on a cycle goes to ALTER, not only the one closing it [ddl.py::sort_tables_and_constraints]", async () => {
    const m = new sa.MetaData();
    new sa.Table(
      "p1",
      m,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("q", sa.Integer, sa.ForeignKey("p2.id", { name: "fk_p1_q" })),
    );
    new sa.Table(
      "p2",
      m,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("p", sa.Integer, sa.ForeignKey("p1.id", { name: "fk_p2_p" })),
    );
    new sa.Table(
      "p3",
      m,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("p", sa.Integer, sa.ForeignKey("p1.id")),
    );
    const { conn, sql } = recorder(postgresql.dialect());
    await m.createAll(conn as never, { checkfirst: false });
    // SQLAlchemy emits the two ALTERs in set order; their content is what is fixed
    expect(sql.slice(0, 3)).toEqual([
      "CREATE TABLE p1 ( id SERIAL NOT NULL, q INTEGER, PRIMARY KEY (id) )",
      "CREATE TABLE p2 ( id SERIAL NOT NULL, p INTEGER, PRIMARY KEY (id) )",
      "CREATE TABLE p3 ( id SERIAL NOT NULL, p INTEGER, PRIMARY KEY (id), FOREIGN KEY(p) REFERENCES p1 (id) )",
    ]);
    expect(sql.slice(3).sort()).toEqual([
      "ALTER TABLE p1 ADD CONSTRAINT fk_p1_q FOREIGN KEY(q) REFERENCES p2 (id)",
      "ALTER TABLE p2 ADD CONSTRAINT fk_p2_p FOREIGN KEY(p) REFERENCES p1 (id)",
    ]);
  });

  it("sequences are dropped after every table, in definition order", async () => {
    const { conn, sql } = recorder(postgresql.dialect());
    await meta().dropAll(conn as never, { checkfirst: false });
    expect(sql).toEqual(["DROP TABLE b", "DROP TABLE a", "DROP SEQUENCE sa1", "DROP SEQUENCE sb1"]);
  });
});

describe("ddl differential: String(type) without a dialect [type_api.py::TypeEngine.__str__, StrSQLTypeCompiler]", () => {
  it("names a dialect-only type by its class instead of refusing it or spelling a generic type", () => {
    expect(
      [
        postgresql.BYTEA(),
        postgresql.CITEXT(),
        postgresql.INTERVAL({ fields: "HOUR" }),
        postgresql.JSONB(),
        sa.ARRAY(sa.Integer),
        mysql.TINYINT(),
        mysql.LONGTEXT(),
        mysql.SET("a", "b"),
        mysql.YEAR(),
        mysql.BIT(4),
        mysql.ENUM("x", "y"),
        mysql.TEXT(),
        mysql.DATETIME({ fsp: 3 }),
      ].map(String),
    ).toEqual([
      "BYTEA",
      "CITEXT",
      "INTERVAL",
      "JSONB",
      "ARRAY",
      "TINYINT",
      "LONGTEXT",
      "SET",
      "YEAR",
      "BIT",
      "ENUM",
      "TEXT",
      "DATETIME",
    ]);
    // with a dialect, the dialect's DDL as before
    expect(sa.ARRAY(sa.Integer).compile(postgresql.dialect())).toBe("INTEGER[]");
    expect(mysql.TINYINT().compile(mysql.dialect())).toBe("TINYINT");
  });
});
