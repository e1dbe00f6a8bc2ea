import { ArgumentError } from "../../exc.js";
import { ClauseElement } from "../base.js";
import { literalType } from "../types/literal-type.js";
import { BindParameter } from "./bind-param.js";
import { ColumnElement } from "./column-element.js";
import { NULL } from "./constants.js";

export { literalType };

/** @internal turns a selectable into a scalar subquery when used as a value */
export const scalarHook: { make: ((el: ClauseElement) => ColumnElement | null) | null } = { make: null };

/**
 * Coerces an operand compared against `against`: expressions pass through, `null` becomes NULL,
 * a SELECT becomes a scalar subquery, anything else becomes an anonymous bind of the column's type.
 */
export function coerceOperand(value: unknown, against: ColumnElement): ClauseElement {
  if (value instanceof BindParameter) {
    // an untyped bind takes the type of what it meets (SQLAlchemy's _with_binary_element_type),
    // so `col.eq(bindparam("x"))` converts x as col's values are converted
    if (value.type.affinity !== "null" || against.type.affinity === "null") return value;
    return value.withType(against.type.coerceComparedValue(value.value));
  }
  if (value instanceof ColumnElement) return value;
  if (value === null || value === undefined) return NULL;
  if (value instanceof ClauseElement) {
    const scalar = scalarHook.make?.(value);
    if (scalar) return scalar;
    return value;
  }
  return new BindParameter(against._bindKey, value, {
    unique: true,
    type: against.type.coerceComparedValue(value),
  });
}

/** Coerces a standalone value (no column to take a name or type from) into an expression. */
export function coerceExpression(value: unknown): ColumnElement {
  if (value instanceof ColumnElement) return value;
  if (value === null || value === undefined) return NULL;
  if (value instanceof ClauseElement) {
    const scalar = scalarHook.make?.(value);
    if (scalar) return scalar;
    throw new ArgumentError(`Expected a column expression, got ${value.visitName}`);
  }
  return new BindParameter("param", value, { unique: true, type: literalType(value) });
}

/** Where/having/on criteria: expressions only; a JS value here is almost always a mistake. */
export function coerceCriterion(value: unknown, what: string): ClauseElement {
  if (value instanceof ClauseElement) return value;
  if (typeof value === "boolean") return coerceExpression(value);
  throw new ArgumentError(
    `${what} expects a SQL expression (for example users.c.id.eq(5)), got ${typeof value}: ${String(value)}`,
  );
}
