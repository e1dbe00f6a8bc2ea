import { InvalidRequestError } from "../../exc.js";
import type { ClauseElement } from "../base.js";
import type { Dialect } from "../dialect.js";
import type { BindParameter } from "../elements/bind-param.js";
import type { ColumnElement } from "../elements/column-element.js";
import type { Processor, TypeEngine } from "../types/type-engine.js";

/** A dialect that converts values (every dialect of `alkahest/dialects`; the generic one does not). */
interface ProcessingDialect {
  bindProcessor?(type: TypeEngine): Processor | null;
  resultProcessor?(type: TypeEngine): Processor | null;
}

/** One column of a compiled SELECT's result, in order. */
export interface ResultColumn {
  /** the row key */
  keyname: string;
  /** the name in the SQL (label or column name) */
  name: string;
  /** expressions that address this column in `row._mapping` */
  objects: readonly unknown[];
  type: TypeEngine;
}

/** What an INSERT/UPDATE compile decided about defaults and RETURNING (SQLAlchemy's crud). */
export interface CrudInfo {
  insertPrefetch: ColumnElement[];
  updatePrefetch: ColumnElement[];
  postfetch: ColumnElement[];
  /** columns fetched by an implicit RETURNING (primary key, returnDefaults) */
  implicitReturning: ColumnElement[];
  /** the primary key comes from the cursor's lastrowid */
  postfetchLastrowid: boolean;
  /** single-row VALUES clause that a batched executemany can repeat (insertmanyvalues) */
  insertSingleValuesExpr: string | null;
}

/**
 * A compiled statement: the SQL for one dialect and paramstyle, its bind parameters and, for
 * SELECTs, the result columns. Re-usable: `constructParams()` takes new values, including the
 * values of another statement with the same cache key.
 */
/**
 * An executemany INSERT's text around its single-row VALUES group, which a batch repeats
 * (SQLAlchemy's insertmanyvalues).
 */
export interface InsertManyValues {
  prefix: string;
  group: string;
  suffix: string;
  /** parameters before / after the group, counted at compile time (unnumbered paramstyles) */
  prefixParams?: number;
  suffixParams?: number;
}

export class Compiled {
  /** the SQL text */
  readonly string: string;
  /** bind parameters by their compiled name */
  readonly binds: ReadonlyMap<string, BindParameter>;
  /** positional paramstyles: the bind names in textual order (expanding binds as one entry) */
  readonly positiontup: readonly string[] | null;
  /** names of expanding (IN list) binds rendered as `__[POSTCOMPILE_name]` */
  readonly postCompileParams: ReadonlySet<string>;
  readonly resultColumns: readonly ResultColumn[];
  readonly crud: CrudInfo | null;
  readonly isInsert: boolean;
  readonly isUpdate: boolean;
  readonly isDelete: boolean;
  readonly isSelect: boolean;
  readonly isDDL: boolean;
  readonly isText: boolean;
  /** explicit RETURNING columns (or the implicit ones), when the statement returns rows */
  readonly returning: readonly ColumnElement[];
  private _cacheKey: { key: string; binds: BindParameter[] } | null | undefined = undefined;

  /**
   * The statement's cache key and its binds in key order (null when it cannot be cached);
   * computed on first use, or given by the engine's cache which computed it already.
   */
  get cacheKey(): { key: string; binds: BindParameter[] } | null {
    if (this._cacheKey === undefined) this._cacheKey = this.statement.cacheKey();
    return this._cacheKey;
  }

  set cacheKey(value: { key: string; binds: BindParameter[] } | null) {
    this._cacheKey = value;
    this._keyIndex = undefined;
  }
  /** bind names rendered under escaped names (`%` … in the name) */
  readonly escapedBindNames: ReadonlyMap<string, string>;
  /**
   * An executemany INSERT's text split around its single VALUES group, so that the engine can
   * send several rows per statement (SQLAlchemy's insertmanyvalues); null otherwise.
   */
  readonly insertmanyvalues: InsertManyValues | null;
  /** the IN / NOT IN operator around each expanding bind */
  readonly expandingOps: ReadonlyMap<string, "in" | "not_in">;
  /** the text for an empty expanding list, inside `IN (…)` */
  readonly emptySetExpr: (op: "in" | "not_in", arity: number) => string;

