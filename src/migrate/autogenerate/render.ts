/**
 * `renderRevision(ops)`: readable TypeScript bodies for `upgrade(op)` and its inverse
 * `downgrade(op)`. On SQLite (or with `renderAsBatch`) a table's column and constraint changes
 * are grouped into `op.batchAlterTable` blocks, which SQLite's ALTER TABLE needs.
 */
import type { Dialect } from "../../sql/dialect.js";
import { CheckConstraint, ForeignKeyConstraint, UniqueConstraint } from "../../sql/schema/constraints.js";
import { Identity } from "../../sql/schema/defaults.js";
import { constraintName, indexName } from "../../sql/schema/naming.js";
import type { Table } from "../../sql/schema/table.js";
import { hasExpressions } from "./index-expr.js";
import type { AutogenOp, ColumnState } from "./ops.js";
import { indexDialectOptions } from "./render-index-options.js";
import {
  indexElements,
  q,
  renderColumn,
  renderCreateTableArgs,
  renderDefault,
  renderObject,
  sqlOf,
} from "./render-schema.js";
import { renderType } from "./render-type.js";
import { type TypeOwners, typeColumns, typeOwners } from "./render-types-owned.js";

/** One `op.<method>(...)` call; `table` sits between `before` and `after` (left out in a batch). */
interface Call {
  method: string;
  table: string | null;
  before: string[];
  after: string[];
  /** comment lines put above the call */
  notes: string[];
}

const call = (
  method: string,
  table: string | null,
  before: string[],
  after: string[],
  notes: string[] = [],
): Call => ({
  method,
  table,
  before,
  after,
  notes,
});

function alterOpts(from: ColumnState, to: ColumnState, d: Dialect): string {
  return renderObject({
    nullable: to.nullable !== from.nullable ? String(to.nullable) : undefined,
    type: to.type !== from.type ? renderType(to.type, d) : undefined,
    serverDefault: to.serverDefault !== from.serverDefault ? renderDefault(to.serverDefault, d) : undefined,
    comment: to.comment !== from.comment ? (to.comment === null ? "null" : q(to.comment)) : undefined,
    existingType: renderType(from.type, d),
    existingNullable: String(from.nullable),
    existingServerDefault:
      from.serverDefault !== null
        ? renderDefault(from.serverDefault, d)
        : // an identity is only ADDed when the op says the column has no default now (Alembic
          // renders nothing here, and its op then SETs options of an identity that is not there)
          to.serverDefault instanceof Identity
          ? "null"
          : undefined,
    existingComment: from.comment !== null ? q(from.comment) : undefined,
  });
}

function renameNote(kind: "table" | "column", from: string, to: string, fix: string): string[] {
  return [
    `WARNING: possible rename of ${kind} ${q(from)} to ${q(to)}: this drop and add loses the data of ${q(from)}.`,
    `If it is a rename, replace both with: ${fix}`,
  ];
}

/** The schema an op's table is in (null: the default one, left unrendered). */
function schemaOf(o: AutogenOp): string | null {
  switch (o.kind) {
    case "createTable":
    case "dropTable":
      return o.table.schema ?? null;
    case "addColumn":
    case "dropColumn":
    case "alterColumn":
    case "tableComment":
      return o.schema;
    case "createIndex":
    case "dropIndex":
      return o.index.table?.schema ?? null;
    case "addConstraint":
    case "dropConstraint":
      return o.constraint.table?.schema ?? null;
    case "custom":
      return null;
  }
}

/**
 * The call with `{ schema }` in its trailing options (merged into an options object there, or
 * appended); createTable states it already, and createForeignKey names `sourceSchema`.
 */
function withSchema(c: Call, o: AutogenOp): Call {
  const schema = schemaOf(o);
  if (schema === null || c.method === "createTable" || c.method === "") return c;
  const key = c.method === "createForeignKey" ? "sourceSchema" : "schema";
  const entry = `${key}: ${q(schema)}`;
  // the options come last: after the table argument when the call has one
  const inAfter = c.table !== null || c.after.length > 0;
  const list = inAfter ? [...c.after] : [...c.before];
  const last = list[list.length - 1] ?? "";
  if (/^\{ .* \}$/s.test(last)) list[list.length - 1] = `${last.slice(0, -2)}, ${entry} }`;
  else list.push(`{ ${entry} }`);
  return inAfter ? { ...c, after: list } : { ...c, before: list };
}

