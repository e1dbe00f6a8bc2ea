import { ArgumentError } from "../../exc.js";
import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import { keyPartId } from "../cache-key.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { ColumnClause } from "../elements/column-clause.js";
import type { ColumnElement } from "../elements/column-element.js";
import { registry } from "../registry.js";
import { Alias } from "./alias.js";
import { type ColumnCollection, columnsOf, FromClause, makeColumnCollection } from "./from-clause.js";
import { andHook } from "./hooks.js";
import type { ColumnsOfFrom, SelectedColumn, UnorderedColumns, ValueOf } from "./row-types.js";

export interface JoinOptions {
  /** LEFT OUTER JOIN */
  isouter?: boolean;
  /** FULL OUTER JOIN */
  full?: boolean;
}

/** The foreign keys a table-like FROM element declares (schema Tables have them). */
interface HasForeignKeys {
  foreignKeys: Iterable<{ parent: ColumnClause; column: ColumnClause }>;
}

function baseTable(f: FromClause): FromClause {
  return f instanceof Alias && f.element instanceof FromClause ? baseTable(f.element) : f;
}

function columnIn(from: FromClause, col: ColumnClause): ColumnClause | null {
  for (const c of columnsOf(from.c)) {
    let p: ColumnElement | undefined = c;
    while (p) {
      if (p === col) return c;
      p = (p as { _proxied?: ColumnElement })._proxied;
    }
  }
  return null;
}

/** Builds `a.x = b.y AND …` from the foreign keys between two FROM elements. */
function inferOnclause(left: FromClause, right: FromClause): ClauseElement {
  const conds: ColumnElement[] = [];
  const lefts = left instanceof Join ? left._allTables() : [left];
  for (const l of lefts) {
    for (const [child, parent] of [
      [right, l],
      [l, right],
    ] as const) {
      const t = baseTable(child) as unknown as Partial<HasForeignKeys>;
      if (!t.foreignKeys) continue;
      for (const fk of t.foreignKeys) {
        const target = columnIn(parent, fk.column);
        const source = columnIn(child, fk.parent);
        if (target && source) conds.push(target.eq(source));
      }
    }
    if (conds.length) break;
  }
  if (conds.length === 0) {
    const name = (f: FromClause) => (f as { name?: string }).name ?? f.visitName;
    throw new ArgumentError(
      `Can't find any foreign key relationships between '${name(left)}' and '${name(right)}'; give the ON clause`,
    );
  }
  return conds.length === 1 ? conds[0] : andHook.and!(conds);
}

/** The name a FROM element prefixes its columns with in a join: never when anonymous, string when not known. */
type PrefixOf<F> =
  F extends Alias<object, readonly unknown[], infer N>
    ? N
    : F extends { readonly name: infer N extends string }
      ? N
      : never;

/** One side's columns in `Join.c`: keyed `<name>_<key>` as at runtime (a nested join's as they are). */
type SideColumns<F> =
  F extends Join<infer C>
    ? C
    : F extends FromClause<infer C>
      ? [PrefixOf<F>] extends [never]
        ? C
        : string extends PrefixOf<F>
          ? { readonly [key: string]: ColumnClause<string, unknown> }
          : {
              [K in keyof C & string as `${PrefixOf<F>}_${K}`]: ColumnClause<
                `${PrefixOf<F>}_${K}`,
                ValueOf<C[K]>
              >;
            }
      : never;

/** The columns of an outer join's nullable side. */
type OrNull<E extends readonly unknown[]> = {
  [I in keyof E]: E[I] extends UnorderedColumns<infer R>
    ? UnorderedColumns<{ [K in keyof R]: R[K] | null }>
    : SelectedColumn<E[I] extends { readonly key: infer K extends string } ? K : never, ValueOf<E[I]> | null>;
};

type Opt<O, K extends string> = O extends { readonly [P in K]?: infer B }
  ? B extends true
    ? true
    : false
  : false;

/**
 * The type of `left.join(right, on, opts)`: `c` keyed `<table>_<key>`, and `select(join)` the
 * columns of both sides (the outer side's `| null`).
 */
export type JoinOf<L, R, O> = Join<
  SideColumns<L> & SideColumns<R>,
  [
    ...(Opt<O, "full"> extends true ? OrNull<ColumnsOfFrom<L>> : ColumnsOfFrom<L>),
    ...(Opt<O, "isouter"> extends true
      ? OrNull<ColumnsOfFrom<R>>
      : Opt<O, "full"> extends true
        ? OrNull<ColumnsOfFrom<R>>
        : ColumnsOfFrom<R>),
  ]
>;

