import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DBAPIConnection } from "../../src/dialects/dbapi.js";
import { PGDialect } from "../../src/dialects/postgresql/dialect.js";
import { JSONB } from "../../src/dialects/postgresql/index.js";
import { pgAdapter } from "../../src/dialects/postgresql/pg.js";
import * as pgProc from "../../src/dialects/postgresql/processors.js";
import { betterSqlite3Adapter } from "../../src/dialects/sqlite/better-sqlite3.js";
import { SQLiteDialect } from "../../src/dialects/sqlite/dialect.js";
import * as sqliteProc from "../../src/dialects/sqlite/processors.js";
import { LookupError } from "../../src/exc.js";
import type { Dialect } from "../../src/sql/dialect.js";
import * as sa from "../../src/sql/types/sqltypes.js";
import { type Processor, TypeEngine } from "../../src/sql/types/type-engine.js";
import { pgUrl, requireServer } from "../helpers/databases.js";

/** A TypeDecorator-shaped type: epoch milliseconds stored through a DateTime. */
class EpochMillis extends TypeEngine<number> {
  readonly visitName = "epoch_millis";
  readonly affinity = "other" as const;
  readonly impl = sa.DateTime({ timezone: true });
  loadDialectImpl(): TypeEngine {
    return this.impl;
  }
  processBindParam(value: unknown): unknown {
    return new Date(value as number);
  }
  processResultValue(value: unknown): unknown {
    return value instanceof Date ? value.getTime() : value;
  }
}

/** A TypeDecorator over JSON: a Set of tags stored as a JSON array. */
class TagSet extends TypeEngine<Set<string>> {
  readonly visitName = "tag_set";
  readonly affinity = "other" as const;
  readonly impl = sa.JSON();
  loadDialectImpl(): TypeEngine {
    return this.impl;
  }
  processBindParam(value: unknown): unknown {
    return [...(value as Set<string>)].sort();
  }
  processResultValue(value: unknown): unknown {
    return value == null ? value : new Set(value as string[]);
  }
}

interface Procs {
  bindProcessor(type: TypeEngine): Processor | null;
  resultProcessor(type: TypeEngine): Processor | null;
}

/** Stores `value` in a fresh table column of `type` (DDL from the dialect) and reads it back. */
function roundTripper(connect: () => Promise<DBAPIConnection>, dialect: Dialect, procs: Procs, ph: string) {
  let conn: DBAPIConnection;
  let n = 0;
  beforeAll(async () => {
    conn = await connect();
  });
  afterAll(async () => {
    await conn.close();
  });
  return {
    conn: () => conn,
    async roundTrip(type: TypeEngine, value: unknown): Promise<{ out: unknown; stored: unknown }> {
      const table = `alk_rt_${++n}`;
      const cur = conn.cursor();
      await cur.execute(`CREATE TEMP TABLE ${table} (v ${dialect.typeCompiler.process(type)})`);
      const bind = procs.bindProcessor(type);
      await cur.execute(`INSERT INTO ${table} (v) VALUES (${ph})`, [bind ? bind(value) : value]);
      await cur.execute(`SELECT v FROM ${table}`);
      const stored = ((await cur.fetchone()) as unknown[])[0];
      const result = procs.resultProcessor(type);
      return { out: result ? result(stored) : stored, stored };
    },
  };
}

const at = new Date("2024-02-29T23:59:58.123Z");
const uuid = "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11";
const canonicalUuid = uuid.toLowerCase();
const interval = ((24 + 1) * 60 + 1) * 60_000 + 1001; // 1 day 01:01:01.001

/** Cases both databases must round-trip exactly. */
const COMMON: [string, TypeEngine, unknown, unknown?][] = [
  ["Boolean true", sa.Boolean(), true],
  ["Boolean false", sa.Boolean(), false],
  ["DateTime", sa.DateTime(), at],
  ["DateTime(timezone)", sa.DateTime({ timezone: true }), at],
  ["Date", sa.Date(), new Date(Date.UTC(2024, 1, 29))],
  ["Date from a Date with a time", sa.Date(), at, new Date(Date.UTC(2024, 1, 29))],
  ["Time", sa.Time(), "12:34:56"],
  ["Numeric(10,2)", sa.Numeric(10, 2), "10.25"],
  ["Numeric(10,2) integral", sa.Numeric(10, 2), "3", "3.00"],
  ["BigInteger", sa.BigInteger(), 2n ** 40n],
  ["JSON object", sa.JSON(), { a: [1, "x", null], b: { c: true } }],
  ["JSON array", sa.JSON(), [1, 2, 3]],
  ["JSON string", sa.JSON(), "hello"],
  ["JSON number", sa.JSON(), 5.5],
  ["LargeBinary", sa.LargeBinary(), Buffer.from([0, 1, 255])],
  ["LargeBinary from Uint8Array", sa.LargeBinary(), new Uint8Array([7, 8]), Buffer.from([7, 8])],
  ["Uuid", sa.Uuid(), uuid, canonicalUuid],
  ["Uuid(nativeUuid: false)", sa.Uuid({ nativeUuid: false }), uuid, canonicalUuid],
  ["Enum", sa.Enum("sad", "ok", "happy", { nativeEnum: false }), "ok"],
  ["Interval", sa.Interval(), interval],
  ["TypeDecorator over DateTime", new EpochMillis(), at.getTime()],
  ["TypeDecorator over JSON", new TagSet(), new Set(["b", "a"])],
];

