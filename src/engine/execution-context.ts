import type { CursorOptions, DBAPICursor, DBAPIParams } from "../dialects/dbapi.js";
import { isThenable } from "../dialects/dbapi.js";
import type { RuntimeDialect } from "../dialects/runtime.js";
import { InvalidRequestError, NotSupportedError } from "../exc.js";
import type { Compiled } from "../sql/compiler/compiled.js";
import type { BindParameter } from "../sql/elements/bind-param.js";
import type { ColumnElement } from "../sql/elements/column-element.js";
import type { ExecutionOptions } from "../sql/execution-options.js";
import type { Column } from "../sql/schema/column.js";
import type { Connection } from "./connection.js";
import {
  type ExecutionPlan,
  elementPlan,
  type PlannedBind,
  planFor,
  processValue,
  resolveValues,
} from "./execution-plan.js";
import { type ExpandedStatement, expandStatement } from "./expanding.js";
import { rowFunctions } from "./param-rows.js";
import { reentry } from "./reentry.js";

/** How the statement runs: once, once per parameter set, or as batched multi-row INSERTs. */
export type ExecuteStyle = "EXECUTE" | "EXECUTEMANY" | "INSERTMANYVALUES";

/** The connection-side view an ExecutionContext needs (the Connection provides it). */
export interface ContextConnection {
  readonly dialect: RuntimeDialect;
  /** the DBAPI connection, checked out for this execution */
  cursor(opts?: CursorOptions): DBAPICursor;
  /** the Connection executing, exposed as `context.connection` / `context.rootConnection` */
  readonly connection?: Connection;
}

/** A JS-side default: a value, or a function of the context. */
type DefaultFn = (ctx: ExecutionContext) => unknown;

function isClause(v: unknown): boolean {
  return typeof v === "object" && v !== null && "_compile" in v;
}

/** The column keys of a multi-VALUES INSERT's first row, or null for other statements. */
function multiValuesKeys(compiled: Compiled): string[] | null {
  const rows = (compiled.statement as { _multiValues?: readonly Record<string, unknown>[] })._multiValues;
  return rows?.length ? Object.keys(rows[0]) : null;
}

/**
 * SQLAlchemy's `get_current_parameters(isolate_multiinsert_groups=True)`: in a multi-VALUES
 * INSERT, a default function sees its own row by column key (`name`), not the compiled names of
 * every row (`name_m0`, `name_m1` …). Later rows' default binds are named `<key>_m<row>`.
 */
function multiValuesRow(
  values: Record<string, unknown>,
  keys: readonly string[],
  col: Column,
  bindName: string,
): Record<string, unknown> {
  const m = /^(.*)_m(\d+)$/.exec(bindName);
  const base = Object.getPrototypeOf(col) as { key?: unknown } | null;
  const later = m !== null && base !== null && base.key === m[1];
  const index = later ? Number(m[2]) : 0;
  const out: Record<string, unknown> = { [later ? m[1] : col.key]: values[bindName] };
  for (const key of keys) out[key] = values[`${key}_m${index}`];
  return out;
}

/**
 * One statement execution (SQLAlchemy's ExecutionContext): it turns the compiled statement and
 * the user's parameters into what the driver receives, runs JS-side defaults once per
 * parameter set, creates the cursor, and records what the result needs afterwards.
 *
 * `shouldAutocommit` is always false: since SQLAlchemy 2.0 no statement commits implicitly;
 * a transaction is begun on first use and committed only by `commit()` (or by the database
 * itself under the `AUTOCOMMIT` isolation level).
 * @example
 * sa.event.listen(engine, "before_cursor_execute", (conn, cursor, statement, parameters, context) => {
 *   console.log(context.isinsert, context.compiled?.string);
 * });
 */
export class ExecutionContext {
  /** the connection default generators may use (the same transaction as `rootConnection`) */
  readonly connection: Connection;
  /** the connection this execution came from */
  readonly rootConnection: Connection;
  /** how this context reaches the driver connection */
  private readonly source: ContextConnection;
  readonly dialect: RuntimeDialect;
  readonly compiled: Compiled | null;
  /** the SQL string sent to the driver (after IN-list expansion) */
  statement: string;
  /** the parameters sent to the driver: one entry per set, in the paramstyle's shape */
  parameters: DBAPIParams[];
  /** the resolved bind values per parameter set, by compiled name (before bind processing) */
  readonly compiledParameters: Record<string, unknown>[];
  readonly isinsert: boolean;
  readonly isupdate: boolean;
  readonly isdelete: boolean;
  readonly isddl: boolean;
  readonly isText: boolean;
  readonly executeStyle: ExecuteStyle;
  readonly executionOptions: ExecutionOptions;

