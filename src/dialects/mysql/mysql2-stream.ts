import { ArgumentError } from "../../exc.js";
import type { CursorColumn, DBAPICursor, DBAPIParams } from "../dbapi.js";
import {
  applyFixups,
  binaryFixups,
  describe,
  type Fixup,
  lastrowid,
  type RawCommand,
  type RawConnection,
  type RawHeader,
  toValues,
} from "./mysql2-wire.js";

/** Rows a server-side cursor reads ahead before pausing the socket. */
const READ_AHEAD = 1000;

/**
 * What a server-side cursor needs from its connection (mysql2.ts's connection provides it).
 * @example
 * const cursor = new Mysql2ServerCursor(host);
 */
export interface StreamHost {
  /** the driver connection, paused and resumed for back-pressure */
  readonly raw: RawConnection;
  /** open streams: another statement buffers them first */
  readonly streams: Set<Mysql2ServerCursor>;
  readonly closed: boolean;
  /** buffers other streams and sets the session's autocommit for `sql` */
  ready(sql: string): Promise<void>;
  useBinary(sql: string, values: readonly unknown[] | undefined): boolean;
  /** starts a command in event mode */
  start(sql: string, values: unknown[] | undefined, binary: boolean): RawCommand;
  noteError(err: unknown): void;
}

/**
 * A server-side cursor over mysql2's unbuffered row events (what `query(...).stream()` wraps, minus
 * the per-row Readable push): rows collect into a batch, the socket is paused once `limit` rows
 * wait unread and resumed when a fetch needs more, so memory stays bounded and a fetch resolves
 * once per batch, never once per row. MySQL cannot abandon a result half-read (short of KILL
 * QUERY), so an early close reads the rest without decoding it; the connection stays usable.
 * @example
 * const cur = conn.cursor({ serverSide: true });
 * await cur.execute("SELECT id FROM big");
 * for (let rows = await cur.fetchmany(500); rows.length; rows = await cur.fetchmany(500)) use(rows);
 */
export class Mysql2ServerCursor implements DBAPICursor {
  description: CursorColumn[] | null = null;
  rowcount = -1;
  lastrowid: number | bigint | null = null;
  private cmd: RawCommand | null = null;
  private buf: unknown[][] = [];
  private pos = 0;
  private done = true;
  private started = false;
  private error: Error | null = null;
  private discard = false;
  private paused = false;
  /** rows the pending fetch waits for (Infinity: nobody waits) */
  private want = Number.POSITIVE_INFINITY;
  /** unread rows at which the socket pauses */
  private limit = READ_AHEAD;
  private wake: (() => void) | null = null;
  private fixups: Fixup[] | null = null;

  constructor(private readonly conn: StreamHost) {}

  async execute(sql: string, params?: DBAPIParams | null): Promise<void> {
    await this.close();
    const values = toValues(params);
    await this.conn.ready(sql);
    this.reset();
    const binary = this.conn.useBinary(sql, values);
    this.done = false;
    this.conn.streams.add(this);
    try {
      this.cmd = this.conn.start(sql, values, binary);
    } catch (err) {
      this.finish(err as Error);
      this.detach();
      throw err;
    }
    this.cmd
      .on("fields", (f) => {
        this.description = describe(f);
        this.fixups = binary ? binaryFixups(f) : null;
        this.started = true;
        this.wake?.();
      })
      .on("result", (row) => this.onRow(row))
      .on("error", (err) => this.finish(err))
      .on("end", () => this.finish(null));
    await this.until(() => this.started);
    if (this.error !== null && this.description === null) {
      const err = this.error;
      this.detach();
      throw err;
    }
  }

  executemany(): Promise<void> {
    return Promise.reject(new ArgumentError("executemany() is not available on a server-side cursor"));
  }

