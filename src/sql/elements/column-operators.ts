import { ArgumentError } from "../../exc.js";
import { ClauseElement } from "../base.js";
import { customOp, negations, type Operator, operators } from "../operators.js";
import { dateArithmeticType } from "../types/date-arithmetic.js";
import { FloatType } from "../types/sqltypes.js";
import { NULLTYPE, type TypeArg, type TypeEngine, toType } from "../types/type-engine.js";
import { BindParameter } from "./bind-param.js";
import { coerceOperand } from "./coercions.js";
import { CollectionAggregate } from "./collection-aggregate.js";
import {
  ColumnElement,
  type ColumnElement as ColumnElementType,
  type EscapeOptions,
  type LikeOptions,
} from "./column-element.js";
import { FALSE, False, NULL, Null, TRUE, True } from "./constants.js";
import { BinaryExpression, BOOLEANTYPE, ClauseList, Grouping, UnaryExpression } from "./expressions.js";
import { containsFor } from "./indexable-operators.js";
import { Label } from "./label.js";
import { Cast } from "./wrappers.js";

/**
 * LIKE-family operators compiled with the dialect's concatenation (`'%' || x || '%'`). They have
 * SQLAlchemy's lowest precedence (it leaves them out of its precedence table), so inside AND/OR
 * they are parenthesised: `(t.x LIKE '%' || ? || '%') AND t.n > ?`.
 */
export const likeOperators = {
  contains: { id: "contains", sql: " LIKE ", precedence: -100, comparison: true },
  notContains: { id: "not_contains", sql: " NOT LIKE ", precedence: -100, comparison: true },
  startsWith: { id: "startswith", sql: " LIKE ", precedence: -100, comparison: true },
  notStartsWith: { id: "not_startswith", sql: " NOT LIKE ", precedence: -100, comparison: true },
  endsWith: { id: "endswith", sql: " LIKE ", precedence: -100, comparison: true },
  notEndsWith: { id: "not_endswith", sql: " NOT LIKE ", precedence: -100, comparison: true },
  icontains: { id: "icontains", sql: " LIKE ", precedence: -100, comparison: true },
  istartsWith: { id: "istartswith", sql: " LIKE ", precedence: -100, comparison: true },
  iendsWith: { id: "iendswith", sql: " LIKE ", precedence: -100, comparison: true },
} as const satisfies Record<string, Operator>;

/**
 * null, true and false compare as SQL constants, never as binds (SQLAlchemy's `_boolean_compare`):
 * `x = true` / `x != false` keep their operator, `is` / `isNot` / `eq(null)` become `IS` / `IS NOT`
 * (a bind after `IS` is a syntax error on PostgreSQL and MySQL), and `IS [NOT] DISTINCT FROM` keeps
 * the constant. `1` / `0` where the database has no boolean literal (SQLite).
 */
function compare(self: ColumnElement, op: Operator, other: unknown): BinaryExpression<boolean> {
  if (self._isCollectionAggregate) return (self as CollectionAggregate)._compare(op, other);
  const constant = sqlConstant(other);
  if (constant !== null) {
    if ((op === operators.eq || op === operators.ne) && constant !== NULL) {
      return new BinaryExpression(self, constant, op);
    }
    if (op === operators.isDistinctFrom || op === operators.isNotDistinctFrom) {
      return new BinaryExpression(self, constant, op);
    }
    if (op === operators.eq || op === operators.is) return new BinaryExpression(self, constant, operators.is);
    if (op === operators.ne || op === operators.isNot) {
      return new BinaryExpression(self, constant, operators.isNot);
    }
    throw new ArgumentError(
      "Only '=', '!=', 'is()', 'isNot()', 'isDistinctFrom()', 'isNotDistinctFrom()' operators can be used " +
        `with null/true/false (got '${op.sql.trim()}')`,
    );
  }
  return new BinaryExpression(self, coerceOperand(other, self), op);
}

/** The SQL constant a JS null/undefined/boolean (or a constant element) stands for; null otherwise. */
function sqlConstant(other: unknown): ColumnElement | null {
  if (other === null || other === undefined) return NULL;
  if (other === true) return TRUE;
  if (other === false) return FALSE;
  return other instanceof Null || other instanceof True || other instanceof False ? other : null;
}

const TRUEDIV_OF_INTEGERS = new FloatType();

function arith(self: ColumnElement, op: Operator, other: unknown): BinaryExpression {
  if (self._isCollectionAggregate)
    throw new ArgumentError("Only comparison operators may be used with ANY/ALL");
  const right = coerceOperand(other, self);
  if (op === operators.add && self.type.affinity === "string") {
    return new BinaryExpression(self, right, operators.concat, self.type);
  }
  const rightType = right instanceof ColumnElement ? right.type : NULLTYPE;
  const type =
    integerArithmeticType(op, self.type, rightType) ??
    dateArithmeticType(op, self.type, rightType) ??
    (self.type !== NULLTYPE ? self.type : rightType);
  return new BinaryExpression(self, right, op, type);
}

