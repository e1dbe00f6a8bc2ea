/**
 * The DBAPI seam: the small PEP 249-shaped interface every driver adapter presents. Node drivers
 * share no interface, so each adapter (better-sqlite3, pg, mysql2) implements this, and nothing
 * above it knows which driver runs.
 *
 * Methods return `T | Promise<T>`: a synchronous driver (better-sqlite3) answers directly and the
 * engine skips the await, which keeps the embedded fast path cheap.
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Whether a call answered with a promise (a network driver, an async listener) instead of its
 * value (better-sqlite3): callers await only then, so a synchronous driver costs no turn.
 * @example
 * const r = cursor.execute(sql, params);
 * if (isThenable(r)) await r;
 */
export function isThenable<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null | undefined)?.then === "function";
}

/** Positional (array) or named (object) parameters, in the dialect's paramstyle. */
export type DBAPIParams = readonly unknown[] | Readonly<Record<string, unknown>>;

/** One column of a result as the driver describes it. */
export interface CursorColumn {
  /** the column name (or label) as the database returned it */
  name: string;
  /** the driver's type identifier (pg type OID, mysql2 column type, SQLite declared type), if known */
  typeCode?: unknown;
}

/** A statement execution handle: execute, then fetch rows as arrays. */
export interface DBAPICursor {
  /** columns of the current result, or null when the statement returns no rows */
  readonly description: readonly CursorColumn[] | null;
  /** rows affected (matched, on MySQL) by the last DML statement; -1 when unknown */
  readonly rowcount: number;
  /** the last inserted row id (SQLite rowid, MySQL AUTO_INCREMENT), or null */
  readonly lastrowid: number | bigint | null;
  /** the driver's command tag for the last statement (`INSERT 0 1` on PostgreSQL), when it has one */
  readonly statusMessage?: string | null;
  execute(sql: string, params?: DBAPIParams | null): MaybePromise<void>;
  executemany(sql: string, seq: readonly DBAPIParams[]): MaybePromise<void>;
  /** the next row, or null when exhausted */
  fetchone(): MaybePromise<unknown[] | null>;
  /** up to `size` rows; fewer (or none) at the end */
  fetchmany(size: number): MaybePromise<unknown[][]>;
  /** every remaining row */
  fetchall(): MaybePromise<unknown[][]>;
  close(): MaybePromise<void>;
}

/** Options for a new cursor. */
export interface CursorOptions {
  /** a server-side cursor that streams rows (pg-cursor, better-sqlite3 iterate, mysql2 stream) */
  serverSide?: boolean;
}

/** A live driver connection. alkahest emits BEGIN itself (no driver here begins implicitly). */
export interface DBAPIConnection {
  cursor(opts?: CursorOptions): DBAPICursor;
  /** BEGIN (or the driver's equivalent) */
  begin(): MaybePromise<void>;
  commit(): MaybePromise<void>;
  rollback(): MaybePromise<void>;
  /** closes gracefully */
  close(): MaybePromise<void>;
  /** closes at once without waiting (used after a disconnect or on cancellation) */
  terminate(): void;
  /** true when the connection is known to be unusable */
  readonly closed: boolean;
  /** the driver's own connection object (`Database`, `pg.Client`, mysql2 `Connection`) */
  readonly driverConnection: unknown;
}

/** A driver error as the adapter reports it, classified for the DBAPIError hierarchy. */
export interface ClassifiedError {
  /** the DB-API class name: IntegrityError, OperationalError, ProgrammingError, … */
  dbapiClass:
    | "InterfaceError"
    | "DatabaseError"
    | "DataError"
    | "OperationalError"
    | "IntegrityError"
    | "InternalError"
    | "ProgrammingError"
    | "NotSupportedError";
  /** a finer class: UniqueViolation, ForeignKeyViolation, NotNullViolation, CheckViolation, Deadlock, SerializationFailure, LockTimeout, QueryCanceled */
  subclass?:
    | "UniqueViolation"
    | "ForeignKeyViolation"
    | "NotNullViolation"
    | "CheckViolation"
    | "Deadlock"
    | "SerializationFailure"
    | "LockTimeout"
    | "QueryCanceled";
  /** SQLSTATE, when the driver gives one */
  sqlstate?: string;
  /** the connection is gone (disconnect): invalidate it and the pool */
  isDisconnect: boolean;
}

/** What a driver adapter module exports. */
export interface DriverAdapter<ConnectArgs = Record<string, unknown>> {
  /** driver name in URLs: `better_sqlite3`, `pg`, `mysql2` */
  readonly name: string;
  /** opens a connection */
  connect(args: ConnectArgs): Promise<DBAPIConnection>;
  /** classifies a driver error; null when it is not a driver error */
  classifyError(err: unknown): ClassifiedError | null;
}
