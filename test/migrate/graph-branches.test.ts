/**
 * Branch labels resolve on the branch's lineage, dependencies not counting (Alembic's
 * `filter_for_lineage`, test_version_traversal / test_revision), revision errors carry
 * Alembic's texts, and `stamp` moves a recorded head with one UPDATE (its HeadMaintainer).
 */
import { describe, expect, it } from "vitest";
import {
  AmbiguousRevision,
  downgradeRemovals,
  MultipleHeads,
  ResolutionError,
  RevisionMap,
  Script,
  upgradeSteps,
  upgradeTargets,
} from "../../src/migrate/index.js";
import { stampSteps } from "../../src/migrate/script/stamp.js";

const s = (revision: string, downRevision: string | string[] | null = null, extra: object = {}) =>
  Script.fromModule({ revision, downRevision, ...extra });

/**
 * a(main) → b → c; b → d(feature) → e; m merges c and e; x(other) is a base that depends on b,
 * → y. Heads: m, y.
 */
const graph = new RevisionMap([
  s("aaaa1111", null, { branchLabels: ["main"] }),
  s("bbbb2222", "aaaa1111"),
  s("cccc3333", "bbbb2222"),
  s("dddd4444", "bbbb2222", { branchLabels: ["feature"] }),
  s("eeee5555", "dddd4444"),
  s("mmmm6666", ["cccc3333", "eeee5555"]),
  s("xxxx7777", null, { branchLabels: ["other"], dependsOn: ["bbbb2222"] }),
  s("yyyy8888", "xxxx7777"),
]);
const steps = (current: string[], arg: string) =>
  upgradeSteps(graph, current, upgradeTargets(graph, arg, current)).map((st) => st.script.revision);

describe("branch labels", () => {
  it("label@+N from base walks the label's branch only (shoppingcart@+2 in Alembic's docs)", () => {
    expect(steps([], "main@+2")).toEqual(["aaaa1111", "bbbb2222"]);
    // x's dependency comes first, as for any upgrade
    expect(steps([], "other@+1")).toEqual(["aaaa1111", "bbbb2222", "xxxx7777"]);
    expect(steps(["aaaa1111"], "main@+1")).toEqual(["bbbb2222"]);
    // the branch has nothing applied while others do: it starts from its newest applied ancestor
    expect(steps(["yyyy8888"], "feature@+1")).toEqual(["dddd4444"]);
    expect(upgradeTargets(graph, "feature@+1", ["cccc3333"])).toEqual(["dddd4444"]);
  });

  it("label@head is the branch's one head; a revision depending on the branch is not on it", () => {
    expect(upgradeTargets(graph, "main@head", [])).toEqual(["mmmm6666"]);
    expect(upgradeTargets(graph, "feature@head", [])).toEqual(["mmmm6666"]);
    expect(upgradeTargets(graph, "other@head", [])).toEqual(["yyyy8888"]);
    expect(upgradeTargets(graph, "main@heads", [])).toEqual(["mmmm6666"]);
    expect(upgradeTargets(graph, "main@cccc", [])).toEqual(["cccc3333"]);
    expect(() => upgradeTargets(graph, "other@cccc", [])).toThrow(
      "Revision cccc3333 is not a member of branch 'other'",
    );
    expect([...downgradeRemovals(graph, "main@-1", ["mmmm6666", "yyyy8888"])]).toEqual(["mmmm6666"]);
  });

  it("errors say what Alembic's commands say", () => {
    expect(() => upgradeTargets(graph, "zzzz", [])).toThrow(
      new ResolutionError("Can't locate revision identified by 'zzzz'", "zzzz"),
    );
    expect(() => upgradeTargets(graph, "zz", [])).toThrow(
      "Can't locate revision identified by 'zz'; please ensure at least four characters are present for partial revision identifier matches",
    );
    const m = new RevisionMap([s("ab01"), s("ab02", "ab01"), s("ab03", "ab01"), s("ab04", "ab01")]);
    expect(() => upgradeTargets(m, "ab", [])).toThrow(AmbiguousRevision);
    expect(() => upgradeTargets(m, "ab", [])).toThrow(
      "Multiple revisions start with 'ab': 'ab01', 'ab02', 'ab03'...",
    );
    expect(() => upgradeTargets(graph, "head", [])).toThrow(MultipleHeads);
    expect(() => upgradeTargets(graph, "head", [])).toThrow(
      "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
    );
  });
});

describe("stamp", () => {
  it("moves a head on the target's lineage by one UPDATE, merges several, inserts a new branch", () => {
    expect(stampSteps(graph, ["aaaa1111"], ["cccc3333"])).toEqual([
      {
        from: ["aaaa1111"],
        to: ["cccc3333"],
        changes: [{ kind: "update", from: "aaaa1111", to: "cccc3333" }],
      },
    ]);
    expect(stampSteps(graph, ["mmmm6666"], ["bbbb2222"]).flatMap((st) => st.changes)).toEqual([
      { kind: "update", from: "mmmm6666", to: "bbbb2222" },
    ]);
    expect(stampSteps(graph, ["cccc3333", "eeee5555"], ["mmmm6666"]).flatMap((st) => st.changes)).toEqual([
      { kind: "delete", rev: "cccc3333" },
      { kind: "update", from: "eeee5555", to: "mmmm6666" },
    ]);
    // y is on another branch (it only depends on b): m is a new row beside it
    expect(stampSteps(graph, ["yyyy8888"], ["mmmm6666"]).flatMap((st) => st.changes)).toEqual([
      { kind: "insert", rev: "mmmm6666" },
    ]);
    expect(stampSteps(graph, [], ["mmmm6666", "yyyy8888"]).flatMap((st) => st.changes)).toEqual([
      { kind: "insert", rev: "mmmm6666" },
      { kind: "insert", rev: "yyyy8888" },
    ]);
    expect(stampSteps(graph, ["mmmm6666"], ["mmmm6666"])).toEqual([]);
    expect(stampSteps(graph, ["yyyy8888", "mmmm6666"], []).flatMap((st) => st.changes)).toEqual([
      { kind: "delete", rev: "mmmm6666" },
      { kind: "delete", rev: "yyyy8888" },
    ]);
  });
});
