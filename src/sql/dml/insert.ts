import { InvalidRequestError } from "../../exc.js";
import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { ColumnElement } from "../elements/column-element.js";
import type { SelectBase } from "../selectable/select-base.js";
import { dmlRegistry, type TableClause } from "../selectable/table-clause.js";
import { anonymizeValues, UpdateBase, type ValuesArg, wrapValues } from "./dml-base.js";
import type { OnTable, ValuesFor } from "./target-types.js";

/** Options of `fromSelect()`. */
export interface FromSelectOptions {
  /**
   * add the columns that have a default but are not among the target columns, as extra SELECT
   * columns (default true, as in SQLAlchemy)
   */
  includeDefaults?: boolean;
}

/**
 * `INSERT INTO table …`. Without `.values()`, the columns come from the execution parameters.
 * @example
 * await conn.execute(sa.insert(users), [{ name: "a" }, { name: "b" }]);
 * sa.insert(users).values({ name: "a" }).returning(users.c.id);
 */
export class Insert extends UpdateBase {
  readonly visitName: string = "insert";
  declare readonly table: TableClause;
  /** one row of values; `{}` is an explicit empty row (DEFAULT VALUES) */
  _values: Record<string, ClauseElement> | null = null;
  /** the rows of a multi-row VALUES, from every `values([...])` call in order */
  _multiValues: Record<string, ClauseElement>[] = [];
  _select: { columns: string[]; select: SelectBase; includeDefaults: boolean } | null = null;
  _inline = false;

  /**
   * Values for one row, or a list of rows (a multi-row VALUES, binds named `name_m0`, `name_m1`).
   * An empty list is an empty row, like `values({})`. Single-row and list forms cannot be mixed.
   * The keys and value types are checked against the table's columns when the types know them.
   * @example
   * sa.insert(users).values([{ name: "a" }, { name: "b" }]);
   */
  values<S extends Insert>(this: S, values: ValuesFor<S> | readonly ValuesFor<S>[]): S {
    if (this._select) throw new InvalidRequestError("This construct already inserts from a SELECT");
    const s = this._generate();
    if (Array.isArray(values) && values.length > 0) {
      s._multiValues = [...this._multiValues, ...values.map((v: ValuesArg) => wrapValues(this.table, v))];
      return s;
    }
    const row = Array.isArray(values) ? {} : (values as ValuesArg);
    s._values = { ...(this._values ?? {}), ...wrapValues(this.table, row) };
    return s;
  }

  /**
   * `INSERT INTO table (cols) SELECT …`; columns with a default that are not among `columns`
   * are added to the SELECT (see `FromSelectOptions.includeDefaults`).
   * @example
   * archive.insert().fromSelect(["id", "name"], sa.select(users.c.id, users.c.name));
   */
  fromSelect(
    columns: readonly (string | ColumnElement)[],
    select: SelectBase,
    opts: FromSelectOptions = {},
  ): this {
    if (this._values || this._multiValues.length)
      throw new InvalidRequestError("This construct already inserts value expressions");
    const s = this._generate();
    s._select = {
      columns: columns.map((c) => (typeof c === "string" ? c : ((c as { key?: string }).key ?? String(c)))),
      select,
      includeDefaults: opts.includeDefaults ?? true,
    };
    return s;
  }

  /**
   * Does not fetch the generated primary key (no RETURNING, no lastrowid use).
   * @example
   * sa.insert(users).values({ name: "a" }).inline();
   */
  inline(): this {
    const s = this._generate();
    s._inline = true;
    return s;
  }

  protected override _forCte(): Insert {
    const s = this._generate();
    if (this._values) s._values = anonymizeValues(this._values);
    s._multiValues = this._multiValues.map(anonymizeValues);
    return s;
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitInsert(this, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`INS:${this.visitName}:${this._inline ? 1 : 0}`);
    this._baseKey(k);
    if (this._values) {
      k.push("V");
      this._valuesKey(k, this._values);
    }
    k.push(`MV:${this._multiValues.length}`);
    for (const row of this._multiValues) this._valuesKey(k, row);
    if (this._select) {
      k.push(`FS:${this._select.columns.join(",")}:${this._select.includeDefaults ? 1 : 0}`);
      this._select.select._cacheKey(k);
    }
  }

  /** @internal values were wrapped into binds by values(), so the key walk extracts them */
  protected _valuesKey(k: CacheKeyBuilder, values: Record<string, ClauseElement>): void {
    k.push(`{${Object.keys(values).length}`);
    for (const [key, v] of Object.entries(values)) {
      k.push(key);
      v._cacheKey(k);
    }
  }
}

dmlRegistry.insert = (t) => new Insert(t);

/**
 * `INSERT INTO table`: `sa.insert(users).values({...})`; `values()` and `insertedPrimaryKey` are
 * typed by the table's columns.
 * @example
 * sa.insert(users).values({ name: "ed" }); // { nmae: "ed" } does not compile
 */
export function insert<T extends TableClause>(table: T): OnTable<Insert, T> {
  return new Insert(table) as OnTable<Insert, T>;
}
