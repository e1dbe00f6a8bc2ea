/**
 * Structural cache keys (`stmt.cacheKey()`), SQLAlchemy's `_generate_cache_key()`:
 * - statements that differ only in bound values share a key (and therefore compile to the same SQL);
 * - statements that differ in structure have different keys;
 * - a Compiled of statement A re-used for statement B (same key) gives B's parameters through
 *   `compiledA.constructParams(null, B.cacheKey().binds)`, as the engine's compiled cache does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mysql, postgresql, sqlite } from "../src/dialects/index.js";
import * as sa from "../src/index.js";
import { keyPartId } from "../src/sql/cache-key.js";

const meta = new sa.MetaData();
const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(30), { nullable: false }),
  new sa.Column("fullname", sa.String(50)),
);
const addresses = new sa.Table(
  "addresses",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id")),
  new sa.Column("email", sa.String(50), { nullable: false }),
);
/** Same shape as `users`, another table. */
const people = new sa.Table(
  "people",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(30), { nullable: false }),
  new sa.Column("fullname", sa.String(50)),
);

type Stmt = sa.ClauseElement;
type CacheKey = NonNullable<ReturnType<Stmt["cacheKey"]>>;

function cacheKeyOf(stmt: Stmt): CacheKey {
  const k = stmt.cacheKey();
  expect(k, "statement should be cacheable").not.toBeNull();
  return k!;
}

const DIALECTS: [string, () => sa.Dialect][] = [
  // the generic dialect renders multi-VALUES only when told it may (SQLAlchemy raises otherwise)
  ["default", () => new sa.DefaultDialect({ supportsMultivaluesInsert: true })],
  ["sqlite", () => sqlite.dialect()],
  ["postgresql", () => postgresql.dialect()],
  ["mysql", () => mysql.dialect()],
];

/**
 * Compiles `stmt`, making sure the Compiled carries the statement's cache key. The compile path
 * is expected to set `compiled.cacheKey` itself (see the "compile() sets compiled.cacheKey"
 * tests); when it does not, it is set here so that the re-use checks still run.
 */
function compileWithKey(stmt: Stmt, dialect: sa.Dialect): sa.Compiled {
  const c = stmt.compile({ dialect });
  if (c.cacheKey === null) c.cacheKey = stmt.cacheKey();
  return c;
}

/** A and B share a key, the same SQL on every dialect, and A's Compiled gives B's params. */
function expectReusable(a: Stmt, b: Stmt): void {
  const ka = cacheKeyOf(a);
  const kb = cacheKeyOf(b);
  expect(kb.key).toBe(ka.key);
  expect(kb.binds.length).toBe(ka.binds.length);
  for (const [name, make] of DIALECTS) {
    const compiledA = compileWithKey(a, make());
    const compiledB = b.compile({ dialect: make() });
    expect(compiledB.string, `${name}: same key, same SQL`).toBe(compiledA.string);
    expect(compiledA.constructParams(null, kb.binds), `${name}: re-used params`).toEqual(compiledB.params);
    if (compiledA.positiontup) {
      expect(compiledA.positiontup, `${name}: same positional order`).toEqual(compiledB.positiontup);
    }
  }
}

// ---- equal keys --------------------------------------------------------------------------------

