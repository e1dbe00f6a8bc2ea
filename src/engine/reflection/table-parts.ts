/**
 * Turns Inspector dicts into schema objects: Columns (server defaults, computed, identity),
 * constraints and Indexes, with defaults and expressions kept as verbatim SQL text.
 */
import type { ClauseElement } from "../../sql/base.js";
import type { ColumnElement } from "../../sql/elements/column-element.js";
import { TextClause } from "../../sql/elements/text.js";
import { Column, type ColumnOptions, type ColumnSchemaItem } from "../../sql/schema/column.js";
import { CheckConstraint, Index, UniqueConstraint } from "../../sql/schema/constraints.js";
import { Computed, Identity } from "../../sql/schema/defaults.js";
import type {
  IndexColumnSorting,
  ReflectedCheckConstraint,
  ReflectedColumn,
  ReflectedIndex,
  ReflectedUniqueConstraint,
} from "./reflection-dialect.js";

/**
 * Verbatim SQL: a reflected default or predicate may contain `:word` (in a string literal, say),
 * which `sa.text()` would take for a bind parameter; an empty bind map keeps it literal.
 * @example
 * sqlText("'12:30 :x'"); // renders exactly that
 */
export function sqlText(sql: string): TextClause {
  return new TextClause(sql, new Map());
}

/**
 * A Column from a `getColumns` entry.
 * @example
 * buildColumn({ name: "id", type: new IntegerType(), nullable: false, default: null, autoincrement: true, comment: null });
 */
export function buildColumn(c: ReflectedColumn): Column {
  const items: ColumnSchemaItem[] = [];
  if (c.computed) items.push(new Computed(c.computed.sqltext, { persisted: c.computed.persisted }));
  if (c.identity) {
    const { always, ...rest } = c.identity;
    items.push(new Identity({ always, ...rest }));
  }
  const opts: ColumnOptions = { nullable: c.nullable, autoincrement: c.autoincrement };
  if (c.comment !== null) opts.comment = c.comment;
  if (c.default !== null && !c.identity) opts.serverDefault = sqlText(c.default);
  if (c.dialectOptions) Object.assign(opts, c.dialectOptions);
  return new Column(c.name, c.type, ...items, opts);
}

/**
 * A UNIQUE constraint from a `getUniqueConstraints` entry.
 * @example
 * buildUnique({ name: "uq_ab", columnNames: ["a", "b"] });
 */
export function buildUnique(u: ReflectedUniqueConstraint): UniqueConstraint {
  return new UniqueConstraint(...u.columnNames, {
    ...(u.name !== null ? { name: u.name } : {}),
    ...(typeof u.comment === "string" ? { comment: u.comment } : {}),
    ...u.dialectOptions,
  });
}

/**
 * A CHECK constraint from a `getCheckConstraints` entry.
 * @example
 * buildCheck({ name: "ck_qty", sqltext: "qty > 0" });
 */
export function buildCheck(ck: ReflectedCheckConstraint): CheckConstraint {
  return new CheckConstraint(ck.sqltext, {
    ...(ck.name !== null ? { name: ck.name } : {}),
    ...(typeof ck.comment === "string" ? { comment: ck.comment } : {}),
    ...ck.dialectOptions,
  });
}

function sorted(col: ColumnElement, flags: readonly IndexColumnSorting[] | undefined): ColumnElement {
  let e = col;
  for (const f of flags ?? [])
    e = f === "desc" ? e.desc() : f === "nulls_first" ? e.nullsFirst() : e.nullsLast();
  return e;
}

/**
 * An Index from a `getIndexes` entry; `column` finds a reflected column by its name. Null when an
 * element names a column that was not reflected (`includeColumns`).
 * @example
 * buildIndex(ix, (name) => columns.find((c) => c.name === name));
 */
export function buildIndex(ix: ReflectedIndex, column: (name: string) => Column | undefined): Index | null {
  const elements: (string | ClauseElement)[] = [];
  for (const [i, name] of ix.columnNames.entries()) {
    if (name === null) {
      elements.push(sqlText(ix.expressions?.[i] ?? ""));
      continue;
    }
    const col = column(name);
    if (!col) return null;
    const flags = ix.columnSorting?.[name];
    elements.push(flags?.length ? sorted(col, flags) : name);
  }
  const opts: Record<string, unknown> = { unique: ix.unique };
  for (const [k, v] of Object.entries(ix.dialectOptions)) {
    opts[k] = (k === "sqliteWhere" || k === "postgresqlWhere") && typeof v === "string" ? sqlText(v) : v;
  }
  return new Index(ix.name, ...elements, opts);
}
