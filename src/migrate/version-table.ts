/**
 * The version table, shaped exactly as Alembic's (`version_num VARCHAR(32) NOT NULL`, primary key
 * `<table>_pkc`) so a database Python's Alembic manages can be continued, and back.
 */
import {
  type ClauseElement,
  Column,
  CreateTable,
  delete as delete_,
  insert,
  literalColumn,
  MetaData,
  PrimaryKeyConstraint,
  String as SaString,
  select,
  Table,
  update,
} from "../sql/index.js";
import type { VersionChange } from "./script/steps.js";

/**
 * Builds the statements that read and write the version table.
 * @example
 * const vt = new VersionTable("alembic_version");
 * vt.create().compile({ dialect }).string; // CREATE TABLE alembic_version (...)
 */
export class VersionTable {
  readonly table: Table;

  constructor(
    readonly name = "alembic_version",
    readonly schema: string | null = null,
  ) {
    this.table = new Table(
      name,
      new MetaData(),
      new Column("version_num", SaString(32), { nullable: false }),
      new PrimaryKeyConstraint("version_num", { name: `${name}_pkc` }),
      schema ? { schema } : {},
    );
  }

  private get col() {
    return this.table.c.version_num!;
  }

  /** `CREATE TABLE` (with IF NOT EXISTS where racing runners may both create it). */
  create(ifNotExists = false): ClauseElement {
    return new CreateTable(this.table, { ifNotExists });
  }

  /** `SELECT version_num FROM <table>`. */
  selectHeads(): ClauseElement {
    return select(this.col);
  }

  /** `DELETE FROM <table>` (stamp --purge). */
  purge(): ClauseElement {
    return delete_(this.table);
  }

  /**
   * The statement for one bookkeeping change. The new row's value is inline SQL, as Alembic
   * writes it, so a dialect with INSERT … RETURNING returns the key as SQLAlchemy's implicit
   * returning does for a primary key given as SQL (`returning`: the dialect's `insertReturning`).
   */
  change(c: VersionChange, returning = false): ClauseElement {
    switch (c.kind) {
      case "insert": {
        const ins = insert(this.table).values({ version_num: literalColumn(`'${c.rev}'`) });
        return returning ? ins.returning(this.col) : ins;
      }
      case "update":
        return update(this.table).values({ version_num: c.to }).where(this.col.eq(c.from));
      case "delete":
        return delete_(this.table).where(this.col.eq(c.rev));
    }
  }
}