const sameKeyCases: [string, () => Stmt, () => Stmt][] = [
  [
    "WHERE values",
    () => sa.select(users.c.id).where(users.c.id.eq(5), users.c.name.eq("a")),
    () => sa.select(users.c.id).where(users.c.id.eq(7), users.c.name.eq("it's")),
  ],
  [
    "IN-list lengths",
    () => sa.select(users.c.id).where(users.c.id.in([1])),
    () => sa.select(users.c.id).where(users.c.id.in([1, 2, 3, 4])),
  ],
  [
    "an empty IN list and a non-empty one",
    () => sa.select(users.c.id).where(users.c.id.in([])),
    () => sa.select(users.c.id).where(users.c.id.in([1, 2])),
  ],
  [
    "LIMIT/OFFSET values",
    () => sa.select(users.c.id).limit(5).offset(10),
    () => sa.select(users.c.id).limit(50).offset(0),
  ],
  [
    "INSERT values",
    () => sa.insert(users).values({ name: "a", fullname: "A" }),
    () => sa.insert(users).values({ name: "b", fullname: null }),
  ],
  [
    "multi-VALUES INSERT with the same number of rows",
    () =>
      sa.insert(users).values([
        { name: "a", fullname: "A" },
        { name: "b", fullname: "B" },
      ]),
    () =>
      sa.insert(users).values([
        { name: "c", fullname: "C" },
        { name: "d", fullname: null },
      ]),
  ],
  [
    "UPDATE values and WHERE values",
    () => sa.update(users).where(users.c.id.eq(1)).values({ name: "a" }),
    () => sa.update(users).where(users.c.id.eq(2)).values({ name: "b" }),
  ],
  [
    "DELETE WHERE values",
    () => sa.delete(users).where(users.c.name.like("a%")),
    () => sa.delete(users).where(users.c.name.like("%b")),
  ],
  ["literal values of one type", () => sa.select(sa.literal("a")), () => sa.select(sa.literal("zz"))],
  [
    "BETWEEN bounds",
    () => sa.select(users.c.id).where(users.c.id.between(1, 2)),
    () => sa.select(users.c.id).where(users.c.id.between(10, 20)),
  ],
  [
    "function arguments",
    () => sa.select(sa.func.coalesce(users.c.fullname, "x")),
    () => sa.select(sa.func.coalesce(users.c.fullname, "y")),
  ],
  [
    "CASE values",
    () => sa.select(sa.case([users.c.id.lt(5), "low"], { else: "high" })),
    () => sa.select(sa.case([users.c.id.lt(50), "small"], { else: "big" })),
  ],
  [
    "text() bind values",
    () => sa.text("SELECT * FROM users WHERE id = :uid").bindparams({ uid: 1 }),
    () => sa.text("SELECT * FROM users WHERE id = :uid").bindparams({ uid: 2 }),
  ],
  [
    "values inside a subquery",
    () =>
      sa.select(users.c.id).where(users.c.id.in(sa.select(addresses.c.user_id).where(addresses.c.id.gt(1)))),
    () =>
      sa.select(users.c.id).where(users.c.id.in(sa.select(addresses.c.user_id).where(addresses.c.id.gt(9)))),
  ],
  [
    "contains() with autoescape",
    () => sa.select(users.c.id).where(users.c.name.contains("a%b", { autoescape: true })),
    () => sa.select(users.c.id).where(users.c.name.contains("plain", { autoescape: true })),
  ],
];

describe("statements differing only in values share a cache key", () => {
  it.each(sameKeyCases)("%s", (_name, a, b) => {
    expect(cacheKeyOf(b()).key).toBe(cacheKeyOf(a()).key);
  });

  it.each(sameKeyCases)("%s: same SQL on every dialect, and A's Compiled gives B's params", (_name, a, b) => {
    expectReusable(a(), b());
  });
});

// ---- different keys ----------------------------------------------------------------------------

const base = () => sa.select(users.c.id, users.c.name).where(users.c.id.eq(5));

