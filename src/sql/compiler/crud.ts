/**
 * Installs the INSERT/UPDATE/DELETE compilers into SQLCompiler (SQLAlchemy's sql/crud.py and
 * the DML visitors of compiler.py). The work is split by statement: crud-insert.ts,
 * crud-insert-select.ts, crud-update.ts, crud-delete.ts, with crud-common.ts, crud-froms.ts and
 * crud-binds.ts shared.
 */
import { compileDelete } from "./crud-delete.js";
import { compileInsert } from "./crud-insert.js";
import { compileUpdate } from "./crud-update.js";
import { crudHooks } from "./sql-compiler.js";

crudHooks.insert = compileInsert;
crudHooks.update = compileUpdate;
crudHooks.delete = compileDelete;
