/**
 * Index and constraint comparison: indexes by name, UNIQUE by name (or by columns when
 * unnamed), foreign keys by what they connect plus their reflected options. CHECK constraints
 * are not compared at all, as in Alembic: their reflected text is the database's rewrite of the
 * expression (and type-bound ones of a Boolean or Enum are not in the metadata's list), so a
 * comparison could only report drops of constraints the metadata still defines.
 */
import type { Dialect } from "../../sql/dialect.js";
import { Column } from "../../sql/schema/column.js";
import {
  CheckConstraint,
  type Constraint,
  ForeignKeyConstraint,
  type Index,
  UniqueConstraint,
} from "../../sql/schema/constraints.js";
import { constraintName, indexName } from "../../sql/schema/naming.js";
import type { Table } from "../../sql/schema/table.js";
import { indexElementSql, normalizeIndexExpr } from "./index-expr.js";
import { indexOptionsDiffer } from "./index-options.js";
import type { AutogenOp } from "./ops.js";
import type { CompareOptions, ObjectType } from "./options.js";

/** What an index is, whatever its name: unique, and its columns or normalised expressions. */
function indexSignature(d: Dialect, ix: Index): string {
  const table = ix.table?.name ?? "";
  const parts = ix.expressions.map((e) =>
    e instanceof Column ? e.name : normalizeIndexExpr(indexElementSql(e, d), table),
  );
  return `${ix.unique ? "unique " : ""}(${parts.join(", ")})`;
}

/** `(a, b) -> t (x, y)`: what a foreign key connects, whatever its name. */
function fkSignature(fk: ForeignKeyConstraint): string {
  const target = fk.elements[0]?.targetTableKey.split(".").pop() ?? "";
  return `(${fk.columns.map((c) => c.name).join(", ")}) -> ${target} (${fk.elements.map((e) => e.targetColumnName).join(", ")})`;
}

/**
 * A referential action as comparable text: NO ACTION is the default every backend reflects as
 * nothing; MySQL/InnoDB also treats RESTRICT as that default and leaves it out of SHOW CREATE
 * TABLE (Alembic's MySQLImpl.correct_for_autogen_foreignkeys).
 */
function fkAction(d: Dialect, action: string | undefined): string {
  const a = action?.trim().toLowerCase() ?? "";
  if (a === "no action") return "";
  if (a === "restrict" && d.name === "mysql") return "";
  return a;
}

/** Alembic's three-state deferrability: initially deferred, deferrable, or neither. */
function fkDeferrability(fk: ForeignKeyConstraint): string {
  if (fk.initially?.toLowerCase() === "deferred") return "initially deferred";
  return fk.deferrable ? "deferrable" : "not deferrable";
}

/**
 * The options Alembic adds to a foreign key's signature when the backend reflects them, so a
 * changed ON DELETE / ON UPDATE / DEFERRABLE becomes a drop + re-create. MySQL has no deferred
 * constraints (it accepts and drops the clause), so deferrability is compared on the others only.
 */
function fkOptionsSignature(d: Dialect, fk: ForeignKeyConstraint): string {
  const actions = `ondelete=${fkAction(d, fk.ondelete)} onupdate=${fkAction(d, fk.onupdate)}`;
  return d.name === "mysql" ? actions : `${actions} ${fkDeferrability(fk)}`;
}

function columnsSignature(c: UniqueConstraint): string {
  return c.columns.map((x) => x.name).join(", ");
}

function indexColumns(ix: Index): string | null {
  return ix.expressions.every((e) => e instanceof Column)
    ? ix.expressions.map((e) => (e as Column).name).join(", ")
    : null;
}

/**
 * The reflected UNIQUE indexes that are the target's UNIQUE constraints: MySQL keeps a unique
 * constraint as a unique index on the same columns, and reflection reports it so.
 */
function uniqueIndexesActingAsConstraints(target: Table, db: Table): Set<Index> {
  const dbUniques = new Set(
    db.sortedConstraints
      .filter((c) => c instanceof UniqueConstraint)
      .map((c) => columnsSignature(c as UniqueConstraint)),
  );
  const out = new Set<Index>();
  for (const uq of target.sortedConstraints) {
    if (!(uq instanceof UniqueConstraint) || dbUniques.has(columnsSignature(uq))) continue;
    const cols = columnsSignature(uq);
    const ix = [...db.indexes].find((i) => i.unique && indexColumns(i) === cols);
    if (ix) out.add(ix);
  }
  return out;
}

