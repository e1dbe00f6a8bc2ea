/**
 * A frame is one level of work on a context connection: its base (no transaction), a root
 * transaction, or a savepoint. The async context holds the innermost frame; queries run in it.
 */
import type { NestedTransaction, RootTransaction } from "../engine/transaction.js";
import { type Claim, unclaimedBinding } from "./claim.js";
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
  /**
   * run each call in a savepoint of its own, so a failed statement undoes only itself (the
   * `forceRollback` transaction, where PostgreSQL would otherwise refuse every later call)
   */
  isolateCalls = false;

  constructor(
    /** the connection this frame runs on */
    readonly conn: ContextConnection,
    /** the context's store when this frame was made: what the context falls back to once it ended */
    readonly parent: ContextStore | null,
    /** the frame whose lock this one holds (null for a base frame) */
    readonly outer: Frame | null,
    readonly options: FrameOptions = {},
  ) {
    this.state = outer === null ? "active" : "pending";
  }

  /** True for a connection's base frame (no transaction of its own). */
  get isBase(): boolean {
    return this.outer === null;
  }

  /** Whether queries resolve to this frame (a pending or ended frame is skipped). */
  get visible(): boolean {
    return this.state === "active" || this.state === "ending";
  }
}

/**
 * A frame bound by a non-callback `transaction()` (see claim.ts): the store shared with whatever
 * shares the opener's context (`owned: false`, binding only through its claim's window), or the
 * opener's own store (`owned: true`).
 */
export class ManualBinding {
  constructor(
    readonly frame: Frame,
    readonly claim: Claim,
    readonly owned: boolean,
  ) {}
}

/** What a Database's async context holds. */
export type ContextStore = Frame | ManualBinding;

/**
 * The frame queries should run in, starting from the context's store: frames still beginning
 * belong to someone else's call, ended ones are over, and a shared manual binding counts only for
 * its opener (claimed here when this is the opener's first use; see claim.ts).
 * @throws InvalidRequestError for a shared manual binding whose opener never claimed it
 * @example
 * const frame = resolveFrame(als.getStore()) ?? globalFrame;
 */
export function resolveFrame(store: ContextStore | undefined | null): Frame | null {
  let s = store ?? null;
  while (s !== null) {
    const frame = s instanceof ManualBinding ? s.frame : s;
    if (frame.visible) {
      if (!(s instanceof ManualBinding) || s.owned) return frame;
      if (s.claim.take()) return frame;
      if (s.claim.state === "unclaimed") throw unclaimedBinding("await db.transaction()");
    }
    s = frame.parent;
  }
  return null;
}
