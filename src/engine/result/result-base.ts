/**
 * The fetch API that Result, ScalarResult and MappingResult share: what differs between them is
 * only what each row becomes (the shaper), while the row source is common.
 */
import { checkBatchSize, multipleResultsFound, noResultFound } from "./messages.js";
import type { RowBuffer } from "./row-buffer.js";
import { type RowShaper, SKIP } from "./row-shaper.js";
import { SeenSet } from "./unique.js";

/** The synchronous fetch methods over rows of type `Out`. */
export abstract class ResultBase<Out> implements Iterable<Out> {
  /** @internal the shared row source */
  protected readonly _src: RowBuffer;
  /** @internal this object's projection, unique filter and output kind */
  protected readonly _shape: RowShaper;

  /** @internal */
  protected constructor(src: RowBuffer, shape: RowShaper) {
    this._src = src;
    this._shape = shape;
  }

  /** True after `close()` (or `first()`, `one()` …); fetching then throws ResourceClosedError. */
  get closed(): boolean {
    return this._src.closed;
  }

  /**
   * Up to `size` rows (default: the `yieldPer()` size, else 1 for a statement's result as DB-API's
   * `cursor.arraysize`, else all that remain for a result built in memory); with `unique()`,
   * `size` unique rows. An empty list once exhausted.
   * @example
   * while ((batch = r.fetchmany(100)).length) handle(batch);
   */
  fetchmany(size?: number): Out[] {
    const n = size ?? this._src.yieldPer ?? this._src.arraysize;
    if (n === null) return this.fetchall();
    const src = this._src;
    const shape = this._shape;
    if (shape.unique === null) return shape.shapeMany(src.fetchmany(n)) as Out[];
    // unique rows are counted, so keep fetching until enough survive the filter
    const out: Out[] = [];
    while (out.length < n) {
      const raws = src.fetchmany(n - out.length);
      if (raws.length === 0) break;
      for (const o of shape.shapeMany(raws)) out.push(o as Out);
    }
    return out;
  }

  /** Every remaining row (after `unique()`); an empty list once exhausted. Same as `all()`. */
  fetchall(): Out[] {
    return this._shape.shapeMany(this._src.fetchall()) as Out[];
  }

  /**
   * Every remaining row; the result is exhausted afterwards (a second call gives `[]`).
   * @example
   * const rows = (await conn.execute(sa.select(users))).all();
   */
  all(): Out[] {
    return this.fetchall();
  }

  /**
   * The first row, or null; discards the rest and closes the result.
   * @example
   * const row = r.first(); r.all(); // throws ResourceClosedError
   */
  first(): Out | null {
    return this._onlyOne(false, false, false) as Out | null;
  }

  /**
   * The only row; closes the result.
   * @throws NoResultFound "No row was found when one was required"
   * @throws MultipleResultsFound "Multiple rows were found when exactly one was required"
   */
  one(): Out {
    return this._onlyOne(true, true, false) as Out;
  }

  /**
   * The only row, or null; closes the result.
   * @throws MultipleResultsFound "Multiple rows were found when one or none was required"
   */
  oneOrNone(): Out | null {
    return this._onlyOne(true, false, false) as Out | null;
  }

  /**
   * Rows in lists of `size` (default: as `fetchmany()`); never
   * yields an empty list. With `unique()` each list holds `size` unique rows.
   * @example
   * for (const part of r.partitions(100)) insertBatch(part);
   */
  *partitions(size?: number): Generator<Out[], void, undefined> {
    for (;;) {
      const part = this.fetchmany(size);
      if (part.length === 0) return;
      yield part;
    }
  }

  /** Iterates the remaining rows one at a time (interleaves with the fetch methods). */
  *[Symbol.iterator](): Generator<Out, void, undefined> {
    const src = this._src;
    for (;;) {
      const raw = src.fetchone();
      if (raw === null) return;
      // read per row: columns() or unique() may be called while iterating
      const shape = this._shape;
      if (shape.unique === null) yield shape.out(shape.data(raw)) as Out;
      else {
        const o = shape.shapeOne(raw);
        if (o !== SKIP) yield o as Out;
      }
    }
  }

  /**
   * Returns each distinct row once, applied after `columns()`/`scalars()` whatever the call
   * order. Whole rows compare by value (Dates and Buffers by content, other objects by
   * identity); `strategy` maps a row (what this result returns) to the key compared instead.
   * Modifies this result and returns it.
   * @example
   * r.unique().all(); r.unique((row) => row.id).all();
   */
  unique(strategy?: (row: Out) => unknown): this {
    this._shape.setUnique((strategy as ((o: never) => unknown) | undefined) ?? null);
    return this;
  }

  /**
   * Sets the default size of `fetchmany()` and `partitions()`. Returns this result.
   * @throws ArgumentError unless `size` is a positive integer
   */
  yieldPer(size: number): this {
    this._src.yieldPer = checkBatchSize("yieldPer", size);
    return this;
  }

  /** Closes the result (the rows are released); further fetches throw. Idempotent. */
  close(): void {
    this._src.close();
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** @internal the next row after unique(), or null when exhausted */
  protected _fetchone(): Out | null {
    const src = this._src;
    const shape = this._shape;
    for (;;) {
      const raw = src.fetchone();
      if (raw === null) return null;
      const o = shape.shapeOne(raw);
      if (o !== SKIP) return o as Out;
    }
  }

  /**
   * @internal first(), one(), oneOrNone() and the scalar variants: reads the first row, checks
   * for a second (a different one under unique()), then hard-closes.
   */
  protected _onlyOne(raiseForSecond: boolean, raiseForNone: boolean, scalar: boolean): unknown {
    const src = this._src;
    const shape = this._shape;
    const raw = src.fetchone(true);
    if (raw === null) {
      if (raiseForNone) throw noResultFound();
      return null;
    }
    let second = false;
    let data: unknown[];
    try {
      data = shape.data(raw);
      if (raiseForSecond) {
        if (shape.unique !== null) {
          // rows equal to the first one do not count as a second row
          const seen = new SeenSet();
          shape.isNew(seen, data);
          for (let next = src.fetchone(true); next !== null; next = src.fetchone(true)) {
            if (shape.isNew(seen, shape.data(next))) {
              second = true;
              break;
            }
          }
        } else second = src.fetchone(true) !== null;
      }
    } finally {
      src.close();
    }
    if (second) throw multipleResultsFound(raiseForNone);
    return scalar ? data[0] : shape.out(data);
  }
}
