#!/usr/bin/env node
/**
 * One measurement in a fresh process, so no library's JIT or GC state leaks into another's:
 *   node --expose-gc bench/worker.mjs <workload> <dialect> <case> [--round N] [--scale X] [--check]
 *                                     [--profile out.cpuprofile]
 * Prints exactly one JSON line on stdout (the record run.mjs collects); exits 1 on a failed check.
 * --check prints the SQL and params the case produces instead of timing it.
 * --profile CPU-profiles the timed loop only (not module loading or warm-up) into the file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { getCase } from "./cases/index.mjs";
import { getWorkload } from "./workloads/index.mjs";

function flag(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

/**
 * Hooks that profile just the timed loop. An in-thread inspector session answers synchronously,
 * so starting and stopping adds nothing to the loop itself beyond the sampling.
 */
function profilerHooks(file) {
  const session = new Session();
  session.connect();
  return {
    timedStart() {
      session.post("Profiler.enable");
      session.post("Profiler.setSamplingInterval", { interval: 100 });
      session.post("Profiler.start");
    },
    timedEnd() {
      session.post("Profiler.stop", (err, res) => {
        if (err) throw err;
        writeFileSync(file, JSON.stringify(res.profile));
      });
      session.disconnect();
    },
  };
}

/** Peak RSS of this process (VmHWM), meaningful because the process ran only this case. */
function peakRssMB() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// Every driver decodes zone-less timestamps in the process zone; one zone makes them comparable.
process.env.TZ = "UTC";
const args = process.argv.slice(2);
const [workloadName, dialect, caseName] = args;
const record = { workload: workloadName, dialect, case: caseName, round: Number(flag(args, "--round", 0)) };
let impl;
try {
  if (!globalThis.gc) throw new Error("run with node --expose-gc");
  const workload = getWorkload(workloadName);
  const def = getCase(caseName);
  if (!def.dialects.includes(dialect)) throw new Error(`${caseName} does not support ${dialect}`);
  // DB workloads use the case's `db` factory (connections), W5 its build-only `create`
  const factory = workload.needsDb ? def.db : def.create;
  if (!factory)
    throw new Error(`${caseName} has no ${workload.needsDb ? "db" : "create"} factory for ${workloadName}`);
  impl = await factory(dialect, { pooled: Boolean(workload.pooled) });
  if (args.includes("--check")) {
    Object.assign(record, { check: "ok" }, await workload.check(impl, { dialect }));
  } else {
    const profile = flag(args, "--profile");
    const { ops, ns, ...extra } = await workload.run(impl, {
      dialect,
      scale: Number(flag(args, "--scale", 1)),
      ...(profile ? profilerHooks(profile) : {}),
    });
    Object.assign(record, {
      ops,
      ns,
      usPerOp: ns / 1000 / ops,
      opsPerSec: (ops * 1e9) / ns,
      ...extra,
      peakRssMB: peakRssMB(),
      check: "ok",
    });
  }
} catch (e) {
  record.error = e instanceof Error ? e.message : String(e);
  process.exitCode = 1;
} finally {
  await impl?.close?.();
}
process.stdout.write(`${JSON.stringify(record)}\n`);
