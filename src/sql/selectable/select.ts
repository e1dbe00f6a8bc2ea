import { ArgumentError } from "../../exc.js";
import type { CacheKeyBuilder } from "../base.js";
import { ClauseElement } from "../base.js";
import { keyPartId } from "../cache-key.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { BindParameter } from "../elements/bind-param.js";
import { coerceCriterion, coerceExpression } from "../elements/coercions.js";
import { ColumnClause, literalColumn } from "../elements/column-clause.js";
import { ColumnElement } from "../elements/column-element.js";
import { FALSE, NULL, TRUE } from "../elements/constants.js";
import type { TextClause } from "../elements/text.js";
import { registry } from "../registry.js";
import { IntegerType } from "../types/sqltypes.js";
import { Alias } from "./alias.js";
import type { CompoundOf } from "./compound.js";
import { compoundHook } from "./compound-hook.js";
import { type ColumnCollection, columnsOf, FromClause, makeColumnCollection } from "./from-clause.js";
import { collectFroms, fromObjectsOf } from "./froms.js";
import { Join, type JoinOptions } from "./join.js";
import type { RowOf, SelectArg, SelectedColumns, TupleOf } from "./row-types.js";
import { type ExportedColumn, SelectBase } from "./select-base.js";

/** How columns are labelled in the columns clause. */
export type LabelStyle = "disambiguate_only" | "tablename_plus_col" | "none";
/** Label only duplicate names (`id`, `id_1`): the default. */
export const LABEL_STYLE_DISAMBIGUATE_ONLY = "disambiguate_only" satisfies LabelStyle;
/** Label every column `<table>_<column>`. */
export const LABEL_STYLE_TABLENAME_PLUS_COL = "tablename_plus_col" satisfies LabelStyle;
/** No labels at all. */
export const LABEL_STYLE_NONE = "none" satisfies LabelStyle;
export const LABEL_STYLE_DEFAULT = LABEL_STYLE_DISAMBIGUATE_ONLY;

export interface ForUpdateOptions {
  nowait?: boolean;
  skipLocked?: boolean;
  /** FOR SHARE (PostgreSQL) / LOCK IN SHARE MODE (MySQL) */
  readOnly?: boolean;
  /** FOR NO KEY UPDATE (PostgreSQL) */
  keyShare?: boolean;
  of?: ClauseElement | readonly ClauseElement[];
}

export interface FetchOptions {
  withTies?: boolean;
  percent?: boolean;
}

const INTEGER = new IntegerType();
const NO_COLUMNS: readonly ClauseElement[] = [];
/**
 * the initial value of every list of a Select; frozen, so that an in-place change fails loudly
 * (copy it by spreading: `slice`, `concat` and `filter` take a slow path on frozen arrays)
 */
const NONE = Object.freeze([]) as unknown as ClauseElement[];

function limitBind(value: number | ClauseElement | null): ClauseElement | null {
  if (value === null) return null;
  if (value instanceof ClauseElement) return value;
  if (!Number.isInteger(value)) throw new ArgumentError(`LIMIT/OFFSET expects an integer, got ${value}`);
  return new BindParameter("param", value, { unique: true, type: INTEGER });
}

function orderItem(x: ClauseElement | string): ClauseElement {
  return typeof x === "string" ? new OrderByLabelRef(x) : x;
}

/**
 * `SELECT`. Generative: every method returns a new statement.
 * @example
 * const q = sa.select(users.c.id, users.c.name).where(users.c.name.like("e%")).orderBy(users.c.id).limit(10);
 * const rows = (await conn.execute(q)).all(); // rows: { id: number; name: string }[]
 */
export class Select<Cols extends readonly SelectArg[] = readonly SelectArg[]> extends SelectBase {
  readonly visitName = "select";
  /** @internal phantom: the row type */
  declare readonly __row?: RowOf<Cols>;
  /** @internal phantom: the row's value types in order */
  declare readonly __tuple?: TupleOf<Cols>;
  /** @internal phantom: the selected columns under their row keys (the columns of a subquery) */
  declare readonly __columns?: SelectedColumns<Cols>;

