import { checkOptionNames } from "../../exc.js";

/** Dialect options are camelCase keys prefixed by the dialect's name (`sqliteAutoincrement`). */
const DIALECT_OPTION = {
  pattern: /^(sqlite|postgresql|mysql|mariadb)[A-Z]/,
  described: "a dialect option named after its dialect (sqliteAutoincrement, postgresqlUsing, mysqlEngine)",
};

/**
 * Refuses an option name that is neither `known` nor a dialect option, as SQLAlchemy refuses
 * unknown keyword arguments: `{ primary_key: true }` would otherwise make a column that is not a
 * primary key, silently.
 * @example
 * checkSchemaOptionNames("Column 'id'", { primary_key: true }, ["primaryKey"]); // ArgumentError
 */
export function checkSchemaOptionNames(what: string, opts: object, known: readonly string[]): void {
  checkOptionNames(what, opts, known, DIALECT_OPTION);
}
