import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { ValueOf } from "../selectable/row-types.js";
import { BigIntegerType, DateTimeType, IntegerType, StringType } from "../types/sqltypes.js";
import { NULLTYPE, type TypeArg, type TypeEngine, toType } from "../types/type-engine.js";
import { BindParameter } from "./bind-param.js";
import { literalColumn } from "./column-clause.js";
import { ColumnElement } from "./column-element.js";
import { ClauseList } from "./expressions.js";
import { FunctionFilter, type OverOptions, WithinGroup } from "./wrappers.js";

/** Return types of well-known SQL functions (SQLAlchemy's GenericFunction registry). */
const KNOWN_TYPES: Record<string, () => TypeEngine> = {
  count: () => new IntegerType(),
  char_length: () => new IntegerType(),
  now: () => new DateTimeType(),
  current_timestamp: () => new DateTimeType(),
  localtimestamp: () => new DateTimeType(),
  current_date: () => new DateTimeType(),
  concat: () => new StringType(),
  lower: () => new StringType(),
  upper: () => new StringType(),
  row_number: () => new IntegerType(),
  rank: () => new IntegerType(),
  dense_rank: () => new IntegerType(),
  cume_dist: () => new BigIntegerType(),
};

/**
 * SQLAlchemy's GenericFunction registry: these names are looked up case-insensitively and render
 * (and label) under their registered lower-case name, `func.Now()` → `now()` AS now_1.
 */
const REGISTERED = new Set([
  "aggregate_strings",
  "array_agg",
  "char_length",
  "coalesce",
  "concat",
  "count",
  "cube",
  "cume_dist",
  "current_date",
  "current_time",
  "current_timestamp",
  "current_user",
  "dense_rank",
  "grouping_sets",
  "localtime",
  "localtimestamp",
  "max",
  "min",
  "mode",
  "next_value",
  "now",
  "percent_rank",
  "percentile_cont",
  "percentile_disc",
  "random",
  "rank",
  "rollup",
  "session_user",
  "sum",
  "sysdate",
  "user",
]);

/**
 * The registered functions SQLAlchemy's compiler spells its own way (its FUNCTIONS table): ANSI
 * names without parentheses when called bare (`CURRENT_TIMESTAMP`), `GROUPING SETS(...)`.
 */
const ANSI_NAMES: Record<string, string> = {
  coalesce: "coalesce",
  current_date: "CURRENT_DATE",
  current_time: "CURRENT_TIME",
  current_timestamp: "CURRENT_TIMESTAMP",
  current_user: "CURRENT_USER",
  localtime: "LOCALTIME",
  localtimestamp: "LOCALTIMESTAMP",
  random: "random",
  sysdate: "sysdate",
  session_user: "SESSION_USER",
  user: "USER",
  cube: "CUBE",
  rollup: "ROLLUP",
  grouping_sets: "GROUPING SETS",
};

/** Of those, the ones that keep their parentheses with no arguments (`random()`). */
const ALWAYS_PARENS = new Set(["coalesce", "cube", "grouping_sets", "random", "rollup"]);

/** Functions whose arguments take the type of the first argument (`coalesce(x, 5)` binds 5 as x's type). */
const RETURNS_FIRST_ARG_TYPE = new Set(["coalesce", "max", "min", "sum"]);

/**
 * A SQL function call: `count(x)`, `lower(x)`, `my_proc(a, b)`. Built through `sa.func`.
 */
export class FunctionElement<T = unknown> extends ColumnElement<T> {
  readonly visitName = "function";
  override readonly type: TypeEngine;
  readonly clauses: ClauseList;
  constructor(
    readonly name: string,
    args: readonly unknown[],
    type?: TypeArg,
    readonly packageNames: readonly string[] = [],
  ) {
    super();
    const lname = name.toLowerCase();
    const first = args[0] instanceof ColumnElement ? (args[0] as ColumnElement) : null;
    this.clauses = new ClauseList(
      args.map((a) =>
        a instanceof ColumnElement || (a !== null && typeof a === "object" && "_compile" in (a as object))
          ? (a as ClauseElement)
          : a === null
            ? nullHook.make!()
            : new BindParameter(name, a, {
                unique: true,
                type: RETURNS_FIRST_ARG_TYPE.has(lname) && first ? first.type : undefined,
              }),
      ),
    );
    this.type =
      type !== undefined
        ? toType(type)
        : (KNOWN_TYPES[lname]?.() ?? (RETURNS_FIRST_ARG_TYPE.has(lname) && first ? first.type : NULLTYPE));
  }
  /**
   * The name and argument form SQLAlchemy's FUNCTIONS table gives a registered function, with
   * `args` the rendered argument list: `CURRENT_TIMESTAMP`, `ROLLUP(a, b)`; null for any other.
   */
  ansiSql(args: () => string): string | null {
    if (this.packageNames.length) return null;
    const mapped = ANSI_NAMES[this.name];
    if (mapped === undefined) return null;
    return this.clauses.clauses.length || ALWAYS_PARENS.has(this.name) ? `${mapped}(${args()})` : mapped;
  }
  override get _anonLabelBase(): string {
    return this.name;
  }
  override get _bindKey(): string {
    return this.name;
  }
  /** `fn() OVER (…)`: a window function */
  over(opts: OverOptions = {}): ColumnElement<T> {
    return overHook.make!(this, opts) as ColumnElement<T>;
  }
  /** `fn() FILTER (WHERE …)` */
  filter(...criteria: ClauseElement[]): FunctionFilter<T> {
    return new FunctionFilter(this, criteria.length === 1 ? criteria[0] : overHook.and!(criteria));
  }
  /** `fn() WITHIN GROUP (ORDER BY …)` */
  withinGroup(...orderBy: ClauseElement[]): WithinGroup<T> {
    return new WithinGroup(this, new ClauseList(orderBy));
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitFunction(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`FN:${this.packageNames.join(".")}.${this.name}:${this.type.cacheKeyString}`);
    k.addAll(this.clauses.clauses);
  }
}

