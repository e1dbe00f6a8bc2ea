/**
 * What Alembic's revision map derives for display: the branch labels a revision carries
 * (its own plus those its branch passes on), the order `history` walks in, and the
 * branch heads `current` reports.
 */
import type { RevisionMap } from "./revision-map.js";

/**
 * Every revision's branch labels as Alembic's `_add_branches` spreads them: a label goes to
 * the labelled revision's descendants, and from the last one down its line until a branch or
 * merge point (in a straight history, the whole line). Sorted per revision.
 * @example branchLabels(map).get("fff777") // ["left", "right"]
 */
export function branchLabels(map: RevisionMap): Map<string, string[]> {
  const out = new Map<string, Set<string>>(map.ids.map((id) => [id, new Set<string>()]));
  for (const s of map.scripts) {
    if (!s.branchLabels.length) continue;
    let last = s.revision;
    // depth first as Alembic iterates (a stack), children by down revision only
    const seen = new Set<string>();
    const todo = [s.revision];
    while (todo.length) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(...[...map.get(id).nextRevisions].sort());
      for (const l of s.branchLabels) out.get(id)!.add(l);
      last = id;
    }
    let cur: string | undefined = last;
    while (cur !== undefined) {
      const c = map.get(cur);
      if (c.isBranchPoint || c.isMergePoint) break;
      for (const l of s.branchLabels) out.get(cur)!.add(l);
      cur = c.downRevisions[0];
    }
  }
  return new Map([...out].map(([id, set]) => [id, [...set].sort()]));
}

/**
 * `ids` newest first in the order Alembic's `_topological_sort` walks them (history, heads
 * first): down one line until another pending line still needs a revision, then that line.
 * @example walkOrder(map, map.ids) // ["fff777", "eee666", …, "aaa111"]
 */
export function walkOrder(map: RevisionMap, ids: Iterable<string>): string[] {
  const todo = new Set(ids);
  const order = map.ids;
  const rank = (id: string) => order.indexOf(id);
  const ancestors = (id: string) => map.ancestors([id]);
  const heads = [...todo].filter((id) => ![...map.descendants([id])].some((d) => d !== id && todo.has(d)));
  const current = [...new Set(heads)].sort((a, b) => rank(a) - rank(b));
  const ancestorsOf = current.map(ancestors);
  const out: string[] = [];
  let idx = 0;
  while (current.length) {
    const candidate = current[idx]!;
    const other = ancestorsOf.findIndex((anc, i) => i !== idx && anc.has(candidate));
    if (other >= 0) {
      idx = other;
      continue;
    }
    if (todo.delete(candidate)) out.push(candidate);
    const add = map.normalizedDown(candidate).filter((r) => todo.has(r) && !current.includes(r));
    if (!add.length) {
      current.splice(idx, 1);
      ancestorsOf.splice(idx, 1);
      idx = Math.max(idx - 1, 0);
    } else {
      current[idx] = add[0]!;
      ancestorsOf[idx] = ancestors(add[0]!);
      current.push(...add.slice(1));
      ancestorsOf.push(...add.slice(1).map(ancestors));
    }
  }
  return out;
}

/**
 * The revisions the database is effectively at (Alembic's `_get_all_current`): the version
 * rows plus what they depend on, reduced to the ones no other of them descends from.
 * @example allCurrent(map, ["hhh999"]) // ["hhh999", "bbb222"] when hhh999 depends on bbb222
 */
export function allCurrent(map: RevisionMap, rows: readonly string[]): string[] {
  const all = map.ancestors(rows);
  const heads = [...all].filter(
    (id) => ![...map.descendants([id], false)].some((d) => d !== id && all.has(d)),
  );
  return [...rows.filter((r) => heads.includes(r)), ...heads.filter((h) => !rows.includes(h)).sort()];
}
