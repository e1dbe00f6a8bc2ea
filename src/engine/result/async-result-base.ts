/**
 * The fetch API that AsyncResult, AsyncScalarResult and AsyncMappingResult share: the async
 * mirror of ResultBase over a streaming row source.
 */
import type { AsyncRowBuffer } from "./async-row-buffer.js";
import { multipleResultsFound, noResultFound } from "./messages.js";
import { type RowShaper, SKIP } from "./row-shaper.js";
import { SeenSet } from "./unique.js";

/** The asynchronous fetch methods over rows of type `Out`. */
export abstract class AsyncResultBase<Out> implements AsyncIterable<Out> {
  /** @internal the shared row source */
  protected readonly _src: AsyncRowBuffer;
  /** @internal this object's projection, unique filter and output kind */
  protected readonly _shape: RowShaper;

  /** @internal */
  protected constructor(src: AsyncRowBuffer, shape: RowShaper) {
    this._src = src;
    this._shape = shape;
  }

  /** True after `close()` (or `first()`, `one()`, leaving a `for await` early …). */
  get closed(): boolean {
    return this._src.closed;
  }

  /**
   * Up to `size` rows (default: the `yieldPer` size, else all that remain); with `unique()`,
   * `size` unique rows. An empty list once exhausted.
   */
  async fetchmany(size?: number): Promise<Out[]> {
    const n = size ?? this._src.yieldPer;
    if (n === null || n === undefined) return this.fetchall();
    const src = this._src;
    const shape = this._shape;
    if (shape.unique === null) return shape.shapeMany(await src.fetchmany(n)) as Out[];
    const out: Out[] = [];
    while (out.length < n) {
      const raws = await src.fetchmany(n - out.length);
      if (raws.length === 0) break;
      for (const o of shape.shapeMany(raws)) out.push(o as Out);
    }
    return out;
  }

  /** Every remaining row (after `unique()`). Same as `all()`. */
  async fetchall(): Promise<Out[]> {
    return this._shape.shapeMany(await this._src.fetchall()) as Out[];
  }

  /**
   * Every remaining row; the stream is exhausted (and its cursor closed) afterwards.
   * @example
   * const rows = await (await conn.stream(sa.select(users))).all();
   */
  async all(): Promise<Out[]> {
    return this.fetchall();
  }

  /** The first row, or null; discards the rest and closes the result. */
  async first(): Promise<Out | null> {
    return (await this._onlyOne(false, false, false)) as Out | null;
  }

  /**
   * The only row; closes the result.
   * @throws NoResultFound "No row was found when one was required"
   * @throws MultipleResultsFound "Multiple rows were found when exactly one was required"
   */
  async one(): Promise<Out> {
    return (await this._onlyOne(true, true, false)) as Out;
  }

  /**
   * The only row, or null; closes the result.
   * @throws MultipleResultsFound "Multiple rows were found when one or none was required"
   */
  async oneOrNone(): Promise<Out | null> {
    return (await this._onlyOne(true, false, false)) as Out | null;
  }

  /**
   * Rows in lists of `size` (default: the `yieldPer` size, else one list of all rows); never
   * yields an empty list. Leaving the loop early closes the result.
   * @example
   * for await (const part of result.partitions(500)) await sink.write(part);
   */
  async *partitions(size?: number): AsyncGenerator<Out[], void, undefined> {
    let finished = false;
    try {
      for (;;) {
        const part = await this.fetchmany(size);
        if (part.length === 0) {
          finished = true;
          return;
        }
        yield part;
      }
    } finally {
      if (!finished) await this.close();
    }
  }

  /**
   * Iterates the rows, awaiting only when the buffer needs a new batch. Leaving the loop early
   * (`break`, `return`, a throw) closes the result and its cursor.
   * @example
   * for await (const row of await conn.stream(sa.select(big))) if (row.id > 10) break;
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<Out, void, undefined> {
    const src = this._src;
    const shape = this._shape;
    let finished = false;
    try {
      for (;;) {
        const raw = src.shift();
        if (raw === undefined) {
          if (await src.refill()) continue;
          finished = true;
          return;
        }
        const o = shape.shapeOne(raw);
        if (o !== SKIP) yield o as Out;
      }
    } finally {
      if (!finished) await this.close();
    }
  }

  /**
   * Returns each distinct row once, applied after `columns()`/`scalars()` whatever the call
   * order; `strategy` maps a row to the key compared instead. Modifies this result, returns it.
   */
  unique(strategy?: (row: Out) => unknown): this {
    this._shape.setUnique((strategy as ((o: never) => unknown) | undefined) ?? null);
    return this;
  }

  /**
   * Fixes the fetch batch size at `size` (no growth); also the default of `fetchmany()` and
   * `partitions()`.
   * @throws ArgumentError unless `size` is a positive integer
   */
  yieldPer(size: number): this {
    this._src.setYieldPer(size);
    return this;
  }

  /** Closes the result and its cursor; further fetches throw. Idempotent. */
  async close(): Promise<void> {
    await this._src.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** @internal the next row after unique(), or null when exhausted */
  protected async _fetchone(): Promise<Out | null> {
    const src = this._src;
    const shape = this._shape;
    for (;;) {
      const raw = src.shift();
      if (raw === undefined) {
        if (await src.refill()) continue;
        return null;
      }
      const o = shape.shapeOne(raw);
      if (o !== SKIP) return o as Out;
    }
  }

  /** @internal first(), one(), oneOrNone() and the scalar variants (see ResultBase) */
  protected async _onlyOne(
    raiseForSecond: boolean,
    raiseForNone: boolean,
    scalar: boolean,
  ): Promise<unknown> {
    const src = this._src;
    const shape = this._shape;
    const raw = await src.fetchone(true);
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
          const seen = new SeenSet();
          shape.isNew(seen, data);
          for (let next = await src.fetchone(true); next !== null; next = await src.fetchone(true)) {
            if (shape.isNew(seen, shape.data(next))) {
              second = true;
              break;
            }
          }
        } else second = (await src.fetchone(true)) !== null;
      }
    } finally {
      await src.close();
    }
    if (second) throw multipleResultsFound(raiseForNone);
    return scalar ? data[0] : shape.out(data);
  }
}
