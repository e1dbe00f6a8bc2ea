/**
 * SQLAlchemy's uppercase types (`sa.VARCHAR`, `sa.TIMESTAMP`, `sa.UUID` …): each renders exactly
 * its own SQL name on every dialect (`sa.String` is VARCHAR, CLOB … as the dialect sees fit;
 * `sa.VARCHAR` is always VARCHAR), and otherwise behaves as the generic type it extends: same
 * JS values, conversions and operators.
 */
import {
  BigIntegerType,
  type BooleanOptions,
  BooleanType,
  type DateTimeOptions,
  DateTimeType,
  DateType,
  DoubleType,
  FloatType,
  IntegerType,
  LargeBinaryType,
  NumericType,
  SmallIntegerType,
  type StringOptions,
  StringType,
  TextType,
  TimeType,
  UnicodeType,
  UuidType,
} from "./sqltypes.js";
import { type TypeFactory, typeFactory } from "./type-engine.js";

/** `VARCHAR(n)` (MySQL requires the length). */
export class VARCHARType extends StringType {
  override readonly visitName: string = "VARCHAR";
}
/** `NVARCHAR(n)` (`NATIONAL VARCHAR(n)` on MySQL). */
export class NVARCHARType extends UnicodeType {
  override readonly visitName: string = "NVARCHAR";
}
/** `CHAR(n)`: fixed length, padded by the database. */
export class CHARType extends StringType {
  override readonly visitName: string = "CHAR";
}
/** `NCHAR(n)` (`NATIONAL CHAR(n)` on MySQL). */
export class NCHARType extends UnicodeType {
  override readonly visitName: string = "NCHAR";
}
/** `TEXT[(n)]`. */
export class TEXTType extends TextType {
  override readonly visitName: string = "TEXT";
}
/** `CLOB`. */
export class CLOBType extends TextType {
  override readonly visitName: string = "CLOB";
}
/** `INTEGER`. */
export class INTEGERType extends IntegerType {
  override readonly visitName: string = "INTEGER";
}
/** `SMALLINT`. */
export class SMALLINTType extends SmallIntegerType {
  override readonly visitName: string = "SMALLINT";
}
/** `BIGINT`: bigints. */
export class BIGINTType extends BigIntegerType {
  override readonly visitName: string = "BIGINT";
}
/** `NUMERIC(p, s)`: exact decimal strings. */
export class NUMERICType extends NumericType {
  override readonly visitName: string = "NUMERIC";
}
/** `DECIMAL(p, s)`: exact decimal strings. */
export class DECIMALType extends NumericType {
  override readonly visitName: string = "DECIMAL";
}
/** `FLOAT` (`FLOAT(p)` on PostgreSQL and MySQL). */
export class FLOATType extends FloatType {
  override readonly visitName: string = "FLOAT";
}
/** `REAL`. */
export class REALType extends FloatType {
  override readonly visitName: string = "REAL";
}
/** `DOUBLE`. */
export class DOUBLEType extends DoubleType {
  override readonly visitName: string = "DOUBLE";
}
/** `DOUBLE PRECISION`. */
export class DOUBLE_PRECISIONType extends DoubleType {
  override readonly visitName: string = "DOUBLE_PRECISION";
}
/** `BOOLEAN` (`BOOL` on MySQL). */
export class BOOLEANType extends BooleanType {
  override readonly visitName: string = "BOOLEAN";
}
/** `DATE`. */
export class DATEType extends DateType {
  override readonly visitName: string = "DATE";
}
/** `DATETIME` (on every dialect, PostgreSQL included, as SQLAlchemy renders it). */
export class DATETIMEType extends DateTimeType {
  override readonly visitName: string = "DATETIME";
}
/** `TIMESTAMP` (`TIMESTAMP WITH[OUT] TIME ZONE` on PostgreSQL). */
export class TIMESTAMPType extends DateTimeType {
  override readonly visitName: string = "TIMESTAMP";
}
/** `TIME` (`TIME WITH[OUT] TIME ZONE` on PostgreSQL). */
export class TIMEType extends TimeType {
  override readonly visitName: string = "TIME";
}
/** `BLOB`. */
export class BLOBType extends LargeBinaryType {
  override readonly visitName: string = "BLOB";
}
/** `BINARY(n)`: fixed-length bytes. */
export class BINARYType extends LargeBinaryType {
  override readonly visitName: string = "BINARY";
}
/** `VARBINARY(n)` (MySQL requires the length). */
export class VARBINARYType extends LargeBinaryType {
  override readonly visitName: string = "VARBINARY";
}
/** `UUID` on every dialect; values are canonical UUID strings (stored as 32 hex digits where not native). */
export class UUIDType extends UuidType {
  override readonly visitName: string = "UUID";
}

type StringArgs = [length?: number, opts?: StringOptions];
type NumericArgs = [precision?: number, scale?: number];

/**
 * `VARCHAR(n)`, whatever the dialect.
 * @example
 * new sa.Column("code", sa.VARCHAR(10));
 */
