/**
 * Golden compile tests for column operators, conjunctions, functions and parameter rendering,
 * checked against SQLAlchemy 2.0's output.
 *
 * Expected SQL strings and parameter values come from SQLAlchemy's own test suite
 * (test/sql/test_operators.py, test_compiler.py, test_functions.py, test_text.py).
 * All cases use the generic DefaultDialect (named paramstyle, supports_native_boolean=False)
 * unless a dialect or paramstyle is given.
 */
import { describe, expect, it } from "vitest";
import { postgresql, sqlite } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { table1, table2 } from "../fixtures/tables.js";
import { assertCompile } from "../helpers/compile.js";

// OperatorPrecedenceTest fixture
const op = sa.table("op", sa.column("field"));
// ConjunctionTest / BooleanEvalTest fixtures
const t = sa.table("t", sa.column("x"));
const boolTable = sa.table("t", sa.column("x", sa.Boolean));
const foo = sa.table("foo", sa.column("id", sa.Integer));

describe("comparison operators", () => {
  const cases: [string, sa.Compilable, string][] = [
    ["eq", table1.c.myid.eq(5), "mytable.myid = :myid_1"],
    ["ne", table1.c.myid.ne(5), "mytable.myid != :myid_1"],
    ["lt", table1.c.myid.lt(5), "mytable.myid < :myid_1"],
    ["le", table1.c.myid.le(5), "mytable.myid <= :myid_1"],
    ["gt", table1.c.myid.gt(5), "mytable.myid > :myid_1"],
    ["ge", table1.c.myid.ge(5), "mytable.myid >= :myid_1"],
  ];
  for (const [name, expr, sql] of cases) {
    it(`${name} against a literal binds <colname>_1 [test_operators::test_comparison_op]`, () => {
      assertCompile(expr, sql, { params: { myid_1: 5 } });
    });
  }

  it("column against column needs no bind [test_operators::test_comparison_op]", () => {
    assertCompile(table1.c.myid.eq(table2.c.otherid), "mytable.myid = myothertable.otherid", { params: {} });
  });

  it("literal on the left is param_1 [test_operators::test_comparison_op]", () => {
    assertCompile(sa.literal("a").lt(table1.c.name), ":param_1 < mytable.name", { params: { param_1: "a" } });
  });

  it("eq(null) renders IS NULL [test_operators::test_null_true_false_is_sanity_checks]", () => {
    assertCompile(table1.c.myid.eq(null), "mytable.myid IS NULL", { params: {} });
  });

  it("eq(sa.null()) renders IS NULL [test_operators::test_null_true_false_is_sanity_checks]", () => {
    assertCompile(table1.c.myid.eq(sa.null()), "mytable.myid IS NULL", { params: {} });
  });

  it("ne(null) renders IS NOT NULL [test_operators::test_operate]", () => {
    assertCompile(table1.c.myid.ne(null), "mytable.myid IS NOT NULL", { params: {} });
  });

  it("isNot(null) renders IS NOT NULL [test_operators::test_operate]", () => {
    assertCompile(table1.c.myid.isNot(null), "mytable.myid IS NOT NULL", { params: {} });
  });

  it("true/false compare as constants, IS for is/isNot [test_operators::test_null_true_false_is_sanity_checks]", () => {
    const b = boolTable.c.x;
    const cond = sa.and(b.eq(true), b.ne(false), b.is(true), b.isNot(false), sa.not(b.eq(true)));
    assertCompile(cond, "t.x = 1 AND t.x != 0 AND t.x IS 1 AND t.x IS NOT 0 AND t.x != 1", { params: {} });
    for (const dialect of ["postgresql", "mysql"] as const) {
      assertCompile(
        cond,
        "t.x = true AND t.x != false AND t.x IS true AND t.x IS NOT false AND t.x != true",
        {
          dialect,
        },
      );
    }
    assertCompile(table1.c.myid.eq(true as never), "mytable.myid = 1", { params: {} });
    assertCompile(b.isNotDistinctFrom(false), "t.x IS NOT DISTINCT FROM false", { dialect: "postgresql" });
    assertCompile(b.isDistinctFrom(true), "NOT (t.x <=> true)", { dialect: "mysql" });
    expect(() => b.ge(false)).toThrow(sa.exc.ArgumentError);
  });

  it("isDistinctFrom [test_operators::test_is_distinct_from]", () => {
    assertCompile(table1.c.myid.isDistinctFrom(1), "mytable.myid IS DISTINCT FROM :myid_1", {
      params: { myid_1: 1 },
    });
  });

  it("not(isDistinctFrom) flips to IS NOT DISTINCT FROM [test_operators::test_not_is_distinct_from]", () => {
    assertCompile(sa.not(table1.c.myid.isDistinctFrom(1)), "mytable.myid IS NOT DISTINCT FROM :myid_1", {
      params: { myid_1: 1 },
    });
  });

  it("a comparison compared to null is parenthesised [test_operators::test_operator_precedence_1]", () => {
    assertCompile(
      sa.select(op).where(op.c.field.eq(5).eq(null)),
      "SELECT op.field FROM op WHERE (op.field = :field_1) IS NULL",
      { params: { field_1: 5 } },
    );
  });
});

