import { CompileError } from "../../exc.js";
import type { ClauseElement } from "../../sql/base.js";
import { DDLCompiler } from "../../sql/compiler/ddl-compiler.js";
import type { CompileKw } from "../../sql/compiler/sql-compiler.js";
import type {
  CreateIndex,
  DropConstraint,
  DropIndex,
  DropTableComment,
  SetColumnComment,
  SetTableComment,
} from "../../sql/ddl/ddl-elements.js";
import { BinaryExpression, UnaryExpression } from "../../sql/elements/expressions.js";
import { FunctionElement } from "../../sql/elements/functions.js";
import { operators } from "../../sql/operators.js";
import type { Column } from "../../sql/schema/column.js";
import type { ForeignKeyConstraint, Index, PrimaryKeyConstraint } from "../../sql/schema/constraints.js";
import type { Table } from "../../sql/schema/table.js";
import type { MySQLDialect } from "./dialect.js";
import { TIMESTAMPType } from "./types.js";

/**
 * MySQL DDL: `NOT NULL` before `DEFAULT`, inline `COMMENT`, `AUTO_INCREMENT`, table options after
 * the closing parenthesis, prefix lengths and parenthesised expressions in indexes.
 * @example
 * new sa.CreateTable(t).compile({ dialect: mysql.dialect() }).string;
 */
export class MySQLDDLCompiler extends DDLCompiler {
  override columnSpecification(col: Column, _firstPk = false): string | null {
    const table = col.table as Table | null;
    const parts = [this.formatColumn(col), this.dialect.typeCompiler.process(col.type)];
    if (col.computed) parts.push(this.computedSql(col));
    if (!col.nullable) parts.push("NOT NULL");
    // an explicitly nullable TIMESTAMP, since MySQL makes TIMESTAMP columns NOT NULL by default
    else if (isTimestamp(col)) parts.push("NULL");
    if (col.comment !== undefined) parts.push(`COMMENT ${this.renderLiteralString(col.comment)}`);
    const seqGenerated =
      this.dialect.supportsSequences && col.sequence !== undefined && col.sequence.opts.optional !== true;
    if (table && col === table.autoincrementColumn && col.serverDefault === undefined && !seqGenerated) {
      parts.push("AUTO_INCREMENT");
    } else {
      const def = this.columnDefaultString(col);
      if (def !== null) parts.push(this.needsDefaultParens(def) ? `DEFAULT (${def})` : `DEFAULT ${def}`);
    }
    return parts.join(" ");
  }

