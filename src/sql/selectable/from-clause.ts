import { type CacheKeyBuilder, ClauseElement } from "../base.js";
import type { ColumnClause } from "../elements/column-clause.js";
import type { ColumnElement } from "../elements/column-element.js";
import { registry } from "../registry.js";
import type { Alias, Lateral } from "./alias.js";
import type { Join, JoinOptions } from "./join.js";

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
export abstract class FromClause<Cols extends object = object> extends ClauseElement {
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
  alias(name?: string): Alias<Cols> {
    return new registry.Alias!(this, name ?? null) as Alias<Cols>;
  }

  /** `LATERAL (...)` (PostgreSQL, MySQL 8). */
  lateral(name?: string): Lateral<Cols> {
    return new registry.Lateral!(this, name ?? null) as unknown as Lateral<Cols>;
  }

  /** `this JOIN right ON onclause`; the ON clause is inferred from foreign keys when omitted. */
  join<R extends object>(
    right: FromClause<R>,
    onclause?: ClauseElement,
    opts: JoinOptions = {},
  ): Join<Cols & R> {
    return new registry.Join!(this, right, onclause ?? null, opts) as unknown as Join<Cols & R>;
  }

  /** `this LEFT OUTER JOIN right ON onclause` */
  outerjoin<R extends object>(
    right: FromClause<R>,
    onclause?: ClauseElement,
    opts: { full?: boolean } = {},
  ): Join<Cols & R> {
    return new registry.Join!(this, right, onclause ?? null, { ...opts, isouter: true }) as unknown as Join<
      Cols & R
    >;
  }

  /**
   * `outerjoin` under the name `Select.outerJoin` has (API.md), so either spelling works on both.
   * @example
   * users.outerJoin(addresses); // users LEFT OUTER JOIN addresses ON users.id = addresses.user_id
   */
  outerJoin<R extends object>(
    right: FromClause<R>,
    onclause?: ClauseElement,
    opts: { full?: boolean } = {},
  ): Join<Cols & R> {
    return this.outerjoin(right, onclause, opts);
  }

  /** @internal the structural part of a cache key shared by FROM elements */
  abstract override _cacheKey(k: CacheKeyBuilder): void;
}
