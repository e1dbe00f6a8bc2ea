/**
 * `op`: Alembic's migration directives, each compiled by the dialect's DDL compiler and run
 * through the context's `execute`, so online and offline (`--sql`) produce the same SQL.
 */

import type { Connection } from "../../engine/connection.js";
import { ArgumentError, CompileError } from "../../exc.js";
import type { ClauseElement } from "../../sql/base.js";
import {
  AddConstraint,
  CreateIndex,
  CreateTable,
  type DDLElement,
  DropConstraint,
  DropIndex,
  DropTable,
  DropTableComment,
  SetTableComment,
} from "../../sql/ddl/ddl-elements.js";
import { Column } from "../../sql/schema/column.js";
import type { Constraint } from "../../sql/schema/constraints.js";
import { MetaData } from "../../sql/schema/metadata.js";
import { constraintName } from "../../sql/schema/naming.js";
import { Table, type TableArg } from "../../sql/schema/table.js";
import type { TableClause } from "../../sql/selectable/table-clause.js";
import type { TypeArg } from "../../sql/types/type-engine.js";
import type { MigrationContextLike } from "../context-like.js";
import { alterColumnStatements } from "./alter-column.js";
import type { BatchAlterTableOptions, BatchOperations } from "./batch/batch-operations.js";
import { runBatch } from "./batch/run-batch.js";
import { bulkInsert } from "./bulk-insert.js";
import { ColumnComment } from "./ddl/alter-column-ddl.js";
import { dialectFamily } from "./ddl/base.js";
import { AddColumn, DropColumn, RenameTable } from "./ddl/column-ddl.js";
import { DropNamedConstraint } from "./ddl/constraint-ddl.js";
import { ensureForeignKeyTargets } from "./fk-targets.js";
import { InlineLiteral } from "./inline-literal.js";
import type {
  AddColumnOptions,
  AlterColumnOptions,
  BulkInsertOptions,
  CreateIndexOptions,
  DropColumnOptions,
  DropConstraintOptions,
  DropIndexOptions,
  DropTableOptions,
  ForeignKeyOpOptions,
  SchemaOption,
  TableCommentOptions,
  UniqueConstraintOptions,
} from "./options.js";
import * as so from "./schema-objects.js";
import { afterDropTable, beforeCreateTable } from "./table-hooks.js";

/**
 * The `op` object a revision's `upgrade(op)` / `downgrade(op)` receives.
 * @example
 * const op = new Operations(ctx);
 * await op.addColumn("account", new sa.Column("email", sa.String(100)));
 * await op.alterColumn("account", "email", { nullable: false, existingType: sa.String(100) });
 */
export class Operations {
  /** Names given through `op.f()`: final, no naming convention rewrites them. */
  private readonly finalNames = new Set<string>();

  constructor(readonly ctx: MigrationContextLike) {}

  /**
   * The MetaData the op's stub tables live in: it carries the target metadata's naming
   * convention (Alembic's `schemaobj.metadata()`), unless `name` came through `op.f()`.
   */
  protected metadataFor(name?: string | null): MetaData {
    const convention = this.ctx.namingConvention;
    if (!convention || (name && this.finalNames.has(name))) return new MetaData();
    return new MetaData({ namingConvention: convention });
  }

  /**
   * Adds an operation of your own as `op.<name>(...)` (Alembic's `register_operation` with its
   * `implementation_for`). Declare it on the `Operations` interface for the types; autogenerate
   * renders it from a `custom` op.
   * @example
   * Operations.registerOperation("createSequence", async (op, name: string) => {
   *   await op.execute(`CREATE SEQUENCE ${name}`);
   * });
   * declare module "alkahest/migrate" { interface Operations { createSequence(name: string): Promise<void> } }
   */
  static registerOperation<A extends unknown[]>(
    name: string,
    impl: (op: Operations, ...args: A) => Promise<void>,
  ): void {
    if (!/^[A-Za-z_$][\w$]*$/.test(name))
      throw new ArgumentError(`Operation name ${JSON.stringify(name)} is not an identifier`);
    if (name in Operations.prototype)
      throw new ArgumentError(`Operation ${JSON.stringify(name)} already exists on Operations`);
    Object.defineProperty(Operations.prototype, name, {
      configurable: true,
      writable: true,
      value(this: Operations, ...args: A) {
        return impl(this, ...args);
      },
    });
  }

  /** Runs statements in order through the context (online: execute; offline: write). */
  protected async run(stmts: readonly DDLElement[]): Promise<void> {
    for (const s of stmts) await this.ctx.execute(s);
  }

  private get family() {
    return dialectFamily(this.ctx.dialect);
  }

