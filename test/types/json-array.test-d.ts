/**
 * Type-level tests (vitest typecheck, never run) of JSON element access and the ARRAY
 * operators: what `get` / `astString()` … give, and which values `any` / `any_` take.
 */
import { describe, expectTypeOf, it } from "vitest";
import * as sa from "../../src/index.js";

const t = new sa.Table(
  "t",
  new sa.MetaData(),
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("doc", sa.JSON),
  new sa.Column("ints", sa.ARRAY(sa.Integer)),
  new sa.Column("tags", sa.ARRAY(sa.String(20)), { nullable: false }),
);
declare const conn: sa.Connection;

describe("JSON elements", () => {
  it("get gives JSON (unknown); the casts give their JS types, nullable", async () => {
    expectTypeOf(t.c.doc.get("a")).toEqualTypeOf<sa.ColumnElement<unknown>>();
    expectTypeOf(t.c.doc.get("a").get(0).astString()).toEqualTypeOf<sa.ColumnElement<string | null>>();
    expectTypeOf(t.c.doc.getPath(["a", 1]).astInteger()).toEqualTypeOf<sa.ColumnElement<number | null>>();
    expectTypeOf(t.c.doc.get("f").astFloat()).toEqualTypeOf<sa.ColumnElement<number | null>>();
    expectTypeOf(t.c.doc.get("ok").astBoolean()).toEqualTypeOf<sa.ColumnElement<boolean | null>>();
    expectTypeOf(t.c.doc.get("p").astNumeric(10, 2)).toEqualTypeOf<sa.ColumnElement<string | null>>();
    const row = (await conn.execute(sa.select(t.c.doc.get("n").astInteger().label("n")))).one();
    expectTypeOf(row.n).toEqualTypeOf<number | null>();
  });

  it("JSON.NULL and null() are values a JSON column takes", () => {
    expectTypeOf(sa.JSON.NULL).toEqualTypeOf<sa.JSONNull>();
    t.insert().values({ doc: sa.JSON.NULL });
  });
});

describe("ARRAY operators", () => {
  it("get gives an item (null past the end), slice the array", () => {
    expectTypeOf(t.c.ints.get(1)).toEqualTypeOf<sa.ColumnElement<number | null>>();
    expectTypeOf(t.c.tags.get(1)).toEqualTypeOf<sa.ColumnElement<string | null>>();
    expectTypeOf(t.c.tags.slice(1, 2)).toEqualTypeOf<sa.ColumnElement<string[]>>();
  });

  it("any/all take an item; any_/anyOp compare with items", () => {
    t.c.ints.any(5);
    t.c.tags.all("x", { operator: "ne" });
    // @ts-expect-error a string is no item of an integer array
    t.c.ints.any("x");
    // @ts-expect-error a string column has no items
    t.c.tags.get(1).any("x");
    sa.any_(t.c.ints).eq(5);
    // @ts-expect-error a string is no item of an integer array
    sa.any_(t.c.ints).eq("x");
    t.c.tags.anyOp().eq("x");
    expectTypeOf(sa.all_(t.c.tags)).toEqualTypeOf<sa.CollectionAggregate<string>>();
  });

  it("contains takes an array on an ARRAY, a string elsewhere", () => {
    t.c.tags.contains(["a"]);
    t.c.tags.get(1).contains("a");
  });
});
