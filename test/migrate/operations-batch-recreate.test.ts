/**
 * `batchAlterTable(…, { recreate: "always" })` runs the move-and-copy on every database, as
 * Alembic's does (`_should_recreate`), also for an empty batch; only SQLite looks at
 * `PRAGMA foreign_keys`. PostgreSQL frees its constraint names first (Alembic's
 * `prep_table_for_batch`) and keeps a SERIAL's sequence.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { closeOnline, offlineContext, openOnline, type RecordingContext } from "./operations-context.js";

const cases = await dialectCases("mig_recreate");

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const pg = d.name === "postgresql";
    let engine: sa.Engine;
    let conn: sa.Connection;
    let ctx: RecordingContext;

    beforeAll(async () => {
      ({ engine, conn, ctx } = await openOnline(d));
      await new Operations(ctx).createTable(
        "rc",
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("a", sa.Integer),
        new sa.Column("u", sa.String(10), { unique: true }),
        new sa.Column("s", sa.String(10), { index: true }),
      );
      await conn.execDriverSql("INSERT INTO rc (a, u) VALUES (1, 'x'), (2, 'y')");
      await conn.commit();
    });
    afterAll(() => closeOnline(engine, conn));

    const rebuilt = () => ctx.log.filter((s) => /^(CREATE|INSERT|DROP|ALTER)/.test(s));

    it("rebuilds with an added column, keeping rows, the unique constraint, the index and the numbering", async () => {
      ctx.log.length = 0;
      await new Operations(ctx).batchAlterTable("rc", (b) => b.addColumn(new sa.Column("c", sa.Integer)), {
        recreate: "always",
      });
      if (conn.inTransaction()) await conn.commit();
      expect(ctx.log.filter((s) => s.startsWith("PRAGMA foreign_keys")).length).toBe(
        d.name === "sqlite" ? 1 : 0,
      );
      const sql = rebuilt();
      expect(sql.some((s) => s.startsWith("CREATE TABLE _alembic_tmp_rc"))).toBe(true);
      expect(sql).toContain(
        "INSERT INTO _alembic_tmp_rc (id, a, u, s) SELECT rc.id, rc.a, rc.u, rc.s FROM rc",
      );
      if (pg) {
        expect(sql.slice(0, 2)).toEqual([
          "ALTER TABLE rc DROP CONSTRAINT rc_pkey",
          "ALTER TABLE rc DROP CONSTRAINT rc_u_key",
        ]);
        expect(sql).toContain("ALTER SEQUENCE rc_id_seq OWNED BY _alembic_tmp_rc.id");
      }
      // the id sequence carries on after the copied rows
      await conn.execDriverSql("INSERT INTO rc (a, u, c) VALUES (3, 'z', 9)");
      await conn.commit();
      const rows = await d.outside("SELECT id, a, u, c FROM rc ORDER BY id");
      expect(rows.map((r) => r.map((v) => (typeof v === "string" || v === null ? v : Number(v))))).toEqual([
        [1, 1, "x", null],
        [2, 2, "y", null],
        [3, 3, "z", 9],
      ]);
      await expect(conn.execDriverSql("INSERT INTO rc (a, u) VALUES (4, 'z')")).rejects.toThrow();
      await conn.rollback();
      const insp = await sa.inspect(conn);
      expect((await insp.getIndexes("rc")).map((ix) => ix.name)).toContain("ix_rc_s");
      await conn.commit();
    });

    it("rebuilds an empty batch too (Alembic's flush with recreate='always')", async () => {
      ctx.log.length = 0;
      await new Operations(ctx).batchAlterTable("rc", async () => {}, { recreate: "always" });
      if (conn.inTransaction()) await conn.commit();
      expect(rebuilt()).toContain("ALTER TABLE _alembic_tmp_rc RENAME TO rc");
      expect((await d.outside("SELECT count(*) FROM rc")).map((r) => Number(r[0]))).toEqual([3]);
    });

    it("offline with copyFrom writes the same rebuild, without PRAGMA lines", async () => {
      const off = offlineContext(engine.dialect);
      const copyFrom = new sa.Table(
        "kv",
        new sa.MetaData(),
        new sa.Column("k", sa.String(5), { primaryKey: true }),
        new sa.Column("v", sa.Integer),
        new sa.Column("w", sa.Integer),
        new sa.PrimaryKeyConstraint("k", { name: "pk_kv" }),
      );
      await new Operations(off).batchAlterTable(
        "kv",
        async (b) => {
          await b.alterColumn("v", { type: sa.String(10) });
          await b.alterColumn("w", { type: sa.BigInteger });
          await b.addColumn(new sa.Column("z", sa.Integer), { insertBefore: "v" });
          await b.addColumn(new sa.Column("y", sa.JSON), { insertAfter: "w" });
        },
        { recreate: "always", copyFrom },
      );
      expect(off.log.some((s) => s.startsWith("PRAGMA"))).toBe(false);
      // Alembic 1.20's output: a CAST only where the type's affinity changes (MySQL casts to CHAR),
      // the added columns where insertBefore / insertAfter put them
      const char = d.name === "mysql" ? "CHAR" : "VARCHAR";
      expect(off.log).toContain(
        `INSERT INTO _alembic_tmp_kv (k, v, w) SELECT kv.k, CAST(kv.v AS ${char}(10)) AS v, kv.w FROM kv`,
      );
      expect(off.log).toContain(
        "CREATE TABLE _alembic_tmp_kv (k VARCHAR(5) NOT NULL, z INTEGER, v VARCHAR(10), w BIGINT, y JSON, CONSTRAINT pk_kv PRIMARY KEY (k))",
      );
      expect(off.log).toContain("ALTER TABLE _alembic_tmp_kv RENAME TO kv");
      if (pg) expect(off.log[0]).toBe("ALTER TABLE kv DROP CONSTRAINT pk_kv");
      expect(off.log.filter((s) => s.startsWith("CREATE TABLE _alembic_tmp_kv")).length).toBe(1);
    });
  });
}
