import type { Column } from "./column.js";
import type { Table } from "./table.js";

/** A Column of a Table (not a lightweight `sa.column()`), recognised without importing column.ts. */
export function isSchemaColumn(v: unknown): v is Column {
  return typeof v === "object" && v !== null && "primaryKey" in v && "foreignKeys" in v && "_uid" in v;
}

/** A Table, recognised without importing table.ts (which imports this module's importers). */
function isTable(v: unknown): v is Table {
  return typeof v === "object" && v !== null && "metadata" in v && "primaryKey" in v && "indexes" in v;
}

/**
 * The schema Columns an expression refers to, in first-seen order: what SQLAlchemy's
 * `_find_columns` gives a CHECK constraint or a functional index to find its table and its
 * naming-convention tokens. Walks the element's own fields, stopping at columns and tables.
 * @example
 * columnsIn(sa.func.lower(t.c.name)); // [t.c.name]
 */
export function columnsIn(expr: unknown): Column[] {
  return collect(expr, isSchemaColumn);
}

/**
 * The objects of an expression tree that `matches`, not looking inside them; tables, types and
 * bound values are not walked, as they hold no column references of the expression itself.
 */
function collect<T>(expr: unknown, matches: (v: object) => v is T & object): T[] {
  const found: T[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): void => {
    if (typeof v !== "object" || v === null || depth > 64 || seen.has(v)) return;
    seen.add(v);
    if (matches(v)) {
      found.push(v);
      return;
    }
    if (isTable(v) || "affinity" in v || Buffer.isBuffer(v) || v instanceof Date) return;
    const values = Array.isArray(v) ? v : Object.values(v);
    for (const child of values) walk(child, depth + 1);
  };
  walk(expr, 0);
  return found;
}

/** What a naming-convention token reads from a column. */
export interface NamedColumn {
  readonly name: string;
  readonly key: string;
  readonly table: unknown;
}

/**
 * Every column a CHECK expression names, lightweight `sa.column("a")` ones too, as SQLAlchemy's
 * CheckConstraint collects them for `%(column_0_name)s`.
 * @example
 * checkColumnsIn(sa.column("a").gt(5)); // [column a]
 */
export function checkColumnsIn(expr: unknown): NamedColumn[] {
  return collect(expr, isNamedColumn);
}

/** A table's Column, or a lightweight `sa.column()` (not literal SQL text). */
function isNamedColumn(v: object): v is NamedColumn {
  const named = v as { visitName?: unknown; isLiteral?: unknown };
  return isSchemaColumn(v) || (named.visitName === "column" && named.isLiteral === false);
}

/** The one Table every column of `cols` belongs to, or null when there is none or several. */
export function soleTable(cols: readonly Column[]): Table | null {
  let table: Table | null = null;
  for (const c of cols) {
    const t = c.table;
    if (!isTable(t)) return null;
    if (table && table !== t) return null;
    table = t;
  }
  return table;
}
