// Load order matters: base classes first, then the modules that register themselves.
export { ClauseElement, type Compilable, type CompileOptions } from "./base.js";
export { BindParameter, type BindParameterOptions } from "./elements/bind-param.js";
export {
  all_,
  any_,
  CollectionAggregate,
  type ComparisonName,
  type ItemOf,
} from "./elements/collection-aggregate.js";
export { ColumnClause, column, literalColumn } from "./elements/column-clause.js";
export {
  ColumnElement,
  type ColumnOperators,
  type ExpressionArg,
  type IndexResult,
  type JSONIndex,
  type LikeOptions,
} from "./elements/column-element.js";
export { False, false_ as false, Null, null_ as null, True, true_ as true } from "./elements/constants.js";
export {
  AsBoolean,
  BinaryExpression,
  BooleanClauseList,
  ClauseList,
  Grouping,
  UnaryExpression,
} from "./elements/expressions.js";
export { FunctionElement, func } from "./elements/functions.js";
export { Label } from "./elements/label.js";
export { TextClause, text } from "./elements/text.js";
export {
  Case,
  Cast,
  Extract,
  FunctionFilter,
  Over,
  type OverOptions,
  Tuple,
  TypeCoerce,
  WithinGroup,
} from "./elements/wrappers.js";
export * from "./operators.js";
export {
  JSONIndexType,
  JSONNull,
  type JSONPathElement,
  type JSONPathStyle,
  JSONPathType,
} from "./types/json-index.js";
export {
  ARRAY,
  ARRAYType,
  BigInteger,
  BigIntegerType,
  Boolean,
  BooleanType,
  Date,
  DateTime,
  type DateTimeOptions,
  DateTimeType,
  DateType,
  Double,
  DoubleType,
  Enum,
  type EnumOptions,
  EnumType,
  Float,
  FloatType,
  Integer,
  IntegerType,
  Interval,
  IntervalType,
  JSON,
  type JSONOptions,
  JSONType,
  LargeBinary,
  LargeBinaryType,
  NamedType,
  Numeric,
  type NumericOptions,
  NumericType,
  SmallInteger,
  SmallIntegerType,
  String,
  type StringOptions,
  StringType,
  Text,
  TextType,
  Time,
  TimeType,
  TupleType,
  Unicode,
  UnicodeText,
  UnicodeTextType,
  UnicodeType,
  Uuid,
  type UuidOptions,
  UuidType,
} from "./types/sqltypes.js";
export { TypeDecorator } from "./types/type-decorator.js";
export * from "./types/type-engine.js";
export * from "./types/uppercase.js";

import "./elements/column-operators.js";

export { Compiled, type ResultColumn } from "./compiler/compiled.js";
export { DDLCompiler } from "./compiler/ddl-compiler.js";
export { IdentifierPreparer } from "./compiler/identifier-preparer.js";
export { type CompileKw, SQLCompiler } from "./compiler/sql-compiler.js";
export { StrCompileDialect } from "./compiler/str-compiler.js";
export { TypeCompiler } from "./compiler/type-compiler.js";
export * from "./ddl/ddl-elements.js";
export { DefaultDialect, type Dialect, type DialectOptions, type Paramstyle } from "./dialect.js";
export { Delete, delete_ as delete } from "./dml/delete.js";
export { UpdateBase } from "./dml/dml-base.js";
export { Insert, insert } from "./dml/insert.js";
export type { ReturningRows, WithReturning } from "./dml/returning-rows.js";
export type {
  ColumnValue,
  DmlTarget,
  OnTable,
  PrimaryKeyOfStatement,
  ValuesFor,
} from "./dml/target-types.js";
export { Update, update } from "./dml/update.js";
export {
  and,
  asc,
  bindparam,
  case_ as case,
  cast,
  collate,
  desc,
  distinct,
  extract,
  label,
  literal,
  neg,
  not,
  nullsFirst,
  nullsLast,
  or,
  over,
  tuple,
  typeCoerce,
} from "./elements/constructors.js";
export type { Executable } from "./executable.js";
export { Column as ColumnClass, type ColumnOptions } from "./schema/column.js";
export {
  CheckConstraint,
  Constraint,
  ForeignKey as ForeignKeyClass,
  ForeignKeyConstraint,
  type ForeignKeyOptions,
  Index,
  type IndexOptions,
  PrimaryKeyConstraint,
  UniqueConstraint,
} from "./schema/constraints.js";
export { Computed, Identity, Sequence } from "./schema/defaults.js";
export { MetaData, type NamingConvention, sortTables, sortTablesAndConstraints } from "./schema/metadata.js";
export type { ReflectBind, ReflectMetaDataOptions, ReflectTableOptions } from "./schema/reflect-hook.js";
export { BLANK_SCHEMA, Table as TableClass, type TableArg, type TableOptions } from "./schema/table.js";
export { Alias, CTE, Lateral, Subquery } from "./selectable/alias.js";
export {
  type CompoundOf,
  CompoundSelect,
  except,
  exceptAll,
  intersect,
  intersectAll,
  union,
  unionAll,
} from "./selectable/compound.js";
export { exists } from "./selectable/exists.js";
export { type ColumnCollection, FromClause } from "./selectable/from-clause.js";
export { Join, type JoinOptions, join, outerjoin } from "./selectable/join.js";
export type { ReturningRowOf, RowOf, SelectArg, SelectRow, TupleOf } from "./selectable/row-types.js";
export {
  type ForUpdateOptions,
  LABEL_STYLE_DEFAULT,
  LABEL_STYLE_DISAMBIGUATE_ONLY,
  LABEL_STYLE_NONE,
  LABEL_STYLE_TABLENAME_PLUS_COL,
  type LabelStyle,
  Select,
  select,
} from "./selectable/select.js";
export { Exists, ScalarSelect, SelectBase } from "./selectable/select-base.js";
export { TableClause, table } from "./selectable/table-clause.js";
export { TextualSelect } from "./selectable/textual-select.js";
export { Values, values } from "./selectable/values.js";

import "./compile.js";

export { Column, ForeignKey, Table } from "./schema/public.js";
