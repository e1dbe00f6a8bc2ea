/**
 * A mutable description of a table for the move-and-copy rebuild: columns (with where each one's
 * data comes from), constraints and indexes by column name, so batch directives can rename, drop
 * and retype before the new table is built.
 */
import type { ClauseElement } from "../../../sql/base.js";
import { ColumnClause } from "../../../sql/elements/column-clause.js";
import { Column, type ColumnOptions } from "../../../sql/schema/column.js";
import {
  CheckConstraint,
  ForeignKeyConstraint,
  type ForeignKeyOptions,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "../../../sql/schema/constraints.js";
import { constraintName } from "../../../sql/schema/naming.js";
import type { Table } from "../../../sql/schema/table.js";
import type { TypeEngine } from "../../../sql/types/type-engine.js";
import type { ColumnOrdering } from "./column-order.js";

/** One column of the new table. */
export interface ColumnModel {
  /** the name the batch refers to it by: its first name (a rename keeps it, as in Alembic) */
  key: string;
  name: string;
  type: TypeEngine;
  nullable: boolean;
  serverDefault: string | ClauseElement | undefined;
  comment: string | undefined;
  /** the old column its data is copied from; null for a new column */
  source: string | null;
  /** copy through CAST, the type having changed */
  cast: boolean;
}

/** A table constraint by column names. */
export type ConstraintModel =
  | { kind: "primary_key"; name: string | null; columns: string[] }
  | { kind: "unique"; name: string | null; columns: string[] }
  | { kind: "check"; name: string | null; sqltext: string | ClauseElement }
  | {
      kind: "foreign_key";
      name: string | null;
      columns: string[];
      /** `table.column` targets */
      targets: string[];
      opts: ForeignKeyOptions;
    };

/** An index: column names, or expressions kept as they are. */
export interface IndexModel {
  name: string | null;
  elements: (string | ClauseElement)[];
  unique: boolean;
  opts: Record<string, unknown>;
}

/** The whole table. */
export interface TableModel {
  name: string;
  schema: string | null;
  columns: ColumnModel[];
  constraints: ConstraintModel[];
  indexes: IndexModel[];
  tableOptions: Record<string, unknown>;
  /** what decides the column order of the rebuilt table */
  ordering: ColumnOrdering;
}

/**
 * The model of an existing (reflected or given) Table.
 * @example
 * const model = modelOf(await reflectTable("t", new sa.MetaData(), insp));
 */
export function modelOf(t: Table): TableModel {
  const columns: ColumnModel[] = t.columnList.map((c) => ({
    key: c.name,
    name: c.name,
    type: c.type,
    nullable: c.nullable,
    serverDefault: c.serverDefault,
    comment: c.comment,
    source: c.name,
    cast: false,
  }));
  const constraints: ConstraintModel[] = [];
  for (const c of t.sortedConstraints) {
    if (c._typeBound) continue;
    if (c instanceof PrimaryKeyConstraint) {
      if (c.columns.length)
        constraints.push({
          kind: "primary_key",
          name: c.name ?? constraintName(c),
          columns: names(c.columns),
        });
    } else if (c instanceof UniqueConstraint) {
      constraints.push({ kind: "unique", name: c.name ?? constraintName(c), columns: names(c.columns) });
    } else if (c instanceof CheckConstraint) {
      constraints.push({ kind: "check", name: c.name ?? constraintName(c), sqltext: c.sqltext });
    } else if (c instanceof ForeignKeyConstraint) {
      const { name: _n, ...opts } = c.fkOpts;
      constraints.push({
        kind: "foreign_key",
        name: c.name ?? constraintName(c),
        columns: names(c.columns),
        targets: c.elements.map((e) => e.target),
        opts,
      });
    }
  }
  // column-level CHECKs (given to a Column) are table constraints in the rebuilt table
  for (const col of t.columnList) {
    for (const ck of col.constraints) {
      if (!constraints.some((m) => m.kind === "check" && m.sqltext === ck.sqltext)) {
        constraints.push({ kind: "check", name: ck.name, sqltext: ck.sqltext });
      }
    }
  }
  const indexes: IndexModel[] = [...t.indexes].map((ix) => {
    const { unique: _u, ...opts } = ix.opts;
    return {
      name: ix.name,
      elements: ix.expressions.map((e) => (e instanceof Column ? e.name : e)),
      unique: ix.unique,
      opts,
    };
  });
  return {
    name: t.name,
    schema: t.schema,
    columns,
    constraints,
    indexes,
    tableOptions: { ...t.dialectOptions },
    ordering: { existing: columns.map((c) => c.key), added: [] },
  };
}

function names(cols: readonly Column[]): string[] {
  return cols.map((c) => c.name);
}

/**
 * A new Column for a model column.
 * @example
 * columnOf({ name: "a", type, nullable: true, … });
 */
export function columnOf(m: ColumnModel): Column {
  const opts: ColumnOptions = { nullable: m.nullable };
  if (m.serverDefault !== undefined) opts.serverDefault = m.serverDefault;
  if (m.comment !== undefined) opts.comment = m.comment;
  return new Column(m.name, m.type, opts);
}

/** Whether an expression (or SQL text) mentions a column name. */
export function mentions(e: string | ClauseElement, name: string): boolean {
  if (typeof e !== "string") {
    if (e instanceof ColumnClause) return e.name === name;
    const text = (e as { text?: unknown }).text;
    if (typeof text !== "string") return false;
    e = text;
  }
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w$])["\`\\[]?${escaped}["\`\\]]?($|[^\\w$])`).test(e);
}
