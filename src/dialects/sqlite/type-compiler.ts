import { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import type { DateTimeType } from "../../sql/types/sqltypes.js";

/** SQLite type names. */
export class SQLiteTypeCompiler extends TypeCompiler {
  protected override visitDateTime(_t: DateTimeType): string {
    return "DATETIME";
  }
}
