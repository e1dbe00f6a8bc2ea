/**
 * Differences found by compiling the same constructs with SQLAlchemy 2.0.54 and alkahest (the
 * differential harness over operators, functions, SELECT, DML and upserts). Every expected string
 * and parameter set here is SQLAlchemy's own output for the construct written in Python.
 */
import { describe, expect, it } from "vitest";
import { mysql, postgresql, sqlite } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { table1 as t } from "../fixtures/tables.js";
import { assertCompile } from "../helpers/compile.js";

const c = t.c;

describe("FETCH FIRST", () => {
  it("is rendered on SQLite with OFFSET n ROWS, not dropped", () => {
    assertCompile(
      sa.select(c.myid).offset(3).fetch(2),
      "SELECT mytable.myid FROM mytable\n OFFSET ? ROWS\n FETCH FIRST ? ROWS ONLY",
      { dialect: "sqlite", positional: [3, 2] },
    );
  });
  it("PostgreSQL parenthesises its operands", () => {
    assertCompile(
      sa.select(c.myid).offset(3).fetch(2),
      "SELECT mytable.myid FROM mytable OFFSET (%(param_1)s) ROWS FETCH FIRST (%(param_2)s) ROWS ONLY",
      { dialect: "postgresql", params: { param_1: 3, param_2: 2 } },
    );
  });
  it("takes the place of LIMIT", () => {
    assertCompile(
      sa.select(c.myid).limit(4).fetch(2, { percent: true }),
      "SELECT mytable.myid FROM mytable FETCH FIRST (2) PERCENT ROWS ONLY",
      { dialect: "postgresql", literalBinds: true },
    );
    assertCompile(sa.select(c.myid).fetch(2), "SELECT mytable.myid FROM mytable FETCH FIRST %s ROWS ONLY", {
      dialect: "mysql",
      positional: [2],
    });
  });
});

describe("MySQL FROM DUAL", () => {
  it("a SELECT with a WHERE and nothing to select from", () => {
    assertCompile(
      sa.select(sa.literal(1)).where(sa.literal(1).eq(1)),
      "SELECT %s AS anon_1 FROM DUAL WHERE %s = %s",
      {
        dialect: "mysql",
        positional: [1, 1, 1],
      },
    );
    assertCompile(sa.select(sa.literal(1)), "SELECT %s AS anon_1", { dialect: "mysql", positional: [1] });
  });
});

describe("function names", () => {
  it("generic functions: registered names, ANSI spellings", () => {
    assertCompile(
      sa
        .select(
          c.name,
          sa.func.count(),
          sa.func.Now(),
          sa.func.CURRENT_TIMESTAMP(),
          sa.func.current_date(c.myid),
        )
        .groupBy(sa.func.grouping_sets(c.name, c.description), sa.func.cube(c.name)),
      "SELECT mytable.name, count(*) AS count_1, now() AS now_1, CURRENT_TIMESTAMP AS current_timestamp_1, " +
        "CURRENT_DATE(mytable.myid) AS current_date_1 FROM mytable " +
        "GROUP BY GROUPING SETS(mytable.name, mytable.description), CUBE(mytable.name)",
    );
    assertCompile(
      sa.select(sa.func.sysdate(), sa.func.rollup(c.myid)),
      "SELECT sysdate AS sysdate_1, ROLLUP(mytable.myid) AS rollup_1 FROM mytable",
    );
  });
  it("MySQL: rand(), SYSDATE(), WITH ROLLUP, group_concat SEPARATOR", () => {
    assertCompile(
      sa.select(c.myid).orderBy(sa.func.random()),
      "SELECT mytable.myid FROM mytable ORDER BY rand()",
      {
        dialect: "mysql",
      },
    );
    assertCompile(
      sa
        .select(sa.func.sysdate(), sa.func.aggregate_strings(c.name, ","))
        .groupBy(sa.func.rollup(c.myid, c.name)),
      // SQLAlchemy binds the separator (SEPARATOR %s), which its drivers interpolate; mysql2's
      // prepared statements cannot take a parameter there, so it is written inline
      "SELECT SYSDATE() AS sysdate_1, group_concat(mytable.name SEPARATOR ',') AS aggregate_strings_1 " +
        "FROM mytable GROUP BY mytable.myid, mytable.name WITH ROLLUP",
      { dialect: "mysql", params: {} },
    );
  });
  it("PostgreSQL: string_agg and SUBSTRING(x FROM a FOR b)", () => {
    assertCompile(
      sa.select(sa.func.aggregate_strings(c.name, ","), sa.func.substring(c.name, 1, 2)),
      "SELECT string_agg(mytable.name, $1) AS aggregate_strings_1, " +
        "SUBSTRING(mytable.name FROM $2 FOR $3) AS substring_1 FROM mytable",
      { dialect: "postgresql", paramstyle: "numeric_dollar", positional: [",", 1, 2] },
    );
  });
  it("SQLite: group_concat", () => {
    assertCompile(
      sa.select(sa.func.aggregate_strings(c.name, ",")),
      "SELECT group_concat(mytable.name, ?) AS aggregate_strings_1 FROM mytable",
      { dialect: "sqlite", positional: [","] },
    );
  });
});