/** operators whose integer result widens to the other operand's Numeric or Float (SQLAlchemy's Integer adaptations) */
const WIDENING = new Set<Operator>([
  operators.add,
  operators.sub,
  operators.mul,
  operators.truediv,
  operators.floordiv,
]);

/**
 * SQLAlchemy's `Integer._expression_adaptations`: an integer with a Numeric or Float operand
 * takes that operand's type (`id + 1.5` is a Float, `id * price` a Numeric(10, 2)). True division
 * of two integers, which SQLAlchemy types Numeric (a Decimal), is a Float here, so it reads as
 * the number its static type promises on every database (PostgreSQL would otherwise hand back its
 * numeric text, "1.5000000000000000"). Null where the left operand is not an integer.
 */
function integerArithmeticType(op: Operator, left: TypeEngine, right: TypeEngine): TypeEngine | null {
  if (left.affinity !== "integer" || !WIDENING.has(op)) return null;
  if (right.affinity === "numeric" || right.affinity === "float") return right;
  return op === operators.truediv ? TRUEDIV_OF_INTEGERS : null;
}

function escapeLike(value: unknown, escape: string): unknown {
  if (typeof value !== "string") {
    throw new ArgumentError("String value expected when autoescape=true");
  }
  return value
    .replaceAll(escape, escape + escape)
    .replaceAll("%", `${escape}%`)
    .replaceAll("_", `${escape}_`);
}

function likeFamily(
  self: ColumnElement,
  op: Operator,
  other: unknown,
  opts?: LikeOptions,
): BinaryExpression<boolean> {
  let escape = opts?.escape;
  let value = other;
  if (opts?.autoescape) {
    escape = escape ?? "/";
    value = escapeLike(other, escape);
  }
  return new BinaryExpression(
    self,
    coerceOperand(value, self),
    op,
    BOOLEANTYPE,
    escape ? { escape } : undefined,
  );
}

function inList(self: ColumnElement, op: Operator, other: unknown): BinaryExpression<boolean> {
  if (other instanceof ClauseElement) {
    return new BinaryExpression(self, coerceOperand(other, self), op);
  }
  if (!Array.isArray(other)) {
    throw new ArgumentError(`in() expects a list or a subquery, got ${typeof other}`);
  }
  if (other.some((v) => v instanceof ClauseElement)) {
    const items = other.map((v) => coerceOperand(v, self));
    return new BinaryExpression(self, new Grouping(new ClauseList(items)), op);
  }
  // the list binds with the type the first value takes against the column, as in SQLAlchemy
  // (`bool_col.in([0, 1])` binds integers)
  const bind = new BindParameter(self._bindKey, other, {
    unique: true,
    expanding: true,
    type: other.length ? self.type.coerceComparedValue(other[0]) : self.type,
  });
  return new BinaryExpression(self, bind, op);
}

