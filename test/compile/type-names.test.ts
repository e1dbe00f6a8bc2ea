/**
 * Golden DDL names of the uppercase generic types (`sa.VARCHAR` … render exactly their name),
 * PostgreSQL's types (`postgresql.INET`, `TIMESTAMP(3) WITH TIME ZONE`, `INTERVAL DAY TO SECOND
 * (3)`, ENUM with createType) and MySQL's (character sets, the TEXT and BLOB families, ENUM, SET,
 * BIT, YEAR, DECIMAL / DOUBLE / FLOAT with UNSIGNED, ZEROFILL), per dialect.
 *
 * Expected names are SQLAlchemy 2.0.54's `type.compile(dialect=…)` for the same type (sqltypes
 * uppercase classes, GenericTypeCompiler, PGTypeCompiler, MySQLTypeCompiler).
 */
import { describe, expect, it } from "vitest";
import { mysql, postgresql, sqlite } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";

const dialects = [postgresql.dialect(), mysql.dialect(), sqlite.dialect(), new sa.DefaultDialect()];
const ddl = (d: sa.Dialect, t: sa.TypeArg): string => {
  try {
    return d.typeCompiler.process(sa.toType(t));
  } catch (e) {
    return `ERR ${(e as Error).message}`;
  }
};

describe("uppercase generic types render their own name [sqltypes.py uppercase classes]", () => {
  // [type, PostgreSQL, MySQL, SQLite, default]
  const cases: [string, sa.TypeArg, string, string, string, string][] = [
    ["VARCHAR(30)", sa.VARCHAR(30), "VARCHAR(30)", "VARCHAR(30)", "VARCHAR(30)", "VARCHAR(30)"],
    [
      "VARCHAR()",
      sa.VARCHAR(),
      "VARCHAR",
      "ERR VARCHAR requires a length on dialect mysql",
      "VARCHAR",
      "VARCHAR",
    ],
    [
      "VARCHAR collation",
      sa.VARCHAR(30, { collation: "utf8mb4_bin" }),
      'VARCHAR(30) COLLATE "utf8mb4_bin"',
      "VARCHAR(30) COLLATE utf8mb4_bin",
      'VARCHAR(30) COLLATE "utf8mb4_bin"',
      'VARCHAR(30) COLLATE "utf8mb4_bin"',
    ],
    ["CHAR(3)", sa.CHAR(3), "CHAR(3)", "CHAR(3)", "CHAR(3)", "CHAR(3)"],
    ["CHAR", sa.CHAR, "CHAR", "CHAR", "CHAR", "CHAR"],
    ["NCHAR(3)", sa.NCHAR(3), "NCHAR(3)", "NATIONAL CHAR(3)", "NCHAR(3)", "NCHAR(3)"],
    ["NVARCHAR(10)", sa.NVARCHAR(10), "NVARCHAR(10)", "NATIONAL VARCHAR(10)", "NVARCHAR(10)", "NVARCHAR(10)"],
    ["TEXT", sa.TEXT, "TEXT", "TEXT", "TEXT", "TEXT"],
    ["TEXT(100)", sa.TEXT(100), "TEXT(100)", "TEXT(100)", "TEXT(100)", "TEXT(100)"],
    ["CLOB", sa.CLOB, "CLOB", "CLOB", "CLOB", "CLOB"],
    ["INTEGER", sa.INTEGER, "INTEGER", "INTEGER", "INTEGER", "INTEGER"],
    ["SMALLINT", sa.SMALLINT, "SMALLINT", "SMALLINT", "SMALLINT", "SMALLINT"],
    ["BIGINT", sa.BIGINT, "BIGINT", "BIGINT", "BIGINT", "BIGINT"],
    [
      "NUMERIC(10,2)",
      sa.NUMERIC(10, 2),
      "NUMERIC(10, 2)",
      "NUMERIC(10, 2)",
      "NUMERIC(10, 2)",
      "NUMERIC(10, 2)",
    ],
    [
      "DECIMAL(10,2)",
      sa.DECIMAL(10, 2),
      "DECIMAL(10, 2)",
      "DECIMAL(10, 2)",
      "DECIMAL(10, 2)",
      "DECIMAL(10, 2)",
    ],
    ["DECIMAL", sa.DECIMAL, "DECIMAL", "DECIMAL", "DECIMAL", "DECIMAL"],
    ["FLOAT", sa.FLOAT, "FLOAT", "FLOAT", "FLOAT", "FLOAT"],
    ["FLOAT(10)", sa.FLOAT(10), "FLOAT(10)", "FLOAT(10)", "FLOAT", "FLOAT"],
    ["REAL", sa.REAL, "REAL", "REAL", "REAL", "REAL"],
    ["DOUBLE", sa.DOUBLE, "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE"],
    [
      "DOUBLE_PRECISION",
      sa.DOUBLE_PRECISION,
      "DOUBLE PRECISION",
      "DOUBLE PRECISION",
      "DOUBLE PRECISION",
      "DOUBLE PRECISION",
    ],
    ["BOOLEAN", sa.BOOLEAN, "BOOLEAN", "BOOL", "BOOLEAN", "BOOLEAN"],
    ["DATE", sa.DATE, "DATE", "DATE", "DATE", "DATE"],
    ["DATETIME", sa.DATETIME({ timezone: true }), "DATETIME", "DATETIME", "DATETIME", "DATETIME"],
    ["TIMESTAMP", sa.TIMESTAMP, "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP", "TIMESTAMP", "TIMESTAMP"],
    [
      "TIMESTAMP(tz)",
      sa.TIMESTAMP({ timezone: true }),
      "TIMESTAMP WITH TIME ZONE",
      "TIMESTAMP",
      "TIMESTAMP",
      "TIMESTAMP",
    ],
    ["TIME(tz)", sa.TIME({ timezone: true }), "TIME WITH TIME ZONE", "TIME", "TIME", "TIME"],
    ["BLOB", sa.BLOB, "BLOB", "BLOB", "BLOB", "BLOB"],
    ["BINARY(16)", sa.BINARY(16), "BINARY(16)", "BINARY(16)", "BINARY(16)", "BINARY(16)"],
    ["VARBINARY(16)", sa.VARBINARY(16), "VARBINARY(16)", "VARBINARY(16)", "VARBINARY(16)", "VARBINARY(16)"],
    [
      "VARBINARY()",
      sa.VARBINARY(),
      "VARBINARY",
      "ERR VARBINARY requires a length on dialect mysql",
      "VARBINARY",
      "VARBINARY",
    ],
    ["UUID", sa.UUID, "UUID", "UUID", "UUID", "UUID"],
  ];
  for (const [name, type, ...expected] of cases) {
    it(name, () => {
      expect(dialects.map((d) => ddl(d, type))).toEqual(expected);
    });
  }

  it("the generic Float keeps its precision only on PostgreSQL and MySQL [GenericTypeCompiler.visit_FLOAT]", () => {
    expect(dialects.map((d) => ddl(d, sa.Float(10)))).toEqual(["FLOAT(10)", "FLOAT(10)", "FLOAT", "FLOAT"]);
  });

  it("they keep the values and operators of the generic type they extend", () => {
    expect(sa.VARCHAR(10)).toBeInstanceOf(sa.StringType);
    expect(sa.TIMESTAMP()).toBeInstanceOf(sa.DateTimeType);
    expect(sa.BIGINT()).toBeInstanceOf(sa.BigIntegerType);
    expect(sa.UUID()).toBeInstanceOf(sa.UuidType);
    expect(String(sa.column("s", sa.VARCHAR(10)).add("x"))).toBe("s || :s_1");
  });
});

