/**
 * Autogenerate on each real database: the diff finds table/column/index/constraint changes, the
 * rendered upgrade applied to the database leaves no diff, the rendered downgrade restores the
 * start, a likely rename is flagged, and the hooks filter and rewrite.
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
import { closeOnline, openOnline, type RecordingContext } from "./operations-context.js";

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
      ({ engine, conn, ctx } = await openOnline(d));
      await startMetadata().createAll(conn);
      await conn.execute(sa.text("INSERT INTO ag_user (id, name, legacy) VALUES (1, 'ann', 3)"));
      await conn.commit();
    });
    afterAll(() => closeOnline(engine, conn));

    async function apply(body: string): Promise<void> {
      if (conn.inTransaction()) await conn.commit();
      // outside a transaction, as SQLite's rebuild of a referenced table needs (see foreign-keys-off.ts)
      await ctx.autocommitBlock(() => new AsyncFunction("op", "sa", body)(new Operations(ctx), sa));
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

    /** Drops the metadata's tables and creates them again, as the database the tests compare. */
    async function recreate(meta: sa.MetaData): Promise<void> {
      await meta.dropAll(conn);
      await meta.createAll(conn);
      await conn.commit();
    }

    /** compareMetadata restricted to the metadata's own tables (the other tests' tables stay out). */
    function diffOwn(meta: sa.MetaData, opts: CompareOptions = {}) {
      const own = new Set(meta.tables.keys());
      return compareMetadata(ctx, meta, { ...opts, includeName: (name) => own.has(name ?? "") });
    }

    it("compareType: FLOAT is DOUBLE PRECISION and NUMERIC is DECIMAL; a real type change is still found", async () => {
      const typed = (ratio: sa.TypeArg) => {
        const meta = new sa.MetaData();
        new sa.Table(
          "ag_float",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("ratio", ratio),
          new sa.Column("amount", sa.Numeric(12, 3)),
        );
        return meta;
      };
      await recreate(typed(sa.Float));
      expect(await diffOwn(typed(sa.Float))).toEqual([]);
      const changed = await diffOwn(typed(sa.String(20)));
      expect(changed.map((o) => (o.kind === "alterColumn" ? o.column : o.kind))).toEqual(["ratio"]);
      await typed(sa.Float).dropAll(conn);
      await conn.commit();
    });

    it("compareType: an ENUM given another value is a type change on MySQL only, as Alembic finds it", async () => {
      const withEnum = (...values: string[]) => {
        const meta = new sa.MetaData();
        new sa.Table(
          "ag_enum",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("mood", sa.Enum(...values, { name: "ag_mood" })),
        );
        return meta;
      };
      await recreate(withEnum("a", "b"));
      expect(await diffOwn(withEnum("a", "b"))).toEqual([]);
      // order alone is no change (MySQLImpl.compare_type compares the sets)
      expect(await diffOwn(withEnum("b", "a"))).toEqual([]);
      const changed = await diffOwn(withEnum("a", "b", "c"));
      expect(changed.map((o) => (o.kind === "alterColumn" ? o.column : o.kind))).toEqual(
        d.name === "mysql" ? ["mood"] : [],
      );
      await withEnum("a", "b").dropAll(conn);
      await conn.commit();
    });

    /** Parent + child whose FKs carry the given options (one FK per option set, all named). */
    function fkMetadata(fks: readonly sa.ForeignKeyOptions[]): sa.MetaData {
      const meta = new sa.MetaData();
      new sa.Table("ag_fk_parent", meta, new sa.Column("id", sa.Integer, { primaryKey: true }));
      new sa.Table(
        "ag_fk_child",
        meta,
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        ...fks.map(
          (o, i) =>
            new sa.Column(
              `p${i}`,
              sa.Integer,
              sa.ForeignKey("ag_fk_parent.id", { name: `fk_ag_child_p${i}`, ...o }),
            ),
        ),
      );
      return meta;
    }

    it("foreign key options: unchanged ones (defaults included) give no diff on any backend", async () => {
      const fks: sa.ForeignKeyOptions[] = [
        {},
        { ondelete: "CASCADE" },
        { ondelete: "SET NULL", onupdate: "CASCADE" },
        { ondelete: "NO ACTION", onupdate: "NO ACTION" },
        { ondelete: "RESTRICT" },
        { ondelete: "cascade" },
        // MySQL has no deferrable constraints
        ...(d.name === "mysql" ? [] : [{ deferrable: true, initially: "DEFERRED" }]),
      ];
      await recreate(fkMetadata(fks));
      expect(await diffOwn(fkMetadata(fks))).toEqual([]);
      await fkMetadata(fks).dropAll(conn);
      await conn.commit();
    });

    it("foreign key options: a changed ondelete/onupdate is a drop + re-create that applies and reverts", async () => {
      const before = fkMetadata([{ ondelete: "CASCADE" }, {}]);
      const after = fkMetadata([{ ondelete: "SET NULL" }, { onupdate: "CASCADE" }]);
      await recreate(before);
      if (d.name !== "mysql") {
        const deferred = await diffOwn(fkMetadata([{ ondelete: "CASCADE" }, { deferrable: true }]));
        expect(deferred.map((o) => o.kind)).toEqual(["dropConstraint", "addConstraint"]);
      }
      const ops = await diffOwn(after);
      expect(ops.map((o) => `${o.kind} ${"constraint" in o ? o.constraint.name : ""}`)).toEqual([
        "dropConstraint fk_ag_child_p0",
        "dropConstraint fk_ag_child_p1",
        "addConstraint fk_ag_child_p0",
        "addConstraint fk_ag_child_p1",
      ]);
      const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
      expect(upgrade).toContain('ondelete: "SET NULL"');
      await apply(upgrade);
      expect(await diffOwn(after)).toEqual([]);
      await apply(downgrade);
      expect(await diffOwn(before)).toEqual([]);
      await before.dropAll(conn);
      await conn.commit();
    });

    /** Columns whose defaults each database respells (SERIAL, booleans, CURRENT_TIMESTAMP, quotes). */
    function defaultsMetadata(changed = false): sa.MetaData {
      const meta = new sa.MetaData();
      new sa.Table(
        "ag_sd",
        meta,
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("flag", sa.Boolean, {
          nullable: false,
          serverDefault: changed ? sa.false() : sa.true(),
        }),
        new sa.Column("off", sa.Boolean, { serverDefault: sa.false() }),
        new sa.Column("created", sa.DateTime, { serverDefault: sa.text("CURRENT_TIMESTAMP") }),
        new sa.Column("made", sa.DateTime, { serverDefault: sa.func.now() }),
        new sa.Column("label", sa.String(20), { serverDefault: changed ? "xyz" : "abc" }),
        new sa.Column("quoted", sa.String(20), { serverDefault: "it's" }),
        new sa.Column("qty", sa.Integer, { serverDefault: changed ? "1" : "0" }),
        new sa.Column("qty2", sa.Integer, { serverDefault: sa.text("5") }),
        new sa.Column("amount", sa.Numeric(12, 3), { serverDefault: "0" }),
      );
      new sa.Table(
        "ag_sd_identity",
        meta,
        new sa.Column("id", sa.Integer, new sa.Identity(), { primaryKey: true }),
        new sa.Column("n", sa.Integer),
      );
      return meta;
    }

    it("compareServerDefault: no false positives right after createAll (SERIAL nextval, true vs 1, current_timestamp()); real changes found", async () => {
      await recreate(defaultsMetadata());
      expect(await diffOwn(defaultsMetadata(), { compareServerDefault: true })).toEqual([]);
      const ops = await diffOwn(defaultsMetadata(true), { compareServerDefault: true });
      expect(ops.map((o) => (o.kind === "alterColumn" ? o.column : o.kind)).sort()).toEqual([
        "flag",
        "label",
        "qty",
      ]);
      await defaultsMetadata().dropAll(conn);
      await conn.commit();
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
