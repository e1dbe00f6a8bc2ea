/**
 * `CursorResult`: the Result of `conn.execute()`, adding what the execution knew: rowcount,
 * lastrowid, the inserted primary key, returned defaults, the parameters used, and which columns
 * had defaults computed here (prefetch) or by the database (postfetch).
 */
import { InvalidRequestError } from "../../exc.js";
import type { ColumnElement } from "../../sql/elements/column-element.js";
import { Result } from "./result.js";
import { ResultMetaData } from "./result-metadata.js";
import type { Row } from "./row.js";

/**
 * What the ExecutionContext hands to a CursorResult. Only `metadata` is required; everything
 * else defaults to "unknown / not applicable".
 */
export interface CursorResultOptions {
  /** the result columns; null when the statement returns no rows (DML without RETURNING, DDL) */
  metadata: ResultMetaData | null;
  /** every row the cursor returned, adopted (processors write in place); ignored without metadata */
  rows?: unknown[][];
  /** `cursor.rowcount` memoised before the cursor closed; default -1 (unknown) */
  rowcount?: number;
  /** `cursor.lastrowid`; default null */
  lastrowid?: number | bigint | null;
  /** compiled from an expression construct (false for `execDriverSql` and plain text); default false */
  isCompiled?: boolean;
  /** the statement is an INSERT; default false */
  isInsert?: boolean;
  /** the statement is an UPDATE; default false */
  isUpdate?: boolean;
  /** executed with a list of parameter sets; default false */
  executemany?: boolean;
  /** the statement has an explicit `returning()`, so `insertedPrimaryKey` is refused; default false */
  explicitReturning?: boolean;
  /**
   * Per inserted row, the primary key values in the table's primary key order (null where the
   * database generated a value that was not fetched); null or absent when not known. A function
   * is called on first access: after an executemany of many rows, most callers never ask.
   */
  insertedPrimaryKeyRows?:
    | readonly (readonly unknown[])[]
    | (() => readonly (readonly unknown[])[] | null)
    | null;
  /** the table's primary key columns: the keys (and `_mapping` Column keys) of those rows */
  primaryKeyColumns?: readonly ColumnElement[];
  /** per row, the values fetched by `returnDefaults()`; null or absent when not used */
  returnedDefaultsRows?: readonly (readonly unknown[])[] | null;
  /** the columns of `returnedDefaultsRows`, in order */
  returnedDefaultsColumns?: readonly ColumnElement[];
  /** columns whose JS-side default or onupdate was computed for this execution */
  prefetchCols?: readonly ColumnElement[];
  /** columns the database generated (server defaults, SQL expressions) and that were not fetched */
  postfetchCols?: readonly ColumnElement[];
  /** default: `postfetchCols` is not empty */
  lastrowHasDefaults?: boolean;
  /** the compiled bind values of each parameter set, by bind name */
  compiledParameters?: readonly Record<string, unknown>[];
  /** the `yieldPer` execution option: the default size of `fetchmany()` and `partitions()` */
  yieldPer?: number | null;
}

/**
 * The result of `conn.execute()`: the rows (already fetched, so the Result methods are
 * synchronous) plus the execution's facts. For a statement that returns no rows, fetching throws
 * ResourceClosedError "This result object does not return rows. It has been closed
 * automatically."
 * @example
 * const r = await conn.execute(users.insert(), { name: "ed" });
 * r.insertedPrimaryKey?.[0]; r.rowcount; r.prefetchCols();
 */
export class CursorResult<
  R = Record<string, unknown>,
  T extends readonly unknown[] = readonly unknown[],
  PK extends readonly unknown[] = readonly unknown[],
