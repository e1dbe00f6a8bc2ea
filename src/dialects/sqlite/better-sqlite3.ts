/**
 * The better-sqlite3 driver adapter: the only file that imports `better-sqlite3` (lazily, so it
 * stays an optional peer dependency). Everything here is synchronous; the seam's `MaybePromise`
 * lets the engine skip awaiting. The one exception is a locked database: the statement is
 * retried on timers (see busy-wait.ts), and only then does a call answer with a promise.
 */
import type BetterSqlite3 from "better-sqlite3";
import { ArgumentError } from "../../exc.js";
import { BufferedRows } from "../buffered-rows.js";
import type {
  CursorColumn,
  CursorOptions,
  DBAPIConnection,
  DBAPICursor,
  DBAPIParams,
  DriverAdapter,
  MaybePromise,
} from "../dbapi.js";
import { noteIfDdl, schemaGeneration } from "../shared/schema-generation.js";
import { busyTimeout, isWaitableBusy, retryWhileBusy } from "./busy-wait.js";
import { sqliteRegexp } from "./regexp.js";
import { classifySqliteError } from "./sqlite-errors.js";

export { classifySqliteError } from "./sqlite-errors.js";

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[], unknown[]>;
type DatabaseCtor = typeof BetterSqlite3;
type DriverParams = unknown[] | Record<string, unknown>;

/**
 * Connect arguments of the better-sqlite3 adapter (URL query values may arrive as text).
 * @example
 * await betterSqlite3Adapter.connect({ filename: "app.db", timeout: 2000, statementCacheSize: 200 });
 */
export interface BetterSqlite3ConnectArgs {
  /** a file path, or `":memory:"` (the default) */
  filename?: string;
  /** open read-only */
  readonly?: boolean;
  /** fail instead of creating a missing file */
  fileMustExist?: boolean;
  /**
   * milliseconds to wait on a locked database before SQLITE_BUSY (default 5000, as better-sqlite3).
   * The wait runs on timers, so the event loop (and the lock holder) go on meanwhile.
   */
  timeout?: number;
  /** return INTEGER values as bigint (and `lastrowid` as bigint) */
  safeIntegers?: boolean;
  /** prepared statements kept per connection, keyed by SQL text (default 100; 0 disables) */
  statementCacheSize?: number;
  /** path of the native addon, for bundlers */
  nativeBinding?: string;
  /** called with every SQL string better-sqlite3 runs (debugging) */
  verbose?: (message?: unknown, ...rest: unknown[]) => void;
}

const MISSING = "The 'better-sqlite3' package is required for sqlite URLs: npm install better-sqlite3";

let driver: Promise<DatabaseCtor> | null = null;

function loadDriver(): Promise<DatabaseCtor> {
  driver ??= import("better-sqlite3").then(
    (m) => (m as { default?: DatabaseCtor }).default ?? (m as never),
    (err: unknown) => {
      driver = null;
      const e = err as { code?: string; message?: string };
      if (e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("better-sqlite3")) {
        throw new ArgumentError(MISSING, { cause: err });
      }
      throw err;
    },
  );
  return driver;
}

const flag = (v: unknown): boolean => v === true || v === "true" || v === "1" || v === 1;

/** better-sqlite3 rejects JS booleans as bind values; SQLite stores them as 0/1 anyway. */
function toDriverParams(params: DBAPIParams | null | undefined): DriverParams | undefined {
  if (params == null) return undefined;
  if (Array.isArray(params)) {
    // one pass; the caller's array is copied only once a value needs converting
    let out: unknown[] | null = null;
    for (let i = 0; i < params.length; i++) {
      const v = params[i];
      if (needsConversion(v)) (out ??= params.slice())[i] = driverValue(v);
    }
    return out ?? (params as unknown[]);
  }
  const obj = params as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const k in obj) {
    const v = obj[k];
    if (needsConversion(v)) (out ??= { ...obj })[k] = driverValue(v);
  }
  return out ?? obj;
}

/** Booleans, and whole numbers (bound as REAL by better-sqlite3), are converted. */
function needsConversion(v: unknown): boolean {
  return typeof v === "boolean" || (typeof v === "number" && Number.isSafeInteger(v));
}

