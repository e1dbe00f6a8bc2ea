/**
 * Deterministic text for `current`, `heads`, `branches`, `history`, `show` (Alembic's layout),
 * used by the CLI and snapshot tests.
 */
import type { Script } from "../migrate/script/script.js";
import type { Style } from "./style.js";

/**
 * One `history` line: `a -> b (head), message`.
 * @example historyLine(script, true, style) // "<base> -> 1975ea83b712 (head), init"
 */
export function historyLine(s: Script, isHead: boolean, st: Style): string {
  const down = s.downRevisions.length ? s.downRevisions.join(", ") : "<base>";
  const tags = [
    ...(s.branchLabels.length ? [`(${s.branchLabels.join(", ")})`] : []),
    ...(isHead ? ["(head)"] : []),
    ...(s.isBranchPoint ? ["(branchpoint)"] : []),
    ...(s.isMergePoint ? ["(mergepoint)"] : []),
  ];
  return `${down} -> ${st.rev(s.revision)}${tags.length ? ` ${tags.join(" ")}` : ""}, ${s.doc}`;
}

/**
 * `show`: the revision's fields.
 * @example showText(script, style)
 */
export function showText(s: Script, st: Style): string {
  return [
    `Rev: ${st.rev(s.revision)}${s.nextRevisions.size === 0 ? " (head)" : ""}`,
    `Parent: ${s.downRevisions.length ? s.downRevisions.join(", ") : "<base>"}`,
    ...(s.dependsOn.length ? [`Also depends on: ${s.dependsOn.join(", ")}`] : []),
    ...(s.branchLabels.length ? [`Branch names: ${s.branchLabels.join(", ")}`] : []),
    ...(s.nextRevisions.size > 1 ? [`Branches into: ${[...s.nextRevisions].sort().join(", ")}`] : []),
    `Path: ${s.path ?? "?"}`,
    "",
    `    ${s.doc}`,
  ].join("\n");
}
