import {
  BigIntegerType,
  BooleanType,
  DateTimeType,
  FloatType,
  IntegerType,
  LargeBinaryType,
  StringType,
} from "./sqltypes.js";
import { literalTypeHook, NULLTYPE, type TypeEngine } from "./type-engine.js";

// shared: types do not change after construction, and the cache-key part ids kept on a type
// (`_bindKeyIds`) are then computed once rather than for every literal
/** @internal the shared Integer instance (also the type of ARRAY subscripts, `astInteger()`) */
export const INTEGER = new IntegerType();
/** @internal the shared Float instance */
export const FLOAT = new FloatType();
const BIGINT = new BigIntegerType();
const STRING = new StringType();
/** @internal the shared Boolean instance */
export const BOOLEAN = new BooleanType();
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

literalTypeHook.resolve = literalType;
