/**
 * Golden compile tests for SELECT, checked against SQLAlchemy 2.0's output.
 *
 * Expected SQL strings and parameter values come from SQLAlchemy's own test suite
 * (test/sql/test_compiler.py, test_select.py, test_text.py, test_functions.py,
 * test_case_statement.py, test_lateral.py, test_values.py). Where the upstream test uses a fixture
 * that differs from ours, the expected string is adapted and the difference is noted.
 * All cases use the generic DefaultDialect (named paramstyle, no native boolean) unless stated.
 */
import { describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { addresses, table1, table2, table3, users } from "../fixtures/tables.js";
import { assertCompile } from "../helpers/compile.js";

// CorrelateTest fixture: two one-column tables.
const t1 = sa.table("t1", sa.column("a"));
const t2 = sa.table("t2", sa.column("a"));
const correlatedSubq = () => sa.select(t1).where(t1.c.a.eq(t2.c.a));

// A table with a date column for extract().
const dt = sa.table("dt", sa.column("id", sa.Integer), sa.column("created", sa.Date));

const MYTABLE_COLS = "mytable.myid, mytable.name, mytable.description";

describe("select: columns and FROM", () => {
  it("select(table) renders every column [test_compiler::test_table_select]", () => {
    assertCompile(sa.select(table1), `SELECT ${MYTABLE_COLS} FROM mytable`, { params: {} });
  });

  it("two tables give a comma-separated FROM [test_compiler::test_table_select]", () => {
    assertCompile(
      sa.select(table1, table2),
      "SELECT mytable.myid, mytable.name, mytable.description, " +
        "myothertable.otherid, myothertable.othername FROM mytable, myothertable",
      { params: {} },
    );
  });

  it("individual columns [test_compiler::test_table_select]", () => {
    assertCompile(sa.select(table1.c.myid, table1.c.name), "SELECT mytable.myid, mytable.name FROM mytable", {
      params: {},
    });
  });

  it("FROM list derives from the WHERE clause too [test_select::test_new_calling_style]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.eq(table2.c.otherid)),
      "SELECT mytable.myid FROM mytable, myothertable WHERE mytable.myid = myothertable.otherid",
      { params: {} },
    );
  });

  it("selectFrom keeps an extra uncorrelated subquery in the FROM list [test_compiler::test_dont_overcorrelate]", () => {
    assertCompile(
      sa.select(table1).selectFrom(table1).selectFrom(sa.select(table1).subquery()),
      `SELECT ${MYTABLE_COLS} FROM mytable, (SELECT mytable.myid AS myid, mytable.name AS name, ` +
        "mytable.description AS description FROM mytable) AS anon_1",
      { params: {} },
    );
  });

  it("literal columns and textual FROM / WHERE [test_text::test_select_composition_one]", () => {
    assertCompile(
      sa
        .select(sa.literalColumn("foobar(a)"), sa.literalColumn("pk_foo_bar(syslaal)"))
        .where(sa.text("a = 12"))
        .selectFrom(sa.text("foobar left outer join lala on foobar.foo = lala.foo")),
      "SELECT foobar(a), pk_foo_bar(syslaal) FROM foobar " +
        "left outer join lala on foobar.foo = lala.foo WHERE a = 12",
      { params: {} },
    );
  });
});

describe("select: WHERE", () => {
  it("where with two criteria ANDs them [test_compiler::test_where_multiple]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.eq(12), table1.c.name.eq("foobar")),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid = :myid_1 AND mytable.name = :name_1",
      { params: { myid_1: 12, name_1: "foobar" } },
    );
  });

  it("chained where() calls AND together [test_compiler::test_where_multiple]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.eq(12)).where(table1.c.name.eq("foobar")),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid = :myid_1 AND mytable.name = :name_1",
      { params: { myid_1: 12, name_1: "foobar" } },
    );
  });

  it("literalColumn('*') with OR criteria, binds numbered per column [test_compiler::test_multiple_col_binds]", () => {
    assertCompile(
      sa
        .select(sa.literalColumn("*"))
        .where(sa.or(table1.c.myid.eq(12), table1.c.myid.eq(13), table1.c.myid.eq(14))),
      "SELECT * FROM mytable WHERE mytable.myid = :myid_1 OR mytable.myid = :myid_2 OR mytable.myid = :myid_3",
      { params: { myid_1: 12, myid_2: 13, myid_3: 14 } },
    );
  });

  it("where(true()) renders 1 = 1 on a non-native-boolean dialect [test_compiler::test_true_short_circuit]", () => {
    const t = sa.table("t", sa.column("x"));
    assertCompile(sa.select(t).where(sa.true()), "SELECT t.x FROM t WHERE 1 = 1", { params: {} });
  });
});

describe("select: joins", () => {
  const onclause = table1.c.myid.eq(table2.c.otherid);

  it("selectFrom(join) [test_compiler::test_joins]", () => {
    assertCompile(
      sa.select(table1).selectFrom(sa.join(table1, table2, onclause)),
      `SELECT ${MYTABLE_COLS} FROM mytable JOIN myothertable ON mytable.myid = myothertable.otherid`,
      { params: {} },
    );
  });

  it("join then outerjoin; a duplicate column name gets AS otherid_1 [test_compiler::test_joins]", () => {
    // upstream's thirdtable has no otherid column; ours does, so DISAMBIGUATE_ONLY labels it.
    assertCompile(
      sa
        .select(table1, table2, table3)
        .selectFrom(
          sa.outerjoin(sa.join(table1, table2, onclause), table3, table1.c.myid.eq(table3.c.userid)),
        ),
      "SELECT mytable.myid, mytable.name, mytable.description, " +
        "myothertable.otherid, myothertable.othername, thirdtable.userid, " +
        "thirdtable.otherid AS otherid_1, thirdtable.otherstuff FROM mytable " +
        "JOIN myothertable ON mytable.myid = myothertable.otherid " +
        "LEFT OUTER JOIN thirdtable ON mytable.myid = thirdtable.userid",
      { params: {} },
    );
  });

  it("right-nested join is parenthesised [test_compiler::test_joins]", () => {
    assertCompile(
      sa
        .select(table1.c.myid, table2.c.othername, table3.c.otherstuff)
        .selectFrom(
          sa.outerjoin(table1, sa.join(table2, table3, table2.c.otherid.eq(table3.c.userid)), onclause),
        ),
      "SELECT mytable.myid, myothertable.othername, thirdtable.otherstuff FROM mytable " +
        "LEFT OUTER JOIN (myothertable JOIN thirdtable ON myothertable.otherid = thirdtable.userid) " +
        "ON mytable.myid = myothertable.otherid",
      { params: {} },
    );
  });

  it("join(..., { full: true }) renders FULL OUTER JOIN [test_compiler::test_full_outer_join]", () => {
    assertCompile(
      sa.select(table1).selectFrom(sa.join(table1, table2, onclause, { full: true })),
      `SELECT ${MYTABLE_COLS} FROM mytable FULL OUTER JOIN myothertable ON mytable.myid = myothertable.otherid`,
      { params: {} },
    );
  });

  it("join(..., { isouter: true }) renders LEFT OUTER JOIN [test_compiler::test_full_outer_join]", () => {
    assertCompile(
      sa.select(table1).selectFrom(sa.join(table1, table2, onclause, { isouter: true })),
      `SELECT ${MYTABLE_COLS} FROM mytable LEFT OUTER JOIN myothertable ON mytable.myid = myothertable.otherid`,
      { params: {} },
    );
  });

  it("Select.join with an explicit ON clause [test_select::test_join_nofrom_implicit_left_side_explicit_onclause]", () => {
    assertCompile(
      sa.select(table1).join(table2, onclause),
      `SELECT ${MYTABLE_COLS} FROM mytable JOIN myothertable ON mytable.myid = myothertable.otherid`,
      { params: {} },
    );
  });

  it("Select.outerJoin [test_select::test_outerjoin_nofrom_explicit_left_side_explicit_onclause]", () => {
    assertCompile(
      sa.select(table1).outerJoin(table2, onclause),
      `SELECT ${MYTABLE_COLS} FROM mytable LEFT OUTER JOIN myothertable ON mytable.myid = myothertable.otherid`,
      { params: {} },
    );
  });

  it("Select.join infers ON from the foreign key [test_select::test_join_nofrom_implicit_left_side_implicit_onclause]", () => {
    assertCompile(
      sa.select(users).join(addresses),
      "SELECT users.id, users.name, users.fullname FROM users JOIN addresses ON users.id = addresses.user_id",
      { params: {} },
    );
  });

  it("joinFrom with an explicit ON clause [test_select::test_join_nofrom_explicit_left_side_explicit_onclause]", () => {
    assertCompile(
      sa.select(table1).joinFrom(table1, table2, onclause),
      `SELECT ${MYTABLE_COLS} FROM mytable JOIN myothertable ON mytable.myid = myothertable.otherid`,
      { params: {} },
    );
  });

  it("joinFrom infers ON from the foreign key [test_select::test_join_nofrom_explicit_left_side_implicit_onclause]", () => {
    assertCompile(
      sa.select(users.c.name, addresses.c.email_address).joinFrom(users, addresses),
      "SELECT users.name, addresses.email_address FROM users JOIN addresses ON users.id = addresses.user_id",
      { params: {} },
    );
  });

  it("selectFrom then join [test_select::test_join_froms_implicit_left_side_explicit_onclause]", () => {
    assertCompile(
      sa.select(table1).selectFrom(table1).join(table2, onclause),
      `SELECT ${MYTABLE_COLS} FROM mytable JOIN myothertable ON mytable.myid = myothertable.otherid`,
      { params: {} },
    );
  });
});

