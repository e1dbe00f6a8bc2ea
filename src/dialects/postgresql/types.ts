/**
 * PostgreSQL's own column types (SQLAlchemy's `postgresql.*`), each extending the generic type
 * whose values it has: INET, CIDR, MACADDR, MONEY, TSVECTOR … are strings as the server writes
 * them; TIMESTAMP / TIME / INTERVAL take PostgreSQL's precision and fields; ENUM is a named type
 * whose CREATE TYPE may be left out (`createType: false`); BYTEA, CITEXT and JSONB are the
 * PostgreSQL spellings of binary, case-insensitive text and binary JSON.
 */
import { ArgumentError } from "../../exc.js";
import {
  type EnumOptions,
  EnumType,
  IntervalType,
  type JSONOptions,
  JSONType,
  LargeBinaryType,
  NamedType,
  StringType,
} from "../../sql/types/sqltypes.js";
import { type TypeFactory, typeFactory } from "../../sql/types/type-engine.js";
import { TIMEType as GenericTIME, TIMESTAMPType as GenericTIMESTAMP } from "../../sql/types/uppercase.js";

/** A type PostgreSQL reads and writes as text, rendered by its name (INET, MONEY …). */
export class PGTextValuedType extends NamedType<string> {
  constructor(sqlName: string) {
    super(sqlName, "other");
  }
}

function textValued(name: string): TypeFactory<PGTextValuedType> {
  return typeFactory(() => new PGTextValuedType(name));
}

/** `INET`: an IPv4 or IPv6 host address (with an optional netmask), as text. @example new sa.Column("ip", postgresql.INET); */
export const INET: TypeFactory<PGTextValuedType> = textValued("INET");
/** `CIDR`: an IPv4 or IPv6 network, as text. @example new sa.Column("net", postgresql.CIDR); */
export const CIDR: TypeFactory<PGTextValuedType> = textValued("CIDR");
/** `MACADDR`: a MAC address, as text (`08:00:2b:01:02:03`). @example new sa.Column("mac", postgresql.MACADDR); */
export const MACADDR: TypeFactory<PGTextValuedType> = textValued("MACADDR");
/** `MACADDR8`: an EUI-64 MAC address, as text. @example new sa.Column("mac", postgresql.MACADDR8); */
export const MACADDR8: TypeFactory<PGTextValuedType> = textValued("MACADDR8");
/**
 * `MONEY`: read as the server formats it (`$1,234.50`, by `lc_monetary`); bind a number or such
 * text. @example new sa.Column("price", postgresql.MONEY);
 */
export const MONEY: TypeFactory<PGTextValuedType> = textValued("MONEY");
/** `TSVECTOR`: a text-search document, as text (`'a':1 'fat':2`). @example new sa.Column("doc", postgresql.TSVECTOR); */
export const TSVECTOR: TypeFactory<PGTextValuedType> = textValued("TSVECTOR");
/** `TSQUERY`: a text-search query, as text. @example new sa.Column("q", postgresql.TSQUERY); */
export const TSQUERY: TypeFactory<PGTextValuedType> = textValued("TSQUERY");

/** `CITEXT`: case-insensitive text (the `citext` extension); binds cast to CITEXT. */
export class CITEXTType extends StringType {
  override readonly visitName: string = "CITEXT";
}
/** `CITEXT` (the `citext` extension must be installed). @example new sa.Column("email", postgresql.CITEXT); */
export const CITEXT: TypeFactory<CITEXTType> = typeFactory(() => new CITEXTType());

/** `BYTEA`: Buffers. */
export class BYTEAType extends LargeBinaryType {
  override readonly visitName: string = "BYTEA";
}
/** `BYTEA`. @example new sa.Column("data", postgresql.BYTEA); */
export const BYTEA: TypeFactory<BYTEAType, [length?: number]> = typeFactory((n?: number) => new BYTEAType(n));

/** Options of PostgreSQL's TIMESTAMP and TIME. */
export interface PGTimeOptions {
  timezone?: boolean;
  /** fractional digits of the seconds, 0-6 (`TIMESTAMP(3)`) */
  precision?: number;
}

