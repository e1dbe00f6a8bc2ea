/**
 * `MappingResult`: a view of a Result that returns RowMappings instead of rows.
 */
import type { ColumnArg, PickColumns } from "./column-args.js";
import { ResultBase } from "./result-base.js";
import type { RowBuffer } from "./row-buffer.js";
import type { RowMapping } from "./row-mapping.js";
import type { RowShaper } from "./row-shaper.js";

/**
 * Rows as read-only mappings (`result.mappings()`), consuming the same rows as the Result;
 * `columns()` and `unique()` here apply to this view only.
 * @example
 * for (const m of result.mappings()) console.log(m.name, m.get(users.c.id));
 * result.mappings().all(); // [{ id: 1, name: "ed" }]
 */
export class MappingResult<R = Record<string, unknown>> extends ResultBase<RowMapping<R>> {
  /** @internal created by `Result.mappings()` */
  constructor(src: RowBuffer, shape: RowShaper) {
    super(src, shape);
  }

  /** The keys in column order. */
  keys(): string[] {
    return this._shape.meta.keys();
  }

  /** Limits and reorders the keys of each mapping; modifies this view and returns it. */
  columns<const A extends readonly ColumnArg[]>(...keys: A): MappingResult<PickColumns<R, A>> {
    this._shape.columns(keys);
    return this as unknown as MappingResult<PickColumns<R, A>>;
  }

  /** The next mapping, or null when exhausted. */
  fetchone(): RowMapping<R> | null {
    return this._fetchone();
  }
}
