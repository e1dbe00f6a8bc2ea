/**
 * Classification of `mysql2` errors into the DBAPIError hierarchy: server errors by errno, as
 * mysqlclient (SQLAlchemy's default MySQL driver) maps them, with the finer subclasses on top;
 * client-side failures by mysql2's codes and messages. Imports no driver, so a dialect may use it
 * before loading one.
 */
import type { ClassifiedError } from "../dbapi.js";

type Classification = Omit<ClassifiedError, "isDisconnect" | "sqlstate">;

const integrity = (subclass?: ClassifiedError["subclass"]): Classification =>
  subclass ? { dbapiClass: "IntegrityError", subclass } : { dbapiClass: "IntegrityError" };
const operational = (subclass?: ClassifiedError["subclass"]): Classification =>
  subclass ? { dbapiClass: "OperationalError", subclass } : { dbapiClass: "OperationalError" };
const PROGRAMMING: Classification = { dbapiClass: "ProgrammingError" };
const DATA: Classification = { dbapiClass: "DataError" };
const NOT_SUPPORTED: Classification = { dbapiClass: "NotSupportedError" };

/** Server errnos (ER_* names in comments). */
const BY_ERRNO = new Map<number, Classification>([
  [1062, integrity("UniqueViolation")], // DUP_ENTRY
  [1586, integrity("UniqueViolation")], // DUP_ENTRY_WITH_KEY_NAME
  [1451, integrity("ForeignKeyViolation")], // ROW_IS_REFERENCED_2
  [1452, integrity("ForeignKeyViolation")], // NO_REFERENCED_ROW_2
  [1216, integrity("ForeignKeyViolation")], // NO_REFERENCED_ROW
  [1217, integrity("ForeignKeyViolation")], // ROW_IS_REFERENCED
  [1048, integrity("NotNullViolation")], // BAD_NULL_ERROR
  [3819, integrity("CheckViolation")], // CHECK_CONSTRAINT_VIOLATED (MySQL)
  [4025, integrity("CheckViolation")], // CONSTRAINT_FAILED (MariaDB)
  [1213, operational("Deadlock")], // LOCK_DEADLOCK
  [1205, operational("LockTimeout")], // LOCK_WAIT_TIMEOUT
  [3572, operational("LockTimeout")], // LOCK_NOWAIT (MySQL 8 NOWAIT)
  [1317, operational("QueryCanceled")], // QUERY_INTERRUPTED (KILL QUERY)
  [3024, operational("QueryCanceled")], // QUERY_TIMEOUT (MySQL max_execution_time)
  [1969, operational("QueryCanceled")], // STATEMENT_TIMEOUT (MariaDB max_statement_time)
  [1064, PROGRAMMING], // PARSE_ERROR
  [1149, PROGRAMMING], // SYNTAX_ERROR
  [1146, PROGRAMMING], // NO_SUCH_TABLE
  [1054, PROGRAMMING], // BAD_FIELD_ERROR
  [1007, PROGRAMMING], // DB_CREATE_EXISTS
  [1102, PROGRAMMING], // WRONG_DB_NAME
  [1103, PROGRAMMING], // WRONG_TABLE_NAME
  [1110, PROGRAMMING], // FIELD_SPECIFIED_TWICE
  [1111, PROGRAMMING], // INVALID_GROUP_FUNC_USE
  [1112, PROGRAMMING], // UNSUPPORTED_EXTENSION
  [1113, PROGRAMMING], // TABLE_MUST_HAVE_COLUMNS
  [1166, PROGRAMMING], // WRONG_COLUMN_NAME
  [1179, PROGRAMMING], // CANT_DO_THIS_DURING_AN_TRANSACTION
  [1210, PROGRAMMING], // WRONG_ARGUMENTS (a prepared statement given too few parameters)
  [1366, DATA], // TRUNCATED_WRONG_VALUE_FOR_FIELD
  [1406, DATA], // DATA_TOO_LONG
  [1264, DATA], // WARN_DATA_OUT_OF_RANGE
  [1265, DATA], // WARN_DATA_TRUNCATED
  [1263, DATA], // WARN_NULL_TO_NOTNULL
  [1364, DATA], // NO_DEFAULT_FOR_FIELD
  [1171, DATA], // PRIMARY_CANT_HAVE_NULL
  [1441, DATA], // DATETIME_FUNCTION_OVERFLOW
  [1215, integrity()], // CANNOT_ADD_FOREIGN
  [1235, NOT_SUPPORTED], // NOT_SUPPORTED_YET
  [1286, NOT_SUPPORTED], // UNKNOWN_STORAGE_ENGINE
  [1289, NOT_SUPPORTED], // FEATURE_DISABLED
]);

