/**
 * ALTER TABLE … ADD COLUMN / DROP COLUMN / RENAME COLUMN, and ALTER TABLE … RENAME TO.
 */
import type { CompileKw, SQLCompiler } from "../../../sql/compiler/sql-compiler.js";
import type { Column } from "../../../sql/schema/column.js";
import { dialectFamily, formatTableName, MigrationDDL, quoteName } from "./base.js";

/**
 * `ALTER TABLE t ADD COLUMN <spec> [CHECK (…)]`: column-level constraints go inline, as in
 * Alembic's `add_column` (and as CREATE TABLE renders them). On SQLite a single-column foreign key goes inline as
 * `REFERENCES`, since SQLite cannot add the constraint afterwards.
 * @example
 * new AddColumn("account", new sa.Column("email", sa.String(100)), null);
 */
export class AddColumn extends MigrationDDL {
  readonly visitName = "alembic_add_column";
  constructor(
    tableName: string,
    readonly column: Column,
    schema: string | null,
    readonly ifNotExists = false,
  ) {
    super(tableName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    const ine = this.ifNotExists ? "IF NOT EXISTS " : "";
    let text = `${this.alterTable(c)} ADD COLUMN ${ine}${this.ddlCompiler(c).createColumn(this.column, false)}`;
    if (dialectFamily(c.dialect) === "sqlite") {
      for (const fk of this.column.foreignKeys) {
        const target = fk.targetTableKey.split(".").pop() ?? fk.targetTableKey;
        text += ` REFERENCES ${quoteName(c, target)} (${quoteName(c, fk.targetColumnName)})`;
        if (fk.opts.ondelete) text += ` ON DELETE ${fk.opts.ondelete}`;
        if (fk.opts.onupdate) text += ` ON UPDATE ${fk.opts.onupdate}`;
      }
    }
    return text;
  }
}

/**
 * `ALTER TABLE t DROP COLUMN c` (SQLite 3.35+).
 * @example
 * new DropColumn("account", "email", null);
 */
export class DropColumn extends MigrationDDL {
  readonly visitName = "alembic_drop_column";
  constructor(
    tableName: string,
    readonly columnName: string,
    schema: string | null,
    readonly ifExists = false,
  ) {
    super(tableName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    const ie = this.ifExists ? "IF EXISTS " : "";
    return `${this.alterTable(c)} DROP COLUMN ${ie}${quoteName(c, this.columnName)}`;
  }
}

/**
 * `ALTER TABLE t RENAME a TO b` on PostgreSQL and standard SQL (Alembic's `ColumnName`);
 * `RENAME COLUMN` on SQLite 3.25+ (Alembic's SQLite form) and MySQL 8 / MariaDB 10.5+.
 * @example
 * new RenameColumn("account", "name", "full_name", null);
 */
export class RenameColumn extends MigrationDDL {
  readonly visitName = "alembic_rename_column";
  constructor(
    tableName: string,
    readonly columnName: string,
    readonly newName: string,
    schema: string | null,
  ) {
    super(tableName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    const keyword =
      dialectFamily(c.dialect) === "sqlite" || dialectFamily(c.dialect) === "mysql" ? " COLUMN" : "";
    return `${this.alterTable(c)} RENAME${keyword} ${quoteName(c, this.columnName)} TO ${quoteName(c, this.newName)}`;
  }
}

/**
 * `ALTER TABLE a RENAME TO b`; MySQL names the new table with its schema (`s.a RENAME TO s.b`), as
 * Alembic's base form does, PostgreSQL and SQLite leave the schema off the new name.
 * @example
 * new RenameTable("account", "customer", null);
 */
export class RenameTable extends MigrationDDL {
  readonly visitName = "alembic_rename_table";
  constructor(
    tableName: string,
    readonly newName: string,
    schema: string | null,
  ) {
    super(tableName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    if (dialectFamily(c.dialect) === "mysql") {
      return `${this.alterTable(c)} RENAME TO ${formatTableName(c, this.newName, this.schema)}`;
    }
    return `${this.alterTable(c)} RENAME TO ${quoteName(c, this.newName)}`;
  }
}
