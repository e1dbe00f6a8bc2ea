/**
 * Turns `op.alterColumn(...)` into the dialect's statements: one ALTER per property on
 * PostgreSQL, a full MODIFY / CHANGE restatement on MySQL, a rename only on SQLite (anything
 * else there needs `batchAlterTable`).
 */
import { CompileError } from "../../exc.js";
import type { DDLElement } from "../../sql/ddl/ddl-elements.js";
import type { Dialect } from "../../sql/dialect.js";
import { Identity } from "../../sql/schema/defaults.js";
import { toType } from "../../sql/types/type-engine.js";
import { CommandError } from "../errors.js";
import {
  ColumnComment,
  ColumnDefault,
  ColumnNullable,
  ColumnType,
  MySQLModifyColumn,
  type ServerDefaultArg,
} from "./ddl/alter-column-ddl.js";
import { dialectFamily } from "./ddl/base.js";
import { RenameColumn } from "./ddl/column-ddl.js";
import { IdentityAlter, identityChanges } from "./ddl/identity-ddl.js";
import type { AlterColumnOptions } from "./options.js";

/** The new server default: undefined when unchanged (omitted or Alembic's `false`), null to drop. */
function newDefault(o: AlterColumnOptions): ServerDefaultArg | null | undefined {
  const d = o.serverDefault;
  if (d === undefined || d === false || d instanceof Identity) return undefined;
  return d;
}

/** The new comment: undefined when unchanged (omitted or Alembic's `false`), null to drop. */
function newComment(o: AlterColumnOptions): string | null | undefined {
  return o.comment === false ? undefined : o.comment;
}

/** A server default change from or to an Identity (Alembic's `IdentityColumnDefault`). */
function changesIdentity(o: AlterColumnOptions): boolean {
  const d = o.serverDefault;
  if (d === undefined || d === false) return false;
  return d instanceof Identity || o.existingServerDefault instanceof Identity;
}

/** The PostgreSQL identity change of the options, or null when they change no identity. */
function identityStatement(table: string, column: string, o: AlterColumnOptions): DDLElement | null {
  const was = o.existingServerDefault instanceof Identity ? o.existingServerDefault : null;
  const next = o.serverDefault instanceof Identity ? o.serverDefault : null;
  if (!next)
    return was && o.serverDefault === null
      ? new IdentityAlter(table, column, was, null, o.schema ?? null)
      : null;
  // as in Alembic, only an explicit `existingServerDefault: null` (no default now) adds the
  // identity; left out (Alembic's False), the options that differ from the defaults are SET
  const existing = was ?? (o.existingServerDefault === undefined ? new Identity() : null);
  if (existing && identityChanges(existing.opts, next.opts).length === 0) return null;
  return new IdentityAlter(table, column, existing, next, o.schema ?? null);
}

/**
 * The statements that carry out one `alterColumn` on a dialect.
 * @example
 * alterColumnStatements(pgDialect, "t", "c", { nullable: false }); // [ColumnNullable]
 */
export function alterColumnStatements(
  dialect: Dialect,
  table: string,
  column: string,
  o: AlterColumnOptions,
): DDLElement[] {
  const schema = o.schema ?? null;
  const family = dialectFamily(dialect);
  if (family === "postgresql" && o.postgresqlUsing !== undefined && o.type === undefined) {
    throw new CommandError("postgresql_using must be used with the type_ parameter");
  }
  if (family !== "postgresql" && changesIdentity(o)) {
    throw new CompileError(
      'Adding, removing or modifying an "identity" construct, e.g. GENERATED AS IDENTITY, to or from an existing column is not supported in this dialect.',
    );
  }
  const identity = family === "postgresql" ? identityStatement(table, column, o) : null;
  // dropping an identity is not dropping a DEFAULT
  const def = identity && !(o.serverDefault instanceof Identity) ? undefined : newDefault(o);
  if (family === "mysql") return mysqlStatements(table, column, o, def, schema);
  if (family === "sqlite") {
    const others = o.type !== undefined || o.nullable !== undefined || def !== undefined;
    if (others) {
      throw new CompileError(
        `SQLite cannot ALTER COLUMN '${table}.${column}' (type, nullability or default); use op.batchAlterTable("${table}", …), which rebuilds the table`,
      );
    }
    return o.newColumnName ? [new RenameColumn(table, column, o.newColumnName, schema)] : [];
  }
  const out: DDLElement[] = [];
  // the type goes first, as in Alembic: a later SET DEFAULT must fit the new type
  if (o.type !== undefined)
    out.push(new ColumnType(table, column, toType(o.type), schema, o.postgresqlUsing));
  if (o.nullable !== undefined) out.push(new ColumnNullable(table, column, o.nullable, schema));
  if (def !== undefined) out.push(new ColumnDefault(table, column, def, schema));
  if (identity) out.push(identity);
  const comment = newComment(o);
  if (comment !== undefined && dialect.supportsComments) {
    out.push(new ColumnComment(table, column, comment, schema));
  }
  if (o.newColumnName) out.push(new RenameColumn(table, column, o.newColumnName, schema));
  return out;
}

function mysqlStatements(
  table: string,
  column: string,
  o: AlterColumnOptions,
  def: ServerDefaultArg | null | undefined,
  schema: string | null,
): DDLElement[] {
  const comment = newComment(o);
  const restates =
    o.type !== undefined ||
    o.nullable !== undefined ||
    comment !== undefined ||
    o.autoincrement !== undefined;
  const type = o.type ?? o.existingType;
  // Alembic's `_is_mysql_allowed_functional_default`: a DATETIME column is restated with CHANGE
  // (which accepts a function default such as now()) unless its default is being dropped
  const change =
    o.newColumnName !== undefined ||
    (type !== undefined && toType(type).affinity === "datetime" && def !== null);
  if (!restates && !change) {
    return def === undefined ? [] : [new ColumnDefault(table, column, def, schema)];
  }
  if (type === undefined) {
    // a bare rename needs no definition on MySQL 8 / MariaDB 10.5+
    if (!restates && def === undefined) return [new RenameColumn(table, column, o.newColumnName!, schema)];
    // Alembic's text; how to keep the rest of the column follows
    throw new CommandError(
      `All MySQL CHANGE/MODIFY COLUMN operations require the existing type. alterColumn('${table}', '${column}') needs existingType (and existingNullable, existingServerDefault, existingComment to keep them)`,
    );
  }
  const spec = {
    type: toType(type),
    nullable: o.nullable ?? o.existingNullable ?? true,
    serverDefault:
      def !== undefined
        ? def
        : o.existingServerDefault instanceof Identity
          ? null
          : (o.existingServerDefault ?? null),
    autoincrement: o.autoincrement ?? o.existingAutoincrement ?? false,
    comment: comment !== undefined ? comment : (o.existingComment ?? null),
  };
  const newName = change ? (o.newColumnName ?? column) : null;
  return [new MySQLModifyColumn(table, column, newName, spec, schema)];
}