/**
 * A whole number goes as an INTEGER, as pysqlite binds a Python int: better-sqlite3 binds every
 * JS number as a REAL, and SQLite then computes `7 / ?` with 2 as 3.5 (SQLAlchemy's floor
 * division renders a plain `/`), `typeof(?)` as 'real' and `'n' || ?` as 'n2.0'.
 */
function driverValue(v: unknown): unknown {
  if (typeof v === "boolean") return v ? 1 : 0;
  return typeof v === "number" && Number.isSafeInteger(v) ? BigInt(v) : v;
}

/** A declared 64-bit integer column: SQLAlchemy's BigInteger renders BIGINT. */
const WIDE_RE = /\b(?:BIG\s*INT|BIGINT|INT8)\b/i;

/**
 * Whether a result column may carry integers beyond 2^53 that its type wants exact: a BIGINT
 * column, or a column without a declared type. SQLite declares types only for plain column
 * references, so every expression (`max(bi)`, `bi + 0`, `CAST(bi AS BIGINT)`, a bound `?`) has
 * none, whatever type the statement gives it.
 */
function mayBeWide(column: BetterSqlite3.ColumnDefinition): boolean {
  return column.type === null || WIDE_RE.test(column.type);
}
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Rows of a statement read with safeIntegers: integers JS numbers hold exactly become numbers
 * again (as every other statement returns them), larger ones stay bigint instead of rounding.
 */
function narrow(row: unknown[]): unknown[] {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (typeof v === "bigint" && v >= MIN_SAFE && v <= MAX_SAFE) row[i] = Number(v);
  }
  return row;
}

/** Statements that take no lock (see `SqliteConnection.locked`); BEGIN (group 1) starts a transaction. */
const NO_LOCK_RE = /^\s*(?:(BEGIN)|SAVEPOINT|RELEASE)\b/i;
/** A COMMIT waits for readers to finish: the one statement of a locked transaction worth retrying. */
const COMMIT_RE = /^\s*(?:COMMIT|END)\b/i;

/** A cursor: buffered (rows fetched at execute) or server-side (`stmt.iterate()`). */
class SqliteCursor implements DBAPICursor {
  rowcount = -1;
  lastrowid: number | bigint | null = null;
  private stmt: Statement | null = null;
  private desc: CursorColumn[] | null | undefined = null;
  private readonly buffered = new BufferedRows();
  private iter: IterableIterator<unknown[]> | null = null;
  /** a stream's first row, read by execute (see `stream`) */
  private head: unknown[] | null = null;
  /** the executemany parameter set to run next */
  private nextSet = 0;
  /** the statement reads integers as bigint (see SqliteConnection.isWide) */
  private wide = false;

  constructor(
    private readonly conn: SqliteConnection,
    private readonly serverSide: boolean,
  ) {}

  /** Read from the statement on first use: the engine reads it once per execute. */
  get description(): readonly CursorColumn[] | null {
    if (this.desc === undefined) this.desc = this.conn.describe(this.stmt!, this.buffered.first);
    return this.desc;
  }

  /** Synchronous unless the database is locked by another connection (then it waits on timers). */
  execute(sql: string, params?: DBAPIParams | null): MaybePromise<void> {
    try {
      this.run(sql, params);
    } catch (err) {
      return this.conn.waitOrThrow(err, () => this.run(sql, params), sql);
    }
  }

  private run(sql: string, params: DBAPIParams | null | undefined): void {
    this.reset();
    const stmt = this.conn.statement(sql);
    const args = toDriverParams(params);
    this.stmt = stmt;
    if (!stmt.reader) {
      const r = args === undefined ? stmt.run() : stmt.run(args);
      this.conn.ran(sql);
      // pysqlite's rowcount is -1 for what is not DML (SQLite's changes() keeps the last DML's)
      if (noteIfDdl(sql)) {
        this.conn.schemaChanged();
        this.rowcount = -1;
      } else this.rowcount = r.changes;
      this.lastrowid = r.lastInsertRowid;
      return;
    }
    this.desc = undefined;
    this.wide = this.conn.isWide(stmt);
    if (this.serverSide) {
      this.stream(stmt, args);
      return;
    }
    const rows = (args === undefined ? stmt.all() : stmt.all(args)) as unknown[][];
    this.conn.locked = true;
    if (this.wide) for (const row of rows) narrow(row);
    this.buffered.load(rows);
    // a DML statement with RETURNING yields one row per affected row
    if (!stmt.readonly) this.rowcount = this.buffered.total;
  }