describe("IN / NOT IN", () => {
  it("in(list) is one expanding POSTCOMPILE bind holding the list [test_operators::test_in_19]", () => {
    assertCompile(table1.c.myid.in([1, 2, 3]), "mytable.myid IN (__[POSTCOMPILE_myid_1])", {
      params: { myid_1: [1, 2, 3] },
    });
  });

  it("notIn(list) is parenthesised [test_operators::test_in_2]", () => {
    assertCompile(table1.c.myid.notIn([1, 2, 3]), "(mytable.myid NOT IN (__[POSTCOMPILE_myid_1]))", {
      params: { myid_1: [1, 2, 3] },
    });
  });

  it("not(in(list)) equals notIn [test_operators::test_in_2]", () => {
    assertCompile(sa.not(table1.c.name.in(["a"])), "(mytable.name NOT IN (__[POSTCOMPILE_name_1]))", {
      params: { name_1: ["a"] },
    });
  });

  it("renderPostcompile expands to myid_1_1, myid_1_2, ... [test_compiler::test_render_expanding_parameter_render_postcompile]", () => {
    assertCompile(table1.c.myid.in([1, 2, 3]), "mytable.myid IN (:myid_1_1, :myid_1_2, :myid_1_3)", {
      renderPostcompile: true,
      params: { myid_1_1: 1, myid_1_2: 2, myid_1_3: 3 },
    });
  });

  it("renderPostcompile under qmark gives one ? per element [test_compiler::test_render_expanding_parameter_render_postcompile]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.in([1, 2, 3])),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid IN (?, ?, ?)",
      { paramstyle: "qmark", renderPostcompile: true, positional: [1, 2, 3] },
    );
  });

  it("literalBinds renders the list inline [test_compiler::test_render_expanding_parameter_literal_binds]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.in([1, 2, 3])),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid IN (1, 2, 3)",
      { literalBinds: true, params: {} },
    );
  });

  it("literalBinds quotes strings in the list [test_operators::test_in_29]", () => {
    assertCompile(table1.c.name.in(["a", "b'c"]), "mytable.name IN ('a', 'b''c')", {
      literalBinds: true,
      params: {},
    });
  });

  it("empty list still compiles to a POSTCOMPILE bind [test_operators::test_in_empty_single]", () => {
    assertCompile(table1.c.myid.in([]), "mytable.myid IN (__[POSTCOMPILE_myid_1])", {
      params: { myid_1: [] },
    });
  });

  it("empty list with renderPostcompile [test_operators::test_in_empty_single]", () => {
    assertCompile(table1.c.myid.in([]), "mytable.myid IN (NULL) AND (1 != 1)", {
      renderPostcompile: true,
      params: {},
    });
  });

  it("empty list with literalBinds [test_operators::test_in_empty_single]", () => {
    assertCompile(table1.c.myid.in([]), "mytable.myid IN (NULL) AND (1 != 1)", {
      literalBinds: true,
      params: {},
    });
  });

  it("empty notIn with literalBinds [test_operators::test_in_empty_single]", () => {
    assertCompile(table1.c.myid.notIn([]), "(mytable.myid NOT IN (NULL) OR (1 = 1))", {
      literalBinds: true,
      params: {},
    });
  });

  it("expanding bindparam keeps its own name [test_compiler::test_render_expanding_parameter]", () => {
    assertCompile(
      table1.c.myid.in(sa.bindparam("foo", [1, 2, 3], { expanding: true })),
      "mytable.myid IN (__[POSTCOMPILE_foo])",
      { params: { foo: [1, 2, 3] } },
    );
  });

  it("expanding bindparam with renderPostcompile gives foo_1, foo_2, ... [test_compiler::test_render_expanding_parameter_render_postcompile]", () => {
    assertCompile(
      table1.c.myid.in(sa.bindparam("foo", [1, 2, 3], { expanding: true })),
      "mytable.myid IN (:foo_1, :foo_2, :foo_3)",
      { renderPostcompile: true, params: { foo_1: 1, foo_2: 2, foo_3: 3 } },
    );
  });

  it("in(select) [test_operators::test_in_20]", () => {
    assertCompile(
      table1.c.myid.in(sa.select(table2.c.otherid)),
      "mytable.myid IN (SELECT myothertable.otherid FROM myothertable)",
      { params: {} },
    );
  });

  it("notIn(select) [test_operators::test_in_21]", () => {
    assertCompile(
      table1.c.myid.notIn(sa.select(table2.c.otherid)),
      "(mytable.myid NOT IN (SELECT myothertable.otherid FROM myothertable))",
      { params: {} },
    );
  });

  it("in(union) [test_operators::test_in_26]", () => {
    assertCompile(
      table1.c.myid.in(
        sa.union(
          sa.select(table1.c.myid).where(table1.c.myid.eq(5)),
          sa.select(table1.c.myid).where(table1.c.myid.eq(12)),
        ),
      ),
      "mytable.myid IN (SELECT mytable.myid FROM mytable WHERE mytable.myid = :myid_1 " +
        "UNION SELECT mytable.myid FROM mytable WHERE mytable.myid = :myid_2)",
      { params: { myid_1: 5, myid_2: 12 } },
    );
  });

  it("in(select) with ORDER BY / LIMIT inside a joined select [test_operators::test_in_27]", () => {
    assertCompile(
      sa
        .select(table1.c.myid, table2)
        .where(table2.c.otherid.in(sa.select(table2.c.otherid).orderBy(table2.c.othername).limit(10)))
        .selectFrom(sa.join(table1, table2, table1.c.myid.eq(table2.c.otherid)))
        .orderBy(table1.c.myid),
      "SELECT mytable.myid, myothertable.otherid, myothertable.othername FROM mytable " +
        "JOIN myothertable ON mytable.myid = myothertable.otherid " +
        "WHERE myothertable.otherid IN (SELECT myothertable.otherid " +
        "FROM myothertable ORDER BY myothertable.othername LIMIT :param_1) ORDER BY mytable.myid",
      { params: { param_1: 10 } },
    );
  });
});

