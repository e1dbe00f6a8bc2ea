/**
 * Helpers shared by the INSERT, UPDATE and DELETE compilers (SQLAlchemy's sql/crud.py): the
 * column defaults, the binds crud creates, the RETURNING strategy and the crud bookkeeping.
 */
import { CompileError } from "../../exc.js";
import { ClauseElement } from "../base.js";
import type { Dialect } from "../dialect.js";
import type { UpdateBase } from "../dml/dml-base.js";
import type { Insert } from "../dml/insert.js";
import { BindParameter } from "../elements/bind-param.js";
import type { ColumnClause } from "../elements/column-clause.js";
import type { ColumnElement } from "../elements/column-element.js";
import { Column } from "../schema/column.js";
import type { Sequence } from "../schema/defaults.js";
import { Table } from "../schema/table.js";
import { columnsOf, type FromClause } from "../selectable/from-clause.js";
import { Join } from "../selectable/join.js";
import type { CrudInfo } from "./compiled.js";
import type { CompileKw, SQLCompiler } from "./sql-compiler.js";

/** A parameter the execution will supply (a column key or `columnKeys` entry without a value). */
export const REQUIRED: unique symbol = Symbol("REQUIRED");
export type CrudValue = ClauseElement | typeof REQUIRED;

/** How a column's client-side default is produced, SQLAlchemy's `column.default` kinds. */
export type DefaultInfo =
  | { kind: "sequence"; sequence: Sequence }
  | { kind: "clause"; expr: ClauseElement }
  | { kind: "scalar" }
  | null;

export function isClause(v: unknown): v is ClauseElement {
  return v instanceof ClauseElement;
}

/** The schema Column behind a DML target column, when it has schema information. */
export function schemaColumn(c: ColumnElement): Column | null {
  return c instanceof Column ? c : null;
}

/** A column's `default`; a Sequence counts as the default when no other is given, as in SQLAlchemy. */
export function defaultOf(sc: Column | null): DefaultInfo {
  if (!sc) return null;
  if (sc.default !== undefined)
    return isClause(sc.default) ? { kind: "clause", expr: sc.default } : { kind: "scalar" };
  if (sc.sequence) return { kind: "sequence", sequence: sc.sequence };
  return null;
}

/** A column's `onupdate` (sequences never fire on UPDATE). */
export function onupdateOf(sc: Column | null): DefaultInfo {
  if (!sc || sc.onupdate === undefined) return null;
  return isClause(sc.onupdate) ? { kind: "clause", expr: sc.onupdate } : { kind: "scalar" };
}

/** SQLAlchemy's `server_default is not None`: DDL defaults, IDENTITY and computed columns. */
export function hasServerDefault(sc: Column | null): boolean {
  return !!sc && (sc.serverDefault !== undefined || sc.identity !== undefined || sc.computed !== undefined);
}

/** SQLAlchemy's `server_onupdate is not None` (computed columns change on UPDATE too). */
export function hasServerOnupdate(sc: Column | null): boolean {
  return (
    !!sc && ((sc.serverOnupdate !== undefined && sc.serverOnupdate !== false) || sc.computed !== undefined)
  );
}

/** Whether the dialect renders `nextval()` for this sequence (an optional one is skipped where it may be). */
export function sequenceRendered(d: Dialect, seq: Sequence): boolean {
  return d.supportsSequences && (!seq.opts.optional || !d.sequencesOptional);
}

export function colKey(c: ColumnElement): string {
  return (c as ColumnClause).key;
}

/** `table.column` as SQLAlchemy prints a column in messages. */
export function colDescription(c: ColumnElement): string {
  const t = (c as ColumnClause).table as { name?: unknown } | null;
  const name = (c as ColumnClause).name;
  return t && typeof t.name === "string" ? `${t.name}.${name}` : name;
}

/**
 * The columns a DML statement scans, in order; a join contributes the columns of its tables
 * under their own keys (SQLAlchemy's `join.c` holds the table columns themselves).
 */
export function dmlColumns(target: FromClause): ColumnClause[] {
  if (target instanceof Join) return target._allTables().flatMap((t) => columnsOf(t.c));
  return columnsOf(target.c);
}

/** The tables of a DML target, leftmost first (SQLAlchemy's `tables_from_leftmost`). */
export function tablesFromLeftmost(target: FromClause): FromClause[] {
  return target instanceof Join ? target._allTables() : [target];
}

/** A bind carrying a column value (`:name`), named by the caller. */
export function crudBind(col: ColumnElement, name: string, required: boolean): BindParameter {
  const b = new BindParameter(name, undefined, { type: col.type, required });
  b._isCrud = true;
  return b;
}

/** A bind the execution context fills from a column's JS-side default (prefetch). */
export function prefetchBind(col: ColumnElement, name: string): BindParameter {
  const b = crudBind(col, name, false);
  (b as { _prefetchColumn?: ColumnElement })._prefetchColumn = col;
  return b;
}

export function emptyCrud(): CrudInfo {
  return {
    insertPrefetch: [],
    updatePrefetch: [],
    postfetch: [],
    implicitReturning: [],
    postfetchLastrowid: false,
    insertSingleValuesExpr: null,
  };
}

/**
 * The flags a DML statement passes down: only literal rendering and the CTE being visited; the
 * FROM/columns-clause flags of an enclosing CTE do not apply inside the statement.
 */
export function dmlKw(kw: CompileKw): CompileKw {
  const out: CompileKw = {};
  if (kw.literalBinds !== undefined) out.literalBinds = kw.literalBinds;
  if (kw.visitingCte !== undefined) out.visitingCte = kw.visitingCte;
  return out;
}

