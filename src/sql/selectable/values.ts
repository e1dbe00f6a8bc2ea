import { type CacheKeyBuilder, newUid } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { BindParameter } from "../elements/bind-param.js";
import type { ColumnClause } from "../elements/column-clause.js";
import { ColumnElement } from "../elements/column-element.js";
import { type ColumnCollection, FromClause, makeColumnCollection } from "./from-clause.js";

/**
 * A `VALUES` list used as a FROM element: `(VALUES (1, 'a'), (2, 'b')) AS name (id, text)`.
 * @example
 * const v = sa.values(sa.column("id", sa.Integer), sa.column("text", sa.String), { name: "v" })
 *   .data([[1, "a"], [2, "b"]]);
 * sa.select(v.c.id, v.c.text);
 */
export class Values<Cols extends object = Record<string, ColumnElement>> extends FromClause<Cols> {
  readonly visitName = "values";
  /** @internal identity in cache keys */
  readonly _uid = newUid();
  readonly rows: readonly (readonly ColumnElement[])[] = [];
  private readonly _c: ColumnCollection<Cols>;

  constructor(
    readonly columnList: readonly ColumnClause[],
    readonly name: string | null = null,
    readonly literalBinds = false,
  ) {
    super();
    for (const col of columnList) col.table = this;
    this._c = makeColumnCollection<Cols>(columnList);
  }

  get c(): ColumnCollection<Cols> {
    return this._c;
  }

  /** The anonymous-name base (`anon_1`). */
  get _anonBase(): string {
    return "anon";
  }

  /** Adds rows; plain values are bound with the column's type. */
  data(rows: readonly (readonly unknown[])[]): Values<Cols> {
    const copy = new Values<Cols>(
      this.columnList.map((c) => c._proxyFor(this)),
      this.name,
      this.literalBinds,
    );
    const built = rows.map((row) =>
      row.map((v, i) =>
        v instanceof ColumnElement
          ? v
          : new BindParameter("param", v, { unique: true, type: this.columnList[i]?.type }),
      ),
    );
    (copy as { rows: readonly (readonly ColumnElement[])[] }).rows = [...this.rows, ...built];
    return copy;
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitValues(this as unknown as Values, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    if (k.seen(this)) return;
    k.push(
      `VALUES:${this.name ?? ""}:${this.columnList.map((c) => `${c.name}/${c.type.cacheKeyString}`).join(",")}:${this.rows.length}:${this.literalBinds ? 1 : 0}`,
    );
    for (const row of this.rows) k.addAll(row);
  }
}

/**
 * `sa.values(...columns, { name })`: a VALUES construct; call `.data(rows)` to give the rows.
 */
export function values(...args: (ColumnClause | { name?: string; literalBinds?: boolean })[]): Values {
  const cols: ColumnClause[] = [];
  let opts: { name?: string; literalBinds?: boolean } = {};
  for (const a of args) {
    if (a instanceof ColumnElement) cols.push(a as ColumnClause);
    else opts = a as { name?: string; literalBinds?: boolean };
  }
  return new Values(cols, opts.name ?? null, opts.literalBinds ?? false);
}
