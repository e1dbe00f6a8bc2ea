/**
 * The result layer's error messages, SQLAlchemy's wording verbatim: the acceptance checks compare
 * them exactly, so they live in one place.
 */
import {
  ArgumentError,
  InvalidRequestError,
  MultipleResultsFound,
  NoResultFound,
  NoSuchColumnError,
  ResourceClosedError,
} from "../../exc.js";

export const CLOSED = "This result object is closed.";
export const NO_ROWS = "This result object does not return rows. It has been closed automatically.";

/** @internal */
export function closedError(): ResourceClosedError {
  return new ResourceClosedError(CLOSED);
}

/** @internal */
export function noRowsError(): ResourceClosedError {
  return new ResourceClosedError(NO_ROWS);
}

/** @internal */
export function noResultFound(): NoResultFound {
  return new NoResultFound("No row was found when one was required");
}

/** @internal `exactlyOne`: raised by `one()`, else by `oneOrNone()` */
export function multipleResultsFound(exactlyOne: boolean): MultipleResultsFound {
  return new MultipleResultsFound(
    exactlyOne
      ? "Multiple rows were found when exactly one was required"
      : "Multiple rows were found when one or none was required",
  );
}

/** @internal */
export function ambiguousColumn(key: unknown): InvalidRequestError {
  return new InvalidRequestError(
    `Ambiguous column name '${describeKey(key)}' in result set column descriptions`,
  );
}

/** @internal SQLAlchemy raises NoSuchColumnError (an InvalidRequestError) with this text */
export function noSuchColumn(key: unknown): NoSuchColumnError {
  return new NoSuchColumnError(`Could not locate column in row for column '${describeKey(key)}'`);
}

/** @internal checks a batch size (yieldPer, maxRowBuffer): a positive integer */
export function checkBatchSize(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new ArgumentError(`${name} must be a positive integer, got ${n}`);
  return n;
}

/** A row key as SQLAlchemy prints it: a string as is, a column as `table.name`. */
function describeKey(key: unknown): string {
  if (typeof key === "string" || typeof key === "number") return String(key);
  if (key !== null && typeof key === "object") {
    const k = key as { name?: unknown; table?: { name?: unknown } | null };
    if (typeof k.name === "string") {
      return typeof k.table?.name === "string" ? `${k.table.name}.${k.name}` : k.name;
    }
  }
  return String(key);
}
