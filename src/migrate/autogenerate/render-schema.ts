/**
 * Columns, constraints, indexes and tables as the `sa.*` / `op.*` arguments that build them.
 */
import type { ClauseElement } from "../../sql/base.js";
import type { Dialect } from "../../sql/dialect.js";
import { TextClause } from "../../sql/elements/text.js";
import { Column } from "../../sql/schema/column.js";
import {
  CheckConstraint,
  type Constraint,
  ForeignKeyConstraint,
  type Index,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "../../sql/schema/constraints.js";
import { Identity } from "../../sql/schema/defaults.js";
import { constraintName, indexName } from "../../sql/schema/naming.js";
import type { Table } from "../../sql/schema/table.js";
import { hasExpressions, indexElementSql } from "./index-expr.js";
import { indexDialectOptions } from "./render-index-options.js";
import { renderType } from "./render-type.js";

export const q = (s: string): string => JSON.stringify(s);

/** `{ a: 1, b: "x" }` from the defined entries, or "" when there are none. */
export function renderObject(entries: Record<string, string | undefined>): string {
  const parts = Object.entries(entries)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  return parts.length ? `{ ${parts.join(", ")} }` : "";
}

/** SQL text of an expression (CHECK, index element, default) in DDL form. */
export function sqlOf(e: string | ClauseElement, d: Dialect): string {
  if (typeof e === "string") return e;
  if (e instanceof TextClause) return e.text;
  return e.compile({ dialect: d, literalBinds: true }).string;
}

/**
 * `new sa.Identity({ always: true, start: 10 })`: the stated options (a reflected identity
 * states them all), `always: false` left out as the default.
 * @example
 * renderIdentity(new sa.Identity({ start: 10, increment: 5 })); // "new sa.Identity({ start: 10, increment: 5 })"
 */
export function renderIdentity(i: Identity): string {
  const entries = Object.entries(i.opts).filter(
    ([k, v]) => v !== undefined && !(k === "always" && v === false),
  );
  const body = entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
  return `new sa.Identity(${body ? `{ ${body} }` : ""})`;
}

/** A server default: a string stays a (quoted) string, SQL becomes `sa.text(...)`. */
export function renderDefault(v: string | ClauseElement | Identity | null, d: Dialect): string {
  if (v === null) return "null";
  if (v instanceof Identity) return renderIdentity(v);
  return typeof v === "string" ? q(v) : `sa.text(${q(sqlOf(v, d))})`;
}

/**
 * `new sa.Column("name", sa.String(50), { nullable: false })`
 * @example
 * renderColumn(users.c.name, dialect);
 */
export function renderColumn(c: Column, d: Dialect, inTable = false): string {
  const items: string[] = [];
  // inside createTable, foreign keys are table constraints; a lone added column keeps its own
  if (!inTable) for (const fk of c.foreignKeys) items.push(`sa.ForeignKey(${q(fk.target)})`);
  if (c.identity) items.push(renderIdentity(c.identity));
  // a SERIAL's reflected `nextval(...)` default comes back by itself with the column
  const serial = c.serverDefault !== undefined && /^nextval\(/i.test(sqlOf(c.serverDefault, d));
  const opts = renderObject({
    primaryKey: c.primaryKey ? "true" : undefined,
    nullable: c.nullable === !c.primaryKey ? undefined : String(c.nullable),
    serverDefault: c.serverDefault !== undefined && !serial ? renderDefault(c.serverDefault, d) : undefined,
    comment: c.comment !== undefined ? q(c.comment) : undefined,
    autoincrement: c.primaryKey && c.autoincrement === false ? "false" : undefined,
  });
  const args = [q(c.name), renderType(c.type, d), ...items, ...(opts ? [opts] : [])];
  return `new sa.Column(${args.join(", ")})`;
}

/** A constraint inside `op.createTable(...)`, or null for the implicit/type-bound ones. */
export function renderTableConstraint(c: Constraint, d: Dialect): string | null {
  const name = constraintName(c);
  const named = name ? `, { name: ${q(name)} }` : "";
  if (c instanceof UniqueConstraint)
    return `new sa.UniqueConstraint(${c.columns.map((x) => q(x.name)).join(", ")}${named})`;
  if (c instanceof CheckConstraint)
    return c.column ? null : `new sa.CheckConstraint(${q(sqlOf(c.sqltext, d))}${named})`;
  if (c instanceof ForeignKeyConstraint) {
    const opts = renderObject({
      name: name ? q(name) : undefined,
      ondelete: c.ondelete ? q(c.ondelete) : undefined,
      onupdate: c.onupdate ? q(c.onupdate) : undefined,
    });
    const cols = `[${c.columns.map((x) => q(x.name)).join(", ")}]`;
    const refs = `[${c.elements.map((e) => q(e.target)).join(", ")}]`;
    return `new sa.ForeignKeyConstraint(${cols}, ${refs}${opts ? `, ${opts}` : ""})`;
  }
  if (c instanceof PrimaryKeyConstraint && name && c.columns.length) {
    const cols = c.columns.map((x) => q(x.name)).join(", ");
    return `new sa.PrimaryKeyConstraint(${cols}, { name: ${q(name)} })`;
  }
  return null;
}

/**
 * An index's elements as `op.createIndex` arguments: a column's name as a string, an expression
 * as `sa.text("lower(title)")` (unqualified, as CREATE INDEX writes it; Alembic's rendering).
 * @example
 * indexElements(ix, dialect); // ['"title"', 'sa.text("lower(title)")']
 */
export function indexElements(ix: Index, d: Dialect): string[] {
  return ix.expressions.map((e) =>
    e instanceof Column ? q(e.name) : `sa.text(${q(indexElementSql(e, d))})`,
  );
}

/** `new sa.Index("name", "a", { unique: true })` inside createTable (plain column indexes only). */
export function renderIndex(ix: Index, d: Dialect): string {
  const name = indexName(ix);
  const opts = renderObject({ unique: ix.unique ? "true" : undefined, ...indexDialectOptions(ix, d) });
  return `new sa.Index(${[name === null ? "null" : q(name), ...indexElements(ix, d), ...(opts ? [opts] : [])].join(", ")})`;
}

/**
 * `op.createTable("t", …columns, …constraints, …indexes, { schema, comment })` arguments.
 * @example
 * renderCreateTableArgs(users, dialect);
 */
export function renderCreateTableArgs(t: Table, d: Dialect): string[] {
  const args = [q(t.name), ...t.columnList.map((c) => renderColumn(c, d, true))];
  for (const c of t.sortedConstraints) {
    if (c._typeBound) continue;
    const r = renderTableConstraint(c, d);
    if (r) args.push(r);
  }
  // an expression index follows as its own op.createIndex (renderRevision), as in Alembic:
  // inside createTable a string element would be taken for a column name
  for (const ix of t.indexes) if (!hasExpressions(ix)) args.push(renderIndex(ix, d));
  const opts = renderObject({
    schema: t.schema ? q(t.schema) : undefined,
    comment: t.comment !== undefined ? q(t.comment) : undefined,
  });
  if (opts) args.push(opts);
  return args;
}
