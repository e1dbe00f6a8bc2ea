import type { DialectOptions } from "../../sql/dialect.js";
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

  /** Displays with the SQLite dialect, whose clauses the generic string compiler lacks (SQLAlchemy's stringify_dialect). */
  override toString(): string {
    return this.compile({ dialect: new SQLiteDialect() }).string;
  }
}

/**
 * `INSERT … ON CONFLICT` for SQLite.
 * @example
 * const ins = sqlite.insert(t).values({ id: 1 }); ins.onConflictDoNothing();
 */
export function insert(table: TableClause): Insert {
  return new Insert(table);
}
