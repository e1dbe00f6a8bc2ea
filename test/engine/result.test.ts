/**
 * The Result API over rows in memory: a port of SQLAlchemy's test/base/test_result.py
 * (ResultTest), with the same fixture rows and expectations. No database is involved.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  MappingResult,
  Result,
  ResultMetaData,
  type Row,
  ScalarResult,
} from "../../src/engine/result/index.js";
import {
  ArgumentError,
  InvalidRequestError,
  MultipleResultsFound,
  NoResultFound,
  NoSuchColumnError,
  ResourceClosedError,
} from "../../src/exc.js";

type Abc = { a: number; b: number; c: number };
type AbcTuple = readonly [number, number, number];

const DATA = [
  [1, 1, 1],
  [2, 1, 2],
  [1, 3, 2],
  [4, 1, 2],
];

/** SQLAlchemy's fixture: keys a, b, c over four rows (copied: a result adopts its arrays). */
function fixture(opts: { data?: unknown[][]; numRows?: number; objects?: unknown[][] } = {}) {
  let data = (opts.data ?? DATA).map((r) => [...r]);
  if (opts.numRows !== undefined) data = data.slice(0, opts.numRows);
  return new Result<Abc, AbcTuple>(ResultMetaData.fromKeys(["a", "b", "c"], { objects: opts.objects }), data);
}

/** Rows (or anything iterable) as plain arrays, for comparing with SQLAlchemy's tuples. */
const tuples = (rows: Iterable<Iterable<unknown>>) => [...rows].map((r) => [...r]);
const tuple = (row: Iterable<unknown> | null) => (row === null ? null : [...row]);

describe("fetching", () => {
  it("all() returns every row, then nothing", () => {
    const r = fixture();
    expect(tuples(r.all())).toEqual(DATA);
    expect(r.all()).toEqual([]);
  });

  it("fetchmany() then all() returns the rest", () => {
    const r = fixture();
    expect(tuples(r.fetchmany(3))).toEqual(DATA.slice(0, 3));
    expect(tuples(r.all())).toEqual([[4, 1, 2]]);
    expect(r.all()).toEqual([]);
  });

  it("fetchone() returns rows in order, then null", () => {
    const r = fixture({ numRows: 2 });
    expect(tuple(r.fetchone())).toEqual([1, 1, 1]);
    expect(tuple(r.fetchone())).toEqual([2, 1, 2]);
    expect(r.fetchone()).toBeNull();
    expect(r.fetchone()).toBeNull();
  });

  it("fetchmany() without a size returns all remaining rows; fetchall() is all()", () => {
    const r = fixture();
    r.fetchone();
    expect(tuples(r.fetchmany())).toEqual(DATA.slice(1));
    expect(r.fetchall()).toEqual([]);
  });

  it("iteration yields the remaining rows and interleaves with fetchone()", () => {
    const r = fixture();
    expect(tuple(r.fetchone())).toEqual([1, 1, 1]);
    const seen: unknown[][] = [];
    for (const row of r) {
      seen.push([...row]);
      if (seen.length === 1) expect(tuple(r.fetchone())).toEqual([1, 3, 2]);
    }
    expect(seen).toEqual([
      [2, 1, 2],
      [4, 1, 2],
    ]);
  });

  it("first() returns the first row and closes the result", () => {
    const r = fixture();
    expect(tuple(r.first())).toEqual([1, 1, 1]);
    expect(r.closed).toBe(true);
    expect(() => r.all()).toThrow(ResourceClosedError);
  });

  it("first() of an empty result is null and closes it", () => {
    const r = fixture({ numRows: 0 });
    expect(r.first()).toBeNull();
    expect(() => r.fetchone()).toThrow("This result object is closed.");
  });

  it("scalar() returns the first column of the first row and closes the result", () => {
    const r = fixture();
    expect(r.scalar()).toBe(1);
    expect(() => r.all()).toThrow(ResourceClosedError);
    expect(fixture({ numRows: 0 }).scalar()).toBeNull();
  });
});

