/**
 * PostgreSQL's JSON element access, as SQLAlchemy's PGCompiler renders it: `doc -> key` and
 * `doc #> path` for JSON-typed elements (`doc[key]` for a JSONB column on PostgreSQL 14+), and
 * for typed ones (`astString()` …) the text operators inside a cast:
 * `CAST(doc ->> key AS INTEGER)`. The arrows are grouped eagerly: `(doc -> key) = …`.
 */
import type { CompileKw, SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import type { ColumnElement } from "../../sql/elements/column-element.js";
import { type BinaryExpression, Grouping } from "../../sql/elements/expressions.js";

/**
 * `doc -> key`, `doc[key]` or `CAST(doc ->> key AS type)`.
 * @example
 * // doc.get("a").astString(): CAST(t.doc ->> %(doc_1)s AS VARCHAR)
 */
export function pgJsonGetitem(
  c: SQLCompiler,
  b: BinaryExpression,
  kw: CompileKw,
  subscripting: boolean,
): string {
  const type = (b as ColumnElement).type;
  if (type.affinity !== "json") return cast(c, b, " ->> ", kw);
  const left = b.left as ColumnElement;
  if (subscripting && left.type.visitName === "JSONB") {
    // a function call or cast is parenthesised before a subscript: (f(x))['k']
    const base = left.visitName === "function" || left.visitName === "cast" ? new Grouping(left) : left;
    return `${c.process(base, kw)}[${c.process(b.right, kw)}]`;
  }
  return c.eagerBinary(b, " -> ", kw);
}

/** `doc #> path`, or `CAST(doc #>> path AS type)`. */
export function pgJsonPathGetitem(c: SQLCompiler, b: BinaryExpression, kw: CompileKw): string {
  if ((b as ColumnElement).type.affinity !== "json") return cast(c, b, " #>> ", kw);
  return c.eagerBinary(b, " #> ", kw);
}

function cast(c: SQLCompiler, b: BinaryExpression, op: string, kw: CompileKw): string {
  const typeName = c.dialect.typeCompiler.process((b as ColumnElement).type);
  return `CAST(${c.eagerBinary(b, op, kw)} AS ${typeName})`;
}
