/**
 * Pooling through the engine on every real database (research §1.9, checklist 23-24, 28-29):
 * QueuePool status, exhaustion with SQLAlchemy's TimeoutError, overflow, reset on return,
 * recycle, dispose, pre-ping, disconnects that invalidate the connection and stamp the pool
 * (PostgreSQL: a backend killed with `pg_terminate_backend`; SQLite: the driver connection
 * closed underneath), StaticPool for `sqlite:///:memory:`, and NullPool. Server-side state is
 * checked from outside the engine (`pg_stat_activity`).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DBAPIConnection } from "../../../src/dialects/dbapi.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("pool");

const meta = new sa.MetaData();
const t = new sa.Table(
  "pool_t",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
  new sa.Column("name", sa.String(50)),
);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The rejection of `p` (fails the test when it resolves). */
async function rejection<E = Error>(p: Promise<unknown>): Promise<E> {
  const out = await p.then(
    () => null,
    (e: unknown) => ({ e }),
  );
  if (out === null) throw new Error("expected a rejection, but the promise resolved");
  return out.e as E;
}

function status(size: number, inPool: number, overflow: number, out: number): string {
  return `Pool size: ${size}  Connections in pool: ${inPool} Current Overflow: ${overflow} Current Checked out connections: ${out}`;
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const pg = d.name === "postgresql";
    const my = d.name === "mysql";
    /** a database server with sessions of its own (not SQLite's in-process connections) */
    const server = pg || my;
    let engine: sa.Engine;
    let made: sa.Engine[] = [];
    /** A new engine on this file's database, disposed after the test. */
    const mk = (opts?: sa.EngineOptions): sa.Engine => {
      const e = d.engine(opts);
      made.push(e);
      return e;
    };

    /** The server session of a connection (PostgreSQL backend pid, MySQL connection id); runs a statement (autobegins). */
    const backendPid = async (conn: sa.Connection): Promise<number> =>
      Number(await conn.scalar(sa.text(my ? "SELECT CONNECTION_ID()" : "SELECT pg_backend_pid()")));

    /** How many of `pids` the server still has (pg_stat_activity / the process list, from outside). */
    const alive = async (pids: readonly number[]): Promise<number> => {
      const rows = await d.outside(
        my
          ? `SELECT count(*) FROM information_schema.PROCESSLIST WHERE ID IN (${pids.join(", ")})`
          : `SELECT count(*) FROM pg_stat_activity WHERE pid IN (${pids.join(", ")})`,
      );
      return Number(rows[0][0]);
    };

    /** Waits until the server has none of `pids` (closing is asynchronous on its side). */
    const waitGone = async (pids: readonly number[]): Promise<number> => {
      for (let i = 0; i < 100 && (await alive(pids)) > 0; i++) await sleep(20);
      return alive(pids);
    };

    /** The identity of a connection's database session: the backend pid, or the driver object. */
    const sessionOf = async (conn: sa.Connection): Promise<unknown> =>
      server ? backendPid(conn) : conn.dbapiConnection.driverConnection;

    /**
     * Kills the session under a connection the way each database loses one: PostgreSQL
     * terminates the backend from outside (`pg_terminate_backend`), MySQL `KILL`s the
     * connection from another session; SQLite's driver connection is closed underneath the pool.
     * `pid` is the server session, read beforehand.
     */
    const kill = async (raw: DBAPIConnection, pid: number | null): Promise<void> => {
      if (pg) {
        const r = await d.outside(`SELECT pg_terminate_backend(${pid})`);
        expect(r[0][0]).toBe(true);
        expect(await waitGone([pid!])).toBe(0);
        await sleep(20); // let the client see the server's goodbye
      } else if (my) {
        await d.outside(`KILL ${pid}`);
        expect(await waitGone([pid!])).toBe(0);
        await sleep(20);
      } else {
        (raw.driverConnection as { close(): void }).close();
      }
    };

    const count = async (conn: sa.Connection): Promise<number> =>
      Number(await conn.scalar(sa.select(sa.func.count()).selectFrom(t)));

    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await conn.runSync((c) => meta.dropAll(c));
        await conn.runSync((c) => meta.createAll(c));
      });
    });

    beforeEach(async () => {
      await engine.begin(async (conn) => {
        await conn.execute(t.delete());
        await conn.execute(t.insert(), [
          { id: 1, name: "a" },
          { id: 2, name: "b" },
          { id: 3, name: "c" },
        ]);
      });
    });

    afterEach(async () => {
      for (const e of made) await e.dispose();
      made = [];
    });

    afterAll(async () => {
      await engine.begin(async (conn) => {
        await conn.runSync((c) => meta.dropAll(c));
      });
      await engine.dispose();
    });

    describe("QueuePool", () => {
      it("is the default pool, with SQLAlchemy's status() line", async () => {
        const e = mk();
        expect(e.pool.kind).toBe("QueuePool");
        expect(e.pool.status()).toBe(status(5, 0, -5, 0));
        const a = await e.connect();
        const b = await e.connect();
        expect(e.pool.status()).toBe(status(5, 0, -3, 2));
        await a.close();
        expect(e.pool.status()).toBe(status(5, 1, -3, 1));
        // the counts status() is made of, as QueuePool's methods
        expect([e.pool.size(), e.pool.checkedin(), e.pool.overflow(), e.pool.checkedout()]).toEqual([
          5, 1, -3, 1,
        ]);
        await b.close();
        expect(e.pool.status()).toBe(status(5, 2, -3, 0));
        // a checkout reuses an idle connection rather than opening another
        await e.connect(async () => {
          expect(e.pool.status()).toBe(status(5, 1, -3, 1));
        });
      });

      it("exhausted, a checkout times out after poolTimeout with the named TimeoutError", async () => {
        const e = mk({ poolSize: 1, maxOverflow: 0, poolTimeout: 0.1 });
        const held = await e.connect();
        try {
          const t0 = performance.now();
          const err = await rejection<sa.exc.TimeoutError>(e.connect());
          const elapsed = performance.now() - t0;
          expect(err).toBeInstanceOf(sa.exc.TimeoutError);
          expect(err.message).toBe(
            "QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.10",
          );
          expect(err.code).toBe("3o7r");
          expect(elapsed).toBeGreaterThanOrEqual(90);
          expect(elapsed).toBeLessThan(1500);
          expect(e.pool.status()).toBe(status(1, 0, 0, 1));
          // the held connection still works
          expect(await count(held)).toBe(3);
        } finally {
          await held.close();
        }
        expect(e.pool.status()).toBe(status(1, 1, 0, 0));
        await e.connect(async (conn) => {
          expect(await count(conn)).toBe(3);
        });
      });

      it("the timeout names the configured size and overflow", async () => {
        const e = mk({ poolSize: 2, maxOverflow: 1, poolTimeout: 0.05 });
        const held = await Promise.all([e.connect(), e.connect(), e.connect()]);
        try {
          const err = await rejection(e.connect());
          expect(err.message).toBe(
            "QueuePool limit of size 2 overflow 1 reached, connection timed out, timeout 0.05",
          );
        } finally {
          for (const c of held) await c.close();
        }
      });

      it("a waiting checkout gets the connection returned before its timeout", async () => {
        const e = mk({ poolSize: 1, maxOverflow: 0, poolTimeout: 5 });
        const held = await e.connect();
        const raw = held.dbapiConnection;
        const waiting = e.connect();
        await sleep(50);
        await held.close();
        const next = await waiting;
        try {
          expect(next.dbapiConnection).toBe(raw);
          expect(await count(next)).toBe(3);
        } finally {
          await next.close();
        }
      });

      it("overflow connections are closed when they come back to a full pool", async () => {
        const e = mk({ poolSize: 1, maxOverflow: 1 });
        const a = await e.connect();
        const b = await e.connect();
        const rawA = a.dbapiConnection;
        const rawB = b.dbapiConnection;
        const sessions = server ? [await backendPid(a), await backendPid(b)] : [];
        expect(e.pool.status()).toBe(status(1, 0, 1, 2));
        await a.close();
        await b.close();
        expect(e.pool.status()).toBe(status(1, 1, 0, 0));
        expect(rawA.closed).toBe(false);
        expect(rawB.closed).toBe(true);
        if (server) expect(await waitGone([sessions[1]])).toBe(0);
      });

      it("a returned connection is rolled back (reset on return) and the reset event says so", async () => {
        const e = mk({ poolSize: 1 });
        const resets: boolean[] = [];
        sa.event.listen(e, "reset", (_dbapi, _rec, state) => {
          resets.push((state as { transactionWasReset: boolean }).transactionWasReset);
        });
        const conn = await e.connect();
        const raw = conn.dbapiConnection;
        await conn.execute(t.insert(), { id: 10, name: "uncommitted" });
        await conn.close();
        // Connection.close() rolled back itself, so the pool's own reset is skipped
        expect(resets).toEqual([true]);
        expect((await d.outside("SELECT count(*) FROM pool_t WHERE id = 10"))[0][0]).toEqual(pg ? "0" : 0);
        await e.connect(async (c) => {
          expect(c.dbapiConnection).toBe(raw);
          expect(await count(c)).toBe(3);
        });
      });

      it("a checkout listener raising DisconnectionError makes the pool reconnect", async () => {
        const e = mk({ poolSize: 1 });
        let refuse = false;
        sa.event.listen(e, "checkout", () => {
          if (refuse) {
            refuse = false;
            throw new sa.exc.DisconnectionError("stale");
          }
        });
        const first = await e.connect();
        const raw = first.dbapiConnection;
        await first.close();
        refuse = true;
        await e.connect(async (c) => {
          expect(c.dbapiConnection).not.toBe(raw);
          expect(await count(c)).toBe(3);
        });
        expect(raw.closed).toBe(true);
      });
    });

    describe("poolRecycle", () => {
      it("replaces a connection older than poolRecycle seconds at checkout", async () => {
        const e = mk({ poolRecycle: 0.3 });
        const first = await e.connect();
        const raw = first.dbapiConnection;
        const session = await sessionOf(first);
        await first.close();
        // young enough: reused
        await e.connect(async (c) => {
          expect(c.dbapiConnection).toBe(raw);
        });
        await sleep(400);
        await e.connect(async (c) => {
          expect(c.dbapiConnection).not.toBe(raw);
          expect(await sessionOf(c)).not.toBe(session);
          expect(await count(c)).toBe(3);
        });
        expect(raw.closed).toBe(true);
        if (server) expect(await waitGone([session as number])).toBe(0);
        expect(e.pool.status()).toBe(status(5, 1, -4, 0));
      });
    });

    describe("info, rawConnection, detach", () => {
      it("conn.info lives with the DBAPI connection: the next checkout of it sees the same object", async () => {
        const e = mk({ poolSize: 1, maxOverflow: 0 });
        const first = await e.connect();
        first.info.tenant = "acme";
        const raw = first.dbapiConnection;
        await first.close();
        await e.connect(async (c) => {
          expect(c.dbapiConnection).toBe(raw);
          expect(c.info.tenant).toBe("acme");
        });
        // a new DBAPI connection starts with empty info
        await e.dispose();
        await e.connect(async (c) => expect(c.info).toEqual({}));
      });

      it("engine.rawConnection(): a driver connection from the pool, returned by close()", async () => {
        const e = mk({ poolSize: 1, maxOverflow: 0 });
        const raw = await e.rawConnection();
        expect(e.pool.status()).toBe(status(1, 0, 0, 1));
        const cur = raw.cursor();
        await cur.execute(pg ? "SELECT $1::int + 1" : "SELECT ? + 1", [41]);
        expect((await cur.fetchall()).map((r) => Number((r as unknown[])[0]))).toEqual([42]);
        await raw.rollback();
        expect(raw.driverConnection).toBeTruthy();
        await raw.close();
        expect(e.pool.status()).toBe(status(1, 1, 0, 0));
        // the same DBAPI connection serves the next Connection
        await e.connect(async (c) => expect(await count(c)).toBe(3));
      });

      it("detach(): the pool's slot is free at once and the connection is closed, not returned", async () => {
        const e = mk({ poolSize: 1, maxOverflow: 0, poolTimeout: 1 });
        const conn = await e.connect();
        const raw = conn.dbapiConnection;
        const pid = server ? await backendPid(conn) : 0;
        conn.info.kept = true;
        conn.detach();
        expect(e.pool.status()).toBe(status(1, 1, 0, 0));
        // the freed slot connects anew while the detached connection still works
        await e.connect(async (other) => {
          expect(other.dbapiConnection).not.toBe(raw);
          expect(other.info.kept).toBeUndefined();
          expect(await count(other)).toBe(3);
        });
        expect(conn.info.kept).toBe(true);
        expect(await count(conn)).toBe(3);
        await conn.close();
        expect(raw.closed).toBe(true);
        if (server) expect(await waitGone([pid])).toBe(0);
        expect(e.pool.status()).toBe(status(1, 1, 0, 0));
      });
    });

    describe("dispose", () => {
      it("closes the pooled connections and leaves a fresh, working pool", async () => {
        const e = mk();
        const conns = await Promise.all([e.connect(), e.connect(), e.connect()]);
        const raws = conns.map((c) => c.dbapiConnection);
        const pids = server ? await Promise.all(conns.map(backendPid)) : [];
        for (const c of conns) await c.close();
        expect(e.pool.status()).toBe(status(5, 3, -2, 0));
        if (server) expect(await alive(pids)).toBe(3);
        await e.dispose();
        expect(e.pool.status()).toBe(status(5, 0, -5, 0));
        for (const raw of raws) expect(raw.closed).toBe(true);
        if (server) expect(await waitGone(pids)).toBe(0);
        // the engine carries on with a new pool
        await e.connect(async (c) => {
          expect(raws).not.toContain(c.dbapiConnection);
          expect(await count(c)).toBe(3);
        });
      });

      it("a connection checked out during dispose keeps working and is closed when returned", async () => {
        const e = mk();
        const held = await e.connect();
        const raw = held.dbapiConnection;
        const pid = server ? await backendPid(held) : 0;
        await e.dispose();
        expect(await count(held)).toBe(3);
        await held.close();
        expect(raw.closed).toBe(true);
        if (server) expect(await waitGone([pid])).toBe(0);
        expect(e.pool.status()).toBe(status(5, 0, -5, 0));
      });

      it("fires engine_disposed", async () => {
        const e = mk();
        const seen: unknown[] = [];
        sa.event.listen(e, "engine_disposed", (eng) => {
          seen.push(eng);
        });
        await e.connect(async () => undefined);
        await e.dispose();
        expect(seen).toEqual([e]);
      });
    });

    describe("disconnects", () => {
      it("a session lost while idle: OperationalError-family error with connectionInvalidated, then the connection and pool recover", async () => {
        const e = mk();
        const conn = await e.connect();
        try {
          await conn.execute(t.insert(), { id: 20, name: "committed" });
          await conn.commit();
          const before = await count(conn);
          const pid = server ? await backendPid(conn) : null;
          await conn.commit();
          const raw = conn.dbapiConnection;
          await kill(raw, pid);
          const err = await rejection<sa.exc.DBAPIError>(conn.execute(sa.select(t.c.id)));
          expect(err).toBeInstanceOf(sa.exc.DBAPIError);
          // pg, mysql2: the lost socket is an OperationalError; pysqlite's closed database is a ProgrammingError
          expect(err).toBeInstanceOf(server ? sa.exc.OperationalError : sa.exc.ProgrammingError);
          expect(err.connectionInvalidated).toBe(true);
          expect(err.orig).toBeInstanceOf(Error);
          expect(conn.invalidated).toBe(true);
          expect(raw.closed).toBe(true);
          // no transaction was lost, so a rollback (a no-op) and the next statement reconnect
          await conn.rollback();
          expect(await count(conn)).toBe(before);
          expect(conn.invalidated).toBe(false);
          expect(conn.dbapiConnection).not.toBe(raw);
          if (server) expect(await backendPid(conn)).not.toBe(pid);
          expect(e.pool.status()).toBe(status(5, 0, -4, 1));
        } finally {
          await conn.close();
        }
        expect(e.pool.status()).toBe(status(5, 1, -4, 0));
        expect((await d.outside("SELECT count(*) FROM pool_t"))[0][0]).toEqual(pg ? "4" : 4);
      });

      it("a handle_error listener that answers isDisconnect = false: the error says connectionInvalidated false, nothing is invalidated", async () => {
        const e = mk();
        sa.event.listen(e, "handle_error", (ctx) => {
          expect(ctx.isDisconnect).toBe(true);
          ctx.isDisconnect = false;
        });
        const conn = await e.connect();
        try {
          const pid = server ? await backendPid(conn) : null;
          await conn.commit();
          await kill(conn.dbapiConnection, pid);
          const err = await rejection<sa.exc.DBAPIError>(conn.execute(sa.select(t.c.id)));
          expect(err).toBeInstanceOf(sa.exc.DBAPIError);
          expect(err.connectionInvalidated).toBe(false);
          expect(conn.invalidated).toBe(false);
        } finally {
          await conn.invalidate();
          await conn.close();
        }
      });

      it("a session lost mid-transaction: the error, then PendingRollbackError until rollback(); committed rows survive", async () => {
        const e = mk();
        const conn = await e.connect();
        try {
          await conn.execute(t.insert(), { id: 30, name: "committed" });
          await conn.commit();
          await conn.execute(t.insert(), { id: 31, name: "lost" });
          const pid = server ? await backendPid(conn) : null;
          const raw = conn.dbapiConnection;
          await kill(raw, pid);
          const err = await rejection<sa.exc.DBAPIError>(conn.execute(t.insert(), { id: 32, name: "never" }));
          expect(err).toBeInstanceOf(sa.exc.DBAPIError);
          expect(err.connectionInvalidated).toBe(true);
          expect(err.statement).toContain("INSERT INTO pool_t");
          expect(conn.invalidated).toBe(true);
          const pending = await rejection(conn.execute(sa.select(t.c.id)));
          expect(pending).toBeInstanceOf(sa.exc.PendingRollbackError);
          expect(pending.message).toBe(
            "Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding",
          );
          expect((pending as sa.exc.PendingRollbackError).code).toBe("8s2b");
          await conn.rollback();
          const ids = (await conn.execute(sa.select(t.c.id).orderBy(t.c.id))).scalars().all();
          expect(ids).toEqual([1, 2, 3, 30]);
          expect(conn.dbapiConnection).not.toBe(raw);
        } finally {
          await conn.close();
        }
        const rows = await d.outside("SELECT id FROM pool_t ORDER BY id");
        expect(rows.map((r) => Number(r[0]))).toEqual([1, 2, 3, 30]);
      });

      it("a disconnect stamps the pool: every older pooled connection is replaced at its next checkout", async () => {
        const e = mk();
        const a = await e.connect();
        const b = await e.connect();
        const rawA = a.dbapiConnection;
        const rawB = b.dbapiConnection;
        const pidA = server ? await backendPid(a) : null;
        const pidB = server ? await backendPid(b) : 0;
        await b.close(); // idle in the pool
        await a.execute(sa.select(t.c.id)); // a transaction in progress
        await kill(rawA, pidA);
        const err = await rejection<sa.exc.DBAPIError>(a.execute(sa.select(t.c.id)));
        expect(err.connectionInvalidated).toBe(true);
        await a.rollback();
        await a.close();
        // both pooled slots now hold new connections; B's old session was closed
        const [c1, c2] = await Promise.all([e.connect(), e.connect()]);
        try {
          for (const c of [c1, c2]) {
            expect([rawA, rawB]).not.toContain(c.dbapiConnection);
            expect(await count(c)).toBe(3);
          }
        } finally {
          await c1.close();
          await c2.close();
        }
        expect(rawB.closed).toBe(true);
        if (server) expect(await waitGone([pidB])).toBe(0);
        expect(e.pool.status()).toBe(status(5, 2, -3, 0));
      });

      it("handle_error sees isDisconnect for a lost session", async () => {
        const e = mk();
        const seen: boolean[] = [];
        sa.event.listen(e, "handle_error", (ctx) => {
          seen.push(ctx.isDisconnect);
        });
        const conn = await e.connect();
        try {
          await conn.execute(sa.select(t.c.id));
          const pid = server ? await backendPid(conn) : null;
          await kill(conn.dbapiConnection, pid);
          await rejection(conn.execute(sa.select(t.c.id)));
          expect(seen).toEqual([true]);
          await conn.rollback();
        } finally {
          await conn.close();
        }
      });

      it("with poolPrePing, a killed idle pooled connection is replaced transparently", async () => {
        const e = mk({ poolPrePing: true });
        const first = await e.connect();
        const raw = first.dbapiConnection;
        const pid = server ? await backendPid(first) : null;
        await first.close();
        await kill(raw, pid);
        const errors: unknown[] = [];
        sa.event.listen(e, "handle_error", (ctx) => {
          errors.push(ctx.originalException);
        });
        await e.connect(async (c) => {
          expect(c.dbapiConnection).not.toBe(raw);
          if (server) expect(await backendPid(c)).not.toBe(pid);
          expect(await count(c)).toBe(3);
        });
        expect(errors).toEqual([]);
        expect(e.pool.status()).toBe(status(5, 1, -4, 0));
        // a live connection passes the ping and is reused
        const again = await e.connect();
        const reused = again.dbapiConnection;
        await again.close();
        await e.connect(async (c) => {
          expect(c.dbapiConnection).toBe(reused);
        });
      });
    });

    describe("NullPool", () => {
      for (const poolClass of ["NullPool", sa.NullPool] as const) {
        it(`poolClass ${typeof poolClass === "string" ? "'NullPool'" : "sa.NullPool"} opens and closes a connection per checkout`, async () => {
          const e = mk({ poolClass });
          expect(e.pool.kind).toBe("NullPool");
          expect(e.pool.status()).toBe("NullPool");
          const a = await e.connect();
          const rawA = a.dbapiConnection;
          const pid = server ? await backendPid(a) : 0;
          expect(await count(a)).toBe(3);
          await a.close();
          expect(rawA.closed).toBe(true);
          if (server) expect(await waitGone([pid])).toBe(0);
          await e.connect(async (b) => {
            expect(b.dbapiConnection).not.toBe(rawA);
            expect(await count(b)).toBe(3);
          });
        });
      }
    });

    if (d.name === "sqlite") {
      describe("StaticPool", () => {
        it("is the default for sqlite:///:memory:, and tables survive between connections", async () => {
          for (const url of ["sqlite:///:memory:", "sqlite://"]) {
            const e = sa.createEngine(url);
            made.push(e);
            expect(e.pool.kind).toBe("StaticPool");
            expect(e.pool.status()).toBe("StaticPool");
            await e.begin(async (conn) => {
              await conn.runSync((c) => meta.createAll(c));
              await conn.execute(t.insert(), { id: 1, name: "kept" });
            });
            const rows = await e.connect(async (conn) =>
              (await conn.execute(sa.select(t.c.name))).scalars().all(),
            );
            expect(rows).toEqual(["kept"]);
            // every checkout shares the one connection
            const [a, b] = await Promise.all([e.connect(), e.connect()]);
            expect(a.dbapiConnection).toBe(b.dbapiConnection);
            await a.close();
            await b.close();
          }
        });

        it("a file database gets a QueuePool, and poolClass StaticPool can be chosen", async () => {
          expect(mk().pool.kind).toBe("QueuePool");
          const e = mk({ poolClass: sa.StaticPool });
          expect(e.pool.kind).toBe("StaticPool");
          const [a, b] = await Promise.all([e.connect(), e.connect()]);
          expect(a.dbapiConnection).toBe(b.dbapiConnection);
          await a.close();
          await b.close();
        });

        it("dispose closes the shared connection", async () => {
          const e = sa.createEngine("sqlite:///:memory:");
          const conn = await e.connect();
          const raw = conn.dbapiConnection;
          await conn.close();
          await e.dispose();
          expect(raw.closed).toBe(true);
        });
      });
    }
  });
}
