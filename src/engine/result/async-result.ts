/**
 * `AsyncResult`: the rows of a streaming execution (`conn.stream()`), fetched from a
 * server-side cursor in growing batches while they are consumed.
 */
import { AsyncMappingResult } from "./async-mapping-result.js";
import { AsyncResultBase } from "./async-result-base.js";
import { AsyncRowBuffer, type AsyncRowBufferOptions, type AsyncRowSource } from "./async-row-buffer.js";
import { AsyncScalarResult } from "./async-scalar-result.js";
import type { ColumnArg, PickColumns, TupleOfColumns, ValueOfArg } from "./column-args.js";
import { type FrozenResult, freezeRows } from "./frozen-result.js";
import { Result } from "./result.js";
import type { ResultMetaData } from "./result-metadata.js";
import type { Row } from "./row.js";
import { RowShaper } from "./row-shaper.js";

/** Options of an AsyncResult: the buffer's sizes and any rows fetched already. */
export type AsyncResultOptions = AsyncRowBufferOptions;

/**
 * Rows streamed from a cursor: `for await`, or the Result API with awaits. Memory stays bounded
 * by the batch size (1, 5, 25 … up to `maxRowBuffer`, default 1000; `yieldPer` fixes it).
 * Leaving a `for await` early closes the cursor; so does `close()`, `first()`, `one()` …
 * @example
 * const ar = await conn.stream(sa.select(users));
 * for await (const row of ar) console.log(row.name);
 * for await (const part of (await conn.stream(q)).partitions(500)) write(part);
 */
export class AsyncResult<
  R = Record<string, unknown>,
  T extends readonly unknown[] = readonly unknown[],
> extends AsyncResultBase<Row<R, T>> {
  /**
   * A result over a streaming cursor; `source.close()` is called exactly once, when the rows
   * run out or the result is closed.
   * @example
   * new AsyncResult(ResultMetaData.fromDescription(cursor.description!), {
   *   fetchmany: async (n) => cursor.fetchmany(n), close: async () => cursor.close(),
   * }, { yieldPer: 100 });
   */
  constructor(metadata: ResultMetaData, source: AsyncRowSource, options: AsyncResultOptions = {}) {
    super(new AsyncRowBuffer(source, options), new RowShaper(metadata, null, "row", null));
  }

  /** The row keys in column order. */
  keys(): string[] {
    return this._shape.meta.keys();
  }

  /**
   * Limits and reorders the columns of each row: keys, positions or Column objects. Modifies
   * this result and returns it.
   */
  columns<const A extends readonly ColumnArg[]>(
    ...keys: A
  ): AsyncResult<PickColumns<R, A>, TupleOfColumns<R, T, A>> {
    this._shape.columns(keys);
    return this as unknown as AsyncResult<PickColumns<R, A>, TupleOfColumns<R, T, A>>;
  }

  /**
   * A view returning one column's values (the first by default) instead of rows.
   * @example
   * for await (const id of (await conn.stream(sa.select(users.c.id))).scalars()) …
   */
  scalars<const A extends ColumnArg = 0>(index?: A): AsyncScalarResult<ValueOfArg<R, T, A>> {
    return new AsyncScalarResult(this._src, this._shape.derive("scalar", index ?? 0));
  }

  /**
   * This result, typed as returning tuples (SQLAlchemy's `tuples()`: rows already are tuples).
   * @example
   * for await (const [id, name] of ar.tuples()) …
   */
  tuples(): this {
    return this;
  }

  /** A view returning RowMappings instead of rows. */
  mappings(): AsyncMappingResult<R> {
    return new AsyncMappingResult(this._src, this._shape.derive("mapping"));
  }

  /** The next row, or null when exhausted. */
  async fetchone(): Promise<Row<R, T> | null> {
    return this._fetchone();
  }

  /** The first column of the first row, or null; closes the result. */
  async scalar(): Promise<T[0] | null> {
    return (await this._onlyOne(false, false, true)) as T[0] | null;
  }

  /** The first column of the only row; closes the result. Throws as `one()`. */
  async scalarOne(): Promise<T[0]> {
    return (await this._onlyOne(true, true, true)) as T[0];
  }

  /** The first column of the only row, or null; closes the result. Throws as `oneOrNone()`. */
  async scalarOneOrNone(): Promise<T[0] | null> {
    return (await this._onlyOne(true, false, true)) as T[0] | null;
  }

  /** Fetches the remaining rows into a FrozenResult (a callable re-creating a sync Result). */
  async freeze(): Promise<FrozenResult<R, T>> {
    const meta = this._shape.meta;
    const rows = (await this.fetchall()) as unknown as { _data: unknown[] }[];
    return freezeRows<R, T>(
      meta,
      rows.map((row) => row._data),
      (md, data) => new Result<R, T>(md, data),
    );
  }
}
