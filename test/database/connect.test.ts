/**
 * The Database's life cycle and URL options: encode/databases' test_connect_and_disconnect,
 * test_database_url_interface, test_connection_cleanup_contextmanager (#460/#461: dangling
 * connections after disconnect), and DatabaseURL's `min_size`/`max_size`/`ssl` options.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Database, engineArgs } from "../../src/database/index.js";
import { ArgumentError, InvalidRequestError, OperationalError } from "../../src/exc.js";
import * as sa from "../../src/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { checkedIn, checkedOut, openDatabase, rejection, until } from "./helpers.js";

const cases = await dialectCases("dbcx");

describe("engineArgs (URL options)", () => {
  it("maps minSize/maxSize onto poolSize/maxOverflow and strips them from the URL", () => {
    const { url, options } = engineArgs("postgresql://u@h/db?minSize=2&maxSize=8&application_name=x", {});
    expect(options).toEqual({ poolSize: 2, maxOverflow: 6 });
    expect(url.query).toEqual({ application_name: "x" });
    expect(engineArgs("postgresql://u@h/db?min_size=3&max_size=3", {}).options).toEqual({
      poolSize: 3,
      maxOverflow: 0,
    });
    expect(engineArgs("postgresql://u@h/db?maxSize=2", {}).options).toEqual({ poolSize: 2, maxOverflow: 0 });
    expect(engineArgs("postgresql://u@h/db?maxSize=20", {}).options).toEqual({
      poolSize: 5,
      maxOverflow: 15,
    });
    expect(engineArgs("postgresql://u@h/db?minSize=0", {}).options).toEqual({ poolSize: 1 });
  });

  it("maps ssl onto the driver's ssl argument", () => {
    const ssl = (url: string) => engineArgs(url, {}).options.connectArgs?.ssl;
    expect(ssl("postgresql://u@h/db?ssl=true")).toBe(true);
    expect(ssl("postgresql://u@h/db?ssl=false")).toBe(false);
    expect(ssl("postgresql://u@h/db?ssl=require")).toEqual({ rejectUnauthorized: false });
    expect(ssl("postgresql://u@h/db?ssl=verify-full")).toBe(true);
    expect(ssl("mysql://u@h/db?ssl=true")).toEqual({});
    expect(ssl("mysql://u@h/db?ssl=false")).toBeUndefined();
    expect(() => ssl("postgresql://u@h/db?ssl=maybe")).toThrow(ArgumentError);
    expect(() => ssl("sqlite:///x.db?ssl=true")).toThrow(/no meaning for SQLite/);
  });

  it("options given to the constructor win over the URL's", () => {
    const { options } = engineArgs("postgresql://u@h/db?minSize=2&maxSize=8&ssl=true", {
      poolSize: 4,
      connectArgs: { application_name: "app" },
    });
    expect(options).toEqual({
      poolSize: 4,
      maxOverflow: 6,
      connectArgs: { ssl: true, application_name: "app" },
    });
  });

  it("rejects bad sizes", () => {
    expect(() => engineArgs("postgresql://u@h/db?minSize=-1", {})).toThrow(ArgumentError);
    expect(() => engineArgs("postgresql://u@h/db?maxSize=0", {})).toThrow(ArgumentError);
    expect(() => engineArgs("postgresql://u@h/db?minSize=5&maxSize=2", {})).toThrow(/smaller than minSize/);
  });

  it("a Database built from a URL takes the options", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "alkahest-dburl-")), "x.db");
    await using db = new Database(`sqlite:///${file}?minSize=2&maxSize=3`);
    expect(db.url.query).toEqual({});
    expect(db.engine.pool.status()).toBe(
      "Pool size: 2  Connections in pool: 0 Current Overflow: -2 Current Checked out connections: 0",
    );
    await db.connect();
    expect(await db.fetchVal("SELECT 1")).toBe(1);
  });

  it("an Engine can be shared but then takes no engine options", () => {
    const engine = sa.createEngine("sqlite://");
    expect(new Database(engine).engine).toBe(engine);
    expect(() => new Database(engine, { poolSize: 3 })).toThrow(ArgumentError);
  });
});

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    it("connect() and disconnect() are idempotent", async () => {
      const db = await openDatabase(d, { connect: false });
      expect(db.isConnected).toBe(false);
      await db.connect();
      expect(db.isConnected).toBe(true);
      await db.disconnect();
      expect(db.isConnected).toBe(false);
      await db.connect();
      await db.connect();
      expect(db.isConnected).toBe(true);
      await db.disconnect();
      await db.disconnect();
      expect(db.isConnected).toBe(false);
      await Promise.all([db.connect(), db.connect()]);
      expect(db.isConnected).toBe(true);
    });

    it("connect() opens a connection to check the database, and returns it to the pool", async () => {
      const db = await openDatabase(d, { connect: false });
      await db.connect();
      expect(checkedOut(db.engine)).toBe(0);
      expect(checkedIn(db.engine)).toBe(1);
    });

    it("connect() fails with OperationalError when the database can't be reached", async () => {
      const probe = d.engine();
      const url = probe.url;
      await probe.dispose();
      const bad =
        d.name === "sqlite"
          ? [url.set({ database: join(tmpdir(), "alkahest-no-such-dir", "x.db") })]
          : [url.set({ database: "alkahest_no_such_database" }), url.set({ host: "127.0.0.1", port: 1 })];
      for (const u of bad) {
        const db = new Database(u);
        const err = await rejection(db.connect());
        expect(err).toBeInstanceOf(OperationalError);
        expect(db.isConnected).toBe(false);
        await expect(db.fetchVal("SELECT 1")).rejects.toThrow("not connected");
        await db.engine.dispose();
      }
    });

    it("a bad argument rejects (or fails the iteration) instead of throwing", async () => {
      const db = await openDatabase(d);
      const bad = {} as unknown as string;
      const conn = db.connection();
      for (const call of [
        () => db.fetchAll(bad),
        () => db.fetchOne(bad),
        () => db.fetchVal(bad),
        () => db.execute(bad),
        () => db.executeMany(bad, [{}]),
        () => db.execute("SELECT 1", [] as unknown as Record<string, unknown>),
        () => conn.fetchAll(bad),
        () =>
          db.connection(() => {
            throw new RangeError("sync throw in the callback");
          }),
        () =>
          db.transaction(() => {
            throw new RangeError("sync throw in the callback");
          }),
      ]) {
        let p: Promise<unknown> | null = null;
        expect(() => {
          p = call();
        }).not.toThrow();
        await expect(p).rejects.toBeInstanceOf(Error);
      }
      await expect(db.iterate(bad).next()).rejects.toBeInstanceOf(ArgumentError);
      await expect(conn.iterate(bad).next()).rejects.toBeInstanceOf(ArgumentError);
      await expect(
        db.iterate("SELECT 1", [] as unknown as Record<string, unknown>).next(),
      ).rejects.toBeInstanceOf(ArgumentError);
      expect(checkedOut(db.engine)).toBe(0);
    });

    it("queries need a connected Database", async () => {
      const db = await openDatabase(d, { connect: false });
      const err = await rejection(db.fetchAll("SELECT 1"));
      expect(err).toBeInstanceOf(InvalidRequestError);
      expect(err.message).toBe("The database is not connected: await db.connect() first");
      await expect(db.transaction(async () => undefined)).rejects.toThrow("not connected");
      await expect(db.iterate("SELECT 1").next()).rejects.toThrow("not connected");
      expect(() => db.connection()).toThrow("not connected");
    });

    it("exposes its URL", async () => {
      const db = await openDatabase(d);
      expect(db.url).toBe(db.engine.url);
      expect(db.url.getBackendName()).toBe(d.name === "mysql" ? db.url.getBackendName() : d.name);
    });

    it("a URL with the facade's options connects", async () => {
      const probe = d.engine();
      const url = probe.url.renderAsString({ hidePassword: false });
      await probe.dispose();
      const sep = url.includes("?") ? "&" : "?";
      const extra = d.name === "sqlite" ? "minSize=1&maxSize=2" : "minSize=1&maxSize=2&ssl=false";
      await using db = new Database(`${url}${sep}${extra}`);
      await db.connect();
      expect(await db.fetchVal("SELECT 1")).toBeTruthy();
      expect(db.engine.pool.status()).toMatch(/^Pool size: 1 /);
    });

    it("disconnect() rolls back and returns what is still open", async () => {
      const db = await openDatabase(d);
      const inScope = db.connection(async () => {
        await new Promise((r) => setTimeout(r, 50));
      });
      const tx = await db.transaction();
      await db.fetchVal("SELECT 1");
      await until(() => checkedOut(db.engine) === 2);
      await db.disconnect();
      expect(checkedOut(db.engine)).toBe(0);
      expect(tx.isActive).toBe(false);
      await inScope.catch(() => undefined);
      expect(checkedOut(db.engine)).toBe(0);
    });
  });
}
