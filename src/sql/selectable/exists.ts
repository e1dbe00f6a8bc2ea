import type { ClauseElement } from "../base.js";
import { literalColumn } from "../elements/column-clause.js";
import { Select } from "./select.js";
import { Exists, ScalarSelect, SelectBase } from "./select-base.js";

/**
 * `EXISTS (SELECT …)`: of a SELECT, or of columns (`sa.exists().where(...)` selects `*`).
 * @example
 * sa.select(users.c.id).where(sa.exists().where(addresses.c.user_id.eq(users.c.id)));
 */
export function exists(arg?: SelectBase | ClauseElement, ...more: ClauseElement[]): Exists {
  if (arg instanceof SelectBase) return new Exists(arg);
  // EXISTS of the subquery itself: selected as a value it would be one row, always true
  if (arg instanceof ScalarSelect && more.length === 0) return new Exists(arg.element);
  const cols = arg ? [arg, ...more] : [literalColumn("*")];
  return new Exists(new Select(cols));
}
