/**
 * Revision arguments: `head`, `heads`, `base`, an id or unique prefix, a branch label,
 * `label@head`, `label@base`, `+N`, `-N`, `<id>+N`, `<id>-N` (Alembic's forms).
 */
import { AmbiguousRevision, MultipleHeads, ResolutionError, RevisionError } from "../errors.js";
import type { RevisionMap } from "./revision-map.js";

/**
 * An id, a branch label or a unique id prefix, to one revision id.
 * @example resolveId(map, "1975") // "1975ea83b712"
 */
export function resolveId(map: RevisionMap, arg: string): string {
  if (map.find(arg)) return arg;
  const labelled = map.byBranchLabel(arg);
  if (labelled) return labelled.revision;
  const matches = map.ids.filter((id) => id.startsWith(arg));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new AmbiguousRevision(arg, matches);
  // Alembic's command-level text, with its revision map's hint for short prefixes
  const hint =
    arg.length < 4
      ? "; please ensure at least four characters are present for partial revision identifier matches"
      : "";
  throw new ResolutionError(`Can't locate revision identified by '${arg}'${hint}`, arg);
}

/**
 * The heads on the branch of `root` (Alembic's `filter_for_lineage(heads, label)`): a revision
 * that only depends on the branch is not part of it.
 */
function branchHeads(map: RevisionMap, root: string): string[] {
  return map.heads.filter((h) => map.sharesLineage(h, root));
}

/** `label@<id>`: the id, which must be on the label's branch (Alembic's `_revision_for_ident`). */
function onBranch(map: RevisionMap, root: string, label: string, arg: string): string {
  const id = resolveId(map, arg);
  if (!map.sharesLineage(id, root)) {
    throw new ResolutionError(`Revision ${id} is not a member of branch '${label}'`, arg);
  }
  return id;
}

/**
 * Where `label@+N` starts (Alembic's `_parse_upgrade_target`): the applied revision on the
 * branch; when none is a head on it, the branch's newest applied revision; null (base) when
 * nothing of the branch is applied yet.
 */
function branchStart(map: RevisionMap, root: string, current: readonly string[]): string | null {
  let starts = current.filter((c) => map.sharesLineage(c, root));
  if (starts.length === 0) {
    const active = [...map.ancestors(current)].filter((id) => map.sharesLineage(id, root));
    const below = new Set(active.flatMap((id) => map.normalizedDown(id)));
    starts = active.filter((id) => !below.has(id));
  }
  if (starts.length > 1) throw new RevisionError("Ambiguous upgrade from multiple current revisions");
  return starts[0] ?? null;
}

function single(list: readonly string[], arg: string, what: string): string {
  if (list.length > 1) throw new MultipleHeads(list, arg);
  if (list.length === 0) throw new ResolutionError(`No ${what} for '${arg}'`, arg);
  return list[0]!;
}

/**
 * Walks `n` steps up (children) from `start` (null: base), requiring a linear path; with
 * `root`, only through revisions on its branch (Alembic's `_walk` with a branch label). `rel` is
 * the relative part of the argument (`+2`), as Alembic's message quotes it.
 */
function walkUp(map: RevisionMap, start: string | null, n: number, arg: string, root?: string): string {
  let cur = start;
  for (let i = 0; i < n; i++) {
    let next = cur === null ? map.bases : [...map.get(cur).nextRevisions].sort();
    if (root !== undefined) next = next.filter((id) => map.sharesLineage(id, root));
    if (next.length === 0)
      throw new ResolutionError(`Relative revision +${n} didn't produce ${n} migrations`, arg);
    if (next.length > 1) throw new RevisionError("Ambiguous walk");
    cur = next[0]!;
  }
  if (cur === null) throw new ResolutionError(`Relative revision ${arg} resolves to base`, arg);
  return cur;
}

/**
 * The revision `n` steps down from `start` by down revisions (null: base), as Alembic's `_walk`
 * goes: a merge point on the way (or as the start of a step) is an "Ambiguous walk".
 */
function walkDown(map: RevisionMap, start: string, n: number, arg: string): string | null {
  let cur: string | null = start;
  for (let i = 0; i < n; i++) {
    if (cur === null)
      throw new ResolutionError(`Relative revision -${n} didn't produce ${n} migrations`, arg);
    const down: readonly string[] = map.get(cur).downRevisions;
    if (down.length > 1) throw new RevisionError("Ambiguous walk");
    cur = down[0] ?? null;
  }
  return cur;
}

const RELATIVE = /^(.*?)([+-])(\d+)$/;

/** The current head when exactly one is needed (`+N`, `-N`). */
function currentOne(current: readonly string[], arg: string): string | null {
  if (current.length > 1) throw new MultipleHeads([...current], arg);
  return current[0] ?? null;
}

/**
 * The revisions an upgrade must reach (all their ancestors get applied).
 * @example upgradeTargets(map, "heads", []) // every head
 */
