/**
 * Numeric arithmetic as SQLAlchemy 2.0.54 types and renders it: the type a compared JS number
 * binds with (`coerce_compared_value`: a fraction against an Integer is a Float, a whole number
 * against a Numeric or Float an Integer), the result type of mixed operands
 * (`Integer._expression_adaptations`), the cast of every true divisor and FLOOR for a floor
 * division that is not integral. Golden strings are SQLAlchemy's output for the same constructs
 * (default, PostgreSQL and asyncpg, MySQL dialects); the one deliberate difference is noted.
 */
import { describe, expect, it } from "vitest";
import { mysql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";

const u = sa.table(
  "u",
  sa.column("i", sa.Integer),
  sa.column("n", sa.Numeric(10, 2)),
  sa.column("f", sa.Float),
  sa.column("b", sa.BigInteger),
);
const c = u.c;

describe("true and floor division", () => {
  it.each<[string, sa.ColumnElement<unknown>, string, string]>([
    ["i / 2", c.i.div(2), "u.i / CAST(:i_1 AS NUMERIC)", "u.i / %s"],
    ["i / 1.5", c.i.div(1.5), "u.i / CAST(:i_1 AS FLOAT)", "u.i / %s"],
    ["n / 2", c.n.div(2), "u.n / CAST(:n_1 AS NUMERIC)", "u.n / %s"],
    ["n / 1.5", c.n.div(1.5), "u.n / CAST(:n_1 AS NUMERIC(10, 2))", "u.n / %s"],
    ["f / 2", c.f.div(2), "u.f / CAST(:f_1 AS NUMERIC)", "u.f / %s"],
    ["i / n", c.i.div(c.n), "u.i / CAST(u.n AS NUMERIC(10, 2))", "u.i / u.n"],
    ["i / f", c.i.div(c.f), "u.i / CAST(u.f AS FLOAT)", "u.i / u.f"],
    ["n / i", c.n.div(c.i), "u.n / CAST(u.i AS NUMERIC)", "u.n / u.i"],
    ["i // 2", c.i.floordiv(2), "u.i / :i_1", "FLOOR(u.i / %s)"],
    ["n // 2", c.n.floordiv(2), "FLOOR(u.n / :n_1)", "FLOOR(u.n / %s)"],
    ["i // f", c.i.floordiv(c.f), "FLOOR(u.i / u.f)", "FLOOR(u.i / u.f)"],
  ])("%s", (_name, expr, generic, onMysql) => {
    expect(String(expr)).toBe(generic);
    expect(expr.compile({ dialect: mysql.dialect() }).string).toBe(onMysql);
  });
});

describe("result and bind types of mixed operands", () => {
  it.each<[string, sa.ColumnElement<unknown>, string, string]>([
    ["i + 1.5", c.i.add(1.5), "FLOAT", "FLOAT"],
    ["i * 1.5", c.i.mul(1.5), "FLOAT", "FLOAT"],
    ["i + 1", c.i.add(1), "INTEGER", "INTEGER"],
    ["n + 1", c.n.add(1), "NUMERIC(10, 2)", "INTEGER"],
    ["n + 1.5", c.n.add(1.5), "NUMERIC(10, 2)", "NUMERIC(10, 2)"],
    ["f + 1", c.f.add(1), "FLOAT", "INTEGER"],
    ["i + f", c.i.add(c.f), "FLOAT", "FLOAT"],
    ["i + n", c.i.add(c.n), "NUMERIC(10, 2)", "NUMERIC(10, 2)"],
    ["b + 1.5", c.b.add(1.5), "FLOAT", "FLOAT"],
    ["i % 2.5", c.i.mod(2.5), "INTEGER", "FLOAT"],
    ["n % 5", c.n.mod(5), "NUMERIC(10, 2)", "INTEGER"],
    ["n - 2", c.n.sub(2), "NUMERIC(10, 2)", "INTEGER"],
    // beyond INTEGER's range the compared type is kept: PostgreSQL refuses $1::INTEGER for it
    ["n - 5000000000", c.n.sub(5000000000), "NUMERIC(10, 2)", "NUMERIC(10, 2)"],
    ["f > 5000000000", c.f.gt(5000000000), "BOOLEAN", "FLOAT"],
  ])("%s", (_name, expr, resultType, rightType) => {
    expect(String(expr.type)).toBe(resultType);
    expect(String(((expr as sa.BinaryExpression).right as sa.ColumnElement<unknown>).type)).toBe(rightType);
  });

  it("true division of two integers reads as a Float (SQLAlchemy: Numeric, which is a string here)", () => {
    expect(String(c.i.div(2).type)).toBe("FLOAT");
    expect(String(c.i.div(c.i).type)).toBe("FLOAT");
  });

  it("comparisons bind a fraction against an integer as FLOAT and a whole number against a Numeric as INTEGER", () => {
    // the pg runtime dialect (an engine's, no connection needed) casts every bind, as asyncpg's does
    const d = sa.createEngine("postgresql+pg://localhost/db").dialect;
    const q = sa
      .select(c.i)
      .where(c.i.lt(1.5), c.n.mod(5).eq(c.i), c.n.mul(2.5).eq(1), c.f.add(1).eq(2), c.i.add(1.5).eq(2));
    // SQLAlchemy's rendering with asyncpg, but for NUMERIC without (p, s): a compared value is not
    // rounded to the column's scale first (see bind-casts.ts)
    expect(q.compile({ dialect: d }).string.replace(/\s+/g, " ")).toBe(
      "SELECT u.i FROM u WHERE u.i < $1::FLOAT AND u.n % $2::INTEGER = u.i AND u.n * $3::NUMERIC = $4::INTEGER" +
        " AND u.f + $5::INTEGER = $6::INTEGER AND u.i + $7::FLOAT = $8::INTEGER",
    );
  });
});
