/**
 * `FrozenResult`: rows fetched and kept, callable to re-create an equivalent Result each time,
 * which makes a result cacheable (SQLAlchemy's `Result.freeze()`).
 */

import type { Result } from "./result.js";
import type { ResultMetaData } from "./result-metadata.js";

/**
 * A callable that re-creates the frozen result: `frozen()` gives a fresh Result over the same
 * rows (processed already), with the same keys.
 * @example
 * const frozen = result.freeze();
 * frozen().all(); frozen().scalars().all();
 */
export interface FrozenResult<
  R = Record<string, unknown>,
  T extends readonly unknown[] = readonly unknown[],
> {
  (): Result<R, T>;
  /** the metadata of the frozen rows (without processors: the values are processed already) */
  readonly metadata: ResultMetaData;
  /** the frozen rows' values */
  readonly data: readonly (readonly unknown[])[];
}

/**
 * @internal `make` builds the Result (passed in rather than imported, which would make a cycle
 * between this module and result.ts)
 */
export function freezeRows<R, T extends readonly unknown[]>(
  metadata: ResultMetaData,
  data: unknown[][],
  make: (metadata: ResultMetaData, rows: unknown[][]) => Result<R, T>,
): FrozenResult<R, T> {
  const meta = metadata.withoutProcessors();
  // the outer list is copied per call; rows never write to their value arrays without processors
  const frozen = () => make(meta, data.slice());
  return Object.assign(frozen, { metadata: meta, data: data as readonly (readonly unknown[])[] });
}
