/**
 * Identity comparison on PostgreSQL (Alembic's `_compare_identity_default`): a column that gains
 * or loses its identity, or whose `always` or stated options differ from the database's.
 */
import type { Identity, IdentityColumnOptions } from "../../sql/schema/defaults.js";

const OPTIONS: readonly (keyof IdentityColumnOptions)[] = [
  "start",
  "increment",
  "minvalue",
  "maxvalue",
  "cycle",
  "cache",
];

/**
 * Whether the metadata's identity differs from the reflected one. Options the metadata leaves
 * out are the database's to choose (a reflected identity states all of them), so only the
 * stated ones count; `always` absent is BY DEFAULT.
 * @example
 * identitiesDiffer(new sa.Identity({ start: 10 }), reflectedStartingAt100); // true
 */
export function identitiesDiffer(target: Identity | undefined, reflected: Identity | undefined): boolean {
  if (!target || !reflected) return Boolean(target) !== Boolean(reflected);
  const t = target.opts;
  const r = reflected.opts;
  if (Boolean(t.always) !== Boolean(r.always)) return true;
  return OPTIONS.some((k) => t[k] !== undefined && t[k] !== r[k]);
}
