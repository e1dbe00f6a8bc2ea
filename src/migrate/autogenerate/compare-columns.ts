/**
 * Column comparison: added and dropped columns (flagging a drop + add of the same shape as a
 * possible rename) and, for columns on both sides, nullability, type, server default, comment.
 */
import type { Dialect } from "../../sql/dialect.js";
import type { Column } from "../../sql/schema/column.js";
import type { Table } from "../../sql/schema/table.js";
import { dialectFamily } from "../operations/ddl/base.js";
import { serverDefaultsDiffer } from "./compare-defaults.js";
import { identitiesDiffer } from "./compare-identity.js";
import { typesDiffer } from "./compare-types.js";
import type { AutogenOp, ColumnState } from "./ops.js";
import type { CompareOptions } from "./options.js";

/** A type as the dialect spells it, for comparison. */
export function typeSql(d: Dialect, c: Column): string {
  return d.typeCompiler.process(c.type).toUpperCase().replace(/\s+/g, " ");
}

function state(c: Column): ColumnState {
  return {
    type: c.type,
    nullable: c.nullable,
    serverDefault: c.serverDefault ?? null,
    comment: c.comment ?? null,
  };
}

/**
 * The column ops that bring `db` to `target`.
 * @example
 * compareColumns(dialect, target, reflected, opts);
 */
export function compareColumns(d: Dialect, target: Table, db: Table, opts: CompareOptions): AutogenOp[] {
  const include = (c: Column, reflected: boolean, other: Column | null) =>
    opts.includeObject?.(c, c.name, "column", reflected, other) ?? true;
  const out: AutogenOp[] = [];
  const added = target.columnList.filter((c) => !db._columnByName(c.name) && include(c, false, null));
  const dropped = db.columnList.filter((c) => !target._columnByName(c.name) && include(c, true, null));
  const schema = target.schema;
  for (const c of added) {
    const twin = dropped.find((x) => typeSql(d, x) === typeSql(d, c) && x.nullable === c.nullable);
    const possibleRename = twin ? { from: twin.name, to: c.name } : undefined;
    out.push({
      kind: "addColumn",
      table: target.name,
      schema,
      column: c,
      ...(possibleRename ? { possibleRename } : {}),
    });
  }
  for (const c of dropped) {
    const twin = added.find((x) => typeSql(d, x) === typeSql(d, c) && x.nullable === c.nullable);
    const possibleRename = twin ? { from: c.name, to: twin.name } : undefined;
    out.push({
      kind: "dropColumn",
      table: target.name,
      schema,
      column: c,
      ...(possibleRename ? { possibleRename } : {}),
    });
  }
  for (const t of target.columnList) {
    const r = db._columnByName(t.name);
    if (!r || !include(t, false, r)) continue;
    const from = state(r);
    const to = { ...from };
    let changed = false;
    if (t.nullable !== r.nullable) {
      to.nullable = t.nullable;
      changed = true;
    }
    if (opts.compareType !== false && typesDiffer(d, r, t)) {
      to.type = t.type;
      changed = true;
    }
    if (opts.compareServerDefault && serverDefaultsDiffer(d, r, t)) {
      to.serverDefault = t.serverDefault ?? null;
      changed = true;
    }
    // identities are compared whatever compareServerDefault says, as in Alembic
    if (dialectFamily(d) === "postgresql" && identitiesDiffer(t.identity, r.identity)) {
      if (r.identity) from.serverDefault = r.identity;
      to.serverDefault = t.identity ?? null;
      changed = true;
    }
    if (d.supportsComments && (t.comment ?? null) !== (r.comment ?? null)) {
      to.comment = t.comment ?? null;
      changed = true;
    }
    if (changed) out.push({ kind: "alterColumn", table: target.name, schema, column: t.name, from, to });
  }
  return out;
}
