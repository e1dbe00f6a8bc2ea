/**
 * MySQL's JSON element access, as SQLAlchemy's MySQL compiler renders it: `JSON_EXTRACT(doc,
 * path)` for a JSON-typed element; for a typed one (`astString()` …) a CASE, because MySQL
 * extracts a JSON null as the JSON text `null`, not as SQL NULL. Both operands render again in
 * each branch, in the order they appear (positional parameters repeat).
 */
import type { CompileKw, SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import type { ColumnElement } from "../../sql/elements/column-element.js";
import type { BinaryExpression } from "../../sql/elements/expressions.js";
import { NumericType } from "../../sql/types/sqltypes.js";

/**
 * `JSON_EXTRACT(doc, path)`, or the CASE that types it.
 * @example
 * // doc.get("a").astInteger() on MySQL:
 * // CASE JSON_EXTRACT(t.doc, %s) WHEN 'null' THEN NULL ELSE CAST(JSON_EXTRACT(t.doc, %s) AS SIGNED INTEGER) END
 */
export function mysqlJsonExtract(c: SQLCompiler, b: BinaryExpression, kw: CompileKw): string {
  const extract = (): string => `JSON_EXTRACT(${c.process(b.left, kw)}, ${c.process(b.right, kw)})`;
  const type = (b as ColumnElement).type;
  if (type.affinity === "json") return extract();
  const caseExpr = `CASE ${extract()} WHEN 'null' THEN NULL`;
  let typed: string;
  switch (type.affinity) {
    case "integer":
      typed = `ELSE CAST(${extract()} AS SIGNED INTEGER)`;
      break;
    case "numeric":
    case "float": {
      const n = type instanceof NumericType ? type : null;
      // DECIMAL, as MySQL knows no NUMERIC cast; FLOAT casts only exist from MySQL 8.0.17
      typed =
        n?.precision !== undefined && n.scale !== undefined
          ? `ELSE CAST(${extract()} AS DECIMAL(${n.precision}, ${n.scale}))`
          : `ELSE ${extract()}+0.0000000000000000000000`;
      break;
    }
    case "boolean":
      // MySQL's NULL handling of a JSON boolean is odd: name the constants
      typed = "WHEN true THEN true ELSE false";
      break;
    case "string":
      typed = `ELSE JSON_UNQUOTE(${extract()})`;
      break;
    default:
      typed = `ELSE ${extract()}`;
  }
  return `${caseExpr} ${typed} END`;
}
