/**
 * INSERT compilation (SQLAlchemy's `visit_insert` with `crud._get_crud_params`): which columns
 * render, how defaults are fetched (prefetch, inline SQL, RETURNING, lastrowid), multi-row
 * VALUES and INSERT..SELECT.
 */
import { CompileError, InvalidRequestError } from "../../exc.js";
import type { ClauseElement } from "../base.js";
import type { Insert } from "../dml/insert.js";
import { BindParameter } from "../elements/bind-param.js";
import type { ColumnClause } from "../elements/column-clause.js";
import type { Column } from "../schema/column.js";
import { checkReservedBindNames } from "./crud-binds.js";
import {
  autoincrementColumn,
  type CrudValue,
  checkReturningCombination,
  checkUnconsumed,
  colDescription,
  colKey,
  crudBind,
  crudParameters,
  defaultOf,
  dispatchIndependentCtes,
  dmlColumns,
  dmlKw,
  emptyCrud,
  finishCrud,
  formatColumn,
  hasServerDefault,
  type InsertParam,
  type InsertScan,
  noteCteColumns,
  prefetch,
  REQUIRED,
  returnDefaultsSet,
  schemaColumn,
  sequenceRendered,
  tableAllowsImplicitReturning,
} from "./crud-common.js";
import { scanInsertFromSelect } from "./crud-insert-select.js";
import type { CompileKw, SQLCompiler } from "./sql-compiler.js";

/** SQLAlchemy's `_get_returning_modifiers` for INSERT. */
function modifiers(c: SQLCompiler, stmt: Insert, toplevel: boolean, multi: boolean) {
  const d = c.dialect;
  const executemanyReturning = d.insertReturning && d.supportsMultivaluesInsert && d.useInsertmanyvalues;
  const needPks =
    toplevel &&
    !stmt._inline &&
    (!c.forExecutemany || (executemanyReturning && stmt._hasReturnDefaults)) &&
    stmt._returning.length === 0 &&
    !multi;
  const autoinc = autoincrementColumn(stmt.table);
  const lastrowid = needPks && d.postfetchLastrowid && autoinc !== null;
  // a key drawn from a sequence (MariaDB) is no AUTO_INCREMENT value: lastrowid cannot report
  // it. SQLAlchemy pre-executes `SELECT nextval(seq)`, an extra round trip alkahest's
  // synchronous defaults cannot make; where RETURNING exists, the key comes back with the row.
  const sequenceKey = lastrowid && autoinc?.sequence !== undefined && sequenceRendered(d, autoinc.sequence);
  // SQLite and MariaDB could return the key, but lastrowid is faster for a single row
  const implicitReturning =
    needPks &&
    d.insertReturning &&
    tableAllowsImplicitReturning(stmt.table) &&
    (!lastrowid || d.favorReturningOverLastrowid || stmt._hasReturnDefaults || sequenceKey);
  return {
    needPks,
    autoinc,
    implicitReturning,
    postfetchLastrowid: lastrowid && !implicitReturning,
    returnDefaults: implicitReturning && stmt._hasReturnDefaults ? returnDefaultsSet(stmt) : null,
  };
}

function render(st: InsertScan, el: ClauseElement, kw: CompileKw = st.kw): string {
  return st.c.process(el, kw);
}

function nextval(st: InsertScan, sc: Column): string {
  return st.c.nextvalSql(sc.sequence!.name, sc.sequence!.schema);
}

/** A column given in the parameters: a bind, or a SQL expression rendered inline. */
function appendParameter(st: InsertScan, col: ColumnClause, v: CrudValue, out: InsertParam[]): void {
  const key = colKey(col);
  const multi = st.rows !== null;
  const sc = schemaColumn(col);
  let value: string;
  if (v === REQUIRED) {
    const name = multi ? `${key}_m0` : key;
    st.crudNames.add(name);
    value = render(st, crudBind(col, name, true));
  } else if (v instanceof BindParameter) {
    if (v._isCrud) st.crudNames.add(multi ? `${key}_m0` : key);
    value = render(st, v, v._isCrud && multi ? { ...st.kw, crudRow: 0 } : st.kw);
    // a literal for the autoincrement key may be NULL, which SQLite and MySQL still fill in
    if (sc && sc === st.autoinc && st.postfetchLastrowid) st.crud.postfetchLastrowid = true;
  } else {
    value = render(st, v.selfGroup());
    if (sc?.primaryKey) {
      if (st.implicitReturning) st.crud.implicitReturning.push(col);
      else if (st.c.dialect.postfetchLastrowid) st.crud.postfetchLastrowid = true;
    } else if (st.returnDefaults?.has(col)) st.crud.implicitReturning.push(col);
    else st.crud.postfetch.push(col);
  }
  out.push({ col, value });
}

