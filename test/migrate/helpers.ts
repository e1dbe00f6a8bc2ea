/**
 * Builds throwaway migration directories for the tests: revision files written as TypeScript,
 * using only `op.execute` so they need no import (the project's own package may be unbuilt).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One revision to write. */
export interface RevSpec {
  id: string;
  down?: string | string[] | null;
  up?: string[];
  downSql?: string[];
  labels?: string[];
  dependsOn?: string[];
  /** Raw body of upgrade (overrides `up`). */
  upBody?: string;
}

/** A new temporary project directory with `migrations/versions`. */
export function tempProject(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `alkahest-mig-${tag}-`));
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  return dir;
}

const body = (sql: readonly string[]) =>
  sql.map((s) => `  await op.execute(${JSON.stringify(s)});`).join("\n");

/** Writes `migrations/versions/<id>_m.ts`. */
export function writeRev(project: string, r: RevSpec): void {
  const text = `export const revision = ${JSON.stringify(r.id)};
export const downRevision = ${JSON.stringify(r.down ?? null)};
export const branchLabels = ${JSON.stringify(r.labels ?? null)};
export const dependsOn = ${JSON.stringify(r.dependsOn ?? null)};
export const message = "rev ${r.id}";
interface Op { execute(sql: string): Promise<void>; getContext(): { autocommitBlock<T>(fn: () => Promise<T>): Promise<T> } }
export async function upgrade(op: Op) {
${r.upBody ?? body(r.up ?? [])}
}
export async function downgrade(op: Op) {
${body(r.downSql ?? [])}
}
`;
  writeFileSync(join(project, "migrations", "versions", `${r.id}_m.ts`), text);
}

/** Three linear table-creating revisions a → b → c. */
export function threeTables(project: string, failThird = false): void {
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
    down: "bbb222",
    up: [
      "CREATE TABLE t3 (id INTEGER PRIMARY KEY)",
      ...(failThird ? ["INSERT INTO no_such_table VALUES (1)"] : []),
    ],
    downSql: ["DROP TABLE t3"],
  });
}
