/**
 * The ALTER elements migrations add to SQLAlchemy Core's DDL, compiled per dialect.
 * @example
 * import { AddColumn } from "alkahest/migrate";
 */
export {
  ColumnComment,
  ColumnDefault,
  ColumnNullable,
  ColumnType,
  type MySQLColumnSpec,
  MySQLModifyColumn,
  renderServerDefault,
  type ServerDefaultArg,
} from "./alter-column-ddl.js";
export { type DialectFamily, dialectFamily, formatTableName, MigrationDDL, quoteName } from "./base.js";
export { AddColumn, DropColumn, RenameColumn, RenameTable } from "./column-ddl.js";
export { DropNamedConstraint } from "./constraint-ddl.js";
