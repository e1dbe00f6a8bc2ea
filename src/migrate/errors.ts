/**
 * Migration errors, one class per case so callers and tests can tell them apart
 * (Alembic's `util.CommandError` and `script.revision.*Error`).
 */
import { AlkahestError } from "../exc.js";

/**
 * A command could not do what was asked (Alembic's `CommandError`).
 * @example
 * try { await command.upgrade(cfg, "a:b"); } catch (e) { if (e instanceof CommandError) ... }
 */
export class CommandError extends AlkahestError {}

/** Base of the revision-graph errors (Alembic's `RevisionError`). @example e instanceof RevisionError */
export class RevisionError extends CommandError {}

/** A revision id or prefix names nothing (or several things). @example new ResolutionError("No such revision 'ab'", "ab") */
export class ResolutionError extends RevisionError {
  /** The argument that could not be resolved. */
  readonly argument: string;
  constructor(message: string, argument: string) {
    super(message);
    this.argument = argument;
  }
}

/** A prefix matches more than one revision. @example new AmbiguousRevision("ab", ["ab1", "ab2"]) */
export class AmbiguousRevision extends ResolutionError {
  /** The revisions the prefix matched. */
  readonly candidates: readonly string[];
  constructor(argument: string, candidates: readonly string[]) {
    // Alembic's text: the first three, then an ellipsis
    const shown = candidates
      .slice(0, 3)
      .map((c) => `'${c}'`)
      .join(", ");
    super(`Multiple revisions start with '${argument}': ${shown}...`, argument);
    this.candidates = candidates;
  }
}

/** The down-revision graph has a cycle through several revisions. @example new CycleDetected(["a", "b"]) */
export class CycleDetected extends RevisionError {
  /** The revisions on the cycle. */
  readonly revisions: readonly string[];
  constructor(revisions: readonly string[], kind = "Cycle") {
    super(`${kind} is detected in revisions (${revisions.join(", ")})`);
    this.revisions = revisions;
  }
}

/** A cycle runs through `dependsOn` edges. @example new DependencyCycleDetected(["a", "b"]) */
export class DependencyCycleDetected extends CycleDetected {
  constructor(revisions: readonly string[]) {
    super(revisions, "Dependency cycle");
  }
}

/** A revision names itself as its down revision or dependency. @example new LoopDetected("a") */
export class LoopDetected extends CycleDetected {
  constructor(revision: string) {
    super([revision], "Self-loop");
  }
}

/** Two scripts declare the same revision id. @example new DuplicateRevision("a", ["x.ts", "y.ts"]) */
export class DuplicateRevision extends RevisionError {
  /** The duplicated id. */
  readonly revision: string;
  constructor(revision: string, paths: readonly string[]) {
    super(`Revision ${revision} is present more than once: ${paths.join(", ")}`);
    this.revision = revision;
  }
}

/** A down revision or dependency names an id no script declares. @example new UnknownDownRevision("b", "zz") */
export class UnknownDownRevision extends RevisionError {
  /** The script declaring the reference. */
  readonly revision: string;
  /** The id that does not exist. */
  readonly missing: string;
  constructor(revision: string, missing: string) {
    super(`Revision ${missing} referenced from ${revision} is not present`);
    this.revision = revision;
    this.missing = missing;
  }
}

/**
 * An argument that needs one head (`head`) met several; the text is Alembic's command-level one.
 * @example new MultipleHeads(["a", "b"], "head")
 */
export class MultipleHeads extends RevisionError {
  /** The heads found. */
  readonly heads: readonly string[];
  /** The argument that named them. */
  readonly argument: string;
  constructor(heads: readonly string[], argument: string) {
    super(
      `Multiple head revisions are present for given argument '${argument}'; please specify a specific target revision, '<branchname>@${argument}' to narrow to a specific head, or 'heads' for all heads`,
    );
    this.heads = heads;
    this.argument = argument;
  }
}

/** A range's start is not an ancestor of its end. @example new RangeNotAncestorError("b", "a") */
export class RangeNotAncestorError extends RevisionError {
  constructor(lower: string | null, upper: string | null) {
    super(`Revision ${lower ?? "base"} is not an ancestor of revision ${upper ?? "base"}`);
  }
}

/**
 * A version-row UPDATE or DELETE hit a number of rows other than one: another runner moved the
 * version table, or it was edited by hand.
 * @example new VersionRowMismatch("UPDATE", "a", 0)
 */
export class VersionRowMismatch extends CommandError {
  constructor(what: string, revision: string, rowcount: number) {
    super(
      `Online migration expected to match one row when ${what} '${revision}' in the version table; ${rowcount} found`,
    );
  }
}

/** The migration lock was not obtained in time. @example new MigrationLockTimeout(30000) */
export class MigrationLockTimeout extends CommandError {
  constructor(ms: number) {
    super(`Could not acquire the migration lock within ${ms} ms; another runner holds it`);
  }
}

/** `check` found differences between the metadata and the database. @example new AutogenerateDiffsDetected("...") */
export class AutogenerateDiffsDetected extends CommandError {}

/**
 * A migration step failed; carries the revision and, when the database refused a statement, its SQL.
 * @example if (e instanceof MigrationStepError) console.error(e.revision, e.sql)
 */
export class MigrationStepError extends CommandError {
  /** The revision whose upgrade or downgrade failed. */
  readonly revision: string;
  /** The SQL that failed, when known. */
  readonly sql: string | null;
  constructor(revision: string, direction: "upgrade" | "downgrade", cause: unknown) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    super(`${direction} of ${revision} failed: ${msg}`, { cause });
    this.revision = revision;
    const st = (cause as { statement?: unknown } | null)?.statement;
    this.sql = typeof st === "string" ? st : null;
  }
}
