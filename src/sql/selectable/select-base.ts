import type { CacheKeyBuilder } from "../base.js";
import { ClauseElement } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { ColumnClause } from "../elements/column-clause.js";
import { ColumnElement } from "../elements/column-element.js";
import { BOOLEANTYPE, Grouping } from "../elements/expressions.js";
import { Label } from "../elements/label.js";
import type { ExecutionOptions } from "../execution-options.js";
import { isPrecedent, type Operator, operators } from "../operators.js";
import { registry } from "../registry.js";
import { NULLTYPE, type TypeEngine } from "../types/type-engine.js";
import { CTE, type Lateral, proxyColumn, Subquery } from "./alias.js";
import type { FromClause } from "./from-clause.js";
import type {
  ColumnsOfStatement,
  SelectedColumn,
  TupleOfStatement,
  UnorderedColumns,
  ValueOf,
} from "./row-types.js";
import { unusedName } from "./unused-name.js";

/** A selected expression with the name and key it is exported under. @internal */
export interface ExportedColumn {
  expr: ColumnElement;
  /** the SQL name; null when anonymous (named at compile time) */
  name: string | null;
  key: string;
  /** resolves the name at compile time (labels of anonymous aliases, `anon_2_myid`) */
  resolve?: (c: SQLCompiler) => string;
}

/** The columns of a subquery of `S` by key: `select(users.c.id).subquery().c.id` is `ColumnClause<"id", number>`. */
export type SubqueryColumns<E extends readonly unknown[]> = number extends E["length"]
  ? Record<string, ColumnElement>
  : {
      [C in Extract<E[number], SelectedColumn> as C["key"]]: ColumnClause<C["key"], ValueOf<C>>;
    } & (E[number] extends infer U
      ? U extends UnorderedColumns<infer R>
        ? { [K in keyof R & string]: ColumnClause<K, R[K]> }
        : unknown
      : unknown);

/** A subquery, CTE or lateral of the statement `S`, named `N` (never: anonymous). */
export type DerivedOf<A extends "subquery" | "cte" | "lateral", S, N extends string> = A extends "cte"
  ? CTE<Simplify<SubqueryColumns<ColumnsOfStatement<S>>>, ColumnsOfStatement<S>, N>
  : A extends "lateral"
    ? Lateral<Simplify<SubqueryColumns<ColumnsOfStatement<S>>>, ColumnsOfStatement<S>, N>
    : Subquery<Simplify<SubqueryColumns<ColumnsOfStatement<S>>>, ColumnsOfStatement<S>, N>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value type of a statement's first column (unknown when the types do not know it). */
type FirstValue<S> = TupleOfStatement<S> extends readonly [infer F, ...unknown[]] ? F : unknown;

/** Statements that return rows: SELECT, compound selects, `text().columns()`. */
export abstract class SelectBase extends ClauseElement {
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

  /** @internal the columns this statement returns, with their export names */
  abstract _exported(): ExportedColumn[];

  /** @internal the columns an alias of this statement exposes */
  _exportedColumns(alias: FromClause): ColumnClause[] {
    const seen = new Map<string, ColumnElement>();
    const out: ColumnClause[] = [];
    for (const e of this._exported()) {
      let key = e.key;
      let name = e.name;
      // a repeated name is exported as the columns clause labels it: name_1 for another column,
      // name__1 for the same column again, numbered within this SELECT
      const prior = seen.get(key);
      if (prior !== undefined) {
        key = unusedName(seen, e.key, prior === e.expr ? "__" : "_");
        if (name !== null) name = `${e.name}${key.slice(e.key.length)}`;
      }
      seen.set(key, e.expr);
      const col = proxyColumn(e.expr, name ?? key, key, alias);
      if (e.resolve) (col as { _nameResolver?: (c: SQLCompiler) => string })._nameResolver = e.resolve;
      else if (e.name === null) (col as { _anonOf?: ColumnElement })._anonOf = e.expr;
      // named by the SELECT rather than by an explicit label: cut to the label length when compiled
      else if (!(e.expr instanceof Label && e.expr.name))
        (col as { _derivedName?: boolean })._derivedName = true;
      out.push(col);
    }
    return out;
  }

  /** The selected columns as expressions, by key. */
  get selectedColumns(): ColumnElement[] {
    return this._exported().map((e) => e.expr);
  }

