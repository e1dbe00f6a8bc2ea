/**
 * `includeSchemas` (Alembic's `include_schemas=True`) on PostgreSQL: tables of another schema
 * are compared too, and the rendered ops name their schema so the revision applies and reverts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import {
  type CompareOptions,
  compareMetadata,
  renderRevision,
} from "../../src/migrate/autogenerate/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { onlineContext, type RecordingContext } from "./operations-context.js";

const cases = await dialectCases("mig_agsch");
const pgCase = cases.find((c) => c.name === "postgresql");
const other = `agsch_other_${process.pid}`;

type Body = (op: Operations, saModule: typeof sa) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => Body;

function schemaMetadata(withNote = false): sa.MetaData {
  const meta = new sa.MetaData();
  new sa.Table("agsch_local", meta, new sa.Column("id", sa.Integer, { primaryKey: true }));
  new sa.Table("agsch_parent", meta, new sa.Column("id", sa.Integer, { primaryKey: true }), {
    schema: other,
  });
  new sa.Table(
    "agsch_remote",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("parent_id", sa.Integer, sa.ForeignKey(`${other}.agsch_parent.id`)),
    ...(withNote ? [new sa.Column("note", sa.String(20))] : []),
    new sa.Index("ix_agsch_remote_parent", "parent_id"),
    { schema: other },
  );
  return meta;
}

describe.skipIf(!pgCase?.available)("postgresql includeSchemas", () => {
  let engine: sa.Engine;
  let conn: sa.Connection;
  let ctx: RecordingContext;
  const d = pgCase!;

  beforeAll(async () => {
    await d.outside(`DROP SCHEMA IF EXISTS ${other} CASCADE`);
    await d.outside(`CREATE SCHEMA ${other}`);
    engine = d.engine();
    conn = await engine.connect();
    ctx = onlineContext(conn);
  });
  afterAll(async () => {
    await conn?.close();
    await engine?.dispose();
    await d.outside(`DROP SCHEMA IF EXISTS ${other} CASCADE`);
  });

  const own = new Set(["agsch_local", "agsch_parent", "agsch_remote"]);
  const opts: CompareOptions = {
    includeSchemas: true,
    includeName: (name, type) => (type === "schema" ? name === other : own.has(name ?? "")),
  };

  async function apply(body: string): Promise<void> {
    await new AsyncFunction("op", "sa", body)(new Operations(ctx), sa);
    if (conn.inTransaction()) await conn.commit();
  }

  it("compares only the default schema unless asked; with includeSchemas the revision creates, alters and drops there", async () => {
    const defaultOnly = await compareMetadata(ctx, schemaMetadata(), { includeName: opts.includeName });
    expect(defaultOnly.map((o) => (o.kind === "createTable" ? o.table.fullname : o.kind))).toEqual([
      "agsch_local",
    ]);
    const ops = await compareMetadata(ctx, schemaMetadata(), opts);
    expect(ops.map((o) => (o.kind === "createTable" ? o.table.fullname : o.kind)).sort()).toEqual([
      "agsch_local",
      `${other}.agsch_parent`,
      `${other}.agsch_remote`,
    ]);
    const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
    expect(upgrade).toContain(`{ schema: "${other}" }`);
    expect(downgrade).toContain(`await op.dropTable("agsch_remote", { schema: "${other}" });`);
    await apply(upgrade);
    expect(await compareMetadata(ctx, schemaMetadata(), opts)).toEqual([]);

    const changed = await compareMetadata(ctx, schemaMetadata(true), opts);
    expect(changed.map((o) => o.kind)).toEqual(["addColumn"]);
    const alter = renderRevision(changed, { dialect: ctx.dialect });
    expect(alter.upgrade).toContain(`new sa.Column("note", sa.String(20)), { schema: "${other}" });`);
    await apply(alter.upgrade);
    expect(await compareMetadata(ctx, schemaMetadata(true), opts)).toEqual([]);
    await apply(alter.downgrade);

    await apply(downgrade);
    expect(await d.outside(`SELECT count(*) FROM pg_tables WHERE schemaname = '${other}'`)).toEqual([["0"]]);
  });
});
