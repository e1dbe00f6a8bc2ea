/**
 * The hand-written SQL of the raw-driver cases (W1-W4, W6), with each driver's placeholders.
 * Every library case issues the equivalent query through its own builder.
 */
const COLS = "id, name, email, age, created_at";

export function rawSql(dialect) {
  const p = dialect === "pg" ? (i) => `$${i}` : () => "?";
  return {
    point: `SELECT ${COLS} FROM users WHERE id = ${p(1)}`,
    range: `SELECT ${COLS} FROM users WHERE id >= ${p(1)} AND id <= ${p(2)} ORDER BY id`,
    stream: `SELECT ${COLS} FROM big`,
    /** a multi-row INSERT into `ins` of `rows` rows (4 values each) */
    insert(rows) {
      const groups = [];
      for (let r = 0, n = 0; r < rows; r++, n += 4) {
        groups.push(`(${p(n + 1)}, ${p(n + 2)}, ${p(n + 3)}, ${p(n + 4)})`);
      }
      return `INSERT INTO ins (name, email, age, created_at) VALUES ${groups.join(", ")}`;
    },
    insertOne: `INSERT INTO ins (name, email, age, created_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})`,
  };
}

/** The values of `rows` (W3 objects) flattened in column order, rows [from, to). */
export function flatValues(rows, from = 0, to = rows.length) {
  const out = new Array((to - from) * 4);
  for (let i = from, j = 0; i < to; i++) {
    const r = rows[i];
    out[j++] = r.name;
    out[j++] = r.email;
    out[j++] = r.age;
    out[j++] = r.created_at;
  }
  return out;
}

/** [from, to) pairs covering `n` rows in chunks of `size`. */
export function chunks(n, size) {
  const out = [];
  for (let i = 0; i < n; i += size) out.push([i, Math.min(n, i + size)]);
  return out;
}

/**
 * SQLite's bound-parameter limit is 32,766: 10,000 rows × 4 columns needs two statements, so the
 * multi-row cases insert 5,000 rows per statement (as in the anchors). pg and MySQL take all
 * 10,000 rows (40,000 parameters) in one statement.
 */
export const SQLITE_ROWS_PER_STATEMENT = 5000;
