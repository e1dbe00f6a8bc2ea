/**
 * The `mysql2` driver adapter: the only file that imports `mysql2` (lazily, so it stays an
 * optional peer dependency). One callback-API `Connection` per DBAPI connection; the promise
 * wrapper is skipped, which saves an allocation per query and gives direct access to the query
 * command's row events for streaming.
 *
 * Protocol choice, measured on MariaDB 10.11 over loopback (callback API, rowsAsArray, median of 5
 * interleaved rounds, ops/s; the host is shared, so ranges overlap but the order held):
 *
 * | case                                       | query() text | execute() binary |
 * | ------------------------------------------ | -----------: | ---------------: |
 * | point select by primary key (5 columns)    |       17,392 |           21,065 |
 * | 1,000-row range select, 2 parameters       |          870 |            1,059 |
 * | 1,000-row select, no parameters            |          799 |            1,125 |
 * | 10-row INSERT (40 parameters)              |       14,421 |           10,923 |
 * | 100-row INSERT (400 parameters)            |        3,247 |            3,905 |
 * | 1,000-row INSERT (4,000 parameters)        |          380 |              462 |
 *
 * So statements with parameters, and reads without, run through `execute()` (binary protocol,
 * server-side binding, mysql2's per-connection LRU of prepared statements): faster on reads, no
 * client-side escaping (which `NO_BACKSLASH_ESCAPES` would defeat), and exact FLOAT values (the
 * text protocol rounds FLOAT to 6 digits). Everything else without parameters (DDL, BEGIN,
 * COMMIT, SAVEPOINT, SET, SHOW) runs through `query()`: one round trip, no statement slot.
 */
import type { ConnectionOptions } from "mysql2";
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
import { atEndOfTurn } from "../shared/end-of-turn.js";
import { classifyMysqlError } from "./mysql-errors.js";
import { canPipeline, pipeline } from "./mysql2-pipeline.js";
import { Mysql2ServerCursor, type StreamHost } from "./mysql2-stream.js";
import {
  applyFixups,
  binaryFixups,
  describe,
  lastrowid,
  type RawCallback,
  type RawCommand,
  type RawConnection,
  type RawField,
  type RawHeader,
  toValues,
} from "./mysql2-wire.js";

export { classifyMysqlError } from "./mysql-errors.js";

/**
 * Connect arguments: mysql2's `ConnectionOptions` plus the statement-cache switch. The options
 * the processors rely on (rowsAsArray, bigNumberStrings, jsonStrings, timezone "Z", dateStrings
 * off, FOUND_ROWS, multipleStatements off) are always set.
 * @example
 * await mysql2Adapter.connect({ host: "127.0.0.1", user: "root", database: "test", statementCacheSize: 0 });
 */
export interface Mysql2ConnectArgs extends ConnectionOptions {
  /**
   * Prepared statements kept per connection (default 100; the server caps them all together at
   * `max_prepared_stmt_count`). 0 sends everything through the text protocol (for proxies that
   * do not keep prepared statements); parameters are then escaped by mysql2 on the client, which
   * assumes backslash escapes (do not combine with `NO_BACKSLASH_ESCAPES`).
   */
  statementCacheSize?: number | string;
}

type TypedFactory = ((v: bigint) => unknown) & { unsigned(v: bigint): unknown };
interface Mysql2Module {
  createConnection(config: ConnectionOptions): unknown;
  TypedParameter: { LONGLONG: TypedFactory };
}

let driver: Promise<Mysql2Module> | null = null;

function loadMysql2(): Promise<Mysql2Module> {
  driver ??= import("mysql2").then(
    (m) => ((m as { default?: unknown }).default ?? m) as Mysql2Module,
    (err: unknown) => {
      driver = null;
      const e = err as { code?: string; message?: string };
      if (e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("mysql2")) {
        throw new ArgumentError("The 'mysql2' package is required for mysql URLs: npm install mysql2", {
          cause: err,
        });
      }
      throw err;
    },
  );
  return driver;
}

