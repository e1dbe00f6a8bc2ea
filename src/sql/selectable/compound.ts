import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { BindParameter } from "../elements/bind-param.js";
import { IntegerType } from "../types/sqltypes.js";
import { compoundHook } from "./compound-hook.js";
import type { ColumnsOfStatement, RowOfStatement, TupleOfStatement } from "./row-types.js";
import { OrderByLabelRef } from "./select.js";
import { type ExportedColumn, SelectBase } from "./select-base.js";

export type CompoundKind = "union" | "unionAll" | "intersect" | "intersectAll" | "except" | "exceptAll";

export const COMPOUND_KEYWORDS: Record<CompoundKind, string> = {
  union: "UNION",
  unionAll: "UNION ALL",
  intersect: "INTERSECT",
  intersectAll: "INTERSECT ALL",
  except: "EXCEPT",
  exceptAll: "EXCEPT ALL",
};

const INTEGER = new IntegerType();

/**
 * `a UNION b`, `a UNION ALL b`, `INTERSECT`, `EXCEPT`; takes ORDER BY / LIMIT / OFFSET of its own.
 * Its rows are typed as the first SELECT's: `R` the row record, `T` the value tuple, `E` the
 * columns of a subquery of it.
 * @example
 * sa.union(sa.select(a.c.x), sa.select(b.c.x)).orderBy("x").limit(5); // rows { x: … } as a.c.x
 */
export class CompoundSelect<
  R = Record<string, unknown>,
  T extends readonly unknown[] = readonly unknown[],
  E extends readonly unknown[] = readonly unknown[],
> extends SelectBase {
  readonly visitName = "compound_select";
  /** @internal phantom: the row type (the first SELECT's, whose names the result takes) */
  declare readonly __row?: R;
  /** @internal phantom: the row's value types in order */
  declare readonly __tuple?: T;
  /** @internal phantom: the columns of a subquery */
  declare readonly __columns?: E;
  _orderBy: ClauseElement[] = [];
  _groupBy: ClauseElement[] = [];
  _limit: ClauseElement | null = null;
  _offset: ClauseElement | null = null;

  constructor(
    readonly kind: CompoundKind,
    readonly selects: readonly SelectBase[],
  ) {
    super();
  }

  _exported(): ExportedColumn[] {
    return this.selects[0]._exported();
  }

  orderBy(...clauses: (ClauseElement | string)[]): this {
    const s = this._generate();
    s._orderBy = [
      ...this._orderBy,
      ...clauses.map((c) => (typeof c === "string" ? new OrderByLabelRef(c) : c)),
    ];
    return s;
  }
  groupBy(...clauses: (ClauseElement | string)[]): this {
    const s = this._generate();
    s._groupBy = [
      ...this._groupBy,
      ...clauses.map((c) => (typeof c === "string" ? new OrderByLabelRef(c) : c)),
    ];
    return s;
  }
  limit(n: number | null): this {
    const s = this._generate();
    s._limit = n === null ? null : new BindParameter("param", n, { unique: true, type: INTEGER });
    return s;
  }
  offset(n: number | null): this {
    const s = this._generate();
    s._offset = n === null ? null : new BindParameter("param", n, { unique: true, type: INTEGER });
    return s;
  }
  /** `this UNION others …`, typed as this statement. */
  union(...others: SelectBase[]): CompoundSelect<R, T, E> {
    return new CompoundSelect<R, T, E>("union", [this, ...others]);
  }
  /** `this UNION ALL others …`, typed as this statement. */
  unionAll(...others: SelectBase[]): CompoundSelect<R, T, E> {
    return new CompoundSelect<R, T, E>("unionAll", [this, ...others]);
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitCompoundSelect(this as CompoundSelect, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`COMPOUND:${this.kind}`);
    k.addAll(this.selects);
    k.addAll(this._orderBy);
    k.addAll(this._groupBy);
    k.add(this._limit);
    k.add(this._offset);
  }
}

/**
 * The compound select whose first statement is `S`: it takes `S`'s row types.
 * @example
 * type U = sa.CompoundOf<typeof q>; // CompoundSelect<{ id: number }, readonly [number], …> for q = select(users.c.id)
 */
export type CompoundOf<S> = CompoundSelect<RowOfStatement<S>, TupleOfStatement<S>, ColumnsOfStatement<S>>;

compoundHook.make = (kind, selects) => new CompoundSelect(kind, selects as SelectBase[]);

/**
 * `a UNION b …`; rows are typed as `a`'s (`S`, the arguments as a tuple, finds it).
 * @example
 * sa.union(sa.select(users.c.id), sa.select(admins.c.id)); // rows { id: number }
 */
export function union<S extends readonly SelectBase[]>(...selects: S): CompoundOf<S[0]> {
  return new CompoundSelect("union", selects) as CompoundOf<S[0]>;
}
/** `a UNION ALL b …` */
export function unionAll<S extends readonly SelectBase[]>(...selects: S): CompoundOf<S[0]> {
  return new CompoundSelect("unionAll", selects) as CompoundOf<S[0]>;
}
/** `a INTERSECT b …` */
export function intersect<S extends readonly SelectBase[]>(...selects: S): CompoundOf<S[0]> {
  return new CompoundSelect("intersect", selects) as CompoundOf<S[0]>;
}
/** `a INTERSECT ALL b …` */
export function intersectAll<S extends readonly SelectBase[]>(...selects: S): CompoundOf<S[0]> {
  return new CompoundSelect("intersectAll", selects) as CompoundOf<S[0]>;
}
/** `a EXCEPT b …` */
export function except<S extends readonly SelectBase[]>(...selects: S): CompoundOf<S[0]> {
  return new CompoundSelect("except", selects) as CompoundOf<S[0]>;
}
/** `a EXCEPT ALL b …` */
export function exceptAll<S extends readonly SelectBase[]>(...selects: S): CompoundOf<S[0]> {
  return new CompoundSelect("exceptAll", selects) as CompoundOf<S[0]>;
}
