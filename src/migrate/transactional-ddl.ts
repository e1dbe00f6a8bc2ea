/**
 * Which dialects can roll back DDL. Alembic says no for SQLite because pysqlite's legacy
 * transaction handling commits before DDL; better-sqlite3 issues a real `BEGIN`, so here SQLite
 * DDL is transactional (a failed run leaves the file as it was). MySQL/MariaDB commit implicitly
 * around every DDL statement, so a transaction there only protects DML and the version row.
 */

/**
 * The default for `transactionalDdl` by dialect name. An offline (`--sql`) SQLite script is
 * written as Alembic writes it, without BEGIN / COMMIT (its SQLiteImpl is not transactional).
 * @example defaultTransactionalDdl("postgresql") // true
 */
export function defaultTransactionalDdl(dialectName: string, asSql = false): boolean {
  if (dialectName === "sqlite") return !asSql;
  return dialectName === "postgresql" || dialectName === "mssql";
}
