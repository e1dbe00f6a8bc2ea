/**
 * @internal Per-plan generated functions for the per-parameter-set work of an execution:
 * resolving a user's parameter set into the compiled bind values, and shaping those into the
 * positional row the driver takes. An executemany of 10,000 rows runs both 10,000 times; as
 * loops over the binds, every value was a keyed load with a varying key (megamorphic), which
 * cost more than the driver's own insert. Generated once per plan with the bind names as
 * literals, the loads and stores are monomorphic and the objects are built with their final
 * shape. Where code generation is disallowed (CSP) or a name cannot be a plain property, the
 * loop versions in execution-plan.ts are used instead; both give identical results.
 */
import type { BindParameter } from "../sql/elements/bind-param.js";
import { type ExecutionPlan, type PlannedBind, processValue, resolveValues } from "./execution-plan.js";

/** One user parameter set to the bind values by compiled name (see `resolveValues`). */
export type Resolver = (
  user: Readonly<Record<string, unknown>> | null,
  extracted: readonly BindParameter[] | null,
  group: number | null,
) => Record<string, unknown>;

/** Compiled bind values to the driver's positional row, bind processors applied. */
export type Positioner = (values: Record<string, unknown>, statement: string) => unknown[];

interface Generated {
  resolve: Resolver;
  /** null when the plan has no placeholder order (named paramstyles) */
  position: Positioner | null;
}

const generated = new WeakMap<ExecutionPlan, Generated>();

/** The generated functions of a plan (built on first use). */
export function rowFunctions(plan: ExecutionPlan): Generated {
  let g = generated.get(plan);
  if (g === undefined) {
    g = { resolve: makeResolver(plan), position: plan.order ? makePositioner(plan, plan.order) : null };
    generated.set(plan, g);
  }
  return g;
}

/** `__proto__` would set the prototype instead of a property: such names keep the loops. */
const plainName = (name: string): boolean => name !== "__proto__";

/** A property access with the name as a string literal (JSON.stringify quotes and escapes it). */
const prop = (obj: string, name: string): string => `${obj}[${JSON.stringify(name)}]`;

function makeResolver(plan: ExecutionPlan): Resolver {
  const loop: Resolver = (user, extracted, group) => resolveValues(plan, user, extracted, group);
  if (!plan.binds.every((p) => plainName(p.name) && (p.userKey === null || plainName(p.userKey))))
    return loop;
  // a value the user did not give: from the executed statement's binds, or the compiled bind's
  // own value; the loop version owns that logic (and its error), it is the rare branch
  const single = plan.binds.map((p) => ({ ...plan, binds: [p] }));
  const fallback = (i: number, extracted: readonly BindParameter[] | null, group: number | null): unknown =>
    resolveValues(single[i], null, extracted, group)[plan.binds[i].name];
  const lines = ["const o = {};"];
  plan.binds.forEach((p, i) => {
    const byName = `u !== null && has(u, ${JSON.stringify(p.name)}) ? ${prop("u", p.name)}`;
    const given =
      p.userKey === null
        ? byName
        : p.name === p.userKey
          ? `u !== null && has(u, ${JSON.stringify(p.userKey)}) ? ${prop("u", p.userKey)}`
          : `u !== null && has(u, ${JSON.stringify(p.userKey)}) ? ${prop("u", p.userKey)} : ${byName}`;
    lines.push(`${prop("o", p.name)} = ${given} : fb(${i}, x, g);`);
  });
  lines.push("return o;");
  try {
    const make = new Function("has", "fb", `return function resolve(u, x, g) {\n${lines.join("\n")}\n};`);
    return make(Object.hasOwn, fallback) as Resolver;
  } catch {
    return loop;
  }
}

function makePositioner(plan: ExecutionPlan, order: readonly string[]): Positioner | null {
  const loop: Positioner = (values, statement) => {
    const out = new Array<unknown>(order.length);
    for (let i = 0; i < order.length; i++) {
      const p = plan.byName.get(order[i]);
      const v = values[order[i]];
      out[i] = p === undefined ? (v ?? null) : processValue(p, v, statement);
    }
    return out;
  };
  if (!order.every(plainName)) return loop;
  const binds: (PlannedBind | undefined)[] = order.map((name) => plan.byName.get(name));
  const items = order.map((name, i) => {
    const p = binds[i];
    const value = prop("v", name);
    return p === undefined || p.processor === null ? `${value} ?? null` : `pv(b[${i}], ${value}, s)`;
  });
  try {
    const make = new Function(
      "b",
      "pv",
      `return function position(v, s) {\nreturn [${items.join(", ")}];\n};`,
    );
    return make(binds, processValue) as Positioner;
  } catch {
    return loop;
  }
}
