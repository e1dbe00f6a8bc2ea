import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ClassifiedError, DBAPIConnection, DBAPICursor, DBAPIParams } from "../../src/dialects/dbapi.js";
import {
  mysql2Adapter as adapter,
  classifyMysqlError,
  type Mysql2ConnectArgs,
} from "../../src/dialects/mysql/mysql2.js";
import {
  mariadbRuntimeDialect,
  parseServerVersion,
  runtimeDialect,
} from "../../src/dialects/mysql/runtime.js";
import { mysqlUrl, requireServer } from "../helpers/databases.js";

const open = (args: Partial<Mysql2ConnectArgs> = {}) =>
  adapter.connect({ uri: mysqlUrl, connectTimeout: 3000, ...args });

const hasMysql = await requireServer("MySQL", async () => {
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
    return classifyMysqlError(err);
  }
  throw new Error("expected an error");
}

/** Permanent tables of this file (other connections must see them): unique per process. */
const tag = `alk_m2_${process.pid}`;
const threadId = (c: DBAPIConnection) => (c as unknown as { threadId: number }).threadId;
const sessionStatus = async (c: DBAPIConnection, name: string) =>
  Number((await all(c, `SHOW SESSION STATUS LIKE '${name}'`))[0][1]);

describe.skipIf(!hasMysql)("mysql2 adapter", () => {
  let conn: DBAPIConnection;
  let cur: DBAPICursor;

  beforeEach(async () => {
    conn = await open();
    cur = conn.cursor();
    await cur.execute(
      "CREATE TEMPORARY TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) UNIQUE, n INT NOT NULL DEFAULT 0)",
    );
  });
  afterEach(async () => {
    await conn.close();
  });

  it("executes and fetches rows as arrays with a description", async () => {
    await cur.executemany("INSERT INTO t (name, n) VALUES (?, ?)", [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
    expect(cur.rowcount).toBe(3);
    expect(cur.description).toBeNull();
    await cur.execute("SELECT id, name AS label, n + 1 FROM t ORDER BY id");
    expect(cur.description).toEqual([
      { name: "id", typeCode: 3 },
      { name: "label", typeCode: 253 },
      { name: "n + 1", typeCode: 8 },
    ]);
    expect(cur.rowcount).toBe(3);
    expect(await cur.fetchone()).toEqual([1, "a", "2"]);
    expect(await cur.fetchmany(1)).toEqual([[2, "b", "3"]]);
    expect(await cur.fetchall()).toEqual([[3, "c", "4"]]);
    expect(await cur.fetchone()).toBeNull();
    expect(cur.lastrowid).toBeNull();
  });

  it("counts matched rows (FOUND_ROWS) and reports lastrowid (0 → null)", async () => {
    await cur.execute("INSERT INTO t (name) VALUES (?)", ["a"]);
    expect([cur.rowcount, cur.lastrowid]).toEqual([1, 1]);
    await cur.execute("INSERT INTO t (name) VALUES (?), (?)", ["b", "c"]);
    // MySQL answers the first id of a multi-row INSERT
    expect([cur.rowcount, cur.lastrowid]).toEqual([2, 2]);
    await cur.execute("UPDATE t SET n = ? WHERE id > ?", [0, 0]);
    expect([cur.rowcount, cur.lastrowid, cur.description]).toEqual([3, null, null]);
    await cur.execute("UPDATE t SET n = 5 WHERE id = 1");
    expect(cur.rowcount).toBe(1);
    await cur.execute("DELETE FROM t WHERE id = ?", [9]);
    expect(cur.rowcount).toBe(0);
    await cur.execute("CREATE TEMPORARY TABLE u (x INT)");
    expect([cur.rowcount, cur.description]).toEqual([0, null]);
  });

  it("rejects named parameters: mysql2 takes ?", async () => {
    await expect(cur.execute("SELECT ?", { a: 1 })).rejects.toThrow(/positional parameters/);
  });

  it("returns BIGINT and DECIMAL as text, dates as UTC Dates, JSON as text, in both protocols", async () => {
    const text = await open({ statementCacheSize: 0 });
    const sql = `SELECT CAST(9007199254740993 AS SIGNED), CAST(1.1 AS DECIMAL(5,2)),
      CAST('2024-01-02 03:04:05.678' AS DATETIME(3)), CAST('2024-02-29' AS DATE), CAST('12:34:56' AS TIME),
      JSON_OBJECT('a', 1), X'0102', @@session.time_zone`;
    const expected = [
      "9007199254740993",
      "1.10",
      new Date("2024-01-02T03:04:05.678Z"),
      new Date("2024-02-29T00:00:00Z"),
      "12:34:56",
      expect.stringMatching(/^\{"a":\s?1\}$/),
      Buffer.from([1, 2]),
      "+00:00",
    ];
    try {
      expect((await all(conn, sql))[0]).toEqual(expected);
      expect((await all(conn, `${sql} FROM DUAL WHERE 1 = ?`, [1]))[0]).toEqual(expected);
      expect((await all(text, sql))[0]).toEqual(expected);
      const [[now]] = (await all(conn, "SELECT NOW(3)")) as [[Date]];
      expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(5000);
    } finally {
      await text.close();
    }
  });

  it("gives FLOAT columns their float32 value in the shortest form", async () => {
    await cur.execute("CREATE TEMPORARY TABLE f (v FLOAT)");
    await cur.execute("INSERT INTO f VALUES (?), (?), (?)", [1.1, 16777216, 1.23456789]);
    expect(await all(conn, "SELECT v FROM f")).toEqual([[1.1], [16777216], [1.2345679]]);
    const ss = conn.cursor({ serverSide: true });
    await ss.execute("SELECT v FROM f WHERE v > ?", [0]);
    expect(await ss.fetchall()).toEqual([[1.1], [16777216], [1.2345679]]);
  });

  it("binds bigint parameters as BIGINT, exactly, signed and unsigned", async () => {
    expect(
      await all(conn, "SELECT ? = 9007199254740993, ? = 9007199254740992", [2n ** 53n + 1n, 2n ** 53n + 1n]),
    ).toEqual([[1, 0]]);
    expect(await all(conn, "SELECT CAST(? AS UNSIGNED)", [2n ** 64n - 1n])).toEqual([
      ["18446744073709551615"],
    ]);
  });

  describe("protocols and the statement cache", () => {
    it("prepares statements with parameters, and reads; sends other statements as text", async () => {
      const before = await sessionStatus(conn, "Com_stmt_prepare");
      for (let i = 0; i < 3; i++) await all(conn, "SELECT ? + 1", [i]);
      await all(conn, "SELECT 42");
      await all(conn, "SET @x = 1");
      await all(conn, "DO 1");
      // SHOW goes as text too; the two statements above are the only prepares
      expect((await sessionStatus(conn, "Com_stmt_prepare")) - before).toBe(2);
    });

    it("keeps at most statementCacheSize prepared, closing the oldest", async () => {
      const c = await open({ statementCacheSize: 2 });
      try {
        for (let i = 1; i <= 5; i++) await all(c, `SELECT ? + ${i}`, [0]);
        expect(await sessionStatus(c, "Com_stmt_close")).toBe(3);
        expect(await all(c, "SELECT ? + 5", [1])).toEqual([[6]]);
      } finally {
        await c.close();
      }
    });

    it("falls back to the text protocol beyond 65,535 placeholders", async () => {
      const ids = Array.from({ length: 70_000 }, (_, i) => i);
      const sql = `SELECT COUNT(*) FROM t WHERE id IN (${ids.map(() => "?").join(", ")})`;
      await cur.execute("INSERT INTO t (name) VALUES ('a'), ('b')");
      expect(await all(conn, sql, ids)).toEqual([["2"]]);
    });

    it("sends everything as text with statementCacheSize: 0", async () => {
      const c = await open({ statementCacheSize: 0 });
      try {
        expect(await all(c, "SELECT ? + 1, ?", [1, "it's"])).toEqual([[2, "it's"]]);
        expect(await sessionStatus(c, "Com_stmt_prepare")).toBe(0);
      } finally {
        await c.close();
      }
    });
  });

  describe("begin / commit / rollback", () => {
    const vis = `${tag}_vis`;
    beforeAll(async () => {
      const c = await open();
      await all(c, `CREATE TABLE IF NOT EXISTS ${vis} (x INT) ENGINE=InnoDB`);
      await c.close();
    });
    afterAll(async () => {
      const c = await open();
      await all(c, `DROP TABLE IF EXISTS ${vis}, ${vis}_ddl`);
      await c.close();
    });
    beforeEach(async () => {
      await all(conn, `DELETE FROM ${vis}`);
    });

    it("makes rows visible to a second connection only after commit", async () => {
      const other = await open();
      try {
        await conn.begin();
        await cur.execute(`INSERT INTO ${vis} VALUES (?)`, [1]);
        expect(await all(other, `SELECT count(*) FROM ${vis}`)).toEqual([["0"]]);
        await conn.commit();
        expect(await all(other, `SELECT count(*) FROM ${vis}`)).toEqual([["1"]]);
        await conn.begin();
        await cur.execute(`INSERT INTO ${vis} VALUES (?)`, [2]);
        await conn.rollback();
        expect(await all(other, `SELECT count(*) FROM ${vis}`)).toEqual([["1"]]);
      } finally {
        await other.close();
      }
    });

    it("runs the session with autocommit off inside begin(), on outside it", async () => {
      const other = await open();
      try {
        const autocommit = async () => (await all(conn, "SELECT @@autocommit"))[0][0];
        // outside begin() a statement commits by itself
        await cur.execute(`INSERT INTO ${vis} VALUES (?)`, [1]);
        expect(await all(other, `SELECT count(*) FROM ${vis}`)).toEqual([["1"]]);
        expect(String(await autocommit())).toBe("1");
        await conn.begin();
        await cur.execute(`INSERT INTO ${vis} VALUES (?)`, [2]);
        expect(String(await autocommit())).toBe("0");
        expect(await all(other, `SELECT count(*) FROM ${vis}`)).toEqual([["1"]]);
        await conn.rollback();
        // a transaction that ran nothing sends nothing, and leaves nothing open
        await conn.begin();
        await conn.commit();
        expect(await all(conn, "SELECT @@in_transaction")).toEqual([["0"]]);
        expect(await all(other, `SELECT count(*) FROM ${vis}`)).toEqual([["1"]]);
      } finally {
        await other.close();
      }
    });

    it("reopens the transaction after DDL commits it implicitly", async () => {
      await conn.begin();
      await cur.execute(`INSERT INTO ${vis} VALUES (1)`);
      await cur.execute(`CREATE TABLE IF NOT EXISTS ${vis}_ddl (y INT)`); // commits the INSERT
      await cur.execute(`INSERT INTO ${vis} VALUES (2)`);
      expect(await all(conn, "SELECT @@in_transaction")).toEqual([["1"]]);
      await conn.rollback(); // takes the second INSERT back, as with autocommit off
      expect(await all(conn, `SELECT x FROM ${vis}`)).toEqual([[1]]);
      expect(await all(conn, "SELECT @@in_transaction")).toEqual([["0"]]);
    });

    it("treats ROLLBACK outside a transaction as a no-op", async () => {
      await conn.rollback();
      await conn.rollback();
      expect(await all(conn, "SELECT 1")).toEqual([[1]]);
    });

    describe("the owed ROLLBACK", () => {
      interface Socket {
        _write(...args: unknown[]): void;
        _writev(...args: unknown[]): void;
      }
      interface Wire {
        write(buffer: Buffer): void;
        handlePacket(packet?: unknown): void;
        stream: Socket;
      }
      /**
       * Records, in order, mysql2's packet writes ("write"), the socket's system-call writes
       * ("send") and the answers.
       */
      function watchWire(c: DBAPIConnection): string[] {
        const raw = c.driverConnection as Wire;
        const events: string[] = [];
        const write = raw.write.bind(raw);
        const handle = raw.handlePacket.bind(raw);
        raw.write = (b) => {
          events.push("write");
          write(b);
        };
        const socket = raw.stream;
        for (const m of ["_write", "_writev"] as const) {
          const send = socket[m].bind(socket);
          socket[m] = (...args) => {
            events.push("send");
            send(...args);
          };
        }
        raw.handlePacket = (p) => {
          if (p) events.push("answer");
          handle(p);
        };
        return events;
      }
      /** Opens a transaction on `c` that holds the row lock on x = 1. */
      async function lockRow(c: DBAPIConnection): Promise<void> {
        await c.begin();
        await all(c, `SELECT x FROM ${vis} WHERE x = ? FOR UPDATE`, [1]);
      }

      beforeEach(async () => {
        await all(conn, `INSERT INTO ${vis} VALUES (1)`);
      });

      it("rides with the next statement: both are written before either answer", async () => {
        const events = watchWire(conn); // before the ROLLBACK is owed: raw access would flush it
        for (const sql of [`SELECT count(*) FROM ${vis}`, `SELECT count(*) FROM ${vis}`]) {
          await conn.begin();
          await cur.execute(`INSERT INTO ${vis} VALUES (?)`, [2]);
          await conn.rollback();
          events.length = 0;
          await conn.begin();
          // the first round prepares the statement, the second finds it in mysql2's cache
          expect(await all(conn, sql)).toEqual([["1"]]);
          await conn.commit();
          // both requests leave in one write of the socket
          expect(events.slice(0, events.indexOf("answer"))).toEqual(["write", "write", "send"]);
        }
        expect(await all(conn, "SELECT @@in_transaction")).toEqual([["0"]]);
      });

      it("goes by itself at the end of the turn when nothing follows, releasing locks", async () => {
        const other = await open();
        try {
          await lockRow(conn);
          await conn.rollback();
          await all(other, "SET SESSION innodb_lock_wait_timeout = 5");
          await other.begin();
          // waits for the lock until the ROLLBACK conn never sends by a statement of its own
          expect(await all(other, `SELECT x FROM ${vis} WHERE x = ? FOR UPDATE`, [1])).toEqual([[1]]);
          await other.rollback();
        } finally {
          await other.close();
        }
      });

      it("is sent and answered before close() resolves", async () => {
        const other = await open();
        try {
          const c = await open();
          await lockRow(c);
          await c.rollback();
          await c.close();
          await other.begin();
          expect(await all(other, `SELECT x FROM ${vis} WHERE x = ? FOR UPDATE NOWAIT`, [1])).toEqual([[1]]);
          await other.rollback();
        } finally {
          await other.close();
        }
      });

      it("leaves the connection usable when the statement it rides with fails", async () => {
        await conn.begin();
        await cur.execute(`INSERT INTO ${vis} VALUES (?)`, [2]);
        await conn.rollback();
        const c = await classified(cur.execute(`SELECT nope FROM ${vis} WHERE x = ?`, [1]));
        expect(c?.dbapiClass).toBe("ProgrammingError");
        expect(await all(conn, `SELECT count(*) FROM ${vis}`)).toEqual([["1"]]);
        expect(await all(conn, "SELECT @@in_transaction")).toEqual([["0"]]);
      });
    });
  });

  describe("server-side cursor (unbuffered row stream)", () => {
    const nums = `${tag}_nums`;
    const N = 20_000;
    beforeAll(async () => {
      const c = await open();
      await all(c, `DROP TABLE IF EXISTS ${nums}`);
      await all(c, `CREATE TABLE ${nums} (n INT PRIMARY KEY, label VARCHAR(20)) ENGINE=InnoDB`);
      for (let start = 0; start < N; start += 1000) {
        const rows = Array.from({ length: 1000 }, (_, i) => `(${start + i}, 'r${start + i}')`);
        await all(c, `INSERT INTO ${nums} VALUES ${rows.join(", ")}`);
      }
      await c.close();
    });
    afterAll(async () => {
      const c = await open();
      await all(c, `DROP TABLE IF EXISTS ${nums}`);
      await c.close();
    });

    it("knows the description at execute and fetches in batches", async () => {
      const ss = conn.cursor({ serverSide: true });
      await ss.execute(`SELECT n, label FROM ${nums} WHERE n < ? ORDER BY n`, [100]);
      expect(ss.description).toEqual([
        { name: "n", typeCode: 3 },
        { name: "label", typeCode: 253 },
      ]);
      expect(await ss.fetchone()).toEqual([0, "r0"]);
      expect((await ss.fetchmany(5)).map((r) => r[0])).toEqual([1, 2, 3, 4, 5]);
      const rest = await ss.fetchall();
      expect(rest).toHaveLength(94);
      expect(await ss.fetchone()).toBeNull();
      await ss.close();
    });

    it("streams a large result with bounded read-ahead", async () => {
      const ss = conn.cursor({ serverSide: true });
      await ss.execute(`SELECT n FROM ${nums} ORDER BY n`);
      let count = 0;
      let sum = 0;
      let maxBuffered = 0; // unread rows held by the cursor
      for (;;) {
        const rows = await ss.fetchmany(500);
        if (rows.length === 0) break;
        for (const [n] of rows as [number][]) {
          expect(n).toBe(count++);
          sum += n;
        }
        const { buf, pos } = ss as unknown as { buf: unknown[]; pos: number };
        maxBuffered = Math.max(maxBuffered, buf.length - pos);
      }
      expect(count).toBe(N);
      expect(sum).toBe((N * (N - 1)) / 2);
      // paused at 1,000 unread rows (plus what one socket read delivers), never the whole result
      expect(maxBuffered).toBeLessThan(5000);
    });

    it("closes early, discarding the rest, and leaves the connection usable", async () => {
      const ss = conn.cursor({ serverSide: true });
      await ss.execute(`SELECT n, label FROM ${nums} ORDER BY n`);
      expect(await ss.fetchmany(3)).toEqual([
        [0, "r0"],
        [1, "r1"],
        [2, "r2"],
      ]);
      await ss.close();
      expect(await ss.fetchmany(3)).toEqual([]);
      expect(await all(conn, `SELECT count(*) FROM ${nums} WHERE n < ?`, [10])).toEqual([["10"]]);
      // and a second stream on the same connection starts clean
      await ss.execute(`SELECT n FROM ${nums} WHERE n >= ? ORDER BY n`, [N - 2]);
      expect(await ss.fetchall()).toEqual([[N - 2], [N - 1]]);
    });

    it("buffers an open stream before another statement instead of hanging", async () => {
      const ss = conn.cursor({ serverSide: true });
      await ss.execute(`SELECT n FROM ${nums} ORDER BY n`);
      expect(await ss.fetchone()).toEqual([0]);
      expect(await all(conn, `SELECT count(*) FROM ${nums}`)).toEqual([[String(N)]]);
      const rest = await ss.fetchall();
      expect(rest).toHaveLength(N - 1);
      expect(rest[0]).toEqual([1]);
    });

    it("handles empty results, statements without rows, and errors", async () => {
      const ss = conn.cursor({ serverSide: true });
      await ss.execute(`SELECT n FROM ${nums} WHERE 1 = 0`);
      expect(ss.description).toEqual([{ name: "n", typeCode: 3 }]);
      expect(await ss.fetchmany(10)).toEqual([]);
      await ss.execute("INSERT INTO t (name) VALUES (?)", ["s"]);
      expect([ss.description, ss.rowcount, ss.lastrowid]).toEqual([null, 1, 1]);
      expect(await classified(ss.execute(`SELECT nope FROM ${nums}`))).toMatchObject({
        dbapiClass: "ProgrammingError",
        sqlstate: "42S22",
      });
      expect(await classified(ss.execute("SELEC 1"))).toMatchObject({ dbapiClass: "ProgrammingError" });
      expect(await all(conn, "SELECT 1")).toEqual([[1]]);
    });

    it("fails the stream when the connection is killed under it", async () => {
      const killer = await open();
      try {
        const ss = conn.cursor({ serverSide: true });
        await ss.execute(`SELECT n FROM ${nums} ORDER BY n`);
        await ss.fetchmany(10);
        await all(killer, `KILL ${threadId(conn)}`);
        let err: ClassifiedError | null = null;
        try {
          for (;;) if ((await ss.fetchmany(1000)).length === 0) break;
        } catch (e) {
          err = classifyMysqlError(e);
        }
        // the rest of the result may already sit in the socket buffer: then the next statement fails
        if (err === null) err = await classified(all(conn, "SELECT 1"));
        expect(err).toMatchObject({ dbapiClass: "OperationalError", isDisconnect: true });
        expect(conn.closed).toBe(true);
      } finally {
        await killer.close();
      }
    });
  });

  describe("error classification", () => {
    const parent = `${tag}_parent`;
    const child = `${tag}_child`;
    beforeAll(async () => {
      const c = await open();
      await all(c, `DROP TABLE IF EXISTS ${child}, ${parent}`);
      await all(c, `CREATE TABLE ${parent} (id INT PRIMARY KEY, v INT CHECK (v > 0)) ENGINE=InnoDB`);
      await all(
        c,
        `CREATE TABLE ${child} (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES ${parent} (id)) ENGINE=InnoDB`,
      );
      await all(c, `INSERT INTO ${parent} VALUES (1, 1), (2, 2)`);
      await all(c, `INSERT INTO ${child} VALUES (1, 1)`);
      await c.close();
    });
    afterAll(async () => {
      const c = await open();
      await all(c, `DROP TABLE IF EXISTS ${child}, ${parent}`);
      await c.close();
    });
    const run = (sql: string, params?: unknown[]) => classified(cur.execute(sql, params));

    it("maps integrity errnos to IntegrityError subclasses", async () => {
      await cur.execute("INSERT INTO t (name) VALUES ('a')");
      expect(await run("INSERT INTO t (name) VALUES (?)", ["a"])).toEqual({
        dbapiClass: "IntegrityError",
        subclass: "UniqueViolation",
        sqlstate: "23000",
        isDisconnect: false,
      });
      expect(await run(`INSERT INTO ${child} VALUES (2, 99)`)).toMatchObject({
        subclass: "ForeignKeyViolation",
      });
      expect(await run(`DELETE FROM ${parent} WHERE id = ?`, [1])).toMatchObject({
        subclass: "ForeignKeyViolation",
      });
      expect(await run("INSERT INTO t (name, n) VALUES ('b', NULL)")).toMatchObject({
        subclass: "NotNullViolation",
      });
      expect(await run(`INSERT INTO ${parent} VALUES (3, -1)`)).toMatchObject({
        dbapiClass: "IntegrityError",
        subclass: "CheckViolation",
      });
    });

    it("maps syntax and name errors to ProgrammingError, bad values to DataError", async () => {
      expect(await run("SELEC 1")).toMatchObject({ dbapiClass: "ProgrammingError", sqlstate: "42000" });
      expect(await run("SELECT * FROM nope_nope")).toMatchObject({
        dbapiClass: "ProgrammingError",
        sqlstate: "42S02",
      });
      expect(await run("SELECT nope FROM t")).toMatchObject({ dbapiClass: "ProgrammingError" });
      // as mysqlclient answers: an existing table is an OperationalError
      expect(await run("CREATE TEMPORARY TABLE t (x INT)")).toMatchObject({
        dbapiClass: "OperationalError",
        sqlstate: "42S01",
      });
      expect(await run("INSERT INTO t (name, n) VALUES (?, ?)", ["x", "abc"])).toMatchObject({
        dbapiClass: "DataError",
      });
      expect(await run("INSERT INTO t (name) VALUES (?)", ["x".repeat(30)])).toMatchObject({
        dbapiClass: "DataError",
      });
      expect(await run("INSERT INTO t (name, n) VALUES (?, ?)", ["y", 2 ** 40])).toMatchObject({
        dbapiClass: "DataError",
      });
      expect(await run("SELECT ?", [undefined])).toEqual({
        dbapiClass: "ProgrammingError",
        isDisconnect: false,
      });
    });

    it("maps lock wait timeouts to LockTimeout", async () => {
      const other = await open();
      try {
        await other.begin();
        await all(other, `SELECT * FROM ${parent} WHERE id = 2 FOR UPDATE`);
        await cur.execute("SET SESSION innodb_lock_wait_timeout = 1");
        expect(await run(`UPDATE ${parent} SET v = 5 WHERE id = 2`)).toMatchObject({
          dbapiClass: "OperationalError",
          subclass: "LockTimeout",
        });
      } finally {
        await other.rollback();
        await other.close();
      }
    });

    it("maps 1213 to Deadlock, and the victim's next statement runs in a fresh transaction", async () => {
      const other = await open();
      try {
        await conn.begin();
        await other.begin();
        await all(conn, `UPDATE ${parent} SET v = v WHERE id = 1`);
        await all(other, `UPDATE ${parent} SET v = v WHERE id = 2`);
        const a = classified(all(conn, `UPDATE ${parent} SET v = v WHERE id = 2`));
        await new Promise((r) => setTimeout(r, 100));
        const b = classified(all(other, `UPDATE ${parent} SET v = v WHERE id = 1`));
        const results = await Promise.allSettled([a, b]);
        const victims = results.flatMap((r, i) => (r.status === "fulfilled" ? [[i, r.value] as const] : []));
        expect(victims.map((v) => v[1])).toEqual([
          { dbapiClass: "OperationalError", subclass: "Deadlock", sqlstate: "40001", isDisconnect: false },
        ]);
        const victim = victims[0][0] === 0 ? conn : other;
        await (victim === conn ? other : conn).rollback();
        // autocommit is off: the victim's next statement opens a transaction of its own
        await all(victim, `UPDATE ${parent} SET v = v WHERE id = 1`);
        expect(await all(victim, "SELECT @@in_transaction")).toEqual([["1"]]);
      } finally {
        await conn.rollback();
        await other.rollback();
        await other.close();
      }
    }, 15_000);

    it("classifies the codes that are hard to provoke", () => {
      const server = (errno: number, sqlState = "HY000") =>
        Object.assign(new Error(String(errno)), { errno, sqlState, code: "ER_X" });
      const client = (errno: number, code: string) => Object.assign(new Error(code), { errno, code });
      expect(classifyMysqlError(server(3819))).toMatchObject({ subclass: "CheckViolation" });
      expect(classifyMysqlError(server(4025, "23000"))).toMatchObject({ subclass: "CheckViolation" });
      expect(classifyMysqlError(server(1969, "70100"))).toMatchObject({ subclass: "QueryCanceled" });
      expect(classifyMysqlError(server(4031))).toMatchObject({ isDisconnect: true });
      expect(classifyMysqlError(server(1927, "70100"))).toMatchObject({ isDisconnect: true });
      expect(classifyMysqlError(server(9999, "HY000"))).toMatchObject({ dbapiClass: "OperationalError" });
      expect(classifyMysqlError(server(9998, "22003"))).toMatchObject({ dbapiClass: "DataError" });
      expect(classifyMysqlError(server(9997, "23000"))).toMatchObject({ dbapiClass: "IntegrityError" });
      expect(classifyMysqlError(server(999, "HY000"))).toMatchObject({ dbapiClass: "InternalError" });
      for (const errno of [2006, 2013, 2014, 2045, 2055]) {
        expect(classifyMysqlError(client(errno, "CR_X"))).toEqual({
          dbapiClass: "OperationalError",
          isDisconnect: true,
        });
      }
      for (const code of ["ECONNRESET", "EPIPE", "PROTOCOL_CONNECTION_LOST"]) {
        expect(classifyMysqlError(Object.assign(new Error(code), { code }))).toMatchObject({
          isDisconnect: true,
        });
      }
      expect(
        classifyMysqlError(new Error("Can't add new command when connection is in closed state")),
      ).toMatchObject({ isDisconnect: true });
      expect(classifyMysqlError(new TypeError("x is not a function"))).toBeNull();
      expect(classifyMysqlError("not an error")).toBeNull();
    });
  });

  describe("disconnects", () => {
    it("classifies a connection killed while idle as a disconnect", async () => {
      const victim = await open();
      await all(conn, `KILL ${threadId(victim)}`);
      for (let i = 0; i < 50 && !victim.closed; i++) await new Promise((r) => setTimeout(r, 20));
      expect(victim.closed).toBe(true);
      expect(await classified(all(victim, "SELECT 1"))).toEqual({
        dbapiClass: "OperationalError",
        isDisconnect: true,
      });
      await victim.close();
    });

    it("classifies a connection killed mid-query as a disconnect", async () => {
      const victim = await open();
      const pending = classified(all(victim, "SELECT SLEEP(10)"));
      await new Promise((r) => setTimeout(r, 100));
      await all(conn, `KILL ${threadId(victim)}`);
      expect(await pending).toMatchObject({ dbapiClass: "OperationalError", isDisconnect: true });
      expect(victim.closed).toBe(true);
      victim.terminate();
    });

    it("pings with COM_PING, and terminate() drops the socket at once", async () => {
      const c = await open();
      await (c as unknown as { ping(): Promise<void> }).ping();
      c.terminate();
      expect(c.closed).toBe(true);
      expect(await classified(all(c, "SELECT 1"))).toMatchObject({ isDisconnect: true });
      for (const [sql, params] of [
        ["SELECT ?", [1]],
        ["SHOW TABLES", undefined],
      ] as const) {
        const ss = c.cursor({ serverSide: true });
        expect(await classified(ss.execute(sql, params))).toMatchObject({ isDisconnect: true });
      }
      await c.close();
    });

    it("fails to connect with a classified error", async () => {
      const err = await classified(adapter.connect({ uri: mysqlUrl, port: 1, connectTimeout: 1000 }));
      expect(err).toMatchObject({ dbapiClass: "OperationalError", isDisconnect: true });
    });
  });
});

describe("parseServerVersion", () => {
  it("reads the flavour and the version numbers", () => {
    expect(parseServerVersion("10.11.19-MariaDB-0+deb12u1")).toEqual({
      isMariadb: true,
      version: [10, 11, 19],
    });
    expect(parseServerVersion("5.5.5-10.4.8-MariaDB-log")).toEqual({ isMariadb: true, version: [10, 4, 8] });
    expect(parseServerVersion("8.0.36-0ubuntu0.22.04.1")).toEqual({ isMariadb: false, version: [8, 0, 36] });
    expect(parseServerVersion("8.4")).toEqual({ isMariadb: false, version: [8, 4] });
  });
});

describe.skipIf(!hasMysql)("MySQLRuntimeDialect on the server", () => {
  let conn: DBAPIConnection;
  beforeEach(async () => {
    conn = await open();
  });
  afterEach(async () => {
    await conn.close();
  });

  it("detects the server in initialize: flavour, version, RETURNING, reserved words", async () => {
    const d = runtimeDialect();
    expect([d.name, d.paramstyle, d.driverName, d.isMariadb]).toEqual(["mysql", "qmark", "mysql2", false]);
    expect(d.identifierPreparer.quote("returning")).toBe("returning");
    await d.initialize(conn);
    const [[version]] = (await all(conn, "SELECT VERSION()")) as [[string]];
    const { isMariadb, version: v } = parseServerVersion(version);
    expect(d.isMariadb).toBe(isMariadb);
    expect(d.serverVersionInfo).toEqual(v);
    expect(d.name).toBe("mysql");
    const at = (a: number, b: number) => v[0] > a || (v[0] === a && v[1] >= b);
    expect(d.insertReturning).toBe(isMariadb && at(10, 5));
    expect(d.useRowAlias).toBe(!isMariadb && (at(8, 1) || (v[0] === 8 && v[1] === 0 && v[2] >= 20)));
    // MariaDB reserves RETURNING, MySQL does not
    expect(d.identifierPreparer.quote("returning")).toBe(isMariadb ? "`returning`" : "returning");
    expect(d.defaultIsolationLevel).toBe("REPEATABLE READ");
    expect(mariadbRuntimeDialect().name).toBe("mariadb");
  });

  it('follows sql_mode: ANSI_QUOTES quotes with ", NO_BACKSLASH_ESCAPES keeps backslashes', async () => {
    await all(conn, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES,NO_BACKSLASH_ESCAPES')");
    const d = runtimeDialect();
    expect(d.renderLiteralString("a\\b")).toBe("'a\\\\b'");
    await d.initialize(conn);
    expect(d.identifierPreparer.quote("select")).toBe('"select"');
    expect(d.renderLiteralString("a\\b'c")).toBe("'a\\b''c'");
    expect(await all(conn, `SELECT ${d.renderLiteralString("a\\b'c")}`)).toEqual([["a\\b'c"]]);
  });

  it("sets and reads isolation levels; AUTOCOMMIT needs no statement", async () => {
    const d = runtimeDialect();
    await d.initialize(conn);
    for (const level of ["READ UNCOMMITTED", "READ COMMITTED", "SERIALIZABLE", "REPEATABLE READ"]) {
      await d.setIsolationLevel(conn, level);
      expect(await d.getIsolationLevel(conn)).toBe(level);
    }
    await d.setIsolationLevel(conn, "AUTOCOMMIT");
    expect(await d.getIsolationLevel(conn)).toBe("REPEATABLE READ");
    expect(d.isolationLevelValues).toContain("AUTOCOMMIT");
  });

  it("answers hasTable from information_schema, and pings", async () => {
    const d = runtimeDialect();
    const name = `${tag}_has`;
    await all(conn, `CREATE TABLE IF NOT EXISTS ${name} (x INT)`);
    try {
      expect(await d.hasTable(conn, name)).toBe(true);
      const [[db]] = (await all(conn, "SELECT DATABASE()")) as [[string]];
      expect(await d.hasTable(conn, name, db)).toBe(true);
      expect(await d.hasTable(conn, name, "mysql")).toBe(false);
      expect(await d.hasTable(conn, `${name}_nope`)).toBe(false);
    } finally {
      await all(conn, `DROP TABLE ${name}`);
    }
    await d.ping(conn);
  });

  it("turns URL parts into mysql2 connect arguments", () => {
    const args = runtimeDialect().createConnectArgs(
      {
        host: "db",
        port: 3307,
        database: "app",
        username: "u",
        password: "",
        query: { charset: "utf8mb4", connect_timeout: "5", ssl_mode: "REQUIRED", statementCacheSize: "0" },
      },
      { connectTimeout: 1000 },
    );
    expect(args).toEqual({
      host: "db",
      port: 3307,
      database: "app",
      user: "u",
      password: "",
      charset: "utf8mb4",
      connectTimeout: 1000,
      ssl: { rejectUnauthorized: false },
      statementCacheSize: "0",
    });
    expect(runtimeDialect().defaultPoolKind(args as never)).toBe("QueuePool");
  });
});
