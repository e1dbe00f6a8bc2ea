import { ArgumentError } from "../../exc.js";
import type { ClauseElement } from "../base.js";
import { operators } from "../operators.js";
import { registry } from "../registry.js";
import { andHook } from "../selectable/hooks.js";
import type { ValueOf } from "../selectable/row-types.js";
import { Exists } from "../selectable/select-base.js";
import { type TypeArg, toType, type ValueOfType } from "../types/type-engine.js";
import { BindParameter, type BindParameterOptions } from "./bind-param.js";
import { coerceCriterion, coerceExpression, literalType } from "./coercions.js";
import { ColumnElement, type KeptKey, type NullOf } from "./column-element.js";
import { FALSE, False, TRUE, True } from "./constants.js";
import {
  AsBoolean,
  BinaryExpression,
  BOOLEANTYPE,
  BooleanClauseList,
  ClauseList,
  Grouping,
  UnaryExpression,
} from "./expressions.js";
import { overHook } from "./functions.js";
import { Label } from "./label.js";
import { Case, Cast, Extract, Over, type OverOptions, Tuple, TypeCoerce } from "./wrappers.js";

function booleanList(
  op: typeof operators.and | typeof operators.or,
  clauses: unknown[],
): ColumnElement<boolean> {
  const continueOn = op === operators.and ? True : False;
  const skipOn = op === operators.and ? False : True;
  let hasContinue: ClauseElement | null = null;
  let converted: ClauseElement[] = [];
  for (const raw of clauses) {
    const c = coerceCriterion(raw, op === operators.and ? "and()" : "or()");
    if (c instanceof continueOn) hasContinue = c;
    else if (c instanceof skipOn) {
      converted = [c];
      break;
    } else converted.push(c);
  }
  if (converted.length === 0 && hasContinue) converted = [hasContinue];
  if (converted.length === 1) return converted[0].selfGroup(operators.asBool) as ColumnElement<boolean>;
  const flat: ClauseElement[] = [];
  for (const c of converted) {
    const g = c.selfGroup(op);
    if (g instanceof BooleanClauseList && g.operator === op) flat.push(...g.clauses);
    else flat.push(g);
  }
  return new BooleanClauseList(flat, op);
}

/**
 * `a AND b AND …`; `sa.true()` operands drop out, a `sa.false()` operand wins.
 * @example
 * sa.select(users).where(sa.and(users.c.id.gt(5), users.c.name.like("e%")));
 */
export function and(...clauses: (ClauseElement | boolean)[]): ColumnElement<boolean> {
  return booleanList(operators.and, clauses);
}

/** `a OR b OR …`; `sa.false()` operands drop out, a `sa.true()` operand wins. */
export function or(...clauses: (ClauseElement | boolean)[]): ColumnElement<boolean> {
  return booleanList(operators.or, clauses);
}

andHook.and = (criteria) => and(...criteria);
overHook.and = (criteria) => and(...criteria);

/**
 * `NOT x`; negates comparisons directly (`not(a.eq(b))` is `a != b`).
 * @example
 * sa.not(users.c.name.in(["a", "b"]))   // users.name NOT IN (...)
 */
export function not(criterion: ClauseElement | boolean): ColumnElement<boolean> {
  const clause = coerceCriterion(criterion, "not()");
  if (clause instanceof BinaryExpression) {
    const n = clause._negated();
    if (n) return n as ColumnElement<boolean>;
  }
  if (clause instanceof True) return FALSE;
  if (clause instanceof False) return TRUE;
  if (clause instanceof AsBoolean) return new AsBoolean(clause.element, !clause.negated);
  if (clause instanceof UnaryExpression && clause.operator === operators.inv) {
    return clause.element instanceof Grouping
      ? (clause.element.element as ColumnElement<boolean>)
      : (clause.element as ColumnElement<boolean>);
  }
  if (
    clause instanceof ColumnElement &&
    clause.type.affinity === "boolean" &&
    !clause._isImplicitlyBoolean &&
    !(clause instanceof Exists)
  ) {
    return new AsBoolean(clause, true);
  }
  return new UnaryExpression(clause, operators.inv, null, BOOLEANTYPE);
}

