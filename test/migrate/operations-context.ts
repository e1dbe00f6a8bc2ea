/**
 * Recording contexts for the operation tests: online, the runner's MigrationContext on a real
 * Connection, plus the SQL the driver received; offline, a context that compiles with literal
 * binds and records the text, as `--sql` writes it.
 */
import { expect } from "vitest";
import * as sa from "../../src/index.js";
import { MigrationContext } from "../../src/migrate/context.js";
import type { MigrationContextLike } from "../../src/migrate/context-like.js";
import { Operations } from "../../src/migrate/operations/index.js";
import type { DialectCase } from "../engine/conformance/dialects.js";

/** SQL without the DDL compiler's layout whitespace, for comparisons. */
export const norm = (sql: string): string =>
  sql.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/ \)/g, ")").trim();

/** A context plus the statements it ran or wrote. */
export interface RecordingContext extends MigrationContextLike {
  readonly log: string[];
}

/**
 * Online: `MigrationContext.configure({ connection })` on `conn` (which the test owns); the log
 * holds what the driver got.
 * @example
 * const ctx = onlineContext(conn); await new Operations(ctx).dropTable("t");
 */
export function onlineContext(conn: sa.Connection): RecordingContext {
  const log: string[] = [];
  sa.event.listen(conn.engine, "before_cursor_execute", (_c: unknown, _cur: unknown, statement: string) => {
    log.push(norm(statement));
  });
  const real = MigrationContext.configure({ connection: conn });
  return {
    log,
    dialect: real.dialect,
    asSql: false,
    connection: conn,
    transactionalDdl: real.transactionalDdl,
    execute: (stmt, params) => real.execute(stmt, params),
    autocommitBlock: (fn) => real.autocommitBlock(fn),
    mayEndTransaction: () => real.mayEndTransaction(),
    inspector: () => real.inspector(),
  };
}

/**
 * Offline: compiles with literal binds, as the `--sql` output would show.
 * @example
 * const ctx = offlineContext(engine.dialect); await new Operations(ctx).dropTable("t"); ctx.log;
 */
export function offlineContext(dialect: sa.Dialect): RecordingContext {
  const log: string[] = [];
  return {
    log,
    dialect,
    asSql: true,
    connection: null,
    transactionalDdl: dialect.name === "postgresql",
    async execute(stmt, params) {
      const el = typeof stmt === "string" ? sa.text(stmt) : stmt;
      for (const set of Array.isArray(params) ? params : [params]) {
        const opts = set ? { literalParams: set, columnKeys: Object.keys(set) } : {};
        log.push(norm(el.compile({ dialect, literalBinds: true, ...opts }).string));
      }
    },
    async autocommitBlock(fn) {
      log.push("COMMIT");
      const r = await fn();
      log.push("BEGIN");
      return r;
    },
    mayEndTransaction: () => false,
    inspector: () => Promise.reject(new Error("no inspector offline")),
  };
}

/**
 * Runs the ops online through `ctx` (committed) and offline: the offline text must equal what
 * the driver received, leaving out the reads (reflection, pragmas) only the online run makes.
 * Returns the statements.
 * @example
 * expect(await onlineAndOffline(ctx, (op) => op.dropTable("t"))).toEqual(["DROP TABLE t"]);
 */
export async function onlineAndOffline(
  ctx: RecordingContext,
  fn: (op: Operations) => Promise<void>,
): Promise<string[]> {
  ctx.log.length = 0;
  await fn(new Operations(ctx));
  if (ctx.connection?.inTransaction()) await ctx.connection.commit();
  const online = ctx.log.filter((s) => !/^(PRAGMA|SELECT)\b/.test(s));
  const offline = offlineContext(ctx.dialect);
  await fn(new Operations(offline));
  expect(offline.log).toEqual(online);
  return online;
}

/** An engine of the case, one connection on it and a recording context over that connection. */
export interface OnlineSetup {
  engine: sa.Engine;
  conn: sa.Connection;
  ctx: RecordingContext;
}

/**
 * The setup every online operation suite opens in `beforeAll`.
 * @example
 * beforeAll(async () => ({ engine, conn, ctx } = await openOnline(d)));
 * afterAll(() => closeOnline(engine, conn));
 */
export async function openOnline(d: DialectCase): Promise<OnlineSetup> {
  const engine = d.engine();
  const conn = await engine.connect();
  return { engine, conn, ctx: onlineContext(conn) };
}

/** Closes what `openOnline` opened (either may be missing when its beforeAll failed). */
export async function closeOnline(
  engine: sa.Engine | undefined,
  conn: sa.Connection | undefined,
): Promise<void> {
  await conn?.close();
  await engine?.dispose();
}
