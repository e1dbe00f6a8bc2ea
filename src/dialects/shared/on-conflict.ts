import { ArgumentError } from "../../exc.js";
import { type CacheKeyBuilder, ClauseElement } from "../../sql/base.js";
import { type CompileKw, SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import { Insert } from "../../sql/dml/insert.js";
import type { ValuesFor } from "../../sql/dml/target-types.js";
import { BindParameter } from "../../sql/elements/bind-param.js";
import type { ColumnClause } from "../../sql/elements/column-clause.js";
import type { ColumnElement } from "../../sql/elements/column-element.js";
import { ColumnCollectionConstraint, Constraint, Index } from "../../sql/schema/constraints.js";
import { Alias } from "../../sql/selectable/alias.js";
import { type ColumnCollection, columnsOf, type FromClause } from "../../sql/selectable/from-clause.js";

/** Options of `onConflictDoNothing`. */
export interface OnConflictDoNothingOptions {
  /** the conflict target columns (objects or names) */
  indexElements?: readonly (ColumnElement | string)[];
  /** WHERE of a partial unique index target */
  indexWhere?: ClauseElement;
  /**
   * PostgreSQL `ON CONSTRAINT name`: a name, or a constraint object (its name; an unnamed one,
   * or an Index, stands for its columns and `postgresqlWhere`)
   */
  constraint?: string | Constraint | Index;
}

/** Options of `onConflictDoUpdate`. */
export interface OnConflictDoUpdateOptions<V = Record<string, unknown>> extends OnConflictDoNothingOptions {
  /** column key → new value or expression (e.g. `ins.excluded.name`); typed as `values()` is */
  set: V;
  /** only update rows matching this */
  where?: ClauseElement;
}

/** The conflict target, resolved from the options as SQLAlchemy's OnConflictClause does. */
interface ConflictTarget {
  constraintName: string | null;
  indexElements: readonly (ColumnElement | string)[] | null;
  indexWhere: ClauseElement | null;
}

interface OnConflict {
  action: "nothing" | "update";
  target: ConflictTarget;
  /** SET values, literals already bound (so that the cache key carries them) */
  set: Record<string, ClauseElement>;
  where: ClauseElement | null;
}

function resolveTarget(opts: OnConflictDoNothingOptions): ConflictTarget {
  let constraint = opts.constraint;
  if (constraint instanceof Constraint && constraint.name) constraint = constraint.name;
  if (constraint !== undefined && opts.indexElements !== undefined)
    throw new ArgumentError("'constraint' and 'indexElements' are mutually exclusive");
  if (typeof constraint === "string")
    return { constraintName: constraint, indexElements: null, indexWhere: null };
  if (constraint instanceof Index || constraint instanceof ColumnCollectionConstraint) {
    const els = constraint instanceof Index ? constraint.expressions : constraint.columns;
    const where = constraint.opts.postgresqlWhere;
    return {
      constraintName: null,
      indexElements: els as unknown as ColumnElement[],
      indexWhere: where instanceof ClauseElement ? where : null,
    };
  }
  if (constraint !== undefined)
    throw new ArgumentError("An unnamed constraint without columns can't be a conflict target");
  return {
    constraintName: null,
    indexElements: opts.indexElements ?? null,
    indexWhere: opts.indexWhere ?? null,
  };
}

/**
 * @internal binds the literal SET values up front, typed by their column, so that the cache
 * key carries them (SQLAlchemy coerces them when the clause is built)
 */
export function bindSetValues(
  table: FromClause,
  set: Record<string, unknown>,
): Record<string, ClauseElement> {
  const cols = table.c as unknown as Record<string, ColumnClause | undefined>;
  const out: Record<string, ClauseElement> = {};
  for (const [key, v] of Object.entries(set)) {
    const col = Object.hasOwn(cols, key) ? cols[key] : columnsOf(table.c).find((c) => c.name === key);
    out[key] =
      v instanceof ClauseElement ? v : new BindParameter("param", v, { unique: true, type: col?.type });
  }
  return out;
}

/**
 * `INSERT … ON CONFLICT …` for PostgreSQL and SQLite.
 * @example
 * const ins = postgresql.insert(users).values({ id: 1, name: "a" });
 * ins.onConflictDoUpdate({ indexElements: [users.c.id], set: { name: ins.excluded.name } });
 */
export class OnConflictInsert extends Insert {
  _onConflict: OnConflict | null = null;
  private _excluded: Alias | null = null;

  /** The row proposed for insertion: `excluded.<column>`. */
  get excluded(): ColumnCollection {
    if (!this._excluded) this._excluded = new Alias(this.table, "excluded");
    return this._excluded.c;
  }

  /**
   * `ON CONFLICT [target] DO NOTHING`
   * @example
   * postgresql.insert(t).values({ id: 1 }).onConflictDoNothing({ indexElements: ["id"] });
   */
  onConflictDoNothing(opts: OnConflictDoNothingOptions = {}): this {
    const s = this._generate();
    s._onConflict = { action: "nothing", target: resolveTarget(opts), set: {}, where: null };
    return s;
  }

  /**
   * `ON CONFLICT target DO UPDATE SET … [WHERE …]`
   * @example
   * ins.onConflictDoUpdate({ constraint: t.primaryKey, set: { name: ins.excluded.name } });
   * @throws ArgumentError without a target, or with an empty `set`
   */
  onConflictDoUpdate<S extends OnConflictInsert>(this: S, opts: OnConflictDoUpdateOptions<ValuesFor<S>>): S {
    const target = resolveTarget(opts);
    if (!target.constraintName && !target.indexElements) {
      throw new ArgumentError(
        "Either constraint or indexElements, but not both, must be specified unless DO NOTHING",
      );
    }
    if (!opts.set || Object.keys(opts.set as object).length === 0)
      throw new ArgumentError("set must be a non-empty object");
    const s = this._generate();
    s._onConflict = {
      action: "update",
      target,
      set: bindSetValues(this.table, opts.set as Record<string, unknown>),
      where: opts.where ?? null,
    };
    return s;
  }

  override _cacheKey(k: CacheKeyBuilder): void {
    super._cacheKey(k);
    if (!this._onConflict) return;
    const { action, target, set, where } = this._onConflict;
    k.push(`OC:${action}:${target.constraintName ?? ""}`);
    for (const e of target.indexElements ?? []) typeof e === "string" ? k.push(e) : e._cacheKey(k);
    k.add(target.indexWhere);
    k.add(where);
    for (const [key, v] of Object.entries(set)) {
      k.push(key);
      v._cacheKey(k);
    }
  }
}

/** Renders the ON CONFLICT clause (shared by the PostgreSQL and SQLite compilers). */
export function onConflictClause(c: SQLCompiler, stmt: Insert, kw: CompileKw): string {
  const oc = (stmt as OnConflictInsert)._onConflict;
  if (!oc) return "";
  const prep = c.dialect.identifierPreparer;
  const t = oc.target;
  let target = "";
  if (t.constraintName) target = ` ON CONSTRAINT ${prep.quote(t.constraintName)}`;
  else if (t.indexElements) {
    const els = t.indexElements.map((e) =>
      typeof e === "string" ? prep.quote(e) : c.process(e, { ...kw, includeTable: false }),
    );
    target = ` (${els.join(", ")})`;
    if (t.indexWhere) {
      // SQLite matches the partial index by its WHERE text, which a bound parameter never
      // matches: SQLAlchemy renders the values there with literal_execute, inlined here
      const literal = c.dialect.name === "sqlite";
      target += ` WHERE ${c.process(t.indexWhere, { ...kw, includeTable: false, ...(literal ? { literalBinds: true } : {}) })}`;
    }
  }
  if (oc.action === "nothing") return ` ON CONFLICT${target} DO NOTHING`;
  const parts: string[] = [];
  const used = new Set<string>();
  for (const col of columnsOf(stmt.table.c)) {
    const key = Object.hasOwn(oc.set, col.key) ? col.key : Object.hasOwn(oc.set, col.name) ? col.name : null;
    if (key === null) continue;
    used.add(key);
    parts.push(`${prep.quote(col.name)} = ${c.process(oc.set[key].selfGroup(), kw)}`);
  }
  const extra = Object.keys(oc.set).filter((key) => !used.has(key));
  if (extra.length) {
    const tname = (stmt.table as unknown as { name: string }).name;
    throw new ArgumentError(
      `Additional column names not matching any column keys in table '${tname}': ${extra.map((k) => `'${k}'`).join(", ")}`,
    );
  }
  let text = ` ON CONFLICT${target} DO UPDATE SET ${parts.join(", ")}`;
  if (oc.where) text += ` WHERE ${c.process(oc.where, { ...kw, asCriterion: true })}`;
  return text;
}

export { SQLCompiler };
