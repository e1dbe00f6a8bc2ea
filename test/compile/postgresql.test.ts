/**
 * Golden compile cases for the PostgreSQL dialect (pyformat by default, numeric_dollar as asyncpg
 * and `pg` use it).
 *
 * Expected SQL is SQLAlchemy 2.0's output for the same construct; where a case has no upstream
 * test of its own, the bracketed reference names the SQLAlchemy source that produces it.
 */
import { describe, it } from "vitest";
import { postgresql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { addresses, table1, table2, users } from "../fixtures/tables.js";
import { assertCompile } from "../helpers/compile.js";

const PG = { dialect: "postgresql" } as const;
const PG_DOLLAR = { dialect: "postgresql", paramstyle: "numeric_dollar" } as const;

/** The lightweight `mytable` of PostgreSQL's on-conflict tests, with sized strings. */
const mytable = sa.table(
  "mytable",
  sa.column("myid", sa.Integer),
  sa.column("name", sa.String(128)),
  sa.column("description", sa.String(128)),
);

/** The same table as a Table with a primary key. */
function mytableWithPk() {
  return new sa.Table(
    "mytable",
    new sa.MetaData(),
    new sa.Column("myid", sa.Integer, { primaryKey: true }),
    new sa.Column("name", sa.String(128)),
    new sa.Column("description", sa.String(128)),
  );
}

describe("postgresql: paramstyles", () => {
  it("renders pyformat placeholders named after the column [sql/compiler.py::BIND_TEMPLATES]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable WHERE mytable.myid = %(myid_1)s",
      { ...PG, params: { myid_1: 7 } },
    );
  });

  it("numbers numeric_dollar placeholders in textual order, LIMIT included [sql/compiler.py::SQLCompiler._process_numeric]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)).where(table1.c.name.eq("x")).limit(10),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable " +
        "WHERE mytable.myid = $1 AND mytable.name = $2  LIMIT $3",
      { ...PG_DOLLAR, positional: [7, "x", 10] },
    );
  });

  it("gives a repeated bind name one numeric_dollar position [sql/compiler.py::SQLCompiler._process_numeric]", () => {
    assertCompile(
      sa
        .select(table1.c.myid)
        .where(sa.or(table1.c.myid.eq(sa.bindparam("x", 5)), table1.c.myid.gt(sa.bindparam("x", 5)))),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid = $1 OR mytable.myid > $1",
      { ...PG_DOLLAR, positional: [5] },
    );
  });

  it("keeps implicit RETURNING with numeric_dollar [postgresql/base.py::PGCompiler.returning_clause]", () => {
    assertCompile(
      sa.insert(users).values({ name: "x" }),
      "INSERT INTO users (name) VALUES ($1) RETURNING users.id",
      {
        ...PG_DOLLAR,
        positional: ["x"],
      },
    );
  });

  it("doubles % in SQL text under pyformat [postgresql/test_compiler::CompileTest::test_array_agg_w_filter_subscript]", () => {
    const t = sa.table("t", sa.column("a", sa.Integer));
    assertCompile(t.c.a.mod(5), "t.a %% %(a_1)s", { ...PG, params: { a_1: 5 } });
  });
});

