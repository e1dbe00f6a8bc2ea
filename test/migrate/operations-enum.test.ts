/**
 * `op.createTable` / `op.dropTable` with a named `sa.Enum`: on PostgreSQL the type is created
 * before the first table that uses it and dropped after the table whose columns name it, online
 * and in `--sql` output; MySQL and SQLite need no separate type.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { MigrationContext, SqlBuffer } from "../../src/migrate/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { norm, offlineContext, onlineContext } from "./operations-context.js";

const cases = await dialectCases("mig_openum");

const mood = () => sa.Enum("sad", "ok", { name: "ope_mood" });
const petColumns = () => [
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("mood", mood()),
];

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let engine: sa.Engine;
    let conn: sa.Connection;

    beforeAll(async () => {
      engine = d.engine();
      conn = await engine.connect();
    });
    afterAll(async () => {
      await conn.close();
      await engine.dispose();
    });

    const typeCount = async () =>
      d.name === "postgresql"
        ? Number((await d.outside("SELECT count(*) FROM pg_type WHERE typname = 'ope_mood'"))[0][0])
        : 0;

    it("creates the type once for two tables, stores a label, and drops it with the table that names it", async () => {
      const ctx = onlineContext(conn);
      const op = new Operations(ctx);
      await op.createTable("ope_pet", ...petColumns());
      await op.createTable("ope_pet2", ...petColumns());
      await conn.execute(sa.text("INSERT INTO ope_pet (id, mood) VALUES (1, 'ok')"));
      await conn.commit();
      const creates = ctx.log.filter((s) => s.startsWith("CREATE TYPE"));
      expect(creates).toEqual(d.name === "postgresql" ? ["CREATE TYPE ope_mood AS ENUM ('sad', 'ok')"] : []);
      expect(await typeCount()).toBe(d.name === "postgresql" ? 1 : 0);
      // without columns the type stays (Alembic's drop_table); with them it goes after the table
      await op.dropTable("ope_pet2");
      expect(await typeCount()).toBe(d.name === "postgresql" ? 1 : 0);
      await op.dropTable("ope_pet", new sa.Column("mood", mood()), {});
      await conn.commit();
      expect(await typeCount()).toBe(0);
      expect(ctx.log.filter((s) => s.startsWith("DROP"))).toEqual([
        "DROP TABLE ope_pet2",
        "DROP TABLE ope_pet",
        ...(d.name === "postgresql" ? ["DROP TYPE ope_mood"] : []),
      ]);
    });
  });
}

describe("offline (--sql) on PostgreSQL", () => {
  it("the runner's context writes CREATE TYPE before CREATE TABLE and DROP TYPE after DROP TABLE", async () => {
    const buf = new SqlBuffer();
    const ctx = MigrationContext.configure({
      dialectName: "postgresql",
      opts: { asSql: true, outputBuffer: buf },
    });
    const op = new Operations(ctx);
    await op.createTable("ope_pet", ...petColumns());
    await op.dropTable("ope_pet", ...petColumns(), { schema: null });
    const out = norm(buf.toString());
    expect(out).toMatch(
      /CREATE TYPE ope_mood AS ENUM \('sad', 'ok'\);\s*CREATE TABLE ope_pet \(.*mood ope_mood.*DROP TABLE ope_pet;\s*DROP TYPE ope_mood;/,
    );
  });

  it("a compile-only postgresql.dialect() context does the same", async () => {
    const ctx = offlineContext(postgresql.dialect());
    const op = new Operations(ctx);
    await op.createTable("ope_pet", ...petColumns());
    await op.createTable("ope_pet2", ...petColumns());
    await op.dropTable("ope_pet2", ...petColumns());
    expect(ctx.log.filter((s) => /TYPE/.test(s))).toEqual([
      "CREATE TYPE ope_mood AS ENUM ('sad', 'ok')",
      "DROP TYPE ope_mood",
    ]);
  });
});
