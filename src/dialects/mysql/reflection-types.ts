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
  NumericType,
  SmallIntegerType,
  StringType,
  TextType,
  TimeType,
  UuidType,
} from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
import { type ParsedType, splitTopLevel, unescapeString } from "./reflection-parser.js";
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
    case "numeric": {
      const type = new NumericType(a[0], a[1]);
      return plainInt ? type : spelled(type);
    }
    case "float":
      return plainInt && t.args === null ? new FloatType() : spelled(new FloatType());
    case "double":
    case "real":
      return plainInt && t.args === null ? new DoubleType() : spelled(new DoubleType());
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
        ? spelled(new StringType(a[0], t.collate ?? undefined))
        : new StringType(a[0], t.collate ?? undefined);
    case "char":
      return spelled(new StringType(a[0], t.collate ?? undefined));
    case "text":
      return t.charset || t.collate || t.args !== null
        ? spelled(new TextType(undefined, t.collate ?? undefined))
        : new TextType();
    case "tinytext":
    case "mediumtext":
    case "longtext":
      return spelled(new TextType(undefined, t.collate ?? undefined));
    case "blob":
      return t.args === null ? new LargeBinaryType() : spelled(new LargeBinaryType(a[0]));
    case "tinyblob":
    case "mediumblob":
    case "longblob":
      return spelled(new LargeBinaryType());
    case "binary":
    case "varbinary":
      return spelled(new LargeBinaryType(a[0]));
    case "json":
      return new JSONType();
    case "enum": {
      const type = new EnumType(enumValues(t.args));
      return t.charset || t.collate ? spelled(type) : type;
    }
    case "uuid":
      return spelled(new UuidType());
    case "set":
      return new NamedType(spelling(t), "string");
    case "year":
      return new NamedType(spelling(t), "integer");
    default:
      // bit, geometry types, inet4/inet6 … are kept by name
      return new NamedType(spelling(t), "other");
  }
}
