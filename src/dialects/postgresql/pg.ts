/**
 * The `pg` driver adapter: the only file that imports `pg` and `pg-cursor` (both lazily, so they
 * stay optional peer dependencies). One `pg.Client` per DBAPI connection.
 */
import { createHash } from "node:crypto";
import type { Client, ClientConfig, CustomTypesConfig, QueryArrayConfig, QueryArrayResult } from "pg";
import type PgCursor from "pg-cursor";
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
import { mapArray, parseDateTimeUTC } from "../shared/processors.js";
import { noteIfDdl, schemaGeneration } from "../shared/schema-generation.js";
import { type ControlClient, type ControlQuery, TransactionControl } from "./pg-control.js";
import { classifyPgError, describePgError, PG_MAX_PARAMETERS, PgParameterLimitError } from "./pg-errors.js";

export { classifyPgError } from "./pg-errors.js";

type PgModule = typeof import("pg");
type CursorCtor = typeof PgCursor;
type CursorInstance = InstanceType<CursorCtor>;
type Parser = (value: string) => unknown;

/**
 * Connect arguments: pg's `ClientConfig` plus alkahest's statement-cache switches.
 * @example
 * await pgAdapter.connect({ host: "pgbouncer", database: "app", preparedStatements: false });
 */
export interface PgConnectArgs extends ClientConfig {
  /**
   * Named prepared statements keyed by SQL text (default true). Turn off behind poolers that
   * do not keep session state (pgbouncer in transaction mode).
   */
  preparedStatements?: boolean;
  /** prepared statements kept per connection (default 100); older ones are DEALLOCATEd */
  statementCacheSize?: number;
}

function lazy<T>(pkg: string, hint: string, load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () =>
    (p ??= load().catch((err: unknown) => {
      p = null;
      const e = err as { code?: string; message?: string };
      if (e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes(pkg)) {
        throw new ArgumentError(`The '${pkg}' package is required ${hint}: npm install ${pkg}`, {
          cause: err,
        });
      }
      throw err;
    }));
}

const loadPg = lazy("pg", "for postgresql URLs", async () => {
  const m = await import("pg");
  return ((m as unknown as { default?: PgModule }).default ?? m) as PgModule;
});
const loadCursor = lazy("pg-cursor", "for server-side cursors (streaming) on PostgreSQL", async () => {
  const m = await import("pg-cursor");
  return ((m as unknown as { default?: CursorCtor }).default ?? m) as CursorCtor;
});

/**
 * Per-connection type parsers: int8 → bigint, `timestamp` (no zone) read as UTC, `date` kept as
 * 'YYYY-MM-DD' text (the Date type processor makes it a UTC-midnight Date). numeric (and numeric[]) stays text,
 * json/jsonb parsed, bytea → Buffer, uuid → text: pg's defaults already.
 */
function makeTypes(types: PgModule["types"]): CustomTypesConfig {
  const base = types.getTypeParser as (oid: number, format?: string) => Parser;
  const textArray = base(1009);
  const arrayOf = (f: Parser): Parser => {
    const each = mapArray((v) => f(v as string));
    return (v) => each(textArray(v));
  };
  const timestamp: Parser = (v) => parseDateTimeUTC(v) ?? base(1114)(v);
  const own = new Map<number, Parser>([
    [20, BigInt],
    [1016, arrayOf(BigInt)],
    [1082, (v) => v],
    [1182, textArray],
    // numeric[]: pg parses the elements as floats; Numeric values are exact text
    [1231, textArray],
    [1114, timestamp],
    [1115, arrayOf(timestamp)],
  ]);
  const getTypeParser = (oid: number, format?: string): Parser =>
    (format === "binary" ? undefined : own.get(oid)) ?? base(oid, format);
  return { getTypeParser: getTypeParser as CustomTypesConfig["getTypeParser"] };
}

/** The PostgreSQL command tag: `INSERT 0 1`, `UPDATE 3`, `SELECT 2`; pg keeps only its first word. */
function commandTag(r: { command: string | null; rowCount: number | null }): string | null {
  if (!r.command) return null;
  if (r.rowCount === null || r.rowCount === undefined) return r.command;
  return r.command === "INSERT" ? `INSERT 0 ${r.rowCount}` : `${r.command} ${r.rowCount}`;
}

function toValues(params: DBAPIParams | null | undefined): unknown[] | undefined {
  if (params == null) return undefined;
  if (!Array.isArray(params)) {
    throw new ArgumentError("The pg driver takes positional parameters ($1, $2, …), not an object");
  }
  if (params.length > PG_MAX_PARAMETERS) throw new PgParameterLimitError(params.length);
  return params as unknown[];
}

