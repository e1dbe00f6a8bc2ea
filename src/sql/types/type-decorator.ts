/**
 * SQLAlchemy's `TypeDecorator`: a user type that stores its values through another type (the
 * `impl`), converting them on the way in and out.
 */
import type { Dialect } from "../dialect.js";
import { type Processor, type TypeAffinity, type TypeArg, TypeEngine, toType } from "./type-engine.js";

/** The part of a runtime dialect that has per-type processors (the engine's dialects do). */
interface ProcessorDialect {
  bindProcessor(type: TypeEngine): Processor | null;
  resultProcessor(type: TypeEngine): Processor | null;
}

function hasProcessors(dialect: Dialect): dialect is Dialect & ProcessorDialect {
  const d = dialect as Partial<ProcessorDialect>;
  return typeof d.bindProcessor === "function" && typeof d.resultProcessor === "function";
}

const implTypes = new WeakMap<object, { arg: unknown; type: TypeEngine }>();

let nextId = 1;
const instanceIds = new WeakMap<object, number>();
const classIds = new WeakMap<object, number>();
function idOf(map: WeakMap<object, number>, obj: object): number {
  let id = map.get(obj);
  if (id === undefined) {
    id = nextId++;
    map.set(obj, id);
  }
  return id;
}

/**
 * A user-defined type built on an existing one: DDL renders the `impl` (or what
 * `loadDialectImpl(dialect)` picks), and values pass through `processBindParam` before the
 * impl's own bind conversion, and through `processResultValue` after the impl's result
 * conversion (SQLAlchemy's order). Both hooks also receive `null`. Expressions on the column
 * behave like the impl's (`.add()` on a string impl concatenates).
 *
 * `T` is the JS value type users see, `I` the impl's value type.
 *
 * Caching: set `cacheOk = true` when two instances of the class with equal own (primitive or
 * JSON) properties convert values the same way; statements are then cached by those
 * properties. Otherwise (SQLAlchemy's `cache_ok = None/False`) the cache key is per instance,
 * so a statement is only reused with the very same type object.
 * @example
 * // JSON kept in a TEXT column
 * class JSONText<V> extends sa.TypeDecorator<V, string> {
 *   readonly impl = sa.Text;
 *   override readonly cacheOk = true;
 *   override processBindParam(value: V | null): string | null {
 *     return value === null ? null : JSON.stringify(value);
 *   }
 *   override processResultValue(value: string | null): V | null {
 *     return value === null ? null : (JSON.parse(value) as V);
 *   }
 * }
 * // strings stored lower-cased
 * class LowerString extends sa.TypeDecorator<string, string> {
 *   readonly impl = sa.String(50);
 *   override readonly cacheOk = true;
 *   override processBindParam(value: string | null): string | null {
 *     return value?.toLowerCase() ?? null;
 *   }
 * }
 * const t = new sa.Table("t", meta, new sa.Column("doc", new JSONText<{ a: number }>()));
 * // CREATE TABLE t (doc TEXT); inserting { a: 1 } stores '{"a":1}', reading gives { a: 1 }
 */
export abstract class TypeDecorator<T = unknown, I = unknown> extends TypeEngine<T> {
  /** the type values are stored as: an instance (`sa.String(50)`) or a bare type (`sa.Text`) */
  abstract readonly impl: TypeArg;
  /** the type compiler's dispatch name; DDL goes through `loadDialectImpl()` instead */
  readonly visitName: string = "type_decorator";
  /**
   * Whether statements using this type may be cached by its class and own property values
   * (SQLAlchemy's `cache_ok`). Also read from a static `cacheOk` on the class.
   */
  declare readonly cacheOk?: boolean;

  /**
   * Converts a JS value (null included) into what the impl's bind processing takes. Runs before
   * the impl's dialect-level bind processor.
   */
  processBindParam?(value: T | null, dialect: Dialect): I | null;

  /**
   * Converts what the impl's result processing gives (null included) into the JS value. Runs
   * after the impl's dialect-level result processor.
   */
  processResultValue?(value: I | null, dialect: Dialect): T | null;

  /**
   * Converts a value rendered inline (`literalBinds`) before the impl renders it as a literal.
   * When absent, `processBindParam` is used for literals too.
   */
  processLiteralParam?(value: T | null, dialect: Dialect): I | null;

  /** The impl as a type instance (a bare type like `sa.Text` is instantiated once). */
  get implType(): TypeEngine {
    const impl = this.impl;
    let memo = implTypes.get(this);
    if (memo === undefined || memo.arg !== impl) {
      memo = { arg: impl, type: toType(impl) };
      implTypes.set(this, memo);
    }
    return memo.type;
  }

  /** The expression behaviour and literal form follow the impl's. */
  get affinity(): TypeAffinity {
    return this.implType.affinity;
  }

  /**
   * The type used on `dialect` for DDL and value conversion: the impl by default. Override it to
   * pick a type per dialect (for instance JSONB on PostgreSQL, TEXT elsewhere).
   * @example
   * override loadDialectImpl(dialect: sa.Dialect): sa.TypeEngine {
   *   return dialect.name === "postgresql" ? postgresql.JSONB() : sa.Text();
   * }
   */
  loadDialectImpl(_dialect: Dialect): TypeEngine {
    return this.implType;
  }

  /**
   * The type a value compared with this column binds with (`col.eq(x)`, `col.in([...])`): this
   * type, so comparisons go through `processBindParam` too. Override it when compared values are
   * of another kind than the column's (return the impl, or another type, for those).
   */
  override coerceComparedValue(_value: unknown): TypeEngine {
    return this;
  }