  private onRow(row: unknown): void {
    if (!Array.isArray(row)) {
      // a statement without rows reports its OK packet here; a skipped row (close) is null
      if (row !== null && typeof row === "object") {
        this.rowcount = (row as RawHeader).affectedRows;
        this.lastrowid = lastrowid(row as RawHeader);
      }
      return;
    }
    if (this.discard) return;
    if (this.fixups !== null) applyFixups(row, this.fixups);
    const unread = this.buf.push(row) - this.pos;
    if (unread >= this.limit && !this.paused) {
      this.paused = true;
      this.conn.raw.pause();
    }
    if (unread >= this.want) this.wake?.();
  }

  /** The first of `end` or `error` settles the stream. */
  private finish(err: Error | null): void {
    if (this.done) return;
    this.done = true;
    this.started = true;
    if (err !== null) {
      this.error = err;
      this.conn.noteError(err);
    }
    this.resume();
    this.conn.streams.delete(this);
    this.wake?.();
  }

  /** The connection died under the stream. */
  fail(err: Error): void {
    this.finish(err);
  }

  private until(cond: () => boolean): Promise<void> {
    if (this.done || cond()) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = () => {
        if (!this.done && !cond()) return;
        this.wake = null;
        resolve();
      };
    });
  }

  private resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.conn.raw.resume();
  }

  fetchone(): unknown[] | null | Promise<unknown[] | null> {
    const r = this.fetchmany(1);
    return Array.isArray(r) ? (r[0] ?? null) : r.then((rows) => rows[0] ?? null);
  }

  fetchmany(size: number): unknown[][] | Promise<unknown[][]> {
    if (this.buf.length - this.pos >= size) return this.take(size);
    if (this.done) return this.takeRest();
    return this.fill(size).then(() =>
      this.buf.length - this.pos >= size ? this.take(size) : this.takeRest(),
    );
  }

  async fetchall(): Promise<unknown[][]> {
    await this.fill(Number.POSITIVE_INFINITY);
    return this.takeRest();
  }

  /** Reads the rest into memory, so the connection can run another statement. */
  async buffer(): Promise<void> {
    await this.fill(Number.POSITIVE_INFINITY);
  }

  private async fill(size: number): Promise<void> {
    this.want = size;
    this.limit = Math.max(size, READ_AHEAD);
    this.resume();
    await this.until(() => this.buf.length - this.pos >= size);
    this.want = Number.POSITIVE_INFINITY;
  }

  /** What is left once the stream ended: the rows, or its error when none are left. */
  private takeRest(): unknown[][] {
    if (this.buf.length === this.pos && this.error !== null) throw this.error;
    return this.take(this.buf.length - this.pos);
  }

  private take(n: number): unknown[][] {
    let out: unknown[][];
    if (this.pos === 0 && n >= this.buf.length) {
      out = this.buf;
      this.buf = [];
    } else {
      out = this.buf.slice(this.pos, this.pos + n);
      this.pos += out.length;
      if (this.pos === this.buf.length) {
        this.buf = [];
        this.pos = 0;
      } else if (this.pos > 4096) {
        this.buf = this.buf.slice(this.pos);
        this.pos = 0;
      }
    }
    // read ahead while the caller works through this batch
    if (this.paused && this.buf.length - this.pos <= this.limit >> 1) this.resume();
    return out;
  }

  async close(): Promise<void> {
    this.buf = [];
    this.pos = 0;
    if (this.cmd === null) return;
    if (!this.done && !this.conn.closed) {
      this.discard = true;
      this.limit = Number.POSITIVE_INFINITY;
      // decoding rows only to drop them is most of a drain's cost: swap mysql2's row parser out
      const cmd = this.cmd;
      if (cmd._rowParser && typeof cmd._rowParser.next === "function") cmd._rowParser = { next: () => null };
      this.resume();
      await this.until(() => false);
    }
    this.finish(null);
    this.detach();
  }

  private detach(): void {
    this.cmd?.removeAllListeners();
    this.cmd = null;
    this.conn.streams.delete(this);
  }

  private reset(): void {
    this.buf = [];
    this.pos = 0;
    this.description = null;
    this.rowcount = -1;
    this.lastrowid = null;
    this.error = null;
    this.started = false;
    this.discard = false;
    this.paused = false;
    this.want = Number.POSITIVE_INFINITY;
    this.limit = READ_AHEAD;
    this.fixups = null;
  }
}
