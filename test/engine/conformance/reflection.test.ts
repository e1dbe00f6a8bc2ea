/**
 * Reflection round trips on every real database (issue 5): a schema exercising every type, single
 * and composite keys, FKs with options, UNIQUE and CHECK constraints, plain / unique / partial /
 * expression indexes, comments and server defaults is created, reflected into a second MetaData,
 * re-created from that in a fresh database (a second SQLite file, a second PostgreSQL schema),
 * and reflected again: both reflections must be identical. Awkward names reflect exactly, and a
 * missing table raises NoSuchTableError naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresql } from "../../../src/dialects/index.js";
import { inspect, reflectMetadata, reflectTable } from "../../../src/engine/reflection/index.js";
import * as sa from "../../../src/index.js";
import { reflectMetaDataVia, reflectTableVia } from "../../../src/sql/schema/reflect-hook.js";
import { dialectCases } from "./dialects.js";
import { dropOwnSchema, ensureEnum, freshTarget, snapshot } from "./reflection-helpers.js";

const cases = await dialectCases("reflect");
const MOOD = ["sad", "ok", "happy"] as const;

/** What the database can take beyond the portable schema. */
interface Abilities {
  /** PostgreSQL: arrays, JSONB, INTERVAL, IDENTITY */
  pg: boolean;
  /** DEFERRABLE foreign keys (MySQL/MariaDB have none: InnoDB checks every statement) */
  deferrable: boolean;
  /** indexes on expressions (MariaDB has no functional key parts; MySQL from 8.0.13) */
  expressionIndexes: boolean;
}

/** parent / child / grandchild: every portable type, and PostgreSQL's own where `pg`. */
function buildSchema(meta: sa.MetaData, { pg, deferrable, expressionIndexes }: Abilities): void {
  const pgOnly = pg
    ? [
        new sa.Column("tags", sa.ARRAY(sa.String(20))),
        new sa.Column("nums", sa.ARRAY(sa.Integer)),
        new sa.Column("doc", postgresql.JSONB),
        new sa.Column("span", sa.Interval),
        new sa.Column("serial_no", sa.BigInteger, new sa.Identity({ start: 10, increment: 5 })),
      ]
    : [];
  const parent = new sa.Table(
    "parent",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("name", sa.String(50), { nullable: false, comment: "the name" }),
    new sa.Column("code", sa.String(10), { serverDefault: "abc" }),
    new sa.Column("qty", sa.Integer, new sa.CheckConstraint("qty > 0"), { serverDefault: sa.text("1") }),
    new sa.Column("double_qty", sa.Integer, new sa.Computed("qty * 2", { persisted: true })),
    new sa.Column("small", sa.SmallInteger),
    new sa.Column("big", sa.BigInteger),
    new sa.Column("price", sa.Numeric(10, 2)),
    new sa.Column("ratio", sa.Float),
    new sa.Column("precise", sa.Double),
    new sa.Column("flag", sa.Boolean),
    new sa.Column("body", sa.Text),
    new sa.Column("born", sa.Date),
    new sa.Column("seen", sa.DateTime),
    new sa.Column("seen_tz", sa.DateTime({ timezone: true })),
    new sa.Column("at", sa.Time),
    new sa.Column("data", sa.JSON),
    new sa.Column("blob", sa.LargeBinary),
    new sa.Column("uid", sa.Uuid),
    new sa.Column("mood", sa.Enum(...MOOD, { name: "rt_mood" })),
    new sa.Column("created", sa.DateTime, { serverDefault: sa.text("CURRENT_TIMESTAMP") }),
    new sa.Column(
      "parent_id",
      sa.Integer,
      sa.ForeignKey("parent.id", { name: "fk_parent_self", ondelete: "SET NULL" }),
    ),
    ...pgOnly,
    new sa.UniqueConstraint("name", "code", { name: "uq_parent_name_code" }),
    new sa.CheckConstraint("price >= 0", { name: "ck_parent_price" }),
    new sa.Index("ix_parent_code", "code"),
    new sa.Index("uix_parent_big", "big", { unique: true }),
    new sa.Index("ix_parent_partial", "qty", {
      sqliteWhere: sa.text("qty > 10"),
      postgresqlWhere: sa.text("qty > 10"),
    }),
    { comment: "parents" },
  );
  if (expressionIndexes) new sa.Index("ix_parent_lower_name", sa.func.lower(parent.c.name));
  new sa.Table(
    "child",
    meta,
    new sa.Column("a", sa.Integer, { primaryKey: true, autoincrement: false }),
    new sa.Column("b", sa.String(10), { primaryKey: true }),
    new sa.Column("parent_id", sa.Integer, { nullable: false }),
    new sa.ForeignKeyConstraint(["parent_id"], ["parent.id"], {
      name: "fk_child_parent",
      ondelete: "CASCADE",
      onupdate: "CASCADE",
      ...(deferrable ? { deferrable: true, initially: "DEFERRED" } : {}),
    }),
  );
  new sa.Table(
    "grandchild",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("ca", sa.Integer),
    new sa.Column("cb", sa.String(10)),
    new sa.Column("note", sa.String(20), { unique: true }),
    new sa.Column("tag", sa.String(20), { index: true }),
    new sa.ForeignKeyConstraint(["ca", "cb"], ["child.a", "child.b"], { name: "fk_grandchild_child" }),
  );
}

