/**
 * The lock against concurrent runners. Session-scoped on the migration's own connection, so a
 * runner that dies releases it with its session: PostgreSQL `pg_try_advisory_lock` polled until
 * the timeout (polling rather than `lock_timeout` keeps the caller's session settings intact),
 * MySQL/MariaDB `GET_LOCK(name, timeout)`; both keyed on the version table qualified by its
 * schema (the database on MySQL), so runs on other databases of the server go ahead. SQLite has no session locks, and a `BEGIN IMMEDIATE`
 * on the migrating connection cannot be issued through `Connection` (it begins with a deferred
 * `BEGIN`); so a second connection holds `BEGIN IMMEDIATE` on a sibling lock database
 * (`<file>.migrate-lock`) for the run. SQLite's file locks die with the process; a waiting
 * runner waits up to the timeout (`busy_timeout`). In-memory databases need no lock.
 */
import type { Connection } from "../engine/connection.js";
import { text } from "../sql/index.js";
import { MigrationLockTimeout } from "./errors.js";

/** Releases a held lock. */
export type ReleaseLock = () => Promise<void>;

/** A 31-bit FNV-1a hash, so PostgreSQL gets a stable integer key per version table. */
function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x7fffffff;
}

async function scalar(conn: Connection, sql: string, params: Record<string, unknown>): Promise<unknown> {
  const r = await conn.execute(text(sql), params);
  return r.scalar();
}

/** Ends the transaction a lock query autobegan, unless the caller owns one. */
async function settle(conn: Connection, callerTx: boolean): Promise<void> {
  if (!callerTx) await conn.commit();
}

/** The table the lock guards: the version table, with its schema when one is configured. */
export interface LockedTable {
  schema: string | null;
  name: string;
}

/**
 * Where an unqualified version table lives: PostgreSQL's advisory locks are per database, but
 * two schemas of one database hold two version tables; MySQL's GET_LOCK names are server-wide,
 * so the database must be in the name or two databases on one server would wait on each other.
 */
async function defaultSchema(conn: Connection, callerTx: boolean): Promise<string> {
  const sql = conn.dialect.name === "postgresql" ? "SELECT current_schema()" : "SELECT DATABASE()";
  const schema = await scalar(conn, sql, {});
  await settle(conn, callerTx);
  return typeof schema === "string" ? schema : "";
}

/** GET_LOCK names are limited to 64 characters: a longer one keeps a hash of the whole. */
function mysqlLockName(qualified: string): string {
  const full = `alkahest:${qualified}`;
  return full.length <= 64 ? full : `alkahest:${hashKey(qualified).toString(16)}:${qualified.slice(-40)}`;
}

/**
 * Takes the migration lock for `table` (the version table) on `conn`.
 * @example
 * const release = await acquireLock(conn, { schema: null, name: "alembic_version" }, 30_000);
 * try { ... } finally { await release(); }
 */
export async function acquireLock(
  conn: Connection,
  table: LockedTable,
  timeoutMs: number,
): Promise<ReleaseLock> {
  const dialect = conn.dialect.name;
  const callerTx = conn.inTransaction();
  const serverLocked = dialect === "postgresql" || dialect === "mysql" || dialect === "mariadb";
  const schema = table.schema ?? (serverLocked ? await defaultSchema(conn, callerTx) : "");
  const name = `${schema}.${table.name}`;
  if (dialect === "postgresql") {
    const key = hashKey(`alkahest:${name}`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ok = await scalar(conn, "SELECT pg_try_advisory_lock(7262, :k)", { k: key });
      await settle(conn, callerTx);
      if (ok === true) break;
      if (Date.now() >= deadline) throw new MigrationLockTimeout(timeoutMs);
      await new Promise((r) => setTimeout(r, 50));
    }
    return async () => {
      // an aborted transaction refuses every statement: the caller rolls back before releasing
      await scalar(conn, "SELECT pg_advisory_unlock(7262, :k)", { k: key });
      await settle(conn, callerTx);
    };
  }
  if (dialect === "mysql" || dialect === "mariadb") {
    const lockName = mysqlLockName(name);
    const ok = await scalar(conn, "SELECT GET_LOCK(:n, :t)", { n: lockName, t: Math.ceil(timeoutMs / 1000) });
    await settle(conn, callerTx);
    if (Number(ok) !== 1) throw new MigrationLockTimeout(timeoutMs);
    return async () => {
      await scalar(conn, "SELECT RELEASE_LOCK(:n)", { n: lockName });
      await settle(conn, callerTx);
    };
  }
  if (dialect === "sqlite") return sqliteLock(conn, timeoutMs);
  return async () => {};
}

interface LockDb {
  exec(sql: string): unknown;
  close(): unknown;
}

/** One lock per database file: the file is the database, whatever the version table. */
async function sqliteLock(conn: Connection, timeoutMs: number): Promise<ReleaseLock> {
  const file = conn.engine.url.database;
  if (!file || file === ":memory:" || file.includes("mode=memory")) return async () => {};
  const spec = "better-sqlite3";
  const { default: Database } = (await import(spec)) as {
    default: new (path: string, opts: { timeout: number }) => LockDb;
  };
  // timeout 0 and async polling: better-sqlite3 waits synchronously, which would freeze the
  // event loop (and another runner in the same process holding the lock)
  const db = new Database(`${file}.migrate-lock`, { timeout: 0 });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.exec("BEGIN IMMEDIATE");
      break;
    } catch (err) {
      if ((err as { code?: unknown }).code !== "SQLITE_BUSY" || Date.now() >= deadline) {
        db.close();
        if ((err as { code?: unknown }).code === "SQLITE_BUSY") throw new MigrationLockTimeout(timeoutMs);
        throw err;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return async () => {
    db.exec("ROLLBACK");
    db.close();
  };
}
