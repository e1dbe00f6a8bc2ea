/** Shared fixtures for the pool tests: a temporary SQLite file per test. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh SQLite database file, removed after the test. */
export function tempDbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "alkahest-pool-"));
  dirs.push(dir);
  return join(dir, "pool.db");
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Settles `p` and reports how, without letting a rejection go unhandled. */
export async function outcome<T>(
  p: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}
