// type-only: the engine imports the schema, not the other way round at runtime
import type { ExecutionContext } from "../../engine/execution-context.js";
import { ArgumentError } from "../../exc.js";
import type { ClauseElement } from "../base.js";
import { ColumnClause } from "../elements/column-clause.js";
import type { TypeArg, TypeEngine, ValueOfType } from "../types/type-engine.js";
import { CheckConstraint, ForeignKey } from "./constraints.js";
import { Computed, Identity, Sequence } from "./defaults.js";
import { checkSchemaOptionNames } from "./option-names.js";

/**
 * A column default: a value, a function of the execution context, or a SQL expression. Spelt as
 * a union without `unknown` so that a callable gets `context` typed (no implicit any).
 * @example
 * new sa.Column("b", sa.Integer, { default: (ctx) => Number(ctx.getCurrentParameters().a) + 1 });
 */
export type ColumnDefault =
  | ((context: ExecutionContext) => unknown)
  | ClauseElement
  | object
  | string
  | number
  | bigint
  | boolean
  | null;

/** Options of `new sa.Column(name, type, ...items, options)`. */
export interface ColumnOptions {
  primaryKey?: boolean;
  /** default: true unless `primaryKey` */
  nullable?: boolean;
  /** client-side default: a value, a callable (receives the ExecutionContext), or a SQL expression */
  default?: ColumnDefault;
  /** client-side value on UPDATE, like `default` */
  onupdate?: ColumnDefault;
  /** `DEFAULT …` in DDL: a string (quoted), `sa.text(...)` or an expression */
  serverDefault?: string | ClauseElement;
  /** the database updates the value itself (a trigger, `ON UPDATE CURRENT_TIMESTAMP`) */
  serverOnupdate?: string | ClauseElement | boolean;
  /** `"auto"` (default), true, false or `"ignore_fk"` */
  autoincrement?: boolean | "auto" | "ignore_fk";
  unique?: boolean;
  index?: boolean;
  /** the name used in `t.c` and in parameter dicts, when it differs from the SQL name */
  key?: string;
  comment?: string;
  quote?: boolean;
  /** include in INSERT ... RETURNING sentinel logic (SQLAlchemy's insert_sentinel) */
  insertSentinel?: boolean;
  /** free-form data kept with the column (SQLAlchemy's `info`) */
  info?: Record<string, unknown>;
  /** dialect options: `sqliteOnConflictNotNull`, `mysqlCharset`, … (other names are refused) */
  [dialectOption: string]: unknown;
}

const COLUMN_OPTIONS = [
  "primaryKey",
  "nullable",
  "default",
  "onupdate",
  "serverDefault",
  "serverOnupdate",
  "autoincrement",
  "unique",
  "index",
  "key",
  "comment",
  "quote",
  "insertSentinel",
  "info",
];

/** Schema items a Column accepts before its options; a CheckConstraint renders inline. */
export type ColumnSchemaItem = ForeignKey | Sequence | Identity | Computed | CheckConstraint;

type KeyOf<N extends string, O> = O extends { key: infer K extends string } ? K : N;
type NullableValue<T, O> = O extends { primaryKey: true } ? T : O extends { nullable: false } ? T : T | null;

/**
 * A table column with its schema information. `K` is the key (`t.c.<key>`, row key), `T` the JS
 * value type, `| null` unless `nullable: false` or `primaryKey: true`. `PK` may mark a primary-key
 * column as `true` (then `insertedPrimaryKey` is typed by it); constructed columns leave it
 * `boolean`, so that `users.c.id` is exactly the `Column<"id", number>` API.md names.
 */
export class Column<
  K extends string = string,
  T = unknown,
  PK extends boolean = boolean,
