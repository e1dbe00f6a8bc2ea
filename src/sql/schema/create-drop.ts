import { CircularDependencyError } from "../../exc.js";
import type { ClauseElement } from "../base.js";
import {
  AddConstraint,
  CreateIndex,
  CreateSequence,
  CreateTable,
  DropConstraint,
  DropIndex,
  DropSequence,
  DropTable,
  SetColumnComment,
  SetTableComment,
} from "../ddl/ddl-elements.js";
import type { Dialect } from "../dialect.js";
import type { ForeignKeyConstraint, Index } from "./constraints.js";
import type { Sequence } from "./defaults.js";
import { tablesOnCycles } from "./dependency-cycles.js";
import { sortTablesAndConstraints } from "./metadata.js";
import { constraintName } from "./naming.js";
import type { Table } from "./table.js";

/** What creating and dropping tables needs from a connection (the engine's Connection has it). */
export interface SchemaConnection {
  readonly dialect: Dialect;
  execute(statement: ClauseElement, params?: Readonly<Record<string, unknown>>): Promise<unknown>;
  hasTable(name: string, schema?: string | null): Promise<boolean>;
}

/**
 * What a dialect's `preCreateTable` / `postDropTable` hooks get besides the table: the run's
 * `checkfirst`, a memo shared by every hook call of one `createAll`/`dropAll` (SQLAlchemy's
 * `ddl_runner.memo`, so a type used by two tables is created once), and a way to ask the
 * database whether something exists.
 */
export interface SchemaHookContext {
  readonly checkfirst: boolean;
  readonly memo: Set<string>;
  /** runs a query on the DDL connection: true when it returns a row */
  exists(statement: ClauseElement, params?: Readonly<Record<string, unknown>>): Promise<boolean>;
}

/**
 * DDL a dialect adds around each table (PostgreSQL: `CREATE TYPE … AS ENUM` before the tables
 * that use it, `DROP TYPE` after they are dropped).
 */
export interface SchemaHooks {
  preCreateTable?(
    table: Table,
    ctx: SchemaHookContext,
  ): readonly ClauseElement[] | Promise<readonly ClauseElement[]>;
  postDropTable?(
    table: Table,
    ctx: SchemaHookContext,
  ): readonly ClauseElement[] | Promise<readonly ClauseElement[]>;
}

function hookContext(conn: SchemaConnection, checkfirst: boolean): SchemaHookContext {
  return {
    checkfirst,
    memo: new Set(),
    async exists(statement, params) {
      const r = (await conn.execute(statement, params)) as { first?(): unknown } | null;
      return typeof r?.first === "function" && r.first() !== null;
    },
  };
}

/** An engine: DDL runs in `engine.begin()`. */
export interface SchemaEngine {
  begin<T>(fn: (conn: SchemaConnection) => Promise<T>): Promise<T>;
}

export type SchemaBind = SchemaConnection | SchemaEngine;

/** Options of `createAll` / `dropAll`. */
export interface CreateDropOptions {
  /** check each table's existence first and skip it (default true) */
  checkfirst?: boolean;
  /** only these tables (default: every table of the MetaData) */
  tables?: readonly Table[];
}

function onConnection<T>(bind: SchemaBind, fn: (conn: SchemaConnection) => Promise<T>): Promise<T> {
  return "execute" in bind ? fn(bind) : bind.begin(fn);
}

function sequencesOf(tables: readonly Table[]): Sequence[] {
  const out: Sequence[] = [];
  for (const t of tables)
    for (const c of t.columnList) if (c.sequence && !out.includes(c.sequence)) out.push(c.sequence);
  return out;
}

/**
 * CREATE TABLE for every table in FK order, their indexes, and (where the database has ALTER)
 * the foreign keys that close a cycle or are marked `useAlter`.
 */
