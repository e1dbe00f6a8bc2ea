/**
 * Server default comparison (`compareServerDefault`), with the corrections Alembic's dialect
 * impls make so that a default the database merely respells is not reported as a change.
 */
import type { Dialect } from "../../sql/dialect.js";
import type { Column } from "../../sql/schema/column.js";
import { Table } from "../../sql/schema/table.js";

/** A server default as comparable text: quotes, casts and parentheses normalised away. */
export function defaultText(d: Dialect, c: Column): string | null {
  const def = c.serverDefault;
  if (def === undefined) return null;
  const raw =
    typeof def === "string"
      ? `'${def.replaceAll("'", "''")}'`
      : def.compile({ dialect: d, literalBinds: true }).string;
  return raw
    .replace(/::[\w ]+(\(\d+\))?/g, "")
    .replace(/^\((.*)\)$/s, "$1")
    .trim()
    .toLowerCase();
}

const NUMBER_LIKE = new Set(["integer", "numeric", "float", "boolean"]);

/**
 * Whether the column is the one PostgreSQL fills from its own sequence (SERIAL / IDENTITY):
 * Alembic's PostgresqlImpl "doesn't do defaults for SERIAL columns".
 */
function isPostgresSerial(d: Dialect, target: Column): boolean {
  const table = target.table;
  return d.name === "postgresql" && table instanceof Table && table.autoincrementColumn === target;
}

/**
 * The reflected default, with PostgreSQL's `nextval('<table>_<column>_seq'::regclass)` of a
 * SERIAL's owned sequence taken as no default (Alembic's `autogen_column_reflect`).
 */
function reflectedDefaultText(d: Dialect, reflected: Column): string | null {
  const text = defaultText(d, reflected);
  const table = reflected.table;
  if (d.name !== "postgresql" || text === null || !(table instanceof Table)) return text;
  const seq = `${table.name}_${reflected.name}_seq`.toLowerCase();
  const m = /^nextval\('(?:[^']*\.)?"?([^'"]+)"?'\)$/.exec(text);
  return m && m[1] === seq ? null : text;
}

/**
 * A number-like column's default as a value: quotes dropped and booleans as 1/0 (MySQL stores
 * BOOLEAN as TINYINT and reflects `true` as `1`; Alembic's MySQLImpl compares integer defaults
 * unquoted), so `'0'`, `0` and `0.000` are one default.
 */
function numberLike(text: string): string {
  const bare = text.replace(/^'(.*)'$/s, "$1");
  if (bare === "true") return "1";
  if (bare === "false") return "0";
  const n = Number(bare);
  return bare !== "" && Number.isFinite(n) ? String(n) : bare;
}

/**
 * MySQL/MariaDB spell a function default their own way: `current_timestamp()` for
 * CURRENT_TIMESTAMP and NOW() (Alembic's MySQLImpl strips a trailing `()`), with any
 * `ON UPDATE …` clause kept in the reflected default.
 */
function mysqlFunctionLike(text: string): string {
  return text
    .split(" on update ")
    .map((part) => part.trim().replace(/\(\)$/, ""))
    .map((part) => (part === "now" ? "current_timestamp" : part))
    .join(" on update ");
}

function comparable(d: Dialect, target: Column, text: string): string {
  let out = text;
  if (NUMBER_LIKE.has(target.type.affinity)) out = numberLike(out);
  if (d.name === "mysql") out = mysqlFunctionLike(out);
  return out;
}

/**
 * Whether the reflected column's server default differs from the metadata column's.
 * @example
 * serverDefaultsDiffer(mysqlDialect, reflected, target); // `current_timestamp()` vs CURRENT_TIMESTAMP: false
 */
export function serverDefaultsDiffer(d: Dialect, reflected: Column, target: Column): boolean {
  if (isPostgresSerial(d, target)) return false;
  const db = reflectedDefaultText(d, reflected);
  const meta = defaultText(d, target);
  if (db === null || meta === null) return db !== meta;
  return comparable(d, target, db) !== comparable(d, target, meta);
}