  /** True for a list of parameter sets (SQLAlchemy's `context.executemany`), however it runs. */
  get executemany(): boolean {
    return this.executeStyle !== "EXECUTE";
  }

  /**
   * The whole parameter set a default function is computing for (in a multi-row VALUES insert,
   * every row's `name_mN` binds); `getCurrentParameters()` gives the current row's.
   */
  currentParameters: Record<string, unknown> | null = null;
  /** the current row's view of a multi-row VALUES parameter set, while a default function runs */
  private _currentRow: (() => Record<string, unknown>) | null = null;
  cursor: DBAPICursor | null = null;
  /** SQLAlchemy 2.0: never; see the class description */
  readonly shouldAutocommit = false;
  private readonly plan: ExecutionPlan | null;
  /** raw-SQL executions have no batches */
  private readonly isServerSide: boolean;

  constructor(
    conn: ContextConnection,
    compiled: Compiled | null,
    rawStatement: string | null,
    userParams: readonly Readonly<Record<string, unknown>>[] | readonly DBAPIParams[],
    options: ExecutionOptions,
    extracted: readonly BindParameter[] | null,
  ) {
    this.source = conn;
    // SQLAlchemy's members are the Connection itself; a caller that did not pass it gets the view
    this.connection = (conn.connection ?? conn) as Connection;
    this.rootConnection = this.connection;
    this.dialect = conn.dialect;
    this.compiled = compiled;
    this.executionOptions = options;
    this.isinsert = compiled?.isInsert ?? false;
    this.isupdate = compiled?.isUpdate ?? false;
    this.isdelete = compiled?.isDelete ?? false;
    this.isddl = compiled?.isDDL ?? false;
    this.isText = compiled === null || compiled.isText;
    this.isServerSide = (options.streamResults ?? false) && this.dialect.supportsServerSideCursors;
    // procured first, as SQLAlchemy's _init_compiled does: defaults and pre_exec see it
    this.cursor = this.createCursor();
    if (compiled === null) {
      // raw driver SQL: parameters pass through untouched; none is one empty set, as SQLAlchemy's
      // execute_sequence_format, so listeners always see the paramstyle's shape
      this.plan = null;
      this.statement = rawStatement ?? "";
      this.parameters = userParams.length
        ? [...(userParams as DBAPIParams[])]
        : [this.dialect.positional ? [] : {}];
      this.compiledParameters = [];
      this.executeStyle = this.parameters.length > 1 ? "EXECUTEMANY" : "EXECUTE";
      this.batches = null;
      return;
    }
    const many = userParams.length > 1;
    if (many && compiled.postCompileParams.size) {
      throw new InvalidRequestError("'expanding' parameters can't be used with executemany()");
    }
    if (many && compiled.returning.length && !compiled.isInsert) {
      throw new InvalidRequestError(
        `${compiled.isUpdate ? "UPDATE" : "DELETE"} construct with RETURNING can't be run with several parameter sets on dialect ${this.dialect.name}`,
      );
    }
    this.plan = planFor(compiled, this.dialect);
    const plan = this.plan;
    if (many) {
      const sets = userParams as readonly Readonly<Record<string, unknown>>[];
      const resolve = rowFunctions(plan).resolve;
      const resolved = new Array<Record<string, unknown>>(sets.length);
      for (let i = 0; i < sets.length; i++) resolved[i] = resolve(sets[i], extracted, i);
      this.compiledParameters = resolved;
    } else {
      const one = (userParams[0] ?? null) as Readonly<Record<string, unknown>> | null;
      this.compiledParameters = [resolveValues(plan, one, extracted, null)];
    }
    this.statement = compiled.string;
    this.parameters = [];
    this.batches = null;
    this.executeStyle = many ? "EXECUTEMANY" : "EXECUTE";
    // one mark for all the defaults: SQL they run on context.connection (even after an await)
    // is part of this execution (see reentry.ts)
    const pending = this.plan.hasPrefetch
      ? reentry.run(this.connection, () => this.processDefaults(0, 0))
      : undefined;
    if (pending !== undefined) {
      this.defaultsPending = pending.then(() => this.finishParameters(many));
      return;
    }
    this.finishParameters(many);
  }

