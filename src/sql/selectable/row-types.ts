import type { ColumnElement } from "../elements/column-element.js";
import type { FromClause } from "./from-clause.js";

/** What `select()` accepts: column expressions and FROM elements (all of whose columns are selected). */
export type SelectArg = ColumnElement<unknown> | FromClause<object, readonly unknown[]>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value type an expression carries in its phantom `__value`. */
export type ValueOf<X> = X extends { readonly __value?: infer T } ? T : unknown;

/**
 * One selected column as the types see it: its row key (`never` when the database names it,
 * `count_1`) and its value. `select()`'s arguments expand to a tuple of these.
 */
export interface SelectedColumn<K extends string = string, V = unknown> {
  readonly key: K;
  readonly __value?: V;
}

/**
 * Stands in for the columns of a FROM element whose column order the types do not know (a
 * reflected table, `sa.join()`): its keys are merged without disambiguation.
 */
export interface UnorderedColumns<R = Record<string, unknown>> {
  readonly __unordered: R;
}

/** The row key an expression is selected under, when the types know it. */
type KeyOf<X> = X extends { readonly key: infer K extends string }
  ? string extends K
    ? never
    : K
  : X extends { readonly __key?: infer K }
    ? Exclude<K, undefined> extends infer P extends string
      ? string extends P
        ? never
        : P
      : never
    : never;

/** The columns a FROM element contributes, in order (see `FromClause`'s `Sel` parameter). */
export type ColumnsOfFrom<F> =
  F extends FromClause<infer C, infer S>
    ? number extends S["length"]
      ? [UnorderedColumns<{ [K in keyof C]: ValueOf<C[K]> }>]
      : S
    : [];

/** The ordered columns of a select list: FROM elements expanded, left to right. */
type Expand<Cols extends readonly unknown[], Acc extends readonly unknown[] = []> = Cols extends readonly [
  infer H,
  ...infer T,
]
  ? Expand<T, [...Acc, ...(H extends FromClause<object, readonly unknown[]> ? ColumnsOfFrom<H> : [H])]>
  : Acc;

/** `K`, or `K_1`, `K_2` … as the runtime renames a repeated key (`select(a.c.x, b.c.x)`: x, x_1). */
type Disambiguate<K extends string, Seen extends string, N extends unknown[] = [unknown]> = K extends Seen
  ? `${K}_${N["length"]}` extends Seen
    ? N["length"] extends 20
      ? never
      : Disambiguate<K, Seen, [...N, unknown]>
    : `${K}_${N["length"]}`
  : K;

/**
 * The columns of a select list under their row keys, repeated keys renamed. The types cannot tell
 * the same column selected twice (`x__1` at runtime) from two columns of one key (`x_1`); they
 * assume the latter.
 */
type Named<
  E extends readonly unknown[],
  Seen extends string = never,
  Acc extends readonly unknown[] = [],
> = E extends readonly [infer H, ...infer T]
  ? H extends UnorderedColumns<infer R>
    ? Named<T, Seen | (keyof R & string), [...Acc, H]>
    : [KeyOf<H>] extends [never]
      ? Named<T, Seen, [...Acc, SelectedColumn<never, ValueOf<H>>]>
      : Disambiguate<KeyOf<H>, Seen> extends infer P extends string
        ? Named<T, Seen | P, [...Acc, SelectedColumn<P, ValueOf<H>>]>
        : never
  : Acc;

/**
 * The selected columns of a SELECT of `Cols` with their row keys, in order; an array type
 * (not a tuple) when the statement's columns are not known.
 */
export type SelectedColumns<Cols extends readonly unknown[]> = number extends Cols["length"]
  ? readonly SelectedColumn[]
  : Named<Expand<Cols>>;

/** `Drop`: keys left out (a repeated key of a RETURNING list, whose access throws at runtime). */
type RecordOf<E extends readonly unknown[], Drop extends string = never> = number extends E["length"]
  ? Record<string, unknown>
  : {
      [C in Extract<E[number], SelectedColumn> as Exclude<C["key"], Drop>]: ValueOf<C>;
    } & (E[number] extends infer U ? (U extends UnorderedColumns<infer R> ? R : unknown) : unknown);

