import { type CursorColumn, type DBAPICursor, isThenable, type MaybePromise } from "../dialects/dbapi.js";
import type { RuntimeDialect } from "../dialects/runtime.js";
import type { Compiled } from "../sql/compiler/compiled.js";
import type { ColumnElement } from "../sql/elements/column-element.js";
import { TextualSelect } from "../sql/selectable/textual-select.js";
import { BigIntegerType } from "../sql/types/sqltypes.js";
import type { Processor } from "../sql/types/type-engine.js";
import type { ExecutionContext } from "./execution-context.js";
import { AsyncResult } from "./result/async-result.js";
import { CursorResult } from "./result/cursor-result.js";
import { ResultMetaData } from "./result/result-metadata.js";

/** The result of `conn.execute()`: rows fetched, synchronous API; `PK` types `insertedPrimaryKey`. */
export type ExecResult<
  R,
  T extends readonly unknown[] = readonly unknown[],
  PK extends readonly unknown[] = readonly unknown[],
> = CursorResult<R, T, PK>;
/** The result of `conn.stream()`: an AsyncResult over a server-side cursor. */
export type StreamResult<R, T extends readonly unknown[] = readonly unknown[]> = AsyncResult<R, T>;

/** One cached metadata of a Compiled: the dialect and cursor description it was built for. */
interface CachedMetadata {
  dialect: RuntimeDialect;
  description: readonly CursorColumn[];
  metadata: ResultMetaData;
}

/**
 * ResultMetaData per Compiled (SQLAlchemy's `CursorResultMetaData` cached on the compiled
 * statement): building it (the key map, one result processor per column, and later the generated
 * row class) is work every execution of a cached statement would otherwise repeat. Entries are
 * keyed by the dialect and the description's shape (names and type codes), which are compared
 * without allocating; a statement sees at most a few shapes, the newest {@link SHAPES} are kept.
 * Weakly held: a Compiled evicted from the engine's cache takes its metadata with it.
 */
const metadataCache = new WeakMap<Compiled, CachedMetadata[]>();
const SHAPES = 4;

function sameShape(a: readonly CursorColumn[], b: readonly CursorColumn[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].name !== b[i].name || a[i].typeCode !== b[i].typeCode) return false;
  }
  return true;
}

/** Result columns and their processors: the compiler's columns when it knows them, else the cursor's. */
function metadataFor(
  ctx: ExecutionContext,
  compiled: Compiled | null,
  description: readonly CursorColumn[],
): ResultMetaData {
  const cols = compiled?.resultColumns;
  if (compiled && cols?.length) {
    const dialect = ctx.dialect;
    const entries = metadataCache.get(compiled);
    if (entries) {
      for (const e of entries) {
        if (e.dialect === dialect && sameShape(e.description, description)) return e.metadata;
      }
    }
    // per matched column, from its type and the driver's type code: a column the driver already
    // decodes to its final value gets none (and a result without any is never processed)
    const metadata = ResultMetaData.fromCompiled(cols, description, {
      processors: (col) => (col.type === null ? null : dialect.resultProcessor(col.type, col.typeCode)),
      textual: compiled.statement instanceof TextualSelect,
    });
    // the description is copied: a driver may reuse its array
    const entry = {
      dialect,
      description: description.map((d) => ({ name: d.name, typeCode: d.typeCode })),
      metadata,
    };
    if (!entries) metadataCache.set(compiled, [entry]);
    else {
      if (entries.length >= SHAPES) entries.shift();
      entries.push(entry);
    }
    return metadata;
  }
  return ResultMetaData.fromDescription(description);
}

/** The result processors of a Compiled's implicit RETURNING columns, per dialect. */
const returningProcessors = new WeakMap<Compiled, { dialect: RuntimeDialect; procs: (Processor | null)[] }>();

function implicitReturningProcessors(
  ctx: ExecutionContext,
  compiled: Compiled,
  implicit: readonly ColumnElement[],
): (Processor | null)[] {
  const hit = returningProcessors.get(compiled);
  if (hit && hit.dialect === ctx.dialect && hit.procs.length === implicit.length) return hit.procs;
  const procs = implicit.map((c) => ctx.dialect.resultProcessor(c.type));
  returningProcessors.set(compiled, { dialect: ctx.dialect, procs });
  return procs;
}

interface InsertTarget {
  primaryKey?: { columns: readonly ColumnElement[] };
  autoincrementColumn?: ColumnElement | null;
}

function keyOf(col: ColumnElement): string {
  return (col as unknown as { key: string }).key;
}

/**
 * The primary key of each inserted row: from lastrowid (SQLite, MySQL), from the implicit
 * RETURNING rows (PostgreSQL), and from the parameters for key values the statement gave.
 * Built when `insertedPrimaryKeyRows` is first read (an executemany of 10,000 rows would
 * otherwise build 10,000 arrays per execution that are rarely looked at).
 */
