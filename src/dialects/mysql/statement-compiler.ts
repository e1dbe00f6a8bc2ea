import type { ClauseElement } from "../../sql/base.js";
import { type CompileKw, kwWith, SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import type { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import type { Insert } from "../../sql/dml/insert.js";
import { BindParameter } from "../../sql/elements/bind-param.js";
import { type ColumnClause, ColumnClause as ColumnClauseClass } from "../../sql/elements/column-clause.js";
import { ColumnElement } from "../../sql/elements/column-element.js";
import type { False, True } from "../../sql/elements/constants.js";
import { BinaryExpression } from "../../sql/elements/expressions.js";
import type { FunctionElement } from "../../sql/elements/functions.js";
import type { Cast } from "../../sql/elements/wrappers.js";
import { Alias } from "../../sql/selectable/alias.js";
import type { CompoundSelect } from "../../sql/selectable/compound.js";
import { columnsOf, type FromClause } from "../../sql/selectable/from-clause.js";
import type { Select } from "../../sql/selectable/select.js";
import { TableClause } from "../../sql/selectable/table-clause.js";
import type { StringType } from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
import type { MySQLDialect } from "./dialect.js";
import { mysqlJsonExtract } from "./json-extract.js";

/** The `inserted` pseudo-table of `ON DUPLICATE KEY UPDATE`. */
export class InsertedAlias extends Alias {}

function castTypeName(t: TypeEngine, tc: TypeCompiler, floatCast: boolean): string | null {
  switch (t.affinity) {
    case "integer":
      return "SIGNED INTEGER";
    case "string":
      return t.visitName === "enum"
        ? "CHAR"
        : `CHAR${(t as StringType).length ? `(${(t as StringType).length})` : ""}`;
    case "numeric":
      return tc.process(t).replace("NUMERIC", "DECIMAL");
    case "float":
      return floatCast ? tc.process(t) : null;
    case "datetime":
      return "DATETIME";
    case "date":
      return "DATE";
    case "time":
      return "TIME";
    case "binary":
      return "BINARY";
    case "json":
      return "JSON";
    default:
      return null;
  }
}

/** MySQL/MariaDB's statement compiler. */
export class MySQLCompiler extends SQLCompiler {
  override visitJsonGetitem(b: BinaryExpression, kw: CompileKw): string {
    return mysqlJsonExtract(this, b, kw);
  }
  override visitJsonPathGetitem(b: BinaryExpression, kw: CompileKw): string {
    return mysqlJsonExtract(this, b, kw);
  }
  get mysqlDialect(): MySQLDialect {
    return this.dialect as MySQLDialect;
  }
  override visitTrue(_el: True, _kw: CompileKw): string {
    return "true";
  }
  override visitFalse(_el: False, _kw: CompileKw): string {
    return "false";
  }
  protected override visitConcat(b: BinaryExpression, kw: CompileKw): string {
    return `concat(${this.flattenConcat(b)
      .map((e) => this.process(e, kw))
      .join(", ")})`;
  }
  private flattenConcat(el: ClauseElement): ClauseElement[] {
    if (el instanceof BinaryExpression && el.operator.id === "concat") {
      return [...this.flattenConcat(el.left), ...this.flattenConcat(el.right)];
    }
    if (el.visitName === "grouping") {
      const inner = (el as unknown as { element: ClauseElement }).element;
      if (inner instanceof BinaryExpression && inner.operator.id === "concat")
        return this.flattenConcat(inner);
    }
    return [el];
  }
  protected override concatParts(parts: string[]): string {
    return `concat(${parts.join(", ")})`;
  }
  /** MySQL has no IS [NOT] DISTINCT FROM: its NULL-safe equality is `<=>`. */
  protected override visitIsDistinctFrom(b: BinaryExpression, kw: CompileKw): string {
    const same = `${this.process(b.left, kw)} <=> ${this.process(b.right, kw)}`;
    return b.operator.id === "is_distinct_from" ? `NOT (${same})` : same;
  }
  /**
   * Flags go into REGEXP_LIKE(x, p, flags) on MySQL and into the pattern on MariaDB
   * (`x REGEXP CONCAT('(?i)', p)`), as SQLAlchemy's `_regexp_match`.
   */
  protected override visitRegexp(b: BinaryExpression, kw: CompileKw): string {
    const neg = b.operator.id === "not_regexp_match";
    const op = neg ? " NOT REGEXP " : " REGEXP ";
    const flags = b.modifiers.flags;
    if (!flags) return `${this.process(b.left, kw)}${op}${this.process(b.right, kw)}`;
    const literalFlags = this.renderLiteralString(flags);
    if (this.mysqlDialect.isMariadb)
      return `${this.process(b.left, kw)}${op}CONCAT('(?', ${literalFlags}, ')', ${this.process(b.right, kw)})`;
    const text = `REGEXP_LIKE(${this.process(b.left, kw)}, ${this.process(b.right, kw)}, ${literalFlags})`;
    return neg ? `NOT ${text}` : text;
  }
  protected override visitMatch(b: BinaryExpression, kw: CompileKw): string {
    const text = `MATCH (${this.process(b.left, kw)}) AGAINST (${this.process(b.right, kw)} IN BOOLEAN MODE)`;
    return b.operator.id === "not_match" ? `NOT ${text}` : text;
  }
  /** SQLAlchemy's MySQL spellings of generic functions (`visit_random_func` and the like). */
  override visitFunction(fn: FunctionElement, kw: CompileKw): string {
    if (fn.packageNames.length === 0) {
      const args = () =>
        this.process(fn.clauses, kwWith(kw, { withinColumnsClause: false, asCriterion: false }));
      switch (fn.name.toLowerCase()) {
        case "random":
          return `rand(${args()})`;
        case "sysdate":
          return "SYSDATE()";
        case "rollup":
          return `${args()} WITH ROLLUP`;
        case "aggregate_strings": {
          // SEPARATOR takes a string literal only: a parameter there is a syntax error in the
          // server-side prepared statements mysql2 uses (SQLAlchemy's drivers interpolate it)
          const inner = kwWith(kw, { withinColumnsClause: false, asCriterion: false });
          const [expr, delimiter] = fn.clauses.clauses;
          return `group_concat(${this.process(expr, inner)} SEPARATOR ${this.process(delimiter, kwWith(inner, { literalBinds: true }))})`;
        }
      }
    }
    return super.visitFunction(fn, kw);
  }
  /**
   * MariaDB rejects a parameter as a window frame offset (`ROWS BETWEEN ? PRECEDING`) in the
   * server-side prepared statements mysql2 uses; SQLAlchemy's MySQL drivers interpolate it on the
   * client, so the offset is written inline here to send the same SQL.
   */
  protected override get frameOffsetInline(): boolean {
    return true;
  }
  override visitCast(c: Cast, kw: CompileKw): string {
    const name = castTypeName(c.type, this.dialect.typeCompiler, this.mysqlDialect.supportsFloatCast);
    if (name === null) return this.process(c.element, kw);
    return `CAST(${this.process(c.element, { ...kw, withinColumnsClause: false })} AS ${name})`;
  }
  override visitColumn(col: ColumnClause, kw: CompileKw): string {
    if (col.table instanceof InsertedAlias) {
      const name = this.dialect.identifierPreparer.quote(col.name, col.quote);
      return this.mysqlDialect.useRowAlias ? `new.${name}` : `VALUES(${name})`;
    }
    return super.visitColumn(col, kw);
  }
  protected override limitClause(s: Select | CompoundSelect, kw: CompileKw): string {
    if (!s._limit && !s._offset) return "";
    if (s._offset) {
      // the offset is named first (param_1), as it comes first in the text
      const offset = this.process(s._offset, kw);
      const lim = s._limit ? this.process(s._limit, kw) : "18446744073709551615";
      return ` \n LIMIT ${offset}, ${lim}`;
    }
    return ` \n LIMIT ${this.process(s._limit!, kw)}`;
  }
  protected override forUpdateClause(s: Select, kw: CompileKw): string {
    const f = s._forUpdate!;
    const modern = this.mysqlDialect.supportsForShareOf;
    let text = f.readOnly ? (modern ? " FOR SHARE" : " LOCK IN SHARE MODE") : " FOR UPDATE";
    if (f.of && modern)
      text += ` OF ${this.lockOfNames(f.of as ClauseElement | ClauseElement[], kw).join(", ")}`;
    if (f.nowait) text += " NOWAIT";
    if (f.skipLocked) text += " SKIP LOCKED";
    return text;
  }
  override updateTablesClause(table: FromClause, extraFroms: readonly FromClause[], kw: CompileKw): string {
    return [table, ...extraFroms].map((f) => this.process(f, { ...kw, asfrom: true })).join(", ");
  }
  override get updateSetIncludesTable(): boolean {
    return true;
  }
  /** A multi-table UPDATE names SET targets `table.column`, without the schema (format_column). */
  override updateSetTarget(col: ColumnElement, kw: CompileKw): string {
    if (
      kw.includeTable !== false &&
      col instanceof ColumnClauseClass &&
      col.table instanceof TableClause &&
      !col.isLiteral
    ) {
      const prep = this.dialect.identifierPreparer;
      return `${prep.quote(col.table.name)}.${prep.quote(col.name, col.quote)}`;
    }
    return this.process(col, kw);
  }
  override deleteExtraFromClause(stmtTable: FromClause, froms: readonly FromClause[], kw: CompileKw): string {
    return ` USING ${[stmtTable, ...froms].map((f) => this.process(f, { ...kw, asfrom: true })).join(", ")}`;
  }
  /** MySQL's compiler spells a plain join INNER JOIN, as SQLAlchemy's does */
  protected override joinKeyword(j: import("../../sql/selectable/join.js").Join): string {
    return j.full ? " FULL OUTER JOIN " : j.isouter ? " LEFT OUTER JOIN " : " INNER JOIN ";
  }

  /** MariaDB's `nextval(seq)` takes the sequence as an identifier (SQLAlchemy's `visit_sequence`). */
  override nextvalSql(name: string, schema?: string): string {
    return `nextval(${this.dialect.identifierPreparer.formatTable(name, schema)})`;
  }

  override emptyInsertClause(): string {
    return " () VALUES ()";
  }
  override insertOnConflict(stmt: Insert, kw: CompileKw): string {
    const dup = (stmt as { _onDuplicate?: Record<string, unknown> | [string, unknown][] })._onDuplicate;
    // an ON CONFLICT upsert is refused by the base compiler
    if (!dup) return super.insertOnConflict(stmt, kw);
    const entries = Array.isArray(dup) ? dup : Object.entries(dup);
    const map = new Map(entries);
    const prep = this.dialect.identifierPreparer;
    const parts: string[] = [];
    const ordered: [string, unknown, ColumnClause][] = [];
    for (const col of columnsOf(stmt.table.c) as ColumnClause[]) {
      const key = map.has(col.key) ? col.key : map.has(col.name) ? col.name : null;
      if (key !== null) ordered.push([key, map.get(key), col]);
    }
    for (const [, v, col] of Array.isArray(dup)
      ? entries.map(
          ([k, v]) =>
            [k, v, (columnsOf(stmt.table.c) as ColumnClause[]).find((c) => c.key === k || c.name === k)!] as [
              string,
              unknown,
              ColumnClause,
            ],
        )
      : ordered) {
      const value =
        v instanceof ColumnElement
          ? this.process(v.selfGroup() as ClauseElement, kw)
          : this.process(new BindParameter("param", v, { unique: true, type: col.type }), kw);
      parts.push(`${prep.quote(col.name)} = ${value}`);
    }
    const alias = this.mysqlDialect.useRowAlias ? " AS new" : "";
    return `${alias} ON DUPLICATE KEY UPDATE ${parts.join(", ")}`;
  }
  /** MySQL needs `FROM DUAL` before a WHERE when there is nothing to select from. */
  protected override defaultFrom(s: Select): string {
    return s._where.length ? " \nFROM DUAL" : "";
  }
}