  /** SQLite has no ALTER for constraints: Alembic's NotImplementedError, pointing at batch mode. */
  private noSqliteAlter(what: string, table: string): void {
    if (this.family === "sqlite") {
      throw new CompileError(
        `No support for ALTER of constraints in SQLite dialect (cannot ${what}). Please refer to the batch mode feature which allows for SQLite migrations using a copy-and-move strategy: op.batchAlterTable("${table}", …)`,
      );
    }
  }

  /**
   * CREATE TABLE (with its indexes and, where comments are separate statements, its comments);
   * returns the Table, for `bulkInsert`.
   * @example
   * const t = await op.createTable("account", new sa.Column("id", sa.Integer, { primaryKey: true }));
   */
  async createTable(name: string, ...args: TableArg[]): Promise<Table> {
    const t = new Table(name, this.metadataFor(), ...args);
    ensureForeignKeyTargets(t);
    // Alembic's order: the table, its indexes, then the (non-empty) comments
    const stmts: DDLElement[] = [new CreateTable(t)];
    for (const ix of t.indexes) stmts.push(new CreateIndex(ix));
    const d = this.ctx.dialect;
    if (d.supportsComments && !d.inlineComments) {
      if (t.comment) stmts.push(new SetTableComment(t));
      for (const c of t.columnList) {
        if (c.comment) stmts.push(new ColumnComment(t.name, c.name, c.comment, t.schema));
      }
    }
    for (const s of await beforeCreateTable(this.ctx, t)) await this.ctx.execute(s);
    await this.run(stmts);
    return t;
  }

  /**
   * DROP TABLE. Columns given before the options are not needed for the DROP; their types say
   * what the dialect drops afterwards, as `meta.dropAll` does (PostgreSQL: `DROP TYPE` of a named
   * `sa.Enum`). Alembic's `drop_table` takes no columns, so it leaves such a type behind;
   * autogenerate passes the columns whose type the matching `createTable` created.
   * @example
   * await op.dropTable("account");
   * await op.dropTable("pet", new sa.Column("mood", sa.Enum("sad", "ok", { name: "mood" }))); // DROP TABLE pet; DROP TYPE mood
   */
  async dropTable(name: string, ...args: (Column | DropTableOptions)[]): Promise<void> {
    const last = args[args.length - 1];
    const opts: DropTableOptions = last && !(last instanceof Column) ? (args.pop() as DropTableOptions) : {};
    const t = so.tableOf(name, opts.schema ?? null, args as Column[]);
    await this.run([new DropTable(t, { ifExists: opts.ifExists })]);
    for (const s of await afterDropTable(this.ctx, t)) await this.ctx.execute(s);
  }

  /**
   * ALTER TABLE … RENAME TO.
   * @example
   * await op.renameTable("account", "customer");
   */
  async renameTable(oldName: string, newName: string, opts: SchemaOption = {}): Promise<void> {
    await this.run([new RenameTable(oldName, newName, opts.schema ?? null)]);
  }

  /**
   * ALTER TABLE … ADD COLUMN, then the column's foreign keys, unique constraint, index and
   * comment where they are separate statements (SQLite takes a foreign key inline).
   * @example
   * await op.addColumn("account", new sa.Column("email", sa.String(100), { index: true }));
   */
  async addColumn(table: string, column: Column, opts: AddColumnOptions = {}): Promise<void> {
    const t = so.tableOf(table, opts.schema ?? null, [column], this.metadataFor());
    ensureForeignKeyTargets(t);
    const col = t.columnList[0];
    const stmts: DDLElement[] = [new AddColumn(table, col, t.schema, opts.ifNotExists)];
    const sqlite = this.family === "sqlite";
    for (const c of t.sortedConstraints) {
      if (c === t.primaryKey || c._typeBound) continue;
      if (sqlite && c.kind === "foreign_key") continue;
      if (sqlite) this.noSqliteAlter(`add a ${c.kind} constraint with column '${col.name}'`, table);
      stmts.push(new AddConstraint(c));
    }
    for (const ix of t.indexes) stmts.push(new CreateIndex(ix));
    const d = this.ctx.dialect;
    if (col.comment && d.supportsComments && !d.inlineComments && this.family !== "mysql") {
      stmts.push(new ColumnComment(table, col.name, col.comment, t.schema));
    }
    await this.run(stmts);
  }

  /**
   * ALTER TABLE … DROP COLUMN (SQLite 3.35+).
   * @example
   * await op.dropColumn("account", "email");
   */
  async dropColumn(table: string, column: string, opts: DropColumnOptions = {}): Promise<void> {
    await this.run([new DropColumn(table, column, opts.schema ?? null, opts.ifExists)]);
  }

