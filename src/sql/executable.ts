import type { DDLElement } from "./ddl/ddl-elements.js";
import type { UpdateBase } from "./dml/dml-base.js";
import type { TextClause } from "./elements/text.js";
import type { SelectBase } from "./selectable/select-base.js";

/**
 * Any statement a Connection executes: SELECT and compound selects, INSERT/UPDATE/DELETE,
 * `sa.text()`, DDL (SQLAlchemy's `Executable`), for helpers that take "a statement".
 * @example
 * async function timed(conn: sa.Connection, stmt: sa.Executable) { return conn.execute(stmt); }
 */
export type Executable = SelectBase | UpdateBase | TextClause | DDLElement;