describe("PostgreSQL types [postgresql/types.py, PGTypeCompiler]", () => {
  const pg = postgresql.dialect();
  const cases: [sa.TypeEngine, string][] = [
    [postgresql.UUID(), "UUID"],
    [postgresql.INET(), "INET"],
    [postgresql.CIDR(), "CIDR"],
    [postgresql.MACADDR(), "MACADDR"],
    [postgresql.MACADDR8(), "MACADDR8"],
    [postgresql.TIMESTAMP(), "TIMESTAMP WITHOUT TIME ZONE"],
    [postgresql.TIMESTAMP({ timezone: true, precision: 3 }), "TIMESTAMP(3) WITH TIME ZONE"],
    [postgresql.TIMESTAMP({ precision: 0 }), "TIMESTAMP(0) WITHOUT TIME ZONE"],
    [postgresql.TIME({ timezone: true, precision: 6 }), "TIME(6) WITH TIME ZONE"],
    [postgresql.INTERVAL(), "INTERVAL"],
    [postgresql.INTERVAL({ fields: "DAY TO SECOND" }), "INTERVAL DAY TO SECOND"],
    [postgresql.INTERVAL({ fields: "DAY TO SECOND", precision: 3 }), "INTERVAL DAY TO SECOND (3)"],
    [postgresql.INTERVAL({ precision: 3 }), "INTERVAL (3)"],
    [postgresql.ARRAY(sa.Integer), "INTEGER[]"],
    [postgresql.ENUM("a", "b", { name: "myenum" }), "myenum"],
    [postgresql.BYTEA(10), "BYTEA"],
    [postgresql.DOUBLE_PRECISION(), "DOUBLE PRECISION"],
    [postgresql.REAL(), "REAL"],
    [postgresql.MONEY(), "MONEY"],
    [postgresql.CITEXT(), "CITEXT"],
    [postgresql.TSVECTOR(), "TSVECTOR"],
    [postgresql.TSQUERY(), "TSQUERY"],
    [postgresql.JSON(), "JSON"],
    [postgresql.JSONB(), "JSONB"],
  ];
  for (const [type, expected] of cases) {
    it(expected, () => {
      expect(pg.typeCompiler.process(type)).toBe(expected);
    });
  }

  it("ENUM requires a name; createType: false leaves CREATE TYPE out [named_types.py::ENUM]", () => {
    expect(() => (postgresql.ENUM as (...a: unknown[]) => unknown)("a", "b", {})).toThrow(
      "PostgreSQL ENUM type requires a name.",
    );
    const e = postgresql.ENUM("x", { name: "noenum", createType: false });
    expect(e.createType).toBe(false);
    expect(postgresql.ENUM("x", { name: "e" }).createType).toBe(true);
  });
});

