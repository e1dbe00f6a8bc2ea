/**
 * encode/databases' URL options (`?minSize=1&maxSize=10&ssl=true`) mapped onto createEngine
 * options. They are removed from the URL, so the driver never sees them.
 */
import type { EngineOptions } from "../engine/create.js";
import { makeUrl, type URL } from "../engine/url.js";
import { ArgumentError } from "../exc.js";

const NAMES = ["minSize", "min_size", "maxSize", "max_size", "ssl"] as const;

function queryValue(url: URL, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = url.query[name];
    if (v !== undefined) return typeof v === "string" ? v : v[v.length - 1];
  }
  return undefined;
}

function size(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    throw new ArgumentError(`URL option ${name} must be an integer >= ${min}, got '${raw}'`);
  }
  return n;
}

/** The driver's `ssl` connect argument for a URL's `ssl` value (undefined: none). */
function sslArg(dialect: string, raw: string): unknown {
  const v = raw.toLowerCase();
  if (dialect === "sqlite") throw new ArgumentError("URL option ssl has no meaning for SQLite");
  if (v === "true") return dialect === "mysql" ? {} : true;
  // mysql2 takes no `ssl: false`; leaving the option out is its plain connection
  if (v === "false" || v === "disable") return dialect === "mysql" ? undefined : false;
  // libpq's sslmode names: encrypt without verifying, or verify the server certificate
  if (v === "require" || v === "prefer" || v === "allow" || v === "no-verify") {
    return { rejectUnauthorized: false };
  }
  if (v === "verify-ca" || v === "verify-full")
    return dialect === "mysql" ? { rejectUnauthorized: true } : true;
  throw new ArgumentError(
    `URL option ssl must be true, false, disable, allow, prefer, require, no-verify, verify-ca or verify-full; got '${raw}'`,
  );
}

/**
 * Splits the facade's options out of `url`: `minSize` → `poolSize` (at least 1), `maxSize` → at most that
 * many connections (`maxOverflow = maxSize - poolSize`), `ssl` → the driver's `ssl` connect
 * argument. Options given to the constructor win over the URL's (as in encode/databases).
 * @example
 * engineArgs("postgresql://u@h/db?minSize=2&maxSize=8", {});
 * // { url: postgresql://u@h/db, options: { poolSize: 2, maxOverflow: 6 } }
 */
export function engineArgs(url: string | URL, options: EngineOptions): { url: URL; options: EngineOptions } {
  const u = makeUrl(url);
  const minSize = size("minSize", queryValue(u, "minSize", "min_size"), 0);
  const maxSize = size("maxSize", queryValue(u, "maxSize", "max_size"), 1);
  const ssl = queryValue(u, "ssl");
  const out: EngineOptions = {};
  if (minSize !== undefined || maxSize !== undefined) {
    if (minSize !== undefined && maxSize !== undefined && maxSize < minSize) {
      throw new ArgumentError(`URL option maxSize (${maxSize}) is smaller than minSize (${minSize})`);
    }
    // why: a QueuePool reads poolSize 0 as "no limit", so the smallest kept size is 1
    const poolSize = Math.max(1, minSize ?? Math.min(5, maxSize!));
    out.poolSize = poolSize;
    if (maxSize !== undefined) out.maxOverflow = maxSize - poolSize;
  }
  const sslValue = ssl === undefined ? undefined : sslArg(u.getBackendName(), ssl);
  if (sslValue !== undefined) out.connectArgs = { ssl: sslValue };
  const merged: EngineOptions = { ...out, ...options };
  if (out.connectArgs && options.connectArgs)
    merged.connectArgs = { ...out.connectArgs, ...options.connectArgs };
  const cleaned = NAMES.some((n) => u.query[n] !== undefined) ? u.differenceUpdateQuery(NAMES) : u;
  return { url: cleaned, options: merged };
}