describe("unary expressions in the columns clause", () => {
  it("around a named column they go unlabelled at the top, an expression gets anon_N", () => {
    assertCompile(
      sa.select(c.myid.neg(), c.myid.bitwiseNot(), c.myid.add(1).neg(), c.myid.desc(), sa.literal(5).neg()),
      "SELECT -mytable.myid, ~mytable.myid, -(mytable.myid + :myid_1) AS anon_1, mytable.myid DESC, " +
        "-:param_1 AS anon_2 FROM mytable",
      { params: { myid_1: 1, param_1: 5 } },
    );
  });
  it("inside an anonymous subquery the labels are numbered before the subquery's own name", () => {
    assertCompile(
      sa.select(sa.select(c.myid.neg(), c.myid.add(1)).subquery()),
      "SELECT anon_2.anon_1, anon_2.anon_3 FROM (SELECT -mytable.myid AS anon_1, " +
        "mytable.myid + :myid_1 AS anon_3 FROM mytable) AS anon_2",
    );
  });
});

describe("bitwise XOR", () => {
  it("is # on PostgreSQL, ((a | b) - (a & b)) on SQLite (SQLAlchemy omits the inner groups and computes a wrong value), ^ elsewhere", () => {
    const q = sa.select(c.myid.bitwiseXor(5));
    assertCompile(q, "SELECT mytable.myid # %(myid_1)s AS anon_1 FROM mytable", {
      dialect: "postgresql",
      params: { myid_1: 5 },
    });
    const comp = assertCompile(q, "SELECT ((mytable.myid | ?) - (mytable.myid & ?)) AS anon_1 FROM mytable", {
      dialect: "sqlite",
      positional: [5, 5],
    });
    expect(comp?.positiontup).toEqual(["myid_1", "myid_1"]);
    assertCompile(q, "SELECT mytable.myid ^ :myid_1 AS anon_1 FROM mytable");
  });
});

describe("repeated names of a CAST", () => {
  it("take the dedupe label name__1", () => {
    assertCompile(
      sa.select(sa.cast(c.name, sa.Integer), sa.cast(c.name, sa.String), sa.typeCoerce(c.name, sa.Integer)),
      "SELECT CAST(mytable.name AS INTEGER) AS name, CAST(mytable.name AS VARCHAR) AS name__1, " +
        "mytable.name AS name__2 FROM mytable",
    );
  });
  it("MySQL leaves out a CAST to FLOAT without a server version that has it", () => {
    assertCompile(
      sa.select(sa.cast(c.myid, sa.Float), sa.cast(c.myid, sa.Numeric(10, 2))),
      "SELECT mytable.myid AS myid, CAST(mytable.myid AS DECIMAL(10, 2)) AS myid__1 FROM mytable",
      { dialect: "mysql" },
    );
    const d = mysql.dialect({ isMariadb: true, serverVersion: [10, 11, 2] });
    expect(sa.select(sa.cast(c.myid, sa.Float)).compile({ dialect: d }).string).toContain(
      "CAST(mytable.myid AS FLOAT)",
    );
  });
});