describe("one() and friends", () => {
  it("one() returns the only row", () => {
    expect(tuple(fixture({ numRows: 1 }).one())).toEqual([1, 1, 1]);
  });

  it("one() with no row raises NoResultFound", () => {
    const r = fixture({ numRows: 0 });
    expect(() => r.one()).toThrow(NoResultFound);
    expect(() => fixture({ numRows: 0 }).one()).toThrow("No row was found when one was required");
  });

  it("one() with two rows raises MultipleResultsFound and closes", () => {
    const r = fixture({ numRows: 2 });
    expect(() => r.one()).toThrow(MultipleResultsFound);
    expect(() => fixture({ numRows: 2 }).one()).toThrow(
      "Multiple rows were found when exactly one was required",
    );
    expect(r.closed).toBe(true);
  });

  it("oneOrNone() returns the row, null, or raises", () => {
    expect(tuple(fixture({ numRows: 1 }).oneOrNone())).toEqual([1, 1, 1]);
    expect(fixture({ numRows: 0 }).oneOrNone()).toBeNull();
    expect(() => fixture({ numRows: 2 }).oneOrNone()).toThrow(
      "Multiple rows were found when one or none was required",
    );
  });

  it("scalarOne() and scalarOneOrNone()", () => {
    expect(fixture({ numRows: 1 }).scalarOne()).toBe(1);
    expect(fixture({ numRows: 1 }).scalarOneOrNone()).toBe(1);
    expect(fixture({ numRows: 0 }).scalarOneOrNone()).toBeNull();
    expect(() => fixture({ numRows: 0 }).scalarOne()).toThrow("No row was found when one was required");
    expect(() => fixture({ numRows: 2 }).scalarOne()).toThrow(
      "Multiple rows were found when exactly one was required",
    );
    expect(() => fixture({ numRows: 2 }).scalarOneOrNone()).toThrow(
      "Multiple rows were found when one or none was required",
    );
  });

  it("one() counts rows after unique()", () => {
    const r = fixture({
      data: [
        [1, 1, 1],
        [1, 1, 1],
      ],
    });
    expect(tuple(r.unique().one())).toEqual([1, 1, 1]);
  });

  it("one() under unique() keeps reading until a different row appears", () => {
    const r = fixture({
      data: [
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
        [2, 1, 1],
      ],
    });
    expect(() => r.unique().one()).toThrow(MultipleResultsFound);
  });

  it("mappings().unique().one() and mappings().one()", () => {
    const r = fixture({
      data: [
        [1, 1, 1],
        [1, 1, 1],
      ],
    });
    expect({ ...r.mappings().unique().one() }).toEqual({ a: 1, b: 1, c: 1 });
    expect(fixture({ numRows: 1 }).mappings().one()).toEqual({ a: 1, b: 1, c: 1 });
  });

  it("scalars().one() and its errors", () => {
    expect(fixture({ numRows: 1 }).scalars().one()).toBe(1);
    expect(() => fixture({ numRows: 0 }).scalars().one()).toThrow("No row was found when one was required");
  });

  it("a scalar None under unique(): one(), oneOrNone(), first() return null", () => {
    const data = [[1, null, 2]];
    expect(fixture({ data }).scalars(1).unique().one()).toBeNull();
    expect(fixture({ data }).scalars(1).unique().oneOrNone()).toBeNull();
    expect(fixture({ data }).scalars(1).unique().first()).toBeNull();
  });

  it("scalarOne() and scalars().one() under unique()", () => {
    expect(
      fixture({ data: [[1, null, 2]] })
        .unique()
        .scalarOne(),
    ).toBe(1);
    expect(
      fixture({ data: [[1, null, 2]] })
        .unique()
        .scalars()
        .one(),
    ).toBe(1);
  });
});