  constructor(
    readonly dialect: Dialect,
    readonly statement: ClauseElement,
    parts: {
      string: string;
      binds: Map<string, BindParameter>;
      positiontup: string[] | null;
      postCompileParams: ReadonlySet<string>;
      resultColumns: ResultColumn[];
      crud: CrudInfo | null;
      kind: "insert" | "update" | "delete" | "select" | "ddl" | "text" | "other";
      returning: ColumnElement[];
      escapedBindNames: ReadonlyMap<string, string>;
      expandingOps?: ReadonlyMap<string, "in" | "not_in">;
      insertmanyvalues?: InsertManyValues | null;
      emptySetExpr?: (op: "in" | "not_in", arity: number) => string;
    },
  ) {
    this.string = parts.string;
    this.binds = parts.binds;
    this.positiontup = parts.positiontup;
    this.postCompileParams = parts.postCompileParams;
    this.resultColumns = parts.resultColumns;
    this.crud = parts.crud;
    this.isInsert = parts.kind === "insert";
    this.isUpdate = parts.kind === "update";
    this.isDelete = parts.kind === "delete";
    this.isSelect = parts.kind === "select";
    this.isDDL = parts.kind === "ddl";
    this.isText = parts.kind === "text";
    this.returning = parts.returning;
    this.escapedBindNames = parts.escapedBindNames;
    this.expandingOps = parts.expandingOps ?? new Map();
    this.insertmanyvalues = parts.insertmanyvalues ?? null;
    this.emptySetExpr =
      parts.emptySetExpr ?? ((op) => (op === "not_in" ? "NULL) OR (1 = 1" : "NULL) AND (1 != 1"));
  }

  private _bindProcessors: Readonly<Record<string, Processor>> | undefined;
  private _resultProcessors: readonly (Processor | null)[] | undefined;

  /**
   * Converters by compiled bind name (SQLAlchemy's `compiled._bind_processors`): what a value
   * goes through before the driver takes it. For code that runs the compiled SQL on a driver of
   * its own, as encode/databases' backends do; binds whose values pass as they are have none.
   * @example
   * const c = stmt.compile({ dialect: sqlite.dialect({ paramstyle: "qmark" }) });
   * const p = c.params;
   * const args = c.positiontup!.map((k) => (c.bindProcessors[k] ? c.bindProcessors[k](p[k]) : p[k]));
   */
  get bindProcessors(): Readonly<Record<string, Processor>> {
    if (this._bindProcessors === undefined) {
      const out: Record<string, Processor> = {};
      const make = (this.dialect as ProcessingDialect).bindProcessor;
      if (make !== undefined) {
        for (const [name, bind] of this.binds) {
          const p = make.call(this.dialect, bind.type);
          if (p !== null) out[name] = p;
        }
      }
      this._bindProcessors = Object.freeze(out);
    }
    return this._bindProcessors;
  }

  /**
   * The converter of each result column (in `resultColumns` order; null: none needed), for rows
   * read through a driver of one's own.
   * @example
   * const procs = c.resultProcessors;
   * const row = raw.map((v, i) => (procs[i] ? procs[i](v) : v));
   */
  get resultProcessors(): readonly (Processor | null)[] {
    if (this._resultProcessors === undefined) {
      const make = (this.dialect as ProcessingDialect).resultProcessor;
      this._resultProcessors = Object.freeze(
        this.resultColumns.map((rc) => (make === undefined ? null : make.call(this.dialect, rc.type))),
      );
    }
    return this._resultProcessors;
  }

  /** The bind values as a dict keyed by compiled name (the statement's own values). */
  get params(): Record<string, unknown> {
    return this.constructParams(null, null, { check: false });
  }

