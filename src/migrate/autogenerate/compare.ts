/**
 * `compareMetadata`: the target MetaData against the reflected database, as a list of ops
 * (Alembic's `compare_metadata` / `produce_migrations`).
 */
import type { Inspector } from "../../engine/reflection/inspector.js";
import { reflectTable } from "../../engine/reflection/reflect.js";
import { MetaData, sortTables } from "../../sql/schema/metadata.js";
import type { Table } from "../../sql/schema/table.js";
import type { MigrationContextLike } from "../context-like.js";
import { compareColumns, typeSql } from "./compare-columns.js";
import { compareConstraints, compareIndexes } from "./compare-constraints.js";
import type { AutogenOp } from "./ops.js";
import type { CompareOptions } from "./options.js";
import { orphanTypes } from "./render-types-owned.js";

function shape(ctxDialect: MigrationContextLike["dialect"], t: Table): string {
  return t.columnList
    .map((c) => `${c.name} ${typeSql(ctxDialect, c)}`)
    .sort()
    .join(", ");
}

/**
 * The schemas to compare: the default one (null), and with `includeSchemas` every other schema
 * the database reports that `includeName(name, "schema", {})` lets through (Alembic's
 * `include_schemas=True`).
 */
async function schemasToCompare(insp: Inspector, opts: CompareOptions): Promise<(string | null)[]> {
  const base = opts.schema ?? null;
  if (!opts.includeSchemas) return [base];
  const skip = new Set([base, insp.defaultSchemaName]);
  const others = (await insp.getSchemaNames()).filter(
    (s) => !skip.has(s) && (opts.includeName?.(s, "schema", {}) ?? true),
  );
  return [base, ...others];
}

/**
 * Diffs the target metadata against the live database.
 * @example
 * const ops = await compareMetadata(ctx, metadata, { compareType: true });
 * const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
 */
export async function compareMetadata(
  ctx: MigrationContextLike,
  target: MetaData,
  opts: CompareOptions = {},
): Promise<AutogenOp[]> {
  const insp = await ctx.inspector();
  const ops: AutogenOp[] = [];
  for (const schema of await schemasToCompare(insp, opts))
    ops.push(...(await compareSchema(ctx, insp, target, schema, opts)));
  for (const compare of opts.comparators ?? []) ops.push(...(await compare(ctx, target)));
  return opts.processRevisionDirectives?.(ops) ?? ops;
}

/** The ops of one schema: its tables in the database against the target's tables there. */
async function compareSchema(
  ctx: MigrationContextLike,
  insp: Inspector,
  target: MetaData,
  schema: string | null,
  opts: CompareOptions,
): Promise<AutogenOp[]> {
  const versionTable = opts.versionTable ?? "alembic_version";
  const includeTable = (t: Table | null, name: string, reflected: boolean) =>
    opts.includeObject?.(t, name, "table", reflected, null) ?? true;
  const includeName = (n: string) => opts.includeName?.(n, "table", { schemaName: schema }) ?? true;
  const dbNames = (await insp.getTableNames(schema)).filter((n) => n !== versionTable && includeName(n));
  const targets = sortTables([...target.tables.values()].filter((t) => (t.schema ?? null) === schema));
  const reflected = new MetaData();
  const reflect = (name: string) => reflectTable(name, reflected, insp, { schema, resolveFks: false });

  const created = targets.filter((t) => !dbNames.includes(t.name) && includeTable(t, t.name, false));
  const droppedNames = dbNames.filter((n) => !targets.some((t) => t.name === n));
  const dropped: Table[] = [];
  for (const n of droppedNames) {
    const t = await reflect(n);
    if (includeTable(t, n, true)) dropped.push(t);
  }
  const ops: AutogenOp[] = [];
  const kept: Table[] = [];
  for (const t of created) {
    const twin = dropped.find((x) => shape(ctx.dialect, x) === shape(ctx.dialect, t));
    ops.push({
      kind: "createTable",
      table: t,
      ...(twin ? { possibleRename: { from: twin.name, to: t.name } } : {}),
    });
  }
  for (const t of targets) {
    if (!dbNames.includes(t.name) || !includeTable(t, t.name, false)) continue;
    const db = await reflect(t.name);
    kept.push(db);
    ops.push(...compareColumns(ctx.dialect, t, db, opts));
    ops.push(...compareIndexes(ctx.dialect, t, db, opts));
    ops.push(...compareConstraints(ctx.dialect, t, db, opts));
    if (ctx.dialect.supportsComments && (t.comment ?? null) !== (db.comment ?? null)) {
      ops.push({
        kind: "tableComment",
        table: t.name,
        schema,
        from: db.comment ?? null,
        to: t.comment ?? null,
      });
    }
  }
  const dropOrder = [...dropped].reverse();
  // the kept tables are the target's (every schema) and the reflected tables still compared
  const orphans = orphanTypes(dropOrder, [...target.tables.values(), ...kept]);
  for (const t of dropOrder) {
    const twin = created.find((x) => shape(ctx.dialect, x) === shape(ctx.dialect, t));
    const dropTypes = orphans.get(t);
    ops.push({
      kind: "dropTable",
      table: t,
      ...(twin ? { possibleRename: { from: t.name, to: twin.name } } : {}),
      ...(dropTypes ? { dropTypes } : {}),
    });
  }
  return ops;
}
