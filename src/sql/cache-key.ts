import type { ClauseElement } from "./base.js";
import type { BindParameter } from "./elements/bind-param.js";

/*
 * A cache key is a string of UTF-16 code units, not readable text. Why: the engine hashes the
 * whole key on every lookup, and a key appended to part by part is a rope that V8 must first
 * flatten; both cost in proportion to the key's length and its number of pieces (over half of
 * a cache hit's time with a text key). Here every part is one code unit (its interned id), the
 * builder collects numbers and makes one flat string at the end.
 *
 * Codes: 0-15 are markers, 16-0xfffe ids of interned parts; a number (list length, object
 * number) is one code below 0xffff, else 0xffff and two 16-bit halves. The encoding is
 * prefix-free, so two keys are equal exactly when their part sequences are.
 */
const LIST = 1;
const END = 2;
const NONE = 3;
const RAW = 4;
const SEEN_NEW = 5;
const SEEN_REF = 6;
const FIRST_ID = 16;
const LAST_ID = 0xfffe;

/**
 * Interned parts. Never cleared (ids are cached on schema objects and types); once full, new
 * parts are spelled out code by code instead (slower keys, same meaning), so statements whose
 * parts carry ever-changing text (`text()` with inlined values) cannot grow it without bound.
 */
const partIds = new Map<string, number>();
let nextId = FIRST_ID;

/**
 * Longer parts (the SQL of `text()`, often built per call with values inlined) are spelled out,
 * never interned: the table then holds at most a few MB however many distinct texts an
 * application runs, and keys of such statements cost what their text costs, as before interning.
 */
const MAX_INTERNED_LENGTH = 128;

/**
 * @internal The id of a key part, or -1 when it is not interned (too long, or the table is full):
 * then `push(part)` spells it out.
 */
export function keyPartId(part: string): number {
  let id = partIds.get(part);
  if (id === undefined) {
    if (nextId > LAST_ID || part.length > MAX_INTERNED_LENGTH) return -1;
    id = nextId++;
    partIds.set(part, id);
  }
  return id;
}

/** Strings made from code arrays in chunks: `apply` has an argument limit. */
const CHUNK = 8192;

/**
 * One code buffer shared by the builders, taken by one at a time (a key built inside another's
 * `_cacheKey` gets its own): filling a grown array in place is about twice as fast as pushing
 * onto a new one, for every key.
 */
let spare: number[] | null = newBuffer();

function newBuffer(): number[] {
  const codes: number[] = [];
  for (let i = 0; i < 256; i++) codes.push(0);
  return codes;
}

/**
 * Collects a statement's structure (no literal values) and its bound parameters in traversal
 * order, so that a cached Compiled can be re-used with a new statement's values.
 */
export class CacheKeyBuilder {
  /** codes[0..n) is the key so far (codes may be longer: a reused buffer) */
  private codes: number[];
  private n = 0;
  private shared: boolean;
  private done: string | null = null;
  binds: BindParameter[] = [];
  /** set when an element cannot be cached (the statement then compiles every time) */
  noCache = false;

  private ids: Map<object, number> | null = null;

  constructor() {
    this.shared = spare !== null;
    this.codes = spare ?? [];
    spare = null;
  }

  private num(n: number): void {
    const codes = this.codes;
    if (n < 0xffff) codes[this.n++] = n;
    else {
      codes[this.n++] = 0xffff;
      codes[this.n++] = n >>> 16;
      codes[this.n++] = n & 0xffff;
    }
  }

  /**
   * Objects built per statement (aliases, subqueries, CTEs, lightweight tables) are keyed by
   * structure, once: the first encounter numbers the object and returns false (emit the
   * structure now), later ones push only the number and return true.
   */
  seen(obj: object): boolean {
    this.ids ??= new Map();
    const id = this.ids.get(obj);
    if (id !== undefined) {
      this.codes[this.n++] = SEEN_REF;
      this.num(id);
      return true;
    }
    const n = this.ids.size;
    this.ids.set(obj, n);
    this.codes[this.n++] = SEEN_NEW;
    this.num(n);
    return false;
  }

  /** Appends one part (any text). */
  push(part: string): void {
    const id = keyPartId(part);
    if (id >= 0) {
      this.codes[this.n++] = id;
      return;
    }
    this.codes[this.n++] = RAW;
    this.num(part.length);
    for (let i = 0; i < part.length; i++) this.codes[this.n++] = part.charCodeAt(i);
  }

  /** Appends a part by the id `keyPartId` gave (callers cache ids of parts they push often). */
  pushId(id: number): void {
    this.codes[this.n++] = id;
  }

  add(el: ClauseElement | null | undefined): void {
    if (el == null) this.codes[this.n++] = NONE;
    else el._cacheKey(this);
  }

  addAll(els: readonly ClauseElement[]): void {
    this.codes[this.n++] = LIST;
    this.num(els.length);
    for (let i = 0; i < els.length; i++) els[i]._cacheKey(this);
    this.codes[this.n++] = END;
  }

  key(): string {
    if (this.done !== null) return this.done;
    const codes = this.codes;
    const n = this.n;
    let s = "";
    for (let i = 0; i < n; i += CHUNK) {
      s += String.fromCharCode.apply(null, codes.slice(i, Math.min(n, i + CHUNK)));
    }
    this.done = s;
    return s;
  }

  /** Gives the shared buffer back (the key stays readable); ClauseElement.cacheKey calls it. */
  release(): void {
    if (!this.shared) return;
    this.shared = false;
    const codes = this.codes;
    // what was built stays readable (key() reads it when it was not called before)
    this.codes = this.done !== null ? [] : codes.slice(0, this.n);
    // a buffer grown by a huge statement is not kept
    spare = codes.length <= 65536 ? codes : newBuffer();
  }
}

/**
 * @internal The id of a part derived from a long-lived object and a tag, memoized in that
 * object's `memo` (types, operators): hot elements push it without building the part's text.
 * -1 when the table is full.
 */
export function memoPartId(
  memo: Map<string, number>,
  tag: string,
  make: (tag: string, arg: unknown) => string,
  arg: unknown,
): number {
  let id = memo.get(tag);
  if (id === undefined) {
    id = keyPartId(make(tag, arg));
    memo.set(tag, id);
  }
  return id;
}
