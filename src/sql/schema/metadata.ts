import { CircularDependencyError, InvalidRequestError } from "../../exc.js";
import type { ForeignKeyConstraint } from "./constraints.js";
import {
  type CreateDropOptions,
  createAll as createAllImpl,
  dropAll as dropAllImpl,
  type SchemaBind,
} from "./create-drop.js";
import { tablesOnCycles } from "./dependency-cycles.js";
import { type ReflectBind, type ReflectMetaDataOptions, reflectMetaDataVia } from "./reflect-hook.js";
import type { Table } from "./table.js";

/** Naming convention templates by constraint kind (`pk`, `fk`, `uq`, `ck`, `ix`), SQLAlchemy's tokens. */
export type NamingConvention = Partial<Record<"pk" | "fk" | "uq" | "ck" | "ix", string>> &
  Record<string, string>;

/** SQLAlchemy's default: indexes are named `ix_<table>_<column>`. */
export const DEFAULT_NAMING_CONVENTION: NamingConvention = { ix: "ix_%(column_0_label)s" };

export interface MetaDataOptions {
  /** default schema for tables that give none */
  schema?: string;
  namingConvention?: NamingConvention;
}

/**
 * A collection of Tables and their relationships; creates and drops them in dependency order.
 * @example
 * const meta = new sa.MetaData({ namingConvention: { pk: "pk_%(table_name)s" } });
 */
export class MetaData {
  readonly tables = new Map<string, Table>();
  readonly schema: string | undefined;
  readonly namingConvention: NamingConvention;

  constructor(opts: MetaDataOptions = {}) {
    this.schema = opts.schema;
    this.namingConvention = opts.namingConvention ?? DEFAULT_NAMING_CONVENTION;
  }

  /** @internal registers a table */
  _addTable(table: Table, extendExisting: boolean): void {
    if (this.tables.has(table.key) && !extendExisting) {
      throw new InvalidRequestError(
        `Table '${table.key}' is already defined for this MetaData instance. Specify 'extendExisting: true' to redefine options and columns on an existing Table object.`,
      );
    }
    this.tables.set(table.key, table);
  }

  /** Removes a table from this MetaData. */
  remove(table: Table): void {
    this.tables.delete(table.key);
  }

  /** Removes every table. */
  clear(): void {
    this.tables.clear();
  }

  /**
   * Creates every table (FK order, indexes, cycle-closing FKs with ALTER), skipping existing
   * ones unless `checkfirst: false`. Bound, so `conn.runSync(meta.createAll)` works.
   * @example
   * await meta.createAll(engine); await conn.runSync(meta.createAll);
   */
  readonly createAll = (bind: SchemaBind, opts: CreateDropOptions = {}): Promise<void> =>
    createAllImpl(bind, [...this.tables.values()], opts);

  /** Drops every table in reverse FK order (existing ones only, unless `checkfirst: false`). */
  readonly dropAll = (bind: SchemaBind, opts: CreateDropOptions = {}): Promise<void> =>
    dropAllImpl(bind, [...this.tables.values()], opts);

  /**
   * Loads table definitions from the database: every table of the schema (`views: true` adds
   * views), or `only` some, with the tables their foreign keys refer to. Bound, so
   * `conn.runSync(meta.reflect)` works.
   * @example
   * await meta.reflect(conn, { only: ["users", "orders"] });
   */
  readonly reflect = (bind: ReflectBind, opts: ReflectMetaDataOptions = {}): Promise<void> =>
    reflectMetaDataVia(this, bind, opts);

  /** The tables in FK dependency order (referenced tables first), ties by name. */
  get sortedTables(): Table[] {
    return sortTables([...this.tables.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }
}

/** Dependency edges `[referred, dependent]` from foreign keys, skipping `useAlter` ones. */
function dependencies(tables: readonly Table[], skip: Set<ForeignKeyConstraint>): [Table, Table][] {
  const edges: [Table, Table][] = [];
  for (const t of tables) {
    for (const fkc of t.foreignKeyConstraints) {
      if (fkc.useAlter || skip.has(fkc)) continue;
      if (!fkc.elements.every((e) => e._resolvable())) continue;
      const referred = fkc.referred;
      if (referred !== t && tables.includes(referred)) edges.push([referred, t]);
    }
  }
  return edges;
}

function layers(edges: [Table, Table][], all: readonly Table[]): Table[] | Table[][] {
  const deps = new Map<Table, Set<Table>>();
  for (const [parent, child] of edges) {
    let s = deps.get(child);
    if (!s) deps.set(child, (s = new Set()));
    s.add(parent);
  }
  let todo = [...all];
  const todoSet = new Set(all);
  const out: Table[] = [];
  while (todoSet.size) {
    const layer = todo.filter((n) => ![...(deps.get(n) ?? [])].some((d) => todoSet.has(d)));
    if (layer.length === 0) return [todo];
    for (const n of layer) todoSet.delete(n);
    out.push(...layer);
    todo = todo.filter((n) => todoSet.has(n));
  }
  return out;
}

/**
 * Sorts tables and their FK constraints for CREATE: `[table, inlineFks]` in order, plus the FK
 * constraints that must be added afterwards with ALTER. As SQLAlchemy's
 * `sort_tables_and_constraints`: `useAlter` ones, and when the tables form a cycle, every foreign
 * key of every table on it (not only the one closing the cycle).
 */
export function sortTablesAndConstraints(tables: readonly Table[]): {
  order: Table[];
  afterFks: ForeignKeyConstraint[];
} {
  const skip = new Set<ForeignKeyConstraint>();
  let edges = dependencies(tables, skip);
  let result = layers(edges, tables);
  if (result.length && Array.isArray(result[0])) {
    for (const t of tablesOnCycles(edges, tables)) for (const fkc of t.foreignKeyConstraints) skip.add(fkc);
    edges = dependencies(tables, skip);
    result = layers(edges, tables);
    if (result.length && Array.isArray(result[0])) {
      const stuck = result[0] as Table[];
      throw new CircularDependencyError(
        `Can't sort tables; there are unresolvable cycles between tables ${stuck.map((t) => `"${t.name}"`).join(", ")}`,
      );
    }
  }
  const afterFks: ForeignKeyConstraint[] = [];
  for (const t of tables)
    for (const fkc of t.foreignKeyConstraints) if (fkc.useAlter || skip.has(fkc)) afterFks.push(fkc);
  return { order: result as Table[], afterFks };
}

/** Tables in FK dependency order (SQLAlchemy's `sort_tables`). */
export function sortTables(tables: readonly Table[]): Table[] {
  return sortTablesAndConstraints(tables).order;
}
