import type { CacheKeyBuilder } from "../../sql/base.js";
import { Insert as BaseInsert } from "../../sql/dml/insert.js";
import type { OnTable } from "../../sql/dml/target-types.js";
import { ColumnElement } from "../../sql/elements/column-element.js";
import type { ColumnCollection } from "../../sql/selectable/from-clause.js";
import type { TableClause } from "../../sql/selectable/table-clause.js";
import { bindSetValues } from "../shared/on-conflict.js";
import { InsertedAlias } from "./compilers.js";
import { MySQLDialect, type MySQLDialectOptions } from "./dialect.js";

/** The generic types MySQL shares, under its namespace as in SQLAlchemy (`mysql.JSON`, `mysql.BLOB`). */
export { JSON, JSONType } from "../../sql/types/sqltypes.js";
export { BINARY, BLOB, BOOLEAN, DATE, VARBINARY } from "../../sql/types/uppercase.js";
export { MySQLCompiler, MySQLDDLCompiler, MySQLTypeCompiler } from "./compilers.js";
export { MySQLDialect, type MySQLDialectOptions } from "./dialect.js";
export {
  BIT,
  BITType,
  DECIMAL,
  DOUBLE,
  FLOAT,
  LONGBLOB,
  MEDIUMBLOB,
  MySQLBlobType,
  MySQLDecimalType,
  MySQLFloatType,
  type MySQLNumericOptions,
  NUMERIC,
  REAL,
  TINYBLOB,
  YEAR,
  YEARType,
} from "./numeric-types.js";
export {
  CHAR,
  ENUM,
  LONGTEXT,
  MEDIUMTEXT,
  type MySQLEnumOptions,
  MySQLEnumType,
  MySQLSetType,
  type MySQLStringOptions,
  MySQLStringType,
  MySQLTextType,
  NCHAR,
  NVARCHAR,
  SET,
  TEXT,
  TINYTEXT,
  VARCHAR,
} from "./string-types.js";
export {
  BIGINT,
  BIGINTType,
  DATETIME,
  DATETIMEType,
  type FspOptions,
  INTEGER,
  INTEGERType,
  type IntegerOptions,
  MEDIUMINT,
  MEDIUMINTType,
  SMALLINT,
  SMALLINTType,
  TIME,
  TIMESTAMP,
  TIMESTAMPType,
  TIMEType,
  TINYINT,
  TINYINTType,
} from "./types.js";

/**
 * A MySQL (or, with `isMariadb`, MariaDB) dialect for compiling (default paramstyle `format`).
 * @example
 * stmt.compile({ dialect: mysql.dialect({ serverVersion: [8, 0, 20] }) });
 */
export function dialect(opts: MySQLDialectOptions = {}): MySQLDialect {
  return new MySQLDialect(opts);
}

/** MySQL's INSERT with `onDuplicateKeyUpdate` and `.inserted`. */
export class Insert extends BaseInsert {
  override readonly visitName = "insert";

  /**
   * @internal The dialect that `String(stmt)` and a `compile()` without one use: the generic
   * compilers lack this construct's clauses (SQLAlchemy's stringify_dialect).
   */
  _stringifyDialect(): MySQLDialect {
    return new MySQLDialect();
  }
  _onDuplicate: Record<string, unknown> | [string, unknown][] | null = null;
  private _inserted: InsertedAlias | null = null;

  /** The row proposed for insertion: renders `VALUES(col)` (or `new.col` on MySQL 8.0.20+). */
  get inserted(): ColumnCollection {
    if (!this._inserted) this._inserted = new InsertedAlias(this.table, "inserted");
    return this._inserted.c;
  }

  /**
   * `ON DUPLICATE KEY UPDATE col = value, …`; an array of pairs keeps its order.
   * @example
   * ins.onDuplicateKeyUpdate([["bar", ins.inserted.bar], ["baz", "q"]]);
   */
  onDuplicateKeyUpdate(set: Record<string, unknown> | [string, unknown][]): this {
    const s = this._generate();
    // literals become binds now, so that the cache key carries their values
    if (Array.isArray(set)) {
      const bound = bindSetValues(this.table, Object.fromEntries(set));
      s._onDuplicate = set.map(([k]) => [k, bound[k]] as [string, unknown]);
    } else s._onDuplicate = bindSetValues(this.table, set);
    return s;
  }

  override _cacheKey(k: CacheKeyBuilder): void {
    super._cacheKey(k);
    if (!this._onDuplicate) return;
    const entries = Array.isArray(this._onDuplicate) ? this._onDuplicate : Object.entries(this._onDuplicate);
    k.push(`ODKU:${Array.isArray(this._onDuplicate) ? "o" : ""}`);
    for (const [key, v] of entries) {
      k.push(key);
      if (v instanceof ColumnElement) v._cacheKey(k);
      else k.push("~v");
    }
  }
}

/**
 * `INSERT … ON DUPLICATE KEY UPDATE` for MySQL/MariaDB.
 * @example
 * const ins = mysql.insert(t).values({ id: 1, bar: "x" });
 * ins.onDuplicateKeyUpdate({ bar: ins.inserted.bar });
 */
export function insert<T extends TableClause>(table: T): OnTable<Insert, T> {
  return new Insert(table) as OnTable<Insert, T>;
}
