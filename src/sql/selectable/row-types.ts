import type { ColumnElement } from "../elements/column-element.js";
import type { FromClause } from "./from-clause.js";

/** What `select()` accepts: column expressions and FROM elements (all of whose columns are selected). */
export type SelectArg = ColumnElement<unknown> | FromClause<object>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ValueOf<X> = X extends { readonly __value?: infer T } ? T : unknown;

/** The row keys one select argument contributes. */
type RowPart<X> =
  X extends FromClause<infer C>
    ? { [K in keyof C]: ValueOf<C[K]> }
    : X extends { readonly key: infer K extends string }
      ? string extends K
        ? {}
        : { [P in K]: ValueOf<X> }
      : {};

/**
 * The row type of a SELECT of `Cols`: `select(users.c.id, users.c.name)` gives
 * `{ id: number; name: string }`.
 */
export type RowOf<Cols extends readonly unknown[]> = Simplify<
  UnionToIntersection<{ [I in keyof Cols]: RowPart<Cols[I]> }[number]> extends infer R ? R : never
>;

/** The value types of a SELECT of `Cols`, in order (tables expand to their columns' union). */
export type TupleOf<Cols extends readonly unknown[]> = {
  [I in keyof Cols]: Cols[I] extends FromClause<infer C> ? ValueOf<C[keyof C]> : ValueOf<Cols[I]>;
};

/**
 * The row type of a statement: `SelectRow<typeof q>` for `q = sa.select(users.c.id)` is
 * `{ id: number }`.
 */
export type SelectRow<S> = S extends { readonly __row?: infer R } ? NonNullable<R> : never;
