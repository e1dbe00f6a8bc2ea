/**
 * Applies recorded batch directives to a table model: the shape the rebuilt table will have.
 */
import { ArgumentError } from "../../../exc.js";
import { Identity } from "../../../sql/schema/defaults.js";
import { type TypeEngine, toType } from "../../../sql/types/type-engine.js";
import type { DialectFamily } from "../ddl/base.js";
import type { BatchOp } from "./batch-operations.js";
import { tieAddedColumn } from "./column-order.js";
import { type ColumnModel, mentions, type TableModel } from "./table-model.js";

function column(m: TableModel, name: string): ColumnModel {
  // by key first: Alembic looks a column up by the name it had when the batch started
  const c = m.columns.find((x) => x.key === name) ?? m.columns.find((x) => x.name === name);
  if (!c) throw new ArgumentError(`No column named '${name}' in table '${m.name}'`);
  return c;
}

function renameIn(list: string[], from: string, to: string): string[] {
  return list.map((n) => (n === from ? to : n));
}

function renameColumn(m: TableModel, from: string, to: string): void {
  for (const c of m.constraints) {
    if (c.kind !== "check") c.columns = renameIn(c.columns, from, to);
  }
  for (const ix of m.indexes) ix.elements = ix.elements.map((e) => (e === from ? to : e));
}

function dropColumn(m: TableModel, key: string): void {
  const dropped = column(m, key);
  const name = dropped.name;
  m.columns = m.columns.filter((c) => c !== dropped);
  m.ordering.existing = m.ordering.existing.filter((k) => k !== dropped.key);
  // a constraint or index on a dropped column goes with it, as in the database
  m.constraints = m.constraints.filter((c) =>
    c.kind === "check" ? !mentions(c.sqltext, name) : !c.columns.includes(name),
  );
  m.indexes = m.indexes.filter((ix) => !ix.elements.some((e) => mentions(e, name)));
}

/** SQLAlchemy's `_type_affinity`, where alkahest's differs: Float is a Numeric there. */
function affinityOf(t: TypeEngine): string {
  return t.affinity === "float" ? "numeric" : t.affinity;
}

/**
 * Whether the copy CASTs a retyped column: only when the type's affinity changes (Alembic's
 * `cast_for_batch_migrate`), and on SQLite not to JSON, which is text there.
 */
function needsCast(from: TypeEngine, to: TypeEngine, dialect: DialectFamily): boolean {
  if (affinityOf(from) === affinityOf(to)) return false;
  return !(dialect === "sqlite" && to.affinity === "json");
}

/**
 * Applies one directive to the model.
 * @example
 * applyToModel(model, { kind: "dropColumn", name: "legacy" }, "sqlite");
 */
export function applyToModel(m: TableModel, op: BatchOp, dialect: DialectFamily): void {
  switch (op.kind) {
    case "addColumn": {
      const c = op.column;
      tieAddedColumn(m.ordering, c.name, op.opts.insertBefore, op.opts.insertAfter);
      m.columns.push({
        key: c.name,
        name: c.name,
        type: c.type,
        nullable: c.nullable,
        serverDefault: c.serverDefault,
        comment: c.comment,
        source: null,
        cast: false,
      });
      for (const fk of c.foreignKeys) {
        m.constraints.push({
          kind: "foreign_key",
          name: fk.opts.name ?? null,
          columns: [c.name],
          targets: [fk.target],
          opts: fk.opts,
        });
      }
      if (c.unique && !c.index) m.constraints.push({ kind: "unique", name: null, columns: [c.name] });
      if (c.index)
        m.indexes.push({ name: `ix_${m.name}_${c.name}`, elements: [c.name], unique: c.unique, opts: {} });
      return;
    }
    case "dropColumn":
      dropColumn(m, op.name);
      return;
    case "alterColumn": {
      const c = column(m, op.name);
      const o = op.opts;
      if (o.type !== undefined) {
        const type = toType(o.type);
        c.cast ||= c.source !== null && needsCast(c.type, type, dialect);
        c.type = type;
      }
      if (o.nullable !== undefined) c.nullable = o.nullable;
      // an Identity is PostgreSQL's; the rebuilt SQLite table keeps its own rowid key; false
      // leaves the default (and the comment) as it is, as in Alembic
      const d = o.serverDefault;
      if (d !== undefined && d !== false && !(d instanceof Identity)) c.serverDefault = d ?? undefined;
      if (o.comment !== undefined && o.comment !== false) c.comment = o.comment ?? undefined;
      if (o.newColumnName !== undefined && o.newColumnName !== c.name) {
        renameColumn(m, c.name, o.newColumnName);
        c.name = o.newColumnName;
      }
      return;
    }
    case "createIndex": {
      const { schema: _s, unique, ifNotExists: _i, ...opts } = op.opts;
      m.indexes.push({ name: op.name, elements: [...op.columns], unique: unique ?? false, opts });
      return;
    }
    case "dropIndex":
      m.indexes = m.indexes.filter((ix) => ix.name !== op.name);
      return;
    case "createUniqueConstraint":
      m.constraints.push({ kind: "unique", name: op.name, columns: op.columns });
      return;
    case "createPrimaryKey":
      m.constraints = m.constraints.filter((c) => c.kind !== "primary_key");
      m.constraints.unshift({ kind: "primary_key", name: op.name, columns: op.columns });
      for (const name of op.columns) column(m, name).nullable = false;
      return;
    case "createForeignKey": {
      const { sourceSchema: _s, referentSchema, ...opts } = op.opts;
      const ref = referentSchema ? `${referentSchema}.${op.referent}` : op.referent;
      m.constraints.push({
        kind: "foreign_key",
        name: op.name,
        columns: op.localCols,
        targets: op.remoteCols.map((c) => `${ref}.${c}`),
        opts,
      });
      return;
    }
    case "createCheckConstraint":
      m.constraints.push({ kind: "check", name: op.name, sqltext: op.condition });
      return;
    case "dropConstraint": {
      const before = m.constraints.length;
      m.constraints = m.constraints.filter((c) => c.name !== op.name);
      if (m.constraints.length === before) {
        throw new ArgumentError(`No constraint named '${op.name}' on table '${m.name}'`);
      }
      return;
    }
  }
}