  /**
   * Opens the iterator and reads the first row: the first step is where SQLite takes its lock,
   * so a locked database fails inside execute, which can wait, rather than in a fetch.
   */
  private stream(stmt: Statement, args: DriverParams | undefined): void {
    const iter = args === undefined ? stmt.iterate() : stmt.iterate(args);
    const first = iter.next();
    this.conn.locked = true;
    if (first.done) return;
    this.head = this.wide ? narrow(first.value) : first.value;
    this.iter = iter;
    this.conn.streams.add(this);
  }

  /** Synchronous unless the database is locked; a wait resumes at the parameter set that met the lock. */
  executemany(sql: string, seq: readonly DBAPIParams[]): MaybePromise<void> {
    this.reset();
    this.rowcount = 0;
    this.nextSet = 0;
    try {
      this.runSets(sql, seq);
    } catch (err) {
      return this.conn.waitOrThrow(err, () => this.runSets(sql, seq), sql);
    }
  }

  /**
   * Runs the parameter sets from `nextSet` on. Outside a transaction each run commits on its own,
   * so after a lock the sets already run must not run again.
   */
  private runSets(sql: string, seq: readonly DBAPIParams[]): void {
    const stmt = this.conn.statement(sql);
    for (; this.nextSet < seq.length; this.nextSet++) {
      const args = toDriverParams(seq[this.nextSet]);
      const r = args === undefined ? stmt.run() : stmt.run(args);
      this.conn.locked = true;
      this.rowcount += r.changes;
      this.lastrowid = r.lastInsertRowid;
    }
  }

  fetchone(): unknown[] | null {
    if (this.iter !== null) {
      if (this.head !== null) {
        const row = this.head;
        this.head = null;
        return row;
      }
      const n = this.iter.next();
      if (!n.done) return this.wide ? narrow(n.value) : n.value;
      this.endIteration();
      return null;
    }
    return this.buffered.fetchone();
  }

  fetchmany(size: number): unknown[][] {
    if (this.iter === null) return this.buffered.fetchmany(size);
    const out: unknown[][] = [];
    while (out.length < size) {
      const row = this.fetchone();
      if (row === null) break;
      out.push(row);
    }
    return out;
  }

  fetchall(): unknown[][] {
    if (this.iter === null) return this.buffered.fetchall();
    const out: unknown[][] = [];
    for (let row = this.fetchone(); row !== null; row = this.fetchone()) out.push(row);
    return out;
  }

  /**
   * Moves the rest of a streaming result into memory and releases the statement: better-sqlite3
   * refuses writes, BEGIN/COMMIT and close while an iterator is open on the connection.
   */
  buffer(): void {
    if (this.iter === null) return;
    this.buffered.load(this.fetchall());
  }

  close(): void {
    this.reset();
    this.stmt = null;
  }

  private reset(): void {
    if (this.iter !== null) {
      this.iter.return?.();
      this.endIteration();
    }
    this.head = null;
    this.buffered.clear();
    this.desc = null;
    this.rowcount = -1;
    this.lastrowid = null;
  }

  private endIteration(): void {
    this.iter = null;
    this.conn.streams.delete(this);
  }
}

/** A better-sqlite3 database with a per-connection LRU of prepared statements. */
class SqliteConnection implements DBAPIConnection {
  /** server-side cursors with an open iterator */
  readonly streams = new Set<SqliteCursor>();
  private readonly cache = new Map<string, Statement>();
  /** the most recently used cache key: running it again needs no recency update */
  private recent: string | null = null;
  private descriptions = new WeakMap<Statement, CursorColumn[]>();
  /** the schema generation (schema-generation.ts) the cached statements were prepared under */
  private generation = schemaGeneration();
  /** reader statements switched to safeIntegers because they may return integers beyond 2^53 */
  private readonly wide = new WeakSet<Statement>();
  private tx: { begin: Statement; commit: Statement; rollback: Statement } | null = null;
  /**
   * The current transaction has run a statement, so SQLite holds a lock for it (a SHARED lock at
   * least, until COMMIT or ROLLBACK). A SQLITE_BUSY then means SQLite declined to wait, because
   * the lock it wants may be waiting for the one this connection holds (it calls no busy handler
   * in that case either; in WAL mode the snapshot would be stale anyway): only ending this
   * transaction helps, so the error is raised at once. COMMIT is the exception (see `mayWait`).
   */
  locked = false;

