/**
 * MySQL / MariaDB compilation without a server: the empty tuple IN, RETURNING refused where the
 * server lacks it, fractional-second types, parenthesised expression defaults (by server
 * version, as SQLAlchemy's `_support_default_function`), MariaDB's `nextval(seq)`, and the
 * SHOW CREATE TABLE parser and type mapping behind reflection (fed MariaDB's and MySQL 8's
 * output).
 */
import { describe, expect, it } from "vitest";
import * as mysql from "../../src/dialects/mysql/index.js";
import { parseShowCreateTable, parseType } from "../../src/dialects/mysql/reflection-parser.js";
import { mysqlType } from "../../src/dialects/mysql/reflection-types.js";
import * as postgresql from "../../src/dialects/postgresql/index.js";
import * as sa from "../../src/index.js";

const mariadb = (v: number[] = [10, 11, 2]) => mysql.dialect({ isMariadb: true, serverVersion: v });
const mysql8 = (v: number[] = [8, 0, 36]) => mysql.dialect({ serverVersion: v });
/** As SQLAlchemy's assert_compile compares: newlines and tabs deleted. */
const flat = (sql: string) => sql.replace(/[\n\t]/g, "");

const meta = new sa.MetaData();
const pairs = new sa.Table(
  "pairs",
  meta,
  new sa.Column("a", sa.Integer, { primaryKey: true }),
  new sa.Column("b", sa.String(10)),
);

describe("empty IN lists", () => {
  it("an empty tuple IN renders SQLAlchemy's ((NULL, NULL)) form (its MySQL empty set is not used for IN)", () => {
    const q = sa.select(pairs.c.a).where(sa.tuple(pairs.c.a, pairs.c.b).in([]));
    expect(flat(q.compile({ dialect: mariadb(), renderPostcompile: true }).string)).toBe(
      "SELECT pairs.a FROM pairs WHERE (pairs.a, pairs.b) IN ((NULL, NULL)) AND (1 != 1)",
    );
    const neg = sa.select(pairs.c.a).where(sa.tuple(pairs.c.a, pairs.c.b).notIn([]));
    expect(flat(neg.compile({ dialect: mysql8(), renderPostcompile: true }).string)).toBe(
      "SELECT pairs.a FROM pairs WHERE ((pairs.a, pairs.b) NOT IN ((NULL, NULL)) OR (1 = 1))",
    );
    // what the engine puts in place of an expanding list that is empty at execution
    const compiled = q.compile({ dialect: mariadb() });
    expect(compiled.emptySetExpr("in", 3)).toBe("(NULL, NULL, NULL)) AND (1 != 1");
  });

  it("a single-column empty IN keeps the generic form", () => {
    const q = sa.select(pairs.c.a).where(pairs.c.a.in([]));
    expect(flat(q.compile({ dialect: mariadb(), renderPostcompile: true }).string)).toBe(
      "SELECT pairs.a FROM pairs WHERE pairs.a IN (NULL) AND (1 != 1)",
    );
  });
});

describe("RETURNING is rendered whatever the server, as in SQLAlchemy (the server rejects it)", () => {
  it("UPDATE, INSERT and DELETE … RETURNING", () => {
    const upd = sa.update(pairs).values({ b: "x" }).returning(pairs.c.a);
    expect(flat(upd.compile({ dialect: mariadb() }).string)).toBe("UPDATE pairs SET b=%s RETURNING pairs.a");
    const ins = sa.insert(pairs).values({ a: 1 }).returning(pairs.c.a);
    const del = sa.delete(pairs).returning(pairs.c.a);
    expect(flat(ins.compile({ dialect: mariadb() }).string)).toBe(
      "INSERT INTO pairs (a) VALUES (%s) RETURNING pairs.a",
    );
    expect(flat(del.compile({ dialect: mysql8() }).string)).toBe("DELETE FROM pairs RETURNING pairs.a");
  });
});

