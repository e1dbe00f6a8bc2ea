import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { BindParameter } from "../elements/bind-param.js";
import { IntegerType } from "../types/sqltypes.js";
import { compoundHook } from "./compound-hook.js";
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
 * @example
 * sa.union(sa.select(a.c.x), sa.select(b.c.x)).orderBy("x").limit(5);
 */
export class CompoundSelect extends SelectBase {
  readonly visitName = "compound_select";
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
  /** Adds another SELECT with the same operator. */
  union(...others: SelectBase[]): CompoundSelect {
    return new CompoundSelect("union", [this, ...others]);
  }
  unionAll(...others: SelectBase[]): CompoundSelect {
    return new CompoundSelect("unionAll", [this, ...others]);
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitCompoundSelect(this, kw);
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

compoundHook.make = (kind, selects) => new CompoundSelect(kind, selects as SelectBase[]);

/** `a UNION b …` */
export function union(...selects: SelectBase[]): CompoundSelect {
  return new CompoundSelect("union", selects);
}
/** `a UNION ALL b …` */
export function unionAll(...selects: SelectBase[]): CompoundSelect {
  return new CompoundSelect("unionAll", selects);
}
/** `a INTERSECT b …` */
export function intersect(...selects: SelectBase[]): CompoundSelect {
  return new CompoundSelect("intersect", selects);
}
/** `a INTERSECT ALL b …` */
export function intersectAll(...selects: SelectBase[]): CompoundSelect {
  return new CompoundSelect("intersectAll", selects);
}
/** `a EXCEPT b …` */
export function except(...selects: SelectBase[]): CompoundSelect {
  return new CompoundSelect("except", selects);
}
/** `a EXCEPT ALL b …` */
export function exceptAll(...selects: SelectBase[]): CompoundSelect {
  return new CompoundSelect("exceptAll", selects);
}
