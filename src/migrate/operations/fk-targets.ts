/**
 * Stub tables for the targets of a new table's (or column's) foreign keys: `sa.ForeignKey("a.id")`
 * in a migration refers to a live table the op's MetaData does not hold (Alembic's
 * `_ensure_table_for_fk`).
 */
import { Column } from "../../sql/schema/column.js";
import { Table } from "../../sql/schema/table.js";

/**
 * Adds to the table's MetaData a stub for every table and column its foreign keys name.
 * @example
 * ensureForeignKeyTargets(orderTable);
 */
export function ensureForeignKeyTargets(table: Table): void {
  const meta = table.metadata;
  for (const fk of table.foreignKeys) {
    if (fk._resolvable()) continue;
    const full = fk.targetTableKey;
    const dot = full.lastIndexOf(".");
    const name = dot < 0 ? full : full.slice(dot + 1);
    // an unqualified target names the default schema, not the source table's (SQLAlchemy's
    // resolution and Alembic's `_ensure_table_for_fk`)
    const schema = dot < 0 ? (meta.schema ?? null) : full.slice(0, dot);
    let target = meta.tables.get(full) ?? meta.tables.get(schema ? `${schema}.${name}` : name);
    if (!target) target = new Table(name, meta, { schema });
    if (!target._columnByName(fk.targetColumnName)) target.appendColumn(new Column(fk.targetColumnName));
  }
}
