import { CompileError } from "../exc.js";
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
typeCompileHook.compile = (type, dialect) => {
  if (dialect) return dialect.typeCompiler.process(type);
  // without a dialect, SQLAlchemy's string compiler: a dialect-only type is named by its class
  // (`BYTEA`, `TINYINT`, `ARRAY`) rather than refused or spelled as a generic type
  const own = type._strName();
  if (own !== null) return own;
  try {
    return (defaultDialect ??= new DefaultDialect()).typeCompiler.process(type);
  } catch (err) {
    if (err instanceof CompileError && /^[A-Z][A-Z0-9_ ]*$/.test(type.visitName)) return type.visitName;
    throw err;
  }
};
compileHooks.stringify = (el) => StrSQLCompiler.stringify(el);
