/**
 * SQL operators as data: the compiler renders them and decides parenthesisation from their
 * precedence, exactly as SQLAlchemy's `operators._PRECEDENCE` does.
 */
export interface Operator {
  /** stable identity, also used in cache keys */
  readonly id: string;
  /** the SQL text rendered between (or before) the operands, with surrounding spaces for binaries */
  readonly sql: string;
  readonly precedence: number;
  /** a op b === b op a, and (a op b) op c needs no parentheses */
  readonly associative?: boolean;
  /** comparison operators make the result boolean-typed */
  readonly comparison?: boolean;
  /**
   * parenthesised whenever it is an operand of another operator, whatever the precedences
   * (SQLAlchemy's `eager_grouping`: PostgreSQL's JSON and containment operators)
   */
  readonly eagerGrouping?: boolean;
}

function op(id: string, sql: string, precedence: number, extra: Partial<Operator> = {}): Operator {
  return { id, sql, precedence, ...extra };
}

export const operators = {
  getitem: op("getitem", "", 15),
  jsonGetitem: op("json_getitem", "", 15),
  jsonPathGetitem: op("json_path_getitem", "", 15),
  mul: op("mul", " * ", 8, { associative: true }),
  truediv: op("truediv", " / ", 8),
  floordiv: op("floordiv", " / ", 8),
  mod: op("mod", " % ", 8),
  neg: op("neg", "-", 8),
  bitwiseNot: op("bitwise_not", "~", 8),
  add: op("add", " + ", 7, { associative: true }),
  sub: op("sub", " - ", 7),
  bitwiseXor: op("bitwise_xor", " ^ ", 7),
  bitwiseRshift: op("bitwise_rshift", " >> ", 6),
  bitwiseLshift: op("bitwise_lshift", " << ", 6),
  bitwiseAnd: op("bitwise_and", " & ", 5),
  bitwiseOr: op("bitwise_or", " | ", 4),
  concat: op("concat", " || ", 6, { associative: true }),
  filter: op("filter", " FILTER ", 6),
  match: op("match", " MATCH ", 5, { comparison: true }),
  notMatch: op("not_match", " NOT MATCH ", 5, { comparison: true }),
  regexpMatch: op("regexp_match", " REGEXP ", 5, { comparison: true }),
  notRegexpMatch: op("not_regexp_match", " NOT REGEXP ", 5, { comparison: true }),
  ilike: op("ilike", " ILIKE ", 5, { comparison: true }),
  notIlike: op("not_ilike", " NOT ILIKE ", 5, { comparison: true }),
  like: op("like", " LIKE ", 5, { comparison: true }),
  notLike: op("not_like", " NOT LIKE ", 5, { comparison: true }),
  in: op("in", " IN ", 5, { comparison: true }),
  notIn: op("not_in", " NOT IN ", 5, { comparison: true }),
  is: op("is", " IS ", 5, { comparison: true }),
  isNot: op("is_not", " IS NOT ", 5, { comparison: true }),
  eq: op("eq", " = ", 5, { comparison: true }),
  ne: op("ne", " != ", 5, { comparison: true }),
  isDistinctFrom: op("is_distinct_from", " IS DISTINCT FROM ", 5, { comparison: true }),
  isNotDistinctFrom: op("is_not_distinct_from", " IS NOT DISTINCT FROM ", 5, { comparison: true }),
  gt: op("gt", " > ", 5, { comparison: true }),
  lt: op("lt", " < ", 5, { comparison: true }),
  ge: op("ge", " >= ", 5, { comparison: true }),
  le: op("le", " <= ", 5, { comparison: true }),
  between: op("between", " BETWEEN ", 5, { comparison: true }),
  notBetween: op("not_between", " NOT BETWEEN ", 5, { comparison: true }),
  distinct: op("distinct", "DISTINCT ", 5),
  inv: op("inv", "NOT ", 5),
  isTrue: op("is_true", " IS true", 5),
  isFalse: op("is_false", " IS false", 5),
  and: op("and", " AND ", 3, { associative: true }),
  or: op("or", " OR ", 2, { associative: true }),
  comma: op("comma", ", ", -1),
  desc: op("desc", " DESC", 3),
  asc: op("asc", " ASC", 3),
  nullsFirst: op("nulls_first", " NULLS FIRST", 3),
  nullsLast: op("nulls_last", " NULLS LAST", 3),
  collate: op("collate", " COLLATE ", 4),
  as: op("as", " AS ", -1),
  exists: op("exists", "EXISTS ", 0),
  asBool: op("asbool", "", -10),
  any: op("any", "ANY ", 15),
  all: op("all", "ALL ", 15),
} as const satisfies Record<string, Operator>;