/** @internal the comparator methods of every ColumnElement */
const methods: Partial<ColumnElementType> & ThisType<ColumnElement> = {
  eq(other) {
    return compare(this, operators.eq, other);
  },
  ne(other) {
    return compare(this, operators.ne, other);
  },
  lt(other) {
    return compare(this, operators.lt, other);
  },
  le(other) {
    return compare(this, operators.le, other);
  },
  gt(other) {
    return compare(this, operators.gt, other);
  },
  ge(other) {
    return compare(this, operators.ge, other);
  },
  is(other) {
    return compare(this, operators.is, other);
  },
  isNot(other) {
    return compare(this, operators.isNot, other);
  },
  isDistinctFrom(other) {
    return compare(this, operators.isDistinctFrom, other);
  },
  isNotDistinctFrom(other) {
    return compare(this, operators.isNotDistinctFrom, other);
  },
  in(other) {
    return inList(this, operators.in, other);
  },
  notIn(other) {
    return inList(this, operators.notIn, other);
  },
  like(pattern, opts?: EscapeOptions) {
    return likeFamily(this, operators.like, pattern, opts);
  },
  notLike(pattern, opts?: EscapeOptions) {
    return likeFamily(this, operators.notLike, pattern, opts);
  },
  ilike(pattern, opts?: EscapeOptions) {
    return likeFamily(this, operators.ilike, pattern, opts);
  },
  notIlike(pattern, opts?: EscapeOptions) {
    return likeFamily(this, operators.notIlike, pattern, opts);
  },
  contains(other, opts) {
    // an ARRAY or JSONB contains another (`@>`); anything else contains a substring (LIKE)
    return containsFor(this, other) ?? likeFamily(this, likeOperators.contains, other as string, opts);
  },
  startsWith(other, opts) {
    return likeFamily(this, likeOperators.startsWith, other, opts);
  },
  endsWith(other, opts) {
    return likeFamily(this, likeOperators.endsWith, other, opts);
  },
  icontains(other, opts) {
    return likeFamily(this, likeOperators.icontains, other, opts);
  },
  istartsWith(other, opts) {
    return likeFamily(this, likeOperators.istartsWith, other, opts);
  },
  iendsWith(other, opts) {
    return likeFamily(this, likeOperators.iendsWith, other, opts);
  },
  between(lower, upper, opts) {
    const range = new ClauseList(
      [coerceOperand(lower, this), coerceOperand(upper, this)],
      operators.and,
      false,
    );
    return new BinaryExpression(this, range, operators.between, BOOLEANTYPE, { symmetric: opts?.symmetric });
  },
  notBetween(lower, upper) {
    const range = new ClauseList(
      [coerceOperand(lower, this), coerceOperand(upper, this)],
      operators.and,
      false,
    );
    return new BinaryExpression(this, range, operators.notBetween, BOOLEANTYPE);
  },
  match(other) {
    return compare(this, operators.match, other);
  },
  regexpMatch(pattern, flags) {
    return new BinaryExpression(this, coerceOperand(pattern, this), operators.regexpMatch, BOOLEANTYPE, {
      flags,
    });
  },
  add(other) {
    return arith(this, operators.add, other);
  },
  sub(other) {
    return arith(this, operators.sub, other);
  },
  mul(other) {
    return arith(this, operators.mul, other);
  },
  div(other) {
    return arith(this, operators.truediv, other);
  },
  floordiv(other) {
    return arith(this, operators.floordiv, other);
  },
  mod(other) {
    return arith(this, operators.mod, other);
  },
  concat(other) {
    return new BinaryExpression(this, coerceOperand(other, this), operators.concat, this.type);
  },
  neg() {
    return new UnaryExpression(this, operators.neg);
  },
  bitwiseAnd(other) {
    return arith(this, operators.bitwiseAnd, other);
  },
  bitwiseOr(other) {
    return arith(this, operators.bitwiseOr, other);
  },
  bitwiseXor(other) {
    return arith(this, operators.bitwiseXor, other);
  },
  bitwiseNot() {
    return new UnaryExpression(this, operators.bitwiseNot);
  },
  bitwiseLshift(other) {
    return arith(this, operators.bitwiseLshift, other);
  },
  bitwiseRshift(other) {
    return arith(this, operators.bitwiseRshift, other);
  },
  isTrue() {
    return new UnaryExpression(this, null, operators.isTrue, BOOLEANTYPE);
  },
  isFalse() {
    return new UnaryExpression(this, null, operators.isFalse, BOOLEANTYPE);
  },
  desc() {
    return new UnaryExpression(this, null, operators.desc, null, true);
  },
  asc() {
    return new UnaryExpression(this, null, operators.asc, null, true);
  },
  nullsFirst() {
    return new UnaryExpression(this, null, operators.nullsFirst, null, true);
  },
  nullsLast() {
    return new UnaryExpression(this, null, operators.nullsLast, null, true);
  },
  // `as never`: the interface's return types add phantom keys (KeptKey) no runtime value has
  distinct() {
    return new UnaryExpression(this, operators.distinct, null, null, true) as never;
  },
  collate(collation: string) {
    return collateExpr(this, collation);
  },
  anyOp() {
    return new CollectionAggregate(this, operators.any) as never;
  },
  allOp() {
    return new CollectionAggregate(this, operators.all) as never;
  },
  op(operator, opts = {}) {
    const o = customOp(operator, opts.precedence ?? 0, opts.isComparison ?? false);
    const type = opts.returnType ? toType(opts.returnType) : opts.isComparison ? BOOLEANTYPE : null;
    return (other: unknown) => new BinaryExpression(this, coerceOperand(other, this), o, type ?? this.type);
  },
  cast(type: TypeArg) {
    return new Cast(this, type) as never;
  },
  label<N extends string>(name: N) {
    return new Label(name, this) as unknown as ColumnElement & { readonly name: N; readonly key: N };
  },
};

import { ColumnClause } from "./column-clause.js";

/** `x COLLATE name`; the collation is an identifier-like token, rendered as written. */
export function collateExpr(expr: ColumnElement, collation: string): ColumnElement {
  return new BinaryExpression(expr, new ColumnClause(collation), operators.collate, expr.type);
}

for (const [a, b] of [
  [likeOperators.contains, likeOperators.notContains],
  [likeOperators.startsWith, likeOperators.notStartsWith],
  [likeOperators.endsWith, likeOperators.notEndsWith],
] as const) {
  (negations as Map<Operator, Operator>).set(a, b);
  (negations as Map<Operator, Operator>).set(b, a);
}

Object.assign(ColumnElement.prototype, methods);
