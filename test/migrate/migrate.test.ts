/**
 * ecosystem.md §2.9 on the real databases: version table, upgrade/downgrade, transactions,
 * the lock, stamp, branches and merges, the caller's transaction.
 */
import { describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { tableExists } from "../../src/migrate/has-table.js";
import {
  CommandError,
  command,
  defineConfig,
  MigrationContext,
  MigrationLockTimeout,
  MigrationStepError,
  MultipleHeads,
  Operations,
  SqlBuffer,
  VersionRowMismatch,
} from "../../src/migrate/index.js";
import { acquireLock } from "../../src/migrate/lock.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { tempProject, threeTables, writeRev } from "./helpers.js";

const cases = await dialectCases("migrate");
// a second database (schema on PostgreSQL, file on SQLite) on the same server, for the lock
const otherDatabases = await dialectCases("migrate_other");

async function tables(engine: sa.Engine): Promise<string[]> {
  return engine.connect(async (conn) => {
    const out: string[] = [];
    for (const t of ["alembic_version", "log", "t1", "t2", "t3"])
      if (await tableExists(conn, t, null)) out.push(t);
    return out;
  });
}

async function versions(engine: sa.Engine): Promise<string[]> {
  return engine.connect(async (conn) => MigrationContext.configure({ connection: conn }).getCurrentHeads());
}

for (const dc of cases) {
  describe.skipIf(!dc.available)(`migrations on ${dc.name}`, () => {
    const transactional = dc.name !== "mysql";

    async function fresh(tag: string) {
      const engine = dc.engine();
      await engine.connect(async (conn) => {
        for (const t of ["t1", "t2", "t3", "log", "alembic_version", "custom_version"]) {
          await conn.execDriverSql(`DROP TABLE IF EXISTS ${t}`);
        }
        await conn.commit();
      });
      const project = tempProject(`${dc.name}-${tag}`);
      return { engine, project };
    }

    it("upgrade head creates alembic_version with one row, downgrade -1 and base leave the table", async () => {
      const { engine, project } = await fresh("linear");
      threeTables(project);
      await engine.connect(async (conn) => {
        const cfg = defineConfig({ connection: conn, scriptLocation: `${project}/migrations` });
        const events = await command.upgrade(cfg, "head");
        expect(events.map((e) => e.revision)).toEqual(["aaa111", "bbb222", "ccc333"]);
        expect(await command.current(cfg)).toEqual(["ccc333"]);
        await command.downgrade(cfg, "-1");
        expect(await command.current(cfg)).toEqual(["bbb222"]);
        await command.downgrade(cfg, "base");
        expect(await command.current(cfg)).toEqual([]);
      });
      expect(await tables(engine)).toEqual(["alembic_version"]);
      if (dc.name !== "mysql") {
        const cols = await engine.connect(async (conn) => {
          const insp = await sa.inspect(conn);
          return {
            cols: await insp.getColumns("alembic_version"),
            pk: await insp.getPkConstraint("alembic_version"),
          };
        });
        const [col] = cols.cols;
        expect([col!.name, col!.nullable, (col!.type as unknown as { length?: number }).length]).toEqual([
          "version_num",
          false,
          32,
        ]);
        expect(cols.pk.constrainedColumns).toEqual(["version_num"]);
      }
      await engine.dispose();
    });

    it("a failure in the third of three migrations leaves the database as before (one transaction per run)", async () => {
      const { engine, project } = await fresh("fail3");
      threeTables(project, true);
      const err = await engine.connect(async (conn) =>
        command
          .upgrade(defineConfig({ connection: conn, scriptLocation: `${project}/migrations` }), "head")
          .catch((e) => e),
      );
      expect(err).toBeInstanceOf(MigrationStepError);
      expect((err as MigrationStepError).revision).toBe("ccc333");
      expect((err as MigrationStepError).sql).toContain("no_such_table");
      if (transactional) {
        expect(await tables(engine)).toEqual([]);
      } else {
        // MySQL commits around each DDL statement: per-migration transactions keep 1-2
        expect(await tables(engine)).toEqual(["alembic_version", "t1", "t2", "t3"]);
        expect(await versions(engine)).toEqual(["bbb222"]);
      }
      await engine.dispose();
    });

    it("with transactionPerMigration the first two migrations stay and the version row is at #2", async () => {
      const { engine, project } = await fresh("perstep");
      threeTables(project, true);
      await engine.connect(async (conn) => {
        const cfg = defineConfig({
          connection: conn,
          scriptLocation: `${project}/migrations`,
          transactionPerMigration: true,
        });
        await expect(command.upgrade(cfg, "head")).rejects.toBeInstanceOf(MigrationStepError);
      });
      expect(await versions(engine)).toEqual(["bbb222"]);
      const t = await tables(engine);
      expect(t).toEqual(expect.arrayContaining(["alembic_version", "t1", "t2"]));
      if (transactional) expect(t).not.toContain("t3");
      await engine.dispose();
    });

    it("two concurrent `upgrade head` runs apply each migration once; the second sees the work done", async () => {
      const { engine, project } = await fresh("concurrent");
      writeRev(project, {
        id: "aaa111",
        upBody: `  await op.execute("CREATE TABLE log (id INTEGER PRIMARY KEY)");
  await new Promise((r) => setTimeout(r, 400));`,
        downSql: ["DROP TABLE log"],
      });
      writeRev(project, { id: "bbb222", down: "aaa111", up: ["INSERT INTO log (id) VALUES (2)"] });
      const run = async () => {
        const e = dc.engine();
        try {
          return await e.connect((conn) =>
            command.upgrade(
              defineConfig({
                connection: conn,
                scriptLocation: `${project}/migrations`,
                lockTimeout: 20_000,
              }),
              "head",
            ),
          );
        } finally {
          await e.dispose();
        }
      };
      const [r1, r2] = await Promise.all([run(), run()]);
      expect([r1.length, r2.length].sort()).toEqual([0, 2]);
      expect(await dc.outside("SELECT COUNT(*) FROM log")).toEqual([[expect.anything()]]);
      const count = Number((await dc.outside("SELECT COUNT(*) FROM log"))[0]![0]);
      expect(count).toBe(1);
      expect(await versions(engine)).toEqual(["bbb222"]);
      await engine.dispose();
    });

    it("a connection already in a transaction is left to its owner", async () => {
      const { engine, project } = await fresh("callertx");
      threeTables(project);
      await engine.connect(async (conn) => {
        await conn.begin();
        await command.upgrade(
          defineConfig({ connection: conn, scriptLocation: `${project}/migrations` }),
          "bbb222",
        );
        expect(conn.inTransaction()).toBe(true);
        if (transactional) {
          await conn.rollback();
          expect(await MigrationContext.configure({ connection: conn }).getCurrentHeads()).toEqual([]);
        } else {
          await conn.commit();
        }
      });
      if (transactional) expect(await tables(engine)).toEqual([]);
      await engine.dispose();
    });

    it("an UPDATE of the version row that matches no row aborts the run", async () => {
      const { engine, project } = await fresh("guard");
      writeRev(project, { id: "aaa111", up: ["CREATE TABLE t1 (id INTEGER PRIMARY KEY)"] });
      writeRev(project, { id: "bbb222", down: "aaa111", up: ["DELETE FROM alembic_version"] });
      await engine.connect(async (conn) => {
        const cfg = defineConfig({
          connection: conn,
          scriptLocation: `${project}/migrations`,
          transactionPerMigration: true,
        });
        await expect(command.upgrade(cfg, "head")).rejects.toBeInstanceOf(VersionRowMismatch);
        expect(await command.current(cfg)).toEqual(["aaa111"]);
      });
      await engine.dispose();
    });

    it("upgrade hands the config's targetMetadata to op: its naming convention names an unnamed index", async () => {
      const { engine, project } = await fresh("naming");
      writeRev(project, {
        id: "aaa111",
        up: ["CREATE TABLE t1 (id INTEGER PRIMARY KEY, code INTEGER)"],
        upBody:
          '  await op.execute("CREATE TABLE t1 (id INTEGER PRIMARY KEY, code INTEGER)");\n  await (op as unknown as { createIndex(n: null, t: string, c: string[]): Promise<void> }).createIndex(null, "t1", ["code"]);',
        downSql: ["DROP TABLE t1"],
      });
      const targetMetadata = new sa.MetaData({
        namingConvention: { ix: "idx_%(table_name)s_%(column_0_name)s" },
      });
      await engine.connect(async (conn) => {
        const cfg = defineConfig({
          connection: conn,
          scriptLocation: `${project}/migrations`,
          targetMetadata,
        });
        await command.upgrade(cfg, "head");
        const names = (await (await sa.inspect(conn)).getIndexes("t1")).map((ix) => ix.name);
        expect(names).toContain("idx_t1_code");
        await command.downgrade(cfg, "base");
      });
      await engine.dispose();
    });

    it("stamp writes rows without running migrations; --purge clears first; stamp base empties", async () => {
      const { engine, project } = await fresh("stamp");
      threeTables(project);
      await engine.connect(async (conn) => {
        const cfg = defineConfig({ connection: conn, scriptLocation: `${project}/migrations` });
        expect(await command.stamp(cfg, "bbb")).toEqual(["bbb222"]);
        expect(await command.current(cfg)).toEqual(["bbb222"]);
        await conn.execDriverSql("INSERT INTO alembic_version (version_num) VALUES ('junk')");
        await conn.commit();
        await command.stamp(cfg, "head", { purge: true });
        expect(await command.current(cfg)).toEqual(["ccc333"]);
        await command.stamp(cfg, "base");
        expect(await command.current(cfg)).toEqual([]);
        // several revisions at once, one row each (Alembic's `stamp rev1 rev2`)
        writeRev(project, { id: "ddd444", down: "aaa111" });
        expect((await command.stamp(cfg, ["ccc333", "ddd444"])).sort()).toEqual(["ccc333", "ddd444"]);
        expect((await command.current(cfg)).sort()).toEqual(["ccc333", "ddd444"]);
      });
      expect(await tables(engine)).toEqual(["alembic_version"]);
      await engine.dispose();
    });

    it("branches: head fails with MultipleHeads, heads applies both (2 rows), a merge leaves one row", async () => {
      const { engine, project } = await fresh("branches");
      writeRev(project, {
        id: "aaa111",
        up: ["CREATE TABLE t1 (id INTEGER PRIMARY KEY)"],
        downSql: ["DROP TABLE t1"],
      });
      writeRev(project, {
        id: "bbb222",
        down: "aaa111",
        up: ["CREATE TABLE t2 (id INTEGER PRIMARY KEY)"],
        downSql: ["DROP TABLE t2"],
      });
      writeRev(project, {
        id: "ccc333",
        down: "aaa111",
        up: ["CREATE TABLE t3 (id INTEGER PRIMARY KEY)"],
        downSql: ["DROP TABLE t3"],
      });
      await engine.connect(async (conn) => {
        const cfg = defineConfig({ connection: conn, scriptLocation: `${project}/migrations` });
        await expect(command.upgrade(cfg, "head")).rejects.toBeInstanceOf(MultipleHeads);
        await expect(command.revision(cfg, { message: "x" })).rejects.toBeInstanceOf(MultipleHeads);
        await command.upgrade(cfg, "heads");
        expect(await command.current(cfg)).toEqual(["bbb222", "ccc333"]);
        expect((await command.branches(cfg)).map((s) => s.revision)).toEqual(["aaa111"]);
        await command.merge(cfg, ["heads"], { message: "merge", revId: "ddd444" });
        const [merged] = await command.show(cfg, "ddd444");
        expect(merged.downRevisions).toEqual(["bbb222", "ccc333"]);
        await command.upgrade(cfg, "head");
        expect(await command.current(cfg)).toEqual(["ddd444"]);
        // -1 from a merge is Alembic's "Ambiguous walk"; a parent as the target unmerges
        await expect(command.downgrade(cfg, "-1")).rejects.toThrow("Ambiguous walk");
        await command.downgrade(cfg, "bbb222");
        expect(await command.current(cfg)).toEqual(["bbb222", "ccc333"]);
      });
      await engine.dispose();
    });

    it("a dependsOn target is applied first but never stays in the version table", async () => {
      const { engine, project } = await fresh("depends");
      writeRev(project, { id: "aaa111", up: ["CREATE TABLE t1 (id INTEGER PRIMARY KEY)"] });
      writeRev(project, {
        id: "xxx999",
        labels: ["other"],
        up: ["CREATE TABLE t3 (id INTEGER PRIMARY KEY)"],
      });
      writeRev(project, {
        id: "bbb222",
        down: "aaa111",
        dependsOn: ["other"],
        up: ["CREATE TABLE t2 (id INTEGER PRIMARY KEY)"],
      });
      await engine.connect(async (conn) => {
        const cfg = defineConfig({ connection: conn, scriptLocation: `${project}/migrations` });
        await command.upgrade(cfg, "bbb222");
        expect(await command.current(cfg)).toEqual(["bbb222"]);
      });
      expect(await tables(engine)).toEqual(["alembic_version", "t1", "t2", "t3"]);
      await engine.dispose();
    });

    it("autocommitBlock commits, runs outside a transaction, then resumes one", async () => {
      const { engine, project } = await fresh("autocommit");
      const idx =
        dc.name === "postgresql"
          ? "CREATE INDEX CONCURRENTLY ix_t1 ON t1 (id)"
          : "CREATE INDEX ix_t1 ON t1 (id)";
      writeRev(project, { id: "aaa111", up: ["CREATE TABLE t1 (id INTEGER PRIMARY KEY)"] });
      writeRev(project, {
        id: "bbb222",
        down: "aaa111",
        upBody: `  await op.getContext().autocommitBlock(() => op.execute(${JSON.stringify(idx)}));
  await op.execute("CREATE TABLE t2 (id INTEGER PRIMARY KEY)");`,
      });
      await engine.connect(async (conn) => {
        await command.upgrade(
          defineConfig({ connection: conn, scriptLocation: `${project}/migrations` }),
          "head",
        );
        expect(conn.inTransaction()).toBe(false);
        expect(await conn.getIsolationLevel()).not.toBe("AUTOCOMMIT");
      });
      expect(await versions(engine)).toEqual(["bbb222"]);
      expect(await tables(engine)).toEqual(["alembic_version", "t1", "t2"]);
      await engine.dispose();
    });

    it("MigrationContext.configure works on its own: getCurrentHeads, new Operations(ctx), no Engine", async () => {
      const { engine } = await fresh("standalone");
      // Alembic's CommandError and text
      expect(() => MigrationContext.configure({ connection: engine as unknown as sa.Connection })).toThrow(
        new CommandError(
          "'connection' argument to configure() is expected to be a alkahest Connection instance, got <Engine object>",
        ),
      );
      await engine.connect(async (conn) => {
        const ctx = MigrationContext.configure({ connection: conn });
        expect(ctx.transactionalDdl).toBe(transactional);
        expect(await ctx.getCurrentRevision()).toBeNull();
        await new Operations(ctx).execute("CREATE TABLE t1 (id INTEGER PRIMARY KEY)");
        await ctx.stampVersion(["abc"]);
        expect(await ctx.getCurrentHeads()).toEqual(["abc"]);
        await conn.commit();
      });
      expect(await tables(engine)).toEqual(["alembic_version", "t1"]);
      // Alembic's begin_transaction(): commits the callback's work, rolls it back on a throw,
      // adds nothing inside the caller's own transaction
      await engine.connect(async (conn) => {
        const ctx = MigrationContext.configure({ connection: conn });
        await ctx.beginTransaction(() => ctx.stampVersion(["def"]));
        expect(conn.inTransaction()).toBe(false);
        await expect(
          ctx.beginTransaction(async () => {
            await ctx.stampVersion(["ghi"]);
            throw new Error("boom");
          }),
        ).rejects.toThrow("boom");
        expect(await ctx.getCurrentHeads()).toEqual(["def"]);
        await conn.rollback(); // the read autobegan
        const outer = await conn.begin();
        const tx = await ctx.beginTransaction();
        await tx.commit(); // no-op: the transaction is the caller's
        expect(conn.inTransaction()).toBe(true);
        await outer.rollback();
      });
      const offline = new SqlBuffer();
      const ctx = MigrationContext.configure({
        dialectName: dc.name,
        opts: { asSql: true, outputBuffer: offline },
      });
      await ctx.beginTransaction(async () => {});
      // offline, only PostgreSQL frames the script (Alembic's SQLite and MySQL impls do not)
      expect(offline.toString()).toBe(dc.name === "postgresql" ? "BEGIN;\n\nCOMMIT;\n\n" : "");
      await engine.dispose();
    });

    it("versionTable and the url form work; a second upgrade is a no-op", async () => {
      const { engine, project } = await fresh("custom");
      threeTables(project);
      await engine.connect(async (conn) => {
        const cfg = defineConfig({
          connection: conn,
          scriptLocation: `${project}/migrations`,
          versionTable: "custom_version",
        });
        await command.upgrade(cfg, "+2");
        expect(await command.current(cfg)).toEqual(["bbb222"]);
        await command.upgrade(cfg, "heads");
        expect(await command.upgrade(cfg, "head")).toEqual([]);
        expect(await command.current(cfg)).toEqual(["ccc333"]);
      });
      await engine.dispose();
    });

    it("the lock is per database: a runner on another database of the same server goes ahead", async () => {
      const { engine, project } = await fresh("lockdb");
      threeTables(project);
      const scriptLocation = `${project}/migrations`;
      const upgradeHead = (e: sa.Engine) =>
        e.connect((conn) =>
          command.upgrade(defineConfig({ connection: conn, scriptLocation, lockTimeout: 1_000 }), "head"),
        );
      const other = otherDatabases.find((c) => c.name === dc.name)!.engine();
      const holder = await engine.connect();
      const release = await acquireLock(holder, { schema: null, name: "alembic_version" }, 5_000);
      try {
        await expect(upgradeHead(engine)).rejects.toBeInstanceOf(MigrationLockTimeout);
        expect((await upgradeHead(other)).map((e) => e.revision)).toEqual(["aaa111", "bbb222", "ccc333"]);
        await other.connect((conn) =>
          command.downgrade(defineConfig({ connection: conn, scriptLocation }), "base"),
        );
      } finally {
        await release();
        await holder.close();
        await other.dispose();
        await engine.dispose();
      }
    });
  });
}
