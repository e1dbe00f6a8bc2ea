import { InvalidRequestError } from "../../exc.js";
import { type CacheKeyBuilder, ClauseElement } from "../base.js";
import { BindParameter } from "../elements/bind-param.js";
import { coerceCriterion } from "../elements/coercions.js";
import type { ColumnClause } from "../elements/column-clause.js";
import type { ColumnElement } from "../elements/column-element.js";
import type { ExecutionOptions } from "../execution-options.js";
import { CTE, proxyColumn } from "../selectable/alias.js";
import { columnsOf, FromClause } from "../selectable/from-clause.js";
import type { ReturningColumns, ReturningRowOf, SelectArg, TupleOf } from "../selectable/row-types.js";
import type { DerivedOf } from "../selectable/select-base.js";
import type { ReturningOf, WithReturning } from "./returning-rows.js";

/** Values for INSERT/UPDATE: column key → JS value or SQL expression. */
export type ValuesArg = Record<string, unknown>;

/** Options of `cte()` on INSERT, UPDATE and DELETE. */
export interface DmlCteOptions {
  recursive?: boolean;
  nesting?: boolean;
}

/** The options `returning()` takes after its columns. */
export interface ReturningOptions {
  /** rows of an executemany INSERT in parameter order (always so in alkahest) */
  sortByParameterOrder?: boolean;
}

function isReturningOptions(v: unknown): v is ReturningOptions {
  return (
    typeof v === "object" &&
    v !== null &&
    !(v instanceof ClauseElement) &&
    Object.getPrototypeOf(v) === Object.prototype
  );
}

/** Base of INSERT, UPDATE and DELETE. */
export abstract class UpdateBase extends ClauseElement {
  /**
   * A copy of this statement that executes with these options (over the connection's, under
   * the ones given to `execute()`), as SQLAlchemy's `Executable.execution_options()`.
   * @example
   * await conn.execute(sa.select(big).executionOptions({ yieldPer: 500 }));
   */
  executionOptions(opts: ExecutionOptions): this {
    return this._withExecutionOptions(opts);
  }

  /** The options set by `executionOptions()`. */
  getExecutionOptions(): Readonly<ExecutionOptions> {
    return this._executionOptions ?? {};
  }

  /** @internal phantom: the row type, from the RETURNING list (untyped without one) */
  declare readonly __row?: ReturningRowOf<ReturningOf<this>>;
  /** @internal phantom: the row's value types in order */
  declare readonly __tuple?: TupleOf<ReturningOf<this>>;
  /** @internal phantom: the columns of a CTE of this statement */
  declare readonly __columns?: ReturningColumns<ReturningOf<this>>;
  _returning: ColumnElement[] = [];
  /** the columns `returnDefaults(...cols)` named; empty means every column */
  _returnDefaultsColumns: ColumnElement[] = [];
  _hasReturnDefaults = false;
  _prefixes: string[] = [];
  /** CTEs rendered in the WITH clause whether or not the statement refers to them (`addCte`) */
  _independentCtes: CTE[] = [];

  constructor(readonly table: FromClause) {
    super();
  }

  /**
   * `RETURNING cols` (tables expand to their columns); the rows are typed by them, under the
   * columns' own keys (a repeated key is not renamed, and reading it throws).
   * @example
   * const r = await conn.execute(sa.insert(users).values({ name: "a" }).returning(users.c.id));
   * r.one().id; // number
   * @throws InvalidRequestError after `returnDefaults()`
   */
  returning<S extends UpdateBase, const C extends readonly SelectArg[]>(
    this: S,
    ...cols: C
  ): WithReturning<S, C>;
  /**
   * SQLAlchemy 2.0's `returning(*cols, sort_by_parameter_order=True)`: an executemany INSERT's
   * RETURNING rows always come back in parameter order here, so the option is accepted as is.
   */
  returning<S extends UpdateBase, const C extends readonly SelectArg[]>(
    this: S,
    ...args: [...C, ReturningOptions]
  ): WithReturning<S, C>;
  returning<S extends UpdateBase>(this: S, ...args: unknown[]): UpdateBase {
    if (this._hasReturnDefaults)
      throw new InvalidRequestError("return_defaults() is already configured on this statement");
    const last = args[args.length - 1];
    const cols = (isReturningOptions(last) ? args.slice(0, -1) : args) as readonly SelectArg[];
    const s = this._generate();
    s._returning = [
      ...this._returning,
      ...cols.flatMap((c) => (c instanceof FromClause ? columnsOf(c.c) : [c])),
    ];
    return s;
  }

  /**
   * Fetches server-generated values (primary key, server defaults) with the execution, by
   * RETURNING where the dialect has it; without columns, every column that gets a default.
   * Combined with `returning()` it fails to compile, as in SQLAlchemy.
   * @example
   * sa.insert(users).values({ name: "a" }).returnDefaults(users.c.created);
   */
  returnDefaults(...cols: ColumnElement[]): this {
    const s = this._generate();
    if (this._hasReturnDefaults) {
      // once "all columns" was asked for, naming some does not narrow it
      s._returnDefaultsColumns =
        this._returnDefaultsColumns.length && cols.length
          ? [...this._returnDefaultsColumns, ...cols.filter((c) => !this._returnDefaultsColumns.includes(c))]
          : [];
    } else s._returnDefaultsColumns = [...cols];
    s._hasReturnDefaults = true;
    return s;
  }

