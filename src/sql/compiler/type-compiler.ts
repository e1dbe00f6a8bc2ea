import { CompileError } from "../../exc.js";
import type { Dialect } from "../dialect.js";
import { compilerClasses } from "../dialect.js";
import type {
  ARRAYType,
  DateTimeType,
  EnumType,
  FloatType,
  LargeBinaryType,
  NamedType,
  NumericType,
  StringType,
  TimeType,
  UuidType,
} from "../types/sqltypes.js";
import type { TypeEngine } from "../types/type-engine.js";

/**
 * Renders types as DDL names (`VARCHAR(50)`, `TIMESTAMP WITH TIME ZONE`), SQLAlchemy's
 * GenericTypeCompiler. Dialects override the `visit*` methods whose names differ.
 * @example
 * postgresql.dialect().typeCompiler.process(sa.DateTime({ timezone: true })); // TIMESTAMP WITH TIME ZONE
 */
export class TypeCompiler {
  constructor(readonly dialect: Dialect) {}

  /** The DDL name of a type. */
  process(type: TypeEngine): string {
    const impl = (type as { loadDialectImpl?: (d: Dialect) => TypeEngine }).loadDialectImpl?.(this.dialect);
    if (impl) return this.process(impl);
    switch (type.visitName) {
      case "integer":
        return this.visitInteger();
      case "small_integer":
        return this.visitSmallInteger();
      case "big_integer":
        return this.visitBigInteger();
      case "numeric":
        return this.visitNumeric(type as NumericType);
      case "float":
        return this.visitFloat(type as FloatType);
      case "double":
        return this.visitDouble(type as FloatType);
      case "boolean":
        return this.visitBoolean();
      case "string":
        return this.visitString(type as StringType);
      case "text":
        return this.visitText(type as StringType);
      case "unicode":
        return this.visitUnicode(type as StringType);
      case "unicode_text":
        return this.visitUnicodeText(type as StringType);
      case "date":
        return this.visitDate();
      case "datetime":
        return this.visitDateTime(type as DateTimeType);
      case "time":
        return this.visitTime(type as TimeType);
      case "interval":
        return this.visitInterval();
      case "JSON":
        return this.visitJSON();
      case "JSONB":
        return "JSONB";
      case "large_binary":
        return this.visitLargeBinary(type as LargeBinaryType);
      case "uuid":
        return this.visitUuid(type as UuidType);
      case "enum":
        return this.visitEnum(type as EnumType);
      case "ARRAY":
        return this.visitARRAY(type as ARRAYType);
      case "VARCHAR":
        return this.visitVARCHAR(type as StringType);
      case "NVARCHAR":
        return this.visitNVARCHAR(type as StringType);
      case "CHAR":
        return this.visitCHAR(type as StringType);
      case "NCHAR":
        return this.visitNCHAR(type as StringType);
      case "TEXT":
        return this.varchar(type as StringType, "TEXT");
      case "CLOB":
        return this.varchar(type as StringType, "CLOB");
      case "INTEGER":
      case "SMALLINT":
      case "BIGINT":
      case "DATE":
      case "DATETIME":
      case "UUID":
      case "REAL":
      case "DOUBLE":
        return type.visitName;
      case "DOUBLE_PRECISION":
        return "DOUBLE PRECISION";
      case "NUMERIC":
      case "DECIMAL":
        return this.numeric(type as NumericType, type.visitName);
      case "FLOAT":
        return this.visitFLOAT(type as FloatType);
      case "BOOLEAN":
        return this.visitBoolean();
      case "TIMESTAMP":
        return this.visitTIMESTAMP(type as DateTimeType);
      case "TIME":
        return this.visitTIME(type as TimeType);
      case "BLOB":
        return this.visitBLOB(type as LargeBinaryType);
      case "BINARY":
      case "VARBINARY":
        return this.visitBinaryNamed(type as LargeBinaryType, type.visitName);
      case "named": {
        const n = type as NamedType;
        return n.args.length ? `${n.sqlName}(${n.args.join(", ")})` : n.sqlName;
      }
      case "null":
        throw new CompileError(
          "Can't generate DDL for NullType(); did you forget to specify a type on this Column?",
        );
      default:
        throw new CompileError(`No DDL name for type ${type.visitName} on dialect ${this.dialect.name}`);
    }
  }

