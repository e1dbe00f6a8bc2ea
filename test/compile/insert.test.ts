/**
 * Golden INSERT compiles. Expected SQL and parameters are SQLAlchemy 2.0's output for the same
 * construct and dialect, taken from test/sql/test_insert.py, test/sql/test_returning.py and
 * test/dialect/postgresql/test_compiler.py, or worked out from lib/sqlalchemy/sql/crud.py where a
 * case is marked "adapted". A bind SQLAlchemy leaves at None (a required bind with no value, a
 * Python-side default evaluated only at execution) is `null` here.
 */
import { describe, expect, it } from "vitest";
import { postgresql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { table1, table2, users } from "../fixtures/tables.js";
import { assertCompile } from "../helpers/compile.js";

/**
 * For compiles with `columnKeys`: SQLAlchemy gives each keyed bind its REQUIRED marker as the value,
 * which has no fixed JS spelling, so only the names of those binds are pinned; the other binds are
 * pinned by name and value.
 */
function expectKeyedParams(
  compiled: sa.Compiled | null,
  others: Record<string, unknown>,
  keyed: string[],
): void {
  const params = compiled!.params as Record<string, unknown>;
  expect(Object.keys(params).sort()).toEqual([...Object.keys(others), ...keyed].sort());
  for (const [name, value] of Object.entries(others)) expect(params[name]).toEqual(value);
}

/** test_insert.py's own myothertable, whose otherid is an integer primary key. */
const myothertable = new sa.Table(
  "myothertable",
  new sa.MetaData(),
  new sa.Column("otherid", sa.Integer, { primaryKey: true }),
  new sa.Column("othername", sa.String(30)),
);

/** test_insert.py's table_w_defaults: a scalar default, a server default and a callable default. */
const tableWDefaults = new sa.Table(
  "table_w_defaults",
  new sa.MetaData(),
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("x", sa.Integer, { default: 10 }),
  new sa.Column("y", sa.Integer, { serverDefault: sa.text("5") }),
  new sa.Column("z", sa.Integer, { default: () => 10 }),
);

/** A lightweight two-column table, as test_insert.py builds with table("foo", column("x"), column("y")). */
const foo = sa.table("foo", sa.column("x"), sa.column("y"));

/** test_insert.py's sometable(id INTEGER PK, foo): one fresh table per default style. */
const pk = () => new sa.Column("id", sa.Integer, { primaryKey: true });
const sometableSqlDefault = () =>
  new sa.Table(
    "sometable",
    new sa.MetaData(),
    pk(),
    new sa.Column("foo", sa.Integer, { default: sa.func.foobar() }),
  );
const sometableScalarDefault = () =>
  new sa.Table("sometable", new sa.MetaData(), pk(), new sa.Column("foo", sa.Integer, { default: 12 }));
const sometableFnDefault = () =>
  new sa.Table("sometable", new sa.MetaData(), pk(), new sa.Column("foo", sa.Integer, { default: () => 12 }));

/** MultirowTest's sometable(id INTEGER PK, data, foo): one fresh table per kind of foo. */
const data = () => new sa.Column("data", sa.String);
const multiSqlDefault = () =>
  new sa.Table(
    "sometable",
    new sa.MetaData(),
    pk(),
    data(),
    new sa.Column("foo", sa.Integer, { default: sa.func.foobar() }),
  );
const multiScalarDefault = () =>
  new sa.Table(
    "sometable",
    new sa.MetaData(),
    pk(),
    data(),
    new sa.Column("foo", sa.Integer, { default: 10 }),
  );
const multiFnDefault = () =>
  new sa.Table(
    "sometable",
    new sa.MetaData(),
    pk(),
    data(),
    new sa.Column("foo", sa.Integer, { default: () => 10 }),
  );
const multiPlain = () =>
  new sa.Table("sometable", new sa.MetaData(), pk(), data(), new sa.Column("foo", sa.Integer));
const multiServerDefault = () =>
  new sa.Table(
    "sometable",
    new sa.MetaData(),
    pk(),
    data(),
    new sa.Column("foo", sa.Integer, { serverDefault: sa.func.foobar() }),
  );

/** t(id INTEGER PK with Sequence('id_seq'), data). */
const seqTable = new sa.Table(
  "t",
  new sa.MetaData(),
  new sa.Column("id", sa.Integer, new sa.Sequence("id_seq"), { primaryKey: true }),
  new sa.Column("data", sa.String),
);

/** A table whose Python-side names differ from the SQL names (Column key=). */
const keyed = new sa.Table(
  "keyed",
  new sa.MetaData(),
  new sa.Column("x", sa.Integer, { key: "colx" }),
  new sa.Column("y", sa.Integer, { key: "coly" }),
  new sa.Column("z", sa.Integer),
);

/** test_returning.py's foo: id PK, q with a server default, x, y. */
const retFoo = new sa.Table(
  "foo",
  new sa.MetaData(),
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("q", sa.Integer, { serverDefault: "5" }),
  new sa.Column("x", sa.Integer),
  new sa.Column("y", sa.Integer),
);

describe("INSERT: which columns render", () => {
  it("renders every column as a bind when there are no values and no column keys [test_insert::test_generic_insert_bind_params_all_columns]", () => {
    assertCompile(
      sa.insert(table1),
      "INSERT INTO mytable (myid, name, description) VALUES (:myid, :name, :description)",
      {
        params: { myid: null, name: null, description: null },
      },
    );
  });

  it("limits the columns to the column keys [test_insert::test_binds_that_match_columns; adapted]", () => {
    const c = assertCompile(table1.insert(), "INSERT INTO mytable (name) VALUES (:name)", {
      columnKeys: ["name"],
    });
    expectKeyedParams(c, {}, ["name"]);
  });

  it("leaves out a nullable composite primary key column that has no value [test_insert::test_anticipate_nullable_composite_pk]", () => {
    const t = new sa.Table(
      "t",
      new sa.MetaData(),
      new sa.Column("x", sa.Integer, { primaryKey: true }),
      new sa.Column("y", sa.Integer, { primaryKey: true, nullable: true }),
    );
    const c = assertCompile(t.insert(), "INSERT INTO t (x) VALUES (:x)", { columnKeys: ["x"] });
    expectKeyedParams(c, {}, ["x"]);
  });

  it("binds values() under the column names, in table order [test_insert::test_insert_with_values_dict]", () => {
    assertCompile(
      sa.insert(table1).values({ myid: 3, name: "jack" }),
      "INSERT INTO mytable (myid, name) VALUES (:myid, :name)",
      {
        params: { myid: 3, name: "jack" },
      },
    );
    assertCompile(
      sa.insert(table1).values({ name: "jack", myid: 3 }),
      "INSERT INTO mytable (myid, name) VALUES (:myid, :name)",
      {
        params: { myid: 3, name: "jack" },
      },
    );
  });

  it("renders the values inline with literalBinds [test_insert::test_insert_literal_binds]", () => {
    assertCompile(
      table1.insert().values({ myid: 3, name: "jack" }),
      "INSERT INTO mytable (myid, name) VALUES (3, 'jack')",
      {
        literalBinds: true,
        params: {},
      },
    );
  });

  it("renders a SQL function value inline [test_insert::test_insert_with_values_func]", () => {
    assertCompile(
      sa.insert(table1).values({ myid: sa.func.lala() }),
      "INSERT INTO mytable (myid) VALUES (lala())",
      {
        params: {},
      },
    );
  });

  it("uses the names of user-supplied bindparams [test_insert::test_insert_with_user_supplied_bind_params]", () => {
    assertCompile(
      sa.insert(table1).values({ myid: sa.bindparam("userid"), name: sa.bindparam("username") }),
      "INSERT INTO mytable (myid, name) VALUES (:userid, :username)",
      { params: { userid: null, username: null } },
    );
  });

  it("merges chained values() calls [test_insert::test_insert_values_multiple]", () => {
    assertCompile(
      sa
        .insert(table1)
        .values({ myid: sa.bindparam("userid") })
        .values({ name: sa.bindparam("username") }),
      "INSERT INTO mytable (myid, name) VALUES (:userid, :username)",
      { params: { userid: null, username: null } },
    );
  });

  it("binds a column's values under the column key, not its SQL name [test_insert::test_insert_with_values_dict; adapted]", () => {
    assertCompile(keyed.insert().values({ colx: 1, z: 3 }), "INSERT INTO keyed (x, z) VALUES (:colx, :z)", {
      params: { colx: 1, z: 3 },
    });
    assertCompile(keyed.insert(), "INSERT INTO keyed (x, y, z) VALUES (:colx, :coly, :z)", {
      params: { colx: null, coly: null, z: null },
    });
  });

  it("allows a bindparam named after another column when that column has no value [test_insert::test_binds_that_match_columns]", () => {
    assertCompile(foo.insert().values({ x: sa.bindparam("y") }), "INSERT INTO foo (x) VALUES (:y)", {
      params: { y: null },
    });
  });

  it("rejects a bindparam named after a column that also gets a value [test_insert::test_binds_that_match_columns]", () => {
    const stmt = foo.insert().values({ x: sa.bindparam("y"), y: 5 });
    const compile = () => stmt.compile({ dialect: new sa.DefaultDialect() });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow(
      "bindparam() name 'y' is reserved for automatic usage in the VALUES or SET clause of this insert/update statement.",
    );
  });

  it("does not count bindparams inside a value expression as columns [test_insert::test_binds_that_match_columns]", () => {
    const stmt = foo.insert().values({ x: sa.literal(3).add(sa.bindparam("x")) });
    assertCompile(stmt, "INSERT INTO foo (x) VALUES ((:param_1 + :x))", { params: { param_1: 3, x: null } });
    const c = assertCompile(stmt, "INSERT INTO foo (x, y) VALUES ((:param_1 + :x), :y)", {
      columnKeys: ["x", "y"],
    });
    expectKeyedParams(c, { param_1: 3, x: null }, ["y"]);
  });

  it("raises CompileError naming a values() key that matches no column [test_insert::test_unconsumed_names_kwargs]", () => {
    const t = sa.table("t", sa.column("x"), sa.column("y"));
    // z is deliberately not a column of t
    const stmt = t.insert().values({ x: 5, z: 5 } as never);
    const compile = () => stmt.compile({ dialect: new sa.DefaultDialect() });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow("Unconsumed column names: z");
  });

  it("raises CompileError naming an unknown key in multi-row values on postgresql [test_insert::test_unconsumed_names_multi_values_dict]", () => {
    // unknowncol is deliberately not a column of mytable
    const stmt = sa.insert(table1).values([
      { myid: 3, name: "jack", unknowncol: "oops" },
      { myid: 4, name: "someone", unknowncol: "oops" },
    ] as never);
    const compile = () => stmt.compile({ dialect: postgresql.dialect() });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow("Unconsumed column names: unknowncol");
  });
});

describe("INSERT: column defaults", () => {
  it("renders a SQL-expression default inline [test_insert::test_inline_default]", () => {
    const t = sometableSqlDefault();
    assertCompile(t.insert().values({}), "INSERT INTO sometable (foo) VALUES (foobar())", { params: {} });
  });

  it("renders a SQL-expression default inline for inline() with empty column keys [test_insert::test_inline_default]", () => {
    const t = sometableSqlDefault();
    assertCompile(t.insert().inline(), "INSERT INTO sometable (foo) VALUES (foobar())", {
      columnKeys: [],
      params: {},
    });
  });

  it("renders function and scalar-subquery defaults inline, with their binds [test_insert::test_inline_defaults]", () => {
    const md = new sa.MetaData();
    const fooT = new sa.Table("foo", md, new sa.Column("id", sa.Integer));
    const t = new sa.Table(
      "test",
      md,
      new sa.Column("col1", sa.Integer, { default: sa.func.foo(1) }),
      new sa.Column("col2", sa.Integer, {
        default: sa.select(sa.func.coalesce(sa.func.max(fooT.c.id))).scalarSubquery(),
      }),
    );
    const expected =
      "INSERT INTO test (col1, col2) VALUES (foo(:foo_1), (SELECT coalesce(max(foo.id)) AS coalesce_1 FROM foo))";
    assertCompile(t.insert().values({}), expected, { params: { foo_1: 1 } });
    assertCompile(t.insert().inline().values({}), expected, { params: { foo_1: 1 } });
  });

  it("prefetches scalar and callable defaults as binds and leaves server defaults out [test_insert::test_positional_w_defaults; adapted]", () => {
    assertCompile(
      tableWDefaults.insert().values({ id: 1 }),
      "INSERT INTO table_w_defaults (id, x, z) VALUES (:id, :x, :z)",
      {
        params: { id: 1, x: null, z: null },
      },
    );
  });

  it("adds RETURNING for the autoincrement key on postgresql, next to prefetched defaults [test_insert::InsertImplicitReturningTest; adapted]", () => {
    assertCompile(
      tableWDefaults.insert().values({ x: 5 }),
      "INSERT INTO table_w_defaults (x, z) VALUES (%(x)s, %(z)s) RETURNING table_w_defaults.id",
      { dialect: "postgresql", params: { x: 5, z: null } },
    );
  });

  it("returnDefaults() on postgresql returns the key and the server-default column [test_returning::ReturnDefaultsTest; adapted]", () => {
    assertCompile(
      tableWDefaults.insert().values({ x: 5 }).returnDefaults(),
      "INSERT INTO table_w_defaults (x, z) VALUES (%(x)s, %(z)s) RETURNING table_w_defaults.id, table_w_defaults.y",
      { dialect: "postgresql", params: { x: 5, z: null } },
    );
  });

  it("uses lastrowid, not RETURNING, for a single-row INSERT on sqlite [test_insert::test_sql_expression_pk_autoinc_lastinserted; adapted]", () => {
    assertCompile(
      tableWDefaults.insert().values({ x: 5 }),
      "INSERT INTO table_w_defaults (x, z) VALUES (?, ?)",
      {
        dialect: "sqlite",
        positional: [5, null],
      },
    );
  });

  it("renders nextval() for a Sequence primary key on postgresql and returns it [test_insert::test_insert_from_select_seq; adapted]", () => {
    assertCompile(
      seqTable.insert().values({ data: "d" }),
      "INSERT INTO t (id, data) VALUES (nextval('id_seq'), %(data)s) RETURNING t.id",
      { dialect: "postgresql", params: { data: "d" } },
    );
  });

  it("ignores the Sequence on sqlite, which has none [test_insert::test_insert_from_select_seq; adapted]", () => {
    assertCompile(seqTable.insert().values({ data: "d" }), "INSERT INTO t (data) VALUES (?)", {
      dialect: "sqlite",
      positional: ["d"],
    });
  });
});

describe("INSERT: implicit RETURNING of the primary key", () => {
  it("adds RETURNING for the integer primary key on postgresql [test_insert::test_insert_single_element_values]", () => {
    assertCompile(
      myothertable.insert().values({ othername: "foo" }),
      "INSERT INTO myothertable (othername) VALUES (%(othername)s) RETURNING myothertable.otherid",
      { dialect: "postgresql", params: { othername: "foo" } },
    );
  });

  it("adds RETURNING when the columns come from column keys on postgresql [test_insert::test_insert_single_element_values; adapted]", () => {
    const c = assertCompile(users.insert(), "INSERT INTO users (name) VALUES (%(name)s) RETURNING users.id", {
      dialect: "postgresql",
      columnKeys: ["name"],
    });
    expectKeyedParams(c, {}, ["name"]);
  });

  it("adds no RETURNING when there are no values and no column keys [test_returning::test_return_combinations; adapted]", () => {
    assertCompile(
      users.insert(),
      "INSERT INTO users (id, name, fullname) VALUES (%(id)s, %(name)s, %(fullname)s)",
      {
        dialect: "postgresql",
        params: { id: null, name: null, fullname: null },
      },
    );
  });

  it("adds no RETURNING for inline() [test_insert::InsertImplicitReturningTest; adapted]", () => {
    assertCompile(
      users.insert().values({ name: "x" }).inline(),
      "INSERT INTO users (name) VALUES (%(name)s)",
      {
        dialect: "postgresql",
        params: { name: "x" },
      },
    );
  });

  it("adds no RETURNING on sqlite, which uses lastrowid [test_insert::test_sql_expression_pk_autoinc_lastinserted; adapted]", () => {
    assertCompile(users.insert().values({ name: "x" }), "INSERT INTO users (name) VALUES (?)", {
      dialect: "sqlite",
      positional: ["x"],
    });
  });

  it("adds no RETURNING on mysql [test_insert::test_prefix_with; adapted]", () => {
    assertCompile(users.insert().values({ name: "x" }), "INSERT INTO users (name) VALUES (%s)", {
      dialect: "mysql",
      positional: ["x"],
    });
  });

  it("returns the autoincrement key and the other unset columns for returnDefaults() on postgresql [test_returning::ReturnDefaultsTest; adapted]", () => {
    assertCompile(
      users.insert().values({ name: "x" }).returnDefaults(),
      "INSERT INTO users (name) VALUES (%(name)s) RETURNING users.id, users.fullname",
      { dialect: "postgresql", params: { name: "x" } },
    );
  });

  it("adds no RETURNING for INSERT..SELECT [test_insert::test_insert_select]", () => {
    const sel = sa.select(table1.c.myid, table1.c.name).where(table1.c.name.eq("foo"));
    assertCompile(
      myothertable.insert().fromSelect(["otherid", "othername"], sel),
      "INSERT INTO myothertable (otherid, othername) SELECT mytable.myid, mytable.name FROM mytable " +
        "WHERE mytable.name = %(name_1)s",
      { dialect: "postgresql", params: { name_1: "foo" } },
    );
  });

  it("adds no RETURNING for INSERT..SELECT with returnDefaults() [test_insert::test_insert_select_return_defaults]", () => {
    const sel = sa.select(table1.c.myid, table1.c.name).where(table1.c.name.eq("foo"));
    assertCompile(
      myothertable.insert().fromSelect(["otherid", "othername"], sel).returnDefaults(myothertable.c.otherid),
      "INSERT INTO myothertable (otherid, othername) SELECT mytable.myid, mytable.name FROM mytable " +
        "WHERE mytable.name = %(name_1)s",
      { dialect: "postgresql", params: { name_1: "foo" } },
    );
  });

  it("adds no RETURNING for multi-row values [test_insert::test_insert_multiple_values]", () => {
    assertCompile(
      myothertable.insert().values([{ othername: "foo" }, { othername: "bar" }]),
      "INSERT INTO myothertable (othername) VALUES (%(othername_m0)s), (%(othername_m1)s)",
      { dialect: "postgresql", params: { othername_m0: "foo", othername_m1: "bar" } },
    );
  });

  it("renders multi-row values inline with literalBinds [test_insert::test_insert_multiple_values_literal_binds]", () => {
    assertCompile(
      myothertable.insert().values([{ othername: "foo" }, { othername: "bar" }]),
      "INSERT INTO myothertable (othername) VALUES ('foo'), ('bar')",
      { dialect: "postgresql", literalBinds: true, params: {} },
    );
  });

  it("adds no RETURNING for multi-row values with returnDefaults() [test_insert::test_insert_multiple_values_return_defaults]", () => {
    assertCompile(
      myothertable
        .insert()
        .values([{ othername: "foo" }, { othername: "bar" }])
        .returnDefaults(myothertable.c.otherid),
      "INSERT INTO myothertable (othername) VALUES (%(othername_m0)s), (%(othername_m1)s)",
      { dialect: "postgresql", params: { othername_m0: "foo", othername_m1: "bar" } },
    );
  });

  it("treats a one-element list as multi-row values [test_insert::test_insert_single_list_values]", () => {
    assertCompile(
      myothertable.insert().values([{ othername: "foo" }]),
      "INSERT INTO myothertable (othername) VALUES (%(othername_m0)s)",
      { dialect: "postgresql", params: { othername_m0: "foo" } },
    );
  });
});

describe("INSERT: explicit RETURNING", () => {
  it("renders RETURNING on the default dialect [test_insert::test_insert_returning_not_in_default]", () => {
    assertCompile(
      table1.insert().returning(table1.c.myid),
      "INSERT INTO mytable (myid, name, description) VALUES (:myid, :name, :description) RETURNING mytable.myid",
      { params: { myid: null, name: null, description: null } },
    );
  });

  it("renders table-qualified RETURNING columns on postgresql [test_postgresql/test_compiler::test_insert_returning]", () => {
    assertCompile(
      sa.insert(table1).values({ name: "foo" }).returning(table1.c.myid, table1.c.name),
      "INSERT INTO mytable (name) VALUES (%(name)s) RETURNING mytable.myid, mytable.name",
      { dialect: "postgresql", params: { name: "foo" } },
    );
  });

  it("expands a table in returning() to all its columns [test_postgresql/test_compiler::test_insert_returning]", () => {
    assertCompile(
      sa.insert(table1).values({ name: "foo" }).returning(table1),
      "INSERT INTO mytable (name) VALUES (%(name)s) RETURNING mytable.myid, mytable.name, mytable.description",
      { dialect: "postgresql", params: { name: "foo" } },
    );
  });

  it("labels a function in RETURNING anonymously [test_postgresql/test_compiler::test_insert_returning]", () => {
    assertCompile(
      sa.insert(table1).values({ name: "foo" }).returning(sa.func.length(table1.c.name)),
      "INSERT INTO mytable (name) VALUES (%(name)s) RETURNING length(mytable.name) AS length_1",
      { dialect: "postgresql", params: { name: "foo" } },
    );
  });

  it("renders unqualified RETURNING columns on sqlite [test_sqlite/test_compiler::test_insert_returning; adapted]", () => {
    assertCompile(
      sa.insert(table1).values({ name: "foo" }).returning(table1.c.myid, table1.c.name),
      "INSERT INTO mytable (name) VALUES (?) RETURNING myid, name",
      { dialect: "sqlite", positional: ["foo"] },
    );
  });

  it("accumulates successive returning() calls [test_returning::test_return_combinations]", () => {
    assertCompile(
      sa.insert(retFoo).returning(retFoo.c.x).returning(retFoo.c.y),
      "INSERT INTO foo (id, q, x, y) VALUES (%(id)s, %(q)s, %(x)s, %(y)s) RETURNING foo.x, foo.y",
      { dialect: "postgresql", params: { id: null, q: null, x: null, y: null } },
    );
  });

  it("rejects returning() combined with returnDefaults() at compile time [test_returning::test_return_no_return_defaults]", () => {
    const stmt = retFoo.insert().returning(retFoo.c.x).returnDefaults();
    const compile = () => stmt.compile({ dialect: postgresql.dialect() });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow(
      "Can't compile statement that includes returning() and return_defaults() simultaneously",
    );
  });

  it("renders RETURNING after INSERT..SELECT [test_insert::test_insert_from_select_returning]", () => {
    const sel = sa.select(table1.c.myid, table1.c.name).where(table1.c.name.eq("foo"));
    assertCompile(
      myothertable.insert().fromSelect(["otherid", "othername"], sel).returning(myothertable.c.otherid),
      "INSERT INTO myothertable (otherid, othername) SELECT mytable.myid, mytable.name FROM mytable " +
        "WHERE mytable.name = %(name_1)s RETURNING myothertable.otherid",
      { dialect: "postgresql", params: { name_1: "foo" } },
    );
  });
});

describe("INSERT: empty VALUES", () => {
  it("renders () VALUES () where the dialect has no DEFAULT VALUES [test_insert::test_empty_insert_default]", () => {
    assertCompile(table1.insert().values({}), "INSERT INTO mytable () VALUES ()", { params: {} });
  });

  it("renders DEFAULT VALUES where the dialect supports it [test_insert::test_supports_empty_insert_true]", () => {
    assertCompile(table1.insert().values({}), "INSERT INTO mytable DEFAULT VALUES", {
      dialect: new sa.DefaultDialect({ supportsDefaultValues: true }),
      params: {},
    });
  });

  it("renders DEFAULT VALUES on sqlite [test_insert::test_supports_empty_insert_true; adapted]", () => {
    assertCompile(table1.insert().values({}), "INSERT INTO mytable DEFAULT VALUES", {
      dialect: "sqlite",
      positional: [],
    });
  });

  it("renders () VALUES () on mysql [test_insert::test_empty_insert_default; adapted]", () => {
    assertCompile(table1.insert().values({}), "INSERT INTO mytable () VALUES ()", {
      dialect: "mysql",
      positional: [],
    });
  });

  it("renders DEFAULT VALUES then RETURNING of the key on postgresql [test_insert::test_supports_empty_insert_true; adapted]", () => {
    const t = new sa.Table("t", new sa.MetaData(), new sa.Column("id", sa.Integer, { primaryKey: true }));
    assertCompile(t.insert().values({}), "INSERT INTO t DEFAULT VALUES RETURNING t.id", {
      dialect: "postgresql",
      params: {},
    });
  });

  it("lets a later values() fill an empty one [test_insert::test_insert_with_empty_collection_values]", () => {
    const ins = table1.insert().values({});
    assertCompile(ins, "INSERT INTO mytable () VALUES ()", { params: {} });
    assertCompile(ins.values({ myid: 3 }), "INSERT INTO mytable (myid) VALUES (:myid)", {
      params: { myid: 3 },
    });
  });
});

describe("INSERT: multi-row VALUES", () => {
  it("raises CompileError on a dialect without multi-row VALUES [test_insert::test_not_supported]", () => {
    const stmt = table1.insert().values([{ myid: 1 }, { myid: 2 }]);
    const compile = () => stmt.compile({ dialect: new sa.DefaultDialect() });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow(
      "The 'default' dialect with current database version settings does not support in-place multirow inserts.",
    );
  });

  it("names the binds name_m0, name_m1, ... [test_insert::test_named]", () => {
    assertCompile(
      table1.insert().values([
        { myid: 1, name: "a", description: "b" },
        { myid: 2, name: "c", description: "d" },
        { myid: 3, name: "e", description: "f" },
      ]),
      "INSERT INTO mytable (myid, name, description) VALUES " +
        "(:myid_m0, :name_m0, :description_m0), " +
        "(:myid_m1, :name_m1, :description_m1), " +
        "(:myid_m2, :name_m2, :description_m2)",
      {
        dialect: new sa.DefaultDialect({ supportsMultivaluesInsert: true }),
        params: {
          myid_m0: 1,
          myid_m1: 2,
          myid_m2: 3,
          name_m0: "a",
          name_m1: "c",
          name_m2: "e",
          description_m0: "b",
          description_m1: "d",
          description_m2: "f",
        },
      },
    );
  });

  it("orders positional multi-row parameters row by row [test_insert::test_positional]", () => {
    assertCompile(
      table1.insert().values([
        { myid: 1, name: "a", description: "b" },
        { myid: 2, name: "c", description: "d" },
        { myid: 3, name: "e", description: "f" },
      ]),
      "INSERT INTO mytable (myid, name, description) VALUES (%s, %s, %s), (%s, %s, %s), (%s, %s, %s)",
      {
        dialect: new sa.DefaultDialect({ supportsMultivaluesInsert: true, paramstyle: "format" }),
        positional: [1, "a", "b", 2, "c", "d", 3, "e", "f"],
      },
    );
  });

  it("prefetches Python defaults in every row [test_insert::test_positional_w_defaults]", () => {
    assertCompile(
      tableWDefaults.insert().values([{ id: 1 }, { id: 2 }, { id: 3 }]),
      "INSERT INTO table_w_defaults (id, x, z) VALUES (%s, %s, %s), (%s, %s, %s), (%s, %s, %s)",
      {
        dialect: new sa.DefaultDialect({ supportsMultivaluesInsert: true, paramstyle: "format" }),
        positional: [1, null, null, 2, null, null, 3, null, null],
      },
    );
  });

  it("appends the rows of successive multi-row values() calls [test_insert::test_multi_multi]", () => {
    const stmt = table1
      .insert()
      .values([{ myid: 1, name: "d1" }])
      .values([
        { myid: 2, name: "d2" },
        { myid: 3, name: "d3" },
      ]);
    assertCompile(
      stmt,
      "INSERT INTO mytable (myid, name) VALUES (%(myid_m0)s, %(name_m0)s), (%(myid_m1)s, %(name_m1)s), " +
        "(%(myid_m2)s, %(name_m2)s)",
      {
        dialect: "postgresql",
        params: { myid_m0: 1, name_m0: "d1", myid_m1: 2, name_m1: "d2", myid_m2: 3, name_m2: "d3" },
      },
    );
  });

  it("rejects mixing single and multi-row values() [test_insert::test_mix_single_and_multi_single_first]", () => {
    // SQLAlchemy raises when compiling; raising from values() is as good, so both sit in the closure
    const compile = () =>
      table1
        .insert()
        .values({ myid: 1, name: "d1" })
        .values([
          { myid: 2, name: "d2" },
          { myid: 3, name: "d3" },
        ])
        .compile({ dialect: postgresql.dialect() });
    expect(compile).toThrow(sa.exc.InvalidRequestError);
    expect(compile).toThrow("Can't mix single and multiple VALUES formats in one INSERT statement");
  });

  it("renders a SQL default in the rows that lack the column [test_insert::MultirowTest::test_inline_default]", () => {
    const t = multiSqlDefault();
    assertCompile(
      t.insert().values([
        { id: 1, data: "data1" },
        // @ts-expect-error SQLAlchemy's test puts a string in an Integer column
        { id: 2, data: "data2", foo: "plainfoo" },
        { id: 3, data: "data3" },
      ]),
      "INSERT INTO sometable (id, data, foo) VALUES " +
        "(%(id_m0)s, %(data_m0)s, foobar()), " +
        "(%(id_m1)s, %(data_m1)s, %(foo_m1)s), " +
        "(%(id_m2)s, %(data_m2)s, foobar())",
      {
        dialect: "postgresql",
        params: {
          id_m0: 1,
          id_m1: 2,
          id_m2: 3,
          data_m0: "data1",
          data_m1: "data2",
          data_m2: "data3",
          foo_m1: "plainfoo",
        },
      },
    );
  });

  it("prefetches a scalar default as foo, foo_m1, foo_m2 [test_insert::test_python_scalar_default]", () => {
    const t = multiScalarDefault();
    assertCompile(
      t.insert().values([
        { id: 1, data: "data1" },
        { id: 2, data: "data2", foo: 15 },
        { id: 3, data: "data3" },
      ]),
      "INSERT INTO sometable (id, data, foo) VALUES " +
        "(%(id_m0)s, %(data_m0)s, %(foo)s), " +
        "(%(id_m1)s, %(data_m1)s, %(foo_m1)s), " +
        "(%(id_m2)s, %(data_m2)s, %(foo_m2)s)",
      {
        dialect: "postgresql",
        params: {
          id_m0: 1,
          id_m1: 2,
          id_m2: 3,
          data_m0: "data1",
          data_m1: "data2",
          data_m2: "data3",
          foo: null,
          foo_m1: 15,
          foo_m2: null,
        },
      },
    );
  });

  it("prefetches a callable default the same way [test_insert::test_python_fn_default]", () => {
    const t = multiFnDefault();
    assertCompile(
      t.insert().values([
        { id: 1, data: "data1" },
        { id: 2, data: "data2", foo: 15 },
        { id: 3, data: "data3" },
      ]),
      "INSERT INTO sometable (id, data, foo) VALUES " +
        "(%(id_m0)s, %(data_m0)s, %(foo)s), " +
        "(%(id_m1)s, %(data_m1)s, %(foo_m1)s), " +
        "(%(id_m2)s, %(data_m2)s, %(foo_m2)s)",
      {
        dialect: "postgresql",
        params: {
          id_m0: 1,
          id_m1: 2,
          id_m2: 3,
          data_m0: "data1",
          data_m1: "data2",
          data_m2: "data3",
          foo: null,
          foo_m1: 15,
          foo_m2: null,
        },
      },
    );
  });

  it("renders SQL-function values per row and binds only the literals [test_insert::test_sql_functions]", () => {
    const t = multiPlain();
    assertCompile(
      t.insert().values([
        { id: 1, data: "foo", foo: sa.func.foob() },
        { id: 2, data: "bar", foo: sa.func.foob() },
        { id: 3, data: "bar", foo: sa.func.bar() },
        { id: 4, data: "bar", foo: 15 },
        { id: 5, data: "bar", foo: sa.func.foob() },
      ]),
      "INSERT INTO sometable (id, data, foo) VALUES " +
        "(%(id_m0)s, %(data_m0)s, foob()), " +
        "(%(id_m1)s, %(data_m1)s, foob()), " +
        "(%(id_m2)s, %(data_m2)s, bar()), " +
        "(%(id_m3)s, %(data_m3)s, %(foo_m3)s), " +
        "(%(id_m4)s, %(data_m4)s, foob())",
      {
        dialect: "postgresql",
        params: {
          id_m0: 1,
          data_m0: "foo",
          id_m1: 2,
          data_m1: "bar",
          id_m2: 3,
          data_m2: "bar",
          id_m3: 4,
          data_m3: "bar",
          foo_m3: 15,
          id_m4: 5,
          data_m4: "bar",
        },
      },
    );
  });

  it("takes the columns from the first row, leaving out a server-default column it lacks [test_insert::test_server_default]", () => {
    const t = multiServerDefault();
    assertCompile(
      t.insert().values([
        { id: 1, data: "data1" },
        // @ts-expect-error SQLAlchemy's test puts a string in an Integer column
        { id: 2, data: "data2", foo: "plainfoo" },
        { id: 3, data: "data3" },
      ]),
      "INSERT INTO sometable (id, data) VALUES (%(id_m0)s, %(data_m0)s), (%(id_m1)s, %(data_m1)s), " +
        "(%(id_m2)s, %(data_m2)s)",
      {
        dialect: "postgresql",
        params: { id_m0: 1, id_m1: 2, id_m2: 3, data_m0: "data1", data_m1: "data2", data_m2: "data3" },
      },
    );
  });

  it("raises CompileError when a later row lacks a column that has only a server default [test_insert::test_server_default_absent_value]", () => {
    const t = multiServerDefault();
    const stmt = t.insert().values([
      // @ts-expect-error SQLAlchemy's test puts a string in an Integer column
      { id: 1, data: "data1", foo: "plainfoo" },
      { id: 2, data: "data2" },
      // @ts-expect-error SQLAlchemy's test puts a string in an Integer column
      { id: 3, data: "data3", foo: "otherfoo" },
    ]);
    const compile = () => stmt.compile({ dialect: postgresql.dialect() });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow(
      /INSERT value for column sometable\.foo is explicitly rendered as a bound ?parameter in the VALUES clause/,
    );
  });

  it("renders multi-row VALUES with qmark binds on sqlite [test_insert::test_positional; adapted]", () => {
    assertCompile(
      table1.insert().values([
        { myid: 1, name: "a" },
        { myid: 2, name: "b" },
      ]),
      "INSERT INTO mytable (myid, name) VALUES (?, ?), (?, ?)",
      { dialect: "sqlite", positional: [1, "a", 2, "b"] },
    );
  });

  it("renders multi-row VALUES with format binds on mysql [test_insert::test_positional; adapted]", () => {
    assertCompile(
      table1.insert().values([
        { myid: 1, name: "a" },
        { myid: 2, name: "b" },
      ]),
      "INSERT INTO mytable (myid, name) VALUES (%s, %s), (%s, %s)",
      { dialect: "mysql", positional: [1, "a", 2, "b"] },
    );
  });
});

describe("INSERT..SELECT", () => {
  const sel = () => sa.select(table1.c.myid, table1.c.name).where(table1.c.name.eq("foo"));

  it("renders INSERT INTO .. (cols) SELECT .. [test_insert::test_insert_from_select_select]", () => {
    assertCompile(
      table2.insert().fromSelect(["otherid", "othername"], sel()),
      "INSERT INTO myothertable (otherid, othername) SELECT mytable.myid, mytable.name FROM mytable " +
        "WHERE mytable.name = :name_1",
      { params: { name_1: "foo" } },
    );
  });

  it("keeps the column order given to fromSelect() [test_insert::test_insert_from_select_select_alt_ordering]", () => {
    assertCompile(
      table2
        .insert()
        .fromSelect(
          ["othername", "otherid"],
          sa.select(table1.c.name, table1.c.myid).where(table1.c.name.eq("foo")),
        ),
      "INSERT INTO myothertable (othername, otherid) SELECT mytable.name, mytable.myid FROM mytable " +
        "WHERE mytable.name = :name_1",
      { params: { name_1: "foo" } },
    );
  });

  it("accepts column objects as the target columns [test_insert::test_insert_from_select_col_values]", () => {
    assertCompile(
      table2.insert().fromSelect([table2.c.otherid, table2.c.othername], sel()),
      "INSERT INTO myothertable (otherid, othername) SELECT mytable.myid, mytable.name FROM mytable " +
        "WHERE mytable.name = :name_1",
      { params: { name_1: "foo" } },
    );
  });

  it("adds a SQL default as an extra labelled SELECT column [test_insert::test_insert_from_select_with_sql_defaults]", () => {
    const t = sometableSqlDefault();
    assertCompile(
      t.insert().fromSelect(["id"], sa.select(table1.c.myid).where(table1.c.name.eq("foo"))),
      "INSERT INTO sometable (id, foo) SELECT mytable.myid, foobar() AS foobar_1 FROM mytable " +
        "WHERE mytable.name = :name_1",
      { params: { name_1: "foo" } },
    );
  });

  it("adds a scalar Python default as a prefetched bind column [test_insert::test_insert_from_select_with_python_defaults]", () => {
    const t = sometableScalarDefault();
    assertCompile(
      t.insert().fromSelect(["id"], sa.select(table1.c.myid).where(table1.c.name.eq("foo"))),
      "INSERT INTO sometable (id, foo) SELECT mytable.myid, :foo AS anon_1 FROM mytable WHERE mytable.name = :name_1",
      { params: { name_1: "foo", foo: null } },
    );
  });

  it("adds a callable Python default the same way [test_insert::test_insert_from_select_fn_defaults]", () => {
    const t = sometableFnDefault();
    assertCompile(
      t.insert().fromSelect(["id"], sa.select(table1.c.myid).where(table1.c.name.eq("foo"))),
      "INSERT INTO sometable (id, foo) SELECT mytable.myid, :foo AS anon_1 FROM mytable WHERE mytable.name = :name_1",
      { params: { name_1: "foo", foo: null } },
    );
  });

  it("does not add a default for a column the SELECT supplies [test_insert::test_insert_from_select_override_defaults]", () => {
    const t = sometableScalarDefault();
    assertCompile(
      t
        .insert()
        .fromSelect(
          ["id", "foo"],
          sa.select(table1.c.myid, table1.c.myid.label("q")).where(table1.c.name.eq("foo")),
        ),
      "INSERT INTO sometable (id, foo) SELECT mytable.myid, mytable.myid AS q FROM mytable WHERE mytable.name = :name_1",
      { params: { name_1: "foo" } },
    );
  });

  it("adds nextval() for a Sequence column on postgresql [test_insert::test_insert_from_select_seq]", () => {
    assertCompile(
      seqTable.insert().fromSelect(["data"], sa.select(seqTable.c.data)),
      "INSERT INTO t (data, id) SELECT t.data, nextval('id_seq') AS next_value_1 FROM t",
      { dialect: "postgresql", params: {} },
    );
  });

  it("does not change the SELECT it was given [test_insert::test_insert_from_select_dont_mutate_raw_columns]", () => {
    const t = new sa.Table(
      "mytable",
      new sa.MetaData(),
      new sa.Column("foo", sa.String),
      new sa.Column("bar", sa.String, { default: "baz" }),
    );
    const stmt = sa.select(t.c.foo);
    const ins = t.insert().fromSelect(["foo"], stmt);
    assertCompile(stmt, "SELECT mytable.foo FROM mytable", { params: {} });
    assertCompile(ins, "INSERT INTO mytable (foo, bar) SELECT mytable.foo, :bar AS anon_1 FROM mytable", {
      params: { bar: null },
    });
    assertCompile(stmt, "SELECT mytable.foo FROM mytable", { params: {} });
    assertCompile(ins, "INSERT INTO mytable (foo, bar) SELECT mytable.foo, :bar AS anon_1 FROM mytable", {
      params: { bar: null },
    });
  });

  it("inserts from a UNION [test_insert::test_insert_from_select_union]", () => {
    const name = sa.column("name");
    const description = sa.column("desc");
    const sel2 = sa.union(sa.select(name, table1.c.description), sa.select(name, description));
    assertCompile(
      table1.insert().fromSelect([table1.c.name, table1.c.description], sel2),
      'INSERT INTO mytable (name, description) SELECT name, mytable.description FROM mytable UNION SELECT name, "desc"',
      { params: {} },
    );
  });
});
