/**
 * The revision graph (Alembic's `RevisionMap`): heads, bases, ancestry, validated on build so a
 * broken directory fails before any SQL runs.
 */
import {
  CycleDetected,
  DependencyCycleDetected,
  DuplicateRevision,
  LoopDetected,
  UnknownDownRevision,
} from "../errors.js";
import type { Script } from "./script.js";

/**
 * A validated revision DAG.
 * @example
 * const map = new RevisionMap([a, b]);
 * map.heads; // ["b"]
 */
export class RevisionMap {
  private readonly byId = new Map<string, Script>();
  private readonly byLabel = new Map<string, Script>();
  /** Scripts in a stable order (file order sorted by id), for deterministic output. */
  readonly scripts: readonly Script[];

  constructor(scripts: readonly Script[]) {
    const seen = new Map<string, Script>();
    for (const s of scripts) {
      const prev = seen.get(s.revision);
      if (prev) throw new DuplicateRevision(s.revision, [prev.path ?? "?", s.path ?? "?"]);
      seen.set(s.revision, s);
    }
    this.scripts = [...scripts].sort((x, y) =>
      x.revision < y.revision ? -1 : x.revision > y.revision ? 1 : 0,
    );
    for (const s of this.scripts) {
      this.byId.set(s.revision, s);
      for (const l of s.branchLabels) {
        if (this.byLabel.has(l))
          throw new DuplicateRevision(`label '${l}'`, [this.byLabel.get(l)!.revision, s.revision]);
        this.byLabel.set(l, s);
      }
    }
    for (const s of this.scripts) {
      for (const d of s.downRevisions) {
        if (d === s.revision) throw new LoopDetected(s.revision);
        const parent = this.byId.get(d);
        if (!parent) throw new UnknownDownRevision(s.revision, d);
        parent.nextRevisions.add(s.revision);
      }
      // dependsOn may name a branch label, as in Alembic
      s.dependsOn = s.dependsOn.map((d) => {
        const target = this.byId.get(d) ?? this.byLabel.get(d);
        if (!target) throw new UnknownDownRevision(s.revision, d);
        if (target === s) throw new LoopDetected(s.revision);
        target.dependents.add(s.revision);
        return target.revision;
      });
    }
    this.checkCycles(
      (s) => s.downRevisions,
      (c) => new CycleDetected(c),
    );
    this.checkCycles(
      (s) => [...s.downRevisions, ...s.dependsOn],
      (c) => new DependencyCycleDetected(c),
    );
  }

  private checkCycles(edges: (s: Script) => readonly string[], fail: (cycle: string[]) => Error): void {
    const state = new Map<string, 1 | 2>();
    const stack: string[] = [];
    const visit = (id: string): void => {
      const st = state.get(id);
      if (st === 2) return;
      if (st === 1) throw fail(stack.slice(stack.indexOf(id)));
      state.set(id, 1);
      stack.push(id);
      for (const e of edges(this.get(id))) visit(e);
      stack.pop();
      state.set(id, 2);
    };
    for (const s of this.scripts) visit(s.revision);
  }

  /** The script with exactly this id (throws when absent). */
  get(id: string): Script {
    const s = this.byId.get(id);
    if (!s) throw new UnknownDownRevision("(lookup)", id);
    return s;
  }

  /** The script with this id, or undefined. */
  find(id: string): Script | undefined {
    return this.byId.get(id);
  }

  /** The script carrying a branch label. */
  byBranchLabel(label: string): Script | undefined {
    return this.byLabel.get(label);
  }

  /** Every id, sorted. */
  get ids(): string[] {
    return this.scripts.map((s) => s.revision);
  }

  /** Revisions nothing descends from (by down revision), sorted. */
  get heads(): string[] {
    return this.scripts.filter((s) => s.nextRevisions.size === 0).map((s) => s.revision);
  }

  /** Revisions without a down revision, sorted. */
  get bases(): string[] {
    return this.scripts.filter((s) => s.isBase).map((s) => s.revision);
  }

  /** Ids `ids` reach through down revisions and dependencies, themselves included. */
  ancestors(ids: Iterable<string>, withDeps = true): Set<string> {
    const out = new Set<string>();
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      const s = this.get(id);
      stack.push(...s.downRevisions, ...(withDeps ? s.dependsOn : []));
    }
    return out;
  }

  /** Ids reachable from `ids` through children and dependents, themselves included. */
  descendants(ids: Iterable<string>, withDeps = true): Set<string> {
    const out = new Set<string>();
    const stack = [...ids];
    while (stack.length) {
      const id = stack.pop()!;
      if (out.has(id)) continue;
      out.add(id);
      const s = this.get(id);
      stack.push(...s.nextRevisions, ...(withDeps ? s.dependents : []));
    }
    return out;
  }

  /**
   * Whether `id` is on the branch of `root` (a labelled revision): one descends from the other
   * by down revisions alone, or also through dependencies with `withDeps` (Alembic's
   * `_shares_lineage` and its `include_dependencies`).
   */
  sharesLineage(id: string, root: string, withDeps = false): boolean {
    return this.ancestors([id], withDeps).has(root) || this.descendants([id], withDeps).has(root);
  }

  /**
   * Down revisions plus dependencies, minus those that are ancestors of another in the set
   * (Alembic's `_normalized_down_revisions`): what the version table bookkeeping treats as parents.
   */
  normalizedDown(id: string): string[] {
    const s = this.get(id);
    const all = [...new Set([...s.downRevisions, ...s.dependsOn])];
    return all.filter((a) => !all.some((b) => b !== a && this.ancestors([b]).has(a)));
  }

  /** `ids` in dependency order (parents first), ties broken by id for determinism. */
  topological(ids: Iterable<string>): string[] {
    const want = new Set(ids);
    const out: string[] = [];
    const done = new Set<string>();
    const visit = (id: string): void => {
      if (done.has(id) || !want.has(id)) return;
      done.add(id);
      const s = this.get(id);
      for (const p of [...s.downRevisions, ...s.dependsOn].sort()) visit(p);
      out.push(id);
    };
    for (const id of [...want].sort()) visit(id);
    return out;
  }
}