describe("select: aliases and subqueries", () => {
  it("named table alias [test_compiler::test_alias]", () => {
    assertCompile(
      sa.select(table1.alias("foo")),
      "SELECT foo.myid, foo.name, foo.description FROM mytable AS foo",
      {
        params: {},
      },
    );
  });

  it("anonymous table alias is mytable_1 [test_compiler::test_alias]", () => {
    assertCompile(
      sa.select(table1.alias()),
      "SELECT mytable_1.myid, mytable_1.name, mytable_1.description FROM mytable AS mytable_1",
      { params: {} },
    );
  });

  it("self-join through an anonymous alias labels the repeated name [test_compiler::test_alias]", () => {
    const a = table1.alias();
    assertCompile(
      sa.select(table1.c.myid, a.c.myid).where(table1.c.name.eq(a.c.name)),
      "SELECT mytable.myid, mytable_1.myid AS myid_1 FROM mytable, mytable AS mytable_1 " +
        "WHERE mytable.name = mytable_1.name",
      { params: {} },
    );
  });

  it("anonymous subquery is anon_1 and labels its columns [test_compiler::test_from_subquery]", () => {
    const s = sa.select(table1).where(table1.c.name.eq("jack")).subquery();
    assertCompile(
      sa.select(s).where(s.c.myid.eq(7)),
      "SELECT anon_1.myid, anon_1.name, anon_1.description FROM " +
        "(SELECT mytable.myid AS myid, mytable.name AS name, mytable.description AS description " +
        "FROM mytable WHERE mytable.name = :name_1) AS anon_1 WHERE anon_1.myid = :myid_1",
      { params: { name_1: "jack", myid_1: 7 } },
    );
  });

  it("named subquery [test_compiler::test_from_subquery]", () => {
    const sq = sa.select(table1).subquery("sq");
    assertCompile(
      sa.select(sq).where(sq.c.myid.eq(7)),
      "SELECT sq.myid, sq.name, sq.description FROM " +
        "(SELECT mytable.myid AS myid, mytable.name AS name, " +
        "mytable.description AS description FROM mytable) AS sq WHERE sq.myid = :myid_1",
      { params: { myid_1: 7 } },
    );
  });

  it("subquery of a tablename_plus_col select keeps the labels [test_compiler::test_from_subquery]", () => {
    const sq = sa
      .select(table1, table2)
      .where(sa.and(table1.c.myid.eq(7), table2.c.otherid.eq(table1.c.myid)))
      .setLabelStyle(sa.LABEL_STYLE_TABLENAME_PLUS_COL)
      .alias("sq");
    assertCompile(
      sa.select(sq),
      "SELECT sq.mytable_myid, sq.mytable_name, sq.mytable_description, sq.myothertable_otherid, " +
        "sq.myothertable_othername FROM (SELECT mytable.myid AS mytable_myid, mytable.name AS " +
        "mytable_name, mytable.description AS mytable_description, " +
        "myothertable.otherid AS myothertable_otherid, " +
        "myothertable.othername AS myothertable_othername FROM " +
        "mytable, myothertable WHERE mytable.myid = :myid_1 AND " +
        "myothertable.otherid = mytable.myid) AS sq",
      { params: { myid_1: 7 } },
    );
  });

  it("nested anonymous subqueries: the outer one is anon_1 [test_compiler::test_nested_label_targeting]", () => {
    const s2 = sa.select(table1).alias();
    const s4 = sa.select(s2).setLabelStyle(sa.LABEL_STYLE_TABLENAME_PLUS_COL).alias();
    const s5 = sa.select(s4).setLabelStyle(sa.LABEL_STYLE_TABLENAME_PLUS_COL);
    assertCompile(
      s5,
      "SELECT anon_1.anon_2_myid AS anon_1_anon_2_myid, anon_1.anon_2_name AS anon_1_anon_2_name, " +
        "anon_1.anon_2_description AS anon_1_anon_2_description FROM " +
        "(SELECT anon_2.myid AS anon_2_myid, anon_2.name AS anon_2_name, " +
        "anon_2.description AS anon_2_description " +
        "FROM (SELECT mytable.myid AS myid, mytable.name AS name, mytable.description " +
        "AS description FROM mytable) AS anon_2) AS anon_1",
      { params: {} },
    );
  });

  it("subquery next to its base table: duplicate names get _1 labels [test_compiler::test_where_subquery]", () => {
    const ta = table1.alias("ta");
    const s = sa
      .select(ta)
      .where(sa.exists(sa.select(table2.c.otherid).where(table2.c.otherid.eq(ta.c.myid))))
      .subquery("sq2");
    assertCompile(
      sa.select(s, table1),
      "SELECT sq2.myid, sq2.name, sq2.description, mytable.myid AS myid_1, " +
        "mytable.name AS name_1, mytable.description AS description_1 FROM " +
        "(SELECT ta.myid AS myid, ta.name AS name, ta.description AS description FROM " +
        "mytable AS ta WHERE EXISTS (SELECT myothertable.otherid FROM myothertable " +
        "WHERE myothertable.otherid = ta.myid)) AS sq2, mytable",
      { params: {} },
    );
  });

  it("select from an aliased tablename_plus_col select, labels nest [test_compiler::test_alias]", () => {
    const q = sa
      .select(table1, table2.c.otherid)
      .where(table1.c.myid.eq(table2.c.otherid))
      .setLabelStyle(sa.LABEL_STYLE_TABLENAME_PLUS_COL);
    const a = q.alias("t2view");
    assertCompile(
      sa.select(a).where(a.c.mytable_myid.eq(9)).setLabelStyle(sa.LABEL_STYLE_TABLENAME_PLUS_COL),
      "SELECT t2view.mytable_myid AS t2view_mytable_myid, t2view.mytable_name AS t2view_mytable_name, " +
        "t2view.mytable_description AS t2view_mytable_description, " +
        "t2view.myothertable_otherid AS t2view_myothertable_otherid FROM " +
        "(SELECT mytable.myid AS mytable_myid, mytable.name AS mytable_name, " +
        "mytable.description AS mytable_description, myothertable.otherid AS myothertable_otherid " +
        "FROM mytable, myothertable WHERE mytable.myid = myothertable.otherid) AS t2view " +
        "WHERE t2view.mytable_myid = :mytable_myid_1",
      { params: { mytable_myid_1: 9 } },
    );
  });
});