/** A primary key without a value, fetched back by RETURNING. */
function pkReturning(st: InsertScan, col: ColumnClause, sc: Column, out: InsertParam[]): void {
  const def = defaultOf(sc);
  if (def?.kind === "sequence") {
    if (sequenceRendered(st.c.dialect, def.sequence)) out.push({ col, value: nextval(st, sc) });
    st.crud.implicitReturning.push(col);
  } else if (def?.kind === "clause") {
    out.push({ col, value: render(st, def.expr.selfGroup()) });
    st.crud.implicitReturning.push(col);
  } else if (def?.kind === "scalar") {
    out.push({ col, value: render(st, prefetch(st, col, colKey(col))) });
    st.crud.insertPrefetch.push(col);
  } else if (sc === st.autoinc || hasServerDefault(sc)) {
    st.crud.implicitReturning.push(col);
  }
}

/** A primary key without a value and without RETURNING: pre-executed default, or lastrowid. */
function pkNoReturning(st: InsertScan, col: ColumnClause, sc: Column, out: InsertParam[]): void {
  const d = st.c.dialect;
  const def = defaultOf(sc);
  const preexecute =
    (def !== null && (def.kind !== "sequence" || sequenceRendered(d, def.sequence))) ||
    (sc === st.autoinc && !d.postfetchLastrowid && def?.kind === "sequence" && d.supportsSequences);
  if (preexecute) {
    out.push({ col, value: render(st, prefetch(st, col, colKey(col))) });
    st.crud.insertPrefetch.push(col);
  } else if (def === null && !hasServerDefault(sc) && !sc.nullable && sc !== st.autoinc) {
    // SQLAlchemy warns here: nothing will give this primary key a value
  } else if (d.postfetchLastrowid) st.crud.postfetchLastrowid = true;
}

/** A column without a value that has a client-side default (not a primary key being fetched). */
function withDefault(st: InsertScan, col: ColumnClause, sc: Column, out: InsertParam[]): void {
  const def = defaultOf(sc)!;
  const wanted = st.returnDefaults?.has(col) ?? false;
  if (def.kind === "scalar") {
    out.push({ col, value: render(st, prefetch(st, col, colKey(col))) });
    st.crud.insertPrefetch.push(col);
    return;
  }
  if (def.kind === "sequence") {
    if (!sequenceRendered(st.c.dialect, def.sequence)) return;
    out.push({ col, value: nextval(st, sc) });
  } else out.push({ col, value: render(st, def.expr.selfGroup()) });
  if (wanted) st.crud.implicitReturning.push(col);
  else if (!sc.primaryKey) st.crud.postfetch.push(col);
}

/** SQLAlchemy's `_scan_cols` for INSERT: the first (or only) row's column list and values. */
function scanColumns(st: InsertScan, stmtParams: Record<string, ClauseElement> | null): InsertParam[] {
  const params = crudParameters(st.c, stmtParams);
  const out: InsertParam[] = [];
  for (const col of dmlColumns(st.stmt.table)) {
    const key = colKey(col);
    const given = params.get(key);
    if (given !== undefined) {
      params.delete(key);
      appendParameter(st, col, given, out);
      continue;
    }
    const sc = schemaColumn(col);
    if (sc?.primaryKey && st.needPks) {
      if (st.implicitReturning) pkReturning(st, col, sc, out);
      else pkNoReturning(st, col, sc, out);
    } else if (sc && defaultOf(sc)) withDefault(st, col, sc, out);
    else if (hasServerDefault(sc)) {
      if (st.returnDefaults?.has(col)) st.crud.implicitReturning.push(col);
      else if (!sc!.primaryKey) st.crud.postfetch.push(col);
    } else if (st.returnDefaults?.has(col)) st.crud.implicitReturning.push(col);
  }
  checkUnconsumed(params, stmtParams);
  return out;
}

/** A later row's value for a column it lacks: the column's default, which must exist. */
function rowDefault(st: InsertScan, col: ColumnClause, row: number): string {
  const sc = schemaColumn(col);
  const def = defaultOf(sc);
  if (!def) {
    throw new CompileError(
      `INSERT value for column ${colDescription(col)} is explicitly rendered as a bound parameter in the ` +
        "VALUES clause; a Python-side value or SQL expression is required",
    );
  }
  if (def.kind === "clause") return render(st, def.expr.selfGroup());
  if (def.kind === "sequence") return nextval(st, sc!);
  const name = `${colKey(col)}_m${row}`;
  // like SQLAlchemy's _multiparam_column: the prefetch entry is keyed by the row's bind name
  const rowCol = Object.create(col, { key: { value: name } }) as ColumnClause;
  st.crud.insertPrefetch.push(rowCol);
  return render(st, prefetch(st, rowCol, name));
}