/** SQLAlchemy refuses RETURNING and return_defaults() together when compiling. */
export function checkReturningCombination(stmt: UpdateBase): void {
  if (stmt._returning.length && stmt._hasReturnDefaults) {
    throw new CompileError(
      "Can't compile statement that includes returning() and return_defaults() simultaneously",
    );
  }
}

/** The autoincrement column of a schema Table target, else null. */
export function autoincrementColumn(target: FromClause): Column | null {
  return target instanceof Table ? target.autoincrementColumn : null;
}

/** `Table(..., { implicitReturning: false })` vetoes implicit RETURNING. */
export function tableAllowsImplicitReturning(target: FromClause): boolean {
  return target instanceof Table ? target.implicitReturning : true;
}

/** The columns `returnDefaults()` asks for: the named ones, or every column of the target. */
export function returnDefaultsSet(stmt: UpdateBase): Set<ColumnElement> {
  return new Set<ColumnElement>(
    stmt._returnDefaultsColumns.length ? stmt._returnDefaultsColumns : dmlColumns(stmt.table),
  );
}

/**
 * Records what a DML statement decided. The top statement owns the Compiled's crud and
 * RETURNING; a DML statement inside a CTE only contributes its prefetched defaults, which the
 * execution must still compute for its binds.
 */
export function finishCrud(
  c: SQLCompiler,
  crud: CrudInfo,
  toplevel: boolean,
  returning: readonly ColumnElement[],
): void {
  const nested = c.crud;
  if (toplevel) {
    if (nested) {
      crud.insertPrefetch.unshift(...nested.insertPrefetch);
      crud.updatePrefetch.unshift(...nested.updatePrefetch);
    }
    c.crud = crud;
    c.returning = [...returning];
    return;
  }
  if (!crud.insertPrefetch.length && !crud.updatePrefetch.length) return;
  const host = nested ?? emptyCrud();
  host.insertPrefetch.push(...crud.insertPrefetch);
  host.updatePrefetch.push(...crud.updatePrefetch);
  c.crud = host;
}

/** Renders the statement's `addCte()` CTEs so that they join the WITH clause. */
export function dispatchIndependentCtes(c: SQLCompiler, stmt: UpdateBase, kw: CompileKw): void {
  for (const cte of stmt._independentCtes) c.process(cte, kw);
}

/**
 * SQLAlchemy's `parameters`: the statement's values, plus a REQUIRED entry for each execution
 * parameter key (`columnKeys`) the values do not cover.
 */
export function crudParameters(
  c: SQLCompiler,
  stmtParams: Readonly<Record<string, ClauseElement>> | null,
): Map<string, CrudValue> {
  const params = new Map<string, CrudValue>();
  for (const k of c.columnKeys ?? [])
    if (!stmtParams || !Object.hasOwn(stmtParams, k)) params.set(k, REQUIRED);
  for (const [k, v] of Object.entries(stmtParams ?? {})) if (!params.has(k)) params.set(k, v);
  return params;
}

/**
 * Keys of the statement's own values left over after the column scan name no column. Execution
 * keys that match nothing are ignored, as in SQLAlchemy.
 * @throws CompileError "Unconsumed column names: z"
 */
export function checkUnconsumed(
  leftover: ReadonlyMap<string, CrudValue>,
  stmtParams: Readonly<Record<string, ClauseElement>> | null,
): void {
  if (!stmtParams) return;
  const bad = Object.keys(stmtParams).filter((k) => leftover.has(k));
  if (bad.length) throw new CompileError(`Unconsumed column names: ${bad.join(", ")}`);
}

/** The quoted column name as it appears in an INSERT column list or UPDATE SET target. */
export function formatColumn(c: SQLCompiler, col: ColumnClause): string {
  return c.dialect.identifierPreparer.quote(col.name, col.quote);
}

/** One entry of the column list and its rendered value. */
export interface InsertParam {
  col: ColumnClause;
  value: string;
}

/** What an INSERT compile carries between its steps. */
export interface InsertScan {
  c: SQLCompiler;
  stmt: Insert;
  kw: CompileKw;
  crud: CrudInfo;
  /** names of the binds crud renders for columns (reserved against user binds) */
  crudNames: Set<string>;
  /** the rows of a multi-row VALUES, else null */
  rows: readonly Record<string, ClauseElement>[] | null;
  needPks: boolean;
  /** the primary key comes back by RETURNING */
  implicitReturning: boolean;
  /** the modifiers' postfetch_lastrowid: lastrowid gives the primary key */
  postfetchLastrowid: boolean;
  /** columns returnDefaults() wants back by RETURNING, when it applies */
  returnDefaults: Set<ColumnElement> | null;
  autoinc: Column | null;
}

/** A prefetch bind for `col` under `name`, registered as crud's. */
export function prefetch(st: InsertScan, col: ColumnClause, name: string): BindParameter {
  st.crudNames.add(name);
  return prefetchBind(col, name);
}

/**
 * A DML statement that is a CTE's body names the CTE's columns by its RETURNING columns (the
 * `WITH RECURSIVE name(a, b)` list); the CTE visitor passes the list to fill.
 */
export function noteCteColumns(c: SQLCompiler, kw: CompileKw, returning: readonly ColumnElement[]): void {
  const names = kw.cteColumns;
  if (!Array.isArray(names)) return;
  for (const col of returning) names.push(col._labelName ?? c.anonLabelName(col));
}
