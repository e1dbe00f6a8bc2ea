/**
 * Shared base of the migration DDL elements (ALTER TABLE forms SQLAlchemy Core has no element
 * for): dialect family, quoting and the throwaway columns the dialect's column spec needs.
 */
import type { DDLCompiler } from "../../../sql/compiler/ddl-compiler.js";
import type { SQLCompiler } from "../../../sql/compiler/sql-compiler.js";
import { DDLElement } from "../../../sql/ddl/ddl-elements.js";
import type { Dialect } from "../../../sql/dialect.js";

/** The dialects whose ALTER syntax differs; anything else renders PostgreSQL-like standard SQL. */
export type DialectFamily = "sqlite" | "postgresql" | "mysql" | "default";

/**
 * The ALTER syntax family of a dialect (`mariadb` is MySQL's).
 * @example
 * dialectFamily(postgresql.dialect()); // "postgresql"
 */
export function dialectFamily(d: Dialect): DialectFamily {
  if (d.name === "sqlite" || d.name === "postgresql") return d.name;
  if (d.name === "mysql" || d.name === "mariadb") return "mysql";
  return "default";
}

/**
 * Base of the migration ALTER elements: each names its table by name (and schema), because a
 * migration has no Table object for the live table.
 * @example
 * class MyDDL extends MigrationDDL { … }
 */
export abstract class MigrationDDL extends DDLElement {
  constructor(
    readonly tableName: string,
    readonly schema: string | null,
  ) {
    super();
  }

  /** `ALTER TABLE <schema.table>` for this element's table. */
  protected alterTable(c: SQLCompiler): string {
    return `ALTER TABLE ${formatTableName(c, this.tableName, this.schema)}`;
  }

  /** The DDL compiler, for its column specification and default rendering. */
  protected ddlCompiler(c: SQLCompiler): DDLCompiler {
    return this.ddl(c);
  }
}

/**
 * A table name with its schema, quoted for the compiler's dialect.
 * @example
 * formatTableName(c, "t", "public"); // public.t
 */
export function formatTableName(c: SQLCompiler, name: string, schema: string | null): string {
  return c.dialect.identifierPreparer.formatTable(name, schema);
}

/**
 * A quoted identifier for the compiler's dialect.
 * @example
 * quoteName(c, "order"); // "order"
 */
export function quoteName(c: SQLCompiler, name: string): string {
  return c.dialect.identifierPreparer.quote(name);
}
