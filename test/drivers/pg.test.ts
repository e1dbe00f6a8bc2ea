import type { Client } from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ClassifiedError, DBAPIConnection, DBAPICursor, DBAPIParams } from "../../src/dialects/dbapi.js";
import {
  pgAdapter as adapter,
  classifyPgError,
  type PgConnectArgs,
} from "../../src/dialects/postgresql/pg.js";
import { pgUrl, requireServer } from "../helpers/databases.js";

const open = (args: Partial<PgConnectArgs> = {}) =>
  adapter.connect({ connectionString: pgUrl, connectionTimeoutMillis: 3000, ...args });

const hasPg = await requireServer("PostgreSQL", async () => {
  const c = await open();
  await c.close();
});

/** Runs a statement on a fresh cursor and returns every row. */
async function all(conn: DBAPIConnection, sql: string, params?: DBAPIParams): Promise<unknown[][]> {
  const cur = conn.cursor();
  await cur.execute(sql, params);
  return cur.fetchall();
}

/** The statement must fail; returns its classification. */
async function classified(p: unknown): Promise<ClassifiedError | null> {
  try {
    await p;
  } catch (err) {
    return classifyPgError(err);
  }
  throw new Error("expected an error");
}

const prepared = async (conn: DBAPIConnection) =>
  (await all(conn, "SELECT name FROM pg_prepared_statements WHERE name LIKE 'a\\_%' ORDER BY name")).map(
    (r) => r[0],
  );
const pidOf = async (conn: DBAPIConnection) => (await all(conn, "SELECT pg_backend_pid()"))[0][0];

