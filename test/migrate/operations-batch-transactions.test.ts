/**
 * A batch rebuild never ends a transaction it may not end. On SQLite (better-sqlite3 enforces
 * foreign keys by default) rebuilding a referenced table needs `PRAGMA foreign_keys=OFF`, which
 * only works outside a transaction: with the caller's work pending the batch raises instead of
 * committing it; outside a transaction, in an autocommit block or with transactionPerMigration
 * it runs, and the referencing rows survive. Elsewhere the rebuild stays in the caller's
 * transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as sa from "../../src/index.js";
import { CommandError, command, defineConfig, MigrationContext } from "../../src/migrate/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { tempProject, writeRev } from "./helpers.js";

const cases = await dialectCases("mig_batch_tx");

const alterX =
  'await op.batchAlterTable("parent", async (b) => { await b.alterColumn("x", { nullable: false }); });';

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const sqlite = d.name === "sqlite";
    let engine: sa.Engine;
    let conn: sa.Connection;

    const rows = async (sql: string) =>
      (await d.outside(sql)).map((r) => r.map((v) => (v === null ? v : Number(v))));

    async function reset(): Promise<void> {
      for (const t of ["child", "parent", "alembic_version"]) await d.outside(`DROP TABLE IF EXISTS ${t}`);
      await d.outside("CREATE TABLE parent (id INTEGER PRIMARY KEY, x INTEGER)");
      await d.outside(
        "CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE CASCADE)",
      );
      await d.outside("INSERT INTO parent (id, x) VALUES (1, 1), (2, 2)");
      await d.outside("INSERT INTO child (id, pid) VALUES (10, 1), (20, 2)");
    }

    beforeAll(async () => {
      engine = d.engine();
      conn = await engine.connect();
    });
    afterAll(async () => {
      await conn.close();
      await engine.dispose();
    });

    // MySQL commits around DDL whatever the caller does
    it.skipIf(d.name === "mysql")(
      "with the caller's work pending the rebuild raises or joins, and leaves the transaction to the caller",
      async () => {
        await reset();
        const op = new Operations(MigrationContext.configure({ connection: conn }));
        await conn.begin();
        await op.execute("INSERT INTO parent (id, x) VALUES (3, 3)");
        // PostgreSQL cannot drop a referenced table (nor could Alembic): the child is rebuilt there
        const [table, column] = sqlite ? ["parent", "x"] : ["child", "pid"];
        const batch = op.batchAlterTable(table, (b) => b.alterColumn(column, { nullable: false }), {
          recreate: "always",
        });
        if (sqlite) {
          await expect(batch).rejects.toThrow(CommandError);
          await expect(
            op.batchAlterTable("parent", (b) => b.alterColumn("x", { nullable: false })),
          ).rejects.toThrow(/autocommitBlock\(\.\.\.\), or migrate with transactionPerMigration: true/);
        } else {
          await batch;
        }
        expect(conn.inTransaction()).toBe(true);
        await conn.rollback();
        // the caller's rollback undid its insert and, on PostgreSQL, the rebuild
        expect(await rows("SELECT id FROM parent ORDER BY id")).toEqual([[1], [2]]);
        if (!sqlite)
          expect(await rows("SELECT count(*) FROM pg_tables WHERE tablename LIKE '_alembic_tmp%'")).toEqual([
            [0],
          ]);
        expect(await rows("SELECT id, pid FROM child ORDER BY id")).toEqual([
          [10, 1],
          [20, 2],
        ]);
      },
    );

    it.skipIf(!sqlite)(
      "outside a transaction, or in an autocommit block, the rebuild runs and no CASCADE fires",
      async () => {
        await reset();
        const ctx = MigrationContext.configure({ connection: conn });
        const op = new Operations(ctx);
        await op.batchAlterTable("parent", (b) => b.alterColumn("x", { nullable: false }));
        expect(conn.inTransaction()).toBe(false);
        await ctx.autocommitBlock(async () => {
          await op.execute("INSERT INTO parent (id, x) VALUES (3, 3)");
          await op.batchAlterTable("parent", (b) => b.alterColumn("x", { nullable: true }));
        });
        expect(await rows("SELECT id FROM parent ORDER BY id")).toEqual([[1], [2], [3]]);
        expect(await rows("SELECT id, pid FROM child ORDER BY id")).toEqual([
          [10, 1],
          [20, 2],
        ]);
        expect(await rows("PRAGMA foreign_key_check")).toEqual([]);
        const [[fk]] = (await (await conn.execDriverSql("PRAGMA foreign_keys")).all()).map((r) => [...r]);
        expect(Number(fk)).toBe(1);
        await conn.commit();
      },
    );

    it.skipIf(!sqlite)(
      "in a run: refused after earlier work in the run's transaction; allowed with transactionPerMigration or first in the run",
      async () => {
        await reset();
        await d.outside("DROP TABLE child");
        const project = tempProject("batch-tx");
        writeRev(project, {
          id: "aaa111",
          up: [
            "CREATE TABLE child (id INTEGER PRIMARY KEY, pid INTEGER REFERENCES parent (id) ON DELETE CASCADE)",
          ],
        });
        writeRev(project, {
          id: "bbb222",
          down: "aaa111",
          up: ["INSERT INTO child (id, pid) VALUES (10, 1)"],
        });
        writeRev(project, { id: "ccc333", down: "bbb222", upBody: `  ${alterX}` });
        const scriptLocation = `${project}/migrations`;
        const url = engine.url.toString();
        await expect(command.upgrade(defineConfig({ url, scriptLocation }), "head")).rejects.toThrow(
          CommandError,
        );
        // the run's single transaction was rolled back as a whole
        expect(
          await rows("SELECT count(*) FROM sqlite_master WHERE name IN ('child', 'alembic_version')"),
        ).toEqual([[0]]);
        const events = await command.upgrade(
          defineConfig({ url, scriptLocation, transactionPerMigration: true }),
          "head",
        );
        expect(events.map((e) => e.revision)).toEqual(["aaa111", "bbb222", "ccc333"]);
        expect(await rows("SELECT id, pid FROM child")).toEqual([[10, 1]]);
        expect(await rows("SELECT count(*) FROM parent")).toEqual([[2]]);
        // first in the run's transaction (the version table just created aside) it runs too
        await d.outside("DROP TABLE alembic_version");
        const alone = tempProject("batch-first");
        writeRev(alone, { id: "ddd444", upBody: `  ${alterX}` });
        const first = await command.upgrade(
          defineConfig({ url, scriptLocation: `${alone}/migrations` }),
          "head",
        );
        expect(first.map((e) => e.revision)).toEqual(["ddd444"]);
        expect(await rows("SELECT id, pid FROM child")).toEqual([[10, 1]]);
      },
    );
  });
}
