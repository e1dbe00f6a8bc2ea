import type { DBAPIConnection, DBAPIParams } from "./dbapi.js";

/** Runs one statement on a driver connection and returns its rows (dialect housekeeping queries). */
export async function queryAll(
  conn: DBAPIConnection,
  sql: string,
  params?: DBAPIParams,
): Promise<unknown[][]> {
  const cursor = conn.cursor();
  try {
    await cursor.execute(sql, params ?? null);
    return cursor.description ? await cursor.fetchall() : [];
  } finally {
    await cursor.close();
  }
}