  constructor(
    readonly db: Database,
    private readonly cacheSize: number,
    /** the connection reads every integer as bigint (connect argument `safeIntegers`) */
    private readonly safeIntegers: boolean,
    /** milliseconds a statement waits for a locked database (connect argument `timeout`) */
    private readonly busyTimeout: number,
  ) {}

  /** Notes a write statement that ran: BEGIN, SAVEPOINT and RELEASE take no lock. */
  ran(sql: string): void {
    const m = NO_LOCK_RE.exec(sql);
    if (m === null) this.locked = true;
    else if (m[1] !== undefined) this.locked = false;
  }

  /**
   * Rethrows `err`, unless it is a SQLITE_BUSY that waiting can get past: then a promise that runs
   * `attempt` again on timers until it passes or the busy timeout is over (see busy-wait.ts).
   */
  waitOrThrow(err: unknown, attempt: () => void, sql: string): Promise<void> {
    if (!isWaitableBusy(err)) {
      this.locked = true; // a failed statement may still have taken its lock
      throw err;
    }
    if (this.busyTimeout === 0 || !this.mayWait(sql)) throw err;
    return retryWhileBusy(err, attempt, this.busyTimeout);
  }

  /**
   * Whether SQLite would have called a busy handler for `sql`: it had no lock in this transaction
   * yet, or it is a COMMIT waiting for readers to finish (the transaction stays open, and SQLite
   * documents retrying the COMMIT).
   */
  private mayWait(sql: string): boolean {
    return !this.locked || !this.db.inTransaction || COMMIT_RE.test(sql);
  }

  get driverConnection(): Database {
    return this.db;
  }

  get closed(): boolean {
    return !this.db.open;
  }

  /** The prepared statement for `sql`: cached, or fresh when the cached one is mid-iteration. */
  statement(sql: string): Statement {
    if (this.generation !== schemaGeneration()) this.schemaChanged();
    let stmt = this.cache.get(sql);
    if (stmt !== undefined) {
      if (stmt.busy) return this.prepareFor(sql);
      // Map order is recency order: re-insert on use, evict from the front
      if (sql !== this.recent) {
        this.cache.delete(sql);
        this.cache.set(sql, stmt);
        this.recent = sql;
      }
    } else {
      stmt = this.prepareFor(sql);
      if (this.cacheSize > 0) {
        this.cache.set(sql, stmt);
        this.recent = sql;
        if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
      }
    }
    if (!stmt.readonly) this.buffer();
    return stmt;
  }

  /**
   * The columns of a reader statement, cached per statement: `stmt.columns()` costs more than a
   * point select. DDL run here clears the cache; a row whose width differs from the cached
   * description (DDL from another connection, `SELECT *`) refreshes it.
   */
  describe(stmt: Statement, row: unknown[] | undefined): CursorColumn[] {
    let desc = this.descriptions.get(stmt);
    if (desc === undefined || (row !== undefined && row.length !== desc.length)) {
      desc = stmt.columns().map((c) => ({ name: c.name, typeCode: c.type }));
      this.descriptions.set(stmt, desc);
    }
    return desc;
  }

  /**
   * Forgets what statements prepared before DDL decided: their descriptions, and whether they
   * read integers as bigints (SQLite re-prepares a statement after DDL, better-sqlite3 keeps that
   * choice), so a table created again with a BIGINT column is not read through a statement that
   * rounds its values.
   */
  schemaChanged(): void {
    this.descriptions = new WeakMap();
    this.cache.clear();
    this.recent = null;
    this.generation = schemaGeneration();
  }

  /** Cached statements (oldest first), for tests and diagnostics. */
  cachedStatements(): string[] {
    return [...this.cache.keys()];
  }

  private prepareFor(sql: string): Statement {
    const stmt = this.db.prepare(sql) as Statement;
    if (stmt.reader) {
      stmt.raw(true);
      // better-sqlite3 reads integers as JS numbers, rounding beyond 2^53: a statement with a
      // column that may hold wider ones reads them as bigint (narrowed back where exact, `narrow`)
      if (!this.safeIntegers && stmt.columns().some(mayBeWide)) {
        stmt.safeIntegers(true);
        this.wide.add(stmt);
      }
    }
    return stmt;
  }

