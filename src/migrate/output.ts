/**
 * Where offline (`--sql`) statements go: a stream, a callback or a string buffer.
 */

/** Anything with `write(text)`: `process.stdout`, a file stream, an `SqlBuffer`. */
export interface OutputSink {
  write(text: string): unknown;
}

/**
 * Collects offline SQL in memory.
 * @example
 * const buf = new SqlBuffer();
 * MigrationContext.configure({ dialectName: "postgresql", opts: { asSql: true, outputBuffer: buf } });
 * buf.toString();
 */
export class SqlBuffer implements OutputSink {
  private readonly parts: string[] = [];
  write(text: string): void {
    this.parts.push(text);
  }
  toString(): string {
    return this.parts.join("");
  }
}

/**
 * Writes statements Alembic-style: each followed by the terminator and a blank line.
 * @example new SqlWriter(process.stdout).statement("BEGIN")
 */
export class SqlWriter {
  constructor(
    readonly sink: OutputSink,
    readonly terminator = ";",
  ) {}

  /** A statement, trimmed, with its terminator; tabs become four spaces, as Alembic writes. */
  statement(sql: string): void {
    this.sink.write(`${sql.replaceAll("\t", "    ").trim()}${this.terminator}\n\n`);
  }

  /** A `-- comment` line block. */
  comment(text: string): void {
    this.sink.write(`-- ${text}\n\n`);
  }
}