function describe(fields: readonly { name: string; dataTypeID: number }[]): CursorColumn[] | null {
  return fields.length ? fields.map((f) => ({ name: f.name, typeCode: f.dataTypeID })) : null;
}

/** A buffered cursor: every row arrives with the query's response. */
class PgBufferedCursor implements DBAPICursor {
  description: CursorColumn[] | null = null;
  rowcount = -1;
  readonly lastrowid = null;
  statusMessage: string | null = null;
  private readonly buffer = new BufferedRows();

  constructor(private readonly conn: PgConnection) {}

  async execute(sql: string, params?: DBAPIParams | null): Promise<void> {
    this.reset();
    const r = await this.conn.run(sql, toValues(params));
    this.buffer.load(r.rows);
    this.description = describe(r.fields);
    this.rowcount = r.rowCount ?? -1;
    this.statusMessage = commandTag(r);
  }

  /** One round trip per parameter set, all through the same prepared statement. */
  async executemany(sql: string, seq: readonly DBAPIParams[]): Promise<void> {
    this.reset();
    let total = 0;
    for (const params of seq) {
      const r = await this.conn.run(sql, toValues(params));
      if (total >= 0) total = r.rowCount === null ? -1 : total + r.rowCount;
      this.statusMessage = commandTag(r);
    }
    this.rowcount = total;
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
    this.statusMessage = null;
  }
}

interface ReadResult {
  rows: unknown[][];
  result: { fields: { name: string; dataTypeID: number }[]; rowCount: number | null; command: string };
}

const FETCHALL_BATCH = 1000;

/**
 * A server-side cursor through pg-cursor (a named portal read `n` rows at a time). While it is
 * open, the client can run nothing else, so the connection buffers it before any other query.
 */
class PgServerCursor implements DBAPICursor {
  description: CursorColumn[] | null = null;
  rowcount = -1;
  readonly lastrowid = null;
  statusMessage: string | null = null;
  private cur: CursorInstance | null = null;
  /** rows read ahead (the first row, read to learn the description, or a buffered remainder) */
  private head: unknown[][] = [];
  private headPos = 0;
  private done = true;

  constructor(private readonly conn: PgConnection) {}

  async execute(sql: string, params?: DBAPIParams | null): Promise<void> {
    await this.close();
    const values = toValues(params);
    const Cursor = await loadCursor();
    await this.conn.bufferStreams();
    await this.conn.control.flush();
    const cur = new Cursor(sql, values, { rowMode: "array", types: this.conn.types }) as CursorInstance;
    this.conn.client.query(cur);
    this.cur = cur;
    this.done = false;
    this.conn.streams.add(this);
    // the description only arrives with the first read: read one row ahead
    const first = await this.read(1);
    this.setHead(first.rows);
    this.description = describe(first.result.fields);
  }

  executemany(): Promise<void> {
    return Promise.reject(new ArgumentError("executemany() is not available on a server-side cursor"));
  }

  private read(n: number): Promise<ReadResult> {
    const cur = this.cur!;
    return new Promise<ReadResult>((resolve, reject) => {
      cur.read(n, (err, rows, result) => {
        if (err) {
          this.conn.noteError(err);
          describePgError(err);
          this.finish();
          reject(err);
          return;
        }
        if (rows.length < n) {
          this.finish();
          this.rowcount = result.rowCount ?? -1;
          this.statusMessage = commandTag(result);
        }
        resolve({ rows: rows as unknown[][], result: result as ReadResult["result"] });
      });
    });
  }

  async fetchone(): Promise<unknown[] | null> {
    return (await this.fetchmany(1))[0] ?? null;
  }

  async fetchmany(size: number): Promise<unknown[][]> {
    const out = this.takeHead(size);
    if (out.length < size && !this.done) {
      const more = (await this.read(size - out.length)).rows;
      for (const row of more) out.push(row);
    }
    return out;
  }

  async fetchall(): Promise<unknown[][]> {
    const out = this.takeHead(Number.POSITIVE_INFINITY);
    while (!this.done) for (const row of (await this.read(FETCHALL_BATCH)).rows) out.push(row);
    return out;
  }

  /** Reads the rest into memory and releases the portal, so the client can run other queries. */
  async buffer(): Promise<void> {
    this.setHead(await this.fetchall());
  }

  private setHead(rows: unknown[][]): void {
    this.head = rows;
    this.headPos = 0;
  }

  /** Up to `n` read-ahead rows, by index: a buffered remainder may be large. */
  private takeHead(n: number): unknown[][] {
    if (this.headPos >= this.head.length) return [];
    const out =
      this.headPos === 0 && n >= this.head.length
        ? this.head
        : this.head.slice(this.headPos, this.headPos + n);
    this.headPos += out.length;
    if (this.headPos >= this.head.length) this.setHead([]);
    return out;
  }

