/**
 * Golden UPDATE and DELETE compiles. Expected SQL and parameters are SQLAlchemy 2.0's output for
 * the same construct and dialect, taken from test/sql/test_update.py, test/sql/test_delete.py,
 * test/sql/test_returning.py and test/dialect/postgresql/test_compiler.py, or worked out from
 * lib/sqlalchemy/sql/crud.py and compiler.py where a case is marked "adapted". Upstream's
 * UPDATE..FROM and DELETE..extra-FROM cases use the lenient string compiler; here they are
 * compiled on postgresql, sqlite and mysql, whose syntax for them is real. A bind SQLAlchemy leaves
 * at None is `null` here.
 */
import { describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { addresses, table1, table2, users } from "../fixtures/tables.js";
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

/** test_update.py's table("foo", column("x"), column("y")). */
const foo = sa.table("foo", sa.column("x"), sa.column("y"));

/** test_update.py's update_w_default: a key= column and a Python-side onupdate. */
const updateWDefault = new sa.Table(
  "update_w_default",
  new sa.MetaData(),
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("x", sa.Integer),
  new sa.Column("ycol", sa.Integer, { key: "y" }),
  new sa.Column("data", sa.String(30), { onupdate: () => "hi" }),
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

describe("UPDATE: SET clause", () => {
  it("renders values inline with literalBinds [test_update::test_update_literal_binds]", () => {
    assertCompile(
      table1.update().values({ name: "jack" }).where(table1.c.name.eq("jill")),
      "UPDATE mytable SET name='jack' WHERE mytable.name = 'jill'",
      { literalBinds: true, params: {} },
    );
  });

  it("sets every column when there are no values and no column keys [test_update::test_correlated_update_four]", () => {
    const s = sa.select(table2.c.othername).where(table2.c.otherid.eq(7));
    assertCompile(
      sa.update(table1).where(table1.c.name.eq(s.scalarSubquery())),
      "UPDATE mytable SET myid=:myid, name=:name, description=:description WHERE mytable.name = " +
        "(SELECT myothertable.othername FROM myothertable WHERE myothertable.otherid = :otherid_1)",
      { params: { myid: null, name: null, description: null, otherid_1: 7 } },
    );
  });

  it("correlates a scalar subquery in WHERE to the updated table [test_update::test_correlated_update_five]", () => {
    const s = sa.select(table2.c.othername).where(table2.c.otherid.eq(table1.c.myid));
    assertCompile(
      table1.update().where(table1.c.name.eq(s.scalarSubquery())),
      "UPDATE mytable SET myid=:myid, name=:name, description=:description WHERE mytable.name = " +
        "(SELECT myothertable.othername FROM myothertable WHERE myothertable.otherid = mytable.myid)",
      { params: { myid: null, name: null, description: null } },
    );
  });

  it("limits SET to the column keys [test_update::test_update_1]", () => {
    const c = assertCompile(
      sa.update(table1).where(table1.c.myid.eq(7)),
      "UPDATE mytable SET name=:name WHERE mytable.myid = :myid_1",
      { columnKeys: ["name"] },
    );
    expectKeyedParams(c, { myid_1: 7 }, ["name"]);
  });

  it("binds a SET value under the column name and a WHERE literal as myid_1 [test_update::test_update_2]", () => {
    assertCompile(
      table1.update().where(table1.c.myid.eq(7)).values({ myid: 5 }),
      "UPDATE mytable SET myid=:myid WHERE mytable.myid = :myid_1",
      { params: { myid: 5, myid_1: 7 } },
    );
  });

  it("renders a column value inline [test_update::test_update_4]", () => {
    assertCompile(sa.update(table1).values({ name: table1.c.myid }), "UPDATE mytable SET name=mytable.myid", {
      params: {},
    });
  });

  it("renders an arithmetic value in parentheses with a column-named bind [test_update::test_update_10; adapted]", () => {
    assertCompile(
      table1
        .update()
        .values({ myid: table1.c.myid.add(5) })
        .where(table1.c.name.eq("jack")),
      "UPDATE mytable SET myid=(mytable.myid + :myid_1) WHERE mytable.name = :name_1",
      { params: { myid_1: 5, name_1: "jack" } },
    );
  });

  it("renders an arithmetic value with qmark binds on sqlite [test_update::test_update_10; adapted]", () => {
    assertCompile(
      table1
        .update()
        .values({ myid: table1.c.myid.add(5) })
        .where(table1.c.name.eq("jack")),
      "UPDATE mytable SET myid=(mytable.myid + ?) WHERE mytable.name = ?",
      { dialect: "sqlite", positional: [5, "jack"] },
    );
  });

  it("renders a plain UPDATE with format binds on mysql [test_update::test_update_2; adapted]", () => {
    assertCompile(
      table1.update().values({ name: "foo" }).where(table1.c.myid.eq(7)),
      "UPDATE mytable SET name=%s WHERE mytable.myid = %s",
      { dialect: "mysql", positional: ["foo", 7] },
    );
  });

  it("keeps a user bindparam in WHERE next to a SET bind [test_update::test_update_5]", () => {
    assertCompile(
      sa
        .update(table1)
        .where(table1.c.name.eq(sa.bindparam("crit")))
        .values({ name: "hi" }),
      "UPDATE mytable SET name=:name WHERE mytable.name = :crit",
      { params: { name: "hi", crit: null } },
    );
  });

  it("adds keyed columns after the values() columns [test_update::test_update_6]", () => {
    const c = assertCompile(
      sa.update(table1).where(table1.c.myid.eq(12)).values({ name: table1.c.myid }),
      "UPDATE mytable SET name=mytable.myid, description=:description WHERE mytable.myid = :myid_1",
      { columnKeys: ["description"] },
    );
    expectKeyedParams(c, { myid_1: 12 }, ["description"]);
  });

  it("lets a later values() replace an earlier value for the same column [test_update::test_update_10]", () => {
    const c = assertCompile(
      sa
        .update(table1)
        .where(table1.c.myid.eq(12))
        .values({ name: table1.c.myid })
        .values({ name: table1.c.name.add("foo") }),
      "UPDATE mytable SET name=(mytable.name || :name_1), description=:description WHERE mytable.myid = :myid_1",
      { columnKeys: ["description"] },
    );
    expectKeyedParams(c, { name_1: "foo", myid_1: 12 }, ["description"]);
  });

  it("renders SET in table order whatever the order of values(), numbering anonymous binds in compile order [test_update::test_update_ordereddict]", () => {
    assertCompile(
      sa
        .update(table1)
        .where(
          sa.and(
            table1.c.myid.eq(sa.func.hoho(4)),
            table1.c.name.eq(sa.literal("foo").add(table1.c.name).add(sa.literal("lala"))),
          ),
        )
        .values({
          name: table1.c.name.add("lala"),
          myid: sa.func.do_stuff(table1.c.myid, sa.literal("hoho")),
        }),
      "UPDATE mytable SET myid=do_stuff(mytable.myid, :param_1), name=(mytable.name || :name_1) " +
        "WHERE mytable.myid = hoho(:hoho_1) AND mytable.name = :param_2 || mytable.name || :param_3",
      { params: { param_1: "hoho", name_1: "lala", hoho_1: 4, param_2: "foo", param_3: "lala" } },
    );
  });

  it("renders a text() value as written [test_update::test_correlated_update_one]", () => {
    assertCompile(
      sa.update(table1).values({ name: sa.text("(select name from mytable where id=mytable.id)") }),
      "UPDATE mytable SET name=(select name from mytable where id=mytable.id)",
      { params: {} },
    );
  });

  it("correlates a scalar subquery value against an alias of the same table [test_update::test_correlated_update_two]", () => {
    const mt = table1.alias();
    assertCompile(
      sa
        .update(table1)
        .values({ name: sa.select(mt.c.name).where(mt.c.myid.eq(table1.c.myid)).scalarSubquery() }),
      "UPDATE mytable SET name=(SELECT mytable_1.name FROM mytable AS mytable_1 WHERE mytable_1.myid = mytable.myid)",
      { params: {} },
    );
  });

  it("correlates a scalar subquery value to the updated table [test_update::test_correlated_update_three]", () => {
    const s = sa.select(table2).where(table2.c.otherid.eq(table1.c.myid)).scalarSubquery();
    assertCompile(
      sa.update(table1).where(table1.c.name.eq("jack")).values({ name: s }),
      "UPDATE mytable SET name=(SELECT myothertable.otherid, myothertable.othername FROM myothertable " +
        "WHERE myothertable.otherid = mytable.myid) WHERE mytable.name = :name_1",
      { params: { name_1: "jack" } },
    );
  });

  it("does not collide a column named foo_id with the bind for foo.id [test_update::test_labels_no_collision]", () => {
    const t = sa.table("foo", sa.column("id"), sa.column("foo_id"));
    assertCompile(
      t.update().where(t.c.id.eq(5)),
      "UPDATE foo SET id=:id, foo_id=:foo_id WHERE foo.id = :id_1",
      {
        params: { id: null, foo_id: null, id_1: 5 },
      },
    );
  });

  it("renders SQL onupdate defaults inline, including a scalar subquery [test_update::test_inline_defaults]", () => {
    const md = new sa.MetaData();
    const fooT = new sa.Table("foo", md, new sa.Column("id", sa.Integer));
    const t = new sa.Table(
      "test",
      md,
      new sa.Column("col1", sa.Integer, { onupdate: sa.func.foo(1) }),
      new sa.Column("col2", sa.Integer, {
        onupdate: sa.select(sa.func.coalesce(sa.func.max(fooT.c.id))).scalarSubquery(),
      }),
      new sa.Column("col3", sa.String(30)),
    );
    const expected =
      "UPDATE test SET col1=foo(:foo_1), col2=(SELECT coalesce(max(foo.id)) AS coalesce_1 FROM foo), col3=:col3";
    assertCompile(t.update().values({ col3: "foo" }), expected, { params: { foo_1: 1, col3: "foo" } });
    assertCompile(t.update().inline().values({ col3: "foo" }), expected, {
      params: { foo_1: 1, col3: "foo" },
    });
  });

  it("prefetches a Python onupdate and binds a key= column under its key [test_update::test_update_ordered_parameters_fire_onupdate; adapted]", () => {
    assertCompile(
      updateWDefault.update().values({ x: 5, y: 7 }),
      "UPDATE update_w_default SET x=:x, ycol=:y, data=:data",
      { params: { x: 5, y: 7, data: null } },
    );
  });

  it("prefetches a Python onupdate on postgresql [test_update::test_update_ordered_parameters_fire_onupdate; adapted]", () => {
    assertCompile(
      updateWDefault.update().values({ x: 5 }).where(updateWDefault.c.id.eq(1)),
      "UPDATE update_w_default SET x=%(x)s, data=%(data)s WHERE update_w_default.id = %(id_1)s",
      { dialect: "postgresql", params: { x: 5, data: null, id_1: 1 } },
    );
  });
});

describe("UPDATE: bind names that match columns", () => {
  const u = () => foo.update().where(foo.c.x.eq(sa.bindparam("x")));

  it("rejects a WHERE bindparam named after a column the SET clause binds [test_update::test_binds_that_match_columns]", () => {
    const compile = () => u().compile({ dialect: new sa.DefaultDialect() });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow(
      "bindparam() name 'x' is reserved for automatic usage in the VALUES or SET clause of this insert/update statement.",
    );
  });

  it("renders an empty SET for empty column keys [test_update::test_binds_that_match_columns]", () => {
    assertCompile(u(), "UPDATE foo SET  WHERE foo.x = :x", { columnKeys: [], params: { x: null } });
  });

  it("allows the bindparam when its column is not in SET [test_update::test_binds_that_match_columns]", () => {
    assertCompile(u().values({ y: 7 }), "UPDATE foo SET y=:y WHERE foo.x = :x", {
      params: { y: 7, x: null },
    });
  });

  it("shares one bind between a SET expression and WHERE [test_update::test_binds_that_match_columns]", () => {
    const stmt = u().values({ x: sa.literal(3).add(sa.bindparam("x")) });
    assertCompile(stmt, "UPDATE foo SET x=(:param_1 + :x) WHERE foo.x = :x", {
      params: { param_1: 3, x: null },
    });
    const c = assertCompile(stmt, "UPDATE foo SET x=(:param_1 + :x), y=:y WHERE foo.x = :x", {
      columnKeys: ["x", "y"],
    });
    expectKeyedParams(c, { param_1: 3, x: null }, ["y"]);
  });
});

describe("UPDATE: errors", () => {
  it("raises CompileError naming a values() key that matches no column [test_update::test_unconsumed_names_kwargs]", () => {
    const t = sa.table("t", sa.column("x"), sa.column("y"));
    // z is deliberately not a column of t
    const stmt = t.update().values({ x: 5, z: 5 } as never);
    const compile = () => stmt.compile({ dialect: new sa.DefaultDialect() });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow("Unconsumed column names: z");
  });

  it("raises CompileError for an unknown key also present in the column keys [test_update::test_unconsumed_names_kwargs_w_keys]", () => {
    const t = sa.table("t", sa.column("x"), sa.column("y"));
    // j is deliberately not a column of t
    const stmt = t.update().values({ x: 5, j: 7 } as never);
    const compile = () => stmt.compile({ dialect: new sa.DefaultDialect(), columnKeys: ["j"] });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow("Unconsumed column names: j");
  });

  it("rejects multiple parameter sets [test_update::test_update_no_multiple_parameters_allowed]", () => {
    // SQLAlchemy raises when compiling; raising from values() is as good, so both sit in the closure.
    // UPDATE takes one parameter set: the list is deliberate.
    const compile = () =>
      table1
        .update()
        .values([
          { myid: 1, name: "n1" },
          { myid: 2, name: "n2" },
        ] as never)
        .compile({ dialect: new sa.DefaultDialect() });
    expect(compile).toThrow(sa.exc.InvalidRequestError);
    expect(compile).toThrow("UPDATE construct does not support multiple parameter sets.");
  });
});

describe("UPDATE against other tables", () => {
  it("renders UPDATE..FROM for a column value from another table on postgresql [test_update::test_correlated_update_six]", () => {
    assertCompile(
      table1.update().values({ name: table2.c.othername }).where(table2.c.otherid.eq(table1.c.myid)),
      "UPDATE mytable SET name=myothertable.othername FROM myothertable WHERE myothertable.otherid = mytable.myid",
      { dialect: "postgresql", params: {} },
    );
  });

  it("renders UPDATE..FROM for WHERE criteria on another table on sqlite [test_update::test_correlated_update_seven]", () => {
    assertCompile(
      table1.update().values({ name: "foo" }).where(table2.c.otherid.eq(table1.c.myid)),
      "UPDATE mytable SET name=? FROM myothertable WHERE myothertable.otherid = mytable.myid",
      { dialect: "sqlite", positional: ["foo"] },
    );
  });

  it("renders UPDATE..FROM on postgresql [test_update::test_render_table]", () => {
    assertCompile(
      users
        .update()
        .values({ name: "newname" })
        .where(users.c.id.eq(addresses.c.user_id))
        .where(addresses.c.email_address.eq("e1")),
      "UPDATE users SET name=%(name)s FROM addresses WHERE users.id = addresses.user_id " +
        "AND addresses.email_address = %(email_address_1)s",
      { dialect: "postgresql", params: { name: "newname", email_address_1: "e1" } },
    );
  });

  it("renders UPDATE..FROM on sqlite [test_update::test_render_table; adapted]", () => {
    assertCompile(
      users
        .update()
        .values({ name: "newname" })
        .where(users.c.id.eq(addresses.c.user_id))
        .where(addresses.c.email_address.eq("e1")),
      "UPDATE users SET name=? FROM addresses WHERE users.id = addresses.user_id AND addresses.email_address = ?",
      { dialect: "sqlite", positional: ["newname", "e1"] },
    );
  });

  it("renders UPDATE a, b SET a.col on mysql [test_update::test_render_table_mysql]", () => {
    assertCompile(
      users
        .update()
        .values({ name: "newname" })
        .where(users.c.id.eq(addresses.c.user_id))
        .where(addresses.c.email_address.eq("e1")),
      "UPDATE users, addresses SET users.name=%s WHERE users.id = addresses.user_id AND addresses.email_address = %s",
      { dialect: "mysql", positional: ["newname", "e1"] },
    );
  });

  it("renders a subquery in UPDATE..FROM on postgresql [test_update::test_render_subquery]", () => {
    const subq = sa
      .select(addresses.c.id, addresses.c.user_id, addresses.c.email_address)
      .where(addresses.c.id.eq(7))
      .subquery();
    assertCompile(
      users
        .update()
        .values({ name: "newname" })
        .where(users.c.id.eq(subq.c.user_id))
        .where(subq.c.email_address.eq("e1")),
      "UPDATE users SET name=%(name)s FROM (SELECT addresses.id AS id, addresses.user_id AS user_id, " +
        "addresses.email_address AS email_address FROM addresses WHERE addresses.id = %(id_1)s) AS anon_1 " +
        "WHERE users.id = anon_1.user_id AND anon_1.email_address = %(email_address_1)s",
      { dialect: "postgresql", params: { name: "newname", id_1: 7, email_address_1: "e1" } },
    );
  });

  describe("positional order follows the text [test_update::test_update_bound_ordering]", () => {
    const upd = () => {
      const sel = sa.select(table2).where(table2.c.otherid.eq(5)).subquery();
      return table1.update().where(table1.c.name.eq(sel.c.othername)).values({ name: "foo" });
    };
    const subquery =
      "(SELECT myothertable.otherid AS otherid, myothertable.othername AS othername FROM myothertable " +
      "WHERE myothertable.otherid = ?) AS anon_1";

    it("puts the SET bind before the FROM subquery's bind on sqlite [test_update::test_update_bound_ordering]", () => {
      assertCompile(
        upd(),
        `UPDATE mytable SET name=? FROM ${subquery} WHERE mytable.name = anon_1.othername`,
        {
          dialect: "sqlite",
          positional: ["foo", 5],
        },
      );
    });

    it("puts the subquery's bind before the SET bind on mysql [test_update::test_update_bound_ordering]", () => {
      assertCompile(
        upd(),
        `UPDATE mytable, ${subquery.replace("?", "%s")} SET mytable.name=%s WHERE mytable.name = anon_1.othername`,
        { dialect: "mysql", positional: [5, "foo"] },
      );
    });

    it("binds both by name on postgresql [test_update::test_update_bound_ordering]", () => {
      assertCompile(
        upd(),
        `UPDATE mytable SET name=%(name)s FROM ${subquery.replace("?", "%(otherid_1)s")} ` +
          "WHERE mytable.name = anon_1.othername",
        { dialect: "postgresql", params: { name: "foo", otherid_1: 5 } },
      );
    });
  });

  it("renders UPDATE of a JOIN on mysql [test_update::test_update_from_join_mysql_whereclause]", () => {
    assertCompile(
      sa
        .update(sa.join(users, addresses))
        .values({ name: "newname" })
        .where(addresses.c.email_address.eq("e1")),
      "UPDATE users INNER JOIN addresses ON users.id = addresses.user_id SET users.name=%s " +
        "WHERE addresses.email_address = %s",
      { dialect: "mysql", positional: ["newname", "e1"] },
    );
  });

  it("updates through an alias [test_update::test_alias_one]", () => {
    const t1 = table1.alias("t1");
    assertCompile(
      sa.update(t1).where(t1.c.myid.eq(7)).values({ name: "fred" }),
      "UPDATE mytable AS t1 SET name=:name WHERE t1.myid = :myid_1",
      { params: { name: "fred", myid_1: 7 } },
    );
  });
});

describe("UPDATE..RETURNING", () => {
  it("renders RETURNING on postgresql [test_postgresql/test_compiler::test_update_returning]", () => {
    assertCompile(
      sa.update(table1).values({ name: "foo" }).returning(table1.c.myid, table1.c.name),
      "UPDATE mytable SET name=%(name)s RETURNING mytable.myid, mytable.name",
      { dialect: "postgresql", params: { name: "foo" } },
    );
  });

  it("renders RETURNING after WHERE and labels a function [test_postgresql/test_compiler::test_update_returning]", () => {
    assertCompile(
      sa
        .update(table1)
        .values({ name: "foo" })
        .where(table1.c.name.eq(""))
        .returning(sa.func.length(table1.c.name)),
      "UPDATE mytable SET name=%(name)s WHERE mytable.name = %(name_1)s RETURNING length(mytable.name) AS length_1",
      { dialect: "postgresql", params: { name: "foo", name_1: "" } },
    );
  });

  it("renders unqualified RETURNING on sqlite [test_sqlite/test_compiler::test_update_returning; adapted]", () => {
    assertCompile(
      sa
        .update(table1)
        .values({ name: "foo" })
        .where(table1.c.myid.eq(7))
        .returning(table1.c.myid, table1.c.name),
      "UPDATE mytable SET name=? WHERE mytable.myid = ? RETURNING myid, name",
      { dialect: "sqlite", positional: ["foo", 7] },
    );
  });

  it("accumulates successive returning() calls [test_returning::test_return_combinations]", () => {
    assertCompile(
      sa.update(retFoo).returning(retFoo.c.x).returning(retFoo.c.y),
      "UPDATE foo SET id=%(id)s, q=%(q)s, x=%(x)s, y=%(y)s RETURNING foo.x, foo.y",
      { dialect: "postgresql", params: { id: null, q: null, x: null, y: null } },
    );
  });

  it("renders an UPDATE..RETURNING inside a CTE with its onupdate bind, in text order [test_update::test_update_to_expression_three]", () => {
    const md = new sa.MetaData();
    const q = new sa.Table(
      "q",
      md,
      new sa.Column("x", sa.Integer, { default: 2 }),
      new sa.Column("y", sa.Integer, { onupdate: 5 }),
      new sa.Column("z", sa.Integer),
    );
    const p = new sa.Table(
      "p",
      md,
      new sa.Column("s", sa.Integer),
      new sa.Column("t", sa.Integer),
      new sa.Column("u", sa.Integer, { onupdate: 1 }),
    );
    const cte = q.update().where(q.c.z.eq(1)).values({ x: 7 }).returning(q.c.z).cte("c");
    const stmt = sa.select(p.c.s, cte.c.z).where(p.c.s.eq(cte.c.z));
    assertCompile(
      stmt,
      "WITH c AS (UPDATE q SET x=?, y=? WHERE q.z = ? RETURNING q.z) SELECT p.s, c.z FROM p, c WHERE p.s = c.z",
      { dialect: "default", paramstyle: "qmark", positional: [7, null, 1] },
    );
  });
});

describe("DELETE", () => {
  it("renders literal binds [test_delete::test_delete_literal_binds]", () => {
    assertCompile(
      table1.delete().where(table1.c.name.eq("jill")),
      "DELETE FROM mytable WHERE mytable.name = 'jill'",
      {
        literalBinds: true,
        params: {},
      },
    );
  });

  it("renders DELETE FROM .. WHERE [test_delete::test_delete]", () => {
    assertCompile(
      sa.delete(table1).where(table1.c.myid.eq(7)),
      "DELETE FROM mytable WHERE mytable.myid = :myid_1",
      {
        params: { myid_1: 7 },
      },
    );
  });

  it("joins successive where() calls with AND [test_delete::test_delete]", () => {
    assertCompile(
      table1.delete().where(table1.c.myid.eq(7)).where(table1.c.name.eq("somename")),
      "DELETE FROM mytable WHERE mytable.myid = :myid_1 AND mytable.name = :name_1",
      { params: { myid_1: 7, name_1: "somename" } },
    );
  });

  it("renders no WHERE without criteria [test_returning::test_return_combinations; adapted]", () => {
    assertCompile(sa.delete(table1), "DELETE FROM mytable", { params: {} });
  });

  it("deletes through an alias [test_delete::test_alias]", () => {
    const t1 = table1.alias("t1");
    assertCompile(sa.delete(t1).where(t1.c.myid.eq(7)), "DELETE FROM mytable AS t1 WHERE t1.myid = :myid_1", {
      params: { myid_1: 7 },
    });
  });

  it("keeps an uncorrelated scalar subquery's FROM [test_delete::test_non_correlated_select]", () => {
    const s = sa.select(table2.c.othername).where(table2.c.otherid.eq(7));
    assertCompile(
      sa.delete(table1).where(table1.c.name.eq(s.scalarSubquery())),
      "DELETE FROM mytable WHERE mytable.name = (SELECT myothertable.othername FROM myothertable " +
        "WHERE myothertable.otherid = :otherid_1)",
      { params: { otherid_1: 7 } },
    );
  });

  it("correlates a scalar subquery to the deleted table [test_delete::test_correlated_select]", () => {
    const s = sa.select(table2.c.othername).where(table2.c.otherid.eq(table1.c.myid));
    assertCompile(
      table1.delete().where(table1.c.name.eq(s.scalarSubquery())),
      "DELETE FROM mytable WHERE mytable.name = (SELECT myothertable.othername FROM myothertable " +
        "WHERE myothertable.otherid = mytable.myid)",
      { params: {} },
    );
  });

  it("renders qmark binds on sqlite [test_delete::test_delete; adapted]", () => {
    assertCompile(table1.delete().where(table1.c.myid.eq(7)), "DELETE FROM mytable WHERE mytable.myid = ?", {
      dialect: "sqlite",
      positional: [7],
    });
  });

  it("renders format binds on mysql [test_delete::test_delete; adapted]", () => {
    assertCompile(table1.delete().where(table1.c.myid.eq(7)), "DELETE FROM mytable WHERE mytable.myid = %s", {
      dialect: "mysql",
      positional: [7],
    });
  });

  it("renders DELETE .. USING for other tables on postgresql [test_delete::test_delete_extra_froms; adapted]", () => {
    assertCompile(
      table1.delete().where(table1.c.myid.eq(table2.c.otherid)),
      "DELETE FROM mytable USING myothertable WHERE mytable.myid = myothertable.otherid",
      { dialect: "postgresql", params: {} },
    );
  });

  it("renders DELETE FROM a USING a, b on mysql [test_delete::test_delete_extra_froms; adapted]", () => {
    assertCompile(
      table1.delete().where(table1.c.myid.eq(table2.c.otherid)).where(table2.c.othername.eq("x")),
      "DELETE FROM mytable USING mytable, myothertable WHERE mytable.myid = myothertable.otherid " +
        "AND myothertable.othername = %s",
      { dialect: "mysql", positional: ["x"] },
    );
  });
});

describe("DELETE..RETURNING", () => {
  it("renders RETURNING on the default dialect [test_returning::test_return_combinations; adapted]", () => {
    assertCompile(
      table1.delete().where(table1.c.myid.eq(7)).returning(table1.c.myid, table1.c.name),
      "DELETE FROM mytable WHERE mytable.myid = :myid_1 RETURNING mytable.myid, mytable.name",
      { params: { myid_1: 7 } },
    );
  });

  it("renders RETURNING on postgresql [test_postgresql/test_compiler::test_delete_returning]", () => {
    assertCompile(
      table1.delete().where(table1.c.myid.eq(7)).returning(table1.c.myid, table1.c.name),
      "DELETE FROM mytable WHERE mytable.myid = %(myid_1)s RETURNING mytable.myid, mytable.name",
      { dialect: "postgresql", params: { myid_1: 7 } },
    );
  });

  it("renders unqualified RETURNING on sqlite [test_sqlite/test_compiler::test_delete_returning; adapted]", () => {
    assertCompile(
      table1.delete().where(table1.c.myid.eq(7)).returning(table1.c.myid, table1.c.name),
      "DELETE FROM mytable WHERE mytable.myid = ? RETURNING myid, name",
      { dialect: "sqlite", positional: [7] },
    );
  });

  it("accumulates successive returning() calls [test_returning::test_return_combinations]", () => {
    assertCompile(
      sa.delete(retFoo).returning(retFoo.c.x).returning(retFoo.c.y),
      "DELETE FROM foo RETURNING foo.x, foo.y",
      {
        dialect: "postgresql",
        params: {},
      },
    );
  });
});
