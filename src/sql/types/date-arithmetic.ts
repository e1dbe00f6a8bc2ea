import type { Operator } from "../operators.js";
import { DateTimeType, DateType, IntegerType, IntervalType, TimeType } from "./sqltypes.js";
import type { TypeAffinity, TypeEngine } from "./type-engine.js";

const DATETIME = new DateTimeType();
const DATE = new DateType();
const TIME = new TimeType();
const INTERVAL = new IntervalType();
const INTEGER = new IntegerType();

type Table = Partial<Record<TypeAffinity, TypeEngine>>;

/**
 * The type of `left <op> right` where a date, time or interval is involved, by operator id, then
 * by the two operands' affinities: SQLAlchemy's `_expression_adaptations` of Date, DateTime,
 * Time and Interval (`datetime - datetime` is an interval, `date - date` a whole number of days).
 */
const ADAPTATIONS: Record<string, Partial<Record<TypeAffinity, Table>>> = {
  add: {
    date: { integer: DATE, interval: DATETIME, time: DATETIME },
    datetime: { interval: DATETIME },
    time: { date: DATETIME, interval: TIME },
    interval: { date: DATETIME, datetime: DATETIME, time: TIME, interval: INTERVAL },
    integer: { date: DATE },
  },
  sub: {
    date: { integer: DATE, date: INTEGER, interval: DATETIME, datetime: INTERVAL },
    datetime: { interval: DATETIME, datetime: INTERVAL },
    time: { time: INTERVAL, interval: TIME },
    interval: { interval: INTERVAL },
  },
  mul: { interval: { integer: INTERVAL, numeric: INTERVAL, float: INTERVAL } },
  truediv: { interval: { integer: INTERVAL, numeric: INTERVAL, float: INTERVAL } },
};

/**
 * The result type SQLAlchemy gives date/time arithmetic, or null when the operands are not a
 * date/time/interval pair it adapts (the caller then keeps the left operand's type).
 * @example
 * dateArithmeticType(operators.sub, ts.type, other.type); // IntervalType for DateTime - DateTime
 */
export function dateArithmeticType(op: Operator, left: TypeEngine, right: TypeEngine): TypeEngine | null {
  return ADAPTATIONS[op.id]?.[left.affinity]?.[right.affinity] ?? null;
}