/** The call for one op, in the upgrade direction. */
function forward(o: AutogenOp, d: Dialect, owned: TypeOwners = new Map()): Call {
  return withSchema(forwardCall(o, d, owned), o);
}

function forwardCall(o: AutogenOp, d: Dialect, owned: TypeOwners): Call {
  switch (o.kind) {
    case "createTable": {
      const r = o.possibleRename;
      const notes = r
        ? renameNote("table", r.from, r.to, `await op.renameTable(${q(r.from)}, ${q(r.to)});`)
        : [];
      return call("createTable", null, renderCreateTableArgs(o.table, d), [], notes);
    }
    case "dropTable": {
      const r = o.possibleRename;
      const notes = r
        ? renameNote("table", r.from, r.to, `await op.renameTable(${q(r.from)}, ${q(r.to)});`)
        : [];
      const typed = typeColumns(o.table, owned.get(o.table), d);
      return call("dropTable", null, [q(o.table.name), ...typed], [], notes);
    }
    case "addColumn":
    case "dropColumn": {
      const r = o.possibleRename;
      const fix = r
        ? `await op.alterColumn(${q(o.table)}, ${q(r.from)}, { newColumnName: ${q(r.to)} });`
        : "";
      const notes = r ? renameNote("column", r.from, r.to, fix) : [];
      const arg = o.kind === "addColumn" ? renderColumn(o.column, d) : q(o.column.name);
      return call(o.kind, o.table, [], [arg], notes);
    }
    case "alterColumn":
      return call("alterColumn", o.table, [], [q(o.column), alterOpts(o.from, o.to, d)]);
    case "createIndex": {
      const ix = o.index;
      const opts = renderObject({ unique: ix.unique ? "true" : undefined, ...indexDialectOptions(ix, d) });
      const cols = `[${indexElements(ix, d).join(", ")}]`;
      return call("createIndex", ix.table!.name, [q(indexName(ix) ?? "")], [cols, ...(opts ? [opts] : [])]);
    }
    case "dropIndex":
      return call("dropIndex", o.index.table!.name, [q(indexName(o.index) ?? "")], []);
    case "addConstraint": {
      const c = o.constraint;
      const table = c.table!.name;
      const name = q(constraintName(c) ?? "");
      if (c instanceof UniqueConstraint) {
        return call(
          "createUniqueConstraint",
          table,
          [name],
          [`[${c.columns.map((x) => q(x.name)).join(", ")}]`],
        );
      }
      if (c instanceof ForeignKeyConstraint) {
        // `schema.table` or `table`
        const parts = c.elements[0].targetTableKey.split(".");
        const target = parts[parts.length - 1] ?? "";
        const opts = renderObject({
          ondelete: c.ondelete ? q(c.ondelete) : undefined,
          onupdate: c.onupdate ? q(c.onupdate) : undefined,
          referentSchema: parts.length > 1 ? q(parts.slice(0, -1).join(".")) : undefined,
        });
        return call(
          "createForeignKey",
          table,
          [name],
          [
            q(target),
            `[${c.columns.map((x) => q(x.name)).join(", ")}]`,
            `[${c.elements.map((e) => q(e.targetColumnName)).join(", ")}]`,
            ...(opts ? [opts] : []),
          ],
        );
      }
      return call("createCheckConstraint", table, [name], [q(sqlOf((c as CheckConstraint).sqltext, d))]);
    }
    case "dropConstraint": {
      const c = o.constraint;
      const type =
        c instanceof ForeignKeyConstraint ? "foreignkey" : c instanceof CheckConstraint ? "check" : "unique";
      return call("dropConstraint", c.table!.name, [q(constraintName(c) ?? "")], [`{ type: ${q(type)} }`]);
    }
    case "custom":
      // an empty method is the inverse of a call without `reverse`: only its note is rendered
      return o.method === ""
        ? call("", null, [], [], [`TODO: undo op.${String(o.args[0])}(...) by hand (no reverse was given)`])
        : call(
            o.method,
            null,
            o.args.map((a) => JSON.stringify(a)),
            [],
          );
    case "tableComment":
      return o.to === null
        ? call("dropTableComment", o.table, [], [])
        : call("createTableComment", o.table, [], [q(o.to)]);
  }
}