/** @internal installed by the module that builds windows and boolean lists (avoids an import cycle) */
export const overHook: {
  make: ((fn: ColumnElement, opts: OverOptions) => ColumnElement) | null;
  and: ((criteria: ClauseElement[]) => ClauseElement) | null;
} = { make: null, and: null };

/** A SQL function by name; its properties are package-qualified functions (`func.pkg.fn()`). */
export type FunctionCaller = (<T = unknown>(...args: unknown[]) => FunctionElement<T>) & {
  readonly [pkg: string]: FunctionCaller;
};

/** The value type of an expression argument (a plain value: its own type). */
type ArgValue<A> = A extends ColumnElement<unknown> ? ValueOf<A> : A;

/** 1 when some argument is never null (a column `nullable: false`, a literal other than null). */
type SomeNonNull<A extends readonly unknown[]> = {
  [I in keyof A]: null extends ArgValue<A[I]> ? never : 1;
}[number];

/** `coalesce(...)`'s type: the first argument's, null only when every argument may be null. */
type Coalesced<A extends readonly unknown[]> =
  | Exclude<ArgValue<A[0]>, null>
  | ([SomeNonNull<A>] extends [never] ? null : never);

/** An aggregate typed as its argument: `max`, `min`, `sum` (NULL over no rows). */
type ArgTypedAggregate = <E extends ColumnElement<unknown>>(
  expr: E,
) => FunctionElement<Exclude<ValueOf<E>, null> | null>;

/**
 * `sa.func`: every property is a SQL function; a few well-known ones are typed. Each typed member
 * is an overload tried before the generic caller, so `func.max(1, 2)` or `func.count.pkg()` still
 * compile (as `unknown`).
 */
export type FuncBuilder = {
  /** the SQL function `count(x)`; `count()` is `count(*)` */
  readonly count: ((expr?: unknown) => FunctionElement<number>) & FunctionCaller;
  /**
   * `max(x)`, typed as `x` (SQLAlchemy's ReturnTypeFromArgs), or null.
   * @example
   * sa.select(sa.func.max(posts.c.views)); // number | null
   */
  readonly max: ArgTypedAggregate & FunctionCaller;
  /** `min(x)`, typed as `x`, or null */
  readonly min: ArgTypedAggregate & FunctionCaller;
  /** `sum(x)`, typed as `x`, or null */
  readonly sum: ArgTypedAggregate & FunctionCaller;
  /**
   * `coalesce(a, b, …)`, typed as `a`; nullable only when every argument may be null.
   * @example
   * sa.func.coalesce(posts.c.price, "0"); // FunctionElement<string>
   */
  readonly coalesce: (<const A extends readonly [ColumnElement<unknown>, ...unknown[]]>(
    ...args: A
  ) => FunctionElement<Coalesced<A>>) &
    FunctionCaller;
  readonly now: (() => FunctionElement<Date>) & FunctionCaller;
  readonly current_timestamp: (() => FunctionElement<Date>) & FunctionCaller;
  readonly row_number: (() => FunctionElement<number>) & FunctionCaller;
  readonly rank: (() => FunctionElement<number>) & FunctionCaller;
  readonly dense_rank: (() => FunctionElement<number>) & FunctionCaller;
} & { readonly [name: string]: FunctionCaller };

function makeFunc(packages: readonly string[]): FuncBuilder {
  return new Proxy(() => undefined, {
    get(_target, prop) {
      if (typeof prop !== "string") return undefined;
      const name = prop;
      const call = (...args: unknown[]) => {
        if (name.toLowerCase() === "count" && packages.length === 0 && args.length === 0) {
          return new FunctionElement("count", [starColumn()]);
        }
        const lname = name.toLowerCase();
        const canonical = packages.length === 0 && REGISTERED.has(lname) ? lname : name;
        return new FunctionElement(canonical, args, undefined, packages);
      };
      return new Proxy(call, {
        get(_t, sub) {
          if (typeof sub !== "string") return undefined;
          return (makeFunc([...packages, name]) as unknown as Record<string, unknown>)[sub];
        },
      });
    },
  }) as unknown as FuncBuilder;
}

function starColumn(): ClauseElement {
  return literalColumn("*");
}

/** @internal NULL, installed by constants.ts */
export const nullHook: { make: (() => ClauseElement) | null } = { make: null };

/**
 * Any SQL function by name, rendered as written: `sa.func.count(users.c.id)`,
 * `sa.func.row_number().over({ orderBy: users.c.id })`, `sa.func.my_schema.my_fn(1)`.
 */
export const func: FuncBuilder = makeFunc([]);
