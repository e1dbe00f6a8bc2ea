/**
 * W5's query, its inputs and the check every case must pass. The query, in every library:
 *   SELECT users.id, users.name, posts.title FROM users JOIN posts ON posts.user_id = users.id
 *   WHERE users.age > ? AND users.name LIKE ? AND posts.id < ? ORDER BY users.id LIMIT ?
 * Libraries differ in quoting, "inner join", parentheses and placeholder style, so the check
 * compares a normalized form rather than exact text.
 */
import { mulberry32, randInt, SEED } from "../lib/prng.mjs";

/** Inputs are precomputed (a power of two, indexed with a mask) so the PRNG is not timed. */
export const INPUT_COUNT = 4096;
export function makeInputs() {
  const rand = mulberry32(SEED + 5);
  return Array.from({ length: INPUT_COUNT }, () => ({
    age: randInt(rand, 18, 80),
    name: `user_${randInt(rand, 1, 99)}%`,
    postId: randInt(rand, 1, 20_000),
    limit: randInt(rand, 1, 100),
  }));
}

const CANONICAL =
  "select users.id, users.name, posts.title from users join posts on posts.user_id = users.id " +
  "where users.age > ? and users.name like ? and posts.id < ? order by users.id limit ?";

/** Lower-case, drop quoting, parentheses and ASC, unify placeholders and whitespace. */
export function normalizeSql(sql) {
  return sql
    .toLowerCase()
    .replace(/["`[\]()]/g, "")
    .replace(/\$\d+|%s|:\d+|\?/g, "?")
    .replace(/\binner join\b/g, "join")
    .replace(/ asc\b/g, "") // Knex spells out the default direction
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Checks one case's output for one input. SQLite's compiler in SQLAlchemy (and alkahest) adds
 * `OFFSET ?` with 0 whenever LIMIT is set; that variant is accepted with its extra 0 parameter.
 * @returns null when correct, else a message
 */
export function checkOutput({ sql, params }, input) {
  const norm = normalizeSql(sql);
  const expected = [input.age, input.name, input.postId, input.limit];
  if (norm === `${CANONICAL} offset ?`) expected.push(0);
  else if (norm !== CANONICAL) return `unexpected SQL: ${norm}`;
  if (JSON.stringify(params) !== JSON.stringify(expected)) {
    return `unexpected params ${JSON.stringify(params)}, want ${JSON.stringify(expected)}`;
  }
  return null;
}