/**
 * Whether a reflected index is the one MySQL creates by itself for a foreign key: on exactly
 * the key's columns, named after the constraint or its first column.
 */
function isImplicitForeignKeyIndex(ix: Index, db: Table): boolean {
  if (ix.unique) return false;
  const cols = indexColumns(ix);
  return db.sortedConstraints.some(
    (c) =>
      c instanceof ForeignKeyConstraint &&
      c.columns.map((x) => x.name).join(", ") === cols &&
      (ix.name === constraintName(c) || ix.name === c.columns[0]?.name),
  );
}

/**
 * The index ops that bring `db` to `target`.
 * @example
 * compareIndexes(dialect, target, reflected, opts);
 */
export function compareIndexes(d: Dialect, target: Table, db: Table, opts: CompareOptions): AutogenOp[] {
  const include = (ix: Index, reflected: boolean) =>
    opts.includeObject?.(ix, indexName(ix), "index", reflected, null) ?? true;
  const out: AutogenOp[] = [];
  const dbByName = new Map([...db.indexes].map((ix) => [ix.name, ix]));
  const targetNames = new Set<string | null>();
  for (const ix of target.indexes) {
    const name = indexName(ix);
    targetNames.add(name);
    if (!include(ix, false)) continue;
    const existing = dbByName.get(name);
    if (
      existing &&
      indexSignature(d, existing) === indexSignature(d, ix) &&
      !indexOptionsDiffer(d, existing, ix)
    )
      continue;
    if (existing) out.push({ kind: "dropIndex", index: existing });
    out.push({ kind: "createIndex", index: ix });
  }
  const actingAsConstraints = uniqueIndexesActingAsConstraints(target, db);
  for (const ix of db.indexes) {
    if (targetNames.has(ix.name) || actingAsConstraints.has(ix) || isImplicitForeignKeyIndex(ix, db))
      continue;
    if (include(ix, true)) out.push({ kind: "dropIndex", index: ix });
  }
  return out;
}

/** The constraints autogenerate compares: UNIQUE and FOREIGN KEY (never CHECK, see above). */
function userConstraints(t: Table): Constraint[] {
  return t.sortedConstraints.filter((c) => !c._typeBound && !(c instanceof CheckConstraint));
}

const TYPES: Record<string, ObjectType> = {
  unique: "unique_constraint",
  foreign_key: "foreign_key_constraint",
};

/**
 * The UNIQUE / FOREIGN KEY ops that bring `db` to `target`.
 * @example
 * compareConstraints(dialect, target, reflected, opts);
 */
export function compareConstraints(d: Dialect, target: Table, db: Table, opts: CompareOptions): AutogenOp[] {
  const include = (c: Constraint, reflected: boolean) =>
    opts.includeObject?.(c, constraintName(c), TYPES[c.kind], reflected, null) ?? true;
  const key = (c: Constraint): string | null => {
    if (c instanceof ForeignKeyConstraint) return `fk ${fkSignature(c)} ${fkOptionsSignature(d, c)}`;
    if (c instanceof UniqueConstraint) return `uq ${columnsSignature(c)}`;
    return null;
  };
  const dbKeys = new Map<string, Constraint>();
  for (const c of userConstraints(db)) {
    const k = key(c);
    if (k) dbKeys.set(k, c);
  }
  const asIndexes = new Set(
    [...uniqueIndexesActingAsConstraints(target, db)].map((ix) => `uq ${indexColumns(ix)}`),
  );
  const targetKeys = new Set<string>();
  const added: AutogenOp[] = [];
  for (const c of userConstraints(target)) {
    const k = key(c);
    if (!k) continue;
    targetKeys.add(k);
    if (!dbKeys.has(k) && !asIndexes.has(k) && include(c, false))
      added.push({ kind: "addConstraint", constraint: c });
  }
  const dropped: AutogenOp[] = [];
  for (const [k, c] of dbKeys) {
    // only a named constraint can be dropped by name
    if (!targetKeys.has(k) && constraintName(c) && include(c, true))
      dropped.push({ kind: "dropConstraint", constraint: c });
  }
  // drops first, as Alembic: a changed constraint is re-created under the name it frees
  return [...dropped, ...added];
}
