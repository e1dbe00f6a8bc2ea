import type { CacheKeyBuilder } from "../base.js";
import { keyPartId } from "../cache-key.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { literalType } from "../types/literal-type.js";
import { type TypeArg, type TypeEngine, toType } from "../types/type-engine.js";
import { ColumnElement } from "./column-element.js";

export interface BindParameterOptions {
  type?: TypeArg;
  /** anonymous: renamed `key_1`, `key_2` … at compile time so that several can coexist */
  unique?: boolean;
  /** the value is a list rendered as `IN (?, ?, …)` at execution */
  expanding?: boolean;
  /** a value must be supplied at execution (default: when no value is given) */
  required?: boolean;
  /** rendered inline as a literal at execution (LIMIT on some dialects) */
  literalExecute?: boolean;
  /** computes the value at execution */
  callable?: () => unknown;
}

/**
 * A bound parameter: a value sent separately from the SQL text.
 * @example
 * sa.select(users).where(users.c.name.eq(sa.bindparam("n")));
 * await conn.execute(stmt, { n: "ed" });
 */
export class BindParameter<T = unknown> extends ColumnElement<T> {
  readonly visitName = "bindparam";
  override readonly type: TypeEngine;
  readonly unique: boolean;
  readonly expanding: boolean;
  readonly required: boolean;
  readonly literalExecute: boolean;
  readonly callable: (() => unknown) | undefined;
  /** @internal set on binds that carry an INSERT/UPDATE column value */
  _isCrud = false;
  /** @internal the compiler that last named this bind, and the name (see SQLCompiler.nameBind) */
  _namedBy: object | null = null;
  _namedAs = "";

  constructor(
    readonly key: string,
    readonly value: unknown = undefined,
    opts: BindParameterOptions = {},
  ) {
    super();
    // untyped, a bind is typed by its value as in SQLAlchemy (an expanding one by its first item)
    this.type =
      opts.type !== undefined
        ? toType(opts.type)
        : literalType(opts.expanding && Array.isArray(value) ? value[0] : value);
    this.unique = opts.unique ?? false;
    this.expanding = opts.expanding ?? false;
    this.callable = opts.callable;
    this.required = opts.required ?? (value === undefined && opts.callable === undefined);
    this.literalExecute = opts.literalExecute ?? false;
  }

  /** The value, calling the callable if there is one. */
  get effectiveValue(): unknown {
    return this.callable ? this.callable() : this.value;
  }

  override get _bindKey(): string {
    return this.key;
  }

  /** A copy with another value (keeps the name, and the type unless it had none). */
  withValue(value: unknown): BindParameter<T> {
    const b = this._generate() as BindParameter<T> & { value: unknown; required: boolean; type: TypeEngine };
    b.value = value;
    b.required = false;
    if (b.type.affinity === "null")
      b.type = literalType(this.expanding && Array.isArray(value) ? value[0] : value);
    // a new bind: not named by any compile yet
    b._namedBy = null;
    b._namedAs = "";
    return b;
  }

  /** @internal A copy of another type (an untyped bind compared with a typed expression). */
  withType(type: TypeEngine): BindParameter<T> {
    const b = this._generate() as BindParameter<T> & { type: TypeEngine };
    b.type = type;
    b._namedBy = null;
    b._namedAs = "";
    return b;
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitBindParam(this, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    const flags = (this.expanding ? 1 : 0) | (this.literalExecute ? 2 : 0) | (this.required ? 4 : 0);
    if (this.unique) {
      // anonymous binds (every literal value) only differ by type and flags: the part's id is
      // kept on the type, by flags
      const ids = (this.type._bindKeyIds ??= [-1, -1, -1, -1, -1, -1, -1, -1]);
      if (ids[flags] < 0) ids[flags] = keyPartId(bindPart(flags, this.type));
      if (ids[flags] >= 0) k.pushId(ids[flags]);
      else k.push(bindPart(flags, this.type));
    } else k.push(`?${this.key}:${this.type.cacheKeyString}${BIND_FLAGS[flags]}`);
    k.binds.push(this as BindParameter);
  }
}

/** x (expanding), l (literal execute), r (required), by flag bits */
const BIND_FLAGS = ["", "x", "l", "xl", "r", "xr", "lr", "xlr"];

/** `?:<type><flags>`, the part of an anonymous bind (a named one has its key after the `?`) */
function bindPart(flags: number, type: TypeEngine): string {
  return `?:${type.cacheKeyString}${BIND_FLAGS[flags]}`;
}
