import type { DialectOptions } from "../../sql/dialect.js";
import type { ClassifiedError, DBAPIConnection, DriverAdapter } from "../dbapi.js";
import { queryAll } from "../query.js";
import type { ConnectParams, DefaultPoolKind, RuntimeDialect } from "../runtime.js";
import { SQLiteDialect } from "./dialect.js";
import { classifySqliteError } from "./sqlite-errors.js";
import { type SqliteTarget, sqliteTarget } from "./sqlite-uri.js";

const ISOLATION_LEVELS = ["READ UNCOMMITTED", "SERIALIZABLE", "AUTOCOMMIT"] as const;

/** URL query keys that are the adapter's own connect arguments, not SQLite URI parameters. */
const ADAPTER_ARGS = new Set(["timeout", "readonly", "fileMustExist", "safeIntegers", "statementCacheSize"]);

/** A query option's value (its last one when repeated). */
function lastValue(v: string | readonly string[]): string {
  return typeof v === "string" ? v : v[v.length - 1];
}

/**
 * With pysqlite's `?uri=true`, the database is a SQLite URI filename (`file:…`): its target,
 * from the URI and the query options that are not the adapter's own; null without `uri=true`.
 */
function uriTarget(params: ConnectParams): SqliteTarget | null {
  const uri = params.query.uri;
  if (uri === undefined || !["true", "1"].includes(lastValue(uri))) return null;
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(params.query)) {
    if (k !== "uri" && !ADAPTER_ARGS.has(k)) query[k] = lastValue(v);
  }
  return sqliteTarget(params.database ?? "", query);
}

/**
 * SQLite on better-sqlite3: the dialect the engine runs with (`sqlite://` URLs). An in-memory
 * database gets a StaticPool (one shared connection) so its tables survive between checkouts.
 */
export class SQLiteRuntimeDialect extends SQLiteDialect implements RuntimeDialect {
  readonly driverName = "better_sqlite3";
  readonly supportsServerSideCursors = true;
  /**
   * pysqlite's executemany loops in C, so SQLAlchemy keeps it; better-sqlite3 has no executemany
   * and a JS loop of `run()` costs ~0.5 µs a row more than multi-row VALUES. So executemany
   * INSERTs are batched (insertmanyvalues), paged by the page size and SQLite's parameter limit.
   */
  override useInsertmanyvaluesWoReturning = true;
  readonly isolationLevelValues: readonly string[] = ISOLATION_LEVELS;
  defaultIsolationLevel: string | null = "SERIALIZABLE";
  _defaultIsolationRead = false;
  private adapter: DriverAdapter | null = null;

  async loadDriver(): Promise<DriverAdapter> {
    this.adapter ??= (await import("./better-sqlite3.js")).betterSqlite3Adapter;
    return this.adapter;
  }

  createConnectArgs(
    params: ConnectParams,
    connectArgs: Readonly<Record<string, unknown>>,
  ): Record<string, unknown> {
    const target = uriTarget(params);
    const args: Record<string, unknown> = { filename: params.database || ":memory:", ...target };
    for (const [k, v] of Object.entries(params.query)) {
      const value = lastValue(v);
      if (k === "timeout") args.timeout = Number(value) * 1000;
      // `uri` itself, and with it every URI parameter (uriTarget read them)
      else if (k === "uri" || (target !== null && !ADAPTER_ARGS.has(k))) continue;
      else if (k === "mode" && value === "ro") args.readonly = true;
      else args[k] = value;
    }
    return { ...args, ...connectArgs };
  }

  defaultPoolKind(params: ConnectParams): DefaultPoolKind {
    const filename = uriTarget(params)?.filename ?? params.database;
    return !filename || filename === ":memory:" ? "StaticPool" : "QueuePool";
  }

  async initialize(conn: DBAPIConnection): Promise<void> {
    const rows = await queryAll(conn, "SELECT sqlite_version()");
    const version = String(rows[0]?.[0] ?? "0")
      .split(".")
      .map(Number);
    this.serverVersionInfo = version;
    const atLeast = (a: number, b: number) => version[0] > a || (version[0] === a && version[1] >= b);
    this.insertReturning = this.updateReturning = this.deleteReturning = atLeast(3, 35);
    this.supportsMultivaluesInsert = atLeast(3, 7);
    this.insertmanyvaluesMaxParameters = atLeast(3, 32) ? 32766 : 999;
  }

  async ping(conn: DBAPIConnection): Promise<void> {
    await queryAll(conn, "SELECT 1");
  }

  classifyError(err: unknown): ClassifiedError | null {
    return classifySqliteError(err);
  }

  async setIsolationLevel(conn: DBAPIConnection, level: string): Promise<void> {
    if (level === "AUTOCOMMIT") return;
    await queryAll(conn, `PRAGMA read_uncommitted = ${level === "READ UNCOMMITTED" ? 1 : 0}`);
  }

  async getIsolationLevel(conn: DBAPIConnection): Promise<string> {
    const rows = await queryAll(conn, "PRAGMA read_uncommitted");
    return Number(rows[0]?.[0]) === 1 ? "READ UNCOMMITTED" : "SERIALIZABLE";
  }

  /** Whether a table exists (main and temp schemas, or the given attached schema). */
  async hasTable(conn: DBAPIConnection, name: string, schema?: string | null): Promise<boolean> {
    const q = (s: string) =>
      `PRAGMA ${this.identifierPreparer.quoteIdentifier(s)}.table_info(${this.identifierPreparer.quoteIdentifier(name)})`;
    if (schema) return (await queryAll(conn, q(schema))).length > 0;
    return (await queryAll(conn, q("main"))).length > 0 || (await queryAll(conn, q("temp"))).length > 0;
  }
}

/** A runtime SQLite dialect with the qmark paramstyle better-sqlite3 takes. */
export function runtimeDialect(opts?: DialectOptions): SQLiteRuntimeDialect {
  return new SQLiteRuntimeDialect({ paramstyle: "qmark", ...opts });
}