  protected visitInteger(): string {
    return "INTEGER";
  }
  protected visitSmallInteger(): string {
    return "SMALLINT";
  }
  protected visitBigInteger(): string {
    return "BIGINT";
  }
  protected visitNumeric(t: NumericType): string {
    return this.numeric(t, "NUMERIC");
  }
  /** `NAME`, `NAME(p)` or `NAME(p, s)`. */
  protected numeric(t: NumericType, name: string): string {
    if (t.precision === undefined) return name;
    if (t.scale === undefined) return `${name}(${t.precision})`;
    return `${name}(${t.precision}, ${t.scale})`;
  }
  protected visitFloat(t: FloatType): string {
    return this.visitFLOAT(t);
  }
  /** `FLOAT`: the generic compiler drops the precision, as SQLAlchemy's; PostgreSQL and MySQL keep it. */
  protected visitFLOAT(_t: FloatType): string {
    return "FLOAT";
  }
  protected visitVARCHAR(t: StringType): string {
    return this.varchar(t, "VARCHAR");
  }
  protected visitNVARCHAR(t: StringType): string {
    return this.varchar(t, "NVARCHAR");
  }
  protected visitCHAR(t: StringType): string {
    return this.varchar(t, "CHAR");
  }
  protected visitNCHAR(t: StringType): string {
    return this.varchar(t, "NCHAR");
  }
  protected visitTIMESTAMP(_t: DateTimeType): string {
    return "TIMESTAMP";
  }
  protected visitTIME(_t: TimeType): string {
    return "TIME";
  }
  /** `BINARY(n)` / `VARBINARY(n)`. */
  protected visitBinaryNamed(t: LargeBinaryType, name: string): string {
    return t.length === undefined ? name : `${name}(${t.length})`;
  }
  protected visitDouble(_t: FloatType): string {
    return "DOUBLE";
  }
  protected visitBoolean(): string {
    return "BOOLEAN";
  }
  protected varchar(t: StringType, name = "VARCHAR"): string {
    let text = t.length === undefined ? name : `${name}(${t.length})`;
    if (t.collation) text += ` COLLATE "${t.collation}"`;
    return text;
  }
  protected visitString(t: StringType): string {
    return this.varchar(t);
  }
  protected visitText(t: StringType): string {
    return this.varchar(t, "TEXT");
  }
  protected visitUnicode(t: StringType): string {
    return this.varchar(t);
  }
  protected visitUnicodeText(t: StringType): string {
    return this.varchar(t, "TEXT");
  }
  protected visitDate(): string {
    return "DATE";
  }
  protected visitDateTime(_t: DateTimeType): string {
    return "DATETIME";
  }
  protected visitTime(_t: TimeType): string {
    return "TIME";
  }
  protected visitInterval(): string {
    return "DATETIME";
  }
  protected visitJSON(): string {
    return "JSON";
  }
  /** A length only MySQL renders (SQLAlchemy's generic `visit_BLOB` drops it). */
  protected visitBLOB(_t: LargeBinaryType): string {
    return "BLOB";
  }
  protected visitLargeBinary(t: LargeBinaryType): string {
    return this.visitBLOB(t);
  }
  protected visitUuid(t: UuidType): string {
    return t.nativeUuid && this.dialect.supportsNativeUuid ? "UUID" : "CHAR(32)";
  }
  protected visitEnum(t: EnumType): string {
    return `VARCHAR(${t.length})`;
  }
  /** `ITEM[]` per dimension, before any COLLATE of the item type. */
  protected visitARRAY(t: ARRAYType): string {
    const inner = this.process(t.itemType);
    const brackets = "[]".repeat(t.dimensions ?? 1);
    const at = inner.indexOf(" COLLATE");
    return at < 0 ? inner + brackets : inner.slice(0, at) + brackets + inner.slice(at);
  }
}

compilerClasses.type = TypeCompiler;
