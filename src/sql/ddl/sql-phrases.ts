import { CompileError } from "../../exc.js";

/** `ON DELETE` / `ON UPDATE` actions (SQLAlchemy's FK_ON_DELETE / FK_ON_UPDATE). */
export const FK_ACTION = /^(?:RESTRICT|CASCADE|SET NULL|NO ACTION|SET DEFAULT)$/i;
/** `INITIALLY` modes (SQLAlchemy's FK_INITIALLY). */
export const FK_INITIALLY = /^(?:DEFERRED|IMMEDIATE)$/i;
/** PostgreSQL index methods (SQLAlchemy's IDX_USING). */
export const IDX_USING = /^(?:btree|hash|gist|gin|[\w_]+)$/i;

/**
 * Returns `phrase` when it matches `re`; these phrases go into DDL verbatim, so anything else is
 * refused rather than rendered (SQLAlchemy's `validate_sql_phrase`).
 * @example
 * validateSqlPhrase("CASCADE", FK_ACTION); // "CASCADE"
 */
export function validateSqlPhrase(phrase: string, re: RegExp): string {
  if (!re.test(phrase)) {
    throw new CompileError(`Unexpected SQL phrase: '${phrase}' (matching against '${re.source}')`);
  }
  return phrase;
}
