/**
 * SQLAlchemy's insertmanyvalues at execution time: the batches ExecutionContext planned (several
 * parameter sets per multi-row VALUES statement) sent on one cursor, their RETURNING rows put
 * back in parameter order.
 */
import { type DBAPICursor, type DBAPIParams, isThenable } from "../dialects/dbapi.js";
import type { Connection } from "./connection.js";
import type { ExecutionContext } from "./execution-context.js";

/**
 * Sends the batches of an INSERTMANYVALUES execution on one cursor, collecting RETURNING rows
 * in parameter order and summing rowcounts. Each batch fires before_cursor_execute with its
 * own SQL and parameters (executemany true; `retval` may replace them) and is echoed with
 * SQLAlchemy's `(insertmanyvalues) 1/N (ordered)` stats; after_cursor_execute gets the
 * statement and parameter sets of the whole execution.
 */
export async function runBatches(
  conn: Connection,
  ctx: ExecutionContext,
  cursor: DBAPICursor,
  cacheStats: string,
): Promise<DBAPICursor> {
  const rows: unknown[][] = [];
  let rowcount = 0;
  let description: DBAPICursor["description"] = null;
  const order = returningOrderColumn(ctx);
  const batches = ctx.batches!;
  const before = conn._hasListeners("before_cursor_execute");
  const after = conn._hasListeners("after_cursor_execute");
  const sorted = order >= 0 ? "ordered" : "unordered";
  for (let i = 0; i < batches.length; i++) {
    let sql = batches[i].sql;
    let params: DBAPIParams = batches[i].params;
    if (before) {
      const args = [conn, cursor, sql, params, ctx, true];
      const out = await conn._fireRetval("before_cursor_execute", args);
      if (out !== args) [, , sql, params] = out as [unknown, unknown, string, DBAPIParams];
    }
    if (conn.engine.echo) {
      const batchStats = `${i + 1}/${batches.length} (${sorted})`;
      const stats =
        i === 0
          ? `${cacheStats.replace(/\]$/, "")} (insertmanyvalues) ${batchStats}]`
          : `[insertmanyvalues ${batchStats}]`;
      conn.engine._logStatement(sql, params, stats, 0);
    }
    // a failing batch is reported with the whole execution's statement and parameter sets
    const r = cursor.execute(sql, params);
    if (isThenable(r)) await r;
    if (after)
      await conn._fire("after_cursor_execute", conn, cursor, ctx.statement, ctx.parameters, ctx, true);
    rowcount += Math.max(cursor.rowcount, 0);
    if (cursor.description) {
      description = cursor.description;
      const f = cursor.fetchall();
      const got = isThenable(f) ? await f : f;
      // an autoincrement key grows in VALUES order within one statement: sort by it so the
      // rows come back in parameter order whatever order the database returned them in
      if (order >= 0) got.sort((a, b) => Number(a[order]) - Number(b[order]));
      for (const row of got) rows.push(row);
    }
  }
  const c = cursor.close();
  if (isThenable(c)) await c;
  let i = 0;
  return {
    description,
    rowcount,
    lastrowid: null,
    execute: () => undefined,
    executemany: () => undefined,
    fetchone: () => (i < rows.length ? rows[i++] : null),
    fetchmany: (n: number) => rows.slice(i, (i += n)),
    fetchall: () => rows.slice(i, (i = rows.length)),
    close: () => undefined,
  };
}

/** The position of a generated autoincrement key among the RETURNING columns, or -1. */
function returningOrderColumn(ctx: ExecutionContext): number {
  const compiled = ctx.compiled!;
  if (compiled.returning.length === 0) return -1;
  const table = (compiled.statement as unknown as { table?: { autoincrementColumn?: unknown } }).table;
  const auto = table?.autoincrementColumn;
  if (!auto) return -1;
  const key = (auto as { key: string }).key;
  if (ctx.compiledParameters.some((p) => p[key] !== undefined && p[key] !== null)) return -1;
  return compiled.returning.indexOf(auto as never);
}
