/**
 * The SQLite CREATE TABLE / CREATE INDEX reader behind reflection: quoting in all four styles,
 * comments, nested parentheses and commas inside expressions and strings.
 */
import { describe, expect, it } from "vitest";
import { parseCreateIndex, parseCreateTable } from "../../../src/dialects/sqlite/ddl-parser.js";
import { tokenize } from "../../../src/dialects/sqlite/ddl-tokens.js";
import { sortTablesAndFks } from "../../../src/engine/reflection/sorted-tables.js";

describe("SQLite DDL tokens", () => {
  it("unquotes the four identifier styles and skips comments", () => {
    const values = tokenize(`"a ""b""" [c d] \`e\`\`f\` 'g''h' -- x\n /* y */ 1.5e3`).map((t) => [
      t.kind,
      t.value,
    ]);
    expect(values).toEqual([
      ["quoted", 'a "b"'],
      ["quoted", "c d"],
      ["quoted", "e`f"],
      ["string", "g'h"],
      ["number", "1.5e3"],
    ]);
  });
});

describe("parseCreateTable", () => {
  it("reads column and table constraints with their names", () => {
    const t = parseCreateTable(`CREATE TABLE IF NOT EXISTS main."t" (
      id INTEGER CONSTRAINT pk PRIMARY KEY AUTOINCREMENT,
      name VARCHAR(20) NOT NULL CONSTRAINT "uq name" UNIQUE DEFAULT ('a,b') CHECK (name <> ')'),
      p INTEGER REFERENCES parent ON UPDATE CASCADE MATCH FULL DEFERRABLE INITIALLY DEFERRED,
      g AS (id * 2) VIRTUAL,
      CONSTRAINT u2 UNIQUE (name COLLATE NOCASE, p),
      FOREIGN KEY (p, id) REFERENCES other (x, y) ON DELETE NO ACTION,
      CHECK (id > 0)
    ) WITHOUT ROWID`)!;
    expect(t.columns.map((c) => [c.name, c.type, c.primaryKey, c.autoincrement, c.computed])).toEqual([
      ["id", "INTEGER", true, true, null],
      ["name", "VARCHAR(20)", false, false, null],
      ["p", "INTEGER", false, false, null],
      ["g", "", false, false, "id * 2"],
    ]);
    expect(t.primaryKeyName).toBe("pk");
    expect(t.uniques).toEqual([
      { name: "uq name", columns: ["name"] },
      { name: "u2", columns: ["name", "p"] },
    ]);
    expect(t.checks).toEqual([
      { name: null, sqltext: "name <> ')'" },
      { name: null, sqltext: "id > 0" },
    ]);
    expect(t.foreignKeys).toEqual([
      {
        name: null,
        columns: ["p"],
        referredTable: "parent",
        referredColumns: [],
        options: { onupdate: "CASCADE", match: "FULL", deferrable: true, initially: "DEFERRED" },
      },
      { name: null, columns: ["p", "id"], referredTable: "other", referredColumns: ["x", "y"], options: {} },
    ]);
    expect(t.withoutRowid).toBe(true);
  });

  it("is null for what is not a plain CREATE TABLE", () => {
    expect(parseCreateTable("CREATE VIEW v AS SELECT 1")).toBeNull();
    expect(parseCreateTable("CREATE VIRTUAL TABLE f USING fts5(x)")).toBeNull();
    expect(parseCreateTable("CREATE TABLE t AS SELECT 1 AS x")).toBeNull();
  });
});

describe("parseCreateIndex", () => {
  it("separates columns from expressions and reads the predicate", () => {
    expect(
      parseCreateIndex(`CREATE UNIQUE INDEX "ix" ON t (lower("a b"), c DESC, d COLLATE NOCASE) WHERE c > 0`),
    ).toEqual({
      elements: [
        { column: null, text: 'lower("a b")' },
        { column: "c", text: "c" },
        { column: "d", text: "d" },
      ],
      where: "c > 0",
    });
  });
});

describe("sortTablesAndFks", () => {
  it("orders by dependency and sets the FKs of a cycle aside", () => {
    const fks = new Map([
      ["a", [{ name: "fk_a_b", referredTable: "b" }]],
      ["b", [{ name: "fk_b_a", referredTable: "a" }]],
      ["c", [{ name: "fk_c_b", referredTable: "b" }]],
    ]);
    expect(sortTablesAndFks(["c", "b", "a"], fks)).toEqual([
      ["b", []],
      ["a", []],
      ["c", ["fk_c_b"]],
      [
        null,
        expect.arrayContaining([
          ["a", "fk_a_b"],
          ["b", "fk_b_a"],
        ]),
      ],
    ]);
  });
});
