import { CompileError } from "../../exc.js";
import { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import type {
  DateTimeType,
  EnumType,
  FloatType,
  LargeBinaryType,
  StringType,
  TimeType,
  UuidType,
} from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
import { BITType, isMySQLNumeric, MySQLBlobType, type MySQLNumericSpec, YEARType } from "./numeric-types.js";
import { isMySQLString, MySQLEnumType, MySQLSetType, type MySQLStringSpec } from "./string-types.js";
import { DATETIMEType, isMySQLInteger, type MySQLIntegerType, TIMESTAMPType, TIMEType } from "./types.js";

/**
 * MySQL type names: BOOL, DATETIME for any DateTime, BLOB, CHAR(32) for Uuid, native
 * `ENUM('a','b')`, VARCHAR only with a length, and the MySQL types' own options
 * (`DATETIME(6)`, `INTEGER UNSIGNED`).
 * @example
 * mysql.dialect().typeCompiler.process(sa.Enum("a", "b")); // ENUM('a','b')
 */
export class MySQLTypeCompiler extends TypeCompiler {
  override process(type: TypeEngine): string {
    if (isMySQLInteger(type)) return this.integer(type);
    if (isMySQLString(type)) return this.mysqlString(type);
    if (isMySQLNumeric(type)) return this.mysqlNumeric(type);
    if (type instanceof MySQLSetType) {
      return this.withCharset(`SET(${type.values.map((v) => this.quoteValue(v)).join(",")})`, type);
    }
    if (type instanceof MySQLBlobType) return type.mysqlName;
    if (type instanceof BITType) return type.length === undefined ? "BIT" : `BIT(${type.length})`;
    if (type instanceof YEARType)
      return type.displayWidth === undefined ? "YEAR" : `YEAR(${type.displayWidth})`;
    return super.process(type);
  }

  /**
   * `[NATIONAL] VARCHAR(n) [CHARACTER SET cs | ASCII | UNICODE] [COLLATE c | BINARY]`, in the
   * order of SQLAlchemy's `_extend_string` (NATIONAL trumps a character set).
   */
  private mysqlString(t: MySQLStringSpec): string {
    if (t.mysqlName === "VARCHAR" && t.length === undefined) {
      throw new CompileError(`VARCHAR requires a length on dialect ${this.dialect.name}`);
    }
    const o = t.options;
    const spec = t.length === undefined ? t.mysqlName : `${t.mysqlName}(${t.length})`;
    const charset = o.charset
      ? `CHARACTER SET ${o.charset}`
      : o.ascii
        ? "ASCII"
        : o.unicode
          ? "UNICODE"
          : null;
    const collation = o.collation ? `COLLATE ${o.collation}` : o.binary ? "BINARY" : null;
    const parts = o.national ? ["NATIONAL", spec, collation] : [spec, charset, collation];
    return parts.filter((p) => p !== null).join(" ");
  }

  /** `CHARACTER SET cs COLLATE c` after an ENUM or SET. */
  private withCharset(spec: string, t: { charset?: string; collation?: string }): string {
    let text = spec;
    if (t.charset) text += ` CHARACTER SET ${t.charset}`;
    if (t.collation) text += ` COLLATE ${t.collation}`;
    return text;
  }

  /** `DECIMAL(10, 2) UNSIGNED ZEROFILL`, `DOUBLE(10, 2)`, `FLOAT(10)` … as SQLAlchemy's. */
  private mysqlNumeric(t: MySQLNumericSpec): string {
    const p = t.precision;
    const sc = t.scale;
    let spec: string = t.mysqlName;
    if (t.mysqlName === "DECIMAL" || t.mysqlName === "NUMERIC") {
      if (p !== undefined) spec += sc === undefined ? `(${p})` : `(${p}, ${sc})`;
    } else if (p !== undefined && sc !== undefined) spec += `(${p}, ${sc})`;
    else if (t.mysqlName === "FLOAT" && p !== undefined) spec += `(${p})`;
    if (t.unsigned) spec += " UNSIGNED";
    if (t.zerofill) spec += " ZEROFILL";
    return spec;
  }

  /** `'value'` in an ENUM or SET list. */
  private quoteValue(e: string): string {
    const v = this.dialect.identifierPreparer.doublePercents ? e.replaceAll("%", "%%") : e;
    return `'${v.replaceAll("'", "''")}'`;
  }

  /** `TINYINT(1) UNSIGNED ZEROFILL`: the name, the display width, the flags. */
  private integer(t: MySQLIntegerType): string {
    let text = t.displayWidth === undefined ? t.mysqlName : `${t.mysqlName}(${t.displayWidth})`;
    if (t.unsigned) text += " UNSIGNED";
    if (t.zerofill) text += " ZEROFILL";
    return text;
  }

  protected override visitBoolean(): string {
    return "BOOL";
  }
  protected override visitFLOAT(t: FloatType): string {
    return t.precision === undefined ? "FLOAT" : `FLOAT(${t.precision})`;
  }
  protected override visitNVARCHAR(t: StringType): string {
    return `NATIONAL ${this.varchar(t, "VARCHAR")}`;
  }
  protected override visitNCHAR(t: StringType): string {
    return `NATIONAL ${this.varchar(t, "CHAR")}`;
  }
  protected override visitBLOB(t: LargeBinaryType): string {
    return t.length === undefined ? "BLOB" : `BLOB(${t.length})`;
  }
  protected override visitBinaryNamed(t: LargeBinaryType, name: string): string {
    if (name === "VARBINARY" && t.length === undefined) {
      throw new CompileError(`VARBINARY requires a length on dialect ${this.dialect.name}`);
    }
    return super.visitBinaryNamed(t, name);
  }

  /**
   * Generic `sa.DateTime` is `DATETIME`, whole seconds, as in SQLAlchemy (`timezone` has no
   * MySQL spelling and is ignored): a JS Date's milliseconds are cut (MariaDB) or rounded (MySQL)
   * by the server. For sub-second values declare `mysql.DATETIME({ fsp: 6 })` (or
   * `mysql.TIMESTAMP({ fsp })`): the processors bind `YYYY-MM-DD HH:MM:SS.ffffff` and read the
   * fraction back, so milliseconds round-trip wherever the column keeps them.
   */
  protected override visitDateTime(t: DateTimeType): string {
    if (t instanceof TIMESTAMPType) return withFsp("TIMESTAMP", t.fsp);
    if (t instanceof DATETIMEType) return withFsp("DATETIME", t.fsp);
    return "DATETIME";
  }

  /** Generic `sa.Time` is `TIME` (whole seconds); `mysql.TIME({ fsp })` keeps fractions. */
  protected override visitTime(t: TimeType): string {
    return t instanceof TIMEType ? withFsp("TIME", t.fsp) : "TIME";
  }

  protected override visitUuid(_t: UuidType): string {
    return "CHAR(32)";
  }
  protected override visitEnum(t: EnumType): string {
    if (!t.nativeEnum) return super.visitEnum(t);
    const spec = `ENUM(${t.enums.map((e) => this.quoteValue(e)).join(",")})`;
    return t instanceof MySQLEnumType ? this.withCharset(spec, t) : spec;
  }
  /** `VARCHAR(n) [COLLATE c]`; MySQL has no unbounded VARCHAR. */
  protected override varchar(t: StringType, name = "VARCHAR"): string {
    if (t.length === undefined && name === "VARCHAR") {
      throw new CompileError(`VARCHAR requires a length on dialect ${this.dialect.name}`);
    }
    let text = t.length === undefined ? name : `${name}(${t.length})`;
    if (t.collation) text += ` COLLATE ${t.collation}`;
    return text;
  }
}

function withFsp(name: string, fsp: number | undefined): string {
  return fsp === undefined ? name : `${name}(${fsp})`;
}
