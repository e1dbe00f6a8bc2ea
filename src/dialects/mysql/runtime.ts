import { InvalidRequestError } from "../../exc.js";
import { IdentifierPreparer } from "../../sql/compiler/identifier-preparer.js";
import type { DialectOptions } from "../../sql/dialect.js";
import type { ClassifiedError, DBAPIConnection, DriverAdapter } from "../dbapi.js";
import { queryAll } from "../query.js";
import {
  type ConnectParams,
  type DefaultPoolKind,
  networkConnectArgs,
  type RuntimeDialect,
} from "../runtime.js";
import { MySQLDialect, type MySQLDialectOptions } from "./dialect.js";
import { classifyMysqlError } from "./mysql-errors.js";

const ISOLATION_LEVELS = [
  "READ UNCOMMITTED",
  "READ COMMITTED",
  "REPEATABLE READ",
  "SERIALIZABLE",
  "AUTOCOMMIT",
] as const;

/**
 * `VERSION()` text to numbers and flavour: `10.11.19-MariaDB-0+deb12u1` → MariaDB [10, 11, 19];
 * the `5.5.5-` prefix old MariaDB servers put before their real version is skipped.
 * @example
 * parseServerVersion("8.0.36"); // { isMariadb: false, version: [8, 0, 36] }
 */
export function parseServerVersion(text: string): { isMariadb: boolean; version: number[] } {
  const isMariadb = /mariadb/i.test(text);
  const body = isMariadb ? text.replace(/^5\.5\.5-/, "") : text;
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(body);
  const version = m ? [m[1], m[2], m[3]].filter((p) => p !== undefined).map(Number) : [];
  return { isMariadb, version };
}

/** Options of the runtime dialect. */
export interface MySQLRuntimeOptions extends MySQLDialectOptions {
  /** the URL said `mariadb`: refuse a MySQL server, as SQLAlchemy's mariadb dialect does */
  requireMariadb?: boolean;
}

/**
 * MySQL and MariaDB on `mysql2` (`mysql://`, `mariadb://` URLs): `?` placeholders, the binary
 * protocol with a per-connection statement cache, server-side cursors over the unbuffered row
 * stream. `initialize` reads the server: MariaDB gets its reserved words and, from 10.5, INSERT
 * (and DELETE) ... RETURNING; MySQL 8.0.20+ the `AS new` row alias in ON DUPLICATE KEY UPDATE.
 */
export class MySQLRuntimeDialect extends MySQLDialect implements RuntimeDialect {
  readonly driverName = "mysql2";
  readonly supportsServerSideCursors = true;
  /**
   * mysqlclient rewrites an executemany INSERT into multi-row VALUES itself; mysql2 sends one
   * statement per parameter set. So, as SQLAlchemy does for psycopg2, executemany INSERTs are
   * batched into multi-row VALUES (insertmanyvalues) even without RETURNING.
   */
  override useInsertmanyvaluesWoReturning = true;
  readonly isolationLevelValues: readonly string[] = ISOLATION_LEVELS;
  defaultIsolationLevel: string | null = "REPEATABLE READ";
  _defaultIsolationRead = false;
  /** sql_mode has ANSI_QUOTES: identifiers are quoted with `"` */
  ansiQuotes = false;
  /** sql_mode lacks NO_BACKSLASH_ESCAPES: backslashes in string literals are escapes */
  backslashEscapes = true;
  private readonly requireMariadb: boolean;
  private adapter: DriverAdapter | null = null;

  constructor(opts: MySQLRuntimeOptions = {}) {
    const { requireMariadb = false, ...rest } = opts;
    super({ isMariadb: requireMariadb || undefined, ...rest });
    this.requireMariadb = requireMariadb;
  }

  async loadDriver(): Promise<DriverAdapter> {
    this.adapter ??= (await import("./mysql2.js")).mysql2Adapter;
    return this.adapter;
  }

  createConnectArgs(
    params: ConnectParams,
    connectArgs: Readonly<Record<string, unknown>>,
  ): Record<string, unknown> {
    return networkConnectArgs(params, connectArgs, (args, k, value) => {
      if (k === "charset") args.charset = value;
      else if (k === "connect_timeout") args.connectTimeout = Number(value) * 1000;
      else if (k === "unix_socket") args.socketPath = value;
      else if (k === "ssl" || k === "ssl_mode") args.ssl = sslOption(value);
      else return false;
      return true;
    });
  }

  defaultPoolKind(_params: ConnectParams): DefaultPoolKind {
    return "QueuePool";
  }

