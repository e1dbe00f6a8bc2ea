/**
 * Shared pieces of the `alkahest/database` suite: the encode/databases test tables, a Database
 * on a dialect case's engine (its own PostgreSQL schema / MySQL database / SQLite file), and the
 * pool's checked-out count, which is how the cancellation tests prove nothing leaked.
 */
import { afterEach, beforeEach } from "vitest";
import { Database, type DatabaseOptions } from "../../src/database/index.js";
import * as sa from "../../src/index.js";
import type { DialectCase } from "../engine/conformance/dialects.js";

/** encode/databases' `notes` table, under a per-file name. */
export function notesTable(name: string) {
  const meta = new sa.MetaData();
  const notes = new sa.Table(
    name,
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("text", sa.String(100)),
    new sa.Column("completed", sa.Boolean),
  );
  return { meta, notes };
}

/** Creates the tables before each test and drops them after (encode/databases' fixture). */
export function withTables(d: DialectCase, meta: sa.MetaData): void {
  let engine: sa.Engine;
  beforeEach(async () => {
    engine = d.engine();
    await engine.begin(async (conn) => {
      await meta.dropAll(conn, { checkfirst: true });
      await meta.createAll(conn);
    });
  });
  afterEach(async () => {
    // a Database still holding a transaction on the tables would block the DROP
    await closeDatabases();
    await engine.begin((conn) => meta.dropAll(conn, { checkfirst: true }));
    await engine.dispose();
  });
}

/** Databases opened by `openDatabase`, disconnected (and their engines disposed) after each test. */
const opened: { db: Database; engine: sa.Engine }[] = [];

/** Disconnects the Databases `openDatabase` opened and disposes their engines. */
export async function closeDatabases(): Promise<void> {
  for (const { db, engine } of opened.splice(0)) {
    await db.disconnect();
    await engine.dispose();
  }
}

afterEach(closeDatabases);

/**
 * A connected Database on the case's database. `engineOptions` go to the case's engine (which
 * carries the per-file schema); the Database is closed after the test.
 */
export async function openDatabase(
  d: DialectCase,
  opts: { forceRollback?: boolean; engine?: sa.EngineOptions; connect?: boolean } = {},
): Promise<Database> {
  const engine = d.engine(opts.engine);
  const dbOptions: DatabaseOptions = opts.forceRollback ? { forceRollback: true } : {};
  const db = new Database(engine, dbOptions);
  opened.push({ db, engine });
  if (opts.connect ?? true) await db.connect();
  return db;
}

/** Connections checked out of a QueuePool, read from `pool.status()`. */
export function checkedOut(engine: sa.Engine): number {
  const m = /Current Checked out connections: (-?\d+)/.exec(engine.pool.status());
  if (!m) throw new Error(`not a QueuePool status: ${engine.pool.status()}`);
  return Number(m[1]);
}

/** Idle connections in a QueuePool, read from `pool.status()`. */
export function checkedIn(engine: sa.Engine): number {
  const m = /Connections in pool: (\d+)/.exec(engine.pool.status());
  if (!m) throw new Error(`not a QueuePool status: ${engine.pool.status()}`);
  return Number(m[1]);
}

/** A promise and the function that resolves it (asyncio.Event). */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Waits until `cond()` holds (polling), failing after `ms`. */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The rejection of `p` (fails when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  const out = await p.then(
    () => null,
    (e: unknown) => e as Error,
  );
  if (out === null) throw new Error("expected a rejection, but the promise resolved");
  return out;
}

/** A statement that keeps the server busy for `seconds` (PostgreSQL, MySQL). */
export function sleepSql(d: DialectCase, seconds: number): string {
  return d.name === "postgresql" ? `SELECT pg_sleep(${seconds})` : `SELECT SLEEP(${seconds})`;
}
