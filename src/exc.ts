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
/** An operation that the current state does not allow. */
export class InvalidRequestError extends AlkahestError {}
/** A statement failed before reaching the driver (a missing bind value, a failed default). */
export class StatementError extends InvalidRequestError {
  constructor(
    message: string,
    readonly statement: string | null = null,
    readonly params: unknown = null,
    opts: { code?: string; cause?: unknown } = {},
  ) {
    super(message, opts);
  }
}
/** `one()` found no row. */
export class NoResultFound extends InvalidRequestError {}
/** `one()` or `oneOrNone()` found more than one row. */
export class MultipleResultsFound extends InvalidRequestError {}
/** The result, connection or cursor was already closed. */
export class ResourceClosedError extends InvalidRequestError {}
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
  readonly orig: unknown;
  readonly connectionInvalidated: boolean;
  readonly sqlstate: string | undefined;
  readonly hideParameters: boolean;

  constructor(opts: DBAPIErrorOptions) {
    const orig = opts.orig as { message?: string; name?: string; code?: string } | undefined;
    const kind = new.target.name;
    const origName = `${opts.driverName ? `${opts.driverName}.` : ""}${orig?.name ?? "Error"}`;
    const lines = [`(${origName}) ${orig?.message ?? String(opts.orig)}`];
    if (opts.statement !== null) lines.push(`[SQL: ${opts.statement}]`);
    if (opts.statement !== null) {
      lines.push(
        opts.hideParameters
          ? "[SQL parameters hidden due to hide_parameters=True]"
          : `[parameters: ${formatParams(opts.params, opts.isMany ?? false)}]`,
      );
    }
    const code =
      ERROR_CODES[kind] ??
      ERROR_CODES[Object.getPrototypeOf(new.target.prototype).constructor.name] ??
      "dbapi";
    lines.push(`(Background on this error at: https://sqlalche.me/e/20/${code})`);
    super(lines.join("\n"), opts.statement, opts.hideParameters ? null : opts.params, {
      code,
      cause: opts.orig,
    });
    this.orig = opts.orig;
    this.connectionInvalidated = opts.connectionInvalidated ?? false;
    this.sqlstate = opts.sqlstate;
    this.hideParameters = opts.hideParameters ?? false;
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
