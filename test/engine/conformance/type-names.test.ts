/**
 * The uppercase generic types and the PostgreSQL / MySQL dialect types on their real servers:
 * the DDL they emit is accepted, a value of each goes in through INSERT and comes back as the
 * same JS value through SELECT, and compares equal to itself in WHERE (binds typed and, on
 * PostgreSQL, cast as the engine casts them).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysql, postgresql } from "../../../src/dialects/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("type_names");

/** A column's type, the value sent, the value read back when it differs, and whether WHERE = works on it. */
type Case = [name: string, type: sa.TypeArg, value: unknown, back?: unknown, comparable?: boolean];

const AT = new Date(Date.UTC(2024, 1, 29, 1, 2, 3));
const UUID = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

function columnsFor(dialect: string): Case[] {
  const common: Case[] = [
    ["vc", sa.VARCHAR(30), "héllo"],
    ["ch", sa.CHAR(3), "ab", dialect === "postgresql" ? "ab " : "ab"],
    ["nch", sa.NCHAR(3), "xyz"],
    ["tx", sa.TEXT, "long text", undefined, false],
    ["i", sa.INTEGER, 7],
    ["si", sa.SMALLINT, -3],
    ["bi", sa.BIGINT, 9007199254740993n],
    ["nu", sa.NUMERIC(10, 2), "12.35"],
    ["de", sa.DECIMAL(10, 2), "99.99"],
    ["fl", sa.FLOAT, 1.5],
    ["re", sa.REAL, 2.5],
    ["dp", sa.DOUBLE_PRECISION, 1.25],
    ["bo", sa.BOOLEAN, true],
    ["da", sa.DATE, new Date(Date.UTC(2024, 1, 29))],
    ["ts", sa.TIMESTAMP, AT],
    ["tm", sa.TIME, "12:34:56"],
    ["uu", sa.UUID, UUID],
  ];
  if (dialect === "postgresql") {
    return [
      ...common,
      ["inet", postgresql.INET, "192.168.0.1/24"],
      ["cidr", postgresql.CIDR, "10.0.0.0/8"],
      ["mac", postgresql.MACADDR, "08:00:2b:01:02:03"],
      ["mac8", postgresql.MACADDR8, "08:00:2b:01:02:03:04:05"],
      ["pts", postgresql.TIMESTAMP({ timezone: true, precision: 3 }), new Date("2024-02-29T23:59:58.123Z")],
      ["ptm", postgresql.TIME({ timezone: true, precision: 6 }), "12:34:56.5+02"],
      ["piv", postgresql.INTERVAL({ fields: "DAY TO SECOND" }), 90_061_001],
      ["pen", postgresql.ENUM("a", "b", { name: "tn_penum" }), "b"],
      ["bya", postgresql.BYTEA, Buffer.from("hi"), undefined, false],
      ["mon", postgresql.MONEY, "12.34", "$12.34", false],
      ["cit", postgresql.CITEXT, "MiXeD"],
      ["tsv", postgresql.TSVECTOR, "a fat cat", "'a' 'cat' 'fat'", false],
      ["pj", postgresql.JSON, { a: 1 }, undefined, false],
      ["pjb", postgresql.JSONB, { b: [1] }],
      ["arr", postgresql.ARRAY(sa.Integer), [1, 2]],
    ];
  }
  const bytes: Case[] = [
    ["nvc", sa.NVARCHAR(10), "ünï"],
    ["dt", sa.DATETIME, AT],
    ["db", sa.DOUBLE, 3.25],
    ["bl", sa.BLOB, Buffer.from([1, 2, 3]), undefined, false],
    ["bn", sa.BINARY(3), Buffer.from([1, 2, 3]), undefined, false],
    ["vb", sa.VARBINARY(8), Buffer.from([4, 5]), undefined, false],
  ];
  if (dialect === "sqlite") return [...common, ...bytes, ["cl", sa.CLOB, "clob", undefined, false]];
  return [
    ...common,
    ...bytes,
    ["mvc", mysql.VARCHAR(20, { charset: "utf8mb4", collation: "utf8mb4_bin" }), "Ünï"],
    ["mtt", mysql.TINYTEXT, "tiny", undefined, false],
    ["mmt", mysql.MEDIUMTEXT, "medium", undefined, false],
    ["mlt", mysql.LONGTEXT(undefined, { charset: "utf8mb4" }), "long 🎉", undefined, false],
    ["men", mysql.ENUM("s", "m", "l", { charset: "utf8mb4" }), "m"],
    ["mset", mysql.SET("r", "w", "x"), new Set(["r", "x"]), undefined, false],
    ["mjs", mysql.JSON, { z: [1] }, undefined, false],
    ["mbit", mysql.BIT(8), 5],
    ["myr", mysql.YEAR, 2024],
    ["mdec", mysql.DECIMAL({ precision: 10, scale: 2, unsigned: true }), "5.50"],
    ["mdbl", mysql.DOUBLE, 1.125],
    ["mflt", mysql.FLOAT, 0.5],
    ["mbl", mysql.MEDIUMBLOB, Buffer.from([9]), undefined, false],
  ];
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let engine: sa.Engine;
    const cols = columnsFor(d.name);
    const meta = new sa.MetaData();
    const t = new sa.Table(
      "tn_values",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
      ...cols.map(([name, type]) => new sa.Column(name, type)),
    );

    beforeAll(async () => {
      engine = d.engine();
      if (d.name === "postgresql") {
        // CITEXT is an extension, installed once per database (in public): look there too
        const schema = await engine.connect(async (conn) => conn.scalar(sa.text("SELECT current_schema()")));
        await engine.dispose();
        engine = d.engine({ connectArgs: { options: `-c search_path=${String(schema)},public` } });
        await engine.begin((conn) =>
          conn.execDriverSql("CREATE EXTENSION IF NOT EXISTS citext SCHEMA public"),
        );
      }
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
        const row: Record<string, unknown> = { id: 1 };
        for (const [name, , value] of cols) row[name] = value;
        await conn.execute(t.insert(), row);
      });
    });
    afterAll(async () => {
      await engine.begin((conn) => meta.dropAll(conn));
      await engine.dispose();
    });

    it("each value comes back as the JS value it went in as", async () => {
      const got = await engine.connect(async (conn) => (await conn.execute(sa.select(t))).one()._asDict());
      for (const [name, , value, back] of cols) {
        expect([name, got[name as keyof typeof got]]).toEqual([name, back === undefined ? value : back]);
      }
    });

    it("each compares equal to itself in WHERE", async () => {
      await engine.connect(async (conn) => {
        for (const [name, , value, , comparable] of cols) {
          if (comparable === false) continue;
          const col = (t.c as unknown as Record<string, sa.ColumnElement<unknown>>)[name];
          const ids = (await conn.execute(sa.select(t.c.id).where(col.eq(value)))).scalars().all();
          expect([name, ids]).toEqual([name, [1]]);
        }
      });
    });

    it.skipIf(d.name !== "postgresql")("an ENUM with createType: false uses a type that exists", async () => {
      const m2 = new sa.MetaData();
      const e = new sa.Table(
        "tn_enum_existing",
        m2,
        new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
        new sa.Column("v", postgresql.ENUM("a", "b", { name: "tn_penum", createType: false })),
      );
      const statements: string[] = [];
      const listen = (_c: unknown, _cur: unknown, statement: string) => void statements.push(statement);
      sa.event.listen(engine, "before_cursor_execute", listen);
      try {
        await engine.begin(async (conn) => {
          await m2.createAll(conn);
          await conn.execute(e.insert(), { id: 1, v: "a" });
          expect((await conn.execute(sa.select(e.c.v))).scalar()).toBe("a");
          await m2.dropAll(conn);
        });
      } finally {
        sa.event.remove(engine, "before_cursor_execute", listen);
      }
      expect(statements.filter((s) => /CREATE TYPE|DROP TYPE/.test(s))).toEqual([]);
    });
  });
}
