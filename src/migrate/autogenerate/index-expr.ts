/**
 * Expression (functional) index elements as SQL text and as comparable text. The metadata's
 * `sa.func.lower(t.c.title)` renders as CREATE INDEX renders it, `lower(title)` (no table
 * prefix, literal values), and both it and the reflected text are normalised the way Alembic
 * 1.12+ does (`PostgresqlImpl._cleanup_index_expr`), so that PostgreSQL's
 * `lower((title)::text)` matches `lower(title)` and an index just made by `createAll` is no diff.
 */
import { type CacheKeyBuilder, ClauseElement } from "../../sql/base.js";
import type { CompileKw, SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import type { Dialect } from "../../sql/dialect.js";
import { TextClause } from "../../sql/elements/text.js";
import { Column } from "../../sql/schema/column.js";
import type { Index } from "../../sql/schema/constraints.js";

/** An element compiled without table prefixes, as the DDL compiler writes index expressions. */
class Unqualified extends ClauseElement {
  readonly visitName = "unqualified_index_expression";
  constructor(readonly element: ClauseElement) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.process(this.element, { ...kw, literalBinds: true, includeTable: false });
  }
  _cacheKey(k: CacheKeyBuilder): void {
    this.element._cacheKey(k);
  }
}

/** Whether the index has an element that is not a plain column. */
export function hasExpressions(ix: Index): boolean {
  return ix.expressions.some((e) => !(e instanceof Column));
}

/**
 * The SQL of one index element as CREATE INDEX writes it: a column's name, an expression's text.
 * @example
 * indexElementSql(sa.func.lower(t.c.title), dialect); // "lower(title)"
 */
export function indexElementSql(e: ClauseElement, d: Dialect): string {
  if (e instanceof Column) return e.name;
  if (e instanceof TextClause) return e.text;
  return new Unqualified(e).compile({ dialect: d, literalBinds: true }).string;
}

/**
 * An expression as comparable text: lower case, no quotes, no table prefix, no `::type` casts
 * or CAST(… AS type), no parentheses around the whole or around a lone name, no spaces.
 * @example
 * normalizeIndexExpr("lower((title)::text)", "t"); // "lower(title)"
 */
export function normalizeIndexExpr(sql: string, tableName: string): string {
  let e = sql.toLowerCase().replace(/["'`]/g, "");
  e = e.split(`${tableName.toLowerCase()}.`).join("");
  e = e.replace(/::[\w ]+\w(\[\])*/g, "");
  e = e.replace(/cast\s*\(([^()]*?)\s+as\s+[\w ]+?(\([\d, ]*\))?\s*\)/g, "$1");
  for (let prev = ""; prev !== e; ) {
    prev = e;
    e = e.replace(/(^|[^\w])\(\s*([\w.]+)\s*\)/g, "$1$2");
  }
  while (e.startsWith("(") && e.endsWith(")") && balanced(e.slice(1, -1))) e = e.slice(1, -1);
  return e.replace(/\s+/g, "");
}

/** Whether parentheses in `s` balance (so the outer pair of `(s)` wraps the whole). */
function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return false;
  }
  return depth === 0;
}
