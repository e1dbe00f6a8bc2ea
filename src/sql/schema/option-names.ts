import { ArgumentError } from "../../exc.js";

/** Dialect options are camelCase keys prefixed by the dialect's name (`sqliteAutoincrement`). */
const DIALECT_OPTION = /^(sqlite|postgresql|mysql|mariadb)[A-Z]/;

/**
 * Refuses an option name that is neither `known` nor a dialect option, as SQLAlchemy refuses
 * unknown keyword arguments: `{ primary_key: true }` would otherwise make a column that is not a
 * primary key, silently.
 * @example
 * checkOptionNames("Column 'id'", { primary_key: true }, ["primaryKey"]);
 * // ArgumentError: Column 'id': unknown option 'primary_key' (did you mean 'primaryKey'?) …
 */
export function checkOptionNames(what: string, opts: object, known: readonly string[]): void {
  for (const k of Object.keys(opts)) {
    if (known.includes(k) || DIALECT_OPTION.test(k)) continue;
    const camel = k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    const hint = camel !== k && known.includes(camel) ? ` (did you mean '${camel}'?)` : "";
    throw new ArgumentError(
      `${what}: unknown option '${k}'${hint}; the options are ${known.join(", ")}, and dialect options named after their dialect (sqliteAutoincrement, postgresqlUsing, mysqlEngine)`,
    );
  }
}
