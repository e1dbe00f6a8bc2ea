/**
 * batchAlterTable: SQLite's move-and-copy rebuild keeps rows, indexes and named constraints and
 * handles `PRAGMA foreign_keys`; other databases get plain ALTERs; offline needs `copyFrom`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { offlineContext, onlineContext } from "./operations-context.js";

const cases = await dialectCases("mig_batch");

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const sqlite = d.name === "sqlite";
    let engine: sa.Engine;
    let conn: sa.Connection;

    beforeAll(async () => {
      engine = d.engine();
      conn = await engine.connect();
      const op = new Operations(onlineContext(conn));
      await op.createTable(
        "bt",
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("name", sa.String(50), { nullable: false }),
        new sa.Column("legacy", sa.Integer),
        new sa.Column("qty", sa.Integer),
        new sa.UniqueConstraint("name", { name: "uq_bt_name" }),
        new sa.CheckConstraint("qty >= 0", { name: "ck_bt_qty" }),
        new sa.Index("ix_bt_qty", "qty"),
      );
      await op.createTable(
        "bt_child",
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("bt_id", sa.Integer, sa.ForeignKey("bt.id", { ondelete: "CASCADE" })),
      );
      await op.bulkInsert(
        sa.table("bt", sa.column("id"), sa.column("name"), sa.column("legacy"), sa.column("qty")),
        [
          { id: 1, name: "a", legacy: 7, qty: 1 },
          { id: 2, name: "b", legacy: 8, qty: 2 },
        ],
      );
      await op.bulkInsert(sa.table("bt_child", sa.column("id"), sa.column("bt_id")), [{ id: 10, bt_id: 1 }]);
      if (conn.inTransaction()) await conn.commit();
      if (sqlite) await conn.execDriverSql("PRAGMA foreign_keys=ON");
      // the rebuild under enforced foreign keys will not end a transaction it did not begin
      await conn.commit();
    });
    afterAll(async () => {
      await conn.close();
      await engine.dispose();
    });

    it("drops, alters and adds columns keeping rows, indexes, named constraints and referencing rows", async () => {
      const ctx = onlineContext(conn);
      await new Operations(ctx).batchAlterTable("bt", async (batch) => {
        await batch.dropColumn("legacy");
        await batch.alterColumn("name", {
          type: sa.String(100),
          existingType: sa.String(50),
          existingNullable: false,
        });
        await batch.addColumn(new sa.Column("email", sa.String(80)));
        await batch.createIndex("ix_bt_email", ["email"]);
      });
      if (conn.inTransaction()) await conn.commit();
      if (sqlite) {
        expect(ctx.log.some((s) => s.startsWith("CREATE TABLE _alembic_tmp_bt"))).toBe(true);
        expect(ctx.log).toContain(
          // a String to a longer String keeps its affinity: no CAST, as in Alembic
          "INSERT INTO _alembic_tmp_bt (id, name, qty) SELECT bt.id, bt.name, bt.qty FROM bt",
        );
        expect(ctx.log).toContain("ALTER TABLE _alembic_tmp_bt RENAME TO bt");
        const [[ddl]] = await d.outside("SELECT sql FROM sqlite_master WHERE name = 'bt'");
        expect(String(ddl)).toContain("CONSTRAINT uq_bt_name UNIQUE");
        expect(String(ddl)).toContain("CONSTRAINT ck_bt_qty CHECK");
        expect(String(ddl)).not.toContain("legacy");
        const idx = await d.outside(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bt' AND sql IS NOT NULL ORDER BY 1",
        );
        expect(idx.map((r) => r[0])).toEqual(["ix_bt_email", "ix_bt_qty"]);
        // the child's row survived (no ON DELETE CASCADE fired) and still references bt
        expect(await d.outside("SELECT id, bt_id FROM bt_child")).toEqual([[10, 1]]);
        expect(await d.outside("PRAGMA foreign_key_check")).toEqual([]);
        const [[fkOn]] = (await (await conn.execDriverSql("PRAGMA foreign_keys")).all()).map((r) => [...r]);
        expect(Number(fkOn)).toBe(1);
        await conn.commit();
      }
      const rows = await d.outside("SELECT id, name, qty FROM bt ORDER BY id");
      expect(rows.map((r) => [Number(r[0]), r[1], Number(r[2])])).toEqual([
        [1, "a", 1],
        [2, "b", 2],
      ]);
    });

    it.skipIf(!sqlite)("a named constraint can be dropped and created in batch", async () => {
      await new Operations(onlineContext(conn)).batchAlterTable("bt", async (batch) => {
        await batch.dropConstraint("ck_bt_qty", { type: "check" });
        await batch.createCheckConstraint("ck_bt_qty2", "qty < 1000");
        await batch.createUniqueConstraint("uq_bt_email", ["email"]);
      });
      if (conn.inTransaction()) await conn.commit();
      const [[ddl]] = await d.outside("SELECT sql FROM sqlite_master WHERE name = 'bt'");
      expect(String(ddl)).not.toContain("ck_bt_qty CHECK");
      expect(String(ddl)).toContain("CONSTRAINT ck_bt_qty2 CHECK (qty < 1000)");
      expect(String(ddl)).toContain("CONSTRAINT uq_bt_email UNIQUE (email)");
    });

    it.skipIf(!sqlite)(
      "unnamed FK and UNIQUE constraints are targeted through a naming convention",
      async () => {
        await d.outside("DROP TABLE IF EXISTS nc_child");
        await d.outside("DROP TABLE IF EXISTS nc_parent");
        await d.outside("CREATE TABLE nc_parent (id INTEGER PRIMARY KEY)");
        await d.outside(
          "CREATE TABLE nc_child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES nc_parent (id), code VARCHAR(5), UNIQUE (code))",
        );
        await d.outside("INSERT INTO nc_parent (id) VALUES (1)");
        await d.outside("INSERT INTO nc_child (id, pid, code) VALUES (1, 1, 'a')");
        await new Operations(onlineContext(conn)).batchAlterTable(
          "nc_child",
          async (batch) => {
            await batch.dropConstraint("fk_nc_child_pid_nc_parent", { type: "foreignkey" });
            await batch.dropConstraint("uq_nc_child_code", { type: "unique" });
          },
          {
            namingConvention: {
              fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
              uq: "uq_%(table_name)s_%(column_0_name)s",
            },
          },
        );
        if (conn.inTransaction()) await conn.commit();
        const [[ddl]] = await d.outside("SELECT sql FROM sqlite_master WHERE name = 'nc_child'");
        expect(String(ddl)).not.toMatch(/REFERENCES|UNIQUE/);
        expect(await d.outside("SELECT id, pid, code FROM nc_child")).toEqual([[1, 1, "a"]]);
        // without a convention the same name is unknown, and nothing is changed
        await expect(
          new Operations(onlineContext(conn)).batchAlterTable("nc_parent", async (batch) => {
            await batch.dropConstraint("pk_nc_parent", { type: "primary" });
          }),
        ).rejects.toThrow(/No constraint named 'pk_nc_parent' on table 'nc_parent'/);
        if (conn.inTransaction()) await conn.rollback();
      },
    );

    it("offline: SQLite needs copyFrom and writes the rebuild; others write ALTERs", async () => {
      const off = offlineContext(engine.dialect);
      const op = new Operations(off);
      const body = async (batch: import("../../src/migrate/operations/index.js").BatchOperations) => {
        await batch.alterColumn("v", { nullable: false, existingType: sa.Integer });
      };
      if (sqlite) {
        await expect(op.batchAlterTable("kv", body)).rejects.toThrow(/copyFrom/);
        const kv = new sa.Table(
          "kv",
          new sa.MetaData(),
          new sa.Column("k", sa.String(5), { primaryKey: true }),
          new sa.Column("v", sa.Integer),
        );
        await op.batchAlterTable("kv", body, { copyFrom: kv });
        // Alembic's offline batch output: no PRAGMA lines (test_batch.py)
        expect(off.log).toEqual([
          "CREATE TABLE _alembic_tmp_kv (k VARCHAR(5) NOT NULL, v INTEGER NOT NULL, PRIMARY KEY (k))",
          "INSERT INTO _alembic_tmp_kv (k, v) SELECT kv.k, kv.v FROM kv",
          "DROP TABLE kv",
          "ALTER TABLE _alembic_tmp_kv RENAME TO kv",
        ]);
      } else {
        await op.batchAlterTable("kv", body);
        expect(off.log).toEqual([
          d.name === "mysql"
            ? "ALTER TABLE kv MODIFY v INTEGER NOT NULL"
            : "ALTER TABLE kv ALTER COLUMN v SET NOT NULL",
        ]);
      }
    });
  });
}