/**
 * `CAST(expr AS type)`, typed with the target type's value; a cast column keeps its row key.
 * @example
 * sa.select(sa.cast(users.c.name, sa.Integer)); // rows: { name: number | null }
 */
export function cast<E, TA extends TypeArg>(
  expr: E,
  type: TA,
): Cast<ValueOfType<TA> | NullOf<E>> & KeptKey<E> {
  return new Cast(coerceExpression(expr), type) as Cast<ValueOfType<TA> | NullOf<E>> & KeptKey<E>;
}

/** Types an expression on the JS side without a CAST in SQL. */
export function typeCoerce<E, TA extends TypeArg>(
  expr: E,
  type: TA,
): TypeCoerce<ValueOfType<TA> | NullOf<E>> & KeptKey<E> {
  const e = expr instanceof ColumnElement ? expr : new BindParameter("param", expr, { unique: true, type });
  return new TypeCoerce(e, type) as TypeCoerce<ValueOfType<TA> | NullOf<E>> & KeptKey<E>;
}

/** A value bound as an anonymous parameter: `sa.literal(5)` renders `:param_1`. */
export function literal<T>(value: T, type?: TypeArg): BindParameter<T> {
  return new BindParameter<T>("param", value, { unique: true, type: type ?? literalType(value) });
}

/**
 * A named bind parameter, given a value now or at execution.
 * @example
 * sa.select(users).where(users.c.id.eq(sa.bindparam("uid"))); // execute(q, { uid: 5 })
 */
export function bindparam<T = unknown>(
  key: string,
  value?: T,
  opts: BindParameterOptions = {},
): BindParameter<T> {
  return new BindParameter<T>(key, value, opts);
}

type CaseWhen = readonly [unknown, unknown];
type CaseOptions = { else?: unknown; value?: unknown };

/** A THEN/ELSE value's type: an expression's value type, or the plain value's (widened) own. */
type ThenValue<X> = X extends ColumnElement<unknown> ? ValueOf<X> : Widen<X>;

/** The THEN values of one `case()` argument (a `[when, then]` pair or a `{ when: then }` dict). */
type ThensOf<A> = A extends CaseWhen
  ? ThenValue<A[1]>
  : "else" extends keyof A
    ? never
    : "value" extends keyof A
      ? never
      : A extends Record<string, infer V>
        ? ThenValue<V>
        : never;

/** `case()`'s value type: its THEN and ELSE values, `| null` without an ELSE. */
export type CaseValue<A extends readonly unknown[]> =
  | { [I in keyof A]: ThensOf<A[I]> }[number]
  | (A extends readonly [...unknown[], infer L]
      ? "else" extends keyof L
        ? ThenValue<L[keyof L & "else"]>
        : null
      : null);

/**
 * `CASE WHEN … THEN … ELSE … END`; with `value`, `CASE value WHEN … THEN …`. Typed by its THEN
 * and ELSE values (`| null` without an ELSE).
 * @example
 * sa.case([users.c.id.lt(5), "low"], [users.c.id.lt(10), "mid"], { else: "high" }); // Case<string>
 * sa.case({ a: 1, b: 2 }, { value: users.c.name }); // Case<number | null>
 */