/**
 * The op that undoes one op.
 * @example
 * inverse({ kind: "addColumn", … }); // { kind: "dropColumn", … }
 */
export function inverse(o: AutogenOp): AutogenOp {
  switch (o.kind) {
    case "createTable":
      return { ...o, kind: "dropTable" };
    case "dropTable":
      return { ...o, kind: "createTable" };
    case "addColumn":
      return { ...o, kind: "dropColumn" };
    case "dropColumn":
      return { ...o, kind: "addColumn" };
    case "alterColumn":
      return { ...o, from: o.to, to: o.from };
    case "createIndex":
      return { kind: "dropIndex", index: o.index };
    case "dropIndex":
      return { kind: "createIndex", index: o.index };
    case "addConstraint":
      return { kind: "dropConstraint", constraint: o.constraint };
    case "dropConstraint":
      return { kind: "addConstraint", constraint: o.constraint };
    case "tableComment":
      return { ...o, from: o.to, to: o.from };
    case "custom":
      return o.reverse
        ? {
            kind: "custom",
            method: o.reverse.method,
            args: o.reverse.args,
            reverse: { method: o.method, args: o.args },
          }
        : { kind: "custom", method: "", args: [o.method] };
  }
}

const BATCHABLE = new Set([
  "addColumn",
  "dropColumn",
  "alterColumn",
  "createIndex",
  "dropIndex",
  "createUniqueConstraint",
  "createForeignKey",
  "createCheckConstraint",
  "dropConstraint",
]);

function lines(calls: readonly Call[], asBatch: boolean): string {
  const out: string[] = [];
  const plain = (c: Call, target: string) => {
    for (const n of c.notes) out.push(`  // ${n}`);
    if (c.method === "") return;
    const args = [...c.before, ...(c.table !== null && target === "op" ? [q(c.table)] : []), ...c.after];
    out.push(`${target === "op" ? "  " : "    "}await ${target}.${c.method}(${args.join(", ")});`);
  };
  for (let i = 0; i < calls.length; ) {
    const c = calls[i];
    if (!asBatch || c.table === null || !BATCHABLE.has(c.method)) {
      plain(c, "op");
      i++;
      continue;
    }
    out.push(`  await op.batchAlterTable(${q(c.table)}, async (batch) => {`);
    while (i < calls.length && calls[i].table === c.table && BATCHABLE.has(calls[i].method)) {
      for (const n of calls[i].notes) out.push(`    // ${n}`);
      plain({ ...calls[i], notes: [] }, "batch");
      i++;
    }
    out.push("  });");
  }
  return out.length ? out.join("\n") : "  // no changes";
}

/** Options of `renderRevision`. */
export interface RenderOptions {
  /** the dialect, for types and SQL with no generic spelling */
  dialect: Dialect;
  /** group a table's changes into `op.batchAlterTable` (default: true on SQLite) */
  renderAsBatch?: boolean;
}

/**
 * The ops with each created table's expression indexes as createIndex ops right after it: inside
 * `op.createTable` an index element string is a column name (Alembic renders every index so).
 */
function withExpressionIndexes(ops: readonly AutogenOp[]): AutogenOp[] {
  const exprIndexes = (t: Table) => [...t.indexes].filter(hasExpressions);
  return ops.flatMap((o): AutogenOp[] => {
    if (o.kind === "createTable")
      return [o, ...exprIndexes(o.table).map((index) => ({ kind: "createIndex" as const, index }))];
    // so that the downgrade's createTable is followed by them too
    if (o.kind === "dropTable")
      return [...exprIndexes(o.table).map((index) => ({ kind: "dropIndex" as const, index })), o];
    return [o];
  });
}

/**
 * The `upgrade(op)` and `downgrade(op)` bodies (statements, indented two spaces) for the ops.
 * @example
 * const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
 */
export function renderRevision(
  ops: readonly AutogenOp[],
  opts: RenderOptions,
): { upgrade: string; downgrade: string } {
  const asBatch = opts.renderAsBatch ?? opts.dialect.name === "sqlite";
  const all = withExpressionIndexes(ops);
  const owned = typeOwners(all, opts.dialect);
  const up = all.map((o) => forward(o, opts.dialect, owned));
  const down = [...all].reverse().map((o) => forward(inverse(o), opts.dialect, owned));
  return { upgrade: lines(up, asBatch), downgrade: lines(down, asBatch) };
}