describe.skipIf(!hasPg)("pg adapter", () => {
  let conn: DBAPIConnection;
  let cur: DBAPICursor;

  beforeEach(async () => {
    conn = await open();
    cur = conn.cursor();
    await cur.execute(
      "CREATE TEMP TABLE t (id SERIAL PRIMARY KEY, name VARCHAR(20) UNIQUE, n INT NOT NULL DEFAULT 0)",
    );
  });
  afterEach(async () => {
    await conn.close();
  });

  it("executes and fetches rows as arrays with a description", async () => {
    await cur.executemany("INSERT INTO t (name, n) VALUES ($1, $2)", [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    expect(cur.rowcount).toBe(3);
    expect(cur.statusMessage).toBe("INSERT 0 1");
    await cur.execute("SELECT id, name AS label, n + 1 FROM t ORDER BY id");
    expect(cur.description).toEqual([
      { name: "id", typeCode: 23 },
      { name: "label", typeCode: 1043 },
      { name: "?column?", typeCode: 23 },
    ]);
    expect(cur.rowcount).toBe(3);
    expect(cur.statusMessage).toBe("SELECT 3");
    expect(await cur.fetchone()).toEqual([1, "a", 2]);
    expect(await cur.fetchmany(1)).toEqual([[2, "b", 3]]);
    expect(await cur.fetchall()).toEqual([[3, "c", 4]]);
    expect(await cur.fetchone()).toBeNull();
    expect(cur.lastrowid).toBeNull();
  });

  it("reports rowcount and the command tag for DML and DDL", async () => {
    await cur.execute("INSERT INTO t (name) VALUES ($1), ($2) RETURNING id", ["x", "y"]);
    expect([cur.rowcount, cur.statusMessage]).toEqual([2, "INSERT 0 2"]);
    expect(await cur.fetchall()).toEqual([[1], [2]]);
    await cur.execute("UPDATE t SET n = n + 1 WHERE id > $1", [0]);
    expect([cur.rowcount, cur.statusMessage, cur.description]).toEqual([2, "UPDATE 2", null]);
    await cur.execute("DELETE FROM t WHERE id = $1", [9]);
    expect([cur.rowcount, cur.statusMessage]).toEqual([0, "DELETE 0"]);
    await cur.execute("CREATE TEMP TABLE u (x INT)");
    expect([cur.rowcount, cur.statusMessage, cur.description]).toEqual([-1, "CREATE", null]);
  });

  it("rejects named parameters: pg takes $1, $2 …", async () => {
    await expect(cur.execute("SELECT $1", { a: 1 })).rejects.toThrow(/positional parameters/);
  });

  it("parses types per connection: int8 → bigint, timestamp → Date (UTC), date → text", async () => {
    await cur.execute(
      `SELECT 9007199254740993::int8, 1.10::numeric(5,2), TIMESTAMP '2024-01-02 03:04:05.678',
        TIMESTAMPTZ '2024-01-02 03:04:05+02', DATE '2024-02-29', '{"a":[1]}'::json, '[1,2]'::jsonb,
        '\\x0102'::bytea, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid, ARRAY[1,2]::int8[],
        ARRAY[DATE '2024-01-01'], ARRAY[TIMESTAMP '2024-01-01 00:00:01'], true, 1.5::float8`,
    );
    expect(await cur.fetchone()).toEqual([
      9007199254740993n,
      "1.10",
      new Date("2024-01-02T03:04:05.678Z"),
      new Date("2024-01-02T01:04:05Z"),
      "2024-02-29",
      { a: [1] },
      [1, 2],
      Buffer.from([1, 2]),
      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
      [1n, 2n],
      ["2024-01-01"],
      [new Date("2024-01-01T00:00:01Z")],
      true,
      1.5,
    ]);
    // the overrides are per connection: pg's global parsers are untouched
    const { default: pg } = await import("pg");
    expect(pg.types.getTypeParser(20)("5")).toBe("5");
  });

  describe("begin / commit / rollback", () => {
    it("makes rows visible to a second connection only after commit", async () => {
      const other = await open();
      await cur.execute("CREATE TABLE IF NOT EXISTS alk_drv_vis (x INT)");
      await cur.execute("TRUNCATE alk_drv_vis");
      try {
        await conn.begin();
        await cur.execute("INSERT INTO alk_drv_vis VALUES ($1)", [1]);
        expect(await all(other, "SELECT count(*) FROM alk_drv_vis")).toEqual([[0n]]);
        await conn.commit();
        expect(await all(other, "SELECT count(*) FROM alk_drv_vis")).toEqual([[1n]]);
        await conn.begin();
        await cur.execute("INSERT INTO alk_drv_vis VALUES ($1)", [2]);
        await conn.rollback();
        expect(await all(other, "SELECT count(*) FROM alk_drv_vis")).toEqual([[1n]]);
      } finally {
        await cur.execute("DROP TABLE alk_drv_vis");
        await other.close();
      }
    });

    it("treats ROLLBACK outside a transaction as a no-op", async () => {
      await conn.rollback();
      await conn.rollback();
      expect(await all(conn, "SELECT 1")).toEqual([[1]]);
    });

    it("owes ROLLBACK: it rides with the next statement, or goes by itself at the end of the turn", async () => {
      const client = conn.driverConnection as Client;
      const other = await open();
      try {
        await conn.begin();
        await cur.execute("INSERT INTO t (name) VALUES ($1)", ["a"]);
        await conn.rollback();
        expect(client.getTransactionStatus()).toBe("T"); // nothing sent yet
        expect(await all(conn, "SELECT count(*) FROM t WHERE name = $1", ["a"])).toEqual([[0n]]);
        expect(client.getTransactionStatus()).toBe("I");
        await all(conn, "CREATE TABLE IF NOT EXISTS alk_drv_owed (x INT PRIMARY KEY)");
        await all(conn, "INSERT INTO alk_drv_owed VALUES (1) ON CONFLICT DO NOTHING");
        await conn.begin();
        await cur.execute("SELECT x FROM alk_drv_owed WHERE x = $1 FOR UPDATE", [1]);
        await conn.rollback();
        // no statement follows: the ROLLBACK goes at the end of this turn and frees the row lock
        await new Promise((r) => setTimeout(r, 100));
        expect(client.getTransactionStatus()).toBe("I");
        expect(await all(other, "SELECT x FROM alk_drv_owed WHERE x = $1 FOR UPDATE NOWAIT", [1])).toEqual([
          [1],
        ]);
      } finally {
        await all(other, "DROP TABLE IF EXISTS alk_drv_owed");
        await other.close();
      }
    });

    it("close() sends an owed ROLLBACK before it resolves", async () => {
      const other = await open();
      const mine = await open();
      try {
        await all(other, "CREATE TABLE IF NOT EXISTS alk_drv_owed2 (x INT PRIMARY KEY)");
        await all(other, "INSERT INTO alk_drv_owed2 VALUES (1) ON CONFLICT DO NOTHING");
        await mine.begin();
        await all(mine, "SELECT x FROM alk_drv_owed2 WHERE x = $1 FOR UPDATE", [1]);
        await mine.rollback();
        await mine.close();
        expect(await all(other, "SELECT x FROM alk_drv_owed2 WHERE x = $1 FOR UPDATE NOWAIT", [1])).toEqual([
          [1],
        ]);
      } finally {
        await all(other, "DROP TABLE IF EXISTS alk_drv_owed2");
        await other.close();
      }
    });

    it("sends BEGIN with the first statement, and nothing for a transaction that runs nothing", async () => {
      const client = conn.driverConnection as Client;
      await conn.begin();
      expect(client.getTransactionStatus()).toBe("I");
      await conn.commit();
      await conn.begin();
      await conn.rollback();
      expect(client.getTransactionStatus()).toBe("I");
      for (const params of [undefined, ["x"]]) {
        await conn.begin();
        // with parameters BEGIN rides in front of the prepared statement; without, it goes first
        await cur.execute(
          params ? "INSERT INTO t (name) VALUES ($1)" : "INSERT INTO t (name) VALUES ('y')",
          params,
        );
        expect(client.getTransactionStatus()).toBe("T");
        expect(cur.rowcount).toBe(1);
        expect(cur.statusMessage).toBe("INSERT 0 1");
        await conn.rollback(); // owed: carried by the next statement
        expect(await all(conn, "SELECT count(*) FROM t")).toEqual([[0n]]);
      }
    });

    it("a statement failing behind a pipelined BEGIN leaves a failed transaction to roll back", async () => {
      const client = conn.driverConnection as Client;
      await all(conn, "INSERT INTO t (name) VALUES ($1)", ["dup"]);
      for (let i = 0; i < 2; i++) {
        await conn.begin();
        expect(await classified(cur.execute("INSERT INTO t (name) VALUES ($1)", ["dup"]))).toMatchObject({
          subclass: "UniqueViolation",
        });
        await expect(all(conn, "SELECT $1::int", [1])).rejects.toThrow(/current transaction is aborted/);
        await conn.rollback();
        expect(await all(conn, "SELECT count(*) FROM t")).toEqual([[1n]]);
        expect(client.getTransactionStatus()).toBe("I");
      }
    });

    it("prepares BEGIN again after the server dropped it (DISCARD ALL)", async () => {
      await conn.begin();
      await cur.execute("INSERT INTO t (name) VALUES ($1)", ["a"]);
      await conn.rollback();
      // behind the adapter's back, as a pooler would; the raw client gets the owed ROLLBACK first
      const client = conn.driverConnection as Client;
      await client.query("DISCARD ALL");
      await conn.begin();
      await cur.execute("CREATE TEMP TABLE IF NOT EXISTS t2 (name TEXT)");
      await cur.execute("INSERT INTO t2 (name) VALUES ($1)", ["b"]);
      expect(client.getTransactionStatus()).toBe("T");
      await conn.rollback();
      expect(await all(conn, "SELECT to_regclass('pg_temp.t2') IS NULL")).toEqual([[true]]);
    });
  });

  describe("server-side cursor (pg-cursor)", () => {
    beforeEach(async () => {
      await cur.execute("INSERT INTO t (name, n) SELECT 'r' || i, i FROM generate_series(0, 99) i");
      await conn.begin();
    });
    afterEach(async () => {
      await conn.rollback();
    });

    it("knows the description at execute and fetches in batches", async () => {
      const ss = conn.cursor({ serverSide: true });
      await ss.execute("SELECT n, name FROM t WHERE n >= $1 ORDER BY n", [0]);
      expect(ss.description).toEqual([
        { name: "n", typeCode: 23 },
        { name: "name", typeCode: 1043 },
      ]);
      expect(await ss.fetchone()).toEqual([0, "r0"]);
      expect((await ss.fetchmany(5)).map((r) => r[0])).toEqual([1, 2, 3, 4, 5]);
      const rest = await ss.fetchall();
      expect(rest).toHaveLength(94);
      expect(await ss.fetchone()).toBeNull();
      expect(ss.rowcount).toBeGreaterThanOrEqual(0);
      await ss.close();
      expect(await all(conn, "SELECT count(*) FROM t")).toEqual([[100n]]);
    });

    it("closes early and leaves the connection usable", async () => {
      const ss = conn.cursor({ serverSide: true });
      await ss.execute("SELECT n FROM t ORDER BY n");
      expect(await ss.fetchmany(3)).toEqual([[0], [1], [2]]);
      await ss.close();
      expect(await ss.fetchmany(3)).toEqual([]);
      expect(await all(conn, "SELECT count(*) FROM t WHERE n < $1", [10])).toEqual([[10n]]);
    });

    it("handles empty results and errors", async () => {
      const ss = conn.cursor({ serverSide: true });
      await ss.execute("SELECT n FROM t WHERE false");
      expect(ss.description).toEqual([{ name: "n", typeCode: 23 }]);
      expect(await ss.fetchmany(10)).toEqual([]);
      const bad = conn.cursor({ serverSide: true });
      expect(await classified(bad.execute("SELECT nope FROM t"))).toMatchObject({
        dbapiClass: "ProgrammingError",
        sqlstate: "42703",
      });
    });

    it("buffers an open stream before another query instead of hanging", async () => {
      const ss = conn.cursor({ serverSide: true });
      await ss.execute("SELECT n FROM t ORDER BY n");
      expect(await ss.fetchone()).toEqual([0]);
      expect(await all(conn, "SELECT count(*) FROM t")).toEqual([[100n]]);
      const rest = await ss.fetchall();
      expect(rest).toHaveLength(99);
      expect(rest[0]).toEqual([1]);
    });
  });

  describe("named prepared statements", () => {
    it("prepares statements with parameters once per SQL text", async () => {
      for (let i = 0; i < 3; i++) await cur.execute("SELECT $1::int + 1", [i]);
      expect(await cur.fetchone()).toEqual([3]);
      await cur.execute("SELECT 42"); // no parameters: simple protocol, not prepared
      const names = await prepared(conn);
      expect(names).toHaveLength(1);
      expect(names[0]).toMatch(/^a_[0-9a-f]{24}$/);
    });

    it("keeps at most statementCacheSize prepared, DEALLOCATEing the oldest", async () => {
      const c = await open({ statementCacheSize: 3 });
      for (let i = 1; i <= 5; i++) await all(c, `SELECT $1::int + ${i}`, [0]);
      const names = await prepared(c);
      expect(names).toHaveLength(3);
      // an evicted statement prepares again under the same name
      expect(await all(c, "SELECT $1::int + 1", [1])).toEqual([[2]]);
      expect(await prepared(c)).toHaveLength(3);
      await c.close();
    });

    it("evicting a statement whose Parse failed leaves the next transaction usable", async () => {
      const c = await open({ statementCacheSize: 2 });
      await expect(all(c, "SELECT * FROM no_such_table_evicted WHERE 1 = $1", [1])).rejects.toThrow();
      await c.rollback();
      // two more statements push the failed one out; the second runs inside a transaction
      await all(c, "SELECT $1::int + 1", [1]);
      c.begin();
      expect(await all(c, "SELECT $1::int + 2", [1])).toEqual([[3]]);
      expect(await all(c, "SELECT $1::int + 3", [1])).toEqual([[4]]);
      await c.rollback();
      await c.close();
    });

    it("can be turned off for poolers (preparedStatements: false)", async () => {
      const c = await open({ preparedStatements: false });
      expect(await all(c, "SELECT $1::int + 1", [1])).toEqual([[2]]);
      expect(await prepared(c)).toEqual([]);
      await c.close();
    });

    it("forgets its prepared statements after DDL it ran (their parameter and result types may be stale)", async () => {
      await cur.execute("INSERT INTO t (name) VALUES ('a')");
      expect(await all(conn, "SELECT * FROM t WHERE id = $1", [1])).toEqual([[1, "a", 0]]);
      await cur.execute("ALTER TABLE t ADD COLUMN extra INT");
      expect(await all(conn, "SELECT * FROM t WHERE id = $1", [1])).toEqual([[1, "a", 0, null]]);
      expect(await prepared(conn)).toHaveLength(1);
    });

    it("re-prepares a statement whose result type changed by DDL it did not see (0A000)", async () => {
      await cur.execute("INSERT INTO t (name) VALUES ('a')");
      expect(await all(conn, "SELECT * FROM t WHERE id = $1", [1])).toEqual([[1, "a", 0]]);
      // past the adapter, as another process's DDL would be
      await (conn.driverConnection as Client).query("ALTER TABLE t ADD COLUMN extra INT");
      expect(await classified(all(conn, "SELECT * FROM t WHERE id = $1", [1]))).toMatchObject({
        dbapiClass: "NotSupportedError",
        sqlstate: "0A000",
      });
      expect(await all(conn, "SELECT * FROM t WHERE id = $1", [1])).toEqual([[1, "a", 0, null]]);
      expect(await prepared(conn)).toHaveLength(1);
    });

    it("recovers after the server dropped its statements (DEALLOCATE ALL)", async () => {
      await all(conn, "SELECT $1::int", [1]);
      await all(conn, "DEALLOCATE ALL");
      expect(await classified(all(conn, "SELECT $1::int", [1]))).toMatchObject({ sqlstate: "26000" });
      expect(await all(conn, "SELECT $1::int", [2])).toEqual([[2]]);
    });
  });

  describe("error classification", () => {
    beforeAll(async () => {
      const c = await open();
      await all(c, "DROP TABLE IF EXISTS alk_drv_child, alk_drv_parent");
      await all(c, "CREATE TABLE alk_drv_parent (id INT PRIMARY KEY, v INT CHECK (v > 0))");
      await all(
        c,
        "CREATE TABLE alk_drv_child (id INT PRIMARY KEY, p INT REFERENCES alk_drv_parent(id) ON DELETE RESTRICT)",
      );
      await all(c, "INSERT INTO alk_drv_parent VALUES (1, 1), (2, 2)");
      await all(c, "INSERT INTO alk_drv_child VALUES (1, 1)");
      await c.close();
    });
    afterAll(async () => {
      const c = await open();
      await all(c, "DROP TABLE IF EXISTS alk_drv_child, alk_drv_parent");
      await c.close();
    });
    const run = (sql: string, params?: unknown[]) => classified(cur.execute(sql, params));

    it("maps integrity SQLSTATEs to IntegrityError subclasses", async () => {
      await cur.execute("INSERT INTO t (name) VALUES ('a')");
      expect(await run("INSERT INTO t (name) VALUES ($1)", ["a"])).toEqual({
        dbapiClass: "IntegrityError",
        subclass: "UniqueViolation",
        sqlstate: "23505",
        isDisconnect: false,
      });
      expect(await run("INSERT INTO alk_drv_child VALUES (2, 99)")).toMatchObject({
        subclass: "ForeignKeyViolation",
        sqlstate: "23503",
      });
      expect(await run("INSERT INTO t (name, n) VALUES ('b', NULL)")).toMatchObject({
        subclass: "NotNullViolation",
        sqlstate: "23502",
      });
      expect(await run("INSERT INTO alk_drv_parent VALUES (3, -1)")).toMatchObject({
        subclass: "CheckViolation",
        sqlstate: "23514",
      });
      await cur.execute("CREATE TEMP TABLE ex (r int4range, EXCLUDE USING gist (r WITH &&))");
      await cur.execute("INSERT INTO ex VALUES ('[1,5)')");
      const exclusion = await run("INSERT INTO ex VALUES ('[3,8)')");
      expect(exclusion).toEqual({ dbapiClass: "IntegrityError", sqlstate: "23P01", isDisconnect: false });
      expect(await all(conn, "SELECT 1")).toEqual([[1]]);
    });

    it("maps 42xxx to ProgrammingError, 22xxx to DataError, 0A000 to NotSupportedError", async () => {
      expect(await run("SELEC 1")).toMatchObject({ dbapiClass: "ProgrammingError", sqlstate: "42601" });
      expect(await run("SELECT * FROM nope")).toMatchObject({
        dbapiClass: "ProgrammingError",
        sqlstate: "42P01",
      });
      expect(await run("SELECT 1 / 0")).toMatchObject({ dbapiClass: "DataError", sqlstate: "22012" });
      expect(await run("SELECT $1::int", ["x"])).toMatchObject({
        dbapiClass: "DataError",
        sqlstate: "22P02",
      });
      expect(await run("SELECT count(*) FROM t FOR UPDATE")).toMatchObject({
        dbapiClass: "NotSupportedError",
        sqlstate: "0A000",
      });
    });

    it("maps statement timeouts to QueryCanceled and lock timeouts to LockTimeout", async () => {
      await cur.execute("SET statement_timeout = '50ms'");
      expect(await run("SELECT pg_sleep(2)")).toEqual({
        dbapiClass: "OperationalError",
        subclass: "QueryCanceled",
        sqlstate: "57014",
        isDisconnect: false,
      });
      await cur.execute("SET statement_timeout = 0");
      const other = await open();
      try {
        await other.begin();
        await all(other, "SELECT * FROM alk_drv_parent WHERE id = 2 FOR UPDATE");
        await cur.execute("SET lock_timeout = '50ms'");
        expect(await run("UPDATE alk_drv_parent SET v = 5 WHERE id = 2")).toMatchObject({
          dbapiClass: "OperationalError",
          subclass: "LockTimeout",
          sqlstate: "55P03",
        });
      } finally {
        await other.rollback();
        await other.close();
      }
    });

    it("maps 40001 to SerializationFailure", async () => {
      const other = await open();
      try {
        await cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        await cur.execute("SELECT v FROM alk_drv_parent WHERE id = 2");
        await all(other, "UPDATE alk_drv_parent SET v = v + 1 WHERE id = 2");
        expect(await run("UPDATE alk_drv_parent SET v = v + 1 WHERE id = 2")).toMatchObject({
          dbapiClass: "OperationalError",
          subclass: "SerializationFailure",
          sqlstate: "40001",
        });
      } finally {
        await conn.rollback();
        await other.close();
      }
    });

    it("maps 40P01 to Deadlock", async () => {
      const other = await open();
      try {
        await conn.begin();
        await other.begin();
        await all(conn, "UPDATE alk_drv_parent SET v = v WHERE id = 1");
        await all(other, "UPDATE alk_drv_parent SET v = v WHERE id = 2");
        const first = classified(all(conn, "UPDATE alk_drv_parent SET v = v WHERE id = 2"));
        const second = classified(all(other, "UPDATE alk_drv_parent SET v = v WHERE id = 1"));
        // exactly one of the two is chosen as the victim; the other then proceeds
        const results = await Promise.allSettled([first, second]);
        const victims = results
          .filter((r): r is PromiseFulfilledResult<ClassifiedError | null> => r.status === "fulfilled")
          .map((r) => r.value);
        expect(victims).toEqual([
          { dbapiClass: "OperationalError", subclass: "Deadlock", sqlstate: "40P01", isDisconnect: false },
        ]);
      } finally {
        await conn.rollback();
        await other.rollback();
        await other.close();
      }
    }, 15_000);

    it("classifies the SQLSTATEs that are hard to provoke", () => {
      const pgError = (code: string, severity = "ERROR") =>
        Object.assign(new Error(code), { code, severity });
      expect(classifyPgError(pgError("XX000"))).toMatchObject({ dbapiClass: "InternalError" });
      expect(classifyPgError(pgError("08006"))).toMatchObject({
        dbapiClass: "OperationalError",
        isDisconnect: true,
      });
      expect(classifyPgError(pgError("57P02", "FATAL"))).toMatchObject({ isDisconnect: true });
      expect(classifyPgError(pgError("23P01"))).toMatchObject({ dbapiClass: "IntegrityError" });
      expect(classifyPgError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }))).toEqual({
        dbapiClass: "OperationalError",
        isDisconnect: true,
      });
      expect(classifyPgError(new Error("Connection terminated unexpectedly"))).toMatchObject({
        isDisconnect: true,
      });
      expect(classifyPgError(new TypeError("x is not a function"))).toBeNull();
    });
  });

  describe("disconnects", () => {
    it("classifies a backend killed while idle as a disconnect", async () => {
      const victim = await open();
      const pid = await pidOf(victim);
      expect(await all(conn, "SELECT pg_terminate_backend($1)", [pid])).toEqual([[true]]);
      await (victim as unknown as { ended: Promise<void> }).ended;
      expect(victim.closed).toBe(true);
      const err = await classified(all(victim, "SELECT 1"));
      expect(err).toEqual({ dbapiClass: "OperationalError", isDisconnect: true });
      await victim.close();
    });

    it("classifies a backend killed mid-query as a disconnect", async () => {
      const victim = await open();
      const pid = await pidOf(victim);
      const pending = classified(all(victim, "SELECT pg_sleep(10)"));
      await new Promise((r) => setTimeout(r, 100));
      await all(conn, "SELECT pg_terminate_backend($1)", [pid]);
      expect(await pending).toMatchObject({
        dbapiClass: "OperationalError",
        sqlstate: "57P01",
        isDisconnect: true,
      });
      expect(victim.closed).toBe(true);
      victim.terminate();
    });

    it("terminate() drops the socket at once", async () => {
      const c = await open();
      const client = c.driverConnection as Client;
      c.terminate();
      expect(c.closed).toBe(true);
      await (c as unknown as { ended: Promise<void> }).ended;
      expect(await classified(client.query("SELECT 1"))).toMatchObject({ isDisconnect: true });
    });
  });
});
