/**
 * A tiny test-local DBAPI adapter over `pg`, for the disconnect and pre-ping tests against the
 * real PostgreSQL server.
 */
import pg from "pg";
import type { CursorColumn, DBAPIConnection, DBAPICursor, DBAPIParams } from "../../src/engine/interfaces.js";

export const PG_URL = process.env.ALKAHEST_TEST_PG_URL ?? "postgresql://root@127.0.0.1:5432/test";

class PgCursor implements DBAPICursor {
  description: CursorColumn[] | null = null;
  rowcount = -1;
  lastrowid = null;
  private rows: unknown[][] = [];

  constructor(private readonly client: pg.Client) {}

  async execute(sql: string, params?: DBAPIParams | null): Promise<void> {
    const values = Array.isArray(params) ? [...params] : [];
    const r = await this.client.query({ text: sql, values, rowMode: "array" });
    this.description =
      r.fields.length > 0 ? r.fields.map((f) => ({ name: f.name, typeCode: f.dataTypeID })) : null;
    this.rowcount = r.rowCount ?? -1;
    this.rows = r.rows as unknown[][];
  }

  async executemany(sql: string, seq: readonly DBAPIParams[]): Promise<void> {
    for (const p of seq) await this.execute(sql, p);
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

/**
 * pg.Client as a DBAPIConnection. `closed` reports only explicit close/terminate unless
 * `trackEnd` is set: a half-open TCP connection looks alive to the client too, and the pre-ping
 * must be what finds it dead.
 */
export class PgTestConnection implements DBAPIConnection {
  private ended = false;
  private ownClosed = false;

  private constructor(
    readonly client: pg.Client,
    readonly pid: number,
    private readonly trackEnd: boolean,
  ) {
    // a killed backend makes the idle client emit 'error'; unhandled, it would crash the process
    client.on("error", () => undefined);
    client.on("end", () => {
      this.ended = true;
    });
  }

  static async open(opts: { trackEnd?: boolean } = {}): Promise<PgTestConnection> {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const r = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    return new PgTestConnection(client, r.rows[0].pid, opts.trackEnd ?? false);
  }

  get driverConnection(): pg.Client {
    return this.client;
  }

  get closed(): boolean {
    return this.ownClosed || (this.trackEnd && this.ended);
  }

  cursor(): DBAPICursor {
    return new PgCursor(this.client);
  }

  async begin(): Promise<void> {
    await this.client.query("BEGIN");
  }

  async commit(): Promise<void> {
    await this.client.query("COMMIT");
  }

  async rollback(): Promise<void> {
    await this.client.query("ROLLBACK");
  }

  async close(): Promise<void> {
    this.ownClosed = true;
    await this.client.end();
  }

  terminate(): void {
    this.ownClosed = true;
    this.client.end().then(undefined, () => undefined);
  }

  async query(sql: string, params: unknown[] = []): Promise<unknown[][]> {
    const cur = this.cursor();
    await cur.execute(sql, params);
    return cur.fetchall();
  }
}

/** The errors pg raises for a connection whose backend is gone. */
export function isPgDisconnect(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e?.code !== undefined && /^(08|57P0)/.test(e.code)) return true;
  return /terminat|not queryable|ECONNRESET|EPIPE|Connection terminated/i.test(e?.message ?? "");
}

/** The adapter behind a pool handle's DBAPI connection. */
export function pgc(conn: DBAPIConnection): PgTestConnection {
  if (!(conn instanceof PgTestConnection)) throw new Error("not a PgTestConnection");
  return conn;
}

/**
 * Whether the server answers. Under CI=true a missing server is an error (the run must fail),
 * otherwise the PostgreSQL tests are skipped.
 */
export async function pgAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (err) {
    if (process.env.CI === "true") throw new Error(`PostgreSQL is required under CI=true: ${String(err)}`);
    return false;
  }
}