const differentKeyCases: [string, () => Stmt, () => Stmt][] = [
  ["another selected column", base, () => sa.select(users.c.id, users.c.fullname).where(users.c.id.eq(5))],
  ["another WHERE column", base, () => sa.select(users.c.id, users.c.name).where(users.c.name.eq("5"))],
  ["another operator (= vs !=)", base, () => sa.select(users.c.id, users.c.name).where(users.c.id.ne(5))],
  ["another operator (= vs <)", base, () => sa.select(users.c.id, users.c.name).where(users.c.id.lt(5))],
  ["= value vs IS NULL", base, () => sa.select(users.c.id, users.c.name).where(users.c.id.eq(null))],
  [
    "IN vs NOT IN",
    () => sa.select(users.c.id).where(users.c.id.in([1, 2])),
    () => sa.select(users.c.id).where(users.c.id.notIn([1, 2])),
  ],
  [
    "LIKE vs ILIKE",
    () => sa.select(users.c.id).where(users.c.name.like("a")),
    () => sa.select(users.c.id).where(users.c.name.ilike("a")),
  ],
  [
    "another table of the same shape",
    base,
    () => sa.select(people.c.id, people.c.name).where(people.c.id.eq(5)),
  ],
  ["label name", () => sa.select(users.c.id.label("a")), () => sa.select(users.c.id.label("b"))],
  ["label vs no label", () => sa.select(users.c.id.label("id")), () => sa.select(users.c.id)],
  [
    "JOIN vs LEFT OUTER JOIN",
    () => sa.select(users.c.id).join(addresses),
    () => sa.select(users.c.id).outerJoin(addresses),
  ],
  [
    "LEFT OUTER JOIN vs FULL OUTER JOIN",
    () => sa.select(users.c.id).selectFrom(sa.join(users, addresses, undefined, { isouter: true })),
    () =>
      sa.select(users.c.id).selectFrom(sa.join(users, addresses, undefined, { isouter: true, full: true })),
  ],
  [
    "another ON clause",
    () => sa.select(users.c.id).join(addresses, users.c.id.eq(addresses.c.user_id)),
    () => sa.select(users.c.id).join(addresses, users.c.id.eq(addresses.c.id)),
  ],
  ["DISTINCT vs not", base, () => base().distinct()],
  [
    "ORDER BY ASC vs DESC",
    () => sa.select(users.c.id).orderBy(users.c.id.asc()),
    () => sa.select(users.c.id).orderBy(users.c.id.desc()),
  ],
  [
    "ORDER BY NULLS FIRST vs NULLS LAST",
    () => sa.select(users.c.id).orderBy(users.c.id.nullsFirst()),
    () => sa.select(users.c.id).orderBy(users.c.id.nullsLast()),
  ],
  ["LIMIT vs no LIMIT", () => base().limit(5), base],
  ["LIMIT vs OFFSET", () => sa.select(users.c.id).limit(5), () => sa.select(users.c.id).offset(5)],
  ["GROUP BY vs not", () => base().groupBy(users.c.name), base],
  ["FOR UPDATE vs FOR UPDATE NOWAIT", () => base().forUpdate(), () => base().forUpdate({ nowait: true })],
  [
    "bindparam names",
    () => sa.select(users.c.id).where(users.c.id.eq(sa.bindparam("x"))),
    () => sa.select(users.c.id).where(users.c.id.eq(sa.bindparam("y"))),
  ],
  ["literal types", () => sa.select(sa.literal(1)), () => sa.select(sa.literal("1"))],
  [
    "function names",
    () => sa.select(sa.func.lower(users.c.name)),
    () => sa.select(sa.func.upper(users.c.name)),
  ],
  [
    "CAST target types",
    () => sa.select(sa.cast(users.c.name, sa.Integer)),
    () => sa.select(sa.cast(users.c.name, sa.String(10))),
  ],
  ["alias names", () => sa.select(users.alias("a").c.id), () => sa.select(users.alias("b").c.id)],
  [
    "UNION vs UNION ALL",
    () => sa.union(sa.select(users.c.id), sa.select(addresses.c.id)),
    () => sa.unionAll(sa.select(users.c.id), sa.select(addresses.c.id)),
  ],
  ["text() strings", () => sa.text("SELECT 1"), () => sa.text("SELECT 2")],
  [
    "INSERT column sets",
    () => sa.insert(users).values({ name: "a" }),
    () => sa.insert(users).values({ name: "a", fullname: "b" }),
  ],
  [
    "INSERT value vs SQL expression",
    () => sa.insert(users).values({ name: "a" }),
    () => sa.insert(users).values({ name: sa.func.lower("a") }),
  ],
  [
    "multi-VALUES INSERT row counts",
    () => sa.insert(users).values([{ name: "a" }, { name: "b" }]),
    () => sa.insert(users).values([{ name: "a" }, { name: "b" }, { name: "c" }]),
  ],
  [
    "INSERT with and without RETURNING",
    () => sa.insert(users).values({ name: "a" }),
    () => sa.insert(users).values({ name: "a" }).returning(users.c.id),
  ],
  [
    "UPDATE SET columns",
    () => sa.update(users).values({ name: "a" }),
    () => sa.update(users).values({ fullname: "a" }),
  ],
  [
    "UPDATE WHERE columns",
    () => sa.update(users).where(users.c.id.eq(1)).values({ name: "a" }),
    () => sa.update(users).where(users.c.name.eq("1")).values({ name: "a" }),
  ],
  [
    "DELETE WHERE operators",
    () => sa.delete(users).where(users.c.id.eq(1)),
    () => sa.delete(users).where(users.c.id.gt(1)),
  ],
  ["INSERT vs DELETE of the same table", () => sa.insert(users), () => sa.delete(users)],
  [
    "two anonymous aliases vs one anonymous alias used twice",
    () => {
      const a1 = users.alias();
      const a2 = users.alias();
      return sa.select(a1.c.id, a2.c.name);
    },
    () => {
      const a1 = users.alias();
      return sa.select(a1.c.id, a1.c.name);
    },
  ],
  [
    "two subqueries vs one subquery used twice",
    () => {
      const s1 = sa.select(users.c.id).subquery();
      const s2 = sa.select(users.c.id).subquery();
      return sa.select(s1.c.id, s2.c.id);
    },
    () => {
      const s1 = sa.select(users.c.id).subquery();
      return sa.select(s1.c.id, s1.c.id.label("id2"));
    },
  ],
];

