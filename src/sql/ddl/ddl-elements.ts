import { CompileError } from "../../exc.js";
import type { CacheKeyBuilder } from "../base.js";
import { ClauseElement } from "../base.js";
import type { DDLCompiler } from "../compiler/ddl-compiler.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { Column } from "../schema/column.js";
import type { Constraint, ForeignKeyConstraint, Index } from "../schema/constraints.js";
import type { Sequence } from "../schema/defaults.js";
import type { Table } from "../schema/table.js";

/**
 * Base of DDL statements; they compile with the dialect's DDL compiler.
 * @example
 * new sa.CreateTable(users).compile({ dialect: sqlite.dialect() }).string;
 */
export abstract class DDLElement extends ClauseElement {
  readonly isDDL = true;
  _cacheKey(k: CacheKeyBuilder): void {
    k.noCache = true;
  }
  /** The DDL compiler; a DDL element inside a statement has no DDL to render into. */
  protected ddl(c: SQLCompiler): DDLCompiler {
    if (!("visitCreateTable" in c)) {
      throw new CompileError(`${this.constructor.name} can only be compiled on its own, as a DDL statement`);
    }
    return c as DDLCompiler;
  }
}

/**
 * `CREATE TABLE`.
 * @example
 * String(new sa.CreateTable(users).compile({ dialect: postgresql.dialect() }));
 */
export class CreateTable extends DDLElement {
  readonly visitName = "create_table";
  readonly ifNotExists: boolean;
  /** FK constraints to render inline; all of them when undefined */
  readonly includeForeignKeyConstraints: readonly ForeignKeyConstraint[] | undefined;
  constructor(
    readonly table: Table,
    opts: { ifNotExists?: boolean; includeForeignKeyConstraints?: readonly ForeignKeyConstraint[] } = {},
  ) {
    super();
    this.ifNotExists = opts.ifNotExists ?? false;
    this.includeForeignKeyConstraints = opts.includeForeignKeyConstraints;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitCreateTable(this, kw);
  }
}

/**
 * `DROP TABLE [IF EXISTS]`
 * @example
 * new sa.DropTable(users, { ifExists: true });
 */
export class DropTable extends DDLElement {
  readonly visitName = "drop_table";
  readonly ifExists: boolean;
  constructor(
    readonly table: Table,
    opts: { ifExists?: boolean } = {},
  ) {
    super();
    this.ifExists = opts.ifExists ?? false;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitDropTable(this, kw);
  }
}

/**
 * `CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (...)`
 * @example
 * new sa.CreateIndex(new sa.Index("ix_users_name", users.c.name), { ifNotExists: true });
 */
export class CreateIndex extends DDLElement {
  readonly visitName = "create_index";
  readonly ifNotExists: boolean;
  constructor(
    readonly index: Index,
    opts: { ifNotExists?: boolean } = {},
  ) {
    super();
    this.ifNotExists = opts.ifNotExists ?? false;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitCreateIndex(this, kw);
  }
}

/**
 * `DROP INDEX [IF EXISTS]` (MySQL adds `ON table`)
 * @example
 * new sa.DropIndex(ix, { ifExists: true });
 */
export class DropIndex extends DDLElement {
  readonly visitName = "drop_index";
  readonly ifExists: boolean;
  constructor(
    readonly index: Index,
    opts: { ifExists?: boolean } = {},
  ) {
    super();
    this.ifExists = opts.ifExists ?? false;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitDropIndex(this, kw);
  }
}

/**
 * `ALTER TABLE t ADD CONSTRAINT …`
 * @example
 * new sa.AddConstraint(new sa.UniqueConstraint(users.c.name, { name: "uq_name" }));
 */
export class AddConstraint extends DDLElement {
  readonly visitName = "add_constraint";
  constructor(readonly constraint: Constraint) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitAddConstraint(this, kw);
  }
}

