/**
 * `sa.Enum`: one of a fixed set of strings, or of the members of a TypeScript enum (SQLAlchemy's
 * Enum over a Python `enum.Enum` class). The database holds strings (`enums`); the JS values
 * are those strings, or the enum's members.
 *
 * With a TypeScript enum, the database strings are the member NAMES by default, as SQLAlchemy
 * stores a Python enum's names; `valuesCallable` picks others (`(e) => Object.values(e)` stores
 * the members' values). Either way rows hold the members (`Mood.Happy`), and a bind takes a
 * member or its database string.
 *
 * Unknown strings are sent to the database as they are (SQLAlchemy's `validate_strings=False`):
 * a native ENUM or CHECK constraint refuses them there, a plain VARCHAR stores them.
 * `validateStrings: true` refuses them before the statement is sent. Other unknown values
 * (numbers, objects) are always refused, and so is an unknown string read back from the
 * database, as in SQLAlchemy (its LookupError).
 */
import { ArgumentError, LookupError } from "../../exc.js";
import type { Dialect } from "../dialect.js";
import { TypeEngine } from "./type-engine.js";

export interface EnumOptions {
  /** the type name, for databases with named enum types (PostgreSQL `CREATE TYPE`) */
  name?: string;
  /** use the database's enum type where it has one (default true) */
  nativeEnum?: boolean;
  /** length of the emulating VARCHAR (default: the longest value) */
  length?: number;
  createConstraint?: boolean;
  schema?: string;
  /**
   * refuse a string that is not among the values before the statement is sent (default false:
   * the database decides, as in SQLAlchemy)
   */
  validateStrings?: boolean;
}

/** A TypeScript enum object (`enum Mood { Sad = "sad" }` is `{ Sad: "sad" }`). */
export type EnumObject = Readonly<Record<string, string | number>>;

/** Options of `sa.Enum(SomeTsEnum, { ... })`. */
export interface EnumObjectOptions<E extends EnumObject = EnumObject> extends EnumOptions {
  /**
   * The database strings of the members, in member order (SQLAlchemy's `values_callable`);
   * default: the member names.
   * @example
   * sa.Enum(Mood, { valuesCallable: (e) => Object.values(e) }); // stores "sad", not "Sad"
   */
  valuesCallable?: (enumObject: E) => readonly string[];
}

/** The members of a TS enum object: its names without the reverse entries of numeric members. */
function memberNames(obj: EnumObject): string[] {
  return Object.keys(obj).filter((k) => !(typeof obj[k] === "string" && obj[obj[k] as string] === Number(k)));
}

/** SQLAlchemy's `repr_tuple_names`: at most four names, long ones cut, the middle elided. */
function reprNames(names: readonly string[]): string {
  const few = names.length <= 4;
  const shown = (few ? names : [...names.slice(0, 3), names[names.length - 1]]).map((n) =>
    n.length > 11 ? `${n.slice(0, 11)}..` : n,
  );
  return few ? shown.join(", ") : `${shown.slice(0, -1).join(", ")}, ..., ${shown[shown.length - 1]}`;
}

/** One of a fixed set of strings. Native `ENUM` on PostgreSQL and MySQL, `VARCHAR(n)` elsewhere. */
export class EnumType<V extends string | number = string> extends TypeEngine<V> {
  readonly visitName: string = "enum";
  readonly affinity = "string" as const;
  /** the database strings, in order */
  readonly enums: readonly string[];
  readonly name: string | undefined;
  readonly nativeEnum: boolean;
  readonly length: number;
  readonly createConstraint: boolean;
  readonly schema: string | undefined;
  readonly validateStrings: boolean;
  /** the TS enum the values come from, when built from one */
  readonly enumObject: EnumObject | undefined;
  /** JS value → database string (members first, then the database strings themselves) */
  private readonly toDb: Map<unknown, string>;
  /** database string → JS value */
  private readonly fromDb: Map<string, V>;

  /**
   * @param enums the database strings
   * @param members for a TS enum: `[database string, member value]` pairs
   */
  constructor(
    enums: readonly string[],
    opts: EnumOptions = {},
    members?: readonly (readonly [string, V])[],
    enumObject?: EnumObject,
  ) {
    super();
    this.enums = [...enums];
    this.name = opts.name;
    this.nativeEnum = opts.nativeEnum ?? true;
    this.length = opts.length ?? Math.max(0, ...enums.map((e) => e.length));
    this.createConstraint = opts.createConstraint ?? false;
    this.schema = opts.schema;
    this.validateStrings = opts.validateStrings ?? false;
    this.enumObject = enumObject;
    const pairs = members ?? enums.map((e) => [e, e as V] as const);
    this.toDb = new Map(pairs.map(([db, js]) => [js, db]));
    for (const e of enums) if (!this.toDb.has(e)) this.toDb.set(e, e);
    this.fromDb = new Map(pairs);
  }