  // The lists start as one shared, frozen empty array (a statement built per call would
  // otherwise allocate, and `_generate` discard, eight of them); generative methods always
  // assign new arrays.
  _rawColumns: ClauseElement[];
  _where: ClauseElement[] = NONE;
  _having: ClauseElement[] = NONE;
  _orderBy: ClauseElement[] = NONE;
  _groupBy: ClauseElement[] = NONE;
  _from: FromClause[] = NONE as FromClause[];
  _distinct = false;
  _distinctOn: ClauseElement[] = NONE;
  _limit: ClauseElement | null = null;
  _offset: ClauseElement | null = null;
  _fetch: { count: ClauseElement; opts: FetchOptions } | null = null;
  _forUpdate: ForUpdateOptions | null = null;
  _correlate: FromClause[] | null = null;
  _correlateExcept: FromClause[] | null = null;
  _autoCorrelate = true;
  _labelStyle: LabelStyle = LABEL_STYLE_DEFAULT as LabelStyle;
  _prefixes: string[] = NONE as unknown as string[];
  _suffixes: string[] = NONE as unknown as string[];
  /** CTEs rendered in the WITH clause even when nothing references them (`addCte`) */
  _addedCtes: ClauseElement[] = NONE;

  constructor(columns: readonly (SelectArg | ClauseElement)[]) {
    super();
    if (columns.length === 0) this._rawColumns = NONE;
    else {
      const raw: ClauseElement[] = [];
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i];
        raw.push(c instanceof ClauseElement ? c : columnsClauseElement(c));
      }
      this._rawColumns = raw;
    }
  }

  /**
   * @internal a copy for generative methods. Copying the fields one by one keeps every Select
   * on one hidden class (Object.assign onto Object.create made this the hottest line of a build).
   */
  protected override _generate(): this {
    const s = new (this.constructor as new (c: readonly ClauseElement[]) => Select)(
      NO_COLUMNS,
    ) as unknown as this;
    s._rawColumns = this._rawColumns;
    s._where = this._where;
    s._having = this._having;
    s._orderBy = this._orderBy;
    s._groupBy = this._groupBy;
    s._from = this._from;
    s._distinct = this._distinct;
    s._distinctOn = this._distinctOn;
    s._limit = this._limit;
    s._offset = this._offset;
    s._fetch = this._fetch;
    s._forUpdate = this._forUpdate;
    s._correlate = this._correlate;
    s._correlateExcept = this._correlateExcept;
    s._autoCorrelate = this._autoCorrelate;
    s._labelStyle = this._labelStyle;
    s._prefixes = this._prefixes;
    s._suffixes = this._suffixes;
    s._addedCtes = this._addedCtes;
    return s;
  }

  /** @internal the selected column expressions, tables expanded into their columns */
  get _columns(): ColumnElement[] {
    const out: ColumnElement[] = [];
    for (const c of this._rawColumns) {
      if (c instanceof FromClause) out.push(...selectedColumnsOf(c));
      else if (c instanceof ColumnElement) out.push(c);
      else out.push(c as unknown as ColumnElement);
    }
    return out;
  }

  _exported(): ExportedColumn[] {
    const tq = this._labelStyle === LABEL_STYLE_TABLENAME_PLUS_COL;
    return this._columns.map((expr) => {
      const name = expr._labelName;
      const tname = (expr._fromTable as { name?: string } | null)?.name;
      const from = expr._fromTable;
      if (tq && name && !(expr as ColumnClause).isLiteral) {
        if (tname) return { expr, name: `${tname}_${name}`, key: `${tname}_${expr._keyName ?? name}` };
        if (from instanceof Alias) {
          const colName = (c: SQLCompiler) => c.columnName(expr as ColumnClause);
          return {
            expr,
            name: null,
            key: expr._keyName ?? name,
            resolve: (c) => `${c.aliasName(from)}_${colName(c)}`,
          };
        }
      }
      return { expr, name, key: expr._keyName ?? name ?? expr._anonLabelBase };
    });
  }

  /** The selected columns by key, for use as expressions. */
  get selectedColumnsByKey(): ColumnCollection {
    return makeColumnCollection(
      this._exported().map((e) => (e.expr instanceof ColumnClause ? e.expr : literalColumn(e.key))),
    );
  }

  /** Adds WHERE criteria, joined with AND. */
  where(...criteria: (ClauseElement | boolean)[]): this {
    const s = this._generate();
    const where = [...this._where];
    for (const c of criteria) where.push(coerceCriterion(c, "where()"));
    s._where = where;
    return s;
  }

  /** Adds HAVING criteria, joined with AND. */
  having(...criteria: ClauseElement[]): this {
    const s = this._generate();
    s._having = [...this._having, ...criteria.map((c) => coerceCriterion(c, "having()"))];
    return s;
  }

  /** Adds ORDER BY expressions (a string names a label in the columns clause); `orderBy(null)` clears it. */
  orderBy(...clauses: (ClauseElement | string | null)[]): this {
    const s = this._generate();
    s._orderBy =
      clauses.length === 1 && clauses[0] === null
        ? []
        : [
            ...this._orderBy,
            ...clauses.filter((c): c is ClauseElement | string => c !== null).map(orderItem),
          ];
    return s;
  }

  /** Adds GROUP BY expressions (a string names a label); `groupBy(null)` clears it. */
  groupBy(...clauses: (ClauseElement | string | null)[]): this {
    const s = this._generate();
    s._groupBy =
      clauses.length === 1 && clauses[0] === null
        ? []
        : [
            ...this._groupBy,
            ...clauses.filter((c): c is ClauseElement | string => c !== null).map(orderItem),
          ];
    return s;
  }

  /** `LIMIT n` (bound, so that every limit shares one cached statement); null removes it. */
  limit(n: number | ClauseElement | null): this {
    const s = this._generate();
    s._limit = limitBind(n);
    s._fetch = null;
    return s;
  }

  /** `OFFSET n` (bound); null removes it. */
  offset(n: number | ClauseElement | null): this {
    const s = this._generate();
    s._offset = limitBind(n);
    return s;
  }

  /** `FETCH FIRST n ROWS ONLY | WITH TIES` (SQL standard; PostgreSQL). */
  fetch(n: number | ClauseElement, opts: FetchOptions = {}): this {
    const s = this._generate();
    s._fetch = { count: limitBind(n)!, opts };
    s._limit = null;
    return s;
  }

  /** `SELECT DISTINCT`; with expressions, PostgreSQL's `DISTINCT ON (…)`. */
  distinct(...on: ClauseElement[]): this {
    const s = this._generate();
    s._distinct = true;
    s._distinctOn = [...this._distinctOn, ...on];
    return s;
  }

  /** `FOR UPDATE` and its variants (rendered per dialect; SQLite renders nothing). */
  forUpdate(opts: ForUpdateOptions = {}): this {
    const s = this._generate();
    s._forUpdate = opts;
    return s;
  }

  /** Same as `forUpdate` (SQLAlchemy's `with_for_update`). */
  withForUpdate(opts: ForUpdateOptions = {}): this {
    return this.forUpdate(opts);
  }

  /** Adds explicit FROM elements. */
  selectFrom(...froms: (FromClause | TextClause)[]): this {
    const s = this._generate();
    // a text() FROM is taken as written
    s._from = [...this._from, ...(froms as FromClause[])];
    return s;
  }

  /**
   * Joins `target` to the FROM element it relates to (the leftmost one the ON clause or a
   * foreign key links to).
   */
  join(target: FromClause, onclause?: ClauseElement, opts: JoinOptions = {}): this {
    // the explicit FROM elements, then the implicit ones not among them
    const froms = [...this._from];
    for (const c of this._rawColumns) collectFroms(c, froms);
    for (const c of this._where) collectFroms(c, froms);
    if (froms.length === 0)
      throw new ArgumentError("join() needs a FROM element to join from; use joinFrom()");
    let left = froms[0];
    if (onclause) {
      const referenced = fromObjectsOf(onclause);
      const hit = froms.find((f) => f !== target && f._fromObjects.some((o) => referenced.includes(o)));
      if (hit) left = hit;
    }
    return this._replaceFrom(left, new Join(left, target, onclause ?? null, opts));
  }

  /** `LEFT OUTER JOIN` form of `join()`. */
  outerJoin(target: FromClause, onclause?: ClauseElement, opts: { full?: boolean } = {}): this {
    return this.join(target, onclause, { ...opts, isouter: true });
  }

  /** SQLAlchemy's spelling of {@link outerJoin}. */
  outerjoin(target: FromClause, onclause?: ClauseElement, opts: { full?: boolean } = {}): this {
    return this.outerJoin(target, onclause, opts);
  }

  /** Joins `right` to an explicit left side `left`. */
  joinFrom(left: FromClause, right: FromClause, onclause?: ClauseElement, opts: JoinOptions = {}): this {
    return this._replaceFrom(left, new Join(left, right, onclause ?? null, opts));
  }

  /** `LEFT OUTER JOIN` form of `joinFrom()`. */
  outerJoinFrom(
    left: FromClause,
    right: FromClause,
    onclause?: ClauseElement,
    opts: { full?: boolean } = {},
  ): this {
    return this.joinFrom(left, right, onclause, { ...opts, isouter: true });
  }

  private _replaceFrom(left: FromClause, joined: Join): this {
    const s = this._generate();
    s._from = [...this._from];
    const exact = this._from.indexOf(left);
    let containing = -1;
    for (let i = 0; i < this._from.length && exact < 0; i++) {
      if (this._from[i]._fromObjects.includes(left)) {
        containing = i;
        break;
      }
    }
    if (exact >= 0) s._from[exact] = joined;
    else if (containing >= 0) {
      const outer = this._from[containing];
      s._from[containing] = new Join(outer, joined.right, joined.onclause, {
        isouter: joined.isouter,
        full: joined.full,
      });
    } else s._from.push(joined);
    return s;
  }

  /** @internal FROM elements implied by the columns and WHERE criteria */
  _implicitFroms(): FromClause[] {
    const out: FromClause[] = [];
    for (const c of this._rawColumns) collectFroms(c, out);
    for (const c of this._where) collectFroms(c, out);
    return out;
  }

  /** Correlates this (sub)query to the given FROM elements of an enclosing query; `correlate(null)` disables auto-correlation. */
  correlate(...froms: (FromClause | null)[]): this {
    const s = this._generate();
    s._autoCorrelate = false;
    s._correlate =
      froms.length === 1 && froms[0] === null
        ? []
        : [...(this._correlate ?? []), ...froms.filter((f): f is FromClause => f !== null)];
    return s;
  }

  /** Correlates to every enclosing FROM element except the given ones. */
  correlateExcept(...froms: (FromClause | null)[]): this {
    const s = this._generate();
    s._autoCorrelate = false;
    s._correlateExcept =
      froms.length === 1 && froms[0] === null
        ? []
        : [...(this._correlateExcept ?? []), ...froms.filter((f): f is FromClause => f !== null)];
    return s;
  }

  /** Chooses how columns are labelled (`sa.LABEL_STYLE_TABLENAME_PLUS_COL` …). */
  setLabelStyle(style: typeof LABEL_STYLE_DISAMBIGUATE_ONLY): this;
  /** Other styles key the rows differently (`users_id`; repeated names kept), so rows are untyped. */
  setLabelStyle(style: LabelStyle): Select;
  setLabelStyle(style: LabelStyle): this | Select {
    const s = this._generate();
    s._labelStyle = style;
    return s;
  }

  /** A copy selecting only the given columns (FROM elements implied by the old ones stay). */
  withOnlyColumns<C extends readonly SelectArg[]>(...columns: C): Select<C> {
    const s = this._generate() as unknown as Select<C>;
    s._rawColumns = [...columns] as ClauseElement[];
    return s;
  }

  /** A copy with more columns. */
  addColumns<C extends readonly SelectArg[]>(...columns: C): Select<[...Cols, ...C]> {
    const s = this._generate() as unknown as Select<[...Cols, ...C]>;
    s._rawColumns = [...this._rawColumns, ...(columns as unknown as ClauseElement[])];
    return s;
  }

  /**
   * Adds CTEs to the WITH clause whether or not the statement refers to them (for example a
   * data-modifying `UPDATE … RETURNING` CTE on PostgreSQL).
   */
  addCte(...ctes: ClauseElement[]): this {
    const s = this._generate();
    s._addedCtes = [...this._addedCtes, ...ctes];
    return s;
  }

  /** Text placed after SELECT (e.g. a hint). */
  prefixWith(...prefixes: string[]): this {
    const s = this._generate();
    s._prefixes = [...this._prefixes, ...prefixes];
    return s;
  }

  /** Text placed at the end of the statement. */
  suffixWith(...suffixes: string[]): this {
    const s = this._generate();
    s._suffixes = [...this._suffixes, ...suffixes];
    return s;
  }

  /**
   * `<this> UNION <others>`; rows are typed as this statement's.
   * @example
   * sa.select(users.c.id).union(sa.select(admins.c.id)); // rows { id: number }
   */
  union(...others: SelectBase[]): CompoundOf<Select<Cols>> {
    return compoundHook.make!("union", [this, ...others]) as CompoundOf<Select<Cols>>;
  }
  /** `<this> UNION ALL <others>` */
  unionAll(...others: SelectBase[]): CompoundOf<Select<Cols>> {
    return compoundHook.make!("unionAll", [this, ...others]) as CompoundOf<Select<Cols>>;
  }
  /** `<this> INTERSECT <others>` */
  intersect(...others: SelectBase[]): CompoundOf<Select<Cols>> {
    return compoundHook.make!("intersect", [this, ...others]) as CompoundOf<Select<Cols>>;
  }
  /** `<this> INTERSECT ALL <others>` */
  intersectAll(...others: SelectBase[]): CompoundOf<Select<Cols>> {
    return compoundHook.make!("intersectAll", [this, ...others]) as CompoundOf<Select<Cols>>;
  }
  /** `<this> EXCEPT <others>` */
  except(...others: SelectBase[]): CompoundOf<Select<Cols>> {
    return compoundHook.make!("except", [this, ...others]) as CompoundOf<Select<Cols>>;
  }
  /** `<this> EXCEPT ALL <others>` */
  exceptAll(...others: SelectBase[]): CompoundOf<Select<Cols>> {
    return compoundHook.make!("exceptAll", [this, ...others]) as CompoundOf<Select<Cols>>;
  }

  /** @internal used by CTE.unionAll */
  static _compound(kind: string, selects: ClauseElement[]): ClauseElement {
    return compoundHook.make!(kind as "union", selects as SelectBase[]);
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitSelect(this as unknown as Select, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    const style = LABEL_STYLES.indexOf(this._labelStyle);
    if (this._prefixes.length || this._suffixes.length || style < 0) {
      k.push(`${selectHead(this)}:${this._prefixes.join(" ")}:${this._suffixes.join(" ")}`);
    } else {
      // the common heads' part ids, by flags (no text built per key)
      const i = style * 4 + (this._distinct ? 2 : 0) + (this._autoCorrelate ? 1 : 0);
      if (HEAD_IDS[i] < 0) HEAD_IDS[i] = keyPartId(selectHead(this));
      if (HEAD_IDS[i] >= 0) k.pushId(HEAD_IDS[i]);
      else k.push(selectHead(this));
    }
    k.addAll(this._rawColumns);
    k.addAll(this._from);
    k.addAll(this._where);
    k.addAll(this._groupBy);
    k.addAll(this._having);
    k.addAll(this._orderBy);
    k.addAll(this._distinctOn);
    k.add(this._limit);
    k.add(this._offset);
    if (this._fetch) {
      k.push(`FETCH:${this._fetch.opts.withTies ? 1 : 0}${this._fetch.opts.percent ? 1 : 0}`);
      this._fetch.count._cacheKey(k);
    }
    if (this._forUpdate) {
      const f = this._forUpdate;
      k.push(`FU:${f.nowait ? 1 : 0}${f.skipLocked ? 1 : 0}${f.readOnly ? 1 : 0}${f.keyShare ? 1 : 0}`);
      if (f.of) k.addAll(Array.isArray(f.of) ? f.of : [f.of as ClauseElement]);
    }
    if (this._addedCtes.length) k.addAll(this._addedCtes);
    if (this._correlate) k.addAll(this._correlate);
    if (this._correlateExcept) k.addAll(this._correlateExcept);
  }
}

