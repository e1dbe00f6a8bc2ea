/**
 * The error hierarchy, SQLAlchemy's names. Every error alkahest raises is an `AlkahestError`;
 * driver errors are wrapped in a `DBAPIError` subclass that keeps the statement, the parameters
 * and the original error.
 */

/** Base of every error alkahest raises. `code` links to SQLAlchemy's error catalogue. */
export class AlkahestError extends Error {
  readonly code: string | undefined;
  constructor(message: string, opts: { code?: string; cause?: unknown } = {}) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.code = opts.code;
    this.name = new.target.name;
  }
}

/** A function was called with bad arguments: an unknown option, a wrong type. */
export class ArgumentError extends AlkahestError {}
/** The construct cannot be compiled: an unknown column in VALUES, a value with no literal form. */
export class CompileError extends AlkahestError {}

/** A value outside an Enum's values (the LookupError SQLAlchemy's Enum raises). */
export class LookupError extends AlkahestError {}
/** An operation that the current state does not allow. */
export class InvalidRequestError extends AlkahestError {}
/** Options of a StatementError. */
export interface StatementErrorOptions {
  code?: string;
  cause?: unknown;
  /**
   * true: the parameters line reads "[SQL parameters hidden due to hide_parameters=True]" and
   * `params` is null; false: the parameters are shown; left out: no parameters line (the caller
   * does not know whether the engine hides them)
   */
  hideParameters?: boolean;
  /** the parameters are several sets (executemany): at most 10 are shown */
  isMany?: boolean;
}

/**
 * A statement failed: before reaching the driver (a bind processor threw, a default failed) or,
 * as the DBAPIError subclasses, in the driver. Like SQLAlchemy's, the message carries the SQL:
 * `message\n[SQL: …]\n[parameters: …]`, and the Background link when the error has a code.
 */
export class StatementError extends InvalidRequestError {
  /** the SQL that failed, or null */
  readonly statement: string | null;
  /** the parameters it ran with (null when hidden by `hideParameters`) */
  readonly params: unknown;
  /** the parameters were left out of the message and of `params` */
  readonly hideParameters: boolean;

  constructor(
    message: string,
    statement: string | null = null,
    params: unknown = null,
    opts: StatementErrorOptions = {},
  ) {
    super(statementMessage(message, statement, params, opts), { code: opts.code, cause: opts.cause });
    this.statement = statement;
    this.hideParameters = opts.hideParameters ?? false;
    this.params = this.hideParameters ? null : params;
  }
}
/** `one()` found no row. */
export class NoResultFound extends InvalidRequestError {}
/** `one()` or `oneOrNone()` found more than one row. */
export class MultipleResultsFound extends InvalidRequestError {}
/** The result, connection or cursor was already closed. */
export class ResourceClosedError extends InvalidRequestError {}
/**
 * A result row has no column for the key asked of it (SQLAlchemy's NoSuchColumnError).
 * @example
 * try { r.columns("nope"); } catch (e) { e instanceof sa.exc.NoSuchColumnError; }
 */
export class NoSuchColumnError extends InvalidRequestError {}
/** The connection's transaction was lost (disconnect, failed commit) and must be rolled back. */
export class PendingRollbackError extends InvalidRequestError {}
/** A table looked up by reflection does not exist. */
export class NoSuchTableError extends InvalidRequestError {}
/** Tables or constraints depend on each other in a cycle that cannot be ordered. */
export class CircularDependencyError extends AlkahestError {}
/** A pool could not hand out a connection in time. */
export class TimeoutError extends AlkahestError {}
/** A connection was found dead at checkout (raised by `checkout` listeners to force a reconnect). */
export class DisconnectionError extends AlkahestError {}

const ERROR_CODES: Record<string, string> = {
  DBAPIError: "dbapi",
  InterfaceError: "rvf5",
  DatabaseError: "4xp6",
  DataError: "9h9h",
  OperationalError: "e3q8",
  IntegrityError: "gkpj",
  InternalError: "2j85",
  ProgrammingError: "f405",
  NotSupportedError: "tw8g",
};

const MAX_PARAM_SETS = 10;

