import { ArgumentError } from "../../exc.js";
import type { ClauseElement } from "../base.js";
import type { ColumnElement } from "../elements/column-element.js";
import type { Column } from "./column.js";
import { createIndex, dropIndex, type SchemaBind } from "./create-drop.js";
import { nextCreationOrder } from "./creation-order.js";
import { columnsIn, isSchemaColumn, soleTable } from "./expression-columns.js";
import type { Table } from "./table.js";

/** Options shared by named constraints. */
export interface ConstraintOptions {
  name?: string;
  deferrable?: boolean;
  initially?: string;
  /** create it with ALTER TABLE after the tables (breaks FK cycles) */
  useAlter?: boolean;
  comment?: string;
  /** dialect options, e.g. `sqliteOnConflict` */
  [dialectOption: string]: unknown;
}

/**
 * Decides per dialect whether a constraint is emitted (SQLAlchemy's `_create_rule`): the CHECK
 * of a non-native Enum or Boolean only exists where the database lacks the native type.
 */
export type ConstraintCreateRule = (dialect: {
  readonly name: string;
  supportsNativeEnum: boolean;
  supportsNativeBoolean: boolean;
}) => boolean;

/**
 * Base of table-level constraints; `opts` carries the name, `deferrable`/`initially` and
 * dialect options.
 * @example
 * for (const c of users.constraints) console.log(c.kind, c.name);
 */
export abstract class Constraint {
  abstract readonly kind: "primary_key" | "foreign_key" | "unique" | "check";
  name: string | null;
  table: Table | null = null;
  readonly opts: ConstraintOptions;
  /** @internal CREATE TABLE renders table constraints in this order */
  readonly _creationOrder: number = nextCreationOrder();
  /** @internal emitted only where this returns true (type-bound CHECKs) */
  _createRule: ConstraintCreateRule | null = null;
  /** @internal made by the column's type (Enum/Boolean), not by the user; autogenerate skips it */
  _typeBound = false;
  constructor(opts: ConstraintOptions = {}) {
    this.opts = opts;
    this.name = opts.name ?? null;
  }
  get deferrable(): boolean | undefined {
    return this.opts.deferrable;
  }
  get initially(): string | undefined {
    return this.opts.initially;
  }
  /** @internal binds the constraint to its table */
  _setParent(table: Table): void {
    this.table = table;
  }
}

/**
 * Attaches a constraint built from columns that already belong to one Table, as SQLAlchemy's
 * `_autoattach` does: `new sa.UniqueConstraint(t.c.a, t.c.b)` joins `t` without `appendConstraint`.
 */
function autoattach(c: Constraint, specs: readonly unknown[]): void {
  if (specs.length === 0 || !specs.every(isSchemaColumn)) return;
  const table = soleTable(specs as Column[]);
  if (table) table.appendConstraint(c);
}

function resolveColumns(table: Table, cols: readonly (string | ColumnElement)[], what: string): Column[] {
  return cols.map((c) => {
    if (typeof c !== "string") return c as Column;
    const col = table._columnByName(c);
    if (!col) throw new ArgumentError(`${what} on table '${table.name}' names unknown column '${c}'`);
    return col;
  });
}

/** Constraints defined by a list of columns. */
export abstract class ColumnCollectionConstraint extends Constraint {
  protected _colSpecs: readonly (string | ColumnElement)[];
  columns: Column[] = [];
  constructor(cols: readonly (string | ColumnElement)[], opts: ConstraintOptions = {}) {
    super(opts);
    this._colSpecs = cols;
  }
  override _setParent(table: Table): void {
    super._setParent(table);
    this.columns = resolveColumns(table, this._colSpecs, this.constructor.name);
  }
}

/**
 * `PRIMARY KEY (a, b)`; its columns become NOT NULL unless they say otherwise.
 * @example
 * new sa.Table("t", meta, colA, colB, new sa.PrimaryKeyConstraint("a", "b", { name: "pk_t" }));
 */
export class PrimaryKeyConstraint extends ColumnCollectionConstraint {
  readonly kind = "primary_key";
  /**
   * @internal the table's own key, built from `primaryKey: true` columns rather than given as a
   * constraint; only then does the autoincrement column move first in `PRIMARY KEY (...)`
   */
  _implicitGenerated = false;
  constructor(...args: (string | ColumnElement | ConstraintOptions)[]) {
    const opts =
      typeof args[args.length - 1] === "object" && !("_compile" in (args[args.length - 1] as object))
        ? (args.pop() as ConstraintOptions)
        : {};
    super(args as (string | ColumnElement)[], opts);
  }
  /** @internal adds a column flagged `primaryKey: true` */
  _addColumn(col: Column): void {
    if (!this.columns.includes(col)) this.columns.push(col);
  }
}

