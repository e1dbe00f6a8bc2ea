import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DBAPIConnection, DBAPICursor } from "../../src/dialects/dbapi.js";
import {
  betterSqlite3Adapter as adapter,
  type BetterSqlite3ConnectArgs,
  classifySqliteError,
} from "../../src/dialects/sqlite/better-sqlite3.js";

const dir = mkdtempSync(join(tmpdir(), "alkahest-bs3-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const tmpFile = () => join(dir, `db${++fileNo}.sqlite`);

/** `fn` must throw; returns what the adapter classifies the error as. */
function classifyThrown(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    return classifySqliteError(err);
  }
  throw new Error("expected an error");
}

const db = (c: DBAPIConnection) => c.driverConnection as BetterSqlite3.Database;
/** the adapter's statement cache (not on the DBAPI interface) */
const cached = (c: DBAPIConnection) => (c as unknown as { cachedStatements(): string[] }).cachedStatements();

describe("better-sqlite3 adapter", () => {
  let conn: DBAPIConnection;
  let cur: DBAPICursor;
  const open = (args: BetterSqlite3ConnectArgs = {}) => adapter.connect(args);

  beforeEach(async () => {
    conn = await open();
    cur = conn.cursor();
    cur.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(20) UNIQUE, n INT NOT NULL DEFAULT 0)");
  });
  afterEach(() => conn.close());

  it("executes and fetches rows as arrays with a description", () => {
    cur.executemany("INSERT INTO t (name, n) VALUES (?, ?)", [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    expect(cur.rowcount).toBe(3);
    expect(cur.lastrowid).toBe(3);
    expect(cur.description).toBeNull();
    cur.execute("SELECT id, name AS label, n + 1 FROM t ORDER BY id");
    expect(cur.description).toEqual([
      { name: "id", typeCode: "INTEGER" },
      { name: "label", typeCode: "VARCHAR(20)" },
      { name: "n + 1", typeCode: null },
    ]);
    expect(cur.rowcount).toBe(-1);
    expect(cur.fetchone()).toEqual([1, "a", 2]);
    expect(cur.fetchmany(1)).toEqual([[2, "b", 3]]);
    expect(cur.fetchall()).toEqual([[3, "c", 4]]);
    expect(cur.fetchone()).toBeNull();
    expect(cur.fetchmany(5)).toEqual([]);
  });

  it("reports rowcount and lastrowid for DML, and rows of RETURNING", () => {
    cur.execute("INSERT INTO t (name) VALUES (?)", ["x"]);
    expect([cur.rowcount, cur.lastrowid]).toEqual([1, 1]);
    cur.execute("INSERT INTO t (name) VALUES (?), (?)", ["y", "z"]);
    expect([cur.rowcount, cur.lastrowid]).toEqual([2, 3]);
    cur.execute("UPDATE t SET n = n + 1 WHERE id > ?", [1]);
    expect(cur.rowcount).toBe(2);
    cur.execute("DELETE FROM t WHERE id = ? RETURNING id, name", [3]);
    expect(cur.description?.map((d) => d.name)).toEqual(["id", "name"]);
    expect(cur.fetchall()).toEqual([[3, "z"]]);
    expect(cur.rowcount).toBe(1);
    // DDL is not DML: -1, as pysqlite reports it (not the last DML's count)
    cur.execute("CREATE INDEX ix_t_n ON t (n)");
    expect(cur.rowcount).toBe(-1);
  });

  it("takes named parameters as an object and converts booleans to 0/1", () => {
    cur.execute("INSERT INTO t (name, n) VALUES (:name, :n)", { name: "b", n: true });
    cur.execute("INSERT INTO t (name, n) VALUES (?, ?)", ["c", false]);
    cur.execute("SELECT name, n FROM t WHERE n = :flag OR name = :name ORDER BY name", {
      flag: true,
      name: "c",
    });
    expect(cur.fetchall()).toEqual([
      ["b", 1],
      ["c", 0],
    ]);
  });

  it("keeps lastrowid and integers as bigint with safeIntegers", async () => {
    const c = await open({ safeIntegers: true });
    const k = c.cursor();
    k.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, v BIGINT)");
    k.execute("INSERT INTO b (v) VALUES (?)", [2n ** 62n]);
    expect(k.lastrowid).toBe(1n);
    k.execute("SELECT v FROM b");
    expect(k.fetchone()).toEqual([2n ** 62n]);
    c.close();
  });

  it("reads a BIGINT column exactly: numbers where exact, bigint beyond 2^53, buffered and streamed", () => {
    cur.execute("CREATE TABLE b (id INTEGER PRIMARY KEY, v BIGINT, w INTEGER)");
    const huge = 2n ** 62n + 1n;
    cur.execute("INSERT INTO b (v, w) VALUES (?, ?), (?, ?)", [huge, 7, 5, 8]);
    cur.execute("SELECT id, v, w FROM b ORDER BY id");
    expect(cur.fetchall()).toEqual([
      [1, huge, 7],
      [2, 5, 8],
    ]);
    const server = conn.cursor({ serverSide: true });
    server.execute("SELECT v FROM b ORDER BY id");
    expect(server.fetchmany(5)).toEqual([[huge], [5]]);
    server.close();
    // a statement without a BIGINT column reads JS numbers, as before
    cur.execute("SELECT w, id FROM b ORDER BY id");
    expect(cur.fetchall()).toEqual([
      [7, 1],
      [8, 2],
    ]);
    cur.execute("INSERT INTO b (v, w) VALUES (?, ?) RETURNING id, v", [-(2n ** 63n), 0]);
    expect(cur.fetchall()).toEqual([[3, -(2n ** 63n)]]);
  });

  describe("begin / commit / rollback", () => {
    it("emits BEGIN itself; commit and rollback outside a transaction are no-ops", async () => {
      expect(db(conn).inTransaction).toBe(false);
      conn.rollback();
      conn.commit();
      conn.begin();
      expect(db(conn).inTransaction).toBe(true);
      cur.execute("INSERT INTO t (name) VALUES ('r')");
      conn.rollback();
      expect(db(conn).inTransaction).toBe(false);
      cur.execute("SELECT count(*) FROM t");
      expect(cur.fetchone()).toEqual([0]);
      conn.rollback();
    });

    it("makes rows visible to a second connection only after commit", async () => {
      const file = tmpFile();
      const a = await open({ filename: file });
      const b = await open({ filename: file });
      const ca = a.cursor();
      const cb = b.cursor();
      ca.execute("CREATE TABLE p (x INT)");
      a.begin();
      ca.execute("INSERT INTO p VALUES (1)");
      cb.execute("SELECT count(*) FROM p");
      expect(cb.fetchone()).toEqual([0]);
      a.commit();
      cb.execute("SELECT count(*) FROM p");
      expect(cb.fetchone()).toEqual([1]);
      a.close();
      b.close();
    });
  });

  describe("server-side cursor", () => {
    beforeEach(() => {
      cur.executemany(
        "INSERT INTO t (name, n) VALUES (?, ?)",
        Array.from({ length: 10 }, (_, i) => [`r${i}`, i]),
      );
    });

    it("streams through stmt.iterate() and fetchmany pulls from the iterator", () => {
      const ss = conn.cursor({ serverSide: true });
      ss.execute("SELECT n FROM t ORDER BY n");
      expect(ss.description).toEqual([{ name: "n", typeCode: "INT" }]);
      expect(ss.fetchone()).toEqual([0]);
      expect(ss.fetchmany(3)).toEqual([[1], [2], [3]]);
      expect(ss.fetchall()).toHaveLength(6);
      expect(ss.fetchone()).toBeNull();
      // the iterator ended, so the connection takes writes again
      cur.execute("DELETE FROM t");
      expect(cur.rowcount).toBe(10);
    });

    it("releases the statement when closed early", () => {
      const ss = conn.cursor({ serverSide: true });
      ss.execute("SELECT n FROM t ORDER BY n");
      expect(ss.fetchmany(2)).toEqual([[0], [1]]);
      ss.close();
      conn.begin();
      cur.execute("DELETE FROM t");
      conn.commit();
      expect(ss.fetchone()).toBeNull();
    });

    it("buffers an open stream before a write, BEGIN or COMMIT instead of failing", () => {
      const ss = conn.cursor({ serverSide: true });
      ss.execute("SELECT n FROM t ORDER BY n");
      expect(ss.fetchone()).toEqual([0]);
      // a read may run next to the iterator; the same SQL gets a fresh statement
      const other = conn.cursor({ serverSide: true });
      other.execute("SELECT n FROM t ORDER BY n");
      expect(other.fetchone()).toEqual([0]);
      conn.begin();
      cur.execute("DELETE FROM t");
      conn.commit();
      expect((ss.fetchall() as unknown[][]).map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(other.fetchmany(2)).toEqual([[1], [2]]);
    });

    it("runs DML normally on a server-side cursor", () => {
      const ss = conn.cursor({ serverSide: true });
      ss.execute("UPDATE t SET n = 0");
      expect(ss.rowcount).toBe(10);
      expect(ss.description).toBeNull();
    });
  });

  describe("prepared statement cache", () => {
    it("reuses one prepared statement per SQL text", () => {
      let prepares = 0;
      const d = db(conn);
      const prepare = d.prepare.bind(d);
      d.prepare = ((sql: string) => {
        prepares++;
        return prepare(sql);
      }) as typeof d.prepare;
      for (let i = 0; i < 5; i++) cur.execute("SELECT ? + 1", [i]);
      expect(cur.fetchone()).toEqual([5]);
      expect(prepares).toBe(1);
      expect(cached(conn)).toContain("SELECT ? + 1");
    });

    it("refreshes a cached statement's description after the schema changes", async () => {
      cur.execute("INSERT INTO t (name) VALUES ('a')");
      cur.execute("SELECT * FROM t");
      expect(cur.description?.map((d) => d.name)).toEqual(["id", "name", "n"]);
      cur.execute("ALTER TABLE t ADD COLUMN extra INT");
      cur.execute("SELECT * FROM t");
      expect(cur.description?.map((d) => d.name)).toEqual(["id", "name", "n", "extra"]);
      // DDL from another connection: the wider row gives it away
      const file = tmpFile();
      const a = await open({ filename: file });
      const b = await open({ filename: file });
      a.cursor().execute("CREATE TABLE w (x INT)");
      a.cursor().execute("INSERT INTO w VALUES (1)");
      const ca = a.cursor();
      ca.execute("SELECT * FROM w");
      expect(ca.description?.length).toBe(1);
      b.cursor().execute("ALTER TABLE w ADD COLUMN y INT");
      ca.execute("SELECT * FROM w");
      expect(ca.fetchall()).toEqual([[1, null]]);
      expect(ca.description?.map((d) => d.name)).toEqual(["x", "y"]);
      a.close();
      b.close();
    });

    it("is an LRU bounded by statementCacheSize", async () => {
      const c = await open({ statementCacheSize: 2 });
      const k = c.cursor();
      k.execute("SELECT 1");
      k.execute("SELECT 2");
      k.execute("SELECT 1"); // now the most recent
      k.execute("SELECT 3"); // evicts SELECT 2
      expect(cached(c)).toEqual(["SELECT 1", "SELECT 3"]);
      c.close();
    });

    it("is off with statementCacheSize 0", async () => {
      const c = await open({ statementCacheSize: 0 });
      const k = c.cursor();
      k.execute("SELECT 1");
      expect(k.fetchall()).toEqual([[1]]);
      expect(cached(c)).toEqual([]);
      c.close();
    });
  });

  describe("error classification", () => {
    beforeEach(() => {
      db(conn).pragma("foreign_keys = ON");
      cur.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, t_id INT REFERENCES t(id), v INT CHECK (v > 0))");
      cur.execute("INSERT INTO t (id, name) VALUES (1, 'a')");
    });
    const run = (sql: string, params?: unknown[] | Record<string, unknown>) =>
      classifyThrown(() => cur.execute(sql, params));

    it("maps constraint failures to IntegrityError subclasses", () => {
      expect(run("INSERT INTO t (name) VALUES ('a')")).toEqual({
        dbapiClass: "IntegrityError",
        subclass: "UniqueViolation",
        isDisconnect: false,
      });
      expect(run("INSERT INTO t (id) VALUES (1)")?.subclass).toBe("UniqueViolation");
      expect(run("INSERT INTO c (t_id) VALUES (99)")?.subclass).toBe("ForeignKeyViolation");
      expect(run("INSERT INTO t (name, n) VALUES ('q', NULL)")?.subclass).toBe("NotNullViolation");
      expect(run("INSERT INTO c (v) VALUES (-1)")?.subclass).toBe("CheckViolation");
      cur.execute("CREATE TABLE s (x INT) STRICT");
      expect(run("INSERT INTO s VALUES ('text')")).toEqual({
        dbapiClass: "IntegrityError",
        isDisconnect: false,
      });
      // the connection is usable afterwards
      cur.execute("SELECT count(*) FROM t");
      expect(cur.fetchone()).toEqual([1]);
    });

    it("maps SQLITE_ERROR (missing table, syntax) to OperationalError as pysqlite does", () => {
      expect(run("SELECT * FROM nope")).toEqual({ dbapiClass: "OperationalError", isDisconnect: false });
      expect(run("SELEC 1")?.dbapiClass).toBe("OperationalError");
    });

    it("maps bad parameters to ProgrammingError and oversized values to DataError", () => {
      expect(run("SELECT ?, ?", [1])).toEqual({ dbapiClass: "ProgrammingError", isDisconnect: false });
      expect(run("SELECT ?", [1, 2])?.dbapiClass).toBe("ProgrammingError");
      expect(run("SELECT :a", { b: 1 })?.dbapiClass).toBe("ProgrammingError");
      expect(run("SELECT ?", [new Date()])?.dbapiClass).toBe("ProgrammingError");
      expect(run("SELECT ?", [2n ** 64n])?.dbapiClass).toBe("DataError");
      expect(run("SELECT 1; SELECT 2")?.dbapiClass).toBe("ProgrammingError");
    });

    it("maps SQLITE_BUSY to OperationalError(LockTimeout)", async () => {
      const file = tmpFile();
      const a = await open({ filename: file });
      const b = await open({ filename: file, timeout: 0 });
      a.cursor().execute("CREATE TABLE l (x INT)");
      a.begin();
      a.cursor().execute("INSERT INTO l VALUES (1)");
      const got = classifyThrown(() => b.cursor().execute("INSERT INTO l VALUES (2)"));
      expect(got).toEqual({ dbapiClass: "OperationalError", subclass: "LockTimeout", isDisconnect: false });
      a.rollback();
      a.close();
      b.close();
    });

    it("maps a write on a read-only database to OperationalError", async () => {
      const file = tmpFile();
      (await open({ filename: file })).close();
      const ro = await open({ filename: file, readonly: true });
      expect(classifyThrown(() => ro.cursor().execute("CREATE TABLE z (x)"))?.dbapiClass).toBe(
        "OperationalError",
      );
      ro.close();
    });

    it("treats a closed database as a disconnect", async () => {
      const c = await open();
      c.close();
      expect(c.closed).toBe(true);
      expect(classifyThrown(() => c.cursor().execute("SELECT 1"))).toEqual({
        dbapiClass: "ProgrammingError",
        isDisconnect: true,
      });
      c.terminate();
    });

    it("returns null for errors that are not the driver's", () => {
      expect(classifySqliteError(new TypeError("x is not a function"))).toBeNull();
      expect(classifySqliteError("nope")).toBeNull();
    });
  });

  it("opens with options from URL text", async () => {
    const file = tmpFile();
    const args = {
      filename: file,
      fileMustExist: "true",
      timeout: "100",
    } as unknown as BetterSqlite3ConnectArgs;
    await expect(open(args)).rejects.toMatchObject({ code: "SQLITE_CANTOPEN" });
  });
});
