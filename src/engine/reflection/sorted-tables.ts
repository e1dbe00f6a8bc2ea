/** One entry of `getSortedTableAndFkcNames`: a table and its FK names, or (last) the FKs left over. */
export type SortedTableAndFkcNames = ([string, (string | null)[]] | [null, [string, string | null][]])[];

/** Tarjan's strongly connected components: the tables that sit on a cycle together. */
function components(
  nodes: readonly string[],
  edges: ReadonlyMap<string, readonly string[]>,
): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  let counter = 0;
  let compId = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (!comp.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      for (;;) {
        const w = stack.pop()!;
        comp.set(w, compId);
        if (w === v) break;
      }
      compId++;
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return comp;
}

/**
 * SQLAlchemy's `get_sorted_table_and_fkc_names`: tables in dependency order (referred tables
 * first, otherwise in the given order) with their FK names; the FKs of cycles are taken out of
 * the ordering and listed in a final `[null, [[table, fkName], …]]` entry.
 * @example
 * sortTablesAndFks(["a", "b"], new Map([["a", []], ["b", [{ name: "fk", referredTable: "a" }]]]));
 * // [["a", []], ["b", ["fk"]], [null, []]]
 */
export function sortTablesAndFks(
  tables: readonly string[],
  fks: ReadonlyMap<string, readonly { name: string | null; referredTable: string }[]>,
): SortedTableAndFkcNames {
  const known = new Set(tables);
  const edges = new Map<string, string[]>();
  for (const t of tables) {
    for (const fk of fks.get(t) ?? []) {
      if (fk.referredTable === t || !known.has(fk.referredTable)) continue;
      const list = edges.get(fk.referredTable) ?? [];
      if (!list.includes(t)) list.push(t);
      edges.set(fk.referredTable, list);
    }
  }
  const comp = components(tables, edges);
  const remaining: [string, string | null][] = [];
  const cyclic = new Set<string>();
  for (const [from, tos] of edges) {
    for (const to of tos) {
      if (comp.get(from) !== comp.get(to)) continue;
      // an edge inside a cycle: drop it, and list the dependent table's FKs as left over
      edges.set(
        from,
        (edges.get(from) ?? []).filter((x) => x !== to),
      );
      if (!cyclic.has(to)) {
        cyclic.add(to);
        for (const fk of fks.get(to) ?? []) remaining.push([to, fk.name]);
      }
    }
  }
  // layer by layer, each in the given order, as SQLAlchemy's topological sort_as_subsets
  const parents = new Map<string, Set<string>>();
  for (const [from, tos] of edges)
    for (const to of tos) parents.set(to, (parents.get(to) ?? new Set()).add(from));
  const order: string[] = [];
  let todo = [...tables];
  while (todo.length) {
    const left = new Set(todo);
    const layer = todo.filter((t) => ![...(parents.get(t) ?? [])].some((p) => left.has(p)));
    if (!layer.length) break;
    order.push(...layer);
    todo = todo.filter((t) => !layer.includes(t));
  }
  const out: SortedTableAndFkcNames = order.map((t) => [
    t,
    (fks.get(t) ?? [])
      .map((fk) => fk.name)
      .filter((n) => !remaining.some(([rt, rn]) => rt === t && rn === n)),
  ]);
  out.push([null, remaining]);
  return out;
}
