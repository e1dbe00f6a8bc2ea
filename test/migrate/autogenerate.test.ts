/**
 * Autogenerate on each real database: the diff finds table/column/index/constraint changes, the
 * rendered upgrade applied to the database leaves no diff, the rendered downgrade restores the
 * start, a likely rename is flagged, and the hooks filter and rewrite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { compareMetadata, renderRevision } from "../../src/migrate/autogenerate/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { onlineContext, type RecordingContext } from "./operations-context.js";

const cases = await dialectCases("mig_autogen");

type Body = (op: Operations, saModule: typeof sa) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => Body;

/** The schema the database starts with. */
function startMetadata(): sa.MetaData {
  const meta = new sa.MetaData();
  new sa.Table(
    "ag_user",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("name", sa.String(50)),
    new sa.Column("legacy", sa.Integer),
  );
  new sa.Table(
    "ag_old",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("x", sa.Text),
  );
  return meta;
}

/** The schema the code wants. */
function targetMetadata(): sa.MetaData {
  const meta = new sa.MetaData();
  new sa.Table(
    "ag_user",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("name", sa.String(100), { nullable: false }),
    new sa.Column("email", sa.String(80)),
    new sa.Index("ix_ag_user_email", "email", { unique: true }),
  );
  new sa.Table(
    "ag_post",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("user_id", sa.Integer, sa.ForeignKey("ag_user.id", { name: "fk_ag_post_user" })),
    new sa.Column("title", sa.String(200), { nullable: false }),
    new sa.UniqueConstraint("title", { name: "uq_ag_post_title" }),
  );
  return meta;
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let engine: sa.Engine;
    let conn: sa.Connection;
    let ctx: RecordingContext;

    beforeAll(async () => {
      engine = d.engine();
      conn = await engine.connect();
      ctx = onlineContext(conn);
      await startMetadata().createAll(conn);
      await conn.execute(sa.text("INSERT INTO ag_user (id, name, legacy) VALUES (1, 'ann', 3)"));
      await conn.commit();
    });
    afterAll(async () => {
      await conn.close();
      await engine.dispose();
    });

    async function apply(body: string): Promise<void> {
      await new AsyncFunction("op", "sa", body)(new Operations(ctx), sa);
      if (conn.inTransaction()) await conn.commit();
    }

    it("diffs, renders, applies its own upgrade to an empty diff, and its downgrade back", async () => {
      const ops = await compareMetadata(ctx, targetMetadata());
      const kinds = ops.map((o) => o.kind).sort();
      expect(kinds).toEqual(
        expect.arrayContaining([
          "createTable",
          "dropTable",
          "addColumn",
          "dropColumn",
          "alterColumn",
          "createIndex",
        ]),
      );
      const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
      expect(upgrade).toContain('await op.createTable("ag_post"');
      expect(upgrade).toContain("sa.String(100)");
      expect(downgrade).toContain('await op.dropTable("ag_post")');
      await apply(upgrade);
      expect(await compareMetadata(ctx, targetMetadata())).toEqual([]);
      // the data of a kept column survives
      expect(await d.outside("SELECT name FROM ag_user WHERE id = 1")).toEqual([["ann"]]);
      await apply(downgrade);
      expect(await compareMetadata(ctx, startMetadata())).toEqual([]);
    });

    it("flags a likely column rename instead of a silent drop + add", async () => {
      const meta = startMetadata();
      const m2 = new sa.MetaData();
      for (const tbl of meta.tables.values()) {
        const cols = tbl.columnList.map((c) =>
          c.name === "legacy" ? new sa.Column("legacy_n", sa.Integer) : c.copy(),
        );
        new sa.Table(tbl.name, m2, ...cols);
      }
      const ops = await compareMetadata(ctx, m2);
      expect(ops.map((o) => o.kind).sort()).toEqual(["addColumn", "dropColumn"]);
      expect(ops.every((o) => "possibleRename" in o && o.possibleRename?.from === "legacy")).toBe(true);
      const { upgrade } = renderRevision(ops, { dialect: ctx.dialect });
      expect(upgrade).toContain('WARNING: possible rename of column "legacy" to "legacy_n"');
      expect(upgrade).toContain('op.alterColumn("ag_user", "legacy", { newColumnName: "legacy_n" })');
    });

    it("includeObject filters and processRevisionDirectives rewrites", async () => {
      const ops = await compareMetadata(ctx, targetMetadata(), {
        includeObject: (_o, name, type) => !(type === "table" && name === "ag_old"),
      });
      expect(ops.some((o) => o.kind === "dropTable")).toBe(false);
      const rewritten = await compareMetadata(ctx, targetMetadata(), {
        processRevisionDirectives: (list) => list.filter((o) => o.kind === "createTable"),
      });
      expect(rewritten.map((o) => o.kind)).toEqual(["createTable"]);
    });
  });
}
