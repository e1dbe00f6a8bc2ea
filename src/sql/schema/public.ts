import type { ColumnElement } from "../elements/column-element.js";
import { type ColumnConstructor, Column as ColumnImpl } from "./column.js";
import { ForeignKey as ForeignKeyImpl, type ForeignKeyOptions } from "./constraints.js";
import type { MetaData } from "./metadata.js";
import { type ReflectBind, type ReflectTableOptions, reflectTableVia } from "./reflect-hook.js";
import { type TableConstructor, Table as TableImpl } from "./table.js";

/** A table column; see `ColumnClass` for the members. */
export const Column: ColumnConstructor = ColumnImpl as unknown as ColumnConstructor;
export type Column<K extends string = string, T = unknown, PK extends boolean = boolean> = ColumnImpl<
  K,
  T,
  PK
>;

/** A table; see `TableClass` for the members. */
export const Table: TableConstructor & {
  /**
   * Reads a table's definition from the database into `meta` (and, unless `resolveFks: false`,
   * the tables its foreign keys refer to); a table already in `meta` comes back as it is.
   * @example
   * const users = await sa.Table.reflect("users", meta, conn, { includeColumns: ["id", "name"] });
   */
  reflect(name: string, meta: MetaData, bind: ReflectBind, opts?: ReflectTableOptions): Promise<TableImpl>;
} = Object.assign(TableImpl as unknown as TableConstructor, { reflect: reflectTableVia });
export type Table<
  N extends string = string,
  Cols extends object = Record<string, ColumnImpl>,
  Sel extends readonly unknown[] = readonly unknown[],
> = TableImpl<N, Cols, Sel>;

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
