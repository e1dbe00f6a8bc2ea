import {
  BigIntegerType,
  BooleanType,
  DateTimeType,
  FloatType,
  IntegerType,
  LargeBinaryType,
  StringType,
} from "./sqltypes.js";
import { NULLTYPE, type TypeEngine } from "./type-engine.js";

// shared: types do not change after construction, and the cache-key part ids kept on a type
// (`_bindKeyIds`) are then computed once rather than for every literal
const INTEGER = new IntegerType();
const FLOAT = new FloatType();
const BIGINT = new BigIntegerType();
const STRING = new StringType();
const BOOLEAN = new BooleanType();
const DATETIME = new DateTimeType();
const BINARY = new LargeBinaryType();

/** The type a bare JS value gets (SQLAlchemy's `_resolve_value_to_type`). */
export function literalType(value: unknown): TypeEngine {
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) ? INTEGER : FLOAT;
    case "bigint":
      return BIGINT;
    case "string":
      return STRING;
    case "boolean":
      return BOOLEAN;
    default:
      if (value instanceof Date) return DATETIME;
      return Buffer.isBuffer(value) ? BINARY : NULLTYPE;
  }
}