describe("postgresql: operators", () => {
  it("renders ILIKE natively [sql/test_operators::LikeTest::test_ilike]", () => {
    assertCompile(table1.c.name.ilike("%x%"), "mytable.name ILIKE %(name_1)s", {
      ...PG,
      params: { name_1: "%x%" },
    });
  });

  it("renders contains and endsWith with '%%' || ... [sql/test_operators::ComposedLikeOperatorsTest::test_contains]", () => {
    assertCompile(table1.c.name.contains("x"), "mytable.name LIKE '%%' || %(name_1)s || '%%'", {
      ...PG,
      params: { name_1: "x" },
    });
    assertCompile(table1.c.name.endsWith("x"), "mytable.name LIKE '%%' || %(name_1)s", {
      ...PG,
      params: { name_1: "x" },
    });
  });

  it("casts the divisor to NUMERIC for true division; floor division is plain / [sql/compiler.py::SQLCompiler.visit_truediv_binary]", () => {
    const t = sa.table("t", sa.column("a", sa.Integer), sa.column("b", sa.Integer));
    assertCompile(t.c.a.div(t.c.b), "t.a / CAST(t.b AS NUMERIC)", { ...PG, params: {} });
    assertCompile(t.c.a.floordiv(t.c.b), "t.a / t.b", { ...PG, params: {} });
  });

  it("renders an empty IN as (NULL) AND (1 != 1) [sql/compiler.py::SQLCompiler.visit_empty_set_op_expr]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.in([])),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid IN (NULL) AND (1 != 1)",
      { ...PG, renderPostcompile: true, params: {} },
    );
  });

  it("expands an IN list to myid_1_1, myid_1_2, ... with renderPostcompile [sql/compiler.py::SQLCompiler._literal_execute_expanding_parameter]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.in([1, 2, 3])),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid IN (%(myid_1_1)s, %(myid_1_2)s, %(myid_1_3)s)",
      { ...PG, renderPostcompile: true, params: { myid_1_1: 1, myid_1_2: 2, myid_1_3: 3 } },
    );
  });

  it("quotes PostgreSQL-only reserved words such as variadic [postgresql/test_compiler::CompileTest::test_reserved_words]", () => {
    const t = new sa.Table(
      "pg_table",
      new sa.MetaData(),
      new sa.Column("col1", sa.Integer),
      new sa.Column("variadic", sa.Integer),
    );
    assertCompile(
      sa.select(t.c.col1, t.c.variadic),
      'SELECT pg_table.col1, pg_table."variadic" FROM pg_table',
      {
        ...PG,
        params: {},
      },
    );
  });
});

describe("postgresql: SELECT modifiers", () => {
  it("renders LIMIT and OFFSET as binds after two spaces [postgresql/base.py::PGCompiler.limit_clause]", () => {
    assertCompile(
      sa.select(table1).limit(10).offset(20),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable  LIMIT %(param_1)s OFFSET %(param_2)s",
      { ...PG, params: { param_1: 10, param_2: 20 } },
    );
  });

  it("renders LIMIT alone without OFFSET [postgresql/base.py::PGCompiler.limit_clause]", () => {
    assertCompile(
      sa.select(table1).limit(10),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable  LIMIT %(param_1)s",
      { ...PG, params: { param_1: 10 } },
    );
  });

  it("renders LIMIT ALL when only offset is given [postgresql/test_compiler::CompileTest::test_fetch]", () => {
    assertCompile(
      sa.select(table1).offset(20),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable LIMIT ALL OFFSET %(param_1)s",
      { ...PG, params: { param_1: 20 } },
    );
  });

  it("renders SELECT DISTINCT [postgresql/test_compiler::DistinctOnTest::test_plain_generative]", () => {
    assertCompile(
      sa.select(users).distinct(),
      "SELECT DISTINCT users.id, users.name, users.fullname FROM users",
      {
        ...PG,
        params: {},
      },
    );
  });

  const lockBase =
    "SELECT mytable.myid, mytable.name, mytable.description FROM mytable WHERE mytable.myid = %(myid_1)s ";
  const base = () => sa.select(table1).where(table1.c.myid.eq(7));
  const lockCases: [string, (s: ReturnType<typeof base>) => sa.Compilable, string][] = [
    ["()", (s) => s.forUpdate(), "FOR UPDATE"],
    ["{ nowait }", (s) => s.forUpdate({ nowait: true }), "FOR UPDATE NOWAIT"],
    ["{ skipLocked }", (s) => s.forUpdate({ skipLocked: true }), "FOR UPDATE SKIP LOCKED"],
    ["{ readOnly }", (s) => s.forUpdate({ readOnly: true }), "FOR SHARE"],
    [
      "{ readOnly, skipLocked }",
      (s) => s.forUpdate({ readOnly: true, skipLocked: true }),
      "FOR SHARE SKIP LOCKED",
    ],
    [
      "{ readOnly, nowait, of: table }",
      (s) => s.forUpdate({ readOnly: true, nowait: true, of: table1 }),
      "FOR SHARE OF mytable NOWAIT",
    ],
    [
      "{ of: columns, skipLocked }",
      (s) => s.forUpdate({ of: [table1.c.myid, table1.c.name], skipLocked: true }),
      "FOR UPDATE OF mytable SKIP LOCKED",
    ],
  ];
  for (const [label, lock, suffix] of lockCases) {
    it(`renders forUpdate${label} as ${suffix} [postgresql/test_compiler::CompileTest::test_for_update]`, () => {
      assertCompile(lock(base()), lockBase + suffix, { ...PG, params: { myid_1: 7 } });
    });
  }
});