describe("fractional-second types", () => {
  it("DATETIME, TIMESTAMP and TIME take fsp; generic DateTime and Time stay whole seconds", () => {
    const t = new sa.Table(
      "temporal",
      new sa.MetaData(),
      new sa.Column("a", sa.DateTime),
      new sa.Column("b", mysql.DATETIME({ fsp: 6 })),
      new sa.Column("c", mysql.TIMESTAMP({ fsp: 3 })),
      new sa.Column("d", mysql.TIMESTAMP, { nullable: false }),
      new sa.Column("e", mysql.TIME({ fsp: 6 })),
      new sa.Column("f", sa.Time),
      new sa.Column("g", mysql.INTEGER({ unsigned: true })),
      new sa.Column("h", mysql.BIGINT({ unsigned: true, zerofill: true, displayWidth: 20 })),
    );
    expect(flat(new sa.CreateTable(t).compile({ dialect: mysql8() }).string)).toBe(
      "CREATE TABLE temporal (a DATETIME, b DATETIME(6), c TIMESTAMP(3) NULL, d TIMESTAMP NOT NULL, e TIME(6), f TIME, g INTEGER UNSIGNED, h BIGINT(20) UNSIGNED ZEROFILL)",
    );
    // elsewhere they are their generic types
    expect(sa.select(sa.cast(t.c.b, mysql.DATETIME({ fsp: 6 }))).compile({ dialect: mysql8() }).string).toBe(
      "SELECT CAST(temporal.b AS DATETIME) AS b \nFROM temporal",
    );
    expect(new sa.CreateTable(t).compile({ dialect: postgresql.dialect() }).string).toContain(
      "b TIMESTAMP WITHOUT TIME ZONE",
    );
  });

  it("types with different options do not share a cache key", () => {
    expect(mysql.DATETIME({ fsp: 6 }).cacheKeyPart()).not.toBe(mysql.DATETIME({ fsp: 3 }).cacheKeyPart());
    expect(mysql.DATETIME({ fsp: 6 }).cacheKeyPart()).not.toBe(sa.DateTime().cacheKeyPart());
    expect(mysql.INTEGER({ unsigned: true }).cacheKeyPart()).not.toBe(sa.Integer().cacheKeyPart());
  });
});

describe("expression server defaults", () => {
  const table = () =>
    new sa.Table(
      "testtbl",
      new sa.MetaData(),
      new sa.Column("time", sa.DateTime, { serverDefault: sa.func.current_timestamp() }),
      new sa.Column("name", sa.String(255), { serverDefault: "some str" }),
      new sa.Column("description", sa.String(255), { serverDefault: sa.func.lower("hi") }),
      new sa.Column("data", sa.JSON, { serverDefault: sa.func.json_object() }),
      new sa.Column("updated1", sa.DateTime, { serverDefault: sa.text("now() on update now()") }),
      new sa.Column("updated4", sa.DateTime, { serverDefault: sa.text("now(3)") }),
      new sa.Column("updated6", sa.DateTime, { serverDefault: sa.text("notnow(1)") }),
      new sa.Column("updated7", sa.DateTime, { serverDefault: sa.text("CURRENT_TIMESTAMP(3)") }),
      new sa.Column("n", sa.Integer, { serverDefault: sa.text("40 + 2") }),
    );
  const withParens =
    "CREATE TABLE testtbl (time DATETIME DEFAULT CURRENT_TIMESTAMP, name VARCHAR(255) DEFAULT 'some str', " +
    "description VARCHAR(255) DEFAULT (lower('hi')), data JSON DEFAULT (json_object()), " +
    "updated1 DATETIME DEFAULT now() on update now(), updated4 DATETIME DEFAULT now(3), " +
    "updated6 DATETIME DEFAULT (notnow(1)), updated7 DATETIME DEFAULT CURRENT_TIMESTAMP(3), n INTEGER DEFAULT (40 + 2))";
  const bare = withParens
    .replace("(lower('hi'))", "lower('hi')")
    .replace("(json_object())", "json_object()")
    .replace("(notnow(1))", "notnow(1)")
    .replace("(40 + 2)", "40 + 2");

  // SQLAlchemy's test_create_server_default_with_function_using
  for (const [version, isMariadb, parens] of [
    [[10, 2, 2], true, true],
    [[10, 2, 1], true, true],
    [[10, 2, 0], true, false],
    [[8, 0, 14], false, true],
    [[8, 0, 13], false, true],
    [[8, 0, 12], false, false],
  ] as [number[], boolean, boolean][]) {
    it(`${isMariadb ? "MariaDB" : "MySQL"} ${version.join(".")}: ${parens ? "in parentheses" : "bare"}`, () => {
      const dialect = mysql.dialect({ isMariadb, serverVersion: version });
      expect(flat(new sa.CreateTable(table()).compile({ dialect }).string)).toBe(parens ? withParens : bare);
    });
  }
});

