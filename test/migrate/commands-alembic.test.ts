/**
 * Commands on each real database as Alembic's behave: branch-relative targets, `history -r`
 * with `current`, `show heads`, `stamp` as one UPDATE (offline framed by BEGIN/COMMIT), and the
 * command errors' texts.
 */
import { describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import {
  CommandError,
  command,
  defineConfig,
  MigrationContext,
  ResolutionError,
  SqlBuffer,
} from "../../src/migrate/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { tempProject, threeTables, writeRev } from "./helpers.js";

const cases = await dialectCases("mig_cmd_alembic");

/** The probe's graph: a(main) → b → c; b → d(feature) → e; m merges c, e; x(other, dependsOn b) → y. */
function branchedProject(): string {
  const project = tempProject("branched");
  const rev = (
    id: string,
    down: string | string[] | null,
    extra: { labels?: string[]; dependsOn?: string[] } = {},
  ) => writeRev(project, { id, down, ...extra });
  rev("aaaa1111", null, { labels: ["main"] });
  rev("bbbb2222", "aaaa1111");
  rev("cccc3333", "bbbb2222");
  rev("dddd4444", "bbbb2222", { labels: ["feature"] });
  rev("eeee5555", "dddd4444");
  rev("mmmm6666", ["cccc3333", "eeee5555"]);
  rev("xxxx7777", null, { labels: ["other"], dependsOn: ["bbbb2222"] });
  rev("yyyy8888", "xxxx7777");
  return `${project}/migrations`;
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    async function withConn<T>(fn: (conn: sa.Connection, log: string[]) => Promise<T>): Promise<T> {
      const engine = d.engine();
      const log: string[] = [];
      sa.event.listen(engine, "before_cursor_execute", (_c: unknown, _k: unknown, st: string) => {
        if (/^\s*(INSERT|UPDATE|DELETE)/i.test(st)) log.push(st.replace(/\s+/g, " ").trim());
      });
      try {
        return await engine.connect(async (conn) => {
          await conn.execDriverSql("DROP TABLE IF EXISTS alembic_version");
          await conn.commit();
          return fn(conn, log);
        });
      } finally {
        await engine.dispose();
      }
    }

    it("label@+N from base and label@head ignore the revisions that only depend on the branch", async () => {
      const scriptLocation = branchedProject();
      await withConn(async (connection) => {
        const cfg = defineConfig({ connection, scriptLocation });
        const ran = async (rev: string) => (await command.upgrade(cfg, rev)).map((e) => e.revision);
        expect(await ran("main@+2")).toEqual(["aaaa1111", "bbbb2222"]);
        expect(await ran("other@+1")).toEqual(["xxxx7777"]);
        expect((await command.show(cfg, "main@head")).map((x) => x.revision)).toEqual(["mmmm6666"]);
        // Alembic 1.20 runs the branch that joins the merge second first (its topological walk)
        expect(await ran("main@head")).toEqual(["dddd4444", "eeee5555", "cccc3333", "mmmm6666"]);
        expect(await command.current(cfg)).toEqual(["mmmm6666", "xxxx7777"]);
        expect((await command.show(cfg, "heads")).map((x) => x.revision)).toEqual(["mmmm6666", "yyyy8888"]);
        expect((await command.show(cfg, "current")).map((x) => x.revision)).toEqual(["mmmm6666", "xxxx7777"]);
        await expect(command.upgrade(cfg, "head")).rejects.toThrow(
          /^Multiple head revisions are present for given argument 'head'; please specify a specific target revision/,
        );
        await expect(command.upgrade(cfg, "zzzz")).rejects.toThrow(
          new ResolutionError("Can't locate revision identified by 'zzzz'", "zzzz"),
        );
        await expect(MigrationContext.configure({ connection }).getCurrentRevision()).rejects.toThrow(
          new CommandError(
            "Version table 'alembic_version' has more than one head present; please use getCurrentHeads()",
          ),
        );
      });
    });

    it("history -r takes current at either end, and -N below the heads", async () => {
      const project = tempProject("hist");
      threeTables(project);
      for (const t of ["t1", "t2", "t3"]) await d.outside(`DROP TABLE IF EXISTS ${t}`);
      await withConn(async (connection) => {
        const cfg = defineConfig({ connection, scriptLocation: `${project}/migrations` });
        const hist = async (range: string) => (await command.history(cfg, { range })).map((x) => x.revision);
        expect(await hist("current:")).toEqual(["ccc333", "bbb222", "aaa111"]);
        expect(await hist(":current")).toEqual([]);
        await command.upgrade(cfg, "bbb222");
        expect(await hist("current:")).toEqual(["ccc333", "bbb222"]);
        expect(await hist("current:head")).toEqual(["ccc333", "bbb222"]);
        expect(await hist(":current")).toEqual(["bbb222", "aaa111"]);
        expect(await hist("base:current")).toEqual(["bbb222", "aaa111"]);
        expect(await hist("-1:current")).toEqual(["bbb222"]);
        expect(await hist("-2:")).toEqual(["ccc333", "bbb222", "aaa111"]);
        await command.downgrade(cfg, "base");
      });
    });

    it("stamp moves the recorded head with one UPDATE, as Alembic's HeadMaintainer does", async () => {
      const project = tempProject("stamp1");
      threeTables(project);
      await withConn(async (connection, log) => {
        const cfg = defineConfig({ connection, scriptLocation: `${project}/migrations` });
        expect(await command.stamp(cfg, "aaa111")).toEqual(["aaa111"]);
        expect(log.splice(0).map((st) => st.split(" VALUES")[0])).toEqual([
          "INSERT INTO alembic_version (version_num)",
        ]);
        expect(await command.stamp(cfg, "ccc333")).toEqual(["ccc333"]);
        expect(log.splice(0).map((st) => st.split("=")[0])).toEqual([
          "UPDATE alembic_version SET version_num",
        ]);
        expect(await command.current(cfg)).toEqual(["ccc333"]);
        expect(await command.stamp(cfg, "base")).toEqual([]);
        expect(await command.current(cfg)).toEqual([]);
      });
    });
  });
}

