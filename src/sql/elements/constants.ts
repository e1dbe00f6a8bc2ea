import type { CacheKeyBuilder } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { BooleanType } from "../types/sqltypes.js";
import type { TypeEngine } from "../types/type-engine.js";
import { ColumnElement } from "./column-element.js";
import { nullHook } from "./functions.js";

const BOOLEAN = new BooleanType();

/** SQL `NULL`. */
export class Null extends ColumnElement<null> {
  readonly visitName = "null";
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitNull(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("NULL");
  }
}

/** SQL `true` (rendered `1` where the database has no boolean literal). */
export class True extends ColumnElement<boolean> {
  readonly visitName = "true";
  override readonly type: TypeEngine = BOOLEAN;
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitTrue(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("TRUE");
  }
}

/** SQL `false` (rendered `0` where the database has no boolean literal). */
export class False extends ColumnElement<boolean> {
  readonly visitName = "false";
  override readonly type: TypeEngine = BOOLEAN;
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitFalse(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("FALSE");
  }
}

export const NULL = new Null();
export const TRUE = new True();
export const FALSE = new False();

/** `sa.null()`: the SQL NULL constant. */
export function null_(): Null {
  return NULL;
}
/** `sa.true()`: the SQL true constant; `and(true(), x)` simplifies to `x`. */
export function true_(): True {
  return TRUE;
}
/** `sa.false()`: the SQL false constant; `or(false(), x)` simplifies to `x`. */
export function false_(): False {
  return FALSE;
}

nullHook.make = () => NULL;
