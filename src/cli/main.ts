/**
 * The CLI's argument handling and output. Each step prints with its duration; errors print the
 * SQL that failed; colour only on a terminal.
 */
import { parseArgs } from "node:util";
import { makeUrl } from "../engine/url.js";
import * as command from "../migrate/command.js";
import { scripts } from "../migrate/commands/session.js";
import { loadConfig, type MigrateConfig } from "../migrate/config.js";
import type { StepEvent } from "../migrate/context.js";
import { CommandError, MigrationStepError } from "../migrate/errors.js";
import { allCurrent } from "../migrate/script/walk-order.js";
import { RevisionText } from "./format.js";
import { formatDuration, type Style, styleFor } from "./style.js";

const USAGE = `Usage: alkahest migrate <command> [options]

Commands:
  init [dir]                      create alkahest.config.ts, <dir>/env.ts and <dir>/versions/
  revision -m MSG [--autogenerate] [--head H] [--branch-label L] [--rev-id ID] [--depends-on R]
  upgrade REV [--sql]             REV: head, heads, id/prefix, label@head, +N, id+N; a:b with --sql
  downgrade REV [--sql]           REV: base, -N, id, label@base; from:to with --sql
  current | heads | branches [-v] | history [-r a:b] [-i] [-v] | show REV
  merge REVS... -m MSG            e.g. merge heads -m "merge"
  stamp REV... [--purge] [--sql]
  check                           exit 1 when the metadata and the database differ

Options: -c/--config FILE (default ./alkahest.config.ts), -h/--help`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  style: Style;
  errStyle: Style;
}

function stepPrinter(io: Io): (e: StepEvent) => void {
  const st = io.errStyle;
  return (e) => {
    const arrow = `${e.from.join(", ") || "<base>"} -> ${e.to.join(", ") || "<base>"}`;
    io.err(
      `${st.ok("✓")} ${e.direction === "upgrade" ? "upgrade  " : "downgrade"} ${st.rev(arrow)}${e.message ? `  ${e.message}` : ""} ${st.dim(`(${formatDuration(e.durationMs)})`)}`,
    );
  };
}

async function revisionText(cfg: MigrateConfig, st: Style): Promise<RevisionText> {
  return new RevisionText(await scripts(cfg).load(), st);
}

async function run(argv: string[], io: Io): Promise<number> {
  // `-1` is a revision, not an option: parseArgs takes it as a positional after `--`
  const relative = argv.filter((a) => /^-\d+$/.test(a));
  const rest = argv.filter((a) => !/^-\d+$/.test(a));
  const { values, positionals } = parseArgs({
    args: relative.length ? [...rest, "--", ...relative] : rest,
    allowPositionals: true,
    options: {
      config: { type: "string", short: "c" },
      message: { type: "string", short: "m" },
      autogenerate: { type: "boolean" },
      head: { type: "string" },
      "branch-label": { type: "string" },
      "rev-id": { type: "string" },
      "depends-on": { type: "string", multiple: true },
      sql: { type: "boolean" },
      purge: { type: "boolean" },
      rev: { type: "string", short: "r" },
      verbose: { type: "boolean", short: "v" },
      "indicate-current": { type: "boolean", short: "i" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [group, name, ...args] = positionals;
  if (values.help || group !== "migrate" || !name) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  if (name === "init") {
    for (const p of await command.init(args[0] ?? "migrations")) io.err(`  created ${p}`);
    return 0;
  }
  const loaded = await loadConfig(values.config);
  const t0 = performance.now();
  const cfg: MigrateConfig = { ...loaded, onVersionApply: values.sql ? undefined : stepPrinter(io) };
  const st = io.style;
  switch (name) {
    case "upgrade":
    case "downgrade": {
      const rev = args[0] ?? (name === "upgrade" ? "head" : "-1");
      const run = name === "upgrade" ? command.upgrade : command.downgrade;
      const events = await run(cfg, rev, { sql: values.sql ?? false });
      if (!values.sql) {
        io.err(
          events.length
            ? io.errStyle.bold(`${events.length} migration(s) in ${formatDuration(performance.now() - t0)}`)
            : "Nothing to do: the database is at the requested revision.",
        );
      }
      return 0;
    }
    case "current": {
      const rows = await command.current(cfg);
      const text = await revisionText(cfg, st);
      if (values.verbose && cfg.url) io.out(`Current revision(s) for ${makeUrl(cfg.url).renderAsString()}:`);
      // Alembic's get_all_current: what the rows depend on counts as applied too
      for (const id of allCurrent(text.map, rows)) {
        const s = text.map.get(id);
        io.out(values.verbose ? text.entry(s) : text.line(s));
      }
      return 0;
    }
    case "heads": {
      const text = await revisionText(cfg, st);
      for (const s of await command.heads(cfg)) {
        io.out(
          values.verbose ? text.entry(s) : text.line(s, { includeBranches: true, treeIndicators: false }),
        );
      }
      return 0;
    }
    case "branches": {
      const text = await revisionText(cfg, st);
      for (const s of await command.branches(cfg)) io.out(text.branchPoint(s, values.verbose));
      return 0;
    }
    case "history": {
      const scripts = await command.history(cfg, values.rev ? { range: values.rev } : {});
      const text = await revisionText(cfg, st);
      const current = values["indicate-current"] ? new Set(await command.current(cfg)) : undefined;
      for (const s of scripts) {
        io.out(
          values.verbose
            ? text.entry(s, current)
            : text.line(s, { includeBranches: true, includeDoc: true, includeParents: true, current }),
        );
      }
      return 0;
    }
    case "show": {
      const text = await revisionText(cfg, st);
      for (const s of await command.show(cfg, args[0] ?? "head")) io.out(text.entry(s));
      return 0;
    }
    case "revision": {
      const path = await command.revision(cfg, {
        message: values.message,
        autogenerate: values.autogenerate,
        head: values.head,
        branchLabel: values["branch-label"],
        revId: values["rev-id"],
        dependsOn: values["depends-on"],
      });
      io.err(`Generating ${path} ... done`);
      return 0;
    }
    case "merge": {
      const path = await command.merge(cfg, args.length ? args : ["heads"], {
        message: values.message,
        branchLabel: values["branch-label"],
        revId: values["rev-id"],
      });
      io.err(`Generating ${path} ... done`);
      return 0;
    }
    case "stamp": {
      const revs = args.length > 1 ? args : (args[0] ?? "head");
      const heads = await command.stamp(cfg, revs, { purge: values.purge, sql: values.sql });
      if (!values.sql) io.err(`Stamped: ${heads.join(", ") || "<base>"}`);
      return 0;
    }
    case "check":
      io.out(await command.check(cfg));
      return 0;
    default:
      io.err(`Unknown command '${name}'\n\n${USAGE}`);
      return 2;
  }
}

/**
 * Runs the CLI with `argv` (after the program name); resolves to the exit code.
 * @example process.exitCode = await main(["migrate", "upgrade", "head"]);
 */
export async function main(argv: string[]): Promise<number> {
  const io: Io = {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    style: styleFor(process.stdout),
    errStyle: styleFor(process.stderr),
  };
  try {
    return await run(argv, io);
  } catch (err) {
    const st = io.errStyle;
    const msg = err instanceof Error ? err.message : String(err);
    io.err(`${st.err("FAILED")} ${msg}`);
    if (err instanceof MigrationStepError && err.sql) io.err(`${st.dim("SQL:")} ${err.sql}`);
    if (!(err instanceof CommandError) && err instanceof Error && err.stack && process.env.ALKAHEST_DEBUG) {
      io.err(err.stack);
    }
    return 1;
  }
}
