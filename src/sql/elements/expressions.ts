import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import { memoPartId } from "../cache-key.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { isPrecedent, negations, type Operator, operators } from "../operators.js";
import { BooleanType } from "../types/sqltypes.js";
import { NULLTYPE, type TypeEngine } from "../types/type-engine.js";
import { asBooleanHook, ColumnElement } from "./column-element.js";

export const BOOLEANTYPE: TypeEngine = new BooleanType();

/** The cache-key part of a binary expression without modifiers. */
function binaryPart(opId: string, type: unknown): string {
  return `b${opId}:${(type as TypeEngine).cacheKeyString}`;
}

/** `(element)`: parentheses the compiler adds for precedence. */
export class Grouping<T = unknown> extends ColumnElement<T> {
  readonly visitName = "grouping";
  override readonly type: TypeEngine;
  constructor(readonly element: ClauseElement) {
    super();
    this.type = element instanceof ColumnElement ? element.type : NULLTYPE;
  }
  override get _labelName(): string | null {
    return this.element instanceof ColumnElement ? this.element._labelName : null;
  }
  override get _keyName(): string | null {
    return this.element instanceof ColumnElement ? this.element._keyName : null;
  }
  override get _anonLabelBase(): string {
    return this.element instanceof ColumnElement ? this.element._anonLabelBase : "anon";
  }
  override get _isImplicitlyBoolean(): boolean {
    return !(this.element instanceof ColumnElement) || this.element._isImplicitlyBoolean;
  }
  override selfGroup(_against?: Operator): ClauseElement {
    return this;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitGrouping(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("(");
    this.element._cacheKey(k);
    k.push(")");
  }
}

export interface BinaryModifiers {
  escape?: string;
  flags?: string;
  symmetric?: boolean;
}

/** shared by every binary expression without modifiers (most): one object less per comparison */
const NO_MODIFIERS: BinaryModifiers = Object.freeze({});

/** `left <op> right`: comparisons, arithmetic, LIKE, IN … */
export class BinaryExpression<T = unknown> extends ColumnElement<T> {
  readonly visitName = "binary";
  readonly left: ClauseElement;
  readonly right: ClauseElement;
  override readonly type: TypeEngine;
  constructor(
    left: ClauseElement,
    right: ClauseElement,
    readonly operator: Operator,
    type: TypeEngine | null = null,
    readonly modifiers: BinaryModifiers = NO_MODIFIERS,
  ) {
    super();
    this.left = left.selfGroup(operator);
    this.right = right.selfGroup(operator);
    this.type =
      type ?? (operator.comparison ? BOOLEANTYPE : left instanceof ColumnElement ? left.type : NULLTYPE);
  }
  override get _isImplicitlyBoolean(): boolean {
    return this.operator.comparison === true;
  }
  override selfGroup(against?: Operator): ClauseElement {
    return isPrecedent(this.operator, against) ? new Grouping(this) : this;
  }
  /** @internal the negated comparison (`=` becomes `!=`), or null when there is none */
  _negated(): BinaryExpression | null {
    const neg = negations.get(this.operator);
    if (!neg) return null;
    // NOT (x = ANY (a)) is not x != ANY (a): a comparison with ANY / ALL is negated as a whole
    if (
      (this.left as ColumnElement)._isCollectionAggregate ||
      (this.right as ColumnElement)._isCollectionAggregate
    )
      return null;
    const b = this._generate() as BinaryExpression & { operator: Operator };
    b.operator = neg;
    return b;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitBinary(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    const m = this.modifiers;
    if (m.escape !== undefined || m.flags !== undefined || m.symmetric) {
      k.push(
        `b${this.operator.id}:${this.type.cacheKeyString}:${m.escape ?? ""}:${m.flags ?? ""}:${m.symmetric ? 1 : ""}`,
      );
    } else {
      // the common case's part id is kept on the type, by operator
      const t = this.type;
      const id = memoPartId((t._opKeyIds ??= new Map()), this.operator.id, binaryPart, t);
      if (id >= 0) k.pushId(id);
      else k.push(binaryPart(this.operator.id, t));
    }
    this.left._cacheKey(k);
    this.right._cacheKey(k);
  }
}

/** A prefix operator (`NOT x`, `-x`, `DISTINCT x`, `EXISTS x`) or a suffix modifier (`x DESC`). */
export class UnaryExpression<T = unknown> extends ColumnElement<T> {
  readonly visitName = "unary";
  override readonly type: TypeEngine;
  readonly element: ClauseElement;
  constructor(
    element: ClauseElement,
    readonly operator: Operator | null,
    readonly modifier: Operator | null = null,
    type: TypeEngine | null = null,
    /** a wrapped column keeps its name when selected (`DISTINCT x`) */
    readonly wrapsColumn = false,
  ) {
    super();
    this.element = element.selfGroup(operator ?? modifier ?? undefined);
    this.type = type ?? (element instanceof ColumnElement ? element.type : NULLTYPE);
  }
  override get _labelName(): string | null {
    return this.wrapsColumn && this.element instanceof ColumnElement ? this.element._labelName : null;
  }
  override get _keyName(): string | null {
    return this.wrapsColumn && this.element instanceof ColumnElement ? this.element._keyName : null;
  }
  override get _isImplicitlyBoolean(): boolean {
    return (
      this.operator === operators.inv ||
      this.modifier === operators.isTrue ||
      this.modifier === operators.isFalse
    );
  }
  override selfGroup(against?: Operator): ClauseElement {
    if (this.operator && isPrecedent(this.operator, against)) return new Grouping(this);
    return this.operator ? this : super.selfGroup(against);
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitUnary(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`UN:${this.operator?.id ?? ""}:${this.modifier?.id ?? ""}:${this.type.cacheKeyString}`);
    this.element._cacheKey(k);
  }
}

/**
 * A boolean expression used as a condition: renders `x` (or `NOT x`) where the database has
 * native booleans, `x = 1` (`x = 0`) where it does not.
 */
export class AsBoolean extends ColumnElement<boolean> {
  readonly visitName = "as_boolean";
  override readonly type: TypeEngine = BOOLEANTYPE;
  constructor(
    readonly element: ColumnElement,
    readonly negated: boolean,
  ) {
    super();
  }
  override get _isImplicitlyBoolean(): boolean {
    return true;
  }
  override selfGroup(_against?: Operator): ClauseElement {
    return this;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitAsBoolean(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`ASBOOL:${this.negated ? 1 : 0}`);
    this.element._cacheKey(k);
  }
}

/** Comma-separated or operator-separated elements: function arguments, tuples, ORDER BY lists. */
export class ClauseList<T = unknown> extends ColumnElement<T> {
  readonly visitName: string = "clauselist";
  constructor(
    readonly clauses: readonly ClauseElement[],
    readonly operator: Operator = operators.comma,
    readonly group = true,
  ) {
    super();
  }
  override selfGroup(against?: Operator): ClauseElement {
    return this.group && this.clauses.length > 0 && isPrecedent(this.operator, against)
      ? new Grouping(this)
      : this;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitClauseList(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`CL:${this.operator.id}`);
    k.addAll(this.clauses);
  }
}

/** `a AND b AND c` / `a OR b`; built by `sa.and()` / `sa.or()` with SQLAlchemy's simplifications. */
export class BooleanClauseList extends ClauseList<boolean> {
  override readonly visitName = "boolean_clauselist";
  override readonly type: TypeEngine = BOOLEANTYPE;
  override get _isImplicitlyBoolean(): boolean {
    return true;
  }
}

asBooleanHook.make = (el, negated) => new AsBoolean(el, negated);