describe("regular expressions", () => {
  const q = (neg = false) =>
    sa.select(c.myid).where(neg ? sa.not(c.name.regexpMatch("^a", "i")) : c.name.regexpMatch("^a", "i"));
  it("MySQL puts flags in REGEXP_LIKE, MariaDB in the pattern", () => {
    assertCompile(q(), "SELECT mytable.myid FROM mytable WHERE REGEXP_LIKE(mytable.name, %s, 'i')", {
      dialect: "mysql",
      positional: ["^a"],
    });
    assertCompile(q(true), "SELECT mytable.myid FROM mytable WHERE NOT REGEXP_LIKE(mytable.name, %s, 'i')", {
      dialect: "mysql",
    });
    assertCompile(
      q(true),
      "SELECT mytable.myid FROM mytable WHERE mytable.name NOT REGEXP CONCAT('(?', 'i', ')', %s)",
      { dialect: "mariadb" },
    );
  });
  it("the generic dialect has none; String() shows <regexp>", () => {
    expect(() => q().compile()).toThrow(sa.exc.CompileError);
    expect(() => q().compile()).toThrow("default dialect does not support regular expressions");
    expect(String(sa.select(c.myid).where(c.name.regexpMatch("^a")))).toBe(
      "SELECT mytable.myid \nFROM mytable \nWHERE mytable.name <regexp> :name_1",
    );
  });
});

describe("String() of a multi-table DELETE", () => {
  it("keeps SQLAlchemy's spacing", () => {
    const meta = new sa.MetaData();
    const teams = new sa.Table("teams", meta, new sa.Column("id", sa.Integer, { primaryKey: true }));
    const users = new sa.Table(
      "users",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("team_id", sa.Integer),
    );
    expect(String(sa.delete(users).where(users.c.team_id.eq(teams.c.id)))).toBe(
      "DELETE FROM users , teams WHERE users.team_id = teams.id",
    );
  });
});

const meta = new sa.MetaData();
const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(50), { nullable: false }),
  new sa.Column("team_id", sa.Integer),
  new sa.Column("score", sa.Numeric(10, 2)),
  new sa.Column("tag", sa.String(20), { default: "x", onupdate: "y" }),
  new sa.Column("created", sa.DateTime, { serverDefault: sa.func.now() }),
);
const u = users.c;

describe("window frames", () => {
  it("bounded offsets are bound values (param_N), UNBOUNDED and CURRENT ROW are keywords", () => {
    assertCompile(
      sa
        .select(
          sa.func.sum(c.myid).over({ orderBy: c.myid, rows: [-3, null] }),
          sa.func.sum(c.myid).over({ orderBy: c.myid, range: [0, 5] }),
        )
        .where(c.myid.gt(2)),
      "SELECT sum(mytable.myid) OVER (ORDER BY mytable.myid ROWS BETWEEN :param_1 PRECEDING AND UNBOUNDED " +
        "FOLLOWING) AS anon_1, sum(mytable.myid) OVER (ORDER BY mytable.myid RANGE BETWEEN CURRENT ROW AND " +
        ":param_2 FOLLOWING) AS anon_2 FROM mytable WHERE mytable.myid > :myid_1",
      { params: { param_1: 3, param_2: 5, myid_1: 2 } },
    );
    assertCompile(
      sa.select(sa.func.sum(c.myid).over({ orderBy: c.myid, rows: [-3, 1] })),
      "SELECT sum(mytable.myid) OVER (ORDER BY mytable.myid ROWS BETWEEN 3 PRECEDING AND 1 FOLLOWING) AS anon_1 " +
        "FROM mytable",
      { dialect: "sqlite", literalBinds: true },
    );
  });
  it("frames differing only in their offsets share a cache key", () => {
    const q = (n: number) => sa.select(sa.func.sum(c.myid).over({ orderBy: c.myid, rows: [n, 0] }));
    expect(q(-2).cacheKey()?.key).toBe(q(-7).cacheKey()?.key);
    expect(q(-2).cacheKey()?.key).not.toBe(q(2).cacheKey()?.key);
  });
});

