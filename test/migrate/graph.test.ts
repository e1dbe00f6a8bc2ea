import { describe, expect, it } from "vitest";
import {
  AmbiguousRevision,
  CycleDetected,
  DependencyCycleDetected,
  DuplicateRevision,
  downgradeRemovals,
  downgradeSteps,
  LoopDetected,
  MultipleHeads,
  RangeNotAncestorError,
  ResolutionError,
  RevisionMap,
  Script,
  UnknownDownRevision,
  upgradeSteps,
  upgradeTargets,
  versionChanges,
} from "../../src/migrate/index.js";

const s = (revision: string, downRevision: string | string[] | null = null, extra: object = {}) =>
  Script.fromModule({ revision, downRevision, ...extra });
const map = (...scripts: Script[]) => new RevisionMap(scripts);

describe("revision graph", () => {
  it("computes heads and bases of a linear chain", () => {
    const m = map(s("a1"), s("b2", "a1"), s("c3", "b2"));
    expect(m.heads).toEqual(["c3"]);
    expect(m.bases).toEqual(["a1"]);
  });

  it("raises a distinct typed error for a cycle, a self-loop, a duplicate and an unknown down revision", () => {
    expect(() => map(s("a1", "b2"), s("b2", "a1"))).toThrow(CycleDetected);
    expect(() => map(s("a1", "a1"))).toThrow(LoopDetected);
    expect(() => map(s("a1"), s("a1"))).toThrow(DuplicateRevision);
    expect(() => map(s("a1", "zz"))).toThrow(UnknownDownRevision);
    expect(() => map(s("a1", null, { dependsOn: "b2" }), s("b2", "a1"))).toThrow(DependencyCycleDetected);
  });

  it("resolves head, heads, ids, unique prefixes, labels, +N and id+N; ambiguous prefixes fail", () => {
    const m = map(s("abc1"), s("abd2", "abc1", { branchLabels: ["feat"] }), s("xyz3", "abd2"));
    expect(upgradeTargets(m, "head", [])).toEqual(["xyz3"]);
    expect(upgradeTargets(m, "heads", [])).toEqual(["xyz3"]);
    expect(upgradeTargets(m, "abc", [])).toEqual(["abc1"]);
    expect(upgradeTargets(m, "xyz3", [])).toEqual(["xyz3"]);
    expect(upgradeTargets(m, "feat@head", [])).toEqual(["xyz3"]);
    expect(upgradeTargets(m, "+1", [])).toEqual(["abc1"]);
    expect(upgradeTargets(m, "+2", ["abc1"])).toEqual(["xyz3"]);
    expect(upgradeTargets(m, "abc1+1", [])).toEqual(["abd2"]);
    expect(() => upgradeTargets(m, "ab", [])).toThrow(AmbiguousRevision);
    expect(() => upgradeTargets(m, "nope", [])).toThrow(ResolutionError);
    expect([...downgradeRemovals(m, "-1", ["xyz3"])]).toEqual(["xyz3"]);
    expect([...downgradeRemovals(m, "base", ["xyz3"])].sort()).toEqual(["abc1", "abd2", "xyz3"]);
    expect([...downgradeRemovals(m, "abc1", ["xyz3"])].sort()).toEqual(["abd2", "xyz3"]);
    expect([...downgradeRemovals(m, "xyz3-2", ["xyz3"])].sort()).toEqual(["abd2", "xyz3"]);
  });

  it("with two heads, head raises MultipleHeads and heads applies both; a merge collapses them", () => {
    const m = map(s("a1"), s("b1", "a1"), s("b2", "a1"));
    expect(() => upgradeTargets(m, "head", [])).toThrow(MultipleHeads);
    const steps = upgradeSteps(m, [], upgradeTargets(m, "heads", []));
    // Alembic 1.20's order and rows: a1, a1 -> b2 (UPDATE), a1 -> b1 (INSERT)
    expect(steps.map((x) => x.script.revision)).toEqual(["a1", "b2", "b1"]);
    const heads = new Set<string>();
    const changes = steps.flatMap((st) => versionChanges(m, heads, st));
    expect(changes).toEqual([
      { kind: "insert", rev: "a1" },
      { kind: "update", from: "a1", to: "b2" },
      { kind: "insert", rev: "b1" },
    ]);
    expect([...heads].sort()).toEqual(["b1", "b2"]);
    const merged = map(s("a1"), s("b1", "a1"), s("b2", "a1"), s("m1", ["b1", "b2"]));
    const mergeChanges = upgradeSteps(merged, ["b1", "b2"], ["m1"]).flatMap((st) =>
      versionChanges(merged, heads, st),
    );
    expect(mergeChanges).toEqual([
      { kind: "delete", rev: "b1" },
      { kind: "update", from: "b2", to: "m1" },
    ]);
    expect([...heads]).toEqual(["m1"]);
    // and back: the unmerge restores both rows
    expect(() => downgradeRemovals(merged, "-1", ["m1"])).toThrow("Ambiguous walk");
    const down = downgradeSteps(merged, downgradeRemovals(merged, "b1", ["m1"]));
    expect(down.flatMap((st) => versionChanges(merged, heads, st))).toEqual([
      { kind: "insert", rev: "b1" },
      { kind: "update", from: "m1", to: "b2" },
    ]);
  });

  it("applies a dependsOn target first and keeps it out of the version table", () => {
    const m = map(
      s("a1"),
      s("b1", "a1"),
      s("x1", null, { branchLabels: ["other"] }),
      s("c1", "b1", { dependsOn: ["other"] }),
    );
    const steps = upgradeSteps(m, [], ["c1"]);
    // Alembic 1.20 runs the dependency's line first here
    expect(steps.map((x) => x.script.revision)).toEqual(["x1", "a1", "b1", "c1"]);
    const heads = new Set<string>();
    for (const st of steps) versionChanges(m, heads, st);
    expect([...heads]).toEqual(["c1"]);
  });

  it("exports RangeNotAncestorError for ranges", () => {
    expect(new RangeNotAncestorError("b", "a").message).toContain("not an ancestor");
  });
});