describe("closing", () => {
  it("exhausting soft-closes (fetches return nothing); close() hard-closes (fetches throw)", () => {
    const r = fixture();
    expect(r.closed).toBe(false);
    r.all();
    expect(r.closed).toBe(false);
    expect(r.fetchone()).toBeNull();
    expect(r.fetchmany(2)).toEqual([]);
    r.close();
    expect(r.closed).toBe(true);
    for (const fetch of [
      () => r.fetchone(),
      () => r.fetchmany(2),
      () => r.all(),
      () => [...r],
      () => r.first(),
    ]) {
      expect(fetch).toThrow(new ResourceClosedError("This result object is closed."));
    }
  });

  it("close() is idempotent and also closes scalars()/mappings() views", () => {
    const r = fixture();
    const s = r.scalars();
    const m = r.mappings();
    r.close();
    r.close();
    expect(() => s.all()).toThrow(ResourceClosedError);
    expect(() => m.fetchone()).toThrow(ResourceClosedError);
  });

  it("closing a view closes its result", () => {
    const r = fixture();
    r.scalars().close();
    expect(r.closed).toBe(true);
  });

  it("works with `using` (Symbol.dispose)", () => {
    const r = fixture();
    r[Symbol.dispose]();
    expect(r.closed).toBe(true);
  });
});

describe("scalars() and mappings() views", () => {
  it("return ScalarResult and MappingResult; columns() returns the result itself", () => {
    const r = fixture();
    expect(r.columns(0, 1, 2)).toBe(r);
    expect(r.mappings()).toBeInstanceOf(MappingResult);
    expect(r.scalars(1)).toBeInstanceOf(ScalarResult);
  });

  it("scalars() takes the first column by default, or an index or key", () => {
    expect([...fixture().scalars()]).toEqual([1, 2, 1, 4]);
    expect([...fixture().scalars(2)]).toEqual([1, 2, 2, 2]);
    expect(fixture().scalars("b").all()).toEqual([1, 1, 3, 1]);
  });

  it("a view consumes the same rows as its result", () => {
    const r = fixture();
    const m = r.mappings();
    expect(m.fetchone()).toEqual({ a: 1, b: 1, c: 1 });
    expect(tuple(r.fetchone())).toEqual([2, 1, 2]);

    const r2 = fixture();
    const s = r2.scalars();
    expect(tuple(r2.fetchone())).toEqual([1, 1, 1]);
    expect(s.first()).toBe(2);
  });

  it("ScalarResult has no fetchone(); the result itself is not changed", () => {
    const r = fixture();
    const s = r.scalars();
    expect("fetchone" in s).toBe(false);
    expect(r.mappings().fetchone()).toEqual({ a: 1, b: 1, c: 1 });
    expect(s.all()).toEqual([2, 1, 4]);
  });

  it("columns(0).mappings()", () => {
    expect(fixture().columns(0).mappings().all()).toEqual([{ a: 1 }, { a: 2 }, { a: 1 }, { a: 4 }]);
  });

  it("mappings() gives read-only mappings with the row's keys", () => {
    expect(fixture().mappings().all()).toEqual([
      { a: 1, b: 1, c: 1 },
      { a: 2, b: 1, c: 2 },
      { a: 1, b: 3, c: 2 },
      { a: 4, b: 1, c: 2 },
    ]);
  });

  it("scalars() of a column with nulls: iterate, fetchmany, all, unique", () => {
    const data = [
      [1, null, 2],
      [3, 4, 5],
      [3, null, 5],
      [3, null, 5],
      [3, 4, 5],
    ];
    expect([...fixture({ data }).scalars(1)]).toEqual([null, 4, null, null, 4]);
    const many = fixture({ data }).scalars(1);
    expect(many.fetchmany(3)).toEqual([null, 4, null]);
    expect(many.fetchmany(5)).toEqual([null, 4]);
    expect(fixture({ data }).scalars(1).all()).toEqual([null, 4, null, null, 4]);
    expect(fixture({ data }).scalars(1).unique().all()).toEqual([null, 4]);
  });

  it("unique() on a view does not filter its result", () => {
    const r = fixture({
      data: [
        [1, 1, 2],
        [3, 4, 5],
        [1, 1, 2],
        [3, null, 5],
        [3, 4, 5],
        [3, null, 5],
      ],
    });
    const us = r.scalars(0).unique();
    const it = us[Symbol.iterator]();
    expect(it.next().value).toBe(1); // first row
    expect(tuple(r.fetchone())).toEqual([3, 4, 5]); // second row
    expect(it.next().value).toBe(3); // third row skipped (1 again), fourth gives 3
    expect(tuple(r.fetchone())).toEqual([3, 4, 5]); // fifth row, not unique-filtered
    expect(us.all()).toEqual([]); // only 3 is left
  });
});

