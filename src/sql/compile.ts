import { type ClauseElement, type CompileOptions, compileHooks } from "./base.js";
import type { Compiled } from "./compiler/compiled.js";
import "./compiler/ddl-compiler.js";
import "./compiler/crud.js";
import "./compiler/type-compiler.js";
import { StrSQLCompiler } from "./compiler/str-compiler.js";
import { DDLElement } from "./ddl/ddl-elements.js";
import { DefaultDialect, type Dialect } from "./dialect.js";
import { typeCompileHook } from "./types/type-engine.js";

let defaultDialect: Dialect | null = null;

/**
 * Compiles any element: DDL with the dialect's DDL compiler, everything else with its SQL
 * compiler. Without a dialect, a dialect-specific construct (an upsert) compiles with its own
 * dialect, as SQLAlchemy's `stringify_dialect` does, rather than losing the clause the generic
 * dialect cannot render.
 */
export function compileElement(el: ClauseElement, opts: CompileOptions): Compiled {
  const own = opts.dialect ? undefined : (el as { _stringifyDialect?: () => Dialect })._stringifyDialect?.();
  const dialect = opts.dialect ?? own ?? (defaultDialect ??= new DefaultDialect());
  const compiler =
    el instanceof DDLElement ? dialect.ddlCompiler(el, opts) : dialect.statementCompiler(el, opts);
  return compiler.compile();
}

compileHooks.compile = compileElement;
typeCompileHook.compile = (type, dialect) =>
  (dialect ?? (defaultDialect ??= new DefaultDialect())).typeCompiler.process(type);
compileHooks.stringify = (el) => StrSQLCompiler.stringify(el);
