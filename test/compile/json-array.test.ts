/**
 * Golden compile cases for JSON element access (`get`, `getPath`, `astString()` …), PostgreSQL's
 * JSONB and ARRAY operators, and `any_` / `all_`, on PostgreSQL, MySQL and SQLite.
 *
 * Expected SQL and parameters are SQLAlchemy 2.0.54's output for the same construct
 * (`col["a"]`, `col[("a", 1)]`, `.as_string()` …, from sqltypes.JSON.Comparator,
 * postgresql/json.py, postgresql/array.py and each dialect's visit_json_getitem_op_binary).
 */
import { describe, expect, it } from "vitest";
import { postgresql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { assertCompile } from "../helpers/compile.js";

const t = new sa.Table(
  "t",
  new sa.MetaData(),
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("j", sa.JSON),
  new sa.Column("jb", postgresql.JSONB),
  new sa.Column("a", sa.ARRAY(sa.Integer)),
  new sa.Column("m", sa.ARRAY(sa.Integer, { dimensions: 2 })),
  new sa.Column("tags", sa.ARRAY(sa.String)),
);
const j = t.c.j;

describe("JSON element access per dialect", () => {
  // [construct, PostgreSQL, MySQL, SQLite]
  const cases: [string, sa.ColumnElement, string, string, string][] = [
    ["get(key)", j.get("a"), "t.j -> %(j_1)s", "JSON_EXTRACT(t.j, %s)", "JSON_QUOTE(JSON_EXTRACT(t.j, ?))"],
    [
      "get(path)",
      j.get(["a", 1]),
      "t.j #> %(j_1)s",
      "JSON_EXTRACT(t.j, %s)",
      "JSON_QUOTE(JSON_EXTRACT(t.j, ?))",
    ],
    [
      "astString",
      j.get("a").astString(),
      "CAST(t.j ->> %(j_1)s AS VARCHAR)",
      "CASE JSON_EXTRACT(t.j, %s) WHEN 'null' THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(t.j, %s)) END",
      "JSON_EXTRACT(t.j, ?)",
    ],
    [
      "astInteger",
      j.get("a").astInteger(),
      "CAST(t.j ->> %(j_1)s AS INTEGER)",
      "CASE JSON_EXTRACT(t.j, %s) WHEN 'null' THEN NULL ELSE CAST(JSON_EXTRACT(t.j, %s) AS SIGNED INTEGER) END",
      "JSON_EXTRACT(t.j, ?)",
    ],
    [
      "astFloat",
      j.get("a").astFloat(),
      "CAST(t.j ->> %(j_1)s AS FLOAT)",
      "CASE JSON_EXTRACT(t.j, %s) WHEN 'null' THEN NULL ELSE JSON_EXTRACT(t.j, %s)+0.0000000000000000000000 END",
      "JSON_EXTRACT(t.j, ?)",
    ],
    [
      "astBoolean",
      j.get("a").astBoolean(),
      "CAST(t.j ->> %(j_1)s AS BOOLEAN)",
      "CASE JSON_EXTRACT(t.j, %s) WHEN 'null' THEN NULL WHEN true THEN true ELSE false END",
      "JSON_EXTRACT(t.j, ?)",
    ],
    [
      "astNumeric",
      j.get("a").astNumeric(10, 2),
      "CAST(t.j ->> %(j_1)s AS NUMERIC(10, 2))",
      "CASE JSON_EXTRACT(t.j, %s) WHEN 'null' THEN NULL ELSE CAST(JSON_EXTRACT(t.j, %s) AS DECIMAL(10, 2)) END",
      "JSON_EXTRACT(t.j, ?)",
    ],
    [
      "astJSON",
      j.get("a").astJSON(),
      "t.j -> %(j_1)s",
      "JSON_EXTRACT(t.j, %s)",
      "JSON_QUOTE(JSON_EXTRACT(t.j, ?))",
    ],
    [
      "getPath astString",
      j.getPath(["a", 1]).astString(),
      "CAST(t.j #>> %(j_1)s AS VARCHAR)",
      "CASE JSON_EXTRACT(t.j, %s) WHEN 'null' THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(t.j, %s)) END",
      "JSON_EXTRACT(t.j, ?)",
    ],
    [
      "an element compared",
      j.get("a").eq(5),
      "(t.j -> %(j_1)s) = %(param_1)s",
      "JSON_EXTRACT(t.j, %s) = %s",
      "JSON_QUOTE(JSON_EXTRACT(t.j, ?)) = ?",
    ],
    [
      "a typed element compared",
      j.get("a").astString().eq("x"),
      "CAST((t.j ->> %(j_1)s) AS VARCHAR) = %(param_1)s",
      "CASE JSON_EXTRACT(t.j, %s) WHEN 'null' THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(t.j, %s)) END = %s",
      "JSON_EXTRACT(t.j, ?) = ?",
    ],
    [
      "a chain",
      j.get("a").get("b"),
      "(t.j -> %(j_1)s) -> %(param_1)s",
      "JSON_EXTRACT(JSON_EXTRACT(t.j, %s), %s)",
      "JSON_QUOTE(JSON_EXTRACT(JSON_QUOTE(JSON_EXTRACT(t.j, ?)), ?))",
    ],
  ];
  for (const [name, expr, pg, my, lite] of cases) {
    it(`${name} [test_types.py::JSONTest, dialect visit_json_getitem_op_binary]`, () => {
      assertCompile(expr, pg, { dialect: "postgresql" });
      assertCompile(expr, my, { dialect: "mysql" });
      assertCompile(expr, lite, { dialect: "sqlite" });
    });
  }

  it("binds the key as given; the path as the dialect spells it at execution", () => {
    assertCompile(j.get(0), "t.j -> %(j_1)s", { dialect: "postgresql", params: { j_1: 0 } });
    assertCompile(j.getPath(["a", 1]), "t.j #> %(j_1)s", {
      dialect: "postgresql",
      params: { j_1: ["a", 1] },
    });
  });

  it("selected: an anonymous label, a chained bind named param_1", () => {
    assertCompile(sa.select(j.get("a").get("b")), "SELECT (t.j -> %(j_1)s) -> %(param_1)s AS anon_1 FROM t", {
      dialect: "postgresql",
      params: { j_1: "a", param_1: "b" },
    });
    assertCompile(sa.select(j.get("a").label("q")), "SELECT t.j -> %(j_1)s AS q FROM t", {
      dialect: "postgresql",
    });
  });

  it("PostgreSQL groups the arrows eagerly: inside operators, function arguments of them, AND", () => {
    const PG = { dialect: "postgresql" } as const;
    assertCompile(sa.func.foo(j.get("a")).eq(1), "foo((t.j -> %(j_1)s)) = %(foo_1)s", PG);
    assertCompile(sa.select(sa.func.foo(j.get("a"))), "SELECT foo(t.j -> %(j_1)s) AS foo_1 FROM t", PG);
    assertCompile(j.get("a").astString().like("x%"), "CAST(t.j ->> %(j_1)s AS VARCHAR) LIKE %(param_1)s", PG);
    assertCompile(j.get("a").in([1, 2]), "(t.j -> %(j_1)s) IN (__[POSTCOMPILE_param_1])", PG);
    assertCompile(j.get("a").is(null), "(t.j -> %(j_1)s) IS NULL", PG);
    assertCompile(j.get("a").astString().add("x"), "CAST((t.j ->> %(j_1)s) AS VARCHAR) || %(param_1)s", PG);
    assertCompile(j.get("a").get("b").astString(), "CAST((t.j -> %(j_1)s) ->> %(param_1)s AS VARCHAR)", PG);
    assertCompile(sa.and(t.c.jb.hasKey("a"), t.c.id.eq(1)), "(t.jb ? %(jb_1)s) AND t.id = %(id_1)s", PG);
    assertCompile(
      sa.select(t.c.id).where(t.c.jb.hasKey("a")),
      "SELECT t.id FROM t WHERE t.jb ? %(jb_1)s",
      PG,
    );
    assertCompile(sa.not(t.c.jb.hasKey("a")), "NOT (t.jb ? %(jb_1)s)", PG);
  });

  it("JSONB: subscripts on PostgreSQL 14+ (arrows before), containment, keys [test_compiler.py::test_jsonb_subscripting]", () => {
    assertCompile(t.c.jb.get("a"), "t.jb[%(jb_1)s]", { dialect: "postgresql" });
    const pg13 = postgresql.dialect();
    pg13.serverVersionInfo = [13, 4];
    assertCompile(t.c.jb.get("a"), "t.jb -> %(jb_1)s", { dialect: pg13 });
    assertCompile(t.c.jb.get(["a", 1]), "t.jb #> %(jb_1)s", { dialect: "postgresql" });
    assertCompile(t.c.jb.get("a").astString(), "CAST(t.jb ->> %(jb_1)s AS VARCHAR)", {
      dialect: "postgresql",
    });
    // SQLAlchemy's psycopg2 dialect casts JSON, JSONB, ARRAY and UUID binds in the SQL
    assertCompile(t.c.jb.contains({ a: 1 }), "t.jb @> %(jb_1)s::JSONB", {
      dialect: "postgresql",
      params: { jb_1: { a: 1 } },
    });
    assertCompile(t.c.jb.containedBy({ a: 1 }), "t.jb <@ %(jb_1)s::JSONB", { dialect: "postgresql" });
  });

  it("literal binds spell keys and paths per dialect", () => {
    const q = sa.select(j.get("a").astString()).where(j.getPath(["a", 1]).astInteger().eq(3));
    assertCompile(
      q,
      "SELECT CAST(t.j ->> 'a' AS VARCHAR) AS anon_1 FROM t WHERE CAST((t.j #>> '{a, 1}') AS INTEGER) = 3",
      { dialect: "postgresql", literalBinds: true },
    );
    assertCompile(
      q,
      "SELECT JSON_EXTRACT(t.j, '$.\"a\"') AS anon_1 FROM t WHERE JSON_EXTRACT(t.j, '$.\"a\"[1]') = 3",
      { dialect: "sqlite", literalBinds: true },
    );
    assertCompile(j.get(0), "JSON_EXTRACT(t.j, '$[0]')", { dialect: "mysql", literalBinds: true });
    assertCompile(j.get(0), "t.j -> 0", { dialect: "postgresql", literalBinds: true });
  });

  it("JSON casts need an element; other types have no element access [sqltypes.JSON.Comparator._binary_w_type]", () => {
    expect(() => j.astString()).toThrow(
      'The JSON cast operator JSON.astString() only works with a JSON index expression e.g. col.get("q").astString()',
    );
    expect(() => t.c.id.get("a" as never)).toThrow(sa.exc.ArgumentError);
    expect(() => j.overlap([1])).toThrow(sa.exc.ArgumentError);
  });
});

describe("ARRAY operators (PostgreSQL)", () => {
  const PG = { dialect: "postgresql" } as const;
  it("contains / containedBy / overlap render @> <@ && [postgresql/array.py::ARRAY.Comparator]", () => {
    assertCompile(t.c.a.contains([1]), "t.a @> %(a_1)s::INTEGER[]", { ...PG, params: { a_1: [1] } });
    assertCompile(t.c.a.containedBy([1, 2]), "t.a <@ %(a_1)s::INTEGER[]", PG);
    assertCompile(t.c.a.overlap([1]), "t.a && %(a_1)s::INTEGER[]", PG);
    // a string column's contains() stays LIKE
    assertCompile(sa.column("s", sa.String).contains("x"), "s LIKE '%%' || %(s_1)s || '%%'", PG);
  });

  it("any() / all() put the value first, named after the array [sqltypes.ARRAY.Comparator.any]", () => {
    assertCompile(t.c.a.any(4), "%(a_1)s = ANY (t.a)", { ...PG, params: { a_1: 4 } });
    assertCompile(t.c.a.all(4, { operator: "lt" }), "%(a_1)s < ALL (t.a)", PG);
  });

  it("sa.any_ / sa.all_ / anyOp flip a comparison made from the left [test_operators.py::AnyAllTest]", () => {
    assertCompile(sa.any_(t.c.a).eq(5), "%(param_1)s = ANY (t.a)", { ...PG, params: { param_1: 5 } });
    assertCompile(sa.literal(5).lt(sa.all_(t.c.a)), "%(param_1)s < ALL (t.a)", PG);
    assertCompile(sa.all_(t.c.a).gt(5), "%(param_1)s < ALL (t.a)", PG);
    assertCompile(t.c.id.eq(sa.any_(t.c.a)), "t.id = ANY (t.a)", PG);
    assertCompile(t.c.a.anyOp().eq(2), "%(param_1)s = ANY (t.a)", PG);
    assertCompile(sa.literal(2).eq(t.c.a.anyOp()), "%(param_1)s = ANY (t.a)", PG);
    assertCompile(sa.any_(t.c.a).eq(null), "NULL = ANY (t.a)", PG);
    // negated as a whole: x != ANY (a) would mean something else
    assertCompile(sa.not(sa.any_(t.c.a).eq(5)), "NOT (%(param_1)s = ANY (t.a))", PG);
    expect(() => sa.any_(t.c.a).add(1 as never)).toThrow(
      "Only comparison operators may be used with ANY/ALL",
    );
  });

  it("ANY of a subquery (MySQL) keeps the subquery's own parentheses", () => {
    const sub = sa.select(t.c.id).scalarSubquery();
    assertCompile(sa.literal(5).eq(sa.any_(sub)), "%s = ANY (SELECT t.id FROM t)", { dialect: "mysql" });
  });

  it("items are 1-based PostgreSQL subscripts; slices; more dimensions", () => {
    assertCompile(t.c.a.get(1), "t.a[%(a_1)s]", { ...PG, params: { a_1: 1 } });
    assertCompile(t.c.a.slice(1, 2), "t.a[%(a_1)s:%(a_2)s]", { ...PG, params: { a_1: 1, a_2: 2 } });
    assertCompile(t.c.tags.get(1).eq("a"), "t.tags[%(tags_1)s] = %(param_1)s", PG);
    assertCompile(t.c.m.get(1).get(2), "t.m[%(m_1)s][%(param_1)s]", PG);
    expect(t.c.m.get(1).type).toBeInstanceOf(sa.ARRAYType);
    expect(t.c.m.get(1).get(2).type).toBeInstanceOf(sa.IntegerType);
  });

  it("literal binds render ARRAY[...] [postgresql/array.py::ARRAY.literal_processor]", () => {
    assertCompile(t.c.a.contains([1]), "t.a @> ARRAY[1]", { ...PG, literalBinds: true });
    assertCompile(t.c.tags.contains(["x"]), "t.tags @> ARRAY['x']", { ...PG, literalBinds: true });
    assertCompile(t.c.a.any(4), "4 = ANY (t.a)", { ...PG, literalBinds: true });
  });

  it("the engine's PostgreSQL dialect casts each bind: keys TEXT, positions INT, arrays ITEM[]", () => {
    const d = sa.createEngine("postgresql://u@h/db").dialect;
    assertCompile(j.get("a"), "t.j -> $1::TEXT", { dialect: d });
    assertCompile(j.get(0), "t.j -> $1::INT", { dialect: d });
    assertCompile(j.getPath(["a"]), "t.j #> $1", { dialect: d });
    assertCompile(t.c.a.contains([1]), "t.a @> $1::INTEGER[]", { dialect: d });
    assertCompile(t.c.a.any(4), "$1::INTEGER = ANY (t.a)", { dialect: d });
    assertCompile(t.c.jb.hasKey("k"), "t.jb ? $1::VARCHAR", { dialect: d });
  });
});
