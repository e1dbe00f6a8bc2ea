/**
 * MySQL's numeric types beyond the integers (SQLAlchemy's `mysql.DECIMAL(…, unsigned=,
 * zerofill=)`, DOUBLE, FLOAT, REAL with precision and scale, BIT, YEAR) and the BLOB family.
 * Each extends the generic type of its values: DECIMAL values are exact strings, DOUBLE / FLOAT
 * numbers, BIT and YEAR numbers, the BLOBs Buffers.
 */
import { DoubleType, IntegerType, LargeBinaryType, NumericType } from "../../sql/types/sqltypes.js";
import { type Processor, type TypeFactory, typeFactory } from "../../sql/types/type-engine.js";

/** Options of DECIMAL, NUMERIC, DOUBLE, FLOAT and REAL. */
export interface MySQLNumericOptions {
  precision?: number;
  scale?: number;
  unsigned?: boolean;
  zerofill?: boolean;
}

/** What MySQL's numeric types share: their SQL name, precision, scale and flags. */
export interface MySQLNumericSpec {
  readonly mysqlName: string;
  readonly precision?: number;
  readonly scale?: number;
  readonly unsigned: boolean;
  readonly zerofill: boolean;
}

function numericKey(t: MySQLNumericSpec): string {
  return `mysql.${t.mysqlName}(${t.precision ?? ""},${t.scale ?? ""},${t.unsigned},${t.zerofill})`;
}

/** `DECIMAL` / `NUMERIC [(p, s)] [UNSIGNED] [ZEROFILL]`: exact decimal strings. */
export class MySQLDecimalType extends NumericType implements MySQLNumericSpec {
  readonly unsigned: boolean;
  readonly zerofill: boolean;
  constructor(
    readonly mysqlName: "DECIMAL" | "NUMERIC",
    opts: MySQLNumericOptions = {},
  ) {
    super(opts.precision, opts.scale);
    this.unsigned = opts.unsigned ?? false;
    this.zerofill = opts.zerofill ?? false;
  }
  override cacheKeyPart(): string {
    return numericKey(this);
  }
}

/**
 * `DOUBLE`, `REAL` and `FLOAT [(p[, s])] [UNSIGNED] [ZEROFILL]`: numbers (one class: they differ
 * only in their name and storage).
 */
export class MySQLFloatType extends DoubleType implements MySQLNumericSpec {
  readonly scale: number | undefined;
  readonly unsigned: boolean;
  readonly zerofill: boolean;
  constructor(
    readonly mysqlName: "DOUBLE" | "REAL" | "FLOAT",
    opts: MySQLNumericOptions = {},
  ) {
    super(opts.precision);
    this.scale = opts.scale;
    this.unsigned = opts.unsigned ?? false;
    this.zerofill = opts.zerofill ?? false;
  }
  override cacheKeyPart(): string {
    return numericKey(this);
  }
}

/**
 * Whether a type is one of MySQL's numeric types above.
 * @example
 * isMySQLNumeric(mysql.DECIMAL({ precision: 10, scale: 2, unsigned: true })); // true
 */
export function isMySQLNumeric(t: unknown): t is MySQLNumericSpec {
  return t instanceof MySQLDecimalType || t instanceof MySQLFloatType;
}