describe("columns()", () => {
  it("narrows and reorders by key", () => {
    const r = fixture().columns("b", "c");
    expect(r.keys()).toEqual(["b", "c"]);
    expect(tuples(r.all())).toEqual([
      [1, 1],
      [1, 2],
      [3, 2],
      [1, 2],
    ]);
  });

  it("takes positions, negative ones from the end", () => {
    expect(tuples(fixture().columns(1, -2).all())).toEqual([
      [1, 1],
      [1, 1],
      [3, 3],
      [1, 1],
    ]);
  });

  it("applies again to the narrowed columns", () => {
    expect(tuples(fixture().columns("b", "c", "a").columns(1, 2).all())).toEqual([
      [1, 1],
      [2, 2],
      [2, 1],
      [2, 4],
    ]);
  });

  it("rows keep attribute and mapping access by the narrowed keys", () => {
    const row = fixture().columns("c", "a").first()!;
    expect(row.c).toBe(1);
    expect(row._fields).toEqual(["c", "a"]);
    expect(row._asDict()).toEqual({ c: 1, a: 1 });
  });

  it("columns().mappings() and mappings().columns()", () => {
    expect(fixture().columns("b", "c").mappings().all()).toEqual([
      { b: 1, c: 1 },
      { b: 1, c: 2 },
      { b: 3, c: 2 },
      { b: 1, c: 2 },
    ]);
    const r = fixture();
    const m = r.mappings().columns("b", "c");
    expect(m.fetchmany(2)).toEqual([
      { b: 1, c: 1 },
      { b: 1, c: 2 },
    ]);
    expect(tuple(r.fetchone())).toEqual([1, 3, 2]); // the result is not sliced
    expect(m.fetchone()).toEqual({ b: 1, c: 2 }); // the view still is
    expect(m.keys()).toEqual(["b", "c"]);
  });

  it("accepts further keys (Column objects) and keeps them when narrowing", () => {
    const [ex1a, ex1b, ex2, ex3a, ex3b] = [{}, {}, {}, {}, {}];
    const objects = [[ex1a, ex1b], [ex2], [ex3a, ex3b]];
    expect(tuples(fixture({ objects }).columns(ex2, ex3b).columns(ex3a).all())).toEqual([[1], [2], [2], [2]]);
    expect([...fixture({ objects })].map((row) => row._mapping.get(ex1b))).toEqual([1, 2, 1, 4]);
    expect(fixture({ objects }).columns(ex2, ex3b).columns(ex3a).mappings().all()).toEqual([
      { c: 1 },
      { c: 2 },
      { c: 2 },
      { c: 2 },
    ]);
  });

  it("tuples() is the result itself, as SQLAlchemy's (rows are tuples already)", () => {
    const r = fixture();
    expect(r.tuples()).toBe(r);
    expect(
      r
        .tuples()
        .all()
        .map((row) => [...row]),
    ).toEqual(
      fixture()
        .all()
        .map((row) => [...row]),
    );
  });

  it("an unknown key raises", () => {
    expect(() => fixture().columns("nope")).toThrow(
      new NoSuchColumnError("Could not locate column in row for column 'nope'"),
    );
    expect(() => fixture().columns(3)).toThrow(InvalidRequestError);
    expect(() => fixture().scalars("nope")).toThrow(InvalidRequestError);
  });
});

