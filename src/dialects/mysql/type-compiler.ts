import { CompileError } from "../../exc.js";
import { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import type { EnumType, StringType, UuidType } from "../../sql/types/sqltypes.js";

/**
 * MySQL type names: BOOL, DATETIME for any DateTime, BLOB, CHAR(32) for Uuid, native
 * `ENUM('a','b')`, and VARCHAR only with a length.
 * @example
 * mysql.dialect().typeCompiler.process(sa.Enum("a", "b")); // ENUM('a','b')
 */
export class MySQLTypeCompiler extends TypeCompiler {
  protected override visitBoolean(): string {
    return "BOOL";
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
