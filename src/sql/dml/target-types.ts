import type { ClauseElement } from "../base.js";
import type { ValueOf } from "../selectable/row-types.js";
import type { TableClause } from "../selectable/table-clause.js";

/**
 * The table an INSERT or UPDATE was built on, carried by the statement's type: its columns by key
 * (`Cols`, what `values()` checks) and in order (`Sel`, what orders `insertedPrimaryKey`). A
 * function type, like `ReturningRows`, so that the phantom stays covariant.
 */
export interface DmlTarget<Cols extends object, Sel extends readonly unknown[]> {
  /** @internal phantom: the target's columns */
  readonly __target?: () => [Cols, Sel];
}

/**
 * The statement `S` on `T`: `sa.insert(users)` is `Insert & DmlTarget<…users' columns>`; on an
 * alias or a join, just `S` (untyped values).
 * @example
 * type Q = sa.OnTable<sa.Insert, typeof users>;
 */
export type OnTable<S, T> = T extends TableClause<string, infer C, infer Sel> ? S & DmlTarget<C, Sel> : S;

/**
 * What a column accepts as a value: its JS type (a Numeric's string also as a number, a
 * BigInteger's bigint also as a number, as comparisons take them), null when it is nullable, or
 * any SQL expression (a column, a bindparam, a subquery).
 */
export type ColumnValue<T> =
  | T
  | (T extends bigint ? number : never)
  | (T extends string ? (string extends T ? number : never) : never)
  | ClauseElement;

/** `values()`' argument for the columns `Cols`: every key optional, none other allowed. */
type ValuesOfColumns<Cols> = string extends keyof Cols
  ? Record<string, unknown>
  : [keyof Cols] extends [never]
    ? Record<string, unknown>
    : { [K in keyof Cols]?: ColumnValue<ValueOf<Cols[K]>> };

/**
 * One row of `values()` for the statement `S`: checked against its table's columns when the
 * types know them, any record otherwise (a reflected table, a table without columns).
 * @example
 * const row: sa.ValuesFor<ReturnType<typeof users.insert>> = { name: "ed" };
 */
export type ValuesFor<S> = S extends { readonly __target?: () => [infer Cols, readonly unknown[]] }
  ? ValuesOfColumns<Cols>
  : Record<string, unknown>;

/** The value types of the declared primary key columns among `Sel`, in order. */
type PrimaryKeyValues<
  Sel extends readonly unknown[],
  Acc extends readonly unknown[] = [],
> = Sel extends readonly [infer H, ...infer R]
  ? PrimaryKeyValues<
      R,
      H extends { readonly __primaryKey?: infer P } ? ([P] extends [true] ? [...Acc, ValueOf<H>] : Acc) : Acc
    >
  : Acc;

/**
 * The values of `insertedPrimaryKey` for the statement `S`: its table's primary key columns' types
 * in order (`readonly [number]`), unknown values when the types do not know them.
 */
export type PrimaryKeyOfStatement<S> = S extends {
  readonly __target?: () => [object, infer Sel extends readonly unknown[]];
}
  ? number extends Sel["length"]
    ? readonly unknown[]
    : PrimaryKeyValues<Sel> extends infer P extends readonly unknown[]
      ? P extends readonly []
        ? readonly unknown[]
        : Readonly<P>
      : never
  : readonly unknown[];
