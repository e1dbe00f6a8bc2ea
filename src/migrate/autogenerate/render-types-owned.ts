/**
 * Which created table's downgrade drops a named PostgreSQL ENUM type. `op.createTable` creates
 * the type before the first table of the revision that uses it; the downgrade drops the tables
 * in reverse order, so the type goes with that same table, last, after every other table of the
 * revision that uses it is gone. Alembic renders a bare `op.drop_table` and leaves the type
 * behind, so that upgrading again fails on CREATE TYPE (alembic#886); here the downgrade's
 * `op.dropTable` is given the columns of those types.
 */
import { enumKey } from "../../dialects/postgresql/enum-ddl.js";
import type { Dialect } from "../../sql/dialect.js";
import type { Column } from "../../sql/schema/column.js";
import type { Table } from "../../sql/schema/table.js";
import { ARRAYType, EnumType } from "../../sql/types/sqltypes.js";
import { TypeDecorator } from "../../sql/types/type-decorator.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";
import { dialectFamily } from "../operations/ddl/base.js";
import type { AutogenOp } from "./ops.js";
import { q } from "./render-schema.js";
import { renderType } from "./render-type.js";

/** For each created table, the keys of the ENUM types its createTable creates. */
export type TypeOwners = Map<Table, Set<string>>;

/**
 * The keys of the named native ENUM types of a type (through TypeDecorator and ARRAY), as the
 * DDL hook finds them.
 * @example
 * enumKeys(sa.ARRAY(sa.Enum("a", { name: "mood" }))); // ["pg_enum:.mood"]
 */
export function enumKeys(type: TypeEngine): string[] {
  if (type instanceof EnumType) return type.nativeEnum && type.name ? [enumKey(type)] : [];
  if (type instanceof TypeDecorator) return enumKeys(type.implType);
  if (type instanceof ARRAYType) return enumKeys(type.itemType);
  return [];
}

/**
 * For each dropped table of `dropped` (in the order they are dropped), the keys of its ENUM types
 * that no table of `kept` uses and no later dropped table uses either: those it drops.
 * @example
 * orphanTypes([pet], [owner]).get(pet); // ["pg_enum:.mood"] unless owner has a mood column
 */
export function orphanTypes(dropped: readonly Table[], kept: readonly Table[]): Map<Table, string[]> {
  const used = new Set(kept.flatMap((t) => t.columnList.flatMap((c) => enumKeys(c.type))));
  const out = new Map<Table, string[]>();
  for (const t of [...dropped].reverse()) {
    const keys = [...new Set(t.columnList.flatMap((c) => enumKeys(c.type)))].filter((k) => !used.has(k));
    for (const k of keys) used.add(k);
    if (keys.length) out.set(t, keys);
  }
  return out;
}

/**
 * The first createTable of each named ENUM type in the ops, on PostgreSQL (elsewhere: none).
 * @example
 * typeOwners(ops, pgDialect).get(petTable); // Set { "pg_enum:.mood" }
 */
export function typeOwners(ops: readonly AutogenOp[], d: Dialect): TypeOwners {
  const out: TypeOwners = new Map();
  if (dialectFamily(d) !== "postgresql") return out;
  const seen = new Set<string>();
  for (const o of ops) {
    if (o.kind === "dropTable" && o.dropTypes?.length) out.set(o.table, new Set(o.dropTypes));
    if (o.kind !== "createTable") continue;
    const keys = new Set<string>();
    for (const c of o.table.columnList)
      for (const k of enumKeys(c.type)) if (!seen.has(k) && seen.add(k)) keys.add(k);
    if (keys.size) out.set(o.table, keys);
  }
  return out;
}

/**
 * `new sa.Column("mood", sa.Enum(…))` for the columns of `table` whose types are in `keys`: the
 * extra arguments of its `op.dropTable`.
 * @example
 * typeColumns(pet, new Set(["pg_enum:.mood"]), pgDialect); // ['new sa.Column("mood", sa.Enum("sad", "ok", { name: "mood" }))']
 */
export function typeColumns(table: Table, keys: Set<string> | undefined, d: Dialect): string[] {
  if (!keys?.size) return [];
  const taken = new Set<string>();
  const pick = (c: Column) => enumKeys(c.type).filter((k) => keys.has(k) && !taken.has(k) && taken.add(k));
  return table.columnList
    .filter((c) => pick(c).length > 0)
    .map((c) => `new sa.Column(${q(c.name)}, ${renderType(c.type, d)})`);
}
