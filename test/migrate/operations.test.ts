/**
 * Every op online and offline on each real database: the offline (`--sql`) text equals what the
 * driver received online, and the catalog (through the Inspector, or information_schema where a
 * dialect has no reflection yet) shows the effect.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import {
  closeOnline,
  offlineContext,
  onlineAndOffline,
  openOnline,
  type RecordingContext,
} from "./operations-context.js";

const cases = await dialectCases("mig_ops");

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const sqlite = d.name === "sqlite";
    const mysql = d.name === "mysql";
    let engine: sa.Engine;
    let conn: sa.Connection;
    let ctx: RecordingContext;

    beforeAll(async () => {
      ({ engine, conn, ctx } = await openOnline(d));
    });
    afterAll(() => closeOnline(engine, conn));

    const both = (fn: (op: Operations) => Promise<void>) => onlineAndOffline(ctx, fn);

    async function columns(table: string): Promise<Record<string, { nullable: boolean; type: string }>> {
      const out: Record<string, { nullable: boolean; type: string }> = {};
      try {
        const insp = await sa.inspect(conn);
        for (const c of await insp.getColumns(table)) {
          out[c.name] = {
            nullable: c.nullable,
            type: engine.dialect.typeCompiler.process(c.type).toUpperCase(),
          };
        }
      } catch (err) {
        if (!mysql) throw err;
        const rows = await d.outside(
          `SELECT column_name, is_nullable, column_type FROM information_schema.columns WHERE table_schema = database() AND table_name = '${table}'`,
        );
        for (const [n, nullable, type] of rows) {
          out[String(n)] = { nullable: nullable === "YES", type: String(type).toUpperCase() };
        }
      }
      if (conn.inTransaction()) await conn.commit();
      return out;
    }

    async function tableNames(): Promise<string[]> {
      const rows = await d.outside(
        sqlite
          ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
          : mysql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = database() ORDER BY 1"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1",
      );
      return rows.map((r) => String(r[0]));
    }

    async function indexNames(table: string): Promise<string[]> {
      const rows = await d.outside(
        sqlite
          ? `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '${table}' AND name NOT LIKE 'sqlite_%' ORDER BY 1`
          : mysql
            ? `SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = database() AND table_name = '${table}' AND index_name <> 'PRIMARY' ORDER BY 1`
            : `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = '${table}' AND indexname NOT LIKE '%_pkey' ORDER BY 1`,
      );
      return rows.map((r) => String(r[0]));
    }

    async function constraintNames(table: string): Promise<string[]> {
      if (sqlite) return [];
      const rows = await d.outside(
        mysql
          ? `SELECT constraint_name FROM information_schema.table_constraints WHERE table_schema = database() AND table_name = '${table}' AND constraint_type <> 'PRIMARY KEY' ORDER BY 1`
          : `SELECT conname FROM pg_constraint WHERE conrelid = '${table}'::regclass AND contype <> 'p' ORDER BY 1`,
      );
      return rows.map((r) => String(r[0]));
    }

    it("createTable, addColumn, createIndex, constraints, alterColumn, renameTable: same SQL online and offline", async () => {
      const sql = await both(async (op) => {
        await op.createTable(
          "mg_account",
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("name", sa.String(50), { nullable: false }),
          new sa.Column("note", sa.String(20)),
        );
        await op.createTable(
          "mg_order",
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("account_id", sa.Integer, sa.ForeignKey("mg_account.id")),
          new sa.Column("qty", sa.Integer),
        );
        await op.addColumn("mg_account", new sa.Column("email", sa.String(100)));
        await op.createIndex("ix_mg_account_email", "mg_account", ["email"], { unique: true });
        await op.alterColumn("mg_account", "note", { newColumnName: "remark", existingType: sa.String(20) });
        if (!sqlite) {
          await op.createUniqueConstraint("uq_mg_account_name", "mg_account", ["name"]);
          await op.createCheckConstraint("ck_mg_order_qty", "mg_order", "qty > 0");
          await op.alterColumn("mg_account", "email", {
            nullable: false,
            type: sa.String(120),
            existingType: sa.String(100),
            existingNullable: true,
          });
          await op.alterColumn("mg_account", "name", {
            serverDefault: "anon",
            existingType: sa.String(50),
            existingNullable: false,
          });
          await op.createTableComment("mg_account", "customer accounts");
        }
        await op.renameTable("mg_order", "mg_orders");
      });
      expect(sql.length).toBeGreaterThan(4);
      expect(await tableNames()).toEqual(expect.arrayContaining(["mg_account", "mg_orders"]));
      const cols = await columns("mg_account");
      expect(Object.keys(cols)).toEqual(["id", "name", "remark", "email"]);
      expect(await indexNames("mg_account")).toContain("ix_mg_account_email");
      if (!sqlite) {
        expect(cols.email).toMatchObject({ nullable: false });
        expect(cols.email.type).toContain("120");
        expect(await constraintNames("mg_account")).toContain("uq_mg_account_name");
        expect(await constraintNames("mg_orders")).toContain("ck_mg_order_qty");
      }
    });

    it("bulkInsert: executemany online, literal INSERTs offline", async () => {
      const op = new Operations(ctx);
      const t = sa.table("mg_account", sa.column("id"), sa.column("name"), sa.column("email"));
      const rows = [
        { id: 1, name: "ann", email: "a@x" },
        { id: 2, name: "o'brien", email: "b@x" },
      ];
      await op.bulkInsert(t, rows);
      if (conn.inTransaction()) await conn.commit();
      const got = await d.outside("SELECT id, name FROM mg_account ORDER BY id");
      expect(got.map((r) => [Number(r[0]), r[1]])).toEqual([
        [1, "ann"],
        [2, "o'brien"],
      ]);
      const offline = offlineContext(engine.dialect);
      await new Operations(offline).bulkInsert(t, rows);
      expect(offline.log[1]).toMatch(
        /^INSERT INTO .?mg_account.? \(.?id.?, .?name.?, .?email.?\) VALUES \(2, 'o''brien', 'b@x'\)$/,
      );
    });

    it("createTable returns a Table usable with bulkInsert", async () => {
      const op = new Operations(ctx);
      const t = await op.createTable(
        "mg_kv",
        new sa.Column("k", sa.String(10), { primaryKey: true }),
        new sa.Column("v", sa.Integer),
      );
      await op.bulkInsert(t, [
        { k: "a", v: 1 },
        { k: "b", v: 2 },
      ]);
      if (conn.inTransaction()) await conn.commit();
      expect((await d.outside("SELECT count(*) FROM mg_kv"))[0].map(Number)).toEqual([2]);
    });

    it("dropConstraint, dropIndex, dropColumn, dropTable: same SQL online and offline", async () => {
      await both(async (op) => {
        if (!sqlite) {
          await op.dropConstraint("ck_mg_order_qty", "mg_orders", { type: "check" });
          await op.dropConstraint("uq_mg_account_name", "mg_account", { type: "unique" });
        }
        await op.dropIndex("ix_mg_account_email", "mg_account");
        await op.dropColumn("mg_account", "email");
        await op.dropTable("mg_orders");
        await op.dropTable("mg_kv");
      });
      expect(await tableNames()).not.toContain("mg_orders");
      expect(Object.keys(await columns("mg_account"))).toEqual(["id", "name", "remark"]);
      expect(await indexNames("mg_account")).toEqual([]);
      expect(await constraintNames("mg_account")).toEqual([]);
    });

    it.skipIf(sqlite)("createForeignKey / createPrimaryKey and their drops", async () => {
      await both(async (op) => {
        await op.createTable("mg_parent", new sa.Column("id", sa.Integer, { nullable: false }));
        await op.createPrimaryKey("pk_mg_parent", "mg_parent", ["id"]);
        await op.createTable("mg_child", new sa.Column("pid", sa.Integer));
        await op.createForeignKey("fk_mg_child_parent", "mg_child", "mg_parent", ["pid"], ["id"], {
          ondelete: "CASCADE",
        });
      });
      expect(await constraintNames("mg_child")).toContain("fk_mg_child_parent");
      await both(async (op) => {
        await op.dropConstraint("fk_mg_child_parent", "mg_child", { type: "foreignkey" });
        await op.dropTable("mg_child");
        await op.dropTable("mg_parent");
      });
      expect(await tableNames()).not.toContain("mg_parent");
    });

    it("dropConstraint without a name: a typed CompileError naming the table, before anything is sent", async () => {
      await conn.execDriverSql("CREATE TABLE mg_noname (id INTEGER PRIMARY KEY, code VARCHAR(10) UNIQUE)");
      await conn.commit();
      const offline = offlineContext(engine.dialect);
      for (const target of [ctx, offline]) {
        target.log.length = 0;
        const op = new Operations(target);
        for (const type of ["unique", "foreignkey", "check"] as const) {
          await expect(op.dropConstraint("", "mg_noname", { type })).rejects.toThrow(sa.exc.CompileError);
          await expect(op.dropConstraint("", "mg_noname", { type })).rejects.toThrow(/'?mg_noname'?/);
        }
        expect(target.log).toEqual([]);
      }
      if (!sqlite) {
        await expect(new Operations(ctx).dropConstraint("", "mg_noname", { type: "unique" })).rejects.toThrow(
          "Can't emit DROP CONSTRAINT for a unique constraint of table 'mg_noname'; it has no name",
        );
      }
      await conn.execDriverSql("DROP TABLE mg_noname");
      await conn.commit();
    });

    it.skipIf(!mysql)(
      "alterColumn on MySQL restates the column from existing* (MODIFY / CHANGE)",
      async () => {
        const off = offlineContext(engine.dialect);
        const op = new Operations(off);
        await op.alterColumn("t", "c", {
          nullable: false,
          existingType: sa.String(30),
          existingServerDefault: "x",
          existingComment: "note",
        });
        await op.alterColumn("t", "c", {
          newColumnName: "d",
          existingType: sa.Integer,
          existingNullable: false,
        });
        await op.alterColumn("t", "c", { serverDefault: null });
        expect(off.log).toEqual([
          "ALTER TABLE t MODIFY c VARCHAR(30) NOT NULL DEFAULT 'x' COMMENT 'note'",
          "ALTER TABLE t CHANGE c d INTEGER NOT NULL",
          "ALTER TABLE t ALTER COLUMN c DROP DEFAULT",
        ]);
        await expect(op.alterColumn("t", "c", { nullable: false })).rejects.toThrow(/existingType/);
      },
    );

    it("execute and inlineLiteral render literals online and offline", async () => {
      const t = sa.table("mg_account", sa.column("name"), sa.column("remark"));
      await both(async (op) => {
        await op.execute(
          sa
            .update(t)
            .where(t.c.name.eq(op.inlineLiteral("ann")))
            .values({ remark: op.inlineLiteral("vip") }),
        );
        await op.execute("UPDATE mg_account SET remark = 'x' WHERE 1 = 0");
      });
      expect(await d.outside("SELECT remark FROM mg_account WHERE name = 'ann'")).toEqual([["vip"]]);
    });
  });
}
