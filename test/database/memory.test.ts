/**
 * SQLite `:memory:` through the facade (encode/databases #75, PR #561): every call sees the same
 * in-memory database, so tables created by one call are there for the next; concurrent
 * transactions are serialised on the one connection instead of interleaving on it.
 */
import { describe, expect, it } from "vitest";
import { Database } from "../../src/database/index.js";
import * as sa from "../../src/index.js";
import { notesTable, rejection } from "./helpers.js";

const { meta, notes } = notesTable("notes");
const texts = sa.select(notes.c.text).orderBy(notes.c.id);

async function memory(opts: { forceRollback?: boolean } = {}): Promise<Database> {
  const db = new Database("sqlite:///:memory:", opts);
  await db.connect();
  return db;
}

describe("sqlite :memory:", () => {
  it("keeps its tables across calls, transactions and connection scopes", async () => {
    await using db = await memory();
    expect(db.engine.pool.kind).toBe("StaticPool");
    await db.runSync((conn) => meta.createAll(conn));
    await db.execute(notes.insert(), { text: "one", completed: true });
    await db.transaction(async () => db.execute(notes.insert(), { text: "two", completed: false }));
    await db.connection(async (conn) => {
      expect((await conn.fetchAll(texts)).map((r) => r.text)).toEqual(["one", "two"]);
    });
    const seen: unknown[] = [];
    for await (const row of db.iterate(texts)) seen.push(row.text);
    expect(seen).toEqual(["one", "two"]);
  });

  it("raw SQL DDL, inserts and lastrowid", async () => {
    await using db = await memory();
    await db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    expect(await db.execute("INSERT INTO t (v) VALUES (:v)", { v: "a" })).toBe(1);
    expect(await db.execute("INSERT INTO t (v) VALUES (:v)", { v: "b" })).toBe(2);
    expect(await db.fetchVal("SELECT count(*) FROM t")).toBe(2);
  });

  it("concurrent transactions are serialised, not interleaved on the one connection", async () => {
    await using db = await memory();
    await db.runSync((conn) => meta.createAll(conn));
    const order: string[] = [];
    const work = (name: string, fail: boolean) =>
      db.transaction(async () => {
        order.push(`${name}+`);
        await db.execute(notes.insert(), { text: name, completed: false });
        await new Promise((r) => setTimeout(r, 10));
        order.push(`${name}-`);
        if (fail) throw new Error(name);
      });
    const outside = (async () => {
      await new Promise((r) => setTimeout(r, 2));
      return (await db.fetchAll(texts)).map((r) => r.text);
    })();
    const [, , , seenOutside] = await Promise.all([
      work("a", false),
      rejection(work("b", true)),
      work("c", false),
      outside,
    ]);
    expect(order).toEqual(["a+", "a-", "b+", "b-", "c+", "c-"]);
    // the outside read waited for the transaction holding the connection (never saw it half done)
    expect(seenOutside).not.toContain("b");
    expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["a", "c"]);
  });

  it("a disconnect closes the database; a reconnect starts an empty one", async () => {
    const db = await memory();
    await db.execute("CREATE TABLE gone (x INTEGER)");
    await db.disconnect();
    await db.connect();
    await expect(db.fetchAll("SELECT * FROM gone")).rejects.toThrow(/no such table/);
    await db.disconnect();
  });

  it("forceRollback on :memory:", async () => {
    await using db = await memory({ forceRollback: true });
    await db.runSync((conn) => meta.createAll(conn));
    await db.transaction(async () => db.execute(notes.insert(), { text: "sp", completed: true }));
    expect((await db.fetchAll(texts)).map((r) => r.text)).toEqual(["sp"]);
  });
});
