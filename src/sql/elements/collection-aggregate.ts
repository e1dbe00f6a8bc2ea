/**
 * `ANY (x)` / `ALL (x)`: SQLAlchemy's CollectionAggregate. It stands on the right of a comparison
 * (`5 = ANY (arr)`); compared from the left (`sa.any_(arr).eq(5)`) the comparison is flipped,
 * as SQLAlchemy does, so it still renders `:param_1 = ANY (arr)`.
 */
import { ArgumentError } from "../../exc.js";
import type { ClauseElement } from "../base.js";
import { mirror, type Operator, operators } from "../operators.js";
import { ARRAYType } from "../types/sqltypes.js";
import { TypeDecorator } from "../types/type-decorator.js";
import type { TypeEngine } from "../types/type-engine.js";
import { BindParameter } from "./bind-param.js";
import { coerceExpression } from "./coercions.js";
import { ColumnElement } from "./column-element.js";
import { FALSE, False, NULL, Null, TRUE, True } from "./constants.js";
import { BinaryExpression, BOOLEANTYPE, Grouping, UnaryExpression } from "./expressions.js";

/** The JS type of one item of an array-valued expression (the value type itself otherwise). */
export type ItemOf<T> = [NonNullable<T>] extends [readonly (infer E)[]] ? E : T;

/** The comparison operators `any()` / `all()` accept, by their method names. */
export type ComparisonName = "eq" | "ne" | "lt" | "le" | "gt" | "ge";

const COMPARISONS: Record<ComparisonName, Operator> = {
  eq: operators.eq,
  ne: operators.ne,
  lt: operators.lt,
  le: operators.le,
  gt: operators.gt,
  ge: operators.ge,
};

/** @internal the operator of a comparison name, refusing anything else */
export function comparisonOperator(name: ComparisonName | undefined): Operator {
  const op = COMPARISONS[name ?? "eq"];
  if (op === undefined) throw new ArgumentError(`Not a comparison operator: ${String(name)}`);
  return op;
}

/** A type without its TypeDecorator layers (what decides which operators an expression has). */
export function comparatorType(type: TypeEngine): TypeEngine {
  let t = type;
  while (t instanceof TypeDecorator) t = t.implType;
  return t;
}

/** `ANY (x)` or `ALL (x)`; see `sa.any_` and `sa.all_`. */
export class CollectionAggregate<T = unknown> extends UnaryExpression<T> {
  constructor(element: ColumnElement, operator: typeof operators.any | typeof operators.all) {
    // `ANY (arr)`: the operand is always parenthesised; a scalar subquery brings its own
    const grouped = element.selfGroup(operator);
    const operand =
      grouped === element && element.visitName !== "scalar_select" ? new Grouping(element) : grouped;
    super(operand, operator, null, BOOLEANTYPE);
  }

  override get _isCollectionAggregate(): boolean {
    return true;
  }

  /** @internal the type a compared value binds with: an ARRAY's item type, else the operand's */
  get _comparedType(): TypeEngine {
    const el = (this.element instanceof Grouping ? this.element.element : this.element) as ColumnElement;
    const t = comparatorType(el.type);
    return t instanceof ARRAYType ? t.itemType : el.type;
  }

  /**
   * @internal `agg <op> other`, flipped to `other <mirrored op> agg` (SQLAlchemy's
   * CollectionAggregate.operate); `bindKey` names the bind (`param`, or the array column's key
   * for `arr.any(5)`).
   */
  _compare(op: Operator, other: unknown, bindKey = "param"): BinaryExpression<boolean> {
    if (!op.comparison) throw new ArgumentError("Only comparison operators may be used with ANY/ALL");
    const flipped = mirror(op);
    // true/false compared with = / != (or IS DISTINCT FROM) stay on the right, as in SQLAlchemy
    const constant = other === true ? TRUE : other === false ? FALSE : other;
    if (constant instanceof True || constant instanceof False) {
      if (
        op === operators.eq ||
        op === operators.ne ||
        op === operators.isDistinctFrom ||
        op === operators.isNotDistinctFrom
      ) {
        return new BinaryExpression(this, constant, op);
      }
    }
    let left: ClauseElement;
    if (other === null || other === undefined || other instanceof Null) left = NULL;
    else if (other instanceof ColumnElement) left = other;
    else if (constant instanceof True || constant instanceof False) left = constant;
    else left = new BindParameter(bindKey, other, { unique: true, type: this._comparedType });
    return new BinaryExpression(left, this, flipped);
  }
}

/**
 * `ANY (expr)`: compared with a value, true when any element of the array (PostgreSQL) or row
 * of the subquery (MySQL) compares so. Either side of the comparison works.
 * @example
 * sa.select(t.c.id).where(sa.any_(t.c.tags).eq("red")); // WHERE :param_1 = ANY (t.tags)
 * sa.select(t.c.id).where(sa.literal(5).lt(sa.any_(t.c.scores)));
 */
export function any_<T>(expr: ColumnElement<T>): CollectionAggregate<ItemOf<T>>;
export function any_(expr: ClauseElement): CollectionAggregate<unknown>;
export function any_(expr: ClauseElement): CollectionAggregate<unknown> {
  return new CollectionAggregate(coerceExpression(expr), operators.any);
}

/**
 * `ALL (expr)`: true when every element of the array (or row of the subquery) compares so.
 * @example
 * sa.select(t.c.id).where(sa.all_(t.c.scores).gt(0)); // WHERE :param_1 < ALL (t.scores)
 */
export function all_<T>(expr: ColumnElement<T>): CollectionAggregate<ItemOf<T>>;
export function all_(expr: ClauseElement): CollectionAggregate<unknown>;
export function all_(expr: ClauseElement): CollectionAggregate<unknown> {
  return new CollectionAggregate(coerceExpression(expr), operators.all);
}
