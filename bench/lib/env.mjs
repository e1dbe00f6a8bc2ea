/**
 * What a result file must say about the machine and software, because absolute numbers on a
 * shared 2-core box mean nothing without it: node, CPUs, load average, every package version.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import os from "node:os";
import { DIST_DIR, DIST_ROOT, ROOT_DIR } from "./paths.mjs";

/** Packages the harness loads (peers, drivers) plus the compiler that built dist/. */
export const PACKAGES = [
  "kysely",
  "knex",
  "drizzle-orm",
  "better-sqlite3",
  "pg",
  "pg-cursor",
  "mysql2",
  "typescript",
];

function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(`${ROOT_DIR}node_modules/${name}/package.json`, "utf8")).version;
  } catch {
    return "not installed";
  }
}

function git(args) {
  try {
    return execFileSync("git", args, {
      cwd: DIST_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "";
  }
}

export function environment() {
  const own = JSON.parse(readFileSync(`${DIST_ROOT}package.json`, "utf8"));
  let built = "not built";
  try {
    built = statSync(`${DIST_DIR}index.js`).mtime.toISOString();
  } catch {}
  const commit = git(["rev-parse", "--short", "HEAD"]);
  const dirty = git(["status", "--porcelain", "--", "src"]) !== "";
  const npm = (() => {
    try {
      return execFileSync("npm", ["--version"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }).trim();
    } catch {
      return "";
    }
  })();
  return {
    date: new Date().toISOString(),
    node: process.version,
    npm,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    cpus: os.cpus().length,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    alkahest: `${own.version} (${commit || "no git"}${dirty ? ", src/ has uncommitted changes" : ""})`,
    dist: `${DIST_DIR} (built ${built})`,
    packages: Object.fromEntries(PACKAGES.map((p) => [p, installedVersion(p)])),
  };
}

/** The 1-minute load average, rounded; sampled at start and end of a run. */
export function load1() {
  return Math.round(os.loadavg()[0] * 100) / 100;
}
