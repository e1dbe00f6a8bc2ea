/**
 * Types of the `columns()` and `scalars()` arguments and of what they select: a row key, a
 * position, or a column expression of the statement.
 */

/** A column of a result as `columns()`/`scalars()` take it: key, position or Column object. */
export type ColumnArg = string | number | object;

/** The row key an argument selects, when the types know it. */
export type KeyOfArg<R, A> = A extends string
  ? A extends keyof R
    ? A
    : never
  : A extends { readonly key: infer K extends string }
    ? K extends keyof R
      ? K
      : never
    : never;

/** The value type an argument selects, when the types know it (else unknown). */
export type ValueOfArg<R, T extends readonly unknown[], A> = A extends number
  ? `${A}` extends keyof T
    ? T[A]
    : unknown
  : A extends string
    ? A extends keyof R
      ? R[A]
      : unknown
    : A extends { readonly __value?: infer V }
      ? V
      : unknown;

/** The row record after `columns(...args)`. */
export type PickColumns<R, A extends readonly ColumnArg[]> = string extends keyof R
  ? R
  : { [K in KeyOfArg<R, A[number]>]: R[K] };

/** The value tuple after `columns(...args)`. */
export type TupleOfColumns<R, T extends readonly unknown[], A extends readonly ColumnArg[]> = {
  readonly [I in keyof A]: ValueOfArg<R, T, A[I]>;
} extends infer X extends readonly unknown[]
  ? X
  : readonly unknown[];
