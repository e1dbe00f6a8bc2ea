/**
 * `ALTER TABLE t DROP CONSTRAINT name` for a CHECK on MySQL/MariaDB: the core compiler writes
 * `DROP CHECK` for MySQL, which MariaDB rejects; `DROP CONSTRAINT` works on MariaDB and on
 * MySQL 8.0.19+.
 */
import type { CompileKw, SQLCompiler } from "../../../sql/compiler/sql-compiler.js";
import { MigrationDDL, quoteName } from "./base.js";

/**
 * Drops a named constraint with the standard `DROP CONSTRAINT`.
 * @example
 * new DropNamedConstraint("item", "ck_qty", null);
 */
export class DropNamedConstraint extends MigrationDDL {
  readonly visitName = "alembic_drop_named_constraint";
  constructor(
    tableName: string,
    readonly constraintName: string,
    schema: string | null,
  ) {
    super(tableName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    return `${this.alterTable(c)} DROP CONSTRAINT ${quoteName(c, this.constraintName)}`;
  }
}