  /**
   * This statement as a FROM element: `(SELECT ...) AS name` (anonymous `anon_1` without a name).
   * @example
   * const s = sa.select(users.c.id).subquery("s"); sa.select(s.c.id);
   */
  subquery<S extends SelectBase, const N extends string = never>(
    this: S,
    name?: N,
  ): DerivedOf<"subquery", S, N> {
    return new Subquery(this, name ?? null) as DerivedOf<"subquery", S, N>;
  }

  /** Same as `subquery()` (SQLAlchemy's `alias()` on a SELECT). */
  alias<S extends SelectBase, const N extends string = never>(
    this: S,
    name?: N,
  ): DerivedOf<"subquery", S, N> {
    return this.subquery(name);
  }

  /**
   * `(SELECT ...)` as a column expression: a scalar subquery, typed by its first column.
   * @example
   * sa.select(sa.func.count()).selectFrom(posts).scalarSubquery(); // ScalarSelect<number>
   */
  scalarSubquery<S extends SelectBase>(this: S): ScalarSelect<FirstValue<S>> {
    return new ScalarSelect(this);
  }

  /**
   * `(SELECT ...) AS name` in a columns clause, typed by the first column.
   * @example
   * sa.select(users, sa.select(sa.func.count()).selectFrom(posts).label("n")); // row.n: number
   */
  label<S extends SelectBase, N extends string>(this: S, name: N): Label<N, FirstValue<S>> {
    return new Label(name, this.scalarSubquery());
  }

  /** `EXISTS (SELECT ...)` */
  exists(): Exists {
    return new Exists(this);
  }

  /**
   * A common table expression for a `WITH` clause.
   * @example
   * const c = sa.select(users.c.id).cte("c"); sa.select(c.c.id);
   */
  cte<S extends SelectBase, const N extends string = never>(
    this: S,
    name?: N,
    opts: { recursive?: boolean; nesting?: boolean } = {},
  ): DerivedOf<"cte", S, N> {
    return new CTE(this, name ?? null, opts.recursive ?? false, null, opts.nesting ?? false) as DerivedOf<
      "cte",
      S,
      N
    >;
  }

  /** `LATERAL (SELECT ...) AS name` */
  lateral<S extends SelectBase, const N extends string = never>(
    this: S,
    name?: N,
  ): DerivedOf<"lateral", S, N> {
    return new registry.Lateral!(this, name ?? null) as DerivedOf<"lateral", S, N>;
  }
}

/** `(SELECT x FROM ...)` used as a value. */
export class ScalarSelect<T = unknown> extends ColumnElement<T> {
  readonly visitName = "scalar_select";
  override readonly type: TypeEngine;
  readonly element: SelectBase;
  constructor(element: SelectBase) {
    super();
    this.element = element;
    const first = element._exported()[0];
    this.type = first ? first.expr.type : NULLTYPE;
  }
  override selfGroup(_against?: Operator): ClauseElement {
    return this;
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitScalarSelect(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("SCALAR");
    this.element._cacheKey(k);
  }
}

/** `EXISTS (SELECT ...)` */
export class Exists extends ColumnElement<boolean> {
  readonly visitName = "exists";
  override readonly type: TypeEngine = BOOLEANTYPE;
  constructor(readonly element: SelectBase) {
    super();
  }
  override selfGroup(against?: Operator): ClauseElement {
    return isPrecedent(operators.exists, against) ? new Grouping(this) : this;
  }
  /** Adds WHERE criteria to the inner SELECT. */
  where(...criteria: ClauseElement[]): Exists {
    const inner = this.element as SelectBase & { where?: (...c: ClauseElement[]) => SelectBase };
    if (!inner.where) throw new TypeError("where() applies to exists() of a SELECT");
    return new Exists(inner.where(...criteria));
  }
  /** Selects from an explicit FROM element inside the EXISTS. */
  selectFrom(...froms: FromClause[]): Exists {
    const inner = this.element as SelectBase & { selectFrom?: (...f: FromClause[]) => SelectBase };
    return new Exists(inner.selectFrom!(...froms));
  }
  /** Correlates the inner SELECT to the given FROM elements. */
  correlate(...froms: FromClause[]): Exists {
    const inner = this.element as SelectBase & { correlate?: (...f: FromClause[]) => SelectBase };
    return new Exists(inner.correlate!(...froms));
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitExists(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("EXISTS");
    this.element._cacheKey(k);
  }
}

registry.ScalarSelect = ScalarSelect;
registry.Exists = Exists;