describe("LIKE family", () => {
  it("like [test_operators::test_like_1]", () => {
    assertCompile(table1.c.name.like("somstr"), "mytable.name LIKE :name_1", {
      params: { name_1: "somstr" },
    });
  });

  it("notLike [test_operators::test_not_like]", () => {
    assertCompile(table1.c.name.notLike("somstr"), "mytable.name NOT LIKE :name_1", {
      params: { name_1: "somstr" },
    });
  });

  it("not(like) [test_operators::test_like_2]", () => {
    assertCompile(sa.not(table1.c.name.like("somstr")), "mytable.name NOT LIKE :name_1", {
      params: { name_1: "somstr" },
    });
  });

  it("ilike is lower() LIKE lower() on the default dialect [test_operators::test_like_9]", () => {
    assertCompile(table1.c.name.ilike("%something%"), "lower(mytable.name) LIKE lower(:name_1)", {
      params: { name_1: "%something%" },
    });
  });

  it("not(ilike) [test_operators::test_like_11]", () => {
    assertCompile(sa.not(table1.c.name.ilike("%something%")), "lower(mytable.name) NOT LIKE lower(:name_1)", {
      params: { name_1: "%something%" },
    });
  });

  it("ilike is native ILIKE on postgresql [test_operators::test_like_10]", () => {
    assertCompile(table1.c.name.ilike("%something%"), "mytable.name ILIKE %(name_1)s", {
      dialect: "postgresql",
      params: { name_1: "%something%" },
    });
  });

  it("contains [test_operators::test_contains]", () => {
    assertCompile(table1.c.name.contains("y"), "mytable.name LIKE '%' || :name_1 || '%'", {
      params: { name_1: "y" },
    });
  });

  it("contains with autoescape escapes % _ and / [test_operators::test_contains_autoescape]", () => {
    assertCompile(
      table1.c.name.contains("a%b_c/d", { autoescape: true }),
      "mytable.name LIKE '%' || :name_1 || '%' ESCAPE '/'",
      { params: { name_1: "a/%b/_c//d" } },
    );
  });

  it("not(contains) [test_operators::test_not_contains]", () => {
    assertCompile(sa.not(table1.c.name.contains("y")), "mytable.name NOT LIKE '%' || :name_1 || '%'", {
      params: { name_1: "y" },
    });
  });

  it("startsWith [test_operators::test_startswith]", () => {
    assertCompile(table1.c.name.startsWith("y"), "mytable.name LIKE :name_1 || '%'", {
      params: { name_1: "y" },
    });
  });

  it("startsWith with autoescape [test_operators::test_startswith_autoescape]", () => {
    assertCompile(
      table1.c.name.startsWith("a%b_c/d", { autoescape: true }),
      "mytable.name LIKE :name_1 || '%' ESCAPE '/'",
      { params: { name_1: "a/%b/_c//d" } },
    );
  });

  it("endsWith [test_operators::test_endswith]", () => {
    assertCompile(table1.c.name.endsWith("y"), "mytable.name LIKE '%' || :name_1", {
      params: { name_1: "y" },
    });
  });

  it("endsWith with autoescape [test_operators::test_endswith_autoescape]", () => {
    assertCompile(
      table1.c.name.endsWith("a%b_c/d", { autoescape: true }),
      "mytable.name LIKE '%' || :name_1 ESCAPE '/'",
      { params: { name_1: "a/%b/_c//d" } },
    );
  });
});

