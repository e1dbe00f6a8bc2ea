import { typeCoerce } from "../elements/constructors.js";
import { BooleanType, EnumType, StringType } from "../types/sqltypes.js";
import type { TypeArg } from "../types/type-engine.js";
import type { Column } from "./column.js";
import { CheckConstraint } from "./constraints.js";

/**
 * The CHECK constraint a column's type brings when the database lacks the native type
 * (SQLAlchemy's SchemaType `_set_table`): `CHECK (x IN (0, 1))` for `sa.Boolean({ createConstraint:
 * true })`, `CHECK (x IN ('a', 'b'))` for a non-native `sa.Enum(..., { createConstraint: true })`.
 * The constraint carries a create rule, so CREATE TABLE only renders it on such dialects.
 * @example
 * typeBoundConstraint(new sa.Column("x", sa.Boolean({ createConstraint: true })));
 */
export function typeBoundConstraint(col: Column): CheckConstraint | null {
  const type = col.type;
  if (type instanceof BooleanType && type.createConstraint) {
    const ck = new CheckConstraint(typeCoerce(col, type as TypeArg).in([0, 1]), nameOpt(type.name));
    ck._createRule = (d) => !d.supportsNativeBoolean && nonNativeBooleanCheck(d);
    ck._typeBound = true;
    return ck;
  }
  if (type instanceof EnumType && type.createConstraint) {
    const ck = new CheckConstraint(typeCoerce(col, new StringType()).in([...type.enums]), nameOpt(type.name));
    ck._createRule = (d) => !type.nativeEnum || !d.supportsNativeEnum;
    ck._typeBound = true;
    return ck;
  }
  return null;
}

function nameOpt(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name };
}

/** Dialects may opt out of the Boolean CHECK (SQLAlchemy's `non_native_boolean_check_constraint`). */
function nonNativeBooleanCheck(d: object): boolean {
  const flag = (d as { nonNativeBooleanCheckConstraint?: boolean }).nonNativeBooleanCheckConstraint;
  return flag ?? true;
}
