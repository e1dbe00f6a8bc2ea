/**
 * The Inspector on every real database: names, existence checks, views, sequences, temporary
 * tables, dependency order, caching, and the mapping of each database's column types back to
 * alkahest types (PostgreSQL arrays, JSONB, UUID, enums, SERIAL/IDENTITY; SQLite's affinity rules
 * and its declared spellings).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysql, postgresql } from "../../../src/dialects/index.js";
import { inspect, reflectMetadata } from "../../../src/engine/reflection/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";
import { dropOwnSchema, freshTarget, snapshot } from "./reflection-helpers.js";

const cases = await dialectCases("reflect_insp");

for (const d of cases) {
  describe.skipIf(!d.available)(`Inspector on ${d.name}`, () => {
    const pg = d.name === "postgresql";
    const my = d.name === "mysql";
    let engine: sa.Engine;
    /** sequences: PostgreSQL, MariaDB 10.3+ (not MySQL) */
    let sequences = pg;
    const run = (sql: string) => engine.begin((c) => c.execDriverSql(sql));

    beforeAll(async () => {
      engine = d.engine();
      await run("CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER)");
      if (my) {
        // MySQL ignores a column-level REFERENCES (MariaDB 10.5+ takes it): table-level keys
        await run(
          "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER, CONSTRAINT fk_b_a FOREIGN KEY (a_id) REFERENCES a (id))",
        );
        await run(
          "CREATE TABLE c (id INTEGER PRIMARY KEY, b_id INTEGER, FOREIGN KEY (b_id) REFERENCES b (id))",
        );
      } else {
        await run(
          "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER CONSTRAINT fk_b_a REFERENCES a (id))",
        );
        await run("CREATE TABLE c (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id))");
      }
      await run("CREATE INDEX ix_c_b ON c (b_id)");
      await run("CREATE VIEW v_c AS SELECT id FROM c");
      if (pg || my) await run("ALTER TABLE a ADD CONSTRAINT fk_a_b FOREIGN KEY (b_id) REFERENCES b (id)");
      sequences = pg || (my && engine.dialect.supportsSequences);
      if (sequences) await run("CREATE SEQUENCE my_seq");
    });
    afterAll(async () => {
      if (pg) await dropOwnSchema(engine);
      await engine.dispose();
    });

    it("lists tables, views, schemas and sequences, and answers has*", async () => {
      const insp = await inspect(engine);
      expect(insp.defaultSchemaName).toBe(pg || my ? `conf_reflect_insp_${process.pid}` : "main");
      expect(await insp.getTableNames()).toEqual(expect.arrayContaining(["a", "b", "c"]));
      expect(await insp.getTableNames()).not.toContain("v_c");
      expect(await insp.getViewNames()).toEqual(["v_c"]);
      // MySQL gives the whole CREATE VIEW, in its own rendering (as SQLAlchemy returns it)
      expect(await insp.getViewDefinition("v_c")).toMatch(
        my ? /VIEW `v_c` AS select `c`\.`id` AS `id` from `c`/ : /SELECT\s+(c\.)?id\s+FROM c/i,
      );
      expect(await insp.hasTable("a")).toBe(true);
      expect(await insp.hasTable("v_c")).toBe(true);
      expect(await insp.hasTable("zz")).toBe(false);
      // SQLAlchemy's keyword form, as JS callers write it
      const schema = insp.defaultSchemaName!;
      expect(await insp.hasTable("a", { schema })).toBe(true);
      expect(await insp.hasTable("a", { schema: "no_such_schema" })).toBe(false);
      expect((await insp.getColumns("a", { schema })).length).toBeGreaterThan(0);
      expect(await insp.getTableNames({ schema })).toEqual(await insp.getTableNames(schema));
      expect(await insp.hasIndex("c", "ix_c_b")).toBe(true);
      expect(await insp.hasIndex("c", "ix_nope")).toBe(false);
      expect(await insp.hasSchema(insp.defaultSchemaName!)).toBe(true);
      expect(await insp.hasSchema("no_such_schema")).toBe(false);
      expect(await insp.getSchemaNames()).toContain(insp.defaultSchemaName);
      expect(await insp.hasSequence("my_seq")).toBe(sequences);
      expect(await insp.getSequenceNames()).toEqual(sequences ? ["my_seq"] : []);
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
      if (pg || my) {
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
        const v = engine.dialect.serverVersionInfo ?? [];
        if (
          my &&
          !((conn.dialect as { isMariadb?: boolean }).isMariadb && (v[0] > 11 || (v[0] === 11 && v[1] >= 2)))
        ) {
          // MySQL (and MariaDB before 11.2) lacks a catalog of temporary tables: no list, as in
          // SQLAlchemy; the table itself reflects (SHOW CREATE TABLE sees it)
          await expect(insp.getTempTableNames()).rejects.toThrow(/no catalog of temporary tables/);
          expect(await insp.hasTable("tmp_x")).toBe(true);
        } else {
          expect(await insp.getTempTableNames()).toContain("tmp_x");
        }
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
        // as SQLAlchemy reflects it: postgresql.TIMESTAMP(precision=3)
        expect(ddl("ts3")).toBe("TIMESTAMP(3) WITHOUT TIME ZONE");
        expect(col("ts3").type).toBeInstanceOf(postgresql.TIMESTAMPType);
        expect(col("n").type).toMatchObject({ precision: 12, scale: 3 });
        expect(col("v").type).toMatchObject({ length: 40 });
        expect(col("t").type).toBeInstanceOf(sa.TextType);
        expect(col("b").type).toBeInstanceOf(sa.LargeBinaryType);
        expect(col("flag").type).toBeInstanceOf(sa.BooleanType);
        expect(col("dp").type).toBeInstanceOf(sa.DoubleType);
        expect(col("r").type).toBeInstanceOf(sa.FloatType);
        expect(ddl("r")).toBe("REAL");
        expect(col("c").type).toMatchObject({ length: 3 });
        // SQLAlchemy's CHAR, as its ischema_names maps `character`
        expect(col("c").type).toBeInstanceOf(sa.CHARType);
        expect(ddl("c")).toBe("CHAR(3)");
        expect(col("i").type).toBeInstanceOf(sa.IntervalType);
        // postgresql.INET, as SQLAlchemy's ischema_names has it
        expect(ddl("ip")).toBe("INET");
        expect(col("ip").type).toBeInstanceOf(postgresql.PGTextValuedType);
        expect(col("tm").type).toBeInstanceOf(sa.TimeType);
      });

    if (pg)
      it("reads what SQLAlchemy reads: collations, BIT/OID, INTERVAL fields, operator classes, constraint keys", async () => {
        await run(`CREATE TABLE pgmore (id INT, v VARCHAR(20) COLLATE "C", bits BIT(3), vbits BIT VARYING(5),
          o OID, iv INTERVAL DAY TO SECOND(3), CONSTRAINT pk_pgmore PRIMARY KEY (id))`);
        await run("CREATE INDEX ix_pgmore_ops ON pgmore (v text_pattern_ops)");
        const insp = await inspect(engine);
        const cols = await insp.getColumns("pgmore");
        const ddl = (n: string) => engine.dialect.typeCompiler.process(cols.find((c) => c.name === n)!.type);
        // SQLAlchemy 2.0.54's reflected types, compiled: VARCHAR(20) COLLATE "C", BIT(3), …
        expect(["v", "bits", "vbits", "o", "iv"].map(ddl)).toEqual([
          'VARCHAR(20) COLLATE "C"',
          "BIT(3)",
          "BIT VARYING(5)",
          "OID",
          "INTERVAL day to second (3)",
        ]);
        expect((await insp.getIndexes("pgmore"))[0]!.dialectOptions).toEqual({
          postgresqlInclude: [],
          postgresqlOps: { v: "text_pattern_ops" },
        });
        expect(await insp.getPkConstraint("pgmore")).toEqual({
          constrainedColumns: ["id"],
          name: "pk_pgmore",
          comment: null,
          dialectOptions: { postgresqlInclude: [] },
        });
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
        // from another schema to a table on the search path: no schema, as SQLAlchemy (so
        // reflecting that schema does not add a second, schema-qualified copy of the table)
        const other = `${schema}_other`;
        await run(`DROP SCHEMA IF EXISTS ${other} CASCADE`);
        await run(`CREATE SCHEMA ${other}`);
        try {
          await run(`CREATE TABLE ${other}.xb (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id))`);
          insp.clearCache();
          expect((await insp.getForeignKeys("xb", other))[0]).toMatchObject({
            referredSchema: null,
            referredTable: "a",
          });
        } finally {
          await run(`DROP SCHEMA ${other} CASCADE`);
        }
        await run("CREATE TABLE ser (id SERIAL PRIMARY KEY)");
        insp.clearCache();
        expect((await insp.getColumns("ser", schema))[0].default).toBe(
          `nextval('"${schema}".ser_id_seq'::regclass)`,
        );
        const meta = new sa.MetaData();
        await reflectMetadata(meta, engine, { schema, only: ["c"] });
        expect([...meta.tables.keys()].sort()).toEqual([`${schema}.a`, `${schema}.b`, `${schema}.c`]);
      });

    if (my)
      it("maps MySQL types back: TINYINT(1) as Boolean, ENUM values, UNSIGNED, AUTO_INCREMENT, fractional seconds, JSON", async () => {
        await run(`CREATE TABLE mytypes (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, flag TINYINT(1), tiny TINYINT,
        small SMALLINT UNSIGNED, medium MEDIUMINT, big BIGINT UNSIGNED, plain INT, n DECIMAL(12,3),
        f FLOAT, dd DOUBLE, v VARCHAR(40), c CHAR(3), t TEXT, lt LONGTEXT, b BLOB, vb VARBINARY(16),
        d DATE, dt DATETIME, dt6 DATETIME(6), ts TIMESTAMP(3) NULL, tm TIME, tm3 TIME(3),
        e ENUM('sad','ok','it''s'), s SET('a','b'), j JSON, latin VARCHAR(10) CHARACTER SET latin1)`);
        const insp = await inspect(engine);
        const cols = await insp.getColumns("mytypes");
        const col = (n: string) => cols.find((c) => c.name === n)!;
        const ddl = (n: string) => engine.dialect.typeCompiler.process(col(n).type);
        expect(col("id")).toMatchObject({ autoincrement: true, nullable: false, default: null });
        expect(col("id").type).toBeInstanceOf(mysql.INTEGERType);
        expect(ddl("id")).toBe("INTEGER UNSIGNED");
        expect(col("plain")).toMatchObject({ autoincrement: false });
        expect(col("plain").type).toBeInstanceOf(sa.IntegerType);
        expect(ddl("plain")).toBe("INTEGER");
        // BOOL creates TINYINT(1): it reads back as a Boolean
        expect(col("flag").type).toBeInstanceOf(sa.BooleanType);
        expect(col("tiny").type).toBeInstanceOf(mysql.TINYINTType);
        expect(ddl("small")).toBe("SMALLINT UNSIGNED");
        expect(col("small").type).toBeInstanceOf(sa.SmallIntegerType);
        expect(ddl("medium")).toBe("MEDIUMINT");
        expect(col("big").type).toBeInstanceOf(sa.BigIntegerType);
        expect(col("big").type).toMatchObject({ unsigned: true });
        expect(col("n").type).toMatchObject({ precision: 12, scale: 3 });
        expect(col("f").type).toBeInstanceOf(sa.FloatType);
        expect(col("dd").type).toBeInstanceOf(sa.DoubleType);
        expect(col("v").type).toMatchObject({ length: 40 });
        expect(ddl("v")).toBe("VARCHAR(40)");
        expect(col("c").type).toMatchObject({ length: 3 });
        expect(ddl("c")).toBe("CHAR(3)");
        expect(col("t").type).toBeInstanceOf(sa.TextType);
        expect(ddl("lt")).toBe("LONGTEXT");
        expect(col("b").type).toBeInstanceOf(sa.LargeBinaryType);
        expect(ddl("vb")).toBe("VARBINARY(16)");
        expect(col("d").type).toBeInstanceOf(sa.DateType);
        expect(ddl("dt")).toBe("DATETIME");
        expect(col("dt6").type).toBeInstanceOf(mysql.DATETIMEType);
        expect(ddl("dt6")).toBe("DATETIME(6)");
        expect(col("ts")).toMatchObject({ nullable: true });
        expect(ddl("ts")).toBe("TIMESTAMP(3)");
        expect(col("tm").type).toBeInstanceOf(sa.TimeType);
        expect(ddl("tm3")).toBe("TIME(3)");
        expect(col("e").type).toBeInstanceOf(sa.EnumType);
        expect(col("e").type).toMatchObject({ enums: ["sad", "ok", "it's"] });
        expect(ddl("e")).toBe("ENUM('sad','ok','it''s')");
        expect(ddl("s")).toBe("SET('a','b')");
        // MariaDB's JSON is a LONGTEXT with a json_valid() CHECK: it reads back as JSON, CHECK aside
        expect(col("j").type).toBeInstanceOf(sa.JSONType);
        expect(await insp.getCheckConstraints("mytypes")).toEqual([]);
        expect(col("latin").type).toMatchObject({ length: 10, collation: expect.stringMatching(/^latin1_/) });
        expect(ddl("latin")).toMatch(/^VARCHAR\(10\) CHARACTER SET latin1 COLLATE latin1_/);
        const meta = new sa.MetaData();
        await reflectMetadata(meta, engine, { only: ["mytypes"] });
        const create = new sa.CreateTable(meta.tables.get("mytypes")!).compile({
          dialect: engine.dialect,
        }).string;
        for (const part of [
          "id INTEGER UNSIGNED NOT NULL AUTO_INCREMENT",
          "flag BOOL,",
          "dt6 DATETIME(6),",
          "ts TIMESTAMP(3) NULL,",
          "e ENUM('sad','ok','it''s'),",
          "j JSON,",
        ])
          expect(create).toContain(part);
      });

    if (my)
      it("reads MySQL keys, prefix lengths, FK options, CHECKs, comments, generated columns and options; they round-trip", async () => {
        await run(`CREATE TABLE mykeys (
        id INT NOT NULL, code VARCHAR(40) NOT NULL COMMENT 'the ''code''', a_id INT, qty INT DEFAULT 1,
        doubled INT GENERATED ALWAYS AS (qty * 2) VIRTUAL, body TEXT,
        created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
        PRIMARY KEY (id, code), UNIQUE KEY uq_code (code), KEY ix_code_prefix (code(10), qty DESC),
        FULLTEXT KEY ft_body (body),
        CONSTRAINT fk_mykeys_a FOREIGN KEY (a_id) REFERENCES a (id) ON DELETE SET NULL ON UPDATE CASCADE,
        CONSTRAINT ck_qty CHECK (qty >= 0)
      ) ENGINE=InnoDB COMMENT='keys and ''things'''`);
        const insp = await inspect(engine);
        // the primary key is always named PRIMARY in MySQL: no name, as in SQLAlchemy
        expect(await insp.getPkConstraint("mykeys")).toEqual({
          constrainedColumns: ["id", "code"],
          name: null,
        });
        expect(await insp.getIndexes("mykeys")).toEqual([
          // the index MySQL made for the foreign key, named after it
          {
            name: "fk_mykeys_a",
            columnNames: ["a_id"],
            unique: false,
            dialectOptions: {},
            duplicatesConstraint: "fk_mykeys_a",
          },
          {
            name: "ft_body",
            columnNames: ["body"],
            unique: false,
            dialectOptions: { mysqlPrefix: "FULLTEXT" },
            type: "FULLTEXT",
          },
          // as SQLAlchemy: the kind of key as `type`, and no columnSorting (qty DESC is not reported)
          {
            name: "ix_code_prefix",
            columnNames: ["code", "qty"],
            unique: false,
            dialectOptions: { mysqlLength: { code: 10 } },
          },
          { name: "uq_code", columnNames: ["code"], unique: true, dialectOptions: {}, type: "UNIQUE" },
        ]);
        expect(await insp.getUniqueConstraints("mykeys")).toEqual([
          { name: "uq_code", columnNames: ["code"], duplicatesIndex: "uq_code" },
        ]);
        expect(await insp.getForeignKeys("mykeys")).toEqual([
          {
            name: "fk_mykeys_a",
            constrainedColumns: ["a_id"],
            referredSchema: null,
            referredTable: "a",
            referredColumns: ["id"],
            options: { ondelete: "SET NULL", onupdate: "CASCADE" },
          },
        ]);
        expect(await insp.getCheckConstraints("mykeys")).toEqual([{ name: "ck_qty", sqltext: "`qty` >= 0" }]);
        const cols = await insp.getColumns("mykeys");
        const col = (n: string) => cols.find((c) => c.name === n)!;
        expect(col("code")).toMatchObject({ comment: "the 'code'", nullable: false });
        expect(col("qty")).toMatchObject({ default: "1", autoincrement: false });
        expect(col("doubled").computed).toEqual({ sqltext: "(`qty` * 2)", persisted: false });
        expect(col("created").default).toMatch(
          /^current_timestamp(\(\))? ON UPDATE current_timestamp(\(\))?$/i,
        );
        expect((await insp.getTableComment("mykeys")).text).toBe("keys and 'things'");
        expect(await insp.getTableOptions("mykeys")).toMatchObject({ mysqlEngine: "InnoDB" });
        // re-created elsewhere from the reflection, the tables reflect the same
        const meta = new sa.MetaData();
        await reflectMetadata(meta, engine, { only: ["mykeys"] });
        const target = await freshTarget(d, engine, "keys");
        try {
          await target.engine.begin((conn) => meta.createAll(conn));
          const copy = await target.engine.connect(async (conn) => snapshot(await inspect(conn)));
          const first = await engine.connect(async (conn) => {
            const all = await snapshot(await inspect(conn));
            return Object.fromEntries(Object.keys(copy).map((k) => [k, all[k]]));
          });
          expect(Object.keys(copy).sort()).toEqual(["a", "b", "mykeys"]);
          expect(copy).toEqual(first);
        } finally {
          await target.drop();
        }
      });

    if (d.name === "sqlite")
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

    if (d.name === "sqlite")
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