describe("unique()", () => {
  it("filters whole rows, after scalars() whatever the order", () => {
    expect(fixture().unique().scalars(1).all()).toEqual([1, 3]);
    expect(fixture().scalars(1).unique().all()).toEqual([1, 3]);
  });

  it("is applied after columns() whatever the order", () => {
    expect(tuples(fixture().unique().columns("b", "c").all())).toEqual([
      [1, 1],
      [1, 2],
      [3, 2],
    ]);
  });

  it("a strategy maps each row to its key; it carries into mappings()", () => {
    const uniq = (row: Row<Abc, AbcTuple>) => row[0];
    expect(tuples(fixture().unique(uniq).all())).toEqual([
      [1, 1, 1],
      [2, 1, 2],
      [4, 1, 2],
    ]);
    expect(fixture().unique(uniq).mappings().all()).toEqual([
      { a: 1, b: 1, c: 1 },
      { a: 2, b: 1, c: 2 },
      { a: 4, b: 1, c: 2 },
    ]);
  });

  it("fetchmany() counts unique rows", () => {
    const s = fixture().unique().scalars(1);
    expect(s.fetchmany(2)).toEqual([1, 3]);
    expect(s.fetchmany(2)).toEqual([]);

    const r = fixture().unique((row) => row.a);
    expect(tuples(r.fetchmany(2))).toEqual([
      [1, 1, 1],
      [2, 1, 2],
    ]);
    expect(tuples(r.fetchmany(2))).toEqual([[4, 1, 2]]);
    expect(r.fetchmany(2)).toEqual([]);
  });

  it("fetchmany() without a size returns all unique rows", () => {
    const s = fixture().unique().scalars(1);
    expect(s.fetchmany()).toEqual([1, 3]);
    expect(s.fetchmany()).toEqual([]);
  });

  it("iteration is filtered too", () => {
    expect([...fixture().unique().scalars(1)]).toEqual([1, 3]);
    expect(tuples(fixture().unique((row) => row.a))).toEqual([
      [1, 1, 1],
      [2, 1, 2],
      [4, 1, 2],
    ]);
  });

  it("compares Dates and Buffers by value, other objects by identity", () => {
    const md = ResultMetaData.fromKeys(["v"]);
    const obj = { x: 1 };
    const rows = [
      [new Date(0)],
      [new Date(0)],
      [Buffer.from("ab")],
      [Buffer.from("ab")],
      [obj],
      [obj],
      [{ x: 1 }],
      ["1"],
      [1],
    ];
    expect(new Result(md, rows).unique().scalars().all()).toHaveLength(6);
    expect(
      new Result(
        md,
        rows.map((r) => [...r]),
      )
        .unique()
        .all(),
    ).toHaveLength(6);
  });

  it("strategy keys compare with SameValueZero (a strategy for objects by content)", () => {
    const md = ResultMetaData.fromKeys(["doc"]);
    const r = new Result(md, [[{ id: 1 }], [{ id: 1 }], [{ id: 2 }]]);
    expect(
      r
        .scalars()
        .unique((d) => JSON.stringify(d))
        .all(),
    ).toEqual([{ id: 1 }, { id: 2 }]);
  });
});

describe("partitions()", () => {
  it("yields lists of the size given, never an empty one, then the result is exhausted", () => {
    const r = fixture();
    expect([...r.partitions(2)].map(tuples)).toEqual([
      [
        [1, 1, 1],
        [2, 1, 2],
      ],
      [
        [1, 3, 2],
        [4, 1, 2],
      ],
    ]);
    expect(r.all()).toEqual([]);
    expect([...fixture().partitions(3)].map((p) => p.length)).toEqual([3, 1]);
  });

  it("takes its size from yieldPer(), also with unique()", () => {
    const r = fixture();
    expect([...r.unique().yieldPer(2).partitions()].map(tuples)).toEqual([
      [
        [1, 1, 1],
        [2, 1, 2],
      ],
      [
        [1, 3, 2],
        [4, 1, 2],
      ],
    ]);
    expect(r.all()).toEqual([]);
    expect(fixture().yieldPer(3).fetchmany()).toHaveLength(3);
  });

  it("yieldPer() takes a positive integer", () => {
    expect(() => fixture().yieldPer(0)).toThrow(
      new ArgumentError("yieldPer must be a positive integer, got 0"),
    );
    expect(() => fixture().yieldPer(1.5)).toThrow(ArgumentError);
  });

  it("without a size or yieldPer() yields all rows in one list", () => {
    expect([...fixture().partitions()].map((p) => p.length)).toEqual([4]);
  });

  it("counts unique rows", () => {
    expect([...fixture().scalars().unique().partitions(2)]).toEqual([[1, 2], [4]]);
  });

  it("of an empty result yields nothing", () => {
    expect([...fixture({ numRows: 0 }).partitions(2)]).toEqual([]);
  });
});