describe("MariaDB sequences", () => {
  it("nextval(seq) takes the sequence as an identifier; the key comes back by RETURNING", () => {
    const seq = new sa.Sequence("ticket_id_seq", { start: 100 });
    const t = new sa.Table(
      "tickets",
      new sa.MetaData(),
      new sa.Column("id", sa.Integer, seq, { primaryKey: true }),
      new sa.Column("title", sa.String(20)),
    );
    const c = sa.insert(t).compile({ dialect: mariadb(), columnKeys: ["title"] });
    expect(flat(c.string)).toBe(
      "INSERT INTO tickets (id, title) VALUES (nextval(ticket_id_seq), %s) RETURNING tickets.id",
    );
    expect(flat(new sa.CreateTable(t).compile({ dialect: mariadb() }).string)).toBe(
      "CREATE TABLE tickets (id INTEGER NOT NULL, title VARCHAR(20), PRIMARY KEY (id))",
    );
  });
});

describe("SHOW CREATE TABLE parsing", () => {
  it("reads MariaDB's output: defaults, ON UPDATE, generated columns, inline CHECKs, keys, options", () => {
    const t = parseShowCreateTable(
      [
        "CREATE TABLE `x``y` (",
        "  `a``b` int(11) DEFAULT (1 + 1) COMMENT 'it''s \\\\ a \"c\"',",
        "  `b` varchar(20) DEFAULT 'o''k, (really)',",
        "  `c` datetime(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),",
        "  `data` longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL CHECK (json_valid(`data`)),",
        "  `qty` int(11) DEFAULT 1 CHECK (`qty` > 0),",
        "  `d2` int(11) GENERATED ALWAYS AS (`qty` * 2) STORED,",
        "  `e` enum('a','b''c') DEFAULT NULL,",
        "  `m` mediumint(8) unsigned zerofill DEFAULT NULL,",
        "  `id` int(11) NOT NULL AUTO_INCREMENT,",
        "  PRIMARY KEY (`id`),",
        "  UNIQUE KEY `h` (`b`) USING HASH,",
        "  KEY `k``1` (`b`(3) DESC,`e`) COMMENT 'idx c',",
        "  CONSTRAINT `fk x` FOREIGN KEY (`qty`) REFERENCES `other`.`t2` (`id`) ON DELETE SET NULL ON UPDATE CASCADE,",
        "  CONSTRAINT `ck1` CHECK (`qty` < 100)",
        ") ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='a''b'",
      ].join("\n"),
    );
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(t.columns.map((c) => c.name)).toEqual(["a`b", "b", "c", "data", "qty", "d2", "e", "m", "id"]);
    // expression defaults keep the parentheses the server prints, as SQLAlchemy's parser does
    expect(col("a`b")).toMatchObject({ default: "(1 + 1)", comment: 'it\'s \\ a "c"' });
    expect(col("b").default).toBe("'o''k, (really)'");
    expect(col("c")).toMatchObject({
      nullable: false,
      default: "current_timestamp(3) ON UPDATE current_timestamp(3)",
    });
    expect(col("c").type).toMatchObject({ name: "datetime", args: "3" });
    expect(col("data")).toMatchObject({ check: "json_valid(`data`)", default: null });
    expect(col("data").type).toMatchObject({ charset: "utf8mb4", collate: "utf8mb4_bin" });
    expect(col("qty")).toMatchObject({ default: "1", check: "`qty` > 0" });
    expect(col("d2").computed).toEqual({ sqltext: "(`qty` * 2)", persisted: true });
    expect(col("e").type.args).toBe("'a','b''c'");
    expect(col("m").type).toMatchObject({ name: "mediumint", unsigned: true, zerofill: true });
    expect(col("id")).toMatchObject({ autoIncrement: true, nullable: false });
    expect(t.keys).toEqual([
      {
        kind: "PRIMARY",
        name: null,
        parts: [{ column: "id", expression: null, length: null, desc: false }],
        using: null,
        parser: null,
        comment: null,
      },
      {
        kind: "UNIQUE",
        name: "h",
        parts: [{ column: "b", expression: null, length: null, desc: false }],
        using: "HASH",
        parser: null,
        comment: null,
      },
      {
        kind: null,
        name: "k`1",
        parts: [
          { column: "b", expression: null, length: 3, desc: true },
          { column: "e", expression: null, length: null, desc: false },
        ],
        using: null,
        parser: null,
        comment: "idx c",
      },
    ]);
    expect(t.foreignKeys).toEqual([
      {
        name: "fk x",
        columns: ["qty"],
        refSchema: "other",
        refTable: "t2",
        refColumns: ["id"],
        match: null,
        ondelete: "SET NULL",
        onupdate: "CASCADE",
      },
    ]);
    expect(t.checks).toEqual([{ name: "ck1", sqltext: "`qty` < 100" }]);
    expect(t.options).toEqual([
      ["ENGINE", "InnoDB"],
      ["AUTO_INCREMENT", "5"],
      ["DEFAULT CHARSET", "utf8mb4"],
      ["COLLATE", "utf8mb4_general_ci"],
      ["COMMENT", "a'b"],
    ]);
  });

  it("reads MySQL 8's output: functional key parts, doubled parentheses, version comments", () => {
    const t = parseShowCreateTable(
      [
        "CREATE TABLE `t` (",
        "  `id` int NOT NULL AUTO_INCREMENT,",
        "  `name` varchar(50) NOT NULL,",
        "  `d2` int GENERATED ALWAYS AS ((`id` * 2)) VIRTUAL,",
        "  `h` int DEFAULT NULL /*!80023 INVISIBLE */,",
        "  `j` json DEFAULT (json_object()),",
        "  PRIMARY KEY (`id`),",
        "  KEY `ix_lower` ((lower(`name`))),",
        "  FULLTEXT KEY `ft` (`name`) /*!50100 WITH PARSER `ngram` */ ,",
        "  CONSTRAINT `t_chk_1` CHECK ((`id` > 0))",
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci",
      ].join("\n"),
    );
    expect(t.columns.find((c) => c.name === "d2")!.computed).toEqual({
      sqltext: "((`id` * 2))",
      persisted: false,
    });
    expect(t.columns.find((c) => c.name === "h")).toMatchObject({ default: null, nullable: true });
    expect(t.columns.find((c) => c.name === "j")!.default).toBe("(json_object())");
    expect(t.keys[1]).toMatchObject({
      name: "ix_lower",
      parts: [{ column: null, expression: "lower(`name`)", length: null, desc: false }],
    });
    expect(t.keys[2]).toMatchObject({ kind: "FULLTEXT", name: "ft", parser: "ngram" });
    expect(t.checks).toEqual([{ name: "t_chk_1", sqltext: "`id` > 0" }]);
  });

  it('reads identifiers quoted with " under ANSI_QUOTES', () => {
    const t = parseShowCreateTable(
      ['CREATE TABLE "q" (', '  "a""b" int(11) NOT NULL,', '  PRIMARY KEY ("a""b")', ")"].join("\n"),
      '"',
    );
    expect(t.columns.map((c) => c.name)).toEqual(['a"b']);
    expect(t.keys[0].parts[0].column).toBe('a"b');
  });

  it("maps column types back to alkahest types", () => {
    const ddl = (printed: string, json = false) =>
      mysql8().typeCompiler.process(mysqlType(parseType(printed), "mysql", json));
    const cls = (printed: string) => mysqlType(parseType(printed), "mysql", false);
    expect(cls("tinyint(1)")).toBeInstanceOf(sa.BooleanType);
    expect(cls("tinyint(4)")).toBeInstanceOf(mysql.TINYINTType);
    expect(cls("int(11)")).toBeInstanceOf(sa.IntegerType);
    expect(ddl("int(10) unsigned")).toBe("INTEGER UNSIGNED");
    expect(ddl("bigint(20) unsigned")).toBe("BIGINT UNSIGNED");
    expect(cls("bigint(20)")).toBeInstanceOf(sa.BigIntegerType);
    expect(cls("decimal(10,2)")).toMatchObject({ precision: 10, scale: 2 });
    expect(ddl("datetime(6)")).toBe("DATETIME(6)");
    expect(ddl("timestamp")).toBe("TIMESTAMP");
    expect(ddl("time(3)")).toBe("TIME(3)");
    expect(cls("enum('a','it''s')")).toMatchObject({ enums: ["a", "it's"] });
    expect(ddl("char(32)")).toBe("CHAR(32)");
    expect(cls("char(32)")).toMatchObject({ length: 32 });
    expect(ddl("longtext", true)).toBe("JSON");
    expect(ddl("mediumblob")).toBe("MEDIUMBLOB");
    expect(ddl("set('a','b')")).toBe("SET('a','b')");
    expect(ddl("varchar(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci")).toBe(
      "VARCHAR(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci",
    );
  });
});
