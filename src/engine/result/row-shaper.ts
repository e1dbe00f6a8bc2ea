/**
 * @internal The transform from a raw driver row to what a result object returns: project the
 * columns (`columns()`, `scalars()`), run the result processors, apply `unique()`, then build a
 * Row, a scalar or a RowMapping. Sync and async results share it; only their row sources differ.
 *
 * Each result object has its own shaper (a ScalarResult's differs from its Result's) while they
 * share one row source, which is how `r.scalars()` and `r` can consume the same rows.
 */
import type { ResultMetaData } from "./result-metadata.js";
import { SeenSet } from "./unique.js";

/** What a result object returns per row. */
export type OutputKind = "row" | "scalar" | "mapping";

/** @internal The state of `unique()`: the seen values and the optional key function. */
export interface UniqueFilter {
  readonly seen: SeenSet;
  /** a key function, or null to compare whole rows (or scalars) */
  readonly strategy: ((obj: never) => unknown) | null;
  /** what the strategy receives: the kind of object its result returned when unique() was called */
  readonly on: OutputKind;
}

/** @internal returned by `shapeOne` for a row that `unique()` filtered out */
export const SKIP: unique symbol = Symbol("skip");

/** @internal */
export class RowShaper {
  constructor(
    /** the metadata of the shaped rows (after projection) */
    public meta: ResultMetaData,
    /** positions in the raw rows, or null for all columns in order */
    public projection: readonly number[] | null,
    readonly kind: OutputKind,
    public unique: UniqueFilter | null,
  ) {}

  /** A shaper over the same rows returning another kind; `index` picks the scalar's column. */
  derive(kind: OutputKind, index: string | number | object = 0): RowShaper {
    if (kind !== "scalar") return new RowShaper(this.meta, this.projection, kind, this.unique);
    const i = this.meta.resolve(index);
    return new RowShaper(
      this.meta.reduce([i]),
      [this.projection ? this.projection[i] : i],
      kind,
      this.unique,
    );
  }

  /** Narrows (or reorders) the columns, in place, as `columns(...keys)` does. */
  columns(keys: readonly (string | number | object)[]): void {
    const idx = keys.map((k) => this.meta.resolve(k));
    const proj = this.projection;
    this.meta = this.meta.reduce(idx);
    this.projection = proj ? idx.map((i) => proj[i]) : idx;
  }

  /** Starts unique filtering; `strategy` receives what this result returns. */
  setUnique(strategy: ((obj: never) => unknown) | null): void {
    this.unique = { seen: new SeenSet(), strategy, on: this.kind };
  }

  /** The processed, projected values of a raw row (the raw array itself when not projected). */
  data(raw: unknown[]): unknown[] {
    const proj = this.projection;
    let d = raw;
    if (proj !== null) {
      d = new Array(proj.length);
      for (let i = 0; i < proj.length; i++) d[i] = raw[proj[i]];
    }
    this.meta.process(d);
    return d;
  }

  /** The object returned for processed values. */
  out(data: unknown[]): unknown {
    switch (this.kind) {
      case "row":
        return this.meta.makeRow(data);
      case "scalar":
        return data[0];
      case "mapping":
        return this.meta.makeMapping(data);
    }
  }

  /**
   * Records processed values in a seen-set (the unique filter's, or another for `one()`'s check);
   * false when an equal row, scalar or strategy key was seen. `made` is `out(data)` if built.
   */
  isNew(seen: SeenSet, data: unknown[], made?: unknown): boolean {
    const u = this.unique!;
    if (u.strategy === null) return this.kind === "scalar" ? seen.addValue(data[0]) : seen.addRow(data);
    const obj = made !== undefined && u.on === this.kind ? made : shapeAs(this.meta, u.on, data);
    return seen.addValue((u.strategy as (o: unknown) => unknown)(obj));
  }

  /** One raw row shaped, or SKIP when unique() filters it out. */
  shapeOne(raw: unknown[]): unknown {
    const data = this.data(raw);
    const made = this.out(data);
    if (this.unique !== null && !this.isNew(this.unique.seen, data, made)) return SKIP;
    return made;
  }

  /** Raw rows shaped, unique() applied. The hot path: specialised per kind. */
  shapeMany(raws: unknown[][]): unknown[] {
    const n = raws.length;
    if (this.unique !== null) {
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const o = this.shapeOne(raws[i]);
        if (o !== SKIP) out.push(o);
      }
      return out;
    }
    const out = new Array<unknown>(n);
    if (this.kind === "scalar") {
      const col = this.projection![0];
      const p = this.meta.processors?.[0] ?? null;
      if (p === null) for (let i = 0; i < n; i++) out[i] = raws[i][col];
      else for (let i = 0; i < n; i++) out[i] = p(raws[i][col]);
      return out;
    }
    if (this.kind === "row" && this.projection === null) {
      const meta = this.meta;
      const Cls = meta.rowClass;
      if (meta.processors === null) for (let i = 0; i < n; i++) out[i] = new Cls(raws[i]);
      else
        for (let i = 0; i < n; i++) {
          const r = raws[i];
          meta.process(r);
          out[i] = new Cls(r);
        }
      return out;
    }
    for (let i = 0; i < n; i++) out[i] = this.out(this.data(raws[i]));
    return out;
  }
}

function shapeAs(meta: ResultMetaData, kind: OutputKind, data: unknown[]): unknown {
  return kind === "row" ? meta.makeRow(data) : kind === "scalar" ? data[0] : meta.makeMapping(data);
}
