/**
 * SQLite's `x REGEXP p` calls a user function `regexp(p, x)`, which SQLite itself does not
 * define: pysqlite's dialect registers one on every connection (re.search), and so does the
 * better-sqlite3 adapter, with JavaScript regular expressions.
 */

/** Python's inline flags at the start of a pattern (`(?i)abc`), as JavaScript flags. */
const INLINE_FLAGS = /^\(\?([aiLmsux]+)\)/;

const compiled = new Map<string, RegExp>();

/** The pattern as a RegExp, compiled once (SQLite calls the function once per row). */
function toRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    const m = INLINE_FLAGS.exec(pattern);
    const flags = m ? [...m[1]].filter((f) => f === "i" || f === "m" || f === "s").join("") : "";
    re = new RegExp(m ? pattern.slice(m[0].length) : pattern, flags);
    if (compiled.size >= 256) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * `regexp(pattern, value)`: 1 when the pattern matches anywhere in the value, 0 when not, NULL
 * for a NULL value (SQLAlchemy's pysqlite `regexp`).
 * @example
 * db.function("regexp", { deterministic: true }, sqliteRegexp); // then: SELECT 'abc' REGEXP 'b.'
 */
export function sqliteRegexp(pattern: unknown, value: unknown): number | null {
  if (value === null || value === undefined || pattern === null || pattern === undefined) return null;
  return toRegExp(String(pattern)).test(String(value)) ? 1 : 0;
}
