import type { Dialect } from "../../sql/dialect.js";
import { JSONIndexType } from "../../sql/types/json-index.js";
import {
  ARRAYType,
  BigIntegerType,
  BooleanType,
  DateTimeType,
  DateType,
  EnumType,
  FloatType,
  IntegerType,
  IntervalType,
  JSONType,
  LargeBinaryType,
  NumericType,
  StringType,
  TimeType,
  UuidType,
} from "../../sql/types/sqltypes.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";

/**
 * The types whose binds carry a cast, as SQLAlchemy's asyncpg and psycopg dialects mark them
 * (`render_bind_cast`), with their subclasses. Any other type (a NamedType such as INET, NullType)
 * stays uncast: the server infers it from where the bind stands.
 */
const CAST_TYPES: readonly (abstract new (...args: never[]) => TypeEngine)[] = [
  IntegerType,
  BigIntegerType,
  NumericType,
  FloatType,
  BooleanType,
  StringType,
  DateType,
  DateTimeType,
  TimeType,
  IntervalType,
  LargeBinaryType,
  UuidType,
  JSONType,
];

const memo = new WeakMap<TypeEngine, string>();

/**
 * `::TYPE` for a bind of `type` on PostgreSQL through pg, or "" (SQLAlchemy's
 * `BindTyping.RENDER_CASTS`). pg sends every value as untyped text, so without it the server
 * cannot type `$1 + $2`, `sum($1)` or `greatest($1, $2)` ("operator is not unique: unknown +
 * unknown") and reads a bare `SELECT $1` back as text.
 * Values assigned to columns (INSERT VALUES, UPDATE SET) stay uncast: the server types them from
 * the column.
 * @example
 * select(literal(1).add(literal(2))) // SELECT $1::INTEGER + $2::INTEGER AS anon_1
 */
export function pgBindCast(dialect: Dialect, type: TypeEngine): string {
  let cast = memo.get(type);
  if (cast === undefined) {
    cast = castFor(dialect, type);
    memo.set(type, cast);
  }
  return cast;
}

function castFor(dialect: Dialect, type: TypeEngine): string {
  // a TypeDecorator (or any type naming its impl per dialect) binds as its impl; a reflected
  // type spelled as the server did (`character(4)`) is a NamedType there, left to inference
  const impl = (type as { loadDialectImpl?: (d: Dialect) => TypeEngine | undefined }).loadDialectImpl?.(
    dialect,
  );
  if (impl && impl !== type) return pgBindCast(dialect, impl);
  if (type instanceof EnumType) {
    // a named native ENUM casts to itself; an emulated one is a VARCHAR
    if (!type.nativeEnum) return "::VARCHAR";
    return type.name ? `::${dialect.typeCompiler.process(type)}` : "";
  }
  // a JSON key is text and a position an integer (`doc -> $1::TEXT`), as SQLAlchemy's psycopg
  // and asyncpg dialects type them; a path stays uncast, inferred as text[] from `#>`
  if (type instanceof JSONIndexType) return type.isInt ? "::INT" : "::TEXT";
  if (type instanceof ARRAYType) {
    const item = pgBindCast(dialect, type.itemType);
    return item && `${item}[]`;
  }
  if (!CAST_TYPES.some((c) => type instanceof c)) return "";
  // NUMERIC without precision and scale, unlike SQLAlchemy: `price > 19.999` must not compare
  // with 20.00, the value rounded to the column's scale
  if (type instanceof NumericType) return "::NUMERIC";
  // VARCHAR without the length, as SQLAlchemy: a longer value is refused where it is stored, not
  // in a comparison; a string type of the user's own (CITEXT) casts to itself
  if (type instanceof StringType && GENERIC_STRINGS.has(type.visitName)) return "::VARCHAR";
  try {
    return `::${dialect.typeCompiler.process(type)}`;
  } catch {
    // a subclass of the user's own with no PostgreSQL name: leave the bind to inference
    return "";
  }
}

// the generic strings, uppercase ones too: a cast to CHAR(3) or VARCHAR(3) would cut the value
const GENERIC_STRINGS = new Set([
  "string",
  "text",
  "unicode",
  "unicode_text",
  "VARCHAR",
  "NVARCHAR",
  "CHAR",
  "NCHAR",
  "TEXT",
  "CLOB",
]);

const psycopg2Memo = new WeakMap<TypeEngine, string>();

/**
 * `::TYPE` for a bind of `type` in an offline PostgreSQL compile, or "": SQLAlchemy's psycopg2
 * dialect (what `postgresql.dialect()` stands for) types only the binds of JSON, JSONB, ARRAY
 * and native UUID types in the SQL (`%(doc)s::JSONB`, `%(tags)s::VARCHAR(20)[]`), values
 * assigned to columns included.
 * @example
 * sa.insert(t).values({ doc: {} }) // INSERT INTO t (doc) VALUES (%(doc)s::JSONB)
 */
export function psycopg2BindCast(dialect: Dialect, type: TypeEngine): string {
  let cast = psycopg2Memo.get(type);
  if (cast === undefined) {
    const impl = (type as { loadDialectImpl?: (d: Dialect) => TypeEngine | undefined }).loadDialectImpl?.(
      dialect,
    );
    if (impl && impl !== type) cast = psycopg2BindCast(dialect, impl);
    else if (type instanceof JSONType || type instanceof ARRAYType)
      cast = `::${dialect.typeCompiler.process(type)}`;
    else cast = type instanceof UuidType && type.nativeUuid ? "::UUID" : "";
    psycopg2Memo.set(type, cast);
  }
  return cast;
}