/**
 * `UNIQUE (a, b)`
 * @example
 * new sa.Table("t", meta, colA, colB, new sa.UniqueConstraint("a", "b", { name: "uq_ab" }));
 */
export class UniqueConstraint extends ColumnCollectionConstraint {
  readonly kind = "unique";
  constructor(...args: (string | ColumnElement | ConstraintOptions)[]) {
    const opts =
      typeof args[args.length - 1] === "object" && !("_compile" in (args[args.length - 1] as object))
        ? (args.pop() as ConstraintOptions)
        : {};
    super(args as (string | ColumnElement)[], opts);
    autoattach(this, args);
  }
}

/**
 * `CHECK (expr)`: in a Table's arguments (a table constraint) or in a Column's (rendered inline
 * after the column, as `qty INTEGER CHECK (qty > 0)`).
 * @example
 * new sa.Column("qty", sa.Integer, new sa.CheckConstraint("qty > 0"));
 * new sa.Table("t", meta, a, b, new sa.CheckConstraint("a < b", { name: "ck_ab" }));
 */
export class CheckConstraint extends Constraint {
  readonly kind = "check";
  /** the column this constraint was given to, for a column-level CHECK */
  column: Column | null = null;
  constructor(
    readonly sqltext: string | ClauseElement,
    opts: ConstraintOptions = {},
  ) {
    super(opts);
    if (typeof sqltext !== "string") {
      const table = soleTable(columnsIn(sqltext));
      if (table) table.appendConstraint(this);
    }
  }
  /** The columns the expression refers to (none for SQL text): naming-convention tokens. */
  get columns(): Column[] {
    if (typeof this.sqltext !== "string") return columnsIn(this.sqltext);
    return this.column ? [this.column] : [];
  }
}

/** Options of a foreign key. */
export interface ForeignKeyOptions extends ConstraintOptions {
  ondelete?: string;
  onupdate?: string;
  match?: string;
  /** when the referenced table is defined later in the same MetaData */
  linkToName?: boolean;
}

/**
 * A column's reference to another table's column: `sa.ForeignKey("users.id", { ondelete: "CASCADE" })`.
 */
export class ForeignKey {
  readonly kind = "foreign_key_ref";
  parent: Column | null = null;
  constraint: ForeignKeyConstraint | null = null;
  private _column: Column | null;
  readonly target: string;
  constructor(
    target: string | ColumnElement,
    readonly opts: ForeignKeyOptions = {},
  ) {
    if (typeof target === "string") {
      this.target = target;
      this._column = null;
    } else {
      const col = target as Column;
      this._column = col;
      this.target = `${col.table ? (col.table as Table).fullname : ""}.${col.name}`;
    }
  }

  /**
   * The referenced `schema.table.column` (`table.column` without a schema), as SQLAlchemy's
   * `target_fullname`.
   * @example
   * sa.ForeignKey("teams.id").targetFullname; // "teams.id"
   */
  get targetFullname(): string {
    return this.target;
  }

  /** The `schema.table` part of the target (SQLAlchemy's `_table_key()`). */
  get targetTableKey(): string {
    const i = this.target.lastIndexOf(".");
    return i < 0 ? this.target : this.target.slice(0, i);
  }

  /** the referenced column name */
  get targetColumnName(): string {
    const i = this.target.lastIndexOf(".");
    return this.target.slice(i + 1);
  }

  /** The referenced Column, resolved through the MetaData. */
  get column(): Column {
    if (this._column) return this._column;
    const parentTable = this.parent?.table as Table | null;
    const meta = parentTable?.metadata;
    let tname = this.targetTableKey;
    if (!tname.includes(".") && parentTable?.schema && meta && !meta.tables.has(tname)) {
      tname = `${parentTable.schema}.${tname}`;
    }
    const table = meta?.tables.get(tname) ?? meta?.tables.get(this.targetTableKey);
    if (!table) {
      throw new ArgumentError(
        `Foreign key on column '${parentTable?.name}.${this.parent?.name}' could not find table '${this.targetTableKey}' with which to generate a foreign key to target column '${this.targetColumnName}'`,
      );
    }
    const col = table._columnByName(this.targetColumnName);
    if (!col) {
      throw new ArgumentError(
        `Foreign key on column '${parentTable?.name}.${this.parent?.name}' could not find column '${this.targetColumnName}' on table '${table.name}'`,
      );
    }
    this._column = col;
    return col;
  }

