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
    expect(() => downgradeRemovals(graph, "main@-1", ["mmmm6666", "yyyy8888"])).toThrow("Ambiguous walk");
    expect([...downgradeRemovals(graph, "other@-1", ["mmmm6666", "yyyy8888"])]).toEqual(["yyyy8888"]);
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

describe("revision arguments as Alembic 1.20 resolves them (its _upgrade_revs / _downgrade_revs)", () => {
  // a → b; b → c(left) → c5; b → d(right); e merges c5 and d → f; g(other) → h, h depends on b
  const g = new RevisionMap([
    s("aaa111"),
    s("bbb222", "aaa111"),
    s("ccc333", "bbb222", { branchLabels: ["left"] }),
    s("ddd444", "bbb222", { branchLabels: ["right"] }),
    s("ccc555", "ccc333"),
    s("eee666", ["ccc555", "ddd444"]),
    s("fff777", "eee666"),
    s("ggg888", null, { branchLabels: ["other"] }),
    s("hhh999", "ggg888", { dependsOn: ["bbb222"] }),
  ]);
  const down = (arg: string, current: string[]) => [...downgradeRemovals(g, arg, current)].sort();

  it("upgrade: base is nothing to do; a walk through a fork is ambiguous", () => {
    expect(upgradeTargets(g, "base", ["fff777"])).toEqual([]);
    expect(() => upgradeTargets(g, "+1", ["bbb222"])).toThrow("Ambiguous walk");
    expect(() => upgradeTargets(g, "+1", [])).toThrow("Ambiguous walk");
    expect(() => upgradeTargets(g, "left@+1", ["fff777"])).toThrow(
      "Relative revision +1 didn't produce 1 migrations",
    );
  });

  it("downgrade: to a destination, everything above it goes; label@base takes the lineage", () => {
    expect(down("ccc555-2", ["ccc555", "ddd444"])).toEqual(["ccc333", "ccc555", "ddd444"]);
    expect(down("left@-1", ["ccc333", "ddd444"])).toEqual(["ccc333"]);
    expect(down("right@-1", ["ccc555", "ddd444"])).toEqual(["ddd444"]);
    expect(down("-2", ["hhh999"])).toEqual(["ggg888", "hhh999"]);
    expect(down("bbb222", ["fff777", "hhh999"])).toEqual(["ccc333", "ccc555", "ddd444", "eee666", "fff777"]);
    expect(down("aaa111", ["hhh999"])).toEqual(["bbb222", "hhh999"]);
    expect(down("left@base", ["ccc555", "ddd444"])).toEqual([
      "aaa111",
      "bbb222",
      "ccc333",
      "ccc555",
      "ddd444",
    ]);
    expect(down("right@base", ["hhh999"])).toEqual(["aaa111", "bbb222", "hhh999"]);
    expect(down("other@base", ["fff777", "hhh999"])).toEqual(["ggg888", "hhh999"]);
    expect(() => down("-1", ["eee666"])).toThrow("Ambiguous walk");
    expect(() => down("fff777-2", ["fff777"])).toThrow("Ambiguous walk");
    expect(() => down("ccc333", ["aaa111"])).toThrow(
      "Destination ccc333 is not a valid downgrade target from current head(s)",
    );
    expect(() => down("-2", ["aaa111"])).toThrow("Relative revision -2 didn't produce 2 migrations");
  });
});
