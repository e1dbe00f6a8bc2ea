import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DBAPIConnection } from "../../src/dialects/dbapi.js";
import { MySQLDialect } from "../../src/dialects/mysql/dialect.js";
import * as mysql from "../../src/dialects/mysql/index.js";
import { type Mysql2ConnectArgs, mysql2Adapter } from "../../src/dialects/mysql/mysql2.js";
import { bindProcessor, resultProcessor } from "../../src/dialects/mysql/processors.js";
import { LookupError } from "../../src/exc.js";
import * as sa from "../../src/sql/types/sqltypes.js";
import { TypeEngine } from "../../src/sql/types/type-engine.js";
import { mysqlUrl, requireServer } from "../helpers/databases.js";

/** A TypeDecorator-shaped type: epoch milliseconds stored through a DateTime. */
class EpochMillis extends TypeEngine<number> {
  readonly visitName = "epoch_millis";
  readonly affinity = "other" as const;
  readonly impl = sa.DateTime();
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

const open = (args: Partial<Mysql2ConnectArgs> = {}) =>
  mysql2Adapter.connect({ uri: mysqlUrl, connectTimeout: 3000, ...args });

const hasMysql = await requireServer("MySQL", async () => {
  const c = await open();
  await c.close();
});

const dialect = new MySQLDialect({ paramstyle: "qmark" });

/** Stores `value` in a fresh temporary column of `type` (or `ddl`) and reads it back. */
function roundTripper(args: Partial<Mysql2ConnectArgs>) {
  let conn: DBAPIConnection;
  let n = 0;
  beforeAll(async () => {
    conn = await open(args);
  });
  afterAll(async () => {
    await conn.close();
  });
  return {
    conn: () => conn,
    async roundTrip(
      type: TypeEngine,
      value: unknown,
      ddl?: string,
    ): Promise<{ out: unknown; stored: unknown }> {
      const table = `alk_rt_${++n}`;
      const cur = conn.cursor();
      await cur.execute(`CREATE TEMPORARY TABLE ${table} (v ${ddl ?? dialect.typeCompiler.process(type)})`);
      const bind = bindProcessor(type, dialect);
      await cur.execute(`INSERT INTO ${table} (v) VALUES (?)`, [bind ? bind(value) : value]);
      await cur.execute(`SELECT v FROM ${table}`);
      const stored = ((await cur.fetchone()) as unknown[])[0];
      const result = resultProcessor(type, dialect);
      return { out: result ? result(stored) : stored, stored };
    },
  };
}

const at = new Date("2024-02-29T23:59:58.123Z");
const atSecond = new Date("2024-02-29T23:59:58Z");
const uuid = "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11";
const canonicalUuid = uuid.toLowerCase();
const interval = ((24 + 1) * 60 + 1) * 60_000 + 1001; // 1 day 01:01:01.001

/** [name, type, value, expected (default: value), DDL (default: the MySQL type compiler's)] */
const CASES: [string, TypeEngine, unknown, unknown?, string?][] = [
  ["Boolean true", sa.Boolean(), true],
  ["Boolean false", sa.Boolean(), false],
  ["DateTime as DATETIME(6)", sa.DateTime(), at, at, "DATETIME(6)"],
  ["DateTime as DATETIME (whole seconds, as SQLAlchemy)", sa.DateTime(), atSecond],
  ["DateTime as TIMESTAMP(6)", sa.DateTime({ timezone: true }), at, at, "TIMESTAMP(6) NULL"],
  ["Date", sa.Date(), new Date(Date.UTC(2024, 1, 29))],
  ["Date from a Date with a time", sa.Date(), at, new Date(Date.UTC(2024, 1, 29))],
  ["Time", sa.Time(), "12:34:56"],
  ["Time from a Date (UTC)", sa.Time(), atSecond, "23:59:58"],
  // the fraction's trailing zeros go, as PostgreSQL answers
  ["Time(6) beyond a day", sa.Time(), "838:59:59.500000", "838:59:59.5", "TIME(6)"],
  ["Time(6) whole seconds", sa.Time(), "12:34:56", "12:34:56", "TIME(6)"],
  ["mysql.TIME(6)", mysql.TIME({ fsp: 6 }), "23:59:58.123456"],
  ["mysql.DATETIME(6)", mysql.DATETIME({ fsp: 6 }), at],
  ["mysql.TIMESTAMP(3)", mysql.TIMESTAMP({ fsp: 3 }), at],
  ["Numeric(10,2)", sa.Numeric(10, 2), "10.25"],
  ["Numeric(10,2) integral", sa.Numeric(10, 2), "3", "3.00"],
  ["Numeric(30,10) beyond a double", sa.Numeric(30, 10), "12345678901234567890.0123456789"],
  ["BigInteger beyond 2^53", sa.BigInteger(), 2n ** 62n + 1n],
  ["BigInteger negative", sa.BigInteger(), -(2n ** 63n)],
  ["Integer", sa.Integer(), 2 ** 31 - 1],
  ["Float (FLOAT: float32, shortest form)", sa.Float(), 1.1],
  ["Double", sa.Double(), 0.1],
  ["JSON object", sa.JSON(), { a: [1, "x", null], b: { c: true } }],
  ["JSON array", sa.JSON(), [1, 2, 3]],
  ["JSON string", sa.JSON(), "hello"],
  ["JSON number", sa.JSON(), 5.5],
  ["LargeBinary", sa.LargeBinary(), Buffer.from([0, 1, 255, 0x27, 0x5c])],
  ["LargeBinary from Uint8Array", sa.LargeBinary(), new Uint8Array([7, 8]), Buffer.from([7, 8])],
  ["Uuid", sa.Uuid(), uuid, canonicalUuid],
  ["Uuid(nativeUuid: false)", sa.Uuid({ nativeUuid: false }), uuid, canonicalUuid],
  ["Enum (native ENUM)", sa.Enum("sad", "ok", "happy"), "ok"],
  ["Enum (VARCHAR)", sa.Enum("sad", "ok", "happy", { nativeEnum: false }), "happy"],
  ["String with quotes and backslashes", sa.String(40), "it's a \\ back'slash"],
  ["Interval as DATETIME(6)", sa.Interval(), interval, interval, "DATETIME(6)"],
  ["TypeDecorator over DateTime", new EpochMillis(), at.getTime(), at.getTime(), "DATETIME(6)"],
  ["TypeDecorator over JSON", new TagSet(), new Set(["b", "a"])],
];

function cases(rt: ReturnType<typeof roundTripper>): void {
  for (const [name, type, value, expected, ddl] of CASES) {
    it(`round-trips ${name}`, async () => {
      const { out } = await rt.roundTrip(type, value, ddl);
      expect(out).toEqual(expected === undefined ? value : expected);
    });
  }
}

describe.skipIf(!hasMysql)("MySQL processors (mysql2, binary protocol)", () => {
  const rt = roundTripper({});
  cases(rt);

  it("stores SQLAlchemy's formats: TINYINT 0/1, CHAR(32) hex, UTC wall clock", async () => {
    expect((await rt.roundTrip(sa.Boolean(), true)).stored).toBe(1);
    expect((await rt.roundTrip(sa.Uuid(), uuid)).stored).toBe("a0eebc999c0b4ef8bb6d6bb9bd380a11");
    expect((await rt.roundTrip(sa.BigInteger(), 5n)).stored).toBe("5");
    const cur = rt.conn().cursor();
    await cur.execute("SELECT CAST(? AS DATETIME(6)) = '2024-02-29 23:59:58.123000'", [
      bindProcessor(sa.DateTime())!(at),
    ]);
    expect(await cur.fetchone()).toEqual([1]);
  });

  it("reads TIMESTAMP and NOW() in UTC whatever the server's zone", async () => {
    const cur = rt.conn().cursor();
    await cur.execute("CREATE TEMPORARY TABLE ts (v TIMESTAMP(6) NULL)");
    await cur.execute("INSERT INTO ts VALUES (?)", [bindProcessor(sa.DateTime())!(at)]);
    await cur.execute("SELECT v, UNIX_TIMESTAMP(v), NOW() FROM ts");
    const [v, epoch, now] = (await cur.fetchone()) as [Date, string, Date];
    expect(v).toEqual(at);
    expect(Number(epoch)).toBeCloseTo(at.getTime() / 1000, 3);
    expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(5000);
  });

  it("gives Integer columns numbers where MySQL answers BIGINT or DECIMAL (count, sum)", async () => {
    const cur = rt.conn().cursor();
    await cur.execute("SELECT COUNT(*), SUM(x), CAST(2 AS SIGNED) FROM (SELECT 1 AS x UNION ALL SELECT 2) s");
    const [count, sum, big] = (await cur.fetchone()) as [string, string, string];
    expect(resultProcessor(sa.Integer())!(count)).toBe(2);
    expect(resultProcessor(sa.Integer())!(sum)).toBe(3);
    expect(resultProcessor(sa.BigInteger())!(big)).toBe(2n);
  });

  it("rejects a value outside an Enum with SQLAlchemy's message", () => {
    const bind = bindProcessor(sa.Enum("sad", "ok", "happy", { name: "mood", validateStrings: true }))!;
    expect(() => bind("meh")).toThrow(LookupError);
    expect(() => bind("meh")).toThrow(
      "'meh' is not among the defined enum values. Enum name: mood. Possible values: sad, ok, happy",
    );
  });

  it("reads zero dates as null, as mysqlclient does", () => {
    expect(resultProcessor(sa.DateTime())!(new Date(Number.NaN))).toBeNull();
    expect(resultProcessor(sa.Date())!("0000-00-00")).toBeNull();
    expect(resultProcessor(sa.DateTime())!("2024-01-02 03:04:05.5")).toEqual(
      new Date("2024-01-02T03:04:05.500Z"),
    );
  });
});

describe.skipIf(!hasMysql)("MySQL processors (mysql2, text protocol: statementCacheSize 0)", () => {
  cases(roundTripper({ statementCacheSize: 0 }));
});

describe("MySQL result processors by the column's type code", () => {
  it("skips Integer's processor where mysql2 already answers a number", () => {
    for (const code of [1, 2, 3, 9, 13]) expect(resultProcessor(sa.Integer(), undefined, code)).toBeNull();
    // BIGINT (count) and DECIMAL (sum) arrive as text; an unknown type keeps the processor
    for (const code of [8, 246, undefined])
      expect(resultProcessor(sa.Integer(), undefined, code)).not.toBeNull();
    // TINYINT(1) still becomes a boolean
    expect(resultProcessor(sa.Boolean(), undefined, 1)!(1)).toBe(true);
  });
});
