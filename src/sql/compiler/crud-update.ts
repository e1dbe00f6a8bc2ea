/**
 * UPDATE compilation (SQLAlchemy's `visit_update` with `crud._get_crud_params`): the SET
 * clause from the values and execution keys, `onupdate` defaults, and the other tables a
 * multi-table UPDATE names (UPDATE..FROM, or MySQL's `UPDATE a, b`).
 */
import type { ClauseElement } from "../base.js";
import type { Update } from "../dml/update.js";
import { BindParameter } from "../elements/bind-param.js";
import type { ColumnClause } from "../elements/column-clause.js";
import type { ColumnElement } from "../elements/column-element.js";
import type { CrudInfo } from "./compiled.js";
import { checkReservedBindNames } from "./crud-binds.js";
import {
  type CrudValue,
  checkReturningCombination,
  checkUnconsumed,
  colKey,
  crudBind,
  crudParameters,
  dispatchIndependentCtes,
  dmlColumns,
  dmlKw,
  emptyCrud,
  finishCrud,
  hasServerOnupdate,
  noteCteColumns,
  onupdateOf,
  prefetchBind,
  REQUIRED,
  returnDefaultsSet,
  schemaColumn,
  tableAllowsImplicitReturning,
} from "./crud-common.js";
import { extraFroms } from "./crud-froms.js";
import type { CompileKw, SQLCompiler } from "./sql-compiler.js";

interface UpdateScan {
  c: SQLCompiler;
  stmt: Update;
  kw: CompileKw;
  crud: CrudInfo;
  crudNames: Set<string>;
  /** SET targets carry their table (MySQL multi-table UPDATE) */
  includeTable: boolean;
  returnDefaults: Set<ColumnElement> | null;
}

function target(st: UpdateScan, col: ColumnClause): string {
  return st.c.updateSetTarget(col, { ...st.kw, includeTable: st.includeTable });
}

/** The columns in SET order: table order, or the orderedValues() keys first. */
function setOrder(stmt: Update): ColumnClause[] {
  const cols = dmlColumns(stmt.table);
  if (!stmt._ordered || !stmt._values) return cols;
  const keys = Object.keys(stmt._values);
  const first = keys.flatMap((k) => cols.filter((c) => colKey(c) === k).slice(0, 1));
  return [...first, ...cols.filter((c) => !first.includes(c))];
}

function givenValue(st: UpdateScan, col: ColumnClause, v: CrudValue): string {
  const key = colKey(col);
  if (v === REQUIRED) {
    st.crudNames.add(key);
    return st.c.process(crudBind(col, key, true), st.kw);
  }
  if (v instanceof BindParameter) {
    if (v._isCrud) st.crudNames.add(key);
    return st.c.process(v, st.kw);
  }
  if (st.returnDefaults?.has(col)) st.crud.implicitReturning.push(col);
  else st.crud.postfetch.push(col);
  return st.c.process(v.selfGroup(), st.kw);
}

/** A column without a SET value: its `onupdate`, or a server-side update to fetch afterwards. */
function onupdateValue(st: UpdateScan, col: ColumnClause): string | null {
  const sc = schemaColumn(col);
  const def = onupdateOf(sc);
  const wanted = st.returnDefaults?.has(col) ?? false;
  if (def?.kind === "scalar") {
    st.crudNames.add(colKey(col));
    st.crud.updatePrefetch.push(col);
    return st.c.process(prefetchBind(col, colKey(col)), st.kw);
  }
  if (def?.kind === "clause") {
    (wanted ? st.crud.implicitReturning : st.crud.postfetch).push(col);
    return st.c.process(def.expr.selfGroup(), st.kw);
  }
  if (hasServerOnupdate(sc)) (wanted ? st.crud.implicitReturning : st.crud.postfetch).push(col);
  else if (wanted && st.stmt._returnDefaultsColumns.length) st.crud.implicitReturning.push(col);
  return null;
}

/** The `col=value` items of the SET clause. */
function setClause(st: UpdateScan): string[] {
  const { c, stmt } = st;
  if (c.columnKeys === null && !stmt._values) {
    // no values and no execution keys: every column is a required bind (`str(update(t))`)
    return dmlColumns(stmt.table).map((col) => {
      st.crudNames.add(colKey(col));
      const t = c.updateSetTarget(col, { ...st.kw, includeTable: false });
      return `${t}=${c.process(crudBind(col, colKey(col), true), st.kw)}`;
    });
  }
  const params = crudParameters(c, stmt._values);
  const sets: string[] = [];
  for (const col of setOrder(stmt)) {
    const v = params.get(colKey(col));
    if (v !== undefined) {
      params.delete(colKey(col));
      sets.push(`${target(st, col)}=${givenValue(st, col, v)}`);
      continue;
    }
    const value = onupdateValue(st, col);
    if (value !== null) sets.push(`${target(st, col)}=${value}`);
  }
  checkUnconsumed(params, stmt._values);
  return sets;
}

/** Compiles an UPDATE. */
export function compileUpdate(c: SQLCompiler, stmt: Update, kw: CompileKw): string {
  const toplevel = c.claimTop("update");
  const ukw = dmlKw(kw);
  checkReturningCombination(stmt);
  const values: ClauseElement[] = Object.values(stmt._values ?? {});
  const extra = extraFroms(stmt, values);
  // a joined target already renders its own tables
  const mainFroms = stmt.table._fromObjects;
  const renderExtra = extra.filter((f) => !mainFroms.includes(f));
  const multitable = extra.length > 0;
  const st: UpdateScan = {
    c,
    stmt,
    kw: ukw,
    crud: emptyCrud(),
    crudNames: new Set(),
    includeTable: multitable && c.updateSetIncludesTable,
    returnDefaults:
      stmt._hasReturnDefaults && c.dialect.updateReturning && tableAllowsImplicitReturning(stmt.table)
        ? returnDefaultsSet(stmt)
        : null,
  };
  c.pushDmlFroms(multitable ? [...mainFroms, ...extra] : [stmt.table]);
  let text = `UPDATE ${stmt._prefixes.length ? `${stmt._prefixes.join(" ")} ` : ""}`;
  dispatchIndependentCtes(c, stmt, ukw);
  // the hook is typed for a table, but renders any FROM element (an alias, a MySQL join)
  const tableText = c.updateTablesClause(stmt.table, renderExtra, ukw);
  const sets = setClause(st);
  checkReservedBindNames(st.crudNames, [stmt._values, stmt._where, stmt._returning]);
  text += `${tableText} SET ${sets.join(", ")}`;
  if (renderExtra.length && !c.updateSetIncludesTable) text += c.updateFromClause(renderExtra, ukw);
  if (stmt._where.length) {
    const where = c.processWhere(stmt._where, ukw);
    if (where) text += ` WHERE ${where}`;
  }
  const returning = stmt._returning.length ? stmt._returning : st.crud.implicitReturning;
  if (returning.length) text += ` ${c.returningClause(returning, ukw, toplevel)}`;
  c.popDmlFroms();
  noteCteColumns(c, kw, returning);
  finishCrud(c, st.crud, toplevel, returning);
  return c.withDmlCtes(text, ukw);
}
