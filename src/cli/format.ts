/**
 * Text for `current`, `heads`, `branches`, `history`, `show` in Alembic's layout (its
 * `Script._head_only` / `log_entry`), used by the CLI and snapshot tests.
 */
import { readFileSync } from "node:fs";
import type { RevisionMap } from "../migrate/script/revision-map.js";
import type { Script } from "../migrate/script/script.js";
import { branchLabels } from "../migrate/script/walk-order.js";
import type { Style } from "./style.js";

/** What one line shows (Alembic's `cmd_format` arguments). */
export interface LineOptions {
  includeBranches?: boolean;
  includeDoc?: boolean;
  includeParents?: boolean;
  /** `(head)`, `(effective head)`, `(current)` only; with `treeIndicators` also branch/merge points */
  headIndicators?: boolean;
  treeIndicators?: boolean;
  /** the database's revisions, for `(current)` (history `-i`) */
  current?: ReadonlySet<string>;
}

/**
 * Formats revisions of one map; the branch labels each carries are computed once.
 * @example new RevisionText(map, style).line(map.get("ab12"), { includeDoc: true })
 */
export class RevisionText {
  private readonly labels: Map<string, string[]>;
  constructor(
    readonly map: RevisionMap,
    readonly st: Style,
  ) {
    this.labels = branchLabels(map);
  }

  private down(s: Script): string {
    return s.downRevisions.length ? s.downRevisions.join(", ") : "<base>";
  }

  /**
   * One line: `[down [(deps)] -> ]rev [(labels)] [(head)] [(branchpoint)] [(mergepoint)][, doc]`.
   * @example text.line(s, { includeParents: true, includeDoc: true }) // "<base> -> ab12 (head), init"
   */
  line(s: Script, o: LineOptions = {}): string {
    let text = this.st.rev(s.revision);
    if (o.includeParents) {
      const deps = s.dependsOn.length ? ` (${s.dependsOn.join(", ")})` : "";
      text = `${this.down(s)}${deps} -> ${text}`;
    }
    const labels = this.labels.get(s.revision) ?? [];
    if (o.includeBranches && labels.length) text += ` (${labels.join(", ")})`;
    const tree = o.treeIndicators ?? true;
    if (o.headIndicators ?? true) {
      const isHead = s.nextRevisions.size === 0;
      const realHead = isHead && s.dependents.size === 0;
      if (realHead) text += " (head)";
      if (isHead && !realHead) text += " (effective head)";
      if (o.current?.has(s.revision)) text += " (current)";
    }
    if (tree) {
      if (s.isBranchPoint) text += " (branchpoint)";
      if (s.isMergePoint) text += " (mergepoint)";
    }
    if (o.includeDoc) text += `, ${s.doc}`;
    return text;
  }

  /**
   * The verbose entry (`show`, `-v`): Rev, Parent or Merges, dependencies, branches, names,
   * path and the message, indented.
   * @example text.entry(s)
   */
  entry(s: Script, current?: ReadonlySet<string>): string {
    const flags = [
      s.nextRevisions.size === 0 ? " (head)" : "",
      s.isBranchPoint ? " (branchpoint)" : "",
      s.isMergePoint ? " (mergepoint)" : "",
      current?.has(s.revision) ? " (current)" : "",
    ].join("");
    const labels = this.labels.get(s.revision) ?? [];
    const doc = longDoc(s);
    return [
      `Rev: ${this.st.rev(s.revision)}${flags}`,
      `${s.isMergePoint ? "Merges" : "Parent"}: ${this.down(s)}`,
      ...(s.dependsOn.length ? [`Also depends on: ${s.dependsOn.join(", ")}`] : []),
      ...(s.isBranchPoint ? [`Branches into: ${[...s.nextRevisions].sort().join(", ")}`] : []),
      ...(labels.length ? [`Branch names: ${labels.join(", ")}`] : []),
      `Path: ${s.path ?? "?"}`,
      "",
      doc
        .split("\n")
        .map((p) => `    ${p}`)
        .join("\n"),
      "",
    ].join("\n");
  }

  /**
   * A branch point and its branches (Alembic's `branches`), each branch under the id.
   * @example text.branchPoint(s) // "b2 (branchpoint)\n   -> c3 (left)\n   -> d4\n"
   */
  branchPoint(s: Script, verbose = false): string {
    const pad = " ".repeat(s.revision.length);
    const head = verbose ? this.entry(s) : this.line(s, { includeBranches: true });
    const next = [...s.nextRevisions]
      .sort()
      .map(
        (id) => `${pad} -> ${this.line(this.map.get(id), { includeBranches: true, includeDoc: verbose })}`,
      );
    return `${head}\n${next.join("\n")}\n`;
  }
}

/**
 * The revision's long description, as Alembic shows its module docstring: the file's leading
 * `/** … *\/` block (message, Revision ID, Revises, Create Date), else the message.
 */
function longDoc(s: Script): string {
  let source = "";
  try {
    source = s.path ? readFileSync(s.path, "utf8") : "";
  } catch {
    // a script given as a module has no file; its message stands in
  }
  const block = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source)?.[1];
  if (block === undefined) return (s.module.message ?? "").trim();
  return block
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}