describe("percent doubling under format / pyformat", () => {
  it("contains on postgresql doubles the % literals (O12) [test_operators::test_contains_pg]", () => {
    assertCompile(table1.c.name.contains("y"), "mytable.name LIKE '%%' || %(name_1)s || '%%'", {
      dialect: "postgresql",
      params: { name_1: "y" },
    });
  });

  it("contains on mysql uses concat() and doubles % (O13) [test_operators::test_contains_concat]", () => {
    assertCompile(table1.c.name.contains("y"), "mytable.name LIKE concat('%%', %s, '%%')", {
      dialect: "mysql",
      positional: ["y"],
    });
  });

  it("contains on the default dialect with format paramstyle [test_operators::test_contains_pg]", () => {
    assertCompile(table1.c.name.contains("y"), "mytable.name LIKE '%%' || %s || '%%'", {
      paramstyle: "format",
      positional: ["y"],
    });
  });

  it("contains with qmark does not double [test_operators::test_contains]", () => {
    assertCompile(table1.c.name.contains("y"), "mytable.name LIKE '%' || ? || '%'", {
      paramstyle: "qmark",
      positional: ["y"],
    });
  });

  it("mod under format is %% [test_operators::test_custom_op_percent_escaping]", () => {
    assertCompile(table1.c.myid.mod(5), "mytable.myid %% %s", { paramstyle: "format", positional: [5] });
  });

  it("mod under pyformat is %% [test_operators::test_custom_op_percent_escaping]", () => {
    assertCompile(table1.c.myid.mod(5), "mytable.myid %% %(myid_1)s", {
      paramstyle: "pyformat",
      params: { myid_1: 5 },
    });
  });

  it("op('%') under format is escaped too [test_operators::test_custom_op_percent_escaping]", () => {
    assertCompile(table1.c.myid.op("%")(5), "mytable.myid %% %s", { paramstyle: "format", positional: [5] });
  });

  it("percent signs in text() are doubled under format [test_text::test_escaping_percent_signs]", () => {
    assertCompile(sa.text("select '%' where foo like '%bar%'"), "select '%%' where foo like '%%bar%%'", {
      paramstyle: "format",
      positional: [],
    });
  });
});

describe("BETWEEN", () => {
  it("between binds two parameters [test_operators::test_between_1]", () => {
    assertCompile(table1.c.myid.between(1, 2), "mytable.myid BETWEEN :myid_1 AND :myid_2", {
      params: { myid_1: 1, myid_2: 2 },
    });
  });

  it("not(between) [test_operators::test_between_2]", () => {
    assertCompile(sa.not(table1.c.myid.between(1, 2)), "mytable.myid NOT BETWEEN :myid_1 AND :myid_2", {
      params: { myid_1: 1, myid_2: 2 },
    });
  });
});

describe("arithmetic and string operators", () => {
  const math: [string, sa.Compilable, string][] = [
    ["add", table1.c.myid.add(5), "mytable.myid + :myid_1"],
    ["sub", table1.c.myid.sub(5), "mytable.myid - :myid_1"],
    ["mul", table1.c.myid.mul(5), "mytable.myid * :myid_1"],
    ["mod", table1.c.myid.mod(5), "mytable.myid % :myid_1"],
  ];
  for (const [name, expr, sql] of math) {
    it(`${name} [test_operators::test_math_op]`, () => {
      assertCompile(expr, sql, { params: { myid_1: 5 } });
    });
  }

  it("div is true division: the right side is CAST AS NUMERIC on the default dialect [test_operators::test_truediv_op_integer]", () => {
    assertCompile(table1.c.myid.div(5), "mytable.myid / CAST(:myid_1 AS NUMERIC)", { params: { myid_1: 5 } });
  });

  it("literal on the left of add [test_operators::test_math_op]", () => {
    assertCompile(sa.literal(5).add(table1.c.myid), ":param_1 + mytable.myid", { params: { param_1: 5 } });
  });

  it("neg() [test_operators::test_negate_operators_1]", () => {
    assertCompile(table1.c.myid.neg(), "-mytable.myid", { params: {} });
  });

  it("neg() of a binary expression is parenthesised [test_operators::test_negate_operators_1]", () => {
    assertCompile(table1.c.myid.add(5).neg(), "-(mytable.myid + :myid_1)", { params: { myid_1: 5 } });
  });

  it("add on a string column is || [test_compiler::test_order_by_labels_enabled]", () => {
    assertCompile(table1.c.name.add("x"), "mytable.name || :name_1", { params: { name_1: "x" } });
  });

  it("string column + string column is || [test_compiler::test_order_by_labels_enabled]", () => {
    assertCompile(table1.c.name.add(table1.c.description), "mytable.name || mytable.description", {
      params: {},
    });
  });

  it("concat() is || [test_operators::test_operate]", () => {
    assertCompile(table1.c.name.concat("x"), "mytable.name || :name_1", { params: { name_1: "x" } });
  });

  it("lower-precedence left operand is parenthesised; the next bind is param_1 [test_operators::test_operator_precedence_3]", () => {
    assertCompile(
      sa.select(op).where(op.c.field.add(5).mul(6)),
      "SELECT op.field FROM op WHERE (op.field + :field_1) * :param_1",
      { params: { field_1: 5, param_1: 6 } },
    );
  });

  it("higher-precedence left operand is not parenthesised [test_operators::test_operator_precedence_4]", () => {
    assertCompile(
      sa.select(op).where(op.c.field.mul(5).add(6)),
      "SELECT op.field FROM op WHERE op.field * :field_1 + :param_1",
      { params: { field_1: 5, param_1: 6 } },
    );
  });

  it("subtraction is left-associative: (f - f) - f [test_operators::test_associativity_2]", () => {
    const f = sa.column("f");
    assertCompile(f.sub(f).sub(f), "(f - f) - f", { params: {} });
  });

  it("nested subtraction on the right: f - (f - f) [test_operators::test_associativity_5]", () => {
    const f = sa.column("f");
    assertCompile(f.sub(f.sub(f)), "f - (f - f)", { params: {} });
  });

  it("addition chains without parentheses [test_operators::test_associatives]", () => {
    const [a, b, c] = [sa.column("a"), sa.column("b"), sa.column("c")];
    assertCompile(a.add(b).add(c), "a + b + c", { params: {} });
  });
});