describe("stamp --sql", () => {
  it("is framed as Alembic's offline run: BEGIN (PostgreSQL), the version table, a Running line, COMMIT", async () => {
    const project = tempProject("stamp-sql");
    threeTables(project);
    const text = async (url: string, rev: string) => {
      const output = new SqlBuffer();
      await command.stamp(defineConfig({ url, scriptLocation: `${project}/migrations`, output }), rev, {
        sql: true,
      });
      return output.toString();
    };
    const pg = await text("postgresql://nobody@127.0.0.1:1/none", "head");
    expect(pg).toBe(`BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running stamp_revision  -> ccc333

INSERT INTO alembic_version (version_num) VALUES ('ccc333') RETURNING alembic_version.version_num;

COMMIT;

`);
    // Alembic's SQLite script has no BEGIN / COMMIT
    expect(await text("sqlite:///x.db", "aaa111:ccc333")).toBe(`-- Running stamp_revision aaa111 -> ccc333

UPDATE alembic_version SET version_num='ccc333' WHERE alembic_version.version_num = 'aaa111';

`);
    const my = await text("mysql://nobody@127.0.0.1:1/none", "aaa111:ccc333");
    expect(my).not.toContain("BEGIN");
    expect(my).toContain("UPDATE alembic_version SET version_num='ccc333'");
    await expect(
      command.stamp(
        defineConfig({ url: "sqlite:///x.db", scriptLocation: `${project}/migrations` }),
        "head",
        {
          sql: true,
          purge: true,
        },
      ),
    ).rejects.toThrow("Can't use --purge with --sql mode");
  });
});