> extends ColumnClause<K, T> {
  override readonly visitName = "column";
  /** @internal phantom: declared `primaryKey: true` */
  declare readonly __primaryKey?: PK;
  primaryKey: boolean;
  nullable: boolean;
  readonly default: ColumnDefault | undefined;
  readonly onupdate: ColumnDefault | undefined;
  readonly serverDefault: string | ClauseElement | undefined;
  readonly serverOnupdate: string | ClauseElement | boolean | undefined;
  readonly autoincrement: boolean | "auto" | "ignore_fk";
  readonly unique: boolean;
  readonly index: boolean;
  readonly comment: string | undefined;
  readonly foreignKeys: ForeignKey[] = [];
  /** column-level constraints (`CHECK`), rendered after the column specification */
  readonly constraints: CheckConstraint[] = [];
  readonly sequence: Sequence | undefined;
  readonly identity: Identity | undefined;
  readonly computed: Computed | undefined;
  readonly options: ColumnOptions;
  /** @internal true when `nullable` was given explicitly */
  readonly _userNullable: boolean;

  constructor(
    name: string,
    type?: TypeArg | ColumnSchemaItem | ColumnOptions,
    ...args: (ColumnSchemaItem | ColumnOptions)[]
  ) {
    const items: (ColumnSchemaItem | ColumnOptions)[] = [];
    let typeArg: TypeArg | undefined;
    if (type !== undefined) {
      if (
        typeof type === "function" ||
        ((type as TypeEngine).visitName !== undefined && !(type instanceof ForeignKey))
      ) {
        typeArg = type as TypeArg;
      } else items.push(type as ColumnSchemaItem | ColumnOptions);
    }
    items.push(...args);
    let opts: ColumnOptions = {};
    const last = items[items.length - 1];
    if (last && !isSchemaItem(last)) opts = items.pop() as ColumnOptions;
    for (const it of items) {
      if (!isSchemaItem(it)) throw new ArgumentError(`Column '${name}': unexpected argument ${String(it)}`);
    }
    checkSchemaOptionNames(`Column '${name}'`, opts, COLUMN_OPTIONS);
    super(name, typeArg ?? null, { key: opts.key as K | undefined, quote: opts.quote });
    this.options = opts;
    this.primaryKey = opts.primaryKey ?? false;
    this._userNullable = opts.nullable !== undefined;
    const identity = items.find((i): i is Identity => i instanceof Identity);
    this.nullable = opts.nullable ?? !(this.primaryKey || identity !== undefined);
    this.default = opts.default;
    this.onupdate = opts.onupdate;
    this.serverDefault = opts.serverDefault;
    this.serverOnupdate = opts.serverOnupdate;
    this.autoincrement = opts.autoincrement ?? "auto";
    this.unique = opts.unique ?? false;
    this.index = opts.index ?? false;
    this.comment = opts.comment;
    this.identity = identity;
    this.sequence = items.find((i): i is Sequence => i instanceof Sequence);
    this.computed = items.find((i): i is Computed => i instanceof Computed);
    for (const it of items) {
      if (it instanceof ForeignKey) {
        it.parent = this;
        this.foreignKeys.push(it);
      } else if (it instanceof CheckConstraint) {
        it.column = this;
        this.constraints.push(it);
      }
    }
    if (identity && (this.serverDefault !== undefined || this.serverOnupdate !== undefined)) {
      throw new ArgumentError(
        `Column '${name}': a column with an Identity object cannot specify a serverDefault or a serverOnupdate argument`,
      );
    }
    if (identity && this.autoincrement === false) {
      throw new ArgumentError(
        `Column '${name}': a column with an Identity object cannot specify autoincrement: false`,
      );
    }
  }

  /** true when the value is client-side computed by a JS value or function (not SQL) */
  get hasScalarOrCallableDefault(): boolean {
    return this.default !== undefined && !isClause(this.default);
  }

  /** A copy unattached to any table (for `Table.toMetadata` and migrations). */
  copy(): Column<K, T, PK> {
    const items: (ColumnSchemaItem | ColumnOptions)[] = [
      ...this.foreignKeys.map((fk) => new ForeignKey(fk.target, fk.opts)),
      ...(this.sequence ? [this.sequence] : []),
      ...(this.identity ? [this.identity] : []),
      ...(this.computed ? [this.computed] : []),
      ...this.constraints.map((c) => new CheckConstraint(c.sqltext, c.opts)),
      { ...this.options, nullable: this.nullable, primaryKey: this.primaryKey },
    ];
    return new Column(this.name, this.type, ...items) as Column<K, T, PK>;
  }
}

function isClause(v: unknown): v is ClauseElement {
  return typeof v === "object" && v !== null && "_compile" in v;
}

function isSchemaItem(v: unknown): v is ColumnSchemaItem {
  return (
    v instanceof ForeignKey ||
    v instanceof Sequence ||
    v instanceof Identity ||
    v instanceof Computed ||
    v instanceof CheckConstraint
  );
}

/** `new sa.Column(...)` with the key and value type inferred from the arguments. */
// `O` has no default: a default would be fixed before a callable `default` is typed, leaving its
// `context` parameter implicitly any; without options O is ColumnOptions, which means the same
export interface ColumnConstructor {
  new <const N extends string, TA extends TypeArg, const O extends ColumnOptions>(
    name: N,
    type: TA,
    ...args: [...ColumnSchemaItem[], O] | ColumnSchemaItem[]
  ): Column<KeyOf<N, O>, NullableValue<ValueOfType<TA>, O>>;
  new <const N extends string, const O extends ColumnOptions>(
    name: N,
    ...args: [...ColumnSchemaItem[], O] | ColumnSchemaItem[]
  ): Column<KeyOf<N, O>, NullableValue<unknown, O>>;
  /** what `x instanceof sa.Column` narrows to: a column whose key and value are not known */
  readonly prototype: Column;
}
