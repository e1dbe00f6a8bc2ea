/**
 * @internal The row source of an AsyncResult: SQLAlchemy's buffered-row strategy over a
 * streaming cursor. The buffer is refilled in growing batches (1, 5, 25 … up to
 * `maxRowBuffer`), so a short result costs few round trips and a long one stays bounded in
 * memory; `yieldPer` fixes the batch size instead.
 *
 * `source.close()` is called exactly once: when the rows run out (soft close), on `close()`, or
 * when a `for await` loop is left early.
 */
import { checkBatchSize, closedError } from "./messages.js";

/** A streaming cursor as AsyncResult reads it. */
export interface AsyncRowSource {
  /** up to `size` rows as arrays; an empty list only at the end */
  fetchmany(size: number): Promise<unknown[][]>;
  /** releases the cursor (and the connection's stream slot) */
  close(): Promise<void>;
}

/** Options of an AsyncResult's buffer. */
export interface AsyncRowBufferOptions {
  /** the largest batch the buffer grows to; default 1000 */
  maxRowBuffer?: number;
  /** fixed batch size (no growth); also the default of `fetchmany()`/`partitions()` */
  yieldPer?: number | null;
  /** rows fetched already (SQLAlchemy prefetches one row); the next batch is then 5 */
  initialRows?: unknown[][];
}

const GROWTH = 5;
const OPEN = 0;
const SOFT_CLOSED = 1;
const CLOSED = 2;

/** @internal */
export class AsyncRowBuffer {
  private buf: unknown[][];
  private pos = 0;
  private state: 0 | 1 | 2 = OPEN;
  private size: number;
  private max: number;
  private growth: number;
  private closing: Promise<void> | null = null;
  private refilling: Promise<boolean> | null = null;
  /** the default size of fetchmany() and partitions(), set by yieldPer() */
  yieldPer: number | null = null;

  constructor(
    private readonly source: AsyncRowSource,
    opts: AsyncRowBufferOptions = {},
  ) {
    this.max = checkBatchSize("maxRowBuffer", opts.maxRowBuffer ?? 1000);
    this.buf = opts.initialRows ?? [];
    this.growth = GROWTH;
    this.size = opts.initialRows ? Math.min(this.max, GROWTH) : 1;
    if (opts.yieldPer !== undefined && opts.yieldPer !== null) this.setYieldPer(opts.yieldPer);
  }

  /** Fixes the batch size at `n` (no growth). */
  setYieldPer(n: number): void {
    this.yieldPer = checkBatchSize("yieldPer", n);
    this.growth = 0;
    this.max = this.size = n;
  }

  get closed(): boolean {
    return this.state === CLOSED;
  }

  get softClosed(): boolean {
    return this.state !== OPEN;
  }

  /**
   * The next buffered row without waiting, or undefined when the buffer is empty (then call
   * `refill()`).
   * @throws ResourceClosedError after close()
   */
  shift(): unknown[] | undefined {
    if (this.pos < this.buf.length) return this.buf[this.pos++];
    if (this.state === CLOSED) throw closedError();
    return undefined;
  }

  /**
   * Fetches the next batch into the buffer; false (and soft-closed) at the end. Callers that
   * find the buffer empty at the same time share one fetch (a cursor takes one call at a time).
   */
  refill(): Promise<boolean> {
    this.refilling ??= this.fetchBatch().finally(() => {
      this.refilling = null;
    });
    return this.refilling;
  }

  private async fetchBatch(): Promise<boolean> {
    if (this.state === CLOSED) throw closedError();
    if (this.state === SOFT_CLOSED) return false;
    const size = this.size;
    const rows = await this.source.fetchmany(size);
    if (rows.length === 0) {
      await this.softClose();
      return false;
    }
    this.buf = rows;
    this.pos = 0;
    if (this.growth && size < this.max) this.size = Math.min(this.max, size * this.growth);
    return true;
  }

  /** The next raw row, or null; `hardClose` closes the result when none remain. */
  async fetchone(hardClose = false): Promise<unknown[] | null> {
    for (;;) {
      const row = this.shift();
      if (row !== undefined) return row;
      // as SQLAlchemy: only the fetch that finds the end may hard-close (see RowBuffer)
      const open = this.state === OPEN;
      if (!(await this.refill())) {
        if (hardClose && open) await this.close();
        return null;
      }
    }
  }

  /** Up to `size` raw rows: the buffer first, then one fetch of the shortfall. */
  async fetchmany(size: number): Promise<unknown[][]> {
    if (this.state === CLOSED) throw closedError();
    const avail = this.buf.length - this.pos;
    if (size <= avail) {
      const out = this.buf.slice(this.pos, this.pos + Math.max(0, size));
      this.pos += out.length;
      return out;
    }
    const out = this.buf.slice(this.pos);
    this.buf = [];
    this.pos = 0;
    if (this.state === OPEN) {
      const more = await this.source.fetchmany(size - avail);
      if (more.length === 0) await this.softClose();
      else {
        const take = size - avail;
        for (let i = 0; i < more.length && i < take; i++) out.push(more[i]);
        // a source that over-delivers keeps the surplus buffered
        if (more.length > take) this.buf = more.slice(take);
      }
    }
    return out;
  }

  /** Every remaining raw row; soft-closes. */
  async fetchall(): Promise<unknown[][]> {
    if (this.state === CLOSED) throw closedError();
    const out = this.buf.slice(this.pos);
    this.buf = [];
    this.pos = 0;
    if (this.state === OPEN) {
      for (;;) {
        const rows = await this.source.fetchmany(this.max);
        if (rows.length === 0) break;
        for (const r of rows) out.push(r);
      }
      await this.softClose();
    }
    return out;
  }

  /** Hard close: releases the buffer and the cursor; further fetches throw. Idempotent. */
  async close(): Promise<void> {
    this.state = CLOSED;
    this.buf = [];
    this.pos = 0;
    await this.closeSource();
  }

  private async softClose(): Promise<void> {
    if (this.state === OPEN) this.state = SOFT_CLOSED;
    this.buf = [];
    this.pos = 0;
    await this.closeSource();
  }

  /** Closes the source once; a failed close is reported to the first caller only. */
  private closeSource(): Promise<void> {
    if (this.closing !== null) return this.closing.catch(() => undefined);
    this.closing = this.source.close();
    return this.closing;
  }
}
