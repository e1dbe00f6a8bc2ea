/**
 * `ResultMetaData`: the columns of a result, the keys that address them (row key, SQL name,
 * Column objects, position) and the per-column result processors. Immutable, so the engine may
 * cache one per Compiled (the positional case) and reuse it across executions.
 */
import type { ResultColumn } from "../../sql/compiler/compiled.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
import type { CursorColumn } from "../interfaces.js";
import { ambiguousColumn, noSuchColumn } from "./messages.js";
import { type BaseRow, makeRowClass, type RowClass } from "./row.js";
import { type BaseRowMapping, MAPPING_RESERVED, type MappingClass, makeMappingClass } from "./row-mapping.js";

/** Turns a driver value into the JS value of the column's type (decided by the dialect). */
export type ResultProcessor = (value: unknown) => unknown;

/** One column of a result. */
export interface ResultColumnInfo {
  /** the row key: `row.<key>`, `row._mapping[key]`, `result.keys()` */
  readonly key: string;
  /** the name in the SQL or as the driver reported it */
  readonly name: string;
  /** further keys addressing this column: Column objects, labels, alternate names */
  readonly objects: readonly unknown[];
  /** the compiled column's type; null for raw SQL */
  readonly type: TypeEngine | null;
  /** the driver's type identifier from the cursor description, if any */
  readonly typeCode: unknown;
}

/**
 * Result processors: one per column (null where the value passes as is), or a function that
 * picks one per column, e.g. from `column.type` and `column.typeCode`.
 */
export type ProcessorsOption =
  | readonly (ResultProcessor | null | undefined)[]
  | ((column: ResultColumnInfo, index: number) => ResultProcessor | null | undefined);

/** Options of the ResultMetaData factories. */
export interface ResultMetaDataOptions {
  processors?: ProcessorsOption | null;
  /**
   * the columns were declared on raw SQL (`text(...).columns(...)`): as in SQLAlchemy, the keys
   * are the cursor's names and the declared column's name and key address it too
   */
  textual?: boolean;
}

const AMBIGUOUS = -1;

/**
 * The columns of a result and how they are addressed.
 *
 * - `fromCompiled`: a compiled statement's result columns, matched to the cursor description by
 *   position when the counts agree (the description's names are ignored), else by name. A key
 *   that two columns share is ambiguous: reading it throws.
 * - `fromDescription`: raw SQL; keys are the driver's names and a repeated name silently
 *   addresses its last column.
 * - `fromKeys`: plain keys, for results built in memory.
 * @example
 * const md = ResultMetaData.fromKeys(["id", "name"]);
 * const r = new Result(md, [[1, "ed"]]); r.one().name; // "ed"
 */
export class ResultMetaData {
  readonly columns: readonly ResultColumnInfo[];
  /** per-column processors, or null when no column has one */
  readonly processors: readonly (ResultProcessor | null)[] | null;
  /** @internal repeated keys are ambiguous (compiled SQL) rather than last-wins (raw SQL) */
  readonly strictKeys: boolean;
  /** @internal row keys in column order, duplicates kept; shared (frozen) by every row's `_fields` */
  readonly fields: readonly string[];
  /** @internal RowMapping own properties as key, position, key, position … */
  readonly mappingSlots: readonly (string | number)[];
  private readonly keymap: Map<unknown, number>;
  private _rowClass: RowClass | undefined;
  private _mappingClass: MappingClass | undefined;
  private _assign: ((target: Record<string, unknown>, data: readonly unknown[]) => void) | undefined;

  private constructor(
    columns: readonly ResultColumnInfo[],
    processors: readonly (ResultProcessor | null)[] | null,
    strictKeys: boolean,
  ) {
    this.columns = columns;
    this.processors = processors;
    this.strictKeys = strictKeys;
    this.fields = Object.freeze(columns.map((c) => c.key));
    this.keymap = new Map();
    const add = (k: unknown, i: number): void => {
      const prev = this.keymap.get(k);
      if (prev === undefined || !strictKeys) this.keymap.set(k, i);
      else if (prev !== i) this.keymap.set(k, AMBIGUOUS);
    };
    columns.forEach((c, i) => {
      add(c.key, i);
      add(c.name, i);
      for (const o of c.objects) add(o, i);
    });
    const slots: (string | number)[] = [];
    const done = new Set<string>();
    for (const key of this.fields) {
      if (done.has(key)) continue;
      done.add(key);
      const i = this.keymap.get(key)!;
      if (i !== AMBIGUOUS && !MAPPING_RESERVED.has(key)) slots.push(key, i);
    }
    this.mappingSlots = slots;
  }