/** Reserved words, quotes, spaces, mixed case and unicode in every kind of name. */
function buildAwkward(meta: sa.MetaData, my: boolean): void {
  const sel = new sa.Table(
    "select",
    meta,
    new sa.Column("from", sa.Integer, { primaryKey: true }),
    new sa.Column('Mixed "Quote" Col', sa.String(10)),
    new sa.Column("ünï cødé", sa.Integer),
    new sa.Column("with space", sa.Integer),
    new sa.UniqueConstraint('Mixed "Quote" Col', { name: 'uq "quoted" name' }),
    // MySQL quotes identifiers with backticks ("…" is a string there)
    new sa.CheckConstraint(my ? "`with space` > 0" : '"with space" > 0', { name: "CK Mixed Case" }),
    new sa.Index("ix ünï", "ünï cødé"),
  );
  new sa.Table(
    "Mixed Case Täble",
    meta,
    new sa.Column("Id", sa.Integer),
    new sa.Column("order", sa.Integer),
    new sa.PrimaryKeyConstraint("Id", { name: "PK Mixed" }),
    new sa.ForeignKeyConstraint(["order"], [sel.c.from], { name: "FK to select" }),
  );
}

for (const d of cases) {
  describe.skipIf(!d.available)(`reflection round trip on ${d.name}`, () => {
    const pg = d.name === "postgresql";
    const my = d.name === "mysql";
    let engine: sa.Engine;
    let abilities: Abilities;

    beforeAll(async () => {
      engine = d.engine();
      // the first connection tells MariaDB from MySQL
      const mariadb =
        my && (await engine.connect(async (c) => (c.dialect as { isMariadb?: boolean }).isMariadb));
      abilities = { pg, deferrable: !my, expressionIndexes: !mariadb };
      const meta = new sa.MetaData();
      buildSchema(meta, abilities);
      buildAwkward(meta, my);
      await engine.begin(async (conn) => {
        if (pg) await ensureEnum(conn, "rt_mood", MOOD);
        await meta.createAll(conn);
      });
    });
    afterAll(async () => {
      // this file's PostgreSQL schema holds an enum type: leave nothing behind
      if (pg) await dropOwnSchema(engine);
      await engine.dispose();
    });

    it("createAll → reflect → createAll elsewhere → reflect gives the same reflection", async () => {
      const first = await engine.connect(async (conn) => snapshot(await inspect(conn)));
      const meta2 = new sa.MetaData();
      await engine.connect((conn) => reflectMetadata(meta2, conn));
      expect([...meta2.tables.keys()].sort()).toEqual(Object.keys(first).sort());

      const target = await freshTarget(d, engine, "copy");
      try {
        await target.engine.begin(async (conn) => {
          if (pg) await ensureEnum(conn, "rt_mood", MOOD);
          await meta2.createAll(conn);
        });
        const second = await target.engine.connect(async (conn) => snapshot(await inspect(conn)));
        expect(second).toEqual(first);
      } finally {
        await target.drop();
      }
    });

    it("a reflected table lists its constraints as SQLAlchemy's does: primary key, foreign keys, then unique and CHECK", async () => {
      const defined = new sa.MetaData();
      const t = new sa.Table(
        "cons_order",
        defined,
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("u", sa.Integer),
        new sa.Column("parent", sa.Integer),
        new sa.UniqueConstraint("u", { name: "uq_cons_order_u" }),
        new sa.CheckConstraint("u > 0", { name: "ck_cons_order_u" }),
        new sa.ForeignKeyConstraint(["parent"], ["cons_order.id"], { name: "fk_cons_order_parent" }),
      );
      await engine.begin((conn) => t.create(conn));
      try {
        const reflected = await engine.connect((conn) => reflectTable("cons_order", new sa.MetaData(), conn));
        const sql = new sa.CreateTable(reflected).compile({ dialect: engine.dialect }).string;
        const at = (s: string) => sql.indexOf(s);
        expect(at("fk_cons_order_parent")).toBeGreaterThan(at("PRIMARY KEY"));
        // on MySQL the unique constraint is a unique index, created after the table
        if (!my) expect(at("uq_cons_order_u")).toBeGreaterThan(at("fk_cons_order_parent"));
        expect(at("ck_cons_order_u")).toBeGreaterThan(at("fk_cons_order_parent"));
      } finally {
        await engine.begin((conn) => t.drop(conn));
      }
    });

    it("the reflection carries every feature of the schema", async () => {
      const insp = await inspect(engine);
      const cols = await insp.getColumns("parent");
      const col = (n: string) => cols.find((c) => c.name === n)!;
      expect(col("id")).toMatchObject({ nullable: false, autoincrement: true });
      expect(col("name").type).toBeInstanceOf(sa.StringType);
      expect((col("name").type as sa.StringType).length).toBe(50);
      expect(col("price").type).toMatchObject({ precision: 10, scale: 2 });
      expect(col("code").default).toMatch(/^'abc'/);
      expect(col("double_qty").computed).toMatchObject({ persisted: true });
      // MySQL quotes the column in its rendering: `qty` * 2
      expect(col("double_qty").computed!.sqltext).toMatch(/qty`? \* 2/);
      expect(await insp.getPkConstraint("child")).toMatchObject({ constrainedColumns: ["a", "b"] });
      expect(await insp.getForeignKeys("child")).toEqual([
        {
          name: "fk_child_parent",
          constrainedColumns: ["parent_id"],
          referredSchema: null,
          referredTable: "parent",
          referredColumns: ["id"],
          options: {
            ondelete: "CASCADE",
            onupdate: "CASCADE",
            ...(abilities.deferrable ? { deferrable: true, initially: "DEFERRED" } : {}),
          },
          // SQLAlchemy's PostgreSQL entries carry the constraint's comment, null without one
          ...(pg ? { comment: null } : {}),
        },
      ]);
      expect((await insp.getForeignKeys("grandchild"))[0]).toMatchObject({
        constrainedColumns: ["ca", "cb"],
        referredColumns: ["a", "b"],
      });
      if (my) {
        // MySQL cannot tell a UNIQUE constraint from a unique index: both are unique keys, each
        // reported as a constraint that duplicates its index (SQLAlchemy's duplicates_index)
        expect(await insp.getUniqueConstraints("parent")).toEqual([
          { name: "uix_parent_big", columnNames: ["big"], duplicatesIndex: "uix_parent_big" },
          {
            name: "uq_parent_name_code",
            columnNames: ["name", "code"],
            duplicatesIndex: "uq_parent_name_code",
          },
        ]);
      } else {
        expect(await insp.getUniqueConstraints("parent")).toEqual([
          {
            name: "uq_parent_name_code",
            columnNames: ["name", "code"],
            ...(pg
              ? {
                  comment: null,
                  dialectOptions: { postgresqlInclude: [], postgresqlNullsNotDistinct: false },
                }
              : {}),
          },
        ]);
      }
      const checks = await insp.getCheckConstraints("parent");
      // PostgreSQL and MySQL give their own rendering of the expression back; MariaDB names a
      // column's CHECK after the column
      expect(checks.map((c) => c.sqltext)).toEqual(
        pg
          ? ["price >= 0::numeric", "qty > 0"]
          : my
            ? ["`price` >= 0", "`qty` > 0"]
            : ["price >= 0", "qty > 0"],
      );
      expect(checks.map((c) => c.name)).toEqual([
        "ck_parent_price",
        pg ? "parent_qty_check" : my ? expect.stringMatching(/^(qty|parent_chk_1)$/) : null,
      ]);
      const ixs = await insp.getIndexes("parent");
      const ix = (n: string) => ixs.find((i) => i.name === n)!;
      expect(ix("ix_parent_code")).toMatchObject({ columnNames: ["code"], unique: false });
      expect(ix("uix_parent_big")).toMatchObject({ columnNames: ["big"], unique: true });
      if (my) {
        // MySQL lacks partial indexes: the index is a plain one
        expect(ix("ix_parent_partial")).toMatchObject({ columnNames: ["qty"], dialectOptions: {} });
      } else {
        const where = ix("ix_parent_partial").dialectOptions[pg ? "postgresqlWhere" : "sqliteWhere"];
        expect(where).toMatch(/qty > 10/);
      }
      if (abilities.expressionIndexes) {
        expect(ix("ix_parent_lower_name").columnNames).toEqual([null]);
        expect(ix("ix_parent_lower_name").expressions![0]).toMatch(/^lower\(/);
      }
      // the index MySQL made for the foreign key is marked as that key's
      if (my) expect(ix("fk_parent_self")).toMatchObject({ duplicatesConstraint: "fk_parent_self" });
      expect((await insp.getTableComment("parent")).text).toBe(pg || my ? "parents" : null);
      expect(col("name").comment).toBe(pg || my ? "the name" : null);
    });

    it("names with quotes, spaces, reserved words, mixed case and unicode reflect exactly", async () => {
      const insp = await inspect(engine);
      expect(await insp.getTableNames()).toEqual(expect.arrayContaining(["select", "Mixed Case Täble"]));
      expect((await insp.getColumns("select")).map((c) => c.name)).toEqual([
        "from",
        'Mixed "Quote" Col',
        "ünï cødé",
        "with space",
      ]);
      expect(await insp.getUniqueConstraints("select")).toEqual([
        {
          name: 'uq "quoted" name',
          columnNames: ['Mixed "Quote" Col'],
          ...(my ? { duplicatesIndex: 'uq "quoted" name' } : {}),
          ...(pg
            ? { comment: null, dialectOptions: { postgresqlInclude: [], postgresqlNullsNotDistinct: false } }
            : {}),
        },
      ]);
      expect(await insp.getCheckConstraints("select")).toEqual([
        {
          name: "CK Mixed Case",
          sqltext: my ? "`with space` > 0" : '"with space" > 0',
          ...(pg ? { comment: null } : {}),
        },
      ]);
      // PostgreSQL also lists the index behind the UNIQUE constraint, marked as its duplicate;
      // on MySQL the constraint is that unique index
      const indexes = (await insp.getIndexes("select")).filter((i) => !i.duplicatesConstraint);
      expect(indexes.map((i) => [i.name, i.columnNames])).toEqual([
        ["ix ünï", ["ünï cødé"]],
        ...(my ? [['uq "quoted" name', ['Mixed "Quote" Col']]] : []),
      ]);
      // MySQL's primary key is always named PRIMARY: it reflects without a name, as in SQLAlchemy
      expect(await insp.getPkConstraint("Mixed Case Täble")).toEqual({
        constrainedColumns: ["Id"],
        name: my ? null : "PK Mixed",
        ...(pg ? { comment: null, dialectOptions: { postgresqlInclude: [] } } : {}),
      });
      expect(await insp.getForeignKeys("Mixed Case Täble")).toEqual([
        {
          name: "FK to select",
          constrainedColumns: ["order"],
          referredSchema: null,
          referredTable: "select",
          referredColumns: ["from"],
          options: {},
          ...(pg ? { comment: null } : {}),
        },
      ]);
      const meta = new sa.MetaData();
      const t = await engine.connect((conn) => reflectTable("Mixed Case Täble", meta, conn));
      expect(t.name).toBe("Mixed Case Täble");
      expect([...meta.tables.keys()].sort()).toEqual(["Mixed Case Täble", "select"]);
      expect(t.primaryKey.name).toBe(my ? null : "PK Mixed");
      expect(t.foreignKeys[0].column).toBe(meta.tables.get("select")!.columnList[0]);
      expect(meta.tables.get("select")!.columnList.map((c) => c.name)).toContain("ünï cødé");
    });

    it("a missing table raises NoSuchTableError naming it", async () => {
      const insp = await inspect(engine);
      for (const call of [
        () => insp.getColumns("no such table"),
        () => insp.getPkConstraint("no such table"),
        () => insp.getForeignKeys("no such table"),
        () => insp.getIndexes("no such table"),
        () => insp.getUniqueConstraints("no such table"),
        () => insp.getCheckConstraints("no such table"),
        () => insp.getTableComment("no such table"),
        () => insp.getViewDefinition("no such table"),
      ]) {
        await expect(call()).rejects.toThrow(sa.exc.NoSuchTableError);
        await expect(call()).rejects.toThrow("no such table");
      }
      const meta = new sa.MetaData();
      await expect(engine.connect((conn) => reflectTable("no such table", meta, conn))).rejects.toThrow(
        new sa.exc.NoSuchTableError("no such table"),
      );
      const schema = pg ? "public" : my ? insp.defaultSchemaName! : "main";
      await expect(insp.getColumns("no such table", schema)).rejects.toThrow(`${schema}.no such table`);
      await expect(engine.connect((conn) => reflectMetadata(meta, conn, { only: ["nope"] }))).rejects.toThrow(
        /Could not reflect: requested table\(s\) not available .*\(nope\)/,
      );
      expect(meta.tables.size).toBe(0);
    });

    it("Table.reflect with includeColumns, and the MetaData / Table hooks", async () => {
      const meta = new sa.MetaData();
      const t = await engine.connect((conn) =>
        reflectTableVia("parent", meta, conn, { includeColumns: ["id", "name", "code"] }),
      );
      expect(t.columnList.map((c) => c.name)).toEqual(["id", "name", "code"]);
      expect(t.primaryKey.columns.map((c) => c.name)).toEqual(["id"]);
      // MySQL's UNIQUE constraints reflect as unique indexes (SQLAlchemy's duplicates_index)
      expect([...t.indexes].map((i) => i.name).sort()).toEqual(
        my ? ["ix_parent_code", "uq_parent_name_code"] : ["ix_parent_code"],
      );
      expect(t.foreignKeys).toEqual([]);
      const meta2 = new sa.MetaData();
      await reflectMetaDataVia(meta2, engine, { only: ["child"] });
      // the FK target comes along
      expect([...meta2.tables.keys()].sort()).toEqual(["child", "parent"]);
      expect(meta2.tables.get("child")!.foreignKeys[0].column).toBe(
        meta2.tables.get("parent")!.columnList[0],
      );
      const meta3 = new sa.MetaData();
      await reflectMetadata(meta3, engine, { only: (name) => name.startsWith("grand"), resolveFks: false });
      expect([...meta3.tables.keys()]).toEqual(["grandchild"]);
    });
  });
}
