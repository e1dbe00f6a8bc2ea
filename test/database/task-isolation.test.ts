/**
 * The non-callback forms (`await db.transaction()`, `await conn.transaction()`,
 * `await engine.acquire()`) and `db.connection()` affect only the function that opened them and
 * what it starts afterwards: never a Promise.all sibling nor the caller's other work (JavaScript
 * shares the opener's synchronous start with its caller, so claim.ts binds the opener only once
 * it uses the binding right after the await). Ported from encode/databases
 * (test_transaction_commit_low_level, test_transaction_context_sibling_task_isolation(_example),
 * test_connection_context_multiple_sibling_tasks, test_connection_context_multiple_tasks,
 * test_connection_context_with_raw_connection, test_concurrent_access_on_single_connection,
 * test_concurrent_(task_)transactions_on_single_connection) and GINO (an acquire is its task's).
 *
 * On SQLite files every write takes the one database lock, so a sibling's write is placed
 * before the opener's first write (a deferred BEGIN takes no lock until then).
 */
import * as http from "node:http";
import { describe, expect, it } from "vitest";
import {
  type Database,
  type DatabaseConnection,
  type DatabaseTransaction,
  Database as Db,
} from "../../src/database/index.js";
import { InvalidRequestError } from "../../src/exc.js";
import * as sa from "../../src/index.js";
import { type DialectCase, dialectCases } from "../engine/conformance/dialects.js";
import { checkedOut, gate, notesTable, openDatabase, rejection, withTables } from "./helpers.js";

const cases = await dialectCases("dbti");
const { meta, notes } = notesTable("dbti_notes");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const insert = (text: string) => notes.insert().values({ text, completed: false });
const texts = sa.select(notes.c.text).orderBy(notes.c.id);

async function rows(db: Database): Promise<unknown[]> {
  return (await db.fetchAll(texts)).map((r) => r.text);
}

/** A Database of its own on an in-memory SQLite database (one shared StaticPool connection). */
async function memoryDatabase(): Promise<Database> {
  const db = new Db("sqlite:///:memory:");
  await db.connect();
  await db.runSync((conn) => meta.createAll(conn));
  return db;
}

/**
 * Two siblings: `a` opens with `begin()` (a plain function returning the non-callback form's
 * promise) and uses the database or the transaction straight after the await (`use`), then
 * waits; `b` writes "b"; `a` writes "a" and rolls back. The committed texts come back: ["b"]
 * when the transaction bound `a` alone.
 */
async function openerAndSibling(
  db: Database,
  begin: () => Promise<DatabaseTransaction>,
  opts: { awaitFirst?: boolean; use?: () => void } = {},
): Promise<unknown[]> {
  const opened = gate();
  const siblingDone = gate();
  const a = async () => {
    if (opts.awaitFirst) await sleep(1);
    const tx = await begin();
    if (opts.use) opts.use();
    else expect(tx.isActive).toBe(true);
    opened.open();
    await siblingDone.wait;
    await db.execute(insert("a"));
    await tx.rollback();
  };
  const b = async () => {
    await opened.wait;
    await db.execute(insert("b"));
    siblingDone.open();
  };
  await Promise.all([a(), b()]);
  return rows(db);
}

/** Two sibling `db.connection(cb)` scopes, open until `finish()`; `seen` holds their connections. */
async function openScopes(db: Database): Promise<{ seen: DatabaseConnection[]; finish(): Promise<void> }> {
  const complete = gate();
  const seen: DatabaseConnection[] = [];
  const task = () =>
    db.connection(async (conn) => {
      seen.push(conn);
      await complete.wait;
    });
  const both = Promise.all([task(), task()]);
  while (seen.length < 2) await sleep(1);
  return {
    seen,
    finish: async () => {
      complete.open();
      await both;
    },
  };
}

