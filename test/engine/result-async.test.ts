/**
 * AsyncResult over an in-memory streaming source: the buffered-row strategy (1 → 5 → 25 … up to
 * maxRowBuffer, yieldPer fixes it), the Result API with awaits, and closing (exhaustion, close(),
 * leaving `for await`). SQLAlchemy's ext/asyncio result tests and BufferedRowCursorFetchStrategy.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  AsyncMappingResult,
  AsyncResult,
  type AsyncRowSource,
  AsyncScalarResult,
  ResultMetaData,
  type Row,
} from "../../src/engine/result/index.js";
import { ArgumentError, MultipleResultsFound, NoResultFound, ResourceClosedError } from "../../src/exc.js";

type Abc = { a: number; b: number; c: number };

/** A source over `rows` that records the batch sizes asked for and the close() calls. */
function source(rows: unknown[][]): AsyncRowSource & { sizes: number[]; closes: number } {
  const left = rows.map((r) => [...r]);
  return {
    sizes: [],
    closes: 0,
    async fetchmany(n) {
      this.sizes.push(n);
      return left.splice(0, n);
    },
    async close() {
      this.closes++;
    },
  };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => [i, i % 3, i * 2]);
const DATA = [
  [1, 1, 1],
  [2, 1, 2],
  [1, 3, 2],
  [4, 1, 2],
];

function fixture(rows: unknown[][] = DATA, opts: ConstructorParameters<typeof AsyncResult>[2] = {}) {
  const src = source(rows);
  const result = new AsyncResult<Abc, readonly [number, number, number]>(
    ResultMetaData.fromKeys(["a", "b", "c"]),
    src,
    opts,
  );
  return { src, result };
}

const tuples = (rows: Iterable<Iterable<unknown>>) => [...rows].map((r) => [...r]);

