/**
 * MySQL / MariaDB's own column types: fractional-second DATETIME, TIMESTAMP and TIME (`fsp`), and
 * the integer family with UNSIGNED / ZEROFILL (which reflection also produces). Each extends the
 * generic type it refines, so values, processors and operators stay those of DateTime, Time,
 * Integer …; only the DDL differs (MySQLTypeCompiler renders them; other dialects see the
 * generic type).
 */
import {
  BigIntegerType,
  DateTimeType,
  IntegerType,
  SmallIntegerType,
  TimeType,
} from "../../sql/types/sqltypes.js";
import { type TypeFactory, typeFactory } from "../../sql/types/type-engine.js";

/** Options of DATETIME, TIMESTAMP and TIME. */
export interface FspOptions {
  /** fractional seconds precision, 0-6 (the server's default 0 when left out) */
  fsp?: number;
}

/** `DATETIME[(fsp)]`: a Date; with fsp ≥ 3 the milliseconds of a JS Date survive the round trip. */
export class DATETIMEType extends DateTimeType {
  readonly fsp: number | undefined;
  constructor(opts: FspOptions = {}) {
    super();
    this.fsp = opts.fsp;
  }
  override cacheKeyPart(): string {
    return `mysql.DATETIME(${this.fsp ?? ""})`;
  }
}

/**
 * `TIMESTAMP[(fsp)]`: a Date stored as UTC seconds (1970-2038). alkahest's connections use the
 * `+00:00` session time zone, so the stored instant is the Date's. A TIMESTAMP column is NOT NULL
 * by default on MySQL unless declared NULL: the DDL says NULL for a nullable column.
 */
export class TIMESTAMPType extends DateTimeType {
  readonly fsp: number | undefined;
  constructor(opts: FspOptions = {}) {
    super();
    this.fsp = opts.fsp;
  }
  override cacheKeyPart(): string {
    return `mysql.TIMESTAMP(${this.fsp ?? ""})`;
  }
}

/** `TIME[(fsp)]`: a string `HH:MM:SS[.ffffff]` (MySQL's TIME also spans ±838 hours). */
export class TIMEType extends TimeType {
  readonly fsp: number | undefined;
  constructor(opts: FspOptions = {}) {
    super();
    this.fsp = opts.fsp;
  }
  override cacheKeyPart(): string {
    return `mysql.TIME(${this.fsp ?? ""})`;
  }
}

/** Options of the integer types. */
export interface IntegerOptions {
  unsigned?: boolean;
  zerofill?: boolean;
  /** the display width (`INT(11)`); only meaningful with ZEROFILL, deprecated in MySQL 8 */
  displayWidth?: number;
}

/** What the MySQL integer types share: their SQL name and options. */
export interface MySQLIntegerType {
  readonly mysqlName: "TINYINT" | "SMALLINT" | "MEDIUMINT" | "INTEGER" | "BIGINT";
  readonly unsigned: boolean;
  readonly zerofill: boolean;
  readonly displayWidth: number | undefined;
}

function integerKey(t: MySQLIntegerType): string {
  return `mysql.${t.mysqlName}(${t.displayWidth ?? ""},${t.unsigned},${t.zerofill})`;
}

/** The options of the MySQL integer types read as JS numbers (SMALLINT and BIGINT have their own bases). */
abstract class MySQLNumberInteger extends IntegerType implements MySQLIntegerType {
  abstract readonly mysqlName: "INTEGER" | "TINYINT" | "MEDIUMINT";
  readonly unsigned: boolean;
  readonly zerofill: boolean;
  readonly displayWidth: number | undefined;
  constructor(opts: IntegerOptions = {}) {
    super();
    this.unsigned = opts.unsigned ?? false;
    this.zerofill = opts.zerofill ?? false;
    this.displayWidth = opts.displayWidth;
  }
  override cacheKeyPart(): string {
    return integerKey(this);
  }
}

/** `INTEGER [UNSIGNED] [ZEROFILL]`: numbers. */
export class INTEGERType extends MySQLNumberInteger {
  readonly mysqlName = "INTEGER" as const;
}

/** `TINYINT` (-128..127, 0..255 unsigned): numbers. `TINYINT(1)` is what BOOL creates. */
export class TINYINTType extends MySQLNumberInteger {
  readonly mysqlName = "TINYINT" as const;
  override _strName(): string {
    return this.mysqlName;
  }
}

