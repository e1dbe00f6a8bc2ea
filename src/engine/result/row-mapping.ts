/**
 * `RowMapping`: a row as a read-only mapping, what `row._mapping` and `result.mappings()` give.
 *
 * Each key is an own, enumerable property, so a mapping spreads, serialises and compares like
 * the plain object it stands for (`{ ...m }`, `JSON.stringify(m)`); the Map-like methods (`get`,
 * `has` …) live on the prototype and also accept Column objects.
 *
 * Read-only by type, not frozen at runtime: `Object.freeze` made building mappings ~9× slower
 * than building plain objects (measured on 100k rows), and `mappings().all()` is a hot path.
 */
import { ambiguousColumn } from "./messages.js";
import type { ResultMetaData } from "./result-metadata.js";

/** Mapping members that a column key cannot shadow; such keys are read with `get()`. */
export type ReservedMappingKey = "get" | "has" | "keys" | "values" | "entries" | "size" | keyof Object;

/** @internal the runtime list behind ReservedMappingKey */
export const MAPPING_RESERVED: ReadonlySet<string> = new Set([
  "get",
  "has",
  "keys",
  "values",
  "entries",
  "size",
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** The runtime class of every RowMapping; use the `RowMapping<R>` type in signatures. */
export class BaseRowMapping<R = Record<string, unknown>> {
  readonly #parent: ResultMetaData;
  readonly #data: readonly unknown[];

  constructor(parent: ResultMetaData, data: readonly unknown[]) {
    this.#parent = parent;
    this.#data = data;
    parent.assignMapping(this as unknown as Record<string, unknown>, data);
  }

  /**
   * The value for a key or a Column object of the statement; `undefined` when the result has no
   * such column.
   * @throws InvalidRequestError "Ambiguous column name 'x' …" for a key a compiled statement repeats
   * @example
   * row._mapping.get(users.c.name); row._mapping.get("name");
   */
  get<K extends keyof R & string>(key: K): R[K];
  /** a Column object: undefined when the statement did not select it */
  get<V>(column: { readonly __value?: V }): V | undefined;
  get(key: string | object): unknown;
  get(key: unknown): unknown {
    const i = this.#parent.lookup(key);
    return i < 0 ? undefined : this.#data[i];
  }

  /** True when the key (string or Column object) addresses a column of this result. */
  has(key: string | object): boolean {
    return this.#parent.hasKey(key);
  }

  /** The keys in column order (duplicates kept). */
  keys(): string[] {
    return this.#parent.fields.slice();
  }

  /** The values in column order. */
  values(): unknown[] {
    return this.#data.slice();
  }

  /** `[key, value]` pairs in column order; `new Map(m.entries())`. */
  entries(): [string, unknown][] {
    const fields = this.#parent.fields;
    return fields.map((k, i) => [k, this.#data[i]]);
  }

  /** The number of columns. */
  get size(): number {
    return this.#data.length;
  }

  /**
   * The mapping as a plain object of all its keys, for `JSON.stringify(m)`: a column named like a
   * member (`size`, `values`, `keys` …) is in it too, though `{ ...m }` leaves it out.
   * @example
   * JSON.stringify((await conn.execute(sa.select(t.c.id, t.c.size))).mappings().one()); // {"id":1,"size":3}
   */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...(this as unknown as Record<string, unknown>) };
    const fields = this.#parent.fields;
    for (let i = 0; i < fields.length; i++) {
      const k = fields[i];
      if (!MAPPING_RESERVED.has(k)) continue;
      try {
        out[k] = this.#data[this.#parent.lookup(k)];
      } catch {
        // a key two columns share stays out, as it does from the spread
      }
    }
    return out;
  }

  /** Iterates `[key, value]` pairs, like a Map: `Object.fromEntries(m)`. */
  [Symbol.iterator](): IterableIterator<[string, unknown]> {
    return this.entries()[Symbol.iterator]();
  }
}

/** Typed keys of a mapping; keys that RowMapping itself uses are left out (read them with get()). */
export type MappingFields<R> = { readonly [K in keyof R as K extends ReservedMappingKey ? never : K]: R[K] };

/**
 * A row as a read-only mapping keyed by column key (`m.name`, `m["name"]`) and by Column object
 * (`m.get(users.c.name)`). Spreads and serialises as a plain object of its keys.
 * @example
 * for (const m of result.mappings()) console.log(m.name, m.get(users.c.id), { ...m });
 */
// BaseRowMapping's members are picked into a plain object type so that a typed mapping can be
// assigned to the untyped RowMapping, whose keys are an index signature (a class type cannot)
export type RowMapping<R = Record<string, unknown>> = Pick<BaseRowMapping<R>, keyof BaseRowMapping<R>> &
  MappingFields<R>;

/** The class of every mapping, for `m instanceof RowMapping`. */
export const RowMapping = BaseRowMapping;

/** @internal a generated mapping class */
export type MappingClass = new (parent: ResultMetaData, data: readonly unknown[]) => BaseRowMapping;

/** @internal The mapping class of one result shape: repeated keys of a compiled statement throw. */
export function makeMappingClass(
  ambiguous: readonly string[],
  aliases: readonly string[] = [],
): MappingClass {
  const cls = class RowMapping extends BaseRowMapping {};
  // other names the keymap knows (a keyed column's name: Column("a", { key: "b" })) read like
  // the key does, as SQLAlchemy's keymap allows, but stay out of spreads and keys()
  for (const key of aliases) {
    if (MAPPING_RESERVED.has(key)) continue;
    Object.defineProperty(cls.prototype, key, {
      get(this: BaseRowMapping) {
        return this.get(key);
      },
    });
  }
  for (const key of ambiguous) {
    if (MAPPING_RESERVED.has(key)) continue;
    Object.defineProperty(cls.prototype, key, {
      get: () => {
        throw ambiguousColumn(key);
      },
    });
  }
  return cls;
}