describe("postgresql: DML", () => {
  it("adds implicit RETURNING of the integer primary key to a single-row INSERT [sql/crud.py::_get_returning_modifiers]", () => {
    assertCompile(
      sa.insert(users).values({ name: "x" }),
      "INSERT INTO users (name) VALUES (%(name)s) RETURNING users.id",
      {
        ...PG,
        params: { name: "x" },
      },
    );
  });

  it("omits implicit RETURNING when the primary key is given or VALUES has many rows [sql/crud.py::_get_returning_modifiers]", () => {
    assertCompile(
      sa.insert(users).values({ id: 5, name: "x" }),
      "INSERT INTO users (id, name) VALUES (%(id)s, %(name)s)",
      {
        ...PG,
        params: { id: 5, name: "x" },
      },
    );
    assertCompile(
      sa.insert(users).values([{ name: "x" }, { name: "y" }]),
      "INSERT INTO users (name) VALUES (%(name_m0)s), (%(name_m1)s)",
      { ...PG, params: { name_m0: "x", name_m1: "y" } },
    );
  });

  it("renders qualified RETURNING on UPDATE [postgresql/test_compiler::CompileTest::test_update_returning]", () => {
    assertCompile(
      sa.update(mytable).values({ name: "foo" }).returning(mytable.c.myid, mytable.c.name),
      "UPDATE mytable SET name=%(name)s RETURNING mytable.myid, mytable.name",
      { ...PG, params: { name: "foo" } },
    );
  });

  it("labels a function in RETURNING as length_1 [postgresql/test_compiler::CompileTest::test_insert_returning]", () => {
    assertCompile(
      sa.insert(mytable).values({ name: "foo" }).returning(sa.func.length(mytable.c.name)),
      "INSERT INTO mytable (name) VALUES (%(name)s) RETURNING length(mytable.name) AS length_1",
      { ...PG, params: { name: "foo" } },
    );
  });

  it("renders returnDefaults() as RETURNING of the pk and server defaults [postgresql/test_compiler::CompileTest::test_plain_stringify_returning]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("myid", sa.Integer, { primaryKey: true }),
      new sa.Column("name", sa.String, { serverDefault: "some str" }),
      new sa.Column("description", sa.String, { default: sa.func.lower("hi") }),
    );
    assertCompile(
      sa.insert(t).values({}).returnDefaults(),
      "INSERT INTO t (description) VALUES (lower(%(lower_1)s)) RETURNING t.myid, t.name, t.description",
      { ...PG, params: { lower_1: "hi" } },
    );
  });

  it("renders DELETE .. USING for criteria on other tables [postgresql/test_compiler::CompileTest::test_delete_extra_froms]", () => {
    const t1 = sa.table("t1", sa.column("c1"));
    const t2 = sa.table("t2", sa.column("c1"));
    assertCompile(sa.delete(t1).where(t1.c.c1.eq(t2.c.c1)), "DELETE FROM t1 USING t2 WHERE t1.c1 = t2.c1", {
      ...PG,
      params: {},
    });
  });

  it("renders UPDATE .. FROM for criteria on other tables [sql/test_update.py::UpdateFromCompileTest::test_render_table]", () => {
    assertCompile(
      sa
        .update(table1)
        .values({ name: "x" })
        .where(table1.c.myid.eq(table2.c.otherid))
        .where(table2.c.othername.eq("y")),
      "UPDATE mytable SET name=%(name)s FROM myothertable " +
        "WHERE mytable.myid = myothertable.otherid AND myothertable.othername = %(othername_1)s",
      { ...PG, params: { name: "x", othername_1: "y" } },
    );
  });
});

