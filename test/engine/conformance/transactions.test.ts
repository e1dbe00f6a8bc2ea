/**
 * Connections and transactions on every real database (SQLAlchemy 2.0 semantics, research §1.1
 * and checklist items 3-8 and 30): commit-as-you-go autobegin, explicit and callback
 * transactions, savepoints `sa_savepoint_N`, the pending-rollback state after a lost
 * transaction, ordinary errors that leave the transaction usable, isolation levels including
 * AUTOCOMMIT, and the transaction events and echo lines. Visibility is always checked from
 * outside the engine (a second connection and `d.outside(sql)`).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as sa from "../../../src/index.js";
import { type DialectCase, dialectCases } from "./dialects.js";

const cases = await dialectCases("tx");

const meta = new sa.MetaData();
const t = new sa.Table(
  "tx_t",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
  new sa.Column("name", sa.String(50)),
);

const BEGIN_AFTER_AUTOBEGIN =
  "This connection has already initialized a SQLAlchemy Transaction() object via begin() or autobegin; can't call begin() here unless rollback() or commit() is called first.";
const PENDING_ROLLBACK =
  "Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding";

/** The rejection of `p` (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<Error> {
  const out = await p.then(
    () => null,
    (e: unknown) => e as Error,
  );
  if (out === null) throw new Error("expected a rejection, but the promise resolved");
  return out;
}

async function ins(conn: sa.Connection, id: number, name: string): Promise<void> {
  await conn.execute(t.insert(), { id, name });
}

async function names(conn: sa.Connection): Promise<unknown[]> {
  return (await conn.execute(sa.select(t.c.name).orderBy(t.c.id))).scalars().all();
}

/** The names another driver connection sees (committed rows only). */
async function outsideNames(d: DialectCase): Promise<unknown[]> {
  return (await d.outside("SELECT name FROM tx_t ORDER BY id")).map((r) => r[0]);
}

/** SQL statements the engine sends through a cursor, as before_cursor_execute sees them. */
function captureSql(engine: sa.Engine): string[] {
  const out: string[] = [];
  sa.event.listen(engine, "before_cursor_execute", (_c, _cur, statement) => {
    out.push(statement);
  });
  return out;
}

