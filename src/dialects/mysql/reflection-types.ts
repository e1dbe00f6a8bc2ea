/**
 * MySQL / MariaDB column types back to alkahest types (SQLAlchemy's `ischema_names`): the
 * generic type where one renders back to the same column (`varchar(20)` → String(20),
 * `decimal(10,2)` → Numeric(10, 2)), MySQL's own types for UNSIGNED / ZEROFILL integers and
 * fractional-second temporals, `tinyint(1)` as Boolean (what BOOL creates), ENUM with its values,
 * and MariaDB's JSON (a LONGTEXT with a `json_valid()` CHECK) as JSON. Other spellings (CHAR,
 * LONGTEXT, VARBINARY …) keep their class and print as the server printed them.
 */
import { withSpelling } from "../../engine/reflection/spelled-type.js";
import {
  BigIntegerType,
  BooleanType,
  DateTimeType,
  DateType,
  DoubleType,
  EnumType,
  FloatType,
  IntegerType,
  JSONType,
  LargeBinaryType,
  NamedType,
  SmallIntegerType,
  StringType,
  TextType,
  TimeType,
} from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
import { BINARYType, UUIDType, VARBINARYType } from "../../sql/types/uppercase.js";
import { BITType, MySQLBlobType, MySQLDecimalType, MySQLFloatType, YEARType } from "./numeric-types.js";
import { type ParsedType, splitTopLevel, unescapeString } from "./reflection-parser.js";
import { MySQLEnumType, MySQLSetType, MySQLStringType, MySQLTextType } from "./string-types.js";
import {
  BIGINTType,
  DATETIMEType,
  INTEGERType,
  type IntegerOptions,
  MEDIUMINTType,
  SMALLINTType,
  TIMESTAMPType,
  TIMEType,
  TINYINTType,
} from "./types.js";

function ints(args: string | null): number[] {
  return (args?.match(/\d+/g) ?? []).map(Number);
}

/** The values of `enum('a','b''c')` / `set(…)`. */
function enumValues(args: string | null): string[] {
  return splitTopLevel(args ?? "").map((v) => unescapeString(v.slice(1, -1)));
}

/** The printed spelling, upper-cased, with what a column needs besides the name. */
function spelling(t: ParsedType, withArgs = true): string {
  let text = t.name.toUpperCase();
  if (withArgs && t.args !== null) text += `(${t.args})`;
  if (t.unsigned) text += " UNSIGNED";
  if (t.zerofill) text += " ZEROFILL";
  if (t.charset) text += ` CHARACTER SET ${t.charset}`;
  if (t.collate) text += ` COLLATE ${t.collate}`;
  return text;
}

/**
 * The alkahest type of a MySQL column type; `json` is true for a MariaDB JSON column (a LONGTEXT
 * whose `json_valid()` CHECK the server added).
 * @example
 * mysqlType(parseType("tinyint(1)"), "mysql", false); // BooleanType
 * mysqlType(parseType("int(10) unsigned"), "mysql", false); // mysql.INTEGER({ unsigned: true })
 */
export function mysqlType(t: ParsedType, dialectName: string, json: boolean): TypeEngine {
  if (json) return new JSONType();
  const a = ints(t.args);
  const intOpts: IntegerOptions = {
    unsigned: t.unsigned,
    zerofill: t.zerofill,
    // the display width matters only to ZEROFILL (MySQL 8 no longer prints it otherwise)
    ...(t.zerofill && a.length ? { displayWidth: a[0] } : {}),
  };
  const plainInt = !t.unsigned && !t.zerofill;
  const numOpts = { unsigned: t.unsigned, zerofill: t.zerofill };
  const strOpts = { charset: t.charset ?? undefined, collation: t.collate ?? undefined };
  const spelled = <T extends TypeEngine>(type: T): T => withSpelling(type, dialectName, spelling(t));
  switch (t.name) {
    case "tinyint":
      if (plainInt && a[0] === 1) return new BooleanType();
      return new TINYINTType(intOpts);
    case "smallint":
      return plainInt ? new SmallIntegerType() : new SMALLINTType(intOpts);
    case "mediumint":
      return new MEDIUMINTType(intOpts);
    case "int":
    case "integer":
      return plainInt ? new IntegerType() : new INTEGERType(intOpts);
    case "bigint":
      return plainInt ? new BigIntegerType() : new BIGINTType(intOpts);
    case "decimal":
    case "numeric":
      // SQLAlchemy's DECIMAL / NUMERIC classes, with or without UNSIGNED
      return new MySQLDecimalType(t.name === "decimal" ? "DECIMAL" : "NUMERIC", {
        ...numOpts,
        precision: a[0],
        scale: a[1],
      });
    case "float":
      return plainInt && t.args === null
        ? new FloatType()
        : new MySQLFloatType("FLOAT", { ...numOpts, precision: a[0], scale: a[1] });
    case "double":
    case "real":
      return plainInt && t.args === null
        ? new DoubleType()
        : new MySQLFloatType("DOUBLE", { ...numOpts, precision: a[0], scale: a[1] });
    case "date":
      return new DateType();
    case "datetime":
      return a.length ? new DATETIMEType({ fsp: a[0] }) : new DateTimeType();
    case "timestamp":
      return new TIMESTAMPType(a.length ? { fsp: a[0] } : {});
    case "time":
      return a.length ? new TIMEType({ fsp: a[0] }) : new TimeType();
    case "varchar":
      return t.charset
        ? new MySQLStringType("VARCHAR", a[0], strOpts)
        : new StringType(a[0], t.collate ?? undefined);
    case "char":
      return new MySQLStringType("CHAR", a[0], strOpts);
    case "text":
      return t.charset || t.collate || t.args !== null
        ? new MySQLTextType("TEXT", a[0], strOpts)
        : new TextType();
    case "tinytext":
    case "mediumtext":
    case "longtext":
      return new MySQLTextType(t.name.toUpperCase(), undefined, strOpts);
    case "blob":
      return t.args === null ? new LargeBinaryType() : spelled(new LargeBinaryType(a[0]));
    case "tinyblob":
    case "mediumblob":
    case "longblob":
      return new MySQLBlobType(t.name.toUpperCase() as "TINYBLOB" | "MEDIUMBLOB" | "LONGBLOB");
    case "binary":
      return new BINARYType(a[0]);
    case "varbinary":
      return new VARBINARYType(a[0]);
    case "json":
      return new JSONType();
    case "enum":
      return t.charset || t.collate
        ? new MySQLEnumType(enumValues(t.args), strOpts)
        : new EnumType(enumValues(t.args));
    case "uuid":
      return new UUIDType();
    case "set":
      return new MySQLSetType(enumValues(t.args), strOpts);
    case "year":
      return new YEARType(a[0]);
    case "bit":
      return new BITType(a[0]);
    default:
      // bit, geometry types, inet4/inet6 … are kept by name
      return new NamedType(spelling(t), "other");
  }
}