describe("postgresql: INSERT .. ON CONFLICT", () => {
  it("renders ON CONFLICT DO NOTHING without a target [postgresql/test_compiler::InsertOnConflictTest::test_do_nothing_no_target]", () => {
    assertCompile(
      postgresql.insert(mytable).values({ name: "foo" }).onConflictDoNothing(),
      "INSERT INTO mytable (name) VALUES (%(name)s) ON CONFLICT DO NOTHING",
      { ...PG, params: { name: "foo" } },
    );
  });

  it("renders string index elements as the conflict target [postgresql/test_compiler::InsertOnConflictTest::test_do_nothing_index_elements_target]", () => {
    assertCompile(
      postgresql
        .insert(mytable)
        .values({ name: "foo" })
        .onConflictDoNothing({ indexElements: ["myid"] }),
      "INSERT INTO mytable (name) VALUES (%(name)s) ON CONFLICT (myid) DO NOTHING",
      { ...PG, params: { name: "foo" } },
    );
  });

  it("renders DO UPDATE SET from .excluded with column index elements [postgresql/test_compiler::InsertOnConflictTest::test_do_update_col_index_elements_target]", () => {
    const ins = postgresql.insert(mytable).values({ name: "foo" });
    assertCompile(
      ins.onConflictDoUpdate({ indexElements: [mytable.c.myid], set: { name: ins.excluded.name } }),
      "INSERT INTO mytable (name) VALUES (%(name)s) ON CONFLICT (myid) DO UPDATE SET name = excluded.name",
      { ...PG, params: { name: "foo" } },
    );
  });

  it("renders ON CONSTRAINT for a constraint name [postgresql/test_compiler::InsertOnConflictTest::test_do_update_string_constraint_target]", () => {
    const ins = postgresql.insert(mytable).values({ name: "foo" });
    assertCompile(
      ins.onConflictDoUpdate({ constraint: "uq_name", set: { myid: ins.excluded.myid } }),
      "INSERT INTO mytable (name) VALUES (%(name)s) ON CONFLICT ON CONSTRAINT uq_name " +
        "DO UPDATE SET myid = excluded.myid",
      { ...PG, params: { name: "foo" } },
    );
  });

  it("quotes a constraint name that needs it [postgresql/test_compiler::InsertOnConflictTest::test_do_nothing_quoted_string_constraint_target]", () => {
    assertCompile(
      postgresql
        .insert(mytable)
        .values({ name: "foo" })
        .onConflictDoNothing({ constraint: "Some Constraint Name" }),
      'INSERT INTO mytable (name) VALUES (%(name)s) ON CONFLICT ON CONSTRAINT "Some Constraint Name" DO NOTHING',
      { ...PG, params: { name: "foo" } },
    );
  });

  it("renders an unnamed primary key constraint as its columns [postgresql/test_compiler::InsertOnConflictTest::test_do_update_unnamed_pk_constraint_target]", () => {
    const t = mytableWithPk();
    const ins = postgresql.insert(t).values({ myid: 1, name: "foo" });
    assertCompile(
      ins.onConflictDoUpdate({ constraint: t.primaryKey, set: { name: ins.excluded.name } }),
      "INSERT INTO mytable (myid, name) VALUES (%(myid)s, %(name)s) ON CONFLICT (myid) " +
        "DO UPDATE SET name = excluded.name",
      { ...PG, params: { myid: 1, name: "foo" } },
    );
  });

  it("binds literal SET values as param_N, null included [postgresql/test_compiler::InsertOnConflictTest::test_do_update_set_clause_none]", () => {
    const t = mytableWithPk();
    assertCompile(
      postgresql
        .insert(t)
        .values({ myid: 1, name: "foo" })
        .onConflictDoUpdate({ indexElements: ["myid"], set: { name: "I'm a name", description: null } }),
      "INSERT INTO mytable (myid, name) VALUES (%(myid)s, %(name)s) ON CONFLICT (myid) " +
        "DO UPDATE SET name = %(param_1)s, description = %(param_2)s",
      { ...PG, params: { myid: 1, name: "foo", param_1: "I'm a name", param_2: null } },
    );
  });

  it("renders a DO UPDATE WHERE that references excluded [postgresql/test_compiler::InsertOnConflictTest::test_do_update_add_whereclause_references_excluded]", () => {
    const ins = postgresql.insert(mytable).values({ name: "foo" });
    assertCompile(
      ins.onConflictDoUpdate({
        indexElements: ["myid"],
        set: { name: ins.excluded.name },
        where: mytable.c.name.ne(ins.excluded.name),
      }),
      "INSERT INTO mytable (name) VALUES (%(name)s) ON CONFLICT (myid) " +
        "DO UPDATE SET name = excluded.name WHERE mytable.name != excluded.name",
      { ...PG, params: { name: "foo" } },
    );
  });
});

