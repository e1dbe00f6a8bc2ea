/**
 * PostgreSQL's part of a move-and-copy rebuild (`recreate: "always"`). Its constraint names are
 * schema-wide (a PRIMARY KEY or UNIQUE is an index of that name), so the old table's constraints
 * whose names the new table reuses are dropped first, as Alembic's
 * `PostgresqlImpl.prep_table_for_batch` does. A SERIAL column's sequence is owned by the old
 * table and would be dropped with it while the new column's default still calls it; ownership
 * moves to the new column before the drop, so numbering carries on (Alembic's rebuild makes a
 * fresh SERIAL starting at 1 instead, which collides with the copied ids).
 */
import type { CompileKw, SQLCompiler } from "../../../sql/compiler/sql-compiler.js";
import type { DDLElement } from "../../../sql/ddl/ddl-elements.js";
import { formatTableName, MigrationDDL, quoteName } from "../ddl/base.js";
import { DropNamedConstraint } from "../ddl/constraint-ddl.js";
import type { TableModel } from "./table-model.js";

/**
 * `ALTER SEQUENCE s OWNED BY t.c`; the sequence is named as the column default spells it.
 * @example
 * new SequenceOwnedBy("_alembic_tmp_t", "id", "t_id_seq", null);
 */
export class SequenceOwnedBy extends MigrationDDL {
  readonly visitName = "alembic_sequence_owned_by";
  constructor(
    tableName: string,
    readonly columnName: string,
    readonly sequence: string,
    schema: string | null,
  ) {
    super(tableName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    const owner = `${formatTableName(c, this.tableName, this.schema)}.${quoteName(c, this.columnName)}`;
    return `ALTER SEQUENCE ${this.sequence} OWNED BY ${owner}`;
  }
}

/**
 * The DROP CONSTRAINTs that free the names the new table takes.
 * @example
 * prepStatements(modelBefore, modelAfter); // [ALTER TABLE t DROP CONSTRAINT t_pkey]
 */
export function prepStatements(before: TableModel, after: TableModel): DDLElement[] {
  const reused = new Set(after.constraints.map((c) => c.name).filter((n) => n !== null));
  return before.constraints
    .filter((c) => c.name !== null && reused.has(c.name))
    .map((c) => new DropNamedConstraint(before.name, c.name!, before.schema));
}

const NEXTVAL = /^\s*nextval\('((?:[^']|'')+)'(?:::regclass)?\)\s*$/i;

/**
 * The sequence moves for the copied columns whose default is `nextval('<sequence>')`.
 * @example
 * sequenceMoves(model, "_alembic_tmp_t"); // [ALTER SEQUENCE t_id_seq OWNED BY _alembic_tmp_t.id]
 */
export function sequenceMoves(m: TableModel, newTable: string): DDLElement[] {
  const out: DDLElement[] = [];
  for (const c of m.columns) {
    const d = c.serverDefault;
    const text = typeof d === "string" ? null : (d as { text?: unknown } | undefined)?.text;
    const seq = c.source !== null && typeof text === "string" ? NEXTVAL.exec(text) : null;
    if (seq) out.push(new SequenceOwnedBy(newTable, c.name, seq[1]!.replaceAll("''", "'"), m.schema));
  }
  return out;
}
