/**
 * A frame is one level of work on a context connection: its base (no transaction), a root
 * transaction, or a savepoint. The async context holds the innermost frame; queries run in it.
 */
import type { NestedTransaction, RootTransaction } from "../engine/transaction.js";
import type { ContextConnection } from "./handle.js";
import { Mutex, type Release } from "./mutex.js";

/**
 * `pending` while BEGIN/SAVEPOINT runs, `active` once usable, `ending` during COMMIT/ROLLBACK,
 * `ended` after.
 */
export type FrameState = "pending" | "active" | "ending" | "ended";

/** Options of a transaction frame. */
export interface FrameOptions {
  /** roll back at the end even when the work succeeded */
  forceRollback?: boolean;
  /** isolation level of a root transaction (ignored by a savepoint, which shares its parent's) */
  isolationLevel?: string;
}

/**
 * @internal
 * Each frame has a lock: a query in the frame holds it while it runs, and a child transaction
 * holds it for its whole life. So concurrent queries of one transaction run one at a time, and
 * a savepoint opened by one `Promise.all` child keeps its siblings' queries out of it until it
 * ends (they wait rather than land inside someone else's savepoint).
 * @example
 * const frame = new Frame(handle, ctx, ctx, { forceRollback: false });
 * await handle.begin(frame); … await handle.end(frame, true);
 */
export class Frame {
  state: FrameState;
  readonly lock = new Mutex();
  /** the engine transaction; null for a base frame */
  tx: RootTransaction | NestedTransaction | null = null;
  /** child transactions begun on this frame and not ended */
  readonly children = new Set<Frame>();
  /** gives back the outer frame's lock, held for this frame's life */
  releaseOuter: Release | null = null;
  /** the level to restore after a root transaction that set one */
  restoreIsolation: string | null = null;

  constructor(
    /** the connection this frame runs on */
    readonly conn: ContextConnection,
    /** what the async context falls back to once this frame has ended (null: no context) */
    readonly parent: Frame | null,
    /** the frame whose lock this one holds (null for a base frame) */
    readonly outer: Frame | null,
    readonly options: FrameOptions = {},
    /**
     * a marker that only records "this context's `db.connection()`": queries skip it (it
     * binds nothing), so calling `db.connection()` never changes where they run
     */
    readonly detached = false,
  ) {
    this.state = outer === null ? "active" : "pending";
  }

  /** True for a connection's base frame (no transaction of its own). */
  get isBase(): boolean {
    return this.outer === null;
  }

  /** Whether queries resolve to this frame (a pending or ended frame is skipped). */
  get visible(): boolean {
    return !this.detached && (this.state === "active" || this.state === "ending");
  }
}

/**
 * The frame queries should run in, starting from the context's frame: frames still beginning
 * belong to someone else's call (see scope.ts), ended ones are over.
 * @example
 * const frame = resolveFrame(als.getStore()) ?? globalFrame;
 */
export function resolveFrame(frame: Frame | undefined | null): Frame | null {
  let f = frame ?? null;
  while (f !== null && !f.visible) f = f.parent;
  return f;
}

/**
 * What a new transaction falls back to once it ends: the context's visible frame, else its
 * `db.connection()` marker (so that connection stays this context's), else nothing.
 * @example
 * new Frame(handle, contextParent(als.getStore()), handle.base, opts);
 */
export function contextParent(store: Frame | undefined | null): Frame | null {
  for (let f = store ?? null; f !== null; f = f.parent) {
    if (f.visible || (f.detached && !f.conn.closed)) return f;
  }
  return null;
}
