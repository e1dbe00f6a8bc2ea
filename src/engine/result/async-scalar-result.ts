/**
 * `AsyncScalarResult`: a view of an AsyncResult that returns one column's values.
 */
import { AsyncResultBase } from "./async-result-base.js";
import type { AsyncRowBuffer } from "./async-row-buffer.js";
import type { RowShaper } from "./row-shaper.js";

/**
 * One column's values (`asyncResult.scalars(index)`), consuming the same stream. No
 * `fetchone()`: use `first()` or iterate.
 * @example
 * const ids = await (await conn.stream(sa.select(users.c.id))).scalars().all();
 */
export class AsyncScalarResult<V = unknown> extends AsyncResultBase<V> {
  /** @internal created by `AsyncResult.scalars()` */
  constructor(src: AsyncRowBuffer, shape: RowShaper) {
    super(src, shape);
  }
}
