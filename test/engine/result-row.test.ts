/**
 * Row, RowMapping and ResultMetaData: SQLAlchemy's ResultTupleTest (test/base/test_result.py)
 * and the keying cases of test/sql/test_resultset.py (Column objects, ambiguous names, raw SQL
 * duplicates), over compiled statements without a database.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { Result, ResultMetaData, Row, RowMapping } from "../../src/engine/result/index.js";
import * as sa from "../../src/index.js";

const meta = new sa.MetaData();
const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(50), { nullable: false }),
);
const addresses = new sa.Table(
  "addresses",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("email", sa.String(50)),
);

/** One row of `values` under plain keys. */
function rowOf(keys: string[], values: unknown[]): Row {
  return new Result(ResultMetaData.fromKeys(keys), [values]).one();
}

/** The rows of a compiled statement over the given values (positional match). */
function compiledResult(stmt: sa.ClauseElement, rows: unknown[][], description?: { name: string }[]) {
  const compiled = stmt.compile();
  return new Result(ResultMetaData.fromCompiled(compiled.resultColumns, description ?? null), rows);
}

describe("Row", () => {
  it("an empty row", () => {
    const row = rowOf([], []);
    expect(String(row)).toBe("()");
    expect(row.length).toBe(0);
    expect(row._mapping.keys()).toEqual([]);
    expect(row._fields).toEqual([]);
    expect(row._asDict()).toEqual({});
  });

  it("is created with keys and values", () => {
    const row = rowOf(["a", "b"], [1, 2]);
    expect(String(row)).toBe("(1, 2)");
    expect(row._mapping.keys()).toEqual(["a", "b"]);
    expect(row._fields).toEqual(["a", "b"]);
    expect(row._asDict()).toEqual({ a: 1, b: 2 });
    expect(String(rowOf(["s"], ["x"]))).toBe("('x',)");
  });

  it("is tuple-like: index access, length, iteration, destructuring", () => {
    const row = rowOf(["a", "b"], [1, 2]);
    expect(row[0]).toBe(1);
    expect(row[1]).toBe(2);
    expect(row[2]).toBeUndefined(); // JS reads past the end as undefined (Python raises IndexError)
    expect(row.length).toBe(2);
    expect([...row]).toEqual([1, 2]);
    const [a, b] = row;
    expect([a, b]).toEqual([1, 2]);
    expect(row._t).toEqual([1, 2]);
    expect(row.tuple()).toEqual([1, 2]);
    expect(row._t).not.toBe(row._t); // a copy: the row stays immutable
  });

  it("has attribute access by key; `row[key]` is the same attribute", () => {
    const row = rowOf(["a", "b"], [1, 2]);
    expect(row.a).toBe(1);
    expect(row.b).toBe(2);
    expect(row["b"]).toBe(2);
    expect((row as Row & { c?: unknown }).c).toBeUndefined();
  });

  it("is immutable", () => {
    const row = rowOf(["a", "b"], [1, 2]) as unknown as Record<string | number, unknown>;
    expect(() => {
      row[0] = 100;
    }).toThrow(TypeError);
    expect(() => {
      row.a = 5;
    }).toThrow(TypeError);
    expect(row.a).toBe(1);
  });

  it("is an instance of Row", () => {
    expect(rowOf(["a"], [1])).toBeInstanceOf(Row);
    expect(rowOf(["a"], [1])._mapping).toBeInstanceOf(RowMapping);
  });

  it("with duplicate keys (raw SQL, in-memory): the last column wins by key, all stay by index", () => {
    const row = rowOf(["a", "b", "b"], [1, 2, 3]);
    expect(String(row)).toBe("(1, 2, 3)");
    expect(row._mapping.keys()).toEqual(["a", "b", "b"]);
    expect(row._fields).toEqual(["a", "b", "b"]);
    expect(row._asDict()).toEqual({ a: 1, b: 3 });
    expect(row.a).toBe(1);
    expect(row.b).toBe(3);
    expect([row[0], row[1], row[2]]).toEqual([1, 2, 3]);
    expect(row._mapping.get("b")).toBe(3);
  });

  it("keys that Row itself uses are reached through _mapping", () => {
    const row = rowOf(
      ["length", "tuple", "_fields", "constructor", "__proto__", "0", "x"],
      [10, 20, 30, 40, 50, 60, 70],
    );
    expect(row.length).toBe(7);
    expect(row.tuple()).toHaveLength(7);
    expect(row._fields).toHaveLength(7);
    expect(row[0]).toBe(10); // "0" as a key does not shadow the position
    expect(Object.getPrototypeOf(row)).not.toBe(50);
    expect(row._mapping.get("length")).toBe(10);
    expect(row._mapping.get("tuple")).toBe(20);
    expect(row._mapping.get("__proto__")).toBe(50);
    expect(row._mapping.get("0")).toBe(60);
    expect(row.x).toBe(70);
  });

  it("serialises as its values; toString like SQLAlchemy's str(row)", () => {
    const row = rowOf(["a", "b", "c"], [1, "x", null]);
    expect(JSON.stringify(row)).toBe('[1,"x",null]');
    expect(row.toString()).toBe("(1, 'x', None)");
  });

  it("runs the processors, a shorter list leaving the rest as is", () => {
    const data = [1, 99, "42", "foo"];
    const keys = ["a", "b", "c", "d"];
    const run = (processors: (((v: unknown) => unknown) | null)[] | null) => [
      ...new Result(ResultMetaData.fromKeys(keys, { processors }), [[...data]]).one(),
    ];
    expect(run(null)).toEqual(data);
    expect(run([String, Number, Number, (v) => String(v).toUpperCase()])).toEqual(["1", 99, 42, "FOO"]);
    expect(run([null, String, null, (v) => String(v).toUpperCase()])).toEqual([1, "99", "42", "FOO"]);
    expect(run([null, String])).toEqual([1, "99", "42", "foo"]);
  });
});