/**
 * On a Database whose calls share one connection: `a` opens a manual transaction (a savepoint
 * when `nested`), writes "a" and rolls back; its sibling's write is queued behind it, then runs
 * outside it. The texts left come back: ["b"].
 */
async function siblingOnSharedConnection(db: Database, nested: boolean): Promise<unknown[]> {
  const opened = gate();
  const a = async () => {
    const tx = await db.transaction();
    expect(tx.isNested).toBe(nested);
    opened.open();
    await db.execute(insert("a"));
    await sleep(20);
    await tx.rollback();
  };
  const b = async () => {
    await opened.wait;
    await db.execute(insert("b"));
  };
  await Promise.all([a(), b()]);
  return rows(db);
}

/** The scenarios, on a Database whose calls have connections of their own (file / server). */
function pooledCases(d: DialectCase): void {
  it("a manual transaction in one Promise.all child does not capture its sibling's insert", async () => {
    const db = await openDatabase(d);
    const opened = gate();
    const siblingDone = gate();
    let siblingConn: unknown = "unset";
    const a = async () => {
      const tx = await db.transaction(); // in a's synchronous start: shared with its caller
      expect(tx.isActive).toBe(true);
      opened.open();
      await siblingDone.wait;
      await db.execute(insert("from a"));
      expect(await rows(db)).toEqual(["from b", "from a"]);
      await tx.rollback();
    };
    const b = async () => {
      await opened.wait;
      siblingConn = db.connection().connection; // no transaction here: nothing checked out
      await db.execute(insert("from b")); // commits on its own connection
      siblingDone.open();
    };
    await Promise.all([a(), b()]);
    expect(siblingConn).toBeNull();
    expect(await rows(db)).toEqual(["from b"]);
    expect(checkedOut(db.engine)).toBe(0);
  });

  it("the caller's own queries after starting the opener run outside its transaction", async () => {
    const db = await openDatabase(d);
    const opened = gate();
    const callerDone = gate();
    const opener = (async () => {
      const tx = await db.transaction();
      expect(tx.isActive).toBe(true); // the first use, right after the await: claims it
      opened.open();
      await callerDone.wait;
      await db.execute(insert("opener"));
      await tx.rollback();
    })();
    await opened.wait;
    expect(db.connection().connection).toBeNull();
    await db.execute(insert("caller"));
    callerDone.open();
    await opener;
    expect(await rows(db)).toEqual(["caller"]);
  });

  it("sibling workers' manual transactions are separate root transactions", async () => {
    const db = await openDatabase(d);
    const both = gate();
    let opened = 0;
    const seen: unknown[] = [];
    const worker = async () => {
      const tx = await db.transaction();
      expect(tx.isNested).toBe(false);
      seen.push(db.connection());
      if (++opened === 2) both.open();
      await both.wait;
      await tx.rollback();
    };
    await Promise.all([worker(), worker()]);
    expect(seen[0]).not.toBe(seen[1]);
    expect(checkedOut(db.engine)).toBe(0);
  });

  it("children the opener starts after its first use take part in the transaction", async () => {
    const db = await openDatabase(d);
    const tx = await db.transaction();
    await db.execute(insert("parent"));
    const child = async (text: string) => {
      await sleep(1);
      await db.execute(insert(text));
    };
    await Promise.all([child("c1"), child("c2")]);
    expect((await rows(db)).sort()).toEqual(["c1", "c2", "parent"]);
    await tx.rollback();
    expect(await rows(db)).toEqual([]);
  });

  it("opened after the function's first await, it binds that function only", async () => {
    const db = await openDatabase(d);
    const begin = () => db.transaction();
    expect(await openerAndSibling(db, begin, { awaitFirst: true })).toEqual(["b"]);
  });

  it("a manual transaction not used straight after the await fails loudly, for everyone sharing it", async () => {
    const db = await openDatabase(d);
    const opened = gate();
    const checked = gate();
    let siblingError: Error | null = null;
    const a = async () => {
      const tx = await db.transaction();
      await sleep(1); // awaits something else first: the binding stays ambiguous
      opened.open();
      const err = await rejection(db.execute(insert("a")));
      expect(err).toBeInstanceOf(InvalidRequestError);
      expect(err.message).toContain("await db.transaction()");
      await checked.wait;
      await tx.rollback(); // the transaction object still works
      await db.execute(insert("after")); // once it ended, the context is plain again
    };
    const b = async () => {
      await opened.wait;
      siblingError = await rejection(db.fetchAll(texts));
      expect(() => db.connection()).toThrow(InvalidRequestError);
      checked.open();
    };
    await Promise.all([a(), b()]);
    expect(siblingError).toBeInstanceOf(InvalidRequestError);
    expect(await rows(db)).toEqual(["after"]);
    expect(checkedOut(db.engine)).toBe(0);
  });

  it("conn.transaction() without a callback on a db.connection() binds its opener only", async () => {
    const db = await openDatabase(d);
    const conn = db.connection();
    // claimed at the first use: this function's calls run on the connection
    const claimed = () => expect(db.connection()).toBe(conn);
    expect(await openerAndSibling(db, () => conn.transaction(), { use: claimed })).toEqual(["b"]);
  });

  it("test_connection_context_multiple_sibling_tasks: sibling scopes get their own connections", async () => {
    const db = await openDatabase(d);
    const scopes = await openScopes(db);
    expect(scopes.seen[0]).not.toBe(scopes.seen[1]);
    await scopes.finish();
  });

  it("test_connection_context_multiple_tasks: a parent's db.connection() is not its children's", async () => {
    const db = await openDatabase(d);
    const parent = db.connection();
    const scopes = await openScopes(db);
    expect(scopes.seen).not.toContain(parent);
    expect(scopes.seen[0]).not.toBe(scopes.seen[1]);
    await scopes.finish();
  });

  it("test_connection_context_with_raw_connection: nested scopes are one connection", async () => {
    const db = await openDatabase(d);
    await db.connection(async (c1) => {
      await db.connection(async (c2) => {
        expect(c1).toBe(c2);
        expect(c1.rawConnection).toBe(c2.rawConnection);
      });
    });
  });

  it("siblings each taking db.connection() and a transaction on it neither share nor hang", async () => {
    const db = await openDatabase(d);
    const setup = gate();
    const done = gate();
    const conns: DatabaseConnection[] = [];
    const tx1 = async () => {
      const conn = db.connection();
      conns.push(conn);
      await conn.transaction(
        async () => {
          await db.execute(notes.insert(), { id: 1, text: "tx1", completed: false });
          setup.open();
          await done.wait;
        },
        { forceRollback: true },
      );
    };
    const tx2 = async () => {
      const conn = db.connection();
      conns.push(conn);
      await conn.transaction(async () => {
        await setup.wait;
        expect(await db.fetchAll(sa.select(notes))).toEqual([]);
        done.open();
      });
    };
    await Promise.all([tx1(), tx2()]);
    expect(conns[0]).not.toBe(conns[1]);
    expect(checkedOut(db.engine)).toBe(0);
  });

  it("a db.connection() taken once at startup is never shared with later requests", async () => {
    const db = await openDatabase(d);
    const startup = db.connection();
    const seen = new Set<DatabaseConnection>();
    const all = gate();
    const server = http.createServer((_req, res) => {
      void db.connection(async (conn) => {
        seen.add(conn);
        if (seen.size === 3) all.open();
        await Promise.race([all.wait, sleep(2000)]);
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as { port: number };
      await Promise.all([1, 2, 3].map(() => fetch(`http://127.0.0.1:${port}/`).then((r) => r.text())));
    } finally {
      server.close();
    }
    expect(seen.size).toBe(3);
    expect(seen.has(startup)).toBe(false);
  });

  it("db.connection() outside a scope is bound to nothing and is new each call", async () => {
    const db = await openDatabase(d);
    const c1 = db.connection();
    expect(db.connection()).not.toBe(c1);
    expect(c1.connection).toBeNull(); // nothing checked out while unused
    expect(Number(await c1.fetchVal("SELECT 1"))).toBe(1);
    await db.transaction(async () => {
      expect(db.connection()).toBe(db.connection()); // the transaction's
      expect(db.connection()).not.toBe(c1);
    });
    expect(checkedOut(db.engine)).toBe(0);
  });

  it("test_concurrent_transactions_on_single_connection: gathered decorated transactions", async () => {
    const db = await openDatabase(d);
    const lookup = db.transactional(async () => db.fetchOne("SELECT 1 AS value"));
    const out = await Promise.all([lookup(), lookup()]);
    expect(out.map((r) => Number(r?.value))).toEqual([1, 1]);
    expect(checkedOut(db.engine)).toBe(0);
  });

  it("a manual acquire in one Promise.all child is not its sibling's connection", async () => {
    const engine = d.engine();
    try {
      const opened = gate();
      const siblingDone = gate();
      let siblingSaw: unknown = "unset";
      const a = async () => {
        const conn = await engine.acquire();
        const tx = await (await conn.get()).begin();
        opened.open();
        await siblingDone.wait;
        await engine.status(insert("from a"));
        expect((await engine.all(texts)).map((r) => r.text)).toEqual(["from b", "from a"]);
        await tx.rollback();
        await conn.release();
      };
      const b = async () => {
        await opened.wait;
        siblingSaw = engine.currentConnection;
        await engine.status(insert("from b"));
        siblingDone.open();
      };
      await Promise.all([a(), b()]);
      expect(siblingSaw).toBeNull();
      expect((await engine.all(texts)).map((r) => r.text)).toEqual(["from b"]);
      expect(checkedOut(engine)).toBe(0);
    } finally {
      await engine.dispose();
    }
  });

  it("a manual acquire not used straight after the await fails loudly", async () => {
    const engine = d.engine();
    try {
      const conn = await engine.acquire();
      await sleep(1);
      const err = await rejection(engine.scalar("SELECT 1"));
      expect(err).toBeInstanceOf(InvalidRequestError);
      expect(err.message).toContain("await engine.acquire()");
      expect(() => engine.currentConnection).toThrow(InvalidRequestError);
      await conn.release();
      expect(engine.currentConnection).toBeNull();
      expect(Number(await engine.scalar("SELECT 1"))).toBe(1);
    } finally {
      await engine.dispose();
    }
  });
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    withTables(d, meta);
    pooledCases(d);

    it("test_concurrent_access_on_single_connection: gathered queries under forceRollback", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      const lookup = () => db.fetchOne("SELECT 1 AS value");
      const out = await Promise.all([lookup(), lookup()]);
      expect(out.map((r) => Number(r?.value))).toEqual([1, 1]);
    });

    it("under forceRollback a sibling's query waits for a manual savepoint instead of joining it", async () => {
      const db = await openDatabase(d, { forceRollback: true });
      expect(await siblingOnSharedConnection(db, true)).toEqual(["b"]);
    });
  });
}

describe("sqlite :memory:", () => {
  it("a sibling's query waits for a manual transaction instead of joining it", async () => {
    const db = await memoryDatabase();
    try {
      expect(await siblingOnSharedConnection(db, false)).toEqual(["b"]);
    } finally {
      await db.disconnect();
    }
  });

  it("test_concurrent_access_on_single_connection", async () => {
    const db = await memoryDatabase();
    try {
      const out = await Promise.all([db.fetchOne("SELECT 1 AS value"), db.fetchOne("SELECT 1 AS value")]);
      expect(out.map((r) => r?.value)).toEqual([1, 1]);
    } finally {
      await db.disconnect();
    }
  });
});
