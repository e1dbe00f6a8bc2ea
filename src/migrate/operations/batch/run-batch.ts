/**
 * `op.batchAlterTable`: records the directives, then either replays them as plain ALTERs or, on
 * SQLite when one of them needs it, rebuilds the table by move-and-copy.
 */

import { reflectTable } from "../../../engine/reflection/reflect.js";
import { ArgumentError } from "../../../exc.js";
import { MetaData } from "../../../sql/schema/metadata.js";
import type { Table } from "../../../sql/schema/table.js";
import { CommandError } from "../../errors.js";
import { dialectFamily } from "../ddl/base.js";
import type { Operations } from "../operations.js";
import { applyToModel } from "./apply-to-model.js";
import { type BatchAlterTableOptions, type BatchOp, BatchOperations } from "./batch-operations.js";
import { transactionAtStart, withForeignKeysOff } from "./foreign-keys-off.js";
import { prepStatements, sequenceMoves } from "./postgresql-prep.js";
import { rebuildStatements } from "./sqlite-rebuild.js";
import { modelOf } from "./table-model.js";

/** Directives SQLite's ALTER TABLE can do without a rebuild (Alembic's `requires_recreate_in_batch`). */
const PLAIN_ON_SQLITE = new Set<BatchOp["kind"]>(["addColumn", "createIndex", "dropIndex"]);

function needsRecreate(
  op: Operations,
  ops: readonly BatchOp[],
  mode: BatchAlterTableOptions["recreate"],
): boolean {
  if (mode === "always") return true;
  if (mode === "never" || dialectFamily(op.ctx.dialect) !== "sqlite") return false;
  return ops.some((o) => !PLAIN_ON_SQLITE.has(o.kind) || (o.kind === "addColumn" && isExpressionDefault(o)));
}

/**
 * An added column SQLite cannot ALTER in: Alembic rebuilds for any SQL-construct server default
 * (`sa.text(...)`, `sa.func.now()`), and for a stored computed column.
 */
function isExpressionDefault(o: Extract<BatchOp, { kind: "addColumn" }>): boolean {
  const d = o.column.serverDefault;
  if (d !== undefined && typeof d !== "string") return true;
  const computed = o.column.computed;
  return computed?.opts.persisted === true;
}

async function replay(
  op: Operations,
  table: string,
  schema: string | null,
  ops: readonly BatchOp[],
): Promise<void> {
  const s = { schema };
  for (const o of ops) {
    switch (o.kind) {
      case "addColumn":
        if (o.opts.insertBefore !== undefined || o.opts.insertAfter !== undefined) {
          throw new CommandError(
            "Can't specify insert_before or insert_after when using ALTER; please specify recreate='always'",
          );
        }
        await op.addColumn(table, o.column, s);
        break;
      case "dropColumn":
        await op.dropColumn(table, o.name, s);
        break;
      case "alterColumn":
        await op.alterColumn(table, o.name, { ...o.opts, schema });
        break;
      case "createIndex":
        await op.createIndex(o.name, table, o.columns, { ...o.opts, schema });
        break;
      case "dropIndex":
        await op.dropIndex(o.name, table, { ...o.opts, schema });
        break;
      case "createUniqueConstraint":
        await op.createUniqueConstraint(o.name, table, o.columns, { ...o.opts, schema });
        break;
      case "createPrimaryKey":
        await op.createPrimaryKey(o.name, table, o.columns, s);
        break;
      case "createForeignKey":
        await op.createForeignKey(o.name, table, o.referent, o.localCols, o.remoteCols, {
          ...o.opts,
          sourceSchema: schema,
        });
        break;
      case "createCheckConstraint":
        await op.createCheckConstraint(o.name, table, o.condition, s);
        break;
      case "dropConstraint":
        await op.dropConstraint(o.name, table, { ...o.opts, schema });
        break;
    }
  }
}

async function sourceTable(op: Operations, table: string, opts: BatchAlterTableOptions): Promise<Table> {
  if (opts.copyFrom) return opts.copyFrom;
  const ctx = op.ctx;
  if (ctx.asSql || ctx.connection === null) {
    throw new ArgumentError(
      `batchAlterTable("${table}") rebuilds the table, which offline (--sql) cannot be reflected: pass { copyFrom: <Table> }`,
    );
  }
  const convention = opts.namingConvention;
  return reflectTable(
    table,
    new MetaData(convention ? { namingConvention: convention } : {}),
    await ctx.inspector(),
    {
      schema: opts.schema ?? null,
      // a foreign key's convention may name the table it refers to, which must then be there
      resolveFks: convention !== undefined,
    },
  );
}

/**
 * Runs one `batchAlterTable`.
 * @example
 * await runBatch(op, "t", async (b) => { await b.dropColumn("x"); }, {});
 */
export async function runBatch(
  op: Operations,
  table: string,
  fn: (batch: BatchOperations) => Promise<void>,
  opts: BatchAlterTableOptions,
): Promise<void> {
  const schema = opts.schema ?? null;
  const batch = new BatchOperations(table, schema);
  await fn(batch);
  // "always" rebuilds even an empty batch, as Alembic's flush() does (to re-create a table)
  if (!needsRecreate(op, batch.ops, opts.recreate)) return replay(op, table, schema, batch.ops);
  const start = transactionAtStart(op.ctx);
  const source = await sourceTable(op, table, opts);
  const model = modelOf(source);
  for (const o of batch.ops) applyToModel(model, o, dialectFamily(op.ctx.dialect));
  const pg = dialectFamily(op.ctx.dialect) === "postgresql";
  const stmts = rebuildStatements(
    model,
    pg
      ? { prep: prepStatements(modelOf(source), model), beforeDrop: (tmp) => sequenceMoves(model, tmp) }
      : {},
  );
  const run = async () => {
    for (const s of stmts) await op.ctx.execute(s);
  };
  if (dialectFamily(op.ctx.dialect) === "sqlite") await withForeignKeysOff(op.ctx, table, start, run);
  else await run();
}
