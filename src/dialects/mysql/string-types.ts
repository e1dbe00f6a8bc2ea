/**
 * MySQL's string types with their character set options (SQLAlchemy's `mysql.VARCHAR(…,
 * charset=, collation=, binary=, national=)`, the TEXT family, `mysql.ENUM` with a charset, and
 * `mysql.SET`). Each extends the generic type of its values; MySQLTypeCompiler renders the
 * options in SQLAlchemy's order: `VARCHAR(30) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`.
 */
import { ArgumentError } from "../../exc.js";
import { type EnumOptions, EnumType, StringType, TextType } from "../../sql/types/sqltypes.js";
import { type Processor, TypeEngine, type TypeFactory, typeFactory } from "../../sql/types/type-engine.js";

/** The character set options of MySQL's string types. */
export interface MySQLStringOptions {
  /** `CHARACTER SET name` */
  charset?: string;
  /** `COLLATE name` */
  collation?: string;
  /** `ASCII` (short for CHARACTER SET latin1) */
  ascii?: boolean;
  /** `UNICODE` (short for CHARACTER SET ucs2) */
  unicode?: boolean;
  /** `BINARY`: the binary collation of the character set */
  binary?: boolean;
  /** `NATIONAL VARCHAR` / `NATIONAL CHAR`: the national character set (utf8) */
  national?: boolean;
}

/** What the MySQL string types share: their SQL name, length and character set options. */
export interface MySQLStringSpec {
  readonly mysqlName: string;
  readonly length?: number;
  readonly options: Readonly<MySQLStringOptions>;
}

function specKey(t: MySQLStringSpec): string {
  const o = t.options;
  const opts = [o.charset, o.collation, o.ascii, o.unicode, o.binary, o.national]
    .map((v) => v ?? "")
    .join(",");
  return `mysql.${t.mysqlName}(${t.length ?? ""},${opts})`;
}

/** `VARCHAR` / `CHAR` with MySQL's options. */
export class MySQLStringType extends StringType implements MySQLStringSpec {
  readonly options: Readonly<MySQLStringOptions>;
  constructor(
    readonly mysqlName: string,
    length?: number,
    opts: MySQLStringOptions = {},
  ) {
    super(length, opts.collation);
    this.options = { ...opts };
  }
  override cacheKeyPart(): string {
    return specKey(this);
  }
}

/** The TEXT family (`TINYTEXT` … `LONGTEXT`) with MySQL's options. */
export class MySQLTextType extends TextType implements MySQLStringSpec {
  readonly options: Readonly<MySQLStringOptions>;
  constructor(
    readonly mysqlName: string,
    length?: number,
    opts: MySQLStringOptions = {},
  ) {
    super(length, opts.collation);
    this.options = { ...opts };
  }
  override cacheKeyPart(): string {
    return specKey(this);
  }
  /** TINYTEXT / MEDIUMTEXT / LONGTEXT by name without a dialect (TEXT stays generic) */
  override _strName(): string | null {
    return this.mysqlName === "TEXT" ? null : this.mysqlName;
  }
}

/**
 * Whether a type is one of MySQL's string types above.
 * @example
 * isMySQLString(mysql.VARCHAR(30, { charset: "utf8mb4" })); // true
 */
export function isMySQLString(t: unknown): t is MySQLStringSpec {
  return t instanceof MySQLStringType || t instanceof MySQLTextType;
}

type StringArgs = [length?: number, opts?: MySQLStringOptions];
const stringOf = (name: string): TypeFactory<MySQLStringType, StringArgs> =>
  typeFactory((n?: number, o?: MySQLStringOptions) => new MySQLStringType(name, n, o));
const textOf = (name: string): TypeFactory<MySQLTextType, StringArgs> =>
  typeFactory((n?: number, o?: MySQLStringOptions) => new MySQLTextType(name, n, o));

/** `VARCHAR(n) [CHARACTER SET cs] [COLLATE c]`. @example new sa.Column("s", mysql.VARCHAR(30, { charset: "utf8mb4" })); */
export const VARCHAR: TypeFactory<MySQLStringType, StringArgs> = stringOf("VARCHAR");
/** `CHAR(n)` with MySQL's options. @example new sa.Column("c", mysql.CHAR(2, { charset: "latin1" })); */
export const CHAR: TypeFactory<MySQLStringType, StringArgs> = stringOf("CHAR");
/** `NATIONAL VARCHAR(n)`. @example new sa.Column("s", mysql.NVARCHAR(30)); */
export const NVARCHAR: TypeFactory<MySQLStringType, StringArgs> = typeFactory(
  (n?: number, o?: MySQLStringOptions) => new MySQLStringType("VARCHAR", n, { ...o, national: true }),
);
/** `NATIONAL CHAR(n)`. @example new sa.Column("c", mysql.NCHAR(2)); */
export const NCHAR: TypeFactory<MySQLStringType, StringArgs> = typeFactory(
  (n?: number, o?: MySQLStringOptions) => new MySQLStringType("CHAR", n, { ...o, national: true }),
);
/** `TEXT[(n)]` (up to 64 KB). @example new sa.Column("body", mysql.TEXT(undefined, { charset: "utf8mb4" })); */
export const TEXT: TypeFactory<MySQLTextType, StringArgs> = textOf("TEXT");
/** `TINYTEXT` (up to 255 bytes). @example new sa.Column("note", mysql.TINYTEXT); */
export const TINYTEXT: TypeFactory<MySQLTextType, StringArgs> = textOf("TINYTEXT");
/** `MEDIUMTEXT` (up to 16 MB). @example new sa.Column("body", mysql.MEDIUMTEXT); */
export const MEDIUMTEXT: TypeFactory<MySQLTextType, StringArgs> = textOf("MEDIUMTEXT");
/** `LONGTEXT` (up to 4 GB). @example new sa.Column("body", mysql.LONGTEXT); */
export const LONGTEXT: TypeFactory<MySQLTextType, StringArgs> = textOf("LONGTEXT");