function isEmptyParams(params: unknown): boolean {
  if (params === null || params === undefined) return true;
  if (Array.isArray(params)) return params.length === 0;
  return typeof params === "object" && !Buffer.isBuffer(params) && Object.keys(params).length === 0;
}

/** SQLAlchemy's `StatementError._sql_message`: the message, the SQL, the parameters, the link. */
function statementMessage(
  message: string,
  statement: string | null,
  params: unknown,
  opts: StatementErrorOptions,
): string {
  const lines = [message];
  if (statement !== null && statement !== "") {
    lines.push(`[SQL: ${statement}]`);
    // as SQLAlchemy: no parameters line when there are none
    if (opts.hideParameters !== undefined && !isEmptyParams(params)) {
      lines.push(
        opts.hideParameters
          ? "[SQL parameters hidden due to hide_parameters=True]"
          : `[parameters: ${formatParams(params, opts.isMany ?? false)}]`,
      );
    }
  }
  if (opts.code !== undefined)
    lines.push(`(Background on this error at: https://sqlalche.me/e/20/${opts.code})`);
  return lines.join("\n");
}

/**
 * The driver error's class name for the message's first line: its `name` when that is a class
 * name (`SqliteError`, `RangeError`), else its constructor's (pg's errors are named "error").
 */
