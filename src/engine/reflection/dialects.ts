/**
 * Registers the reflection of the built-in dialects (by `Dialect.name`: a `mariadb://` engine's
 * dialect is named `mariadb`). Another dialect registers its own with
 * `registerReflectionDialect(name, impl)`.
 */
import { MySQLReflection } from "../../dialects/mysql/reflection.js";
import { PGReflection } from "../../dialects/postgresql/reflection.js";
import { SQLiteReflection } from "../../dialects/sqlite/reflection.js";
import { registerReflectionDialect } from "./reflection-dialect.js";

registerReflectionDialect("sqlite", new SQLiteReflection());
registerReflectionDialect("postgresql", new PGReflection());
registerReflectionDialect("mysql", new MySQLReflection());
registerReflectionDialect("mariadb", new MySQLReflection());