/** Session statements: they read and write no table, so they need no transaction of their own. */
const SESSION_RE = /^\s*SET\s/i;
const MAX_SIGNED = 2n ** 63n - 1n;
/** A prepared statement takes at most 65,535 placeholders; beyond that only the text protocol works. */
const MAX_PLACEHOLDERS = 65535;
/** Statements that return rows: worth the binary protocol even without parameters. */
const READ_RE = /^[\s(]*(?:SELECT|WITH|VALUES|TABLE)\b/i;

interface RunResult {
  rows: unknown[][] | null;
  fields: RawField[] | undefined;
  header: RawHeader | null;
}

/** A buffered cursor: every row arrives with the statement's response. */
class Mysql2Cursor implements DBAPICursor {
  description: CursorColumn[] | null = null;
  rowcount = -1;
  lastrowid: number | bigint | null = null;
  private readonly buffer = new BufferedRows();

  constructor(private readonly conn: Mysql2Connection) {}

  async execute(sql: string, params?: DBAPIParams | null): Promise<void> {
    this.reset();
    this.take(await this.conn.run(sql, toValues(params)));
  }

  /** One round trip per parameter set through the same prepared statement; rowcount is the sum. */
  async executemany(sql: string, seq: readonly DBAPIParams[]): Promise<void> {
    this.reset();
    let total = 0;
    for (const params of seq) {
      this.take(await this.conn.run(sql, toValues(params)));
      total += Math.max(this.rowcount, 0);
    }
    this.rowcount = total;
    this.buffer.clear();
    this.description = null;
  }

  private take(r: RunResult): void {
    if (r.header) {
      this.rowcount = r.header.affectedRows;
      this.lastrowid = lastrowid(r.header);
      return;
    }
    this.buffer.load(r.rows ?? []);
    this.description = describe(r.fields);
    this.rowcount = this.buffer.total;
  }

  fetchone(): unknown[] | null {
    return this.buffer.fetchone();
  }

  fetchmany(size: number): unknown[][] {
    return this.buffer.fetchmany(size);
  }

  fetchall(): unknown[][] {
    return this.buffer.fetchall();
  }

  close(): void {
    this.reset();
  }

  private reset(): void {
    this.buffer.clear();
    this.description = null;
    this.rowcount = -1;
    this.lastrowid = null;
  }
}

/**
 * A mysql2 connection with alkahest's transaction bookkeeping, done as MySQLdb does it: the
 * session runs with autocommit off, so BEGIN costs nothing (the first statement opens the
 * transaction), and COMMIT or ROLLBACK are skipped when no statement ran since the last one.
 * DDL, LOCK TABLES or a deadlock end a transaction implicitly; the next statement opens a new
 * one, so statements after `CREATE TABLE` stay under the caller's COMMIT or ROLLBACK.
 *
 * Statements outside begin() (an AUTOCOMMIT connection, dialect queries) must commit by
 * themselves: the session is switched to autocommit first, and back at the next begin().
 *
 * ROLLBACK is owed rather than sent, as the pg adapter does it: it is written in front of the
 * next statement when one follows in the same turn of the event loop (a pooled connection handed
 * to the next request; see mysql2-pipeline.ts), else it goes by itself at the end of that turn.
 * A request's connect / query / close is then one round trip instead of two.
 */
class Mysql2Connection implements DBAPIConnection, StreamHost {
  readonly streams = new Set<Mysql2ServerCursor>();
  private lost: Error | null = null;
  private isEnded = false;
  /** begin() was called and no commit() or rollback() since */
  private inTx = false;
  /** the session's `autocommit` as last set (connect sets it off) */
  private autocommit = false;
  /** a statement ran with autocommit off since the last COMMIT or ROLLBACK */
  private dirty = false;
  /** a ROLLBACK waits to be written in front of the next command */
  private owesRollback = false;
  /** sends the owed ROLLBACK at the end of the turn, if no statement carried it */
  private readonly scheduleFlush = atEndOfTurn(() => {
    if (!this.closed) this.flushRollback().catch(() => {});
  });

  constructor(
    readonly raw: RawConnection,
    private readonly cacheSize: number,
    private readonly longlong: TypedFactory,
  ) {
    // an idle connection whose server goes away emits 'error'; without a listener that would crash
    raw.on("error", (err) => this.onLost(err));
    raw.once("end", () => {
      const err = Object.assign(new Error("Connection lost: The server closed the connection."), {
        code: "PROTOCOL_CONNECTION_LOST",
        fatal: true,
      });
      this.onLost(err);
    });
  }

  /** Raw access first sends an owed ROLLBACK: mysql2 queues it before what the caller sends. */
  get driverConnection(): RawConnection {
    this.flushRollback().catch(() => {});
    return this.raw;
  }

  /** The server's connection id (`CONNECTION_ID()`), for KILL. */
  get threadId(): number {
    return this.raw.threadId;
  }

  get closed(): boolean {
    return this.isEnded || this.lost !== null;
  }

  cursor(opts?: CursorOptions): DBAPICursor {
    return opts?.serverSide ? new Mysql2ServerCursor(this) : new Mysql2Cursor(this);
  }

  private onLost(err: Error): void {
    this.lost ??= err;
    for (const s of [...this.streams]) s.fail(err);
  }

  /** Whether a statement runs through execute() (binary protocol, prepared) or query() (text). */
  useBinary(sql: string, values: readonly unknown[] | undefined): boolean {
    if (this.cacheSize === 0) return false;
    const n = values === undefined ? 0 : values.length;
    return n > 0 ? n <= MAX_PLACEHOLDERS : READ_RE.test(sql);
  }

  /** bigint parameters go as BIGINT: as text, MySQL would compare them to integers as doubles. */
  private binaryValues(values: unknown[] | undefined): unknown[] {
    if (values === undefined) return [];
    let out: unknown[] | null = null;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === "bigint")
        (out ??= [...values])[i] = v > MAX_SIGNED ? this.longlong.unsigned(v) : this.longlong(v);
    }
    return out ?? values;
  }

  /**
   * Before a statement: buffer open streams (they hold the connection) and put the session's
   * autocommit where the statement needs it.
   */
  async ready(sql: string): Promise<void> {
    for (const s of [...this.streams]) await s.buffer();
    const want = this.wantAutocommit(sql);
    if (want !== null) {
      await this.send(`SET autocommit = ${want ? 1 : 0}`, undefined); // carries an owed ROLLBACK
      this.autocommit = want;
    }
    await this.flushRollback(); // a stream's command cannot carry it
    if (!this.autocommit) this.dirty = true;
  }

  /** The autocommit `sql` needs when it differs from the session's, else null. */
  private wantAutocommit(sql: string): boolean | null {
    if (this.inTx) return this.autocommit ? false : null;
    return this.autocommit || SESSION_RE.test(sql) ? null : true;
  }

  run(sql: string, values: unknown[] | undefined): Promise<RunResult> {
    if (this.streams.size > 0 || this.wantAutocommit(sql) !== null) {
      return this.ready(sql).then(() => this.send(sql, values));
    }
    if (!this.autocommit) this.dirty = true;
    return this.send(sql, values);
  }

  private send(sql: string, values: unknown[] | undefined): Promise<RunResult> {
    const binary = this.useBinary(sql, values);
    return new Promise((resolve, reject) => {
      let leadError: Error | null = null;
      const cb: RawCallback = (err, result, fields) => {
        err ??= leadError;
        if (err) {
          this.noteError(err);
          reject(err);
        } else if (Array.isArray(result)) {
          const fixups = binary ? binaryFixups(fields) : null;
          if (fixups !== null) for (const row of result) applyFixups(row as unknown[], fixups);
          resolve({ rows: result as unknown[][], fields, header: null });
        } else {
          resolve({ rows: null, fields: undefined, header: result as RawHeader });
        }
      };
      const issue = binary
        ? () => this.raw.execute(sql, this.binaryValues(values), cb)
        : () => this.raw.query(sql, values, cb);
      if (!this.owesRollback || !canPipeline(this.raw)) {
        if (this.owesRollback) this.flushRollback().catch(() => {});
        issue();
        return;
      }
      this.owesRollback = false;
      try {
        pipeline(this.raw, () => this.raw.query("ROLLBACK", undefined, (err) => (leadError = err)), issue);
      } catch (err) {
        this.owesRollback = true;
        throw err;
      }
    });
  }

  /** Sends an owed ROLLBACK by itself (mysql2 queues it before anything sent after it). */
  private flushRollback(): Promise<void> {
    if (!this.owesRollback) return Promise.resolve();
    this.owesRollback = false;
    return new Promise((resolve, reject) =>
      this.raw.query("ROLLBACK", undefined, (err) => {
        if (err) {
          this.noteError(err);
          reject(err);
        } else resolve();
      }),
    );
  }

  /** A streaming command (event mode). */
  start(sql: string, values: unknown[] | undefined, binary: boolean): RawCommand {
    return binary ? this.raw.execute(sql, this.binaryValues(values)) : this.raw.query(sql, values);
  }

  noteError(err: unknown): void {
    const c = classifyMysqlError(err);
    if (c?.isDisconnect) this.lost ??= err as Error;
  }

  /** COM_PING: a round trip without a statement. */
  async ping(): Promise<void> {
    await this.flushRollback();
    await new Promise<void>((resolve, reject) =>
      this.raw.ping((err) => {
        if (err) {
          this.noteError(err);
          reject(err);
        } else resolve();
      }),
    );
  }

  /** Nothing to send: with autocommit off, the first statement opens the transaction. */
  begin(): void {
    this.inTx = true;
  }

  async commit(): Promise<void> {
    await this.end("COMMIT");
  }

  async rollback(): Promise<void> {
    await this.end("ROLLBACK");
  }

  private async end(sql: "COMMIT" | "ROLLBACK"): Promise<void> {
    this.inTx = false;
    if (!this.dirty) return;
    for (const s of [...this.streams]) await s.buffer();
    this.dirty = false;
    if (sql === "COMMIT" || this.closed) {
      await this.send(sql, undefined);
      return;
    }
    this.owesRollback = true;
    this.scheduleFlush();
  }

  /**
   * An owed ROLLBACK is sent and awaited first, so `close()` resolving still means the
   * transaction's locks are gone (the server would release them a little after the disconnect).
   */
  async close(): Promise<void> {
    if (this.isEnded) return;
    for (const s of [...this.streams]) await s.close();
    if (this.lost === null) await this.flushRollback().catch(() => {});
    if (this.lost !== null) return this.terminate();
    this.isEnded = true;
    await new Promise<void>((resolve) => this.raw.end(() => resolve()));
  }

  terminate(): void {
    if (this.isEnded) return;
    this.isEnded = true;
    this.owesRollback = false;
    this.lost ??= new Error("terminated");
    for (const s of [...this.streams]) s.fail(this.lost);
    if (this.raw.stream?.destroy) this.raw.stream.destroy();
    else this.raw.destroy();
  }
}