  /**
   * Changes a column's nullability, type, server default, comment or name. MySQL needs the
   * `existing*` options to restate what does not change.
   * @example
   * await op.alterColumn("account", "name", { type: sa.String(100), existingNullable: false });
   */
  async alterColumn(table: string, column: string, opts: AlterColumnOptions = {}): Promise<void> {
    await this.run(alterColumnStatements(this.ctx.dialect, table, column, opts));
  }

  /**
   * CREATE INDEX; plain names are columns, other strings SQL expressions.
   * @example
   * await op.createIndex("ix_account_email", "account", ["email"], { unique: true });
   */
  async createIndex(
    name: string | null,
    table: string,
    columns: readonly (string | ClauseElement)[],
    opts: CreateIndexOptions = {},
  ): Promise<void> {
    const { schema = null, ifNotExists, ...ixOpts } = opts;
    const ix = so.index(name, table, columns, schema, ixOpts, this.metadataFor(name));
    await this.run([new CreateIndex(ix, { ifNotExists })]);
  }

  /**
   * DROP INDEX (MySQL needs the table).
   * @example
   * await op.dropIndex("ix_account_email", "account");
   */
  async dropIndex(name: string, table?: string, opts: DropIndexOptions = {}): Promise<void> {
    const { schema = null, ifExists, ...ixOpts } = opts;
    if (table === undefined && this.family === "mysql") {
      throw new ArgumentError(`MySQL's DROP INDEX needs the table: op.dropIndex("${name}", "<table>")`);
    }
    const ix = so.index(name, table ?? "_unknown_", [], schema, ixOpts, this.metadataFor(name));
    await this.run([new DropIndex(ix, { ifExists })]);
  }

  /**
   * ALTER TABLE … ADD CONSTRAINT name UNIQUE (…).
   * @example
   * await op.createUniqueConstraint("uq_account_email", "account", ["email"]);
   */
  async createUniqueConstraint(
    name: string | null,
    table: string,
    columns: readonly string[],
    opts: UniqueConstraintOptions = {},
  ): Promise<void> {
    this.noSqliteAlter("add a unique constraint", table);
    const { schema = null, ...rest } = opts;
    await this.run([
      new AddConstraint(so.uniqueConstraint(name, table, columns, schema, rest, this.metadataFor(name))),
    ]);
  }

  /**
   * ALTER TABLE … ADD CONSTRAINT name PRIMARY KEY (…).
   * @example
   * await op.createPrimaryKey("pk_account", "account", ["id"]);
   */
  async createPrimaryKey(
    name: string | null,
    table: string,
    columns: readonly string[],
    opts: SchemaOption = {},
  ): Promise<void> {
    this.noSqliteAlter("add a primary key", table);
    await this.run([
      new AddConstraint(so.primaryKey(name, table, columns, opts.schema ?? null, this.metadataFor(name))),
    ]);
  }

  /**
   * ALTER TABLE … ADD CONSTRAINT name FOREIGN KEY (…) REFERENCES referent (…).
   * @example
   * await op.createForeignKey("fk_order_account", "order", "account", ["account_id"], ["id"], { ondelete: "CASCADE" });
   */
  async createForeignKey(
    name: string | null,
    source: string,
    referent: string,
    localCols: readonly string[],
    remoteCols: readonly string[],
    opts: ForeignKeyOpOptions = {},
  ): Promise<void> {
    this.noSqliteAlter("add a foreign key", source);
    await this.run([
      new AddConstraint(
        so.foreignKey(name, source, referent, localCols, remoteCols, opts, this.metadataFor(name)),
      ),
    ]);
  }

  /**
   * ALTER TABLE … ADD CONSTRAINT name CHECK (…).
   * @example
   * await op.createCheckConstraint("ck_qty", "item", "qty > 0");
   */
  async createCheckConstraint(
    name: string | null,
    table: string,
    condition: string | ClauseElement,
    opts: SchemaOption = {},
  ): Promise<void> {
    this.noSqliteAlter("add a check constraint", table);
    await this.run([
      new AddConstraint(
        so.checkConstraint(name, table, condition, opts.schema ?? null, {}, this.metadataFor(name)),
      ),
    ]);
  }

  /**
   * ALTER TABLE … DROP CONSTRAINT (MySQL: DROP FOREIGN KEY / INDEX / CHECK, so it needs `type`).
   * @example
   * await op.dropConstraint("fk_order_account", "order", { type: "foreignkey" });
   */
  async dropConstraint(name: string, table: string, opts: DropConstraintOptions = {}): Promise<void> {
    this.noSqliteAlter("drop a constraint", table);
    if (this.family === "mysql" && opts.type === undefined) {
      throw new ArgumentError(
        `No generic 'DROP CONSTRAINT' in MySQL - please specify constraint type: op.dropConstraint("${name}", "${table}", { type: "foreignkey" | "unique" | "check" | "primary" })`,
      );
    }
    const constraint = so.namedConstraint(
      name,
      table,
      opts.type,
      opts.schema ?? null,
      this.metadataFor(name),
    );
    this.requireConstraintName(constraint, table, opts.type);
    if (this.family === "mysql" && opts.type === "check") {
      await this.run([
        new DropNamedConstraint(table, constraintName(constraint) ?? name, opts.schema ?? null),
      ]);
      return;
    }
    await this.run([new DropConstraint(constraint, { ifExists: opts.ifExists })]);
  }