describe("postgresql: DDL", () => {
  it("renders an Integer primary key as SERIAL [postgresql/base.py::PGDDLCompiler.get_column_specification]", () => {
    assertCompile(
      new sa.CreateTable(users),
      "CREATE TABLE users (id SERIAL NOT NULL, name VARCHAR(30) NOT NULL, fullname VARCHAR(50), PRIMARY KEY (id))",
      { ...PG, params: {} },
    );
  });

  it("renders BigInteger and SmallInteger primary keys as BIGSERIAL and SMALLSERIAL [postgresql/base.py::PGDDLCompiler.get_column_specification]", () => {
    const m = new sa.MetaData();
    const b = new sa.Table("b", m, new sa.Column("id", sa.BigInteger, { primaryKey: true }));
    const s = new sa.Table("s", m, new sa.Column("id", sa.SmallInteger, { primaryKey: true }));
    assertCompile(new sa.CreateTable(b), "CREATE TABLE b (id BIGSERIAL NOT NULL, PRIMARY KEY (id))", {
      ...PG,
      params: {},
    });
    assertCompile(new sa.CreateTable(s), "CREATE TABLE s (id SMALLSERIAL NOT NULL, PRIMARY KEY (id))", {
      ...PG,
      params: {},
    });
  });

  it("renders a foreign key column as INTEGER, not SERIAL [postgresql/base.py::PGDDLCompiler.get_column_specification]", () => {
    assertCompile(
      new sa.CreateTable(addresses),
      "CREATE TABLE addresses (id SERIAL NOT NULL, user_id INTEGER, email_address VARCHAR(50) NOT NULL, " +
        "PRIMARY KEY (id), FOREIGN KEY(user_id) REFERENCES users (id))",
      { ...PG, params: {} },
    );
  });

  it("renders Identity(always, start, increment) with INCREMENT BY before START WITH [postgresql/test_compiler::CompileTest::test_column_identity]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("y", sa.Integer, new sa.Identity({ always: true, start: 4, increment: 7 }), {
        primaryKey: true,
      }),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE t (y INTEGER GENERATED ALWAYS AS IDENTITY (INCREMENT BY 7 START WITH 4), PRIMARY KEY (y))",
      { ...PG, params: {} },
    );
  });

  it("renders a bare Identity() as GENERATED BY DEFAULT AS IDENTITY without NOT NULL [sql/test_identity_column.py::_IdentityDDLFixture::test_create_ddl]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("id", sa.Integer, new sa.Identity(), { primaryKey: true }),
      new sa.Column("x", sa.Integer),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE t (id INTEGER GENERATED BY DEFAULT AS IDENTITY, x INTEGER, PRIMARY KEY (id))",
      { ...PG, params: {} },
    );
  });

  it("renders a Sequence primary key as INTEGER and inlines nextval() in INSERT [postgresql/base.py::PGCompiler.visit_sequence]", () => {
    const t = new sa.Table(
      "seqt",
      new sa.MetaData(),
      new sa.Column("id", sa.Integer, new sa.Sequence("seqt_id_seq"), { primaryKey: true }),
      new sa.Column("name", sa.String(20)),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE seqt (id INTEGER NOT NULL, name VARCHAR(20), PRIMARY KEY (id))",
      { ...PG, params: {} },
    );
    assertCompile(
      sa.insert(t).values({ name: "x" }),
      "INSERT INTO seqt (id, name) VALUES (nextval('seqt_id_seq'), %(name)s) RETURNING seqt.id",
      { ...PG, params: { name: "x" } },
    );
  });

  it("renders Computed as GENERATED ALWAYS AS (...) STORED [postgresql/test_compiler::CompileTest::test_column_computed]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("x", sa.Integer),
      new sa.Column("y", sa.Integer, new sa.Computed("x + 2")),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE t (x INTEGER, y INTEGER GENERATED ALWAYS AS (x + 2) STORED)",
      {
        ...PG,
        params: {},
      },
    );
  });

  it("renders TIMESTAMP WITH/WITHOUT TIME ZONE, BYTEA, UUID, JSON, JSONB, ARRAY and a named ENUM [postgresql/base.py::PGTypeCompiler]", () => {
    const t = new sa.Table(
      "tt",
      new sa.MetaData(),
      new sa.Column("a", sa.DateTime),
      new sa.Column("b", sa.DateTime({ timezone: true })),
      new sa.Column("c", sa.LargeBinary),
      new sa.Column("d", sa.Uuid),
      new sa.Column("e", sa.JSON),
      new sa.Column("f", postgresql.JSONB),
      new sa.Column("g", sa.ARRAY(sa.Integer)),
      new sa.Column("h", sa.Enum("a", "b", { name: "myenum" })),
    );
    assertCompile(
      new sa.CreateTable(t),
      "CREATE TABLE tt (a TIMESTAMP WITHOUT TIME ZONE, b TIMESTAMP WITH TIME ZONE, c BYTEA, d UUID, " +
        "e JSON, f JSONB, g INTEGER[], h myenum)",
      { ...PG, params: {} },
    );
  });

  it("renders a partial index from postgresqlWhere [postgresql/test_compiler::CompileTest::test_create_partial_index]", () => {
    const tbl = new sa.Table("testtbl", new sa.MetaData(), new sa.Column("data", sa.Integer));
    const idx = new sa.Index("test_idx1", tbl.c.data, {
      postgresqlWhere: sa.and(tbl.c.data.gt(5), tbl.c.data.lt(10)),
    });
    assertCompile(
      new sa.CreateIndex(idx),
      "CREATE INDEX test_idx1 ON testtbl (data) WHERE data > 5 AND data < 10",
      {
        ...PG,
        params: {},
      },
    );
  });

  it("renders postgresqlUsing before the column list [postgresql/test_compiler::CompileTest::test_create_index_with_using]", () => {
    const tbl = new sa.Table("testtbl", new sa.MetaData(), new sa.Column("data", sa.String));
    const idx = new sa.Index("test_idx3", tbl.c.data, { postgresqlUsing: "hash" });
    assertCompile(new sa.CreateIndex(idx), "CREATE INDEX test_idx3 ON testtbl USING hash (data)", {
      ...PG,
      params: {},
    });
  });

  it("renders postgresqlInclude as INCLUDE (...) [postgresql/test_compiler::CompileTest::test_index_extra_include_1]", () => {
    const tbl = new sa.Table(
      "test",
      new sa.MetaData(),
      new sa.Column("x", sa.Integer),
      new sa.Column("y", sa.Integer),
      new sa.Column("z", sa.Integer),
    );
    const idx = new sa.Index("foo", tbl.c.x, { postgresqlInclude: ["y"] });
    assertCompile(new sa.CreateIndex(idx), "CREATE INDEX foo ON test (x) INCLUDE (y)", { ...PG, params: {} });
  });

  it("renders functional and expression indexes, parenthesising binary expressions [postgresql/test_compiler::CompileTest::test_create_index_literals]", () => {
    const tbl = new sa.Table(
      "testtbl",
      new sa.MetaData(),
      new sa.Column("data", sa.String),
      new sa.Column("x", sa.Integer),
    );
    assertCompile(
      new sa.CreateIndex(new sa.Index("test_idx1", sa.func.lower(tbl.c.data))),
      "CREATE INDEX test_idx1 ON testtbl (lower(data))",
      { ...PG, params: {} },
    );
    assertCompile(
      new sa.CreateIndex(new sa.Index("test_idx2", tbl.c.x.add(5))),
      "CREATE INDEX test_idx2 ON testtbl ((x + 5))",
      { ...PG, params: {} },
    );
  });
});

