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

/** @internal The id of a key part, or -1 once the table is full (then `push(part)` spells it out). */
export function keyPartId(part: string): number {
  let id = partIds.get(part);
  if (id === undefined) {
    if (nextId > LAST_ID) return -1;
    id = nextId++;
    partIds.set(part, id);
  }
  return id;
}

/** Strings made from code arrays in chunks: `apply` has an argument limit. */
const CHUNK = 8192;

/**
 * Collects a statement's structure (no literal values) and its bound parameters in traversal
 * order, so that a cached Compiled can be re-used with a new statement's values.
 */
export class CacheKeyBuilder {
  private readonly codes: number[] = [];
  binds: BindParameter[] = [];
  /** set when an element cannot be cached (the statement then compiles every time) */
  noCache = false;

  private ids: Map<object, number> | null = null;

  private num(n: number): void {
    if (n < 0xffff) this.codes.push(n);
    else this.codes.push(0xffff, n >>> 16, n & 0xffff);
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
      this.codes.push(SEEN_REF);
      this.num(id);
      return true;
    }
    const n = this.ids.size;
    this.ids.set(obj, n);
    this.codes.push(SEEN_NEW);
    this.num(n);
    return false;
  }

  /** Appends one part (any text). */
  push(part: string): void {
    const id = keyPartId(part);
    if (id >= 0) {
      this.codes.push(id);
      return;
    }
    this.codes.push(RAW);
    this.num(part.length);
    for (let i = 0; i < part.length; i++) this.codes.push(part.charCodeAt(i));
  }

  /** Appends a part by the id `keyPartId` gave (callers cache ids of parts they push often). */
  pushId(id: number): void {
    this.codes.push(id);
  }

  add(el: ClauseElement | null | undefined): void {
    if (el == null) this.codes.push(NONE);
    else el._cacheKey(this);
  }

  addAll(els: readonly ClauseElement[]): void {
    this.codes.push(LIST);
    this.num(els.length);
    for (let i = 0; i < els.length; i++) els[i]._cacheKey(this);
    this.codes.push(END);
  }

  key(): string {
    const codes = this.codes;
    if (codes.length <= CHUNK) return String.fromCharCode.apply(null, codes);
    let s = "";
    for (let i = 0; i < codes.length; i += CHUNK) {
      s += String.fromCharCode.apply(null, codes.slice(i, i + CHUNK));
    }
    return s;
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