describe("freeze()", () => {
  it("re-creates the result on each call", () => {
    const frozen = fixture().freeze();
    const r1 = frozen();
    expect(tuples(r1.fetchall())).toEqual(DATA);
    expect(r1.fetchall()).toEqual([]);
    const r2 = frozen();
    expect(r1.fetchall()).toEqual([]);
    expect(tuples(r2.fetchall())).toEqual(DATA);
    expect(r2.fetchall()).toEqual([]);
  });

  it("keeps columns() and unique() as applied before freezing", () => {
    const frozen = fixture().columns("b", "c").unique().freeze();
    expect(tuples(frozen().fetchall())).toEqual([
      [1, 1],
      [1, 2],
      [3, 2],
    ]);
    expect(frozen().keys()).toEqual(["b", "c"]);
  });

  it("frozen results take new filters", () => {
    const frozen = fixture().columns("b", "c").freeze();
    expect(tuples(frozen().fetchall())).toEqual([
      [1, 1],
      [1, 2],
      [3, 2],
      [1, 2],
    ]);
    expect(tuples(frozen().unique().fetchall())).toEqual([
      [1, 1],
      [1, 2],
      [3, 2],
    ]);
    const f2 = fixture().freeze();
    expect(f2().scalars(1).fetchall()).toEqual([1, 1, 3, 1]);
    expect(f2().scalars(1).unique().fetchall()).toEqual([1, 3]);
  });

  it("does not run processors twice", () => {
    const md = ResultMetaData.fromKeys(["n"], { processors: [(v) => Number(v) * 10] });
    const frozen = new Result(md, [["1"], ["2"]]).freeze();
    expect(frozen().scalars().all()).toEqual([10, 20]);
    expect(frozen().scalars().all()).toEqual([10, 20]);
  });
});

describe("types", () => {
  // expectTypeOf evaluates its argument, so each check gets a fresh one-row result
  const one = () => fixture({ numRows: 1 });

  it("rows, scalars and columns() are typed from R and T", () => {
    expectTypeOf(fixture().all()).toEqualTypeOf<Row<Abc, AbcTuple>[]>();
    expectTypeOf(one().one().a).toEqualTypeOf<number>();
    expectTypeOf(one().one()[2]).toEqualTypeOf<number>();
    expectTypeOf(one().scalars().all()).toEqualTypeOf<number[]>();
    expectTypeOf(one().scalars("b").all()).toEqualTypeOf<number[]>();
    expectTypeOf(one().scalar()).toEqualTypeOf<number | null>();
    const narrowed = one().columns("c", "a").one();
    expectTypeOf(narrowed.c).toEqualTypeOf<number>();
    expectTypeOf(narrowed._t).toEqualTypeOf<[number, number]>();
    // @ts-expect-error b was not selected
    narrowed.b;
    expectTypeOf(one().mappings().one().a).toEqualTypeOf<number>();
  });

  it("an untyped result has unknown values", () => {
    expectTypeOf(new Result(ResultMetaData.fromKeys(["x"]), [[1]]).one().x).toEqualTypeOf<unknown>();
    expectTypeOf(new Result(ResultMetaData.fromKeys(["x"]), [[1]]).scalars().all()).toEqualTypeOf<
      unknown[]
    >();
  });
});
