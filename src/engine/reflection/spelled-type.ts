import type { Dialect } from "../../sql/dialect.js";
import { NamedType } from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";

/**
 * Gives a reflected type the database's own spelling in DDL on that dialect (`INT`, `CHAR(4)`,
 * `TIMESTAMP(3) WITH TIME ZONE`) while it keeps its alkahest class everywhere else. Why: a
 * reflected `CHAR(4)` should still be a String with `length` 4, yet CREATE TABLE from the
 * reflection must not turn it into `VARCHAR(4)` (on SQLite, `INT PRIMARY KEY` is not even the
 * same thing as `INTEGER PRIMARY KEY`). The type compiler asks `loadDialectImpl` first, as it
 * does for TypeDecorators; other dialects get the plain type.
 * @example
 * withSpelling(new StringType(4), "postgresql", "character(4)");
 */
export function withSpelling<T extends TypeEngine>(type: T, dialectName: string, ddl: string): T {
  const named = new NamedType(ddl, type.affinity);
  const baseKey = type.cacheKeyPart();
  Object.defineProperty(type, "loadDialectImpl", {
    value: (d: Dialect): TypeEngine | undefined => (d.name === dialectName ? named : undefined),
  });
  // CAST(x AS CHAR(4)) and CAST(x AS VARCHAR(4)) must not share a compiled-cache entry
  Object.defineProperty(type, "cacheKeyPart", { value: () => `${baseKey}@${dialectName}:${ddl}` });
  return type;
}
