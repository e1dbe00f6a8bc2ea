/**
 * Whether a table exists, by a catalog query per dialect: cheap, works on every dialect (MySQL
 * has no Inspector yet) and does not abort a PostgreSQL transaction as a failed SELECT would.
 */
import type { Connection } from "../engine/connection.js";
import { inspect } from "../engine/reflection/index.js";
import { text } from "../sql/index.js";

const QUERIES: Record<string, string> = {
  postgresql:
    "SELECT 1 FROM pg_catalog.pg_tables WHERE tablename = :name AND schemaname = COALESCE(:schema, current_schema())",
  mysql:
    "SELECT 1 FROM information_schema.tables WHERE table_schema = COALESCE(:schema, DATABASE()) AND table_name = :name",
};
QUERIES.mariadb = QUERIES.mysql!;

/**
 * @example await tableExists(conn, "alembic_version", null)
 */
export async function tableExists(conn: Connection, name: string, schema: string | null): Promise<boolean> {
  const dialect = conn.dialect.name;
  if (dialect === "sqlite") {
    const master = schema
      ? `${conn.dialect.identifierPreparer.quote(schema)}.sqlite_master`
      : "sqlite_master";
    const r = await conn.execute(text(`SELECT 1 FROM ${master} WHERE type = 'table' AND name = :name`), {
      name,
    });
    return r.first() !== null;
  }
  const q = QUERIES[dialect];
  if (q) return (await conn.execute(text(q), { name, schema })).first() !== null;
  return (await inspect(conn)).hasTable(name, schema);
}
