/**
 * What the DB workloads (W1-W4, W6) read and write, derived from the same seeded generators as
 * setup.mjs, so every case's results can be checked against the exact expected rows.
 */
import { COUNTS, personRows } from "../setup.mjs";
import { mulberry32, randInt, SEED } from "./prng.mjs";

/** The columns every DB case selects, in order. */
export const PERSON_COLUMNS = ["id", "name", "email", "age", "created_at"];

let users = null;
/** users row `id` as setup wrote it: [id, name, email, age, 'YYYY-MM-DD HH:MM:SS']. */
export function expectedUser(id) {
  users ??= [...personRows(COUNTS.users, SEED)];
  return users[id - 1];
}

/** The last row of `big` (id 200,000), for the W4 check. */
export function expectedLastBig() {
  let last = null;
  for (const r of personRows(COUNTS.big, SEED + 2)) last = r;
  return last;
}

/** `n` user ids from a seeded PRNG: every case queries the identical sequence. */
export function pointIds(n, seed = SEED + 11) {
  const rand = mulberry32(seed);
  return Int32Array.from({ length: n }, () => randInt(rand, 1, COUNTS.users));
}

/** W2 ranges: `lo` such that ids lo..lo+size-1 all exist. */
export function rangeStarts(n, size, seed = SEED + 12) {
  const rand = mulberry32(seed);
  return Int32Array.from({ length: n }, () => randInt(rand, 1, COUNTS.users - size + 1));
}

/**
 * W3's 10,000 rows for `ins` as objects { name, email, age, created_at }. created_at is a Date
 * on pg and MySQL (the drivers and libraries bind Dates to timestamp/DATETIME) and the
 * 'YYYY-MM-DD HH:MM:SS' text on SQLite, where the column is TEXT.
 */
export function insertRows(dialect, n = 10_000) {
  const out = [];
  for (const [, name, email, age, stamp] of personRows(n, SEED + 3)) {
    out.push({
      name,
      email,
      age,
      created_at: dialect === "sqlite" ? stamp : new Date(`${stamp.replace(" ", "T")}Z`),
    });
  }
  return out;
}

/** A Date or text timestamp as 'YYYY-MM-DD HH:MM:SS' (workers run with TZ=UTC). */
export function stampOf(v) {
  if (v instanceof Date) return v.toISOString().slice(0, 19).replace("T", " ");
  return String(v).slice(0, 19).replace("T", " ");
}

/** Compares a case's row, normalized to [id, name, email, age, created_at], with the expected one. */
export function rowMismatch(got, want) {
  const norm = [Number(got[0]), got[1], got[2], Number(got[3]), stampOf(got[4])];
  for (let i = 0; i < want.length; i++) {
    if (norm[i] !== want[i]) {
      return `column ${PERSON_COLUMNS[i]}: got ${JSON.stringify(norm[i])}, expected ${JSON.stringify(want[i])}`;
    }
  }
  return null;
}
