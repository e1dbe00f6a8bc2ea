/**
 * Behaviours where alkahest had drifted from SQLAlchemy 2.0, each compiled and run on every real
 * database: which parameters an execution's values address (anonymous binds only by compiled
 * name), expanding binds in text(), NULL-safe comparison on MySQL, `func.now()` as a server
 * default on SQLite, Uuid literals where UUIDs are CHAR(32), handle_error listeners that return
 * a non-error, and fetchmany()'s default size.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../../src/database/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("parity");
const norm = (sql: string) => sql.replace(/\s+/g, " ").trim();

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const isMy = d.name === "mysql";
    let engine: sa.Engine;
    const meta = new sa.MetaData();
    const items = new sa.Table(
      "parity_items",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
      new sa.Column("name", sa.String(20)),
      new sa.Column("x", sa.Integer),
      new sa.Column("uid", sa.Uuid),
      new sa.Column("created", sa.DateTime, { serverDefault: sa.func.now() }),
    );
    const flags = new sa.Table(
      "parity_flags",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
      new sa.Column("b", sa.Boolean),
    );
    const seq = new sa.Table(
      "parity_seq",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
      // as seed 003: a default generator may run SQL on context.connection, in the same transaction
      new sa.Column("n", sa.Integer, {
        default: async (ctx: sa.ExecutionContext) =>
          Number(await ctx.connection.scalar(sa.select(sa.func.count(items.c.id)))) * 10,
      }),
      new sa.Column("label", sa.String(20), { default: async () => "async" }),
    );
    const bigs = new sa.Table(
      "parity_bigs",
      meta,
      new sa.Column("id", sa.BigInteger, { primaryKey: true }),
      new sa.Column("v", sa.Integer),
    );
    const auto = new sa.Table(
      "parity_auto",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("n", sa.Integer, { default: 5 }),
    );
    const rows = [
      { id: 1, name: "old", x: 1, uid: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" },
      { id: 2, name: "two", x: null, uid: null },
      { id: 3, name: "three", x: 3, uid: null },
    ];

    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
      });
    });
    afterEach(async () => {
      await engine.begin(async (conn) => {
        await conn.execute(sa.delete(items));
        await conn.execute(sa.insert(items), rows);
      });
    });
    beforeAll(async () => {
      await engine.begin((conn) => conn.execute(sa.insert(items), rows));
    });
    afterAll(async () => {
      await engine?.begin((conn) => meta.dropAll(conn));
      await engine?.dispose();
    });

    it("a value named after a column sets its SET bind, not the literal compared with it", async () => {
      const seen: unknown[] = [];
      const listener = (_c: unknown, _cur: unknown, _s: string, params: unknown) => void seen.push(params);
      sa.event.listen(engine, "before_cursor_execute", listener);
      try {
        await engine.begin(async (conn) => {
          const r = await conn.execute(sa.update(items).where(items.c.name.eq("old")), { name: "new" });
          expect(r.rowcount).toBe(1);
          // a literal is only addressed by its compiled name
          const r2 = await conn.execute(sa.select(items.c.id).where(items.c.x.gt(2)), { x: -1 });
          expect(r2.scalars().all()).toEqual([3]);
          const r3 = await conn.execute(sa.update(items).where(items.c.id.eq(3)), { x: 33, id_1: 2 });
          expect(r3.rowcount).toBe(1);
        });
      } finally {
        sa.event.remove(engine, "before_cursor_execute", listener);
      }
      const updates = seen.filter((p) => Array.isArray(p) && p.length === 2);
      expect(updates[0]).toEqual(["new", "old"]);
      const got = await engine.connect(async (conn) =>
        (await conn.execute(sa.select(items.c.id, items.c.name, items.c.x).orderBy(items.c.id))).all(),
      );
      expect(got.map((r) => [...r])).toEqual([
        [1, "new", 1],
        [2, "two", 33],
        [3, "three", 3],
      ]);
    });

    it("SELECT shapes the compile probe found wrong run as SQLAlchemy's: EXISTS of a scalar subquery, labels inside ORDER BY expressions, repeated subquery columns, an alias of an alias", async () => {
      await engine.connect(async (conn) => {
        const none = sa.select(items.c.id).where(items.c.id.eq(-1)).scalarSubquery();
        // EXISTS of the SELECT itself, not of a one-row SELECT of it (which is always true)
        expect(await conn.scalar(sa.select(sa.exists(none)))).toBe(false);
        const lab = items.c.id.mul(-1).label("neg");
        // PostgreSQL refuses an output-column name inside an expression; SQLite/MySQL would bind another column
        const ordered = sa.select(items.c.id, lab).orderBy(sa.func.coalesce(lab, 0).desc());
        expect((await conn.execute(ordered)).scalars().all()).toEqual([1, 2, 3]);
        const other = items.alias("other");
        const pair = sa
          .select(items.c.id, other.c.id, items.c.id)
          .where(items.c.id.eq(other.c.id.add(1)))
          .subquery("pair");
        expect(Object.keys(pair.c)).toEqual(["id", "id_1", "id__1"]);
        // the types cannot tell the same column repeated (id__1) from another one (they say id_2)
        const again = (pair.c as unknown as Record<string, sa.ColumnElement<number>>).id__1;
        const rows = await conn.execute(sa.select(pair.c.id_1, again).orderBy(pair.c.id_1));
        expect(rows.all().map((r) => [...r])).toEqual([
          [1, 2],
          [2, 3],
        ]);
        // select(join) selects the tables' own columns: rows keyed id, name …, id_1 (not pair_id)
        const j = items.join(other, other.c.id.eq(items.c.id));
        const joined = await conn.execute(sa.select(j).where(items.c.id.eq(1)));
        expect(joined.keys().slice(0, 2)).toEqual(["id", "name"]);
        expect(joined.keys()).toContain("id_1");
        expect(joined.one()._mapping.get("id_1")).toBe(1);
        expect(Object.keys(j.c).slice(0, 2)).toEqual(["parity_items_id", "parity_items_name"]);
        const twice = items.alias("a1").alias("a2");
        expect(await conn.scalar(sa.select(sa.func.count(twice.c.id)))).toBe(3);
      });
    });

    it("an expanding bind in text() brings its parentheses, empty or not", async () => {
      const q = (ids: number[]) =>
        sa
          .text("SELECT id FROM parity_items WHERE id IN :ids ORDER BY id")
          .bindparams([sa.bindparam("ids", ids, { expanding: true })]);
      expect(norm(q([1, 3]).compile({ dialect: engine.dialect }).string)).toContain(
        "WHERE id IN (__[POSTCOMPILE_ids])",
      );
      expect(norm(q([1, 3]).compile({ dialect: engine.dialect, literalBinds: true }).string)).toContain(
        "WHERE id IN (1, 3)",
      );
      await engine.connect(async (conn) => {
        expect((await conn.execute(q([1, 3]))).scalars().all()).toEqual([1, 3]);
        expect((await conn.execute(q([]))).scalars().all()).toEqual([]);
      });
    });

    it("isDistinctFrom / isNotDistinctFrom compare NULLs safely (<=> on MySQL)", async () => {
      const distinct = sa.select(items.c.id).where(items.c.x.isDistinctFrom(1)).orderBy(items.c.id);
      const same = sa.select(items.c.id).where(items.c.x.isNotDistinctFrom(null)).orderBy(items.c.id);
      const sql = norm(distinct.compile({ dialect: engine.dialect }).string);
      if (isMy) {
        expect(sql).toContain("WHERE NOT (parity_items.x <=> ?)");
        expect(norm(same.compile({ dialect: engine.dialect }).string)).toContain(
          "WHERE parity_items.x <=> NULL",
        );
      }
      await engine.connect(async (conn) => {
        expect((await conn.execute(distinct)).scalars().all()).toEqual([2, 3]);
        expect((await conn.execute(same)).scalars().all()).toEqual([2]);
      });
    });

    it("serverDefault: func.now() is the dialect's own SQL in DDL, and inserts fill it", async () => {
      const ddl = norm(new sa.CreateTable(items).compile({ dialect: engine.dialect }).string);
      const expected = {
        sqlite: "created DATETIME DEFAULT CURRENT_TIMESTAMP",
        postgresql: "created TIMESTAMP WITHOUT TIME ZONE DEFAULT now()",
        mysql: "created DATETIME DEFAULT (now())",
      }[d.name];
      expect(ddl).toContain(expected);
      const created = await engine.connect(async (conn) =>
        (await conn.execute(sa.select(items.c.created).where(items.c.id.eq(1)))).scalarOne(),
      );
      expect(created).not.toBeNull();
    });

    it("a Uuid rendered with literalBinds matches the stored value (hex where not native)", async () => {
      const q = sa.select(items.c.id).where(items.c.uid.eq("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"));
      const sql = q.compile({ dialect: engine.dialect, literalBinds: true }).string;
      expect(sql).toContain(
        d.name === "postgresql"
          ? "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'"
          : "'a0eebc999c0b4ef8bb6d6bb9bd380a11'",
      );
      const found = await engine.connect(async (conn) => (await conn.execDriverSql(sql)).all());
      expect(found.map((r) => r[0])).toEqual([1]);
    });

    it("a handle_error listener that returns a non-error leaves the exception as it was", async () => {
      const log: string[] = [];
      const listener = (ctx: sa.event.ExceptionContext) => log.push(String(ctx.statement).slice(0, 6));
      sa.event.listen(engine, "handle_error", listener);
      try {
        await engine.connect(async (conn) => {
          const err = await conn.execute(sa.insert(items), { id: 1, name: "dup" }).then(
            () => null,
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(sa.exc.IntegrityError);
          expect(log).toEqual(["INSERT"]);
          await conn.rollback();
          expect((await conn.execute(sa.select(sa.func.count(items.c.id)))).scalar()).toBe(3);
        });
      } finally {
        sa.event.remove(engine, "handle_error", listener);
      }
    });

    it("a Boolean bind takes true, false, null, 0 and 1 only, as SQLAlchemy's", async () => {
      await engine.connect(async (conn) => {
        await conn.execute(sa.delete(flags));
        for (const bad of ["yes", "false", 2]) {
          const err = await conn.execute(sa.insert(flags), { id: 9, b: bad }).then(
            () => null,
            (e: unknown) => e,
          );
          expect(err).toBeInstanceOf(sa.exc.StatementError);
          expect(String((err as Error).message)).toMatch(
            /in parameter 'b'.*(Not a boolean value|is not None, True, or False)/,
          );
        }
        await conn.execute(sa.insert(flags), [
          { id: 1, b: true },
          { id: 2, b: 0 },
          { id: 3, b: null },
        ]);
        const got = (await conn.execute(sa.select(flags.c.b).orderBy(flags.c.id))).scalars().all();
        expect(got).toEqual([true, false, null]);
        await conn.rollback();
      });
    });

    it("true/false compared with eq/ne/is/isNot/isDistinctFrom render as constants, not binds", async () => {
      const [t, f] = d.name === "sqlite" ? ["1", "0"] : ["true", "false"];
      const b = flags.c.b;
      const conds: [sa.ColumnElement<boolean>, string, number[]][] = [
        [b.eq(true), `parity_flags.b = ${t}`, [1]],
        [b.ne(false), `parity_flags.b != ${f}`, [1]],
        [b.is(true), `parity_flags.b IS ${t}`, [1]],
        [b.isNot(false), `parity_flags.b IS NOT ${f}`, [1, 3]],
        [sa.not(b.is(true)), `parity_flags.b IS NOT ${t}`, [2, 3]],
        [b.is(sa.false()), `parity_flags.b IS ${f}`, [2]],
        [
          b.isDistinctFrom(true),
          { sqlite: `parity_flags.b IS NOT ${t}`, mysql: `NOT (parity_flags.b <=> ${t})` }[d.name] ??
            `parity_flags.b IS DISTINCT FROM ${t}`,
          [2, 3],
        ],
      ];
      await engine.connect(async (conn) => {
        await conn.execute(sa.insert(flags), [
          { id: 1, b: true },
          { id: 2, b: false },
          { id: 3, b: null },
        ]);
        for (const [cond, sql, ids] of conds) {
          const q = sa.select(flags.c.id).where(cond).orderBy(flags.c.id);
          const c = q.compile({ dialect: engine.dialect });
          expect(norm(c.string)).toBe(
            norm(`SELECT parity_flags.id FROM parity_flags WHERE ${sql} ORDER BY parity_flags.id`),
          );
          expect(c.params).toEqual({});
          expect((await conn.execute(q)).scalars().all()).toEqual(ids);
        }
        await conn.rollback();
      });
      expect(() => flags.c.b.lt(true as never)).toThrow(
        /Only '=', '!=', 'is\(\)', 'isNot\(\)', 'isDistinctFrom\(\)', 'isNotDistinctFrom\(\)' operators can be used with null\/true\/false/,
      );
    });

    it("a default may be async and may run SQL on context.connection (same transaction)", async () => {
      await engine.begin(async (conn) => {
        await conn.execute(sa.delete(seq));
        await conn.execute(sa.insert(items), { id: 4, name: "four" }); // seen by the default: same transaction
        await conn.execute(sa.insert(seq), { id: 1 });
        await conn.execute(sa.insert(seq), [{ id: 2 }, { id: 3, label: "given" }]);
        const got = (await conn.execute(sa.select(seq).orderBy(seq.c.id))).all().map((r) => [...r]);
        expect(got).toEqual([
          [1, 40, "async"],
          [2, 40, "async"],
          [3, 40, "given"],
        ]);
      });
    });

    it("a before_cursor_execute listener may run SQL on the same connection", async () => {
      const seen: unknown[] = [];
      const listener = async (conn: unknown, _c: unknown, statement: string) => {
        if (!statement.includes("parity_flags")) return;
        seen.push(await (conn as sa.Connection).scalar(sa.select(sa.func.count(items.c.id))));
      };
      sa.event.listen(engine, "before_cursor_execute", listener);
      try {
        await engine.connect(async (conn) => {
          expect((await conn.execute(sa.select(flags.c.id))).all()).toEqual([]);
        });
      } finally {
        sa.event.remove(engine, "before_cursor_execute", listener);
      }
      expect(seen.map(Number)).toEqual([3]);
    });

    it("commit() closes a stream left open in the transaction, as SQLAlchemy's commit", async () => {
      await engine.begin(async (conn) => {
        await conn.execute(sa.insert(items), { id: 100, name: "streamed" });
        const ar = await conn.stream(sa.select(items.c.id).orderBy(items.c.id));
        expect((await ar.fetchmany(2)).map((r) => r.id)).toEqual([1, 2]);
      });
      const kept = await engine.connect(async (conn) =>
        (await conn.execute(sa.select(items.c.name).where(items.c.id.eq(100)))).scalar(),
      );
      expect(kept).toBe("streamed");
    });

    // on SQLite a BIGINT key is not the rowid (as in SQLAlchemy): no autoincrement to report
    it.skipIf(d.name === "sqlite")(
      "insertedPrimaryKey of a BigInteger key is a bigint, as selecting it gives",
      async () => {
        await engine.begin(async (conn) => {
          const r = await conn.execute(sa.insert(bigs), { v: 1 });
          const pk = r.insertedPrimaryKey![0];
          const selected = (await conn.execute(sa.select(bigs.c.id).where(bigs.c.v.eq(1)))).scalarOne();
          expect(typeof selected).toBe("bigint");
          expect(pk).toBe(selected);
          await conn.execute(sa.delete(bigs));
        });
      },
    );

    // ARRAY is PostgreSQL's
    it.skipIf(d.name !== "postgresql")(
      "ARRAY(Numeric) values are exact text; ARRAY(Enum) values are arrays",
      async () => {
        const numsMeta = new sa.MetaData();
        const nums = new sa.Table(
          "parity_nums",
          numsMeta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("a", sa.ARRAY(sa.Numeric(30, 10))),
          // pg has no parser for an enum's array type: it arrives as the literal '{red,"dark blue"}'
          new sa.Column("colors", sa.ARRAY(sa.Enum("red", "dark blue", { name: "parity_color" }))),
        );
        await engine.begin(async (conn) => {
          await numsMeta.createAll(conn);
          await conn.execute(sa.insert(nums), {
            id: 1,
            a: ["12345678901234567890.1234567890", "1.10"],
            colors: ["red", "dark blue"],
          });
          const got = (await conn.execute(sa.select(nums.c.a, nums.c.colors))).one();
          expect(got.a).toEqual(["12345678901234567890.1234567890", "1.1000000000"]);
          expect(got.colors).toEqual(["red", "dark blue"]);
          await numsMeta.dropAll(conn);
        });
      },
    );

    it("a Date given to an untyped text() parameter binds as a DateTime would", async () => {
      const at = new Date(Date.UTC(2024, 5, 1, 12, 0, 0));
      await engine.begin(async (conn) => {
        await conn.execute(sa.text("UPDATE parity_items SET created = :ts WHERE id = :id"), {
          ts: at,
          id: 1,
        });
        const bound = sa.text("SELECT count(*) FROM parity_items WHERE created = :ts").bindparams({ ts: at });
        expect(Number((await conn.execute(bound)).scalar())).toBe(1);
        const back = (await conn.execute(sa.select(items.c.created).where(items.c.id.eq(1)))).scalarOne();
        expect(back).toEqual(at);
      });
    });

    it("engine.executionOptions() / updateExecutionOptions() set what new connections start with", async () => {
      const option = engine.executionOptions({ yieldPer: 2 });
      await option.connect(async (conn) => expect(conn.getExecutionOptions().yieldPer).toBe(2));
      await engine.connect(async (conn) => expect(conn.getExecutionOptions().yieldPer).toBeUndefined());
      const other = d.engine();
      try {
        other.updateExecutionOptions({ isolationLevel: "AUTOCOMMIT" });
        await other.connect(async (conn) => {
          expect(conn.getExecutionOptions().isolationLevel).toBe("AUTOCOMMIT");
          await conn.execute(sa.update(items).where(items.c.id.eq(2)).values({ name: "auto" }));
        });
        // AUTOCOMMIT: kept although the connection closed without commit()
        expect((await d.outside("SELECT name FROM parity_items WHERE id = 2"))[0]).toEqual(["auto"]);
        await expect((other.begin as (fn?: unknown) => Promise<unknown>)()).rejects.toThrow(
          sa.exc.ArgumentError,
        );
      } finally {
        await other.dispose();
      }
    });

    it("an error while building the execution is a StatementError with the SQL, seen by handle_error", async () => {
      class DefaultFailed extends Error {}
      const failing = new sa.Table(
        "parity_failing",
        new sa.MetaData(),
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("v", sa.Integer, {
          default: () => {
            throw new DefaultFailed("no value today");
          },
        }),
      );
      const seen: unknown[] = [];
      const listener = (ctx: sa.event.ExceptionContext) => void seen.push(ctx.originalException);
      sa.event.listen(engine, "handle_error", listener);
      try {
        await engine.connect(async (conn) => {
          const err = await conn.execute(sa.insert(failing), { id: 1 }).then(
            () => null,
            (e: unknown) => e as sa.exc.StatementError,
          );
          expect(err).toBeInstanceOf(sa.exc.StatementError);
          expect(err?.message).toContain("(DefaultFailed) no value today");
          expect(err?.statement).toContain("INSERT INTO parity_failing");
          const missing = await conn
            .execute(sa.select(items.c.id).where(items.c.id.eq(sa.bindparam("zz"))))
            .then(
              () => null,
              (e: unknown) => e as Error,
            );
          expect(missing).toBeInstanceOf(sa.exc.StatementError);
          expect(missing?.message).toContain(
            "(InvalidRequestError) A value is required for bind parameter 'zz'",
          );
          expect((await conn.execute(sa.select(sa.func.count(items.c.id)))).scalar()).toBe(3);
        });
      } finally {
        sa.event.remove(engine, "handle_error", listener);
      }
      expect(seen[0]).toBeInstanceOf(DefaultFailed);
      expect(seen[1]).toBeInstanceOf(sa.exc.InvalidRequestError);
    });

    it("an INSERT run without parameters (or with []) inserts the defaults, as SQLAlchemy", async () => {
      await engine.begin(async (conn) => {
        await conn.execute(sa.insert(auto));
        await conn.execute(sa.insert(auto), []);
        await conn.execute(sa.insert(auto), {});
        expect((await conn.execute(sa.select(auto.c.n))).scalars().all()).toEqual([5, 5, 5]);
        await conn.execute(sa.delete(auto));
      });
    });

    it("fetchmany() and partitions() default to one row (DB-API arraysize), or yieldPer", async () => {
      await engine.connect(async (conn) => {
        const q = sa.select(items.c.id).orderBy(items.c.id);
        const r = await conn.execute(q);
        expect(r.fetchmany().map((row) => row.id)).toEqual([1]);
        expect(r.fetchmany(5).map((row) => row.id)).toEqual([2, 3]);
        const parts = [...(await conn.execute(q)).scalars().partitions()];
        expect(parts).toEqual([[1], [2], [3]]);
        const per = await conn.executionOptions({ yieldPer: 2 }).then((c) => c.execute(q));
        expect([...per.partitions()].map((p) => p.length)).toEqual([2, 1]);
      });
    });
  });
}

describe("databases: fetchVal", () => {
  it("a column name that the row does not have is an error, not undefined", async () => {
    const db = new Database("sqlite://");
    await db.connect();
    try {
      expect(await db.fetchVal("SELECT 1 AS a, 2 AS b", undefined, "b")).toBe(2);
      await expect(db.fetchVal("SELECT 1 AS a", undefined, "nope")).rejects.toThrow(
        "Could not locate column in row for column 'nope'",
      );
    } finally {
      await db.disconnect();
    }
  });
});
