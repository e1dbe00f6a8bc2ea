/**
 * `createEngine` on every real database (research §1.7, checklist 1-2): option names validated
 * (an unknown one is an ArgumentError naming it), the dialect and driver registry with clear
 * errors, bad URLs, `createAsyncEngine` as the same function, the password hidden whenever the
 * URL is rendered, and the options reaching the pool, the driver and the connections. Connect
 * failures are wrapped as SQLAlchemy wraps them (no statement).
 */
import { afterEach, describe, expect, it } from "vitest";
import { runtimeDialect as sqliteRuntimeDialect } from "../../../src/dialects/sqlite/runtime.js";
import * as sa from "../../../src/index.js";
import { mysqlUrl, pgUrl } from "../../helpers/databases.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("create");

/** The error `fn` throws (fails the test when it returns). */
function thrown<E = Error>(fn: () => unknown): E {
  try {
    fn();
  } catch (e) {
    return e as E;
  }
  throw new Error("expected a throw, but the call returned");
}

/** The rejection of `p` (fails the test when it resolves). */
async function rejection<E = Error>(p: Promise<unknown>): Promise<E> {
  const out = await p.then(
    () => null,
    (e: unknown) => ({ e }),
  );
  if (out === null) throw new Error("expected a rejection, but the promise resolved");
  return out.e as E;
}

