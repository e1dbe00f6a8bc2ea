/** Pool options, their defaults and their validation. */
import type { DBAPIConnection, MaybePromise } from "../engine/interfaces.js";
import { ArgumentError } from "../exc.js";
import type { PoolListener } from "./events.js";
import type { ConnectionRecord } from "./record.js";

/** What a returned connection gets before it goes back into the pool. */
export type ResetOnReturn = "rollback" | "commit" | null;

/**
 * Options every pool takes.
 * @example
 * const opts: PoolOptions = { creator: () => adapter.connect(args), recycle: 3600, prePing: true };
 */
export interface PoolOptions {
  /** opens a new DBAPI connection */
  creator: () => MaybePromise<DBAPIConnection>;
  /** seconds after which a connection is replaced at its next checkout; -1 (the default) never */
  recycle?: number;
  /** test each non-fresh connection with `ping` at checkout; a disconnect replaces it */
  prePing?: boolean;
  /** the liveness test for `prePing` (the dialect's, e.g. `SELECT 1`); the default runs `SELECT 1` on a cursor */
  ping?: (conn: DBAPIConnection) => MaybePromise<void>;
  /** whether a ping error means the connection is gone; the default treats every ping error so */
  isDisconnect?: (err: unknown, conn: DBAPIConnection) => boolean;
  /** the reset on return: "rollback" (the default), "commit", or null for none */
  resetOnReturn?: ResetOnReturn;
  /** listeners registered from the start */
  listeners?: readonly PoolListener[];
  /** runs on the first connection ever made (e.g. `dialect.initialize`), again only if it threw */
  firstConnect?: (conn: DBAPIConnection, record: ConnectionRecord) => MaybePromise<void>;
}

/** @internal The option names every pool accepts. */
export const POOL_OPTION_NAMES = [
  "creator",
  "recycle",
  "prePing",
  "ping",
  "isDisconnect",
  "resetOnReturn",
  "listeners",
  "firstConnect",
] as const;

/** @internal Validates a numeric option: a finite number (or integer) not below `min`. */
export function checkNumber(name: string, v: number, min: number, integer: boolean): number {
  if (typeof v !== "number" || Number.isNaN(v) || v < min || (integer && !Number.isInteger(v))) {
    throw new ArgumentError(
      `${name} must be ${integer ? "an integer" : "a number"} >= ${min}, got ${String(v)}`,
    );
  }
  return v;
}

/** @internal */
export function checkResetOnReturn(v: unknown): ResetOnReturn {
  if (v === undefined) return "rollback";
  if (v === "rollback" || v === "commit" || v === null) return v as ResetOnReturn;
  throw new ArgumentError(`resetOnReturn must be "rollback", "commit" or null, got ${String(v)}`);
}

/** The default pre-ping: `SELECT 1` on a fresh cursor. */
export async function selectOne(conn: DBAPIConnection): Promise<void> {
  const cur = conn.cursor();
  try {
    await cur.execute("SELECT 1");
    await cur.fetchall();
  } finally {
    await cur.close();
  }
}
