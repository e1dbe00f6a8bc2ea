import { CompileError } from "../../exc.js";
import { ClauseElement } from "../base.js";
import { BindParameter } from "../elements/bind-param.js";
import { ColumnClause } from "../elements/column-clause.js";
import { TableClause } from "../selectable/table-clause.js";

/** The keys of the user-named binds (`bindparam("x")`) anywhere under the given elements. */
function userBindKeys(roots: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  const seen = new Set<object>();
  const visit = (v: unknown): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (v instanceof BindParameter) {
      if (!v.unique && !v._isCrud) out.add(v.key);
      return;
    }
    // tables and columns hold no user binds, and walking them would loop through their links
    if (v instanceof TableClause || v instanceof ColumnClause) return;
    if (Array.isArray(v)) for (const x of v) visit(x);
    else if (v instanceof Map) for (const x of v.values()) visit(x);
    else if (v instanceof ClauseElement || Object.getPrototypeOf(v) === Object.prototype)
      for (const x of Object.values(v)) visit(x);
  };
  for (const r of roots) visit(r);
  return out;
}

/**
 * SQLAlchemy reserves the names of the binds an INSERT/UPDATE renders for its columns: a
 * `bindparam()` of the same name elsewhere in the statement would silently share its value.
 * @throws CompileError naming the bind
 */
export function checkReservedBindNames(crudNames: ReadonlySet<string>, roots: readonly unknown[]): void {
  if (crudNames.size === 0) return;
  for (const key of userBindKeys(roots)) {
    if (!crudNames.has(key)) continue;
    throw new CompileError(
      `bindparam() name '${key}' is reserved for automatic usage in the VALUES or SET clause of this ` +
        "insert/update statement.   Please use a name other than column name when using bindparam() " +
        `with insert() or update() (for example, 'b_${key}').`,
    );
  }
}
