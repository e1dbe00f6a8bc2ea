/**
 * PostgreSQL named ENUM types: `CREATE TYPE name AS ENUM (…)` and `DROP TYPE name`, and how
 * `meta.createAll` / `meta.dropAll` find the types a table needs (SQLAlchemy's
 * `CreateEnumType` / `DropEnumType` and the NamedType create/drop events).
 */

import type { CompileKw, SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import { DDLElement } from "../../sql/ddl/ddl-elements.js";
import type { Dialect } from "../../sql/dialect.js";
import type { Table } from "../../sql/schema/table.js";
import { ARRAYType, EnumType, StringType } from "../../sql/types/sqltypes.js";
import { TypeDecorator } from "../../sql/types/type-decorator.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";

function formatType(dialect: Dialect, type: EnumType): string {
  return dialect.identifierPreparer.formatTable(type.name!, type.schema);
}

/**
 * `CREATE TYPE name AS ENUM ('a', 'b')` for a named `sa.Enum`.
 * @example
 * new CreateEnumType(sa.Enum("sad", "ok", { name: "mood" })); // CREATE TYPE mood AS ENUM ('sad', 'ok')
 */
export class CreateEnumType extends DDLElement {
  readonly visitName = "create_enum_type";
  constructor(readonly type: EnumType) {
    super();
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    const d = this.ddl(c).dialect;
    const str = new StringType();
    const values = this.type.enums.map((v) => d.renderLiteralValue(v, str)).join(", ");
    return `CREATE TYPE ${formatType(d, this.type)} AS ENUM (${values})`;
  }
}

/**
 * `DROP TYPE name` for a named `sa.Enum`.
 * @example
 * new DropEnumType(sa.Enum("sad", "ok", { name: "mood" })); // DROP TYPE mood
 */
export class DropEnumType extends DDLElement {
  readonly visitName = "drop_enum_type";
  constructor(readonly type: EnumType) {
    super();
  }
  _compile(c: SQLCompiler, _kw: CompileKw): string {
    return `DROP TYPE ${formatType(this.ddl(c).dialect, this.type)}`;
  }
}

/** The named native ENUM types behind a column type (through TypeDecorator and ARRAY). */
function enumsOf(type: TypeEngine, out: EnumType[]): void {
  if (type instanceof EnumType) {
    // postgresql.ENUM({ createType: false }) names a type that exists already
    const creates = (type as { createType?: boolean }).createType !== false;
    if (type.nativeEnum && type.name && creates) out.push(type);
  } else if (type instanceof TypeDecorator) {
    enumsOf(type.implType, out);
  } else if (type instanceof ARRAYType) {
    enumsOf(type.itemType, out);
  }
}

/** The named native ENUM types a table's columns use, each once, in column order. */
export function namedEnumTypes(table: Table): EnumType[] {
  const out: EnumType[] = [];
  for (const col of table.columnList) enumsOf(col.type, out);
  return out.filter((t, i) => out.findIndex((o) => enumKey(o) === enumKey(t)) === i);
}

/** Identifies an ENUM type by schema and name (two `sa.Enum` objects may share one type). */
export function enumKey(type: EnumType): string {
  return `pg_enum:${type.schema ?? ""}.${type.name}`;
}
