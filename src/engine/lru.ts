/**
 * The LRU cache behind the compiled-statement cache, with SQLAlchemy's policy
 * (`util/_collections.py` `LRUCache`): it grows to `capacity * (1 + threshold)` entries, then
 * prunes back to `capacity`, keeping the most recently used.
 *
 * Pruning in batches rather than evicting one entry per insert keeps `get` to a Map lookup and a
 * counter bump (no relinking), which matters because it runs on every execute.
 */
import { ArgumentError } from "../exc.js";

interface Entry<V> {
  value: V;
  /** the access counter at the last `get` or `set`; higher is more recent */
  stamp: number;
}

/** Options of an `LRUCache`. */
export interface LRUCacheOptions<K, V> {
  /** growth allowed above `capacity` before pruning, as a fraction of it (default 0.5) */
  threshold?: number;
  /** called once per prune, before entries are dropped (for a log line) */
  onPrune?: (cache: LRUCache<K, V>) => void;
}

/**
 * A recency-bounded map.
 * @example
 * const cache = new LRUCache<string, Compiled>(500, {
 *   onPrune: (c) => log.info(`Compiled cache size pruning from ${c.size} items to ${c.capacity}.`),
 * });
 * cache.set(key, compiled);
 * cache.get(key); // bumps the entry's recency
 */
export class LRUCache<K, V> {
  /** entries kept after a prune */
  readonly capacity: number;
  /** fraction of `capacity` the cache may grow by before pruning */
  readonly threshold: number;
  private readonly data = new Map<K, Entry<V>>();
  private readonly highWater: number;
  private readonly onPrune: ((cache: LRUCache<K, V>) => void) | undefined;
  private counter = 0;

  constructor(capacity = 100, opts: LRUCacheOptions<K, V> = {}) {
    const threshold = opts.threshold ?? 0.5;
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new ArgumentError(`LRUCache capacity must be a non-negative integer, got ${capacity}`);
    }
    if (!(threshold >= 0) || !Number.isFinite(threshold)) {
      throw new ArgumentError(`LRUCache threshold must be a non-negative number, got ${threshold}`);
    }
    this.capacity = capacity;
    this.threshold = threshold;
    this.highWater = capacity + capacity * threshold;
    this.onPrune = opts.onPrune;
  }

  /** Number of entries. */
  get size(): number {
    return this.data.size;
  }

  /** The size above which the next `set` prunes (`capacity * (1 + threshold)`). */
  get sizeThreshold(): number {
    return this.highWater;
  }

  /** The value for `key`, marking it most recently used; `undefined` when absent. */
  get(key: K): V | undefined {
    const e = this.data.get(key);
    if (e === undefined) return undefined;
    e.stamp = ++this.counter;
    return e.value;
  }

  /** Whether `key` is cached, without touching its recency. */
  has(key: K): boolean {
    return this.data.has(key);
  }

  /** Stores `value` as the most recently used entry, pruning if the cache outgrew its threshold. */
  set(key: K, value: V): this {
    const e = this.data.get(key);
    if (e !== undefined) {
      e.value = value;
      e.stamp = ++this.counter;
      return this;
    }
    this.data.set(key, { value, stamp: ++this.counter });
    if (this.data.size > this.highWater) this.prune();
    return this;
  }

  /** Removes `key`; true when it was present. */
  delete(key: K): boolean {
    return this.data.delete(key);
  }

  /** Removes every entry. */
  clear(): void {
    this.data.clear();
  }

  /** The keys, oldest insertion first (not recency order). */
  keys(): IterableIterator<K> {
    return this.data.keys();
  }

  private prune(): void {
    this.onPrune?.(this);
    const n = this.data.size;
    const keep = this.capacity;
    if (keep === 0) {
      this.data.clear();
      return;
    }
    // Stamps are unique, so the keep-th largest stamp is an exact cut-off: one typed-array sort
    // (numeric, no comparator calls) instead of sorting the entries themselves.
    const stamps = new Float64Array(n);
    let i = 0;
    for (const e of this.data.values()) stamps[i++] = e.stamp;
    stamps.sort();
    const cutoff = stamps[n - keep];
    for (const [k, e] of this.data) if (e.stamp < cutoff) this.data.delete(k);
  }
}
