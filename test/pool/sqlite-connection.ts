/**
 * A tiny test-local DBAPI adapter over better-sqlite3, so the pool tests run against real SQLite
 * connections without depending on the engine's adapter.
 */
import Database from "better-sqlite3";
import type { CursorColumn, DBAPIConnection, DBAPICursor, DBAPIParams } from "../../src/engine/interfaces.js";

class SqliteCursor implements DBAPICursor {
  description: CursorColumn[] | null = null;
  rowcount = -1;
  lastrowid: number | bigint | null = null;
  private rows: unknown[][] = [];

  constructor(private readonly db: Database.Database) {}

  execute(sql: string, params?: DBAPIParams | null): void {
    const stmt = this.db.prepare(sql);
    const args = params ?? [];
    if (stmt.reader) {
      this.description = stmt.columns().map((c) => ({ name: c.name }));
      this.rows = (Array.isArray(args) ? stmt.raw().all(...args) : stmt.raw().all(args)) as unknown[][];
    } else {
      const info = Array.isArray(args) ? stmt.run(...args) : stmt.run(args);
      this.description = null;
      this.rowcount = info.changes;
      this.lastrowid = info.lastInsertRowid;
    }
  }

  executemany(sql: string, seq: readonly DBAPIParams[]): void {
    for (const p of seq) this.execute(sql, p);
  }

  fetchone(): unknown[] | null {
    return this.rows.shift() ?? null;
  }

  fetchmany(size: number): unknown[][] {
    return this.rows.splice(0, size);
  }

  fetchall(): unknown[][] {
    return this.rows.splice(0);
  }

  close(): void {
    this.rows = [];
  }
}

/** better-sqlite3 as a DBAPIConnection; counts rollbacks so tests can see the reset on return. */
export class SqliteTestConnection implements DBAPIConnection {
  rollbacks = 0;
  commits = 0;

  constructor(readonly db: Database.Database) {}

  get driverConnection(): Database.Database {
    return this.db;
  }

  get closed(): boolean {
    return !this.db.open;
  }

  cursor(): SqliteCursor {
    return new SqliteCursor(this.db);
  }

  begin(): void {
    this.db.exec("BEGIN");
  }

  commit(): void {
    this.commits++;
    if (this.db.inTransaction) this.db.exec("COMMIT");
  }

  rollback(): void {
    this.rollbacks++;
    if (this.db.inTransaction) this.db.exec("ROLLBACK");
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  terminate(): void {
    if (this.db.open) this.db.close();
  }

  /** runs one statement and returns its rows (a test convenience) */
  query(sql: string, ...params: unknown[]): unknown[][] {
    const cur = this.cursor();
    cur.execute(sql, params);
    return cur.fetchall();
  }
}

/** A creator for `file` that records every connection it makes. */
export function sqliteCreator(file: string): {
  creator: () => Promise<DBAPIConnection>;
  made: SqliteTestConnection[];
} {
  const made: SqliteTestConnection[] = [];
  return {
    made,
    creator: async () => {
      const c = new SqliteTestConnection(new Database(file));
      made.push(c);
      return c;
    },
  };
}

/** The test adapter behind a pool handle's DBAPI connection. */
export function sq(conn: DBAPIConnection): SqliteTestConnection {
  if (!(conn instanceof SqliteTestConnection)) throw new Error("not a SqliteTestConnection");
  return conn;
}
