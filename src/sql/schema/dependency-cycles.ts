import type { Table } from "./table.js";

/**
 * The tables that lie on a foreign-key dependency cycle (SQLAlchemy's `find_cycles`): createAll
 * moves their foreign keys to ALTER, and a sort that cannot finish names them.
 * @example
 * tablesOnCycles([[a, b], [b, a]], [a, b, c]); // [a, b]
 */
export function tablesOnCycles(edges: readonly [Table, Table][], all: readonly Table[]): Table[] {
  const children = new Map<Table, Table[]>();
  for (const [parent, child] of edges) {
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(child);
  }
  return all.filter((start) => {
    const seen = new Set<Table>();
    const stack = [...(children.get(start) ?? [])];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === start) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(children.get(n) ?? []));
    }
    return false;
  });
}