function insertedPrimaryKeyRows(
  ctx: ExecutionContext,
  compiled: Compiled,
  pkCols: readonly ColumnElement[],
  lastrowid: number | bigint | null,
  returned: { cols: readonly ColumnElement[]; rows: unknown[][] } | null,
): (() => unknown[][]) | null {
  if (!pkCols.length) return null;
  const crud = compiled.crud;
  const table = (compiled.statement as unknown as { table?: InsertTarget }).table;
  const autoinc = table?.autoincrementColumn ?? null;
  // the parameter sets are kept by the context; nothing here changes after the execution
  const sets = ctx.compiledParameters.length ? ctx.compiledParameters : [{}];
  return () =>
    sets.map((params, i) =>
      pkCols.map((col) => {
        if (returned) {
          const idx = returned.cols.indexOf(col);
          if (idx >= 0) return returned.rows[i]?.[idx] ?? null;
        }
        const given = params[keyOf(col)];
        if (given !== undefined && given !== null) return given;
        // an explicit NULL for the autoincrement key is filled in by SQLite and MySQL: SQLAlchemy
        // reports lastrowid for it (#7998) whenever the dialect fetches keys that way
        const fromLastrowid = crud?.postfetchLastrowid || (given === null && ctx.dialect.postfetchLastrowid);
        if (fromLastrowid && col === autoinc && lastrowid !== null) {
          // a BigInteger key is a bigint, as selecting it gives; other keys are numbers while exact
          if (col.type instanceof BigIntegerType) return BigInt(lastrowid);
          return typeof lastrowid === "bigint" && lastrowid <= BigInt(Number.MAX_SAFE_INTEGER)
            ? Number(lastrowid)
            : lastrowid;
        }
        return null;
      }),
    );
}

/** Fetches everything a statement returned and builds its CursorResult. */
export function buildCursorResult(
  ctx: ExecutionContext,
  compiled: Compiled | null,
  cursor: DBAPICursor,
): MaybePromise<CursorResult<Record<string, unknown>>> {
  // a synchronous driver (better-sqlite3) gets its result without a promise in between
  const description = cursor.description;
  const fetched = description ? cursor.fetchall() : [];
  if (isThenable(fetched)) return fetched.then((rows) => closeThenBuild(ctx, compiled, cursor, rows));
  return closeThenBuild(ctx, compiled, cursor, fetched);
}

function closeThenBuild(
  ctx: ExecutionContext,
  compiled: Compiled | null,
  cursor: DBAPICursor,
  rows: unknown[][],
): MaybePromise<CursorResult<Record<string, unknown>>> {
  const description = cursor.description;
  const rowcount = cursor.rowcount;
  const lastrowid = cursor.lastrowid;
  ctx.memoizeRowcount(rowcount);
  const closed = cursor.close();
  if (isThenable(closed)) {
    return closed.then(() => makeCursorResult(ctx, compiled, description, rows, rowcount, lastrowid));
  }
  return makeCursorResult(ctx, compiled, description, rows, rowcount, lastrowid);
}

function makeCursorResult(
  ctx: ExecutionContext,
  compiled: Compiled | null,
  description: DBAPICursor["description"],
  rows: unknown[][],
  rowcount: number,
  lastrowid: number | bigint | null,
): CursorResult<Record<string, unknown>> {
  ctx.cursor = null;
  const many = ctx.executeStyle !== "EXECUTE";
  if (
    !compiled ||
    compiled.isText ||
    compiled.isDDL ||
    !(compiled.isInsert || compiled.isUpdate || compiled.isDelete)
  ) {
    return new CursorResult({
      metadata: description ? metadataFor(ctx, compiled, description) : null,
      rows,
      rowcount,
      lastrowid,
      // text() is compiled too in SQLAlchemy; only execDriverSql() has no Compiled
      isCompiled: compiled !== null,
      executemany: many,
      yieldPer: ctx.executionOptions.yieldPer ?? null,
    });
  }
  const stmt = compiled.statement as unknown as {
    _returning?: unknown[];
    _hasReturnDefaults?: boolean;
    table?: InsertTarget;
  };
  const explicitReturning = (stmt._returning?.length ?? 0) > 0;
  const implicit = compiled.crud?.implicitReturning ?? [];
  const pkCols = stmt.table?.primaryKey?.columns ?? [];
  let returned: { cols: readonly ColumnElement[]; rows: unknown[][] } | null = null;
  if (!explicitReturning && implicit.length && description) {
    const procs = implicitReturningProcessors(ctx, compiled, implicit);
    returned = {
      cols: implicit,
      rows: rows.map((r) => r.map((v, i) => (procs[i] ? procs[i]!(v) : v))),
    };
  }
  return new CursorResult({
    metadata: explicitReturning && description ? metadataFor(ctx, compiled, description) : null,
    rows: explicitReturning ? rows : [],
    rowcount,
    lastrowid,
    isCompiled: true,
    isInsert: compiled.isInsert,
    isUpdate: compiled.isUpdate,
    executemany: many,
    explicitReturning,
    insertedPrimaryKeyRows:
      compiled.isInsert && !explicitReturning
        ? insertedPrimaryKeyRows(ctx, compiled, pkCols, lastrowid, returned)
        : null,
    primaryKeyColumns: pkCols,
    // rows that came back by implicit RETURNING count as returned defaults too, as SQLAlchemy 2.0
    // keeps them (`returned_default_rows`), with or without returnDefaults()
    returnedDefaultsRows: returned ? returned.rows : null,
    returnedDefaultsColumns: returned?.cols ?? [],
    prefetchCols: ctx.prefetchCols,
    postfetchCols: ctx.postfetchCols,
    compiledParameters: ctx.compiledParameters,
  });
}

/** A streaming result over a server-side cursor; `onClose` frees the connection's stream slot. */
export function buildAsyncResult(
  ctx: ExecutionContext,
  compiled: Compiled | null,
  cursor: DBAPICursor,
  onClose: () => void,
): AsyncResult<Record<string, unknown>> {
  const metadata = metadataFor(ctx, compiled, cursor.description ?? []);
  return new AsyncResult(
    metadata,
    {
      fetchmany: async (n) => {
        const r = cursor.fetchmany(n);
        return isThenable(r) ? await r : r;
      },
      close: async () => {
        try {
          const r = cursor.close();
          if (isThenable(r)) await r;
        } finally {
          onClose();
        }
      },
    },
    { yieldPer: ctx.executionOptions.yieldPer ?? null, maxRowBuffer: ctx.executionOptions.maxRowBuffer },
  );
}
