/**
 * `ScalarResult`: a view of a Result that returns one column's values instead of rows.
 */
import { ResultBase } from "./result-base.js";
import type { RowBuffer } from "./row-buffer.js";
import type { RowShaper } from "./row-shaper.js";

/**
 * One column's values (`result.scalars(index)`), consuming the same rows as its Result.
 * There is no `fetchone()` (a null value and "no row" would look alike): use `first()` or
 * iterate. `unique()` here applies to this view only.
 * @example
 * const ids = result.scalars().all(); // number[]
 * const name = result.scalars("name").first();
 */
export class ScalarResult<V = unknown> extends ResultBase<V> {
  /** @internal created by `Result.scalars()` */
  constructor(src: RowBuffer, shape: RowShaper) {
    super(src, shape);
  }
}
