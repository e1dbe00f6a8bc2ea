import type { Dialect } from "../sql/dialect.js";
import type { Processor, TypeEngine } from "../sql/types/type-engine.js";
import type { ClassifiedError, DBAPIConnection, DriverAdapter } from "./dbapi.js";

/** The parts of a database URL a dialect turns into driver connect arguments. */
export interface ConnectParams {
  host: string | null;
  port: number | null;
  database: string | null;
  username: string | null;
  password: string | null;
  query: Readonly<Record<string, string | readonly string[]>>;
}

/**
 * A network driver's connect arguments from a URL: host, port, database, user and password, then
 * each query option (its last value when repeated); `option` sets the ones the driver spells
 * differently and returns false for the rest, which pass through as given. `connectArgs` win.
 * @example
 * networkConnectArgs(params, {}, (args, k, v) => k === "charset" && ((args.charset = v), true));
 */
export function networkConnectArgs(
  params: ConnectParams,
  connectArgs: Readonly<Record<string, unknown>>,
  option: (args: Record<string, unknown>, name: string, value: string) => boolean,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (params.host) args.host = params.host;
  if (params.port) args.port = params.port;
  if (params.database) args.database = params.database;
  if (params.username) args.user = params.username;
  if (params.password !== null) args.password = params.password;
  for (const [k, v] of Object.entries(params.query)) {
    const value = typeof v === "string" ? v : v[v.length - 1];
    if (!option(args, k, value)) args[k] = value;
  }
  return { ...args, ...connectArgs };
}

/** Which pool a URL gets when none is chosen. */
export type DefaultPoolKind = "QueuePool" | "StaticPool" | "NullPool";

/**
 * What the engine needs from a dialect at run time, on top of compiling: the driver, connect
 * arguments, type processors, isolation levels, error classification and server-version setup.
 */
export interface RuntimeDialect extends Dialect {
  /** the driver name (`better_sqlite3`, `pg`, `mysql2`) */
  readonly driverName: string;
  /** streaming through server-side cursors is available */
  readonly supportsServerSideCursors: boolean;
  /** the isolation levels `executionOptions({ isolationLevel })` accepts (AUTOCOMMIT included) */
  readonly isolationLevelValues: readonly string[];
  /** loads the driver adapter (the driver package is imported lazily) */
  loadDriver(): Promise<DriverAdapter>;
  /** driver connect arguments from the URL, merged with `connectArgs` */
  createConnectArgs(
    params: ConnectParams,
    connectArgs: Readonly<Record<string, unknown>>,
  ): Record<string, unknown>;
  /** the pool a URL gets by default (StaticPool for an in-memory SQLite database) */
  defaultPoolKind(params: ConnectParams): DefaultPoolKind;
  /** runs once on the first connection: server version, defaults, feature flags */
  initialize(conn: DBAPIConnection): Promise<void>;
  /** a cheap round trip proving the connection works (pre-ping) */
  ping(conn: DBAPIConnection): Promise<void>;
  /** converts a JS value for the driver, per type; null when nothing to do */
  bindProcessor(type: TypeEngine): Processor | null;
  /**
   * converts a driver value to the JS value, per type; null when nothing to do. `typeCode` is
   * the column's type in the cursor description (pg OID, mysql2 column type), when known: a
   * dialect may skip the processor where its driver already returns the final value for it.
   */
  resultProcessor(type: TypeEngine, typeCode?: unknown): Processor | null;
  /** classifies a driver error into the DBAPIError hierarchy */
  classifyError(err: unknown): ClassifiedError | null;
  /** sets the connection's isolation level (`AUTOCOMMIT` switches BEGIN off) */
  setIsolationLevel(conn: DBAPIConnection, level: string): Promise<void>;
  /** the connection's current isolation level */
  getIsolationLevel(conn: DBAPIConnection): Promise<string>;
  /** the level connections have by default (read by `initialize`) */
  defaultIsolationLevel: string | null;
  /**
   * @internal set when the engine read `defaultIsolationLevel` from the first connection before
   * giving it the engine's own level (`createEngine({ isolationLevel })`): `initialize`, which
   * runs after, would otherwise read the engine's level as the database's
   */
  _defaultIsolationRead?: boolean;
  /** whether a table exists (createAll/dropAll with checkfirst) */
  hasTable(conn: DBAPIConnection, name: string, schema?: string | null): Promise<boolean>;
}
