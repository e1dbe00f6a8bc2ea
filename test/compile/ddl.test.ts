/**
 * Golden compile cases for DDL: CREATE/DROP TABLE and INDEX, column specifications, constraints,
 * naming conventions and the type DDL of every type in API.md on SQLite, PostgreSQL and MySQL.
 *
 * Expected SQL is SQLAlchemy 2.0's output for the same construct; where a case has no upstream
 * test of its own, the bracketed reference names the SQLAlchemy source that produces it.
 */
import { describe, expect, it } from "vitest";
import { mysql, postgresql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { users } from "../fixtures/tables.js";
import { assertCompile } from "../helpers/compile.js";

const USERS_BODY =
  "users (id INTEGER NOT NULL, name VARCHAR(30) NOT NULL, fullname VARCHAR(50), PRIMARY KEY (id))";

/** A table whose columns cover the column-specification rules: NOT NULL, UNIQUE, CHECK, DEFAULT. */
function specTable() {
  return new sa.Table(
    "t",
    new sa.MetaData(),
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("name", sa.String(30), { nullable: false, unique: true }),
    new sa.Column("qty", sa.Integer, new sa.CheckConstraint("qty > 0")),
    new sa.Column("status", sa.String(10), { serverDefault: "new" }),
    new sa.Column("created", sa.DateTime, { serverDefault: sa.text("CURRENT_TIMESTAMP") }),
    new sa.Column("updated", sa.DateTime, { serverDefault: sa.func.now() }),
    new sa.Column("n", sa.Integer, { serverDefault: sa.text("0") }),
  );
}

describe("ddl: CREATE / DROP TABLE", () => {
  it("renders CREATE TABLE with NOT NULL columns and a trailing PRIMARY KEY [sql/compiler.py::DDLCompiler.visit_create_table]", () => {
    assertCompile(new sa.CreateTable(users), `CREATE TABLE ${USERS_BODY}`, { params: {} });
  });

  it("renders CREATE TABLE IF NOT EXISTS [sql/compiler.py::DDLCompiler.visit_create_table]", () => {
    assertCompile(
      new sa.CreateTable(users, { ifNotExists: true }),
      `CREATE TABLE IF NOT EXISTS ${USERS_BODY}`,
      {
        params: {},
      },
    );
  });

  it("renders DROP TABLE [sql/compiler.py::DDLCompiler.visit_drop_table]", () => {
    assertCompile(new sa.DropTable(users), "DROP TABLE users", { params: {} });
  });

  it("renders DROP TABLE IF EXISTS [sql/compiler.py::DDLCompiler.visit_drop_table]", () => {
    assertCompile(new sa.DropTable(users, { ifExists: true }), "DROP TABLE IF EXISTS users", { params: {} });
  });

  it("renders the same table per dialect: SERIAL on postgresql, AUTO_INCREMENT on mysql [sql/compiler.py::DDLCompiler.get_column_specification]", () => {
    assertCompile(new sa.CreateTable(users), `CREATE TABLE ${USERS_BODY}`, { dialect: "sqlite", params: {} });
    assertCompile(
      new sa.CreateTable(users),
      "CREATE TABLE users (id SERIAL NOT NULL, name VARCHAR(30) NOT NULL, fullname VARCHAR(50), PRIMARY KEY (id))",
      { dialect: "postgresql", params: {} },
    );
    assertCompile(
      new sa.CreateTable(users),
      "CREATE TABLE users (id INTEGER NOT NULL AUTO_INCREMENT, name VARCHAR(30) NOT NULL, " +
        "fullname VARCHAR(50), PRIMARY KEY (id))",
      { dialect: "mysql", params: {} },
    );
  });
});

describe("ddl: column specification", () => {
  it("renders DEFAULT for a string, sa.text() and an expression, inline CHECK, and unique as UNIQUE (col) [sql/compiler.py::DDLCompiler.get_column_default_string]", () => {
    assertCompile(
      new sa.CreateTable(specTable()),
      "CREATE TABLE t (id INTEGER NOT NULL, name VARCHAR(30) NOT NULL, qty INTEGER CHECK (qty > 0), " +
        "status VARCHAR(10) DEFAULT 'new', created DATETIME DEFAULT CURRENT_TIMESTAMP, " +
        "updated DATETIME DEFAULT now(), n INTEGER DEFAULT 0, PRIMARY KEY (id), UNIQUE (name))",
      { params: {} },
    );
  });

  it("renders the same columns on postgresql [postgresql/base.py::PGDDLCompiler.get_column_specification]", () => {
    assertCompile(
      new sa.CreateTable(specTable()),
      "CREATE TABLE t (id SERIAL NOT NULL, name VARCHAR(30) NOT NULL, qty INTEGER CHECK (qty > 0), " +
        "status VARCHAR(10) DEFAULT 'new', created TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP, " +
        "updated TIMESTAMP WITHOUT TIME ZONE DEFAULT now(), n INTEGER DEFAULT 0, PRIMARY KEY (id), UNIQUE (name))",
      { dialect: "postgresql", params: {} },
    );
  });

  it("puts DEFAULT before NOT NULL generically [sql/compiler.py::DDLCompiler.get_column_specification]", () => {
    const t = new sa.Table(
      "tnd",
      new sa.MetaData(),
      new sa.Column("x", sa.Integer, { nullable: false, serverDefault: "5" }),
    );
    assertCompile(new sa.CreateTable(t), "CREATE TABLE tnd (x INTEGER DEFAULT '5' NOT NULL)", { params: {} });
  });

  it("renders Computed as GENERATED ALWAYS AS (...) without STORED generically [sql/test_computed.py::DDLComputedTest::test_column_computed]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("x", sa.Integer),
      new sa.Column("y", sa.Integer, new sa.Computed("x + 2")),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE t (x INTEGER, y INTEGER GENERATED ALWAYS AS (x + 2))",
      {
        params: {},
      },
    );
  });

  it("renders column comments inline on mysql only [mysql/base.py::MySQLDDLCompiler.get_column_specification]", () => {
    const t = () =>
      new sa.Table(
        "tc",
        new sa.MetaData(),
        new sa.Column("id", sa.Integer, { primaryKey: true, comment: "the id" }),
        new sa.Column("name", sa.String(20), { comment: "user's name" }),
        { comment: "people" },
      );
    assertCompile(
      new sa.CreateTable(t()),
      "CREATE TABLE tc (id INTEGER NOT NULL, name VARCHAR(20), PRIMARY KEY (id))",
      {
        params: {},
      },
    );
    assertCompile(
      new sa.CreateTable(t()),
      "CREATE TABLE tc (id SERIAL NOT NULL, name VARCHAR(20), PRIMARY KEY (id))",
      {
        dialect: "postgresql",
        params: {},
      },
    );
    assertCompile(
      new sa.CreateTable(t()),
      "CREATE TABLE tc (id INTEGER NOT NULL COMMENT 'the id' AUTO_INCREMENT, " +
        "name VARCHAR(20) COMMENT 'user''s name', PRIMARY KEY (id))COMMENT='people'",
      { dialect: "mysql", params: {} },
    );
  });
});