  /**
   * @internal Set when a default function returned a promise (an async default, or one that runs
   * SQL on `context.connection`): the driver parameters exist once it settles.
   */
  defaultsPending: Promise<void> | null = null;

  private finishParameters(many: boolean): void {
    this.buildDriverParameters();
    const batches = many ? this.planBatches() : null;
    const self = this as { batches: typeof batches; executeStyle: ExecuteStyle };
    self.batches = batches;
    self.executeStyle = batches ? "INSERTMANYVALUES" : many ? "EXECUTEMANY" : "EXECUTE";
  }

  /** INSERTMANYVALUES: the statements to send, several parameter sets per statement. */
  readonly batches: { sql: string; params: unknown[]; rows: number }[] | null;

  /**
   * Splits an executemany INSERT into multi-row VALUES statements (SQLAlchemy's
   * insertmanyvalues): as many rows per statement as the page size and the dialect's parameter
   * limit allow. Binds outside the VALUES group (a CTE before it, an expression in RETURNING)
   * take the first parameter set's values, as SQLAlchemy does. Null when batching does not apply
   * (named paramstyle, no multi-row VALUES) or would not pay (no RETURNING on a driver whose
   * executemany is already cheap). An INSERT..RETURNING whose placeholders cannot be
   * renumbered runs one row per statement ("batch not supported"), so no row is lost.
   */
  private planBatches(): { sql: string; params: unknown[]; rows: number }[] | null {
    const compiled = this.compiled!;
    const imv = compiled.insertmanyvalues;
    const d = this.dialect;
    if (!imv || !d.useInsertmanyvalues || !d.supportsMultivaluesInsert || !d.positional) return null;
    const returning = compiled.returning.length > 0;
    if (!returning && !d.useInsertmanyvaluesWoReturning) return null;
    const rowByRow = () =>
      returning
        ? this.parameters.map((p) => ({ sql: this.statement, params: p as unknown[], rows: 1 }))
        : null;
    const numbered = d.paramstyle === "numeric" || d.paramstyle === "numeric_dollar";
    const sigil = d.paramstyle === "numeric" ? ":" : "$";
    const placeholder = numbered
      ? d.paramstyle === "numeric"
        ? /:(\d+)/g
        : /\$(\d+)/g
      : d.paramstyle === "qmark"
        ? /\?/g
        : /%s/g;
    const total = (this.parameters[0] as unknown[]).length;
    const nums = (text: string) => (text.match(placeholder) ?? []).map((m) => Number(m.slice(1)));
    // a numbered placeholder may repeat: count parameters, not occurrences
    const count = (text: string) =>
      numbered ? new Set(nums(text)).size : (text.match(placeholder) ?? []).length;
    // a `?` inside a quoted name is no parameter: the compiler's own counts where it has them
    const L = imv.prefixParams ?? count(imv.prefix);
    const R = imv.suffixParams ?? count(imv.suffix);
    const perRow = total - L - R;
    if (perRow <= 0) return rowByRow();
    if (numbered) {
      // numbers must follow the text: 1..L before VALUES, the group next, the rest after
      if (
        nums(imv.prefix).some((n) => n > L) ||
        nums(imv.group).some((n) => n <= L || n > L + perRow) ||
        nums(imv.suffix).some((n) => n <= L + perRow)
      )
        return rowByRow();
    }
    const pageSize = this.executionOptions.insertmanyvaluesPageSize ?? d.insertmanyvaluesPageSize;
    const rowsPerBatch = Math.max(
      1,
      Math.min(pageSize, Math.floor((d.insertmanyvaluesMaxParameters - L - R) / perRow)),
    );
    const groupFor = (row: number): string =>
      numbered
        ? imv.group.replace(placeholder, (_m, n: string) => `${sigil}${Number(n) + row * perRow}`)
        : imv.group;
    const suffixFor = (rows: number): string =>
      numbered && R > 0
        ? imv.suffix.replace(placeholder, (_m, n: string) => `${sigil}${Number(n) + (rows - 1) * perRow}`)
        : imv.suffix;
    const sets = this.parameters as unknown[][];
    const first = sets[0];
    const batches: { sql: string; params: unknown[]; rows: number }[] = [];
    const sqlCache = new Map<number, string>();
    for (let start = 0; start < sets.length; start += rowsPerBatch) {
      const rows = Math.min(rowsPerBatch, sets.length - start);
      let sql = sqlCache.get(rows);
      if (sql === undefined) {
        const groups = new Array<string>(rows);
        for (let i = 0; i < rows; i++) groups[i] = groupFor(i);
        sql = imv.prefix + groups.join(", ") + suffixFor(rows);
        sqlCache.set(rows, sql);
      }
      // sized up front: a page holds up to 32,766 values, grown by push it would be copied ~15 times
      const params = new Array<unknown>(L + rows * perRow + R);
      let k = 0;
      for (let i = 0; i < L; i++) params[k++] = first[i];
      for (let r = start; r < start + rows; r++) {
        const set = sets[r];
        for (let i = L; i < L + perRow; i++) params[k++] = set[i];
      }
      for (let i = L + perRow; i < total; i++) params[k++] = first[i];
      batches.push({ sql, params, rows });
    }
    return batches;
  }

