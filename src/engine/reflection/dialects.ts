/**
 * Registers the reflection of the built-in dialects. A dialect added later (MySQL) registers its
 * own with `registerReflectionDialect(name, impl)`, here or in its own module.
 */
import { PGReflection } from "../../dialects/postgresql/reflection.js";
import { SQLiteReflection } from "../../dialects/sqlite/reflection.js";
import { registerReflectionDialect } from "./reflection-dialect.js";

registerReflectionDialect("sqlite", new SQLiteReflection());
registerReflectionDialect("postgresql", new PGReflection());