/** `TIMESTAMP[(p)] WITH[OUT] TIME ZONE`: Dates. */
export class TIMESTAMPType extends GenericTIMESTAMP {
  readonly precision: number | undefined;
  constructor(opts: PGTimeOptions = {}) {
    super({ timezone: opts.timezone });
    this.precision = opts.precision;
  }
  override cacheKeyPart(): string {
    return `pg.TIMESTAMP(${this.timezone},${this.precision ?? ""})`;
  }
}
/** `TIMESTAMP(3) WITH TIME ZONE` and so on. @example new sa.Column("at", postgresql.TIMESTAMP({ timezone: true, precision: 3 })); */
export const TIMESTAMP: TypeFactory<TIMESTAMPType, [opts?: PGTimeOptions]> = typeFactory(
  (o?: PGTimeOptions) => new TIMESTAMPType(o),
);

/** `TIME[(p)] WITH[OUT] TIME ZONE`: strings `HH:MM:SS[.ffffff][+HH[:MM]]`. */
export class TIMEType extends GenericTIME {
  readonly precision: number | undefined;
  constructor(opts: PGTimeOptions = {}) {
    super({ timezone: opts.timezone });
    this.precision = opts.precision;
  }
  override cacheKeyPart(): string {
    return `pg.TIME(${this.timezone},${this.precision ?? ""})`;
  }
}
/** `TIME(6) WITH TIME ZONE` and so on. @example new sa.Column("t", postgresql.TIME({ precision: 0 })); */
export const TIME: TypeFactory<TIMEType, [opts?: PGTimeOptions]> = typeFactory(
  (o?: PGTimeOptions) => new TIMEType(o),
);

/** Options of INTERVAL. */
export interface IntervalOptions {
  /** which fields the interval keeps: `"YEAR TO MONTH"`, `"DAY TO SECOND"`, `"HOUR"` … */
  fields?: string;
  /** fractional digits of the seconds */
  precision?: number;
}

/** `INTERVAL [fields] [(p)]`: milliseconds, as `sa.Interval`. */
export class INTERVALType extends IntervalType {
  override readonly visitName: string = "INTERVAL";
  readonly fields: string | undefined;
  readonly precision: number | undefined;
  constructor(opts: IntervalOptions = {}) {
    super();
    this.fields = opts.fields;
    this.precision = opts.precision;
  }
  override cacheKeyPart(): string {
    return `pg.INTERVAL(${this.fields ?? ""},${this.precision ?? ""})`;
  }
}
/** `INTERVAL DAY TO SECOND (3)` and so on. @example new sa.Column("took", postgresql.INTERVAL({ fields: "DAY TO SECOND" })); */
export const INTERVAL: TypeFactory<INTERVALType, [opts?: IntervalOptions]> = typeFactory(
  (o?: IntervalOptions) => new INTERVALType(o),
);

/** Options of PostgreSQL's ENUM: a named type, created and dropped with its tables unless told not to. */
export interface PGEnumOptions extends EnumOptions {
  /** the type's name (required) */
  name: string;
  /** CREATE TYPE / DROP TYPE with the tables that use it (default true; false for a type that exists) */
  createType?: boolean;
}

/** A native ENUM type (`CREATE TYPE name AS ENUM (...)`). */
export class ENUMType<V extends string = string> extends EnumType<V> {
  readonly createType: boolean;
  constructor(enums: readonly V[], opts: PGEnumOptions) {
    super(enums, { ...opts, nativeEnum: true });
    this.createType = opts.createType ?? true;
  }
}

/**
 * PostgreSQL's named ENUM; values are the union of its labels.
 * @example
 * new sa.Column("mood", postgresql.ENUM("sad", "ok", { name: "mood", createType: false }));
 */
export function ENUM<const V extends readonly string[]>(
  ...args: [...values: V, opts: PGEnumOptions]
): ENUMType<V[number]> {
  const opts = args[args.length - 1] as PGEnumOptions;
  if (typeof opts !== "object" || opts === null || !opts.name) {
    throw new ArgumentError("PostgreSQL ENUM type requires a name.");
  }
  return new ENUMType(args.slice(0, -1) as unknown as V[number][], opts);
}

/** Binary JSON (`JSONB`). */
export class JSONBType<T = unknown> extends JSONType<T> {
  override readonly visitName: string = "JSONB";
}
/**
 * PostgreSQL's binary JSON: as `sa.JSON`, plus `contains` (`@>`), `containedBy` (`<@`), `hasKey`
 * (`?`), and `doc[key]` subscripts on PostgreSQL 14+.
 * @example
 * new sa.Column("doc", postgresql.JSONB({ noneAsNull: true }));
 */
export const JSONB: TypeFactory<JSONBType, [opts?: JSONOptions]> = typeFactory(
  (o?: JSONOptions) => new JSONBType(o?.noneAsNull),
);