  /**
   * Metadata of a compiled statement's result (`compiled.resultColumns`) against the cursor's
   * description (null: trust the compiled columns).
   * @example
   * const md = ResultMetaData.fromCompiled(compiled.resultColumns, cursor.description, {
   *   processors: (col) => dialect.resultProcessor(col.type, col.typeCode),
   * });
   */
  static fromCompiled(
    resultColumns: readonly ResultColumn[],
    description: readonly CursorColumn[] | null,
    opts: ResultMetaDataOptions = {},
  ): ResultMetaData {
    let columns: ResultColumnInfo[];
    if (description !== null && opts.textual && description.length === resultColumns.length) {
      columns = resultColumns.map((rc, i) => ({
        key: description[i]!.name,
        name: description[i]!.name,
        objects: [...rc.objects, rc.name],
        type: rc.type,
        typeCode: description[i]!.typeCode,
      }));
    } else if (description === null || description.length === resultColumns.length) {
      columns = resultColumns.map((rc, i) => ({
        key: rc.keyname,
        name: rc.name,
        objects: rc.objects,
        type: rc.type,
        typeCode: description?.[i]?.typeCode,
      }));
    } else {
      columns = matchByName(resultColumns, description);
    }
    return new ResultMetaData(columns, normalizeProcessors(opts.processors, columns), true);
  }

  /**
   * Metadata of raw SQL from the cursor description alone; a repeated name addresses its last
   * column.
   * @example
   * ResultMetaData.fromDescription([{ name: "id" }, { name: "name" }]).keys(); // ["id", "name"]
   */
  static fromDescription(
    description: readonly CursorColumn[],
    opts: ResultMetaDataOptions = {},
  ): ResultMetaData {
    const columns = description.map((d) => ({
      key: d.name,
      name: d.name,
      objects: [],
      type: null,
      typeCode: d.typeCode,
    }));
    return new ResultMetaData(columns, normalizeProcessors(opts.processors, columns), false);
  }

  /**
   * Metadata from plain keys, for results built in memory; `objects[i]` are further keys of
   * column i (Column objects); `strictKeys` makes repeated keys ambiguous.
   * @example
   * ResultMetaData.fromKeys(["id"], { objects: [[users.c.id]] });
   */
  static fromKeys(
    keys: readonly string[],
    opts: ResultMetaDataOptions & { objects?: readonly (readonly unknown[])[]; strictKeys?: boolean } = {},
  ): ResultMetaData {
    const columns = keys.map((key, i) => ({
      key,
      name: key,
      objects: opts.objects?.[i] ?? [],
      type: null,
      typeCode: undefined,
    }));
    return new ResultMetaData(
      columns,
      normalizeProcessors(opts.processors, columns),
      opts.strictKeys ?? false,
    );
  }

  /** The row keys in column order. */
  keys(): string[] {
    return this.fields.slice();
  }

  /** The number of columns. */
  get length(): number {
    return this.columns.length;
  }

  /**
   * The position a key (row key, SQL name or Column object) addresses, or -1.
   * @throws InvalidRequestError for a key that a compiled statement repeats
   */
  lookup(key: unknown): number {
    const i = this.keymap.get(key);
    if (i === undefined) return -1;
    if (i === AMBIGUOUS) throw ambiguousColumn(key);
    return i;
  }

  /** True when the key addresses a column (ambiguous keys included). */
  hasKey(key: unknown): boolean {
    return this.keymap.has(key);
  }

  /**
   * The position of a `columns()`/`scalars()` argument: an index (negative counts from the end),
   * a key or a Column object.
   * @throws InvalidRequestError "Could not locate column in row for column 'x'"; or ambiguous
   */
  resolve(key: string | number | object): number {
    if (typeof key === "number") {
      const i = key < 0 ? this.columns.length + key : key;
      if (!Number.isInteger(i) || i < 0 || i >= this.columns.length) throw noSuchColumn(key);
      return i;
    }
    const i = this.lookup(key);
    if (i < 0) throw noSuchColumn(key);
    return i;
  }

  /** Metadata of the given positions, in that order (what `columns()` keeps). */
  reduce(indexes: readonly number[]): ResultMetaData {
    const procs = this.processors;
    return new ResultMetaData(
      indexes.map((i) => this.columns[i]),
      procs && indexes.some((i) => procs[i] !== null) ? indexes.map((i) => procs[i]) : null,
      this.strictKeys,
    );
  }