describe("RowMapping", () => {
  it("is keyed by name, not by position", () => {
    const m = rowOf(["a", "b"], ["x", "y"])._mapping;
    expect(m.has("a")).toBe(true);
    expect(m.has("b")).toBe(true);
    expect(m.has("x")).toBe(false);
    expect((m as unknown as Record<number, unknown>)[1]).toBeUndefined();
    expect(m.get(1 as unknown as string)).toBeUndefined();
    expect(m.get("z")).toBeUndefined();
  });

  it("behaves as a plain object of its keys: spread, JSON, equality, Object.keys", () => {
    const m = rowOf(["a", "b"], [1, "x"])._mapping;
    expect(m.a).toBe(1);
    expect(m["b"]).toBe("x");
    expect({ ...m }).toEqual({ a: 1, b: "x" });
    expect(JSON.stringify(m)).toBe('{"a":1,"b":"x"}');
    expect(m).toEqual({ a: 1, b: "x" });
    expect(Object.keys(m)).toEqual(["a", "b"]);
  });

  it("serialises columns named like its members (size, values) too", () => {
    const m = rowOf(["id", "size", "values"], [1, 7, "v"])._mapping;
    expect(JSON.stringify(m)).toBe('{"id":1,"size":7,"values":"v"}');
    expect(m.size).toBe(3); // the member: the number of columns
    expect(m.get("size")).toBe(7);
  });

  it("has Map-like methods", () => {
    const m = rowOf(["a", "b"], [1, 2])._mapping;
    expect(m.keys()).toEqual(["a", "b"]);
    expect(m.values()).toEqual([1, 2]);
    expect(m.entries()).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect(m.size).toBe(2);
    expect(Object.fromEntries(m)).toEqual({ a: 1, b: 2 });
    expect(new Map(m).get("b")).toBe(2);
  });

  it("keys that RowMapping uses are read with get()", () => {
    const m = rowOf(["keys", "get", "size", "v"], [1, 2, 3, 4])._mapping;
    expect(m.keys()).toEqual(["keys", "get", "size", "v"]);
    expect(m.get("keys")).toBe(1);
    expect(m.get("get")).toBe(2);
    expect(m.size).toBe(4);
    expect({ ...m }).toEqual({ v: 4 });
  });

  it("a key of __proto__ does not change the prototype", () => {
    const m = rowOf(["__proto__"], [{ polluted: true }])._mapping;
    expect(m.get("__proto__")).toEqual({ polluted: true });
    expect((m as unknown as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe("ResultMetaData from a compiled statement", () => {
  it("matches by position and keys rows by Column object", () => {
    const r = compiledResult(
      sa.select(users.c.id, users.c.name),
      [[1, "ed"]],
      [{ name: "a" }, { name: "b" }],
    );
    expect(r.keys()).toEqual(["id", "name"]); // the description's names are ignored
    const row = r.one();
    expect(row.name).toBe("ed");
    expect(row._mapping.get(users.c.name)).toBe("ed");
    expect(row._mapping.get(users.c.id)).toBe(1);
    expect(row._mapping["name"]).toBe("ed");
    expect(row._mapping.has(users.c.name)).toBe(true);
    expect(row._mapping.has(addresses.c.email)).toBe(false);
    expect(row._mapping.get(addresses.c.email)).toBeUndefined();
  });

  it("Column objects select columns and scalars", () => {
    const rows = () => [
      [1, "ed"],
      [2, "wendy"],
    ];
    expect(compiledResult(sa.select(users.c.id, users.c.name), rows()).scalars(users.c.name).all()).toEqual([
      "ed",
      "wendy",
    ]);
    expect(
      compiledResult(sa.select(users.c.id, users.c.name), rows())
        .columns(users.c.name, users.c.id)
        .all()
        .map((r) => [...r]),
    ).toEqual([
      ["ed", 1],
      ["wendy", 2],
    ]);
  });

  it("same-named columns are keyed as the SQL names them (id, id_1), as SQLAlchemy 2.0 does", () => {
    const row = compiledResult(sa.select(users.c.id, addresses.c.id), [[1, 2]]).one();
    expect(row._fields).toEqual(["id", "id_1"]);
    expect(row.id).toBe(1);
    expect(row._mapping["id"]).toBe(1);
    expect(row._mapping.get("id_1")).toBe(2);
    expect(row[0]).toBe(1);
    expect(row[1]).toBe(2);
    expect(row._mapping.get(users.c.id)).toBe(1);
    expect(row._mapping.get(addresses.c.id)).toBe(2);
    expect({ ...row._mapping }).toEqual({ id: 1, id_1: 2 });
  });

  it("duplicate labels are ambiguous", () => {
    const r = compiledResult(sa.select(users.c.id.label("x"), users.c.name.label("x")), [[1, "ed"]]);
    expect(() => r.one()._mapping["x"]).toThrow(
      "Ambiguous column name 'x' in result set column descriptions",
    );
  });

  it("columns() takes the disambiguated names and Column objects", () => {
    const r = compiledResult(sa.select(users.c.id, addresses.c.id), [[1, 2]]);
    expect(r.columns("id_1", "id").one()._fields).toEqual(["id_1", "id"]);
    const row = compiledResult(sa.select(users.c.id, addresses.c.id), [[1, 2]])
      .columns(addresses.c.id)
      .one();
    expect(row.id_1).toBe(2);
  });

  it("the same column selected twice is keyed once by the Column", () => {
    const row = compiledResult(sa.select(users.c.id, users.c.id), [[1, 1]]).one();
    expect(row._fields).toEqual(["id", "id__1"]);
    expect(row._mapping.get(users.c.id)).toBe(1);
    expect(row.id).toBe(1);
  });

  it("matches by name when the description has other columns", () => {
    const compiled = sa.select(users.c.id, users.c.name).compile();
    const md = ResultMetaData.fromCompiled(compiled.resultColumns, [
      { name: "NAME" },
      { name: "extra" },
      { name: "id" },
    ]);
    expect(md.keys()).toEqual(["name", "extra", "id"]);
    const row = new Result(md, [["ed", true, 1]]).one();
    expect(row._mapping.get(users.c.id)).toBe(1);
    expect(row._mapping.get(users.c.name)).toBe("ed");
    expect(row._mapping.get("extra")).toBe(true);
  });

  it("processors may be chosen per column from its type and type code", () => {
    const compiled = sa.select(users.c.id, users.c.name).compile();
    const seen: unknown[] = [];
    const md = ResultMetaData.fromCompiled(
      compiled.resultColumns,
      [{ name: "id", typeCode: 23 }, { name: "name" }],
      {
        processors: (col) => {
          seen.push([col.key, col.type?.constructor.name, col.typeCode]);
          return col.key === "name" ? (v) => String(v).toUpperCase() : null;
        },
      },
    );
    expect(seen).toEqual([
      ["id", "IntegerType", 23],
      ["name", "StringType", undefined],
    ]);
    expect([...new Result(md, [[1, "ed"]]).one()]).toEqual([1, "ED"]);
  });
});

describe("ResultMetaData from a cursor description (raw SQL)", () => {
  it("keys by the driver's names; a repeated name silently addresses the last column", () => {
    const md = ResultMetaData.fromDescription([{ name: "x" }, { name: "y" }, { name: "x" }]);
    const row = new Result(md, [[1, 2, 3]]).one();
    expect(row.x).toBe(3);
    expect(row._mapping.get("x")).toBe(3);
    expect(row._mapping["x"]).toBe(3);
    expect(row._fields).toEqual(["x", "y", "x"]);
    expect(md.columns.map((c) => c.type)).toEqual([null, null, null]);
  });

  it("keeps the type codes for the processors", () => {
    const md = ResultMetaData.fromDescription([{ name: "n", typeCode: "NUMERIC" }], {
      processors: (col) => (col.typeCode === "NUMERIC" ? (v) => `${v}` : null),
    });
    expect(new Result(md, [[1.5]]).scalar()).toBe("1.5");
  });
});

describe("types", () => {
  it("Row<R, T> types keys, positions, _mapping and _asDict()", () => {
    type R = { id: number; name: string };
    const r = () =>
      new Result<R, readonly [number, string]>(ResultMetaData.fromKeys(["id", "name"]), [[1, "ed"]]);
    expectTypeOf(r().one().name).toEqualTypeOf<string>();
    expectTypeOf(r().one()[0]).toEqualTypeOf<number>();
    expectTypeOf(r().one()._asDict()).toEqualTypeOf<R>();
    expectTypeOf(r().one()._mapping.name).toEqualTypeOf<string>();
    expectTypeOf(r().one()._mapping.get("id")).toEqualTypeOf<number>();
    expectTypeOf(r().one()._mapping.get(users.c.name)).toEqualTypeOf<string | undefined>();
    expectTypeOf(r().one().length).toEqualTypeOf<number>();
  });
});
