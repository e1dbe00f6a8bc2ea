/**
 * The better-sqlite3 driver adapter: the only file that imports `better-sqlite3` (lazily, so it
 * stays an optional peer dependency). Everything here is synchronous; the seam's `MaybePromise`
 * lets the engine skip awaiting.
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
} from "../dbapi.js";
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
  /** milliseconds to wait on a locked database before SQLITE_BUSY (better-sqlite3 default 5000) */
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
    if (!params.some((v) => typeof v === "boolean")) return params as unknown[];
    return params.map((v) => (typeof v === "boolean" ? Number(v) : v));
  }
  const obj = params as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  for (const k in obj) {
    const v = obj[k];
    if (typeof v === "boolean") (out ??= { ...obj })[k] = Number(v);
  }
  return out ?? obj;
}

/** A declared 64-bit integer column: SQLAlchemy's BigInteger renders BIGINT. */
const WIDE_RE = /\b(?:BIG\s*INT|BIGINT|INT8)\b/i;
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

/** DDL that may change what a cached statement returns (SQLite re-prepares it on next use). */
const DDL_RE = /^\s*(?:CREATE|DROP|ALTER)\b/i;

/** A cursor: buffered (rows fetched at execute) or server-side (`stmt.iterate()`). */
class SqliteCursor implements DBAPICursor {
  rowcount = -1;
  lastrowid: number | bigint | null = null;
  private stmt: Statement | null = null;
  private desc: CursorColumn[] | null | undefined = null;
  private readonly buffered = new BufferedRows();
  private iter: IterableIterator<unknown[]> | null = null;
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

  execute(sql: string, params?: DBAPIParams | null): void {
    this.reset();
    const stmt = this.conn.statement(sql);
    const args = toDriverParams(params);
    this.stmt = stmt;
    if (!stmt.reader) {
      const r = args === undefined ? stmt.run() : stmt.run(args);
      if (DDL_RE.test(sql)) this.conn.schemaChanged();
      this.rowcount = r.changes;
      this.lastrowid = r.lastInsertRowid;
      return;
    }
    this.desc = undefined;
    this.wide = this.conn.isWide(stmt);
    if (this.serverSide) {
      this.iter = args === undefined ? stmt.iterate() : stmt.iterate(args);
      this.conn.streams.add(this);
      return;
    }
    const rows = (args === undefined ? stmt.all() : stmt.all(args)) as unknown[][];
    if (this.wide) for (const row of rows) narrow(row);
    this.buffered.load(rows);
    // a DML statement with RETURNING yields one row per affected row
    if (!stmt.readonly) this.rowcount = this.buffered.total;
  }

  executemany(sql: string, seq: readonly DBAPIParams[]): void {
    this.reset();
    const stmt = this.conn.statement(sql);
    let changes = 0;
    for (const params of seq) {
      const args = toDriverParams(params);
      const r = args === undefined ? stmt.run() : stmt.run(args);
      changes += r.changes;
      this.lastrowid = r.lastInsertRowid;
    }
    this.rowcount = changes;
  }

  fetchone(): unknown[] | null {
    if (this.iter !== null) {
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
  /** reader statements switched to safeIntegers because they return a BIGINT column */
  private readonly wide = new WeakSet<Statement>();
  private tx: { begin: Statement; commit: Statement; rollback: Statement } | null = null;

  constructor(
    readonly db: Database,
    private readonly cacheSize: number,
    /** the connection reads every integer as bigint (connect argument `safeIntegers`) */
    private readonly safeIntegers = false,
  ) {}

  get driverConnection(): Database {
    return this.db;
  }

  get closed(): boolean {
    return !this.db.open;
  }

  /** The prepared statement for `sql`: cached, or fresh when the cached one is mid-iteration. */
  statement(sql: string): Statement {
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

  /** Forgets cached descriptions after DDL. */
  schemaChanged(): void {
    this.descriptions = new WeakMap();
  }

  /** Cached statements (oldest first), for tests and diagnostics. */
  cachedStatements(): string[] {
    return [...this.cache.keys()];
  }

  private prepareFor(sql: string): Statement {
    const stmt = this.db.prepare(sql) as Statement;
    if (stmt.reader) {
      stmt.raw(true);
      // better-sqlite3 reads integers as JS numbers, rounding beyond 2^53: a statement returning
      // a BIGINT column reads them as bigint instead (narrowed back where exact, see `narrow`)
      if (!this.safeIntegers && stmt.columns().some((c) => WIDE_RE.test(c.type ?? ""))) {
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

  begin(): void {
    this.buffer();
    this.txStatements().begin.run();
  }

  /** A no-op outside a transaction, as in pysqlite. */
  commit(): void {
    if (!this.db.inTransaction) return;
    this.buffer();
    this.txStatements().commit.run();
  }

  /** A no-op outside a transaction (SQLite itself would raise "no transaction is active"). */
  rollback(): void {
    if (!this.db.inTransaction) return;
    this.buffer();
    this.txStatements().rollback.run();
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
    const options: BetterSqlite3.Options = {};
    // values may arrive as URL query text ("?readonly=true&timeout=2000")
    if (args.readonly !== undefined) options.readonly = flag(args.readonly);
    if (args.fileMustExist !== undefined) options.fileMustExist = flag(args.fileMustExist);
    if (args.timeout !== undefined) options.timeout = Number(args.timeout);
    if (args.nativeBinding !== undefined) options.nativeBinding = args.nativeBinding;
    if (args.verbose !== undefined) options.verbose = args.verbose;
    const db = new Database(args.filename ?? ":memory:", options);
    if (args.safeIntegers !== undefined && flag(args.safeIntegers)) db.defaultSafeIntegers(true);
    const safe = args.safeIntegers !== undefined && flag(args.safeIntegers);
    return new SqliteConnection(db, Number(args.statementCacheSize ?? 100), safe);
  },
  classifyError: classifySqliteError,
};