/** `DECIMAL(10, 2) UNSIGNED` and so on. @example new sa.Column("price", mysql.DECIMAL({ precision: 10, scale: 2 })); */
export const DECIMAL: TypeFactory<MySQLDecimalType, [opts?: MySQLNumericOptions]> = typeFactory(
  (o?: MySQLNumericOptions) => new MySQLDecimalType("DECIMAL", o),
);
/** `NUMERIC(10, 2)` with MySQL's flags. @example new sa.Column("n", mysql.NUMERIC({ precision: 10, scale: 2 })); */
export const NUMERIC: TypeFactory<MySQLDecimalType, [opts?: MySQLNumericOptions]> = typeFactory(
  (o?: MySQLNumericOptions) => new MySQLDecimalType("NUMERIC", o),
);
/** `DOUBLE [(p, s)] [UNSIGNED]`. @example new sa.Column("x", mysql.DOUBLE({ unsigned: true })); */
export const DOUBLE: TypeFactory<MySQLFloatType, [opts?: MySQLNumericOptions]> = typeFactory(
  (o?: MySQLNumericOptions) => new MySQLFloatType("DOUBLE", o),
);
/** `REAL [(p, s)]` (a DOUBLE unless REAL_AS_FLOAT is set). @example new sa.Column("x", mysql.REAL); */
export const REAL: TypeFactory<MySQLFloatType, [opts?: MySQLNumericOptions]> = typeFactory(
  (o?: MySQLNumericOptions) => new MySQLFloatType("REAL", o),
);
/** `FLOAT [(p[, s])] [UNSIGNED]`. @example new sa.Column("x", mysql.FLOAT({ precision: 10, scale: 2 })); */
export const FLOAT: TypeFactory<MySQLFloatType, [opts?: MySQLNumericOptions]> = typeFactory(
  (o?: MySQLNumericOptions) => new MySQLFloatType("FLOAT", o),
);

/** mysql2 hands BIT values over as big-endian Buffers. */
const bitToNumber: Processor = (v) => {
  if (!Buffer.isBuffer(v)) return v;
  let n = 0;
  for (const byte of v) n = n * 256 + byte;
  return n;
};

/** `BIT[(n)]`: numbers (exact up to 53 bits); binds take numbers. */
export class BITType extends IntegerType {
  override readonly visitName: string = "BIT";
  constructor(readonly length?: number) {
    super();
  }
  override cacheKeyPart(): string {
    return `mysql.BIT(${this.length ?? ""})`;
  }
  override resultProcessor(): Processor {
    return bitToNumber;
  }
}
/** `BIT(n)`: a bit field read as a number. @example new sa.Column("flags", mysql.BIT(8)); */
export const BIT: TypeFactory<BITType, [length?: number]> = typeFactory((n?: number) => new BITType(n));

/** `YEAR[(4)]`: numbers (1901-2155). */
export class YEARType extends IntegerType {
  override readonly visitName: string = "YEAR";
  constructor(readonly displayWidth?: number) {
    super();
  }
  override cacheKeyPart(): string {
    return `mysql.YEAR(${this.displayWidth ?? ""})`;
  }
}
/** `YEAR`. @example new sa.Column("founded", mysql.YEAR); */
export const YEAR: TypeFactory<YEARType, [displayWidth?: number]> = typeFactory(
  (n?: number) => new YEARType(n),
);

/** `TINYBLOB`, `MEDIUMBLOB`, `LONGBLOB`: Buffers. */
export class MySQLBlobType extends LargeBinaryType {
  constructor(readonly mysqlName: "TINYBLOB" | "MEDIUMBLOB" | "LONGBLOB") {
    super();
  }
  override _strName(): string {
    return this.mysqlName;
  }
  override cacheKeyPart(): string {
    return `mysql.${this.mysqlName}`;
  }
}
/** `TINYBLOB` (up to 255 bytes). @example new sa.Column("b", mysql.TINYBLOB); */
export const TINYBLOB: TypeFactory<MySQLBlobType> = typeFactory(() => new MySQLBlobType("TINYBLOB"));
/** `MEDIUMBLOB` (up to 16 MB). @example new sa.Column("b", mysql.MEDIUMBLOB); */
export const MEDIUMBLOB: TypeFactory<MySQLBlobType> = typeFactory(() => new MySQLBlobType("MEDIUMBLOB"));
/** `LONGBLOB` (up to 4 GB). @example new sa.Column("b", mysql.LONGBLOB); */
export const LONGBLOB: TypeFactory<MySQLBlobType> = typeFactory(() => new MySQLBlobType("LONGBLOB"));
