/**
 * Classification of better-sqlite3 errors into the DBAPIError hierarchy, as pysqlite's exception
 * classes map SQLite result codes. Imports no driver, so a dialect may use it before loading one.
 */
import type { ClassifiedError } from "../dbapi.js";

/** By primary result code (`SQLITE_IOERR` for `SQLITE_IOERR_SHORT_READ`), as CPython's `_pysqlite_seterror`. */
const BY_PRIMARY: Record<string, Omit<ClassifiedError, "isDisconnect">> = {
  SQLITE_ERROR: { dbapiClass: "OperationalError" },
  SQLITE_PERM: { dbapiClass: "OperationalError" },
  SQLITE_ABORT: { dbapiClass: "OperationalError" },
  SQLITE_BUSY: { dbapiClass: "OperationalError", subclass: "LockTimeout" },
  SQLITE_LOCKED: { dbapiClass: "OperationalError", subclass: "LockTimeout" },
  SQLITE_READONLY: { dbapiClass: "OperationalError" },
  SQLITE_INTERRUPT: { dbapiClass: "OperationalError", subclass: "QueryCanceled" },
  SQLITE_IOERR: { dbapiClass: "OperationalError" },
  SQLITE_FULL: { dbapiClass: "OperationalError" },
  SQLITE_CANTOPEN: { dbapiClass: "OperationalError" },
  SQLITE_PROTOCOL: { dbapiClass: "OperationalError" },
  SQLITE_EMPTY: { dbapiClass: "OperationalError" },
  SQLITE_SCHEMA: { dbapiClass: "OperationalError" },
  SQLITE_INTERNAL: { dbapiClass: "InternalError" },
  SQLITE_NOTFOUND: { dbapiClass: "InternalError" },
  SQLITE_TOOBIG: { dbapiClass: "DataError" },
  SQLITE_MISMATCH: { dbapiClass: "IntegrityError" },
  SQLITE_MISUSE: { dbapiClass: "InterfaceError" },
  SQLITE_RANGE: { dbapiClass: "InterfaceError" },
};

const CONSTRAINTS: Record<string, ClassifiedError["subclass"]> = {
  SQLITE_CONSTRAINT_UNIQUE: "UniqueViolation",
  SQLITE_CONSTRAINT_PRIMARYKEY: "UniqueViolation",
  SQLITE_CONSTRAINT_ROWID: "UniqueViolation",
  SQLITE_CONSTRAINT_FOREIGNKEY: "ForeignKeyViolation",
  SQLITE_CONSTRAINT_NOTNULL: "NotNullViolation",
  SQLITE_CONSTRAINT_CHECK: "CheckViolation",
};

/** better-sqlite3's own TypeError/RangeError messages for misuse of the API (bad parameters). */
const PROGRAMMING_RE =
  /parameter|can only bind|contains no statements|more than one statement|busy executing|only for statements that return data|does not return data/i;

/**
 * Classifies a better-sqlite3 error as pysqlite's exception classes would be: by the (extended)
 * result code of a SqliteError, or by better-sqlite3's own TypeError/RangeError messages.
 * @example
 * classifySqliteError(e); // { dbapiClass: "IntegrityError", subclass: "UniqueViolation", isDisconnect: false }
 */
export function classifySqliteError(err: unknown): ClassifiedError | null {
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  if (err.name === "SqliteError" && typeof code === "string") {
    if (code.startsWith("SQLITE_CONSTRAINT")) {
      const subclass = CONSTRAINTS[code];
      return subclass
        ? { dbapiClass: "IntegrityError", subclass, isDisconnect: false }
        : { dbapiClass: "IntegrityError", isDisconnect: false };
    }
    const primary = code.split("_", 2).join("_");
    return { ...(BY_PRIMARY[primary] ?? { dbapiClass: "DatabaseError" }), isDisconnect: false };
  }
  if (!(err instanceof TypeError || err instanceof RangeError)) return null;
  // pysqlite's "Cannot operate on a closed database." is a ProgrammingError and a disconnect
  if (/database connection is not open/i.test(err.message)) {
    return { dbapiClass: "ProgrammingError", isDisconnect: true };
  }
  // pysqlite: OperationalError "unable to open database file"
  if (/Cannot open database because the directory does not exist/i.test(err.message)) {
    return { dbapiClass: "OperationalError", isDisconnect: false };
  }
  if (/too big/i.test(err.message)) return { dbapiClass: "DataError", isDisconnect: false };
  if (PROGRAMMING_RE.test(err.message)) return { dbapiClass: "ProgrammingError", isDisconnect: false };
  return null;
}
