/**
 * The Inspector on every real database: names, existence checks, views, sequences, temporary
 * tables, dependency order, caching, and the mapping of each database's column types back to
 * alkahest types (PostgreSQL arrays, JSONB, UUID, enums, SERIAL/IDENTITY; SQLite's affinity rules
 * and its declared spellings).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresql } from "../../../src/dialects/index.js";
import { inspect, reflectMetadata } from "../../../src/engine/reflection/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";
import { dropOwnSchema } from "./reflection-helpers.js";

const cases = await dialectCases("reflect_insp");

for (const d of cases) {
  describe.skipIf(!d.available)(`Inspector on ${d.name}`, () => {
    const pg = d.name === "postgresql";
    let engine: sa.Engine;
    const run = (sql: string) => engine.begin((c) => c.execDriverSql(sql));

    beforeAll(async () => {
      engine = d.engine();
      await run("CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER)");
      await run("CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER CONSTRAINT fk_b_a REFERENCES a (id))");
      await run("CREATE TABLE c (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id))");
      await run("CREATE INDEX ix_c_b ON c (b_id)");
      await run("CREATE VIEW v_c AS SELECT id FROM c");
      if (pg) {
        await run("ALTER TABLE a ADD CONSTRAINT fk_a_b FOREIGN KEY (b_id) REFERENCES b (id)");
        await run("CREATE SEQUENCE my_seq");
      }
    });
    afterAll(async () => {
      if (pg) await dropOwnSchema(engine);
      await engine.dispose();
    });

    it("lists tables, views, schemas and sequences, and answers has*", async () => {
      const insp = await inspect(engine);
      expect(insp.defaultSchemaName).toBe(pg ? `conf_reflect_insp_${process.pid}` : "main");
      expect(await insp.getTableNames()).toEqual(expect.arrayContaining(["a", "b", "c"]));
      expect(await insp.getTableNames()).not.toContain("v_c");
      expect(await insp.getViewNames()).toEqual(["v_c"]);
      expect(await insp.getViewDefinition("v_c")).toMatch(/SELECT\s+(c\.)?id\s+FROM c/i);
      expect(await insp.hasTable("a")).toBe(true);
      expect(await insp.hasTable("v_c")).toBe(true);
      expect(await insp.hasTable("zz")).toBe(false);
      expect(await insp.hasIndex("c", "ix_c_b")).toBe(true);
      expect(await insp.hasIndex("c", "ix_nope")).toBe(false);
      expect(await insp.hasSchema(insp.defaultSchemaName!)).toBe(true);
      expect(await insp.hasSchema("no_such_schema")).toBe(false);
      expect(await insp.getSchemaNames()).toContain(insp.defaultSchemaName);
      expect(await insp.hasSequence("my_seq")).toBe(pg);
      expect(await insp.getSequenceNames()).toEqual(pg ? ["my_seq"] : []);
      expect((await insp.getColumns("v_c")).map((c) => c.name)).toEqual(["id"]);
    });

    it("reflects views as tables with views: true", async () => {
      const meta = new sa.MetaData();
      await reflectMetadata(meta, engine, { views: true, only: ["v_c"] });
      expect(meta.tables.get("v_c")!.columnList.map((c) => c.name)).toEqual(["id"]);
      await expect(reflectMetadata(new sa.MetaData(), engine, { only: ["v_c"] })).rejects.toThrow(
        sa.exc.InvalidRequestError,
      );
    });

    it("orders tables by dependency, setting cycle FKs aside", async () => {
      const insp = await inspect(engine);
      const sorted = (await insp.getSortedTableAndFkcNames()).filter(
        ([t]) => t === null || "abc".includes(t),
      );
      if (pg) {
        // a and b refer to each other: their FKs leave the ordering
        expect(sorted.map(([t]) => t)).toEqual(["a", "b", "c", null]);
        expect(sorted.at(-1)![1]).toEqual(
          expect.arrayContaining([
            ["a", "fk_a_b"],
            ["b", "fk_b_a"],
          ]),
        );
      } else {
        expect(sorted).toEqual([
          ["a", []],
          ["b", ["fk_b_a"]],
          ["c", [null]],
          [null, []],
        ]);
      }
    });

    it("caches per inspector until clearCache(), and gives an engine's connection back", async () => {
      let out = 0;
      sa.event.listen(engine, "checkout", () => {
        out++;
      });
      sa.event.listen(engine, "checkin", () => {
        out--;
      });
      const insp = await inspect(engine);
      const before = await insp.getTableNames();
      await run("CREATE TABLE late (id INTEGER)");
      expect(await insp.getTableNames()).toBe(before);
      insp.clearCache();
      expect(await insp.getTableNames()).toContain("late");
      await Promise.all([insp.getColumns("a"), insp.getColumns("b"), insp.getIndexes("c")]);
      expect(out).toBe(0);
    });

    it("sees this connection's temporary tables", async () => {
      await engine.connect(async (conn) => {
        await conn.execDriverSql("CREATE TEMPORARY TABLE tmp_x (id INTEGER, name VARCHAR(10))");
        const insp = await inspect(conn);
        expect(await insp.getTempTableNames()).toContain("tmp_x");
        expect((await insp.getColumns("tmp_x")).map((c) => c.name)).toEqual(["id", "name"]);
        expect(await insp.getTableNames()).not.toContain("tmp_x");
      });
    });

    if (pg)
      it("maps PostgreSQL types back: arrays, JSONB, UUID, enums, SERIAL, IDENTITY …", async () => {
        await run("CREATE TYPE \"RtMood\" AS ENUM ('sad', 'ok', 'happy')");
        await run(`CREATE TABLE pgtypes (
        id SERIAL PRIMARY KEY, big BIGSERIAL, ident INT GENERATED ALWAYS AS IDENTITY (START 3 INCREMENT 2),
        tags TEXT[], grid INTEGER[][], doc JSONB, j JSON, u UUID, m "RtMood", ms "RtMood"[],
        ts TIMESTAMP, tstz TIMESTAMPTZ, ts3 TIMESTAMP(3), n NUMERIC(12, 3), v VARCHAR(40), t TEXT,
        b BYTEA, flag BOOLEAN, dp DOUBLE PRECISION, r REAL, c CHAR(3), i INTERVAL, ip INET, tm TIME)`);
        const cols = await (await inspect(engine)).getColumns("pgtypes");
        const col = (n: string) => cols.find((c) => c.name === n)!;
        const ddl = (n: string) => engine.dialect.typeCompiler.process(col(n).type);
        expect(col("id")).toMatchObject({
          autoincrement: true,
          nullable: false,
          default: "nextval('pgtypes_id_seq'::regclass)",
        });
        expect(col("id").type).toBeInstanceOf(sa.IntegerType);
        expect(col("big")).toMatchObject({ autoincrement: true });
        expect(col("big").type).toBeInstanceOf(sa.BigIntegerType);
        expect(col("ident")).toMatchObject({ autoincrement: true, default: null });
        expect(col("ident").identity).toMatchObject({
          always: true,
          start: 3,
          increment: 2,
          maxvalue: 2147483647,
        });
        expect(col("tags").type).toBeInstanceOf(sa.ARRAYType);
        expect((col("tags").type as sa.ARRAYType).itemType).toBeInstanceOf(sa.TextType);
        expect((col("grid").type as sa.ARRAYType).itemType).toBeInstanceOf(sa.IntegerType);
        expect(col("doc").type).toBeInstanceOf(postgresql.JSONBType);
        expect(col("j").type).toBeInstanceOf(sa.JSONType);
        expect(col("u").type).toBeInstanceOf(sa.UuidType);
        expect(col("m").type).toMatchObject({ enums: ["sad", "ok", "happy"], name: "RtMood" });
        expect(col("m").type).toBeInstanceOf(sa.EnumType);
        expect((col("ms").type as sa.ARRAYType).itemType).toMatchObject({ enums: ["sad", "ok", "happy"] });
        expect(col("ts").type).toMatchObject({ timezone: false });
        expect(col("tstz").type).toMatchObject({ timezone: true });
        expect(col("ts").type).toBeInstanceOf(sa.DateTimeType);
        expect(ddl("ts3")).toBe("timestamp(3) without time zone");
        expect(col("n").type).toMatchObject({ precision: 12, scale: 3 });
        expect(col("v").type).toMatchObject({ length: 40 });
        expect(col("t").type).toBeInstanceOf(sa.TextType);
        expect(col("b").type).toBeInstanceOf(sa.LargeBinaryType);
        expect(col("flag").type).toBeInstanceOf(sa.BooleanType);
        expect(col("dp").type).toBeInstanceOf(sa.DoubleType);
        expect(col("r").type).toBeInstanceOf(sa.FloatType);
        expect(ddl("r")).toBe("REAL");
        expect(col("c").type).toMatchObject({ length: 3 });
        expect(ddl("c")).toBe("character(3)");
        expect(col("i").type).toBeInstanceOf(sa.IntervalType);
        expect(ddl("ip")).toBe("inet");
        expect(col("tm").type).toBeInstanceOf(sa.TimeType);
      });

    if (pg)
      it("with an explicit schema, FKs and SERIAL defaults name it", async () => {
        const insp = await inspect(engine);
        const schema = insp.defaultSchemaName!;
        expect((await insp.getForeignKeys("b", schema))[0]).toMatchObject({
          referredSchema: schema,
          referredTable: "a",
        });
        expect((await insp.getForeignKeys("b"))[0]).toMatchObject({ referredSchema: null });
        await run("CREATE TABLE ser (id SERIAL PRIMARY KEY)");
        insp.clearCache();
        expect((await insp.getColumns("ser", schema))[0].default).toBe(
          `nextval('"${schema}".ser_id_seq'::regclass)`,
        );
        const meta = new sa.MetaData();
        await reflectMetadata(meta, engine, { schema, only: ["c"] });
        expect([...meta.tables.keys()].sort()).toEqual([`${schema}.a`, `${schema}.b`, `${schema}.c`]);
      });

    if (!pg)
      it("maps SQLite declared types by name and affinity, keeping their spelling", async () => {
        await run(`CREATE TABLE affinity (a MEDIUMINT, b NVARCHAR(10), c CLOB, d DOUBLE PRECISION,
        e FLOATING POINT, f STRING, g BLOB, h, i DECIMAL(10, 2), j varchar(30), k NUMERIC(5,1), l BOOLEAN,
        m DATETIME, n DATE, o TIME, p JSON, q BIGINT, r INT, s TEXT, t REAL, u TIMESTAMP, w CHAR(32))`);
        const cols = await (await inspect(engine)).getColumns("affinity");
        const type = (n: string) => cols.find((c) => c.name === n)!.type;
        const expected: [string, abstract new (...args: never[]) => sa.TypeEngine, object?][] = [
          ["a", sa.IntegerType],
          ["b", sa.StringType, { length: 10 }],
          ["c", sa.TextType],
          ["d", sa.DoubleType],
          // SQLite's documented rule: "FLOATING POINT" contains INT, so it has INTEGER affinity
          ["e", sa.IntegerType],
          ["f", sa.NumericType],
          ["g", sa.LargeBinaryType],
          ["h", sa.NullType],
          ["i", sa.NumericType, { precision: 10, scale: 2 }],
          ["j", sa.StringType, { length: 30 }],
          ["k", sa.NumericType, { precision: 5, scale: 1 }],
          ["l", sa.BooleanType],
          ["m", sa.DateTimeType],
          ["n", sa.DateType],
          ["o", sa.TimeType],
          ["p", sa.JSONType],
          ["q", sa.BigIntegerType],
          ["r", sa.IntegerType],
          ["s", sa.TextType],
          ["t", sa.FloatType],
          ["u", sa.DateTimeType],
          ["w", sa.StringType, { length: 32 }],
        ];
        for (const [name, cls, props] of expected) {
          expect(type(name), name).toBeInstanceOf(cls);
          if (props) expect(type(name), name).toMatchObject(props);
        }
        const meta = new sa.MetaData();
        await reflectMetadata(meta, engine, { only: ["affinity"] });
        const ddl = new sa.CreateTable(meta.tables.get("affinity")!).compile({
          dialect: engine.dialect,
        }).string;
        for (const spelled of [
          "a MEDIUMINT,",
          "b NVARCHAR(10),",
          "e FLOATING POINT,",
          "f STRING,",
          "\th ,",
          "j VARCHAR(30),",
        ])
          expect(ddl).toContain(spelled);
      });

    if (!pg)
      it("reads SQLite constraint names, options and quoting from the stored DDL", async () => {
        await run(`CREATE TABLE [br acket] (
        "id" INTEGER CONSTRAINT "pk id" PRIMARY KEY AUTOINCREMENT, -- a comment, with a comma
        \`back tick\` TEXT CONSTRAINT uq_bt UNIQUE /* block, comment */ CONSTRAINT ck_bt CHECK (length(\`back tick\`) < 5),
        ref INTEGER CONSTRAINT "fk ref" REFERENCES a ON DELETE SET NULL NOT DEFERRABLE,
        x INTEGER GENERATED ALWAYS AS (id + 1) STORED,
        CONSTRAINT 'ck (tricky), one' CHECK (id <> 'a)b,c')
      )`);
        await run("CREATE TABLE norowid (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID, STRICT");
        const insp = await inspect(engine);
        expect(await insp.getPkConstraint("br acket")).toEqual({ constrainedColumns: ["id"], name: "pk id" });
        expect(await insp.getUniqueConstraints("br acket")).toEqual([
          { name: "uq_bt", columnNames: ["back tick"] },
        ]);
        expect(await insp.getCheckConstraints("br acket")).toEqual([
          { name: "ck (tricky), one", sqltext: "id <> 'a)b,c'" },
          { name: "ck_bt", sqltext: "length(`back tick`) < 5" },
        ]);
        expect(await insp.getForeignKeys("br acket")).toEqual([
          {
            name: "fk ref",
            constrainedColumns: ["ref"],
            referredSchema: null,
            referredTable: "a",
            referredColumns: ["id"],
            options: { ondelete: "SET NULL", deferrable: false },
          },
        ]);
        const cols = await insp.getColumns("br acket");
        expect(cols.find((c) => c.name === "x")!.computed).toEqual({ sqltext: "id + 1", persisted: true });
        expect(cols[0]).toMatchObject({ name: "id", autoincrement: true });
        expect(await insp.getTableOptions("br acket")).toEqual({ sqliteAutoincrement: true });
        expect(await insp.getTableOptions("norowid")).toEqual({ sqliteWithRowid: false, sqliteStrict: true });
        expect((await insp.getColumns("norowid"))[0].autoincrement).toBe(false);
        const meta = new sa.MetaData();
        await reflectMetadata(meta, engine, { only: ["br acket", "norowid"] });
        const ddl = (t: string) =>
          new sa.CreateTable(meta.tables.get(t)!).compile({ dialect: engine.dialect }).string;
        expect(ddl("br acket")).toContain("PRIMARY KEY AUTOINCREMENT");
        expect(ddl("norowid")).toMatch(/WITHOUT ROWID,\s+STRICT/);
      });
  });
}
