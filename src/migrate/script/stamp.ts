/**
 * What `stamp` writes to the version table (Alembic's `ScriptDirectory._stamp_revs` and its
 * `HeadMaintainer`): a recorded head on the target's lineage moves to the target by one UPDATE
 * (several merge into it: DELETEs, then the UPDATE), a target on a branch nothing records is an
 * INSERT, and `base` deletes every head.
 */
import type { RevisionMap } from "./revision-map.js";
import type { VersionChange } from "./steps.js";

/** One stamp step: the heads it moves from and to, and the rows it changes. */
export interface StampStep {
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly changes: readonly VersionChange[];
}

/**
 * The steps that turn the recorded `current` heads into `targets` (empty: base).
 * @example stampSteps(map, ["a"], ["c"]) // [{ from: ["a"], to: ["c"], changes: [update a -> c] }]
 */
export function stampSteps(
  map: RevisionMap,
  current: readonly string[],
  targets: readonly string[],
): StampStep[] {
  const heads = new Set(current);
  if (targets.length === 0) {
    return [...heads].sort().map((h) => ({ from: [h], to: [], changes: [{ kind: "delete", rev: h }] }));
  }
  const steps: StampStep[] = [];
  for (const dest of targets) {
    if (heads.has(dest)) continue;
    const from = [...heads].filter((h) => map.sharesLineage(h, dest, true)).sort();
    const changes: VersionChange[] = [];
    if (from.length === 0) changes.push({ kind: "insert", rev: dest });
    else {
      for (const h of from.slice(0, -1)) changes.push({ kind: "delete", rev: h });
      changes.push({ kind: "update", from: from[from.length - 1]!, to: dest });
    }
    for (const h of from) heads.delete(h);
    heads.add(dest);
    steps.push({ from, to: [dest], changes });
  }
  return steps;
}
