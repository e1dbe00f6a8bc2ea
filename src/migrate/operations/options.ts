/**
 * Option objects of the `op.*` directives, camelCased from Alembic's keyword arguments.
 */
import type { ClauseElement } from "../../sql/base.js";
import type { ForeignKeyOptions } from "../../sql/schema/constraints.js";
import type { Identity } from "../../sql/schema/defaults.js";
import type { TypeArg } from "../../sql/types/type-engine.js";
import type { ConstraintType } from "./schema-objects.js";

/** `{ schema }`: the schema of the table an op works on. */
export interface SchemaOption {
  schema?: string | null;
}

/**
 * A server default to set (`string` is quoted, `sa.text()` is verbatim), null to drop it, or
 * `false` to leave it as it is (Alembic's `server_default=False`, the same as omitting it). On
 * PostgreSQL an `sa.Identity` adds or changes the column's identity (Alembic's
 * `server_default=sa.Identity(...)`), and null drops it when `existingServerDefault` is one.
 */
export type ServerDefaultChange = string | ClauseElement | Identity | null | false;

/**
 * `op.alterColumn(table, column, options)`. `existing*` describe the column as it is: MySQL's
 * MODIFY / CHANGE restate the whole column, so they are needed there.
 * @example
 * await op.alterColumn("t", "name", { nullable: false, existingType: sa.String(50) });
 */
export interface AlterColumnOptions extends SchemaOption {
  nullable?: boolean;
  type?: TypeArg;
  newColumnName?: string;
  serverDefault?: ServerDefaultChange;
  /** the new comment, null to drop it, `false` (Alembic's default) to leave it */
  comment?: string | null | false;
  autoincrement?: boolean;
  existingType?: TypeArg;
  existingNullable?: boolean;
  existingServerDefault?: string | ClauseElement | Identity | null;
  existingComment?: string | null;
  existingAutoincrement?: boolean;
  /** PostgreSQL `ALTER COLUMN … TYPE … USING <expr>`; needs `type`, as in Alembic */
  postgresqlUsing?: string;
}

/** `op.createIndex(name, table, columns, options)` */
export interface CreateIndexOptions extends SchemaOption {
  unique?: boolean;
  ifNotExists?: boolean;
  /** dialect options (`postgresqlWhere`, `mysqlLength`, `sqliteWhere`, …) */
  [dialectOption: string]: unknown;
}

/** `op.dropIndex(name, table, options)` */
export interface DropIndexOptions extends SchemaOption {
  ifExists?: boolean;
  [dialectOption: string]: unknown;
}

/** `op.createUniqueConstraint(name, table, columns, options)` */
export interface UniqueConstraintOptions extends SchemaOption {
  deferrable?: boolean;
  initially?: string;
  [dialectOption: string]: unknown;
}

/** `op.createForeignKey(name, source, referent, localCols, remoteCols, options)` */
export interface ForeignKeyOpOptions extends Omit<ForeignKeyOptions, "name"> {
  sourceSchema?: string | null;
  referentSchema?: string | null;
}

/** `op.dropConstraint(name, table, { type })`; MySQL needs `type`. */
export interface DropConstraintOptions extends SchemaOption {
  type?: ConstraintType;
  /** `DROP CONSTRAINT IF EXISTS` (ignored on MySQL, as in SQLAlchemy) */
  ifExists?: boolean;
}

/** `op.addColumn(table, column, { ifNotExists })` */
export interface AddColumnOptions extends SchemaOption {
  /** `ADD COLUMN IF NOT EXISTS` */
  ifNotExists?: boolean;
}

/** `op.dropColumn(table, column, { ifExists })` */
export interface DropColumnOptions extends SchemaOption {
  /** `DROP COLUMN IF EXISTS` */
  ifExists?: boolean;
}

/** `op.createTableComment(table, comment, options)` */
export interface TableCommentOptions extends SchemaOption {
  existingComment?: string | null;
}

/** `op.dropTable(name, options)` */
export interface DropTableOptions extends SchemaOption {
  ifExists?: boolean;
}

/** `op.bulkInsert(table, rows, { multiinsert })` */
export interface BulkInsertOptions {
  /** online: one executemany for all rows (default true) rather than a statement per row */
  multiinsert?: boolean;
}
