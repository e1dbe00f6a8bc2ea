import { ClauseElement } from "../base.js";
import type { Operator } from "../operators.js";
import type { TypeArg, TypeEngine, ValueOfType } from "../types/type-engine.js";
import { NULLTYPE } from "../types/type-engine.js";
import type { ComparisonName, ItemOf } from "./collection-aggregate.js";

/**
 * A value usable where an expression is expected: an expression, or a JS value to bind. A
 * BigInteger expression also takes a JS number (`big.add(1)`), as the driver binds both, and a
 * string-valued one a number: Numeric values are exact strings, yet `price.gt(0)` is what users
 * write, and SQLAlchemy binds it (a String bind turns a number into its text).
 */
export type ExpressionArg<T = unknown> =
  | ColumnElement<unknown>
  | T
  | (T extends bigint ? number : never)
  | (T extends string ? (string extends T ? number : never) : never)
  | null;

/** `null` when the expression `S` may be null: a CAST of NULL is NULL. */
export type NullOf<S> = S extends { readonly __value?: infer V } ? (null extends V ? null : never) : never;

/**
 * The row key a wrapped expression keeps (`cast`, `distinct`): the runtime names it after the
 * column it wraps, so the types carry that column's key in the phantom `__key`.
 */
export type KeptKey<S> = S extends { readonly key: infer K extends string }
  ? string extends K
    ? unknown
    : { readonly __key?: K }
  : S extends { readonly __key?: infer K }
    ? Exclude<K, undefined> extends infer P extends string
      ? string extends P
        ? unknown
        : { readonly __key?: P }
      : unknown
    : unknown;

/** Options of `contains`, `startsWith`, `endsWith`. */
export interface LikeOptions {
  /** escape `%`, `_` and the escape character in the value (default escape char `/`) */
  autoescape?: boolean;
  escape?: string;
}

/** A JSON object key or array position (a JSON path is a list of them). */
export type JSONIndex = string | number;

/** What `get()` gives: an ARRAY's item (null past the end), a JSON document's element. */
export type IndexResult<T> = [NonNullable<T>] extends [readonly (infer E)[]] ? E | null : unknown;

/** Options of `like`, `ilike` and their negations. */
export interface EscapeOptions {
  escape?: string;
}

/**
 * The operators every column expression has. JS has no operator overloading, so SQLAlchemy's
 * `==`, `+`, `~` become methods: `col.eq(5)`, `col.add(1)`, `sa.not(x)`.
 */
