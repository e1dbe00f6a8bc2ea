import { CompileError } from "../../exc.js";
import type { ClauseElement } from "../base.js";
import { NextValue } from "../dml/next-value.js";
import type { ColumnClause } from "../elements/column-clause.js";
import type { ColumnElement } from "../elements/column-element.js";
import { Select } from "../selectable/select.js";
import {
  colKey,
  defaultOf,
  dmlColumns,
  type InsertParam,
  type InsertScan,
  prefetch,
  schemaColumn,
  sequenceRendered,
} from "./crud-common.js";

/**
 * SQLAlchemy's `_scan_insert_from_select_cols`: the target columns, then every other column
 * with a default, whose value is appended to a copy of the SELECT (the statement's own SELECT
 * is left unchanged).
 * @throws CompileError for a target name that is no column, or when defaults must be added to
 * a SELECT that cannot take more columns (a UNION)
 */
export function scanInsertFromSelect(st: InsertScan): { params: InsertParam[]; select: ClauseElement } {
  const from = st.stmt._select!;
  const byKey = new Map(dmlColumns(st.stmt.table).map((c) => [colKey(c), c]));
  const cols = from.columns.map((k) => {
    const col = byKey.get(k);
    if (!col) throw new CompileError(`Unconsumed column names: ${k}`);
    return col;
  });
  const named = new Set(cols);
  if (from.includeDefaults) {
    for (const col of byKey.values()) if (!named.has(col) && defaultOf(schemaColumn(col))) cols.push(col);
  }
  const params: InsertParam[] = [];
  const extra: { col: ColumnClause; expr: ColumnElement }[] = [];
  for (const col of cols) {
    if (named.has(col)) {
      params.push({ col, value: "" });
      continue;
    }
    const def = defaultOf(schemaColumn(col))!;
    let expr: ColumnElement;
    if (def.kind === "sequence") {
      if (!sequenceRendered(st.c.dialect, def.sequence)) continue;
      expr = new NextValue(def.sequence);
    } else if (def.kind === "clause") expr = def.expr.selfGroup() as ColumnElement;
    else {
      expr = prefetch(st, col, colKey(col));
      st.crud.insertPrefetch.push(col);
    }
    params.push({ col, value: "" });
    extra.push({ col, expr });
  }
  if (!extra.length) return { params, select: from.select };
  if (!(from.select instanceof Select)) {
    throw new CompileError(
      "Can't extend statement for INSERT..FROM SELECT to include additional default-holding column(s) " +
        `${extra.map((e) => `'${e.col.name}'`).join(", ")}.  Convert the selectable to a subquery() first, ` +
        "or pass { includeDefaults: false } to fromSelect() to skip these columns.",
    );
  }
  return { params, select: from.select.addColumns(...extra.map((e) => e.expr)) };
}
