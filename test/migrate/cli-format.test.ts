/**
 * `heads`, `branches`, `history`, `current` text on a branched, merged graph with labels and a
 * dependency, against Alembic 1.20's output for the same graph (its set-ordered parts sorted).
 */
import { describe, expect, it } from "vitest";
import { RevisionText } from "../../src/cli/format.js";
import { styleFor } from "../../src/cli/style.js";
import { RevisionMap, Script } from "../../src/migrate/index.js";
import { allCurrent, walkOrder } from "../../src/migrate/script/walk-order.js";

const s = (revision: string, downRevision: string | string[] | null, message: string, extra: object = {}) =>
  Script.fromModule({ revision, downRevision, message, ...extra });

// a → b; b → c(left) → c5; b → d(right); e merges c5 and d → f; g(other) → h, h depends on b
const map = new RevisionMap([
  s("aaa111", null, "init"),
  s("bbb222", "aaa111", "second"),
  s("ccc333", "bbb222", "left one", { branchLabels: ["left"] }),
  s("ccc555", "ccc333", "left two"),
  s("ddd444", "bbb222", "right one", { branchLabels: ["right"] }),
  s("eee666", ["ccc555", "ddd444"], "merge lr"),
  s("fff777", "eee666", "after merge"),
  s("ggg888", null, "other base", { branchLabels: ["other"] }),
  s("hhh999", "ggg888", "other two", { dependsOn: ["bbb222"] }),
]);
const text = new RevisionText(map, styleFor({}));

describe("revision listings as Alembic writes them", () => {
  it("history: heads first in Alembic's walk, labels carried down the branch, dependencies shown", () => {
    const lines = walkOrder(map, map.ids).map((id) =>
      text.line(map.get(id), { includeBranches: true, includeDoc: true, includeParents: true }),
    );
    expect(lines).toEqual([
      "eee666 -> fff777 (left, right) (head), after merge",
      "ccc555, ddd444 -> eee666 (left, right) (mergepoint), merge lr",
      "ccc333 -> ccc555 (left), left two",
      "bbb222 -> ccc333 (left), left one",
      "ggg888 (bbb222) -> hhh999 (other) (head), other two",
      "<base> -> ggg888 (other), other base",
      "bbb222 -> ddd444 (right), right one",
      "aaa111 -> bbb222 (branchpoint), second",
      "<base> -> aaa111, init",
    ]);
  });

  it("heads with their branch names; branches under their branch point; current with tree marks", () => {
    expect(
      map.heads.map((h) => text.line(map.get(h), { includeBranches: true, treeIndicators: false })),
    ).toEqual(["fff777 (left, right) (head)", "hhh999 (other) (head)"]);
    expect(text.branchPoint(map.get("bbb222"))).toBe(
      "bbb222 (branchpoint)\n       -> ccc333 (left)\n       -> ddd444 (right)\n",
    );
    // hhh999 depends on bbb222, which therefore counts as applied: Alembic's get_all_current
    expect(allCurrent(map, ["hhh999"]).map((id) => text.line(map.get(id)))).toEqual([
      "hhh999 (head)",
      "bbb222 (branchpoint)",
    ]);
    expect(text.line(map.get("eee666"))).toBe("eee666 (mergepoint)");
  });
});
