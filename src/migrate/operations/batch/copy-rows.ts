/**
 * `INSERT INTO tmp (cols) SELECT t.a, CAST(t.b AS T) AS b FROM t`: the copy step of the
 * move-and-copy rebuild, spelled as Alembic's select of the old table renders it.
 */
import type { CompileKw, SQLCompiler } from "../../../sql/compiler/sql-compiler.js";
import { literalColumn } from "../../../sql/elements/column-clause.js";
import { Cast } from "../../../sql/elements/wrappers.js";
import type { TypeEngine } from "../../../sql/types/type-engine.js";
import { formatTableName, MigrationDDL, quoteName } from "../ddl/base.js";

/** One copied column: its new name, the old column it comes from, the type to CAST to if any. */
export interface CopiedColumn {
  target: string;
  source: string;
  castTo: TypeEngine | null;
}

/**
 * Copies rows from the old table into the new one.
 * @example
 * new CopyRows("_alembic_tmp_t", "t", [{ target: "a", source: "a", castTo: null }], null);
 */
export class CopyRows extends MigrationDDL {
  readonly visitName = "alembic_copy_rows";
  constructor(
    tableName: string,
    readonly fromTable: string,
    readonly columns: readonly CopiedColumn[],
    schema: string | null,
  ) {
    super(tableName, schema);
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    const targets = this.columns.map((x) => quoteName(c, x.target)).join(", ");
    const from = formatTableName(c, this.fromTable, this.schema);
    const sources = this.columns
      .map((x) => {
        const col = `${from}.${quoteName(c, x.source)}`;
        if (!x.castTo) return col;
        // the dialect's CAST, as SQLAlchemy spells it (MySQL casts a VARCHAR to CHAR(n))
        const cast = c.dialect
          .statementCompiler(this, {})
          .process(new Cast(literalColumn(col), x.castTo), {});
        return `${cast} AS ${quoteName(c, x.source)}`;
      })
      .join(", ");
    const into = formatTableName(c, this.tableName, this.schema);
    return `INSERT INTO ${into} (${targets}) SELECT ${sources} FROM ${from}`;
  }
}