export interface ColumnOperators<T> {
  eq(other: ExpressionArg<T>): ColumnElement<boolean>;
  ne(other: ExpressionArg<T>): ColumnElement<boolean>;
  lt(other: ExpressionArg<T>): ColumnElement<boolean>;
  le(other: ExpressionArg<T>): ColumnElement<boolean>;
  gt(other: ExpressionArg<T>): ColumnElement<boolean>;
  ge(other: ExpressionArg<T>): ColumnElement<boolean>;
  /** `IS` (`x.is(null)` renders `x IS NULL`) */
  is(other: ExpressionArg<T>): ColumnElement<boolean>;
  isNot(other: ExpressionArg<T>): ColumnElement<boolean>;
  isDistinctFrom(other: ExpressionArg<T>): ColumnElement<boolean>;
  isNotDistinctFrom(other: ExpressionArg<T>): ColumnElement<boolean>;
  /** `IN` with a list (expanded at execution, so every list length shares one cached statement) or a subquery */
  in(other: readonly ExpressionArg<T>[] | ClauseElement): ColumnElement<boolean>;
  notIn(other: readonly ExpressionArg<T>[] | ClauseElement): ColumnElement<boolean>;
  like(pattern: ExpressionArg<string>, opts?: EscapeOptions): ColumnElement<boolean>;
  notLike(pattern: ExpressionArg<string>, opts?: EscapeOptions): ColumnElement<boolean>;
  ilike(pattern: ExpressionArg<string>, opts?: EscapeOptions): ColumnElement<boolean>;
  notIlike(pattern: ExpressionArg<string>, opts?: EscapeOptions): ColumnElement<boolean>;
  /**
   * `LIKE '%' || other || '%'`; on an ARRAY or a PostgreSQL JSONB document, containment
   * (`arr @> other`).
   * @example
   * users.c.name.contains("ed"); // users.name LIKE '%' || :name_1 || '%'
   * posts.c.tags.contains(["db"]); // posts.tags @> :tags_1
   */
  contains(other: ExpressionArg<string> | ExpressionArg<T>, opts?: LikeOptions): ColumnElement<boolean>;
  startsWith(other: ExpressionArg<string>, opts?: LikeOptions): ColumnElement<boolean>;
  endsWith(other: ExpressionArg<string>, opts?: LikeOptions): ColumnElement<boolean>;
  icontains(other: ExpressionArg<string>, opts?: LikeOptions): ColumnElement<boolean>;
  istartsWith(other: ExpressionArg<string>, opts?: LikeOptions): ColumnElement<boolean>;
  iendsWith(other: ExpressionArg<string>, opts?: LikeOptions): ColumnElement<boolean>;
  between(
    lower: ExpressionArg<T>,
    upper: ExpressionArg<T>,
    opts?: { symmetric?: boolean },
  ): ColumnElement<boolean>;
  notBetween(lower: ExpressionArg<T>, upper: ExpressionArg<T>): ColumnElement<boolean>;
  match(other: ExpressionArg<string>): ColumnElement<boolean>;
  regexpMatch(pattern: ExpressionArg<string>, flags?: string): ColumnElement<boolean>;
  /** `+`, or string concatenation when the expression is a string */
  add(other: ExpressionArg<T>): ColumnElement<T>;
  /** a date minus a date is a number: an Interval (milliseconds) for DateTime, days for Date */
  sub(other: ColumnElement<Date | null> | Date): ColumnElement<T extends Date ? number : T>;
  sub(other: ExpressionArg<T>): ColumnElement<T>;
  mul(other: ExpressionArg<T>): ColumnElement<T>;
  /** true division (SQLAlchemy's `/`) */
  div(other: ExpressionArg<T>): ColumnElement<T>;
  /** floor division (SQLAlchemy's `//`) */
  floordiv(other: ExpressionArg<T>): ColumnElement<T>;
  mod(other: ExpressionArg<T>): ColumnElement<T>;
  concat(other: ExpressionArg<unknown>): ColumnElement<string>;
  neg(): ColumnElement<T>;
  bitwiseAnd(other: ExpressionArg<T>): ColumnElement<T>;
  bitwiseOr(other: ExpressionArg<T>): ColumnElement<T>;
  bitwiseXor(other: ExpressionArg<T>): ColumnElement<T>;
  bitwiseNot(): ColumnElement<T>;
  bitwiseLshift(other: ExpressionArg<T>): ColumnElement<T>;
  bitwiseRshift(other: ExpressionArg<T>): ColumnElement<T>;
  isTrue(): ColumnElement<boolean>;
  isFalse(): ColumnElement<boolean>;
  desc(): ColumnElement<T>;
  asc(): ColumnElement<T>;
  nullsFirst(): ColumnElement<T>;
  nullsLast(): ColumnElement<T>;
  /** `DISTINCT x`; selected, it keeps the column's row key */
  distinct<S extends ColumnElement<unknown>>(this: S): ColumnElement<T> & KeptKey<S>;
  collate(collation: string): ColumnElement<T>;
  /**
   * `ANY (x)` / `ALL (x)` for array (or, on MySQL, subquery) comparisons; see `sa.any_`.
   * @example
   * sa.select(t.c.id).where(t.c.scores.anyOp().eq(5)); // WHERE :param_1 = ANY (t.scores)
   */
  anyOp(): ColumnElement<ItemOf<T>>;
  allOp(): ColumnElement<ItemOf<T>>;
  /**
   * An ARRAY item by its 1-based position (PostgreSQL's `arr[1]`), or a JSON document's element
   * by key or position (a list is a path, as `getPath`): `->` on PostgreSQL (`doc['k']` for JSONB
   * on 14+), `JSON_EXTRACT` on SQLite and MySQL. A JSON element is JSON; type it with
   * `astString()`, `astInteger()` …
   * @example
   * sa.select(docs.c.doc.get("tags").get(0)); // JSON
   * sa.select(posts.c.tags.get(1)); // the first tag: string | null
   */
  get(index: JSONIndex | readonly JSONIndex[] | ColumnElement<unknown>): ColumnElement<IndexResult<T>>;
  /**
   * A JSON document's element at a path of keys and positions (`#>` on PostgreSQL).
   * @example
   * docs.c.doc.getPath(["a", 1, "b"]).astString();
   */
  getPath(path: readonly JSONIndex[] | ColumnElement<unknown>): ColumnElement<unknown>;
  /** An ARRAY's items `start` to `stop` (1-based, both included): `arr[start:stop]`. */
  slice(start: ExpressionArg<number>, stop: ExpressionArg<number>): ColumnElement<T>;
  /**
   * A JSON element (from `get` / `getPath`) as text: `CAST(doc ->> 'k' AS VARCHAR)` on
   * PostgreSQL, JSON_EXTRACT on SQLite, JSON_UNQUOTE(JSON_EXTRACT(…)) on MySQL.
   * @example
   * sa.select(docs.c.id).where(docs.c.doc.get("name").astString().eq("ed"));
   */
  astString(): ColumnElement<string | null>;
  /** A JSON element as an integer. */
  astInteger(): ColumnElement<number | null>;
  /** A JSON element as a float. */
  astFloat(): ColumnElement<number | null>;
  /** A JSON element as a boolean. */
  astBoolean(): ColumnElement<boolean | null>;
  /** A JSON element as an exact decimal of the given precision and scale (a string). */
  astNumeric(precision: number, scale: number): ColumnElement<string | null>;
  /** A JSON element left as JSON (what `get` gives already). */
  astJSON(): ColumnElement<unknown>;
  /** ARRAY or JSONB: contained in `other` (`<@`, PostgreSQL). */
  containedBy(other: ExpressionArg<T>): ColumnElement<boolean>;
  /** ARRAY: shares an item with `other` (`&&`, PostgreSQL). */
  overlap(other: ExpressionArg<T>): ColumnElement<boolean>;
  /** JSONB: has the top-level key (`?`, PostgreSQL). */
  hasKey(key: ExpressionArg<string>): ColumnElement<boolean>;
  /**
   * ARRAY: `value = ANY (arr)`, or with `operator` another comparison (`value < ANY (arr)`).
   * @example
   * sa.select(posts.c.id).where(posts.c.tags.any("db")); // WHERE :tags_1 = ANY (posts.tags)
   */
  any<E>(
    this: ColumnElement<readonly E[] | null>,
    value: ExpressionArg<E>,
    opts?: { operator?: ComparisonName },
  ): ColumnElement<boolean>;
  /** ARRAY: `value = ALL (arr)` (or another comparison with `operator`). */
  all<E>(
    this: ColumnElement<readonly E[] | null>,
    value: ExpressionArg<E>,
    opts?: { operator?: ComparisonName },
  ): ColumnElement<boolean>;
  /** a custom binary operator: `col.op("->")("key")` */
  op(
    operator: string,
    opts?: { precedence?: number; isComparison?: boolean; returnType?: TypeArg },
  ): (other: ExpressionArg<unknown>) => ColumnElement<unknown>;
  /**
   * `CAST(x AS type)`, typed with the target type's value; selected, it keeps the column's row key.
   * @example
   * sa.select(users.c.name.cast(sa.Integer)); // rows: { name: number | null }
   */
  cast<TA extends TypeArg, S extends ColumnElement<unknown>>(
    this: S,
    type: TA,
  ): ColumnElement<ValueOfType<TA> | NullOf<S>> & KeptKey<S>;
  /** `x AS name` in a columns clause; the name becomes the row key */
  label<N extends string>(name: N): ColumnElement<T> & { readonly name: N; readonly key: N };
}

