import type { CacheKeyBuilder } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
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

  constructor(
    readonly key: string,
    readonly value: unknown = undefined,
    opts: BindParameterOptions = {},
  ) {
    super();
    this.type = toType(opts.type);
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

  /** A copy with another value (keeps the name and type). */
  withValue(value: unknown): BindParameter<T> {
    const b = this._generate() as BindParameter<T> & { value: unknown; required: boolean };
    b.value = value;
    b.required = false;
    return b;
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitBindParam(this, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    k.push(
      `?${this.unique ? "" : this.key}:${this.type.cacheKeyString}${this.expanding ? "x" : ""}${this.literalExecute ? "l" : ""}${this.required ? "r" : ""}`,
    );
    k.binds.push(this as BindParameter);
  }
}