export async function createAll(
  bind: SchemaBind,
  tables: readonly Table[],
  opts: CreateDropOptions = {},
): Promise<void> {
  const checkfirst = opts.checkfirst ?? true;
  await onConnection(bind, async (conn) => {
    const d = conn.dialect;
    const { order, afterFks } = sortTablesAndConstraints(opts.tables ?? tables);
    const todo: Table[] = [];
    for (const t of order) if (!checkfirst || !(await conn.hasTable(t.name, t.schema))) todo.push(t);
    const hooks = d as SchemaHooks;
    const ctx = hookContext(conn, checkfirst);
    // SQLAlchemy's MetaData-level before_create: every named type of the MetaData's tables is
    // created first, in definition order (each checked when checkfirst)
    for (const t of tables)
      for (const stmt of (await hooks.preCreateTable?.(t, ctx)) ?? []) await conn.execute(stmt);
    const created: Table[] = [];
    const sequencesDone = new Set<Sequence>();
    for (const t of todo) {
      // a column's sequence is created with its table, just before it (SchemaGenerator.visit_table)
      for (const s of sequencesOf([t])) {
        if (sequencesDone.has(s)) continue;
        sequencesDone.add(s);
        if (d.supportsSequences && (!s.opts.optional || !d.sequencesOptional))
          await conn.execute(new CreateSequence(s, { ifNotExists: checkfirst }));
      }
      // without ALTER (SQLite) every foreign key goes inline, useAlter and cycle-closing ones too
      const inline = d.supportsAlter
        ? t.foreignKeyConstraints.filter((fk) => !afterFks.includes(fk))
        : undefined;
      await conn.execute(new CreateTable(t, { includeForeignKeyConstraints: inline }));
      for (const ix of t.indexes) await conn.execute(new CreateIndex(ix));
      if (d.supportsComments && !d.inlineComments) {
        if (t.comment) await conn.execute(new SetTableComment(t));
        for (const c of t.columnList) if (c.comment) await conn.execute(new SetColumnComment(c));
      }
      created.push(t);
    }
    if (d.supportsAlter) {
      for (const fk of afterFks)
        if (fk.table && created.includes(fk.table)) await conn.execute(new AddConstraint(fk));
    }
  });
}

/** Tables in dependency order (SQLAlchemy's `sort_as_subsets`), or the tables stuck in a cycle. */
function topoSort(edges: readonly [Table, Table][], all: readonly Table[]): Table[] | { stuck: true } {
  const parents = new Map<Table, Set<Table>>();
  for (const [parent, child] of edges) {
    let s = parents.get(child);
    if (!s) parents.set(child, (s = new Set()));
    s.add(parent);
  }
  const todo = new Set(all);
  const out: Table[] = [];
  while (todo.size) {
    const layer = [...todo].filter((n) => ![...(parents.get(n) ?? [])].some((p) => todo.has(p)));
    if (layer.length === 0) return { stuck: true };
    for (const n of layer) todo.delete(n);
    out.push(...layer);
  }
  return out;
}

/**
 * SQLAlchemy's `SchemaDropper` sort: `useAlter` foreign keys are dropped first with DROP
 * CONSTRAINT; in a cycle, the named foreign keys of the tables on it are dropped first as well
 * (where the database has ALTER). A cycle left after that (unnamed foreign keys, which DROP
 * CONSTRAINT cannot name) is reported with the tables on it.
 */
function sortForDrop(
  tables: readonly Table[],
  supportsAlter: boolean,
): { order: Table[]; dropFirst: ForeignKeyConstraint[] } | { cycle: Table[] } {
  const removable = (fk: ForeignKeyConstraint) => supportsAlter && constraintName(fk) !== null;
  const dropFirst: ForeignKeyConstraint[] = [];
  const deps: { edge: [Table, Table]; fk: ForeignKeyConstraint }[] = [];
  for (const t of tables) {
    for (const fk of t.foreignKeyConstraints) {
      if (fk.useAlter) {
        dropFirst.push(fk);
        continue;
      }
      if (!fk.elements.every((e) => e._resolvable())) continue;
      const referred = fk.referred;
      if (referred !== t && tables.includes(referred)) deps.push({ edge: [referred, t], fk });
    }
  }
  let edges = deps.map((d) => d.edge);
  let sorted = topoSort(edges, tables);
  if (!Array.isArray(sorted)) {
    const onCycle = tablesOnCycles(edges, tables);
    const removed = new Set<ForeignKeyConstraint>();
    for (const t of onCycle)
      for (const fk of t.foreignKeyConstraints) if (!fk.useAlter && removable(fk)) removed.add(fk);
    dropFirst.push(...removed);
    edges = deps.filter((d) => !removed.has(d.fk)).map((d) => d.edge);
    sorted = topoSort(edges, tables);
    if (!Array.isArray(sorted)) return { cycle: tablesOnCycles(edges, tables) };
  }
  return { order: sorted, dropFirst };
}

