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

/** The type a bare JS value gets (SQLAlchemy's `_resolve_value_to_type`). */
export function literalType(value: unknown): TypeEngine {
  switch (typeof value) {
    case "number":
      return Number.isInteger(value) ? new IntegerType() : new FloatType();
    case "bigint":
      return new BigIntegerType();
    case "string":
      return new StringType();
    case "boolean":
      return new BooleanType();
    default:
      if (value instanceof Date) return new DateTimeType();
      return Buffer.isBuffer(value) ? new LargeBinaryType() : NULLTYPE;
  }
}
