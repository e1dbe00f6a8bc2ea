import { ArgumentError } from "../../exc.js";
import type { Dialect } from "../dialect.js";

/** How a type behaves in expressions: which operators mean what, which literal form it takes. */
export type TypeAffinity =
  | "null"
  | "integer"
  | "numeric"
  | "float"
  | "string"
  | "boolean"
  | "datetime"
  | "date"
  | "time"
  | "interval"
  | "json"
  | "binary"
  | "uuid"
  | "array"
  | "other";

/** Converts a JS value into what the driver accepts, or a driver value into the JS value. */
export type Processor = (value: unknown) => unknown;

/**
 * Base of every SQL type. `T` is the JS type of its values, used to infer row types.
 * @example
 * new sa.Column("id", sa.Integer, { primaryKey: true }); // values are numbers
 */
export abstract class TypeEngine<T = unknown> {
  /** @internal phantom field carrying the JS value type */
  declare readonly __value?: T;
  /** the type compiler's dispatch name (SQLAlchemy's `__visit_name__`) */
  abstract readonly visitName: string;
  abstract readonly affinity: TypeAffinity;

  /** Renders a value as a SQL literal for `literalBinds`; null when the type has no literal form. */
  literalProcessor(dialect: Dialect): ((value: unknown) => string) | null {
    return (value) => dialect.renderLiteralValue(value, this);
  }

  /** Converts a JS value for the driver; null when no conversion is needed. */
  bindProcessor(_dialect: Dialect): Processor | null {
    return null;
  }

  /** Converts a driver value to the JS value; null when no conversion is needed. */
  resultProcessor(_dialect: Dialect): Processor | null {
    return null;
  }

  /** The type a compared value takes: `col.eq(5)` binds 5 with the column's type. */
  coerceComparedValue(_value: unknown): TypeEngine {
    return this;
  }

  /** @internal identifies the type's structure in cache keys */
  cacheKeyPart(): string {
    return this.visitName;
  }

  private _ck: string | undefined;
  /** @internal `cacheKeyPart()`, computed once (types do not change after construction) */
  get cacheKeyString(): string {
    if (this._ck === undefined) this._ck = this.cacheKeyPart();
    return this._ck;
  }

  /** @internal ids of the cache-key parts of anonymous binds of this type, by flags (-1: unknown) */
  _bindKeyIds: number[] | undefined;
  /** @internal ids of the cache-key parts of binary expressions of this type, by operator id */
  _opKeyIds: Map<string, number> | undefined;

  /**
   * The type's DDL for a dialect (the generic one when omitted), as SQLAlchemy's
   * `TypeEngine.compile()`.
   * @example
   * sa.String(50).compile(); // "VARCHAR(50)"
   * sa.DateTime({ timezone: true }).compile(postgresql.dialect()); // "TIMESTAMP WITH TIME ZONE"
   */
  compile(dialect?: Dialect): string {
    return typeCompileHook.compile!(this, dialect);
  }

  /**
   * @internal the name SQLAlchemy's `str(type)` gives a dialect-only type the generic DDL would
   * spell as another type (`TINYINT`, not INTEGER); null for the others
   */
  _strName(): string | null {
    return null;
  }

  /** The generic dialect's DDL of the type: `String(sa.Integer())` is "INTEGER", as `str(type)`. */
  toString(): string {
    return this.compile();
  }

  /** A copy of this type with a different JS value type, for user-level narrowing. */
  asType<U>(): TypeEngine<U> {
    return this as unknown as TypeEngine<U>;
  }
}

/** A type class usable bare (`sa.Integer`) or called (`sa.String(50)`), with or without `new`. */
export type TypeFactory<TT extends TypeEngine, A extends unknown[] = []> = {
  (...args: A): TT;
  new (...args: A): TT;
  /** @internal the instance used when the factory is passed bare */
  readonly _defaultType: () => TT;
};

/** @internal installed by sql/compile.ts (the type compiler imports this module) */
export const typeCompileHook: { compile: ((type: TypeEngine, dialect?: Dialect) => string) | null } = {
  compile: null,
};

/**
 * A type argument: an instance (`sa.String(50)`), a bare factory (`sa.Integer`), or a type class
 * whose constructor takes no arguments (`MyDecorator`, instantiated as SQLAlchemy does with a
 * class).
 */
// biome-ignore lint/suspicious/noExplicitAny: a factory's argument list does not matter here
export type TypeArg = TypeEngine | TypeFactory<TypeEngine, any> | TypeClass;

/** A TypeEngine subclass usable bare: `new sa.Column("x", MyDecorator)`. */
export type TypeClass<T = unknown> = new () => TypeEngine<T>;

/** The JS value type carried by a type argument. */
export type ValueOfType<TA> =
  TA extends TypeEngine<infer T>
    ? T
    : TA extends { readonly _defaultType: () => TypeEngine<infer T> }
      ? T
      : TA extends new () => TypeEngine<infer T>
        ? T
        : unknown;

/** @internal builds a TypeFactory from a constructor function */
export function typeFactory<TT extends TypeEngine, A extends unknown[]>(
  make: (...args: A) => TT,
  defaults: () => TT = () => make(...([] as unknown as A)),
): TypeFactory<TT, A> {
  const f = function (this: unknown, ...args: A): TT {
    return make(...args);
  } as unknown as TypeFactory<TT, A>;
  Object.defineProperty(f, "_defaultType", { value: defaults });
  // `String(sa.Integer)` names the type, not the factory's source
  Object.defineProperty(f, "toString", { value: () => defaults().toString() });
  return f;
}

/** Normalises a type argument to a TypeEngine instance. */
export function toType(arg: TypeArg | null | undefined): TypeEngine {
  if (arg == null) return NULLTYPE;
  if (typeof arg === "function") {
    if ("_defaultType" in arg) return (arg as TypeFactory<TypeEngine>)._defaultType();
    if (arg.prototype instanceof TypeEngine) return new (arg as TypeClass)();
    throw new ArgumentError(
      `Not a type: ${arg.name || "an anonymous function"} (a TypeEngine, sa.Integer, or a TypeEngine class)`,
    );
  }
  return arg;
}

/** The type of an expression whose type is unknown (`sa.column("x")`, `sa.literalColumn("x")`). */
export class NullType extends TypeEngine<unknown> {
  readonly visitName = "null";
  readonly affinity = "null" as const;
}

export const NULLTYPE: TypeEngine = new NullType();

/**
 * @internal a JS value's own type (SQLAlchemy's `_resolve_value_to_type`), installed by
 * literal-type.ts, which imports the concrete types this module cannot
 */
export const literalTypeHook: { resolve: ((value: unknown) => TypeEngine) | null } = { resolve: null };
