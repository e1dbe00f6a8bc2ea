/**
 * Type-level tests of the rows of `alkahest/database` (checked by `vitest --typecheck` and `tsc`,
 * never run): `db.fetchAll/fetchOne/iterate` and GINO's `engine.all/first/one/status/iterate`
 * give the same typed Row as `conn.execute()`: by key, by position and by destructuring.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { AcquiredConnection, Database, DatabaseConnection } from "../../src/database/index.js";
import * as sa from "../../src/index.js";

const meta = new sa.MetaData();
const notes = new sa.Table(
  "notes",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("text", sa.String(100)),
);

declare const db: Database;
declare const dbConn: DatabaseConnection;
declare const engine: sa.Engine;
declare const acquired: AcquiredConnection;
const q = sa.select(notes.c.id, notes.c.text);

describe("rows of the databases facade", () => {
  it("fetchAll rows index and destructure like conn.execute() rows", async () => {
    const row = (await db.fetchAll(q))[0];
    expectTypeOf(row.id).toEqualTypeOf<number>();
    expectTypeOf(row[0]).toEqualTypeOf<number>();
    expectTypeOf(row[1]).toEqualTypeOf<string | null>();
    const [id, text] = row;
    expectTypeOf(id).toEqualTypeOf<number>();
    expectTypeOf(text).toEqualTypeOf<string | null>();
  });

  it("fetchOne, iterate and a connection's methods too", async () => {
    const one = await db.fetchOne(q);
    if (one !== null) expectTypeOf(one[0]).toEqualTypeOf<number>();
    for await (const r of db.iterate(q)) {
      const [id] = r;
      expectTypeOf(id).toEqualTypeOf<number>();
    }
    const [first] = await dbConn.fetchAll(q);
    expectTypeOf(first[1]).toEqualTypeOf<string | null>();
  });

  it("raw SQL rows stay untyped records", async () => {
    const row = (await db.fetchAll("SELECT 1 AS x"))[0];
    expectTypeOf(row[0]).toEqualTypeOf<unknown>();
  });
});

describe("rows of GINO's shortcuts", () => {
  it("engine.one/all/first/status/iterate", async () => {
    const r = await engine.one(q);
    expectTypeOf(r[0]).toEqualTypeOf<number>();
    const [n] = r;
    expectTypeOf(n).toEqualTypeOf<number>();
    expectTypeOf((await engine.all(q))[0][1]).toEqualTypeOf<string | null>();
    const f = await engine.first(q);
    if (f !== null) expectTypeOf(f[0]).toEqualTypeOf<number>();
    expectTypeOf((await engine.status(q)).rows[0][0]).toEqualTypeOf<number>();
    for await (const row of engine.iterate(q)) expectTypeOf(row[1]).toEqualTypeOf<string | null>();
  });

  it("an acquired connection's methods", async () => {
    const [id] = await acquired.one(q);
    expectTypeOf(id).toEqualTypeOf<number>();
  });
});