/** `SMALLINT [UNSIGNED]`: numbers. */
export class SMALLINTType extends SmallIntegerType implements MySQLIntegerType {
  readonly mysqlName = "SMALLINT" as const;
  readonly unsigned: boolean;
  readonly zerofill: boolean;
  readonly displayWidth: number | undefined;
  constructor(opts: IntegerOptions = {}) {
    super();
    this.unsigned = opts.unsigned ?? false;
    this.zerofill = opts.zerofill ?? false;
    this.displayWidth = opts.displayWidth;
  }
  override cacheKeyPart(): string {
    return integerKey(this);
  }
}

/** `MEDIUMINT [UNSIGNED]` (24 bits): numbers. */
export class MEDIUMINTType extends MySQLNumberInteger {
  readonly mysqlName = "MEDIUMINT" as const;
  override _strName(): string {
    return this.mysqlName;
  }
}

/** `BIGINT [UNSIGNED]`: bigints (unsigned values up to 2^64 - 1). */
export class BIGINTType extends BigIntegerType implements MySQLIntegerType {
  readonly mysqlName = "BIGINT" as const;
  readonly unsigned: boolean;
  readonly zerofill: boolean;
  readonly displayWidth: number | undefined;
  constructor(opts: IntegerOptions = {}) {
    super();
    this.unsigned = opts.unsigned ?? false;
    this.zerofill = opts.zerofill ?? false;
    this.displayWidth = opts.displayWidth;
  }
  override cacheKeyPart(): string {
    return integerKey(this);
  }
}

/**
 * Whether a type is one of the MySQL integer types above.
 * @example
 * isMySQLInteger(mysql.INTEGER({ unsigned: true })); // true
 */
export function isMySQLInteger(t: unknown): t is MySQLIntegerType {
  return (
    t instanceof INTEGERType ||
    t instanceof TINYINTType ||
    t instanceof SMALLINTType ||
    t instanceof MEDIUMINTType ||
    t instanceof BIGINTType
  );
}

/**
 * `DATETIME(fsp)`: MySQL's DATETIME with fractional seconds (SQLAlchemy's `mysql.DATETIME(fsp=6)`).
 * @example
 * new sa.Column("at", mysql.DATETIME({ fsp: 6 })); // at DATETIME(6): milliseconds kept
 */
export const DATETIME: TypeFactory<DATETIMEType, [opts?: FspOptions]> = typeFactory(
  (o?: FspOptions) => new DATETIMEType(o),
);
/**
 * `TIMESTAMP(fsp)` (SQLAlchemy's `mysql.TIMESTAMP(fsp=6)`).
 * @example
 * new sa.Column("seen", mysql.TIMESTAMP({ fsp: 3 }), { serverDefault: sa.text("CURRENT_TIMESTAMP(3)") });
 */
export const TIMESTAMP: TypeFactory<TIMESTAMPType, [opts?: FspOptions]> = typeFactory(
  (o?: FspOptions) => new TIMESTAMPType(o),
);
/**
 * `TIME(fsp)` (SQLAlchemy's `mysql.TIME(fsp=6)`).
 * @example
 * new sa.Column("tod", mysql.TIME({ fsp: 6 })); // "23:59:58.123" round-trips
 */
export const TIME: TypeFactory<TIMEType, [opts?: FspOptions]> = typeFactory(
  (o?: FspOptions) => new TIMEType(o),
);
/**
 * `INTEGER [UNSIGNED] [ZEROFILL]`.
 * @example
 * new sa.Column("n", mysql.INTEGER({ unsigned: true }));
 */
export const INTEGER: TypeFactory<INTEGERType, [opts?: IntegerOptions]> = typeFactory(
  (o?: IntegerOptions) => new INTEGERType(o),
);
/** `TINYINT [UNSIGNED]`. */
export const TINYINT: TypeFactory<TINYINTType, [opts?: IntegerOptions]> = typeFactory(
  (o?: IntegerOptions) => new TINYINTType(o),
);
/** `SMALLINT [UNSIGNED]`. */
export const SMALLINT: TypeFactory<SMALLINTType, [opts?: IntegerOptions]> = typeFactory(
  (o?: IntegerOptions) => new SMALLINTType(o),
);
/** `MEDIUMINT [UNSIGNED]`. */
export const MEDIUMINT: TypeFactory<MEDIUMINTType, [opts?: IntegerOptions]> = typeFactory(
  (o?: IntegerOptions) => new MEDIUMINTType(o),
);
/** `BIGINT [UNSIGNED]` (values are bigints). */
export const BIGINT: TypeFactory<BIGINTType, [opts?: IntegerOptions]> = typeFactory(
  (o?: IntegerOptions) => new BIGINTType(o),
);