  /**
   * Text after the INSERT/UPDATE/DELETE keyword (`OR IGNORE`, hints).
   * @example
   * sa.insert(users).prefixWith("OR IGNORE"); // INSERT OR IGNORE INTO users …
   */
  prefixWith(...prefixes: string[]): this {
    const s = this._generate();
    s._prefixes = [...this._prefixes, ...prefixes];
    return s;
  }

  /**
   * This statement as a common table expression; its RETURNING columns are the CTE's columns.
   * @example
   * const moved = t.delete().where(t.c.old.is(true)).returning(t.c.id).cte("moved");
   * archive.insert().fromSelect(["id"], sa.select(moved.c.id)); // moved.c.id: number
   */
  cte<S extends UpdateBase, const N extends string = never>(
    this: S,
    name?: N,
    opts: DmlCteOptions = {},
  ): DerivedOf<"cte", S, N> {
    return new CTE(
      this._forCte(),
      name ?? null,
      opts.recursive ?? false,
      null,
      opts.nesting ?? false,
    ) as DerivedOf<"cte", S, N>;
  }

  /**
   * Renders CTEs in this statement's WITH clause even when nothing refers to them (a DML CTE
   * run for its side effect).
   * @example
   * const upd = t.update().values({ n: 1 }).cte();
   * t.insert().values({ id: 1 }).addCte(upd);
   */
  addCte(...ctes: CTE[]): this {
    const s = this._generate();
    s._independentCtes = [...this._independentCtes, ...ctes];
    return s;
  }

  /**
   * @internal the statement a CTE wraps: SQLAlchemy names value binds anonymously inside a CTE
   * (`param_1`), since they need not match the outer statement's parameter keys
   */
  protected _forCte(): UpdateBase {
    return this;
  }

  /** @internal the columns a CTE of this statement exposes: its RETURNING columns */
  _exportedColumns(alias: FromClause): ColumnClause[] {
    const seen = new Set<string>();
    const out: ColumnClause[] = [];
    this._returning.forEach((col, i) => {
      const name = col._labelName;
      const key = col._keyName ?? name ?? `_no_label_${i}`;
      if (seen.has(key)) return;
      seen.add(key);
      const proxy = proxyColumn(col, name ?? key, key, alias);
      if (name === null) (proxy as { _anonOf?: ColumnElement })._anonOf = col;
      out.push(proxy);
    });
    return out;
  }

  protected _baseKey(k: CacheKeyBuilder): void {
    this.table._cacheKey(k);
    k.addAll(this._returning);
    k.push(`RD:${this._hasReturnDefaults ? 1 : 0}:${this._prefixes.join(" ")}`);
    k.addAll(this._returnDefaultsColumns);
    k.addAll(this._independentCtes);
  }
}

/**
 * @internal wraps plain values into binds named by the column key (`:name`), so that a cached
 * statement finds the new statement's values by traversal; unknown keys are kept for the
 * compiler to report.
 */
export function wrapValues(table: FromClause, values: ValuesArg): Record<string, ClauseElement> {
  const out: Record<string, ClauseElement> = {};
  const cols = table.c as unknown as Record<string, ColumnElement | undefined>;
  for (const [key, v] of Object.entries(values)) {
    if (v instanceof ClauseElement) out[key] = v;
    else {
      const col = Object.hasOwn(cols, key) ? cols[key] : undefined;
      const b = new BindParameter(key, v, { type: col ? col.type : undefined, required: false });
      b._isCrud = true;
      out[key] = b;
    }
  }
  return out;
}

/**
 * @internal the same values with each crud bind replaced by an anonymous one (`param_N`), for a
 * statement inside a CTE
 */
export function anonymizeValues(values: Record<string, ClauseElement>): Record<string, ClauseElement> {
  const out: Record<string, ClauseElement> = {};
  for (const [key, v] of Object.entries(values)) {
    out[key] =
      v instanceof BindParameter && v._isCrud
        ? new BindParameter("param", v.value, { type: v.type, unique: true, required: false })
        : v;
  }
  return out;
}

/** Base of UPDATE and DELETE: WHERE criteria. */
export abstract class WhereDMLBase extends UpdateBase {
  _where: ClauseElement[] = [];
  _extraFroms: FromClause[] = [];

  /**
   * Adds WHERE criteria, joined with AND; columns of other tables make it a multi-table
   * statement (UPDATE..FROM, DELETE..USING).
   * @example
   * sa.delete(users).where(users.c.id.eq(5), users.c.name.eq("x"));
   */
  where(...criteria: (ClauseElement | boolean)[]): this {
    const s = this._generate();
    s._where = [...this._where, ...criteria.map((c) => coerceCriterion(c, "where()"))];
    return s;
  }

  /**
   * Names additional FROM tables explicitly (UPDATE..FROM / DELETE..USING).
   * @example
   * sa.update(users).withFrom(addresses).where(users.c.id.eq(addresses.c.user_id)).values({ name: "x" });
   */
  withFrom(...froms: FromClause[]): this {
    const s = this._generate();
    s._extraFroms = [...this._extraFroms, ...froms];
    return s;
  }
}
