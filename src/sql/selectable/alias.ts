import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import { newUid } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { ColumnClause } from "../elements/column-clause.js";
import type { ColumnElement } from "../elements/column-element.js";
import { registry } from "../registry.js";
import { type ColumnCollection, columnsOf, FromClause, makeColumnCollection } from "./from-clause.js";

/** Something whose rows can be aliased: a FROM element, or a SELECT (see SelectBase). */
export interface AliasableElement extends ClauseElement {
  /** @internal the columns an alias of this element exposes */
  _exportedColumns(alias: FromClause): ColumnClause[];
}

function exported(element: ClauseElement, alias: FromClause): ColumnClause[] {
  if (element instanceof FromClause) {
    return columnsOf(element.c).map((c) => c._proxyFor(alias));
  }
  return (element as AliasableElement)._exportedColumns(alias);
}

/**
 * `element AS name`. An alias without a name is anonymous and numbered at compile time
 * (`mytable_1` for a table, `anon_1` for a subquery).
 */
export class Alias<
  Cols extends object = Record<string, ColumnElement>,
  Sel extends readonly unknown[] = readonly unknown[],
  N extends string = string,
> extends FromClause<Cols, Sel> {
  readonly visitName: string = "alias";
  /** @internal phantom: the alias name as given (never when anonymous), which prefixes `Join.c` keys */
  declare readonly __name?: N;
  /** @internal identity in cache keys */
  readonly _uid = newUid();
  private _cols: ColumnCollection<Cols> | null = null;

  constructor(
    readonly element: ClauseElement,
    readonly name: string | null,
  ) {
    super();
  }

  get c(): ColumnCollection<Cols> {
    if (!this._cols) this._cols = makeColumnCollection<Cols>(exported(this.element, this));
    return this._cols;
  }

  /** the base of the anonymous name: the table's name, or `anon` */
  get _anonBase(): string {
    const n = (this.element as { name?: unknown }).name;
    return this.element.visitName === "table" && typeof n === "string" ? n : "anon";
  }

  override _isDerivedFrom(other: FromClause): boolean {
    return other === this || (this.element instanceof FromClause && this.element._isDerivedFrom(other));
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitAlias(this as unknown as Alias, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    if (k.seen(this)) return;
    k.push(`${this.visitName}:${this.name ?? "~"}`);
    this.element._cacheKey(k);
  }
}

/** A SELECT used as a FROM element: `(SELECT ...) AS anon_1`. Built by `select.subquery()`. */
export class Subquery<
  Cols extends object = Record<string, ColumnElement>,
  Sel extends readonly unknown[] = readonly unknown[],
  N extends string = string,
> extends Alias<Cols, Sel, N> {
  override readonly visitName: string = "subquery";
}

/** `LATERAL (SELECT ...) AS name` */
export class Lateral<
  Cols extends object = Record<string, ColumnElement>,
  Sel extends readonly unknown[] = readonly unknown[],
  N extends string = string,
> extends Alias<Cols, Sel, N> {
  override readonly visitName: string = "lateral";
}

/**
 * A common table expression: `WITH name AS (SELECT ...)`. Built by `select.cte(name, { recursive })`.
 * @example
 * const parts = sa.select(p.c.id).cte("parts", { recursive: true });
 * const full = parts.unionAll(sa.select(p.c.id).where(p.c.parent.eq(parts.c.id)));
 */
export class CTE<
  Cols extends object = Record<string, ColumnElement>,
  Sel extends readonly unknown[] = readonly unknown[],
  N extends string = string,
> extends Alias<Cols, Sel, N> {
  override readonly visitName: string = "cte";
  constructor(
    element: ClauseElement,
    name: string | null,
    readonly recursive = false,
    /** @internal the CTE this one continues (`cte.unionAll(...)` keeps the name and identity) */
    readonly _restates: CTE | null = null,
    readonly nesting = false,
  ) {
    super(element, name);
  }

  /** @internal the original CTE object a union'ed CTE stands for */
  get _root(): CTE {
    return this._restates ? this._restates._root : (this as unknown as CTE);
  }

  private _compound(kind: "union" | "unionAll", others: ClauseElement[]): CTE<Cols, Sel, N> {
    const root = this._root;
    const sel = registry.Select!;
    const compound = (
      sel as unknown as { _compound: (k: string, s: ClauseElement[]) => ClauseElement }
    )._compound(kind, [this.element, ...others]);
    const cte = new CTE<Cols, Sel, N>(compound, this.name, this.recursive, root, this.nesting);
    return cte;
  }

  /** `WITH name AS (<this> UNION ALL <other>)`: the recursive step of a recursive CTE */
  unionAll(...others: ClauseElement[]): CTE<Cols, Sel, N> {
    return this._compound("unionAll", others);
  }

  /** `WITH name AS (<this> UNION <other>)` */
  union(...others: ClauseElement[]): CTE<Cols, Sel, N> {
    return this._compound("union", others);
  }

  override _cacheKey(k: CacheKeyBuilder): void {
    if (k.seen(this)) return;
    if (this._restates) this._restates._cacheKey(k);
    k.push(`cte:${this.name ?? "~"}:${this.recursive ? 1 : 0}:${this.nesting ? 1 : 0}`);
    this.element._cacheKey(k);
  }
}

registry.Alias = Alias;
registry.Subquery = Subquery;
registry.Lateral = Lateral;
registry.CTE = CTE;

/** @internal proxies a selected expression as a column of a subquery or CTE */
export function proxyColumn(expr: ColumnElement, name: string, key: string, alias: FromClause): ColumnClause {
  const c = new ColumnClause(name, expr.type, { key });
  c.table = alias;
  (c as { _proxied?: ColumnElement })._proxied = expr;
  return c;
}