  async close(): Promise<void> {
    this.setHead([]);
    const cur = this.cur;
    this.cur = null;
    if (cur === null || this.done) return this.finish();
    this.finish();
    // pg-cursor's close waits for the server's ReadyForQuery, which a dead connection never sends
    if (!this.conn.closed) await Promise.race([cur.close(), this.conn.ended]);
  }

  private finish(): void {
    this.done = true;
    this.conn.streams.delete(this);
  }
}

type Internals = {
  connection?: { parsedStatements?: Record<string, string>; stream?: { destroy?(): void } };
};

type QueryCtor = PgModule["Query"];

/**
 * A `pg.Client` with alkahest's prepared-statement cache: statements with parameters run as named
 * prepared statements `a_<sha1 of the SQL>`, and at most `statementCacheSize` of them stay
 * prepared. pg remembers which names it has parsed but never releases them, so an evicted name is
 * DEALLOCATEd (before the next prepared query) and dropped from pg's list; that keeps both the
 * server's memory and pg's bounded. Statements without parameters use the simple protocol.
 */
class PgConnection implements DBAPIConnection {
  readonly streams = new Set<PgServerCursor>();
  /** resolves when the client has ended (closed, terminated, or the server went away) */
  readonly ended: Promise<void>;
  private lost: unknown = null;
  private isEnded = false;
  /** SQL text → statement name, least recently used first */
  private readonly names = new Map<string, string>();
  /** evicted or stale names still prepared on the server */
  private readonly pending = new Set<string>();
  private deallocateAll = false;
  /** the schema generation (schema-generation.ts) the prepared statements were parsed under */
  private generation = schemaGeneration();
  /** BEGIN and ROLLBACK, owed and sent with the next statement */
  readonly control: TransactionControl;

  constructor(
    readonly client: Client,
    readonly types: CustomTypesConfig,
    private readonly cacheSize: number,
    Query: QueryCtor,
  ) {
    this.control = new TransactionControl(
      client as unknown as ControlClient,
      (config) => new Query(config as QueryArrayConfig) as unknown as ControlQuery,
      cacheSize > 0,
      () => (client as unknown as Internals).connection?.parsedStatements,
      (err) => this.noteError(err),
    );
    // an idle client whose backend dies emits 'error'; without a listener that would crash the process
    client.on("error", (err) => {
      this.lost = err;
    });
    this.ended = new Promise((resolve) =>
      client.once("end", () => {
        this.isEnded = true;
        resolve();
      }),
    );
  }

  /** pg's client; an owed ROLLBACK is sent first, so raw queries never run inside an ended transaction. */
  get driverConnection(): Client {
    this.control.sendRollbackNow();
    return this.client;
  }

  get closed(): boolean {
    return this.isEnded || this.lost !== null;
  }

  /** Names of the statements currently kept prepared (tests and diagnostics). */
  preparedStatements(): string[] {
    return [...this.names.values()];
  }

  cursor(opts?: CursorOptions): DBAPICursor {
    return opts?.serverSide ? new PgServerCursor(this) : new PgBufferedCursor(this);
  }

  async run(sql: string, values: unknown[] | undefined): Promise<QueryArrayResult> {
    if (this.streams.size) await this.bufferStreams();
    const config: QueryArrayConfig = { text: sql, rowMode: "array" };
    if (values !== undefined && values.length > 0) {
      config.values = values;
      if (this.cacheSize > 0) {
        if (this.generation !== schemaGeneration()) this.forgetPrepared();
        config.name = this.statementName(sql);
        if (this.pending.size || this.deallocateAll) {
          await this.control.flush();
          await this.deallocate();
        }
      }
    }
    const owed = this.control.takeFor(config);
    if (owed === null && this.control.owing) await this.control.flush();
    try {
      const r = (await (owed !== null ? this.control.query(config, owed) : this.client.query(config))) as
        | QueryArrayResult
        | QueryArrayResult[];
      noteIfDdl(sql);
      // several statements in one simple query (or carried control statements): the last is ours
      return Array.isArray(r) ? r[r.length - 1] : r;
    } catch (err) {
      this.noteError(err);
      describePgError(err, sql);
      // the server had lost a_begin or a_rollback: nothing ran, so prepare them anew and retry
      if (owed !== null && this.control.restore(owed, err)) return this.run(sql, values);
      if (config.name !== undefined) this.onPreparedError(err, sql, config.name);
      throw err;
    }
  }

  /** A FATAL error reaches the query before the socket closes: mark the connection lost now. */
  noteError(err: unknown): void {
    if (this.lost === null && classifyPgError(err)?.isDisconnect) this.lost = err;
  }

