import { CompileError } from "../../exc.js";
import type { ClauseElement } from "../../sql/base.js";
import { DDLCompiler } from "../../sql/compiler/ddl-compiler.js";
import type { CompileKw } from "../../sql/compiler/sql-compiler.js";
import type { CreateIndex } from "../../sql/ddl/ddl-elements.js";
import type { Column } from "../../sql/schema/column.js";
import type {
  CheckConstraint,
  ForeignKeyConstraint,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "../../sql/schema/constraints.js";
import type { Table } from "../../sql/schema/table.js";

/** A default that is neither quoted nor parenthesised but has non-word characters needs `( )`. */
const NEEDS_PARENS = (def: string) => !/^\s*['"(]/.test(def) && /\W/.test(def);

/**
 * SQLite's DDL compiler: parenthesised expression defaults, `PRIMARY KEY AUTOINCREMENT` inline
 * for `sqliteAutoincrement`, `ON CONFLICT` clauses, no schema in REFERENCES and CREATE INDEX.
 * @example
 * new sa.CreateTable(t).compile({ dialect: sqlite.dialect() }).string;
 */
export class SQLiteDDLCompiler extends DDLCompiler {
  override columnSpecification(col: Column, _firstPk = false): string | null {
    const table = col.table as Table;
    let spec = `${this.formatColumn(col)} ${this.dialect.typeCompiler.process(col.type)}`;
    const def = this.columnDefaultString(col);
    if (def !== null) spec += NEEDS_PARENS(def) ? ` DEFAULT (${def})` : ` DEFAULT ${def}`;
    if (!col.nullable) {
      spec += " NOT NULL";
      spec += onConflict(col.options.sqliteOnConflictNotNull);
    }
    if (col.primaryKey) {
      if (col.autoincrement === true && table.primaryKey.columns.length !== 1) {
        throw new CompileError("SQLite does not support autoincrement for composite primary keys");
      }
      if (isInlineAutoincrement(col)) {
        spec += ` PRIMARY KEY${onConflict(col.options.sqliteOnConflictPrimaryKey)} AUTOINCREMENT`;
      }
    }
    if (col.computed) spec += ` ${this.computedSql(col)}`;
    return spec;
  }

  /** With `sqliteAutoincrement` the key is inline on its column, so there is no table constraint. */
  protected override primaryKeySql(pk: PrimaryKeyConstraint): string {
    if (pk.columns.length === 1 && pk.columns[0].primaryKey && isInlineAutoincrement(pk.columns[0])) {
      return "";
    }
    let text = super.primaryKeySql(pk);
    let clause = pk.opts.sqliteOnConflict as string | undefined;
    if (clause === undefined && pk.columns.length === 1) {
      clause = pk.columns[0].options.sqliteOnConflictPrimaryKey as string | undefined;
    }
    if (text && clause !== undefined) text += ` ON CONFLICT ${clause}`;
    return text;
  }

  protected override uniqueSql(uc: UniqueConstraint): string {
    let text = super.uniqueSql(uc);
    let clause = uc.opts.sqliteOnConflict as string | undefined;
    if (clause === undefined && uc.columns.length === 1) {
      clause = uc.columns[0].options.sqliteOnConflictUnique as string | undefined;
    }
    if (text && clause !== undefined) text += ` ON CONFLICT ${clause}`;
    return text;
  }

  protected override checkConstraintSql(c: CheckConstraint): string {
    const text = super.checkConstraintSql(c);
    const clause = c.opts.sqliteOnConflict as string | undefined;
    if (clause === undefined) return text;
    if (c.column) {
      throw new CompileError("SQLite does not support on conflict clause for column check constraint");
    }
    return `${text} ON CONFLICT ${clause}`;
  }

  /** A foreign key into another schema cannot be declared (SQLite's schemas are databases). */
  protected override foreignKeySql(fk: ForeignKeyConstraint): string {
    const local = fk.table;
    if (local && (local.schema ?? null) !== (fk.referred.schema ?? null)) return "";
    return super.foreignKeySql(fk);
  }

  protected override defineConstraintRemoteTable(_fk: ForeignKeyConstraint, table: Table): string {
    return this.formatTable(table, false);
  }

  override visitCreateIndex(ci: CreateIndex, _kw: CompileKw): string {
    const ix = ci.index;
    const t = this.indexTable(ix);
    let text = `CREATE ${ix.unique ? "UNIQUE " : ""}INDEX ${ci.ifNotExists ? "IF NOT EXISTS " : ""}`;
    text += `${this.preparedIndexName(ix, true)} ON ${this.formatTable(t, false)} (${this.indexExpressions(ix)})`;
    const where = ix.opts.sqliteWhere as ClauseElement | undefined;
    if (where !== undefined) text += ` WHERE ${this.ddlExpr(where)}`;
    return text;
  }

  protected override postCreateTable(t: Table): string {
    const options: string[] = [];
    if (t.dialectOptions.sqliteWithRowid === false) options.push("WITHOUT ROWID");
    if (t.dialectOptions.sqliteStrict) options.push("STRICT");
    return options.length ? `\n ${options.join(",\n ")}` : "";
  }
}

/** ` ON CONFLICT <clause>` when a clause is given. */
function onConflict(clause: unknown): string {
  return typeof clause === "string" ? ` ON CONFLICT ${clause}` : "";
}

/** The single integer key column of a `sqliteAutoincrement` table, which SQLite wants inline. */
function isInlineAutoincrement(col: Column): boolean {
  const table = col.table as Table | null;
  return (
    table !== null &&
    table.dialectOptions.sqliteAutoincrement === true &&
    table.primaryKey.columns.length === 1 &&
    col.type.affinity === "integer" &&
    col.foreignKeys.length === 0
  );
}