  async initialize(conn: DBAPIConnection): Promise<void> {
    const rows = await queryAll(conn, "SELECT VERSION(), @@sql_mode");
    const { isMariadb, version } = parseServerVersion(String(rows[0]?.[0] ?? ""));
    if (this.requireMariadb && !isMariadb) {
      throw new InvalidRequestError(`MySQL version ${version.join(".")} is not a MariaDB variant.`);
    }
    const modes = String(rows[0]?.[1] ?? "").toUpperCase();
    this.ansiQuotes = /\bANSI_QUOTES\b/.test(modes);
    this.backslashEscapes = !/\bNO_BACKSLASH_ESCAPES\b/.test(modes);
    // `name` stays as the URL said (SQLAlchemy keeps "mysql" on a MariaDB server), the flavour switches
    (this as { isMariadb: boolean }).isMariadb = isMariadb;
    this.serverVersionInfo = version;
    this.applyServerVersion();
    (this as { identifierPreparer: IdentifierPreparer }).identifierPreparer = this.makePreparer();
    if (!this._defaultIsolationRead) this.defaultIsolationLevel = await this.getIsolationLevel(conn);
  }

  /** The reserved words of the flavour found; `"` quoting under ANSI_QUOTES. */
  protected override makePreparer(): IdentifierPreparer {
    const base = super.makePreparer();
    if (!(this as { ansiQuotes?: boolean }).ansiQuotes) return base;
    return new IdentifierPreparer(base.reservedWords, '"', '"', this.doublePercents);
  }

  override renderLiteralString(value: string): string {
    if (this.backslashEscapes) return super.renderLiteralString(value);
    let v = value.replaceAll("'", "''");
    if (this.doublePercents) v = v.replaceAll("%", "%%");
    return `'${v}'`;
  }

  /** COM_PING when the connection offers it (mysql2 does), else `SELECT 1`. */
  async ping(conn: DBAPIConnection): Promise<void> {
    const c = conn as DBAPIConnection & { ping?: () => Promise<void> };
    if (typeof c.ping === "function") await c.ping();
    else await queryAll(conn, "SELECT 1");
  }

  classifyError(err: unknown): ClassifiedError | null {
    return classifyMysqlError(err);
  }

  /** AUTOCOMMIT needs nothing: the session autocommits and alkahest simply sends no BEGIN. */
  async setIsolationLevel(conn: DBAPIConnection, level: string): Promise<void> {
    if (level === "AUTOCOMMIT") return;
    await queryAll(conn, `SET SESSION TRANSACTION ISOLATION LEVEL ${level}`);
  }

  /** `@@transaction_isolation` (MySQL 8, MariaDB 11.1+) or `@@tx_isolation`: `REPEATABLE-READ`. */
  async getIsolationLevel(conn: DBAPIConnection): Promise<string> {
    const v = this.serverVersionInfo ?? [];
    const modern = this.isMariadb ? atLeast(v, [11, 1]) : atLeast(v, [8, 0, 3]);
    const rows = await queryAll(conn, `SELECT @@${modern ? "transaction_isolation" : "tx_isolation"}`);
    return String(rows[0]?.[0] ?? "")
      .replaceAll("-", " ")
      .toUpperCase();
  }

  /** Whether a table (or view) exists in the schema, or in the current database. */
  async hasTable(conn: DBAPIConnection, name: string, schema?: string | null): Promise<boolean> {
    const rows = await queryAll(
      conn,
      "SELECT 1 FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?",
      [schema ?? null, name],
    );
    return rows.length > 0;
  }
}

function atLeast(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < min.length; i++) {
    const a = v[i] ?? 0;
    if (a !== min[i]) return a > min[i];
  }
  return true;
}

/** `ssl=true` / `ssl_mode=REQUIRED` → TLS without verification; DISABLED/false → none; else verified. */
function sslOption(value: string): false | Record<string, unknown> {
  const v = value.toUpperCase();
  if (v === "FALSE" || v === "0" || v === "DISABLED") return false;
  if (v === "REQUIRED" || v === "PREFERRED" || v === "TRUE" || v === "1")
    return { rejectUnauthorized: false };
  return {};
}

/**
 * A runtime MySQL dialect with the `?` paramstyle mysql2 takes; a MariaDB server is detected on
 * first connect.
 * @example
 * registerDialect("mysql+mysql2", runtimeDialect);
 */
export function runtimeDialect(opts?: DialectOptions): MySQLRuntimeDialect {
  return new MySQLRuntimeDialect({ paramstyle: "qmark", ...opts });
}

/**
 * A runtime MariaDB dialect (`mariadb://` URLs): named `mariadb`, MariaDB's reserved words from
 * the start, and a MySQL server is refused.
 * @example
 * registerDialect("mariadb+mysql2", mariadbRuntimeDialect);
 */
export function mariadbRuntimeDialect(opts?: DialectOptions): MySQLRuntimeDialect {
  return new MySQLRuntimeDialect({ paramstyle: "qmark", ...opts, requireMariadb: true });
}