/** The rows after the first, following the first row's columns (SQLAlchemy's `_extend_values_for_multiparams`). */
function laterRows(st: InsertScan, first: readonly InsertParam[]): string[][] {
  const rows = st.rows ?? [];
  const out: string[][] = [];
  const known = new Set(dmlColumns(st.stmt.table).map(colKey));
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i];
    // SQLAlchemy only checks the first row; a key naming no column anywhere is a typo all the same
    const unknown = Object.keys(row).filter((k) => !known.has(k));
    if (unknown.length) throw new CompileError(`Unconsumed column names: ${unknown.join(", ")}`);
    out.push(
      first.map(({ col }) => {
        const key = colKey(col);
        if (!Object.hasOwn(row, key)) return rowDefault(st, col, i);
        const v = row[key];
        if (v instanceof BindParameter && v._isCrud) {
          st.crudNames.add(`${key}_m${i}`);
          return render(st, v, { ...st.kw, crudRow: i });
        }
        return render(st, v.selfGroup());
      }),
    );
  }
  return out;
}

/** No values and no execution keys: every column is a required bind (`str(insert(t))`). */
function allColumnsRequired(st: InsertScan): InsertParam[] {
  return dmlColumns(st.stmt.table).map((col) => {
    st.crudNames.add(colKey(col));
    return { col, value: render(st, crudBind(col, colKey(col), true)) };
  });
}

/** Compiles an INSERT. */
export function compileInsert(c: SQLCompiler, stmt: Insert, kw: CompileKw): string {
  const toplevel = c.claimTop("insert");
  const d = c.dialect;
  const ikw = dmlKw(kw);
  checkReturningCombination(stmt);
  if (stmt._values && stmt._multiValues.length)
    throw new InvalidRequestError("Can't mix single and multiple VALUES formats in one INSERT statement");
  const rows = stmt._multiValues.length ? stmt._multiValues : null;
  const m = modifiers(c, stmt, toplevel, rows !== null);
  const st: InsertScan = {
    c,
    stmt,
    kw: ikw,
    crud: emptyCrud(),
    crudNames: new Set(),
    rows,
    ...m,
  };
  c.pushDmlFroms([]);

  let params: InsertParam[];
  let later: string[][] = [];
  let select: ClauseElement | null = null;
  if (stmt._select) ({ params, select } = scanInsertFromSelect(st));
  else if (c.columnKeys === null && !stmt._values && !rows) params = allColumnsRequired(st);
  else {
    params = scanColumns(st, stmt._values ?? rows?.[0] ?? null);
    if (rows) later = laterRows(st, params);
    else if (!params.length && c.forExecutemany && d.supportsDefaultMetavalue) {
      // INSERT (firstcol) VALUES (DEFAULT) can repeat per row, where DEFAULT VALUES cannot
      const first = dmlColumns(stmt.table)[0];
      if (first) params = [{ col: first, value: d.defaultMetavalueToken }];
    }
  }
  if (!params.length && !d.supportsDefaultValues && !d.supportsDefaultMetavalue && !d.supportsEmptyInsert) {
    throw new CompileError(
      `The '${d.name}' dialect with current database version settings does not support empty inserts.`,
    );
  }
  if (rows && !d.supportsMultivaluesInsert) {
    throw new CompileError(
      `The '${d.name}' dialect with current database version settings does not support in-place multirow inserts.`,
    );
  }
  checkReservedBindNames(st.crudNames, [
    stmt._values,
    stmt._multiValues,
    stmt._select?.select,
    stmt._returning,
  ]);

  let text = `INSERT ${stmt._prefixes.length ? `${stmt._prefixes.join(" ")} ` : ""}INTO `;
  const tableText = c.process(stmt.table, { ...ikw, asfrom: true });
  dispatchIndependentCtes(c, stmt, ikw);
  text += tableText;
  const returning = stmt._returning.length ? stmt._returning : st.crud.implicitReturning;
  const returningText = returning.length ? c.returningClause(returning, ikw, toplevel) : "";
  if (!params.length) text += c.emptyInsertClause();
  else {
    text += ` (${params.map((p) => formatColumn(c, p.col)).join(", ")})`;
    if (select) {
      const selectText = c.process(select, { ...ikw, insertFromSelect: true });
      // MySQL only parses INSERT INTO t (…) WITH … SELECT …
      const ctes = d.cteFollowsInsert && toplevel && c.hasCtes ? c.takeCtes() : "";
      text += ` ${ctes}${selectText}`;
    } else {
      const first = `(${params.map((p) => p.value).join(", ")})`;
      if (!rows) st.crud.insertSingleValuesExpr = first;
      // an executemany INSERT marks its VALUES group so the engine can repeat it per batch
      const group = !rows && c.forExecutemany && toplevel ? `\u0001\u0006${first}\u0001\u0007` : first;
      text += ` VALUES ${[group, ...later.map((r) => `(${r.join(", ")})`)].join(", ")}`;
    }
  }
  text += c.insertOnConflict(stmt, ikw);
  if (returningText) text += ` ${returningText}`;
  c.popDmlFroms();
  noteCteColumns(c, kw, returning);
  finishCrud(c, st.crud, toplevel, returning);
  return c.withDmlCtes(text, ikw);
}