describe("buffering", () => {
  it("grows the batch 1 → 5 → 25 … up to 1000", async () => {
    const { src, result } = fixture(range(3000));
    let n = 0;
    for await (const _ of result) n++;
    expect(n).toBe(3000);
    // the last batch comes back empty: only then is the stream known to be done
    expect(src.sizes).toEqual([1, 5, 25, 125, 625, 1000, 1000, 1000, 1000]);
  });

  it("stops growing at maxRowBuffer", async () => {
    const { src, result } = fixture(range(100), { maxRowBuffer: 30 });
    expect(await result.all()).toHaveLength(100);
    // all() reads the rest in maxRowBuffer-sized batches
    expect(src.sizes).toEqual([30, 30, 30, 30, 30]);
    const b = fixture(range(100), { maxRowBuffer: 30 });
    for await (const _ of b.result);
    expect(b.src.sizes).toEqual([1, 5, 25, 30, 30, 30, 30]);
  });

  it("yieldPer fixes the batch size", async () => {
    const { src, result } = fixture(range(25), { yieldPer: 10 });
    for await (const _ of result);
    expect(src.sizes).toEqual([10, 10, 10, 10]);
    const b = fixture(range(25));
    b.result.yieldPer(7);
    expect((await b.result.fetchone())?.a).toBe(0);
    expect(b.src.sizes).toEqual([7]);
  });

  it("yieldPer and maxRowBuffer take positive integers", () => {
    expect(() => fixture(DATA, { yieldPer: 0 })).toThrow(ArgumentError);
    expect(() => fixture(DATA, { maxRowBuffer: -1 })).toThrow(
      "maxRowBuffer must be a positive integer, got -1",
    );
    expect(() => fixture().result.yieldPer(0)).toThrow(ArgumentError);
  });

  it("continues from initial rows with a batch of 5", async () => {
    const { result } = fixture(range(10).slice(1), { initialRows: [[0, 0, 0]] });
    expect((await result.all()).map((r) => r.a)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const b = fixture(range(10).slice(1), { initialRows: [[0, 0, 0]] });
    for await (const _ of b.result);
    expect(b.src.sizes).toEqual([5, 25, 125]);
  });

  it("runs the processors", async () => {
    const src = source([["1"], ["2"]]);
    const r = new AsyncResult(ResultMetaData.fromKeys(["n"], { processors: [(v) => Number(v) + 1] }), src);
    expect(await r.scalars().all()).toEqual([2, 3]);
  });
});

describe("fetching", () => {
  it("for await yields every row and closes the source once at the end", async () => {
    const { src, result } = fixture();
    const rows: unknown[][] = [];
    for await (const row of result) rows.push([...row]);
    expect(rows).toEqual(DATA);
    expect(src.closes).toBe(1);
    expect(result.closed).toBe(false); // exhausted: soft-closed
    expect(await result.fetchone()).toBeNull();
    expect(await result.all()).toEqual([]);
  });

  it("fetchone(), fetchmany() across the buffer, fetchall()", async () => {
    const { src, result } = fixture(range(20));
    expect((await result.fetchone())?.a).toBe(0);
    expect((await result.fetchmany(3)).map((r) => r.a)).toEqual([1, 2, 3]);
    expect((await result.fetchmany(2)).map((r) => r.a)).toEqual([4, 5]);
    expect((await result.fetchall()).map((r) => r.a)).toEqual(
      range(20)
        .slice(6)
        .map((r) => r[0]),
    );
    expect(await result.fetchmany(2)).toEqual([]);
    expect(src.closes).toBe(1);
  });

  it("fetchmany() without a size returns all rows (or yieldPer rows)", async () => {
    expect(await fixture().result.fetchmany()).toHaveLength(4);
    expect(await fixture(DATA, { yieldPer: 3 }).result.fetchmany()).toHaveLength(3);
  });

  it("all() returns the rows, then nothing", async () => {
    const { result } = fixture();
    expect(tuples(await result.all())).toEqual(DATA);
    expect(await result.all()).toEqual([]);
  });

  it("first() returns the first row and closes the result and the source", async () => {
    const { src, result } = fixture(range(50));
    expect((await result.first())?.a).toBe(0);
    expect(src.closes).toBe(1);
    expect(result.closed).toBe(true);
    await expect(result.all()).rejects.toThrow(new ResourceClosedError("This result object is closed."));
  });

  it("one(), oneOrNone() and their messages", async () => {
    expect([...(await fixture(DATA.slice(0, 1)).result.one())]).toEqual([1, 1, 1]);
    await expect(fixture([]).result.one()).rejects.toThrow(
      new NoResultFound("No row was found when one was required"),
    );
    await expect(fixture().result.one()).rejects.toThrow(
      new MultipleResultsFound("Multiple rows were found when exactly one was required"),
    );
    expect(await fixture([]).result.oneOrNone()).toBeNull();
    await expect(fixture().result.oneOrNone()).rejects.toThrow(
      "Multiple rows were found when one or none was required",
    );
  });

  it("scalar(), scalarOne(), scalarOneOrNone()", async () => {
    expect(await fixture().result.scalar()).toBe(1);
    expect(await fixture([]).result.scalar()).toBeNull();
    expect(await fixture(DATA.slice(3)).result.scalarOne()).toBe(4);
    expect(await fixture([]).result.scalarOneOrNone()).toBeNull();
    await expect(fixture().result.scalarOne()).rejects.toThrow(MultipleResultsFound);
  });

  it("one() under unique() ignores rows equal to the first", async () => {
    const same = [
      [1, 1, 1],
      [1, 1, 1],
    ];
    expect([...(await fixture(same).result.unique().one())]).toEqual([1, 1, 1]);
    await expect(
      fixture([...same, [2, 1, 1]])
        .result.unique()
        .one(),
    ).rejects.toThrow(MultipleResultsFound);
  });
});

describe("closing", () => {
  it("breaking out of for await closes the result and the source", async () => {
    const { src, result } = fixture(range(100));
    for await (const row of result) if (row.a === 3) break;
    expect(result.closed).toBe(true);
    expect(src.closes).toBe(1);
    await expect(result.fetchone()).rejects.toThrow(ResourceClosedError);
    await expect(result.fetchmany(2)).rejects.toThrow("This result object is closed.");
  });

  it("a throw inside for await closes the result", async () => {
    const { src, result } = fixture(range(10));
    await expect(
      (async () => {
        for await (const _ of result) throw new Error("boom");
      })(),
    ).rejects.toThrow("boom");
    expect(result.closed).toBe(true);
    expect(src.closes).toBe(1);
  });

  it("close() is idempotent and closes the source once", async () => {
    const { src, result } = fixture();
    await result.close();
    await result.close();
    await result[Symbol.asyncDispose]();
    expect(src.closes).toBe(1);
    for (const f of [
      () => result.fetchone(),
      () => result.all(),
      () => result.first(),
      () => result.scalar(),
    ]) {
      await expect(f()).rejects.toThrow(ResourceClosedError);
    }
    await expect(
      (async () => {
        for await (const _ of result);
      })(),
    ).rejects.toThrow(ResourceClosedError);
  });

  it("closing after exhaustion does not close the source again", async () => {
    const { src, result } = fixture();
    await result.all();
    await result.close();
    expect(src.closes).toBe(1);
    expect(result.closed).toBe(true);
  });

  it("concurrent fetches share one batch fetch", async () => {
    const { src, result } = fixture(range(10), { yieldPer: 4 });
    const rows = await Promise.all([result.fetchone(), result.fetchone(), result.fetchone()]);
    expect(rows.map((r) => r?.a)).toEqual([0, 1, 2]);
    expect(src.sizes).toEqual([4]);
  });

  it("a failing source close() rejects once; closing again does not throw", async () => {
    const r = new AsyncResult(ResultMetaData.fromKeys(["n"]), {
      fetchmany: async () => [],
      close: async () => {
        throw new Error("close failed");
      },
    });
    await expect(r.close()).rejects.toThrow("close failed");
    await r.close();
    expect(r.closed).toBe(true);
  });

  it("a source error propagates; the result can still be closed", async () => {
    let closes = 0;
    const failing: AsyncRowSource = {
      fetchmany: async () => {
        throw new Error("connection lost");
      },
      close: async () => {
        closes++;
      },
    };
    const r = new AsyncResult(ResultMetaData.fromKeys(["n"]), failing);
    await expect(r.fetchone()).rejects.toThrow("connection lost");
    await r.close();
    expect(closes).toBe(1);
  });
});

describe("partitions()", () => {
  it("yields lists of the size given, never an empty one", async () => {
    const { src, result } = fixture(range(7));
    const parts: number[][] = [];
    for await (const part of result.partitions(3)) parts.push(part.map((r) => r.a));
    expect(parts).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(src.closes).toBe(1);
  });

  it("uses yieldPer, or one list of everything", async () => {
    const sizes = async (opts: { yieldPer?: number }) => {
      const out: number[] = [];
      for await (const p of fixture(range(5), opts).result.partitions()) out.push(p.length);
      return out;
    };
    expect(await sizes({ yieldPer: 2 })).toEqual([2, 2, 1]);
    expect(await sizes({})).toEqual([5]);
  });

  it("counts unique rows", async () => {
    const out: unknown[] = [];
    for await (const p of fixture().result.scalars().unique().partitions(2)) out.push(p);
    expect(out).toEqual([[1, 2], [4]]);
  });

  it("leaving the loop early closes the result", async () => {
    const { src, result } = fixture(range(10));
    for await (const _ of result.partitions(2)) break;
    expect(result.closed).toBe(true);
    expect(src.closes).toBe(1);
  });
});

describe("views and filters", () => {
  it("scalars() and mappings() are AsyncScalarResult and AsyncMappingResult", async () => {
    expect(fixture().result.scalars()).toBeInstanceOf(AsyncScalarResult);
    expect(fixture().result.mappings()).toBeInstanceOf(AsyncMappingResult);
    expect(await fixture().result.scalars(2).all()).toEqual([1, 2, 2, 2]);
    expect(await fixture().result.mappings().first()).toEqual({ a: 1, b: 1, c: 1 });
    const ids: unknown[] = [];
    for await (const v of fixture().result.scalars("b")) ids.push(v);
    expect(ids).toEqual([1, 1, 3, 1]);
  });

  it("views consume the same stream", async () => {
    const { result } = fixture();
    const m = result.mappings();
    expect(await m.fetchone()).toEqual({ a: 1, b: 1, c: 1 });
    expect([...((await result.fetchone()) ?? [])]).toEqual([2, 1, 2]);
    expect(await result.scalars().all()).toEqual([1, 4]);
  });

  it("columns(), keys() and unique()", async () => {
    const { result } = fixture();
    expect(result.columns("b", "c").keys()).toEqual(["b", "c"]);
    expect(tuples(await result.unique().all())).toEqual([
      [1, 1],
      [1, 2],
      [3, 2],
    ]);
    expect(
      await fixture()
        .result.unique((row) => row.a)
        .mappings()
        .all(),
    ).toEqual([
      { a: 1, b: 1, c: 1 },
      { a: 2, b: 1, c: 2 },
      { a: 4, b: 1, c: 2 },
    ]);
    const m = fixture().result.mappings().columns("c");
    expect(m.keys()).toEqual(["c"]);
    expect(await m.all()).toEqual([{ c: 1 }, { c: 2 }, { c: 2 }, { c: 2 }]);
  });

  it("fetchmany() counts unique rows across batches", async () => {
    const { result } = fixture();
    const s = result.scalars(1).unique();
    expect(await s.fetchmany(2)).toEqual([1, 3]);
    expect(await s.fetchmany(2)).toEqual([]);
  });

  it("freeze() gives a callable re-creating a sync Result", async () => {
    const frozen = await fixture().result.columns("a").freeze();
    expect(frozen().scalars().all()).toEqual([1, 2, 1, 4]);
    expect(frozen().scalars().unique().all()).toEqual([1, 2, 4]);
  });
});

describe("types", () => {
  it("rows and scalars are typed", async () => {
    expectTypeOf(fixture().result.all()).toEqualTypeOf<
      Promise<Row<Abc, readonly [number, number, number]>[]>
    >();
    expectTypeOf(fixture().result.scalars().all()).toEqualTypeOf<Promise<number[]>>();
    expectTypeOf(fixture().result.scalar()).toEqualTypeOf<Promise<number | null>>();
    for await (const row of fixture().result) expectTypeOf(row.b).toEqualTypeOf<number>();
  });
});