  /**
   * SQLAlchemy's rule for MySQL 8.0.13+ and MariaDB 10.2.1+, which take an expression default
   * only in parentheses: a default with a non-word character that is not a quoted literal, not
   * already parenthesised, carries no `ON UPDATE` and is not `now(N)` / `current_timestamp(N)`.
   * @example
   * // lower('hi') → DEFAULT (lower('hi')); 'x' → DEFAULT 'x'; CURRENT_TIMESTAMP → as is
   */
  protected needsDefaultParens(def: string): boolean {
    const d = this.dialect as MySQLDialect;
    return (
      d.supportsDefaultFunction &&
      !/^\s*['"(]/.test(def) &&
      !/ON +UPDATE/i.test(def) &&
      !/^(?:now|current_timestamp)\(\d+\)/i.test(def) &&
      /\W/.test(def)
    );
  }

  /** Identifiers are 255 long but constraint and index names only 64. */
  protected override constraintNameLimit(): number {
    return 64;
  }
  protected override indexNameLimit(): number {
    return 64;
  }

  /** `ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='…'` from `mysql*` (and `mariadb*`) options. */
  protected override postCreateTable(t: Table): string {
    const opts = new Map<string, string>();
    const prefixes = this.dialect.name === "mariadb" ? ["mysql", "mariadb"] : ["mysql"];
    for (const prefix of prefixes) {
      for (const [k, v] of Object.entries(t.dialectOptions)) {
        if (v === undefined || v === null || !k.startsWith(prefix) || k.length === prefix.length) continue;
        const rest = k.slice(prefix.length);
        if (rest[0] !== rest[0].toUpperCase()) continue;
        opts.set(rest.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase(), String(v));
      }
    }
    if (t.comment !== undefined) opts.set("COMMENT", t.comment);
    const partitioned = PARTITION_OPTIONS.filter((o) => opts.has(o));
    const plain = [...opts.keys()].filter((o) => !PARTITION_OPTIONS.includes(o));
    // COLLATE must follow the character set it refines
    plain.sort((a, b) => Number(a === "COLLATE") - Number(b === "COLLATE"));
    const out: string[] = [];
    for (const opt of plain) {
      let arg = opts.get(opt)!;
      if (STRING_OPTIONS.has(opt)) arg = this.renderLiteralString(arg);
      const name = SPACED_OPTIONS.has(opt) ? opt.replaceAll("_", " ") : opt;
      out.push(`${name}${SPACE_JOINED_OPTIONS.has(name) ? " " : "="}${arg}`);
    }
    for (const opt of partitioned) out.push(`${opt.replaceAll("_", " ")} ${opts.get(opt)!}`);
    return out.join(" ");
  }

  protected override primaryKeySql(pk: PrimaryKeyConstraint): string {
    const text = super.primaryKeySql(pk);
    const using = pk.opts.mysqlUsing as string | undefined;
    return text && using ? `${text} USING ${this.quote(using)}` : text;
  }

  protected override defineConstraintMatch(fk: ForeignKeyConstraint): string {
    if (fk.fkOpts.match !== undefined) {
      throw new CompileError(
        "MySQL ignores the 'MATCH' keyword while at the same time causes ON UPDATE/ON DELETE clauses to be ignored.",
      );
    }
    return "";
  }

  override visitCreateIndex(ci: CreateIndex, _kw: CompileKw): string {
    const ix = ci.index;
    const t = this.indexTable(ix);
    let text = `CREATE ${ix.unique ? "UNIQUE " : ""}`;
    const prefix = ix.opts[`${this.dialect.name}Prefix`] ?? ix.opts.mysqlPrefix;
    if (prefix) text += `${String(prefix)} `;
    text += `INDEX ${ci.ifNotExists ? "IF NOT EXISTS " : ""}${this.preparedIndexName(ix, false)} ON ${this.formatTable(t)} `;
    text += `(${this.indexExpressions(ix)})`;
    const parser = ix.opts.mysqlWithParser;
    if (parser) text += ` WITH PARSER ${String(parser)}`;
    const using = ix.opts.mysqlUsing as string | undefined;
    if (using) text += ` USING ${this.quote(using)}`;
    return text;
  }

  /** Expressions grouped (MySQL wants `((expr))` for functional key parts), prefix lengths added. */
  protected override indexExpressions(ix: Index): string {
    const lengths = ix.opts.mysqlLength as number | Record<string, number> | undefined;
    return ix.expressions
      .map((e) => {
        const sql = needsGrouping(e) ? `(${this.ddlExpr(e)})` : this.ddlExpr(e);
        if (lengths === undefined) return sql;
        if (typeof lengths === "number") return `${sql}(${lengths})`;
        const name = (e as { name?: unknown }).name;
        const len = typeof name === "string" ? (lengths[name] ?? lengths[sql]) : lengths[sql];
        return len === undefined ? sql : `${sql}(${len})`;
      })
      .join(", ");
  }

  override visitDropIndex(di: DropIndex, _kw: CompileKw): string {
    const t = this.indexTable(di.index);
    return `\nDROP INDEX ${di.ifExists ? "IF EXISTS " : ""}${this.preparedIndexName(di.index, false)} ON ${this.formatTable(t)}`;
  }

  override visitDropConstraint(dc: DropConstraint, _kw: CompileKw): string {
    const c = dc.constraint;
    const t = this.formatTable(this.constraintTable(c));
    const name = this.formatConstraintName(c) ?? "";
    if (!name && c.kind !== "primary_key") {
      throw new CompileError(
        `Can't emit DROP CONSTRAINT for a ${c.kind} constraint of table '${this.constraintTable(c).name}'; it has no name`,
      );
    }
    switch (c.kind) {
      case "foreign_key":
        return `ALTER TABLE ${t} DROP FOREIGN KEY ${name}`;
      case "primary_key":
        return `ALTER TABLE ${t} DROP PRIMARY KEY `;
      case "unique":
        return `ALTER TABLE ${t} DROP INDEX ${name}`;
      case "check":
        return `ALTER TABLE ${t} DROP ${this.dialect.name === "mariadb" ? "CONSTRAINT" : "CHECK"} ${name}`;
    }
  }

  override visitSetTableComment(st: SetTableComment, _kw: CompileKw): string {
    return `ALTER TABLE ${this.formatTable(st.table)} COMMENT ${this.renderLiteralString(st.table.comment ?? "")}`;
  }

  override visitDropTableComment(dt: DropTableComment, _kw: CompileKw): string {
    return `ALTER TABLE ${this.formatTable(dt.table)} COMMENT ''`;
  }

  override visitSetColumnComment(sc: SetColumnComment, _kw: CompileKw): string {
    const col = sc.column;
    const t = col.table as Table | null;
    if (!t) throw new CompileError(`Column '${col.name}' is not associated with any table.`);
    return `ALTER TABLE ${this.formatTable(t)} CHANGE ${this.formatColumn(col)} ${this.columnSpecification(col)}`;
  }
}

/** Table options rendered last, in this order (SQLAlchemy sorts them topologically). */
const PARTITION_OPTIONS = ["PARTITION_BY", "PARTITIONS", "SUBPARTITION_BY", "SUBPARTITIONS"];
/** Options whose value is a string literal. */
const STRING_OPTIONS = new Set(["COMMENT", "PASSWORD", "CONNECTION"]);
/** Options written with spaces instead of underscores. */
const SPACED_OPTIONS = new Set([
  "DATA_DIRECTORY",
  "INDEX_DIRECTORY",
  "DEFAULT_CHARACTER_SET",
  "CHARACTER_SET",
  "DEFAULT_CHARSET",
  "DEFAULT_COLLATE",
]);
/** Options joined to their value by a space rather than `=`. */
const SPACE_JOINED_OPTIONS = new Set(["TABLESPACE", "DEFAULT CHARACTER SET", "CHARACTER SET", "COLLATE"]);

/** SQLAlchemy's `isinstance(type, TIMESTAMP)`: only an explicit TIMESTAMP type, not DateTime. */
function isTimestamp(col: Column): boolean {
  const t = col.type as { visitName: string; sqlName?: string };
  return (
    col.type instanceof TIMESTAMPType ||
    t.visitName === "TIMESTAMP" ||
    (t.visitName === "named" && /^TIMESTAMP\b/i.test(t.sqlName ?? ""))
  );
}

/** Binary expressions, functions and non-ordering unary expressions are grouped. */
function needsGrouping(e: ClauseElement): boolean {
  if (e instanceof BinaryExpression || e instanceof FunctionElement) return true;
  if (e instanceof UnaryExpression) {
    return e.modifier !== operators.desc && e.modifier !== operators.asc;
  }
  return false;
}