describe("select: scalar subqueries and correlation", () => {
  it("uncorrelatable scalar subquery keeps its FROM [test_compiler::test_where_subquery]", () => {
    assertCompile(
      sa
        .select(table1)
        .where(table1.c.myid.eq(sa.select(table1.c.myid).where(table1.c.name.eq("jack")).scalarSubquery())),
      `SELECT ${MYTABLE_COLS} FROM mytable WHERE mytable.myid = ` +
        "(SELECT mytable.myid FROM mytable WHERE mytable.name = :name_1)",
      { params: { name_1: "jack" } },
    );
  });

  it("scalar subquery auto-correlates to the enclosing FROM [test_compiler::test_where_subquery]", () => {
    assertCompile(
      sa
        .select(table1)
        .where(
          table1.c.myid.eq(
            sa.select(table2.c.otherid).where(table1.c.name.eq(table2.c.othername)).scalarSubquery(),
          ),
        ),
      `SELECT ${MYTABLE_COLS} FROM mytable WHERE mytable.myid = ` +
        "(SELECT myothertable.otherid FROM myothertable WHERE mytable.name = myothertable.othername)",
      { params: {} },
    );
  });

  it("scalar subquery in the columns clause gets AS anon_1 [test_compiler::test_scalar_select]", () => {
    assertCompile(
      sa.select(table2, sa.select(table1.c.myid).scalarSubquery()),
      "SELECT myothertable.otherid, myothertable.othername, (SELECT mytable.myid FROM mytable) AS anon_1 " +
        "FROM myothertable",
      { params: {} },
    );
  });

  it("labelled scalar subquery and arithmetic on one [test_compiler::test_scalar_select]", () => {
    const s = sa.select(table1.c.myid).scalarSubquery();
    assertCompile(
      sa.select(s.sub(sa.literal(8)), sa.select(table1.c.name).scalarSubquery().label("foo")),
      "SELECT (SELECT mytable.myid FROM mytable) - :param_1 AS anon_1, " +
        "(SELECT mytable.name FROM mytable) AS foo",
      { params: { param_1: 8 } },
    );
  });

  it("subquery against the same single table is not correlated away [test_compiler::test_correlate_auto_where_singlefrom]", () => {
    const a = sa.table("t1", sa.column("a"));
    assertCompile(
      sa.select(a).where(a.c.a.eq(sa.select(a.c.a).scalarSubquery())),
      "SELECT t1.a FROM t1 WHERE t1.a = (SELECT t1.a FROM t1)",
      { params: {} },
    );
  });

  it("auto-correlation in WHERE [test_compiler::test_correlate_auto_where]", () => {
    assertCompile(
      sa.select(t2).where(t2.c.a.eq(correlatedSubq().scalarSubquery())),
      "SELECT t2.a FROM t2 WHERE t2.a = (SELECT t1.a FROM t1 WHERE t1.a = t2.a)",
      { params: {} },
    );
  });

  it("auto-correlation in HAVING [test_compiler::test_correlate_auto_having]", () => {
    assertCompile(
      sa.select(t2).having(t2.c.a.eq(correlatedSubq().scalarSubquery())),
      "SELECT t2.a FROM t2 HAVING t2.a = (SELECT t1.a FROM t1 WHERE t1.a = t2.a)",
      { params: {} },
    );
  });

  it("correlate(t2) in the columns clause [test_compiler::test_correlate_semiauto_column]", () => {
    assertCompile(
      sa.select(t2, correlatedSubq().correlate(t2).scalarSubquery()),
      "SELECT t2.a, (SELECT t1.a FROM t1 WHERE t1.a = t2.a) AS anon_1 FROM t2",
      { params: {} },
    );
  });

  it("correlate(t1, t2) removes both FROMs [test_compiler::test_correlate_all_column]", () => {
    assertCompile(
      sa.select(t1, t2, correlatedSubq().correlate(t1, t2).scalarSubquery()),
      "SELECT t1.a, t2.a AS a_1, (SELECT t1.a WHERE t1.a = t2.a) AS anon_1 FROM t1, t2",
      { params: {} },
    );
  });

  it("correlateExcept(t1) correlates t2 [test_compiler::test_correlate_except_inclusion_where]", () => {
    assertCompile(
      sa.select(t2).where(t2.c.a.eq(correlatedSubq().correlateExcept(t1).scalarSubquery())),
      "SELECT t2.a FROM t2 WHERE t2.a = (SELECT t1.a FROM t1 WHERE t1.a = t2.a)",
      { params: {} },
    );
  });

  it("correlateExcept(t2) keeps t2 in the subquery [test_compiler::test_correlate_except_exclusion_where]", () => {
    assertCompile(
      sa.select(t2).where(t2.c.a.eq(correlatedSubq().correlateExcept(t2).scalarSubquery())),
      "SELECT t2.a FROM t2 WHERE t2.a = (SELECT t1.a FROM t1, t2 WHERE t1.a = t2.a)",
      { params: {} },
    );
  });

  it("a FROM-clause subquery is never correlated [test_compiler::test_correlate_auto_from]", () => {
    assertCompile(
      sa.select(t2, correlatedSubq().subquery()),
      "SELECT t2.a, anon_1.a AS a_1 FROM t2, (SELECT t1.a AS a FROM t1, t2 WHERE t1.a = t2.a) AS anon_1",
      { params: {} },
    );
  });
});

describe("select: EXISTS", () => {
  const s = sa.select(table1.c.myid).where(table1.c.myid.eq(5));

  it("standalone exists(select) [test_compiler::test_exists]", () => {
    assertCompile(sa.exists(s), "EXISTS (SELECT mytable.myid FROM mytable WHERE mytable.myid = :myid_1)", {
      params: { myid_1: 5 },
    });
  });

  it("exists in the columns clause gets AS anon_1 [test_compiler::test_exists]", () => {
    assertCompile(
      sa.select(sa.exists(s)),
      "SELECT EXISTS (SELECT mytable.myid FROM mytable WHERE mytable.myid = :myid_1) AS anon_1",
      { params: { myid_1: 5 } },
    );
  });

  it("exists in WHERE correlates to the enclosing select [test_compiler::test_where_subquery]", () => {
    assertCompile(
      sa
        .select(table1)
        .where(sa.exists(sa.select(table2.c.otherid).where(table2.c.otherid.eq(table1.c.myid)))),
      `SELECT ${MYTABLE_COLS} FROM mytable WHERE EXISTS (SELECT myothertable.otherid ` +
        "FROM myothertable WHERE myothertable.otherid = mytable.myid)",
      { params: {} },
    );
  });

  it("not(exists) is parenthesised [test_compiler::test_exists]", () => {
    assertCompile(
      sa
        .select(table1)
        .where(sa.not(sa.exists(sa.select(table2.c.otherid).where(table2.c.otherid.eq(table1.c.myid))))),
      `SELECT ${MYTABLE_COLS} FROM mytable WHERE NOT (EXISTS (SELECT myothertable.otherid ` +
        "FROM myothertable WHERE myothertable.otherid = mytable.myid))",
      { params: {} },
    );
  });

  it("Select.exists() with GROUP BY / HAVING: label count_1, bind count_2 [test_compiler::test_exists_method]", () => {
    const subq = sa
      .select(sa.func.count(table2.c.otherid))
      .where(table2.c.otherid.eq(table1.c.myid))
      .correlate(table1)
      .groupBy(table2.c.otherid)
      .having(sa.func.count(table2.c.otherid).gt(1))
      .exists();
    assertCompile(
      sa.select(table1).where(subq),
      `SELECT ${MYTABLE_COLS} FROM mytable WHERE EXISTS (SELECT count(myothertable.otherid) ` +
        "AS count_1 FROM myothertable WHERE myothertable.otherid = " +
        "mytable.myid GROUP BY myothertable.otherid " +
        "HAVING count(myothertable.otherid) > :count_2)",
      { params: { count_2: 1 } },
    );
  });
});