describe("ddl: constraints", () => {
  it("renders named and unnamed CHECK and UNIQUE table constraints in creation order [sql/test_constraints.py::ConstraintCompilationTest::test_add_drop_constraint]", () => {
    const t = new sa.Table(
      "t2",
      new sa.MetaData(),
      new sa.Column("a", sa.Integer),
      new sa.Column("b", sa.Integer),
      new sa.Column("c", sa.Integer),
      new sa.CheckConstraint("a < b", { name: "ck_ab" }),
      new sa.UniqueConstraint("a", "b", { name: "uq_ab" }),
      new sa.UniqueConstraint("c"),
      new sa.CheckConstraint("c > 0"),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE t2 (a INTEGER, b INTEGER, c INTEGER, CONSTRAINT ck_ab CHECK (a < b), " +
        "CONSTRAINT uq_ab UNIQUE (a, b), UNIQUE (c), CHECK (c > 0))",
      { params: {} },
    );
  });

  it("renders a composite PrimaryKeyConstraint with NOT NULL on its columns [sql/compiler.py::DDLCompiler.visit_primary_key_constraint]", () => {
    const t = new sa.Table(
      "employees",
      new sa.MetaData(),
      new sa.Column("id", sa.Integer),
      new sa.Column("soc", sa.String(40)),
      new sa.Column("name", sa.String(30)),
      new sa.PrimaryKeyConstraint("id", "soc"),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE employees (id INTEGER NOT NULL, soc VARCHAR(40) NOT NULL, name VARCHAR(30), " +
        "PRIMARY KEY (id, soc))",
      { params: {} },
    );
  });

  it("renders ForeignKeyConstraint with ON DELETE, ON UPDATE, DEFERRABLE and INITIALLY, after column foreign keys by creation order [sql/compiler.py::DDLCompiler.visit_foreign_key_constraint]", () => {
    const m = new sa.MetaData();
    new sa.Table("t", m, new sa.Column("id", sa.Integer, { primaryKey: true }));
    const fk = new sa.ForeignKeyConstraint(["t_id"], ["t.id"], {
      name: "fk_t3_t",
      ondelete: "CASCADE",
      onupdate: "SET NULL",
      deferrable: true,
      initially: "DEFERRED",
    });
    const t3 = new sa.Table(
      "t3",
      m,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("t_id", sa.Integer),
      new sa.Column("t2a", sa.Integer, sa.ForeignKey("t.id", { ondelete: "CASCADE" })),
      fk,
    );
    assertCompile(
      new sa.CreateTable(t3),
      "CREATE TABLE t3 (id INTEGER NOT NULL, t_id INTEGER, t2a INTEGER, PRIMARY KEY (id), " +
        "CONSTRAINT fk_t3_t FOREIGN KEY(t_id) REFERENCES t (id) ON DELETE CASCADE ON UPDATE SET NULL " +
        "DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY(t2a) REFERENCES t (id) ON DELETE CASCADE)",
      { params: {} },
    );
  });

  it("renders a deferrable column-level ForeignKey as a table constraint [sql/test_constraints.py::ConstraintCompilationTest::test_deferrable_column_fk]", () => {
    const t = new sa.Table(
      "tbl",
      new sa.MetaData(),
      new sa.Column("a", sa.Integer),
      new sa.Column("b", sa.Integer, sa.ForeignKey("tbl.a", { deferrable: true, initially: "DEFERRED" })),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE tbl (a INTEGER, b INTEGER, FOREIGN KEY(b) REFERENCES tbl (a) DEFERRABLE INITIALLY DEFERRED)",
      { params: {} },
    );
  });

  it("renders a deferrable column-level CHECK inline [sql/test_constraints.py::ConstraintCompilationTest::test_deferrable_column_check]", () => {
    const t = new sa.Table(
      "tbl",
      new sa.MetaData(),
      new sa.Column("a", sa.Integer),
      new sa.Column(
        "b",
        sa.Integer,
        new sa.CheckConstraint("a < b", { deferrable: true, initially: "DEFERRED" }),
      ),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE tbl (a INTEGER, b INTEGER CHECK (a < b) DEFERRABLE INITIALLY DEFERRED)",
      { params: {} },
    );
  });

  it("keeps the schema in REFERENCES generically [sql/compiler.py::DDLCompiler.define_constraint_remote_table]", () => {
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
        "FOREIGN KEY(t1_id) REFERENCES master.t1 (id))",
      { params: {} },
    );
  });

  it("renders a non-native Enum with createConstraint as VARCHAR plus CHECK (... IN ...) [postgresql/test_compiler::CompileTest::test_generic_enum]", () => {
    const t = new sa.Table(
      "sometable",
      new sa.MetaData(),
      new sa.Column("somecolumn", sa.Enum("x", "y", "z", { nativeEnum: false, createConstraint: true })),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE sometable (somecolumn VARCHAR(1), CHECK (somecolumn IN ('x', 'y', 'z')))",
      { dialect: "postgresql", params: {} },
    );
  });
});

describe("ddl: naming conventions", () => {
  it("names pk, ck, fk, uq and ix from MetaData({ namingConvention }) [sql/test_metadata.py::NamingConventionTest::test_fk_attrs]", () => {
    const m = new sa.MetaData({
      namingConvention: {
        ix: "ix_%(column_0_label)s",
        uq: "uq_%(table_name)s_%(column_0_name)s",
        ck: "ck_%(table_name)s_%(constraint_name)s",
        fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        pk: "pk_%(table_name)s",
      },
    });
    new sa.Table("parent", m, new sa.Column("id", sa.Integer, { primaryKey: true }));
    const qtyPositive = new sa.CheckConstraint("qty > 0", { name: "qty_positive" });
    const child = new sa.Table(
      "child",
      m,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("parent_id", sa.Integer, sa.ForeignKey("parent.id")),
      new sa.Column("code", sa.String(10), { unique: true }),
      new sa.Column("qty", sa.Integer),
      new sa.Column("label", sa.String(20), { index: true }),
      qtyPositive,
    );
    assertCompile(
      new sa.CreateTable(child),
      "CREATE TABLE child (id INTEGER NOT NULL, parent_id INTEGER, code VARCHAR(10), qty INTEGER, " +
        "label VARCHAR(20), CONSTRAINT pk_child PRIMARY KEY (id), " +
        "CONSTRAINT ck_child_qty_positive CHECK (qty > 0), " +
        "CONSTRAINT fk_child_parent_id_parent FOREIGN KEY(parent_id) REFERENCES parent (id), " +
        "CONSTRAINT uq_child_code UNIQUE (code))",
      { params: {} },
    );
    const [ix] = [...child.indexes];
    assertCompile(new sa.CreateIndex(ix), "CREATE INDEX ix_child_label ON child (label)", { params: {} });
  });

  it("expands %(column_0_N_name)s over every column of the constraint [sql/test_metadata.py::NamingConventionTest::test_uq_allcols_underscore_name]", () => {
    const m = new sa.MetaData({
      namingConvention: {
        uq: "uq_%(table_name)s_%(column_0_N_name)s",
        ix: "ix_%(table_name)s_%(column_0_N_name)s",
      },
    });
    const t = new sa.Table(
      "t4",
      m,
      new sa.Column("a", sa.Integer),
      new sa.Column("b", sa.Integer),
      new sa.UniqueConstraint("a", "b"),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE t4 (a INTEGER, b INTEGER, CONSTRAINT uq_t4_a_b UNIQUE (a, b))",
      {
        params: {},
      },
    );
  });
});

describe("ddl: CREATE / DROP INDEX", () => {
  const indexed = () =>
    new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("name", sa.String(30)),
      new sa.Column("qty", sa.Integer),
    );

  it("renders CREATE INDEX and CREATE UNIQUE INDEX [sql/compiler.py::DDLCompiler.visit_create_index]", () => {
    const t = indexed();
    assertCompile(
      new sa.CreateIndex(new sa.Index("ix_t_name", t.c.name)),
      "CREATE INDEX ix_t_name ON t (name)",
      {
        params: {},
      },
    );
    assertCompile(
      new sa.CreateIndex(new sa.Index("uix_t", t.c.name, t.c.qty, { unique: true })),
      "CREATE UNIQUE INDEX uix_t ON t (name, qty)",
      { params: {} },
    );
  });

  it("renders DROP INDEX [sql/compiler.py::DDLCompiler.visit_drop_index]", () => {
    const t = indexed();
    assertCompile(new sa.DropIndex(new sa.Index("ix_t_name", t.c.name)), "DROP INDEX ix_t_name", {
      params: {},
    });
  });

  it("renders CREATE INDEX IF NOT EXISTS and DROP INDEX IF EXISTS [sql/compiler.py::DDLCompiler.visit_create_index]", () => {
    const t = indexed();
    const ix = new sa.Index("ix_t_name", t.c.name);
    assertCompile(
      new sa.CreateIndex(ix, { ifNotExists: true }),
      "CREATE INDEX IF NOT EXISTS ix_t_name ON t (name)",
      {
        params: {},
      },
    );
    assertCompile(new sa.DropIndex(ix, { ifExists: true }), "DROP INDEX IF EXISTS ix_t_name", { params: {} });
  });

  it("renders a functional index and a DESC column [sql/compiler.py::DDLCompiler._prepared_index_name]", () => {
    const t = indexed();
    assertCompile(
      new sa.CreateIndex(new sa.Index("ix_lower", sa.func.lower(t.c.name))),
      "CREATE INDEX ix_lower ON t (lower(name))",
      { params: {} },
    );
    assertCompile(
      new sa.CreateIndex(new sa.Index("ix_d", t.c.qty.desc())),
      "CREATE INDEX ix_d ON t (qty DESC)",
      {
        params: {},
      },
    );
  });

  it("names an index=True column index ix_<table>_<column> by the default convention [sql/schema.py::DEFAULT_NAMING_CONVENTION]", () => {
    const t = new sa.Table(
      "events",
      new sa.MetaData(),
      new sa.Column("location", sa.String(30), { index: true }),
    );
    const [ix] = [...t.indexes];
    assertCompile(new sa.CreateIndex(ix), "CREATE INDEX ix_events_location ON events (location)", {
      params: {},
    });
  });
});

