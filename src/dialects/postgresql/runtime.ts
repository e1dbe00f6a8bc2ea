import type { ClauseElement } from "../../sql/base.js";
import type { DialectOptions } from "../../sql/dialect.js";
import { text } from "../../sql/elements/text.js";
import type { SchemaHookContext } from "../../sql/schema/create-drop.js";
import type { Table } from "../../sql/schema/table.js";
import type { EnumType } from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
import type { ClassifiedError, DBAPIConnection, DriverAdapter } from "../dbapi.js";
import { queryAll } from "../query.js";
import {
  type ConnectParams,
  type DefaultPoolKind,
  networkConnectArgs,
  type RuntimeDialect,
} from "../runtime.js";
import { pgBindCast } from "./bind-casts.js";
import { PGDialect } from "./dialect.js";
import { CreateEnumType, DropEnumType, enumKey, namedEnumTypes } from "./enum-ddl.js";
import { classifyPgError } from "./pg-errors.js";

const ISOLATION_LEVELS = [
  "READ COMMITTED",
  "READ UNCOMMITTED",
  "REPEATABLE READ",
  "SERIALIZABLE",
  "AUTOCOMMIT",
] as const;

/**
 * PostgreSQL on `pg` (`postgresql://` URLs): `$1` placeholders, named prepared statements,
 * server-side cursors through pg-cursor.
 */
export class PGRuntimeDialect extends PGDialect implements RuntimeDialect {
  readonly driverName = "pg";
  readonly supportsServerSideCursors = true;
  readonly isolationLevelValues: readonly string[] = ISOLATION_LEVELS;
  defaultIsolationLevel: string | null = "READ COMMITTED";
  _defaultIsolationRead = false;
  private adapter: DriverAdapter | null = null;
  /** backslashes in string literals are escapes (standard_conforming_strings off) */
  backslashEscapes = true;
  /** pg sends one statement per round trip: batching executemany INSERTs saves most of them */
  override useInsertmanyvaluesWoReturning = true;

  /** the server types a value assigned to a column from the column: no cast, less to parse */
  override castsAssignedBinds = false;

  /** `$1::INTEGER`: pg sends values untyped, so binds carry their type as asyncpg's do. */
  override bindCast(type: TypeEngine): string {
    return pgBindCast(this, type);
  }

  async loadDriver(): Promise<DriverAdapter> {
    this.adapter ??= (await import("./pg.js")).pgAdapter;
    return this.adapter;
  }

  createConnectArgs(
    params: ConnectParams,
    connectArgs: Readonly<Record<string, unknown>>,
  ): Record<string, unknown> {
    return networkConnectArgs(params, connectArgs, (args, k, value) => {
      if (k === "sslmode")
        args.ssl = value === "disable" ? false : value === "require" ? { rejectUnauthorized: false } : true;
      else if (k === "connect_timeout") args.connectionTimeoutMillis = Number(value) * 1000;
      else return false; // application_name, host (a socket directory) … pass through as given
      return true;
    });
  }

  defaultPoolKind(_params: ConnectParams): DefaultPoolKind {
    return "QueuePool";
  }

  async initialize(conn: DBAPIConnection): Promise<void> {
    const v = await queryAll(conn, "SHOW server_version_num");
    const num = Number(v[0]?.[0] ?? 0);
    this.serverVersionInfo = [Math.floor(num / 10000), Math.floor(num / 100) % 100, num % 100];
    const scs = await queryAll(conn, "SHOW standard_conforming_strings");
    this.backslashEscapes = scs[0]?.[0] === "off";
    if (!this._defaultIsolationRead) {
      const iso = await queryAll(conn, "SHOW default_transaction_isolation");
      this.defaultIsolationLevel = String(iso[0]?.[0] ?? "read committed").toUpperCase();
    }
  }

  override renderLiteralString(value: string): string {
    if (this.backslashEscapes) return super.renderLiteralString(value);
    if (value.includes("\u0000")) return super.renderLiteralString(value);
    let v = value.replaceAll("'", "''");
    if (this.doublePercents) v = v.replaceAll("%", "%%");
    return `'${v}'`;
  }

  async ping(conn: DBAPIConnection): Promise<void> {
    await queryAll(conn, "SELECT 1");
  }

  classifyError(err: unknown): ClassifiedError | null {
    return classifyPgError(err);
  }

  async setIsolationLevel(conn: DBAPIConnection, level: string): Promise<void> {
    if (level === "AUTOCOMMIT") return;
    await queryAll(conn, `SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL ${level}`);
  }

  async getIsolationLevel(conn: DBAPIConnection): Promise<string> {
    const rows = await queryAll(conn, "SHOW transaction_isolation");
    return String(rows[0]?.[0] ?? "").toUpperCase();
  }

  /** Whether a table (or view) exists in the schema, or on the search path. */
  async hasTable(conn: DBAPIConnection, name: string, schema?: string | null): Promise<boolean> {
    const rows = schema
      ? await queryAll(
          conn,
          "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = $1 AND n.nspname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
          [name, schema],
        )
      : await queryAll(
          conn,
          "SELECT 1 FROM pg_catalog.pg_class c WHERE c.relname = $1 AND pg_catalog.pg_table_is_visible(c.oid) AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
          [name],
        );
    return rows.length > 0;
  }

  /**
   * `CREATE TYPE … AS ENUM (…)` for the named ENUM types of a table, run by `meta.createAll`
   * before its CREATE TABLE: each type once per createAll, and with `checkfirst` only when it
   * does not exist yet (SQLAlchemy's ENUM `_on_table_create` / `_on_metadata_create`).
   */
  async preCreateTable(table: Table, ctx: SchemaHookContext): Promise<ClauseElement[]> {
    const out: ClauseElement[] = [];
    for (const type of namedEnumTypes(table)) {
      const key = enumKey(type);
      if (ctx.memo.has(key)) continue;
      ctx.memo.add(key);
      if (ctx.checkfirst && (await hasType(ctx, type))) continue;
      out.push(new CreateEnumType(type));
    }
    return out;
  }

  /**
   * `DROP TYPE` for the named ENUM types of a table, run by `meta.dropAll` after the tables are
   * dropped: each type once per dropAll, and with `checkfirst` only when it exists.
   */
  async postDropTable(table: Table, ctx: SchemaHookContext): Promise<ClauseElement[]> {
    const out: ClauseElement[] = [];
    for (const type of namedEnumTypes(table)) {
      const key = enumKey(type);
      if (ctx.memo.has(key)) continue;
      ctx.memo.add(key);
      if (ctx.checkfirst && !(await hasType(ctx, type))) continue;
      out.push(new DropEnumType(type));
    }
    return out;
  }
}

const HAS_TYPE =
  "SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = :typname AND ";

/** Whether a type exists (in its schema, or visible on the search path), as SQLAlchemy's `has_type`. */
function hasType(ctx: SchemaHookContext, type: EnumType): Promise<boolean> {
  return type.schema
    ? ctx.exists(text(`${HAS_TYPE}n.nspname = :nspname`), { typname: type.name, nspname: type.schema })
    : ctx.exists(text(`${HAS_TYPE}pg_catalog.pg_type_is_visible(t.oid)`), { typname: type.name });
}

/** A runtime PostgreSQL dialect with the `$1` paramstyle pg takes. */
export function runtimeDialect(opts?: DialectOptions): PGRuntimeDialect {
  return new PGRuntimeDialect({ paramstyle: "numeric_dollar", ...opts });
}