describe("postgresql: FOR UPDATE OF [test_compiler::test_for_update, test_for_update_with_schema]", () => {
  const meta = new sa.MetaData();
  const st = new sa.Table(
    "mytable",
    meta,
    new sa.Column("myid", sa.Integer),
    new sa.Column("name", sa.String),
    { schema: "testschema" },
  );
  const t2 = sa.table("table2", sa.column("otherid", sa.Integer));
  const head =
    "SELECT testschema.mytable.myid, testschema.mytable.name FROM testschema.mytable WHERE testschema.mytable.myid = %(myid_1)s";
  const cases: [string, sa.ClauseElement | sa.ClauseElement[], string][] = [
    ["text", sa.text("table1"), "table1"],
    ["a literal column", sa.literalColumn("table1"), "table1"],
    ["a join: its tables", st.join(t2, st.c.myid.eq(t2.c.otherid)), "mytable, table2"],
    ["a schema table, unqualified", st, "mytable"],
    ["columns: their tables, once each", [st.c.myid, st.c.name, t2.c.otherid], "mytable, table2"],
    ["an alias", st.alias("ta"), "ta"],
  ];
  for (const [what, of, names] of cases) {
    it(what, () => {
      assertCompile(
        sa.select(st).where(st.c.myid.eq(7)).forUpdate({ of }),
        `${head} FOR UPDATE OF ${names}`,
        {
          dialect: "postgresql",
        },
      );
    });
  }
});
