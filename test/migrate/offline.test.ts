/**
 * Offline mode (`--sql`): no connection, literal binds, BEGIN/COMMIT where DDL is transactional,
 * `-- Running upgrade a -> b` comments, version-table DDL and DML, ranges.
 */
import { describe, expect, it } from "vitest";
import { CommandError, command, defineConfig, MigrationContext, SqlBuffer } from "../../src/migrate/index.js";
import { tempProject, threeTables } from "./helpers.js";

function offline(url: string) {
  const project = tempProject("offline");
  threeTables(project);
  const out = new SqlBuffer();
  return { cfg: defineConfig({ url, scriptLocation: `${project}/migrations`, output: out }), out };
}

describe("offline SQL", () => {
  it("upgrade head --sql on PostgreSQL needs no server and prints Alembic's script", async () => {
    const { cfg, out } = offline("postgresql://nobody@127.0.0.1:1/none");
    await command.upgrade(cfg, "head", { sql: true });
    expect(out.toString()).toBe(`BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> aaa111

CREATE TABLE t1 (id INTEGER PRIMARY KEY);

INSERT INTO alembic_version (version_num) VALUES ('aaa111') RETURNING alembic_version.version_num;

-- Running upgrade aaa111 -> bbb222

CREATE TABLE t2 (id INTEGER PRIMARY KEY);

UPDATE alembic_version SET version_num='bbb222' WHERE alembic_version.version_num = 'aaa111';

-- Running upgrade bbb222 -> ccc333

CREATE TABLE t3 (id INTEGER PRIMARY KEY);

UPDATE alembic_version SET version_num='ccc333' WHERE alembic_version.version_num = 'bbb222';

COMMIT;

`);
  });

  it("MySQL has no BEGIN/COMMIT; a range a:b starts from a without CREATE TABLE", async () => {
    const { cfg, out } = offline("mysql://nobody@127.0.0.1:1/none");
    await command.upgrade(cfg, "aaa111:ccc333", { sql: true });
    const text = out.toString();
    expect(text).not.toContain("BEGIN;");
    expect(text).not.toContain("CREATE TABLE alembic_version");
    expect(text).not.toContain("Running upgrade  -> aaa111");
    expect(text).toContain("-- Running upgrade aaa111 -> bbb222");
    expect(text.trim().endsWith("WHERE alembic_version.version_num = 'bbb222';")).toBe(true);
  });

  it("downgrade --sql needs from:to; a range without --sql is rejected", async () => {
    const { cfg, out } = offline("sqlite:///x.db");
    await expect(command.downgrade(cfg, "base", { sql: true })).rejects.toBeInstanceOf(CommandError);
    await expect(command.upgrade(cfg, "aaa111:ccc333")).rejects.toThrow(/Range revision not allowed/);
    await command.downgrade(cfg, "ccc333:aaa111", { sql: true });
    // SQLite's offline script has no BEGIN / COMMIT, as Alembic's SQLiteImpl writes it
    expect(out.toString()).toBe(`-- Running downgrade ccc333 -> bbb222

DROP TABLE t3;

UPDATE alembic_version SET version_num='bbb222' WHERE alembic_version.version_num = 'ccc333';

-- Running downgrade bbb222 -> aaa111

DROP TABLE t2;

UPDATE alembic_version SET version_num='aaa111' WHERE alembic_version.version_num = 'bbb222';

`);
  });

  it("downgrade head:base / heads:base --sql resolve the symbolic start as Alembic's get_revision does", async () => {
    const full = offline("sqlite:///x.db");
    await command.downgrade(full.cfg, "ccc333:base", { sql: true });
    for (const start of ["head", "heads"]) {
      const { cfg, out } = offline("sqlite:///x.db");
      await command.downgrade(cfg, `${start}:base`, { sql: true });
      expect(out.toString()).toBe(full.out.toString());
    }
    const { cfg, out } = offline("sqlite:///x.db");
    await command.upgrade(cfg, "aaa111+1:head", { sql: true });
    expect(out.toString()).toContain("-- Running upgrade bbb222 -> ccc333");
    expect(out.toString()).not.toContain("-> bbb222");
  });

  it("a standalone offline context renders parameters inline and refuses to read", async () => {
    const out = new SqlBuffer();
    const ctx = MigrationContext.configure({
      dialectName: "postgresql",
      opts: { asSql: true, outputBuffer: out },
    });
    expect(ctx.transactionalDdl).toBe(true);
    await ctx.execute("UPDATE t SET name = :n WHERE id = :id", { n: "o'brien", id: 5 });
    expect(out.toString()).toBe("UPDATE t SET name = 'o''brien' WHERE id = 5;\n\n");
    expect(() => ctx.bind()).toThrow(/offline/);
    expect(MigrationContext.configure({ dialectName: "mysql" }).transactionalDdl).toBe(false);
  });

  it("stamp --sql writes only version-table SQL", async () => {
    const { cfg, out } = offline("postgresql://nobody@127.0.0.1:1/none");
    await command.stamp(cfg, "head", { sql: true });
    expect(out.toString()).toContain(
      "INSERT INTO alembic_version (version_num) VALUES ('ccc333') RETURNING alembic_version.version_num;",
    );
  });
});