/** Options of MySQL's ENUM and SET: the generic enum options plus a character set. */
export type MySQLEnumOptions = EnumOptions & Pick<MySQLStringOptions, "charset" | "collation">;

/** A native `ENUM('a','b')` with an optional character set and collation. */
export class MySQLEnumType<V extends string = string> extends EnumType<V> {
  readonly charset: string | undefined;
  readonly collation: string | undefined;
  constructor(enums: readonly V[], opts: MySQLEnumOptions = {}) {
    super(enums, { ...opts, nativeEnum: true });
    this.charset = opts.charset;
    this.collation = opts.collation;
  }
  override cacheKeyPart(): string {
    return `mysql.${super.cacheKeyPart()}(${this.charset ?? ""},${this.collation ?? ""})`;
  }
  override _strName(): string {
    return "ENUM";
  }
}

/** Splits `...values, options?` as `sa.Enum` takes them. */
function valuesAndOptions<V extends string, O extends object>(args: readonly unknown[]): [V[], O] {
  const last = args[args.length - 1];
  if (typeof last === "object" && last !== null) return [args.slice(0, -1) as V[], last as O];
  return [args as V[], {} as O];
}

/**
 * MySQL's `ENUM('a','b') [CHARACTER SET cs] [COLLATE c]`.
 * @example
 * new sa.Column("size", mysql.ENUM("s", "m", "l", { charset: "utf8mb4" }));
 */
export function ENUM<const V extends readonly string[]>(...values: V): MySQLEnumType<V[number]>;
export function ENUM<const V extends readonly string[]>(
  ...args: [...values: V, opts: MySQLEnumOptions]
): MySQLEnumType<V[number]>;
export function ENUM(...args: unknown[]): MySQLEnumType {
  const [values, opts] = valuesAndOptions<string, MySQLEnumOptions>(args);
  return new MySQLEnumType(values, opts);
}

/**
 * `SET('a','b')`: values are JS Sets of the members (SQLAlchemy's MySQL SET gives Python sets);
 * a bind also takes an array or the comma-separated text.
 */
export class MySQLSetType<V extends string = string> extends TypeEngine<Set<V>> {
  readonly visitName = "SET";
  // not "string": a Set is no string, and must not meet the String bind checks
  readonly affinity = "other" as const;
  readonly charset: string | undefined;
  readonly collation: string | undefined;
  constructor(
    readonly values: readonly V[],
    opts: Pick<MySQLStringOptions, "charset" | "collation"> = {},
  ) {
    super();
    for (const v of values) {
      if (v.includes(",")) throw new ArgumentError(`SET values cannot contain commas: '${v}'`);
    }
    this.charset = opts.charset;
    this.collation = opts.collation;
  }
  override cacheKeyPart(): string {
    return `mysql.SET(${this.values.join(",")},${this.charset ?? ""},${this.collation ?? ""})`;
  }
  override bindProcessor(): Processor {
    return (v) => (v instanceof Set || Array.isArray(v) ? [...v].join(",") : v);
  }
  override resultProcessor(): Processor {
    return (v) => (typeof v === "string" ? new Set(v === "" ? [] : v.split(",")) : v);
  }
  override literalProcessor(dialect: import("../../sql/dialect.js").Dialect): (value: unknown) => string {
    const bind = this.bindProcessor();
    return (v) => dialect.renderLiteralValue(bind(v), this);
  }
}

/**
 * MySQL's `SET('a','b')`; values are `Set<"a" | "b">`.
 * @example
 * new sa.Column("perms", mysql.SET("read", "write"));
 * await conn.execute(t.insert(), { perms: new Set(["read"]) });
 */
export function SET<const V extends readonly string[]>(...values: V): MySQLSetType<V[number]>;
export function SET<const V extends readonly string[]>(
  ...args: [...values: V, opts: Pick<MySQLStringOptions, "charset" | "collation">]
): MySQLSetType<V[number]>;
export function SET(...args: unknown[]): MySQLSetType {
  const [values, opts] = valuesAndOptions<string, Pick<MySQLStringOptions, "charset" | "collation">>(args);
  return new MySQLSetType(values, opts);
}