describe("createEngine without connecting", () => {
  it("createAsyncEngine is createEngine", () => {
    expect(sa.createAsyncEngine).toBe(sa.createEngine);
  });

  it("rejects an unknown option with an ArgumentError naming it", () => {
    for (const bad of ["pool_size", "poolsize", "timeout", "future"]) {
      const e = thrown(() => sa.createEngine("sqlite://", { [bad]: 1 } as sa.EngineOptions));
      expect(e).toBeInstanceOf(sa.exc.ArgumentError);
      expect(e.message).toContain(`'${bad}'`);
      expect(e.message).toContain("createEngine()");
    }
  });

  it("rejects an unknown execution option in executionOptions", () => {
    const e = thrown(() =>
      sa.createEngine("sqlite://", { executionOptions: { stream_results: true } as sa.ExecutionOptions }),
    );
    expect(e).toBeInstanceOf(sa.exc.ArgumentError);
    expect(e.message).toContain("'stream_results'");
  });

  it("accepts every documented option", () => {
    const e = sa.createEngine("postgresql://scott@localhost/db", {
      echo: false,
      poolSize: 3,
      maxOverflow: 2,
      poolTimeout: 1.5,
      poolRecycle: 60,
      poolPrePing: true,
      poolClass: "QueuePool",
      isolationLevel: "READ COMMITTED",
      connectArgs: { application_name: "alkahest" },
      executionOptions: { yieldPer: 10 },
      queryCacheSize: 10,
      hideParameters: true,
      logger: () => undefined,
    });
    expect(e.pool.status()).toBe(
      "Pool size: 3  Connections in pool: 0 Current Overflow: -3 Current Checked out connections: 0",
    );
    expect(e.hideParameters).toBe(true);
  });

  it("rejects an unknown database with a clear ArgumentError", () => {
    const e = thrown(() => sa.createEngine("nosuchdb://u@h/db"));
    expect(e).toBeInstanceOf(sa.exc.ArgumentError);
    expect(e.message).toContain("Can't load plugin: alkahest.dialects:nosuchdb");
    expect(e.message).toContain("'nosuchdb'");
  });

  it("rejects an unknown driver with a clear ArgumentError naming driver and database", () => {
    for (const url of ["postgresql+psycopg2://u@h/db", "sqlite+pysqlite:///:memory:"]) {
      const e = thrown(() => sa.createEngine(url));
      expect(e).toBeInstanceOf(sa.exc.ArgumentError);
      const [backend, driver] = url.split("://")[0].split("+");
      expect(e.message).toContain(`unknown driver '${driver}' for '${backend}'`);
    }
  });

  it("knows the URL names sqlite, sqlite+better_sqlite3, postgresql, postgresql+pg", () => {
    for (const [url, name, driver] of [
      ["sqlite://", "sqlite", "better_sqlite3"],
      ["sqlite+better_sqlite3://", "sqlite", "better_sqlite3"],
      ["postgresql://u@h/db", "postgresql", "pg"],
      ["postgresql+pg://u@h/db", "postgresql", "pg"],
    ] as const) {
      const e = sa.createEngine(url);
      expect(e.name).toBe(name);
      expect(e.driver).toBe(driver);
      expect(e.dialect.name).toBe(name);
    }
  });

  it("registerDialect adds a URL name", async () => {
    sa.registerDialect("sqlite+alk_conformance", sqliteRuntimeDialect);
    const e = sa.createEngine("sqlite+alk_conformance:///:memory:");
    try {
      expect(await e.connect(async (c) => c.scalar(sa.select(sa.literal(41).add(1))))).toBe(42);
    } finally {
      await e.dispose();
    }
  });

  it("bad URLs are ArgumentErrors from makeUrl", () => {
    for (const bad of [
      "",
      "not a url",
      "sqlite",
      "://x",
      "postgresql://u@host:99999/db",
      "postgresql://u@host:abc/db",
    ]) {
      const viaMake = thrown(() => sa.makeUrl(bad));
      expect(viaMake).toBeInstanceOf(sa.exc.ArgumentError);
      expect(viaMake.message).toContain("Could not parse SQLAlchemy URL from string");
      const viaCreate = thrown(() => sa.createEngine(bad));
      expect(viaCreate).toBeInstanceOf(sa.exc.ArgumentError);
      expect(viaCreate.message).toBe(viaMake.message);
    }
    const notAString = thrown(() => sa.createEngine(42 as unknown as string));
    expect(notAString).toBeInstanceOf(sa.exc.ArgumentError);
  });

  it("takes a URL object as well as a string", () => {
    const u = sa.makeUrl("postgresql+pg://scott:tiger@localhost:5432/test");
    const e = sa.createEngine(u);
    expect(e.url).toBe(u);
  });

  it("hides the password whenever the URL is rendered", () => {
    const e = sa.createEngine("postgresql://scott:ti%40ger@localhost:5432/test?sslmode=disable");
    expect(e.url.password).toBe("ti@ger");
    expect(String(e.url)).toBe("postgresql://scott:***@localhost:5432/test?sslmode=disable");
    expect(`${e}`).not.toContain("ti@ger");
    expect(String(e)).toContain("scott:***@localhost");
    expect(JSON.stringify({ url: e.url })).not.toContain("tiger");
    expect(e.url.renderAsString({ hidePassword: false })).toBe(
      "postgresql://scott:ti%40ger@localhost:5432/test?sslmode=disable",
    );
  });

  it("rejects bad pool option values and an unknown poolClass", () => {
    expect(() => sa.createEngine("postgresql://u@h/db", { poolSize: -1 })).toThrow(sa.exc.ArgumentError);
    expect(() =>
      sa.createEngine("postgresql://u@h/db", { poolTimeout: "soon" as unknown as number }),
    ).toThrow(sa.exc.ArgumentError);
    const e = thrown(() => sa.createEngine("sqlite://", { poolClass: "SingletonThreadPool" as "NullPool" }));
    expect(e).toBeInstanceOf(sa.exc.ArgumentError);
    expect(e.message).toContain("SingletonThreadPool");
  });

  it("rejects an invalid isolation level with SQLAlchemy's message", () => {
    const e = thrown(() => sa.createEngine("sqlite://", { isolationLevel: "BOGUS" }));
    expect(e).toBeInstanceOf(sa.exc.ArgumentError);
    expect(e.message).toBe(
      "Invalid value 'BOGUS' for isolation_level. Valid isolation levels for 'sqlite' are READ UNCOMMITTED, SERIALIZABLE, AUTOCOMMIT",
    );
  });
});

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const pg = d.name === "postgresql";
    const my = d.name === "mysql";
    let made: sa.Engine[] = [];
    const mk = (opts?: sa.EngineOptions): sa.Engine => {
      const e = d.engine(opts);
      made.push(e);
      return e;
    };

    afterEach(async () => {
      for (const e of made) await e.dispose();
      made = [];
    });

    it("creating an engine opens no connection; the first connect does", async () => {
      const e = mk();
      expect(e.pool.status()).toBe(
        "Pool size: 5  Connections in pool: 0 Current Overflow: -5 Current Checked out connections: 0",
      );
      await e.connect(async (c) => {
        expect(await c.scalar(sa.select(sa.literal(1)))).toBe(1);
      });
      expect(e.pool.status()).toBe(
        "Pool size: 5  Connections in pool: 1 Current Overflow: -4 Current Checked out connections: 0",
      );
    });

    it("isolationLevel applies to every new connection (underscores accepted)", async () => {
      // a level other than the server's default (MySQL's is REPEATABLE READ)
      const level = pg ? "repeatable_read" : my ? "read_committed" : "read_uncommitted";
      const e = mk({ isolationLevel: level });
      await e.connect(async (c) => {
        if (pg) {
          const r = await c.execDriverSql("SHOW transaction_isolation");
          expect(r.scalar()).toBe("repeatable read");
        } else if (my) {
          const r = await c.execDriverSql("SELECT @@tx_isolation");
          expect(r.scalar()).toBe("READ-COMMITTED");
        } else {
          const r = await c.execDriverSql("PRAGMA read_uncommitted");
          expect(r.scalar()).toBe(1);
        }
        expect(await c.getIsolationLevel()).toBe(
          pg ? "REPEATABLE READ" : my ? "READ COMMITTED" : "READ UNCOMMITTED",
        );
      });
    });

    it("connectArgs reach the driver", async () => {
      if (pg) {
        const e = mk({ connectArgs: { application_name: "alk_create_test" } });
        await e.connect(async (c) => {
          expect((await c.execDriverSql("SHOW application_name")).scalar()).toBe("alk_create_test");
        });
      } else if (my) {
        const e = mk({ connectArgs: { charset: "LATIN1_SWEDISH_CI" } });
        await e.connect(async (c) => {
          expect((await c.execDriverSql("SELECT @@character_set_client")).scalar()).toBe("latin1");
        });
      } else {
        const e = mk({ connectArgs: { readonly: true } });
        await e.connect(async (c) => {
          const err = await rejection<sa.exc.DBAPIError>(c.execDriverSql("CREATE TABLE ce_nope (x INTEGER)"));
          expect(err).toBeInstanceOf(sa.exc.OperationalError);
          expect(err.message).toContain("readonly database");
        });
      }
    });

    it("executionOptions become every connection's defaults", async () => {
      const e = mk({ executionOptions: { yieldPer: 7 } });
      await e.connect(async (c) => {
        expect(c.getExecutionOptions().yieldPer).toBe(7);
      });
    });

    it("queryCacheSize sizes the compiled cache (0 turns it off)", async () => {
      const cached = mk();
      const off = mk({ queryCacheSize: 0 });
      for (const e of [cached, off]) {
        await e.connect(async (c) => {
          for (let i = 0; i < 3; i++) await c.scalar(sa.select(sa.literal(i)));
        });
      }
      expect(cached.compiledCacheSize).toBe(1);
      expect(off.compiledCacheSize).toBe(0);
    });

    it("echo logs statements and parameters to the logger; with hideParameters the parameters are hidden", async () => {
      const lines: string[] = [];
      const e = mk({ echo: true, logger: (l) => lines.push(l) });
      await e.connect(async (c) => {
        await c.scalar(sa.select(sa.literal("visible-value")));
      });
      expect(lines.some((l) => l.includes("SELECT"))).toBe(true);
      expect(lines.some((l) => l.includes("visible-value"))).toBe(true);
      const hidden: string[] = [];
      const h = mk({ echo: true, hideParameters: true, logger: (l) => hidden.push(l) });
      await h.connect(async (c) => {
        await c.scalar(sa.select(sa.literal("hidden-value")));
      });
      expect(hidden.some((l) => l.includes("hidden-value"))).toBe(false);
      expect(hidden.some((l) => l.includes("[SQL parameters hidden due to hide_parameters=True]"))).toBe(
        true,
      );
    });

    it("a connect failure is a DBAPIError without a statement, and leaves the pool clean", async () => {
      const e = pg
        ? sa.createEngine(sa.makeUrl(pgUrl).set({ port: 1 }))
        : my
          ? sa.createEngine(sa.makeUrl(mysqlUrl).set({ port: 1 }))
          : sa.createEngine("sqlite:////nonexistent-alkahest-dir/sub/x.db");
      made.push(e);
      const err = await rejection<sa.exc.DBAPIError>(e.connect());
      expect(err).toBeInstanceOf(sa.exc.OperationalError);
      expect(err.statement).toBeNull();
      expect(err.orig).toBeInstanceOf(Error);
      const lines = err.message.split("\n");
      expect(lines[0]).toMatch(
        pg
          ? /^\(pg\.Error\) connect ECONNREFUSED/
          : my
            ? /^\(mysql2\.Error\) connect ECONNREFUSED/
            : /^\(better_sqlite3\.TypeError\) Cannot open database/,
      );
      expect(lines.at(-1)).toBe("(Background on this error at: https://sqlalche.me/e/20/e3q8)");
      expect(e.pool.status()).toBe(
        "Pool size: 5  Connections in pool: 0 Current Overflow: -5 Current Checked out connections: 0",
      );
    });

    it.skipIf(!pg && !my)(
      "a server at an unknown host (SQLite has no host) is an OperationalError: a DNS failure no server error list names",
      async () => {
        const e = sa.createEngine(
          sa.makeUrl(pg ? pgUrl : mysqlUrl).set({ host: "alkahest-no-such-host.invalid" }),
        );
        made.push(e);
        const err = await rejection<sa.exc.DBAPIError>(e.connect());
        expect(err).toBeInstanceOf(sa.exc.OperationalError);
        expect(err.statement).toBeNull();
        expect(err.message).toContain("alkahest-no-such-host.invalid");
        expect(e.pool.status()).toContain("Current Checked out connections: 0");
      },
    );

    it("a connect failure goes through handle_error (no connection, no statement)", async () => {
      const e = pg
        ? sa.createEngine(sa.makeUrl(pgUrl).set({ port: 1 }))
        : my
          ? sa.createEngine(sa.makeUrl(mysqlUrl).set({ port: 1 }))
          : sa.createEngine("sqlite:////nonexistent-alkahest-dir/sub/x.db");
      made.push(e);
      const seen: { connection: unknown; statement: unknown; orig: unknown; wrapped: unknown }[] = [];
      class CannotConnect extends Error {}
      sa.event.listen(e, "handle_error", (ctx) => {
        seen.push({
          connection: ctx.connection,
          statement: ctx.statement,
          orig: ctx.originalException,
          wrapped: ctx.sqlalchemyException,
        });
        return new CannotConnect("database unavailable");
      });
      const err = await rejection<Error>(e.connect());
      expect(err).toBeInstanceOf(CannotConnect);
      expect(seen).toHaveLength(1);
      expect(seen[0].connection).toBeNull();
      expect(seen[0].statement).toBeNull();
      expect(seen[0].wrapped).toBeInstanceOf(sa.exc.OperationalError);
      expect(seen[0].orig).toBe((seen[0].wrapped as sa.exc.DBAPIError).orig);
      expect(e.pool.status()).toContain("Current Checked out connections: 0");
    });

    if (pg) {
      it("connects with a password in the URL and never renders it", async () => {
        // trust authentication ignores the password, so the URL connects as written
        const url = sa.makeUrl(pgUrl).set({ password: "s3cr@t pass" });
        const e = sa.createEngine(url, { connectArgs: { options: "-c search_path=public" } });
        made.push(e);
        expect(await e.connect(async (c) => c.scalar(sa.select(sa.literal(1))))).toBe(1);
        expect(String(e.url)).not.toContain("s3cr");
        expect(String(e.url)).toContain(":***@");
        expect(String(e)).not.toContain("s3cr");
        expect(e.url.password).toBe("s3cr@t pass");
      });

      it("a database that does not exist fails at connect with the server's error", async () => {
        const e = sa.createEngine(sa.makeUrl(pgUrl).set({ database: "alkahest_no_such_db" }));
        made.push(e);
        const err = await rejection<sa.exc.DBAPIError>(e.connect());
        // psycopg2 raises OperationalError for every failure to connect
        expect(err).toBeInstanceOf(sa.exc.OperationalError);
        expect(err.sqlstate).toBe("3D000");
        expect(err.message).toContain('database "alkahest_no_such_db" does not exist');
      });
    }

    if (my) {
      it("a database that does not exist fails at connect with the server's error", async () => {
        const e = sa.createEngine(sa.makeUrl(mysqlUrl).set({ database: "alkahest_no_such_db" }));
        made.push(e);
        const err = await rejection<sa.exc.DBAPIError>(e.connect());
        // errno 1049 (ER_BAD_DB_ERROR): an OperationalError, as mysqlclient classifies it
        expect(err).toBeInstanceOf(sa.exc.OperationalError);
        expect(err.statement).toBeNull();
        expect(err.message).toContain("Unknown database 'alkahest_no_such_db'");
      });
    }
  });
}
