import type { CacheKeyBuilder } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { type Operator, operators } from "../operators.js";
import type { TypeEngine } from "../types/type-engine.js";
import { ColumnElement } from "./column-element.js";

/**
 * `expr AS name` in a columns clause. An anonymous label (no name) is numbered at compile time
 * from the expression's anonymous base: `count_1`, `anon_1`.
 */
export class Label<N extends string = string, T = unknown> extends ColumnElement<T> {
  readonly visitName = "label";
  override readonly type: TypeEngine;
  readonly element: ColumnElement<T>;
  constructor(
    readonly name: N | null,
    element: ColumnElement<T>,
  ) {
    super();
    this.element = element.selfGroup(operators.as) as ColumnElement<T>;
    this.type = element.type;
  }
  get key(): N {
    return (this.name ?? this.element._keyName ?? "") as N;
  }
  override get _labelName(): string | null {
    return this.name;
  }
  override get _keyName(): string | null {
    return this.name;
  }
  override get _anonLabelBase(): string {
    return this.element._anonLabelBase;
  }
  override get _bindKey(): string {
    return this.element._bindKey;
  }
  override selfGroup(_against?: Operator): ColumnElement {
    return this;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitLabel(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`LBL:${this.name ?? ""}`);
    this.element._cacheKey(k);
  }
}
