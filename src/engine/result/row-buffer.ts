/**
 * @internal The row source of a synchronous Result: rows fetched already (`conn.execute()`
 * buffers), consumed from the front, shared by a Result and its scalars()/mappings() views.
 *
 * States follow SQLAlchemy: exhausting the rows soft-closes (the rows are released and further
 * fetches return nothing); `close()` hard-closes (further fetches throw "This result object is
 * closed."). A source of a statement that returns no rows throws on every fetch.
 */
import { closedError, noRowsError } from "./messages.js";

const NONE: unknown[][] = [];

const OPEN = 0;
const SOFT_CLOSED = 1;
const CLOSED = 2;

/** @internal */
export class RowBuffer {
  private rows: unknown[][];
  private pos = 0;
  private state: 0 | 1 | 2 = OPEN;
  /** false for DML without RETURNING and DDL: every fetch throws */
  readonly returnsRows: boolean;
  /** the default size of fetchmany() and partitions(), set by yieldPer() */
  yieldPer: number | null = null;
  /**
   * The size without yieldPer: null (all rows) for results built in memory; 1 for a statement's
   * rows, DB-API's `cursor.arraysize`, which SQLAlchemy's CursorResult.fetchmany() falls back to.
   */
  arraysize: number | null = null;

  /** `rows` is adopted, not copied; null for a statement that returns no rows. */
  constructor(rows: unknown[][] | null) {
    this.rows = rows ?? NONE;
    this.returnsRows = rows !== null;
  }

  /** Hard-closed by close() (or by first()/one()/scalar()). */
  get closed(): boolean {
    return this.state === CLOSED;
  }

  /** No rows remain to be fetched, or the result was closed. */
  get softClosed(): boolean {
    return this.state !== OPEN;
  }

  /** The next raw row, or null; `hardClose` closes the result when none remain. */
  fetchone(hardClose = false): unknown[] | null {
    if (this.pos < this.rows.length) return this.rows[this.pos++];
    this.exhausted(hardClose);
    return null;
  }

  /** Up to `size` raw rows; none when exhausted. */
  fetchmany(size: number): unknown[][] {
    const len = this.rows.length;
    if (this.pos < len) {
      const end = Math.min(len, this.pos + Math.max(0, size));
      const out = this.rows.slice(this.pos, end);
      this.pos = end;
      return out;
    }
    this.exhausted(false);
    return [];
  }

  /** Every remaining raw row; soft-closes. */
  fetchall(): unknown[][] {
    const rows = this.rows;
    const pos = this.pos;
    if (pos >= rows.length) {
      this.exhausted(false);
      return [];
    }
    this.softClose();
    // the common case hands the driver's array over as is
    return pos === 0 ? rows : rows.slice(pos);
  }

  /** Hard close: releases the rows; further fetches throw. Idempotent. */
  close(): void {
    this.rows = NONE;
    this.pos = 0;
    this.state = CLOSED;
  }

  private softClose(): void {
    this.rows = NONE;
    this.pos = 0;
    if (this.state === OPEN) this.state = SOFT_CLOSED;
  }

  /** Nothing left: throws when closed or rowless, else soft-closes (or hard-closes). */
  private exhausted(hardClose: boolean): void {
    if (!this.returnsRows) throw noRowsError();
    if (this.state === CLOSED) throw closedError();
    // as SQLAlchemy: only the fetch that finds the end may hard-close; once soft-closed (after
    // all()), first()/scalar()/one() see no rows and leave the result as it is
    if (hardClose && this.state === OPEN) this.close();
    else this.softClose();
  }
}
