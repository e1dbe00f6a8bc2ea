/**
 * `alkahest/database`: encode/databases' async query API (`Database`) and GINO's engine
 * conveniences (`engine.acquire()`, `engine.all()` …), both with connections bound to the async
 * context. See docs/database.md.
 * @example
 * import { Database } from "alkahest/database";
 * const db = new Database("sqlite:///:memory:");
 * await db.connect();
 * await db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
 * await db.execute("INSERT INTO notes (text) VALUES (:text)", { text: "hi" }); // 1 (lastrowid)
 * await db.fetchVal("SELECT text FROM notes"); // "hi"
 */
// installs engine.acquire(), engine.all() … on Engine.prototype
import "./gino.js";

export { AcquiredConnection } from "./acquired.js";
export { DatabaseConnection } from "./connection.js";
export { Database, type DatabaseOptions } from "./database.js";
export type { AcquireOptions, CompiledQuery } from "./gino.js";
export type { ColumnRef, Query, QueryOptions, RowFor, ValFor, Values } from "./query.js";
export type { TransactionCallback } from "./scope.js";
export { deriveStatus } from "./status.js";
export { DatabaseTransaction, type TransactionOptions } from "./transaction.js";
export { engineArgs } from "./url-options.js";
