/**
 * `ALTER TABLE t DROP CONSTRAINT name` by name alone. On MySQL it drops a CHECK, spelled as
 * Alembic's MySQL impl does: `DROP CHECK name` for MySQL (also offline, where the flavour is
 * unknown), `DROP CONSTRAINT name` once the dialect knows it talks to MariaDB, which rejects
 * `DROP CHECK`.
 */
import type { CompileKw, SQLCompiler } from "../../../sql/compiler/sql-compiler.js";
import { dialectFamily, MigrationDDL, quoteName } from "./base.js";

/**
 * Drops a named constraint (on MySQL, a CHECK).
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
    const mysqlCheck =
      dialectFamily(c.dialect) === "mysql" && (c.dialect as { isMariadb?: boolean }).isMariadb !== true;
    return `${this.alterTable(c)} DROP ${mysqlCheck ? "CHECK" : "CONSTRAINT"} ${quoteName(c, this.constraintName)}`;
  }
}
