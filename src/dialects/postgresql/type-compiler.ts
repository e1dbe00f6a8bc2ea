import { CompileError } from "../../exc.js";
import { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import type {
  DateTimeType,
  EnumType,
  FloatType,
  LargeBinaryType,
  TimeType,
} from "../../sql/types/sqltypes.js";

/**
 * PostgreSQL type names: TIMESTAMP/TIME WITH(OUT) TIME ZONE, DOUBLE PRECISION, BYTEA, INTERVAL,
 * and a named native ENUM rendered by its (schema-qualified) name.
 * @example
 * postgresql.dialect().typeCompiler.process(sa.Enum("a", "b", { name: "ab" })); // ab
 */
export class PGTypeCompiler extends TypeCompiler {
  protected override visitDateTime(t: DateTimeType): string {
    return `TIMESTAMP ${t.timezone ? "WITH" : "WITHOUT"} TIME ZONE`;
  }
  protected override visitTime(t: TimeType): string {
    return `TIME ${t.timezone ? "WITH" : "WITHOUT"} TIME ZONE`;
  }
  protected override visitDouble(_t: FloatType): string {
    return "DOUBLE PRECISION";
  }
  protected override visitLargeBinary(_t: LargeBinaryType): string {
    return "BYTEA";
  }
  protected override visitInterval(): string {
    return "INTERVAL";
  }
  protected override visitEnum(t: EnumType): string {
    if (!t.nativeEnum || !this.dialect.supportsNativeEnum) return super.visitEnum(t);
    if (!t.name) throw new CompileError("PostgreSQL ENUM type requires a name.");
    return this.dialect.identifierPreparer.formatTable(t.name, t.schema);
  }
}
