import { CompileError } from "../../exc.js";
import { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import type {
  DateTimeType,
  EnumType,
  FloatType,
  LargeBinaryType,
  TimeType,
} from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
import type { INTERVALType } from "./types.js";

/** `(p)` for a type with a `precision`, else "". */
function precisionOf(t: TypeEngine): string {
  const p = (t as { precision?: number }).precision;
  return p === undefined ? "" : `(${p})`;
}

/**
 * PostgreSQL type names: TIMESTAMP/TIME WITH(OUT) TIME ZONE, DOUBLE PRECISION, BYTEA, INTERVAL,
 * and a named native ENUM rendered by its (schema-qualified) name.
 * @example
 * postgresql.dialect().typeCompiler.process(sa.Enum("a", "b", { name: "ab" })); // ab
 */
export class PGTypeCompiler extends TypeCompiler {
  override process(type: TypeEngine): string {
    switch (type.visitName) {
      case "CITEXT":
        return "CITEXT";
      case "BYTEA":
        return "BYTEA";
      case "INTERVAL": {
        const t = type as INTERVALType;
        let text = "INTERVAL";
        if (t.fields !== undefined) text += ` ${t.fields}`;
        if (t.precision !== undefined) text += ` (${t.precision})`;
        return text;
      }
      default:
        return super.process(type);
    }
  }
  protected override visitDateTime(t: DateTimeType): string {
    return this.visitTIMESTAMP(t);
  }
  protected override visitTime(t: TimeType): string {
    return this.visitTIME(t);
  }
  /** `TIMESTAMP[(p)] WITH[OUT] TIME ZONE` (the precision of `postgresql.TIMESTAMP`). */
  protected override visitTIMESTAMP(t: DateTimeType): string {
    return `TIMESTAMP${precisionOf(t)} ${t.timezone ? "WITH" : "WITHOUT"} TIME ZONE`;
  }
  protected override visitTIME(t: TimeType): string {
    return `TIME${precisionOf(t)} ${t.timezone ? "WITH" : "WITHOUT"} TIME ZONE`;
  }
  protected override visitFLOAT(t: FloatType): string {
    return t.precision ? `FLOAT(${t.precision})` : "FLOAT";
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
