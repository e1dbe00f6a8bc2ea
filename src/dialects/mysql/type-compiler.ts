import { CompileError } from "../../exc.js";
import { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import type { DateTimeType, EnumType, StringType, TimeType, UuidType } from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
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
    return super.process(type);
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
    const quoted = t.enums.map((e) => {
      const v = this.dialect.identifierPreparer.doublePercents ? e.replaceAll("%", "%%") : e;
      return `'${v.replaceAll("'", "''")}'`;
    });
    return `ENUM(${quoted.join(",")})`;
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
