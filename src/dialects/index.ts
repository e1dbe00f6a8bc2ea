/**
 * The dialects: `sqlite`, `postgresql`, `mysql` (MySQL and MariaDB), each with `dialect()` for
 * compiling and an `insert()` with its upsert form.
 * @example
 * import { postgresql } from "alkahest/dialects";
 * stmt.compile({ dialect: postgresql.dialect() });
 */
import "../sql/index.js";

export * as mysql from "./mysql/index.js";
export * as postgresql from "./postgresql/index.js";
export * as sqlite from "./sqlite/index.js";
