/**
 * The column order of a rebuilt table, as Alembic's ApplyBatchImpl works it out: an added column
 * is tied after the last existing column (or to `insertBefore` / `insertAfter`), and once any
 * column was added the columns are laid out by SQLAlchemy's layered topological sort over those
 * ties and the existing order. The result is Alembic's, quirks included (an added column tied to
 * a column dropped later in the batch moves up to the first layer).
 */
import { ArgumentError } from "../../../exc.js";

/** The ordering state a batch builds up, by column key (a renamed column keeps its old key). */
export interface ColumnOrdering {
  /** the existing columns still there, in table order */
  existing: string[];
  /** `[before, after]` ties of added columns */
  added: [string, string][];
}

/**
 * Records the ties of a column added to the batch (Alembic's
 * `_setup_dependencies_for_add_column`).
 * @example
 * tieAddedColumn(ordering, "email", undefined, "name");
 */
export function tieAddedColumn(
  o: ColumnOrdering,
  name: string,
  insertBefore: string | undefined,
  insertAfter: string | undefined,
): void {
  const cols = o.existing;
  const at = (n: string) => cols.indexOf(n);
  if (insertAfter !== undefined && insertBefore === undefined) {
    if (at(insertAfter) >= 0) {
      const i = at(insertAfter) + 1;
      if (i < cols.length) insertBefore = cols[i];
    } else {
      insertBefore = o.added.find(([a]) => a === insertAfter)?.[1];
    }
  }
  if (insertBefore !== undefined && insertAfter === undefined) {
    if (at(insertBefore) >= 0) {
      const i = at(insertBefore) - 1;
      if (i >= 0) insertAfter = cols[i];
    } else {
      insertAfter = o.added.find(([, b]) => b === insertBefore)?.[0];
    }
  }
  if (insertBefore !== undefined) o.added.push([name, insertBefore]);
  if (insertAfter !== undefined) o.added.push([insertAfter, name]);
  if (insertBefore === undefined && insertAfter === undefined && cols.length) {
    o.added.push([cols[cols.length - 1]!, name]);
  }
}

/**
 * The keys in their final order: unchanged without added columns, else Alembic's
 * `_adjust_self_columns_for_partial_reordering`.
 * @example
 * orderColumns(["id", "name", "x"], { existing: ["id", "name"], added: [["y", "x"]] }); // ["id", "x", "name"]
 */
export function orderColumns(keys: readonly string[], o: ColumnOrdering): string[] {
  if (!o.added.length) return [...keys];
  const pairs: [string, string][] = [];
  // Alembic pairs the current columns' positions with the existing order, as written there
  o.existing.forEach((elem, i) => {
    if (i > 0 && keys[i - 1] !== undefined) pairs.push([keys[i - 1]!, elem]);
  });
  pairs.push(...o.added);
  return layeredSort(
    pairs.filter(([a, b]) => a !== b),
    keys,
  );
}

/** SQLAlchemy's `topological.sort`: repeatedly take every node none of whose parents is left. */
function layeredSort(pairs: readonly [string, string][], items: readonly string[]): string[] {
  const parents = new Map<string, Set<string>>();
  for (const [parent, child] of pairs) {
    if (!parents.has(child)) parents.set(child, new Set());
    parents.get(child)!.add(parent);
  }
  let todo = [...items];
  const left = new Set(items);
  const out: string[] = [];
  while (left.size) {
    const layer = todo.filter((n) => ![...(parents.get(n) ?? [])].some((p) => left.has(p)));
    if (!layer.length) throw new ArgumentError(`Circular column order among: ${todo.join(", ")}`);
    for (const n of layer) left.delete(n);
    out.push(...layer);
    todo = todo.filter((n) => left.has(n));
  }
  return out;
}