/**
 * SQLSTATE classes whose meaning is unambiguous, for errnos not listed above (a new constraint
 * error is an IntegrityError whatever its number). Anything else is an OperationalError (an
 * InternalError below 1000), as mysqlclient answers: "table exists" and "unknown table" included.
 */
const BY_CLASS: Record<string, ClassifiedError["dbapiClass"]> = {
  "08": "OperationalError",
  "0A": "NotSupportedError",
  "22": "DataError",
  "23": "IntegrityError",
};

/**
 * Errnos after which the session is gone (SQLAlchemy's MySQL `is_disconnect` list): server gone
 * away (2006), lost during query (2013), commands out of sync (2014), 2045, 2055, connection
 * killed (1927), idle timeout disconnect (4031); plus server shutdown (1053).
 */
const DISCONNECT_ERRNOS = new Set([2006, 2013, 2014, 2045, 2055, 1927, 4031, 1053]);

/** Socket and mysql2 protocol codes: the connection is unusable. */
const DISCONNECT_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTCONN",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "PROTOCOL_PACKETS_OUT_OF_ORDER",
  "ER_CONNECTION_KILLED",
]);

/** mysql2's messages for work sent on a closed connection. */
const CLOSED_RE = /Can't add new command when connection is in closed state|Can't write in closed state/i;

/** mysql2's client-side misuse messages (bad parameters). */
const PROGRAMMING_RE =
  /Bind parameters must|must be array if namedPlaceholders|parameter must be an integer|Incorrect arguments to mysqld_stmt_execute/i;

interface Mysql2ErrorShape {
  errno?: unknown;
  sqlState?: unknown;
  code?: unknown;
  fatal?: unknown;
}

/**
 * Classifies an error from `mysql2`; null when it is not a driver error.
 * @example
 * classifyMysqlError(e); // { dbapiClass: "IntegrityError", subclass: "UniqueViolation", sqlstate: "23000", isDisconnect: false }
 */
export function classifyMysqlError(err: unknown): ClassifiedError | null {
  if (!(err instanceof Error)) return null;
  const e = err as Error & Mysql2ErrorShape;
  const code = typeof e.code === "string" ? e.code : undefined;
  const sqlstate = typeof e.sqlState === "string" && e.sqlState !== "" ? e.sqlState : undefined;
  const errno = typeof e.errno === "number" ? e.errno : undefined;
  // a server error packet carries a SQLSTATE; client errors (2xxx) carry only an errno or a code
  if (errno !== undefined && sqlstate !== undefined) {
    const found = BY_ERRNO.get(errno) ?? {
      dbapiClass: BY_CLASS[sqlstate.slice(0, 2)] ?? (errno < 1000 ? "InternalError" : "OperationalError"),
    };
    const isDisconnect = DISCONNECT_ERRNOS.has(errno) || sqlstate.startsWith("08") || e.fatal === true;
    return { ...found, sqlstate, isDisconnect };
  }
  if (errno !== undefined && DISCONNECT_ERRNOS.has(errno)) {
    return { dbapiClass: "OperationalError", isDisconnect: true };
  }
  if (code !== undefined && DISCONNECT_CODES.has(code)) {
    return { dbapiClass: "OperationalError", isDisconnect: true };
  }
  if (CLOSED_RE.test(e.message)) return { dbapiClass: "OperationalError", isDisconnect: true };
  if (PROGRAMMING_RE.test(e.message)) return { dbapiClass: "ProgrammingError", isDisconnect: false };
  // mysql2 marks every error that ends the connection (network, protocol, handshake) as fatal
  if (e.fatal === true) return { dbapiClass: "OperationalError", isDisconnect: true };
  return null;
}