  /**
   * A constraint is dropped by its name. MySQL spells the drop per kind (DROP INDEX / FOREIGN
   * KEY / CHECK) and would send the statement without one, so the generic compiler's refusal is
   * made here for every backend, before anything runs; only MySQL's DROP PRIMARY KEY needs none.
   */
  private requireConstraintName(c: Constraint, table: string, type: DropConstraintOptions["type"]): void {
    if (c.name || (this.family === "mysql" && type === "primary")) return;
    throw new CompileError(
      `Can't emit DROP CONSTRAINT for a ${c.kind} constraint of table '${table}'; it has no name`,
    );
  }

  /**
   * COMMENT ON TABLE (MySQL: ALTER TABLE … COMMENT); nothing on SQLite, which has no comments.
   * @example
   * await op.createTableComment("account", "customer accounts");
   */
  async createTableComment(table: string, comment: string, opts: TableCommentOptions = {}): Promise<void> {
    if (!this.ctx.dialect.supportsComments) return;
    const t = new Table(table, new MetaData(), { schema: opts.schema ?? null, comment });
    await this.run([new SetTableComment(t)]);
  }

  /**
   * Removes a table's comment.
   * @example
   * await op.dropTableComment("account");
   */
  async dropTableComment(table: string, opts: TableCommentOptions = {}): Promise<void> {
    if (!this.ctx.dialect.supportsComments) return;
    await this.run([new DropTableComment(so.stubTable(table, opts.schema ?? null, []))]);
  }

  /**
   * Runs SQL text or a construct, with bind params (a list of sets runs an executemany);
   * offline the params are written as literals, one statement per set.
   * @example
   * await op.execute("UPDATE account SET active = true");
   * await op.execute(sa.text("UPDATE account SET tier = :tier WHERE id = :id"), { tier: "gold", id: 1 });
   */
  async execute(
    sql: string | ClauseElement,
    params?: Record<string, unknown> | readonly Record<string, unknown>[],
  ): Promise<void> {
    await this.ctx.execute(sql, params);
  }

  /**
   * Inserts rows: online one executemany, offline a literal INSERT per row.
   * @example
   * await op.bulkInsert(accounts, [{ id: 1, name: "a" }, { id: 2, name: "b" }]);
   */
  async bulkInsert(
    table: TableClause,
    rows: readonly Record<string, unknown>[],
    opts: BulkInsertOptions = {},
  ): Promise<void> {
    await bulkInsert(this.ctx, table, rows, opts);
  }

  /**
   * Alters a table in a batch: plain ALTERs where they work, SQLite's move-and-copy rebuild
   * (new table, copy, drop, rename, indexes) where they do not.
   * @example
   * await op.batchAlterTable("account", async (batch) => {
   *   await batch.alterColumn("name", { nullable: false });
   *   await batch.dropColumn("legacy");
   * });
   */
  async batchAlterTable(
    table: string,
    fn: (batch: BatchOperations) => Promise<void>,
    opts: BatchAlterTableOptions = {},
  ): Promise<void> {
    await runBatch(this, table, fn, opts);
  }

  /**
   * The live connection (null offline).
   * @example
   * const conn = op.getBind();
   */
  getBind(): Connection | null {
    return this.ctx.connection;
  }

  /**
   * The migration context (for `autocommitBlock`).
   * @example
   * await op.getContext().autocommitBlock(async () => op.execute("CREATE INDEX CONCURRENTLY …"));
   */
  getContext(): MigrationContextLike {
    return this.ctx;
  }

  /**
   * A value rendered inline as a SQL literal, online as well as offline (for data migrations
   * that must read the same in `--sql` output).
   * @example
   * await op.execute(sa.update(t).values({ status: op.inlineLiteral("done") }));
   */
  inlineLiteral<T>(value: T, type?: TypeArg): InlineLiteral<T> {
    return new InlineLiteral(value, type);
  }

  /**
   * A constraint or index name that is already final: the target metadata's naming convention
   * (which names what ops create, as in Alembic) does not rewrite it.
   * @example
   * await op.createUniqueConstraint(op.f("uq_account_email"), "account", ["email"]);
   */
  f(name: string): string {
    this.finalNames.add(name);
    return name;
  }
}
