/**
 * Migration steps and the version-table changes each makes (Alembic's `RevisionStep` and
 * `HeadMaintainer`): linear step = UPDATE, new branch = INSERT, merge = DELETEs + UPDATE,
 * unmerge = INSERTs + UPDATE, leaving a branch's base = DELETE.
 */
import type { RevisionMap } from "./revision-map.js";
import type { Script } from "./script.js";
import { walkOrder } from "./walk-order.js";

/** One revision to run, up or down. */
export interface MigrationStep {
  readonly script: Script;
  readonly direction: "upgrade" | "downgrade";
}

/** A change to the version table. */
export type VersionChange =
  | { readonly kind: "insert"; readonly rev: string }
  | { readonly kind: "update"; readonly from: string; readonly to: string }
  | { readonly kind: "delete"; readonly rev: string };

/**
 * The steps that bring `current` up to include `targets`, parents first.
 * @example upgradeSteps(map, [], ["b"]) // a, then b
 */
export function upgradeSteps(
  map: RevisionMap,
  current: readonly string[],
  targets: readonly string[],
): MigrationStep[] {
  const applied = map.ancestors(current);
  const todo = [...map.ancestors(targets)].filter((id) => !applied.has(id));
  // Alembic's order: its history walk (heads first, one line at a time), reversed
  return walkOrder(map, todo)
    .reverse()
    .map((id) => ({ script: map.get(id), direction: "upgrade" as const }));
}

/**
 * The steps that remove `removals`, children first.
 * @example downgradeSteps(map, new Set(["b"])) // b
 */
export function downgradeSteps(map: RevisionMap, removals: ReadonlySet<string>): MigrationStep[] {
  return walkOrder(map, removals).map((id) => ({ script: map.get(id), direction: "downgrade" as const }));
}

/** Ids among `ids` that are ancestors of some other head. */
function ancestorsOfOthers(
  map: RevisionMap,
  heads: ReadonlySet<string>,
  except: readonly string[],
): Set<string> {
  const others = [...heads].filter((h) => !except.includes(h));
  return others.length ? map.ancestors(others) : new Set();
}

/**
 * The version-table changes for one step given the current heads; `heads` is updated in place.
 * @example versionChanges(map, new Set(["a"]), { script: b, direction: "upgrade" }) // [update a -> b]
 */
export function versionChanges(map: RevisionMap, heads: Set<string>, step: MigrationStep): VersionChange[] {
  const rev = step.script.revision;
  const down = map.normalizedDown(rev);
  const out: VersionChange[] = [];
  if (step.direction === "upgrade") {
    const present = down.filter((d) => heads.has(d));
    if (present.length === 0) {
      out.push({ kind: "insert", rev });
    } else if (present.length > 1) {
      const anc = ancestorsOfOthers(map, heads, down);
      const from = present.filter((d) => !anc.has(d));
      const last = from.length ? from[from.length - 1]! : present[present.length - 1]!;
      for (const d of from.slice(0, -1)) out.push({ kind: "delete", rev: d });
      out.push({ kind: "update", from: last, to: rev });
    } else {
      out.push({ kind: "update", from: present[0]!, to: rev });
    }
  } else {
    if (!heads.has(rev)) return out; // nothing recorded for it (e.g. already removed by a merge)
    const anc = ancestorsOfOthers(map, heads, [rev]);
    const to = down.filter((d) => !anc.has(d));
    if (to.length === 0) {
      out.push({ kind: "delete", rev });
    } else {
      // Alembic's unmerge: the other parents' rows first, then the merge row becomes the last
      for (const t of to.slice(0, -1)) out.push({ kind: "insert", rev: t });
      out.push({ kind: "update", from: rev, to: to[to.length - 1]! });
    }
  }
  for (const c of out) {
    if (c.kind === "insert") heads.add(c.rev);
    else if (c.kind === "delete") heads.delete(c.rev);
    else {
      heads.delete(c.from);
      heads.add(c.to);
    }
  }
  return out;
}