  /** The same columns without processors (for rows that were processed already). */
  withoutProcessors(): ResultMetaData {
    return this.processors === null ? this : new ResultMetaData(this.columns, null, this.strictKeys);
  }

  /** @internal runs the processors over a row's values, in place */
  process(data: unknown[]): void {
    const procs = this.processors;
    if (procs === null) return;
    for (let i = 0; i < procs.length; i++) {
      const p = procs[i];
      if (p !== null) data[i] = p(data[i]);
    }
  }

  /** @internal the generated row class of this shape */
  get rowClass(): RowClass {
    if (this._rowClass === undefined) {
      const keys = new Map<string, number>();
      for (const [k, i] of this.keymap) if (typeof k === "string") keys.set(k, i);
      this._rowClass = makeRowClass(this, this.columns.length, keys);
    }
    return this._rowClass;
  }

  /** @internal a row over already-processed values (the array is adopted) */
  makeRow(data: unknown[]): BaseRow {
    return new this.rowClass(data);
  }

  /** @internal copies a row's values onto a RowMapping as its own properties */
  assignMapping(target: Record<string, unknown>, data: readonly unknown[]): void {
    this._assign ??= makeAssigner(this.mappingSlots);
    this._assign(target, data);
  }

  /** @internal a mapping over already-processed values */
  makeMapping(data: readonly unknown[]): BaseRowMapping {
    if (this._mappingClass === undefined) {
      const ambiguous = [...new Set(this.fields)].filter((k) => this.keymap.get(k) === AMBIGUOUS);
      const fields = new Set(this.fields);
      const aliases: string[] = [];
      for (const [k, i] of this.keymap) {
        if (typeof k === "string" && i !== AMBIGUOUS && !fields.has(k) && !/^\d+$/.test(k)) aliases.push(k);
      }
      this._mappingClass = makeMappingClass(ambiguous, aliases);
    }
    return new this._mappingClass(this, data);
  }
}

/** Description columns matched to result columns by name; repeated names pair up in order. */
function matchByName(
  resultColumns: readonly ResultColumn[],
  description: readonly CursorColumn[],
): ResultColumnInfo[] {
  const byName = new Map<string, ResultColumn[]>();
  const byLower = new Map<string, ResultColumn[]>();
  for (const rc of resultColumns) {
    for (const [map, k] of [
      [byName, rc.name],
      [byLower, rc.name.toLowerCase()],
    ] as const) {
      const list = map.get(k);
      if (list) list.push(rc);
      else map.set(k, [rc]);
    }
  }
  const used = new Set<ResultColumn>();
  return description.map((d) => {
    // exact name first; databases that fold unquoted names (PostgreSQL) need the lower-case match
    const candidates = [...(byName.get(d.name) ?? []), ...(byLower.get(d.name.toLowerCase()) ?? [])];
    const rc = candidates.find((c) => !used.has(c));
    if (rc === undefined) return { key: d.name, name: d.name, objects: [], type: null, typeCode: d.typeCode };
    used.add(rc);
    return { key: rc.keyname, name: rc.name, objects: rc.objects, type: rc.type, typeCode: d.typeCode };
  });
}

/**
 * A function assigning the mapping slots with literal property names: monomorphic stores make
 * building mappings as cheap as object literals, where a loop of keyed stores cost ~8× more.
 * Keys are embedded with JSON.stringify (a JS string literal), so column names cannot inject
 * code. Falls back to the loop where code generation is disallowed.
 */
function makeAssigner(
  slots: readonly (string | number)[],
): (target: Record<string, unknown>, data: readonly unknown[]) => void {
  const lines: string[] = [];
  for (let i = 0; i < slots.length; i += 2)
    lines.push(`t[${JSON.stringify(slots[i])}] = d[${Number(slots[i + 1])}];`);
  try {
    return new Function("t", "d", lines.join("\n")) as (
      t: Record<string, unknown>,
      d: readonly unknown[],
    ) => void;
  } catch {
    return (t, d) => {
      for (let i = 0; i < slots.length; i += 2) t[slots[i] as string] = d[slots[i + 1] as number];
    };
  }
}

function normalizeProcessors(
  p: ProcessorsOption | null | undefined,
  columns: readonly ResultColumnInfo[],
): (ResultProcessor | null)[] | null {
  if (!p) return null;
  const out = columns.map((c, i) => (typeof p === "function" ? p(c, i) : p[i]) ?? null);
  return out.some((x) => x !== null) ? out : null;
}
