/**
 * Classification of `pg` errors into the DBAPIError hierarchy: server errors by SQLSTATE (as
 * psycopg maps them), client-side failures by Node error code or pg's messages. Imports no driver,
 * so a dialect may use it before the driver is loaded.
 */
import type { ClassifiedError } from "../dbapi.js";

type Classification = Omit<ClassifiedError, "isDisconnect" | "sqlstate">;

const BY_SQLSTATE: Record<string, Classification> = {
  "23505": { dbapiClass: "IntegrityError", subclass: "UniqueViolation" },
  "23503": { dbapiClass: "IntegrityError", subclass: "ForeignKeyViolation" },
  "23502": { dbapiClass: "IntegrityError", subclass: "NotNullViolation" },
  "23514": { dbapiClass: "IntegrityError", subclass: "CheckViolation" },
  "40P01": { dbapiClass: "OperationalError", subclass: "Deadlock" },
  "40001": { dbapiClass: "OperationalError", subclass: "SerializationFailure" },
  "55P03": { dbapiClass: "OperationalError", subclass: "LockTimeout" },
  "57014": { dbapiClass: "OperationalError", subclass: "QueryCanceled" },
};

/** psycopg's SQLSTATE class → DB-API exception (`psycopg/errors.py`). */
const BY_CLASS: Record<string, ClassifiedError["dbapiClass"]> = {
  "08": "OperationalError",
  "0A": "NotSupportedError",
  "20": "ProgrammingError",
  "21": "ProgrammingError",
  "22": "DataError",
  "23": "IntegrityError",
  "24": "InternalError",
  "25": "InternalError",
  "26": "OperationalError",
  "27": "OperationalError",
  "28": "OperationalError",
  "2B": "InternalError",
  "2D": "InternalError",
  "2F": "InternalError",
  "34": "OperationalError",
  "38": "InternalError",
  "39": "InternalError",
  "3B": "InternalError",
  "3D": "ProgrammingError",
  "3F": "ProgrammingError",
  "40": "OperationalError",
  "42": "ProgrammingError",
  "44": "ProgrammingError",
  "53": "OperationalError",
  "54": "OperationalError",
  "55": "OperationalError",
  "57": "OperationalError",
  "58": "OperationalError",
  F0: "InternalError",
  HV: "OperationalError",
  P0: "InternalError",
  XX: "InternalError",
};

/** SQLSTATEs after which the session is gone: admin/crash shutdown, cannot connect now. */
const DISCONNECT_STATES = new Set(["57P01", "57P02", "57P03"]);

/** Socket failures: the connection is unusable. */
const NET_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTCONN",
]);

/** pg's own messages for a lost connection (and psycopg's list, for errors relayed from proxies). */
const DISCONNECT_RE =
  /Connection terminated|encountered a connection error|terminating connection|server closed the connection|connection not open|could not receive data from server|Query read timeout|Connection closed/i;

/** pg's client-side misuse messages. */
const PROGRAMMING_RE =
  /Prepared statements must be unique|Query values must be an array|must have either text or a name|Do not know how to serialize/i;

/** The extended protocol counts a statement's parameters in 16 bits. */
export const PG_MAX_PARAMETERS = 65535;

/**
 * Raised before sending a statement with more parameters than the protocol carries; the server
 * would answer with a confusing "bind message has N parameter formats but 0 parameters".
 */
export class PgParameterLimitError extends Error {
  constructor(count: number) {
    super(
      `PostgreSQL takes at most ${PG_MAX_PARAMETERS} bind parameters in one statement; this one has ${count}. ` +
        "Split it, run a list of parameter sets (executemany) or bind one array (col = ANY(:ids))",
    );
    this.name = "PgParameterLimitError";
  }
}

/**
 * Classifies an error from `pg` / `pg-cursor`; null when it is not a driver error.
 * @example
 * classifyPgError(e); // { dbapiClass: "IntegrityError", subclass: "UniqueViolation", sqlstate: "23505", isDisconnect: false }
 */
export function classifyPgError(err: unknown): ClassifiedError | null {
  if (!(err instanceof Error)) return null;
  // asyncpg raises an InterfaceError for this too
  if (err instanceof PgParameterLimitError) return { dbapiClass: "InterfaceError", isDisconnect: false };
  const e = err as Error & { code?: unknown; severity?: unknown };
  const code = typeof e.code === "string" ? e.code : undefined;
  // a server ErrorResponse (pg-protocol's DatabaseError) carries a severity and a SQLSTATE
  if (code !== undefined && "severity" in e && /^[0-9A-Z]{5}$/.test(code)) {
    const found = BY_SQLSTATE[code] ?? { dbapiClass: BY_CLASS[code.slice(0, 2)] ?? "DatabaseError" };
    const fatal = e.severity === "FATAL" || e.severity === "PANIC";
    // class 08 is "connection exception", but 08P01 (protocol violation) at ERROR severity is a
    // rejected message (a wrong parameter count) on a connection that stays usable
    const isDisconnect = fatal || DISCONNECT_STATES.has(code) || (code.startsWith("08") && code !== "08P01");
    return { ...found, sqlstate: code, isDisconnect };
  }
  if (code !== undefined && NET_CODES.has(code))
    return { dbapiClass: "OperationalError", isDisconnect: true };
  if (/Client was closed and is not queryable/i.test(e.message)) {
    return { dbapiClass: "InterfaceError", isDisconnect: true };
  }
  if (DISCONNECT_RE.test(e.message)) return { dbapiClass: "OperationalError", isDisconnect: true };
  if (PROGRAMMING_RE.test(e.message)) return { dbapiClass: "ProgrammingError", isDisconnect: false };
  return null;
}

const DESCRIBED = Symbol("alkahest.pgDescribed");

/**
 * Gives a server error libpq's full text, as psycopg2 shows it (and so SQLAlchemy's message):
 * the primary line, `LINE n:` with a caret under the error position (short lines only), then
 * `DETAIL:` and `HINT:`, each line ending in a newline. pg keeps these apart in fields, so a user
 * reading the exception would otherwise miss the offending key or the hint. Runs once per error.
 * @example
 * describePgError(e, sql); // e.message: 'duplicate key value violates unique constraint "u"\nDETAIL:  Key (name)=(a) already exists.\n'
 */
export function describePgError(err: unknown, sql?: string): void {
  if (!(err instanceof Error) || !("severity" in err) || (err as { [DESCRIBED]?: true })[DESCRIBED]) return;
  const e = err as Error & { detail?: unknown; hint?: unknown; position?: unknown; [DESCRIBED]?: true };
  e[DESCRIBED] = true;
  let text = `${e.message}\n`;
  const pos = typeof e.position === "string" ? Number(e.position) : Number.NaN;
  if (sql !== undefined && Number.isInteger(pos) && pos > 0 && pos <= sql.length + 1) {
    const before = sql.slice(0, pos - 1);
    const lineNo = before.split("\n").length;
    const start = before.lastIndexOf("\n") + 1;
    const end = sql.indexOf("\n", start);
    const line = sql.slice(start, end === -1 ? undefined : end);
    // libpq elides long lines around the position; those are left out rather than shown differently
    if (!line.includes("\t") && line.length <= 60) {
      const prefix = `LINE ${lineNo}: `;
      text += `${prefix}${line}\n${" ".repeat(prefix.length + pos - 1 - start)}^\n`;
    }
  }
  if (typeof e.detail === "string" && e.detail !== "") text += `DETAIL:  ${e.detail}\n`;
  if (typeof e.hint === "string" && e.hint !== "") text += `HINT:  ${e.hint}\n`;
  e.message = text;
}
