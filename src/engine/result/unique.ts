/**
 * The seen-set behind `unique()`. JS has no hashable tuples, so whole rows are recorded in a trie
 * of Maps (one level per column, SameValueZero per value); Dates and byte arrays compare by value
 * (Python hashes datetimes and bytes by value), every other object by identity.
 */

const END = Symbol("end");

type Node = Map<unknown, Node | true>;

/** A value as a uniqueness key: by value for Date and Uint8Array (Buffer), else itself. */
export function uniqueKey(v: unknown): unknown {
  if (v !== null && typeof v === "object") {
    // a NUL prefix keeps these apart from any ordinary string value
    if (v instanceof Date) return `\u0000date:${v.getTime()}`;
    if (v instanceof Uint8Array)
      return `\u0000bytes:${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex")}`;
  }
  return v;
}

/** @internal Values seen so far; `add` answers whether a value or row is new. */
export class SeenSet {
  private readonly root: Node = new Map();
  private readonly scalars = new Set<unknown>();

  /** Records one value (a scalar or a strategy's key); false when it was seen already. */
  addValue(v: unknown): boolean {
    const k = uniqueKey(v);
    if (this.scalars.has(k)) return false;
    this.scalars.add(k);
    return true;
  }

  /** Records a whole row of values; false when an equal row was seen already. */
  addRow(values: readonly unknown[]): boolean {
    let node = this.root;
    for (let i = 0; i < values.length; i++) {
      const k = uniqueKey(values[i]);
      let next = node.get(k);
      if (next === undefined || next === true) {
        next = new Map();
        node.set(k, next);
      }
      node = next;
    }
    if (node.has(END)) return false;
    node.set(END, true);
    return true;
  }
}