describe("select: GROUP BY, HAVING, ORDER BY", () => {
  it("group by with an aggregate labelled count_1 [test_compiler::test_orderby_groupby]", () => {
    assertCompile(
      sa.select(table2.c.othername, sa.func.count(table2.c.otherid)).groupBy(table2.c.othername),
      "SELECT myothertable.othername, count(myothertable.otherid) AS count_1 " +
        "FROM myothertable GROUP BY myothertable.othername",
      { params: {} },
    );
  });

  it("group by + having + order by + limit; the having bind follows the label counter [test_compiler::test_orderby_groupby]", () => {
    assertCompile(
      sa
        .select(table2.c.othername, sa.func.count(table2.c.otherid))
        .groupBy(table2.c.othername)
        .having(sa.func.count(table2.c.otherid).gt(1))
        .orderBy(table2.c.othername)
        .limit(10),
      "SELECT myothertable.othername, count(myothertable.otherid) AS count_1 FROM myothertable " +
        "GROUP BY myothertable.othername HAVING count(myothertable.otherid) > :count_2 " +
        "ORDER BY myothertable.othername LIMIT :param_1",
      { params: { count_2: 1, param_1: 10 } },
    );
  });

  it("order by plain and desc() [test_compiler::test_orderby_groupby]", () => {
    assertCompile(
      sa.select(table2).orderBy(table2.c.otherid, table2.c.othername.desc()),
      "SELECT myothertable.otherid, myothertable.othername FROM myothertable " +
        "ORDER BY myothertable.otherid, myothertable.othername DESC",
      { params: {} },
    );
  });

  it("asc() renders ASC; orderBy is generative [test_compiler::test_orderby_groupby]", () => {
    assertCompile(
      sa.select(table2).orderBy(table2.c.otherid).orderBy(table2.c.othername.asc()),
      "SELECT myothertable.otherid, myothertable.othername FROM myothertable " +
        "ORDER BY myothertable.otherid, myothertable.othername ASC",
      { params: {} },
    );
  });

  it("nullsFirst / nullsLast, with and without desc [test_compiler::test_order_by_nulls]", () => {
    assertCompile(
      sa.select(table2).orderBy(table2.c.otherid.nullsLast(), table2.c.othername.desc().nullsFirst()),
      "SELECT myothertable.otherid, myothertable.othername FROM myothertable " +
        "ORDER BY myothertable.otherid NULLS LAST, myothertable.othername DESC NULLS FIRST",
      { params: {} },
    );
  });

  it("order by a label name given as a string [test_text::test_order_by_label]", () => {
    assertCompile(
      sa.select(table1.c.myid.label("foo")).orderBy("foo"),
      "SELECT mytable.myid AS foo FROM mytable ORDER BY foo",
      { params: {} },
    );
  });

  it("outerJoin and outerjoin are both spelled on Table, Join and Select", () => {
    const on = table1.c.myid.eq(table2.c.otherid);
    const text =
      "SELECT mytable.myid FROM mytable LEFT OUTER JOIN myothertable ON mytable.myid = myothertable.otherid";
    assertCompile(sa.select(table1.c.myid).selectFrom(table1.outerJoin(table2, on)), text);
    assertCompile(sa.select(table1.c.myid).selectFrom(table1.outerjoin(table2, on)), text);
    assertCompile(sa.select(table1.c.myid).outerjoin(table2, on), text);
  });

  it("desc() / asc() take a label name as a string [test_text::test_order_by_label desc]", () => {
    assertCompile(
      sa.select(table1.c.myid.label("foo")).orderBy(sa.desc("foo"), sa.asc("foo")),
      "SELECT mytable.myid AS foo FROM mytable ORDER BY foo DESC, foo ASC",
      { params: {} },
    );
  });

  it("order by a column name given as a string [test_text::test_order_by_colname]", () => {
    assertCompile(
      sa.select(table1.c.myid).orderBy("name"),
      "SELECT mytable.myid FROM mytable ORDER BY mytable.name",
      {
        params: {},
      },
    );
  });

  it("group by a label name given as a string [test_text::test_group_by_label]", () => {
    assertCompile(
      sa.select(table1.c.myid.label("foo")).groupBy("foo"),
      "SELECT mytable.myid AS foo FROM mytable GROUP BY foo",
      { params: {} },
    );
  });

  it("order by labelled expressions renders the label names [test_compiler::test_order_by_labels_enabled]", () => {
    const lab1 = table1.c.myid.add(12).label("foo");
    const lab2 = sa.func.somefunc(table1.c.name).label("bar");
    assertCompile(
      sa.select(lab1, lab2).orderBy(lab1, lab2.desc()),
      "SELECT mytable.myid + :myid_1 AS foo, somefunc(mytable.name) AS bar FROM mytable ORDER BY foo, bar DESC",
      { params: { myid_1: 12 } },
    );
  });

  it("group by labelled expressions renders the full expressions [test_compiler::test_no_group_by_labels]", () => {
    const lab1 = table1.c.myid.add(12).label("foo");
    const lab2 = sa.func.somefunc(table1.c.name).label("bar");
    assertCompile(
      sa.select(lab1, lab2).groupBy(lab1, lab2),
      "SELECT mytable.myid + :myid_1 AS foo, somefunc(mytable.name) AS bar FROM mytable " +
        "GROUP BY mytable.myid + :myid_1, somefunc(mytable.name)",
      { params: { myid_1: 12 } },
    );
  });
});

describe("select: LIMIT / OFFSET", () => {
  it("limit and offset are bound parameters [test_compiler::test_limit_offset]", () => {
    assertCompile(
      sa.select(table1.c.myid).limit(5).offset(10),
      "SELECT mytable.myid FROM mytable LIMIT :param_1 OFFSET :param_2",
      { params: { param_1: 5, param_2: 10 } },
    );
  });

  it("offset without limit renders LIMIT -1 [test_compiler::test_limit_offset]", () => {
    assertCompile(
      sa.select(table1.c.myid).offset(10),
      "SELECT mytable.myid FROM mytable LIMIT -1 OFFSET :param_1",
      {
        params: { param_1: 10 },
      },
    );
  });

  it("limit only [test_compiler::test_limit_offset]", () => {
    assertCompile(sa.select(table1.c.myid).limit(5), "SELECT mytable.myid FROM mytable LIMIT :param_1", {
      params: { param_1: 5 },
    });
  });

  it("limit(0).offset(0) still renders both [test_compiler::test_limit_offset]", () => {
    assertCompile(
      sa.select(table1.c.myid).limit(0).offset(0),
      "SELECT mytable.myid FROM mytable LIMIT :param_1 OFFSET :param_2",
      { params: { param_1: 0, param_2: 0 } },
    );
  });

  it("literalBinds renders limit and offset inline [test_compiler::test_limit_offset_select_literal_binds]", () => {
    assertCompile(
      sa.select(table1.c.myid).limit(5).offset(6),
      "SELECT mytable.myid FROM mytable LIMIT 5 OFFSET 6",
      {
        literalBinds: true,
        params: {},
      },
    );
  });

  it("qmark: WHERE binds come before LIMIT / OFFSET [test_compiler::test_limit_offset]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(table1.c.myid.gt(5)).orderBy(table1.c.myid).limit(3).offset(2),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid > ? ORDER BY mytable.myid LIMIT ? OFFSET ?",
      { paramstyle: "qmark", positional: [5, 3, 2] },
    );
  });
});

describe("select: DISTINCT", () => {
  it("Select.distinct() [test_compiler::test_distinct]", () => {
    assertCompile(sa.select(table1.c.myid).distinct(), "SELECT DISTINCT mytable.myid FROM mytable", {
      params: {},
    });
  });

  it("distinct(col) in the columns clause is not labelled [test_compiler::test_distinct]", () => {
    assertCompile(sa.select(sa.distinct(table1.c.myid)), "SELECT DISTINCT mytable.myid FROM mytable", {
      params: {},
    });
  });

  it("count(distinct(col)) [test_compiler::test_distinct]", () => {
    assertCompile(
      sa.select(sa.func.count(sa.distinct(table1.c.myid))),
      "SELECT count(DISTINCT mytable.myid) AS count_1 FROM mytable",
      { params: {} },
    );
  });
});