  /** @internal true when the target can be resolved now */
  _resolvable(): boolean {
    try {
      this.column;
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * `FOREIGN KEY(a) REFERENCES t (x) [ON DELETE …] [ON UPDATE …] [DEFERRABLE] [INITIALLY …]`
 * @example
 * new sa.ForeignKeyConstraint(["t_id"], ["t.id"], { ondelete: "CASCADE", deferrable: true, initially: "DEFERRED" });
 */
export class ForeignKeyConstraint extends ColumnCollectionConstraint {
  readonly kind = "foreign_key";
  readonly elements: ForeignKey[];
  readonly fkOpts: ForeignKeyOptions;
  constructor(
    columns: readonly (string | ColumnElement)[],
    refcolumns: readonly (string | ColumnElement)[],
    opts: ForeignKeyOptions = {},
  ) {
    super(columns, opts);
    if (columns.length !== refcolumns.length) {
      throw new ArgumentError(
        "ForeignKeyConstraint number of constrained columns must match the number of referenced columns.",
      );
    }
    this.fkOpts = opts;
    this.elements = refcolumns.map((r) => new ForeignKey(r, opts));
    for (const e of this.elements) e.constraint = this;
    autoattach(this, columns);
  }
  override _setParent(table: Table): void {
    super._setParent(table);
    this.elements.forEach((e, i) => {
      e.parent = this.columns[i];
    });
  }
  get ondelete(): string | undefined {
    return this.fkOpts.ondelete;
  }
  get onupdate(): string | undefined {
    return this.fkOpts.onupdate;
  }
  get useAlter(): boolean {
    return this.fkOpts.useAlter ?? false;
  }
  /** the referenced table */
  get referred(): Table {
    return this.elements[0].column.table as Table;
  }
}

/** Options of `new sa.Index(...)`. */
export interface IndexOptions {
  unique?: boolean;
  /** dialect options: `sqliteWhere`, `postgresqlWhere`, `postgresqlUsing`, `postgresqlInclude`, `mysqlLength`, … */
  [dialectOption: string]: unknown;
}

/**
 * `CREATE [UNIQUE] INDEX name ON table (cols)`; given in a Table's arguments (column names) or
 * standalone with column objects.
 * @example
 * new sa.Index("ix_users_name", "name", { unique: true });
 */
export class Index {
  readonly kind = "index";
  table: Table | null = null;
  expressions: ClauseElement[] = [];
  readonly unique: boolean;
  readonly opts: IndexOptions;
  /** @internal creation order, as for constraints */
  readonly _creationOrder: number = nextCreationOrder();
  private readonly _specs: (string | ClauseElement)[];
  constructor(
    public name: string | null,
    ...args: (string | ClauseElement | IndexOptions)[]
  ) {
    const last = args[args.length - 1];
    this.opts =
      last && typeof last === "object" && !("_compile" in (last as object))
        ? (args.pop() as IndexOptions)
        : {};
    this.unique = this.opts.unique ?? false;
    this._specs = args as (string | ClauseElement)[];
    // functional indexes find their table through the columns inside the expression
    const table = soleTable(this._specs.flatMap((s) => (typeof s === "string" ? [] : columnsIn(s))));
    if (table) table._addIndex(this);
  }
  /**
   * CREATE INDEX for this index alone (SQLAlchemy's `Index.create`), on a connection or engine.
   * @example
   * await new sa.Index("ix_users_email", users.c.email).create(engine);
   */
  create(bind: SchemaBind): Promise<void> {
    return createIndex(bind, this);
  }

  /**
   * DROP INDEX for this index alone (SQLAlchemy's `Index.drop`).
   * @example
   * await ix.drop(conn);
   */
  drop(bind: SchemaBind): Promise<void> {
    return dropIndex(bind, this);
  }

  /** @internal binds the index to its table */
  _setParent(table: Table): void {
    if (this.table === table) return;
    this.table = table;
    this.expressions = this._specs.map((s) => {
      if (typeof s !== "string") return s;
      const col = table._columnByName(s);
      if (!col)
        throw new ArgumentError(`Index '${this.name}' on table '${table.name}' names unknown column '${s}'`);
      return col;
    });
  }
}
