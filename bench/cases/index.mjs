/**
 * The case registry: raw drivers, peers and alkahest behind one small interface, so a worker
 * can run any (workload, dialect, case) by name.
 *
 * A case module's default export is a list of case definitions:
 *   { name, packages: ["kysely"], dialects: [...],
 *     create(dialect) → instance | Promise<instance>            the build-only instance (W5)
 *     db(dialect, { pooled }) → instance | Promise<instance> }  the DB instance (W1-W4, W6)
 * A worker calls `db` for workloads with `needsDb` (W6 passes `pooled: true`: raw drivers then
 * use a pool of 10 instead of one connection) and `create` otherwise; a case without the
 * factory a workload needs does not run in it.
 * An instance implements the operations its workloads use. They are plain closures (never
 * `this`), because workers hoist them out of the timed loop:
 *   build(input)            W5: build + compile one query, return the library's compiled form
 *   describe(result)        W5: { sql, params[] } of a build result, for checks (untimed)
 *   verify()                optional: throw if the case did not do what it claims (e.g. no cache hits)
 *   point(id) → row         W1, W6: the users row with that id (a promise, or the row itself)
 *   range(lo, hi) → rows    W2: users lo..hi ordered by id
 *   insert(rows)            W3: insert the row objects into `ins` in one transaction
 *   stream() → { rows, last, mode }   W4: iterate every row of `big`, keep only the count and the last
 *   norm(row) → [id, name, email, age, created_at]   the checks compare rows in this form (untimed)
 *   close()                 optional: release connections
 */
import alkahest from "./alkahest.mjs";
import drizzle from "./drizzle.mjs";
import knex from "./knex.mjs";
import kysely from "./kysely.mjs";
import raw from "./raw.mjs";
import template from "./template.mjs";

export const CASES = new Map(
  [...raw, ...template, ...kysely, ...knex, ...drizzle, ...alkahest].map((c) => [c.name, c]),
);

export function getCase(name) {
  const c = CASES.get(name);
  if (!c) throw new Error(`unknown case ${name}; known: ${[...CASES.keys()].join(", ")}`);
  return c;
}
