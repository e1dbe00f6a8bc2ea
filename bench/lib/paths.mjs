import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Absolute paths, so the harness works from any cwd (npm run bench runs from the repo root). */
export const BENCH_DIR = fileURLToPath(new URL("..", import.meta.url));
export const ROOT_DIR = fileURLToPath(new URL("../..", import.meta.url));
/**
 * The built alkahest the cases import: the repo's dist/ by default. ALKAHEST_DIST points at
 * another build (for example of an older commit) for A/B comparisons.
 */
export const DIST_URL = process.env.ALKAHEST_DIST
  ? pathToFileURL(`${resolve(process.env.ALKAHEST_DIST)}/`)
  : new URL("../../dist/", import.meta.url);
export const DIST_DIR = fileURLToPath(DIST_URL);
/** The checkout dist/ was built from (its src/ is what the source maps point into). */
export const DIST_ROOT = fileURLToPath(new URL("..", DIST_URL));

/** Raw results and the SQLite file live here; the folder is git-ignored. */
export const RESULTS_DIR = fileURLToPath(new URL("../results/", import.meta.url));
export const SQLITE_FILE = fileURLToPath(new URL("../results/bench.sqlite", import.meta.url));

/** True when the module at `url` is the script node was started with (not merely imported). */
export function isMain(url) {
  return process.argv[1] !== undefined && fileURLToPath(url) === process.argv[1];
}