export const VARCHAR: TypeFactory<VARCHARType, StringArgs> = typeFactory(
  (n?: number, o?: StringOptions) => new VARCHARType(n, o?.collation),
);
/** `NVARCHAR(n)`. @example new sa.Column("name", sa.NVARCHAR(40)); */
export const NVARCHAR: TypeFactory<NVARCHARType, StringArgs> = typeFactory(
  (n?: number, o?: StringOptions) => new NVARCHARType(n, o?.collation),
);
/** `CHAR(n)`. @example new sa.Column("iso", sa.CHAR(2)); */
export const CHAR: TypeFactory<CHARType, StringArgs> = typeFactory(
  (n?: number, o?: StringOptions) => new CHARType(n, o?.collation),
);
/** `NCHAR(n)`. @example new sa.Column("c", sa.NCHAR(2)); */
export const NCHAR: TypeFactory<NCHARType, StringArgs> = typeFactory(
  (n?: number, o?: StringOptions) => new NCHARType(n, o?.collation),
);
/** `TEXT`. @example new sa.Column("body", sa.TEXT); */
export const TEXT: TypeFactory<TEXTType, StringArgs> = typeFactory(
  (n?: number, o?: StringOptions) => new TEXTType(n, o?.collation),
);
/** `CLOB`. @example new sa.Column("body", sa.CLOB); */
export const CLOB: TypeFactory<CLOBType, StringArgs> = typeFactory(
  (n?: number, o?: StringOptions) => new CLOBType(n, o?.collation),
);
/** `INTEGER`. @example new sa.Column("n", sa.INTEGER); */
export const INTEGER: TypeFactory<INTEGERType> = typeFactory(() => new INTEGERType());
/** `SMALLINT`. @example new sa.Column("n", sa.SMALLINT); */
export const SMALLINT: TypeFactory<SMALLINTType> = typeFactory(() => new SMALLINTType());
/** `BIGINT` (bigint values). @example new sa.Column("n", sa.BIGINT); */
export const BIGINT: TypeFactory<BIGINTType> = typeFactory(() => new BIGINTType());
/** `NUMERIC(p, s)`. @example new sa.Column("price", sa.NUMERIC(10, 2)); */
export const NUMERIC: TypeFactory<NUMERICType, NumericArgs> = typeFactory(
  (p?: number, s?: number) => new NUMERICType(p, s),
);
/** `DECIMAL(p, s)`. @example new sa.Column("price", sa.DECIMAL(10, 2)); */
export const DECIMAL: TypeFactory<DECIMALType, NumericArgs> = typeFactory(
  (p?: number, s?: number) => new DECIMALType(p, s),
);
/** `FLOAT`. @example new sa.Column("x", sa.FLOAT); */
export const FLOAT: TypeFactory<FLOATType, [precision?: number]> = typeFactory(
  (p?: number) => new FLOATType(p),
);
/** `REAL`. @example new sa.Column("x", sa.REAL); */
export const REAL: TypeFactory<REALType, [precision?: number]> = typeFactory((p?: number) => new REALType(p));
/** `DOUBLE`. @example new sa.Column("x", sa.DOUBLE); */
export const DOUBLE: TypeFactory<DOUBLEType, [precision?: number]> = typeFactory(
  (p?: number) => new DOUBLEType(p),
);
/** `DOUBLE PRECISION`. @example new sa.Column("x", sa.DOUBLE_PRECISION); */
export const DOUBLE_PRECISION: TypeFactory<DOUBLE_PRECISIONType, [precision?: number]> = typeFactory(
  (p?: number) => new DOUBLE_PRECISIONType(p),
);
/** `BOOLEAN`. @example new sa.Column("ok", sa.BOOLEAN); */
export const BOOLEAN: TypeFactory<BOOLEANType, [opts?: BooleanOptions]> = typeFactory(
  (o?: BooleanOptions) => new BOOLEANType(o?.createConstraint, o?.name),
);
/** `DATE`. @example new sa.Column("day", sa.DATE); */
export const DATE: TypeFactory<DATEType> = typeFactory(() => new DATEType());
/** `DATETIME`. @example new sa.Column("at", sa.DATETIME); */
export const DATETIME: TypeFactory<DATETIMEType, [opts?: DateTimeOptions]> = typeFactory(
  (o?: DateTimeOptions) => new DATETIMEType(o),
);
/** `TIMESTAMP`. @example new sa.Column("at", sa.TIMESTAMP({ timezone: true })); */
export const TIMESTAMP: TypeFactory<TIMESTAMPType, [opts?: DateTimeOptions]> = typeFactory(
  (o?: DateTimeOptions) => new TIMESTAMPType(o),
);
/** `TIME`. @example new sa.Column("t", sa.TIME); */
export const TIME: TypeFactory<TIMEType, [opts?: DateTimeOptions]> = typeFactory(
  (o?: DateTimeOptions) => new TIMEType(o),
);
/** `BLOB`. @example new sa.Column("data", sa.BLOB); */
export const BLOB: TypeFactory<BLOBType, [length?: number]> = typeFactory((n?: number) => new BLOBType(n));
/** `BINARY(n)`. @example new sa.Column("hash", sa.BINARY(32)); */
export const BINARY: TypeFactory<BINARYType, [length?: number]> = typeFactory(
  (n?: number) => new BINARYType(n),
);
/** `VARBINARY(n)`. @example new sa.Column("data", sa.VARBINARY(255)); */
export const VARBINARY: TypeFactory<VARBINARYType, [length?: number]> = typeFactory(
  (n?: number) => new VARBINARYType(n),
);
/** `UUID`. @example new sa.Column("id", sa.UUID, { primaryKey: true }); */
export const UUID: TypeFactory<UUIDType> = typeFactory(() => new UUIDType());