describe("AND / OR / NOT", () => {
  it("and() [test_compiler::test_conjunctions]", () => {
    assertCompile(
      sa.and(table1.c.myid.eq(12), table1.c.name.eq("asdf")),
      "mytable.myid = :myid_1 AND mytable.name = :name_1",
      { params: { myid_1: 12, name_1: "asdf" } },
    );
  });

  it("or() [test_compiler::test_conjunctions]", () => {
    assertCompile(
      sa.or(table1.c.myid.eq(12), table1.c.name.eq("asdf")),
      "mytable.myid = :myid_1 OR mytable.name = :name_1",
      { params: { myid_1: 12, name_1: "asdf" } },
    );
  });

  it("or() nested in and() is parenthesised [test_compiler::test_conjunctions]", () => {
    assertCompile(
      sa.and(
        table1.c.myid.eq(12),
        sa.or(table2.c.othername.eq("asdf"), table2.c.othername.eq("foo"), table2.c.otherid.eq(9)),
        sa.text("sysdate() = today()"),
      ),
      "mytable.myid = :myid_1 AND (myothertable.othername = :othername_1 OR " +
        "myothertable.othername = :othername_2 OR myothertable.otherid = :otherid_1) AND sysdate() = today()",
      { params: { othername_1: "asdf", othername_2: "foo", otherid_1: 9, myid_1: 12 } },
    );
  });

  it("and() nested in or() is not parenthesised (AND binds tighter) [test_compiler::test_conjunctions]", () => {
    assertCompile(
      sa.or(table1.c.myid.eq(1), sa.and(table1.c.name.eq("a"), table1.c.description.eq("b"))),
      "mytable.myid = :myid_1 OR mytable.name = :name_1 AND mytable.description = :description_1",
      { params: { myid_1: 1, name_1: "a", description_1: "b" } },
    );
  });

  it("single-element and/or collapse [test_compiler::test_nested_conjunctions_short_circuit]", () => {
    assertCompile(
      sa.select(t).where(sa.and(t.c.x.eq(5), sa.or(sa.and(sa.or(t.c.x.eq(7)))))),
      "SELECT t.x FROM t WHERE t.x = :x_1 AND t.x = :x_2",
      { params: { x_1: 5, x_2: 7 } },
    );
  });

  it("not(and()) [test_operators::test_operator_precedence_7]", () => {
    assertCompile(
      sa.select(op).where(sa.not(sa.and(op.c.field.eq(5), op.c.field.eq(7)))),
      "SELECT op.field FROM op WHERE NOT (op.field = :field_1 AND op.field = :field_2)",
      { params: { field_1: 5, field_2: 7 } },
    );
  });

  it("not(eq) becomes != [test_operators::test_operator_precedence_8]", () => {
    assertCompile(
      sa.select(op).where(sa.not(op.c.field.eq(5))),
      "SELECT op.field FROM op WHERE op.field != :field_1",
      {
        params: { field_1: 5 },
      },
    );
  });

  it("not(gt) becomes <= [test_operators::test_non_associatives]", () => {
    assertCompile(sa.not(table1.c.myid.gt(5)), "mytable.myid <= :myid_1", { params: { myid_1: 5 } });
  });

  it("not(eq(null)) becomes IS NOT NULL [test_operators::test_operate]", () => {
    assertCompile(sa.not(table1.c.myid.eq(null)), "mytable.myid IS NOT NULL", { params: {} });
  });

  it("and() with a not(and()) operand [test_operators::test_negate_operators_4]", () => {
    assertCompile(
      sa.and(
        table1.c.myid.ne(12),
        sa.not(sa.and(table1.c.name.eq("john"), table1.c.name.eq("ed"), table1.c.name.eq("fred"))),
      ),
      "mytable.myid != :myid_1 AND NOT (mytable.name = :name_1 AND mytable.name = :name_2 AND mytable.name = :name_3)",
      { params: { myid_1: 12, name_1: "john", name_2: "ed", name_3: "fred" } },
    );
  });

  it("a Boolean column in WHERE is col = 1 on a non-native-boolean dialect [test_operators::test_two_a]", () => {
    assertCompile(sa.select(boolTable).where(boolTable.c.x), "SELECT t.x FROM t WHERE t.x = 1", {
      params: {},
    });
  });

  it("not(Boolean column) is col = 0 on a non-native-boolean dialect [test_operators::test_three_a]", () => {
    assertCompile(sa.select(boolTable).where(sa.not(boolTable.c.x)), "SELECT t.x FROM t WHERE t.x = 0", {
      params: {},
    });
  });
});

