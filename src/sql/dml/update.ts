import { InvalidRequestError } from "../../exc.js";
import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { ColumnClause } from "../elements/column-clause.js";
import type { FromClause } from "../selectable/from-clause.js";
import { dmlRegistry } from "../selectable/table-clause.js";
import { anonymizeValues, type ValuesArg, WhereDMLBase, wrapValues } from "./dml-base.js";
import type { OnTable, ValuesFor } from "./target-types.js";

/**
 * `UPDATE table SET … WHERE …`. Without `.values()`, the SET columns come from the parameters.
 * The target may be a table, an alias of one, or (MySQL) a join.
 * @example
 * sa.update(users).where(users.c.id.eq(5)).values({ name: "x" });
 */
export class Update extends WhereDMLBase {
  readonly visitName = "update";
  _values: Record<string, ClauseElement> | null = null;
  /** SET clause order as given (SQLAlchemy's ordered_values) */
  _ordered = false;
  _inline = false;

  /**
   * The SET values: column key → value or SQL expression, checked against the table's columns
   * when the types know them.
   * @example
   * sa.update(users).values({ name: "x", fullname: users.c.name.concat("!") });
   * @throws InvalidRequestError for a list of rows, which only INSERT takes
   */
  values<S extends Update>(this: S, values: ValuesFor<S>): S {
    if (Array.isArray(values))
      throw new InvalidRequestError("UPDATE construct does not support multiple parameter sets.");
    const s = this._generate();
    s._values = { ...(this._values ?? {}), ...wrapValues(this.table, values as ValuesArg) };
    return s;
  }

  /**
   * SET values rendered in exactly the given order.
   * @example
   * sa.update(t).orderedValues(["y", 1], [t.c.x, t.c.y.add(1)]);
   */
  orderedValues(...pairs: [string | ColumnClause, unknown][]): this {
    // a column stands for its key, as SQLAlchemy's ordered_values((t.c.x, 1)) takes
    const entries = pairs.map(([k, v]) => [typeof k === "string" ? k : k.key, v]);
    const s = (this as Update).values(Object.fromEntries(entries)) as this;
    s._ordered = true;
    return s;
  }

  /**
   * Kept for SQLAlchemy parity: SQL `onupdate` defaults always render inline.
   * @example
   * sa.update(users).values({ name: "x" }).inline();
   */
  inline(): this {
    const s = this._generate();
    s._inline = true;
    return s;
  }

  protected override _forCte(): Update {
    const s = this._generate();
    if (this._values) s._values = anonymizeValues(this._values);
    return s;
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitUpdate(this, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`UPD:${this._ordered ? 1 : 0}`);
    this._baseKey(k);
    if (this._values) {
      k.push(`{${Object.keys(this._values).length}`);
      for (const [key, v] of Object.entries(this._values)) {
        k.push(key);
        v._cacheKey(k);
      }
    }
    k.addAll(this._where);
    k.addAll(this._extraFroms);
  }
}

dmlRegistry.update = (t) => new Update(t);

/**
 * `UPDATE table`: `sa.update(users).where(...).values({...})`; also an alias, or a join on MySQL.
 * On a table, `values()` is typed by its columns.
 * @example
 * sa.update(users).values({ name: "x" }).where(users.c.id.eq(1));
 */
export function update<T extends FromClause>(table: T): OnTable<Update, T> {
  return new Update(table) as OnTable<Update, T>;
}