/**
 * `ALTER TABLE t DROP CONSTRAINT name` (MySQL: `DROP FOREIGN KEY`, `DROP INDEX`, …)
 * @example
 * new sa.DropConstraint(uq, { ifExists: true, cascade: true });
 */
export class DropConstraint extends DDLElement {
  readonly visitName = "drop_constraint";
  constructor(
    readonly constraint: Constraint,
    readonly opts: { cascade?: boolean; ifExists?: boolean } = {},
  ) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitDropConstraint(this, kw);
  }
}

/**
 * `CREATE SEQUENCE [IF NOT EXISTS] name [options]`
 * @example
 * new sa.CreateSequence(new sa.Sequence("id_seq", { start: 100 }));
 */
export class CreateSequence extends DDLElement {
  readonly visitName = "create_sequence";
  constructor(
    readonly sequence: Sequence,
    readonly opts: { ifNotExists?: boolean } = {},
  ) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitCreateSequence(this, kw);
  }
}

/**
 * `DROP SEQUENCE [IF EXISTS] name`
 * @example
 * new sa.DropSequence(new sa.Sequence("id_seq"), { ifExists: true });
 */
export class DropSequence extends DDLElement {
  readonly visitName = "drop_sequence";
  constructor(
    readonly sequence: Sequence,
    readonly opts: { ifExists?: boolean } = {},
  ) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitDropSequence(this, kw);
  }
}

/**
 * `CREATE SCHEMA [IF NOT EXISTS] name`
 * @example
 * new sa.CreateSchema("audit", { ifNotExists: true });
 */
export class CreateSchema extends DDLElement {
  readonly visitName = "create_schema";
  constructor(
    readonly name: string,
    readonly opts: { ifNotExists?: boolean } = {},
  ) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitCreateSchema(this, kw);
  }
}

/**
 * `DROP SCHEMA [IF EXISTS] name [CASCADE]`
 * @example
 * new sa.DropSchema("audit", { cascade: true });
 */
export class DropSchema extends DDLElement {
  readonly visitName = "drop_schema";
  constructor(
    readonly name: string,
    readonly opts: { ifExists?: boolean; cascade?: boolean } = {},
  ) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitDropSchema(this, kw);
  }
}

/**
 * `COMMENT ON TABLE t IS '…'` (MySQL: `ALTER TABLE t COMMENT '…'`), from the table's `comment`
 * @example
 * new sa.SetTableComment(users);
 */
export class SetTableComment extends DDLElement {
  readonly visitName = "set_table_comment";
  constructor(readonly table: Table) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitSetTableComment(this, kw);
  }
}

/**
 * `COMMENT ON TABLE t IS NULL` (MySQL: `ALTER TABLE t COMMENT ''`)
 * @example
 * new sa.DropTableComment(users);
 */
export class DropTableComment extends DDLElement {
  readonly visitName = "drop_table_comment";
  constructor(readonly table: Table) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitDropTableComment(this, kw);
  }
}

/**
 * `COMMENT ON COLUMN t.c IS '…'`, from the column's `comment`
 * @example
 * new sa.SetColumnComment(users.c.name);
 */
export class SetColumnComment extends DDLElement {
  readonly visitName = "set_column_comment";
  constructor(readonly column: Column) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitSetColumnComment(this, kw);
  }
}

/**
 * `COMMENT ON COLUMN t.c IS NULL`
 * @example
 * new sa.DropColumnComment(users.c.name);
 */
export class DropColumnComment extends DDLElement {
  readonly visitName = "drop_column_comment";
  constructor(readonly column: Column) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.ddl(c).visitDropColumnComment(this, kw);
  }
}

/**
 * Literal DDL text, executed as is.
 * @example
 * new sa.DDL("VACUUM");
 */
export class DDL extends DDLElement {
  readonly visitName = "ddl";
  constructor(readonly statement: string) {
    super();
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    return c.postProcessText(this.statement);
  }
}
