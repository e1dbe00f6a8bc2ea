import type { DialectOptions } from "../../sql/dialect.js";
import type { OnTable } from "../../sql/dml/target-types.js";
import type { TableClause } from "../../sql/selectable/table-clause.js";
import { OnConflictInsert } from "../shared/on-conflict.js";
import { PGDialect } from "./dialect.js";

/** The generic types PostgreSQL shares, under its namespace as in SQLAlchemy (`postgresql.UUID`). */
export {
  ARRAY,
  ARRAYType,
  JSON,
  JSONType,
} from "../../sql/types/sqltypes.js";
export { DOUBLE_PRECISION, REAL, UUID, UUIDType } from "../../sql/types/uppercase.js";
export { PGCompiler, PGDDLCompiler, PGTypeCompiler } from "./compilers.js";
export { PGDialect } from "./dialect.js";
export {
  BYTEA,
  BYTEAType,
  CIDR,
  CITEXT,
  CITEXTType,
  ENUM,
  ENUMType,
  INET,
  INTERVAL,
  INTERVALType,
  type IntervalOptions,
  JSONB,
  JSONBType,
  MACADDR,
  MACADDR8,
  MONEY,
  type PGEnumOptions,
  PGTextValuedType,
  type PGTimeOptions,
  TIME,
  TIMESTAMP,
  TIMESTAMPType,
  TIMEType,
  TSQUERY,
  TSVECTOR,
} from "./types.js";

/**
 * A PostgreSQL dialect for compiling (default paramstyle `pyformat`).
 * @example
 * stmt.compile({ dialect: postgresql.dialect({ paramstyle: "numeric_dollar" }) });
 */
export function dialect(opts: DialectOptions = {}): PGDialect {
  return new PGDialect(opts);
}

/** PostgreSQL's INSERT with `onConflictDoNothing` / `onConflictDoUpdate` and `.excluded`. */
export class Insert extends OnConflictInsert {
  override readonly visitName = "insert";

  /**
   * @internal The dialect that `String(stmt)` and a `compile()` without one use: the generic
   * compilers lack this construct's clauses (SQLAlchemy's stringify_dialect).
   */
  _stringifyDialect(): PGDialect {
    return new PGDialect();
  }
}

/**
 * `INSERT … ON CONFLICT` for PostgreSQL.
 * @example
 * const ins = postgresql.insert(t).values({ id: 1, name: "x" });
 * ins.onConflictDoUpdate({ indexElements: ["id"], set: { name: ins.excluded.name } });
 */
export function insert<T extends TableClause>(table: T): OnTable<Insert, T> {
  return new Insert(table) as OnTable<Insert, T>;
}
