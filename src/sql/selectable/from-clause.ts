import { type CacheKeyBuilder, ClauseElement } from "../base.js";
import type { ColumnClause } from "../elements/column-clause.js";
import type { ColumnElement } from "../elements/column-element.js";
import { registry } from "../registry.js";
import type { Alias, Lateral } from "./alias.js";
import type { JoinOf, JoinOptions } from "./join.js";
import type { Select } from "./select.js";

/** Columns of a FROM clause by key: `t.c.name`, `t.c["name"]`, iteration in order, `keys()`. */
export type ColumnCollection<Cols extends object = Record<string, ColumnElement>> = Cols &
  ColumnCollectionMethods;

export interface ColumnCollectionMethods {
  [Symbol.iterator](): IterableIterator<ColumnClause>;
}

const collectionProto = {
  [Symbol.iterator](this: Record<string, ColumnClause>): IterableIterator<ColumnClause> {
    return Object.values(this)[Symbol.iterator]();
  },
};

/** @internal builds a column collection object from ordered columns */
export function makeColumnCollection<Cols extends object>(
  columns: readonly ColumnClause[],
): ColumnCollection<Cols> {
  const c = Object.create(collectionProto) as Record<string, ColumnClause>;
  for (const col of columns) {
    if (!(col.key in c)) c[col.key] = col;
  }
  return c as unknown as ColumnCollection<Cols>;
}

/** Ordered columns of a collection, as an array. */
export function columnsOf(c: ColumnCollectionMethods): ColumnClause[] {
  return Object.values(c) as ColumnClause[];
}

const NO_FROMS: readonly FromClause[] = Object.freeze([]);

/** Something that can appear in a FROM clause: tables, aliases, subqueries, joins, CTEs. */
export abstract class FromClause<
  Cols extends object = object,
  Sel extends readonly unknown[] = readonly unknown[],
> extends ClauseElement {
  /**
   * @internal phantom: the columns `select(this)` selects, in order (a tuple of columns, or of
   * `SelectedColumn`s); a plain array type when the order is not known (reflected tables)
   */
  declare readonly __selected?: Sel;

  /** the columns of this FROM element, by key */
  abstract get c(): ColumnCollection<Cols>;

  /** same as `c` */
  get columns(): ColumnCollection<Cols> {
    return this.c;
  }

  /** the primary key columns, where known */
  get primaryKeyColumns(): ColumnClause[] {
    return [];
  }

  /**
   * @internal the FROM elements this one stands for (itself, and for joins their parts); one
   * array per element, read on every statement build and compile: do not modify it
   */
  get _fromObjects(): readonly FromClause[] {
    const own = this._ownFroms;
    // a copy made by `_generate` carries its original's array
    if (own !== undefined && own[0] === this) return own;
    return (this._ownFroms = [this]);
  }
  private _ownFroms: readonly FromClause[] | undefined;

  /** @internal FROM elements a SELECT no longer lists separately when this one is present */
  get _hideFroms(): readonly FromClause[] {
    return NO_FROMS;
  }

  /** @internal true when this element is, or is an alias of, `other` */
  _isDerivedFrom(other: FromClause): boolean {
    return other === this;
  }

  /**
   * An alias: `FROM mytable AS m`; without a name, anonymous (`mytable_1`).
   * @example
   * const m = users.alias("m"); sa.select(m.c.id);
   */
  alias<const N extends string = never>(name?: N): Alias<Cols, Sel, N> {
    return new registry.Alias!(this, name ?? null) as unknown as Alias<Cols, Sel, N>;
  }

  /** `LATERAL (...)` (PostgreSQL, MySQL 8). */
  lateral<const N extends string = never>(name?: N): Lateral<Cols, Sel, N> {
    return new registry.Lateral!(this, name ?? null) as unknown as Lateral<Cols, Sel, N>;
  }

  /**
   * `SELECT … FROM this`, every column of it, as `sa.select(this)` (SQLAlchemy's
   * `FromClause.select()`, what encode/databases' examples write as `notes.select()`).
   * @example
   * await conn.execute(users.select().where(users.c.id.eq(1)));
   */
  select<F extends FromClause<object, readonly unknown[]>>(this: F): Select<[F]> {
    return new registry.Select!([this]) as unknown as Select<[F]>;
  }

  /**
   * `this JOIN right ON onclause`; the ON clause is inferred from foreign keys when omitted.
   * The join's columns are keyed `<table>_<key>`; selecting it gives both sides' columns.
   * @example
   * const j = users.join(teams); j.c.users_id; j.c.teams_title;
   */
  join<
    L extends FromClause<object, readonly unknown[]>,
    R extends FromClause<object, readonly unknown[]>,
    const O extends JoinOptions = {},
  >(this: L, right: R, onclause?: ClauseElement, opts?: O): JoinOf<L, R, O> {
    return new registry.Join!(this, right, onclause ?? null, opts ?? {}) as unknown as JoinOf<L, R, O>;
  }

  /**
   * `this LEFT OUTER JOIN right ON onclause`: selected, the right side's columns may be null.
   * @example
   * sa.select(users.outerjoin(addresses)); // rows: address columns are `T | null`
   */
  outerjoin<
    L extends FromClause<object, readonly unknown[]>,
    R extends FromClause<object, readonly unknown[]>,
    const O extends { full?: boolean } = {},
  >(this: L, right: R, onclause?: ClauseElement, opts?: O): JoinOf<L, R, O & { isouter: true }> {
    return new registry.Join!(this, right, onclause ?? null, { ...opts, isouter: true }) as unknown as JoinOf<
      L,
      R,
      O & { isouter: true }
    >;
  }

  /**
   * `outerjoin` under the name `Select.outerJoin` has (API.md), so either spelling works on both.
   * @example
   * users.outerJoin(addresses); // users LEFT OUTER JOIN addresses ON users.id = addresses.user_id
   */
  outerJoin<
    L extends FromClause<object, readonly unknown[]>,
    R extends FromClause<object, readonly unknown[]>,
    const O extends { full?: boolean } = {},
  >(this: L, right: R, onclause?: ClauseElement, opts?: O): JoinOf<L, R, O & { isouter: true }> {
    return this.outerjoin(right, onclause, opts);
  }

  /** @internal the structural part of a cache key shared by FROM elements */
  abstract override _cacheKey(k: CacheKeyBuilder): void;
}