/** Echo lines without the logger prefix. */
function echoLines(): { lines: string[]; logger: (line: string) => void } {
  const lines: string[] = [];
  return {
    lines,
    logger: (line: string) => {
      expect(line.startsWith("INFO alkahest.engine.Engine ")).toBe(true);
      lines.push(line.slice("INFO alkahest.engine.Engine ".length));
    },
  };
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let made: sa.Engine[] = [];
    let opened: sa.Connection[] = [];
    /** A new engine on this file's database; its connections are closed after the test. */
    const mk = (opts?: sa.EngineOptions): sa.Engine => {
      const e = d.engine(opts);
      // a failed test must not leave a transaction open (SQLite would lock the next tests)
      sa.event.listen(e, "engine_connect", (conn) => {
        opened.push(conn as sa.Connection);
      });
      made.push(e);
      return e;
    };
    /** a level other than the dialect's default, and the default */
    const otherLevel = d.name === "sqlite" ? "READ UNCOMMITTED" : "SERIALIZABLE";
    const defaultLevel =
      d.name === "sqlite" ? "SERIALIZABLE" : d.name === "mysql" ? "REPEATABLE READ" : "READ COMMITTED";

    /** The isolation level the database reports for this connection (not the cached option). */
    async function dbLevel(conn: sa.Connection): Promise<string> {
      if (d.name === "sqlite") {
        const v = (await conn.execDriverSql("PRAGMA read_uncommitted")).scalar();
        return Number(v) === 1 ? "READ UNCOMMITTED" : "SERIALIZABLE";
      }
      if (d.name === "mysql") {
        // MariaDB before 11.1 has only @@tx_isolation (MySQL 8 and MariaDB 11.1+ also @@transaction_isolation)
        const v = (await conn.execDriverSql("SELECT @@tx_isolation")).scalar();
        return String(v).replaceAll("-", " ").toUpperCase();
      }
      return String((await conn.execDriverSql("SHOW transaction_isolation")).scalar()).toUpperCase();
    }

    beforeAll(async () => {
      const e = d.engine();
      await e.begin(async (conn) => {
        await conn.runSync(meta.dropAll);
        await conn.runSync(meta.createAll);
      });
      await e.dispose();
      // a deferred foreign key makes COMMIT itself fail
      await d.outside("DROP TABLE IF EXISTS tx_child");
      await d.outside("DROP TABLE IF EXISTS tx_parent");
      await d.outside("CREATE TABLE tx_parent (id INTEGER PRIMARY KEY)");
      // MySQL/MariaDB have no deferrable constraints (InnoDB checks foreign keys per statement)
      const deferred = d.name === "mysql" ? "" : " DEFERRABLE INITIALLY DEFERRED";
      await d.outside(
        `CREATE TABLE tx_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES tx_parent (id)${deferred})`,
      );
    });

    beforeEach(async () => {
      await d.outside("DELETE FROM tx_t");
    });

    afterEach(async () => {
      const [engines, conns] = [made, opened];
      [made, opened] = [[], []];
      for (const conn of conns) await conn.close().catch(() => undefined);
      await Promise.all(engines.map((e) => e.dispose()));
    });

    afterAll(async () => {
      const e = d.engine();
      await e.begin((conn) => conn.runSync(meta.dropAll));
      await e.dispose();
      await d.outside("DROP TABLE IF EXISTS tx_child");
      await d.outside("DROP TABLE IF EXISTS tx_parent");
    });

    describe("commit as you go", () => {
      it("rows persist only after commit, seen from a second connection and from outside", async () => {
        const engine = mk();
        const c1 = await engine.connect();
        const c2 = await engine.connect();
        await ins(c1, 1, "a");
        expect(await names(c1)).toEqual(["a"]);
        expect(await names(c2)).toEqual([]);
        await c2.rollback(); // SQLite: a reader's open transaction would block the writer's COMMIT
        expect(await outsideNames(d)).toEqual([]);
        await c1.commit();
        expect(await names(c2)).toEqual(["a"]);
        expect(await outsideNames(d)).toEqual(["a"]);
        await c1.close();
        await c2.close();
      });

      it("close() without commit rolls back", async () => {
        const engine = mk();
        const conn = await engine.connect();
        await ins(conn, 1, "a");
        expect(conn.inTransaction()).toBe(true);
        await conn.close();
        expect(conn.closed).toBe(true);
        expect(conn.inTransaction()).toBe(false);
        expect(await outsideNames(d)).toEqual([]);
        const other = await engine.connect();
        expect(await names(other)).toEqual([]);
        await other.close();
        await conn.close(); // idempotent
      });

      it("a closed connection refuses work with ResourceClosedError", async () => {
        const conn = await mk().connect();
        await conn.close();
        const err = await rejection(conn.execute(sa.select(t.c.id)));
        expect(err).toBeInstanceOf(sa.exc.ResourceClosedError);
        expect(err.message).toBe("This Connection is closed");
      });

      it("autobegin: the first execute begins, commit and rollback end the transaction", async () => {
        const conn = await mk().connect();
        expect(conn.inTransaction()).toBe(false);
        expect(conn.getTransaction()).toBeNull();
        await ins(conn, 1, "a");
        expect(conn.inTransaction()).toBe(true);
        const tx = conn.getTransaction();
        expect(tx).not.toBeNull();
        expect(tx!.isActive).toBe(true);
        await conn.commit();
        expect(conn.inTransaction()).toBe(false);
        expect(tx!.isActive).toBe(false);
        expect(await outsideNames(d)).toEqual(["a"]);
        await ins(conn, 2, "b");
        expect(conn.inTransaction()).toBe(true);
        await conn.rollback();
        expect(conn.inTransaction()).toBe(false);
        expect(await outsideNames(d)).toEqual(["a"]);
        await conn.close();
      });

      it("begin() after autobegin throws InvalidRequestError with SQLAlchemy's message", async () => {
        const conn = await mk().connect();
        await ins(conn, 1, "a");
        const err = await rejection(conn.begin());
        expect(err).toBeInstanceOf(sa.exc.InvalidRequestError);
        expect(err.message).toBe(BEGIN_AFTER_AUTOBEGIN);
        // the autobegun transaction is untouched
        expect(conn.inTransaction()).toBe(true);
        await conn.commit();
        expect(await outsideNames(d)).toEqual(["a"]);
        // and likewise after an explicit begin()
        const tx = await conn.begin();
        const again = await rejection(conn.begin());
        expect(again.message).toBe(BEGIN_AFTER_AUTOBEGIN);
        await tx.rollback();
        await conn.close();
      });

      it("commit() and rollback() without a transaction are no-ops (no SQL, no events, no log)", async () => {
        const { lines, logger } = echoLines();
        const engine = mk({ echo: true, logger });
        const events: string[] = [];
        for (const name of ["begin", "commit", "rollback"] as const) {
          sa.event.listen(engine, name, () => {
            events.push(name);
          });
        }
        const conn = await engine.connect();
        await conn.commit();
        await conn.rollback();
        await conn.commit();
        expect(conn.inTransaction()).toBe(false);
        expect(events).toEqual([]);
        expect(lines).toEqual([]);
        await conn.close();
        expect(events).toEqual([]);
      });
    });

    describe("explicit transactions", () => {
      it("conn.begin() returns a RootTransaction: commit persists, rollback discards", async () => {
        const conn = await mk().connect();
        const tx = await conn.begin();
        expect(tx).toBeInstanceOf(sa.RootTransaction);
        expect(conn.inTransaction()).toBe(true);
        expect(conn.getTransaction()).toBe(tx);
        expect(tx.connection).toBe(conn);
        expect(tx.isValid).toBe(true);
        await ins(conn, 1, "a");
        await tx.commit();
        expect(tx.isActive).toBe(false);
        expect(tx.isValid).toBe(false);
        expect(conn.inTransaction()).toBe(false);
        expect(await outsideNames(d)).toEqual(["a"]);

        const tx2 = await conn.begin();
        await ins(conn, 2, "b");
        await tx2.rollback();
        expect(tx2.isActive).toBe(false);
        expect(await outsideNames(d)).toEqual(["a"]);
        // committing an ended transaction is an error; rolling it back again is a no-op
        await expect(tx2.commit()).rejects.toThrow(sa.exc.InvalidRequestError);
        await tx2.rollback();
        // a transaction on an invalidated connection is not valid, though not yet ended
        const tx3 = await conn.begin();
        const sp = await conn.beginNested();
        expect(sp.connection).toBe(conn);
        await conn.invalidate();
        expect(tx3.isValid).toBe(false);
        expect(sp.isValid).toBe(false);
        await tx3.rollback();
        // the level a new connection gets, as read at first connect
        expect(conn.defaultIsolationLevel).toBe(
          d.name === "postgresql"
            ? "READ COMMITTED"
            : d.name === "mysql"
              ? "REPEATABLE READ"
              : "SERIALIZABLE",
        );
        await conn.close();
      });

      it("`await using tx = await conn.begin()` rolls back unless committed", async () => {
        const conn = await mk().connect();
        {
          await using _tx = await conn.begin();
          await ins(conn, 1, "a");
        }
        expect(conn.inTransaction()).toBe(false);
        {
          await using tx = await conn.begin();
          await ins(conn, 2, "b");
          await tx.commit();
        }
        expect(await outsideNames(d)).toEqual(["b"]);
        // disposing a committed transaction does not wait on the connection (a stream may be open)
        let ar: { close(): Promise<void> } | null = null;
        {
          await using tx = await conn.begin();
          await tx.commit();
          const stream = await conn.stream(sa.select(t.c.name));
          ar = stream;
          expect((await stream.fetchone())?.[0]).toBe("b");
        }
        await ar?.close();
        await conn.close();
      });

      it("engine.begin(cb) commits when the callback resolves and returns its value", async () => {
        const engine = mk();
        let seen: sa.Connection | null = null;
        const out = await engine.begin(async (conn) => {
          seen = conn;
          expect(conn.inTransaction()).toBe(true);
          await ins(conn, 1, "a");
          return 42;
        });
        expect(out).toBe(42);
        expect(seen!.closed).toBe(true);
        expect(await outsideNames(d)).toEqual(["a"]);
      });

      it("engine.begin(cb) rolls back when the callback throws, rethrowing the same error", async () => {
        const engine = mk();
        const boom = new Error("boom");
        let seen: sa.Connection | null = null;
        const err = await rejection(
          engine.begin(async (conn) => {
            seen = conn;
            await ins(conn, 1, "a");
            throw boom;
          }),
        );
        expect(err).toBe(boom);
        expect(seen!.closed).toBe(true);
        expect(await outsideNames(d)).toEqual([]);
      });

      it("engine.connect(cb) closes the connection at the end, rolling back", async () => {
        const { lines, logger } = echoLines();
        const engine = mk({ echo: true, logger });
        let seen: sa.Connection | null = null;
        const out = await engine.connect(async (conn) => {
          seen = conn;
          await ins(conn, 1, "a");
          return "done";
        });
        expect(out).toBe("done");
        expect(seen!.closed).toBe(true);
        expect(lines.at(-1)).toBe("ROLLBACK");
        expect(await outsideNames(d)).toEqual([]);
        // and closes it when the callback throws too
        await expect(
          engine.connect(async (conn) => {
            seen = conn;
            await ins(conn, 2, "b");
            throw new Error("inner");
          }),
        ).rejects.toThrow("inner");
        expect(seen!.closed).toBe(true);
        expect(await outsideNames(d)).toEqual([]);
      });

      it("conn.begin(cb) commits on resolve and rolls back on throw", async () => {
        const conn = await mk().connect();
        const out = await conn.begin(async (c) => {
          expect(c).toBe(conn);
          await ins(c, 1, "a");
          return "ok";
        });
        expect(out).toBe("ok");
        expect(conn.inTransaction()).toBe(false);
        expect(await outsideNames(d)).toEqual(["a"]);
        await expect(
          conn.begin(async (c) => {
            await ins(c, 2, "b");
            throw new Error("nope");
          }),
        ).rejects.toThrow("nope");
        expect(conn.inTransaction()).toBe(false);
        expect(await names(conn)).toEqual(["a"]);
        await conn.close();
      });

      it("SQL after commit() or rollback() inside a begin callback is refused, not run in a transaction nobody commits", async () => {
        const e = mk();
        const closedTx = "Can't operate on closed transaction inside context manager";
        await expect(
          e.begin(async (c) => {
            await ins(c, 1, "kept");
            await c.commit();
            await ins(c, 2, "would be lost");
          }),
        ).rejects.toThrow(closedTx);
        const conn = await e.connect();
        await expect(
          conn.begin(async (c) => {
            await ins(c, 3, "undone");
            await c.rollback();
            await c.execute(sa.select(t.c.id));
          }),
        ).rejects.toThrow(sa.exc.InvalidRequestError);
        // after the callback the connection autobegins again as usual
        await ins(conn, 4, "after");
        await conn.commit();
        await conn.close();
        expect(await outsideNames(d)).toEqual(["kept", "after"]);
      });
    });

    describe("savepoints", () => {
      it("beginNested() emits SAVEPOINT sa_savepoint_1; commit() releases it", async () => {
        const engine = mk();
        const sql = captureSql(engine);
        const conn = await engine.connect();
        const sp = await conn.beginNested();
        expect(sp).toBeInstanceOf(sa.NestedTransaction);
        expect(sp.name).toBe("sa_savepoint_1");
        expect(conn.inTransaction()).toBe(true); // autobegun
        expect(conn.inNestedTransaction()).toBe(true);
        expect(conn.getNestedTransaction()).toBe(sp);
        await ins(conn, 1, "a");
        await sp.commit();
        expect(sp.isActive).toBe(false);
        expect(conn.inNestedTransaction()).toBe(false);
        expect(conn.inTransaction()).toBe(true);
        await conn.commit();
        expect(sql.filter((s) => s.includes("SAVEPOINT"))).toEqual([
          "SAVEPOINT sa_savepoint_1",
          "RELEASE SAVEPOINT sa_savepoint_1",
        ]);
        expect(await outsideNames(d)).toEqual(["a"]);
        await conn.close();
      });

      it("savepoint rollback undoes only the inner work", async () => {
        const engine = mk();
        const sql = captureSql(engine);
        const conn = await engine.connect();
        await ins(conn, 1, "outer-before");
        const sp = await conn.beginNested();
        await ins(conn, 2, "inner");
        expect(await names(conn)).toEqual(["outer-before", "inner"]);
        await sp.rollback();
        expect(sp.isActive).toBe(false);
        expect(conn.inTransaction()).toBe(true);
        expect(await names(conn)).toEqual(["outer-before"]);
        await ins(conn, 3, "outer-after");
        await conn.commit();
        expect(await outsideNames(d)).toEqual(["outer-before", "outer-after"]);
        expect(sql.filter((s) => s.includes("SAVEPOINT"))).toEqual([
          "SAVEPOINT sa_savepoint_1",
          "ROLLBACK TO SAVEPOINT sa_savepoint_1",
        ]);
        await conn.close();
      });

      it("names count up per connection: sa_savepoint_1, _2, _3 … and restart on a new connection", async () => {
        const engine = mk({ poolSize: 1 });
        const sql = captureSql(engine);
        const conn = await engine.connect();
        const sp1 = await conn.beginNested();
        await ins(conn, 1, "a");
        const sp2 = await conn.beginNested();
        expect(conn.getNestedTransaction()).toBe(sp2);
        await ins(conn, 2, "b");
        await sp2.rollback();
        expect(conn.getNestedTransaction()).toBe(sp1);
        await sp1.commit();
        const sp3 = await conn.beginNested();
        await ins(conn, 3, "c");
        await sp3.commit();
        await conn.commit();
        expect([sp1.name, sp2.name, sp3.name]).toEqual([
          "sa_savepoint_1",
          "sa_savepoint_2",
          "sa_savepoint_3",
        ]);
        // the counter survives commit on the same connection
        const sp4 = await conn.beginNested();
        expect(sp4.name).toBe("sa_savepoint_4");
        await conn.rollback();
        await conn.close();
        expect(await outsideNames(d)).toEqual(["a", "c"]);
        expect(sql.filter((s) => s.includes("SAVEPOINT"))).toEqual([
          "SAVEPOINT sa_savepoint_1",
          "SAVEPOINT sa_savepoint_2",
          "ROLLBACK TO SAVEPOINT sa_savepoint_2",
          "RELEASE SAVEPOINT sa_savepoint_1",
          "SAVEPOINT sa_savepoint_3",
          "RELEASE SAVEPOINT sa_savepoint_3",
          "SAVEPOINT sa_savepoint_4",
        ]);
        // a new Connection (even on the same pooled driver connection) starts at 1
        const again = await engine.connect();
        const sp = await again.beginNested();
        expect(sp.name).toBe("sa_savepoint_1");
        await again.close();
      });

      it("rolling back an outer savepoint ends the inner ones without more SQL", async () => {
        const engine = mk();
        const sql = captureSql(engine);
        const conn = await engine.connect();
        await ins(conn, 1, "a");
        const sp1 = await conn.beginNested();
        await ins(conn, 2, "b");
        const sp2 = await conn.beginNested();
        await ins(conn, 3, "c");
        await sp1.rollback();
        expect(sp1.isActive).toBe(false);
        expect(sp2.isActive).toBe(false);
        expect(conn.inNestedTransaction()).toBe(false);
        await sp2.rollback(); // inactive: a no-op
        expect(await names(conn)).toEqual(["a"]);
        await conn.commit();
        expect(await outsideNames(d)).toEqual(["a"]);
        expect(sql.filter((s) => s.includes("SAVEPOINT"))).toEqual([
          "SAVEPOINT sa_savepoint_1",
          "SAVEPOINT sa_savepoint_2",
          "ROLLBACK TO SAVEPOINT sa_savepoint_1",
        ]);
        await conn.close();
      });

      it("the outer commit ends every savepoint without RELEASE", async () => {
        const engine = mk();
        const sql = captureSql(engine);
        const conn = await engine.connect();
        const sp = await conn.beginNested();
        await ins(conn, 1, "a");
        await conn.commit();
        expect(sp.isActive).toBe(false);
        expect(conn.inNestedTransaction()).toBe(false);
        await expect(sp.commit()).rejects.toThrow(sa.exc.InvalidRequestError);
        expect(sql.filter((s) => s.includes("SAVEPOINT"))).toEqual(["SAVEPOINT sa_savepoint_1"]);
        expect(await outsideNames(d)).toEqual(["a"]);
        await conn.close();
      });

      it("beginNested(cb) releases on resolve and rolls back to the savepoint on throw", async () => {
        const conn = await mk().connect();
        await conn.begin(async () => {
          await ins(conn, 1, "a");
          const v = await conn.beginNested(async (c) => {
            await ins(c, 2, "b");
            return 7;
          });
          expect(v).toBe(7);
          await expect(
            conn.beginNested(async (c) => {
              await ins(c, 3, "c");
              throw new Error("inner failure");
            }),
          ).rejects.toThrow("inner failure");
          expect(conn.inTransaction()).toBe(true);
          expect(conn.inNestedTransaction()).toBe(false);
          await ins(conn, 4, "d");
        });
        expect(await outsideNames(d)).toEqual(["a", "b", "d"]);
        await conn.close();
      });

      it.skipIf(d.name !== "postgresql")(
        "a savepoint whose RELEASE failed (PostgreSQL: an error aborts the transaction; elsewhere RELEASE succeeds) refuses statements until rollback()",
        async () => {
          const conn = await mk().connect();
          await conn.begin();
          const sp = await conn.beginNested();
          await expect(conn.execute(sa.text("SELECT 1/0"))).rejects.toThrow(sa.exc.DataError);
          await expect(sp.commit()).rejects.toThrow(sa.exc.InternalError);
          // refused here, as SQLAlchemy does, instead of failing on the server
          const e = await conn.scalar(sa.text("SELECT 2")).catch((x: unknown) => x);
          expect(e).toBeInstanceOf(sa.exc.PendingRollbackError);
          // SQLAlchemy 2.0's one text, naming the savepoint while one is current
          expect((e as Error).message).toBe(
            "Can't reconnect until invalid savepoint transaction is rolled back.  Please rollback() fully before proceeding",
          );
          await conn.rollback();
          expect(await conn.scalar(sa.text("SELECT 3"))).toBe(3);
          await conn.close();
        },
      );

      it("a failed insert rolled back to its savepoint leaves the outer transaction usable", async () => {
        const conn = await mk().connect();
        await ins(conn, 1, "a");
        const sp = await conn.beginNested();
        const err = await rejection(ins(conn, 1, "dup"));
        expect(err).toBeInstanceOf(sa.exc.IntegrityError);
        await sp.rollback();
        await ins(conn, 2, "b");
        await conn.commit();
        expect(await outsideNames(d)).toEqual(["a", "b"]);
        await conn.close();
      });
    });

    describe("pending rollback", () => {
      it("invalidate() inside a transaction: PendingRollbackError (8s2b) until rollback(), then a transparent reconnect", async () => {
        const engine = mk();
        const conn = await engine.connect();
        await ins(conn, 1, "lost");
        const tx = conn.getTransaction()!;
        const before = conn.dbapiConnection;
        await conn.invalidate();
        expect(conn.invalidated).toBe(true);
        // as in SQLAlchemy the transaction is still there, waiting for rollback()
        expect(conn.inTransaction()).toBe(true);
        expect(tx.isActive).toBe(true);
        for (let i = 0; i < 2; i++) {
          const err = await rejection(names(conn));
          expect(err).toBeInstanceOf(sa.exc.PendingRollbackError);
          expect(err).toBeInstanceOf(sa.exc.InvalidRequestError);
          expect((err as sa.exc.PendingRollbackError).code).toBe("8s2b");
          expect(err.message).toBe(PENDING_ROLLBACK);
        }
        await expect(conn.commit()).rejects.toThrow(sa.exc.PendingRollbackError);
        await expect(conn.beginNested()).rejects.toThrow(sa.exc.PendingRollbackError);
        await conn.rollback();
        expect(conn.inTransaction()).toBe(false);
        expect(tx.isActive).toBe(false);
        // the next statement reconnects on a new driver connection
        expect(await names(conn)).toEqual([]);
        expect(conn.invalidated).toBe(false);
        expect(conn.dbapiConnection).not.toBe(before);
        await ins(conn, 2, "kept");
        await conn.commit();
        expect(await outsideNames(d)).toEqual(["kept"]);
        await conn.close();
      });

      it("invalidate() outside a transaction reconnects on the next statement without an error", async () => {
        const conn = await mk().connect();
        await ins(conn, 1, "a");
        await conn.commit();
        await conn.invalidate();
        expect(conn.invalidated).toBe(true);
        expect(await names(conn)).toEqual(["a"]);
        expect(conn.invalidated).toBe(false);
        await conn.close();
      });

      // MySQL/MariaDB lack deferrable constraints, the only portable way to make COMMIT itself fail:
      // every constraint is checked by the statement, so a COMMIT cannot fail on one
      if (d.name === "mysql")
        it("without deferrable constraints the statement fails, not the COMMIT (MySQL)", async () => {
          const conn = await mk().connect();
          const tx = await conn.begin();
          await ins(conn, 1, "kept");
          const err = await rejection(conn.execute(sa.text("INSERT INTO tx_child (id, pid) VALUES (1, 99)")));
          expect(err).toBeInstanceOf(sa.exc.ForeignKeyViolation);
          // InnoDB undid the statement only: the transaction goes on and commits
          expect(tx.isActive).toBe(true);
          await tx.commit();
          expect(await outsideNames(d)).toEqual(["kept"]);
          expect(await d.outside("SELECT id FROM tx_child")).toEqual([]);
          await conn.close();
        });
      if (d.name !== "mysql")
        it("a failed COMMIT leaves an inactive transaction that must be rolled back", async () => {
          const conn = await mk().connect();
          const tx = await conn.begin();
          await conn.execute(sa.text("INSERT INTO tx_child (id, pid) VALUES (1, 99)"));
          const err = await rejection(tx.commit());
          expect(err).toBeInstanceOf(sa.exc.IntegrityError);
          expect(conn.invalidated).toBe(false);
          expect(tx.isActive).toBe(false);
          expect(conn.inTransaction()).toBe(false);
          // SQLAlchemy 2.0 words a failed transaction as an invalidated one
          const inactive =
            "Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding";
          for (const attempt of [
            () => conn.execute(sa.text("SELECT 1")),
            () => tx.commit(),
            () => conn.commit(),
          ]) {
            const e = await rejection(attempt());
            expect(e).toBeInstanceOf(sa.exc.PendingRollbackError);
            expect(e.message).toBe(inactive);
            expect((e as sa.exc.PendingRollbackError).code).toBe("8s2b");
          }
          await tx.rollback();
          expect(Number((await conn.execute(sa.text("SELECT count(*) FROM tx_child"))).scalar())).toBe(0);
          await conn.close();
          expect(await d.outside("SELECT id FROM tx_child")).toEqual([]);
        });

      it("begin(fn) rolls back after a failed COMMIT, as SQLAlchemy's context manager", async () => {
        const conn = await mk().connect();
        const err = await rejection(
          conn.begin(async (c) => {
            await c.execute(sa.text("INSERT INTO tx_child (id, pid) VALUES (1, 99)"));
          }),
        );
        expect(err).toBeInstanceOf(sa.exc.IntegrityError);
        expect(conn.inTransaction()).toBe(false);
        expect(await conn.scalar(sa.select(sa.literal(3)))).toBe(3);
        await conn.close();
      });

      it("an IntegrityError does not enter the pending-rollback state", async () => {
        const conn = await mk().connect();
        const tx = await conn.begin();
        await ins(conn, 1, "a");
        const err = await rejection(ins(conn, 1, "dup"));
        expect(err).toBeInstanceOf(sa.exc.IntegrityError);
        expect(err).not.toBeInstanceOf(sa.exc.PendingRollbackError);
        // the Core transaction stays active (unlike the ORM Session)
        expect(conn.inTransaction()).toBe(true);
        expect(tx.isActive).toBe(true);
        expect(conn.invalidated).toBe(false);
        if (d.name !== "postgresql") {
          // SQLite and MySQL keep the transaction usable (InnoDB undoes only the failed statement)
          await ins(conn, 2, "b");
          await tx.commit();
          expect(await outsideNames(d)).toEqual(["a", "b"]);
        } else {
          // PostgreSQL aborts the transaction server-side: the database (not alkahest) refuses
          const next = await rejection(ins(conn, 2, "b"));
          expect(next).toBeInstanceOf(sa.exc.DBAPIError);
          expect(next).not.toBeInstanceOf(sa.exc.PendingRollbackError);
          expect((next as sa.exc.DBAPIError).sqlstate).toBe("25P02");
          await conn.rollback();
          expect(await outsideNames(d)).toEqual([]);
        }
        // after rollback() the connection works as usual
        await conn.rollback();
        await ins(conn, 3, "c");
        await conn.commit();
        expect((await outsideNames(d)).at(-1)).toBe("c");
        await conn.close();
      });
    });

    describe("isolation levels", () => {
      it(`executionOptions({ isolationLevel }) applies to the connection and getIsolationLevel() reports it`, async () => {
        const engine = mk({ poolSize: 1 });
        const conn = await engine.connect();
        expect(await conn.getIsolationLevel()).toBe(defaultLevel);
        const same = await conn.executionOptions({ isolationLevel: otherLevel });
        expect(same).toBe(conn);
        expect(await conn.getIsolationLevel()).toBe(otherLevel);
        expect(conn.getExecutionOptions().isolationLevel).toBe(otherLevel);
        expect(await dbLevel(conn)).toBe(otherLevel);
        await conn.close();
      });

      it("the level reverts when the connection goes back to the pool", async () => {
        const engine = mk({ poolSize: 1, maxOverflow: 0 });
        const conn = await engine.connect();
        const raw = conn.dbapiConnection;
        await conn.executionOptions({ isolationLevel: otherLevel });
        expect(await dbLevel(conn)).toBe(otherLevel);
        await conn.close();
        const next = await engine.connect();
        expect(next.dbapiConnection).toBe(raw); // the same pooled driver connection
        expect(next.getExecutionOptions().isolationLevel).toBeUndefined();
        expect(await next.getIsolationLevel()).toBe(defaultLevel);
        expect(await dbLevel(next)).toBe(defaultLevel);
        await next.close();
      });

      it("createEngine({ isolationLevel }) applies to every connection", async () => {
        const engine = mk({ isolationLevel: otherLevel });
        const [a, b] = [await engine.connect(), await engine.connect()];
        for (const conn of [a, b]) {
          expect(await conn.getIsolationLevel()).toBe(otherLevel);
          expect(await dbLevel(conn)).toBe(otherLevel);
          await conn.rollback();
        }
        // still the database's own default level (SQLAlchemy: independent of the engine's)
        expect(a.defaultIsolationLevel).toBe(
          d.name === "postgresql"
            ? "READ COMMITTED"
            : d.name === "mysql"
              ? "REPEATABLE READ"
              : "SERIALIZABLE",
        );
        await a.close();
        await b.close();
      });

      it("setting the level inside a transaction throws InvalidRequestError", async () => {
        const conn = await mk().connect();
        await ins(conn, 1, "a");
        const err = await rejection(conn.executionOptions({ isolationLevel: otherLevel }));
        expect(err).toBeInstanceOf(sa.exc.InvalidRequestError);
        expect(err.message).toBe(
          "This connection has already initialized a SQLAlchemy Transaction() object via begin() or autobegin; isolation_level may not be altered unless rollback() or commit() is called first.",
        );
        // nothing changed and the transaction goes on
        expect(conn.getExecutionOptions().isolationLevel).toBeUndefined();
        await conn.commit();
        await conn.executionOptions({ isolationLevel: otherLevel });
        expect(await conn.getIsolationLevel()).toBe(otherLevel);
        await conn.close();
        expect(await outsideNames(d)).toEqual(["a"]);
      });

      it("an invalid level throws ArgumentError naming the valid ones", async () => {
        const engine = mk();
        const conn = await engine.connect();
        const err = await rejection(conn.executionOptions({ isolationLevel: "SOMETIMES" }));
        expect(err).toBeInstanceOf(sa.exc.ArgumentError);
        if (d.name === "sqlite") {
          expect(err.message).toBe(
            "Invalid value 'SOMETIMES' for isolation_level. Valid isolation levels for 'sqlite' are READ UNCOMMITTED, SERIALIZABLE, AUTOCOMMIT",
          );
        } else {
          expect(err.message).toMatch(
            new RegExp(
              `^Invalid value 'SOMETIMES' for isolation_level\\. Valid isolation levels for '${d.name}' are `,
            ),
          );
          for (const level of [
            "READ COMMITTED",
            "READ UNCOMMITTED",
            "REPEATABLE READ",
            "SERIALIZABLE",
            "AUTOCOMMIT",
          ])
            expect(err.message).toContain(level);
        }
        expect(conn.getExecutionOptions().isolationLevel).toBeUndefined();
        // the connection is still usable
        expect(await names(conn)).toEqual([]);
        await conn.close();
      });

      it("level names are normalized: lower case and underscores are accepted", async () => {
        const engine = mk();
        const conn = await engine.connect();
        await conn.executionOptions({ isolationLevel: otherLevel.toLowerCase().replace(" ", "_") });
        expect(conn.getExecutionOptions().isolationLevel).toBe(otherLevel);
        expect(await conn.getIsolationLevel()).toBe(otherLevel);
        expect(await dbLevel(conn)).toBe(otherLevel);
        await conn.rollback();
        await conn.executionOptions({ isolationLevel: "autocommit" });
        // as SQLAlchemy: the database's own level, never "AUTOCOMMIT"; the option says AUTOCOMMIT
        expect(await conn.getIsolationLevel()).toBe(await dbLevel(conn));
        expect(conn.getExecutionOptions().isolationLevel).toBe("AUTOCOMMIT");
        await ins(conn, 1, "a");
        expect(await outsideNames(d)).toEqual(["a"]);
        await conn.close();
      });

      it("createEngine with an invalid isolationLevel throws ArgumentError", () => {
        expect(() => d.engine({ isolationLevel: "SOMETIMES" })).toThrow(
          new RegExp(
            `^Invalid value 'SOMETIMES' for isolation_level\\. Valid isolation levels for '${d.name}' are .*SERIALIZABLE`,
          ),
        );
        expect(() => d.engine({ isolationLevel: "SOMETIMES" })).toThrow(sa.exc.ArgumentError);
      });

      it("AUTOCOMMIT via executionOptions: each statement is visible at once; commit() is a no-op", async () => {
        const { lines, logger } = echoLines();
        const engine = mk({ poolSize: 1, maxOverflow: 0, echo: true, logger });
        const conn = await engine.connect();
        await conn.executionOptions({ isolationLevel: "AUTOCOMMIT" });
        // as SQLAlchemy: the database's own level, never "AUTOCOMMIT"; the option says AUTOCOMMIT
        expect(await conn.getIsolationLevel()).toBe(defaultLevel);
        expect(conn.getExecutionOptions().isolationLevel).toBe("AUTOCOMMIT");
        await ins(conn, 1, "a");
        // SQLAlchemy still autobegins a (driver-level no-op) transaction
        expect(conn.inTransaction()).toBe(true);
        expect(await outsideNames(d)).toEqual(["a"]);
        await ins(conn, 2, "b");
        await conn.rollback();
        expect(await outsideNames(d)).toEqual(["a", "b"]);
        await ins(conn, 3, "c");
        await conn.commit();
        expect(await outsideNames(d)).toEqual(["a", "b", "c"]);
        expect(lines).toContain("BEGIN (implicit; DBAPI should not BEGIN due to autocommit mode)");
        expect(lines).toContain(
          "COMMIT using DBAPI connection.commit(), DBAPI should ignore due to autocommit mode",
        );
        expect(lines).toContain(
          "ROLLBACK using DBAPI connection.rollback(), DBAPI should ignore due to autocommit mode",
        );
        await conn.close();
        // back in the pool it transacts again
        const next = await engine.connect();
        await ins(next, 4, "d");
        expect(await outsideNames(d)).toEqual(["a", "b", "c"]);
        await next.close();
        expect(await outsideNames(d)).toEqual(["a", "b", "c"]);
      });

      it("createEngine({ isolationLevel: 'AUTOCOMMIT' }) autocommits every connection", async () => {
        const engine = mk({ isolationLevel: "AUTOCOMMIT" });
        const conn = await engine.connect();
        // as SQLAlchemy: the database's own level, never "AUTOCOMMIT"; the option says AUTOCOMMIT
        expect(await conn.getIsolationLevel()).toBe(defaultLevel);
        expect(conn.getExecutionOptions().isolationLevel).toBe("AUTOCOMMIT");
        await ins(conn, 1, "a");
        expect(await outsideNames(d)).toEqual(["a"]);
        await conn.close(); // the rollback at close undoes nothing
        expect(await outsideNames(d)).toEqual(["a"]);
        await engine
          .begin(async (c) => {
            await ins(c, 2, "b");
            expect(await outsideNames(d)).toEqual(["a", "b"]);
            throw new Error("rolled back, but autocommitted already");
          })
          .catch(() => undefined);
        expect(await outsideNames(d)).toEqual(["a", "b"]);
      });

      it("a connection-level level is replaced by the engine's when it goes back to the pool", async () => {
        // a level other than the server's default (MySQL's is REPEATABLE READ)
        const engineLevel =
          d.name === "sqlite"
            ? "READ UNCOMMITTED"
            : d.name === "mysql"
              ? "READ COMMITTED"
              : "REPEATABLE READ";
        const connLevel = "SERIALIZABLE";
        const engine = mk({ isolationLevel: engineLevel, poolSize: 1, maxOverflow: 0 });
        const conn = await engine.connect();
        await conn.executionOptions({ isolationLevel: connLevel });
        expect(await dbLevel(conn)).toBe(connLevel);
        await conn.close();
        const next = await engine.connect();
        expect(await next.getIsolationLevel()).toBe(engineLevel);
        expect(await dbLevel(next)).toBe(engineLevel);
        await next.close();
      });
    });

    describe("transaction events and echo", () => {
      it("begin, commit, rollback, savepoint, release_savepoint and rollback_savepoint fire with the connection", async () => {
        const engine = mk();
        const events: string[][] = [];
        const conns: unknown[] = [];
        for (const name of ["begin", "commit", "rollback"] as const) {
          sa.event.listen(engine, name, (conn) => {
            conns.push(conn);
            events.push([name]);
          });
        }
        for (const name of ["savepoint", "release_savepoint", "rollback_savepoint"] as const) {
          // SQLAlchemy fires `savepoint` with the name given to begin_nested(): none (null)
          sa.event.listen(engine, name, (conn: unknown, spName: string | null) => {
            conns.push(conn);
            events.push([name, spName as string]);
          });
        }
        const conn = await engine.connect();
        await ins(conn, 1, "a");
        const sp1 = await conn.beginNested();
        await sp1.commit();
        const sp2 = await conn.beginNested();
        await sp2.rollback();
        await conn.commit();
        await ins(conn, 2, "b");
        await conn.rollback();
        await ins(conn, 3, "c");
        await conn.close(); // closing with a transaction rolls it back: the event fires too
        expect(events).toEqual([
          ["begin"],
          ["savepoint", null],
          ["release_savepoint", "sa_savepoint_1"],
          ["savepoint", null],
          ["rollback_savepoint", "sa_savepoint_2"],
          ["commit"],
          ["begin"],
          ["rollback"],
          ["begin"],
          ["rollback"],
        ]);
        expect(conns.every((c) => c === conn)).toBe(true);
      });

      it("an async listener is awaited before the transaction goes on", async () => {
        const engine = mk();
        const order: string[] = [];
        engine.on("commit", async () => {
          await new Promise((r) => setTimeout(r, 20));
          order.push("commit listener done");
        });
        const conn = await engine.connect();
        await ins(conn, 1, "a");
        await conn.commit();
        order.push("commit returned");
        expect(order).toEqual(["commit listener done", "commit returned"]);
        await conn.close();
      });

      it("echo logs BEGIN (implicit), the statements, COMMIT and ROLLBACK", async () => {
        const { lines, logger } = echoLines();
        const engine = mk({ echo: true, logger });
        const conn = await engine.connect();
        await ins(conn, 1, "a");
        await conn.commit();
        const sp = await conn.beginNested();
        await sp.rollback();
        await conn.rollback();
        await conn.close();
        const shown = lines.filter((l) => !l.startsWith("["));
        expect(shown).toEqual([
          "BEGIN (implicit)",
          expect.stringMatching(/^INSERT INTO tx_t \(id, name\) VALUES /),
          "COMMIT",
          "BEGIN (implicit)",
          "SAVEPOINT sa_savepoint_1",
          "ROLLBACK TO SAVEPOINT sa_savepoint_1",
          "ROLLBACK",
        ]);
      });
    });
  });
}