describe("true() / false() / null() in conjunctions", () => {
  it("true() operands are dropped from and() [test_operators::test_seven]", () => {
    assertCompile(sa.and(sa.true(), t.c.x.eq(7), sa.true(), t.c.x.eq(9)), "t.x = :x_1 AND t.x = :x_2", {
      params: { x_1: 7, x_2: 9 },
    });
  });

  it("false() operands are dropped from or() [test_operators::test_eight]", () => {
    assertCompile(sa.or(sa.false(), t.c.x.eq(7), sa.false(), t.c.x.eq(9)), "t.x = :x_1 OR t.x = :x_2", {
      params: { x_1: 7, x_2: 9 },
    });
  });

  it("false() short-circuits and() to 0 = 1 on a non-native-boolean dialect [test_operators::test_nine]", () => {
    assertCompile(sa.and(t.c.x.eq(7), t.c.x.eq(9), sa.false(), t.c.x.eq(5)), "0 = 1", { params: {} });
  });

  it("true() short-circuits or() to 1 = 1 on a non-native-boolean dialect [test_operators::test_six]", () => {
    assertCompile(sa.or(sa.false(), sa.true()), "1 = 1", { params: {} });
  });

  it("or(x, true()) in WHERE [test_operators::test_six_pt_five]", () => {
    assertCompile(sa.select(t.c.x).where(sa.or(t.c.x.eq(7), sa.true())), "SELECT t.x FROM t WHERE 1 = 1", {
      params: {},
    });
  });

  it("null() is kept as NULL in and() [test_compiler::test_val_and_null]", () => {
    assertCompile(sa.and(foo.c.id.eq(1), sa.null()), "foo.id = :id_1 AND NULL", { params: { id_1: 1 } });
  });
});

describe("custom op, collate, distinct", () => {
  it("op('->') [test_operators::test_contains]", () => {
    assertCompile(table1.c.name.op("->")("x"), "mytable.name -> :name_1", { params: { name_1: "x" } });
  });

  it("a custom op compared to a value is parenthesised [test_operators::test_op_operators]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.op("hoho")(12).eq(14)),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable " +
        "WHERE (mytable.myid hoho :myid_1) = :param_1",
      { params: { myid_1: 12, param_1: 14 } },
    );
  });

  it("a custom op inside a function argument list is not parenthesised [test_operators::test_op_operators_comma_precedence]", () => {
    assertCompile(sa.func.foo(table1.c.myid.op("hoho")(12)), "foo(mytable.myid hoho :myid_1)", {
      params: { myid_1: 12 },
    });
  });

  it("collate [test_compiler::test_collate]", () => {
    assertCompile(sa.column("x").collate("bar"), "x COLLATE bar", { params: {} });
  });

  it("collate compared to a value is parenthesised; the bind is param_1 [test_operators::test_operator_precedence_collate_3]", () => {
    assertCompile(table1.c.name.collate("utf-8").eq("foo"), '(mytable.name COLLATE "utf-8") = :param_1', {
      params: { param_1: "foo" },
    });
  });

  it("collate in ORDER BY with desc [test_operators::test_operator_precedence_collate_5]", () => {
    assertCompile(
      sa.select(table1.c.name).orderBy(table1.c.name.collate("utf-8").desc()),
      'SELECT mytable.name FROM mytable ORDER BY mytable.name COLLATE "utf-8" DESC',
      { params: {} },
    );
  });

  it("distinct(x) [test_operators::test_wraps_named_column_heuristic]", () => {
    assertCompile(sa.distinct(table1.c.myid), "DISTINCT mytable.myid", { params: {} });
  });
});

describe("func.*", () => {
  it("func with a column argument [test_functions::test_assorted]", () => {
    assertCompile(sa.func.lower(table1.c.name), "lower(mytable.name)", { params: {} });
  });

  it("func literal arguments bind as <funcname>_N [test_functions::test_namespacing_conflicts]", () => {
    assertCompile(sa.func.lower("X"), "lower(:lower_1)", { params: { lower_1: "X" } });
  });

  it("in a select the function label is numbered before its argument binds [test_functions::test_select_method_one]", () => {
    assertCompile(sa.select(sa.func.lower("X")), "SELECT lower(:lower_2) AS lower_1", {
      params: { lower_2: "X" },
    });
  });

  it("func.count() is count(*) [test_functions::test_generic_count]", () => {
    assertCompile(sa.func.count(), "count(*)", { params: {} });
  });

  it("func.count(1) binds count_1 [test_functions::test_generic_count]", () => {
    assertCompile(sa.func.count(1), "count(:count_1)", { params: { count_1: 1 } });
  });

  it("select(func.count()).selectFrom(table) [test_functions::test_generic_count]", () => {
    assertCompile(
      sa.select(sa.func.count()).selectFrom(table1).where(table1.c.myid.gt(5)),
      "SELECT count(*) AS count_1 FROM mytable WHERE mytable.myid > :myid_1",
      { params: { myid_1: 5 } },
    );
  });

  it("open-ended function names, mixed arguments [test_functions::test_assorted]", () => {
    assertCompile(
      sa.func.lala(3, 4, sa.literal("five"), table1.c.myid).mul(table2.c.otherid),
      "lala(:lala_1, :lala_2, :param_1, mytable.myid) * myothertable.otherid",
      { params: { lala_1: 3, lala_2: 4, param_1: "five" } },
    );
  });

  it("null arguments render NULL [test_functions::test_assorted]", () => {
    assertCompile(sa.func.my_func(1, 2, null, 3), "my_func(:my_func_1, :my_func_2, NULL, :my_func_3)", {
      params: { my_func_1: 1, my_func_2: 2, my_func_3: 3 },
    });
  });

  it("comparing a function to a value binds <funcname>_1 [test_functions::test_assorted]", () => {
    assertCompile(sa.func.lower(table1.c.name).eq("x"), "lower(mytable.name) = :lower_1", {
      params: { lower_1: "x" },
    });
  });

  it("ANSI functions render without parentheses [test_functions::test_compile]", () => {
    assertCompile(sa.func.current_timestamp(), "CURRENT_TIMESTAMP", { params: {} });
  });

  it("coalesce with a literal argument [test_functions::test_generic_annotation]", () => {
    assertCompile(sa.func.coalesce(table1.c.name, "x"), "coalesce(mytable.name, :coalesce_1)", {
      params: { coalesce_1: "x" },
    });
  });
});

