import type { ClauseElement } from "../../sql/base.js";
import { type CompileKw, kwWith, SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import type { Insert } from "../../sql/dml/insert.js";
import type { BinaryExpression } from "../../sql/elements/expressions.js";
import type { FunctionElement } from "../../sql/elements/functions.js";
import type { CompoundSelect } from "../../sql/selectable/compound.js";
import type { FromClause } from "../../sql/selectable/from-clause.js";
import type { Select } from "../../sql/selectable/select.js";
import { onConflictClause } from "../shared/on-conflict.js";
import type { PGDialect } from "./dialect.js";
import { pgJsonGetitem, pgJsonPathGetitem } from "./json-compiler.js";

/** PostgreSQL's statement compiler. */
export class PGCompiler extends SQLCompiler {
  override visitJsonGetitem(b: BinaryExpression, kw: CompileKw): string {
    return pgJsonGetitem(this, b, kw, (this.dialect as PGDialect).supportsJsonbSubscripting);
  }
  override visitJsonPathGetitem(b: BinaryExpression, kw: CompileKw): string {
    return pgJsonPathGetitem(this, b, kw);
  }
  protected override visitIlike(b: BinaryExpression, kw: CompileKw): string {
    let text = `${this.process(b.left, kw)}${b.operator.sql}${this.process(b.right, kw)}`;
    if (b.modifiers.escape !== undefined) text += ` ESCAPE ${this.renderLiteralString(b.modifiers.escape)}`;
    return text;
  }
  protected override insensitiveLike(
    left: string,
    right: string,
    negated: boolean,
  ): [string, string, string] {
    return [left, right, negated ? "NOT ILIKE" : "ILIKE"];
  }
  protected override visitRegexp(b: BinaryExpression, kw: CompileKw): string {
    const neg = b.operator.id === "not_regexp_match";
    const flags = b.modifiers.flags;
    const op = flags?.includes("i") ? (neg ? " !~* " : " ~* ") : neg ? " !~ " : " ~ ";
    return `${this.process(b.left, kw)}${op}${this.process(b.right, kw)}`;
  }
  protected override visitBitwiseXor(b: BinaryExpression, kw: CompileKw): string {
    return `${this.process(b.left, kw)} # ${this.process(b.right, kw)}`;
  }
  protected override visitMatch(b: BinaryExpression, kw: CompileKw): string {
    const neg = b.operator.id === "not_match";
    const text = `${this.process(b.left, kw)} @@ plainto_tsquery(${this.process(b.right, kw)})`;
    return neg ? `NOT ${text}` : text;
  }
  /** `string_agg(...)` for aggregate_strings, `SUBSTRING(x FROM a FOR b)` (SQLAlchemy's PGCompiler). */
  override visitFunction(fn: FunctionElement, kw: CompileKw): string {
    const n = fn.name.toLowerCase();
    if (fn.packageNames.length === 0 && (n === "aggregate_strings" || n === "substring")) {
      const inner = kwWith(kw, { withinColumnsClause: false, asCriterion: false });
      if (n === "aggregate_strings") return `string_agg(${this.process(fn.clauses, inner)})`;
      const [str, start, length] = fn.clauses.clauses.map((c) => this.process(c, inner));
      if (start !== undefined)
        return length === undefined
          ? `SUBSTRING(${str} FROM ${start})`
          : `SUBSTRING(${str} FROM ${start} FOR ${length})`;
    }
    return super.visitFunction(fn, kw);
  }
  protected override selectPrecolumns(s: Select, kw: CompileKw): string {
    if (!s._distinct) return "";
    if (s._distinctOn.length)
      return `DISTINCT ON (${s._distinctOn.map((e) => this.process(e, kw)).join(", ")}) `;
    return "DISTINCT ";
  }
  protected override limitClause(s: Select | CompoundSelect, kw: CompileKw): string {
    let text = "";
    if (s._limit) text += ` \n LIMIT ${this.process(s._limit, kw)}`;
    if (s._offset) {
      if (!s._limit) text += "\n LIMIT ALL";
      text += ` OFFSET ${this.process(s._offset, kw)}`;
    }
    return text;
  }
  /** PostgreSQL needs parentheses around a non-literal OFFSET/FETCH operand. */
  protected override fetchOperand(el: ClauseElement, kw: CompileKw): string {
    return `(${this.process(el, kw)})`;
  }
  protected override forUpdateClause(s: Select, kw: CompileKw): string {
    const f = s._forUpdate!;
    let text = f.readOnly
      ? f.keyShare
        ? " FOR KEY SHARE"
        : " FOR SHARE"
      : f.keyShare
        ? " FOR NO KEY UPDATE"
        : " FOR UPDATE";
    if (f.of) text += ` OF ${this.lockOfNames(f.of as ClauseElement | ClauseElement[], kw).join(", ")}`;
    if (f.nowait) text += " NOWAIT";
    if (f.skipLocked) text += " SKIP LOCKED";
    return text;
  }
  override insertOnConflict(stmt: Insert, kw: CompileKw): string {
    // MySQL's ON DUPLICATE KEY UPDATE is refused by the base compiler
    if ((stmt as { _onDuplicate?: unknown })._onDuplicate) return super.insertOnConflict(stmt, kw);
    return onConflictClause(this, stmt, kw);
  }
  override updateFromClause(froms: readonly FromClause[], kw: CompileKw): string {
    return ` FROM ${froms.map((f) => this.process(f, { ...kw, asfrom: true })).join(", ")}`;
  }

  override deleteExtraFromClause(_table: FromClause, froms: readonly FromClause[], kw: CompileKw): string {
    return ` USING ${froms.map((f) => this.process(f, { ...kw, asfrom: true })).join(", ")}`;
  }
}