const LABEL_STYLES: readonly LabelStyle[] = [
  LABEL_STYLE_DISAMBIGUATE_ONLY,
  LABEL_STYLE_TABLENAME_PLUS_COL,
  LABEL_STYLE_NONE,
];
/** part ids of a Select's head by label style and flags (-1: not known, or the table is full) */
const HEAD_IDS: number[] = LABEL_STYLES.flatMap(() => [-1, -1, -1, -1]);

/** The first part of a Select's cache key: its flags. */
function selectHead(s: { _distinct: boolean; _labelStyle: LabelStyle; _autoCorrelate: boolean }): string {
  return `S${s._distinct ? 1 : 0}${s._labelStyle[0]}${s._autoCorrelate ? 1 : 0}`;
}

/**
 * A JS value given as a column, as SQLAlchemy's columns-clause coercion takes it: a number is
 * SQL text (`select(1)` is `SELECT 1`), `"*"` is `*`, null and booleans are NULL/true/false; any
 * other string is refused, as it would otherwise select itself as a bound value.
 */
function columnsClauseElement(c: unknown): ClauseElement {
  if ((typeof c === "number" && Number.isFinite(c)) || typeof c === "bigint") return literalColumn(String(c));
  if (typeof c === "string") {
    if (c === "*") return literalColumn("*");
    throw new ArgumentError(
      `Textual column expression '${c}' should be explicitly declared with text('${c}'), or use literalColumn('${c}') for more specificity`,
    );
  }
  if (c === null) return NULL;
  if (c === true) return TRUE;
  if (c === false) return FALSE;
  return coerceExpression(c);
}

