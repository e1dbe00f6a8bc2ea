/**
 * The CLI end to end on SQLite: a spawned `alkahest migrate ...` (through tsx, as the built bin
 * would run), reading `alkahest.config.ts` from the working directory.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { CommandError, command, defineConfig, loadConfig } from "../../src/migrate/index.js";
import { tempProject, threeTables } from "./helpers.js";

const cli = resolve(import.meta.dirname, "../../src/cli/index.ts");
const tsx = resolve(import.meta.dirname, "../../node_modules/.bin/tsx");

function alkahest(cwd: string, ...args: string[]) {
  const r = spawnSync(tsx, [cli, "migrate", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function project(): string {
  const dir = tempProject("cli");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(
    join(dir, "alkahest.config.ts"),
    `const config: { url: string; scriptLocation: string } = { url: "sqlite:///${dir}/app.db", scriptLocation: "migrations" };\nexport default config;\n`,
  );
  return dir;
}

describe("alkahest migrate (CLI)", () => {
  it("the bin source starts with a shebang", () => {
    expect(readFileSync(cli, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("upgrade, current, history, heads, show, downgrade, stamp with readable plain output", () => {
    const dir = project();
    threeTables(dir);
    const up = alkahest(dir, "upgrade", "head");
    expect(up.code).toBe(0);
    expect(up.err).toMatch(/✓ upgrade +<base> -> aaa111 {2}rev aaa111 \(\d+ ms\)/);
    expect(up.err).toContain("3 migration(s) in");
    expect(up.err).not.toContain("\u001b[");
    expect(alkahest(dir, "current").out).toBe("ccc333 (head)\n");
    expect(alkahest(dir, "heads").out).toBe("ccc333 (head)\n");
    expect(alkahest(dir, "history").out).toBe(
      "bbb222 -> ccc333 (head), rev ccc333\naaa111 -> bbb222, rev bbb222\n<base> -> aaa111, rev aaa111\n",
    );
    expect(alkahest(dir, "history", "-r", "bbb222:").out).toBe(
      "bbb222 -> ccc333 (head), rev ccc333\naaa111 -> bbb222, rev bbb222\n",
    );
    expect(alkahest(dir, "show", "bbb").out).toContain("Rev: bbb222\nParent: aaa111");
    expect(alkahest(dir, "downgrade", "-2").code).toBe(0);
    expect(alkahest(dir, "current").out).toBe("aaa111\n");
    expect(alkahest(dir, "stamp", "head").code).toBe(0);
    expect(alkahest(dir, "current").out).toBe("ccc333 (head)\n");
  });

  it("--sql prints the script to stdout; a failing migration prints the SQL that failed and exits 1", () => {
    const dir = project();
    threeTables(dir, true);
    const off = alkahest(dir, "upgrade", "head", "--sql");
    expect(off.code).toBe(0);
    // SQLite: no BEGIN / COMMIT around the script, as Alembic writes it; tabs as four spaces
    expect(off.out.startsWith("CREATE TABLE alembic_version (\n    version_num VARCHAR(32) NOT NULL")).toBe(
      true,
    );
    expect(off.out).toContain("-- Running upgrade bbb222 -> ccc333");
    const bad = alkahest(dir, "upgrade", "head");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("FAILED upgrade of ccc333 failed");
    expect(bad.err).toContain("SQL: INSERT INTO no_such_table VALUES (1)");
    expect(alkahest(dir, "current").out).toBe("");
  });

  it("revision writes versions/<id>_<slug>.ts with the previous head as downRevision; init refuses a non-empty dir", () => {
    const dir = project();
    threeTables(dir);
    const r = alkahest(dir, "revision", "-m", "Add account table", "--rev-id", "ddd444");
    expect(r.code).toBe(0);
    const file = join(dir, "migrations", "versions", "ddd444_add_account_table.ts");
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, "utf8");
    expect(text).toContain('export const revision = "ddd444";');
    expect(text).toContain('export const downRevision: string | string[] | null = "ccc333";');
    expect(text).toContain("export async function upgrade(op: Operations)");
    expect(alkahest(dir, "heads").out).toBe("ddd444 (head)\n");
    expect(alkahest(dir, "init", "migrations").code).toBe(1);
    const fresh = tempProject("cli-init");
    const init = alkahest(fresh, "init", "db");
    expect(init.code).toBe(0);
    expect(readdirSync(join(fresh, "db")).sort()).toEqual(["env.ts", "versions"]);
    expect(existsSync(join(fresh, "alkahest.config.ts"))).toBe(true);
  });

  it("init keeps an existing alkahest.config.mjs instead of writing a .ts one that would shadow it", async () => {
    const dir = tempProject("cli-init-mjs");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const mine = `sqlite:///${dir}/mine.db`;
    writeFileSync(
      join(dir, "alkahest.config.mjs"),
      `export default { url: ${JSON.stringify(mine)}, scriptLocation: "db" };\n`,
    );
    const init = alkahest(dir, "init", "db");
    expect(init.code).toBe(0);
    expect(readdirSync(join(dir, "db")).sort()).toEqual(["env.ts", "versions"]);
    expect(existsSync(join(dir, "alkahest.config.ts"))).toBe(false);
    expect((await loadConfig(undefined, dir)).url).toBe(mine);
  });

  it("command.init(config, directory) as Alembic's init: the config's root, an existing config kept", async () => {
    const dir = project();
    const before = readFileSync(join(dir, "alkahest.config.ts"), "utf8");
    const made = await command.init(defineConfig({ url: "sqlite:///:memory:", root: dir }), "db2");
    expect(made).toEqual([join(dir, "db2", "versions"), join(dir, "db2", "env.ts")]);
    expect(readFileSync(join(dir, "alkahest.config.ts"), "utf8")).toBe(before);
    await expect(command.init(defineConfig({ root: dir }), "db2")).rejects.toBeInstanceOf(CommandError);
    await expect(command.init(42 as unknown as string)).rejects.toBeInstanceOf(sa.exc.ArgumentError);
  });
});