  /**
   * Computes the JS-side defaults (scalar or callable) of the prefetch binds, once per parameter
   * set, from set `set` and bind `from` on. A default that returns a promise is awaited before the
   * next one runs, so each sees the values before it; the rest then continues asynchronously.
   */
  private processDefaults(set: number, from: number): Promise<void> | undefined {
    const multiKeys = this.isinsert ? multiValuesKeys(this.compiled!) : null;
    const binds = this.plan!.binds;
    for (let i = set; i < this.compiledParameters.length; i++) {
      const values = this.compiledParameters[i];
      for (let j = i === set ? from : 0; j < binds.length; j++) {
        const p = binds[j];
        if (p.prefetch === null || values[p.name] !== undefined) continue;
        const col = p.prefetch as Column;
        const def = this.isupdate ? col.onupdate : col.default;
        if (def === undefined || isClause(def)) {
          values[p.name] = null;
          continue;
        }
        if (typeof def !== "function") {
          values[p.name] = def;
          continue;
        }
        this.currentParameters = values;
        this._currentRow = multiKeys ? () => multiValuesRow(values, multiKeys, col, p.name) : null;
        let value: unknown;
        try {
          value = (def as DefaultFn)(this);
        } finally {
          this.currentParameters = null;
          this._currentRow = null;
        }
        if (isThenable(value)) {
          return Promise.resolve(value).then((v) => {
            values[p.name] = v;
            return this.processDefaults(i, j + 1);
          });
        }
        values[p.name] = value;
      }
    }
    return undefined;
  }

  /**
   * The parameter set being processed, for default functions (`default: (ctx) => …`). In a
   * multi-row VALUES insert, by default only the current row's values, keyed by column key
   * (`isolateMultiinsertGroups: false` gives the whole set, `name_m1` … included).
   * @example
   * new sa.Column("slug", sa.String(50), { default: (ctx) => slugify(ctx.getCurrentParameters().title) });
   */
  getCurrentParameters(opts: { isolateMultiinsertGroups?: boolean } = {}): Record<string, unknown> {
    if (this.currentParameters === null) {
      throw new InvalidRequestError("getCurrentParameters() is only available inside a default function");
    }
    if (this._currentRow !== null && opts.isolateMultiinsertGroups !== false) return this._currentRow();
    return this.currentParameters;
  }

  /** Applies IN-list expansion and bind processors, and shapes parameters for the paramstyle. */
  private buildDriverParameters(): void {
    const plan = this.plan!;
    if (this.dialect.positional && !plan.hasExpanding) {
      this.positionalParameters(plan);
      return;
    }
    const compiled = this.compiled!;
    const positional = this.dialect.positional;
    for (const values of this.compiledParameters) {
      let order = plan.order;
      let origins: ExpandedStatement["origins"] | null = null;
      if (plan.hasExpanding) {
        const expanded = expandStatement(compiled, values);
        this.statement = expanded.sql;
        order = expanded.order;
        origins = expanded.origins;
      }
      const planned = (name: string): PlannedBind | undefined => {
        const p = plan.byName.get(name);
        if (p !== undefined || origins === null) return p;
        const o = origins.get(name);
        return o === undefined ? undefined : elementPlan(plan, o.base, o.element, name, this.dialect);
      };
      if (positional) {
        const out: unknown[] = new Array(order!.length);
        for (let i = 0; i < order!.length; i++) {
          const name = order![i];
          const p = planned(name);
          out[i] = p ? processValue(p, values[name], this.statement) : (values[name] ?? null);
        }
        this.parameters.push(out);
      } else {
        const out: Record<string, unknown> = {};
        for (const name of Object.keys(values)) {
          const p = planned(name);
          if (p?.expanding) continue;
          out[p?.escaped ?? name] = p ? processValue(p, values[name], this.statement) : values[name];
        }
        this.parameters.push(out);
      }
    }
  }