/**
 * A SQL expression that has a type and can appear in a columns clause: columns, binds, function
 * calls, arithmetic, comparisons. `T` is the JS type of its value.
 */
export abstract class ColumnElement<T = unknown> extends ClauseElement {
  /** @internal phantom field carrying the value type */
  declare readonly __value?: T;
  /** the SQL type of the expression */
  readonly type: TypeEngine = NULLTYPE;

  /** The name the expression is selected under without an anonymous label, if it has one. */
  get _labelName(): string | null {
    return null;
  }

  /** The row key of the expression when selected (a column's `key`, a label's name). */
  get _keyName(): string | null {
    return this._labelName;
  }

  /** The base of the anonymous label this expression gets in a columns clause (`anon`, `count`). */
  get _anonLabelBase(): string {
    return "anon";
  }

  /** The key used to name binds compared to this expression (`myid` gives `myid_1`). */
  get _bindKey(): string {
    return "param";
  }

  /** @internal true for expressions that are boolean by construction (comparisons), false for boolean columns */
  get _isImplicitlyBoolean(): boolean {
    return false;
  }

  /**
   * @internal as a condition (an AND/OR member or a lone WHERE criterion) a boolean-typed value
   * becomes `x = 1` where the database has no boolean type, as SQLAlchemy's AsBoolean does
   */
  override selfGroup(against?: Operator): ClauseElement {
    if (
      against !== undefined &&
      (against.id === "and" || against.id === "or" || against.id === "asbool") &&
      this.type.affinity === "boolean" &&
      !this._isImplicitlyBoolean
    ) {
      return asBooleanHook.make!(this, false);
    }
    return this;
  }

  /** @internal `ANY (x)` / `ALL (x)`, whose comparisons are flipped (see CollectionAggregate) */
  get _isCollectionAggregate(): boolean {
    return false;
  }

  /** @internal the table (or alias) this column belongs to, when it is a column */
  get _fromTable(): ClauseElement | null {
    return null;
  }
}

// The operator methods are installed on the prototype by column-operators.ts.
export interface ColumnElement<T = unknown> extends ColumnOperators<T> {}

/** @internal installed by expressions.ts (AsBoolean extends ColumnElement) */
export const asBooleanHook: { make: ((el: ColumnElement, negated: boolean) => ColumnElement) | null } = {
  make: null,
};
