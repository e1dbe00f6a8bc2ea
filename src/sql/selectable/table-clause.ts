import { type CacheKeyBuilder, newUid } from "../base.js";
import { keyPartId } from "../cache-key.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { Insert } from "../dml/insert.js";
import type { DmlTarget } from "../dml/target-types.js";
import type { Update } from "../dml/update.js";
import type { ColumnClause } from "../elements/column-clause.js";
import { type ColumnCollection, FromClause, makeColumnCollection } from "./from-clause.js";

/** The DML constructors, registered by the dml modules (they import this one). @internal */
export const dmlRegistry: {
  insert?: (t: TableClause) => unknown;
  update?: (t: TableClause) => unknown;
  delete?: (t: TableClause) => unknown;
} = {};

/** Record of columns keyed by their keys, from a tuple of columns. */
export type ColumnsByKey<A extends readonly unknown[]> = {
  [C in Extract<A[number], ColumnClause<string, unknown>> as C["key"]]: C;
};

/** The columns among a table's arguments, in order (what `select(table)` selects). */
export type ColumnTuple<
  A extends readonly unknown[],
  Acc extends readonly unknown[] = [],
> = A extends readonly [infer H, ...infer T]
  ? ColumnTuple<T, H extends ColumnClause<string, unknown> ? [...Acc, H] : Acc>
  : Acc;

/**
 * A named table with columns, without schema information (`sa.table()`); `Table` extends it.
 */
export class TableClause<
  N extends string = string,
  Cols extends object = object,
  Sel extends readonly unknown[] = readonly unknown[],
> extends FromClause<Cols, Sel> {
  readonly visitName: string = "table";
  /** @internal identity in cache keys */
  readonly _uid = newUid();
  /** @internal `schema.name` as rendered for the identifier preparer `_sqlBy` (see SQLCompiler.tableName) */
  _sqlText = "";
  _sqlBy: unknown = null;
  /** @internal the id of a schema Table's cache-key part (-1: not known yet) */
  private _keyId = -1;
  protected _c: ColumnCollection<Cols>;
  protected _columnList: ColumnClause[];

  constructor(
    readonly name: N,
    columns: readonly ColumnClause[],
    readonly schema: string | null = null,
  ) {
    super();
    for (const col of columns) col.table = this;
    this._columnList = [...columns];
    this._c = makeColumnCollection<Cols>(columns);
  }

  get c(): ColumnCollection<Cols> {
    return this._c;
  }

  /** `schema.name`, or `name` */
  get fullname(): string {
    return this.schema ? `${this.schema}.${this.name}` : this.name;
  }

  /** @internal adds a column after construction */
  _appendColumn(col: ColumnClause): void {
    col.table = this;
    this._columnList.push(col);
    (this._c as unknown as Record<string, ColumnClause>)[col.key] = col;
  }

  /** `INSERT INTO` this table; `values()` and `insertedPrimaryKey` are typed by its columns. */
  insert(): Insert & DmlTarget<Cols, Sel> {
    return dmlRegistry.insert!(this) as Insert & DmlTarget<Cols, Sel>;
  }
  /** `UPDATE` this table; `values()` is typed by its columns. */
  update(): Update & DmlTarget<Cols, Sel> {
    return dmlRegistry.update!(this) as Update & DmlTarget<Cols, Sel>;
  }
  /** `DELETE FROM` this table. */
  delete(): import("../dml/delete.js").Delete {
    return dmlRegistry.delete!(this) as import("../dml/delete.js").Delete;
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitTable(this, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    // schema Tables live as long as their MetaData: their identity is enough; lightweight
    // table() objects are often rebuilt per statement, so they are keyed by structure
    if ("metadata" in this) {
      if (this._keyId < 0) this._keyId = keyPartId(`T:${this._uid}`);
      if (this._keyId >= 0) k.pushId(this._keyId);
      else k.push(`T:${this._uid}`);
      return;
    }
    if (k.seen(this)) return;
    k.push(
      `t:${this.name}:${this.schema ?? ""}:${this._columnList.map((c) => `${c.name}/${c.type.cacheKeyString}`).join(",")}`,
    );
  }
}

/**
 * A lightweight table for building statements without MetaData.
 * @example
 * const t = sa.table("mytable", sa.column("myid", sa.Integer), sa.column("name", sa.String));
 * sa.select(t.c.myid).where(t.c.name.eq("x"));
 */
export function table<
  const N extends string,
  const A extends readonly (ColumnClause<string, unknown> | { schema?: string })[],
>(name: N, ...args: A): TableClause<N, ColumnsByKey<A>, ColumnTuple<A>> {
  const cols: ColumnClause[] = [];
  let schema: string | null = null;
  for (const a of args) {
    if (a && typeof a === "object" && "_compile" in a) cols.push(a as ColumnClause);
    else if (a) schema = (a as { schema?: string }).schema ?? null;
  }
  return new TableClause<N, ColumnsByKey<A>, ColumnTuple<A>>(name, cols, schema);
}