/** part ids of a join's cache key by its flags (-1: not known, or the part table is full) */
const JOIN_IDS = [-1, -1, -1, -1];

/** `left [LEFT OUTER | FULL OUTER] JOIN right ON onclause` */
export class Join<
  Cols extends object = Record<string, ColumnElement>,
  Sel extends readonly unknown[] = readonly unknown[],
> extends FromClause<Cols, Sel> {
  readonly visitName = "join";
  readonly onclause: ClauseElement;
  readonly isouter: boolean;
  readonly full: boolean;
  private _cols: ColumnCollection<Cols> | null = null;

  constructor(
    readonly left: FromClause,
    readonly right: FromClause,
    onclause: ClauseElement | null,
    opts: JoinOptions = {},
  ) {
    super();
    this.onclause = onclause ?? inferOnclause(left, right);
    this.isouter = opts.isouter ?? opts.full ?? false;
    this.full = opts.full ?? false;
  }

  /** Columns of both sides, keyed `<table>_<column>` as SQLAlchemy does. */
  get c(): ColumnCollection<Cols> {
    if (!this._cols) {
      const cols: ColumnClause[] = [];
      for (const side of [this.left, this.right]) {
        // a nested join's columns are prefixed already (SQLAlchemy: a_id, b_id, c_id …)
        if (side instanceof Join) {
          cols.push(...columnsOf(side.c));
          continue;
        }
        if (!side.c) continue;
        for (const col of columnsOf(side.c)) {
          const tname = (col.table as { name?: string } | null)?.name;
          const proxy = Object.create(col) as ColumnClause;
          Object.defineProperty(proxy, "key", { value: tname ? `${tname}_${col.key}` : col.key });
          cols.push(proxy);
        }
      }
      this._cols = makeColumnCollection<Cols>(cols);
    }
    return this._cols;
  }

  /** @internal the tables and aliases this join is made of, left to right */
  _allTables(): FromClause[] {
    const out: FromClause[] = [];
    for (const side of [this.left, this.right]) {
      if (side instanceof Join) out.push(...side._allTables());
      else out.push(side);
    }
    return out;
  }

  // both computed once: a join's sides do not change
  private _froms: readonly FromClause[] | null = null;
  private _hidden: readonly FromClause[] | null = null;

  // a side may be textual (`t.join(sa.text("other"), sa.text("..."))`): it has no FROM objects
  override get _fromObjects(): readonly FromClause[] {
    return (this._froms ??= [this, ...(this.left._fromObjects ?? []), ...(this.right._fromObjects ?? [])]);
  }

  override get _hideFroms(): readonly FromClause[] {
    return (this._hidden ??= [...(this.left._fromObjects ?? []), ...(this.right._fromObjects ?? [])]);
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitJoin(this as unknown as Join, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    const i = (this.isouter ? 1 : 0) + (this.full ? 2 : 0);
    if (JOIN_IDS[i] < 0) JOIN_IDS[i] = keyPartId(`J:${this.isouter ? 1 : 0}${this.full ? 1 : 0}`);
    if (JOIN_IDS[i] >= 0) k.pushId(JOIN_IDS[i]);
    else k.push(`J:${this.isouter ? 1 : 0}${this.full ? 1 : 0}`);
    this.left._cacheKey(k);
    this.right._cacheKey(k);
    this.onclause._cacheKey(k);
  }
}

registry.Join = Join;

/**
 * `sa.join(a, b, on?, { isouter, full })`
 * @example
 * sa.select(users.c.name).selectFrom(sa.join(users, addresses));
 */
export function join<
  L extends FromClause<object, readonly unknown[]>,
  R extends FromClause<object, readonly unknown[]>,
  const O extends JoinOptions = {},
>(left: L, right: R, onclause?: ClauseElement, opts?: O): JoinOf<L, R, O> {
  return new Join(left, right, onclause ?? null, opts ?? {}) as unknown as JoinOf<L, R, O>;
}

/**
 * `sa.outerjoin(a, b, on?)`: LEFT OUTER JOIN (FULL with `{ full: true }`)
 * @example
 * sa.select(users.c.name, addresses.c.email).selectFrom(sa.outerjoin(users, addresses));
 */
export function outerjoin<
  L extends FromClause<object, readonly unknown[]>,
  R extends FromClause<object, readonly unknown[]>,
  const O extends { full?: boolean } = {},
>(left: L, right: R, onclause?: ClauseElement, opts?: O): JoinOf<L, R, O & { isouter: true }> {
  return new Join(left, right, onclause ?? null, { ...opts, isouter: true }) as unknown as JoinOf<
    L,
    R,
    O & { isouter: true }
  >;
}
