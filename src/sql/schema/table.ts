import { ArgumentError } from "../../exc.js";
import type { ColumnClause } from "../elements/column-clause.js";
import { type ColumnsByKey, type ColumnTuple, TableClause } from "../selectable/table-clause.js";
import { Column } from "./column.js";
import {
  CheckConstraint,
  type Constraint,
  type ForeignKey,
  ForeignKeyConstraint,
  Index,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "./constraints.js";
import { createAll, dropAll, type SchemaBind } from "./create-drop.js";
import type { MetaData } from "./metadata.js";
import { checkSchemaOptionNames } from "./option-names.js";
import { typeBoundConstraint } from "./type-constraints.js";

/**
 * A table schema that stays blank when its MetaData has a default schema (SQLAlchemy's
 * `BLANK_SCHEMA`); `schema: null`, like Python's None, takes the MetaData's.
 * @example
 * new sa.Table("t", new sa.MetaData({ schema: "app" }), col, { schema: sa.BLANK_SCHEMA }); // no schema
 */
export const BLANK_SCHEMA: unique symbol = Symbol("BLANK_SCHEMA");

/** Options given as the last argument of `new sa.Table(...)`. */
export interface TableOptions {
  /** the table's schema; omitted or null: the MetaData's (`BLANK_SCHEMA`: none even then) */
  schema?: string | null | typeof BLANK_SCHEMA;
  comment?: string;
  /** use RETURNING to fetch the primary key of an INSERT where the dialect can (default true) */
  implicitReturning?: boolean;
  /** an existing table of this name in the MetaData is replaced by this definition */
  extendExisting?: boolean;
  /** free-form data kept with the table (SQLAlchemy's `info`) */
  info?: Record<string, unknown>;
  /** true: always quote the table's name; false: never (default: as the dialect's rules say) */
  quote?: boolean;
  /** dialect options: `sqliteAutoincrement`, `sqliteWithRowid`, `sqliteStrict`, `mysqlEngine`, `mysqlCharset`, `postgresqlPartitionBy`, … (other names are refused) */
  [dialectOption: string]: unknown;
}

const TABLE_OPTIONS = ["schema", "comment", "implicitReturning", "extendExisting", "info", "quote"];

/** What a Table accepts after its name and MetaData. */
export type TableArg = Column<string, unknown> | Constraint | Index | TableOptions;

/**
 * A table in a MetaData, with columns, constraints and indexes. The columns' keys and value
 * types are kept in the type: `users.c.id` is `Column<"id", number, true>` (true: a primary
 * key), `users.c.nope` does not compile.
 * @example
 * const users = new sa.Table("users", meta,
 *   new sa.Column("id", sa.Integer, { primaryKey: true }),
 *   new sa.Column("name", sa.String(50), { nullable: false }),
 * );
 */
export class Table<
  N extends string = string,
  Cols extends object = Record<string, Column>,
  Sel extends readonly unknown[] = readonly unknown[],
> extends TableClause<N, Cols, Sel> {
  readonly metadata: MetaData;
  readonly primaryKey: PrimaryKeyConstraint;
  readonly constraints = new Set<Constraint>();
  readonly indexes = new Set<Index>();
  readonly comment: string | undefined;
  readonly implicitReturning: boolean;
  /** forces (true) or forbids (false) quoting the name; undefined follows the dialect's rules */
  readonly quote: boolean | undefined;
  /** dialect options given to the table (`sqliteAutoincrement` …) */
  readonly dialectOptions: Record<string, unknown>;

  constructor(name: N, metadata: MetaData, ...args: TableArg[]) {
    const last = args[args.length - 1];
    const opts: TableOptions =
      last && !(last instanceof Column) && !(last instanceof Index) && !isConstraint(last)
        ? (args.pop() as TableOptions)
        : {};
    checkSchemaOptionNames(`Table '${name}'`, opts, TABLE_OPTIONS);
    const schema = opts.schema === BLANK_SCHEMA ? null : (opts.schema ?? metadata.schema ?? null);
    super(name, [], schema);
    this.metadata = metadata;
    this.comment = opts.comment;
    this.implicitReturning = opts.implicitReturning ?? true;
    this.quote = opts.quote;
    const {
      schema: _s,
      comment: _c,
      implicitReturning: _i,
      extendExisting: _e,
      info: _n,
      quote: _q,
      ...dialectOptions
    } = opts;
    this.dialectOptions = dialectOptions;
    this.primaryKey = new PrimaryKeyConstraint();
    this.primaryKey._implicitGenerated = true;
    this.primaryKey._setParent(this as unknown as Table);
    this.constraints.add(this.primaryKey);
    for (const a of args) {
      if (a instanceof Column) this._addColumn(a);
    }
    for (const a of args) {
      if (a instanceof PrimaryKeyConstraint) {
        this._setPrimaryKey(a);
      } else if (isConstraint(a)) {
        (a as Constraint)._setParent(this as unknown as Table);
        this.constraints.add(a as Constraint);
      } else if (a instanceof Index) {
        this._addIndex(a);
      } else if (!(a instanceof Column)) {
        throw new ArgumentError(`Table '${name}': unexpected argument ${String(a)}`);
      }
    }
    metadata._addTable(this as unknown as Table, opts.extendExisting ?? false);
  }

  /** @internal adds a column and the constraints and indexes it implies */
  _addColumn(col: Column): void {
    if (col.table && col.table !== this) {
      throw new ArgumentError(
        `Column '${col.name}' is already attached to table '${(col.table as Table).name}'`,
      );
    }
    this._appendColumn(col as unknown as ColumnClause);
    const self = this as unknown as Table;
    if (col.primaryKey) this.primaryKey._addColumn(col);
    // SQLAlchemy's order: the column's own index/unique, then its type's CHECK, then its FKs;
    // CREATE TABLE sorts constraints by this creation order
    if (col.index) {
      this._addIndex(new Index(null, col, { unique: col.unique, _columnFlag: true }));
    } else if (col.unique) {
      this.appendConstraint(new UniqueConstraint(col));
    }
    for (const ck of col.constraints) ck._setParent(self);
    const typeCheck = typeBoundConstraint(col);
    if (typeCheck) this.appendConstraint(typeCheck);
    for (const fk of col.foreignKeys) {
      const fkc = new ForeignKeyConstraint([col], [fk.target], { ...fk.opts });
      fkc.elements[0] = fk;
      fk.constraint = fkc;
      this.appendConstraint(fkc);
    }
  }

  /** @internal */
  _addIndex(ix: Index): void {
    ix._setParent(this as unknown as Table);
    this.indexes.add(ix);
  }

  /** Adds a constraint after construction. */
  appendConstraint(c: Constraint): void {
    // a primary key given later replaces the table's, as in SQLAlchemy: its columns become
    // primary key columns (NOT NULL, autoincrement candidates)
    if (c instanceof PrimaryKeyConstraint && c !== this.primaryKey) {
      this._setPrimaryKey(c);
      return;
    }
    c._setParent(this as unknown as Table);
    this.constraints.add(c);
  }

  private _setPrimaryKey(a: PrimaryKeyConstraint): void {
    if (a === this.primaryKey) return;
    this.constraints.delete(this.primaryKey);
    const flagged = this.primaryKey.columns;
    a._setParent(this as unknown as Table);
    // `PrimaryKeyConstraint()` with no columns names the `primaryKey: true` ones
    if (a.columns.length === 0) for (const c of flagged) a._addColumn(c);
    (this as { primaryKey: PrimaryKeyConstraint }).primaryKey = a;
    for (const c of a.columns) c.primaryKey = true;
    for (const c of a.columns) if (!c._userNullable) c.nullable = false;
    this.constraints.add(a);
  }

  /** The table constraints in creation order (SQLAlchemy's `_sorted_constraints`). */
  get sortedConstraints(): Constraint[] {
    return [...this.constraints].sort((a, b) => a._creationOrder - b._creationOrder);
  }

  /** Adds a column after construction. */
  appendColumn(col: Column): void {
    this._addColumn(col);
  }

  /** @internal a column by its SQL name (or key) */
  _columnByName(name: string): Column | undefined {
    for (const c of this._columnList) if (c.name === name) return c as unknown as Column;
    return (this._c as Record<string, unknown>)[name] as Column | undefined;
  }

  /** The columns in order. */
  get columnList(): Column[] {
    return this._columnList as unknown as Column[];
  }

  /** Every column-level and table-level foreign key. */
  get foreignKeys(): ForeignKey[] {
    const out: ForeignKey[] = [];
    for (const c of this.constraints) if (c instanceof ForeignKeyConstraint) out.push(...c.elements);
    return out;
  }

  /** The foreign key constraints. */
  get foreignKeyConstraints(): ForeignKeyConstraint[] {
    return [...this.constraints].filter((c): c is ForeignKeyConstraint => c instanceof ForeignKeyConstraint);
  }

  override get primaryKeyColumns(): ColumnClause[] {
    return this.primaryKey.columns as unknown as ColumnClause[];
  }

  /** The key of the table in its MetaData: `schema.name` or `name`. */
  get key(): string {
    return this.fullname;
  }

  /**
   * CREATE TABLE for this table alone, with its indexes, sequences and enum types (SQLAlchemy's
   * `Table.create`). Unlike `meta.createAll`, `checkfirst` defaults to false: an existing table
   * is an error.
   * @example
   * await users.create(engine); await users.create(conn, { checkfirst: true });
   */
  create(bind: SchemaBind, opts: { checkfirst?: boolean } = {}): Promise<void> {
    return createAll(bind, [this as unknown as Table], { checkfirst: opts.checkfirst ?? false });
  }

  /**
   * DROP TABLE for this table alone (SQLAlchemy's `Table.drop`); `checkfirst` defaults to false.
   * @example
   * await users.drop(engine, { checkfirst: true });
   */
  drop(bind: SchemaBind, opts: { checkfirst?: boolean } = {}): Promise<void> {
    return dropAll(bind, [this as unknown as Table], { checkfirst: opts.checkfirst ?? false });
  }

  /**
   * The integer primary-key column the database generates (SQLAlchemy's `_autoincrement_column`),
   * or null.
   */
  get autoincrementColumn(): Column | null {
    const pk = this.primaryKey.columns;
    if (pk.length !== 1) {
      let autoinc: Column | null = null;
      for (const c of pk) {
        if (c.autoincrement !== true) continue;
        this._checkAutoincrementType(c);
        if (autoinc) {
          throw new ArgumentError(
            `Only one Column may be marked autoincrement=True, found both ${autoinc.name} and ${c.name}.`,
          );
        }
        autoinc = c;
      }
      return autoinc;
    }
    const col = pk[0]!;
    if (col.autoincrement === true) {
      this._checkAutoincrementType(col);
      return col;
    }
    if (col.autoincrement !== "auto" && col.autoincrement !== "ignore_fk") return null;
    if (!numericAffinity(col)) return null;
    if (col.default !== undefined) return null;
    if (col.serverDefault !== undefined && !col.identity) return null;
    if (col.foreignKeys.length && col.autoincrement !== "ignore_fk") return null;
    return col;
  }

  private _checkAutoincrementType(col: Column): void {
    if (!numericAffinity(col)) {
      throw new ArgumentError(
        `Column type ${col.type.visitName.toUpperCase()} on column '${this.name}.${col.name}' is not compatible with autoincrement=True`,
      );
    }
  }
}

/**
 * SQLAlchemy lets an Integer or a Numeric (Float included) primary key autoincrement: a
 * `Numeric(10, 0)` key is SERIAL / AUTO_INCREMENT as an Integer one is.
 */
function numericAffinity(col: Column): boolean {
  const a = col.type.affinity;
  return a === "integer" || a === "numeric" || a === "float";
}

function isConstraint(v: unknown): boolean {
  return (
    v instanceof PrimaryKeyConstraint ||
    v instanceof ForeignKeyConstraint ||
    v instanceof UniqueConstraint ||
    v instanceof CheckConstraint
  );
}

/** `new sa.Table(...)` with the columns' keys and types inferred. */
export interface TableConstructor {
  new <const N extends string, const A extends readonly TableArg[]>(
    name: N,
    metadata: MetaData,
    ...args: A
  ): Table<N, ColumnsByKey<A>, ColumnTuple<A>>;
  /** what `x instanceof sa.Table` narrows to: a table whose columns are not known */
  readonly prototype: Table;
}
