import { CompileError } from "../../exc.js";
import type { ClauseElement } from "../base.js";
import { fitIdentifier } from "../ddl/constraint-name.js";
import type {
  AddConstraint,
  CreateIndex,
  CreateSchema,
  CreateSequence,
  CreateTable,
  DropColumnComment,
  DropConstraint,
  DropIndex,
  DropSchema,
  DropSequence,
  DropTable,
  DropTableComment,
  SetColumnComment,
  SetTableComment,
} from "../ddl/ddl-elements.js";
import { identityOptionsSql } from "../ddl/identity-options.js";
import { FK_ACTION, FK_INITIALLY, validateSqlPhrase } from "../ddl/sql-phrases.js";
import { compilerClasses } from "../dialect.js";
import type { Column } from "../schema/column.js";
import {
  CheckConstraint,
  type Constraint,
  ForeignKeyConstraint,
  type Index,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "../schema/constraints.js";
import { conventionName, indexConventionName } from "../schema/naming.js";
import type { Table } from "../schema/table.js";
import { type CompileKw, SQLCompiler } from "./sql-compiler.js";

/**
 * Compiles DDL (SQLAlchemy's DDLCompiler): CREATE/DROP TABLE, INDEX, SEQUENCE, SCHEMA,
 * constraints and comments. Expressions inside DDL (defaults, CHECK, index expressions) render
 * with literal values and without table prefixes. Dialects override the hooks that differ:
 * `columnSpecification`, `postCreateTable`, `defineConstraintRemoteTable`, `visitCreateIndex`, …
 * @example
 * new sa.CreateTable(users).compile({ dialect: postgresql.dialect() }).string;
 */
export class DDLCompiler extends SQLCompiler {
  override kind: SQLCompiler["kind"] = "ddl";

  private _sqlCompiler: SQLCompiler | undefined;

  /**
   * The dialect's statement compiler (SQLAlchemy's `sql_compiler`): expressions inside DDL
   * (defaults, CHECK, computed columns, index expressions) render as that dialect renders them
   * in a statement, e.g. `func.now()` as SQLite's CURRENT_TIMESTAMP.
   */
  protected get sqlCompiler(): SQLCompiler {
    return (this._sqlCompiler ??= this.dialect.statementCompiler(this.statement, {}));
  }

  /** Renders an expression inside DDL: literal values, by default no table prefix. */
  protected ddlExpr(el: ClauseElement | string, includeTable = false): string {
    if (typeof el === "string") return this.postProcessText(el);
    return this.sqlCompiler.process(el, { literalBinds: true, includeTable });
  }

  protected quote(name: string): string {
    return this.dialect.identifierPreparer.quote(name);
  }

  protected formatTable(t: Table, useSchema = true): string {
    return this.dialect.identifierPreparer.formatTable(t.name, useSchema ? t.schema : null, t.quote);
  }

  protected formatColumn(c: Column): string {
    return this.dialect.identifierPreparer.quote(c.name, c.quote);
  }

  /** Runs `render`, naming the table (and column) in any CompileError, as SQLAlchemy does. */
  protected inContext<R>(where: string, render: () => R): R {
    try {
      return render();
    } catch (e) {
      if (e instanceof CompileError && !e.message.startsWith("(in table")) {
        throw new CompileError(`(in ${where}): ${e.message}`);
      }
      throw e;
    }
  }

  // ---- CREATE / DROP TABLE -----------------------------------------------------------------

  visitCreateTable(ct: CreateTable, _kw: CompileKw): string {
    const t = ct.table;
    let text = `\nCREATE ${this.createTablePrefix(t)}TABLE ${ct.ifNotExists ? "IF NOT EXISTS " : ""}${this.formatTable(t)} `;
    const suffix = this.createTableSuffix(t);
    if (suffix) text += `${suffix} `;
    text += "(";
    let separator = "\n";
    let firstPk = false;
    for (const col of t.columnList) {
      const processed = this.inContext(`table '${t.name}', column '${col.name}'`, () =>
        this.createColumn(col, col.primaryKey && !firstPk),
      );
      if (processed !== null) {
        text += `${separator}\t${processed}`;
        separator = ", \n";
      }
      if (col.primaryKey) firstPk = true;
    }
    const constraints = this.inContext(`table '${t.name}'`, () =>
      this.createTableConstraints(t, ct.includeForeignKeyConstraints),
    );
    if (constraints) text += `${separator}\t${constraints}`;
    text += `\n)${this.postCreateTable(t)}\n\n`;
    return text;
  }

  /** `TEMPORARY ` and the like, from the table's `prefixes` option. */
  protected createTablePrefix(t: Table): string {
    const prefixes = t.dialectOptions.prefixes as string[] | undefined;
    return prefixes?.length ? `${prefixes.join(" ")} ` : "";
  }

  /** Text between the table name and the column list (none of the dialects here uses it). */
  protected createTableSuffix(_t: Table): string {
    return "";
  }

  /** Table options after the closing parenthesis (MySQL ENGINE=…, SQLite WITHOUT ROWID). */
  protected postCreateTable(_t: Table): string {
    return "";
  }

  /**
   * One column of CREATE TABLE (or of a migration's ADD COLUMN): its specification and its
   * column-level constraints.
   */
  createColumn(col: Column, firstPk: boolean): string | null {
    let text = this.columnSpecification(col, firstPk);
    if (text === null) return null;
    const consts = col.constraints.map((c) => this.checkConstraintSql(c)).filter((s) => s !== "");
    if (consts.length) text += ` ${consts.join(" ")}`;
    return text;
  }

  /** `name TYPE [DEFAULT x] [GENERATED …] [NOT NULL]` */
  columnSpecification(col: Column, _firstPk = false): string | null {
    let spec = `${this.formatColumn(col)} ${this.dialect.typeCompiler.process(col.type)}`;
    const def = this.columnDefaultString(col);
    if (def !== null) spec += ` DEFAULT ${def}`;
    if (col.computed) spec += ` ${this.computedSql(col)}`;
    const identity = col.identity !== undefined && this.dialect.supportsIdentityColumns;
    if (identity) spec += ` ${this.identitySql(col)}`;
    if (!col.nullable && !identity) spec += " NOT NULL";
    return spec;
  }

  /** The DEFAULT text of a server default: strings quoted, text() as is, expressions compiled. */
  columnDefaultString(col: Column): string | null {
    const d = col.serverDefault;
    if (d === undefined) return null;
    if (typeof d === "string") return this.renderLiteralString(d);
    return this.sqlCompiler.process(d, { literalBinds: true });
  }

  /** `GENERATED ALWAYS AS (expr) [STORED | VIRTUAL]` */
  protected computedSql(col: Column): string {
    const c = col.computed!;
    let text = `GENERATED ALWAYS AS (${this.ddlExpr(c.sqltext)})`;
    if (c.opts.persisted === true) text += " STORED";
    else if (c.opts.persisted === false) text += " VIRTUAL";
    return text;
  }

  /** `GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY [(options)]` */
  protected identitySql(col: Column): string {
    const o = col.identity!.opts;
    let text = `GENERATED ${o.always ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`;
    const opts = identityOptionsSql(o);
    if (opts) text += ` (${opts})`;
    return text;
  }

  /**
   * The table constraints of CREATE TABLE: PRIMARY KEY first, the others in creation order;
   * type-bound CHECKs only where their rule allows, `useAlter` FKs left to ALTER TABLE.
   */
  protected createTableConstraints(
    t: Table,
    includeFks: readonly ForeignKeyConstraint[] | undefined,
  ): string {
    const constraints: Constraint[] = [];
    if (t.primaryKey.columns.length) constraints.push(t.primaryKey);
    for (const c of t.sortedConstraints) {
      if (c === t.primaryKey) continue;
      if (c instanceof ForeignKeyConstraint && includeFks && !includeFks.includes(c)) continue;
      constraints.push(c);
    }
    const out: string[] = [];
    for (const c of constraints) {
      if (c._createRule && !c._createRule(this.dialect)) continue;
      if (this.dialect.supportsAlter && c instanceof ForeignKeyConstraint && c.useAlter) continue;
      const sql = this.constraintSql(c);
      if (sql) out.push(sql);
    }
    return out.join(", \n\t");
  }

  // ---- constraints -------------------------------------------------------------------------

  /** The longest constraint name the dialect accepts. */
  protected constraintNameLimit(): number {
    return this.dialect.maxIdentifierLength;
  }

  /** The longest index name the dialect accepts. */
  protected indexNameLimit(): number {
    return this.dialect.maxIdentifierLength;
  }

  /** A constraint's quoted name (the naming convention's, shortened to fit), or null. */
  formatConstraintName(c: Constraint): string | null {
    const generated = conventionName(c);
    const name = generated ?? c.name;
    if (!name) return null;
    return this.quote(fitIdentifier(name, generated !== null, this.constraintNameLimit()));
  }

  /** An index's quoted name (the naming convention's, shortened to fit), or null. */
  formatIndexName(ix: Index): string | null {
    const generated = indexConventionName(ix);
    const name = generated ?? ix.name;
    if (!name) return null;
    return this.quote(fitIdentifier(name, generated !== null, this.indexNameLimit()));
  }

  /** `CONSTRAINT name ` when the constraint has (or the convention gives) a name. */
  protected constraintPrefix(c: Constraint): string {
    const name = this.formatConstraintName(c);
    return name ? `CONSTRAINT ${name} ` : "";
  }

  /** One constraint's DDL, as in CREATE TABLE or ADD CONSTRAINT; "" when there is nothing to emit. */
  constraintSql(c: Constraint): string {
    if (c instanceof PrimaryKeyConstraint) return this.primaryKeySql(c);
    if (c instanceof UniqueConstraint) return this.uniqueSql(c);
    if (c instanceof CheckConstraint) return this.checkConstraintSql(c);
    if (c instanceof ForeignKeyConstraint) return this.foreignKeySql(c);
    throw new CompileError(`Can't render DDL for constraint ${String(c)}`);
  }

  /** `PRIMARY KEY (a, b)` */
  protected primaryKeySql(pk: PrimaryKeyConstraint): string {
    if (pk.columns.length === 0) return "";
    const cols = this.pkColumns(pk)
      .map((x) => this.formatColumn(x))
      .join(", ");
    return `${this.constraintPrefix(pk)}PRIMARY KEY (${cols})${this.deferrable(pk)}`;
  }

  /** The autoincrement column first in a table's implicit key (`columns_autoinc_first`). */
  protected pkColumns(pk: PrimaryKeyConstraint): Column[] {
    const cols = [...pk.columns];
    if (!pk._implicitGenerated || !pk.table) return cols;
    const auto = pk.table.autoincrementColumn;
    return auto ? [auto, ...cols.filter((c) => c !== auto)] : cols;
  }

  /** `UNIQUE (a, b)` */
  protected uniqueSql(uc: UniqueConstraint): string {
    if (uc.columns.length === 0) return "";
    const cols = uc.columns.map((x) => this.formatColumn(x)).join(", ");
    return `${this.constraintPrefix(uc)}UNIQUE ${this.uniqueConstraintDistinct(uc)}(${cols})${this.deferrable(uc)}`;
  }

  /** `NULLS NOT DISTINCT ` on PostgreSQL. */
  protected uniqueConstraintDistinct(_uc: UniqueConstraint): string {
    return "";
  }

  /** `CHECK (expr)`, table- or column-level alike. */
  protected checkConstraintSql(c: CheckConstraint): string {
    return `${this.constraintPrefix(c)}CHECK (${this.ddlExpr(c.sqltext)})${this.deferrable(c)}`;
  }

  /** `FOREIGN KEY(a) REFERENCES t (x) [MATCH m] [ON DELETE …] [ON UPDATE …] [DEFERRABLE …]` */
  protected foreignKeySql(fk: ForeignKeyConstraint): string {
    const local = fk.elements.map((e) => this.quote(e.parent?.name ?? "")).join(", ");
    const remote = fk.elements.map((e) => this.quote(e.column.name)).join(", ");
    let text = `${this.constraintPrefix(fk)}FOREIGN KEY(${local}) REFERENCES ${this.defineConstraintRemoteTable(fk, fk.referred)} (${remote})`;
    text += this.defineConstraintMatch(fk);
    text += this.defineConstraintCascades(fk);
    text += this.deferrable(fk);
    return text;
  }

  /** The referenced table of a foreign key; SQLite leaves the schema out. */
  protected defineConstraintRemoteTable(_fk: ForeignKeyConstraint, table: Table): string {
    return this.formatTable(table);
  }

  protected defineConstraintMatch(fk: ForeignKeyConstraint): string {
    return fk.fkOpts.match !== undefined ? ` MATCH ${fk.fkOpts.match}` : "";
  }

  protected defineConstraintCascades(fk: ForeignKeyConstraint): string {
    let text = "";
    if (fk.ondelete !== undefined) text += ` ON DELETE ${validateSqlPhrase(fk.ondelete, FK_ACTION)}`;
    if (fk.onupdate !== undefined) text += ` ON UPDATE ${validateSqlPhrase(fk.onupdate, FK_ACTION)}`;
    return text;
  }

  /** ` [NOT] DEFERRABLE [INITIALLY x]` */
  protected deferrable(c: Constraint): string {
    let text = "";
    if (c.deferrable !== undefined) text += c.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
    if (c.initially !== undefined) text += ` INITIALLY ${validateSqlPhrase(c.initially, FK_INITIALLY)}`;
    return text;
  }

  visitDropTable(dt: DropTable, _kw: CompileKw): string {
    return `\nDROP TABLE ${dt.ifExists ? "IF EXISTS " : ""}${this.formatTable(dt.table)}`;
  }

  // ---- indexes -----------------------------------------------------------------------------

  /** The index's table, or SQLAlchemy's error for an index built from unattached columns. */
  protected indexTable(ix: Index): Table {
    if (!ix.table) {
      throw new CompileError(`Index '${ix.name ?? "(unnamed)"}' is not associated with any table.`);
    }
    return ix.table;
  }

  /** The index name, with its table's schema when `includeSchema`. */
  protected preparedIndexName(ix: Index, includeSchema: boolean): string {
    const t = this.indexTable(ix);
    const name = this.formatIndexName(ix);
    if (!name) {
      throw new CompileError(`CREATE INDEX on table '${t.name}' requires that the index have a name`);
    }
    return includeSchema && t.schema
      ? `${this.dialect.identifierPreparer.quoteSchema(t.schema)}.${name}`
      : name;
  }

  visitCreateIndex(ci: CreateIndex, _kw: CompileKw): string {
    const ix = ci.index;
    const t = this.indexTable(ix);
    const name = this.preparedIndexName(ix, false);
    return `CREATE ${ix.unique ? "UNIQUE " : ""}INDEX ${ci.ifNotExists ? "IF NOT EXISTS " : ""}${name} ON ${this.formatTable(t)} (${this.indexExpressions(ix)})`;
  }

  /** The index's columns and expressions, without table prefixes. */
  protected indexExpressions(ix: Index): string {
    return ix.expressions.map((e) => this.ddlExpr(e)).join(", ");
  }

  visitDropIndex(di: DropIndex, _kw: CompileKw): string {
    return `\nDROP INDEX ${di.ifExists ? "IF EXISTS " : ""}${this.preparedIndexName(di.index, true)}`;
  }

  // ---- ALTER TABLE constraints -------------------------------------------------------------

  /** The table a standalone constraint DDL works on. */
  protected constraintTable(c: Constraint): Table {
    if (!c.table) throw new CompileError(`Constraint ${c.name ?? c.kind} is not associated with any table.`);
    return c.table;
  }

  visitAddConstraint(ac: AddConstraint, _kw: CompileKw): string {
    const t = this.constraintTable(ac.constraint);
    return `ALTER TABLE ${this.formatTable(t)} ADD ${this.constraintSql(ac.constraint)}`;
  }

  visitDropConstraint(dc: DropConstraint, _kw: CompileKw): string {
    const t = this.constraintTable(dc.constraint);
    const name = this.formatConstraintName(dc.constraint);
    if (!name) {
      throw new CompileError(
        `Can't emit DROP CONSTRAINT for a ${dc.constraint.kind} constraint of table '${t.name}'; it has no name`,
      );
    }
    return `ALTER TABLE ${this.formatTable(t)} DROP CONSTRAINT ${dc.opts.ifExists ? "IF EXISTS " : ""}${name}${dc.opts.cascade ? " CASCADE" : ""}`;
  }

  // ---- sequences and schemas ---------------------------------------------------------------

  /** Text after the sequence name (PostgreSQL: ` AS BIGINT`). */
  protected createSequencePrefix(_cs: CreateSequence): string {
    return "";
  }

  visitCreateSequence(cs: CreateSequence, _kw: CompileKw): string {
    const s = cs.sequence;
    let text = `CREATE SEQUENCE ${cs.opts.ifNotExists ? "IF NOT EXISTS " : ""}${this.dialect.identifierPreparer.formatTable(s.name, s.schema)}`;
    text += this.createSequencePrefix(cs);
    const opts = identityOptionsSql(s.opts);
    if (opts) text += ` ${opts}`;
    return text;
  }

  visitDropSequence(ds: DropSequence, _kw: CompileKw): string {
    return `DROP SEQUENCE ${ds.opts.ifExists ? "IF EXISTS " : ""}${this.dialect.identifierPreparer.formatTable(ds.sequence.name, ds.sequence.schema)}`;
  }

  visitCreateSchema(cs: CreateSchema, _kw: CompileKw): string {
    return `CREATE SCHEMA ${cs.opts.ifNotExists ? "IF NOT EXISTS " : ""}${this.quote(cs.name)}`;
  }

  visitDropSchema(ds: DropSchema, _kw: CompileKw): string {
    return `DROP SCHEMA ${ds.opts.ifExists ? "IF EXISTS " : ""}${this.quote(ds.name)}${ds.opts.cascade ? " CASCADE" : ""}`;
  }

  // ---- comments ----------------------------------------------------------------------------

  /** `t.c` with the table's schema, as COMMENT ON COLUMN names it. */
  protected formatColumnWithTable(col: Column): string {
    const t = col.table as Table | null;
    if (!t) throw new CompileError(`Column '${col.name}' is not associated with any table.`);
    return `${this.formatTable(t)}.${this.formatColumn(col)}`;
  }

  visitSetTableComment(st: SetTableComment, _kw: CompileKw): string {
    return `COMMENT ON TABLE ${this.formatTable(st.table)} IS ${this.renderLiteralString(st.table.comment ?? "")}`;
  }

  visitDropTableComment(dt: DropTableComment, _kw: CompileKw): string {
    return `COMMENT ON TABLE ${this.formatTable(dt.table)} IS NULL`;
  }

  visitSetColumnComment(sc: SetColumnComment, _kw: CompileKw): string {
    return `COMMENT ON COLUMN ${this.formatColumnWithTable(sc.column)} IS ${this.renderLiteralString(sc.column.comment ?? "")}`;
  }

  visitDropColumnComment(dc: DropColumnComment, _kw: CompileKw): string {
    return `COMMENT ON COLUMN ${this.formatColumnWithTable(dc.column)} IS NULL`;
  }
}

compilerClasses.ddl = DDLCompiler;
compilerClasses.sql = SQLCompiler;