describe("MySQL types [mysql/types.py, MySQLTypeCompiler]", () => {
  const my = mysql.dialect();
  const cases: [sa.TypeEngine, string][] = [
    [mysql.VARCHAR(30, { charset: "utf8mb4" }), "VARCHAR(30) CHARACTER SET utf8mb4"],
    [mysql.VARCHAR(30, { collation: "utf8mb4_bin" }), "VARCHAR(30) COLLATE utf8mb4_bin"],
    [
      mysql.VARCHAR(30, { charset: "utf8mb4", collation: "utf8mb4_bin" }),
      "VARCHAR(30) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
    ],
    [mysql.VARCHAR(30, { binary: true }), "VARCHAR(30) BINARY"],
    [mysql.VARCHAR(30, { national: true }), "NATIONAL VARCHAR(30)"],
    [mysql.VARCHAR(30, { ascii: true }), "VARCHAR(30) ASCII"],
    [mysql.VARCHAR(30, { unicode: true }), "VARCHAR(30) UNICODE"],
    [mysql.CHAR(3, { charset: "latin1" }), "CHAR(3) CHARACTER SET latin1"],
    [mysql.NCHAR(3), "NATIONAL CHAR(3)"],
    [mysql.NVARCHAR(3), "NATIONAL VARCHAR(3)"],
    [mysql.TEXT(1000), "TEXT(1000)"],
    [
      mysql.TEXT(undefined, { charset: "utf8mb4", collation: "utf8mb4_bin" }),
      "TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
    ],
    [mysql.TINYTEXT(), "TINYTEXT"],
    [mysql.MEDIUMTEXT(), "MEDIUMTEXT"],
    [mysql.LONGTEXT(undefined, { charset: "utf8mb4" }), "LONGTEXT CHARACTER SET utf8mb4"],
    [mysql.ENUM("a", "b'x"), "ENUM('a','b''x')"],
    [
      mysql.ENUM("a", "b", { charset: "utf8mb4", collation: "utf8mb4_bin" }),
      "ENUM('a','b') CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
    ],
    [mysql.SET("a", "b"), "SET('a','b')"],
    [mysql.JSON(), "JSON"],
    [mysql.BIT(), "BIT"],
    [mysql.BIT(8), "BIT(8)"],
    [mysql.YEAR(), "YEAR"],
    [mysql.YEAR(4), "YEAR(4)"],
    [mysql.DECIMAL(), "DECIMAL"],
    [
      mysql.DECIMAL({ precision: 10, scale: 2, unsigned: true, zerofill: true }),
      "DECIMAL(10, 2) UNSIGNED ZEROFILL",
    ],
    [mysql.NUMERIC({ precision: 10, scale: 2 }), "NUMERIC(10, 2)"],
    [mysql.DOUBLE({ precision: 10, scale: 2 }), "DOUBLE(10, 2)"],
    [mysql.DOUBLE({ unsigned: true }), "DOUBLE UNSIGNED"],
    [mysql.FLOAT({ precision: 10 }), "FLOAT(10)"],
    [mysql.FLOAT({ precision: 10, scale: 2 }), "FLOAT(10, 2)"],
    [mysql.REAL({ precision: 10, scale: 2 }), "REAL(10, 2)"],
    [mysql.TINYBLOB(), "TINYBLOB"],
    [mysql.MEDIUMBLOB(), "MEDIUMBLOB"],
    [mysql.LONGBLOB(), "LONGBLOB"],
    [mysql.VARBINARY(3), "VARBINARY(3)"],
  ];
  for (const [type, expected] of cases) {
    it(expected, () => {
      expect(my.typeCompiler.process(type)).toBe(expected);
    });
  }
});
