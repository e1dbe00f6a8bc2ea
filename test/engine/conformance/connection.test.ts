/**
 * The Connection on every real database: calls serialised on one connection, the open-stream
 * guard, `await using`, the execution and cursor events with SQLAlchemy's positional arguments
 * (and `retval` rewriting), pool events seen through the engine, echo logging with cache stats,
 * the compiled-statement cache, and `runSync(meta.createAll)` as in the seed example.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("conn");

const meta = new sa.MetaData();
const t = new sa.Table(
  "conn_t",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
  new sa.Column("name", sa.String(50)),
);

/** The seed example's table, created and dropped by the tests themselves. */
const seedMeta = new sa.MetaData();
const t1 = new sa.Table(
  "conn_t1",
  seedMeta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  // MySQL has no VARCHAR without a length (alkahest raises CompileError there, as SQLAlchemy does)
  new sa.Column("name", sa.String(50)),
);

/** The rejection of `p` (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<Error> {
  const out = await p.then(
    () => null,
    (e: unknown) => e as Error,
  );
  if (out === null) throw new Error("expected a rejection, but the promise resolved");
  return out;
}

/** Rejects when `p` has not settled within `ms` (proves a call does not hang). */
function within<T>(p: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still pending after ${ms}ms`)), ms)),
  ]);
}

const PREFIX = "INFO alkahest.engine.Engine ";

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
    /** a driver placeholder for execDriverSql */
    const ph = (n: number) => (d.name === "postgresql" ? `$${n}` : "?");

    beforeAll(async () => {
      const e = d.engine();
      await e.begin(async (conn) => {
        await conn.runSync(meta.dropAll);
        await conn.runSync(meta.createAll);
        await conn.runSync(seedMeta.dropAll);
      });
      await e.dispose();
    });

    beforeEach(async () => {
      await d.outside("DELETE FROM conn_t");
    });

    afterEach(async () => {
      const [engines, conns] = [made, opened];
      [made, opened] = [[], []];
      for (const conn of conns) await conn.close().catch(() => undefined);
      await Promise.all(engines.map((e) => e.dispose()));
    });

    afterAll(async () => {
      const e = d.engine();
      await e.begin(async (conn) => {
        await conn.runSync(meta.dropAll);
        await conn.runSync(seedMeta.dropAll);
      });
      await e.dispose();
    });

    describe("serialised calls", () => {
      it("20 concurrent executes on one connection give the right results, in order", async () => {
        const conn = await mk().connect();
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => conn.execute(sa.select(sa.literal(i).label("v")))),
        );
        expect(results.map((r) => Number(r.scalar()))).toEqual(Array.from({ length: 20 }, (_, i) => i));
        await conn.close();
      });

      it("concurrent inserts and reads run one after another in call order", async () => {
        const engine = mk();
        const sent: unknown[] = [];
        engine.on(
          "before_cursor_execute",
          (_c: unknown, _cur: unknown, statement: string, params: unknown) => {
            if (statement.startsWith("INSERT")) sent.push((params as unknown[])[0]);
          },
        );
        const conn = await engine.connect();
        const calls: Promise<unknown>[] = [];
        for (let i = 1; i <= 20; i++) {
          calls.push(conn.execute(t.insert(), { id: i, name: `n${i}` }));
          if (i % 5 === 0) calls.push(conn.scalar(sa.select(sa.func.count()).selectFrom(t)));
        }
        calls.push(conn.commit());
        const out = await Promise.all(calls);
        const counts = out.filter((v) => typeof v === "number" || typeof v === "bigint").map(Number);
        expect(counts).toEqual([5, 10, 15, 20]);
        expect(sent).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect(conn.inTransaction()).toBe(false);
        expect((await d.outside("SELECT count(*) FROM conn_t"))[0].map(Number)).toEqual([20]);
        await conn.close();
      });

      it("transaction calls take their turn: they see what the calls queued before them did", async () => {
        const conn = await mk().connect();
        // begin() queued after an execute sees its autobegin
        const [, begun] = await Promise.allSettled([
          conn.execute(t.insert(), { id: 1, name: "a" }),
          conn.begin(),
        ]);
        expect(begun.status).toBe("rejected");
        expect((begun as PromiseRejectedResult).reason.message).toMatch(
          /^This connection has already initialized a SQLAlchemy Transaction\(\) object via begin\(\) or autobegin; can't call begin\(\)/,
        );
        // rollback() queued after an insert undoes it
        await Promise.all([conn.execute(t.insert(), { id: 2, name: "b" }), conn.rollback()]);
        expect(conn.inTransaction()).toBe(false);
        expect(await d.outside("SELECT id FROM conn_t")).toEqual([]);
        // an isolation level queued after an execute finds the transaction it began
        const [, iso] = await Promise.allSettled([
          conn.execute(sa.select(t.c.id)),
          conn.executionOptions({ isolationLevel: "SERIALIZABLE" }),
        ]);
        expect(iso.status).toBe("rejected");
        expect((iso as PromiseRejectedResult).reason).toBeInstanceOf(sa.exc.InvalidRequestError);
        await conn.rollback();
        // and one queued before an execute applies to it
        await Promise.all([
          conn.executionOptions({ isolationLevel: "AUTOCOMMIT" }),
          conn.execute(t.insert(), { id: 3, name: "c" }),
        ]);
        expect((await d.outside("SELECT id FROM conn_t")).map((r) => Number(r[0]))).toEqual([3]);
        await conn.close();
      });

      it("a failing call in the queue rejects alone; the calls after it still run", async () => {
        const conn = await mk().connect();
        await conn.execute(t.insert(), { id: 1, name: "a" });
        await conn.commit();
        const savepoint = await conn.beginNested();
        const [dup, after] = await Promise.allSettled([
          conn.execute(t.insert(), { id: 1, name: "dup" }),
          savepoint.rollback().then(() => conn.scalar(sa.select(t.c.name).where(t.c.id.eq(1)))),
        ]);
        expect(dup.status).toBe("rejected");
        expect((dup as PromiseRejectedResult).reason).toBeInstanceOf(sa.exc.IntegrityError);
        expect(after).toEqual({ status: "fulfilled", value: "a" });
        await conn.close();
      });
    });

    describe("open streams", () => {
      beforeEach(async () => {
        await d.outside("INSERT INTO conn_t (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
      });

      it("a call made while a stream is open raises InvalidRequestError at once instead of hanging", async () => {
        const conn = await mk().connect();
        const ar = await conn.stream(sa.select(t.c.id).orderBy(t.c.id));
        const first = await ar.fetchone();
        expect(first?.[0]).toBe(1);
        for (const call of [
          () => conn.execute(sa.select(t.c.id)),
          () => conn.stream(sa.select(t.c.id)),
          () => conn.execDriverSql("SELECT 1"),
          () => conn.beginNested(),
        ]) {
          const err = await within(rejection(call()));
          expect(err).toBeInstanceOf(sa.exc.InvalidRequestError);
          expect(err.message).toMatch(/open stream/);
        }
        // the stream itself is unharmed
        expect((await ar.fetchall()).map((r) => r[0])).toEqual([2, 3]);
        await ar.close();
        // once closed the connection works again
        expect(Number((await conn.execute(sa.select(sa.func.count()).selectFrom(t))).scalar())).toBe(3);
        await conn.close();
      }, 10_000);

      it("a call that fails its checks at once (getIsolationLevel after invalidate) leaves the connection's call slot free", async () => {
        const conn = await mk().connect();
        await conn.execute(sa.select(t.c.id));
        await conn.invalidate();
        const failed = await within(rejection(conn.getIsolationLevel()));
        expect(failed).toBeInstanceOf(sa.exc.InvalidRequestError);
        await conn.rollback();
        // the slot was released: with a stream open, the next call still fails at once
        const ar = await conn.stream(sa.select(t.c.id).orderBy(t.c.id));
        const err = await within(rejection(conn.execute(sa.select(t.c.id))));
        expect(err.message).toMatch(/open stream/);
        await ar.close();
        await conn.close();
      }, 10_000);

      it("breaking out of for await and exhausting a stream both free the connection", async () => {
        const conn = await mk().connect();
        for await (const row of await conn.stream(sa.select(t.c.id).orderBy(t.c.id))) {
          expect(row[0]).toBe(1);
          break;
        }
        expect((await within(conn.execute(sa.select(t.c.name).where(t.c.id.eq(2))))).scalar()).toBe("b");
        const ar = await conn.stream(sa.select(t.c.id).orderBy(t.c.id));
        expect((await ar.all()).map((r) => r[0])).toEqual([1, 2, 3]);
        expect((await within(conn.execute(sa.select(t.c.name).where(t.c.id.eq(3))))).scalar()).toBe("c");
        await conn.close();
      }, 10_000);

      it("close() with a stream open closes the stream and releases the connection", async () => {
        const engine = mk({ poolSize: 1, maxOverflow: 0, poolTimeout: 2 });
        const conn = await engine.connect();
        const ar = await conn.stream(sa.select(t.c.id).orderBy(t.c.id));
        await ar.fetchone();
        await within(conn.close());
        expect(conn.closed).toBe(true);
        const next = await within(engine.connect());
        expect(Number(await next.scalar(sa.select(sa.func.count()).selectFrom(t)))).toBe(3);
        await next.close();
      }, 10_000);
    });

    describe("lifecycle", () => {
      it("`await using conn = await engine.connect()` closes (rolling back) at the end of the block", async () => {
        const engine = mk();
        let seen: sa.Connection | null = null;
        {
          await using conn = await engine.connect();
          seen = conn;
          await conn.execute(t.insert(), { id: 1, name: "a" });
          expect(conn.closed).toBe(false);
        }
        expect(seen.closed).toBe(true);
        expect(await d.outside("SELECT id FROM conn_t")).toEqual([]);
        {
          await using conn = await engine.connect();
          await conn.execute(t.insert(), { id: 2, name: "b" });
          await conn.commit();
        }
        expect((await d.outside("SELECT id FROM conn_t")).map((r) => Number(r[0]))).toEqual([2]);
      });

      it("scalar, scalars and execDriverSql with the driver's own placeholders", async () => {
        const conn = await mk().connect();
        await conn.execute(t.insert(), [
          { id: 1, name: "a" },
          { id: 2, name: "b" },
        ]);
        expect(await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(2)))).toBe("b");
        expect(await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(99)))).toBeNull();
        expect((await conn.scalars(sa.select(t.c.id).orderBy(t.c.id))).all()).toEqual([1, 2]);
        const r = await conn.execDriverSql(`SELECT name FROM conn_t WHERE id = ${ph(1)}`, [1]);
        expect(r.scalar()).toBe("a");
        await conn.execDriverSql(`INSERT INTO conn_t (id, name) VALUES (${ph(1)}, ${ph(2)})`, [
          [3, "c"],
          [4, "d"],
        ]);
        expect((await conn.scalars(sa.select(t.c.name).orderBy(t.c.id))).all()).toEqual(["a", "b", "c", "d"]);
        await conn.commit();
        await conn.close();
      });
    });

    describe("events", () => {
      it("before_cursor_execute and after_cursor_execute get (conn, cursor, statement, parameters, context, executemany)", async () => {
        const engine = mk();
        const calls: { name: string; args: unknown[] }[] = [];
        sa.event.listen(engine, "before_cursor_execute", (...args: unknown[]) => {
          calls.push({ name: "before", args });
        });
        sa.event.listen(engine, "after_cursor_execute", (...args: unknown[]) => {
          calls.push({ name: "after", args });
        });
        const conn = await engine.connect();
        await conn.execute(t.insert(), { id: 1, name: "a" });
        expect(calls.map((c) => c.name)).toEqual(["before", "after"]);
        const [before, after] = calls.map((c) => c.args);
        expect(before).toHaveLength(6);
        const [c, cursor, statement, parameters, context, executemany] = before;
        expect(c).toBe(conn);
        expect(typeof (cursor as { execute: unknown }).execute).toBe("function");
        expect(statement).toMatch(/^INSERT INTO conn_t \(id, name\) VALUES /);
        expect(parameters).toEqual([1, "a"]);
        expect(context).toBeInstanceOf(sa.ExecutionContext);
        const ctx = context as sa.ExecutionContext;
        expect(ctx.statement).toBe(statement);
        expect(ctx.isinsert).toBe(true);
        expect(ctx.compiled?.string).toBe(statement);
        expect(ctx.connection).toBe(conn);
        expect(ctx.rootConnection).toBe(conn);
        expect(executemany).toBe(false);
        // after_cursor_execute sees the same objects
        expect(after[0]).toBe(conn);
        expect(after[1]).toBe(cursor);
        expect(after[2]).toBe(statement);
        expect(after[4]).toBe(context);
        expect(after[5]).toBe(false);

        // executemany: the list of parameter sets, executemany true
        calls.length = 0;
        await conn.execute(
          t
            .update()
            .where(t.c.id.eq(sa.bindparam("b_id")))
            .values({ name: sa.bindparam("b_name") }),
          [
            { b_id: 1, b_name: "x" },
            { b_id: 2, b_name: "y" },
          ],
        );
        const many = calls.find((x) => x.name === "before")!.args;
        expect(many[5]).toBe(true);
        expect(many[3]).toEqual([
          ["x", 1],
          ["y", 2],
        ]);
        expect((many[4] as sa.ExecutionContext).isupdate).toBe(true);

        // raw driver SQL: a context without a Compiled
        calls.length = 0;
        await conn.execDriverSql("SELECT 1");
        const raw = calls[0].args;
        expect(raw[2]).toBe("SELECT 1");
        // no parameters is one empty set in the paramstyle's shape, never undefined
        expect(raw[3]).toEqual([]);
        expect((raw[4] as sa.ExecutionContext).compiled).toBeNull();
        expect((raw[4] as sa.ExecutionContext).isText).toBe(true);
        // sa.text() is plain text too (SQLAlchemy's isplaintext); a construct is not
        calls.length = 0;
        await conn.execute(sa.text("SELECT 1"));
        await conn.execute(sa.select(t.c.id));
        const contexts = calls
          .filter((x) => x.name === "before")
          .map((x) => x.args[4] as sa.ExecutionContext);
        expect(contexts.map((x) => x.isText)).toEqual([true, false]);
        await conn.close();
      });

      it("before_cursor_execute with retval rewrites the SQL and the parameters", async () => {
        const engine = mk();
        await d.outside("INSERT INTO conn_t (id, name) VALUES (1, 'a'), (2, 'b')");
        const seen: string[] = [];
        sa.event.listen(
          engine,
          "before_cursor_execute",
          (_c, _cur, statement, parameters) => {
            if (statement === "SELECT 1 AS v") return ["SELECT 2 AS v", parameters];
            if (statement.startsWith("SELECT conn_t.name")) return [`${statement} /* rewritten */`, [2]];
            return [statement, parameters];
          },
          { retval: true },
        );
        // a listener without retval: its return value is ignored
        sa.event.listen(engine, "before_cursor_execute", () => ["SELECT 3 AS v", []]);
        sa.event.listen(engine, "after_cursor_execute", (_c, _cur, statement, _p, context) => {
          seen.push(statement);
          expect((context as sa.ExecutionContext).statement).toBe(statement);
        });
        const conn = await engine.connect();
        expect(Number((await conn.execute(sa.text("SELECT 1 AS v"))).scalar())).toBe(2);
        expect(await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(1)))).toBe("b");
        expect(seen[0]).toBe("SELECT 2 AS v");
        expect(seen[1]).toMatch(/ \/\* rewritten \*\/$/);
        await conn.close();
      });

      it('engine.on("beforeCursorExecute") is the camelCase alias, and chains', async () => {
        const engine = mk();
        const statements: string[] = [];
        const out = engine
          .on("beforeCursorExecute", (_c: unknown, _cur: unknown, statement: string) => {
            statements.push(`before ${statement}`);
          })
          .on("afterCursorExecute", (_c: unknown, _cur: unknown, statement: string) => {
            statements.push(`after ${statement}`);
          });
        expect(out).toBe(engine);
        await engine.connect(async (conn) => {
          await conn.execute(sa.text("SELECT 1"));
        });
        expect(statements).toEqual(["before SELECT 1", "after SELECT 1"]);
      });

      it("before_execute and after_execute get (conn, clauseelement, multiparams, params, options[, result])", async () => {
        const engine = mk();
        const calls: unknown[][] = [];
        sa.event.listen(engine, "before_execute", (...args: unknown[]) => {
          calls.push(["before", ...args]);
        });
        sa.event.listen(engine, "after_execute", (...args: unknown[]) => {
          calls.push(["after", ...args]);
        });
        const conn = await engine.connect();
        const ins = t.insert();
        const r = await conn.execute(ins, { id: 1, name: "a" });
        expect(calls).toHaveLength(2);
        const [b, a] = calls;
        expect(b[1]).toBe(conn);
        expect(b[2]).toBe(ins);
        expect(b[3]).toEqual([]);
        expect(b[4]).toEqual({ id: 1, name: "a" });
        expect(a[2]).toBe(ins);
        expect(a[6]).toBe(r);
        calls.length = 0;
        await conn.execute(ins, [
          { id: 2, name: "b" },
          { id: 3, name: "c" },
        ]);
        expect(calls[0][3]).toEqual([
          { id: 2, name: "b" },
          { id: 3, name: "c" },
        ]);
        expect(calls[0][4]).toEqual({});
        // raw driver SQL does not fire them (SQLAlchemy's exec_driver_sql)
        calls.length = 0;
        await conn.execDriverSql("SELECT 1");
        expect(calls).toEqual([]);
        await conn.close();
      });

      it("before_execute with retval replaces the statement and its parameters", async () => {
        const engine = mk();
        await d.outside("INSERT INTO conn_t (id, name) VALUES (1, 'a'), (2, 'b')");
        const byId = sa.select(t.c.name).where(t.c.id.eq(sa.bindparam("wanted")));
        sa.event.listen(
          engine,
          "before_execute",
          (_c, elem, multiparams, params) =>
            elem === byId ? [elem, multiparams, { ...params, wanted: 2 }] : [elem, multiparams, params],
          { retval: true },
        );
        const conn = await engine.connect();
        expect(await conn.scalar(byId, { wanted: 1 })).toBe("b");
        await conn.close();
      });

      it("listeners on a Connection: its own statements only, after the engine's; retval, handle_error, remove", async () => {
        const engine = mk();
        const order: string[] = [];
        sa.event.listen(engine, "before_cursor_execute", (_c, _cur, statement) => {
          order.push(`engine: ${statement}`);
        });
        const a = await engine.connect();
        const b = await engine.connect();
        const onA = (_c: unknown, _cur: unknown, statement: string) => {
          order.push(`a: ${statement}`);
        };
        sa.event.listen(a, "before_cursor_execute", onA);
        sa.event.listen(a, "commit", () => {
          order.push("a: commit");
        });
        // a retval listener on the connection rewrites only its statements
        sa.event.listen(
          a,
          "beforeCursorExecute",
          (_c, _cur, statement, parameters) => [`${statement} -- from a`, parameters],
          { retval: true },
        );
        await a.execute(sa.text("SELECT 1"));
        await b.execute(sa.text("SELECT 2"));
        await a.commit();
        expect(order).toEqual(["engine: SELECT 1", "a: SELECT 1", "engine: SELECT 2", "a: commit"]);
        const errors: unknown[] = [];
        sa.event.listen(a, "handle_error", (ctx) => {
          errors.push(ctx.statement);
        });
        await expect(a.execute(sa.text("SELECT * FROM no_such_table"))).rejects.toThrow(sa.exc.DBAPIError);
        await expect(b.execute(sa.text("SELECT * FROM no_such_table"))).rejects.toThrow(sa.exc.DBAPIError);
        expect(errors).toEqual(["SELECT * FROM no_such_table -- from a"]);
        sa.event.remove(a, "before_cursor_execute", onA);
        expect(sa.event.contains(a, "before_cursor_execute", onA)).toBe(false);
        // the pool's events are the engine's (refused at compile time too)
        // @ts-expect-error a Connection has no pool events
        expect(() => sa.event.listen(a, "checkout", () => undefined)).toThrow(sa.exc.ArgumentError);
        await a.close();
        await b.close();
      });

      it("engine_connect fires for each connection", async () => {
        const engine = mk();
        const seen: unknown[] = [];
        sa.event.listen(engine, "engine_connect", (c) => {
          seen.push(c);
        });
        const a = await engine.connect();
        const b = await engine.connect();
        expect(seen).toEqual([a, b]);
        await a.close();
        await b.close();
      });

      it("pool events connect, checkout and checkin fire through the engine", async () => {
        const engine = mk({ poolSize: 1, maxOverflow: 0 });
        const log: string[] = [];
        const raws: unknown[] = [];
        sa.event.listen(engine, "connect", (dbapiConnection, record) => {
          expect(record).toBeDefined();
          raws.push(dbapiConnection);
          log.push("connect");
        });
        sa.event.listen(engine, "checkout", (dbapiConnection, record, proxy) => {
          expect(record).toBeDefined();
          expect(proxy).toBeDefined();
          raws.push(dbapiConnection);
          log.push("checkout");
        });
        sa.event.listen(engine, "checkin", (dbapiConnection) => {
          raws.push(dbapiConnection);
          log.push("checkin");
        });
        const conn = await engine.connect();
        const raw = conn.dbapiConnection;
        expect(log).toEqual(["connect", "checkout"]);
        await conn.execute(sa.text("SELECT 1"));
        await conn.close();
        expect(log).toEqual(["connect", "checkout", "checkin"]);
        const again = await engine.connect();
        expect(again.dbapiConnection).toBe(raw);
        await again.close();
        expect(log).toEqual(["connect", "checkout", "checkin", "checkout", "checkin"]);
        expect(raws.every((r) => r === raw)).toBe(true);
      });

      it("first_connect fires once for the pool, before the first connect", async () => {
        const engine = mk({ poolSize: 2, maxOverflow: 0 });
        const log: string[] = [];
        sa.event.listen(engine, "first_connect", (dbapiConnection, record) => {
          expect(dbapiConnection).toBeDefined();
          expect(record).toBeDefined();
          log.push("first_connect");
        });
        sa.event.listen(engine, "connect", () => void log.push("connect"));
        const a = await engine.connect();
        const b = await engine.connect();
        await a.close();
        await b.close();
        expect(log).toEqual(["first_connect", "connect", "connect"]);
      });

      it("the pool invalidate event fires once for conn.invalidate()", async () => {
        const engine = mk();
        const seen: unknown[][] = [];
        sa.event.listen(engine, "invalidate", (...args: unknown[]) => {
          seen.push(args);
        });
        const conn = await engine.connect();
        const raw = conn.dbapiConnection;
        const why = new Error("gone");
        await conn.invalidate(why);
        expect(seen).toHaveLength(1);
        expect(seen[0][0]).toBe(raw);
        expect(seen[0][2]).toBe(why);
        await conn.close();
      });
    });

    describe("echo", () => {
      function echoEngine(opts: sa.EngineOptions = {}) {
        const lines: string[] = [];
        const engine = mk({
          ...opts,
          echo: true,
          logger: (line) => {
            expect(line.startsWith(PREFIX)).toBe(true);
            lines.push(line.slice(PREFIX.length));
          },
        });
        return { engine, lines };
      }

      it("logs BEGIN (implicit), the statement with [generated in …s], then [cached since …s ago], COMMIT, ROLLBACK", async () => {
        const { engine, lines } = echoEngine();
        const conn = await engine.connect();
        await conn.execute(t.insert(), { id: 1, name: "a" });
        await conn.execute(t.insert(), { id: 2, name: "b" });
        await conn.commit();
        await conn.execute(sa.select(t.c.name).where(t.c.id.eq(1)));
        await conn.close();
        expect(lines[0]).toBe("BEGIN (implicit)");
        expect(lines[1]).toMatch(/^INSERT INTO conn_t \(id, name\) VALUES /);
        expect(lines[2]).toMatch(/^\[generated in \d+\.\d{5}s\] \[1,"a"\]$/);
        expect(lines[3]).toBe(lines[1]);
        expect(lines[4]).toMatch(/^\[cached since \d+(\.\d+)?(e-\d+)?s ago\] \[2,"b"\]$/);
        expect(lines[5]).toBe("COMMIT");
        expect(lines[6]).toBe("BEGIN (implicit)");
        expect(lines[7]).toMatch(/^SELECT conn_t\.name \nFROM conn_t \nWHERE conn_t\.id = /);
        expect(lines[8]).toMatch(/^\[generated in \d+\.\d{5}s\] \[1\]$/);
        expect(lines[9]).toBe("ROLLBACK");
        expect(lines).toHaveLength(10);
      });

      it("raw SQL logs [raw sql]; compiledCache: null logs [caching disabled …s]", async () => {
        const { engine, lines } = echoEngine();
        const conn = await engine.connect();
        await conn.execDriverSql("SELECT 1");
        expect(lines.slice(1, 3)).toEqual(["SELECT 1", "[raw sql] []"]);
        await conn.executionOptions({ compiledCache: null });
        await conn.execute(sa.select(t.c.id).where(t.c.id.eq(5)));
        expect(lines.at(-1)).toMatch(/^\[caching disabled \d+\.\d{5}s\] \[5\]$/);
        await conn.close();
      });

      it("a batched INSERT logs each batch with (insertmanyvalues) i/N stats", async () => {
        const { engine, lines } = echoEngine();
        const rows = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `n${i}` }));
        await engine.begin(async (conn) => {
          const r = await conn.execute(t.insert().returning(t.c.id), rows, { insertmanyvaluesPageSize: 2 });
          expect(r.scalars().all()).toEqual([1, 2, 3, 4, 5]);
        });
        const stats = lines.filter((l) => l.startsWith("[") && l.includes("insertmanyvalues"));
        expect(stats).toHaveLength(3);
        expect(stats[0]).toMatch(
          /^\[generated in \d+\.\d{5}s \(insertmanyvalues\) 1\/3 \((un)?ordered\)\] \[1,"n0",2,"n1"\]$/,
        );
        expect(stats[1]).toMatch(/^\[insertmanyvalues 2\/3 \((un)?ordered\)\] \[3,"n2",4,"n3"\]$/);
        expect(stats[2]).toMatch(/^\[insertmanyvalues 3\/3 \((un)?ordered\)\] \[5,"n4"\]$/);
        expect(lines.filter((l) => l.startsWith("INSERT INTO conn_t"))).toHaveLength(3);
      });

      it("hideParameters hides them in the log", async () => {
        const { engine, lines } = echoEngine({ hideParameters: true });
        await engine.connect((conn) => conn.execute(sa.select(t.c.id).where(t.c.id.eq(5))));
        expect(lines[2]).toMatch(
          /^\[generated in \d+\.\d{5}s\] \[SQL parameters hidden due to hide_parameters=True\]$/,
        );
      });
    });

    describe("compiled cache", () => {
      function compiledOf(engine: sa.Engine): unknown[] {
        const out: unknown[] = [];
        engine.on("before_cursor_execute", (...args: unknown[]) => {
          out.push((args[4] as sa.ExecutionContext).compiled);
        });
        return out;
      }

      beforeEach(async () => {
        await d.outside("INSERT INTO conn_t (id, name) VALUES (1, 'a'), (2, 'b')");
      });

      it("two statements differing only in values reuse the same Compiled", async () => {
        const engine = mk();
        const compiled = compiledOf(engine);
        const conn = await engine.connect();
        const size = engine.compiledCacheSize;
        expect(await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(1)))).toBe("a");
        expect(await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(2)))).toBe("b");
        expect(compiled).toHaveLength(2);
        expect(compiled[0]).toBeDefined();
        expect(compiled[1]).toBe(compiled[0]);
        expect(engine.compiledCacheSize).toBe(size + 1);
        // a different shape is a different entry
        await conn.scalar(sa.select(t.c.id).where(t.c.name.eq("a")));
        expect(compiled[2]).not.toBe(compiled[0]);
        expect(engine.compiledCacheSize).toBe(size + 2);
        await conn.close();
      });

      it("executionOptions({ compiledCache: null }) turns the cache off for that connection", async () => {
        const engine = mk();
        const compiled = compiledOf(engine);
        const conn = await engine.connect();
        await conn.executionOptions({ compiledCache: null });
        const size = engine.compiledCacheSize;
        expect(await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(1)))).toBe("a");
        expect(await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(2)))).toBe("b");
        expect(compiled[1]).not.toBe(compiled[0]);
        expect(engine.compiledCacheSize).toBe(size);
        // per execution too, on a connection that caches
        const other = await engine.connect();
        await other.scalar(sa.select(t.c.name).where(t.c.id.eq(1)));
        await other.scalar(sa.select(t.c.name).where(t.c.id.eq(2)), undefined, { compiledCache: null });
        expect(compiled[3]).not.toBe(compiled[2]);
        await conn.close();
        await other.close();
      });

      it("execution options: the application's own keys at every level, statement options between the connection's and execute()'s, and their events", async () => {
        const engine = mk();
        const seen: unknown[][] = [];
        sa.event.listen(engine, "set_engine_execution_options", (e, opts) => {
          seen.push(["engine", e, opts]);
        });
        sa.event.listen(engine, "set_connection_execution_options", (c, opts) => {
          seen.push(["connection", c, opts]);
        });
        const contexts: sa.ExecutionContext[] = [];
        sa.event.listen(engine, "before_cursor_execute", (_c, _cur, _s, _p, ctx) => {
          if (ctx) contexts.push(ctx);
        });
        const tagged = engine.executionOptions({ tenant: "acme" });
        expect(seen[0]).toEqual(["engine", tagged, { tenant: "acme" }]);
        const conn = await tagged.connect();
        await conn.executionOptions({ requestId: 7, loggingToken: "c1" });
        expect(seen[1]).toEqual(["connection", conn, { requestId: 7, loggingToken: "c1" }]);
        expect(conn.getExecutionOptions()).toMatchObject({
          tenant: "acme",
          requestId: 7,
          loggingToken: "c1",
        });
        const stmt = sa.select(t.c.name).where(t.c.id.eq(1)).executionOptions({ requestId: 8, yieldPer: 5 });
        expect(stmt.getExecutionOptions()).toEqual({ requestId: 8, yieldPer: 5 });
        expect(await conn.scalar(stmt)).toBe("a");
        expect(await conn.scalar(stmt, undefined, { requestId: 9 })).toBe("a");
        expect(contexts.map((c) => [c.executionOptions.tenant, c.executionOptions.requestId])).toEqual([
          ["acme", 8],
          ["acme", 9],
        ]);
        // the statement is generative: the original keeps none
        expect(sa.select(t.c.name).getExecutionOptions()).toEqual({});
        // a known option misspelt in snake_case is refused rather than kept and ignored
        await expect(conn.executionOptions({ isolation_level: "AUTOCOMMIT" })).rejects.toThrow(
          "Unknown execution option 'isolation_level' (did you mean 'isolationLevel'?)",
        );
        expect(() => sa.select(t.c.id).executionOptions({ isolationLevel: "SERIALIZABLE" })).toThrow(
          sa.exc.ArgumentError,
        );
        await expect(
          conn.execute(sa.select(t.c.id), undefined, { isolationLevel: "SERIALIZABLE" }),
        ).rejects.toThrow(sa.exc.ArgumentError);
        expect(await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(1)))).toBe("a");
        await conn.close();
      });

      it("engine.clearCompiledCache() empties it", async () => {
        const engine = mk();
        const compiled = compiledOf(engine);
        const conn = await engine.connect();
        await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(1)));
        expect(engine.compiledCacheSize).toBeGreaterThan(0);
        engine.clearCompiledCache();
        expect(engine.compiledCacheSize).toBe(0);
        expect(await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(2)))).toBe("b");
        expect(compiled[1]).not.toBe(compiled[0]);
        expect(engine.compiledCacheSize).toBe(1);
        await conn.close();
      });

      it("queryCacheSize: 0 disables caching", async () => {
        const engine = mk({ queryCacheSize: 0 });
        const compiled = compiledOf(engine);
        const conn = await engine.connect();
        await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(1)));
        await conn.scalar(sa.select(t.c.name).where(t.c.id.eq(2)));
        expect(compiled[1]).not.toBe(compiled[0]);
        expect(engine.compiledCacheSize).toBe(0);
        await conn.close();
      });
    });

    describe("runSync", () => {
      it("runSync(meta.createAll) and runSync(meta.dropAll) as in the seed example", async () => {
        const engine = mk();
        await engine.begin(async (conn) => {
          await conn.runSync(seedMeta.dropAll);
          await conn.runSync(seedMeta.createAll);
          await conn.execute(t1.insert(), [{ name: "some name 1" }, { name: "some name 2" }]);
        });
        expect(await d.outside("SELECT id, name FROM conn_t1 ORDER BY id")).toEqual([
          [1, "some name 1"],
          [2, "some name 2"],
        ]);
        await engine.connect(async (conn) => {
          expect(await conn.hasTable("conn_t1")).toBe(true);
          const result = await conn.execute(sa.select(t1).where(t1.c.name.eq("some name 1")));
          expect(result.fetchall().map((r) => [...r])).toEqual([[1, "some name 1"]]);
          const rows: unknown[][] = [];
          for await (const row of await conn.stream(sa.select(t1).orderBy(t1.c.id))) rows.push([...row]);
          expect(rows).toEqual([
            [1, "some name 1"],
            [2, "some name 2"],
          ]);
        });
        // the value runSync's function returns comes back
        const out = await engine.connect((conn) =>
          conn.runSync(async (c) => (c === conn ? "same" : "other")),
        );
        expect(out).toBe("same");
        await engine.begin((conn) => conn.runSync(seedMeta.dropAll));
        await engine.connect(async (conn) => {
          expect(await conn.hasTable("conn_t1")).toBe(false);
        });
      });
    });
  });
}
