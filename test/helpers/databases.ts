/**
 * Where the real test databases live, and how a suite decides whether it can run. Tests never
 * mock a database: a server that is down skips its suites locally and fails them under CI.
 */

/** PostgreSQL URL for tests (`ALKAHEST_TEST_PG_URL`, default the local trust-auth cluster). */
export const pgUrl: string = process.env.ALKAHEST_TEST_PG_URL ?? "postgresql://root@127.0.0.1:5432/test";

/** MySQL URL for tests (`ALKAHEST_TEST_MYSQL_URL`). */
export const mysqlUrl: string = process.env.ALKAHEST_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";

/** Under CI a missing server is a failure, never a skip. */
export const isCI: boolean = process.env.CI === "true";

const probes = new Map<string, Promise<boolean>>();

/**
 * Probes a server once per test file: true when it answers. When it does not, throws under
 * `CI=true` (failing the file) and otherwise warns and returns false, for `describe.skipIf`.
 * @example
 * const hasPg = await requireServer("PostgreSQL", async () => {
 *   const c = await pgAdapter.connect({ connectionString: pgUrl });
 *   await c.close();
 * });
 * describe.skipIf(!hasPg)("pg adapter", () => { ... });
 */
export function requireServer(name: string, probe: () => Promise<unknown>): Promise<boolean> {
  let p = probes.get(name);
  if (p === undefined) {
    p = probe().then(
      () => true,
      (err: unknown) => {
        const why = err instanceof Error ? err.message : String(err);
        if (isCI) throw new Error(`${name} is required under CI=true but is unreachable: ${why}`);
        console.warn(
          `[skip] ${name} unreachable (${why}); its tests are skipped. Set CI=true to fail instead.`,
        );
        return false;
      },
    );
    probes.set(name, p);
  }
  return p;
}
