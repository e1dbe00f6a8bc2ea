import { mariadbRuntimeDialect, runtimeDialect as mysqlDialect } from "../dialects/mysql/runtime.js";
import { runtimeDialect as postgresqlDialect } from "../dialects/postgresql/runtime.js";
import type { RuntimeDialect } from "../dialects/runtime.js";
import { runtimeDialect as sqliteDialect } from "../dialects/sqlite/runtime.js";
import { ArgumentError } from "../exc.js";
import type { DialectOptions } from "../sql/dialect.js";

/**
 * Builds a runtime dialect for a driver (options such as a paramstyle for offline compiling);
 * the driver package itself loads on first connect.
 */
export type DialectFactory = (opts?: DialectOptions) => RuntimeDialect;

const registry = new Map<string, DialectFactory>();

/**
 * Registers a dialect+driver under its URL name (`sqlite`, `sqlite+better_sqlite3`).
 * @example
 * registerDialect("postgresql+mydriver", () => new MyDialect());
 */
export function registerDialect(name: string, factory: DialectFactory): void {
  registry.set(name, factory);
}

registerDialect("sqlite", sqliteDialect);
registerDialect("sqlite+better_sqlite3", sqliteDialect);
registerDialect("postgresql", postgresqlDialect);
registerDialect("postgresql+pg", postgresqlDialect);
registerDialect("postgres", postgresqlDialect);
registerDialect("mysql", mysqlDialect);
registerDialect("mysql+mysql2", mysqlDialect);
registerDialect("mariadb", mariadbRuntimeDialect);
registerDialect("mariadb+mysql2", mariadbRuntimeDialect);

/** The dialect for a URL's `backend+driver` name, with a clear error for unknown ones. */
export function loadDialect(drivername: string, opts?: DialectOptions): RuntimeDialect {
  const factory = registry.get(drivername);
  if (!factory) {
    const [backend, driver] = drivername.split("+");
    const known = [...registry.keys()].join(", ");
    const what =
      driver && registry.has(backend) ? `driver '${driver}' for '${backend}'` : `database '${backend}'`;
    throw new ArgumentError(
      `Can't load plugin: alkahest.dialects:${drivername}: unknown ${what}; known URL names: ${known}`,
    );
  }
  return factory(opts);
}
