import { ClauseElement } from "../base.js";
import { BindParameter } from "../elements/bind-param.js";
import { ColumnClause } from "../elements/column-clause.js";
import { BinaryExpression } from "../elements/expressions.js";
import { FromClause } from "./from-clause.js";
import { Exists, ScalarSelect, SelectBase } from "./select-base.js";

function walk(el: unknown, out: FromClause[]): void {
  if (el instanceof ColumnClause) {
    const t = el.table;
    if (t instanceof FromClause && !out.includes(t)) out.push(t);
    return;
  }
  if (el instanceof BinaryExpression) {
    walk(el.left, out);
    walk(el.right, out);
    return;
  }
  if (
    el instanceof BindParameter ||
    el instanceof SelectBase ||
    el instanceof ScalarSelect ||
    el instanceof Exists
  ) {
    return;
  }
  if (el instanceof FromClause) {
    for (const f of el._fromObjects) if (!out.includes(f)) out.push(f);
    return;
  }
  if (Array.isArray(el)) {
    for (const x of el) walk(x, out);
    return;
  }
  if (el instanceof ClauseElement) {
    for (const v of Object.values(el)) {
      if (v instanceof ClauseElement || Array.isArray(v)) walk(v, out);
    }
  }
}

/**
 * The FROM elements an expression refers to through its columns (SQLAlchemy's `_from_objects`);
 * subqueries used as values are self-contained and contribute none.
 */
export function fromObjectsOf(el: ClauseElement): FromClause[] {
  const out: FromClause[] = [];
  walk(el, out);
  return out;
}

/** Appends to `out` the FROM elements `el` refers to that `out` does not hold yet. */
export function collectFroms(el: ClauseElement, out: FromClause[]): void {
  walk(el, out);
}
