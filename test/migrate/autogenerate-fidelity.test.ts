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
import { normalizeIndexExpr } from "../../src/migrate/autogenerate/index-expr.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { dialectCases } from "../engine/conformance/dialects.js";
import { closeOnline, openOnline, type RecordingContext } from "./operations-context.js";

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
          new sa.Column("ip", postgresql.INET),
          new sa.Column("seen", postgresql.TIMESTAMP({ timezone: true, precision: 3 })),
          new sa.Column("took", postgresql.INTERVAL({ fields: "DAY TO SECOND" })),
          new sa.Column("code", sa.VARCHAR(12)),
        ]
      : dialect === "mysql"
        ? [
            new sa.Column("n", mysql.INTEGER({ unsigned: true })),
            new sa.Column("at", mysql.DATETIME({ fsp: 3 })),
            new sa.Column("label", mysql.VARCHAR(30, { charset: "utf8mb4", collation: "utf8mb4_bin" })),
            new sa.Column("perms", mysql.SET("r", "w")),
            new sa.Column("price", mysql.DECIMAL({ precision: 10, scale: 2, unsigned: true })),
            new sa.Column("body", mysql.MEDIUMTEXT),
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
      ({ engine, conn, ctx } = await openOnline(d));
    });
    afterAll(() => closeOnline(engine, conn));

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
        expect(upgrade).toContain('new sa.Column("ip", postgresql.INET)');
        expect(upgrade).toContain("postgresql.TIMESTAMP({ timezone: true, precision: 3 })");
        expect(upgrade).toContain('postgresql.INTERVAL({ fields: "DAY TO SECOND" })');
        expect(upgrade).toContain("sa.VARCHAR(12)");
        // the type goes with the table that created it, which the downgrade drops last
        expect(downgrade).toContain(
          'await op.dropTable("agf_pet", new sa.Column("mood", sa.Enum("sad", "ok", { name: "agf_mood" })));',
        );
        expect(downgrade).toContain('await op.dropTable("agf_pet2");');
      }
      if (d.name === "mysql") {
        expect(upgrade).toContain("mysql.INTEGER({ unsigned: true })");
        expect(upgrade).toContain("mysql.DATETIME({ fsp: 3 })");
        expect(upgrade).toContain('mysql.VARCHAR(30, { charset: "utf8mb4", collation: "utf8mb4_bin" })');
        expect(upgrade).toContain('mysql.SET("r", "w")');
        expect(upgrade).toContain("mysql.DECIMAL({ precision: 10, scale: 2, unsigned: true })");
        expect(upgrade).toContain("mysql.MEDIUMTEXT");
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

    /** An expression index and a partial (PostgreSQL, SQLite) or prefix (MySQL) index. */
    function indexMetadata(variant: "same" | "changed" = "same"): sa.MetaData {
      const meta = new sa.MetaData();
      const t = new sa.Table(
        "agf_doc",
        meta,
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("title", sa.String(50)),
        new sa.Column("body", sa.Text),
        new sa.Column("active", sa.Boolean),
      );
      // MariaDB has no functional indexes
      if (d.name !== "mysql") new sa.Index("ix_agf_doc_lower", sa.func.lower(t.c.title));
      const changed = variant === "changed";
      if (d.name === "postgresql")
        new sa.Index("ix_agf_doc_active", t.c.title, changed ? {} : { postgresqlWhere: t.c.active });
      if (d.name === "sqlite")
        new sa.Index("ix_agf_doc_active", t.c.title, changed ? {} : { sqliteWhere: t.c.active });
      if (d.name === "mysql") new sa.Index("ix_agf_doc_body", t.c.body, { mysqlLength: changed ? 30 : 20 });
      return meta;
    }

    const indexDump = async () =>
      JSON.stringify(await (await sa.inspect(conn)).getIndexes("agf_doc"), (_k, v: unknown) => v);

    it("expression, partial and prefix indexes: no diff after createAll; rendered as separate ops that rebuild the same indexes", async () => {
      const meta = indexMetadata();
      await recreate(meta);
      expect(await diffOwn(meta)).toEqual([]);
      const built = await indexDump();
      await drop(meta);
      const ops = await diffOwn(meta);
      const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
      if (d.name !== "mysql") {
        // a separate op (in a batch block on SQLite), with the unqualified expression
        expect(upgrade).toMatch(
          /(op|batch)\.createIndex\("ix_agf_doc_lower", ("agf_doc", )?\[sa\.text\("lower\(title\)"\)\]\)/,
        );
        expect(upgrade).not.toContain('sa.Index("ix_agf_doc_lower"');
      }
      if (d.name === "postgresql") expect(upgrade).toContain('postgresqlWhere: sa.text("active")');
      if (d.name === "sqlite") expect(upgrade).toContain('sqliteWhere: sa.text("active")');
      if (d.name === "mysql") expect(upgrade).toContain("mysqlLength: 20");
      await apply(upgrade);
      expect(await diffOwn(meta)).toEqual([]);
      expect(await indexDump()).toEqual(built);
      await apply(downgrade);
      expect(await diffOwn(meta)).toHaveLength(1);
    });

    it("a partial index made full, or a changed prefix length, is a drop + create", async () => {
      await recreate(indexMetadata());
      const ops = await diffOwn(indexMetadata("changed"));
      expect(
        ops.map((o) =>
          o.kind === "createIndex" || o.kind === "dropIndex" ? `${o.kind} ${o.index.name}` : o.kind,
        ),
      ).toEqual(
        d.name === "mysql"
          ? ["dropIndex ix_agf_doc_body", "createIndex ix_agf_doc_body"]
          : ["dropIndex ix_agf_doc_active", "createIndex ix_agf_doc_active"],
      );
      await drop(indexMetadata());
    });

    function identityMetadata(identity: sa.Identity): sa.MetaData {
      const meta = new sa.MetaData();
      new sa.Table(
        "agf_idt",
        meta,
        new sa.Column("id", sa.Integer, identity, { primaryKey: true }),
        new sa.Column("n", sa.Integer),
      );
      return meta;
    }

    it("Identity options are rendered, and the migration builds what createAll builds", async () => {
      const meta = identityMetadata(new sa.Identity({ start: 10, increment: 5 }));
      await recreate(meta);
      expect(await diffOwn(meta)).toEqual([]);
      const built = JSON.stringify(await (await sa.inspect(conn)).getColumns("agf_idt"));
      await drop(meta);
      const { upgrade, downgrade } = renderRevision(await diffOwn(meta), { dialect: ctx.dialect });
      expect(upgrade).toContain(
        'new sa.Column("id", sa.Integer, new sa.Identity({ start: 10, increment: 5 }), { primaryKey: true })',
      );
      await apply(upgrade);
      expect(await diffOwn(meta)).toEqual([]);
      expect(JSON.stringify(await (await sa.inspect(conn)).getColumns("agf_idt"))).toEqual(built);
      await apply(downgrade);
    });

    it.runIf(d.name === "postgresql")(
      "PostgreSQL: a changed, added or removed identity is an alterColumn that applies and reverts",
      async () => {
        const before = identityMetadata(new sa.Identity({ start: 100 }));
        const after = identityMetadata(new sa.Identity({ always: true, start: 10 }));
        await recreate(before);
        expect(await diffOwn(before)).toEqual([]);
        const ops = await diffOwn(after);
        expect(ops.map((o) => (o.kind === "alterColumn" ? `alter ${o.column}` : o.kind))).toEqual([
          "alter id",
        ]);
        const { upgrade, downgrade } = renderRevision(ops, { dialect: ctx.dialect });
        expect(upgrade).toContain("serverDefault: new sa.Identity({ always: true, start: 10 })");
        expect(upgrade).toContain("existingServerDefault: new sa.Identity({");
        await apply(upgrade);
        expect(ctx.log).toContain(
          "ALTER TABLE agf_idt ALTER COLUMN id SET GENERATED ALWAYS SET START WITH 10",
        );
        expect(await diffOwn(after)).toEqual([]);
        await apply(downgrade);
        expect(await diffOwn(before)).toEqual([]);
        // a plain (SERIAL) key against an identity column, and back
        const plain = new sa.MetaData();
        new sa.Table(
          "agf_idt",
          plain,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("n", sa.Integer),
        );
        const dropIdentity = renderRevision(await diffOwn(plain), { dialect: ctx.dialect });
        expect(dropIdentity.upgrade).toContain("serverDefault: null");
        await apply(dropIdentity.upgrade);
        expect(ctx.log).toContain("ALTER TABLE agf_idt ALTER COLUMN id DROP IDENTITY");
        await apply(dropIdentity.downgrade);
        expect(ctx.log.at(-1)).toMatch(
          /ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY \(.*START WITH 100/,
        );
        expect(await diffOwn(before)).toEqual([]);
        await drop(before);
      },
    );

    it("Uuid({ nativeUuid: false }) (CHAR(32)) and native Uuid give no type diff after createAll; the emulated one renders as such", async () => {
      const meta = new sa.MetaData();
      new sa.Table(
        "agf_uuid",
        meta,
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("k", sa.Uuid({ nativeUuid: false })),
        new sa.Column("u", sa.Uuid),
        new sa.Column("c", sa.String(32)),
      );
      await recreate(meta);
      expect(await diffOwn(meta)).toEqual([]);
      await drop(meta);
      const { upgrade } = renderRevision(await diffOwn(meta), { dialect: ctx.dialect });
      expect(upgrade).toContain('new sa.Column("k", sa.Uuid({ nativeUuid: false }))');
      await apply(upgrade);
      expect(await diffOwn(meta)).toEqual([]);
      await drop(meta);
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

describe("normalizeIndexExpr", () => {
  it("drops quotes, table prefixes, casts and redundant parentheses as Alembic's cleanup does", () => {
    const n = (s: string) => normalizeIndexExpr(s, "t");
    expect(n("lower((title)::text)")).toBe("lower(title)");
    expect(n('lower("t"."title")')).toBe("lower(title)");
    expect(n("(lower(title))")).toBe("lower(title)");
    expect(n("CAST(x AS VARCHAR(10))")).toBe("x");
    expect(n("(a + b) * c")).toBe("(a+b)*c");
    expect(n("coalesce(a, b)")).not.toBe(n("coalesce(b, a)"));
  });
});