function fullnames(tables: readonly Table[]): string {
  return tables
    .map((t) => (t.schema ? `${t.schema}.${t.name}` : t.name))
    .sort()
    .join(", ");
}

/**
 * DROP TABLE in reverse FK order, dropping `useAlter` and cycle-closing foreign keys first where
 * the database has ALTER. Unnamed foreign keys in a cycle cannot be dropped that way:
 * CircularDependencyError (a database without ALTER drops the tables unsorted, with a warning).
 */
export async function dropAll(
  bind: SchemaBind,
  tables: readonly Table[],
  opts: CreateDropOptions = {},
): Promise<void> {
  const checkfirst = opts.checkfirst ?? true;
  await onConnection(bind, async (conn) => {
    const d = conn.dialect;
    const existing: Table[] = [];
    for (const t of opts.tables ?? tables)
      if (!checkfirst || (await conn.hasTable(t.name, t.schema))) existing.push(t);
    const sorted = sortForDrop(existing, d.supportsAlter);
    let todo: Table[];
    let dropFirst: ForeignKeyConstraint[] = [];
    if ("cycle" in sorted) {
      const names = fullnames(sorted.cycle);
      if (d.supportsAlter) {
        throw new CircularDependencyError(
          `Can't sort tables for DROP; an unresolvable foreign key dependency exists between tables: ${names}.  Please ensure that the ForeignKey and ForeignKeyConstraint objects involved in the cycle have names so that they can be dropped using DROP CONSTRAINT.`,
        );
      }
      globalThis.process?.emitWarning?.(
        `Can't sort tables for DROP; an unresolvable foreign key dependency exists between tables: ${names}; and backend does not support ALTER.  To restore at least a partial sort, apply use_alter=True to ForeignKey and ForeignKeyConstraint objects involved in the cycle to mark these as known cycles that will be ignored.`,
        "SAWarning",
      );
      todo = existing;
    } else {
      todo = [...sorted.order].reverse();
      dropFirst = sorted.dropFirst;
    }
    if (d.supportsAlter) for (const fk of dropFirst) await conn.execute(new DropConstraint(fk));
    for (const t of todo) await conn.execute(new DropTable(t));
    // then the sequences, in definition order, and last (SQLAlchemy's MetaData-level after_drop)
    // the named types
    if (d.supportsSequences) {
      for (const s of sequencesOf(opts.tables ?? tables)) {
        if (!s.opts.optional || !d.sequencesOptional)
          await conn.execute(new DropSequence(s, { ifExists: checkfirst }));
      }
    }
    const hooks = d as SchemaHooks;
    const ctx = hookContext(conn, checkfirst);
    for (const t of tables)
      for (const stmt of (await hooks.postDropTable?.(t, ctx)) ?? []) await conn.execute(stmt);
  });
}

/** CREATE INDEX for one index (`Index.create`). */
export function createIndex(bind: SchemaBind, index: Index): Promise<void> {
  return onConnection(bind, async (conn) => {
    await conn.execute(new CreateIndex(index));
  });
}

/** DROP INDEX for one index (`Index.drop`). */
export function dropIndex(bind: SchemaBind, index: Index): Promise<void> {
  return onConnection(bind, async (conn) => {
    await conn.execute(new DropIndex(index));
  });
}

export { DropIndex };
