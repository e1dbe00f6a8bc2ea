import type { ColumnElement } from "../elements/column-element.js";
import { type ColumnConstructor, Column as ColumnImpl } from "./column.js";
import { ForeignKey as ForeignKeyImpl, type ForeignKeyOptions } from "./constraints.js";
import { type TableConstructor, Table as TableImpl } from "./table.js";

/** A table column; see `ColumnClass` for the members. */
export const Column: ColumnConstructor = ColumnImpl as unknown as ColumnConstructor;
export type Column<K extends string = string, T = unknown> = ColumnImpl<K, T>;

/** A table; see `TableClass` for the members. */
export const Table: TableConstructor & {
  // biome-ignore lint/suspicious/noExplicitAny: the reflecting constructor comes with the engine
  reflect?: (...args: any[]) => unknown;
} = TableImpl as unknown as TableConstructor;
export type Table<N extends string = string, Cols extends object = Record<string, ColumnElement>> = TableImpl<
  N,
  Cols
>;

/**
 * `sa.ForeignKey("users.id", { ondelete: "CASCADE" })` (with or without `new`): a column's reference
 * to another table's column.
 */
export const ForeignKey: {
  (target: string | ColumnElement, opts?: ForeignKeyOptions): ForeignKeyImpl;
  new (target: string | ColumnElement, opts?: ForeignKeyOptions): ForeignKeyImpl;
} = function ForeignKey(target: string | ColumnElement, opts?: ForeignKeyOptions) {
  return new ForeignKeyImpl(target, opts);
} as never;
export type ForeignKey = ForeignKeyImpl;
(ForeignKey as unknown as { prototype: unknown }).prototype = ForeignKeyImpl.prototype;
