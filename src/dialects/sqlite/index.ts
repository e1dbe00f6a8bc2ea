import type { DialectOptions } from "../../sql/dialect.js";
import type { OnTable } from "../../sql/dml/target-types.js";
import type { TableClause } from "../../sql/selectable/table-clause.js";
import { OnConflictInsert } from "../shared/on-conflict.js";
import { SQLiteDialect } from "./dialect.js";

export { SQLiteCompiler, SQLiteDDLCompiler, SQLiteTypeCompiler } from "./compilers.js";
export { SQLiteDialect } from "./dialect.js";

/**
 * A SQLite dialect for compiling (default paramstyle `qmark`).
 * @example
 * sa.select(t).compile({ dialect: sqlite.dialect({ paramstyle: "named" }) });
 */
export function dialect(opts: DialectOptions = {}): SQLiteDialect {
  return new SQLiteDialect(opts);
}

/** SQLite's INSERT with `onConflictDoNothing` / `onConflictDoUpdate` and `.excluded`. */
export class Insert extends OnConflictInsert {
  override readonly visitName = "insert";

  /**
   * @internal The dialect that `String(stmt)` and a `compile()` without one use: the generic
   * compilers lack this construct's clauses (SQLAlchemy's stringify_dialect).
   */
  _stringifyDialect(): SQLiteDialect {
    return new SQLiteDialect();
  }
}

/**
 * `INSERT … ON CONFLICT` for SQLite.
 * @example
 * const ins = sqlite.insert(t).values({ id: 1 }); ins.onConflictDoNothing();
 */
export function insert<T extends TableClause>(table: T): OnTable<Insert, T> {
  return new Insert(table) as OnTable<Insert, T>;
}