describe("select: labels", () => {
  it("same column name from two tables: the second is AS id_1 [test_compiler::test_joins]", () => {
    assertCompile(
      sa.select(users.c.id, addresses.c.id),
      "SELECT users.id, addresses.id AS id_1 FROM users, addresses",
      {
        params: {},
      },
    );
  });

  it("the same column repeated gets a dedupe label myid__1 [test_compiler::test_dupe_cols_hey_we_can_union]", () => {
    assertCompile(
      sa.select(table1, table1.c.myid).where(table1.c.myid.eq(5)),
      `SELECT ${MYTABLE_COLS}, mytable.myid AS myid__1 FROM mytable WHERE mytable.myid = :myid_1`,
      { params: { myid_1: 5 } },
    );
  });

  it("an unnamed expression gets AS anon_1 [test_compiler::test_use_labels]", () => {
    assertCompile(sa.select(table1.c.myid.eq(5)), "SELECT mytable.myid = :myid_1 AS anon_1 FROM mytable", {
      params: { myid_1: 5 },
    });
  });

  it("a function gets AS foo_1 [test_compiler::test_use_labels]", () => {
    assertCompile(sa.select(sa.func.foo()), "SELECT foo() AS foo_1", { params: {} });
  });

  it("a cast of a bind is anonymous [test_compiler::test_use_labels]", () => {
    assertCompile(sa.select(sa.cast("data", sa.Integer)), "SELECT CAST(:param_1 AS INTEGER) AS anon_1", {
      params: { param_1: "data" },
    });
  });

  it("an inner label inside a function is ignored; the outer one wins [test_compiler::test_use_labels]", () => {
    assertCompile(
      sa.select(sa.func.sum(sa.func.lala(table1.c.myid).label("foo")).label("bar")),
      "SELECT sum(lala(mytable.myid)) AS bar FROM mytable",
      { params: {} },
    );
  });

  it("literal() as a column [test_compiler::test_literal]", () => {
    assertCompile(sa.select(sa.literal("foo")), "SELECT :param_1 AS anon_1", { params: { param_1: "foo" } });
  });

  it("string literals concatenate with || [test_compiler::test_literal]", () => {
    assertCompile(
      sa.select(sa.literal("foo").add(sa.literal("bar"))).selectFrom(table1),
      "SELECT :param_1 || :param_2 AS anon_1 FROM mytable",
      { params: { param_1: "foo", param_2: "bar" } },
    );
  });

  it("labelled literal next to a table [test_compiler::test_bind_as_col]", () => {
    const t = sa.table("foo", sa.column("id"));
    assertCompile(
      sa.select(t, sa.literal("lala").label("hoho")),
      "SELECT foo.id, :param_1 AS hoho FROM foo",
      {
        params: { param_1: "lala" },
      },
    );
  });
});

describe("select: bindparam", () => {
  it("a named bindparam keeps its name [test_compiler::test_binds]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.name.eq(sa.bindparam("mytablename", "x"))),
      `SELECT ${MYTABLE_COLS} FROM mytable WHERE mytable.name = :mytablename`,
      { params: { mytablename: "x" } },
    );
  });

  it("two bindparams with one name share a parameter; qmark repeats it [test_compiler::test_binds]", () => {
    assertCompile(
      sa
        .select(table1)
        .where(
          sa.or(table1.c.myid.eq(sa.bindparam("myid", 5)), table2.c.otherid.eq(sa.bindparam("myid", 5))),
        ),
      `SELECT ${MYTABLE_COLS} FROM mytable, myothertable WHERE mytable.myid = ? OR myothertable.otherid = ?`,
      { paramstyle: "qmark", positional: [5, 5] },
    );
  });
});

describe("select: set operations", () => {
  it("union with an ORDER BY column renders the bare name [test_compiler::test_compound_selects]", () => {
    const x = sa
      .union(sa.select(table1).where(table1.c.myid.eq(5)), sa.select(table1).where(table1.c.myid.eq(12)))
      .orderBy(table1.c.myid);
    assertCompile(
      x,
      `SELECT ${MYTABLE_COLS} FROM mytable WHERE mytable.myid = :myid_1 UNION ` +
        `SELECT ${MYTABLE_COLS} FROM mytable WHERE mytable.myid = :myid_2 ORDER BY myid`,
      { params: { myid_1: 5, myid_2: 12 } },
    );
  });

  it("a union nested on the left is parenthesised [test_compiler::test_compound_selects]", () => {
    const x = sa.union(sa.union(sa.select(table1), sa.select(table1)), sa.select(table1));
    assertCompile(
      x,
      `(SELECT ${MYTABLE_COLS} FROM mytable UNION SELECT ${MYTABLE_COLS} FROM mytable) ` +
        `UNION SELECT ${MYTABLE_COLS} FROM mytable`,
      { params: {} },
    );
  });

  it("three-way union ordered by a string name [test_compiler::test_compound_selects]", () => {
    // upstream selects all of thirdtable; ours has three columns, so two are named explicitly.
    assertCompile(
      sa
        .union(
          sa.select(table1.c.myid, table1.c.name),
          sa.select(table2),
          sa.select(table3.c.userid, table3.c.otherstuff),
        )
        .orderBy("name"),
      "SELECT mytable.myid, mytable.name FROM mytable UNION SELECT myothertable.otherid, " +
        "myothertable.othername FROM myothertable UNION SELECT thirdtable.userid, thirdtable.otherstuff " +
        "FROM thirdtable ORDER BY name",
      { params: {} },
    );
  });

  it("compound ORDER BY / LIMIT / OFFSET [test_compiler::test_compound_selects]", () => {
    assertCompile(
      sa
        .union(sa.select(table1.c.myid, table1.c.name), sa.select(table2))
        .orderBy("myid")
        .offset(10)
        .limit(5),
      "SELECT mytable.myid, mytable.name FROM mytable UNION SELECT myothertable.otherid, " +
        "myothertable.othername FROM myothertable ORDER BY myid LIMIT :param_1 OFFSET :param_2",
      { params: { param_1: 5, param_2: 10 } },
    );
  });

  it("unionAll with a nested union on the right [test_compiler::test_compound_selects]", () => {
    assertCompile(
      sa.unionAll(
        sa.select(table1.c.myid),
        sa.union(sa.select(table2.c.otherid), sa.select(table3.c.userid)),
      ),
      "SELECT mytable.myid FROM mytable UNION ALL (SELECT myothertable.otherid FROM myothertable " +
        "UNION SELECT thirdtable.userid FROM thirdtable)",
      { params: {} },
    );
  });

  it("union of labelled literals [test_compiler::test_compound_selects]", () => {
    assertCompile(
      sa.union(sa.select(sa.literal(100).label("value")), sa.select(sa.literal(200).label("value"))),
      "SELECT :param_1 AS value UNION SELECT :param_2 AS value",
      { params: { param_1: 100, param_2: 200 } },
    );
  });

  it("intersect, intersectAll, except, exceptAll keywords [test_compiler::test_compound_grouping]", () => {
    const a = sa.select(table1.c.myid);
    const b = sa.select(table2.c.otherid);
    const tail = "SELECT mytable.myid FROM mytable";
    const head = "SELECT myothertable.otherid FROM myothertable";
    assertCompile(sa.intersect(a, b), `${tail} INTERSECT ${head}`, { params: {} });
    assertCompile(sa.intersectAll(a, b), `${tail} INTERSECT ALL ${head}`, { params: {} });
    assertCompile(sa.except(a, b), `${tail} EXCEPT ${head}`, { params: {} });
    assertCompile(sa.exceptAll(a, b), `${tail} EXCEPT ALL ${head}`, { params: {} });
  });

  it("members with their own LIMIT / OFFSET are parenthesised [test_compiler::test_compound_grouping]", () => {
    const s = sa.select(table2.c.otherid);
    assertCompile(
      sa.union(s.limit(1), s.offset(2)),
      "(SELECT myothertable.otherid FROM myothertable LIMIT :param_1) UNION " +
        "(SELECT myothertable.otherid FROM myothertable LIMIT -1 OFFSET :param_2)",
      { params: { param_1: 1, param_2: 2 } },
    );
  });

  it("select from a union subquery labels each member's columns [test_compiler::test_compound_grouping]", () => {
    const u = sa
      .union(
        sa.select(table1.c.myid).where(table1.c.myid.eq(5)),
        sa.select(table1.c.myid).where(table1.c.myid.eq(12)),
      )
      .subquery();
    assertCompile(
      sa.select(u),
      "SELECT anon_1.myid FROM (SELECT mytable.myid AS myid FROM mytable WHERE mytable.myid = :myid_1 " +
        "UNION SELECT mytable.myid AS myid FROM mytable WHERE mytable.myid = :myid_2) AS anon_1",
      { params: { myid_1: 5, myid_2: 12 } },
    );
  });

  it("compound limit / offset with literalBinds [test_compiler::test_limit_offset_compound_select_literal_binds]", () => {
    assertCompile(
      sa
        .union(sa.select(sa.literalColumn("1")), sa.select(sa.literalColumn("2")))
        .limit(5)
        .offset(6),
      "SELECT 1 UNION SELECT 2 LIMIT 5 OFFSET 6",
      { literalBinds: true, params: {} },
    );
  });
});

