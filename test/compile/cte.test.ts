/**
 * Golden CTE compiles. Expected SQL and parameters are SQLAlchemy 2.0's output for the same
 * construct and dialect, taken from test/sql/test_cte.py and test/sql/test_insert.py, or worked
 * out from lib/sqlalchemy/sql/compiler.py where a case is marked "adapted". Upstream's CTE tests
 * run on the lenient string compiler; a SELECT, INSERT, UPDATE or DELETE without extra FROM
 * objects compiles identically on the default dialect, and the rest are compiled on postgresql.
 */
import { describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { table1, table2 } from "../fixtures/tables.js";
import { assertCompile } from "../helpers/compile.js";

const orders = sa.table(
  "orders",
  sa.column("region"),
  sa.column("amount"),
  sa.column("product"),
  sa.column("quantity"),
);
const parts = sa.table("parts", sa.column("part"), sa.column("sub_part"), sa.column("quantity"));
const products = sa.table("products", sa.column("id"), sa.column("price"));

describe("CTE: basics", () => {
  const named = () => {
    const c = sa.select(table1.c.myid, table1.c.name).where(table1.c.name.eq("x")).cte("c");
    return sa.select(c.c.myid).where(c.c.myid.gt(5));
  };

  it("renders a named CTE in WITH and selects from it by name [test_cte::test_union; adapted]", () => {
    assertCompile(
      named(),
      "WITH c AS (SELECT mytable.myid AS myid, mytable.name AS name FROM mytable WHERE mytable.name = :name_1) " +
        "SELECT c.myid FROM c WHERE c.myid > :myid_1",
      { params: { name_1: "x", myid_1: 5 } },
    );
  });

  it("renders a named CTE on postgresql [test_cte::test_union; adapted]", () => {
    assertCompile(
      named(),
      "WITH c AS (SELECT mytable.myid AS myid, mytable.name AS name FROM mytable WHERE mytable.name = %(name_1)s) " +
        "SELECT c.myid FROM c WHERE c.myid > %(myid_1)s",
      { dialect: "postgresql", params: { name_1: "x", myid_1: 5 } },
    );
  });

  it("renders a named CTE with qmark binds in text order on sqlite [test_cte::test_union; adapted]", () => {
    assertCompile(
      named(),
      "WITH c AS (SELECT mytable.myid AS myid, mytable.name AS name FROM mytable WHERE mytable.name = ?) " +
        "SELECT c.myid FROM c WHERE c.myid > ?",
      { dialect: "sqlite", positional: ["x", 5] },
    );
  });

  it("renders a named CTE with format binds on mysql [test_cte::test_union; adapted]", () => {
    assertCompile(
      named(),
      "WITH c AS (SELECT mytable.myid AS myid, mytable.name AS name FROM mytable WHERE mytable.name = %s) " +
        "SELECT c.myid FROM c WHERE c.myid > %s",
      { dialect: "mysql", positional: ["x", 5] },
    );
  });

  it("names an unnamed CTE anon_1 [test_cte::test_anon_update_cte; adapted]", () => {
    const c = sa.select(table1.c.myid).where(table1.c.name.eq("x")).cte();
    assertCompile(
      sa.select(c.c.myid),
      "WITH anon_1 AS (SELECT mytable.myid AS myid FROM mytable WHERE mytable.name = :name_1) " +
        "SELECT anon_1.myid FROM anon_1",
      { params: { name_1: "x" } },
    );
  });

  it("numbers the CTE's binds before the outer WHERE's, as it is compiled with the FROM clause [test_cte::test_positional_binds; adapted]", () => {
    const c = sa.select(table1.c.myid).where(table1.c.myid.gt(1)).cte("c");
    assertCompile(
      sa.select(c.c.myid).where(c.c.myid.lt(10)),
      "WITH c AS (SELECT mytable.myid AS myid FROM mytable WHERE mytable.myid > :myid_1) " +
        "SELECT c.myid FROM c WHERE c.myid < :myid_2",
      { params: { myid_1: 1, myid_2: 10 } },
    );
  });

  it("renders several CTEs, the referenced one first [test_cte::test_nonrecursive; adapted]", () => {
    const regionalSales = sa
      .select(orders.c.region, sa.func.sum(orders.c.amount).label("total_sales"))
      .groupBy(orders.c.region)
      .cte("regional_sales");
    const topRegions = sa
      .select(regionalSales.c.region)
      .where(
        regionalSales.c.total_sales.gt(sa.select(sa.func.sum(regionalSales.c.total_sales)).scalarSubquery()),
      )
      .cte("top_regions");
    const s = sa
      .select(
        orders.c.region,
        orders.c.product,
        sa.func.sum(orders.c.quantity).label("product_units"),
        sa.func.sum(orders.c.amount).label("product_sales"),
      )
      .where(orders.c.region.in(sa.select(topRegions.c.region)))
      .groupBy(orders.c.region, orders.c.product);
    assertCompile(
      s,
      "WITH regional_sales AS (SELECT orders.region AS region, sum(orders.amount) AS total_sales FROM orders " +
        "GROUP BY orders.region), " +
        "top_regions AS (SELECT regional_sales.region AS region FROM regional_sales " +
        "WHERE regional_sales.total_sales > (SELECT sum(regional_sales.total_sales) AS sum_1 FROM regional_sales)) " +
        "SELECT orders.region, orders.product, sum(orders.quantity) AS product_units, " +
        "sum(orders.amount) AS product_sales FROM orders " +
        "WHERE orders.region IN (SELECT top_regions.region FROM top_regions) " +
        "GROUP BY orders.region, orders.product",
      { params: {} },
    );
  });

  it("renders a CTE referenced by both parts of a UNION ALL once [test_cte::test_union]", () => {
    const regionalSales = sa.select(orders.c.region, orders.c.amount).cte("regional_sales");
    const s = sa.unionAll(
      sa.select(regionalSales.c.region).where(regionalSales.c.amount.gt(500)),
      sa.select(regionalSales.c.region).where(regionalSales.c.amount.lt(300)),
    );
    assertCompile(
      s,
      "WITH regional_sales AS (SELECT orders.region AS region, orders.amount AS amount FROM orders) " +
        "SELECT regional_sales.region FROM regional_sales WHERE regional_sales.amount > :amount_1 " +
        "UNION ALL SELECT regional_sales.region FROM regional_sales WHERE regional_sales.amount < :amount_2",
      { params: { amount_1: 500, amount_2: 300 } },
    );
  });

  it("renders an aliased CTE as name AS alias in both parts of a UNION ALL [test_cte::test_union_cte_aliases]", () => {
    const rs = sa.select(orders.c.region, orders.c.amount).cte("regional_sales").alias("rs");
    const s = sa.unionAll(
      sa.select(rs.c.region).where(rs.c.amount.gt(500)),
      sa.select(rs.c.region).where(rs.c.amount.lt(300)),
    );
    assertCompile(
      s,
      "WITH regional_sales AS (SELECT orders.region AS region, orders.amount AS amount FROM orders) " +
        "SELECT rs.region FROM regional_sales AS rs WHERE rs.amount > :amount_1 " +
        "UNION ALL SELECT rs.region FROM regional_sales AS rs WHERE rs.amount < :amount_2",
      { params: { amount_1: 500, amount_2: 300 } },
    );
  });

  it("quotes a CTE name that needs it [test_cte::test_multi_subq_quote]", () => {
    const c = sa.select(sa.literal(1).label("id")).cte("CTE");
    const s1 = sa.select(c.c.id).subquery();
    const s2 = sa.select(c.c.id).subquery();
    assertCompile(
      sa.select(s1, s2),
      'WITH "CTE" AS (SELECT :param_1 AS id) SELECT anon_1.id, anon_2.id AS id_1 FROM ' +
        '(SELECT "CTE".id AS id FROM "CTE") AS anon_1, (SELECT "CTE".id AS id FROM "CTE") AS anon_2',
      { params: { param_1: 1 } },
    );
  });

  it("quotes reserved column names in the CTE and its column list [test_cte::test_reserved_quote]", () => {
    const o = sa.table("orders", sa.column("order"));
    const s = sa.select(o.c.order).cte("regional_sales", { recursive: true });
    assertCompile(
      sa.select(s.c.order),
      'WITH RECURSIVE regional_sales("order") AS (SELECT orders."order" AS "order" FROM orders) ' +
        'SELECT regional_sales."order" FROM regional_sales',
      { params: {} },
    );
  });
});

describe("CTE: referenced more than once", () => {
  it("renders two anonymous aliases of one CTE [test_cte::test_all_aliases]", () => {
    const o = sa.table("order", sa.column("order"));
    const s = sa.select(o.c.order).cte("regional_sales");
    const r1 = s.alias();
    const r2 = s.alias();
    assertCompile(
      sa.select(r1, r2).where(r1.c.order.gt(r2.c.order)),
      'WITH regional_sales AS (SELECT "order"."order" AS "order" FROM "order") ' +
        'SELECT anon_1."order", anon_2."order" AS order_1 FROM regional_sales AS anon_1, ' +
        'regional_sales AS anon_2 WHERE anon_1."order" > anon_2."order"',
      { params: {} },
    );
  });

  it("renders a CTE used through an alias by two other CTEs once [test_cte::test_cte_refers_to_aliased_cte_twice]", () => {
    const a = sa.table("a", sa.column("id"));
    const b = sa.table("b", sa.column("id"), sa.column("fid"));
    const c = sa.table("c", sa.column("id"), sa.column("fid"));
    const cte1 = sa.select(a.c.id).cte("cte1");
    const aa = cte1.alias("aa");
    const cte2 = sa
      .select(b.c.id)
      .selectFrom(sa.join(b, aa, b.c.fid.eq(aa.c.id)))
      .cte("cte2");
    const cte3 = sa
      .select(c.c.id)
      .selectFrom(sa.join(c, aa, c.c.fid.eq(aa.c.id)))
      .cte("cte3");
    const stmt = sa.select(cte3.c.id, cte2.c.id).selectFrom(sa.join(cte2, cte3, cte2.c.id.eq(cte3.c.id)));
    assertCompile(
      stmt,
      "WITH cte1 AS (SELECT a.id AS id FROM a), " +
        "cte2 AS (SELECT b.id AS id FROM b JOIN cte1 AS aa ON b.fid = aa.id), " +
        "cte3 AS (SELECT c.id AS id FROM c JOIN cte1 AS aa ON c.fid = aa.id) " +
        "SELECT cte3.id, cte2.id AS id_1 FROM cte2 JOIN cte3 ON cte2.id = cte3.id",
      { params: {} },
    );
  });

  it("renders a CTE joined through two aliases, with one shared bindparam [test_cte::test_cloned_alias]", () => {
    const entity = sa.table("entity", sa.column("id"), sa.column("employer_id"), sa.column("name"));
    const tag = sa.table("tag", sa.column("tag"), sa.column("entity_id"));
    const tags = sa
      .select(tag.c.entity_id, sa.func.array_agg(tag.c.tag).label("tags"))
      .groupBy(tag.c.entity_id)
      .cte("unaliased_tags");
    const entityTags = tags.alias("entity_tags");
    const employerTags = tags.alias("employer_tags");
    const q = sa
      .select(entity.c.name)
      .selectFrom(
        sa.outerjoin(
          sa.outerjoin(entity, entityTags, tags.c.entity_id.eq(entity.c.id)),
          employerTags,
          tags.c.entity_id.eq(entity.c.employer_id),
        ),
      )
      .where(entityTags.c.tags.op("@>")(sa.bindparam("tags")))
      .where(employerTags.c.tags.op("@>")(sa.bindparam("tags")));
    assertCompile(
      q,
      "WITH unaliased_tags AS (SELECT tag.entity_id AS entity_id, array_agg(tag.tag) AS tags " +
        "FROM tag GROUP BY tag.entity_id) SELECT entity.name FROM entity " +
        "LEFT OUTER JOIN unaliased_tags AS entity_tags ON unaliased_tags.entity_id = entity.id " +
        "LEFT OUTER JOIN unaliased_tags AS employer_tags ON unaliased_tags.entity_id = entity.employer_id " +
        "WHERE (entity_tags.tags @> :tags) AND (employer_tags.tags @> :tags)",
      { params: { tags: null } },
    );
  });

  it("renders an aliased CTE inside two subqueries once [test_cte::test_multi_subq_alias]", () => {
    const c = sa.select(sa.literal(1).label("id")).cte("cte1").alias("aa");
    const s1 = sa.select(c.c.id).subquery();
    const s2 = sa.select(c.c.id).subquery();
    assertCompile(
      sa.select(s1, s2),
      "WITH cte1 AS (SELECT :param_1 AS id) SELECT anon_1.id, anon_2.id AS id_1 FROM " +
        "(SELECT aa.id AS id FROM cte1 AS aa) AS anon_1, (SELECT aa.id AS id FROM cte1 AS aa) AS anon_2",
      { params: { param_1: 1 } },
    );
  });

  it("hoists a CTE used only inside a subquery to the top-level WITH [test_cte::test_multi_subq_alias; adapted]", () => {
    const c = sa.select(table1.c.myid).where(table1.c.name.eq("x")).cte("c");
    const s = sa.select(c.c.myid).subquery("s");
    assertCompile(
      sa.select(s.c.myid),
      "WITH c AS (SELECT mytable.myid AS myid FROM mytable WHERE mytable.name = :name_1) " +
        "SELECT s.myid FROM (SELECT c.myid AS myid FROM c) AS s",
      { params: { name_1: "x" } },
    );
  });

  it("hoists a CTE used only inside a scalar subquery in WHERE [test_cte::test_order_by_group_by_label_w_scalar_subquery; adapted]", () => {
    const m = sa.select(sa.func.max(table2.c.otherid).label("maxid")).cte("m");
    assertCompile(
      sa.select(table1.c.name).where(table1.c.myid.eq(sa.select(m.c.maxid).scalarSubquery())),
      "WITH m AS (SELECT max(myothertable.otherid) AS maxid FROM myothertable) " +
        "SELECT mytable.name FROM mytable WHERE mytable.myid = (SELECT m.maxid FROM m)",
      { params: {} },
    );
  });

  it("does not auto-correlate a scalar subquery whose only FROM is the outer CTE [test_cte::test_cte_refers_to_aliased_cte_twice; adapted]", () => {
    const c = sa.select(table1.c.myid, table1.c.name).cte("c");
    assertCompile(
      sa.select(c.c.name).where(c.c.myid.eq(sa.select(sa.func.max(c.c.myid)).scalarSubquery())),
      "WITH c AS (SELECT mytable.myid AS myid, mytable.name AS name FROM mytable) " +
        "SELECT c.name FROM c WHERE c.myid = (SELECT max(c.myid) AS max_1 FROM c)",
      { params: {} },
    );
  });
});

describe("CTE: positional parameters", () => {
  const o = sa.table("orders", sa.column("order"));
  const literalColumns = () => {
    const s = sa.select(o.c.order, sa.literal("x")).cte("regional_sales");
    return sa.select(s.c.order, sa.literal("y"));
  };

  it("numbers numeric binds in compile order: outer columns before the CTE body [test_cte::test_positional_binds]", () => {
    assertCompile(
      literalColumns(),
      'WITH regional_sales AS (SELECT orders."order" AS "order", :2 AS anon_2 FROM orders) ' +
        'SELECT regional_sales."order", :1 AS anon_1 FROM regional_sales',
      { dialect: "default", paramstyle: "numeric", positional: ["y", "x"] },
    );
  });

  it("numbers numeric binds in compile order: the CTE body before the outer WHERE [test_cte::test_positional_binds]", () => {
    const s = sa.select(o.c.order).where(o.c.order.eq("x")).cte("regional_sales");
    assertCompile(
      sa.select(s.c.order).where(s.c.order.eq("y")),
      'WITH regional_sales AS (SELECT orders."order" AS "order" FROM orders WHERE orders."order" = :1) ' +
        'SELECT regional_sales."order" FROM regional_sales WHERE regional_sales."order" = :2',
      { dialect: "default", paramstyle: "numeric", positional: ["x", "y"] },
    );
  });

  it("orders qmark binds by their place in the text [test_cte::test_positional_binds; adapted]", () => {
    assertCompile(
      literalColumns(),
      'WITH regional_sales AS (SELECT orders."order" AS "order", ? AS anon_2 FROM orders) ' +
        'SELECT regional_sales."order", ? AS anon_1 FROM regional_sales',
      { dialect: "default", paramstyle: "qmark", positional: ["x", "y"] },
    );
  });
});

describe("CTE: recursive", () => {
  const partsQuery = () => {
    const base = sa
      .select(parts.c.sub_part, parts.c.part, parts.c.quantity)
      .where(parts.c.part.eq("our part"))
      .cte(undefined, { recursive: true });
    const inclAlias = base.alias();
    const partsAlias = parts.alias();
    const included = base.unionAll(
      sa
        .select(partsAlias.c.sub_part, partsAlias.c.part, partsAlias.c.quantity)
        .where(partsAlias.c.part.eq(inclAlias.c.sub_part)),
    );
    return sa
      .select(included.c.sub_part, sa.func.sum(included.c.quantity).label("total_quantity"))
      .selectFrom(sa.join(included, parts, included.c.part.eq(parts.c.part)))
      .groupBy(included.c.sub_part);
  };
  const partsSql = (bind: string) =>
    "WITH RECURSIVE anon_1(sub_part, part, quantity) AS (SELECT parts.sub_part AS sub_part, parts.part AS part, " +
    `parts.quantity AS quantity FROM parts WHERE parts.part = ${bind} UNION ALL ` +
    "SELECT parts_1.sub_part AS sub_part, parts_1.part AS part, parts_1.quantity AS quantity " +
    "FROM parts AS parts_1, anon_1 AS anon_2 WHERE parts_1.part = anon_2.sub_part) " +
    "SELECT anon_1.sub_part, sum(anon_1.quantity) AS total_quantity FROM anon_1 " +
    "JOIN parts ON anon_1.part = parts.part GROUP BY anon_1.sub_part";

  it("renders WITH RECURSIVE name(columns) for an anonymous recursive CTE [test_cte::test_recursive; adapted to UNION ALL]", () => {
    assertCompile(partsQuery(), partsSql(":part_1"), { params: { part_1: "our part" } });
  });

  it("renders the same recursive CTE on postgresql [test_cte::test_recursive; adapted]", () => {
    assertCompile(partsQuery(), partsSql("%(part_1)s"), {
      dialect: "postgresql",
      params: { part_1: "our part" },
    });
  });

  const counter = () => {
    const base = sa.select(sa.literal(0).label("x")).cte("cte", { recursive: true });
    return { base, cte: base.unionAll(sa.select(base.c.x.add(1)).where(base.c.x.lt(10))) };
  };
  const counterBody = (p: [string, string, string]) =>
    `(SELECT ${p[0]} AS x UNION ALL SELECT cte.x + ${p[1]} AS anon_1 FROM cte WHERE cte.x < ${p[2]})`;

  it("renders a recursive UNION ALL and selects from it [test_cte::test_recursive_union_no_alias_one]", () => {
    assertCompile(
      sa.select(counter().cte),
      `WITH RECURSIVE cte(x) AS ${counterBody([":param_1", ":x_1", ":x_2"])} SELECT cte.x FROM cte`,
      { params: { param_1: 0, x_1: 1, x_2: 10 } },
    );
  });

  it("selects from an alias of the recursive CTE [test_cte::test_recursive_union_alias_one]", () => {
    assertCompile(
      sa.select(counter().cte.alias("cr1")),
      `WITH RECURSIVE cte(x) AS ${counterBody([":param_1", ":x_1", ":x_2"])} SELECT cr1.x FROM cte AS cr1`,
      { params: { param_1: 0, x_1: 1, x_2: 10 } },
    );
  });

  it("renders a recursive CTE with qmark binds on sqlite [test_cte::test_recursive_union_no_alias_one; adapted]", () => {
    assertCompile(
      sa.select(counter().cte),
      `WITH RECURSIVE cte(x) AS ${counterBody(["?", "?", "?"])} SELECT cte.x FROM cte`,
      {
        dialect: "sqlite",
        positional: [0, 1, 10],
      },
    );
  });

  it("renders a recursive CTE with format binds on mysql [test_cte::test_recursive_union_no_alias_one; adapted]", () => {
    assertCompile(
      sa.select(counter().cte),
      `WITH RECURSIVE cte(x) AS ${counterBody(["%s", "%s", "%s"])} SELECT cte.x FROM cte`,
      { dialect: "mysql", positional: [0, 1, 10] },
    );
  });

  it("numbers binds after a dedupe label compiled earlier in the columns clause [test_cte::test_recursive_union_no_alias_three]", () => {
    const { cte } = counter();
    const bar = sa.select(cte).cte("bar");
    assertCompile(
      sa.select(cte, bar),
      `WITH RECURSIVE cte(x) AS ${counterBody([":param_1", ":x_2", ":x_3"])}, ` +
        "bar AS (SELECT cte.x AS x FROM cte) SELECT cte.x, bar.x AS x_1 FROM cte, bar",
      { params: { param_1: 0, x_2: 1, x_3: 10 } },
    );
  });

  it("renders only the non-recursive part when a sibling CTE was built before the union [test_cte::test_recursive_union_no_alias_four]", () => {
    const { base } = counter();
    const bar = sa.select(base).cte("bar");
    assertCompile(
      sa.select(bar),
      "WITH RECURSIVE cte(x) AS (SELECT :param_1 AS x), bar AS (SELECT cte.x AS x FROM cte) SELECT bar.x FROM bar",
      { params: { param_1: 0 } },
    );
  });

  it("renders a function-valued recursive CTE and an aggregate over it [test_cte::test_recursive_union_no_alias_two]", () => {
    const t0 = sa.select(sa.func.values(1).label("n")).cte("t", { recursive: true });
    const t = t0.unionAll(sa.select(t0.c.n.add(1)).where(t0.c.n.lt(100)));
    assertCompile(
      sa.select(sa.func.sum(t.c.n)),
      "WITH RECURSIVE t(n) AS (SELECT values(:values_1) AS n UNION ALL SELECT t.n + :n_1 AS anon_1 " +
        "FROM t WHERE t.n < :n_2) SELECT sum(t.n) AS sum_1 FROM t",
      { params: { values_1: 1, n_1: 1, n_2: 100 } },
    );
  });

  it("unions several recursive parts [test_cte::test_recursive_cte_with_multiple_union_all]", () => {
    const root = sa.select(sa.literal(1).label("val")).cte("increasing", { recursive: true });
    const part1 = sa.select(root.c.val.add(3).label("val")).where(root.c.val.lt(15));
    const part2 = sa.select(root.c.val.add(5).label("val")).where(root.c.val.lt(15));
    assertCompile(
      sa.select(root.unionAll(part1, part2)),
      "WITH RECURSIVE increasing(val) AS (SELECT :param_1 AS val " +
        "UNION ALL SELECT increasing.val + :val_1 AS val FROM increasing WHERE increasing.val < :val_2 " +
        "UNION ALL SELECT increasing.val + :val_3 AS val FROM increasing WHERE increasing.val < :val_4) " +
        "SELECT increasing.val FROM increasing",
      { params: { param_1: 1, val_1: 3, val_2: 15, val_3: 5, val_4: 15 } },
    );
  });

  it("names duplicate columns id, id_1 in the recursive column list [test_cte::test_wrecur_dupe_col_names]", () => {
    const manager = sa.table("manager", sa.column("id"));
    const employee = sa.table("employee", sa.column("id"), sa.column("manager_id"));
    const topQ = sa
      .select(employee, manager)
      .joinFrom(employee, manager, employee.c.manager_id.eq(manager.c.id))
      .cte("cte", { recursive: true });
    const bottomQ = sa
      .select(employee, manager)
      .joinFrom(employee, manager, employee.c.manager_id.eq(manager.c.id))
      .join(topQ, topQ.c.id.eq(employee.c.id));
    assertCompile(
      sa.select(topQ.unionAll(bottomQ)),
      "WITH RECURSIVE cte(id, manager_id, id_1) AS (SELECT employee.id AS id, employee.manager_id AS manager_id, " +
        "manager.id AS id_1 FROM employee JOIN manager ON employee.manager_id = manager.id UNION ALL " +
        "SELECT employee.id AS id, employee.manager_id AS manager_id, manager.id AS id_1 FROM employee " +
        "JOIN manager ON employee.manager_id = manager.id JOIN cte ON cte.id = employee.id) " +
        "SELECT cte.id, cte.manager_id, cte.id_1 FROM cte",
      { params: {} },
    );
  });

  it("uses a recursive CTE in DELETE .. WHERE IN with RETURNING [test_cte::test_pg_example_three]", () => {
    const base = sa
      .select(parts.c.sub_part, parts.c.part)
      .where(parts.c.part.eq("our part"))
      .cte("included_parts", { recursive: true });
    const pr = base.alias("pr");
    const p = parts.alias("p");
    const included = base.unionAll(sa.select(p.c.sub_part, p.c.part).where(p.c.part.eq(pr.c.sub_part)));
    const stmt = parts
      .delete()
      .where(parts.c.part.in(sa.select(included.c.part)))
      .returning(parts.c.part);
    assertCompile(
      stmt,
      "WITH RECURSIVE included_parts(sub_part, part) AS (SELECT parts.sub_part AS sub_part, parts.part AS part " +
        "FROM parts WHERE parts.part = :part_1 UNION ALL SELECT p.sub_part AS sub_part, p.part AS part " +
        "FROM parts AS p, included_parts AS pr WHERE p.part = pr.sub_part) " +
        "DELETE FROM parts WHERE parts.part IN (SELECT included_parts.part FROM included_parts) RETURNING parts.part",
      { params: { part_1: "our part" } },
    );
  });
});

describe("CTE: INSERT, UPDATE and DELETE", () => {
  it("puts WITH before INSERT..SELECT that uses a CTE [test_insert::test_insert_from_select_cte_one]", () => {
    const c = sa.select(table1.c.name).where(table1.c.name.eq("bar")).cte();
    const sel = sa.select(table1.c.myid, table1.c.name).where(table1.c.name.eq(c.c.name));
    assertCompile(
      table2.insert().fromSelect(["otherid", "othername"], sel),
      "WITH anon_1 AS (SELECT mytable.name AS name FROM mytable WHERE mytable.name = :name_1) " +
        "INSERT INTO myothertable (otherid, othername) SELECT mytable.myid, mytable.name FROM mytable, anon_1 " +
        "WHERE mytable.name = anon_1.name",
      { params: { name_1: "bar" } },
    );
  });

  it("puts WITH before INSERT..SELECT on postgresql [test_insert::test_insert_from_select_cte_one; adapted]", () => {
    const c = sa.select(table1.c.name).where(table1.c.name.eq("bar")).cte();
    const sel = sa.select(table1.c.myid, table1.c.name).where(table1.c.name.eq(c.c.name));
    assertCompile(
      table2.insert().fromSelect(["otherid", "othername"], sel),
      "WITH anon_1 AS (SELECT mytable.name AS name FROM mytable WHERE mytable.name = %(name_1)s) " +
        "INSERT INTO myothertable (otherid, othername) SELECT mytable.myid, mytable.name FROM mytable, anon_1 " +
        "WHERE mytable.name = anon_1.name",
      { dialect: "postgresql", params: { name_1: "bar" } },
    );
  });

  it("inserts from a SELECT of a whole CTE [test_insert::test_insert_from_select_cte_two]", () => {
    const c = sa.select(table1).cte("c");
    assertCompile(
      table1.insert().fromSelect(["myid", "name", "description"], sa.select(c)),
      "WITH c AS (SELECT mytable.myid AS myid, mytable.name AS name, mytable.description AS description " +
        "FROM mytable) INSERT INTO mytable (myid, name, description) SELECT c.myid, c.name, c.description FROM c",
      { params: {} },
    );
  });

  it("renders INSERT..RETURNING inside a CTE with anonymous value binds [test_cte::test_insert_in_the_cte]", () => {
    const c = products
      .insert()
      .values({ id: 1, price: 27.0 })
      .returning(products.c.id, products.c.price)
      .cte("pd");
    assertCompile(
      sa.select(c),
      "WITH pd AS (INSERT INTO products (id, price) VALUES (:param_1, :param_2) " +
        "RETURNING products.id, products.price) SELECT pd.id, pd.price FROM pd",
      { params: { param_1: 1, param_2: 27.0 } },
    );
  });

  it("renders INSERT..RETURNING inside a CTE on postgresql [test_cte::test_insert_in_the_cte; adapted]", () => {
    const c = products
      .insert()
      .values({ id: 1, price: 27.0 })
      .returning(products.c.id, products.c.price)
      .cte("pd");
    assertCompile(
      sa.select(c),
      "WITH pd AS (INSERT INTO products (id, price) VALUES (%(param_1)s, %(param_2)s) " +
        "RETURNING products.id, products.price) SELECT pd.id, pd.price FROM pd",
      { dialect: "postgresql", params: { param_1: 1, param_2: 27.0 } },
    );
  });

  it("renders INSERT..RETURNING inside a CTE with unqualified RETURNING on sqlite [test_cte::test_insert_in_the_cte; adapted]", () => {
    const c = products
      .insert()
      .values({ id: 1, price: 27.0 })
      .returning(products.c.id, products.c.price)
      .cte("pd");
    assertCompile(
      sa.select(c),
      "WITH pd AS (INSERT INTO products (id, price) VALUES (?, ?) RETURNING id, price) SELECT pd.id, pd.price FROM pd",
      { dialect: "sqlite", positional: [1, 27.0] },
    );
  });

  it("names an unnamed INSERT CTE anon_1 [test_cte::test_anon_insert_cte]", () => {
    const o = sa.table("orders", sa.column("region"));
    const c = o.insert().values({ region: "y" }).returning(o.c.region).cte();
    assertCompile(
      sa.select(c),
      "WITH anon_1 AS (INSERT INTO orders (region) VALUES (:param_1) RETURNING orders.region) " +
        "SELECT anon_1.region FROM anon_1",
      { params: { param_1: "y" } },
    );
  });

  it("names an unnamed UPDATE CTE anon_1 [test_cte::test_anon_update_cte]", () => {
    const o = sa.table("orders", sa.column("region"));
    const c = o.update().where(o.c.region.eq("x")).values({ region: "y" }).returning(o.c.region).cte();
    assertCompile(
      sa.select(c),
      "WITH anon_1 AS (UPDATE orders SET region=:param_1 WHERE orders.region = :region_1 RETURNING orders.region) " +
        "SELECT anon_1.region FROM anon_1",
      { params: { param_1: "y", region_1: "x" } },
    );
  });

  it("renders UPDATE..RETURNING without WHERE inside a CTE [test_cte::test_pg_example_two]", () => {
    const t = products
      .update()
      .values({ price: "someprice" })
      .returning(products.c.id, products.c.price)
      .cte("t");
    assertCompile(
      sa.select(t),
      "WITH t AS (UPDATE products SET price=:param_1 RETURNING products.id, products.price) SELECT t.id, t.price FROM t",
      { params: { param_1: "someprice" } },
    );
  });

  it("lists the RETURNING columns of a recursive DML CTE [test_cte::test_recursive_dml_syntax]", () => {
    const upsert = orders
      .update()
      .where(orders.c.region.eq("Region1"))
      .values({ amount: 1.0, product: "Product1", quantity: 1 })
      .returning(orders.c.region, orders.c.amount, orders.c.product, orders.c.quantity)
      .cte("upsert", { recursive: true });
    assertCompile(
      sa.select(upsert),
      "WITH RECURSIVE upsert(region, amount, product, quantity) AS (UPDATE orders SET amount=:param_1, " +
        "product=:param_2, quantity=:param_3 WHERE orders.region = :region_1 RETURNING orders.region, " +
        "orders.amount, orders.product, orders.quantity) SELECT upsert.region, upsert.amount, upsert.product, " +
        "upsert.quantity FROM upsert",
      { params: { param_1: 1.0, param_2: "Product1", param_3: 1, region_1: "Region1" } },
    );
  });

  it("puts an UPDATE CTE before INSERT..SELECT WHERE NOT EXISTS, numbering its binds after the SELECT's [test_cte::test_upsert_from_select]", () => {
    const upsert = orders
      .update()
      .where(orders.c.region.eq("Region1"))
      .values({ amount: 1.0, product: "Product1", quantity: 1 })
      .returning(orders.c.region, orders.c.amount, orders.c.product, orders.c.quantity)
      .cte("upsert");
    const ins = orders
      .insert()
      .fromSelect(
        ["region", "amount", "product", "quantity"],
        sa
          .select(sa.literal("Region1"), sa.literal(1.0), sa.literal("Product1"), sa.literal(1))
          .where(sa.not(sa.exists(sa.select(upsert)))),
      );
    assertCompile(
      ins,
      "WITH upsert AS (UPDATE orders SET amount=:param_5, product=:param_6, quantity=:param_7 " +
        "WHERE orders.region = :region_1 RETURNING orders.region, orders.amount, orders.product, orders.quantity) " +
        "INSERT INTO orders (region, amount, product, quantity) SELECT :param_1 AS anon_1, :param_2 AS anon_2, " +
        ":param_3 AS anon_3, :param_4 AS anon_4 WHERE NOT (EXISTS (SELECT upsert.region, upsert.amount, " +
        "upsert.product, upsert.quantity FROM upsert))",
      {
        params: {
          param_1: "Region1",
          param_2: 1.0,
          param_3: "Product1",
          param_4: 1,
          param_5: 1.0,
          param_6: "Product1",
          param_7: 1,
          region_1: "Region1",
        },
      },
    );
  });

  it("moves rows with a DELETE..RETURNING CTE feeding INSERT..SELECT [test_cte::test_pg_example_one]", () => {
    const p = sa.table("products", sa.column("id"), sa.column("date"));
    const productsLog = sa.table("products_log", sa.column("id"), sa.column("date"));
    const movedRows = p
      .delete()
      .where(sa.and(p.c.date.ge("dateone"), p.c.date.lt("datetwo")))
      .returning(p.c.id, p.c.date)
      .cte("moved_rows");
    assertCompile(
      productsLog.insert().fromSelect(["id", "date"], sa.select(movedRows)),
      "WITH moved_rows AS (DELETE FROM products WHERE products.date >= :date_1 AND products.date < :date_2 " +
        "RETURNING products.id, products.date) INSERT INTO products_log (id, date) " +
        "SELECT moved_rows.id, moved_rows.date FROM moved_rows",
      { params: { date_1: "dateone", date_2: "datetwo" } },
    );
  });

  it("renders UPDATE..FROM..RETURNING inside a CTE on postgresql [test_cte::test_select_from_update_cte]", () => {
    const t1 = sa.table("table_1", sa.column("id"), sa.column("val"));
    const t2 = sa.table("table_2", sa.column("id"), sa.column("val"));
    const c = t1
      .update()
      .values({ val: t2.c.val })
      .where(t1.c.id.eq(t2.c.id))
      .returning(t1.c.id, t1.c.val)
      .cte("update_cte");
    assertCompile(
      sa.select(c),
      "WITH update_cte AS (UPDATE table_1 SET val=table_2.val FROM table_2 WHERE table_1.id = table_2.id " +
        "RETURNING table_1.id, table_1.val) SELECT update_cte.id, update_cte.val FROM update_cte",
      { dialect: "postgresql", params: {} },
    );
  });

  it("renders DELETE..USING..RETURNING inside a CTE on postgresql [test_cte::test_select_from_delete_cte]", () => {
    const t1 = sa.table("table_1", sa.column("id"), sa.column("val"));
    const t2 = sa.table("table_2", sa.column("id"), sa.column("val"));
    const c = t1.delete().where(t1.c.id.eq(t2.c.id)).returning(t1.c.id, t1.c.val).cte("delete_cte");
    assertCompile(
      sa.select(c),
      "WITH delete_cte AS (DELETE FROM table_1 USING table_2 WHERE table_1.id = table_2.id " +
        "RETURNING table_1.id, table_1.val) SELECT delete_cte.id, delete_cte.val FROM delete_cte",
      { dialect: "postgresql", params: {} },
    );
  });

  it("puts WITH before an UPDATE that reads the CTE in FROM on postgresql [test_cte::test_update_pulls_from_cte]", () => {
    const c = sa.select(products).cte("pd");
    assertCompile(
      products.update().where(products.c.price.eq(c.c.price)),
      "WITH pd AS (SELECT products.id AS id, products.price AS price FROM products) " +
        "UPDATE products SET id=%(id)s, price=%(price)s FROM pd WHERE products.price = pd.price",
      { dialect: "postgresql", params: { id: null, price: null } },
    );
  });

  it("puts WITH before an UPDATE that uses the CTE in WHERE .. IN [test_cte::test_pg_example_three; adapted]", () => {
    const c = sa.select(table2.c.otherid).where(table2.c.othername.eq("x")).cte("c");
    assertCompile(
      table1
        .update()
        .values({ name: "n" })
        .where(table1.c.myid.in(sa.select(c.c.otherid))),
      "WITH c AS (SELECT myothertable.otherid AS otherid FROM myothertable WHERE myothertable.othername = :othername_1) " +
        "UPDATE mytable SET name=:name WHERE mytable.myid IN (SELECT c.otherid FROM c)",
      { params: { name: "n", othername_1: "x" } },
    );
  });

  it("puts WITH before a DELETE that uses the CTE in WHERE .. IN [test_cte::test_pg_example_three; adapted]", () => {
    const c = sa.select(table2.c.otherid).where(table2.c.othername.eq("x")).cte("c");
    assertCompile(
      table1.delete().where(table1.c.myid.in(sa.select(c.c.otherid))),
      "WITH c AS (SELECT myothertable.otherid AS otherid FROM myothertable WHERE myothertable.othername = :othername_1) " +
        "DELETE FROM mytable WHERE mytable.myid IN (SELECT c.otherid FROM c)",
      { params: { othername_1: "x" } },
    );
  });

  it("deletes from a CTE directly [test_cte::test_delete_against_cte_directly]", () => {
    const c = sa.select(products).cte("pd");
    assertCompile(
      sa.delete(c),
      "WITH pd AS (SELECT products.id AS id, products.price AS price FROM products) DELETE FROM pd",
      { params: {} },
    );
  });
});

describe("CTE: nesting and independent CTEs (names not in API.md)", () => {
  it("renders a nesting CTE inside the CTE that uses it [test_cte::test_select_with_nesting_cte_in_cte]", () => {
    const nesting = sa.select(sa.literal(1).label("inner_cte")).cte("nesting", { nesting: true });
    const stmt = sa.select(sa.select(nesting.c.inner_cte.label("outer_cte")).cte("cte"));
    assertCompile(
      stmt,
      "WITH cte AS (WITH nesting AS (SELECT :param_1 AS inner_cte) " +
        "SELECT nesting.inner_cte AS outer_cte FROM nesting) SELECT cte.outer_cte FROM cte",
      { params: { param_1: 1 } },
    );
  });

  it("renders a nesting CTE used at top level in the top-level WITH [test_cte::test_nesting_cte_at_top_level]", () => {
    const nesting = sa.select(sa.literal(1).label("val")).cte("nesting_cte", { nesting: true });
    const c = sa.select(sa.literal(2).label("val")).cte("cte");
    assertCompile(
      sa.select(nesting.c.val, c.c.val),
      "WITH nesting_cte AS (SELECT :param_1 AS val), cte AS (SELECT :param_2 AS val) " +
        "SELECT nesting_cte.val, cte.val AS val_1 FROM nesting_cte, cte",
      { params: { param_1: 1, param_2: 2 } },
    );
  });

  it("renders an UPDATE CTE added with addCte() before a SELECT that does not reference it [test_cte::test_select_uses_independent_cte]", () => {
    const upd = products.update().values({ price: 10 }).where(products.c.price.gt(50)).cte();
    assertCompile(
      sa.select(products).where(products.c.price.lt(45)).addCte(upd),
      "WITH anon_1 AS (UPDATE products SET price=:param_1 WHERE products.price > :price_1) " +
        "SELECT products.id, products.price FROM products WHERE products.price < :price_2",
      { params: { param_1: 10, price_1: 50, price_2: 45 } },
    );
  });

  it("renders an UPDATE CTE added with addCte() before an INSERT [test_cte::test_insert_uses_independent_cte]", () => {
    const upd = products.update().values({ price: 10 }).where(products.c.price.gt(50)).cte();
    assertCompile(
      products.insert().values({ id: 1, price: 20 }).addCte(upd),
      "WITH anon_1 AS (UPDATE products SET price=:param_1 WHERE products.price > :price_1) " +
        "INSERT INTO products (id, price) VALUES (:id, :price)",
      { params: { id: 1, price: 20, param_1: 10, price_1: 50 } },
    );
  });
});

describe("CTE: errors", () => {
  it("raises CompileError for two different CTEs with one name [test_cte::test_conflicting_names]", () => {
    const c1 = sa.select(table1.c.myid).cte("cte1");
    const c2 = sa.select(table2.c.otherid).cte("cte1");
    const stmt = sa.select(c1, c2);
    const compile = () => stmt.compile({ dialect: new sa.DefaultDialect() });
    expect(compile).toThrow(sa.exc.CompileError);
    expect(compile).toThrow("Multiple, unrelated CTEs found with the same name: 'cte1'");
  });
});
