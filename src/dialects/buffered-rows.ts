/**
 * The rows of a result the driver has already read, handed out through the DB-API fetch
 * methods: the buffered cursors of every adapter share it.
 */
export class BufferedRows {
  private rows: unknown[][] = [];
  private pos = 0;

  /** Replaces the buffer (a new result). */
  load(rows: unknown[][]): void {
    this.rows = rows;
    this.pos = 0;
  }

  /** How many rows the result has (read or not). */
  get total(): number {
    return this.rows.length;
  }

  /** The first row of the result, whether or not it was read. */
  get first(): unknown[] | undefined {
    return this.rows[0];
  }

  fetchone(): unknown[] | null {
    return this.pos < this.rows.length ? this.rows[this.pos++] : null;
  }

  fetchmany(size: number): unknown[][] {
    const out = this.rows.slice(this.pos, this.pos + size);
    this.pos += out.length;
    return out;
  }

  fetchall(): unknown[][] {
    // why not always slice: the common whole-result fetch hands over the driver's array as is
    const out = this.pos === 0 ? this.rows : this.rows.slice(this.pos);
    this.pos = this.rows.length;
    return out;
  }

  /** Empties the buffer. */
  clear(): void {
    this.load([]);
  }
}