function commonCases(rt: () => ReturnType<typeof roundTripper>): void {
  for (const [name, type, value, expected] of COMMON) {
    it(`round-trips ${name}`, async () => {
      const { out } = await rt().roundTrip(type, value);
      expect(out).toEqual(expected ?? value);
    });
  }
}

function enumCases(procs: Procs): void {
  it("rejects a value outside an Enum with SQLAlchemy's message", () => {
    const bind = procs.bindProcessor(sa.Enum("sad", "ok", "happy", { name: "mood", validateStrings: true }))!;
    expect(() => bind("meh")).toThrow(LookupError);
    expect(() => bind("meh")).toThrow(
      "'meh' is not among the defined enum values. Enum name: mood. Possible values: sad, ok, happy",
    );
    const many = procs.bindProcessor(sa.Enum("a", "b", "c", "d", "averyveryverylongname"))!;
    // an unknown string goes to the database unless validated; other values are refused
    expect(many("x")).toBe("x");
    expect(() => many(5)).toThrow("Enum name: None. Possible values: a, b, c, ..., averyveryve..");
    expect(() => procs.resultProcessor(sa.Enum("a", "b"))!("x")).toThrow(LookupError);
  });
}

describe("SQLite processors (better-sqlite3)", () => {
  const rt = roundTripper(() => betterSqlite3Adapter.connect({}), new SQLiteDialect(), sqliteProc, "?");
  commonCases(() => rt);
  enumCases(sqliteProc);

  it("stores SQLAlchemy's formats: 0/1, UTC text, 32-digit hex", async () => {
    expect((await rt.roundTrip(sa.Boolean(), true)).stored).toBe(1);
    expect((await rt.roundTrip(sa.DateTime(), at)).stored).toBe("2024-02-29 23:59:58.123000");
    expect((await rt.roundTrip(sa.Date(), at)).stored).toBe("2024-02-29");
    expect((await rt.roundTrip(sa.Uuid(), uuid)).stored).toBe("a0eebc999c0b4ef8bb6d6bb9bd380a11");
    expect((await rt.roundTrip(sa.Interval(), interval)).stored).toBe("1970-01-02 01:01:01.001000");
    expect((await rt.roundTrip(sa.Time(), "9:05:07.25")).stored).toBe("09:05:07.250000");
  });

  it("reads Numeric REALs as decimal text, never in exponent form (SQLAlchemy's '%.Nf' with a scale)", () => {
    expect(sqliteProc.decimalText(1.2345678901234569e27, 10)).toBe("1234567890123456850245451776.0000000000");
    expect(sqliteProc.decimalText(-1e21, 0)).toBe("-1000000000000000000000");
    expect(sqliteProc.decimalText(12.5, 2)).toBe("12.50");
    expect(sqliteProc.decimalText(1.5e-7, undefined)).toBe("0.00000015");
    expect(sqliteProc.decimalText(-1e-7, undefined)).toBe("-0.0000001");
    expect(sqliteProc.decimalText(2e22, undefined)).toBe("20000000000000000000000");
    expect(sqliteProc.decimalText(0.25, undefined)).toBe("0.25");
  });

  it("reads times without the fraction's trailing zeros", () => {
    const read = sqliteProc.resultProcessor(sa.Time())!;
    expect(read("12:34:56.500000")).toBe("12:34:56.5");
    expect(read("12:34:56.000000")).toBe("12:34:56");
    expect(read("12:34:56")).toBe("12:34:56");
  });

  it("reads SQLite's own CURRENT_TIMESTAMP text as UTC", () => {
    const cur = rt.conn().cursor();
    cur.execute("SELECT CURRENT_TIMESTAMP, CURRENT_DATE");
    const [ts, d] = cur.fetchone() as [string, string];
    const now = sqliteProc.resultProcessor(sa.DateTime())!(ts) as Date;
    expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(5000);
    expect(sqliteProc.resultProcessor(sa.Date())!(d)).toEqual(new Date(`${d}T00:00:00Z`));
  });

  it("keeps BigInteger exact beyond 2^53 with safeIntegers", async () => {
    const c = await betterSqlite3Adapter.connect({ safeIntegers: true });
    const cur = c.cursor();
    cur.execute("CREATE TABLE b (v BIGINT)");
    cur.execute("INSERT INTO b VALUES (?)", [2n ** 62n + 1n]);
    cur.execute("SELECT v FROM b");
    const raw = (cur.fetchone() as unknown[])[0];
    expect(sqliteProc.resultProcessor(sa.BigInteger())!(raw)).toBe(2n ** 62n + 1n);
    c.close();
  });

  it("reads Numeric from REAL storage as exact text with the scale", async () => {
    const { stored, out } = await rt.roundTrip(sa.Numeric(10, 2), "10.5");
    expect(stored).toBe(10.5);
    expect(out).toBe("10.50");
  });

  it("rejects values a DateTime cannot store", () => {
    expect(() => sqliteProc.bindProcessor(sa.DateTime())!(42)).toThrow(/only accepts Date/);
  });
});

