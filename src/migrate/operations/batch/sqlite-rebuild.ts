/**
 * SQLite's move-and-copy: CREATE TABLE `_alembic_tmp_<t>` with the new shape, copy the rows,
 * DROP the old table, RENAME the new one into place, then recreate the indexes (their names are
 * global in SQLite, so they can only come back once the old table is gone).
 */
import { CreateIndex, CreateTable, type DDLElement, DropTable } from "../../../sql/ddl/ddl-elements.js";
import {
  CheckConstraint,
  type Constraint,
  ForeignKeyConstraint,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "../../../sql/schema/constraints.js";
import { MetaData } from "../../../sql/schema/metadata.js";
import { Table } from "../../../sql/schema/table.js";
import { RenameTable } from "../ddl/column-ddl.js";
import { ensureForeignKeyTargets } from "../fk-targets.js";
import * as so from "../schema-objects.js";
import { orderColumns } from "./column-order.js";
import { CopyRows } from "./copy-rows.js";
import { type ConstraintModel, columnOf, type TableModel } from "./table-model.js";

/** Alembic cuts the temporary name to 50 characters. */
export function tempTableName(name: string): string {
  return `_alembic_tmp_${name}`.slice(0, 50);
}

function constraintOf(c: ConstraintModel): Constraint {
  const named = c.name ? { name: c.name } : {};
  switch (c.kind) {
    case "primary_key":
      return new PrimaryKeyConstraint(...c.columns, named);
    case "unique":
      return new UniqueConstraint(...c.columns, named);
    case "check":
      return new CheckConstraint(c.sqltext, named);
    case "foreign_key":
      return new ForeignKeyConstraint(c.columns, c.targets, { ...c.opts, ...named });
  }
}

/** Dialect statements around the rebuild (PostgreSQL's, see postgresql-prep.ts). */
export interface RebuildHooks {
  /** before CREATE TABLE of the new table */
  prep?: readonly DDLElement[];
  /** after the copy, before the old table is dropped */
  beforeDrop?: (tmp: string) => readonly DDLElement[];
}

/**
 * The statements that rebuild the table into the model's shape, keeping its rows.
 * @example
 * for (const s of rebuildStatements(model)) await ctx.execute(s);
 */
export function rebuildStatements(m: TableModel, hooks: RebuildHooks = {}): DDLElement[] {
  const tmp = tempTableName(m.name);
  const byKey = new Map(m.columns.map((c) => [c.key, c]));
  const columns = orderColumns(
    m.columns.map((c) => c.key),
    m.ordering,
  ).map((k) => byKey.get(k)!);
  const table = new Table(tmp, new MetaData(), ...columns.map(columnOf), ...m.constraints.map(constraintOf), {
    ...m.tableOptions,
    schema: m.schema,
  });
  ensureForeignKeyTargets(table);
  const copied = columns
    .filter((c) => c.source !== null)
    .map((c) => ({ target: c.name, source: c.source!, castTo: c.cast ? c.type : null }));
  const stmts: DDLElement[] = [...(hooks.prep ?? []), new CreateTable(table)];
  if (copied.length) stmts.push(new CopyRows(tmp, m.name, copied, m.schema));
  stmts.push(...(hooks.beforeDrop?.(tmp) ?? []));
  stmts.push(new DropTable(so.stubTable(m.name, m.schema, [])));
  stmts.push(new RenameTable(tmp, m.name, m.schema));
  for (const ix of m.indexes) {
    stmts.push(
      new CreateIndex(so.index(ix.name, m.name, ix.elements, m.schema, { ...ix.opts, unique: ix.unique })),
    );
  }
  return stmts;
}