describe("statements differing in structure have different cache keys", () => {
  it.each(differentKeyCases)("%s", (_name, a, b) => {
    expect(cacheKeyOf(b()).key).not.toBe(cacheKeyOf(a()).key);
  });
});

// ---- statements rebuilt per call --------------------------------------------------------------

/**
 * Applications build statements in a function called once per request. Objects created inside
 * (subqueries, aliases, CTEs, `count(*)`, literal columns, lightweight tables) are new each call,
 * so their cache key must be structural, not identity-based; otherwise the compiled cache never
 * hits and fills up with one entry per call. SQLAlchemy keys all of these structurally.
 */
const rebuiltCases: [string, (v: number) => Stmt][] = [
  [
    "a named subquery",
    (v) => {
      const s = sa.select(users.c.id).where(users.c.id.gt(v)).subquery("s");
      return sa.select(s.c.id).where(s.c.id.lt(v));
    },
  ],
  [
    "an anonymous subquery",
    (v) => {
      const s = sa.select(users.c.id).where(users.c.id.gt(v)).subquery();
      return sa.select(s.c.id);
    },
  ],
  [
    "a named table alias",
    (v) => {
      const u = users.alias("u");
      return sa.select(u.c.id).where(u.c.id.eq(v));
    },
  ],
  [
    "an anonymous table alias",
    (v) => {
      const u = users.alias();
      return sa.select(u.c.id).where(u.c.id.eq(v));
    },
  ],
  [
    "a CTE",
    (v) => {
      const c = sa.select(users.c.id).where(users.c.id.gt(v)).cte("c");
      return sa.select(c.c.id);
    },
  ],
  ["count(*)", (v) => sa.select(sa.func.count()).where(users.c.id.gt(v))],
  [
    "a scalar subquery of count(*)",
    (v) =>
      sa.select(
        users.c.id,
        sa
          .select(sa.func.count())
          .where(addresses.c.user_id.eq(users.c.id), addresses.c.id.gt(v))
          .scalarSubquery(),
      ),
  ],
  [
    "a literal column",
    (v) => sa.select(sa.literalColumn("max(id)")).selectFrom(users).where(users.c.id.gt(v)),
  ],
  ["a table-less column", (v) => sa.select(users.c.id).where(sa.column("name", sa.String).eq(String(v)))],
  [
    "a lightweight table",
    (v) => {
      const t = sa.table("t", sa.column("a", sa.Integer));
      return sa.select(t.c.a).where(t.c.a.eq(v));
    },
  ],
];