function driverErrorClassName(orig: unknown): string {
  const name = (orig as { name?: unknown } | null)?.name;
  if (typeof name === "string" && /^[A-Z][A-Za-z0-9_$]*$/.test(name) && name !== "Error") return name;
  const ctor = (orig as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  if (typeof ctor === "string" && ctor !== "" && ctor !== "Object") return ctor;
  return typeof name === "string" && name !== "" ? name : "Error";
}

/** The error code of a DBAPIError class: its own, or the nearest ancestor's. */
function dbapiErrorCode(cls: abstract new (...args: never[]) => unknown): string {
  for (let c: unknown = cls; typeof c === "function" && c !== Error; c = Object.getPrototypeOf(c)) {
    const code = ERROR_CODES[(c as { name: string }).name];
    if (code !== undefined) return code;
  }
  return "dbapi";
}

function formatParams(params: unknown, isMany: boolean): string {
  const show = (v: unknown): string => {
    if (v === null || v === undefined) return "None";
    if (typeof v === "string") return `'${v}'`;
    if (typeof v === "bigint") return `${v}`;
    if (Buffer.isBuffer(v)) return `<${v.length} bytes>`;
    if (v instanceof Date) return `'${v.toISOString()}'`;
    if (Array.isArray(v)) return `(${v.map(show).join(", ")}${v.length === 1 ? "," : ""})`;
    if (typeof v === "object") {
      return `{${Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `'${k}': ${show(x)}`)
        .join(", ")}}`;
    }
    return String(v);
  };
  if (isMany && Array.isArray(params)) {
    const shown = params.slice(0, MAX_PARAM_SETS).map(show);
    const more = params.length - shown.length;
    return `[${shown.join(", ")}${more > 0 ? ` ... displaying ${MAX_PARAM_SETS} of ${params.length} total bound parameter sets ...` : ""}]`;
  }
  return show(params);
}

/** Options of a DBAPIError. */
export interface DBAPIErrorOptions {
  statement: string | null;
  params: unknown;
  orig: unknown;
  hideParameters?: boolean;
  connectionInvalidated?: boolean;
  sqlstate?: string;
  /** the parameters are several sets (executemany) */
  isMany?: boolean;
  /** the driver's name, shown first in the message: `(better_sqlite3.SqliteError)` */
  driverName?: string;
}

/**
 * A driver error, wrapped: keeps the SQL (`statement`), the parameters (`params`, unless hidden),
 * the original error (`orig`), the SQLSTATE where known, and whether the connection was
 * invalidated. The message follows SQLAlchemy's format:
 * `(driver.Error) message\n[SQL: …]\n[parameters: …]\n(Background on this error at: …)`.
 * @example
 * try { await conn.execute(ins, { id: 1 }); }
 * catch (e) { if (e instanceof sa.exc.IntegrityError) console.log(e.statement, e.params, e.orig); }
 */
export class DBAPIError extends StatementError {
  /** the driver's error */
  readonly orig: unknown;
  /** the connection was invalidated (a disconnect): the next statement reconnects */
  readonly connectionInvalidated: boolean;
  /** the SQLSTATE the database reported (PostgreSQL, MySQL) */
  readonly sqlstate: string | undefined;

  constructor(opts: DBAPIErrorOptions) {
    const orig = opts.orig as { message?: unknown } | null | undefined;
    const origMessage =
      orig !== null && typeof orig === "object" && typeof orig.message === "string"
        ? orig.message
        : String(opts.orig);
    const origName = `${opts.driverName ? `${opts.driverName}.` : ""}${driverErrorClassName(opts.orig)}`;
    super(`(${origName}) ${origMessage}`, opts.statement, opts.params, {
      code: dbapiErrorCode(new.target),
      cause: opts.orig,
      hideParameters: opts.hideParameters ?? false,
      isMany: opts.isMany ?? false,
    });
    this.orig = opts.orig;
    this.connectionInvalidated = opts.connectionInvalidated ?? false;
    this.sqlstate = opts.sqlstate;
  }
}

/** The driver's interface layer failed (a closed connection object, a protocol error). */
export class InterfaceError extends DBAPIError {}
/** An error reported by the database. */
export class DatabaseError extends DBAPIError {}
/** Bad data: a value out of range, a wrong type, division by zero. */
export class DataError extends DatabaseError {}
/** The database's operation failed: disconnects, lock timeouts, deadlocks, cancellations. */
export class OperationalError extends DatabaseError {}
/** A constraint failed. */
export class IntegrityError extends DatabaseError {}
/** The database is in an inconsistent internal state. */
export class InternalError extends DatabaseError {}
/** Bad SQL: a syntax error, a missing table, a wrong number of parameters. */
export class ProgrammingError extends DatabaseError {}
/** The database does not support the operation. */
export class NotSupportedError extends DatabaseError {}
/** A UNIQUE or PRIMARY KEY constraint failed. */
export class UniqueViolation extends IntegrityError {}
/** A FOREIGN KEY constraint failed. */
export class ForeignKeyViolation extends IntegrityError {}
/** A NOT NULL constraint failed. */
export class NotNullViolation extends IntegrityError {}
/** A CHECK constraint failed. */
export class CheckViolation extends IntegrityError {}
/** The transaction was chosen as a deadlock victim. */
export class Deadlock extends OperationalError {}
/** A serializable transaction could not be completed (retry it). */
export class SerializationFailure extends OperationalError {}
/** A lock wait timed out. */
export class LockTimeout extends OperationalError {}
/** The statement was cancelled (statement timeout, user cancel). */
export class QueryCanceled extends OperationalError {}

/** The DBAPIError classes by name, for wrapping classified driver errors. */
export const DBAPI_ERROR_CLASSES = {
  DBAPIError,
  InterfaceError,
  DatabaseError,
  DataError,
  OperationalError,
  IntegrityError,
  InternalError,
  ProgrammingError,
  NotSupportedError,
  UniqueViolation,
  ForeignKeyViolation,
  NotNullViolation,
  CheckViolation,
  Deadlock,
  SerializationFailure,
  LockTimeout,
  QueryCanceled,
} as const;

/**
 * Refuses option names that are not `known` (misspellings types alone miss in JS callers, and
 * SQLAlchemy's snake_case names: `pool_size`, `primary_key`), naming the camelCase one meant.
 * `extra` admits further names by pattern (dialect options such as `sqliteAutoincrement`).
 * @example
 * checkOptionNames("Column 'id'", { primary_key: true }, ["primaryKey"]);
 * // ArgumentError: Column 'id': unknown option 'primary_key' (did you mean 'primaryKey'?); expected one of primaryKey
 */
export function checkOptionNames(
  what: string,
  opts: object,
  known: readonly string[],
  extra?: { pattern: RegExp; described: string },
): void {
  for (const k of Object.keys(opts)) {
    if (known.includes(k) || extra?.pattern.test(k)) continue;
    const camel = k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const hint = camel !== k && known.includes(camel) ? ` (did you mean '${camel}'?)` : "";
    const more = extra ? `, or ${extra.described}` : "";
    throw new ArgumentError(
      `${what}: unknown option '${k}'${hint}; expected one of ${known.join(", ")}${more}`,
    );
  }
}
