import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { IntegerType, TupleType } from "../types/sqltypes.js";
import { NULLTYPE, type TypeArg, type TypeEngine, toType } from "../types/type-engine.js";
import { BindParameter } from "./bind-param.js";
import { ColumnElement } from "./column-element.js";
import type { ClauseList } from "./expressions.js";
import { overHook } from "./functions.js";

/** `CAST(expr AS type)`; selected, it keeps the wrapped column's name. */
export class Cast<T = unknown> extends ColumnElement<T> {
  readonly visitName = "cast";
  override readonly type: TypeEngine;
  constructor(
    readonly element: ColumnElement,
    type: TypeArg,
  ) {
    super();
    this.type = toType(type);
  }
  override get _labelName(): string | null {
    return this.element._labelName;
  }
  override get _keyName(): string | null {
    return this.element._keyName;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitCast(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`CAST:${this.type.cacheKeyString}`);
    this.element._cacheKey(k);
  }
}

/** Gives an expression a type on the JS side without rendering a CAST. */
export class TypeCoerce<T = unknown> extends ColumnElement<T> {
  readonly visitName = "type_coerce";
  override readonly type: TypeEngine;
  constructor(
    readonly element: ColumnElement,
    type: TypeArg,
  ) {
    super();
    this.type = toType(type);
  }
  override get _labelName(): string | null {
    return this.element._labelName;
  }
  override get _keyName(): string | null {
    return this.element._keyName;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return this.element._compile(c, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`TC:${this.type.cacheKeyString}`);
    this.element._cacheKey(k);
  }
}

/** `CASE [value] WHEN … THEN … [ELSE …] END` */
export class Case<T = unknown> extends ColumnElement<T> {
  readonly visitName = "case";
  override readonly type: TypeEngine;
  constructor(
    readonly whens: readonly (readonly [ClauseElement, ClauseElement])[],
    readonly value: ClauseElement | null,
    readonly else_: ClauseElement | null,
  ) {
    super();
    const typed = [...whens.map((w) => w[1]), else_].find(
      (e) => e instanceof ColumnElement && e.type !== NULLTYPE,
    ) as ColumnElement | undefined;
    this.type = typed?.type ?? NULLTYPE;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitCase(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`CASE:${this.whens.length}`);
    k.add(this.value);
    for (const [w, t] of this.whens) {
      w._cacheKey(k);
      t._cacheKey(k);
    }
    k.add(this.else_);
  }
}

/** `EXTRACT(field FROM expr)` */
export class Extract extends ColumnElement<number> {
  readonly visitName = "extract";
  override readonly type: TypeEngine = new IntegerType();
  constructor(
    readonly field: string,
    readonly expr: ColumnElement,
  ) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitExtract(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`EXTRACT:${this.field}`);
    this.expr._cacheKey(k);
  }
}

/** `(a, b)`: a row value, usable with `in()` and comparisons. */
export class Tuple extends ColumnElement<unknown[]> {
  readonly visitName = "tuple";
  override readonly type: TypeEngine;
  constructor(readonly clauses: readonly ColumnElement[]) {
    super();
    // the element types: IN lists bind each member with its column's type, and the empty-list
    // form needs the width
    this.type = new TupleType(...clauses.map((c) => c.type));
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitTuple(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("TUPLE");
    k.addAll(this.clauses);
  }
}

export type FrameBound = number | null;
export interface OverOptions {
  partitionBy?: ClauseElement | string | readonly (ClauseElement | string)[];
  orderBy?: ClauseElement | string | readonly (ClauseElement | string)[];
  /** `[start, end]`: negative is PRECEDING, positive FOLLOWING, 0 CURRENT ROW, null UNBOUNDED */
  rows?: readonly [FrameBound, FrameBound];
  range?: readonly [FrameBound, FrameBound];
}

/** `fn() OVER (PARTITION BY … ORDER BY …)`: a window function. */
export class Over<T = unknown> extends ColumnElement<T> {
  readonly visitName = "over";
  override readonly type: TypeEngine;
  constructor(
    readonly element: ColumnElement<T>,
    readonly partitionBy: ClauseList | null,
    readonly orderBy: ClauseList | null,
    readonly rows: readonly [FrameBound, FrameBound] | null,
    readonly range: readonly [FrameBound, FrameBound] | null,
  ) {
    super();
    this.type = element.type;
    const frame = rows ?? range;
    // a bounded offset is a bound value (`ROWS BETWEEN :param_1 PRECEDING`), as in SQLAlchemy
    this.frameBinds = frame ? [frameBind(frame[0]), frameBind(frame[1])] : [null, null];
  }
  /** the bound offsets of the frame's start and end, null where UNBOUNDED or CURRENT ROW */
  readonly frameBinds: readonly [BindParameter | null, BindParameter | null];
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitOver(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`OVER:${frameShape(this.rows)}:${frameShape(this.range)}`);
    this.element._cacheKey(k);
    k.add(this.partitionBy);
    k.add(this.orderBy);
    k.add(this.frameBinds[0]);
    k.add(this.frameBinds[1]);
  }
}

function frameBind(b: FrameBound): BindParameter | null {
  return b === null || b === 0
    ? null
    : new BindParameter("param", Math.abs(b), { unique: true, type: INTEGER });
}

/** the frame without its offsets' values: UNBOUNDED (u), CURRENT ROW (c), PRECEDING (p), FOLLOWING (f) */
function frameShape(f: readonly [FrameBound, FrameBound] | null): string {
  if (!f) return "";
  return f.map((b) => (b === null ? "u" : b === 0 ? "c" : b < 0 ? "p" : "f")).join("");
}

const INTEGER = new IntegerType();

/** `fn() FILTER (WHERE …)` */
export class FunctionFilter<T = unknown> extends ColumnElement<T> {
  readonly visitName = "funcfilter";
  override readonly type: TypeEngine;
  constructor(
    readonly func: ColumnElement<T>,
    readonly criterion: ClauseElement,
  ) {
    super();
    this.type = func.type;
  }
  /**
   * `fn() FILTER (WHERE …) OVER (…)`.
   * @example
   * sa.func.count(t.c.id).filter(t.c.ok.eq(true)).over({ partitionBy: t.c.g });
   */
  over(opts: OverOptions = {}): ColumnElement<T> {
    return overHook.make!(this, opts) as ColumnElement<T>;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitFunctionFilter(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("FILTER");
    this.func._cacheKey(k);
    this.criterion._cacheKey(k);
  }
}

/** `fn() WITHIN GROUP (ORDER BY …)` */
export class WithinGroup<T = unknown> extends ColumnElement<T> {
  readonly visitName = "withingroup";
  override readonly type: TypeEngine;
  constructor(
    readonly element: ColumnElement<T>,
    readonly orderBy: ClauseList,
  ) {
    super();
    this.type = element.type;
  }
  /**
   * `fn() WITHIN GROUP (ORDER BY …) OVER (…)`: an ordered-set aggregate as a window function.
   * @example
   * sa.func.percentile_cont(0.5).withinGroup(t.c.x).over({ partitionBy: t.c.g });
   */
  over(opts: OverOptions = {}): ColumnElement<T> {
    return overHook.make!(this, opts) as ColumnElement<T>;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitWithinGroup(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("WITHINGROUP");
    this.element._cacheKey(k);
    this.orderBy._cacheKey(k);
  }
}