  private statementName(sql: string): string {
    let name = this.names.get(sql);
    if (name !== undefined) {
      this.names.delete(sql);
      this.names.set(sql, name);
      return name;
    }
    name = `a_${createHash("sha1").update(sql).digest("hex").slice(0, 24)}`;
    this.names.set(sql, name);
    if (this.names.size > this.cacheSize) {
      const [oldSql, oldName] = this.names.entries().next().value!;
      this.names.delete(oldSql);
      this.pending.add(oldName);
    }
    return name;
  }

  /**
   * Drops every prepared statement (before the next prepared query): after DDL, a statement
   * parsed earlier would keep binding its parameters with the old column types (see
   * schema-generation.ts).
   */
  private forgetPrepared(): void {
    this.names.clear();
    this.pending.clear();
    this.deallocateAll = true;
    this.generation = schemaGeneration();
  }

  /** The statement is gone (26000: DISCARD ALL, DEALLOCATE ALL) or stale (0A000 after DDL). */
  private onPreparedError(err: unknown, sql: string, name: string): void {
    const code = (err as { code?: unknown }).code;
    if (code === "26000") {
      this.forgetPrepared();
    } else if (code === "0A000" && /cached plan/i.test(String((err as Error).message))) {
      this.names.delete(sql);
      this.pending.add(name);
    }
  }

  private async deallocate(): Promise<void> {
    const parsed = (this.client as unknown as Internals).connection?.parsedStatements;
    if (this.deallocateAll) {
      try {
        await this.client.query("DEALLOCATE ALL");
      } catch {
        return; // in a failed transaction: retried before the next prepared query
      }
      this.deallocateAll = false;
      this.control.forget();
      if (parsed) for (const k of Object.keys(parsed)) delete parsed[k];
    }
    for (const name of [...this.pending]) {
      if (parsed && !(name in parsed)) {
        // never prepared on the server (its Parse failed): nothing to drop, and a DEALLOCATE of
        // an unknown name would fail and abort the transaction the next statement runs in
        this.pending.delete(name);
        continue;
      }
      try {
        await this.client.query(`DEALLOCATE ${name}`);
      } catch (err) {
        // "does not exist" means done; anything else (a failed transaction) is retried later
        if ((err as { code?: unknown }).code !== "26000") continue;
      }
      this.pending.delete(name);
      if (parsed) delete parsed[name];
    }
  }

  async bufferStreams(): Promise<void> {
    for (const s of [...this.streams]) await s.buffer();
  }

  /** Nothing is sent: BEGIN goes out with the first statement (see TransactionControl). */
  begin(): void {
    this.control.begin();
  }

  /** A transaction that ran nothing, or none open on the server, has nothing to commit. */
  async commit(): Promise<void> {
    if (this.control.takeEmptyCommit()) return;
    await this.run("COMMIT", undefined);
  }

  /** Owed, not sent: it rides with the next statement or goes at the end of this event-loop turn. */
  rollback(): void {
    // a lost connection has nothing open any more: the server rolled it back when it went
    if (!this.closed) this.control.rollback();
  }

  async close(): Promise<void> {
    if (this.isEnded) return;
    if (this.lost === null) await this.control.settle().catch((err: unknown) => this.noteError(err));
    for (const s of [...this.streams]) await s.close();
    if (this.lost !== null) return this.terminate();
    await Promise.race([this.client.end(), this.ended]);
  }

  terminate(): void {
    if (this.isEnded) return;
    this.lost ??= new Error("terminated");
    const stream = (this.client as unknown as Internals).connection?.stream;
    if (stream?.destroy) stream.destroy();
    else this.client.end().catch(() => undefined);
  }
}

/**
 * The `pg` adapter (`postgresql://` and `postgresql+pg://` URLs).
 * @example
 * const conn = await pgAdapter.connect({ connectionString: "postgresql://root@127.0.0.1/test" });
 * const cur = conn.cursor();
 * await cur.execute("SELECT $1::int + 1", [41]);
 * await cur.fetchone(); // [42]
 */
export const pgAdapter: DriverAdapter<PgConnectArgs> = {
  name: "pg",
  async connect(args: PgConnectArgs = {}): Promise<DBAPIConnection> {
    const pg = await loadPg();
    const { preparedStatements = true, statementCacheSize = 100, ...config } = args;
    const types = makeTypes(pg.types);
    const client = new pg.Client({ ...config, types });
    const size =
      preparedStatements === false || String(preparedStatements) === "false" ? 0 : Number(statementCacheSize);
    const conn = new PgConnection(client, types, size, pg.Query);
    await client.connect();
    return conn;
  },
  classifyError: classifyPgError,
};
