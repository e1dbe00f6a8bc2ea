/**
 * The `batch` object of `op.batchAlterTable(table, async (batch) => …)`: the same directives as
 * `op`, without the table argument, recorded and applied when the callback returns.
 */
import type { ClauseElement } from "../../../sql/base.js";
import type { Column } from "../../../sql/schema/column.js";
import type { NamingConvention } from "../../../sql/schema/metadata.js";
import type { Table } from "../../../sql/schema/table.js";
import type {
  AlterColumnOptions,
  CreateIndexOptions,
  DropConstraintOptions,
  DropIndexOptions,
  ForeignKeyOpOptions,
  UniqueConstraintOptions,
} from "../options.js";

/** One recorded batch directive. */
export type BatchOp =
  | { kind: "addColumn"; column: Column; opts: BatchAddColumnOptions }
  | { kind: "dropColumn"; name: string }
  | { kind: "alterColumn"; name: string; opts: AlterColumnOptions }
  | {
      kind: "createIndex";
      name: string | null;
      columns: (string | ClauseElement)[];
      opts: CreateIndexOptions;
    }
  | { kind: "dropIndex"; name: string; opts: DropIndexOptions }
  | { kind: "createUniqueConstraint"; name: string | null; columns: string[]; opts: UniqueConstraintOptions }
  | { kind: "createPrimaryKey"; name: string | null; columns: string[] }
  | {
      kind: "createForeignKey";
      name: string | null;
      referent: string;
      localCols: string[];
      remoteCols: string[];
      opts: ForeignKeyOpOptions;
    }
  | { kind: "createCheckConstraint"; name: string | null; condition: string | ClauseElement }
  | { kind: "dropConstraint"; name: string; opts: DropConstraintOptions };

/** `batch.addColumn(column, { insertBefore, insertAfter })`: where the column goes in a rebuild. */
export interface BatchAddColumnOptions {
  insertBefore?: string;
  insertAfter?: string;
}

/** Options of `op.batchAlterTable`. */
export interface BatchAlterTableOptions {
  schema?: string | null;
  /** `auto` (default): rebuild on SQLite when an ALTER cannot do it; `always`; `never` */
  recreate?: "auto" | "always" | "never";
  /** the table as it is, for offline mode, where it cannot be reflected */
  copyFrom?: Table;
  /**
   * Names for the reflected table's unnamed constraints (SQLite keeps many unnamed), so that
   * `dropConstraint` can target them; the rebuilt table keeps these names.
   * @example { fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s" }
   */
  namingConvention?: NamingConvention;
}

/**
 * Records batch directives in order.
 * @example
 * await op.batchAlterTable("t", async (batch) => { await batch.dropColumn("x"); });
 */
export class BatchOperations {
  readonly ops: BatchOp[] = [];
  constructor(
    readonly tableName: string,
    readonly schema: string | null,
  ) {}

  /** @example await batch.addColumn(new sa.Column("email", sa.String(100))); */
  async addColumn(column: Column, opts: BatchAddColumnOptions = {}): Promise<void> {
    this.ops.push({ kind: "addColumn", column, opts });
  }
  /** @example await batch.dropColumn("legacy"); */
  async dropColumn(name: string): Promise<void> {
    this.ops.push({ kind: "dropColumn", name });
  }
  /** @example await batch.alterColumn("name", { nullable: false, type: sa.String(100) }); */
  async alterColumn(name: string, opts: AlterColumnOptions = {}): Promise<void> {
    this.ops.push({ kind: "alterColumn", name, opts });
  }
  /** @example await batch.createIndex("ix_t_email", ["email"]); */
  async createIndex(
    name: string | null,
    columns: readonly (string | ClauseElement)[],
    opts: CreateIndexOptions = {},
  ): Promise<void> {
    this.ops.push({ kind: "createIndex", name, columns: [...columns], opts });
  }
  /** @example await batch.dropIndex("ix_t_email"); */
  async dropIndex(name: string, opts: DropIndexOptions = {}): Promise<void> {
    this.ops.push({ kind: "dropIndex", name, opts });
  }
  /** @example await batch.createUniqueConstraint("uq_t_email", ["email"]); */
  async createUniqueConstraint(
    name: string | null,
    columns: readonly string[],
    opts: UniqueConstraintOptions = {},
  ): Promise<void> {
    this.ops.push({ kind: "createUniqueConstraint", name, columns: [...columns], opts });
  }
  /** @example await batch.createPrimaryKey("pk_t", ["id"]); */
  async createPrimaryKey(name: string | null, columns: readonly string[]): Promise<void> {
    this.ops.push({ kind: "createPrimaryKey", name, columns: [...columns] });
  }
  /** @example await batch.createForeignKey("fk_t_a", "a", ["a_id"], ["id"]); */
  async createForeignKey(
    name: string | null,
    referent: string,
    localCols: readonly string[],
    remoteCols: readonly string[],
    opts: ForeignKeyOpOptions = {},
  ): Promise<void> {
    this.ops.push({
      kind: "createForeignKey",
      name,
      referent,
      localCols: [...localCols],
      remoteCols: [...remoteCols],
      opts,
    });
  }
  /** @example await batch.createCheckConstraint("ck_qty", "qty > 0"); */
  async createCheckConstraint(name: string | null, condition: string | ClauseElement): Promise<void> {
    this.ops.push({ kind: "createCheckConstraint", name, condition });
  }
  /** @example await batch.dropConstraint("uq_t_email", { type: "unique" }); */
  async dropConstraint(name: string, opts: DropConstraintOptions = {}): Promise<void> {
    this.ops.push({ kind: "dropConstraint", name, opts });
  }
}
