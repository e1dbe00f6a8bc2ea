/**
 * Cancellation with an AbortSignal on every real database (encode/databases #455/#457, #460,
 * #461: connections left half-acquired on cancellation). An aborted call never leaves a
 * connection checked out: the pool's status proves it. On PostgreSQL and MySQL a running
 * statement is cancelled server-side and its connection goes back to the pool.
 */
import { describe, expect, it } from "vitest";
import { dialectCases } from "../engine/conformance/dialects.js";
import {
  checkedIn,
  checkedOut,
  gate,
  notesTable,
  openDatabase,
  rejection,
  sleepSql,
  until,
  withTables,
} from "./helpers.js";

const cases = await dialectCases("dbcn");
const { meta, notes } = notesTable("dbcn_notes");

function isAbort(err: Error): boolean {
  return err.name === "AbortError" || err.name === "TimeoutError";
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    withTables(d, meta);

    it("an already aborted signal rejects at once and checks nothing out", async () => {
      const db = await openDatabase(d);
      const err = await rejection(db.fetchAll("SELECT 1", undefined, { signal: AbortSignal.abort() }));
      expect(isAbort(err)).toBe(true);
      expect(checkedOut(db.engine)).toBe(0);
      expect(await db.fetchVal("SELECT 1")).toBeTruthy();
    });

    it("a wait for an exhausted pool is cancelled without leaving a connection checked out", async () => {
      const db = await openDatabase(d, { engine: { poolSize: 1, maxOverflow: 0, poolTimeout: 30 } });
      const release = gate();
      const holder = db.transaction(async () => {
        await db.fetchVal("SELECT 1");
        await release.wait;
      });
      await until(() => checkedOut(db.engine) === 1);
      const ac = new AbortController();
      const waiting = db.fetchAll("SELECT 1", undefined, { signal: ac.signal });
      setTimeout(() => ac.abort(), 30);
      const started = Date.now();
      expect(isAbort(await rejection(waiting))).toBe(true);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(checkedOut(db.engine)).toBe(1); // only the holder's
      release.open();
      await holder;
      expect(checkedOut(db.engine)).toBe(0);
      expect(await db.fetchVal("SELECT 1")).toBeTruthy();
    });

    it("a wait for a busy transaction connection is cancelled; the transaction goes on", async () => {
      const db = await openDatabase(d);
      await db.transaction(async () => {
        const release = gate();
        const busy = db.runSync(() => release.wait);
        const err = await rejection(db.fetchAll("SELECT 1", undefined, { signal: AbortSignal.timeout(30) }));
        expect(isAbort(err)).toBe(true);
        release.open();
        await busy;
        await db.execute(notes.insert(), { text: "after", completed: false });
      });
      expect((await d.outside(`SELECT text FROM ${notes.name}`)).map((r) => r[0])).toEqual(["after"]);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("aborting a transaction's BEGIN leaves nothing open", async () => {
      const db = await openDatabase(d, { engine: { poolSize: 1, maxOverflow: 0 } });
      const release = gate();
      const holder = db.connection(() => release.wait);
      await until(() => checkedOut(db.engine) === 1);
      const err = await rejection(db.transaction(async () => undefined, { signal: AbortSignal.timeout(30) }));
      expect(isAbort(err)).toBe(true);
      release.open();
      await holder;
      expect(checkedOut(db.engine)).toBe(0);
    });

    it.skipIf(d.name === "sqlite")("a running statement is cancelled server-side", async () => {
      const db = await openDatabase(d, { engine: { poolSize: 2 } });
      let invalidated = 0;
      db.engine.on("invalidate", () => {
        invalidated++;
      });
      const started = Date.now();
      const err = await rejection(
        db.fetchAll(sleepSql(d, 20), undefined, { signal: AbortSignal.timeout(200) }),
      );
      expect(isAbort(err)).toBe(true);
      expect(Date.now() - started).toBeLessThan(5000);
      // nothing checked out, and the connection was cancelled, not thrown away
      expect(checkedOut(db.engine)).toBe(0);
      expect(checkedIn(db.engine)).toBeGreaterThan(0);
      expect(invalidated).toBe(0);
      const sleeping =
        d.name === "postgresql"
          ? "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(20)%' AND state = 'active'"
          : "SELECT count(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(20)%'";
      expect(Number((await d.outside(sleeping))[0][0])).toBe(0);
      expect(await db.fetchVal("SELECT 1")).toBeTruthy();
    });

    it.skipIf(d.name === "sqlite")(
      "a statement cancelled inside a transaction fails it; rollback frees it",
      async () => {
        const db = await openDatabase(d);
        const err = await rejection(
          db.transaction(async () => {
            await db.execute(notes.insert(), { text: "undone", completed: false });
            await db.fetchAll(sleepSql(d, 20), undefined, { signal: AbortSignal.timeout(200) });
          }),
        );
        expect(isAbort(err)).toBe(true);
        expect(checkedOut(db.engine)).toBe(0);
        expect(await d.outside(`SELECT text FROM ${notes.name}`)).toEqual([]);
      },
    );

    it("an aborted iterate frees its connection", async () => {
      const db = await openDatabase(d);
      for (const text of ["a", "b", "c"]) await db.execute(notes.insert(), { text, completed: false });
      const ac = new AbortController();
      const seen: unknown[] = [];
      const err = await rejection(
        (async () => {
          for await (const row of db.iterate(`SELECT text FROM ${notes.name} ORDER BY id`, undefined, {
            signal: ac.signal,
          })) {
            seen.push(row.text);
            ac.abort();
          }
        })(),
      );
      expect(isAbort(err)).toBe(true);
      expect(seen).toEqual(["a"]);
      expect(checkedOut(db.engine)).toBe(0);
    });
  });
}
