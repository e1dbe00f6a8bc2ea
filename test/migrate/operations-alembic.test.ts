/**
 * Ops whose SQL follows a specific Alembic test (tests/test_op.py, test_postgresql.py,
 * test_mysql.py), online on each real database and offline, with the effect checked in the
 * catalog where it matters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { CommandError, MigrationContext, SqlBuffer } from "../../src/migrate/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import {
  closeOnline,
  norm,
  offlineContext,
  onlineAndOffline,
  openOnline,
  type RecordingContext,
} from "./operations-context.js";

const cases = await dialectCases("mig_alembic");

/** What `--sql` writes for `fn`, through a real offline MigrationContext. */
async function offlineScript(dialectName: string, fn: (op: Operations) => Promise<void>): Promise<string[]> {
  const buf = new SqlBuffer();
  const ctx = MigrationContext.configure({ dialectName, opts: { asSql: true, outputBuffer: buf } });
  await fn(new Operations(ctx));
  return buf
    .toString()
    .split(";\n")
    .map((s) => norm(s))
    .filter((s) => s !== "");
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const sqlite = d.name === "sqlite";
    const pg = d.name === "postgresql";
    const mysql = d.name === "mysql";
    let engine: sa.Engine;
    let conn: sa.Connection;
    let ctx: RecordingContext;

    beforeAll(async () => {
      ({ engine, conn, ctx } = await openOnline(d));
    });
    afterAll(() => closeOnline(engine, conn));

    const both = (fn: (op: Operations) => Promise<void>) => onlineAndOffline(ctx, fn);

    async function defaultOf(table: string, column: string): Promise<string | null> {
      const insp = await sa.inspect(conn);
      const col = (await insp.getColumns(table)).find((c) => c.name === column);
      if (conn.inTransaction()) await conn.commit();
      return col?.default == null ? null : String(col.default);
    }

    it("addColumn renders a column-level CHECK inline, and the database enforces it (test_add_column_w_check)", async () => {
      await conn.execDriverSql("CREATE TABLE ck_t (id INTEGER PRIMARY KEY)");
      await conn.commit();
      const sql = await both((op) =>
        op.addColumn("ck_t", new sa.Column("qty", sa.Integer, new sa.CheckConstraint("qty > 5"))),
      );
      expect(sql).toEqual(["ALTER TABLE ck_t ADD COLUMN qty INTEGER CHECK (qty > 5)"]);
      await expect(conn.execDriverSql("INSERT INTO ck_t (id, qty) VALUES (1, 3)")).rejects.toThrow();
      if (conn.inTransaction()) await conn.rollback();
      await conn.execDriverSql("INSERT INTO ck_t (id, qty) VALUES (2, 6)");
      await conn.execDriverSql("DROP TABLE ck_t");
      await conn.commit();
      expect(
        await offlineScript(d.name, (op) =>
          op.addColumn(
            "t1",
            new sa.Column("c1", sa.Integer, new sa.CheckConstraint("c1 > 5"), { nullable: false }),
          ),
        ),
      ).toEqual(["ALTER TABLE t1 ADD COLUMN c1 INTEGER NOT NULL CHECK (c1 > 5)"]);
    });

    it.skipIf(sqlite)(
      "addColumn in another schema: an unqualified ForeignKey names the default schema (test_add_column_schema_fk)",
      async () => {
        const other = `alembic_other_${process.pid}`;
        const create = pg ? "CREATE SCHEMA" : "CREATE DATABASE";
        const drop = pg ? `DROP SCHEMA IF EXISTS ${other} CASCADE` : `DROP DATABASE IF EXISTS ${other}`;
        await d.outside(drop);
        await d.outside(`${create} ${other}`);
        try {
          await d.outside("CREATE TABLE c2 (id INTEGER PRIMARY KEY)");
          // MySQL resolves an unqualified REFERENCES in the altered table's own database
          if (mysql) await d.outside(`CREATE TABLE ${other}.c2 (id INTEGER PRIMARY KEY)`);
          await d.outside(`CREATE TABLE ${other}.t1 (id INTEGER PRIMARY KEY)`);
          const sql = await both((op) =>
            op.addColumn("t1", new sa.Column("c1", sa.Integer, sa.ForeignKey("c2.id"), { nullable: false }), {
              schema: other,
            }),
          );
          expect(sql).toEqual([
            `ALTER TABLE ${other}.t1 ADD COLUMN c1 INTEGER NOT NULL`,
            `ALTER TABLE ${other}.t1 ADD FOREIGN KEY(c1) REFERENCES c2 (id)`,
          ]);
          if (pg) {
            const insp = await sa.inspect(conn);
            const [fk] = await insp.getForeignKeys("t1", other);
            if (conn.inTransaction()) await conn.commit();
            // the search path's c2, not one in the other schema
            expect(fk?.referredTable).toBe("c2");
            expect(fk?.referredSchema).toBeNull();
          }
        } finally {
          await d.outside(drop);
          await d.outside("DROP TABLE IF EXISTS c2");
        }
      },
    );

    it("execute(text, params) binds online and renders the params as literals offline", async () => {
      await conn.execDriverSql("CREATE TABLE ex_t (id INTEGER PRIMARY KEY, v VARCHAR(10))");
      await conn.execDriverSql("INSERT INTO ex_t (id, v) VALUES (1, 'x')");
      await conn.commit();
      const op = new Operations(ctx);
      await op.execute(sa.text("UPDATE ex_t SET v = :v WHERE id = :id"), { v: "o'k", id: 1 });
      await op.execute(
        "UPDATE ex_t SET v = v || :s WHERE id = :id".replace("v || :s", mysql ? "CONCAT(v, :s)" : "v || :s"),
        {
          s: "!",
          id: 1,
        },
      );
      await conn.commit();
      expect(await d.outside("SELECT v FROM ex_t")).toEqual([["o'k!"]]);
      await conn.execDriverSql("DROP TABLE ex_t");
      await conn.commit();
      const t = sa.table("ex_t", sa.column("id", sa.Integer), sa.column("v", sa.String(10)));
      expect(
        await offlineScript(d.name, async (o) => {
          await o.execute(sa.text("UPDATE ex_t SET v = :v WHERE id = :id"), { v: "o'k", id: 1 });
          await o.execute(sa.update(t).where(t.c.id.eq(sa.bindparam("b_id"))), { v: "y", b_id: 2 });
          await o.execute(sa.insert(t), [
            { id: 3, v: "a" },
            { id: 4, v: "b" },
          ]);
        }),
      ).toEqual([
        "UPDATE ex_t SET v = 'o''k' WHERE id = 1",
        "UPDATE ex_t SET v='y' WHERE ex_t.id = 2",
        "INSERT INTO ex_t (id, v) VALUES (3, 'a')",
        "INSERT INTO ex_t (id, v) VALUES (4, 'b')",
      ]);
    });

    it("alterColumn serverDefault false leaves the default as it is, null drops it (test_col_dont_remove_server_default)", async () => {
      await conn.execDriverSql("CREATE TABLE sd_t (id INTEGER PRIMARY KEY, c1 INTEGER DEFAULT 1)");
      await conn.commit();
      const keep = { existingType: sa.Integer, existingServerDefault: "1", serverDefault: false } as const;
      if (sqlite) {
        await new Operations(ctx).batchAlterTable("sd_t", (b) =>
          b.alterColumn("c1", { ...keep, nullable: false }),
        );
        await conn.commit();
      } else {
        const sql = await both((op) => op.alterColumn("sd_t", "c1", { ...keep, nullable: false }));
        expect(sql).toEqual([
          mysql
            ? "ALTER TABLE sd_t MODIFY c1 INTEGER NOT NULL DEFAULT '1'"
            : "ALTER TABLE sd_t ALTER COLUMN c1 SET NOT NULL",
        ]);
        expect(await both((op) => op.alterColumn("sd_t", "c1", keep))).toEqual([]);
      }
      expect(await defaultOf("sd_t", "c1")).toMatch(/1/);
      if (sqlite) {
        await new Operations(ctx).batchAlterTable("sd_t", (b) =>
          b.alterColumn("c1", { serverDefault: null }),
        );
        await conn.commit();
      } else {
        expect(await both((op) => op.alterColumn("sd_t", "c1", { serverDefault: null }))).toEqual([
          "ALTER TABLE sd_t ALTER COLUMN c1 DROP DEFAULT",
        ]);
      }
      expect(await defaultOf("sd_t", "c1")).toBeNull();
      await conn.execDriverSql("DROP TABLE sd_t");
      await conn.commit();
    });

    it.skipIf(!pg)(
      "postgresqlUsing without a type raises Alembic's CommandError, and nothing is sent",
      async () => {
        ctx.log.length = 0;
        const op = new Operations(ctx);
        await expect(op.alterColumn("t", "c", { postgresqlUsing: "c::integer" })).rejects.toThrow(
          CommandError,
        );
        await expect(op.alterColumn("t", "c", { postgresqlUsing: "c::integer" })).rejects.toThrow(
          "postgresql_using must be used with the type_ parameter",
        );
        expect(ctx.log).toEqual([]);
      },
    );

    it("a column rename is Alembic's per dialect (test_alter_column_rename)", async () => {
      await conn.execDriverSql("CREATE TABLE rn_t (id INTEGER PRIMARY KEY, c INTEGER)");
      await conn.commit();
      const sql = await both((op) =>
        op.alterColumn("rn_t", "c", { newColumnName: "x", existingType: sa.Integer }),
      );
      expect(sql).toEqual([
        pg
          ? "ALTER TABLE rn_t RENAME c TO x"
          : mysql
            ? "ALTER TABLE rn_t CHANGE c x INTEGER NULL"
            : "ALTER TABLE rn_t RENAME COLUMN c TO x",
      ]);
      expect(await d.outside("SELECT x FROM rn_t")).toEqual([]);
      await conn.execDriverSql("DROP TABLE rn_t");
      await conn.commit();
    });

    it.skipIf(!mysql)("MySQL alterColumn without existingType: Alembic's CommandError text", async () => {
      const op = new Operations(offlineContext(engine.dialect));
      await expect(op.alterColumn("t", "c", { nullable: false })).rejects.toThrow(CommandError);
      await expect(op.alterColumn("t", "c", { nullable: false })).rejects.toThrow(
        /^All MySQL CHANGE\/MODIFY COLUMN operations require the existing type\./,
      );
      await expect(op.dropConstraint("x", "t")).rejects.toThrow(
        /^No generic 'DROP CONSTRAINT' in MySQL - please specify constraint type/,
      );
    });
  });
}