describe("select: window functions", () => {
  it("an ordered-set aggregate and a filtered aggregate as windows [test_functions::test_within_group_over, test_funcfilter_windowing]", () => {
    assertCompile(
      sa.func
        .percentile_cont(0.5)
        .withinGroup(table1.c.name.desc())
        .over({ partitionBy: table1.c.name, orderBy: table1.c.myid }),
      "percentile_cont(:percentile_cont_1) WITHIN GROUP (ORDER BY mytable.name DESC) OVER (PARTITION BY mytable.name ORDER BY mytable.myid)",
    );
    assertCompile(
      sa.func.rank().filter(table1.c.name.gt("foo")).over({ orderBy: table1.c.name }),
      "rank() FILTER (WHERE mytable.name > :name_1) OVER (ORDER BY mytable.name)",
    );
  });

  it("over() with no arguments [test_compiler::test_over]", () => {
    assertCompile(sa.func.row_number().over({}), "row_number() OVER ()", { params: {} });
  });

  it("over with orderBy list [test_compiler::test_over]", () => {
    assertCompile(
      sa.func.row_number().over({ orderBy: [table1.c.name, table1.c.description] }),
      "row_number() OVER (ORDER BY mytable.name, mytable.description)",
      { params: {} },
    );
  });

  it("over with partitionBy and orderBy [test_compiler::test_over]", () => {
    assertCompile(
      sa.func.row_number().over({ partitionBy: table1.c.name, orderBy: table1.c.description }),
      "row_number() OVER (PARTITION BY mytable.name ORDER BY mytable.description)",
      { params: {} },
    );
  });

  it("labelled window function in a select [test_compiler::test_over]", () => {
    assertCompile(
      sa.select(sa.func.row_number().over({ orderBy: table1.c.description }).label("foo")),
      "SELECT row_number() OVER (ORDER BY mytable.description) AS foo FROM mytable",
      { params: {} },
    );
  });

  it("unlabelled window function is anon_1, FROM derived from its arguments [test_compiler::test_over]", () => {
    assertCompile(
      sa.select(sa.func.max(table1.c.name).over({ partitionBy: [table1.c.description] })),
      "SELECT max(mytable.name) OVER (PARTITION BY mytable.description) AS anon_1 FROM mytable",
      { params: {} },
    );
  });

  it("a same-level label is not referenced inside OVER [test_compiler::test_over]", () => {
    const expr = table1.c.myid.add(5).label("sum");
    assertCompile(
      sa.select(expr, sa.func.row_number().over({ orderBy: expr })),
      "SELECT mytable.myid + :myid_1 AS sum, row_number() OVER " +
        "(ORDER BY mytable.myid + :myid_1) AS anon_1 FROM mytable",
      { params: { myid_1: 5 } },
    );
  });
});

describe("select: CASE, CAST, EXTRACT", () => {
  it("case with else; WHEN conditions are parenthesised [test_case_statement::test_literal_interpretation_three]", () => {
    const t = sa.table("test", sa.column("col1"));
    assertCompile(
      sa.case([t.c.col1.eq(7), "y"], { else: "z" }),
      "CASE WHEN (test.col1 = :col1_1) THEN :param_1 ELSE :param_2 END",
      { params: { col1_1: 7, param_1: "y", param_2: "z" } },
    );
  });

  it("labelled multi-branch case in a select [test_case_statement::test_case]", () => {
    assertCompile(
      sa.select(
        sa.case([table1.c.myid.lt(3), "low"], [table1.c.myid.ge(3), "high"], { else: "other" }).label("x"),
      ),
      "SELECT CASE WHEN (mytable.myid < :myid_1) THEN :param_1 " +
        "WHEN (mytable.myid >= :myid_2) THEN :param_2 ELSE :param_3 END AS x FROM mytable",
      { params: { myid_1: 3, param_1: "low", myid_2: 3, param_2: "high", param_3: "other" } },
    );
  });

  it("case with literal column results [test_case_statement::test_text_doesnt_explode]", () => {
    const t = sa.table("test", sa.column("col1"));
    assertCompile(
      sa.select(sa.case([t.c.col1.eq(7), sa.literalColumn("'yes'")], { else: sa.literalColumn("'no'") })),
      "SELECT CASE WHEN (test.col1 = :col1_1) THEN 'yes' ELSE 'no' END AS anon_1 FROM test",
      { params: { col1_1: 7 } },
    );
  });

  it("cast of a column is labelled with the column's name [test_compiler::test_naming]", () => {
    assertCompile(
      sa.select(sa.cast(table1.c.name, sa.Numeric)),
      "SELECT CAST(mytable.name AS NUMERIC) AS name FROM mytable",
      { params: {} },
    );
  });

  it("cast() method with type arguments [test_compiler::test_cast]", () => {
    assertCompile(table1.c.myid.cast(sa.Numeric(12, 9)), "CAST(mytable.myid AS NUMERIC(12, 9))", {
      params: {},
    });
  });

  it("extract in WHERE compares against an anonymous bind [test_functions::test_extract_expression]", () => {
    assertCompile(
      sa.select(dt.c.id).where(sa.extract("year", dt.c.created).eq(2020)),
      "SELECT dt.id FROM dt WHERE EXTRACT(year FROM dt.created) = :param_1",
      { params: { param_1: 2020 } },
    );
  });

  it("extract in the columns clause is anonymous [test_functions::test_extract_expression]", () => {
    assertCompile(
      sa.select(sa.extract("month", dt.c.created)),
      "SELECT EXTRACT(month FROM dt.created) AS anon_1 FROM dt",
      {
        params: {},
      },
    );
  });
});