  /** Whether rows of `stmt` come with bigint integers to narrow. */
  isWide(stmt: Statement): boolean {
    return this.wide.has(stmt);
  }

  /** Buffers every open stream, so that the connection may write again. */
  private buffer(): void {
    if (this.streams.size === 0) return;
    for (const c of [...this.streams]) c.buffer();
  }

  private txStatements(): NonNullable<SqliteConnection["tx"]> {
    this.tx ??= {
      begin: this.db.prepare("BEGIN") as Statement,
      commit: this.db.prepare("COMMIT") as Statement,
      rollback: this.db.prepare("ROLLBACK") as Statement,
    };
    return this.tx;
  }

  cursor(opts?: CursorOptions): SqliteCursor {
    return new SqliteCursor(this, opts?.serverSide ?? false);
  }

  /**
   * A deferred BEGIN: it takes no lock, so it never meets a locked database. Inside a transaction
   * it joins it, as pysqlite does: Connections sharing one database connection (StaticPool's
   * `sqlite:///:memory:`) share its transaction rather than fail on a second BEGIN.
   */
  begin(): void {
    this.buffer();
    if (this.db.inTransaction) return;
    this.txStatements().begin.run();
    this.locked = false;
  }

  /**
   * A no-op outside a transaction, as in pysqlite. Synchronous unless readers of other
   * connections keep the database from being written (rollback journal): then it waits for them.
   */
  commit(): MaybePromise<void> {
    if (!this.db.inTransaction) return;
    this.buffer();
    try {
      this.commitNow();
    } catch (err) {
      return this.waitOrThrow(err, () => this.commitNow(), "COMMIT");
    }
  }

  private commitNow(): void {
    this.txStatements().commit.run();
    this.locked = false;
  }

  /** A no-op outside a transaction (SQLite itself would raise "no transaction is active"). */
  rollback(): void {
    if (!this.db.inTransaction) return;
    this.buffer();
    this.txStatements().rollback.run();
    this.locked = false;
  }

  close(): void {
    if (!this.db.open) return;
    for (const c of [...this.streams]) c.close();
    this.cache.clear();
    this.recent = null;
    this.tx = null;
    this.db.close();
  }

  terminate(): void {
    try {
      this.close();
    } catch {
      // terminate never throws: the connection is being discarded
    }
  }
}

/**
 * The better-sqlite3 adapter (`sqlite://` and `sqlite+better_sqlite3://` URLs).
 * @example
 * const conn = await betterSqlite3Adapter.connect({ filename: ":memory:" });
 * const cur = conn.cursor();
 * cur.execute("SELECT ? + 1", [41]);
 * cur.fetchone(); // [42]
 */
export const betterSqlite3Adapter: DriverAdapter<BetterSqlite3ConnectArgs> = {
  name: "better_sqlite3",
  async connect(args: BetterSqlite3ConnectArgs = {}): Promise<DBAPIConnection> {
    const Database = await loadDriver();
    // SQLite's own busy handler would sleep on the event loop: the adapter waits instead
    const options: BetterSqlite3.Options = { timeout: 0 };
    const timeout = busyTimeout(args.timeout);
    // values may arrive as URL query text ("?readonly=true&timeout=2000")
    if (args.readonly !== undefined) options.readonly = flag(args.readonly);
    if (args.fileMustExist !== undefined) options.fileMustExist = flag(args.fileMustExist);
    if (args.nativeBinding !== undefined) options.nativeBinding = args.nativeBinding;
    if (args.verbose !== undefined) options.verbose = args.verbose;
    const db = new Database(args.filename ?? ":memory:", options);
    db.function("regexp", { deterministic: true }, sqliteRegexp);
    if (args.safeIntegers !== undefined && flag(args.safeIntegers)) db.defaultSafeIntegers(true);
    const safe = args.safeIntegers !== undefined && flag(args.safeIntegers);
    return new SqliteConnection(db, Number(args.statementCacheSize ?? 100), safe, timeout);
  },
  classifyError: classifySqliteError,
};