  /** @internal the dialect impl, normalised */
  dialectImpl(dialect: Dialect): TypeEngine {
    return toType(this.loadDialectImpl(dialect));
  }

  /** The user's bind conversion, then the impl's processor on this dialect. */
  override bindProcessor(dialect: Dialect): Processor | null {
    const impl = this.dialectImpl(dialect);
    const implProc = hasProcessors(dialect) ? dialect.bindProcessor(impl) : impl.bindProcessor(dialect);
    return chainBind(this, this.processBindParam, implProc, dialect);
  }

  /** The impl's processor on this dialect, then the user's result conversion. */
  override resultProcessor(dialect: Dialect): Processor | null {
    const impl = this.dialectImpl(dialect);
    const implProc = hasProcessors(dialect) ? dialect.resultProcessor(impl) : impl.resultProcessor(dialect);
    return chainResult(this, this.processResultValue, implProc, dialect);
  }

  /**
   * Literal rendering chains too: `processLiteralParam` (else `processBindParam`) first, then the
   * impl's literal form.
   */
  override literalProcessor(dialect: Dialect): ((value: unknown) => string) | null {
    const implProc = this.dialectImpl(dialect).literalProcessor(dialect);
    const literal = this.processLiteralParam;
    if (literal !== undefined) {
      // SQLAlchemy: without an impl literal form, the hook's result is the rendered text
      if (implProc === null) return (v) => String(literal.call(this, (v ?? null) as T | null, dialect));
      return (v) => implProc(literal.call(this, (v ?? null) as T | null, dialect));
    }
    const bind = this.processBindParam;
    if (bind === undefined || implProc === null) return implProc;
    return (v) => implProc(bind.call(this, (v ?? null) as T | null, dialect));
  }

  /**
   * Cached by class and own option values when `cacheOk` is true; otherwise per instance.
   */
  override cacheKeyPart(): string {
    const ok = this.cacheOk ?? (this.constructor as { cacheOk?: boolean }).cacheOk;
    if (ok !== true) return `TD#${idOf(instanceIds, this)}`;
    const opts: string[] = [];
    for (const [k, v] of Object.entries(this)) {
      // the impl is keyed below; `_`-prefixed fields are internal state (memoised keys)
      if (k === "impl" || k === "cacheOk" || k.startsWith("_")) continue;
      if (v === null || typeof v !== "object" || Array.isArray(v)) {
        if (typeof v === "function" || typeof v === "symbol") return `TD#${idOf(instanceIds, this)}`;
        let text: string | undefined;
        try {
          text = typeof v === "bigint" ? `${v}n` : JSON.stringify(v);
        } catch {
          return `TD#${idOf(instanceIds, this)}`;
        }
        opts.push(`${k}=${text}`);
      } else if (v instanceof TypeEngine) {
        opts.push(`${k}=${v.cacheKeyPart()}`);
      } else {
        // an object option that is not JSON-comparable: key by instance, as SQLAlchemy refuses it
        return `TD#${idOf(instanceIds, this)}`;
      }
    }
    return `TD:${idOf(classIds, this.constructor)}:${this.constructor.name}(${opts.join(",")}):${this.implType.cacheKeyPart()}`;
  }
}

type UserHook = (this: TypeEngine, value: never, dialect: never) => unknown;

/**
 * @internal a TypeDecorator's bind chain: the user hook first (it sees nulls), then the impl's
 * processor (which does not).
 */
export function chainBind(
  type: TypeEngine,
  user: UserHook | undefined,
  impl: Processor | null,
  dialect: unknown,
): Processor | null {
  if (user === undefined) return impl;
  const hook = user as unknown as (this: TypeEngine, v: unknown, d: unknown) => unknown;
  if (impl === null) return (v) => hook.call(type, v ?? null, dialect);
  return (v) => {
    const x = hook.call(type, v ?? null, dialect);
    return x == null ? null : impl(x);
  };
}

/** @internal a TypeDecorator's result chain: the impl's processor first, then the user hook. */
export function chainResult(
  type: TypeEngine,
  user: UserHook | undefined,
  impl: Processor | null,
  dialect: unknown,
): Processor | null {
  if (user === undefined) return impl;
  const hook = user as unknown as (this: TypeEngine, v: unknown, d: unknown) => unknown;
  if (impl === null) return (v) => hook.call(type, v ?? null, dialect);
  return (v) => hook.call(type, v == null ? null : impl(v), dialect);
}

/**
 * @internal whether a type's bind conversion wants nulls too: a TypeDecorator with
 * `processBindParam` somewhere along its impl chain (built-in processors never see null).
 */
export function bindSeesNull(type: TypeEngine, dialect?: Dialect): boolean {
  for (let t: TypeEngine | null = type, depth = 0; t !== null && depth < 16; depth++) {
    const hooks = t as {
      processBindParam?: unknown;
      impl?: unknown;
      loadDialectImpl?: (d: unknown) => unknown;
    };
    if (typeof hooks.processBindParam === "function") return true;
    if (hooks.impl === undefined) return false;
    const next = (dialect !== undefined ? hooks.loadDialectImpl?.(dialect) : undefined) ?? hooks.impl;
    t = next instanceof TypeEngine || typeof next === "function" ? toType(next as TypeArg) : null;
  }
  return false;
}
