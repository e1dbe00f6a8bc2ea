import { type CompileKw, SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import type { Insert } from "../../sql/dml/insert.js";
import { BindParameter as BindParameterClass } from "../../sql/elements/bind-param.js";
import type { False, True } from "../../sql/elements/constants.js";
import type { BinaryExpression } from "../../sql/elements/expressions.js";
import type { FunctionElement } from "../../sql/elements/functions.js";
import type { Extract } from "../../sql/elements/wrappers.js";
import type { CompoundSelect } from "../../sql/selectable/compound.js";
import type { FromClause } from "../../sql/selectable/from-clause.js";
import type { Select } from "../../sql/selectable/select.js";
import { onConflictClause } from "../shared/on-conflict.js";

const EXTRACT_MAP: Record<string, string> = {
  month: "%m",
  day: "%d",
  year: "%Y",
  second: "%S",
  hour: "%H",
  doy: "%j",
  minute: "%M",
  epoch: "%s",
  dow: "%w",
  week: "%W",
};

/** SQLite's statement compiler. */
export class SQLiteCompiler extends SQLCompiler {
  /** `JSON_QUOTE(JSON_EXTRACT(doc, path))`, or a typed element's bare JSON_EXTRACT (as SQLAlchemy). */
  override visitJsonGetitem(b: BinaryExpression, kw: CompileKw): string {
    const extract = `JSON_EXTRACT(${this.process(b.left, kw)}, ${this.process(b.right, kw)})`;
    return b.type.affinity === "json" ? `JSON_QUOTE(${extract})` : extract;
  }
  override visitJsonPathGetitem(b: BinaryExpression, kw: CompileKw): string {
    return this.visitJsonGetitem(b, kw);
  }
  override visitTrue(_el: True, _kw: CompileKw): string {
    return "1";
  }
  override visitFalse(_el: False, _kw: CompileKw): string {
    return "0";
  }
  protected override visitTruediv(b: BinaryExpression, kw: CompileKw): string {
    return `${this.process(b.left, kw)} / (${this.process(b.right, kw)} + 0.0)`;
  }
  /**
   * SQLite has no XOR: `((a | b) - (a & b))`, the operands rendered twice. SQLAlchemy writes
   * `(a | b - a & b)`, which SQLite reads as `(a | (b - a)) & b` (its `-` binds tighter than `|`
   * and `&`) and so computes a wrong value; the groups here keep the result right.
   */
  protected override visitBitwiseXor(b: BinaryExpression, kw: CompileKw): string {
    const or = `${this.process(b.left, kw)} | ${this.process(b.right, kw)}`;
    const and = `${this.process(b.left, kw)} & ${this.process(b.right, kw)}`;
    return `((${or}) - (${and}))`;
  }
  protected override visitIsDistinctFrom(b: BinaryExpression, kw: CompileKw): string {
    const op = b.operator.id === "is_distinct_from" ? " IS NOT " : " IS ";
    return `${this.process(b.left, kw)}${op}${this.process(b.right, kw)}`;
  }
  protected override visitRegexp(b: BinaryExpression, kw: CompileKw): string {
    const neg = b.operator.id === "not_regexp_match";
    return `${this.process(b.left, kw)} ${neg ? "NOT REGEXP" : "REGEXP"} ${this.process(b.right, kw)}`;
  }
  override visitExtract(e: Extract, kw: CompileKw): string {
    const fmt = EXTRACT_MAP[e.field.toLowerCase()];
    if (!fmt) throw new Error(`${e.field} is not a valid extract argument.`);
    return `CAST(STRFTIME('${fmt}', ${this.process(e.expr, kw)}) AS INTEGER)`;
  }
  override visitFunction(fn: FunctionElement, kw: CompileKw): string {
    const n = fn.name.toLowerCase();
    if (fn.packageNames.length === 0) {
      if (n === "now") return "CURRENT_TIMESTAMP";
      if (n === "localtimestamp")
        return `DATETIME(CURRENT_TIMESTAMP, ${this.renderLiteralString("localtime")})`;
      if (n === "char_length") return `length(${this.process(fn.clauses, kw)})`;
      if (n === "aggregate_strings") return `group_concat(${this.process(fn.clauses, kw)})`;
    }
    return super.visitFunction(fn, kw);
  }
  protected override limitClause(s: Select | CompoundSelect, kw: CompileKw): string {
    let text = "";
    if (s._limit) text += `\n LIMIT ${this.process(s._limit, kw)}`;
    if (s._offset) {
      if (!s._limit)
        text += `\n LIMIT ${this.process(new BindParameterClass("param", -1, { unique: true }), kw)}`;
      text += ` OFFSET ${this.process(s._offset, kw)}`;
    } else if (s._limit) {
      text += ` OFFSET ${this.process(new BindParameterClass("param", 0, { unique: true }), kw)}`;
    }
    return text;
  }
  protected override forUpdateClause(): string {
    return "";
  }
  protected override returningIncludesTable(): boolean {
    return false;
  }
  override emptySetInner(_op: "in" | "not_in", arity: number): string {
    const ones = Array(Math.max(1, arity)).fill("1").join(", ");
    return `SELECT ${ones} FROM (SELECT ${ones}) WHERE 1!=1`;
  }
  override updateFromClause(froms: readonly FromClause[], kw: CompileKw): string {
    return ` FROM ${froms.map((f) => this.process(f, { ...kw, asfrom: true })).join(", ")}`;
  }

  override insertOnConflict(stmt: Insert, kw: CompileKw): string {
    // MySQL's ON DUPLICATE KEY UPDATE is refused by the base compiler
    if ((stmt as { _onDuplicate?: unknown })._onDuplicate) return super.insertOnConflict(stmt, kw);
    return onConflictClause(this, stmt, kw);
  }
}