export function upgradeTargets(map: RevisionMap, arg: string, current: readonly string[]): string[] {
  if (arg === "heads") return map.heads;
  if (arg === "head") return [single(map.heads, arg, "head")];
  // upgrading to base is nothing to do, as in Alembic
  if (arg === "base") return [];
  const at = arg.indexOf("@");
  if (at > 0) {
    const label = arg.slice(0, at);
    const rest = arg.slice(at + 1);
    const root = resolveId(map, label);
    if (rest === "head") return [single(branchHeads(map, root), arg, "head")];
    if (rest === "heads") return branchHeads(map, root);
    const rel = /^\+(\d+)$/.exec(rest);
    if (rel) return [walkUp(map, branchStart(map, root, current), Number(rel[1]), arg, root)];
    const m = RELATIVE.exec(rest);
    if (m && m[2] === "+" && m[1] !== "") {
      return [walkUp(map, onBranch(map, root, label, m[1]!), Number(m[3]), arg, root)];
    }
    if (m) throw new ResolutionError(`Unsupported revision argument '${arg}'`, arg);
    return [onBranch(map, root, label, rest)];
  }
  const m = RELATIVE.exec(arg);
  if (m && m[2] === "+") {
    const start = m[1] === "" ? currentOne(current, arg) : resolveId(map, m[1]!);
    return [walkUp(map, start, Number(m[3]), arg)];
  }
  return [resolveId(map, arg)];
}

/**
 * What a downgrade must remove (Alembic's `_collect_downgrade_revisions`): every applied
 * revision above the destination (a revision that only depends on it stays), and whatever
 * depends on a removed one. `label@base` takes the branch's whole lineage down to base; `-N`,
 * `label@-N` and `id-N` walk N down revisions to the destination first.
 * @example downgradeRemovals(map, "base", ["b"]) // ["a", "b"] as a set
 */
export function downgradeRemovals(map: RevisionMap, arg: string, current: readonly string[]): Set<string> {
  const applied = map.ancestors(current);
  const withDependents = (gone: Iterable<string>): Set<string> => {
    const out = new Set<string>();
    for (const d of map.descendants(gone)) if (applied.has(d)) out.add(d);
    return out;
  };
  const downTo = (dest: string | null): Set<string> => {
    if (dest === null) return new Set(applied);
    if (!applied.has(dest)) {
      throw new RevisionError(`Destination ${arg} is not a valid downgrade target from current head(s)`);
    }
    return withDependents([...map.descendants([dest], false)].filter((d) => d !== dest && applied.has(d)));
  };
  // a relative walk from `start` to `dest` (null: it reached base) takes only what lies on
  // start's line down to there, not the revisions start merely depends on
  const walkedTo = (start: string, dest: string | null): Set<string> =>
    dest === null
      ? withDependents([...map.ancestors([start], false)].filter((id) => applied.has(id)))
      : downTo(dest);
  if (arg === "base") return downTo(null);
  if (arg === "head" || arg === "heads") throw new MultipleHeads([...current], arg);
  const at = arg.indexOf("@");
  if (at > 0) {
    const root = resolveId(map, arg.slice(0, at));
    const rest = arg.slice(at + 1);
    if (rest === "base") {
      const lineage = new Set([...map.ancestors([root]), ...map.descendants([root])]);
      return withDependents([...applied].filter((id) => lineage.has(id)));
    }
    const rel = /^-(\d+)$/.exec(rest);
    if (rel) {
      const inBranch = current.filter((c) => map.sharesLineage(c, root));
      const start = currentOne(inBranch, arg);
      if (start === null) return new Set();
      // only the branch's revisions go: another head above the destination stays
      const lineage = new Set([...map.ancestors([root]), ...map.descendants([root])]);
      const gone = walkedTo(start, walkDown(map, start, Number(rel[1]), arg));
      return new Set([...gone].filter((id) => lineage.has(id)));
    }
    return downTo(resolveId(map, rest));
  }
  const m = RELATIVE.exec(arg);
  if (m && m[2] === "-") {
    const start = m[1] === "" ? currentOne(current, arg) : resolveId(map, m[1]!);
    if (start === null) {
      throw new ResolutionError(`Relative revision ${arg} didn't produce ${m[3]} migrations`, arg);
    }
    return walkedTo(start, walkDown(map, start, Number(m[3]), arg));
  }
  if (m && m[2] === "+")
    throw new ResolutionError(`Downgrade target '${arg}' is above the current revision`, arg);
  return downTo(resolveId(map, arg));
}

/**
 * The starting revision of an offline `from:to` range as one id: symbolic names (`head`,
 * `heads`, `label@head`, `id+N`) resolve as Alembic's `get_revision` does, and must name exactly
 * one revision (several heads raise MultipleHeads).
 * @example resolveStart(map, "head") // the single head's id
 */
export function resolveStart(map: RevisionMap, arg: string): string {
  return single(upgradeTargets(map, arg, []), arg, "revision");
}

/** A `from:to` range (offline mode). Empty `from` or `base` means base. */
export interface RevisionRange {
  from: string | null;
  to: string;
}

/** Splits `a:b`; returns null when `arg` is not a range. @example parseRange("a:head") */
export function parseRange(arg: string): RevisionRange | null {
  const i = arg.indexOf(":");
  if (i < 0) return null;
  const from = arg.slice(0, i);
  return { from: from === "" || from === "base" ? null : from, to: arg.slice(i + 1) };
}
