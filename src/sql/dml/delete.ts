import type { CacheKeyBuilder } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { FromClause } from "../selectable/from-clause.js";
import { dmlRegistry } from "../selectable/table-clause.js";
import { WhereDMLBase } from "./dml-base.js";

/**
 * `DELETE FROM table WHERE …`; the target may be a table, an alias or a CTE.
 * @example
 * sa.delete(users).where(users.c.id.eq(5)).returning(users.c.name);
 */
export class Delete extends WhereDMLBase {
  readonly visitName = "delete";

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitDelete(this, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    k.push("DEL");
    this._baseKey(k);
    k.addAll(this._where);
    k.addAll(this._extraFroms);
  }
}

dmlRegistry.delete = (t) => new Delete(t);

/**
 * `DELETE FROM table`: `sa.delete(users).where(...)`.
 * @example
 * sa.delete(users).where(users.c.id.eq(5));
 */
export function delete_(table: FromClause): Delete {
  return new Delete(table);
}
