/**
 * Property tests of `literalBinds` string rendering, checked against a real SQLite.
 *
 * For any string `s`, `select(literal(s))` compiled with `literalBinds: true` for SQLite must be
 * SQL that SQLite evaluates to exactly `s`, and must contain no bind placeholder. Without
 * `literalBinds`, the value must travel as a parameter and never be spliced into the SQL.
 *
 * Characters that need their own cases (kept in the properties below, not excluded silently):
 * - NUL (U+0000): SQLite's tokenizer stops a string literal at a NUL byte, so `'a<NUL>b'` fails
 *   with `unrecognized token: "'a"` (checked below against SQLite itself). A NUL can only be
 *   written as an expression such as `'a' || char(0) || 'b'`.
 * - U+0001, U+0002, U+0003: the compiler uses these as internal markers for bind placeholders and
 *   empty IN lists (see BIND_MARK_RE in src/sql/compiler/sql-compiler.ts), so a literal
 *   containing them must not be mistaken for a marker.
 * Lone surrogates are not generated (fast-check's "binary" unit excludes them): they have no
 * UTF-8 form, so no driver can send them to SQLite unchanged.
 */
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { sqlite } from "../src/dialects/index.js";
import * as sa from "../src/index.js";

const db = new Database(":memory:");
afterAll(() => db.close());

/** Fragments that matter to SQL quoting and to placeholder scanners. */
const TRICKY = [
  "'",
  "''",
  '"',
  "\\",
  "\\'",
  "%",
  "%%",
  "%s",
  "%(name)s",
  "?",
  "?1",
  "$1",
  "$$",
  ":name",
  ":1",
  "@x",
  "--",
  "/*",
  "*/",
  ";",
  "\n",
  "\r\n",
  "\t",
  " ",
  "é",
  "ß",
  "日本",
  "😀",
  "\u200b",
  "\ufeff",
  "\u2028",
];

/** Compiler-internal marker characters (bind marks and the empty-IN marker). */
const MARKERS = ["\u0001", "\u0002", "\u0003", "\u0001x\u0002", "\u0001param_1\u0002", "\u0003EMPTY\u0003"];

/** A string built from tricky fragments and arbitrary code points (optionally the special ones). */
function sqlString(opts: { nul: boolean; markers: boolean }): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 3, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }) },
    ...(opts.markers ? [{ weight: 1, arbitrary: fc.constantFrom(...MARKERS) }] : []),
    ...(opts.nul ? [{ weight: 1, arbitrary: fc.constant("\u0000") }] : []),
  );
  const s = fc.string({ unit, maxLength: 30 });
  return s.filter((x) => (opts.nul || !x.includes("\u0000")) && (opts.markers || !/[\u0001-\u0003]/.test(x)));
}

const PARAMSTYLES = ["qmark", "numeric", "named"] as const;

/** Compiles `select(literal(s))` with literal binds for SQLite and returns the Compiled. */
function compileLiteral(s: string, paramstyle: sa.Paramstyle = "qmark"): sa.Compiled {
  return sa.select(sa.literal(s)).compile({ dialect: sqlite.dialect({ paramstyle }), literalBinds: true });
}

/** SQLite's value for SQL with no parameters (throws if the SQL still has a placeholder). */
function evaluate(sql: string): unknown {
  return db.prepare(sql).pluck().get();
}

/**
 * Checks that `c` has no binds and that its SQL, outside the single string literal (or
 * concatenation of literals and char() calls), has no placeholder text.
 */
function expectNoPlaceholders(c: sa.Compiled): void {
  expect(c.binds.size).toBe(0);
  expect(c.params).toEqual({});
  expect(c.positiontup ?? []).toEqual([]);
  expect(c.postCompileParams.size).toBe(0);
  const m = /^SELECT ([\s\S]*) AS anon_1$/.exec(c.string);
  expect(m, `unexpected SQL shape: ${JSON.stringify(c.string)}`).not.toBeNull();
  // strip the quoted literals; what remains must be operators/char() calls only, not placeholders
  const outside = m![1].replace(/'(?:[^']|'')*'/g, "");
  expect(outside).not.toMatch(/[?$:@%]/);
}

/** Round-trips `s` through the compiler and SQLite, asserting the SQL has no placeholder. */
function roundTrip(s: string, paramstyle: sa.Paramstyle): void {
  const c = compileLiteral(s, paramstyle);
  expectNoPlaceholders(c);
  expect(evaluate(c.string)).toBe(s);
}

