/**
 * A process-wide count of the DDL statements the adapters have run. Prepared statements are
 * cached by SQL text, but what a cached statement decided at prepare time (PostgreSQL's parameter
 * types, better-sqlite3's bigint reading) outlives a table dropped and created again with other
 * column types under the same name. Such a statement would then bind or read values with the old
 * types and no error (a NUMERIC value cut to float8). A connection whose caches predate the
 * latest DDL drops them before its next statement, as SQLAlchemy's asyncpg dialect does after
 * DDL. Process-wide rather than per database: a DDL elsewhere costs only a few re-prepares.
 */
let generation = 0;

/** DDL that may change the types a cached statement binds or returns. */
const DDL_RE = /^\s*(?:CREATE|DROP|ALTER)\b/i;

/**
 * Counts `sql` if it is DDL; returns whether it was.
 * @example
 * if (noteIfDdl(sql)) this.descriptions = new WeakMap();
 */
export function noteIfDdl(sql: string): boolean {
  if (!DDL_RE.test(sql)) return false;
  generation++;
  return true;
}

/** The number of DDL statements run so far: compare with the value a cache was filled under. */
export function schemaGeneration(): number {
  return generation;
}