const hasPg = await requireServer("PostgreSQL", async () => {
  const c = await pgAdapter.connect({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  await c.close();
});

describe.skipIf(!hasPg)("PostgreSQL processors (pg)", () => {
  const rt = roundTripper(
    async () => {
      const c = await pgAdapter.connect({ connectionString: pgUrl });
      // a session zone far from UTC shows that no value depends on it
      await c.cursor().execute("SET TIME ZONE 'America/New_York'");
      return c;
    },
    new PGDialect(),
    pgProc,
    "$1",
  );
  commonCases(() => rt);
  enumCases(pgProc);

  it("sends JSON arrays as JSON, not as PostgreSQL arrays (JSONB)", async () => {
    expect((await rt.roundTrip(JSONB(), [1, [2, "x"]])).out).toEqual([1, [2, "x"]]);
  });

  it("round-trips a native Enum and ARRAY items through their item processors", async () => {
    const cur = rt.conn().cursor();
    await cur.execute("DROP TYPE IF EXISTS alk_drv_mood CASCADE");
    await cur.execute("CREATE TYPE alk_drv_mood AS ENUM ('sad', 'ok')");
    const mood = sa.Enum("sad", "ok", { name: "alk_drv_mood" });
    try {
      expect((await rt.roundTrip(mood, "sad")).out).toBe("sad");
    } finally {
      await cur.execute("DROP TYPE alk_drv_mood CASCADE");
    }
    const dates = [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(1999, 11, 31))];
    expect((await rt.roundTrip(sa.ARRAY(sa.Date), dates)).out).toEqual(dates);
    expect((await rt.roundTrip(sa.ARRAY(sa.BigInteger), [1n, 2n ** 62n])).out).toEqual([1n, 2n ** 62n]);
  });

  it("stores naive DateTime as the UTC wall clock and native UUIDs as uuid", async () => {
    expect((await rt.roundTrip(sa.DateTime(), at)).stored).toEqual(at);
    const cur = rt.conn().cursor();
    await cur.execute("SELECT $1::timestamp::text", [pgProc.bindProcessor(sa.DateTime())!(at)]);
    expect(await cur.fetchone()).toEqual(["2024-02-29 23:59:58.123"]);
    expect(pgProc.bindProcessor(sa.Uuid())).toBeNull();
  });

  it("gives Integer columns numbers even where PostgreSQL answers int8 (count)", async () => {
    const cur = rt.conn().cursor();
    await cur.execute("SELECT count(*), 2::int8 FROM generate_series(1, 3)");
    const [count, big] = (await cur.fetchone()) as [bigint, bigint];
    expect(pgProc.resultProcessor(sa.Integer())!(count)).toBe(3);
    expect(pgProc.resultProcessor(sa.BigInteger())!(big)).toBe(2n);
  });
});

describe("PostgreSQL result processors by the column's OID", () => {
  const proc = (type: TypeEngine, oid: unknown) => pgProc.resultProcessor(type, undefined, oid);
  it("skips processors where the adapter's type parsers already give the final value", () => {
    expect(proc(sa.Integer(), 23)).toBeNull();
    expect(proc(sa.SmallInteger(), 21)).toBeNull();
    expect(proc(sa.Boolean(), 16)).toBeNull();
    expect(proc(sa.Float(), 701)).toBeNull();
    expect(proc(sa.BigInteger(), 20)).toBeNull();
    expect(proc(sa.Numeric(), 1700)).toBeNull();
    expect(proc(sa.DateTime(), 1114)).toBeNull();
    expect(proc(sa.DateTime({ timezone: true }), 1184)).toBeNull();
  });

  it("keeps them where the driver answers another type", () => {
    // count(*) is int8 (a bigint), a bare bind text, a date 'YYYY-MM-DD' text
    expect(proc(sa.Integer(), 20)!(5n)).toBe(5);
    expect(proc(sa.Integer(), 25)!("7")).toBe(7);
    expect(proc(sa.Boolean(), 25)!("t")).toBe(true);
    expect(proc(sa.Date(), 1082)!("2024-01-02")).toEqual(new Date(Date.UTC(2024, 0, 2)));
    expect(proc(sa.DateTime(), undefined)!("2024-01-02 03:04:05")).toEqual(
      new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
    );
  });

  it("a TypeDecorator over DateTime still sees the Date", () => {
    expect(proc(new EpochMillis(), 1184)!(new Date(5))).toBe(5);
  });
});