describe("literalBinds: string literals round-trip through SQLite", () => {
  for (const paramstyle of PARAMSTYLES) {
    it(`property: quotes, backslashes, %, ?, $1, :name, newlines, unicode (paramstyle ${paramstyle})`, () => {
      // NUL and the U+0001..U+0003 marker characters are excluded here ONLY so that a failure
      // of this property points at ordinary quoting; they are covered by the properties and
      // cases below, which include them.
      fc.assert(
        fc.property(sqlString({ nul: false, markers: false }), (s) => roundTrip(s, paramstyle)),
        { numRuns: 300 },
      );
    });
  }

  it("property: any code point, including NUL and U+0001..U+0003", () => {
    fc.assert(
      fc.property(sqlString({ nul: true, markers: true }), (s) => roundTrip(s, "qmark")),
      { numRuns: 300 },
    );
  });

  it("property: fast-check's full 'binary' strings (every code point)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => roundTrip(s, "qmark")),
      { numRuns: 300 },
    );
  });

  it.each([
    ["empty string", ""],
    ["a single quote", "'"],
    ["doubled quotes", "it''s"],
    ["quote at both ends", "'x'"],
    ["backslash before a quote", "\\'"],
    ["trailing backslash", "x\\"],
    ["placeholder lookalikes", "? $1 :name %s %(x)s @p ?2"],
    ["comment openers", "-- /* */"],
    ["statement separator", "x'; DROP TABLE t; --"],
    ["newlines", "a\nb\r\nc"],
    ["astral plane", "😀𝄞"],
  ])("%s round-trips", (_name, s) => {
    roundTrip(s, "qmark");
  });
});

describe("literalBinds: NUL and compiler marker characters", () => {
  it("SQLite itself cannot read NUL inside a quoted literal (why NUL needs char(0))", () => {
    expect(() => db.prepare("SELECT 'a\u0000b'").pluck().get()).toThrow(/unrecognized token/);
    expect(db.prepare("SELECT 'a' || char(0) || 'b'").pluck().get()).toBe("a\u0000b");
    expect(db.prepare("SELECT ?").pluck().get("a\u0000b")).toBe("a\u0000b");
  });

  it.each([
    ["a NUL in the middle", "a\u0000b"],
    ["only a NUL", "\u0000"],
    ["NUL next to a quote", "'\u0000'"],
  ])("%s round-trips", (_name, s) => {
    roundTrip(s, "qmark");
  });

  it.each([
    ["a bind-mark lookalike", "\u0001x\u0002"],
    ["a bind-mark lookalike naming a real bind", "\u0001param_1\u0002"],
    ["a lone U+0001", "a\u0001b"],
    ["the empty-IN marker", "\u0003EMPTY\u0003"],
  ])("%s is kept verbatim", (_name, s) => {
    roundTrip(s, "qmark");
  });
});

describe("without literalBinds the value is a parameter", () => {
  const nasty = "x'); DROP TABLE users; -- ? $1 :name %s \\ 😀";

  it.each(PARAMSTYLES)("paramstyle %s: the SQL has a placeholder and no trace of the value", (ps) => {
    const c = sa.select(sa.literal(nasty)).compile({ dialect: sqlite.dialect({ paramstyle: ps }) });
    const placeholder = { qmark: "?", numeric: ":1", named: ":param_1" }[ps];
    expect(c.string).toBe(`SELECT ${placeholder} AS anon_1`);
    expect(c.string).not.toContain("DROP");
    expect(c.params).toEqual({ param_1: nasty });
  });

  it("the qmark statement runs in SQLite with the value as a parameter", () => {
    const c = sa.select(sa.literal(nasty)).compile({ dialect: sqlite.dialect() });
    expect(c.positionalParameters()).toEqual([nasty]);
    expect(
      db
        .prepare(c.string)
        .pluck()
        .get(...c.positionalParameters()),
    ).toBe(nasty);
  });

  it("property: any string is sent as a parameter, never spliced", () => {
    fc.assert(
      fc.property(sqlString({ nul: true, markers: true }), (s) => {
        const c = sa.select(sa.literal(s)).compile({ dialect: sqlite.dialect() });
        expect(c.string).toBe("SELECT ? AS anon_1");
        expect(c.positionalParameters()).toEqual([s]);
        expect(
          db
            .prepare(c.string)
            .pluck()
            .get(...c.positionalParameters()),
        ).toBe(s);
      }),
      { numRuns: 200 },
    );
  });
});