describe("literalBinds rendering", () => {
  it("strings are quoted with embedded quotes doubled; ints are bare [test_compiler::test_render_literal_execute_parameter_literal_binds]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.name.eq("it's"), table1.c.myid.eq(5)),
      "SELECT mytable.myid FROM mytable WHERE mytable.name = 'it''s' AND mytable.myid = 5",
      { literalBinds: true, params: {} },
    );
  });

  it("a float literal [test_compiler::test_render_binds_as_literal]", () => {
    assertCompile(sa.literal(2.5), "2.5", { literalBinds: true, params: {} });
  });

  it("a boolean literal is 1 / 0 on a non-native-boolean dialect [test_operators::test_twelve]", () => {
    assertCompile(sa.literal(true), "1", { literalBinds: true, params: {} });
    assertCompile(sa.literal(false), "0", { literalBinds: true, params: {} });
  });

  it("null() in the columns clause [test_compiler::test_render_nulls_literal_binds]", () => {
    assertCompile(sa.select(table1.c.myid, sa.null()), "SELECT mytable.myid, NULL AS anon_1 FROM mytable", {
      literalBinds: true,
      params: {},
    });
  });

  it("a bindparam whose value is null renders = NULL [test_compiler::test_render_nulls_literal_binds]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.eq(sa.bindparam("x", null))),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid = NULL",
      { literalBinds: true, params: {} },
    );
  });

  it("a string literal in the columns clause [test_text::test_percent_signs_literal_binds]", () => {
    assertCompile(sa.select(sa.literal("percent % signs %%")), "SELECT 'percent % signs %%' AS anon_1", {
      literalBinds: true,
      params: {},
    });
  });
});

describe("paramstyles (same statement, default dialect)", () => {
  const stmt = () =>
    sa.select(table1.c.myid, table1.c.name).where(table1.c.myid.eq(7), table1.c.name.eq("jack"));
  const head = "SELECT mytable.myid, mytable.name FROM mytable WHERE ";

  it("named [test_compiler::test_paramstyles]", () => {
    assertCompile(stmt(), `${head}mytable.myid = :myid_1 AND mytable.name = :name_1`, {
      paramstyle: "named",
      params: { myid_1: 7, name_1: "jack" },
    });
  });

  it("pyformat [test_compiler::test_paramstyles]", () => {
    assertCompile(stmt(), `${head}mytable.myid = %(myid_1)s AND mytable.name = %(name_1)s`, {
      paramstyle: "pyformat",
      params: { myid_1: 7, name_1: "jack" },
    });
  });

  const positional: [sa.Paramstyle, string, string][] = [
    ["qmark", "?", "?"],
    ["format", "%s", "%s"],
    ["numeric", ":1", ":2"],
    ["numeric_dollar", "$1", "$2"],
  ];
  for (const [style, p1, p2] of positional) {
    it(`${style} [test_compiler::test_paramstyles]`, () => {
      assertCompile(stmt(), `${head}mytable.myid = ${p1} AND mytable.name = ${p2}`, {
        paramstyle: style,
        positional: [7, "jack"],
      });
    });
  }

  it("text() binds under numeric keep textual order [test_compiler::test_paramstyles]", () => {
    assertCompile(
      sa.text("select :foo, :bar, :bat from sometable").bindparams({ foo: 1, bar: 2, bat: 3 }),
      "select :1, :2, :3 from sometable",
      { paramstyle: "numeric", positional: [1, 2, 3] },
    );
  });
});

describe("date arithmetic result types [sqltypes.py::_AbstractInterval, Date/DateTime/Time._expression_adaptations]", () => {
  const dt = sa.table(
    "dt",
    sa.column("a", sa.DateTime),
    sa.column("b", sa.DateTime),
    sa.column("d", sa.Date),
    sa.column("e", sa.Date),
    sa.column("i", sa.Interval),
    sa.column("n", sa.Integer),
    sa.column("tm", sa.Time),
  );
  const cases: [string, sa.ColumnElement, string][] = [
    ["DateTime - DateTime is an Interval", dt.c.a.sub(dt.c.b), "interval"],
    ["Date - Date is an Integer (days)", dt.c.d.sub(dt.c.e), "integer"],
    ["Date + Integer is a Date", dt.c.d.add(dt.c.n), "date"],
    ["DateTime + Interval is a DateTime", dt.c.a.add(dt.c.i), "datetime"],
    ["Interval + DateTime is a DateTime", dt.c.i.add(dt.c.a), "datetime"],
    ["Date + Interval is a DateTime", dt.c.d.add(dt.c.i), "datetime"],
    ["Time - Time is an Interval", dt.c.tm.sub(dt.c.tm), "interval"],
    ["Interval * Integer is an Interval", dt.c.i.mul(2), "interval"],
    ["Integer - Integer stays Integer", dt.c.n.sub(1), "integer"],
  ];
  for (const [name, expr, visitName] of cases) {
    it(name, () => {
      expect(expr.type.visitName).toBe(visitName);
    });
  }
});