describe("ddl: type DDL per dialect", () => {
  /** Every type in API.md (ARRAY aside), one column each; only PostgreSQL needs the enum's name. */
  function allTypes(namedEnum = false) {
    return new sa.Table(
      "alltypes",
      new sa.MetaData(),
      new sa.Column("c_int", sa.Integer),
      new sa.Column("c_big", sa.BigInteger),
      new sa.Column("c_small", sa.SmallInteger),
      new sa.Column("c_float", sa.Float),
      new sa.Column("c_double", sa.Double),
      new sa.Column("c_num", sa.Numeric(10, 2)),
      new sa.Column("c_bool", sa.Boolean),
      new sa.Column("c_str", sa.String(50)),
      new sa.Column("c_text", sa.Text),
      new sa.Column("c_uni", sa.Unicode(40)),
      new sa.Column("c_date", sa.Date),
      new sa.Column("c_dt", sa.DateTime),
      new sa.Column("c_dttz", sa.DateTime({ timezone: true })),
      new sa.Column("c_time", sa.Time),
      new sa.Column("c_interval", sa.Interval),
      new sa.Column("c_json", sa.JSON),
      new sa.Column("c_bin", sa.LargeBinary),
      new sa.Column("c_uuid", sa.Uuid),
      new sa.Column(
        "c_enum",
        namedEnum ? sa.Enum("red", "green", { name: "color" }) : sa.Enum("red", "green"),
      ),
    );
  }

  it("renders SQLite type names: DATETIME for Interval, BLOB, CHAR(32) Uuid, VARCHAR(n) Enum [sqlite/base.py::SQLiteTypeCompiler]", () => {
    assertCompile(
      new sa.CreateTable(allTypes()),
      "CREATE TABLE alltypes (c_int INTEGER, c_big BIGINT, c_small SMALLINT, c_float FLOAT, c_double DOUBLE, " +
        "c_num NUMERIC(10, 2), c_bool BOOLEAN, c_str VARCHAR(50), c_text TEXT, c_uni VARCHAR(40), c_date DATE, " +
        "c_dt DATETIME, c_dttz DATETIME, c_time TIME, c_interval DATETIME, c_json JSON, c_bin BLOB, " +
        "c_uuid CHAR(32), c_enum VARCHAR(5))",
      { dialect: "sqlite", params: {} },
    );
  });

  it("renders PostgreSQL type names: DOUBLE PRECISION, TIMESTAMP/TIME WITHOUT TIME ZONE, INTERVAL, BYTEA, UUID, named ENUM [postgresql/base.py::PGTypeCompiler]", () => {
    assertCompile(
      new sa.CreateTable(allTypes(true)),
      "CREATE TABLE alltypes (c_int INTEGER, c_big BIGINT, c_small SMALLINT, c_float FLOAT, " +
        "c_double DOUBLE PRECISION, c_num NUMERIC(10, 2), c_bool BOOLEAN, c_str VARCHAR(50), c_text TEXT, " +
        "c_uni VARCHAR(40), c_date DATE, c_dt TIMESTAMP WITHOUT TIME ZONE, c_dttz TIMESTAMP WITH TIME ZONE, " +
        "c_time TIME WITHOUT TIME ZONE, c_interval INTERVAL, c_json JSON, c_bin BYTEA, c_uuid UUID, " +
        "c_enum color)",
      { dialect: "postgresql", params: {} },
    );
  });

  it("renders MySQL type names: DOUBLE, BOOL, DATETIME, BLOB, CHAR(32) Uuid, ENUM('a','b') [mysql/base.py::MySQLTypeCompiler]", () => {
    assertCompile(
      new sa.CreateTable(allTypes()),
      "CREATE TABLE alltypes (c_int INTEGER, c_big BIGINT, c_small SMALLINT, c_float FLOAT, c_double DOUBLE, " +
        "c_num NUMERIC(10, 2), c_bool BOOL, c_str VARCHAR(50), c_text TEXT, c_uni VARCHAR(40), c_date DATE, " +
        "c_dt DATETIME, c_dttz DATETIME, c_time TIME, c_interval DATETIME, c_json JSON, c_bin BLOB, " +
        "c_uuid CHAR(32), c_enum ENUM('red','green'))",
      { dialect: "mysql", params: {} },
    );
  });

  it("renders ARRAY as the item type plus [] on postgresql [postgresql/test_compiler::CompileTest::test_array]", () => {
    const t = new sa.Table(
      "ta",
      new sa.MetaData(),
      new sa.Column("tags", sa.ARRAY(sa.String(20))),
      new sa.Column("m", sa.ARRAY(sa.Integer)),
    );
    assertCompile(new sa.CreateTable(t), "CREATE TABLE ta (tags VARCHAR(20)[], m INTEGER[])", {
      dialect: "postgresql",
      params: {},
    });
  });

  it("renders precision-only Float and Numeric [sql/compiler.py::GenericTypeCompiler.visit_NUMERIC]", () => {
    const t = new sa.Table(
      "tf",
      new sa.MetaData(),
      new sa.Column("x", sa.Float(53)),
      new sa.Column("y", sa.Numeric(10)),
      new sa.Column("z", sa.Numeric),
    );
    assertCompile(new sa.CreateTable(t), "CREATE TABLE tf (x FLOAT(53), y NUMERIC(10), z NUMERIC)", {
      dialect: "postgresql",
      params: {},
    });
  });
});