describe("select: text()", () => {
  const raw = "select * from foo where lala=:bar and hoho=:whee";

  it("plain text passes through [test_text::test_basic]", () => {
    assertCompile(sa.text("select * from foo where lala = bar"), "select * from foo where lala = bar", {
      params: {},
    });
  });

  it("text with bindparams, named [test_text::test_kw]", () => {
    assertCompile(sa.text(raw).bindparams({ bar: 4, whee: 7 }), raw, { params: { bar: 4, whee: 7 } });
  });

  it("text with bindparam objects as arguments, mixed with values [test_text::test_positional]", () => {
    assertCompile(sa.text(raw).bindparams(sa.bindparam("bar", 4), { whee: 7 }), raw, {
      params: { bar: 4, whee: 7 },
    });
    expect(() => sa.text(raw).bindparams(sa.bindparam("nope", 1))).toThrow(
      new sa.exc.ArgumentError("This text() construct doesn't define a bound parameter named 'nope'"),
    );
  });

  it("text with bindparams, qmark [test_text::test_binds_compiled_positional]", () => {
    assertCompile(sa.text(raw).bindparams({ bar: 4, whee: 7 }), "select * from foo where lala=? and hoho=?", {
      paramstyle: "qmark",
      positional: [4, 7],
    });
  });

  it("text with bindparams, literalBinds [test_text::test_literal_binds]", () => {
    assertCompile(
      sa.text(raw).bindparams({ bar: 4, whee: "whee" }),
      "select * from foo where lala=4 and hoho='whee'",
      {
        literalBinds: true,
        params: {},
      },
    );
  });

  it("a backslash-escaped colon is not a bind [test_text::test_escaping_colons]", () => {
    assertCompile(
      sa.text("select * from foo where clock='05:06:07' and mork='\\:mindy'"),
      "select * from foo where clock='05:06:07' and mork=':mindy'",
      { params: {} },
    );
  });

  it("text().columns() as a joined subquery [test_text::test_subquery]", () => {
    const t = sa
      .text("select id, name from user")
      .columns(sa.column("id", sa.Integer), sa.column("name", sa.String))
      .subquery();
    assertCompile(
      sa
        .select(table1.c.myid)
        .selectFrom(sa.join(table1, t, table1.c.myid.eq(t.c.id)))
        .orderBy(t.c.name),
      "SELECT mytable.myid FROM mytable JOIN (select id, name from user) AS anon_1 " +
        "ON mytable.myid = anon_1.id ORDER BY anon_1.name",
      { params: {} },
    );
  });

  it("text().columns() as a named alias in FROM [test_text::test_alias]", () => {
    const t = sa
      .text("select id, name from user")
      .columns(sa.column("id", sa.Integer), sa.column("name", sa.String))
      .alias("t");
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(t.c.id)),
      `SELECT ${MYTABLE_COLS} FROM mytable, (select id, name from user) AS t WHERE mytable.myid = t.id`,
      { params: {} },
    );
  });
});

describe("select: tuple, values, lateral", () => {
  it("tuple IN a list is one expanding bind [test_compiler::test_tuple_expanding_in_no_values]", () => {
    assertCompile(
      sa.select(table1.c.myid).where(
        sa.tuple(table1.c.myid, table1.c.name).in([
          [1, "foo"],
          [5, "bar"],
        ]),
      ),
      "SELECT mytable.myid FROM mytable WHERE (mytable.myid, mytable.name) IN (__[POSTCOMPILE_param_1])",
      {
        params: {
          param_1: [
            [1, "foo"],
            [5, "bar"],
          ],
        },
      },
    );
  });

  it("tuple IN with renderPostcompile expands to param_1_1_1 ... [test_compiler::test_tuple_expanding_in_no_values]", () => {
    assertCompile(
      sa.tuple(table1.c.myid, table1.c.name).in([
        [1, "foo"],
        [5, "bar"],
      ]),
      "(mytable.myid, mytable.name) IN ((:param_1_1_1, :param_1_1_2), (:param_1_2_1, :param_1_2_2))",
      {
        renderPostcompile: true,
        params: { param_1_1_1: 1, param_1_1_2: "foo", param_1_2_1: 5, param_1_2_2: "bar" },
      },
    );
  });

  it("tuple IN a select [test_compiler::test_tuple_clauselist_in]", () => {
    assertCompile(
      sa.tuple(table1.c.myid, table1.c.name).in(sa.select(table2.c.otherid, table2.c.othername)),
      "(mytable.myid, mytable.name) IN (SELECT myothertable.otherid, myothertable.othername FROM myothertable)",
      { params: {} },
    );
  });

  const myvalues = () =>
    sa
      .values(
        sa.column("mykey", sa.Integer),
        sa.column("mytext", sa.String),
        sa.column("myint", sa.Integer),
        {
          name: "myvalues",
        },
      )
      .data([
        [1, "textA", 99],
        [2, "textB", 88],
      ]);

  it("select from a named VALUES [test_values::test_bound_parameters]", () => {
    assertCompile(
      sa.select(myvalues()),
      "SELECT myvalues.mykey, myvalues.mytext, myvalues.myint FROM " +
        "(VALUES (:param_1, :param_2, :param_3), (:param_4, :param_5, :param_6)) " +
        "AS myvalues (mykey, mytext, myint)",
      { params: { param_1: 1, param_2: "textA", param_3: 99, param_4: 2, param_5: "textB", param_6: 88 } },
    );
  });

  it("VALUES joined to a table [test_values::test_with_join_named]", () => {
    const v = myvalues();
    assertCompile(
      sa.select(table1.c.myid, v.c.mytext).selectFrom(sa.join(table1, v, table1.c.myid.eq(v.c.mykey))),
      "SELECT mytable.myid, myvalues.mytext FROM mytable JOIN " +
        "(VALUES (:param_1, :param_2, :param_3), (:param_4, :param_5, :param_6)) " +
        "AS myvalues (mykey, mytext, myint) ON mytable.myid = myvalues.mykey",
      { params: { param_1: 1, param_2: "textA", param_3: 99, param_4: 2, param_5: "textB", param_6: 88 } },
    );
  });

  it("lateral subquery in FROM [test_lateral::test_select_from]", () => {
    assertCompile(
      sa.select(sa.select(table2.c.otherid).lateral()),
      "SELECT anon_1.otherid FROM LATERAL (SELECT myothertable.otherid AS otherid FROM myothertable) AS anon_1",
      { params: {} },
    );
  });

  it("JOIN LATERAL with a correlated subquery, ON true() on a non-native dialect [test_lateral::test_join_lateral_w_select_subquery]", () => {
    const subq = sa
      .select(table2.c.otherid)
      .correlate(table1)
      .where(table1.c.myid.eq(table2.c.otherid))
      .lateral();
    assertCompile(
      sa.select(table1, subq.c.otherid).selectFrom(sa.join(table1, subq, sa.true())),
      `SELECT ${MYTABLE_COLS}, anon_1.otherid FROM mytable JOIN LATERAL ` +
        "(SELECT myothertable.otherid AS otherid FROM myothertable " +
        "WHERE mytable.myid = myothertable.otherid) AS anon_1 ON 1 = 1",
      { params: {} },
    );
  });
});

describe("select: label styles", () => {
  it("LABEL_STYLE_TABLENAME_PLUS_COL [test_compiler::test_use_labels]", () => {
    assertCompile(
      sa.select(table1).setLabelStyle(sa.LABEL_STYLE_TABLENAME_PLUS_COL),
      "SELECT mytable.myid AS mytable_myid, mytable.name AS mytable_name, " +
        "mytable.description AS mytable_description FROM mytable",
      { params: {} },
    );
  });

  it("tablename_plus_col labels that collide get _1 [test_compiler::test_overlapping_labels_use_labels]", () => {
    const foo = sa.table("foo", sa.column("id"), sa.column("bar_id"));
    const fooBar = sa.table("foo_bar", sa.column("id"));
    assertCompile(
      sa.select(foo, fooBar).setLabelStyle(sa.LABEL_STYLE_TABLENAME_PLUS_COL),
      "SELECT foo.id AS foo_id, foo.bar_id AS foo_bar_id, foo_bar.id AS foo_bar_id_1 FROM foo, foo_bar",
      { params: {} },
    );
  });

  it("tablename_plus_col on an anonymous alias [test_compiler::test_dupe_columns_use_labels_from_anon]", () => {
    assertCompile(
      sa.select(table1.alias()).setLabelStyle(sa.LABEL_STYLE_TABLENAME_PLUS_COL),
      "SELECT mytable_1.myid AS mytable_1_myid, mytable_1.name AS mytable_1_name, " +
        "mytable_1.description AS mytable_1_description FROM mytable AS mytable_1",
      { params: {} },
    );
  });

  it("LABEL_STYLE_NONE leaves duplicate names unlabelled [test_compiler::test_cast]", () => {
    assertCompile(
      sa.select(users.c.id, addresses.c.id).setLabelStyle(sa.LABEL_STYLE_NONE),
      "SELECT users.id, addresses.id FROM users, addresses",
      { params: {} },
    );
  });
});