/**
 * The columns `select(from)` selects. A join selects its tables' own columns (keyed `id`, `id_1`
 * in rows, as SQLAlchemy's), not the `users_id` keys its `.c` gives them.
 */
function selectedColumnsOf(from: FromClause): ColumnElement[] {
  if (from.visitName === "join") {
    const j = from as unknown as { left: FromClause; right: FromClause };
    return [...selectedColumnsOf(j.left), ...selectedColumnsOf(j.right)];
  }
  return columnsOf(from.c);
}

/** A reference to a columns-clause label by name, from `orderBy("name")`. */
export class OrderByLabelRef extends ColumnElement<unknown> {
  readonly visitName = "label_reference";
  constructor(readonly labelName: string) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitLabelReference(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`LREF:${this.labelName}`);
  }
}

registry.Select = Select as unknown as typeof registry.Select;
registry.OrderByLabelRef = OrderByLabelRef;

/**
 * `SELECT` of columns and/or tables. The row type is inferred from the arguments.
 * @example
 * sa.select(users.c.id, users.c.name)      // rows: { id: number; name: string }
 * sa.select(users)                          // every column of users
 */
export function select<const Cols extends readonly SelectArg[]>(...columns: Cols): Select<Cols> {
  return new Select<Cols>(columns);
}
