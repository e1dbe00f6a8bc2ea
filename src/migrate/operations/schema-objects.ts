/**
 * Throwaway schema objects for one operation (Alembic's `SchemaObjects`): a migration names live
 * tables and columns by string, while the DDL compiler wants Tables, Columns and constraints.
 * Each builder makes a fresh MetaData, so no naming convention rewrites the names given.
 */
import type { ClauseElement } from "../../sql/base.js";
import { TextClause } from "../../sql/elements/text.js";
import { Column } from "../../sql/schema/column.js";
import {
  CheckConstraint,
  type Constraint,
  type ConstraintOptions,
  ForeignKeyConstraint,
  type ForeignKeyOptions,
  Index,
  type IndexOptions,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "../../sql/schema/constraints.js";
import { MetaData } from "../../sql/schema/metadata.js";
import { Table } from "../../sql/schema/table.js";

/** The constraint kinds `dropConstraint` accepts (Alembic's `type_`). */
export type ConstraintType = "foreignkey" | "unique" | "check" | "primary";

const PLAIN_NAME = /^[A-Za-z_][\w$]*$/;

/**
 * A table holding the named columns (untyped), in a MetaData of its own (or the one given).
 * @example
 * stubTable("account", null, ["id", "name"]);
 */
export function stubTable(
  name: string,
  schema: string | null,
  columns: readonly string[],
  meta?: MetaData,
): Table {
  const cols = [...new Set(columns)].map((c) => new Column(c));
  return new Table(name, meta ?? new MetaData(), ...cols, { schema });
}

/**
 * A table of the given columns: a Column already in a table is copied.
 * @example
 * tableOf("account", null, [new sa.Column("email", sa.String(100))]);
 */
export function tableOf(
  name: string,
  schema: string | null,
  columns: readonly Column[],
  meta: MetaData = new MetaData(),
): Table {
  const cols = columns.map((c) => (c.table ? c.copy() : c));
  return new Table(name, meta, ...cols, { schema });
}

/**
 * A named UNIQUE constraint on a stub table.
 * @example
 * uniqueConstraint("uq_email", "account", ["email"], null, {});
 */
export function uniqueConstraint(
  name: string | null,
  table: string,
  columns: readonly string[],
  schema: string | null,
  opts: ConstraintOptions,
  meta?: MetaData,
): UniqueConstraint {
  const t = stubTable(table, schema, columns, meta);
  const uc = new UniqueConstraint(...columns, { ...opts, ...(name ? { name } : {}) });
  t.appendConstraint(uc);
  return uc;
}

/**
 * A named PRIMARY KEY on a stub table.
 * @example
 * primaryKey("pk_t", "t", ["id"], null);
 */
export function primaryKey(
  name: string | null,
  table: string,
  columns: readonly string[],
  schema: string | null,
  meta?: MetaData,
): PrimaryKeyConstraint {
  const t = stubTable(table, schema, columns, meta);
  const pk = new PrimaryKeyConstraint(...columns, name ? { name } : {});
  t.appendConstraint(pk);
  return pk;
}

/**
 * A named CHECK on a stub table; the condition is SQL text or an expression.
 * @example
 * checkConstraint("ck_qty", "t", "qty > 0", null);
 */
export function checkConstraint(
  name: string | null,
  table: string,
  condition: string | ClauseElement,
  schema: string | null,
  opts: ConstraintOptions = {},
  meta?: MetaData,
): CheckConstraint {
  const t = stubTable(table, schema, [], meta);
  const ck = new CheckConstraint(condition, { ...opts, ...(name ? { name } : {}) });
  if (ck.table !== t) t.appendConstraint(ck);
  return ck;
}

/** Where a foreign key points and its options. */
export interface ForeignKeySpec extends ForeignKeyOptions {
  sourceSchema?: string | null;
  referentSchema?: string | null;
}

/**
 * A FOREIGN KEY between two stub tables in one MetaData (one table when self-referential).
 * @example
 * foreignKey("fk_order_account", "order", "account", ["account_id"], ["id"], {});
 */
export function foreignKey(
  name: string | null,
  source: string,
  referent: string,
  localCols: readonly string[],
  remoteCols: readonly string[],
  spec: ForeignKeySpec,
  meta: MetaData = new MetaData(),
): ForeignKeyConstraint {
  const { sourceSchema = null, referentSchema = null, ...opts } = spec;
  const self = source === referent && sourceSchema === referentSchema;
  const src = stubTable(source, sourceSchema, self ? [...localCols, ...remoteCols] : localCols, meta);
  const ref = self ? src : stubTable(referent, referentSchema, remoteCols, meta);
  const fk = new ForeignKeyConstraint(
    localCols,
    remoteCols.map((c) => ref._columnByName(c) as Column),
    { ...opts, ...(name ? { name } : {}) },
  );
  src.appendConstraint(fk);
  return fk;
}

/**
 * A constraint of the given kind, known only by name, to DROP it.
 * @example
 * namedConstraint("fk_x", "t", "foreignkey", null);
 */
export function namedConstraint(
  name: string,
  table: string,
  type: ConstraintType | undefined,
  schema: string | null,
  meta?: MetaData,
): Constraint {
  const t = stubTable(table, schema, [], meta);
  let c: Constraint;
  switch (type) {
    case "foreignkey":
      c = new ForeignKeyConstraint([], [], { name });
      break;
    case "primary":
      c = new PrimaryKeyConstraint({ name });
      break;
    case "check":
      c = new CheckConstraint("", { name });
      break;
    default:
      c = new UniqueConstraint({ name });
  }
  c._setParent(t);
  return c;
}

/**
 * An index on a stub table: plain names are columns, anything else (`lower(email)`) is SQL text.
 * @example
 * index("ix_email", "account", ["email"], null, { unique: true });
 */
export function index(
  name: string | null,
  table: string,
  columns: readonly (string | ClauseElement)[],
  schema: string | null,
  opts: IndexOptions,
  meta?: MetaData,
): Index {
  const names = columns.filter((c): c is string => typeof c === "string" && PLAIN_NAME.test(c));
  const t = stubTable(table, schema, names, meta);
  const exprs = columns.map((c) =>
    typeof c === "string" && !PLAIN_NAME.test(c) ? new TextClause(c, new Map()) : c,
  );
  const ix = new Index(name, ...exprs, opts);
  t._addIndex(ix);
  return ix;
}
