/**
 * SQLite URI filenames (`sqlite:///file:…?uri=true`, pysqlite's `uri=True`): better-sqlite3 opens
 * plain paths only, so the dialect reads the URI (https://sqlite.org/uri.html) instead of letting
 * the driver create a file named `file:…` in the working directory.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sqliteTarget } from "../../src/dialects/sqlite/sqlite-uri.js";
import * as sa from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "alkahest-uri-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function count(engine: sa.Engine): Promise<unknown> {
  return engine.connect((c) => c.scalar(sa.text("SELECT count(*) FROM t")));
}

describe("SQLite URI filenames", () => {
  it("reads the URI forms SQLite documents", () => {
    expect(sqliteTarget("file:data.db", { mode: "ro" })).toEqual({ filename: "data.db", readonly: true });
    expect(sqliteTarget("file:///abs/data.db?mode=rw", {})).toEqual({
      filename: "/abs/data.db",
      fileMustExist: true,
    });
    expect(sqliteTarget("file://localhost/abs/a%20b.db", { immutable: "1" })).toEqual({
      filename: "/abs/a b.db",
      readonly: true,
    });
    expect(sqliteTarget("file::memory:", { cache: "shared" })).toEqual({ filename: ":memory:" });
    expect(sqliteTarget("file:memdb1", { mode: "memory", cache: "shared" })).toEqual({
      filename: ":memory:",
    });
    expect(() => sqliteTarget("file:x.db", { vfs: "unix-dotfile" })).toThrow(
      "SQLite URI parameter 'vfs' is not supported by the better-sqlite3 driver",
    );
    expect(() => sqliteTarget("file:x.db", { mode: "wat" })).toThrow("mode='wat'");
    expect(() => sqliteTarget("file://elsewhere/x.db", {})).toThrow("authority 'elsewhere'");
    expect(() => sqliteTarget("x.db", {})).toThrow("must be a 'file:' URI");
  });

  for (const url of [
    "sqlite:///file::memory:?cache=shared&uri=true",
    "sqlite:///file:memdb1?mode=memory&cache=shared&uri=true",
  ]) {
    it(`${url} is one in-memory database on a StaticPool, and no file appears`, async () => {
      const before = existsSync("file::memory:") || existsSync("file:memdb1");
      const engine = sa.createEngine(url);
      try {
        expect(engine.pool.kind).toBe("StaticPool");
        await engine.begin(async (c) => {
          await c.execDriverSql("CREATE TABLE t (x INTEGER)");
          await c.execDriverSql("INSERT INTO t VALUES (1)");
        });
        expect(await count(engine)).toBe(1);
      } finally {
        await engine.dispose();
      }
      expect(existsSync("file::memory:") || existsSync("file:memdb1")).toBe(before);
      // a new engine is a new, empty database
      const again = sa.createEngine(url);
      try {
        await expect(count(again)).rejects.toThrow(sa.exc.OperationalError);
      } finally {
        await again.dispose();
      }
    });
  }

  it("mode=ro opens an existing file read-only; mode=rw refuses a missing one", async () => {
    const file = join(dir, "data.db");
    const writer = sa.createEngine(`sqlite:///${file}`);
    await writer.begin(async (c) => {
      await c.execDriverSql("CREATE TABLE t (x INTEGER)");
      await c.execDriverSql("INSERT INTO t VALUES (1), (2)");
    });
    await writer.dispose();
    const ro = sa.createEngine(`sqlite:///file:${file}?mode=ro&uri=true`);
    try {
      expect(ro.pool.kind).toBe("QueuePool");
      expect(await count(ro)).toBe(2);
      await expect(ro.begin((c) => c.execDriverSql("INSERT INTO t VALUES (3)"))).rejects.toThrow(/readonly/);
    } finally {
      await ro.dispose();
    }
    const rw = sa.createEngine(`sqlite:///file:${join(dir, "missing.db")}?mode=rw&uri=true`);
    try {
      await expect(rw.connect((c) => c.scalar(sa.text("SELECT 1")))).rejects.toThrow(sa.exc.OperationalError);
      expect(existsSync(join(dir, "missing.db"))).toBe(false);
    } finally {
      await rw.dispose();
    }
  });
});
