/**
 * The case registry: raw drivers, peers and alkahest behind one small interface, so a worker
 * can run any (workload, dialect, case) by name.
 *
 * A case module's default export is a list of case definitions:
 *   { name, packages: ["kysely"], dialects: [...], create(dialect) → instance | Promise<instance> }
 * An instance implements the operations its workloads use. They are plain closures (never
 * `this`), because workers hoist them out of the timed loop:
 *   build(input)            W5: build + compile one query, return the library's compiled form
 *   describe(result)        W5: { sql, params[] } of a build result, for checks (untimed)
 *   verify()                optional: throw if the case did not do what it claims (e.g. no cache hits)
 *   point(id), range(lo, n), insert(rows), stream(lo, onRow), all(lo)   W1-W4, W6 (DB workloads)
 *   close()                 optional: release connections
 */
import alkahest from "./alkahest.mjs";
import drizzle from "./drizzle.mjs";
import knex from "./knex.mjs";
import kysely from "./kysely.mjs";
import template from "./template.mjs";

export const CASES = new Map(
  [...template, ...kysely, ...knex, ...drizzle, ...alkahest].map((c) => [c.name, c]),
);

export function getCase(name) {
  const c = CASES.get(name);
  if (!c) throw new Error(`unknown case ${name}; known: ${[...CASES.keys()].join(", ")}`);
  return c;
}
