/**
 * One revision script: the module a `versions/<rev>_<slug>.ts` file exports, normalised.
 */
import type { Operations } from "../operations-type.js";

/** What a revision file exports (Alembic's script template, camelCased). */
export interface RevisionModule {
  revision: string;
  downRevision?: string | readonly string[] | null;
  branchLabels?: string | readonly string[] | null;
  dependsOn?: string | readonly string[] | null;
  /** The message given to `revision -m`, kept for `history`. */
  message?: string;
  upgrade?: (op: Operations) => Promise<void> | void;
  downgrade?: (op: Operations) => Promise<void> | void;
}

function list(v: string | readonly string[] | null | undefined): string[] {
  if (v === null || v === undefined) return [];
  return typeof v === "string" ? [v] : [...v];
}

/**
 * A revision in the graph: its id, its parents (`downRevisions`), its `dependsOn` edges and labels.
 * @example
 * const s = Script.fromModule({ revision: "a1", downRevision: null }, "versions/a1_init.ts");
 * s.isBase; // true
 */
export class Script {
  readonly revision: string;
  /** Parents in the version lineage (a merge has several). */
  readonly downRevisions: readonly string[];
  /** Revisions applied first but not versioned as parents (resolved ids). */
  dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
  readonly path: string | null;
  readonly module: RevisionModule;
  /** Children by `downRevisions`, filled by the revision map. */
  readonly nextRevisions: Set<string> = new Set();
  /** Revisions that depend on this one, filled by the revision map. */
  readonly dependents: Set<string> = new Set();

  private constructor(module: RevisionModule, path: string | null) {
    this.module = module;
    this.revision = module.revision;
    this.downRevisions = list(module.downRevision);
    this.dependsOn = list(module.dependsOn);
    this.branchLabels = list(module.branchLabels);
    this.path = path;
  }

  /** Normalises a loaded module; `path` is where it came from (for messages). */
  static fromModule(module: RevisionModule, path: string | null = null): Script {
    if (typeof module.revision !== "string" || module.revision === "") {
      throw new TypeError(`${path ?? "a revision module"} does not export a 'revision' string`);
    }
    return new Script(module, path);
  }

  /** True when the script has no down revision. */
  get isBase(): boolean {
    return this.downRevisions.length === 0;
  }

  /** True when several scripts descend from this one. */
  get isBranchPoint(): boolean {
    return this.nextRevisions.size > 1;
  }

  /** True when the script merges several parents. */
  get isMergePoint(): boolean {
    return this.downRevisions.length > 1;
  }

  /** The first line of the message, or "". */
  get doc(): string {
    return (this.module.message ?? "").split("\n")[0] ?? "";
  }
}