describe("LIKE-family operators inside AND/OR, and PostgreSQL's ILIKE (SQLAlchemy 2.0.54 output)", () => {
  const t = sa.table("t", sa.column("x", sa.String), sa.column("n", sa.Integer));
  const cases: [
    string,
    sa.ColumnElement,
    Partial<Record<"default" | "postgresql" | "mysql" | "sqlite", string>>,
  ][] = [
    [
      "contains in AND is parenthesised",
      sa.and(t.c.x.contains("a"), t.c.n.gt(5)),
      {
        default: "(t.x LIKE '%' || :x_1 || '%') AND t.n > :n_1",
        postgresql: "(t.x LIKE '%%' || %(x_1)s || '%%') AND t.n > %(n_1)s",
        mysql: "(t.x LIKE concat('%%', %s, '%%')) AND t.n > %s",
        sqlite: "(t.x LIKE '%' || ? || '%') AND t.n > ?",
      },
    ],
    ["contains alone is not", t.c.x.contains("a"), { default: "t.x LIKE '%' || :x_1 || '%'" }],
    [
      "icontains: lower() LIKE lower(), ILIKE on PostgreSQL",
      sa.and(t.c.x.icontains("a"), t.c.n.gt(5)),
      {
        default: "(lower(t.x) LIKE '%' || lower(:x_1) || '%') AND t.n > :n_1",
        postgresql: "(t.x ILIKE '%%' || %(x_1)s || '%%') AND t.n > %(n_1)s",
        mysql: "(lower(t.x) LIKE concat('%%', lower(%s), '%%')) AND t.n > %s",
      },
    ],
    [
      "startsWith and a negated endsWith",
      sa.and(t.c.x.startsWith("a"), sa.not(t.c.x.endsWith("b"))),
      {
        default: "(t.x LIKE :x_1 || '%') AND (t.x NOT LIKE '%' || :x_2)",
        postgresql: "(t.x LIKE %(x_1)s || '%%') AND (t.x NOT LIKE '%%' || %(x_2)s)",
      },
    ],
    [
      "plain LIKE in OR is not",
      sa.or(t.c.x.like("a"), t.c.n.gt(1)),
      { default: "t.x LIKE :x_1 OR t.n > :n_1" },
    ],
  ];
  for (const [name, expr, byDialect] of cases) {
    it(name, () => {
      for (const [dialect, sql] of Object.entries(byDialect)) {
        assertCompile(expr, sql, { dialect: dialect as "default" });
      }
    });
  }
});

describe("numbered paramstyles around an IN list (SQLAlchemy 2.0.54 output)", () => {
  const u = sa.table("users", sa.column("id", sa.Integer), sa.column("name", sa.String));
  const q = sa
    .select(u.c.id)
    .where(u.c.name.like("e%"), u.c.id.in([1, 2, 3]))
    .orderBy(u.c.id)
    .limit(10);
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();

  it("the list's bind takes no number; the binds after it keep counting", () => {
    const c = q.compile({ dialect: postgresql.dialect({ paramstyle: "numeric_dollar" }) });
    expect(norm(c.string)).toBe(
      "SELECT users.id FROM users WHERE users.name LIKE $1 AND users.id IN (__[POSTCOMPILE_id_1]) ORDER BY users.id LIMIT $2",
    );
    expect(c.positiontup).toEqual(["name_1", "id_1", "param_1"]);
  });

  it("renderPostcompile numbers the list's values after every other bind", () => {
    const c = q.compile({
      dialect: postgresql.dialect({ paramstyle: "numeric_dollar" }),
      renderPostcompile: true,
    });
    expect(norm(c.string)).toBe(
      "SELECT users.id FROM users WHERE users.name LIKE $1 AND users.id IN ($3, $4, $5) ORDER BY users.id LIMIT $2",
    );
    expect(c.positiontup).toEqual(["name_1", "param_1", "id_1_1", "id_1_2", "id_1_3"]);
    expect(c.positionalParameters()).toEqual(["e%", 10, 1, 2, 3]);
    const two = sa
      .select(u.c.id)
      .where(u.c.id.in([1, 2]), u.c.name.eq("x"), u.c.id.in([3]), u.c.name.ne("y"))
      .compile({ dialect: sqlite.dialect({ paramstyle: "numeric" }), renderPostcompile: true });
    expect(norm(two.string)).toBe(
      "SELECT users.id FROM users WHERE users.id IN (:3, :4) AND users.name = :1 AND users.id IN (:5) AND users.name != :2",
    );
    expect(two.positiontup).toEqual(["name_1", "name_2", "id_1_1", "id_1_2", "id_2_1"]);
  });
});
