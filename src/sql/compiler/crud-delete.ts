import type { Delete } from "../dml/delete.js";
import {
  checkReturningCombination,
  dispatchIndependentCtes,
  dmlKw,
  emptyCrud,
  finishCrud,
  noteCteColumns,
  returnDefaultsSet,
  tableAllowsImplicitReturning,
} from "./crud-common.js";
import { extraFroms } from "./crud-froms.js";
import type { CompileKw, SQLCompiler } from "./sql-compiler.js";

/** Compiles a DELETE (SQLAlchemy's `visit_delete`); other tables go to the dialect's USING form. */
export function compileDelete(c: SQLCompiler, stmt: Delete, kw: CompileKw): string {
  const toplevel = c.claimTop("delete");
  const dkw = dmlKw(kw);
  checkReturningCombination(stmt);
  const crud = emptyCrud();
  const extra = extraFroms(stmt);
  c.pushDmlFroms([stmt.table, ...extra]);
  let text = `DELETE ${stmt._prefixes.length ? `${stmt._prefixes.join(" ")} ` : ""}FROM `;
  dispatchIndependentCtes(c, stmt, dkw);
  text += c.process(stmt.table, { ...dkw, asfrom: true });
  if (extra.length) text += c.deleteExtraFromClause(stmt.table, extra, dkw);
  if (stmt._where.length) {
    const where = c.processWhere(stmt._where, dkw);
    if (where) text += ` WHERE ${where}`;
  }
  // returnDefaults(cols) on DELETE returns just the named columns (SQLAlchemy's ORM use)
  if (
    stmt._hasReturnDefaults &&
    stmt._returnDefaultsColumns.length &&
    c.dialect.deleteReturning &&
    tableAllowsImplicitReturning(stmt.table)
  ) {
    crud.implicitReturning.push(...returnDefaultsSet(stmt));
  }
  const returning = stmt._returning.length ? stmt._returning : crud.implicitReturning;
  if (returning.length) text += ` ${c.returningClause(returning, dkw, toplevel)}`;
  c.popDmlFroms();
  noteCteColumns(c, kw, returning);
  finishCrud(c, crud, toplevel, returning);
  return c.withDmlCtes(text, dkw);
}
