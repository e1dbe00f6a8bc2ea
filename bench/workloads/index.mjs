/**
 * The workload registry. A workload declares its dialects, its cases (in the order the report
 * lists them), the cases its ratio columns compare against, whether it needs the setup data,
 * and `run(impl, opts)` → { ops, ns } for one measurement plus `check(impl)` for --check.
 * W1-W4 and W6 slot in here with `needsDb: true`; run.mjs then calls setup.mjs first.
 */
import w5 from "./w5.mjs";

export const WORKLOADS = new Map([[w5.name, w5]]);

export function getWorkload(name) {
  const w = WORKLOADS.get(name.toUpperCase());
  if (!w) throw new Error(`unknown workload ${name}; known: ${[...WORKLOADS.keys()].join(", ")}`);
  return w;
}
