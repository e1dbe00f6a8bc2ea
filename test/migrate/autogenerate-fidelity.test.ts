/**
 * Autogenerate fidelity on each real database: no spurious diff straight after `createAll` for
 * what Alembic does not compare (CHECK constraints) or compares by normalised text (expression
 * indexes, emulated types), and rendered revisions that rebuild what `createAll` builds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysql, postgresql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import {
  type CompareOptions,
  compareMetadata,
  renderRevision,
} from "../../src/migrate/autogenerate/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { onlineContext, type RecordingContext } from "./operations-context.js";

const cases = await dialectCases("mig_agfid");

type Body = (op: Operations, saModule: typeof sa, pg: typeof postgresql, my: typeof mysql) => Promise<void>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => Body;

/** Tables whose column types each need their own rendering (enum, array, dialect types). */
function typedMetadata(dialect: string): sa.MetaData {
  const meta = new sa.MetaData();
  const extra =
    dialect === "postgresql"
      ? [
          new sa.Column("tags", sa.ARRAY(sa.String(20))),
          new sa.Column("doc", postgresql.JSONB),
          new sa.Column("moods", sa.ARRAY(sa.Enum("sad", "ok", { name: "agf_mood" }))),
        ]
      : dialect === "mysql"
        ? [
            new sa.Column("n", mysql.INTEGER({ unsigned: true })),
            new sa.Column("at", mysql.DATETIME({ fsp: 3 })),
          ]
        : [];
  new sa.Table(
    "agf_pet",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("mood", sa.Enum("sad", "ok", { name: "agf_mood" })),
    new sa.Column("note", sa.String(20, { collation: dialect === "postgresql" ? "C" : undefined })),
    ...extra,
  );
  new sa.Table(
    "agf_pet2",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("mood", sa.Enum("sad", "ok", { name: "agf_mood" })),
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
    });
    afterAll(async () => {
      await conn.close();
      await engine.dispose();
    });

    /** Drops the metadata's tables and creates them again, as the database the tests compare. */
    async function recreate(meta: sa.MetaData): Promise<void> {
      await meta.dropAll(conn);
      await meta.createAll(conn);
      await conn.commit();
    }

    async function drop(meta: sa.MetaData): Promise<void> {
      await meta.dropAll(conn);
      await conn.commit();
    }

    /** compareMetadata restricted to the metadata's own tables. */
    function diffOwn(meta: sa.MetaData, opts: CompareOptions = {}) {
      const own = new Set(meta.tables.keys());
      return compareMetadata(ctx, meta, { ...opts, includeName: (name) => own.has(name ?? "") });
    }

    async function apply(body: string): Promise<void> {
      await new AsyncFunction("op", "sa", "postgresql", "mysql", body)(
        new Operations(ctx),
        sa,
        postgresql,
        mysql,
      );
      if (conn.inTransaction()) await conn.commit();
    }

    const typeCount = async () =>
      d.name === "postgresql"
        ? Number((await d.outside("SELECT count(*) FROM pg_type WHERE typname = 'agf_mood'"))[0][0])
        : 0;

    it("renders Enum, ARRAY and dialect types as their constructors; the revision applies, reverts (dropping the enum type) and applies again", async () => {
      const meta = typedMetadata(d.name);
      await drop(meta);
      const ops = await diffOwn(meta);
      expect(ops.map((o) => o.kind)).toEqual(["createTable", "createTable"]);
      const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
      expect(upgrade).toContain('new sa.Column("mood", sa.Enum("sad", "ok", { name: "agf_mood" }))');
      expect(upgrade).not.toContain("NamedType");
      if (d.name === "postgresql") {
        expect(upgrade).toContain('new sa.Column("tags", sa.ARRAY(sa.String(20)))');
        expect(upgrade).toContain('new sa.Column("doc", postgresql.JSONB)');
        expect(upgrade).toContain('sa.String(20, { collation: "C" })');
        // the type goes with the table that created it, which the downgrade drops last
        expect(downgrade).toContain(
          'await op.dropTable("agf_pet", new sa.Column("mood", sa.Enum("sad", "ok", { name: "agf_mood" })));',
        );
        expect(downgrade).toContain('await op.dropTable("agf_pet2");');
      }
      if (d.name === "mysql") {
        expect(upgrade).toContain("mysql.INTEGER({ unsigned: true })");
        expect(upgrade).toContain("mysql.DATETIME({ fsp: 3 })");
      }
      for (let round = 0; round < 2; round++) {
        await apply(upgrade);
        expect(await diffOwn(meta)).toEqual([]);
        expect(await typeCount()).toBe(d.name === "postgresql" ? 1 : 0);
        await apply(downgrade);
        expect(await typeCount()).toBe(0);
      }
    });

    it("a dropped table's downgrade re-creates it from reflection with the same types", async () => {
      const meta = typedMetadata(d.name);
      await recreate(meta);
      const ops = await diffOwn(meta, {}).then(async () => {
        const own = new Set(meta.tables.keys());
        return compareMetadata(ctx, new sa.MetaData(), { includeName: (n) => own.has(n ?? "") });
      });
      expect(ops.map((o) => o.kind)).toEqual(["dropTable", "dropTable"]);
      // a type another kept table still uses stays
      const keep2 = new sa.MetaData();
      new sa.Table("agf_pet2", keep2, ...[...meta.tables.get("agf_pet2")!.columnList].map((c) => c.copy()));
      const partial = await compareMetadata(ctx, keep2, {
        includeName: (n) => n === "agf_pet" || n === "agf_pet2",
      });
      expect(
        partial.map((o) => (o.kind === "dropTable" ? `${o.table.name} ${o.dropTypes ?? ""}` : o.kind)),
      ).toEqual(["agf_pet "]);
      const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
      // SQLite keeps an Enum as VARCHAR: reflection has no labels to render
      if (d.name !== "sqlite") expect(downgrade).toContain('sa.Enum("sad", "ok"');
      expect(downgrade).not.toContain("NamedType");
      await apply(upgrade);
      await apply(downgrade);
      expect(await diffOwn(meta)).toEqual([]);
      await drop(meta);
      if (d.name === "postgresql") await conn.execute(sa.text("DROP TYPE IF EXISTS agf_mood"));
      await conn.commit();
    });

    function checks(withChecks: boolean): sa.MetaData {
      const meta = new sa.MetaData();
      new sa.Table(
        "agf_item",
        meta,
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("qty", sa.Integer),
        new sa.Column("flag", sa.Boolean({ createConstraint: withChecks, name: "ck_agf_item_flag" })),
        new sa.Column("kind", sa.Enum("a", "b", { name: "agf_kind", createConstraint: withChecks })),
        ...(withChecks
          ? [
              new sa.CheckConstraint("qty > 0"),
              new sa.CheckConstraint("qty < 1000", { name: "ck_agf_item_qty_max" }),
            ]
          : []),
      );
      return meta;
    }

    it("CHECK constraints are never compared: none reported after createAll, none when removed or added", async () => {
      await recreate(checks(true));
      expect(await diffOwn(checks(true))).toEqual([]);
      // Alembic does not autogenerate CHECK changes in either direction
      expect(await diffOwn(checks(false))).toEqual([]);
      await recreate(checks(false));
      expect(await diffOwn(checks(true))).toEqual([]);
      await drop(checks(false));
    });
  });
}
