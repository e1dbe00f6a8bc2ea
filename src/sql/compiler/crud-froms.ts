import type { ClauseElement } from "../base.js";
import type { WhereDMLBase } from "../dml/dml-base.js";
import type { FromClause } from "../selectable/from-clause.js";
import { fromObjectsOf } from "../selectable/froms.js";
import { tablesFromLeftmost } from "./crud-common.js";

/**
 * SQLAlchemy's `_make_extra_froms`: the FROM elements an UPDATE or DELETE refers to besides its
 * target, from `withFrom()`, the WHERE criteria and (UPDATE) the SET values, then the other
 * tables of a joined target. An alias of the target is another FROM element.
 */
export function extraFroms(stmt: WhereDMLBase, values: readonly ClauseElement[] = []): FromClause[] {
  const all = tablesFromLeftmost(stmt.table);
  const seen = new Set<FromClause>([all[0]]);
  const out: FromClause[] = [];
  const add = (f: FromClause) => {
    if (seen.has(f)) return;
    seen.add(f);
    out.push(f);
  };
  for (const f of stmt._extraFroms) add(f);
  for (const crit of [...stmt._where, ...values]) for (const f of fromObjectsOf(crit)) add(f);
  for (const t of all.slice(1)) if (!out.includes(t)) out.push(t);
  return out;
}