describe("select: withOnlyColumns, addColumns, forUpdate", () => {
  it("withOnlyColumns replaces the columns [test_selectable::test_with_only_generative]", () => {
    assertCompile(
      sa.select(table1).withOnlyColumns(table1.c.myid, table1.c.name),
      "SELECT mytable.myid, mytable.name FROM mytable",
      { params: {} },
    );
  });

  it("withOnlyColumns derives FROM from the new columns only [test_selectable::test_from_list_with_columns]", () => {
    assertCompile(
      sa.select(table1, table2).withOnlyColumns(table2.c.otherid),
      "SELECT myothertable.otherid FROM myothertable",
      {
        params: {},
      },
    );
  });

  it("addColumns appends [test_text::test_select_composition_two]", () => {
    assertCompile(
      sa.select(table1.c.myid).addColumns(table1.c.name, sa.func.count(table1.c.description)),
      "SELECT mytable.myid, mytable.name, count(mytable.description) AS count_1 FROM mytable",
      { params: {} },
    );
  });

  it("forUpdate on the default dialect [test_compiler::test_for_update]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)).forUpdate(),
      `SELECT ${MYTABLE_COLS} FROM mytable WHERE mytable.myid = :myid_1 FOR UPDATE`,
      { params: { myid_1: 7 } },
    );
  });

  it("forUpdate({ nowait }) is plain FOR UPDATE on the default dialect [test_compiler::test_for_update]", () => {
    assertCompile(
      sa.select(table1).where(table1.c.myid.eq(7)).forUpdate({ nowait: true }),
      `SELECT ${MYTABLE_COLS} FROM mytable WHERE mytable.myid = :myid_1 FOR UPDATE`,
      { params: { myid_1: 7 } },
    );
  });

  it("FOR UPDATE follows LIMIT [test_compiler::test_for_update]", () => {
    assertCompile(
      sa.select(table1.c.myid).limit(1).forUpdate(),
      "SELECT mytable.myid FROM mytable LIMIT :param_1 FOR UPDATE",
      {
        params: { param_1: 1 },
      },
    );
  });
});

describe("select: SQLAlchemy parity (compile probe against SQLAlchemy's test suite)", () => {
  it("an alias of an alias names the innermost element once [test_compiler::test_alias_nesting_table]", () => {
    assertCompile(
      sa.select(table1.alias("foo").alias("bar").alias("bat")),
      "SELECT bat.myid, bat.name, bat.description FROM mytable AS bat",
    );
    const sub = sa.select(table1).subquery().alias("foo").alias("bar");
    assertCompile(
      sa.select(sub),
      "SELECT bar.myid, bar.name, bar.description FROM (SELECT mytable.myid AS myid, " +
        "mytable.name AS name, mytable.description AS description FROM mytable) AS bar",
    );
  });

  it("a subquery's repeated columns are referenced by the labels it renders [test_compiler::test_dupe_columns_use_labels_derived_selectable]", () => {
    const t = sa.table("t", sa.column("a"), sa.column("b"));
    const s = sa
      .select(t.c.a, t.c.a, t.c.b, t.c.a)
      .setLabelStyle(sa.LABEL_STYLE_TABLENAME_PLUS_COL)
      .subquery();
    assertCompile(
      sa.select(s).setLabelStyle(sa.LABEL_STYLE_NONE),
      "SELECT anon_1.t_a, anon_1.t_a__1, anon_1.t_b, anon_1.t_a__2 FROM " +
        "(SELECT t.a AS t_a, t.a AS t_a__1, t.b AS t_b, t.a AS t_a__2 FROM t) AS anon_1",
    );
  });

  it("two subqueries each disambiguating a same-named column: references match each body", () => {
    const a = sa.table("a", sa.column("id")).alias("a1");
    const b = sa.table("b", sa.column("id"));
    const s1 = sa.select(a.c.id, b.c.id).subquery("s1");
    const s2 = sa.select(b.c.id, a.c.id).subquery("s2");
    assertCompile(
      sa.select(s1.c.id_1, s2.c.id_1).selectFrom(s1.join(s2, s1.c.id.eq(s2.c.id))),
      "SELECT s1.id_1, s2.id_1 AS id_1_1 FROM (SELECT a1.id AS id, b.id AS id_1 FROM a AS a1, b) AS s1 " +
        "JOIN (SELECT b.id AS id, a1.id AS id_1 FROM b, a AS a1) AS s2 ON s1.id = s2.id",
    );
  });

  it("a label inside an ORDER BY expression renders its expression [test_compiler::test_order_by_labels_enabled]", () => {
    const lab1 = table1.c.myid.add(12).label("foo");
    const lab2 = sa.func.somefunc(table1.c.name).label("bar");
    const cols = "SELECT mytable.myid + :myid_1 AS foo, somefunc(mytable.name) AS bar FROM mytable";
    assertCompile(
      sa.select(lab1, lab2).orderBy(sa.func.hoho(lab1), sa.desc(lab2)),
      `${cols} ORDER BY hoho(mytable.myid + :myid_1), bar DESC`,
    );
    assertCompile(
      sa.select(lab1, lab2).orderBy(lab1, sa.func.foo(lab1)),
      `${cols} ORDER BY foo, foo(mytable.myid + :myid_1)`,
    );
    assertCompile(
      sa.select(lab1, lab2).orderBy(lab1.desc().nullsLast()),
      `${cols} ORDER BY foo DESC NULLS LAST`,
    );
  });

  it("exists() of a scalar subquery is EXISTS of its SELECT [test_compiler::test_exists]", () => {
    assertCompile(
      sa.exists(sa.select(table1.c.myid).where(table1.c.myid.eq(5)).scalarSubquery()),
      "EXISTS (SELECT mytable.myid FROM mytable WHERE mytable.myid = :myid_1)",
    );
  });

  it("not() of a JS boolean and window clauses naming columns by string [test_compiler::test_over]", () => {
    // without native booleans NOT of a boolean bind is `= 0`
    assertCompile(sa.select(sa.not(true)), "SELECT :param_1 = 0 AS anon_1");
    assertCompile(
      sa.select(sa.func.max(table1.c.name).over({ partitionBy: ["description"], orderBy: "myid" })),
      "SELECT max(mytable.name) OVER (PARTITION BY mytable.description ORDER BY mytable.myid) AS anon_1 FROM mytable",
    );
  });
});

describe("select: JS values in the columns clause [test_compiler::test_limit_offset, test_exists]", () => {
  // (JavaScript callers: the static types take column expressions; `as never` reaches the runtime)
  it("a number is SQL text, '*' is *, null and booleans are constants", () => {
    assertCompile(
      sa
        .select(1 as never)
        .limit(5)
        .offset(10),
      "SELECT 1 LIMIT :param_1 OFFSET :param_2",
      {
        params: { param_1: 5, param_2: 10 },
      },
    );
    assertCompile(sa.select("*" as never).selectFrom(table1), "SELECT * FROM mytable");
    assertCompile(sa.select(null as never, true as never), "SELECT NULL AS anon_1, 1 AS anon_2", {
      dialect: "sqlite",
    });
    assertCompile(
      sa
        .select(table1.c.myid)
        .where(sa.exists(sa.select(1 as never).where(table2.c.otherid.eq(table1.c.myid)))),
      "SELECT mytable.myid FROM mytable WHERE EXISTS (SELECT 1 FROM myothertable WHERE myothertable.otherid = mytable.myid)",
    );
  });

  it("any other string is refused: it would select itself as a bound value", () => {
    expect(() => sa.select("name" as never)).toThrow(
      /Textual column expression 'name' should be explicitly declared with text/,
    );
  });
});

describe("FromClause.select() [selectable.py::FromClause.select]", () => {
  it("a table's select() is select(table)", () => {
    assertCompile(
      table1.select().where(table1.c.myid.eq(7)),
      "SELECT mytable.myid, mytable.name, mytable.description FROM mytable WHERE mytable.myid = :myid_1",
      { params: { myid_1: 7 } },
    );
  });

  it("an alias's and a subquery's select() select from them", () => {
    assertCompile(table1.alias("t").select(), "SELECT t.myid, t.name, t.description FROM mytable AS t");
    assertCompile(
      sa.select(table1.c.myid).subquery("s").select(),
      "SELECT s.myid FROM (SELECT mytable.myid AS myid FROM mytable) AS s",
    );
  });
});
