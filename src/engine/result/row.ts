/**
 * `Row`: one result row, immutable and tuple-like, with attribute access by column key.
 *
 * Building rows is the hot path of every SELECT, so a row is a single own field (`_data`, the
 * processed values) and everything else lives on a class generated once per result shape: index
 * getters (`row[0]`), key getters (`row.name`) and the metadata (`_parent`). Constructing a row
 * is then one allocation that adopts the driver's array, cheaper than a plain `{ id, name }`.
 */
import { ambiguousColumn } from "./messages.js";
import type { ResultMetaData } from "./result-metadata.js";
import type { RowMapping } from "./row-mapping.js";

/** Row members that a column key cannot shadow; such columns are reached through `_mapping`. */
export type ReservedRowKey =
  | "_data"
  | "_parent"
  | "_mapping"
  | "_fields"
  | "_asDict"
  | "_t"
  | "tuple"
  | "length"
  | "toJSON"
  | keyof Object;

/** @internal the runtime list behind ReservedRowKey, plus every Object.prototype member */
export const ROW_RESERVED: ReadonlySet<string> = new Set([
  "_data",
  "_parent",
  "_mapping",
  "_fields",
  "_asDict",
  "_t",
  "tuple",
  "length",
  "toJSON",
  ...Object.getOwnPropertyNames(Object.prototype),
]);

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * The runtime class of every row (`row instanceof Row`). Use the `Row<R, T>` type in signatures:
 * it adds the typed key attributes (`R`) and positions (`T`).
 */
export class BaseRow<R = Record<string, unknown>, T extends readonly unknown[] = readonly unknown[]> {
  /** @internal the processed values; owned by the row, never mutate */
  declare readonly _data: unknown[];
  /** @internal the result metadata (on the prototype of each generated row class) */
  declare readonly _parent: ResultMetaData;

  constructor(data: unknown[]) {
    // assigned rather than declared as a field: one store, no define-semantics init to undefined
    (this as { _data: unknown[] })._data = data;
  }

  /** The number of columns. */
  get length(): number {
    return this._data.length;
  }

  /** The values in column order: `const [id, name] = row`. */
  [Symbol.iterator](): IterableIterator<T[number]> {
    return this._data[Symbol.iterator]() as IterableIterator<T[number]>;
  }

  /**
   * A read-only mapping of this row by column key and by Column object; duplicate keys of a
   * compiled statement throw "Ambiguous column name" there. A new view on each access.
   * @example
   * row._mapping.get(users.c.name); row._mapping["name"]; { ...row._mapping }
   */
  get _mapping(): RowMapping<R> {
    return this._parent.makeMapping(this._data) as unknown as RowMapping<R>;
  }

  /** The row's keys in column order (duplicates kept), like `result.keys()`. */
  get _fields(): readonly string[] {
    return this._parent.fields;
  }

  /**
   * A plain object of key → value; with duplicate keys the last column wins.
   * @example
   * row._asDict(); // { id: 1, name: "ed" }
   */
  _asDict(): R {
    const fields = this._parent.fields;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) out[fields[i]] = this._data[i];
    return out as R;
  }

  /** The values as a plain (typed) tuple, a fresh copy the caller owns: `const [id, name] = row._t`. */
  get _t(): [...T] {
    return this._data.slice() as [...T];
  }

  /** The values as a plain (typed) tuple, a fresh copy. Same as `_t`. */
  tuple(): [...T] {
    return this._data.slice() as [...T];
  }

  /** A row serialises as the array of its values (it is a tuple); use `_asDict()` for an object. */
  toJSON(): unknown[] {
    return this._data;
  }

  /** SQLAlchemy's `str(row)`: `(1, 'ed')`. */
  toString(): string {
    const parts = this._data.map((v) => (typeof v === "string" ? `'${v}'` : v === null ? "None" : String(v)));
    return `(${parts.join(", ")}${parts.length === 1 ? "," : ""})`;
  }

  [INSPECT](_depth: number, options: object, inspect: (v: unknown, o: object) => string): string {
    return `Row${inspect(this._data, options)}`;
  }
}

/** Typed key attributes of a row: `row.name`; keys that Row itself uses are left out. */
export type RowFields<R> = { readonly [K in keyof R as K extends ReservedRowKey ? never : K]: R[K] };

/** Typed positions of a row: `row[0]`. */
export type RowPositions<T extends readonly unknown[]> = number extends T["length"]
  ? { readonly [index: number]: T[number] }
  : { readonly [K in keyof T as K extends `${number}` ? K : never]: T[K] };

/**
 * One result row: tuple-like (`row[0]`, `const [a, b] = row`, `row.length`), with attribute
 * access by key (`row.name`), `_mapping` (by key or Column), `_fields`, `_asDict()` and `_t`.
 * Immutable: its getters have no setters, so assigning `row.id = 1` throws a TypeError.
 *
 * `row["name"]` is the attribute (JS does not tell the two apart); unlike SQLAlchemy it does not
 * raise, and a missing key reads `undefined`. Go through `row._mapping` for keys that are not
 * attributes: Column objects, keys that Row itself uses (`length`, `tuple`, `_fields` …), and
 * keys that a compiled statement repeats (ambiguous; they throw).
 *
 * `R` is the record of keys to values, `T` the tuple of values when the statement knows it.
 * @example
 * const row = result.one(); // Row<{ id: number; name: string }>
 * row.id; row[1]; row._mapping.get(users.c.name); const [id, name] = row;
 */
export type Row<R = Record<string, unknown>, T extends readonly unknown[] = readonly unknown[]> = RowMembers<
  R,
  T
> &
  RowFields<R> &
  RowPositions<T>;

/**
 * BaseRow's members as a plain object type: unlike the class type, it lets a typed row be
 * assigned to the untyped `Row` (whose keys are an index signature).
 */
type RowMembers<R, T extends readonly unknown[]> = Pick<BaseRow<R, T>, keyof BaseRow<R, T>>;

/** The class of every row, for `row instanceof Row`. */
export const Row = BaseRow;

/** @internal a generated row class */
export type RowClass = new (data: unknown[]) => BaseRow;

// shared getters keep the generated classes' prototypes small and their call sites monomorphic
const indexGetters: ((this: BaseRow) => unknown)[] = [];

function indexGetter(i: number): (this: BaseRow) => unknown {
  let g = indexGetters[i];
  if (g === undefined) {
    g = function (this: BaseRow) {
      return this._data[i];
    };
    indexGetters[i] = g;
  }
  return g;
}

/**
 * @internal The row class of one result shape: `keys` maps each attribute key to its position,
 * or to -1 when a compiled statement repeats it (the getter then throws "Ambiguous column name").
 */
export function makeRowClass(
  parent: ResultMetaData,
  arity: number,
  keys: ReadonlyMap<string, number>,
): RowClass {
  const cls = class Row extends BaseRow {};
  const proto = cls.prototype;
  Object.defineProperty(proto, "_parent", { value: parent });
  for (let i = 0; i < arity; i++) Object.defineProperty(proto, String(i), { get: indexGetter(i) });
  for (const [key, index] of keys) {
    if (ROW_RESERVED.has(key) || /^\d+$/.test(key)) continue;
    Object.defineProperty(proto, key, {
      get:
        index >= 0
          ? indexGetter(index)
          : () => {
              throw ambiguousColumn(key);
            },
    });
  }
  return cls;
}