/** FOUND_ROWS always: rowcount counts matched rows, as every SQLAlchemy MySQL driver sets it. */
function clientFlags(user: ConnectionOptions["flags"]): string[] {
  const list = Array.isArray(user) ? user : String(user ?? "").split(",");
  return ["FOUND_ROWS", ...list.map((f) => String(f).trim()).filter((f) => f && !/^-?FOUND_ROWS$/i.test(f))];
}

/**
 * The `mysql2` adapter (`mysql://`, `mysql+mysql2://`, `mariadb://`, `mariadb+mysql2://` URLs).
 * Each connection sets its session `time_zone` to `+00:00`, so NOW() and TIMESTAMP columns agree
 * with the UTC Dates the processors bind and read.
 * @example
 * const conn = await mysql2Adapter.connect({ host: "127.0.0.1", user: "root", database: "test" });
 * const cur = conn.cursor();
 * await cur.execute("SELECT ? + 1", [41]);
 * await cur.fetchone(); // [42]
 */
export const mysql2Adapter: DriverAdapter<Mysql2ConnectArgs> = {
  name: "mysql2",
  async connect(args: Mysql2ConnectArgs = {}): Promise<DBAPIConnection> {
    const mysql = await loadMysql2();
    const { statementCacheSize = 100, flags, ...config } = args;
    const n = Number(statementCacheSize);
    const size = Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 100;
    const raw = mysql.createConnection({
      ...config,
      flags: clientFlags(flags),
      rowsAsArray: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      jsonStrings: true,
      dateStrings: false,
      timezone: "Z",
      multipleStatements: false,
      maxPreparedStatements: Math.max(size, 1),
    }) as RawConnection;
    const conn = new Mysql2Connection(raw, size, mysql.TypedParameter.LONGLONG);
    try {
      // queued behind the handshake: a failed handshake fails this query
      await conn.run("SET time_zone = '+00:00', autocommit = 0", undefined);
    } catch (err) {
      conn.terminate();
      throw err;
    }
    return conn;
  },
  classifyError: classifyMysqlError,
};
