/**
 * `AsyncMappingResult`: a view of an AsyncResult that returns RowMappings.
 */
import { AsyncResultBase } from "./async-result-base.js";
import type { AsyncRowBuffer } from "./async-row-buffer.js";
import type { ColumnArg, PickColumns } from "./column-args.js";
import type { RowMapping } from "./row-mapping.js";
import type { RowShaper } from "./row-shaper.js";

/**
 * Rows as read-only mappings (`asyncResult.mappings()`), consuming the same stream.
 * @example
 * for await (const m of (await conn.stream(sa.select(users))).mappings()) console.log({ ...m });
 */
export class AsyncMappingResult<R = Record<string, unknown>> extends AsyncResultBase<RowMapping<R>> {
  /** @internal created by `AsyncResult.mappings()` */
  constructor(src: AsyncRowBuffer, shape: RowShaper) {
    super(src, shape);
  }

  /** The keys in column order. */
  keys(): string[] {
    return this._shape.meta.keys();
  }

  /** Limits and reorders the keys of each mapping; modifies this view and returns it. */
  columns<const A extends readonly ColumnArg[]>(...keys: A): AsyncMappingResult<PickColumns<R, A>> {
    this._shape.columns(keys);
    return this as unknown as AsyncMappingResult<PickColumns<R, A>>;
  }

  /** The next mapping, or null when exhausted. */
  async fetchone(): Promise<RowMapping<R> | null> {
    return this._fetchone();
  }
}