  /**
   * Bind values by compiled name: `params` (keyed by bind key or compiled name) override the
   * statement's values; `extracted` are the binds of another statement with the same cache
   * key, whose values are used instead of this statement's.
   * @throws InvalidRequestError when a required bind has no value
   */
  constructParams(
    params?: Record<string, unknown> | null,
    extracted?: readonly BindParameter[] | null,
    opts: { check?: boolean; group?: number } = {},
  ): Record<string, unknown> {
    const plan = (this._paramPlan ??= paramPlan(this.binds, this.escapedBindNames));
    const keyIndex = extracted ? this.keyIndex(plan) : null;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < plan.binds.length; i++) {
      const bind = plan.binds[i];
      const escaped = plan.escaped[i];
      if (params) {
        // an anonymous bind is addressed by its compiled name only (see PlannedBind.userKey)
        if (!bind.unique && Object.hasOwn(params, bind.key)) {
          out[escaped] = params[bind.key];
          continue;
        }
        if (Object.hasOwn(params, plan.names[i])) {
          out[escaped] = params[plan.names[i]];
          continue;
        }
      }
      const idx = keyIndex === null ? -1 : keyIndex[i];
      const b = idx >= 0 ? (extracted![idx] ?? bind) : bind;
      if (b.required && b.callable === undefined && (b.value === undefined || opts.check)) {
        if (opts.check !== false) {
          const group = opts.group !== undefined ? `, in parameter group ${opts.group}` : "";
          throw new InvalidRequestError(`A value is required for bind parameter '${bind.key}'${group}`, {
            code: "cd3x",
          });
        }
      }
      out[escaped] = b.callable ? b.callable() : b.value === undefined ? null : b.value;
    }
    return out;
  }

  /** the binds in compiled order, with their names and escaped names (computed once) */
  private _paramPlan: ParamPlan | undefined;
  private _keyIndex: number[] | undefined;

  /**
   * Where each bind of the plan sits in this statement's cache-key bind list (-1: nowhere), so
   * that another statement's binds with the same key are found by position.
   */
  private keyIndex(plan: ParamPlan): number[] {
    if (this._keyIndex === undefined) {
      const m = new Map<BindParameter, number>();
      const own = this.cacheKey?.binds ?? [];
      for (let i = 0; i < own.length; i++) if (!m.has(own[i])) m.set(own[i], i);
      this._keyIndex = plan.binds.map((b) => m.get(b) ?? -1);
    }
    return this._keyIndex;
  }

  /**
   * Bind values in placeholder order, for positional paramstyles.
   * @example
   * const c = stmt.compile({ dialect: sqlite.dialect() }); c.positionalParameters(); // [5]
   */
  positionalParameters(params?: Record<string, unknown> | null): unknown[] {
    const values = this.constructParams(params, null, { check: false });
    if (!this.positiontup) return Object.values(values);
    return this.positiontup.map((n) => values[this.escapedBindNames.get(n) ?? n]);
  }

  toString(): string {
    return this.string;
  }
}

interface ParamPlan {
  names: string[];
  escaped: string[];
  binds: BindParameter[];
}

function paramPlan(
  binds: ReadonlyMap<string, BindParameter>,
  escapedNames: ReadonlyMap<string, string>,
): ParamPlan {
  const plan: ParamPlan = { names: [], escaped: [], binds: [] };
  for (const [name, bind] of binds) {
    plan.names.push(name);
    plan.escaped.push(escapedNames.get(name) ?? name);
    plan.binds.push(bind);
  }
  return plan;
}

/** @internal the placeholder a paramstyle renders for a bind name or position */
export function bindTemplate(paramstyle: Dialect["paramstyle"], name: string, position: number): string {
  switch (paramstyle) {
    case "qmark":
      return "?";
    case "format":
      return "%s";
    case "numeric":
      return `:${position}`;
    case "numeric_dollar":
      return `$${position}`;
    case "named":
      return `:${name}`;
    case "pyformat":
      return `%(${name})s`;
  }
}