/** Negations the compiler applies for `not(x)` on a binary expression. */
export const negations: ReadonlyMap<Operator, Operator> = new Map<Operator, Operator>([
  [operators.eq, operators.ne],
  [operators.ne, operators.eq],
  [operators.lt, operators.ge],
  [operators.ge, operators.lt],
  [operators.gt, operators.le],
  [operators.le, operators.gt],
  [operators.like, operators.notLike],
  [operators.notLike, operators.like],
  [operators.ilike, operators.notIlike],
  [operators.notIlike, operators.ilike],
  [operators.in, operators.notIn],
  [operators.notIn, operators.in],
  [operators.is, operators.isNot],
  [operators.isNot, operators.is],
  [operators.between, operators.notBetween],
  [operators.notBetween, operators.between],
  [operators.isDistinctFrom, operators.isNotDistinctFrom],
  [operators.isNotDistinctFrom, operators.isDistinctFrom],
  [operators.match, operators.notMatch],
  [operators.notMatch, operators.match],
  [operators.regexpMatch, operators.notRegexpMatch],
  [operators.notRegexpMatch, operators.regexpMatch],
]);

/** indexing chains without parentheses: `a[1][2]`, `doc -> 'a' -> 'b'` */
const NATURAL_SELF_PRECEDENT: ReadonlySet<Operator> = new Set([
  operators.getitem,
  operators.jsonGetitem,
  operators.jsonPathGetitem,
]);

/**
 * Whether an expression using `operator` must be parenthesised when it appears as an operand of
 * `against`: SQLAlchemy's `is_precedent`.
 */
export function isPrecedent(operator: Operator, against: Operator | undefined): boolean {
  if (against === undefined) return true;
  if (operator === against && (operator.associative || NATURAL_SELF_PRECEDENT.has(operator))) return false;
  return operator.precedence <= against.precedence;
}

/**
 * PostgreSQL's containment and key operators (JSONB, ARRAY), as SQLAlchemy's
 * `postgresql.operators`: comparisons at `=`'s precedence, grouped eagerly but `&&`.
 */
export const pgOperators = {
  contains: { id: "custom:pg_contains", sql: " @> ", precedence: 5, comparison: true, eagerGrouping: true },
  containedBy: {
    id: "custom:pg_contained_by",
    sql: " <@ ",
    precedence: 5,
    comparison: true,
    eagerGrouping: true,
  },
  hasKey: { id: "custom:pg_has_key", sql: " ? ", precedence: 5, comparison: true, eagerGrouping: true },
  overlap: { id: "custom:pg_overlap", sql: " && ", precedence: 5, comparison: true },
} as const satisfies Record<string, Operator>;

/** `<` for `>` and so on: the operator with its operands swapped (not its negation). */
export function mirror(op: Operator): Operator {
  switch (op) {
    case operators.gt:
      return operators.lt;
    case operators.lt:
      return operators.gt;
    case operators.ge:
      return operators.le;
    case operators.le:
      return operators.ge;
    default:
      return op;
  }
}

/** A user-defined operator from `col.op("->")`. */
export function customOp(sql: string, precedence = 0, isComparison = false): Operator {
  return { id: `custom:${sql}:${precedence}`, sql: ` ${sql} `, precedence, comparison: isComparison };
}