  /**
   * The common case of buildDriverParameters (positional, no IN-list expansion): one array per
   * parameter set and nothing else. An executemany shapes its rows with the plan's generated
   * function (param-rows.ts); a single set, the only one its statement may ever run with, does
   * not pay for generating it.
   */
  private positionalParameters(plan: ExecutionPlan): void {
    const sets = this.compiledParameters;
    const statement = this.statement;
    if (sets.length > 1) {
      const position = rowFunctions(plan).position!;
      const out = new Array<unknown[]>(sets.length);
      for (let s = 0; s < sets.length; s++) out[s] = position(sets[s], statement);
      this.parameters = out;
      return;
    }
    const order = plan.order!;
    const values = sets[0];
    const row = new Array<unknown>(order.length);
    for (let i = 0; i < order.length; i++) {
      const name = order[i];
      const p = plan.byName.get(name);
      row[i] = p === undefined ? (values[name] ?? null) : processValue(p, values[name], statement);
    }
    this.parameters = [row];
  }

  /** The compiled bind values of the last parameter set (`result.lastInsertedParams()`). */
  get lastParameters(): Record<string, unknown> {
    return this.compiledParameters[this.compiledParameters.length - 1] ?? {};
  }

  /** Columns whose JS-side default or onupdate was computed for this execution. */
  get prefetchCols(): ColumnElement[] {
    if (!this.compiled?.crud) return [];
    return this.isinsert
      ? this.compiled.crud.insertPrefetch
      : this.isupdate
        ? this.compiled.crud.updatePrefetch
        : [];
  }

  /** Columns generated by the database (server defaults, inline SQL expressions) and not fetched. */
  get postfetchCols(): ColumnElement[] {
    return this.compiled?.crud?.postfetch ?? [];
  }

  /** A new cursor from the connection: server-side when the execution streams. */
  createCursor(): DBAPICursor {
    return this.source.cursor({ serverSide: this.isServerSide });
  }

  /** OUT parameters exist only for stored procedures on databases alkahest does not target. */
  getOutParameterValues(_outParamNames: readonly string[]): unknown[] {
    throw new NotSupportedError({
      statement: this.statement,
      params: null,
      orig: new Error(`OUT parameters are not supported by dialect ${this.dialect.name}`),
    });
  }

  /** How rows are fetched: fully buffered (the default), or streamed in growing batches. */
  getResultCursorStrategy(): "buffered" | "server_side" {
    return this.isServerSide ? "server_side" : "buffered";
  }

  /**
   * The driver's rowcount (rows matched for UPDATE/DELETE); still known after the cursor was
   * closed, as SQLAlchemy memoises it.
   */
  getRowcount(): number {
    return this.cursor?.rowcount ?? this.memoRowcount ?? -1;
  }

  private memoRowcount: number | null = null;

  /** @internal records the cursor's rowcount before the result closes it */
  memoizeRowcount(rowcount: number): void {
    this.memoRowcount = rowcount;
  }

  /** Called with a driver error before it is wrapped; closes the cursor. */
  handleDbapiException(_err: unknown): void {
    const c = this.cursor;
    this.cursor = null;
    try {
      const r = c?.close();
      if (r instanceof Promise) r.catch(() => undefined);
    } catch {
      // the cursor of a failed statement may already be unusable
    }
  }

  /** True when the statement had SQL-expression defaults or server defaults not fetched back. */
  lastrowHasDefaults(): boolean {
    return (this.compiled?.crud?.postfetch.length ?? 0) > 0;
  }

  /** Hook before the driver call; statement and parameters are final here. */
  preExec(): void {}

  /** Hook after the driver call. */
  postExec(): void {}

  /** SQLAlchemy 2.0 never autocommits textual statements either. */
  shouldAutocommitText(_statement: string): boolean {
    return false;
  }
}
