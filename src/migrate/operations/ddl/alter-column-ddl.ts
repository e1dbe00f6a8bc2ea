/**
 * The pieces of `alterColumn`: PostgreSQL (and standard SQL) alter one property per statement,
 * MySQL restates the whole column with `MODIFY` / `CHANGE`.
 */
import type { ClauseElement } from "../../../sql/base.js";
import type { CompileKw, SQLCompiler } from "../../../sql/compiler/sql-compiler.js";
import type { TypeEngine } from "../../../sql/types/type-engine.js";
import { MigrationDDL, quoteName } from "./base.js";

/** A server default as ALTER renders it: strings quoted, SQL expressions compiled inline. */
export type ServerDefaultArg = string | ClauseElement;

/**
 * Renders a server default for DDL.
 * @example
 * renderServerDefault(c, "x"); // 'x'
 */
export function renderServerDefault(c: SQLCompiler, d: ServerDefaultArg): string {
  if (typeof d === "string") return c.renderLiteralString(d);
  return c.process(d, { literalBinds: true });
}

/** Base of the elements that alter one column of a table. */
abstract class ColumnDDL extends MigrationDDL {
  constructor(
    tableName: string,
    readonly columnName: string,
    schema: string | null,
  ) {
    super(tableName, schema);
  }
  /** `ALTER TABLE t ALTER COLUMN c` */
  protected alterColumn(c: SQLCompiler): string {
    return `${this.alterTable(c)} ALTER COLUMN ${quoteName(c, this.columnName)}`;
  }
}

/**
 * `ALTER TABLE t ALTER COLUMN c TYPE x [USING expr]` (PostgreSQL).
 * @example
 * new ColumnType("t", "c", new sa.String(100), null);
 */
export class ColumnType extends ColumnDDL {
  readonly visitName = "alembic_column_type";
  constructor(
    tableName: string,
    columnName: string,
    readonly type: TypeEngine,
    schema: string | null,
    readonly using?: string,
  ) {
    super(tableName, columnName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    const using = this.using ? ` USING ${this.using}` : "";
    return `${this.alterColumn(c)} TYPE ${c.dialect.typeCompiler.process(this.type)}${using}`;
  }
}

/**
 * `ALTER TABLE t ALTER COLUMN c SET NOT NULL` / `DROP NOT NULL`.
 * @example
 * new ColumnNullable("t", "c", false, null);
 */
export class ColumnNullable extends ColumnDDL {
  readonly visitName = "alembic_column_nullable";
  constructor(
    tableName: string,
    columnName: string,
    readonly nullable: boolean,
    schema: string | null,
  ) {
    super(tableName, columnName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    return `${this.alterColumn(c)} ${this.nullable ? "DROP" : "SET"} NOT NULL`;
  }
}

/**
 * `ALTER TABLE t ALTER COLUMN c SET DEFAULT x` / `DROP DEFAULT` (PostgreSQL and MySQL alike).
 * @example
 * new ColumnDefault("t", "c", sa.text("0"), null);
 */
export class ColumnDefault extends ColumnDDL {
  readonly visitName = "alembic_column_default";
  constructor(
    tableName: string,
    columnName: string,
    readonly serverDefault: ServerDefaultArg | null,
    schema: string | null,
  ) {
    super(tableName, columnName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    if (this.serverDefault === null) return `${this.alterColumn(c)} DROP DEFAULT`;
    return `${this.alterColumn(c)} SET DEFAULT ${renderServerDefault(c, this.serverDefault)}`;
  }
}

/**
 * `COMMENT ON COLUMN t.c IS '…'` / `IS NULL` (PostgreSQL).
 * @example
 * new ColumnComment("t", "c", "the name", null);
 */
export class ColumnComment extends ColumnDDL {
  readonly visitName = "alembic_column_comment";
  constructor(
    tableName: string,
    columnName: string,
    readonly comment: string | null,
    schema: string | null,
  ) {
    super(tableName, columnName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    const table = c.dialect.identifierPreparer.formatTable(this.tableName, this.schema);
    const text = this.comment === null ? "NULL" : c.renderLiteralString(this.comment);
    return `COMMENT ON COLUMN ${table}.${quoteName(c, this.columnName)} IS ${text}`;
  }
}

/** The full column definition MySQL's MODIFY / CHANGE restate. */
export interface MySQLColumnSpec {
  type: TypeEngine;
  nullable: boolean;
  serverDefault: ServerDefaultArg | null;
  autoincrement: boolean;
  comment: string | null;
}

/**
 * `ALTER TABLE t MODIFY c <full spec>`, or `CHANGE c new <full spec>` when renaming (MySQL):
 * MySQL has no per-property ALTER for type or nullability, so the whole column is restated.
 * @example
 * new MySQLModifyColumn("t", "c", null, { type, nullable: false, serverDefault: null, autoincrement: false, comment: null }, null);
 */
export class MySQLModifyColumn extends ColumnDDL {
  readonly visitName = "alembic_mysql_modify_column";
  constructor(
    tableName: string,
    columnName: string,
    readonly newName: string | null,
    readonly spec: MySQLColumnSpec,
    schema: string | null,
  ) {
    super(tableName, columnName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    const s = this.spec;
    let def = `${c.dialect.typeCompiler.process(s.type)} ${s.nullable ? "NULL" : "NOT NULL"}`;
    if (s.autoincrement) def += " AUTO_INCREMENT";
    if (s.serverDefault !== null) def += ` DEFAULT ${renderServerDefault(c, s.serverDefault)}`;
    if (s.comment) def += ` COMMENT ${c.renderLiteralString(s.comment)}`;
    const col = quoteName(c, this.columnName);
    if (this.newName !== null)
      return `${this.alterTable(c)} CHANGE ${col} ${quoteName(c, this.newName)} ${def}`;
    return `${this.alterTable(c)} MODIFY ${col} ${def}`;
  }
}