  override cacheKeyPart(): string {
    const values = [...this.fromDb].map(([db, js]) => (db === js ? db : `${db}=${String(js)}`));
    return `enum(${this.name ?? ""}:${values.join(",")})`;
  }

  /** SQLAlchemy's LookupError text for a value outside the enum. */
  private unknown(value: unknown): Error {
    return new LookupError(
      `'${String(value)}' is not among the defined enum values. Enum name: ${this.name ?? "None"}. ` +
        `Possible values: ${reprNames(this.enums)}`,
    );
  }

  /**
   * @internal the database string of a JS value (a member, or a database string); an unknown
   * string passes unless `validateStrings`; anything else throws
   */
  _dbValue(value: unknown): unknown {
    const db = this.toDb.get(value);
    if (db !== undefined) return db;
    if (typeof value === "string" && !this.validateStrings) return value;
    throw this.unknown(value);
  }

  /** @internal the JS value of a database string; an unknown one throws (SQLAlchemy's LookupError) */
  _jsValue(value: unknown): unknown {
    if (value === null || value === undefined) return value;
    const js = this.fromDb.get(value as string);
    if (js === undefined) throw this.unknown(value);
    return js;
  }

  /** A literal is the database string: `t.mood = 'Happy'` for `Mood.Happy`. */
  override literalProcessor(dialect: Dialect): (value: unknown) => string {
    return (v) => dialect.renderLiteralValue(v === null || v === undefined ? v : this._dbValue(v), this);
  }

  /**
   * A type of the same values built from a TS enum object (`sa.Enum(Mood)` calls this).
   * @example
   * EnumType.fromObject(Mood, { name: "mood" });
   */
  static fromObject<E extends EnumObject>(
    enumObject: E,
    opts: EnumObjectOptions<E> = {},
  ): EnumType<E[keyof E]> {
    const names = memberNames(enumObject);
    if (names.length === 0) throw new ArgumentError("sa.Enum() was given an enum object without members");
    const db = opts.valuesCallable ? [...opts.valuesCallable(enumObject)] : names;
    if (db.length !== names.length) {
      throw new ArgumentError(`valuesCallable gave ${db.length} values for ${names.length} enum members`);
    }
    const members = names.map((n, i) => [db[i], enumObject[n] as E[keyof E]] as const);
    return new EnumType<E[keyof E]>(db, opts, members, enumObject);
  }
}

const OPTION_KEYS = new Set([
  "name",
  "nativeEnum",
  "length",
  "createConstraint",
  "schema",
  "validateStrings",
  "valuesCallable",
]);

/** Whether `sa.Enum`'s single object argument is an enum object rather than options alone. */
function isEnumObject(arg: object): boolean {
  const keys = Object.keys(arg);
  return keys.length > 0 && !keys.every((k) => OPTION_KEYS.has(k));
}

/**
 * An enumerated type: of the given strings (the value type is their union), or of a TypeScript
 * enum's members (stored by name unless `valuesCallable` says otherwise; see EnumType).
 * @example
 * new sa.Column("mood", sa.Enum("sad", "ok", "happy", { name: "mood" }));
 * enum Size { Small = "s", Large = "l" }
 * new sa.Column("size", sa.Enum(Size, { name: "size" })); // stores "Small"; rows hold Size.Small
 */
export function Enum<const E extends EnumObject>(
  enumObject: E,
  opts?: EnumObjectOptions<E>,
): EnumType<E[keyof E]>;
export function Enum<const V extends readonly string[]>(...values: V): EnumType<V[number]>;
export function Enum<const V extends readonly string[]>(
  ...args: [...values: V, opts: EnumOptions]
): EnumType<V[number]>;
export function Enum(...args: unknown[]): EnumType<string | number> {
  const first = args[0];
  if (typeof first === "object" && first !== null && (args.length === 2 || isEnumObject(first))) {
    return EnumType.fromObject(first as EnumObject, (args[1] ?? {}) as EnumObjectOptions);
  }
  const last = args[args.length - 1];
  if (typeof last === "object" && last !== null) {
    return new EnumType(args.slice(0, -1) as string[], last as EnumOptions);
  }
  return new EnumType(args as string[]);
}
