/**
 * The workload registry. A workload declares its dialects, its cases (in the order the report
 * lists them; a case that does not support a dialect is skipped there), its ratio columns,
 * whether it needs the setup data (`needsDb`: run.mjs calls setup.mjs first and workers use the
 * cases' `db` factory), and `run(impl, opts)` → { ops, ns, … } for one measurement plus
 * `check(impl, opts)` for --check.
 */
import w1 from "./w1.mjs";
import w2 from "./w2.mjs";
import w3 from "./w3.mjs";
import w4 from "./w4.mjs";
import w5 from "./w5.mjs";
import w6 from "./w6.mjs";

export const WORKLOADS = new Map([w1, w2, w3, w4, w5, w6].map((w) => [w.name, w]));

export function getWorkload(name) {
  const w = WORKLOADS.get(name.toUpperCase());
  if (!w) throw new Error(`unknown workload ${name}; known: ${[...WORKLOADS.keys()].join(", ")}`);
  return w;
}
