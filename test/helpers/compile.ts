import { expect } from "vitest";
import { mysql, postgresql, sqlite } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";

/** Dialects by the names golden cases use; each call builds a fresh dialect. */
export type DialectName = "default" | "sqlite" | "postgresql" | "mysql" | "mariadb" | "string";

export function dialectFor(name: DialectName, paramstyle?: sa.Paramstyle): sa.Dialect {
  const opts = paramstyle ? { paramstyle } : {};
  switch (name) {
    case "default":
      return new sa.DefaultDialect(opts);
    case "sqlite":
      return sqlite.dialect(opts);
    case "postgresql":
      return postgresql.dialect(opts);
    case "mysql":
      return mysql.dialect(opts);
    case "mariadb":
      return mysql.dialect({ ...opts, isMariadb: true });
    case "string":
      throw new Error("'string' is compiled with String(stmt), not a dialect");
  }
}

export interface CompileCase {
  /** a dialect name or a dialect object; "string" compiles with String(stmt). Default: "default". */
  dialect?: DialectName | sa.Dialect;
  paramstyle?: sa.Paramstyle;
  /** expected `compiled.params` (the named parameter dict) */
  params?: Record<string, unknown>;
  /** expected `compiled.positionalParameters()` (positional paramstyles) */
  positional?: unknown[];
  literalBinds?: boolean;
  renderPostcompile?: boolean;
  columnKeys?: string[];
}

/** Compares as SQLAlchemy's assert_compile does: newlines and tabs deleted, then exact. */
export function normalise(sql: string): string {
  return sql.replace(/[\n\t]/g, "");
}

/**
 * Compiles `stmt` and asserts its SQL (after `normalise`) and, when given, its parameters.
 * Returns the Compiled for further checks.
 */
export function assertCompile(
  stmt: sa.Compilable,
  expected: string,
  opts: CompileCase = {},
): sa.Compiled | null {
  if (opts.dialect === "string") {
    expect(normalise(String(stmt))).toBe(normalise(expected));
    return null;
  }
  const dialect =
    opts.dialect === undefined || typeof opts.dialect === "string"
      ? dialectFor(opts.dialect ?? "default", opts.paramstyle)
      : opts.dialect;
  const compiled = stmt.compile({
    dialect,
    literalBinds: opts.literalBinds,
    renderPostcompile: opts.renderPostcompile,
    columnKeys: opts.columnKeys,
  });
  expect(normalise(compiled.string)).toBe(normalise(expected));
  if (opts.params !== undefined) expect(compiled.params).toEqual(opts.params);
  if (opts.positional !== undefined) expect(compiled.positionalParameters()).toEqual(opts.positional);
  return compiled;
}
