/**
 * An index's dialect options (`postgresqlWhere`, `sqliteWhere`, `postgresqlUsing`,
 * `postgresqlInclude`, `mysqlLength`, …) as the object entries that rebuild them, so that a
 * rendered partial or prefix index is not silently a full one (Alembic renders
 * `postgresql_where=sa.text(...)`, `mysql_length=20`).
 */
import { ClauseElement } from "../../sql/base.js";
import type { Dialect } from "../../sql/dialect.js";
import { Column } from "../../sql/schema/column.js";
import type { Index } from "../../sql/schema/constraints.js";
import { indexElementSql } from "./index-expr.js";

/** A WHERE (even a lone column) as `sa.text(...)`; a list (`postgresqlInclude`) as names. */
function renderValue(v: unknown, d: Dialect): string {
  if (v instanceof ClauseElement) return `sa.text(${JSON.stringify(indexElementSql(v, d))})`;
  if (Array.isArray(v))
    return `[${v.map((x) => (x instanceof Column ? JSON.stringify(x.name) : renderValue(x, d))).join(", ")}]`;
  return JSON.stringify(v) ?? "undefined";
}

/**
 * The dialect options of an index, rendered (keys prefixed by a dialect name only).
 * @example
 * indexDialectOptions(ix, pg); // { postgresqlWhere: 'sa.text("active")' }
 */
export function indexDialectOptions(ix: Index, d: Dialect): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ix.opts)) {
    if (v === undefined || v === null || !/^(postgresql|mysql|mariadb|sqlite)[A-Z]/.test(k)) continue;
    out[k] = renderValue(v, d);
  }
  return out;
}
