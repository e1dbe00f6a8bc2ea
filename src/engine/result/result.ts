/**
 * `Result`: the rows of one execution, fetched already, behind SQLAlchemy 2.0's Result API. All
 * methods are synchronous because `conn.execute()` buffers (streaming goes through AsyncResult).
 */
import type { ColumnArg, PickColumns, TupleOfColumns, ValueOfArg } from "./column-args.js";
import { type FrozenResult, freezeRows } from "./frozen-result.js";
import { MappingResult } from "./mapping-result.js";
import { noRowsError } from "./messages.js";
import { ResultBase } from "./result-base.js";
import type { ResultMetaData } from "./result-metadata.js";
import type { Row } from "./row.js";
import { RowBuffer } from "./row-buffer.js";
import { RowShaper } from "./row-shaper.js";
import { ScalarResult } from "./scalar-result.js";

/**
 * The rows of an execution. `R` is the row record (`{ id: number; name: string }`), `T` the
 * value tuple when the statement knows it (it types `row[0]` and `scalars()`).
 *
 * `columns()` and `unique()` modify the result and return it; `scalars()` and `mappings()`
 * return views that consume the same rows. Exhausting the rows soft-closes (further fetches
 * return nothing); `close()`, `first()`, `one()`, `scalar()` … hard-close (further fetches
 * throw ResourceClosedError "This result object is closed.").
 * @example
 * const r = new Result(ResultMetaData.fromKeys(["id", "name"]), [[1, "ed"], [2, "wendy"]]);
 * r.all().map((row) => row.name); // ["ed", "wendy"]
 */
export class Result<
  R = Record<string, unknown>,
  T extends readonly unknown[] = readonly unknown[],
> extends ResultBase<Row<R, T>> {
  /**
   * A result over rows already fetched; `rows` is adopted (processors write in place), or null
   * for a statement that returns no rows (every fetch throws).
   */
  constructor(metadata: ResultMetaData, rows: unknown[][] | null) {
    super(new RowBuffer(rows), new RowShaper(metadata, null, "row", null));
  }

  /** @internal the metadata of the rows as shaped now (after `columns()`) */
  get _metadata(): ResultMetaData {
    return this._shape.meta;
  }

  /** True unless the statement returns no rows (DML without RETURNING, DDL). */
  get returnsRows(): boolean {
    return this._src.returnsRows;
  }

  /**
   * The row keys in column order.
   * @example
   * r.keys(); // ["id", "name"]
   */
  keys(): string[] {
    this._checkRows();
    return this._shape.meta.keys();
  }

  /**
   * Limits and reorders the columns of each row: keys, positions or Column objects. Modifies
   * this result and returns it.
   * @example
   * for (const [name, id] of r.columns("name", users.c.id)) …
   */
  columns<const A extends readonly ColumnArg[]>(
    ...keys: A
  ): Result<PickColumns<R, A>, TupleOfColumns<R, T, A>> {
    this._checkRows();
    this._shape.columns(keys);
    return this as unknown as Result<PickColumns<R, A>, TupleOfColumns<R, T, A>>;
  }

  /**
   * A view returning one column's values (the first by default) instead of rows.
   * @example
   * r.scalars().all(); // [1, 2]
   * r.scalars("name").first();
   */
  scalars<const A extends ColumnArg = 0>(index?: A): ScalarResult<ValueOfArg<R, T, A>> {
    this._checkRows();
    return new ScalarResult(this._src, this._shape.derive("scalar", index ?? 0));
  }

  /**
   * This result, typed as returning tuples (SQLAlchemy's `tuples()`: rows already are tuples).
   * @example
   * for (const [id, name] of r.tuples()) …
   */
  tuples(): this {
    return this;
  }

  /**
   * A view returning RowMappings (read-only objects by key and Column) instead of rows.
   * @example
   * r.mappings().all(); // [{ id: 1, name: "ed" }, …]
   */
  mappings(): MappingResult<R> {
    this._checkRows();
    return new MappingResult(this._src, this._shape.derive("mapping"));
  }

  /** The next row, or null when exhausted. */
  fetchone(): Row<R, T> | null {
    return this._fetchone();
  }

  /**
   * The first column of the first row, or null; closes the result.
   * @example
   * (await conn.execute(sa.select(sa.func.count()).selectFrom(users))).scalar();
   */
  scalar(): T[0] | null {
    return this._onlyOne(false, false, true) as T[0] | null;
  }

  /**
   * The first column of the only row; closes the result.
   * @throws NoResultFound, MultipleResultsFound as `one()`
   */
  scalarOne(): T[0] {
    return this._onlyOne(true, true, true) as T[0];
  }

  /**
   * The first column of the only row, or null; closes the result.
   * @throws MultipleResultsFound as `oneOrNone()`
   */
  scalarOneOrNone(): T[0] | null {
    return this._onlyOne(true, false, true) as T[0] | null;
  }

  /**
   * Fetches the remaining rows into a FrozenResult, which re-creates an equivalent Result each
   * time it is called (for caching results).
   * @example
   * const frozen = r.freeze(); frozen().all(); frozen().scalars().all();
   */
  freeze(): FrozenResult<R, T> {
    const meta = this._shape.meta;
    const rows = this.fetchall() as unknown as { _data: unknown[] }[];
    return freezeRows<R, T>(
      meta,
      rows.map((row) => row._data),
      (md, data) => new Result<R, T>(md, data),
    );
  }

  private _checkRows(): void {
    if (!this._src.returnsRows) throw noRowsError();
  }
}
