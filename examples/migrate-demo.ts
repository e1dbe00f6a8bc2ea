/**
 * A migration on embedded SQLite, the way `npx alkahest migrate ...` runs it: a scripts
 * directory, two revisions (create a table, add a column), `upgrade head`, `current`, `history`,
 * `downgrade -1`, and the same upgrade as offline PostgreSQL SQL (`--sql`).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { command, defineConfig, SqlBuffer } from "../src/migrate/index.js";

const dir = mkdtempSync(join(tmpdir(), "alkahest-migrate-demo-"));
// revision files import alkahest; here from this checkout's sources
const sa = JSON.stringify(pathToFileURL(resolve(import.meta.dirname, "../src/index.js")).href);
const migrate = JSON.stringify(pathToFileURL(resolve(import.meta.dirname, "../src/migrate/index.js")).href);

const revision = (id: string, down: string | null, message: string, up: string, downgrade: string) => `
import * as sa from ${sa};
import type { Operations } from ${migrate};
export const revision = "${id}";
export const downRevision: string | null = ${down ? `"${down}"` : "null"};
export const message = "${message}";
export async function upgrade(op: Operations) { ${up} }
export async function downgrade(op: Operations) { ${downgrade} }
`;

// a project of its own, ESM like any modern TypeScript project
writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
await command.init("migrations", { cwd: dir });
writeFileSync(
  join(dir, "migrations/versions/1975ea83b712_create_account.ts"),
  revision(
    "1975ea83b712",
    null,
    "create account",
    `await op.createTable("account", new sa.Column("id", sa.Integer, { primaryKey: true }),
       new sa.Column("name", sa.String(50), { nullable: false }));`,
    `await op.dropTable("account");`,
  ),
);
writeFileSync(
  join(dir, "migrations/versions/ae1027a6acf_add_email.ts"),
  revision(
    "ae1027a6acf",
    "1975ea83b712",
    "add email",
    `await op.addColumn("account", new sa.Column("email", sa.String(100)));`,
    `await op.batchAlterTable("account", async (b) => { await b.dropColumn("email"); });`,
  ),
);

const cfg = defineConfig({
  url: `sqlite:///${join(dir, "app.db")}`,
  scriptLocation: join(dir, "migrations"),
  onVersionApply: (e) =>
    console.log(
      `  ${e.direction} ${e.from.join(",") || "<base>"} -> ${e.to.join(",") || "<base>"}  ${e.message}  (${e.durationMs.toFixed(1)} ms)`,
    ),
});

console.log("upgrade head:");
await command.upgrade(cfg, "head");
console.log("current:", await command.current(cfg));
console.log("history:");
for (const s of await command.history(cfg))
  console.log(`  ${s.downRevisions.join(",") || "<base>"} -> ${s.revision}, ${s.doc}`);
console.log("downgrade -1:");
await command.downgrade(cfg, "-1");
console.log("current:", await command.current(cfg));

const out = new SqlBuffer();
await command.upgrade(defineConfig({ ...cfg, url: "postgresql://localhost/app", output: out }), "head", {
  sql: true,
});
console.log("\nupgrade head --sql on postgresql:\n");
console.log(out.toString());
