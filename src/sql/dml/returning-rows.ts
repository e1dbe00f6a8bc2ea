import type { SelectArg } from "../selectable/row-types.js";

/**
 * The RETURNING list of an INSERT, UPDATE or DELETE, carried by its type; UpdateBase derives the
 * row phantoms (`__row`, `__tuple`, `__columns`, as a SELECT has them) from it.
 *
 * A function type rather than the plain tuple: `returning()` twice intersects two of these, and
 * an intersection of tuples of different lengths is `never`, while one of functions is an
 * overload list, whose last signature (the longer list) is what `infer` reads.
 */
export interface ReturningRows<Cols extends readonly unknown[]> {
  /** @internal phantom: the columns returned so far */
  readonly __returning?: () => Cols;
}

/** The RETURNING list so far, `[]` for none. */
type Returned<S> = S extends { readonly __returning?: () => infer C extends readonly unknown[] } ? C : [];

/**
 * @internal The RETURNING list that types a statement's rows; an array type (untyped rows) when
 * the statement has none.
 */
export type ReturningOf<S> = S extends { readonly __returning?: () => infer C extends readonly unknown[] }
  ? C
  : readonly SelectArg[];

/**
 * The statement `S` after `returning(...C)`: still `S` (its generative methods keep the row
 * type), with the rows of every column returned so far.
 * @example
 * type Q = sa.WithReturning<sa.Insert, [typeof users.c.id]>; // executes to rows { id: number }
 */
export type WithReturning<S, C extends readonly unknown[]> = S & ReturningRows<[...Returned<S>, ...C]>;
