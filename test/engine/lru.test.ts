/**
 * LRUCache: SQLAlchemy's policy (grow to capacity * 1.5, prune back to capacity by recency, `get`
 * bumps recency), from `test/base/test_utils.py` LRUTest, plus the prune callback.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LRUCache } from "../../src/engine/lru.js";
import { ArgumentError } from "../../src/exc.js";

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe("LRUCache", () => {
  it("stores, reads, deletes and clears", () => {
    const c = new LRUCache<string, number>(10);
    expect(c.get("a")).toBeUndefined();
    c.set("a", 1).set("b", 2);
    expect(c.get("a")).toBe(1);
    expect(c.has("b")).toBe(true);
    expect(c.size).toBe(2);
    expect(c.delete("a")).toBe(true);
    expect(c.delete("a")).toBe(false);
    expect([...c.keys()]).toEqual(["b"]);
    c.clear();
    expect(c.size).toBe(0);
  });

  it("grows to capacity * 1.5 before pruning, then prunes back to capacity", () => {
    const c = new LRUCache<number, number>(10);
    expect(c.sizeThreshold).toBe(15);
    for (const i of range(0, 15)) c.set(i, i);
    expect(c.size).toBe(15);
    c.set(15, 15);
    expect(c.size).toBe(10);
    expect([...c.keys()].sort((a, b) => a - b)).toEqual(range(6, 16));
  });

  it("test_lru: entries read recently survive a prune", () => {
    const c = new LRUCache<number, string>(10, { threshold: 0.2 });
    for (const i of range(1, 13)) c.set(i, `item${i}`); // 12 = the threshold size
    expect(c.size).toBe(12);
    // touch 1..5, so 6..12 are the oldest
    for (const i of range(1, 6)) expect(c.get(i)).toBe(`item${i}`);
    c.set(13, "item13");
    expect(c.size).toBe(10);
    expect([...c.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 9, 10, 11, 12, 13]);
  });

  it("set on an existing key replaces the value and bumps recency without growing", () => {
    const c = new LRUCache<string, number>(2, { threshold: 0 });
    c.set("a", 1).set("b", 2);
    c.set("a", 10);
    c.set("c", 3);
    expect(c.get("a")).toBe(10);
    expect(c.has("b")).toBe(false);
  });

  it("has() does not bump recency", () => {
    const c = new LRUCache<string, number>(1, { threshold: 0 });
    c.set("a", 1).set("b", 2); // prunes a
    expect(c.has("a")).toBe(false);
    c.set("c", 3);
    c.has("b");
    expect([...c.keys()]).toEqual(["c"]);
  });

  it("calls onPrune once per prune, before entries are dropped (for the log line)", () => {
    const seen: [number, number][] = [];
    const c = new LRUCache<number, number>(4, {
      onPrune: (cache) => seen.push([cache.size, cache.capacity]),
    });
    for (const i of range(0, 6)) c.set(i, i);
    expect(seen).toEqual([]);
    c.set(6, 6);
    expect(seen).toEqual([[7, 4]]);
    expect(c.size).toBe(4);
  });

  it("capacity 0 keeps nothing; bad arguments are rejected", () => {
    const c = new LRUCache<string, number>(0);
    c.set("a", 1);
    expect(c.size).toBe(0);
    expect(() => new LRUCache(-1)).toThrow(ArgumentError);
    expect(() => new LRUCache(1.5)).toThrow(ArgumentError);
    expect(() => new LRUCache(5, { threshold: Number.NaN })).toThrow(ArgumentError);
  });

  it("defaults: capacity 100, threshold 0.5", () => {
    const c = new LRUCache<number, number>();
    expect([c.capacity, c.threshold, c.sizeThreshold]).toEqual([100, 0.5, 150]);
  });

  it("matches a reference model of SQLAlchemy's algorithm on random operation sequences", () => {
    type Op = { kind: "set" | "get"; key: number };
    const op = fc.record({
      kind: fc.constantFrom("set" as const, "get" as const),
      key: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.array(op, { maxLength: 200 }), (capacity, ops: Op[]) => {
        const c = new LRUCache<number, number>(capacity);
        // the reference: a dict of key -> counter, sorted and cut exactly as util/_collections.py
        const model = new Map<number, number>();
        let counter = 0;
        for (const { kind, key } of ops) {
          if (kind === "get") {
            if (model.has(key)) model.set(key, ++counter);
            expect(c.get(key)).toBe(model.has(key) ? key : undefined);
          } else {
            model.set(key, ++counter);
            c.set(key, key);
            if (model.size > capacity * 1.5) {
              const keep = [...model].sort((a, b) => b[1] - a[1]).slice(0, capacity);
              model.clear();
              for (const [k, v] of keep) model.set(k, v);
            }
          }
          expect(c.size).toBe(model.size);
        }
        expect([...c.keys()].sort((a, b) => a - b)).toEqual([...model.keys()].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it("get on a hit costs about what a Map lookup does (hot path sanity check)", () => {
    const c = new LRUCache<string, number>(500);
    const m = new Map<string, number>();
    const keys = range(0, 500).map((i) => `SELECT ${i}`);
    for (const k of keys) {
      c.set(k, 1);
      m.set(k, 1);
    }
    const time = (f: () => void) => {
      const t = performance.now();
      f();
      return performance.now() - t;
    };
    let sink = 0;
    const n = 400_000;
    const lru = () => {
      for (let i = 0; i < n; i++) sink += c.get(keys[i % 500]) ?? 0;
    };
    const map = () => {
      for (let i = 0; i < n; i++) sink += m.get(keys[i % 500]) ?? 0;
    };
    lru();
    map();
    const ratio =
      Math.min(...range(0, 3).map(() => time(lru))) / Math.min(...range(0, 3).map(() => time(map)));
    expect(sink).toBeGreaterThan(0);
    // generous bound: only catches an accidental O(n) get (a loose check, not a benchmark)
    expect(ratio).toBeLessThan(6);
  });
});