describe("DML", () => {
  it("SQLite RETURNING leaves columns unqualified inside labelled expressions too", () => {
    assertCompile(
      sa.insert(users).values({ name: "a" }).returning(u.id.add(1).label("nid"), sa.func.lower(u.name)),
      "INSERT INTO users (name, tag) VALUES (?, ?) RETURNING id + ? AS nid, lower(name) AS lower_1",
      { dialect: "sqlite", positional: ["a", null, 1] },
    );
  });
  it("RETURNING is rendered on MySQL as SQLAlchemy does (the server decides)", () => {
    assertCompile(
      sa.update(users).values({ name: "a" }).returning(u.id),
      "UPDATE users SET name=%s, tag=%s RETURNING users.id",
      { dialect: "mysql" },
    );
  });
  it("orderedValues takes columns as well as keys", () => {
    assertCompile(
      sa.update(users).orderedValues([u.score, "1"], ["name", "a"]),
      "UPDATE users SET score=?, name=?, tag=?",
      { dialect: "sqlite", positional: ["1", "a", null] },
    );
  });
  it("an upsert built for another dialect is refused, not sent as a plain INSERT", () => {
    const pg = postgresql.insert(users).values({ id: 1, name: "a" }).onConflictDoNothing();
    expect(() => pg.compile({ dialect: mysql.dialect() })).toThrow(sa.exc.CompileError);
    expect(() => pg.compile({ dialect: new sa.DefaultDialect() })).toThrow(sa.exc.CompileError);
    const my = mysql.insert(users).values({ id: 1, name: "a" });
    const odku = my.onDuplicateKeyUpdate({ name: my.inserted.name });
    expect(() => odku.compile({ dialect: sqlite.dialect() })).toThrow(sa.exc.CompileError);
    expect(() => odku.compile({ dialect: postgresql.dialect() })).toThrow(sa.exc.CompileError);
  });
  it("SQLite renders the partial-index WHERE of ON CONFLICT inline", () => {
    const ins = sqlite.insert(users).values({ name: "a", score: "1" });
    assertCompile(
      ins.onConflictDoUpdate({
        indexElements: ["name"],
        indexWhere: u.score.gt("0"),
        set: { score: ins.excluded.score },
      }),
      "INSERT INTO users (name, score, tag) VALUES (?, ?, ?) ON CONFLICT (name) WHERE score > 0 " +
        "DO UPDATE SET score = excluded.score",
      { dialect: "sqlite", positional: ["a", "1", null] },
    );
  });
});

describe("literalBinds", () => {
  it("a bind without a value renders NULL", () => {
    assertCompile(
      sa.select(c.myid).where(c.myid.eq(sa.bindparam("foo"))),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid = NULL",
      { literalBinds: true },
    );
    assertCompile(
      sa.insert(users).values({ name: sa.bindparam("nm") }),
      "INSERT INTO users (name, tag) VALUES (NULL, NULL)",
      {
        literalBinds: true,
      },
    );
  });
  it("the column binds of an INSERT or UPDATE without values stay placeholders", () => {
    assertCompile(
      sa.insert(users),
      "INSERT INTO users (id, name, team_id, score, tag, created) VALUES (?, ?, ?, ?, ?, ?)",
      { dialect: "sqlite", literalBinds: true },
    );
    assertCompile(
      sa.update(users),
      "UPDATE users SET id=:id, name=:name, team_id=:team_id, score=:score, tag=:tag, created=:created",
      { literalBinds: true },
    );
  });
});

describe("empty IN lists", () => {
  it("a tuple's has one NULL per element", () => {
    assertCompile(
      sa.select(c.myid).where(sa.tuple(c.myid, c.name).in([])),
      "SELECT mytable.myid FROM mytable WHERE (mytable.myid, mytable.name) IN ((NULL, NULL)) AND (1 != 1)",
      { dialect: "postgresql", paramstyle: "numeric_dollar", renderPostcompile: true },
    );
  });
  it("SQLite's NOT IN keeps its parentheses", () => {
    assertCompile(
      sa.select(c.myid).where(c.myid.notIn([])),
      "SELECT mytable.myid FROM mytable WHERE (mytable.myid NOT IN (SELECT 1 FROM (SELECT 1) WHERE 1!=1))",
      { dialect: "sqlite", renderPostcompile: true },
    );
  });
});

describe("MySQL window frame offsets", () => {
  it("are written inline: MariaDB cannot bind them in a prepared statement", () => {
    assertCompile(
      sa.select(sa.func.sum(c.myid).over({ orderBy: c.myid, rows: [-1, 0] })),
      "SELECT sum(mytable.myid) OVER (ORDER BY mytable.myid ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS anon_1 " +
        "FROM mytable",
      { dialect: "mysql", positional: [] },
    );
  });
});

