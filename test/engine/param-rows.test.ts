/**
 * The generated per-plan functions (param-rows.ts) must answer exactly as the loops they stand
 * in for: resolveValues for the bind values, processValue per placeholder for the driver row.
 */
import { describe, expect, it } from "vitest";
import { runtimeDialect } from "../../src/dialects/sqlite/runtime.js";
import { planFor, processValue, resolveValues } from "../../src/engine/execution-plan.js";
import { rowFunctions } from "../../src/engine/param-rows.js";
import * as sa from "../../src/index.js";

const dialect = runtimeDialect();
const meta = new sa.MetaData();
const t = new sa.Table(
  "t",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(20)),
  new sa.Column('we"ird\\ name', sa.String(20)),
  new sa.Column("at", sa.DateTime),
  new sa.Column("counter", sa.Integer, { default: () => 1 }),
);

function compile(stmt: sa.ClauseElement, keys: string[]) {
  return stmt.compile({ dialect, columnKeys: keys.sort(), forExecutemany: true });
}

/** The loop version of the positional row. */
function loopRow(plan: ReturnType<typeof planFor>, values: Record<string, unknown>): unknown[] {
  return plan.order!.map((name) => {
    const p = plan.byName.get(name);
    return p === undefined ? (values[name] ?? null) : processValue(p, values[name], "stmt");
  });
}

describe("generated parameter-set functions", () => {
  it("resolve and position as the loops do, odd column names included", () => {
    const keys = ["name", 'we"ird\\ name', "at"];
    const compiled = compile(sa.insert(t), keys);
    const plan = planFor(compiled, dialect);
    const { resolve, position } = rowFunctions(plan);
    const sets: Record<string, unknown>[] = [
      { name: "a", 'we"ird\\ name': "w", at: new Date(Date.UTC(2024, 0, 2)) },
      { name: null, 'we"ird\\ name': undefined, at: null },
      { name: "c", 'we"ird\\ name': "z", at: new Date(0), extra: 1 },
    ];
    sets.forEach((set, i) => {
      const want = resolveValues(plan, set, null, i);
      const got = resolve(set, null, i);
      expect(got).toEqual(want);
      expect(Object.keys(got)).toEqual(Object.keys(want));
      expect(position!(got, "stmt")).toEqual(loopRow(plan, want));
    });
    expect(position!(resolve(sets[0], null, 0), "stmt")).toEqual([
      "a",
      "w",
      "2024-01-02 00:00:00.000000",
      null,
    ]);
  });

  it("fall back to the statement's values, and name the group of a missing required value", () => {
    const stmt = sa.insert(t).values({ name: sa.bindparam("nm"), at: sa.bindparam("when", new Date(0)) });
    const compiled = compile(stmt, ["nm"]);
    const plan = planFor(compiled, dialect);
    const { resolve } = rowFunctions(plan);
    expect(resolve({ nm: "x" }, null, 0)).toEqual(resolveValues(plan, { nm: "x" }, null, 0));
    expect(resolve({ nm: "x" }, null, 0).when).toEqual(new Date(0));
    expect(() => resolve({}, null, 3)).toThrow(
      "A value is required for bind parameter 'nm', in parameter group 3",
    );
    expect(() => resolveValues(plan, {}, null, 3)).toThrow(
      "A value is required for bind parameter 'nm', in parameter group 3",
    );
  });

  it("a failing bind processor names its parameter", () => {
    const compiled = compile(sa.insert(t), ["name", "at"]);
    const plan = planFor(compiled, dialect);
    const { resolve, position } = rowFunctions(plan);
    const values = resolve({ name: "a", at: 42 }, null, 0);
    expect(() => position!(values, "stmt")).toThrow(/in parameter 'at'.*only accepts Date/);
  });

  it("keeps the loops for a name that would set the prototype", () => {
    const odd = new sa.Table(
      "odd",
      meta,
      new sa.Column("__proto__", sa.Integer),
      new sa.Column("b", sa.Integer),
    );
    const compiled = compile(sa.insert(odd), ["__proto__", "b"]);
    const plan = planFor(compiled, dialect);
    const { resolve, position } = rowFunctions(plan);
    const set = JSON.parse('{"__proto__": 5, "b": 6}') as Record<string, unknown>;
    const got = resolve(set, null, 0);
    const want = resolveValues(plan, set, null, 0);
    expect(got.b).toBe(6);
    expect(Object.getPrototypeOf(got)).toBe(Object.getPrototypeOf(want));
    expect(position!(got, "stmt")).toEqual(loopRow(plan, want));
  });
});