> extends Result<R, T> {
  private readonly _opts: CursorResultOptions;
  private _pkRows: Row[] | undefined;
  private _defaultsRows: Row[] | null | undefined;

  /**
   * Built by the engine's ExecutionContext from the executed cursor.
   * @example
   * new CursorResult({ metadata: ResultMetaData.fromDescription(cursor.description), rows, rowcount: cursor.rowcount });
   * new CursorResult({ metadata: null, rowcount: 1, isCompiled: true, isUpdate: true });
   */
  constructor(opts: CursorResultOptions) {
    super(opts.metadata ?? ResultMetaData.fromKeys([]), opts.metadata === null ? null : (opts.rows ?? []));
    this._opts = opts;
    this._src.arraysize = 1;
    if (opts.yieldPer !== undefined && opts.yieldPer !== null) this.yieldPer(opts.yieldPer);
  }

  /**
   * Rows matched by an UPDATE or DELETE run with one parameter set (even on MySQL); -1 when the
   * driver does not know. For other statements it is driver-defined.
   */
  get rowcount(): number {
    return this._opts.rowcount ?? -1;
  }

  /** The driver's last inserted row id (SQLite rowid, MySQL AUTO_INCREMENT), or null. */
  get lastrowid(): number | bigint | null {
    return this._opts.lastrowid ?? null;
  }

  /** True when the statement was an INSERT. */
  get isInsert(): boolean {
    return this._opts.isInsert ?? false;
  }

  /**
   * The primary key of the row just inserted, as a Row in primary key order (`[id]`), or null
   * when unknown (e.g. a multi-VALUES INSERT).
   * @throws InvalidRequestError after an executemany (use `insertedPrimaryKeyRows`), or when the
   * statement is not a compiled INSERT without `returning()`
   * @example
   * (await conn.execute(users.insert(), { name: "ed" })).insertedPrimaryKey; // Row(1)
   * (await conn.execute(users.insert().values({ name: "ed" }))).insertedPrimaryKey?.[0]; // number
   */
  get insertedPrimaryKey(): Row<Record<string, unknown>, PK> | null {
    if (this._opts.executemany) {
      throw new InvalidRequestError(
        "This statement was an executemany call; if primary key returning is supported, please use .insertedPrimaryKeyRows.",
      );
    }
    return this.insertedPrimaryKeyRows[0] ?? null;
  }

  /**
   * The primary key of each inserted row, where the dialect knows it.
   * @throws InvalidRequestError when the statement is not a compiled INSERT without `returning()`
   */
  get insertedPrimaryKeyRows(): Row<Record<string, unknown>, PK>[] {
    this._check(this.isInsert, "an insert()");
    if (this._opts.explicitReturning) {
      throw new InvalidRequestError("Can't call insertedPrimaryKey when returning() is used.");
    }
    if (this._pkRows === undefined) {
      const given = this._opts.insertedPrimaryKeyRows;
      const values = typeof given === "function" ? given() : given;
      this._pkRows = toRows(values, this._opts.primaryKeyColumns) ?? [];
    }
    // the rows are the primary key columns' values, which PK types (see PrimaryKeyOfStatement)
    return this._pkRows as unknown as Row<Record<string, unknown>, PK>[];
  }

  /**
   * The values fetched by `returnDefaults()` for the row, or null when not used.
   * @throws InvalidRequestError after an executemany (use `returnedDefaultsRows`)
   */
  get returnedDefaults(): Row | null {
    if (this._opts.executemany) {
      throw new InvalidRequestError(
        "This statement was an executemany call; if return defaults is supported, please use .returnedDefaultsRows.",
      );
    }
    return this.returnedDefaultsRows?.[0] ?? null;
  }

  /** The values fetched by `returnDefaults()`, one Row per row, or null when not used. */
  get returnedDefaultsRows(): Row[] | null {
    if (this._defaultsRows === undefined) {
      this._defaultsRows = toRows(this._opts.returnedDefaultsRows, this._opts.returnedDefaultsColumns);
    }
    return this._defaultsRows;
  }

  /**
   * The compiled parameters of the INSERT: one object, or a list after an executemany.
   * @throws InvalidRequestError when the statement is not a compiled INSERT
   */
  lastInsertedParams(): Record<string, unknown> | Record<string, unknown>[] {
    this._check(this.isInsert, "an insert()");
    return this._params();
  }

  /**
   * The compiled parameters of the UPDATE: one object, or a list after an executemany.
   * @throws InvalidRequestError when the statement is not a compiled UPDATE
   */
  lastUpdatedParams(): Record<string, unknown> | Record<string, unknown>[] {
    this._check(this._opts.isUpdate ?? false, "an update()");
    return this._params();
  }

  /**
   * Columns whose JS-side default or onupdate was computed for this execution.
   * @throws InvalidRequestError when the statement is not a compiled INSERT or UPDATE
   */
  prefetchCols(): ColumnElement[] {
    this._check(this.isInsert || (this._opts.isUpdate ?? false), "an insert() or update()");
    return [...(this._opts.prefetchCols ?? [])];
  }

  /**
   * Columns the database generated and that were not fetched back (server defaults, SQL
   * expressions).
   * @throws InvalidRequestError when the statement is not a compiled INSERT or UPDATE
   */
  postfetchCols(): ColumnElement[] {
    this._check(this.isInsert || (this._opts.isUpdate ?? false), "an insert() or update()");
    return [...(this._opts.postfetchCols ?? [])];
  }

  /** True when the row got values from the database that were not fetched (see `postfetchCols()`). */
  lastrowHasDefaults(): boolean {
    return this._opts.lastrowHasDefaults ?? (this._opts.postfetchCols?.length ?? 0) > 0;
  }

  private _params(): Record<string, unknown> | Record<string, unknown>[] {
    const params = this._opts.compiledParameters ?? [];
    return this._opts.executemany ? [...params] : (params[0] ?? {});
  }

  /** SQLAlchemy's guards of the DML accessors, with its messages. */
  private _check(kindMatches: boolean, kind: string): void {
    if (!this._opts.isCompiled)
      throw new InvalidRequestError("Statement is not a compiled expression construct.");
    if (!kindMatches) throw new InvalidRequestError(`Statement is not ${kind} expression construct.`);
  }
}

/** Rows of values keyed by the columns' keys (and the Column objects, for `_mapping`). */
function toRows(
  values: readonly (readonly unknown[])[] | null | undefined,
  columns: readonly ColumnElement[] | undefined,
): Row[] | null {
  if (values === null || values === undefined) return null;
  const cols = columns ?? [];
  const width = Math.max(cols.length, values[0]?.length ?? 0);
  const keys: string[] = [];
  const objects: unknown[][] = [];
  for (let i = 0; i < width; i++) {
    const c = cols[i];
    const name = (c as { name?: unknown } | undefined)?.name;
    keys.push(c?._keyName ?? (typeof name === "string" ? name : String(i)));
    objects.push(c ? (typeof name === "string" ? [c, name] : [c]) : []);
  }
  const meta = ResultMetaData.fromKeys(keys, { objects });
  return values.map((v) => meta.makeRow([...v]) as Row);
}