describe("ddl: option names", () => {
  it("an unknown Column or Table option is refused, naming it (SQLAlchemy refuses unknown keyword arguments)", () => {
    const meta = new sa.MetaData();
    // the SQLAlchemy spelling would otherwise make a column that is not a primary key
    expect(() => new sa.Column("id", sa.Integer, { primary_key: true })).toThrow(
      /Column 'id': unknown option 'primary_key' \(did you mean 'primaryKey'\?\)/,
    );
    expect(() => new sa.Column("n", sa.Integer, { nullabel: false })).toThrow(sa.exc.ArgumentError);
    const col = new sa.Column("x", sa.Integer, { info: { a: 1 }, sqliteOnConflictNotNull: "IGNORE" });
    expect(col.options.info).toEqual({ a: 1 });
    expect(() => new sa.Table("t", meta, new sa.Column("id", sa.Integer), { shema: "x" })).toThrow(
      /Table 't': unknown option 'shema'/,
    );
    const t = new sa.Table("u", meta, new sa.Column("id", sa.Integer), { mysqlEngine: "InnoDB", info: {} });
    expect(t.dialectOptions).toEqual({ mysqlEngine: "InnoDB" });
  });
});

describe("a type's own DDL [type_api.py::TypeEngine.compile, __str__]", () => {
  it("String(type) is the generic dialect's DDL; compile(dialect) a dialect's", () => {
    expect([String(sa.Integer), String(sa.String(50)), `${sa.Numeric(10, 2)}`, String(sa.Boolean())]).toEqual(
      ["INTEGER", "VARCHAR(50)", "NUMERIC(10, 2)", "BOOLEAN"],
    );
    expect(sa.DateTime({ timezone: true }).compile(postgresql.dialect())).toBe("TIMESTAMP WITH TIME ZONE");
    expect(sa.String(20).compile(mysql.dialect())).toBe("VARCHAR(20)");
  });
});