describe("statements rebuilt per call share a cache key", () => {
  // expectReusable checks the key first, then the SQL and the re-used params
  it.each(rebuiltCases)("%s", (_name, build) => {
    expectReusable(build(1), build(2));
  });
});

// ---- re-use of a Compiled ----------------------------------------------------------------------

describe("a Compiled is re-used with another statement's values", () => {
  const selectWith = (id: number, ids: number[], name: string, limit: number, offset: number) =>
    sa
      .select(users.c.id, users.c.name)
      .where(users.c.id.gt(id), users.c.id.in(ids), users.c.name.ne(name))
      .orderBy(users.c.id)
      .limit(limit)
      .offset(offset);

  it("SELECT with WHERE + IN + LIMIT/OFFSET", () => {
    const a = selectWith(1, [1, 2], "a", 10, 0);
    const b = selectWith(7, [3, 4, 5], "b", 20, 40);
    const compiledA = compileWithKey(a, new sa.DefaultDialect());
    expect(compiledA.constructParams(null, cacheKeyOf(b).binds)).toEqual(b.compile().params);
    expect(compiledA.constructParams(null, cacheKeyOf(b).binds)).toEqual({
      id_1: 7,
      id_2: [3, 4, 5],
      name_1: "b",
      param_1: 20,
      param_2: 40,
    });
    // A's own values are untouched
    expect(compiledA.params).toEqual({ id_1: 1, id_2: [1, 2], name_1: "a", param_1: 10, param_2: 0 });
    expectReusable(a, b);
  });

  it("SELECT: explicit params still override the extracted values", () => {
    const a = selectWith(1, [1], "a", 10, 0);
    const b = selectWith(2, [2], "b", 20, 5);
    const compiledA = compileWithKey(a, new sa.DefaultDialect());
    expect(compiledA.constructParams({ name_1: "override" }, cacheKeyOf(b).binds)).toEqual({
      id_1: 2,
      id_2: [2],
      name_1: "override",
      param_1: 20,
      param_2: 5,
    });
  });

  it("INSERT values", () => {
    const a = sa.insert(users).values({ id: 1, name: "a", fullname: "A" });
    const b = sa.insert(users).values({ id: 2, name: "b", fullname: null });
    const compiledA = compileWithKey(a, new sa.DefaultDialect());
    expect(compiledA.constructParams(null, cacheKeyOf(b).binds)).toEqual({
      id: 2,
      name: "b",
      fullname: null,
    });
    expectReusable(a, b);
  });

  it("multi-VALUES INSERT", () => {
    const a = sa.insert(users).values([{ name: "a" }, { name: "b" }]);
    const b = sa.insert(users).values([{ name: "c" }, { name: "d" }]);
    const compiledA = compileWithKey(a, new sa.DefaultDialect({ supportsMultivaluesInsert: true }));
    expect(compiledA.constructParams(null, cacheKeyOf(b).binds)).toEqual({ name_m0: "c", name_m1: "d" });
    expectReusable(a, b);
  });

  it("UPDATE values and WHERE", () => {
    const a = sa.update(users).where(users.c.id.eq(1)).values({ name: "a", fullname: "A" });
    const b = sa.update(users).where(users.c.id.eq(2)).values({ name: "b", fullname: "B" });
    const compiledA = compileWithKey(a, new sa.DefaultDialect());
    expect(compiledA.constructParams(null, cacheKeyOf(b).binds)).toEqual({
      name: "b",
      fullname: "B",
      id_1: 2,
    });
    expectReusable(a, b);
  });

  it("DELETE WHERE", () => {
    expectReusable(
      sa.delete(users).where(users.c.id.in([1, 2]), users.c.name.eq("x")),
      sa.delete(users).where(users.c.id.in([9]), users.c.name.eq("y")),
    );
  });

  it("property: random values keep the key, the SQL, and re-use gives the new statement's params", () => {
    const build = (v: {
      id: number;
      ids: number[];
      name: string;
      limit: number;
      offset: number;
      pat: string;
    }) =>
      sa
        .select(users.c.id, users.c.name.label("n"), sa.func.coalesce(users.c.fullname, v.name))
        .where(
          users.c.id.ge(v.id),
          users.c.id.in(v.ids),
          users.c.name.startsWith(v.pat, { autoescape: true }),
          users.c.fullname.ne(v.name),
        )
        .limit(v.limit)
        .offset(v.offset);
    const values = fc.record({
      id: fc.integer(),
      ids: fc.array(fc.integer(), { maxLength: 5 }),
      name: fc.string(),
      limit: fc.nat(),
      offset: fc.nat(),
      pat: fc.string(),
    });
    const reference = build({ id: 0, ids: [0], name: "", limit: 1, offset: 0, pat: "" });
    const refKey = cacheKeyOf(reference).key;
    const compiledRef = DIALECTS.map(([, make]) => compileWithKey(reference, make()));
    fc.assert(
      fc.property(values, (v) => {
        const stmt = build(v);
        const k = cacheKeyOf(stmt);
        expect(k.key).toBe(refKey);
        DIALECTS.forEach(([name, make], i) => {
          const own = stmt.compile({ dialect: make() });
          expect(own.string, name).toBe(compiledRef[i].string);
          expect(compiledRef[i].constructParams(null, k.binds), name).toEqual(own.params);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe("compile() sets compiled.cacheKey", () => {
  it("a SELECT's Compiled carries the statement's cache key", () => {
    const stmt = sa.select(users.c.id).where(users.c.id.eq(5));
    const compiled = stmt.compile({ dialect: sqlite.dialect() });
    expect(compiled.cacheKey).not.toBeNull();
    expect(compiled.cacheKey?.key).toBe(cacheKeyOf(stmt).key);
  });

  it("an INSERT's Compiled carries the statement's cache key", () => {
    const stmt = sa.insert(users).values({ name: "a" });
    const compiled = stmt.compile({ dialect: sqlite.dialect() });
    expect(compiled.cacheKey?.key).toBe(cacheKeyOf(stmt).key);
  });

  it("the key's binds are the compiled statement's own BindParameter objects", () => {
    const stmt = sa.select(users.c.id).where(users.c.id.eq(5), users.c.name.eq("x"));
    const compiled = stmt.compile();
    const own = new Set(compiled.binds.values());
    expect(compiled.cacheKey?.binds.every((b) => own.has(b))).toBe(true);
  });

  it("re-use works on a Compiled straight from compile(), without setting cacheKey by hand", () => {
    const a = sa.select(users.c.id).where(users.c.id.eq(1));
    const b = sa.select(users.c.id).where(users.c.id.eq(2));
    const compiledA = a.compile();
    // with no cacheKey, constructParams silently ignores `extracted` and returns A's values
    expect(compiledA.constructParams(null, cacheKeyOf(b).binds)).toEqual({ id_1: 2 });
  });

  it("DDL is not cacheable", () => {
    expect(new sa.CreateTable(users).cacheKey()).toBeNull();
  });
});

describe("the part table stays small", () => {
  it("long parts (text() SQL built per call) are spelled out, not interned", () => {
    const long = `SELECT '${"x".repeat(200)}' AS v`;
    expect(keyPartId(long)).toBe(-1);
    expect(keyPartId("short part")).toBeGreaterThan(0);
    const a = sa.text(long).cacheKey()!.key;
    expect(sa.text(long).cacheKey()!.key).toBe(a);
    expect(sa.text(long.replace("x'", "y'")).cacheKey()!.key).not.toBe(a);
  });
});
