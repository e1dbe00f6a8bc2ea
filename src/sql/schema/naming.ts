import { ArgumentError, InvalidRequestError } from "../../exc.js";
import type { Column } from "./column.js";
import {
  CheckConstraint,
  type Constraint,
  ForeignKeyConstraint,
  type Index,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "./constraints.js";
import { checkColumnsIn, isSchemaColumn, type NamedColumn } from "./expression-columns.js";
import type { Table } from "./table.js";

/**
 * `schema_table_column`, SQLAlchemy's `column._label` that `%(column_0_label)s` uses; a
 * lightweight column of a CHECK expression, without a table, is labelled by its name.
 */
function columnLabel(table: Table, c: NamedColumn): string {
  if (!isSchemaColumn(c)) return c.name;
  const prefix = table.schema ? `${table.schema.replaceAll(".", "_")}_` : "";
  return `${prefix}${table.name}_${c.name}`;
}

function tokens(
  table: Table,
  cols: readonly NamedColumn[],
  extra: Record<string, string>,
): Record<string, string> {
  const t: Record<string, string> = { table_name: table.name, ...extra };
  cols.forEach((c, i) => {
    t[`column_${i}_name`] = c.name;
    t[`column_${i}_key`] = c.key;
    t[`column_${i}_label`] = columnLabel(table, c);
  });
  const joined = (sep: string, f: (c: NamedColumn) => string) => cols.map(f).join(sep);
  t.column_0N_name = joined("", (c) => c.name);
  t.column_0_N_name = joined("_", (c) => c.name);
  t.column_0N_key = joined("", (c) => c.key);
  t.column_0_N_key = joined("_", (c) => c.key);
  t.column_0N_label = joined("", (c) => columnLabel(table, c));
  t.column_0_N_label = joined("_", (c) => columnLabel(table, c));
  return t;
}

function apply(template: string, vals: Record<string, string>, what: string, table: Table): string {
  return template.replace(/%\((\w+)\)s/g, (_m, tok: string) => {
    const v = vals[tok];
    if (v === undefined) {
      if (tok === "constraint_name") {
        throw new InvalidRequestError(
          `Naming convention including %(constraint_name)s token requires that ${what} on table '${table.name}' be explicitly named.`,
        );
      }
      throw new ArgumentError(
        `Naming convention token %(${tok})s is not available for ${what} on table '${table.name}'.`,
      );
    }
    return v;
  });
}

function conventionKey(c: Constraint): "pk" | "uq" | "ck" | "fk" | null {
  if (c instanceof PrimaryKeyConstraint) return "pk";
  if (c instanceof UniqueConstraint) return "uq";
  if (c instanceof CheckConstraint) return "ck";
  if (c instanceof ForeignKeyConstraint) return "fk";
  return null;
}

/**
 * The name the MetaData's naming convention gives a constraint, or null when the convention
 * does not apply (no template, or an explicit name the template does not build on).
 * @example
 * // MetaData({ namingConvention: { uq: "uq_%(table_name)s_%(column_0_name)s" } })
 * conventionName(uq); // "uq_t_a"
 */
export function conventionName(c: Constraint): string | null {
  const table = c.table;
  if (!table) return null;
  const key = conventionKey(c);
  const template = key ? table.metadata.namingConvention[key] : undefined;
  if (!template) return null;
  if (c.name && !template.includes("%(constraint_name)s")) return null;
  const cols =
    checkExpressionColumns(c) ?? ("columns" in c ? ((c as { columns: Column[] }).columns ?? []) : []);
  const extra: Record<string, string> = {};
  if (c.name) extra.constraint_name = c.name;
  if (c instanceof ForeignKeyConstraint) {
    const ref = c.elements[0]?.column;
    if (ref) {
      extra.referred_table_name = (ref.table as Table).name;
      c.elements.forEach((e, i) => {
        extra[`referred_column_${i}_name`] = e.column.name;
      });
      extra.referred_column_0N_name = c.elements.map((e) => e.column.name).join("");
      extra.referred_column_0_N_name = c.elements.map((e) => e.column.name).join("_");
    }
  }
  return apply(template, tokens(table, cols, extra), `the ${c.constructor.name}`, table);
}

/** A CHECK on an expression names its columns through it, lightweight `sa.column()`s included. */
function checkExpressionColumns(c: Constraint): NamedColumn[] | null {
  if (!(c instanceof CheckConstraint) || typeof c.sqltext === "string") return null;
  return checkColumnsIn(c.sqltext);
}

/** A constraint's name: the one its MetaData's naming convention gives, else its own. */
export function constraintName(c: Constraint): string | null {
  return conventionName(c) ?? c.name;
}

/** The name the naming convention gives an unnamed index (`ix_<table>_<column>` by default). */
export function indexConventionName(ix: Index): string | null {
  if (ix.name) return null;
  const table = ix.table;
  if (!table) return null;
  const template = table.metadata.namingConvention.ix;
  if (!template) return null;
  const cols = ix.expressions.filter(isSchemaColumn);
  return apply(template, tokens(table, cols, {}), "the Index", table);
}

/** An index's name: its own, or the convention's. */
export function indexName(ix: Index): string | null {
  return ix.name ?? indexConventionName(ix);
}
