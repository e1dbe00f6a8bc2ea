import { CompileError } from "../../exc.js";
import type { ClauseElement } from "../../sql/base.js";
import { DDLCompiler } from "../../sql/compiler/ddl-compiler.js";
import type { CompileKw } from "../../sql/compiler/sql-compiler.js";
import type { CreateIndex, CreateSequence, DropIndex } from "../../sql/ddl/ddl-elements.js";
import { IDX_USING, validateSqlPhrase } from "../../sql/ddl/sql-phrases.js";
import { ColumnClause } from "../../sql/elements/column-clause.js";
import type { Column } from "../../sql/schema/column.js";
import type { Index, UniqueConstraint } from "../../sql/schema/constraints.js";
import type { Table } from "../../sql/schema/table.js";
import { toType } from "../../sql/types/type-engine.js";

/**
 * PostgreSQL DDL: SERIAL/BIGSERIAL/SMALLSERIAL for autoincrement integer keys, IDENTITY,
 * always-STORED computed columns, index USING/INCLUDE/WHERE/WITH, table INHERITS/PARTITION BY.
 * @example
 * new sa.CreateTable(t).compile({ dialect: postgresql.dialect() }).string;
 */
export class PGDDLCompiler extends DDLCompiler {
  override columnSpecification(col: Column, _firstPk = false): string | null {
    const table = col.table as Table;
    const hasIdentity = col.identity !== undefined && this.dialect.supportsIdentityColumns;
    let spec = this.formatColumn(col);
    if (
      col.primaryKey &&
      col === table.autoincrementColumn &&
      !hasIdentity &&
      col.default === undefined &&
      (!col.sequence || col.sequence.opts.optional === true)
    ) {
      const v = col.type.visitName;
      spec += v === "big_integer" ? " BIGSERIAL" : v === "small_integer" ? " SMALLSERIAL" : " SERIAL";
    } else {
      spec += ` ${this.dialect.typeCompiler.process(col.type)}`;
      const def = this.columnDefaultString(col);
      if (def !== null) spec += ` DEFAULT ${def}`;
    }
    if (col.computed) spec += ` ${this.computedSql(col)}`;
    if (hasIdentity) spec += ` ${this.identitySql(col)}`;
    if (!col.nullable && !hasIdentity) spec += " NOT NULL";
    else if (col.nullable && hasIdentity) spec += " NULL";
    return spec;
  }

  /** PostgreSQL only has stored generated columns. */
  protected override computedSql(col: Column): string {
    const c = col.computed!;
    if (c.opts.persisted === false) {
      throw new CompileError(
        "PostrgreSQL computed columns do not support 'virtual' persistence; set the 'persisted' flag to None or True for PostgreSQL support.",
      );
    }
    return `GENERATED ALWAYS AS (${this.ddlExpr(c.sqltext)}) STORED`;
  }

  protected override uniqueConstraintDistinct(uc: UniqueConstraint): string {
    const nnd = uc.opts.postgresqlNullsNotDistinct;
    if (nnd === true) return "NULLS NOT DISTINCT ";
    if (nnd === false) return "NULLS DISTINCT ";
    return "";
  }

  override visitCreateIndex(ci: CreateIndex, _kw: CompileKw): string {
    const ix = ci.index;
    const o = ix.opts;
    const t = this.indexTable(ix);
    let text = `CREATE ${ix.unique ? "UNIQUE " : ""}INDEX `;
    if (o.postgresqlConcurrently) text += "CONCURRENTLY ";
    if (ci.ifNotExists) text += "IF NOT EXISTS ";
    text += `${this.preparedIndexName(ix, false)} ON ${this.formatTable(t)} `;
    const using = o.postgresqlUsing as string | undefined;
    if (using) text += `USING ${validateSqlPhrase(using, IDX_USING).toLowerCase()} `;
    text += `(${this.indexExpressions(ix)})`;
    const include = o.postgresqlInclude as (string | Column)[] | undefined;
    if (include?.length) {
      text += ` INCLUDE (${include.map((c) => this.quote(typeof c === "string" ? c : c.name)).join(", ")})`;
    }
    if (o.postgresqlNullsNotDistinct === true) text += " NULLS NOT DISTINCT";
    else if (o.postgresqlNullsNotDistinct === false) text += " NULLS DISTINCT";
    const withOpts = o.postgresqlWith as Record<string, unknown> | undefined;
    if (withOpts && Object.keys(withOpts).length) {
      text += ` WITH (${Object.entries(withOpts)
        .map(([k, v]) => `${k} = ${String(v)}`)
        .join(", ")})`;
    }
    const tablespace = o.postgresqlTablespace as string | undefined;
    if (tablespace) text += ` TABLESPACE ${this.quote(tablespace)}`;
    const where = o.postgresqlWhere as ClauseElement | undefined;
    if (where !== undefined) text += ` WHERE ${this.ddlExpr(where)}`;
    return text;
  }

  /** Expressions are grouped (`((x + 5))`), columns get their `postgresqlOps` operator class. */
  protected override indexExpressions(ix: Index): string {
    const ops = (ix.opts.postgresqlOps ?? {}) as Record<string, string>;
    return ix.expressions
      .map((e) => {
        const sql = this.ddlExpr(e instanceof ColumnClause ? e : e.selfGroup());
        const key = e instanceof ColumnClause ? e.key : undefined;
        return key !== undefined && ops[key] !== undefined ? `${sql} ${ops[key]}` : sql;
      })
      .join(", ");
  }

  override visitDropIndex(di: DropIndex, _kw: CompileKw): string {
    let text = "\nDROP INDEX ";
    if (di.index.opts.postgresqlConcurrently) text += "CONCURRENTLY ";
    if (di.ifExists) text += "IF EXISTS ";
    return text + this.preparedIndexName(di.index, true);
  }

  protected override postCreateTable(t: Table): string {
    const o = t.dialectOptions;
    let text = "";
    const inherits = o.postgresqlInherits as string | string[] | undefined;
    if (inherits !== undefined) {
      const names = Array.isArray(inherits) ? inherits : [inherits];
      text += `\n INHERITS ( ${names.map((n) => this.quote(n)).join(", ")} )`;
    }
    if (o.postgresqlPartitionBy) text += `\n PARTITION BY ${String(o.postgresqlPartitionBy)}`;
    if (o.postgresqlUsing) text += `\n USING ${String(o.postgresqlUsing)}`;
    if (o.postgresqlWithOids === true) text += "\n WITH OIDS";
    else if (o.postgresqlWithOids === false) text += "\n WITHOUT OIDS";
    if (o.postgresqlOnCommit) {
      text += `\n ON COMMIT ${String(o.postgresqlOnCommit).replaceAll("_", " ").toUpperCase()}`;
    }
    if (o.postgresqlTablespace) text += `\n TABLESPACE ${this.quote(String(o.postgresqlTablespace))}`;
    return text;
  }

  protected override createSequencePrefix(cs: CreateSequence): string {
    const dt = cs.sequence.opts.dataType;
    return dt === undefined ? "" : ` AS ${this.dialect.typeCompiler.process(toType(dt))}`;
  }
}
