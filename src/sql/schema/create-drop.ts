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
import type { ForeignKeyConstraint } from "./constraints.js";
import type { Sequence } from "./defaults.js";
import { sortTablesAndConstraints } from "./metadata.js";
import type { Table } from "./table.js";

/** What creating and dropping tables needs from a connection (the engine's Connection has it). */
export interface SchemaConnection {
  readonly dialect: Dialect;
  execute(statement: ClauseElement): Promise<unknown>;
  hasTable(name: string, schema?: string | null): Promise<boolean>;
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
    if (d.supportsSequences) {
      for (const s of sequencesOf(todo)) {
        if (!s.opts.optional || !d.sequencesOptional)
          await conn.execute(new CreateSequence(s, { ifNotExists: checkfirst }));
      }
    }
    const pre = (d as { preCreateTable?: (t: Table) => ClauseElement[] }).preCreateTable;
    const created: Table[] = [];
    for (const t of todo) {
      for (const stmt of pre?.call(d, t) ?? []) await conn.execute(stmt);
      const inline = t.foreignKeyConstraints.filter((fk) => !afterFks.includes(fk));
      await conn.execute(new CreateTable(t, { includeForeignKeyConstraints: inline }));
      if (d.supportsComments && !d.inlineComments) {
        if (t.comment) await conn.execute(new SetTableComment(t));
        for (const c of t.columnList) if (c.comment) await conn.execute(new SetColumnComment(c));
      }
      for (const ix of t.indexes) await conn.execute(new CreateIndex(ix));
      created.push(t);
    }
    if (d.supportsAlter) {
      for (const fk of afterFks)
        if (fk.table && created.includes(fk.table)) await conn.execute(new AddConstraint(fk));
    }
  });
}

/**
 * DROP TABLE in reverse FK order (dropping cycle-closing foreign keys first where the database
 * has ALTER). Unnamed foreign keys in a cycle cannot be dropped: CircularDependencyError.
 */
export async function dropAll(
  bind: SchemaBind,
  tables: readonly Table[],
  opts: CreateDropOptions = {},
): Promise<void> {
  const checkfirst = opts.checkfirst ?? true;
  await onConnection(bind, async (conn) => {
    const d = conn.dialect;
    const { order, afterFks } = sortTablesAndConstraints(opts.tables ?? tables);
    const todo: Table[] = [];
    for (const t of [...order].reverse())
      if (!checkfirst || (await conn.hasTable(t.name, t.schema))) todo.push(t);
    if (d.supportsAlter) {
      const cyclic = afterFks.filter((fk) => !fk.useAlter || fk.name) as ForeignKeyConstraint[];
      const unnamed = cyclic.filter((fk) => !fk.name && fk.table && todo.includes(fk.table));
      if (unnamed.length) {
        throw new CircularDependencyError(
          `Can't sort tables for DROP; an unresolvable foreign key dependency exists between tables: ${unnamed.map((fk) => fk.table!.name).join(", ")}.  Please ensure that the ForeignKey and ForeignKeyConstraint objects involved in the cycle have names so that they can be dropped using DROP CONSTRAINT.`,
        );
      }
      for (const fk of cyclic)
        if (fk.table && todo.includes(fk.table)) await conn.execute(new DropConstraint(fk));
    }
    for (const t of todo) await conn.execute(new DropTable(t));
    const post = (d as { postDropTable?: (t: Table) => ClauseElement[] }).postDropTable;
    for (const t of todo) for (const stmt of post?.call(d, t) ?? []) await conn.execute(stmt);
    if (d.supportsSequences) {
      for (const s of sequencesOf(todo)) {
        if (!s.opts.optional || !d.sequencesOptional)
          await conn.execute(new DropSequence(s, { ifExists: checkfirst }));
      }
    }
  });
}

export { DropIndex };