/**
 * The row type of a SELECT of `Cols`: `select(users.c.id, users.c.name)` gives
 * `{ id: number; name: string }`; repeated keys are renamed as at runtime (`id`, `id_1`).
 * @example
 * type R = sa.RowOf<[typeof users.c.id, typeof teams.c.id]>; // { id: number; id_1: number }
 */
export type RowOf<Cols extends readonly unknown[]> = Simplify<RecordOf<SelectedColumns<Cols>>>;

/**
 * The columns of a RETURNING list or of `text().columns(...)` under their keys as given: unlike a
 * SELECT's columns clause, these are not labelled, so a repeated key is not renamed.
 */
export type ReturningColumns<Cols extends readonly unknown[]> = number extends Cols["length"]
  ? readonly SelectedColumn[]
  : Expand<Cols> extends infer E extends readonly unknown[]
    ? {
        readonly [I in keyof E]: E[I] extends UnorderedColumns
          ? E[I]
          : SelectedColumn<KeyOf<E[I]>, ValueOf<E[I]>>;
      }
    : never;

/** The keys that occur more than once among `E`'s columns. */
type RepeatedKeys<
  E extends readonly unknown[],
  Seen extends string = never,
  Rep extends string = never,
> = E extends readonly [infer H, ...infer T]
  ? H extends UnorderedColumns<infer R>
    ? RepeatedKeys<T, Seen | (keyof R & string), Rep | (keyof R & Seen)>
    : H extends SelectedColumn<infer K>
      ? RepeatedKeys<T, Seen | K, Rep | (K & Seen)>
      : RepeatedKeys<T, Seen, Rep>
  : Rep;

/**
 * The row type of a RETURNING list or of `text().columns(...)`: `returning(users.c.id)` gives
 * `{ id: number }`. A repeated key is left out, since reading it throws "Ambiguous column name"
 * (its values are still in the row's positions).
 * @example
 * type R = sa.ReturningRowOf<[typeof users.c.id, typeof users.c.name]>; // { id: number; name: string }
 */
export type ReturningRowOf<Cols extends readonly unknown[]> = Simplify<
  RecordOf<ReturningColumns<Cols>, RepeatedKeys<ReturningColumns<Cols>>>
>;

type TupleOfColumns<E extends readonly unknown[]> = number extends E["length"]
  ? readonly unknown[]
  : Extract<E[number], UnorderedColumns> extends never
    ? { readonly [I in keyof E]: ValueOf<E[I]> }
    : readonly unknown[];

/**
 * The value types of a SELECT of `Cols`, in order, tables expanded to their columns:
 * `select(users)` gives `readonly [number, string, …]`.
 * @example
 * type T = sa.TupleOf<[typeof users.c.id, typeof users.c.name]>; // readonly [number, string]
 */
export type TupleOf<Cols extends readonly unknown[]> = TupleOfColumns<SelectedColumns<Cols>>;

/**
 * The row record type of a statement (`select(users.c.id)` gives `{ id: number }`); an untyped
 * record for one that does not declare its rows (`text("…")`, DML without RETURNING).
 */
export type RowOfStatement<S> = S extends { readonly __row?: infer R }
  ? NonNullable<R>
  : Record<string, unknown>;

/** The value tuple of a statement (`select(users.c.id, users.c.name)` gives `readonly [number, string]`). */
export type TupleOfStatement<S> = S extends { readonly __tuple?: infer T extends readonly unknown[] }
  ? T
  : readonly unknown[];

/** The selected columns of a statement under their row keys (the columns of its subquery). */
export type ColumnsOfStatement<S> = S extends { readonly __columns?: infer E extends readonly unknown[] }
  ? E
  : readonly unknown[];

/**
 * The row type of a statement: `SelectRow<typeof q>` for `q = sa.select(users.c.id)` is
 * `{ id: number }`.
 */
export type SelectRow<S> = S extends { readonly __row?: infer R } ? NonNullable<R> : never;