export function case_<const A extends readonly (CaseWhen | Record<string, unknown> | CaseOptions)[]>(
  ...args: A
): Case<CaseValue<A>> {
  let elseValue: unknown;
  let value: ClauseElement | null = null;
  const whens: [ClauseElement, ClauseElement][] = [];
  const pending: (CaseWhen | Record<string, unknown>)[] = [];
  for (const a of args) {
    if (Array.isArray(a)) pending.push(a as CaseWhen);
    else pending.push(a as Record<string, unknown>);
  }
  const last = pending[pending.length - 1];
  if (last && !Array.isArray(last) && ("else" in last || "value" in last) && pending.length > 0) {
    const opts = last as { else?: unknown; value?: unknown };
    pending.pop();
    if ("else" in opts) elseValue = opts.else;
    if (opts.value !== undefined) value = coerceExpression(opts.value);
  }
  for (const p of pending) {
    if (Array.isArray(p)) {
      const [cond, result] = p as CaseWhen;
      // WHEN conditions are grouped as SQLAlchemy's self_group() does: `WHEN (x = :p)`
      whens.push([value ? thenValue(cond) : coerceCriterion(cond, "case()").selfGroup(), thenValue(result)]);
    } else {
      for (const [k, v] of Object.entries(p)) whens.push([thenValue(k), thenValue(v)]);
    }
  }
  if (whens.length === 0) throw new ArgumentError("case() needs at least one WHEN");
  return new Case(whens, value, elseValue === undefined ? null : thenValue(elseValue));
}

/** A literal's primitive type (`"on"` → string), as a column of such values is typed. */
type Widen<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends bigint
        ? bigint
        : T;

function thenValue(v: unknown): ClauseElement {
  if (v instanceof ColumnElement) return v;
  return coerceExpression(v);
}

/** `EXTRACT(field FROM expr)` */
export function extract(field: string, expr: ColumnElement): Extract {
  return new Extract(field, expr);
}

/** `(a, b, …)`: a row value. */
export function tuple(...clauses: unknown[]): Tuple {
  return new Tuple(clauses.map(coerceExpression));
}

/** `DISTINCT expr` */
export function distinct<E extends ColumnElement>(expr: E): ColumnElement<ValueOf<E>> & KeptKey<E> {
  return expr.distinct() as ColumnElement<ValueOf<E>> & KeptKey<E>;
}

/** `expr AS name` */
export function label<N extends string, T>(name: N, expr: ColumnElement<T>): Label<N, T> {
  return new Label(name, expr);
}

/** PARTITION BY / ORDER BY items of a window; a string names a column (or label) by name. */
function clauseList(
  x: ClauseElement | string | readonly (ClauseElement | string)[] | undefined,
): ClauseList | null {
  if (x === undefined) return null;
  const items = (Array.isArray(x) ? x : [x]) as (ClauseElement | string)[];
  return items.length
    ? new ClauseList(items.map((i) => (typeof i === "string" ? new registry.OrderByLabelRef!(i) : i)))
    : null;
}

/** `fn OVER (PARTITION BY … ORDER BY … [ROWS|RANGE …])` */
export function over<T>(fn: ColumnElement<T>, opts: OverOptions = {}): Over<T> {
  return new Over(
    fn,
    clauseList(opts.partitionBy),
    clauseList(opts.orderBy),
    opts.rows ?? null,
    opts.range ?? null,
  );
}
overHook.make = (fn, opts) => over(fn, opts);

/** `expr DESC` */
export function desc(expr: ColumnElement | string): ColumnElement {
  return orderTarget(expr).desc();
}
/** `expr ASC` */
export function asc(expr: ColumnElement | string): ColumnElement {
  return orderTarget(expr).asc();
}
/** `expr NULLS FIRST` */
export function nullsFirst(expr: ColumnElement | string): ColumnElement {
  return orderTarget(expr).nullsFirst();
}
/** `expr NULLS LAST` */
export function nullsLast(expr: ColumnElement | string): ColumnElement {
  return orderTarget(expr).nullsLast();
}
/** A string names a label of the columns clause, as in `orderBy("name")` (SQLAlchemy's desc("name")). */
function orderTarget(expr: ColumnElement | string): ColumnElement {
  return typeof expr === "string" ? new registry.OrderByLabelRef!(expr) : expr;
}
/** `expr COLLATE name` */
export function collate(expr: ColumnElement, collation: string): ColumnElement {
  return expr.collate(collation);
}
/** `-expr` */
export function neg(expr: ColumnElement): ColumnElement {
  return expr.neg();
}

export { toType };