describe("textual FROM elements and SQLite row values", () => {
  it("a join may take text() as its right side", () => {
    assertCompile(
      sa.select(u.id).selectFrom(users.join(sa.text("teams") as never, sa.text("teams.id = users.team_id"))),
      "SELECT users.id FROM users JOIN teams ON teams.id = users.team_id",
    );
  });
  it("SQLite writes a literal tuple IN list as VALUES", () => {
    assertCompile(
      sa.delete(users).where(
        sa.tuple(u.id, u.name).in([
          [1, "a"],
          [2, "b"],
        ] as never),
      ),
      "DELETE FROM users WHERE (users.id, users.name) IN (VALUES (1, 'a'), (2, 'b'))",
      { dialect: "sqlite", literalBinds: true },
    );
  });
});

describe("MySQL multi-table UPDATE of a table in a schema", () => {
  it("names SET targets table.column without the schema", () => {
    const m = new sa.MetaData();
    const acc = new sa.Table(
      "accounts",
      m,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("balance", sa.Integer),
      new sa.Column("owner_id", sa.Integer),
      { schema: "fin" },
    );
    assertCompile(
      sa.update(acc).where(acc.c.owner_id.eq(u.id)).where(u.name.eq("a")).values({ balance: 0 }),
      "UPDATE fin.accounts, users SET accounts.balance=%s WHERE fin.accounts.owner_id = users.id AND users.name = %s",
      { dialect: "mysql", positional: [0, "a"] },
    );
  });
});

describe("an expanding bindparam without a list", () => {
  it("renders IN (NULL) with literalBinds", () => {
    assertCompile(
      sa.select(c.myid).where(c.myid.in(sa.bindparam("ids", undefined, { expanding: true }))),
      "SELECT mytable.myid FROM mytable WHERE mytable.myid IN (NULL)",
      { literalBinds: true },
    );
  });
});

describe("generated names longer than the label length (PostgreSQL: 63)", () => {
  const L = "a_really_long_column_name_that_is_longer_than_sixty_three_characters_q";
  const T = "a_very_long_table_name_that_goes_on_and_on_and_on_beyond_the_limit_x";
  const lt = sa.table(T, sa.column(L), sa.column("short"));
  const col = lt.c[L as "short"];
  it("anonymous binds, aliases and derived labels keep 57 characters and take _<n> per kind", () => {
    assertCompile(
      sa.select(lt.alias(), lt.alias()),
      `SELECT ${T.slice(0, 57)}_1.${L}, ${T.slice(0, 57)}_1.short, ${T.slice(0, 57)}_2.${L} AS ${L.slice(0, 57)}_1, ` +
        `${T.slice(0, 57)}_2.short AS short_1 FROM ${T} AS ${T.slice(0, 57)}_1, ${T} AS ${T.slice(0, 57)}_2`,
      { dialect: "postgresql" },
    );
    assertCompile(
      sa.select(lt).where(sa.or(col.eq(1), col.eq(2), lt.c.short.eq(3))),
      `SELECT ${T}.${L}, ${T}.short FROM ${T} WHERE ${T}.${L} = %(${L.slice(0, 57)}_1)s OR ${T}.${L} = ` +
        `%(${L.slice(0, 57)}_2)s OR ${T}.short = %(short_1)s`,
      {
        dialect: "postgresql",
        params: { [`${L.slice(0, 57)}_1`]: 1, [`${L.slice(0, 57)}_2`]: 2, short_1: 3 },
      },
    );
  });
  it("a subquery's derived column is cut where it is labelled and where it is referenced", () => {
    assertCompile(
      sa.select(sa.select(lt).subquery()),
      `SELECT anon_1.${L.slice(0, 57)}_1, anon_1.short FROM (SELECT ${T}.${L} AS ${L.slice(0, 57)}_1, ` +
        `${T}.short AS short FROM ${T}) AS anon_1`,
      { dialect: "postgresql" },
    );
  });
  it("names the user gave are kept: explicit labels, table and column names, INSERT binds", () => {
    const label = "explicit_label_that_is_longer_than_sixty_three_characters_for_sure_yes";
    assertCompile(
      sa.select(sa.select(col.label(label)).subquery()),
      `SELECT anon_1.${label} FROM (SELECT ${T}.${L} AS ${label} FROM ${T}) AS anon_1`,
      { dialect: "postgresql" },
    );
    assertCompile(sa.insert(lt).values({ [L]: 5 }), `INSERT INTO ${T} (${L}) VALUES (%(${L})s)`, {
      dialect: "postgresql",
      params: { [L]: 5 },
    });
  });
});
