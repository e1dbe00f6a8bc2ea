/**
 * DML conformance on every real database: parameter-driven INSERT columns, executemany and the
 * batched multi-VALUES INSERT (insertmanyvalues), the inserted primary key (lastrowid versus
 * implicit RETURNING), client-side, SQL-expression and server defaults (prefetch / postfetch),
 * onupdate, returnDefaults, rowcount, expanding IN, text(), execDriverSql, the Result API over
 * real rows, and the ExecutionContext members a before_cursor_execute listener sees.
 * SQLAlchemy 2.0 semantics are the specification (research §1.2, §1.3, checklist 12-19, 26-27).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("dml");

interface Seen {
  conn: unknown;
  cursor: unknown;
  statement: string;
  parameters: unknown;
  context: sa.ExecutionContext;
  executemany: boolean;
}

/** Records every before_cursor_execute call on an engine. */
function recorder(engine: sa.Engine) {
  const seen: Seen[] = [];
  const fn = (
    conn: unknown,
    cursor: unknown,
    statement: string,
    parameters: unknown,
    context: unknown,
    executemany: boolean,
  ) => {
    seen.push({ conn, cursor, statement, parameters, context: context as sa.ExecutionContext, executemany });
  };
  sa.event.listen(engine, "before_cursor_execute", fn);
  return {
    seen,
    /** the statements seen, without the transaction bookkeeping */
    statements: () => seen.map((s) => s.statement),
    clear: () => {
      seen.length = 0;
    },
    stop: () => sa.event.remove(engine, "before_cursor_execute", fn),
  };
}

/**
 * The placeholder of the n-th parameter; on pg a bind outside INSERT VALUES / UPDATE SET carries
 * its type's cast (asyncpg's form).
 */
const ph = (dialect: string, n: number, pgType?: string) =>
  dialect === "postgresql" ? `$${n}${pgType ? `::${pgType}` : ""}` : "?";
const norm = (sql: string) => sql.replace(/\s+/g, " ").trim();

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const isPg = d.name === "postgresql";
    const isMy = d.name === "mysql";
    let engine: sa.Engine;
    let rec: ReturnType<typeof recorder>;
    const meta = new sa.MetaData();

    const users = new sa.Table(
      "users",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("name", sa.String(50)),
      new sa.Column("value", sa.Integer),
    );

    // JS-side defaults count their calls; `fromName` reads the row being inserted
    let counterCalls = 0;
    let fromNameCalls = 0;
    let onupdateCalls = 0;
    const defs = new sa.Table(
      "defs",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("name", sa.String(50)),
      new sa.Column("scalar_def", sa.Integer, { default: 7 }),
      new sa.Column("counter", sa.Integer, { default: () => ++counterCalls }),
      new sa.Column("from_name", sa.String(60), {
        default: (ctx: sa.ExecutionContext) => {
          fromNameCalls++;
          return `${String(ctx.getCurrentParameters().name)}-derived`;
        },
      }),
      new sa.Column("sql_def", sa.Integer, { default: sa.literalColumn("6").mul(sa.literalColumn("7")) }),
      new sa.Column("srv", sa.String(20), { serverDefault: "server" }),
      new sa.Column("touched", sa.Integer, { onupdate: () => ++onupdateCalls }),
      new sa.Column("touched_sql", sa.Integer, {
        onupdate: sa.literalColumn("40").add(sa.literalColumn("2")),
      }),
    );

    const wide = new sa.Table(
      "wide",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      ...Array.from({ length: 10 }, (_, i) => new sa.Column(`c${i}`, sa.Integer)),
    );

    const pairs = new sa.Table(
      "pairs",
      meta,
      new sa.Column("a", sa.Integer, { primaryKey: true }),
      new sa.Column("b", sa.String(10), { primaryKey: true }),
      new sa.Column("note", sa.String(20)),
      new sa.Column("at", sa.DateTime),
    );

    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
      });
      rec = recorder(engine);
    });

    afterEach(async () => {
      rec.clear();
      await engine.begin(async (conn) => {
        for (const t of [users, defs, wide, pairs]) await conn.execute(sa.delete(t));
      });
      rec.clear();
    });

    afterAll(async () => {
      rec?.stop();
      await engine?.begin(async (conn) => meta.dropAll(conn));
      await engine?.dispose();
    });

    describe("INSERT columns come from the parameters", () => {
      it("a single parameter set renders only its keys", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(users.insert(), { name: "a" });
          expect(r.rowcount).toBe(1);
          const ins = rec.seen.filter((s) => s.statement.startsWith("INSERT"));
          expect(ins).toHaveLength(1);
          const returning = isPg ? " RETURNING users.id" : "";
          expect(norm(ins[0].statement)).toBe(
            `INSERT INTO users (name) VALUES (${ph(d.name, 1)})${returning}`,
          );
          expect(ins[0].parameters).toEqual(["a"]);
          expect(ins[0].executemany).toBe(false);
        });
        const rows = await d.outside("SELECT name, value FROM users");
        expect(rows).toEqual([["a", null]]);
      });

      it("different keys compile different statements", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          await conn.execute(users.insert(), { name: "a", value: 1 });
          await conn.execute(users.insert(), { value: 2 });
          const ins = rec.statements().filter((s) => s.startsWith("INSERT"));
          expect(norm(ins[0])).toMatch(/^INSERT INTO users \(name, value\) VALUES/);
          expect(norm(ins[1])).toMatch(/^INSERT INTO users \(value\) VALUES/);
        });
      });

      it("execution keys that name no column are ignored (only values() keys are checked)", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          await conn.execute(users.insert(), { name: "a", nope: 1 });
          const ins = rec.statements().filter((s) => s.startsWith("INSERT"));
          expect(norm(ins[0])).toMatch(/^INSERT INTO users \(name\) VALUES/);
          // @ts-expect-error an unknown key: the runtime check behind the type check
          await expect(conn.execute(users.insert().values({ name: "b", nope: 1 }))).rejects.toThrow(
            "Unconsumed column names: nope",
          );
        });
      });
    });

    describe("executemany", () => {
      it("5000 parameter sets insert 5000 rows", async () => {
        const rows = Array.from({ length: 5000 }, (_, i) => ({ name: `n${i}`, value: i }));
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(users.insert(), rows);
          expect(() => r.insertedPrimaryKey).toThrow("executemany");
          // every driver here batches executemany INSERTs into multi-row VALUES (one statement
          // per page: a round trip on pg and mysql2, one run() instead of 1,000 on better-sqlite3) ...
          const ins = rec.seen.filter((s) => s.statement.startsWith("INSERT"));
          const ctx = ins[0].context;
          expect(ctx.executeStyle).toBe("INSERTMANYVALUES");
          expect(ctx.batches!.map((b) => b.rows)).toEqual([1000, 1000, 1000, 1000, 1000]);
          // ... and, as SQLAlchemy, fires before_cursor_execute once per batch (executemany=true)
          expect(ins).toHaveLength(5);
          expect(ins.every((s) => s.executemany)).toBe(true);
          expect(r.rowcount).toBe(5000);
          // no key was fetched: the generated ones are unknown (SQLAlchemy's "empty" key rows)
          expect(r.insertedPrimaryKeyRows).toHaveLength(5000);
          expect(r.insertedPrimaryKeyRows.every((row) => row[0] === null)).toBe(true);
          expect(r.lastInsertedParams()).toHaveLength(5000);
        });
        const [[count, sum]] = await d.outside("SELECT count(*), sum(value) FROM users");
        expect(Number(count)).toBe(5000);
        expect(Number(sum)).toBe((4999 * 5000) / 2);
      });

      it("JS-side defaults run once per parameter set", async () => {
        counterCalls = 0;
        fromNameCalls = 0;
        await engine.begin(async (conn) => {
          const r = await conn.execute(
            defs.insert(),
            Array.from({ length: 25 }, (_, i) => ({ name: `r${i}` })),
          );
          expect(
            r
              .prefetchCols()
              .map((c) => (c as sa.ColumnClass).name)
              .sort(),
          ).toEqual(["counter", "from_name", "scalar_def"]);
        });
        expect(counterCalls).toBe(25);
        expect(fromNameCalls).toBe(25);
        const rows = await d.outside(
          "SELECT name, counter, from_name, scalar_def FROM defs ORDER BY counter",
        );
        expect(rows).toHaveLength(25);
        rows.forEach((r, i) => {
          expect(Number(r[1])).toBe(i + 1);
          expect(r[2]).toBe(`${r[0]}-derived`);
          expect(Number(r[3])).toBe(7);
        });
      });
    });

    describe("batched executemany without RETURNING (insertmanyvalues)", () => {
      it("defaults run once per row across pages; each row sees its own values", async () => {
        counterCalls = 0;
        fromNameCalls = 0;
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(
            defs.insert(),
            Array.from({ length: 25 }, (_, i) => ({ name: `p${i}` })),
            { insertmanyvaluesPageSize: 7 },
          );
          const ins = rec.seen.filter((s) => s.statement.startsWith("INSERT"));
          expect(ins[0].context.batches!.map((b) => b.rows)).toEqual([7, 7, 7, 4]);
          expect(ins).toHaveLength(4);
          expect(r.rowcount).toBe(25);
          const params = r.lastInsertedParams() as Record<string, unknown>[];
          expect(params.map((p) => p.counter)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
        });
        expect(counterCalls).toBe(25);
        expect(fromNameCalls).toBe(25);
        const rows = await d.outside(
          "SELECT name, counter, from_name, scalar_def, srv FROM defs ORDER BY counter",
        );
        expect(rows.map((x) => [x[0], Number(x[1]), x[2], Number(x[3]), x[4]])).toEqual(
          Array.from({ length: 25 }, (_, i) => [`p${i}`, i + 1, `p${i}-derived`, 7, "server"]),
        );
      });

      it("insertedPrimaryKeyRows after a paged executemany: given keys, null for generated ones", async () => {
        await engine.begin(async (conn) => {
          const given = await conn.execute(
            users.insert(),
            Array.from({ length: 10 }, (_, i) => ({ id: 100 + i, name: `g${i}` })),
            { insertmanyvaluesPageSize: 3 },
          );
          expect(given.insertedPrimaryKeyRows.map((row) => [...row])).toEqual(
            Array.from({ length: 10 }, (_, i) => [100 + i]),
          );
          expect(given.insertedPrimaryKeyRows[9]._mapping.get(users.c.id)).toBe(109);
          const generated = await conn.execute(
            users.insert(),
            Array.from({ length: 5 }, (_, i) => ({ name: `n${i}` })),
            { insertmanyvaluesPageSize: 2 },
          );
          expect(generated.rowcount).toBe(5);
          expect(generated.insertedPrimaryKeyRows.map((row) => [...row])).toEqual([
            [null],
            [null],
            [null],
            [null],
            [null],
          ]);
          const pairsRows = await conn.execute(pairs.insert(), [
            { a: 1, b: "x", at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) },
            { a: 2, b: "y", at: null },
          ]);
          expect(pairsRows.insertedPrimaryKeyRows.map((row) => [...row])).toEqual([
            [1, "x"],
            [2, "y"],
          ]);
        });
        const [[count]] = await d.outside("SELECT count(*) FROM users");
        expect(Number(count)).toBe(15);
        const at = await d.outside("SELECT a FROM pairs WHERE at IS NOT NULL");
        expect(at.map((x) => Number(x[0]))).toEqual([1]);
      });

      it("a missing required value names its parameter group", async () => {
        await expect(
          engine.begin((conn) =>
            conn.execute(sa.insert(users).values({ name: sa.bindparam("nm") }), [
              { nm: "a" },
              { nm: "b" },
              {},
            ]),
          ),
        ).rejects.toThrow("A value is required for bind parameter 'nm', in parameter group 2");
        const [[count]] = await d.outside("SELECT count(*) FROM users");
        expect(Number(count)).toBe(0);
      });
    });

    describe("executemany INSERT with placeholder characters in quoted names", () => {
      it("a column named 'a?b' or 'b%s' does not shift the parameters of a batch", async () => {
        const m = new sa.MetaData();
        const odd = new sa.Table(
          "odd?names",
          m,
          new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
          new sa.Column("a?b", sa.String(10)),
          new sa.Column("b%s", sa.String(10)),
        );
        await engine.begin(async (conn) => {
          await m.dropAll(conn);
          await m.createAll(conn);
          const rows = [1, 2, 3].map((id) => ({ id, "a?b": `a${id}`, "b%s": `b${id}` }));
          await conn.execute(odd.insert(), rows);
          const got = (await conn.execute(sa.select(odd).orderBy(odd.c.id))).all().map((r) => [...r]);
          expect(got).toEqual(rows.map((r) => [r.id, r["a?b"], r["b%s"]]));
          await m.dropAll(conn);
        });
      });
    });

    describe("batched INSERT with RETURNING (insertmanyvalues)", () => {
      const N = 5000;
      // values in a scrambled order, so that parameter order is visible in the rows
      const scrambled = Array.from({ length: N }, (_, i) => ({ name: `s${i}`, value: (i * 7919) % N }));

      it("returns one row per parameter set, in parameter order", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(sa.insert(users).returning(users.c.id, users.c.value), scrambled);
          const rows = r.all();
          expect(rows).toHaveLength(N);
          expect(rows.map((row) => row.value)).toEqual(scrambled.map((x) => x.value));
          const ids = rows.map((row) => row.id as number);
          expect(new Set(ids).size).toBe(N);
          // the ids are those the database stored for each value
          const stored = new Map(
            (await d.outside("SELECT value, id FROM users")).map((x) => [Number(x[0]), Number(x[1])]),
          );
          expect(stored.size).toBe(0); // not committed yet: invisible from outside
          const inside = (await conn.execute(sa.select(users.c.value, users.c.id))).all();
          const byValue = new Map(inside.map((x) => [x.value, x.id]));
          for (const row of rows) expect(byValue.get(row.value as number)).toBe(row.id);
        });
      });

      it("a small batch is one multi-row VALUES statement", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(sa.insert(users).returning(users.c.id), [
            { name: "a" },
            { name: "b" },
            { name: "c" },
          ]);
          expect(r.scalars().all()).toHaveLength(3);
          const ins = rec.seen.filter((s) => s.statement.startsWith("INSERT"));
          const p = (n: number) => ph(d.name, n);
          const ret = d.name === "sqlite" ? "RETURNING id" : "RETURNING users.id";
          const expected = `INSERT INTO users (name) VALUES (${p(1)}), (${p(2)}), (${p(3)}) ${ret}`;
          const batches = ins[0].context.batches!;
          expect(batches).toHaveLength(1);
          expect(norm(batches[0].sql)).toBe(expected);
          expect(batches[0].params).toEqual(["a", "b", "c"]);
          // the listener sees the statement sent: the batch
          expect(ins).toHaveLength(1);
          expect(norm(ins[0].statement)).toBe(expected);
          expect(ins[0].parameters).toEqual(["a", "b", "c"]);
        });
      });

      it("binds outside VALUES (in RETURNING) are kept; every row comes back", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const stmt = sa
            .insert(users)
            .returning(users.c.id, users.c.name.concat(sa.literal("!")).label("shout"));
          const r = await conn.execute(
            stmt,
            Array.from({ length: 7 }, (_, i) => ({ name: `r${i}` })),
            { insertmanyvaluesPageSize: 3 },
          );
          expect(r.all().map((x) => x.shout)).toEqual(Array.from({ length: 7 }, (_, i) => `r${i}!`));
          const ins = rec.seen.filter((s) => s.statement.startsWith("INSERT"));
          const batches = ins[0].context.batches!;
          expect(batches.map((b) => b.rows)).toEqual([3, 3, 1]);
          const p = (n: number) => ph(d.name, n);
          expect(norm(batches[0].sql)).toContain(`VALUES (${p(1)}), (${p(2)}), (${p(3)}) RETURNING`);
          // the RETURNING expression's bind is not a column value: cast on pg
          const shout = ph(d.name, 4, "VARCHAR");
          expect(norm(batches[0].sql).endsWith(isMy ? `, ${shout}) AS shout` : `|| ${shout} AS shout`)).toBe(
            true,
          );
          expect(batches[0].params).toEqual(["r0", "r1", "r2", "!"]);
        });
      });

      it("parameter sets without values insert defaults row by row", async () => {
        await engine.begin(async (conn) => {
          const r = await conn.execute(sa.insert(defs).returning(defs.c.id, defs.c.srv), [{}, {}, {}]);
          const rows = r.all();
          expect(rows).toHaveLength(3);
          expect(rows.map((x) => x.srv)).toEqual(["server", "server", "server"]);
          expect(new Set(rows.map((x) => x.id)).size).toBe(3);
        });
      });

      it("batches are split at insertmanyvaluesPageSize", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(sa.insert(users).returning(users.c.id, users.c.value), scrambled, {
            insertmanyvaluesPageSize: 1000,
          });
          expect(r.all().map((x) => x.value)).toEqual(scrambled.map((x) => x.value));
          const ins = rec.seen.filter((s) => s.statement.startsWith("INSERT"));
          const batches = ins[0].context.batches!;
          expect(batches.map((b) => b.rows)).toEqual([1000, 1000, 1000, 1000, 1000]);
          for (const b of batches) expect(b.params).toHaveLength(2000);
          expect(ins).toHaveLength(5);
          for (const s of ins) expect(s.parameters as unknown[]).toHaveLength(2000);
        });
      });

      it("batches are split at the dialect's parameter limit", async () => {
        const limit = engine.dialect.insertmanyvaluesMaxParameters;
        // SQLite's own limit; elsewhere SQLAlchemy's default
        expect(limit).toBe(d.name === "sqlite" ? 32766 : 32700);
        const rows = Array.from({ length: N }, (_, i) =>
          Object.fromEntries(Array.from({ length: 10 }, (_, j) => [`c${j}`, i * 10 + j])),
        );
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(sa.insert(wide).returning(wide.c.id, wide.c.c0), rows, {
            insertmanyvaluesPageSize: 100_000,
          });
          expect(r.all().map((x) => x.c0)).toEqual(rows.map((x) => x.c0));
          const ins = rec.seen.filter((s) => s.statement.startsWith("INSERT"));
          const perBatch = Math.floor(limit / 10);
          const batches = ins[0].context.batches!;
          expect(batches.map((b) => b.rows)).toEqual([perBatch, N - perBatch]);
          for (const b of batches) expect(b.params.length).toBeLessThanOrEqual(limit);
          expect(ins).toHaveLength(Math.ceil(N / perBatch));
          for (const s of ins) expect((s.parameters as unknown[]).length).toBeLessThanOrEqual(limit);
          expect((ins[0].parameters as unknown[]).length).toBe(perBatch * 10);
        });
      });
    });

    describe("the inserted primary key", () => {
      it("comes from lastrowid on SQLite and from implicit RETURNING on PostgreSQL", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const r1 = await conn.execute(users.insert(), { name: "a" });
          const r2 = await conn.execute(users.insert(), { name: "b" });
          const ins = rec.statements().filter((s) => s.startsWith("INSERT"));
          for (const s of ins) {
            if (isPg) expect(s).toMatch(/RETURNING users\.id$/);
            else expect(s).not.toMatch(/RETURNING/);
          }
          const id1 = r1.insertedPrimaryKey![0] as number;
          const id2 = r2.insertedPrimaryKey![0] as number;
          expect(typeof id1).toBe("number");
          expect(id2).toBe(id1 + 1);
          expect([...r1.insertedPrimaryKey!]).toEqual([id1]);
          expect(r1.insertedPrimaryKey!._mapping.get(users.c.id)).toBe(id1);
          if (!isPg) expect(Number(r2.lastrowid)).toBe(id2);
          const stored = await conn.scalar(sa.select(users.c.name).where(users.c.id.eq(id2)));
          expect(stored).toBe("b");
        });
      });

      it("an explicit key value is the inserted primary key", async () => {
        await engine.begin(async (conn) => {
          const r = await conn.execute(users.insert(), { id: 500, name: "x" });
          expect([...r.insertedPrimaryKey!]).toEqual([500]);
          const c = await conn.execute(pairs.insert(), { a: 1, b: "k", note: "n" });
          expect([...c.insertedPrimaryKey!]).toEqual([1, "k"]);
        });
      });

      it("a multi-VALUES INSERT does not populate it", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(sa.insert(users).values([{ name: "a" }, { name: "b" }]));
          expect(r.rowcount).toBe(2);
          const ins = rec.statements().filter((s) => s.startsWith("INSERT"));
          expect(ins).toHaveLength(1);
          expect(ins[0]).not.toMatch(/RETURNING/);
          const pk = r.insertedPrimaryKey;
          expect(pk === null || [...pk].every((v) => v === null)).toBe(true);
        });
      });

      it("returning() refuses insertedPrimaryKey", async () => {
        await engine.begin(async (conn) => {
          const r = await conn.execute(sa.insert(users).returning(users.c.id), { name: "a" });
          expect(() => r.insertedPrimaryKey).toThrow(
            "Can't call insertedPrimaryKey when returning() is used.",
          );
          expect(typeof r.scalarOne()).toBe("number");
        });
      });
    });

    describe("defaults", () => {
      it("JS-side defaults are computed once and listed in prefetchCols()", async () => {
        counterCalls = 0;
        fromNameCalls = 0;
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(defs.insert(), { name: "ann" });
          expect(counterCalls).toBe(1);
          expect(fromNameCalls).toBe(1);
          const pre = r.prefetchCols();
          expect(pre).toContain(defs.c.scalar_def);
          expect(pre).toContain(defs.c.counter);
          expect(pre).toContain(defs.c.from_name);
          expect(pre).toHaveLength(3);
          const params = r.lastInsertedParams() as Record<string, unknown>;
          expect(params).toMatchObject({ name: "ann", scalar_def: 7, counter: 1, from_name: "ann-derived" });
          const ins = rec.seen.find((s) => s.statement.startsWith("INSERT"))!;
          expect(ins.parameters).toEqual(expect.arrayContaining(["ann", 7, 1, "ann-derived"]));
          const id = r.insertedPrimaryKey![0] as number;
          const row = (await conn.execute(sa.select(defs).where(defs.c.id.eq(id)))).one();
          expect(row.scalar_def).toBe(7);
          expect(row.counter).toBe(1);
          expect(row.from_name).toBe("ann-derived");
        });
      });

      it("a multi-VALUES INSERT computes defaults per row, each seeing its own row", async () => {
        counterCalls = 0;
        fromNameCalls = 0;
        await engine.begin(async (conn) => {
          rec.clear();
          await conn.execute(sa.insert(defs).values([{ name: "m0" }, { name: "m1" }, { name: "m2" }]));
          expect(counterCalls).toBe(3);
          expect(fromNameCalls).toBe(3);
          const ins = rec.seen.filter((s) => s.statement.startsWith("INSERT"));
          expect(ins).toHaveLength(1);
          const rows = (
            await conn.execute(sa.select(defs.c.name, defs.c.from_name, defs.c.counter).orderBy(defs.c.name))
          ).all();
          expect(rows.map((r) => [...r])).toEqual([
            ["m0", "m0-derived", 1],
            ["m1", "m1-derived", 2],
            ["m2", "m2-derived", 3],
          ]);
        });
      });

      it("in a multi-VALUES INSERT, currentParameters is the whole set and getCurrentParameters() the row (isolateMultiinsertGroups)", async () => {
        const views: Record<string, unknown>[][] = [];
        const grouped = new sa.Table(
          "grouped_defaults",
          new sa.MetaData(),
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("name", sa.String(20)),
          new sa.Column("label", sa.String(40), {
            default: (ctx: sa.ExecutionContext) => {
              views.push([
                { ...ctx.getCurrentParameters() },
                { ...ctx.getCurrentParameters({ isolateMultiinsertGroups: false }) },
                { ...ctx.currentParameters },
              ]);
              return `${String(ctx.getCurrentParameters().name)}!`;
            },
          }),
        );
        await engine.begin(async (conn) => {
          await grouped.create(conn);
          try {
            await conn.execute(sa.insert(grouped).values([{ name: "a" }, { name: "b" }]));
            const labels = await conn.scalars(sa.select(grouped.c.label).orderBy(grouped.c.label));
            expect(labels.all()).toEqual(["a!", "b!"]);
          } finally {
            await grouped.drop(conn);
          }
        });
        expect(views[1][0]).toMatchObject({ name: "b" });
        expect(views[1][0]).not.toHaveProperty("name_m1");
        expect(views[1][1]).toMatchObject({ name_m0: "a", name_m1: "b" });
        expect(views[1][2]).toEqual(views[1][1]);
      });

      it("a given value wins over the default, which is then not called", async () => {
        counterCalls = 0;
        await engine.begin(async (conn) => {
          const r = await conn.execute(defs.insert(), { name: "b", counter: 99 });
          expect(counterCalls).toBe(0);
          expect(r.prefetchCols()).not.toContain(defs.c.counter);
          const row = (await conn.execute(sa.select(defs.c.counter))).one();
          expect(row.counter).toBe(99);
        });
      });

      it("SQL-expression defaults render inline and are listed in postfetchCols()", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(defs.insert(), { name: "e" });
          const ins = rec.seen.find((s) => s.statement.startsWith("INSERT"))!;
          expect(norm(ins.statement)).toContain("(6 * 7)");
          expect(r.postfetchCols()).toContain(defs.c.sql_def);
          expect(r.lastrowHasDefaults()).toBe(true);
          expect(await conn.scalar(sa.select(defs.c.sql_def))).toBe(42);
        });
      });

      it("server defaults render nothing and are listed in postfetchCols()", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(defs.insert(), { name: "s" });
          const ins = rec.seen.find((s) => s.statement.startsWith("INSERT"))!;
          expect(ins.statement).not.toMatch(/\bsrv\b/);
          expect(r.postfetchCols()).toContain(defs.c.srv);
          expect(r.postfetchCols()).not.toContain(defs.c.counter);
          expect(r.prefetchCols()).not.toContain(defs.c.srv);
          expect(await conn.scalar(sa.select(defs.c.srv))).toBe("server");
        });
      });

      it("lastrowHasDefaults() is false without SQL or server defaults", async () => {
        await engine.begin(async (conn) => {
          const r = await conn.execute(users.insert(), { name: "plain" });
          expect(r.postfetchCols()).toEqual([]);
          expect(r.prefetchCols()).toEqual([]);
          expect(r.lastrowHasDefaults()).toBe(false);
        });
      });

      it("onupdate runs on UPDATE only, once per parameter set", async () => {
        onupdateCalls = 0;
        await engine.begin(async (conn) => {
          await conn.execute(defs.insert(), [{ name: "u1" }, { name: "u2" }, { name: "u3" }]);
          expect(onupdateCalls).toBe(0);
          rec.clear();
          const r = await conn.execute(
            sa.update(defs).values({ name: "renamed" }).where(defs.c.name.eq("u1")),
          );
          expect(onupdateCalls).toBe(1);
          expect(r.prefetchCols()).toEqual([defs.c.touched]);
          expect(r.postfetchCols()).toContain(defs.c.touched_sql);
          expect(r.lastrowHasDefaults()).toBe(true);
          const upd = rec.seen.find((s) => s.statement.startsWith("UPDATE"))!;
          expect(norm(upd.statement)).toContain("touched_sql=(40 + 2)");
          expect(r.lastUpdatedParams()).toMatchObject({ name: "renamed", touched: 1 });
          const row = (await conn.execute(sa.select(defs).where(defs.c.name.eq("renamed")))).one();
          expect(row.touched).toBe(1);
          expect(row.touched_sql).toBe(42);
          // executemany UPDATE: once per parameter set
          const upd2 = sa
            .update(defs)
            .where(defs.c.name.eq(sa.bindparam("old")))
            .values({ name: sa.bindparam("new") });
          await conn.execute(upd2, [
            { old: "u2", new: "v2" },
            { old: "u3", new: "v3" },
          ]);
          expect(onupdateCalls).toBe(3);
          const touched = (
            await conn.execute(sa.select(defs.c.name, defs.c.touched).orderBy(defs.c.name))
          ).all();
          expect(touched.map((x) => [x.name, x.touched])).toEqual([
            ["renamed", 1],
            ["v2", 2],
            ["v3", 3],
          ]);
        });
      });

      it("an explicit value for an onupdate column wins", async () => {
        onupdateCalls = 0;
        await engine.begin(async (conn) => {
          await conn.execute(defs.insert(), { name: "w" });
          const r = await conn.execute(sa.update(defs).values({ touched: 500 }));
          expect(onupdateCalls).toBe(0);
          expect(r.prefetchCols()).toEqual([]);
          expect(await conn.scalar(sa.select(defs.c.touched))).toBe(500);
        });
      });

      it("returnDefaults() fetches the key and the server-generated values", async () => {
        await engine.begin(async (conn) => {
          rec.clear();
          const r = await conn.execute(defs.insert().returnDefaults(), { name: "rd" });
          const ins = rec.seen.find((s) => s.statement.startsWith("INSERT"))!;
          expect(ins.statement).toMatch(/RETURNING/);
          const rd = r.returnedDefaults!;
          expect(rd).not.toBeNull();
          expect(rd._mapping.srv).toBe("server");
          expect(rd._mapping.sql_def).toBe(42);
          expect(rd._mapping.id).toBe(r.insertedPrimaryKey![0]);
          // fetched values are no longer "postfetch"
          expect(r.postfetchCols()).not.toContain(defs.c.srv);
          expect(r.postfetchCols()).not.toContain(defs.c.sql_def);
          expect(r.prefetchCols()).toContain(defs.c.counter);
        });
      });

      it("without returnDefaults(), a key fetched by implicit RETURNING is the returned defaults (PostgreSQL), else null", async () => {
        await engine.begin(async (conn) => {
          const r = await conn.execute(defs.insert(), { name: "plain" });
          // SQLAlchemy 2.0: implicit RETURNING on PostgreSQL; lastrowid on SQLite and MySQL
          if (d.name === "postgresql")
            expect(r.returnedDefaults?._asDict()).toEqual({ id: r.insertedPrimaryKey![0] });
          else expect(r.returnedDefaults).toBeNull();
        });
      });
    });

    describe("rowcount", () => {
      it("UPDATE and DELETE count the rows matched", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(users.insert(), [
            { name: "a", value: 1 },
            { name: "b", value: 1 },
            { name: "c", value: 2 },
          ]);
          const u = await conn.execute(sa.update(users).where(users.c.value.eq(1)).values({ name: "z" }));
          expect(u.rowcount).toBe(2);
          // rows matched, even when the new value equals the old one
          const same = await conn.execute(sa.update(users).where(users.c.value.eq(1)).values({ name: "z" }));
          expect(same.rowcount).toBe(2);
          const none = await conn.execute(sa.update(users).where(users.c.value.eq(99)).values({ name: "q" }));
          expect(none.rowcount).toBe(0);
          const del = await conn.execute(sa.delete(users).where(users.c.value.eq(2)));
          expect(del.rowcount).toBe(1);
          // executemany: the sum over the parameter sets
          await conn.execute(users.insert(), [
            { name: "p", value: 5 },
            { name: "q", value: 6 },
            { name: "r", value: 6 },
          ]);
          const many = await conn.execute(
            sa
              .update(users)
              .where(users.c.value.eq(sa.bindparam("v")))
              .values({ name: sa.bindparam("n") }),
            [
              { v: 5, n: "five" },
              { v: 6, n: "six" },
            ],
          );
          expect(many.rowcount).toBe(3);
          expect(() => del.all()).toThrow(
            "This result object does not return rows. It has been closed automatically.",
          );
        });
      });
    });

    describe("expanding IN", () => {
      beforeAll(async () => undefined);

      it("1, 3 and 0 elements use one compiled statement", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(users.insert(), [
            { id: 1, name: "a" },
            { id: 2, name: "b" },
            { id: 3, name: "c" },
            { id: 4, name: "d" },
          ]);
          const q = (ids: number[]) =>
            sa.select(users.c.name).where(users.c.id.in(ids)).orderBy(users.c.name);
          rec.clear();
          expect((await conn.execute(q([2]))).scalars().all()).toEqual(["b"]);
          expect((await conn.execute(q([1, 3, 4]))).scalars().all()).toEqual(["a", "c", "d"]);
          expect((await conn.execute(q([]))).scalars().all()).toEqual([]);
          const sel = rec.seen.filter((s) => s.statement.startsWith("SELECT"));
          expect(sel).toHaveLength(3);
          expect(sel[1].context.compiled).toBe(sel[0].context.compiled);
          expect(sel[2].context.compiled).toBe(sel[0].context.compiled);
          const p = (n: number) => ph(d.name, n, "INTEGER");
          expect(norm(sel[0].statement)).toContain(`WHERE users.id IN (${p(1)})`);
          expect(norm(sel[1].statement)).toContain(`WHERE users.id IN (${p(1)}, ${p(2)}, ${p(3)})`);
          expect(sel[1].parameters).toEqual([1, 3, 4]);
          expect(sel[2].parameters).toEqual([]);
          // NOT IN over an empty list matches everything
          const all = await conn.execute(sa.select(sa.func.count()).where(users.c.id.notIn([])));
          expect(Number(all.scalar())).toBe(4);
        });
      });

      it("IN lists keep the positions of the binds around them", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(users.insert(), [
            { id: 1, name: "a", value: 10 },
            { id: 2, name: "b", value: 20 },
            { id: 3, name: "c", value: 30 },
          ]);
          const q = sa
            .select(users.c.id)
            .where(users.c.value.gt(sa.bindparam("lo")), users.c.id.in([1, 2, 3]), users.c.name.ne("c"))
            .orderBy(users.c.id);
          const r = await conn.execute(q, { lo: 10 });
          expect(r.scalars().all()).toEqual([2]);
        });
      });

      it("a bindparam with expanding takes its list at execution", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(users.insert(), [
            { id: 1, name: "a" },
            { id: 2, name: "b" },
          ]);
          const q = sa
            .select(users.c.name)
            .where(users.c.id.in(sa.bindparam("ids", undefined, { expanding: true })))
            .orderBy(users.c.name);
          expect((await conn.execute(q, { ids: [2, 1] })).scalars().all()).toEqual(["a", "b"]);
          expect((await conn.execute(q, { ids: [] })).scalars().all()).toEqual([]);
        });
      });

      it("tuple IN", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(pairs.insert(), [
            { a: 1, b: "x", note: "1x" },
            { a: 1, b: "y", note: "1y" },
            { a: 2, b: "x", note: "2x" },
          ]);
          const q = (vals: [number, string][]) =>
            sa.select(pairs.c.note).where(sa.tuple(pairs.c.a, pairs.c.b).in(vals)).orderBy(pairs.c.note);
          rec.clear();
          expect(
            (
              await conn.execute(
                q([
                  [1, "y"],
                  [2, "x"],
                ]),
              )
            )
              .scalars()
              .all(),
          ).toEqual(["1y", "2x"]);
          expect((await conn.execute(q([[1, "x"]]))).scalars().all()).toEqual(["1x"]);
          expect((await conn.execute(q([]))).scalars().all()).toEqual([]);
          const sel = rec.seen.filter((s) => s.statement.startsWith("SELECT"));
          expect(sel[1].context.compiled).toBe(sel[0].context.compiled);
          expect(sel[0].parameters).toEqual([1, "y", 2, "x"]);
          // each element binds with its own column's type (a Date goes through DateTime's processor);
          // whole seconds, since MySQL's plain DATETIME keeps no fraction
          const at = new Date("2024-05-06T07:08:09Z");
          await conn.execute(sa.update(pairs).where(pairs.c.note.eq("2x")).values({ at }));
          const typed = sa.select(pairs.c.note).where(sa.tuple(pairs.c.a, pairs.c.at).in([[2, at]]));
          expect((await conn.execute(typed)).scalars().all()).toEqual(["2x"]);
        });
      });

      it("expanding IN is refused with executemany", async () => {
        await engine.connect(async (conn) => {
          const q = sa
            .update(users)
            .where(users.c.id.in([1, 2]))
            .values({ name: sa.bindparam("n") });
          await expect(conn.execute(q, [{ n: "a" }, { n: "b" }])).rejects.toThrow(
            "'expanding' parameters can't be used with executemany()",
          );
        });
      });
    });

    describe("textual SQL", () => {
      it("text() with bindparams() and columns()", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(users.insert(), [
            { id: 1, name: "a", value: 5 },
            { id: 2, name: "b", value: 6 },
          ]);
          const t = sa
            .text("SELECT id, name FROM users WHERE value >= :v ORDER BY id")
            .bindparams({ v: 6 })
            .columns(users.c.id, users.c.name);
          const r = await conn.execute(t);
          const rows = r.all();
          expect(rows).toHaveLength(1);
          expect(rows[0]._mapping.get(users.c.name)).toBe("b");
          expect(rows[0].id).toBe(2);
          // the value can be given at execution too
          const r2 = await conn.execute(sa.text("SELECT name FROM users WHERE value >= :v ORDER BY id"), {
            v: 5,
          });
          expect(r2.scalars().all()).toEqual(["a", "b"]);
          // a text() with typed columns runs the result processors
          const typed = sa
            .text("SELECT value = 5 AS flag FROM users ORDER BY id")
            .columns(sa.column("flag", sa.Boolean));
          expect((await conn.execute(typed)).scalars().all()).toEqual([true, false]);
        });
      });

      it("text() DML reports rowcount", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(users.insert(), [{ name: "a" }, { name: "b" }]);
          const r = await conn.execute(sa.text("UPDATE users SET value = :v"), { v: 3 });
          expect(r.rowcount).toBe(2);
        });
      });

      it("execDriverSql takes the driver's placeholders", async () => {
        await engine.begin(async (conn) => {
          const ins = isPg
            ? "INSERT INTO users (id, name, value) VALUES ($1, $2, $3)"
            : "INSERT INTO users (id, name, value) VALUES (?, ?, ?)";
          await conn.execDriverSql(ins, [1, "raw", 9]);
          await conn.execDriverSql(ins, [
            [2, "raw2", 10],
            [3, "raw3", 11],
          ]);
          const sel = isPg
            ? "SELECT name, value FROM users WHERE id >= $1 ORDER BY id"
            : "SELECT name, value FROM users WHERE id >= ? ORDER BY id";
          // execDriverSql is typed as returning ExecResult | StreamResult; it never streams
          const r = (await conn.execDriverSql(sel, [2])) as sa.CursorResult;
          expect(r.all().map((x) => [...x])).toEqual([
            ["raw2", 10],
            ["raw3", 11],
          ]);
          expect(r.keys()).toEqual(["name", "value"]);
          // a single parameter list whose first value is an object (Date, Buffer) is one set
          const first = isPg ? "SELECT length($1::bytea), $2::int" : "SELECT length(?), ?";
          const one = (await conn.execDriverSql(first, [Buffer.from("abcd"), 2])) as sa.CursorResult;
          expect(one.all().map((x) => [...x].map(Number))).toEqual([[4, 2]]);
          if (d.name === "sqlite") {
            // better-sqlite3 also takes named parameters (mysql2 here takes positional ones only)
            const named = (await conn.execDriverSql("SELECT name FROM users WHERE id = :id", {
              id: 1,
            })) as sa.CursorResult;
            expect(named.scalar()).toBe("raw");
          }
        });
      });
    });

    describe("the Result API over real rows", () => {
      beforeAll(async () => undefined);

      async function seed(conn: sa.Connection) {
        await conn.execute(users.insert(), [
          { id: 1, name: "a", value: 10 },
          { id: 2, name: "b", value: 20 },
          { id: 3, name: "c", value: 30 },
        ]);
      }

      it("scalar, scalars, mappings, first, one, oneOrNone", async () => {
        await engine.begin(async (conn) => {
          await seed(conn);
          const q = sa.select(users.c.id, users.c.name).orderBy(users.c.id);
          expect(await conn.scalar(q)).toBe(1);
          expect((await conn.scalars(q)).all()).toEqual([1, 2, 3]);
          expect((await conn.execute(q)).mappings().all()).toEqual([
            { id: 1, name: "a" },
            { id: 2, name: "b" },
            { id: 3, name: "c" },
          ]);
          const first = (await conn.execute(q)).first()!;
          expect([...first]).toEqual([1, "a"]);
          expect(first.name).toBe("a");
          const one = (await conn.execute(q.where(users.c.id.eq(2)))).one();
          expect(one._asDict()).toEqual({ id: 2, name: "b" });
          expect((await conn.execute(q.where(users.c.id.eq(9)))).oneOrNone()).toBeNull();
          expect((await conn.execute(q.where(users.c.id.eq(9)))).first()).toBeNull();
          expect(await conn.scalar(q.where(users.c.id.eq(9)))).toBeNull();
          await expect(conn.execute(q).then((r) => r.one())).rejects.toThrow(
            "Multiple rows were found when exactly one was required",
          );
          await expect(conn.execute(q.where(users.c.id.eq(9))).then((r) => r.one())).rejects.toThrow(
            "No row was found when one was required",
          );
          expect((await conn.execute(q.where(users.c.id.eq(3)))).scalarOne()).toBe(3);
          expect((await conn.execute(q.where(users.c.id.eq(9)))).scalarOneOrNone()).toBeNull();
          const r = await conn.execute(q);
          expect(r.fetchone()!.id).toBe(1);
          expect(r.fetchmany(1).map((x) => x.id)).toEqual([2]);
          expect(r.fetchall().map((x) => x.id)).toEqual([3]);
        });
      });

      it("row._mapping takes Column objects; keys() gives names", async () => {
        await engine.begin(async (conn) => {
          await seed(conn);
          const r = await conn.execute(sa.select(users.c.id, users.c.name).where(users.c.id.eq(1)));
          expect(r.keys()).toEqual(["id", "name"]);
          const row = r.one();
          expect(row._mapping.get(users.c.name)).toBe("a");
          expect(row._mapping.get(users.c.id)).toBe(1);
          expect(row._mapping.name).toBe("a");
          expect(row._fields).toEqual(["id", "name"]);
          const labelled = (
            await conn.execute(sa.select(users.c.name.label("who")).where(users.c.id.eq(2)))
          ).one();
          expect(labelled.who).toBe("b");
          const cols = (await conn.execute(sa.select(users).orderBy(users.c.id))).columns("name", users.c.id);
          expect(cols.all().map((x) => [...x])).toEqual([
            ["a", 1],
            ["b", 2],
            ["c", 3],
          ]);
        });
      });

      it("same-named columns are keyed by the names the SQL gives them (id, id_1)", async () => {
        await engine.begin(async (conn) => {
          await seed(conn);
          const u2 = users.alias("u2");
          const q = sa
            .select(users.c.id, u2.c.id)
            .selectFrom(users.join(u2, users.c.id.eq(u2.c.id)))
            .where(users.c.id.eq(1));
          const row = (await conn.execute(q)).one();
          expect([...row]).toEqual([1, 1]);
          expect(row._fields).toEqual(["id", "id_1"]);
          expect(row._mapping.id).toBe(1);
          expect(row._mapping.get("id_1")).toBe(1);
          expect(row._mapping.get(u2.c.id)).toBe(1);
        });
      });
    });

    describe("ExecutionContext in before_cursor_execute", () => {
      it("exposes the execution's members", async () => {
        let checked = 0;
        const seen: {
          ctx: sa.ExecutionContext;
          conn: unknown;
          cursor: unknown;
          statement: string;
          parameters: unknown;
        }[] = [];
        const fn = (
          conn: unknown,
          cursor: unknown,
          statement: string,
          parameters: unknown,
          context: unknown,
        ) => {
          const ctx = context as sa.ExecutionContext;
          seen.push({ ctx, conn, cursor, statement, parameters });
          // members that are only meaningful while the statement runs
          expect(ctx.cursor).toBe(cursor);
          expect(ctx.shouldAutocommit).toBe(false);
          const other = ctx.createCursor();
          expect(other).not.toBe(cursor);
          const closed = other.close();
          checked++;
          return closed instanceof Promise ? closed : undefined;
        };
        sa.event.listen(engine, "before_cursor_execute", fn);
        try {
          await engine.begin(async (conn) => {
            const ins = await conn.execute(defs.insert(), { name: "ctx" });
            const upd = await conn.execute(sa.update(defs).values({ name: "ctx2" }));
            await conn.execute(sa.delete(defs).where(defs.c.id.eq(-1)));
            await conn.execute(sa.select(defs.c.id));
            expect(ins.rowcount).toBe(1);
            expect(upd.rowcount).toBe(1);
            const [i, u, del, sel] = seen.filter((s) => s.ctx?.compiled);
            for (const s of [i, u, del, sel]) {
              expect(s.ctx.connection).toBe(conn);
              expect(s.ctx.rootConnection).toBe(conn);
              expect(s.conn).toBe(conn);
              expect(s.ctx.dialect).toBe(engine.dialect);
              expect(s.ctx.compiled).toBeInstanceOf(sa.Compiled);
              expect(s.ctx.statement).toBe(s.statement);
              expect(s.ctx.parameters[0]).toEqual(s.parameters);
            }
            expect([i.ctx.isinsert, i.ctx.isupdate, i.ctx.isdelete]).toEqual([true, false, false]);
            expect([u.ctx.isinsert, u.ctx.isupdate, u.ctx.isdelete]).toEqual([false, true, false]);
            expect([del.ctx.isinsert, del.ctx.isupdate, del.ctx.isdelete]).toEqual([false, false, true]);
            expect([sel.ctx.isinsert, sel.ctx.isupdate, sel.ctx.isdelete]).toEqual([false, false, false]);
            expect(i.ctx.prefetchCols).toEqual(expect.arrayContaining([defs.c.counter, defs.c.from_name]));
            expect(i.ctx.postfetchCols).toEqual(expect.arrayContaining([defs.c.srv, defs.c.sql_def]));
            expect(i.ctx.lastrowHasDefaults()).toBe(true);
            expect(u.ctx.prefetchCols).toEqual([defs.c.touched]);
            expect(u.ctx.postfetchCols).toEqual([defs.c.touched_sql]);
            expect(sel.ctx.prefetchCols).toEqual([]);
            expect(sel.ctx.postfetchCols).toEqual([]);
            expect(sel.ctx.lastrowHasDefaults()).toBe(false);
            // after execution the driver's rowcount is the context's
            expect(u.ctx.getRowcount()).toBe(1);
          });
        } finally {
          sa.event.remove(engine, "before_cursor_execute", fn);
        }
        expect(checked).toBeGreaterThanOrEqual(4);
      });

      it("the cursor is procured before defaults run, and is the one the statement runs on", async () => {
        const cursors: unknown[] = [];
        const t = new sa.Table(
          "ctx_cursor",
          new sa.MetaData(),
          new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
          new sa.Column("tag", sa.String(20), {
            default: (ctx: sa.ExecutionContext) => {
              cursors.push(ctx.cursor);
              return "made";
            },
          }),
        );
        const fn = (_c: unknown, cursor: unknown) => {
          cursors.push(cursor);
        };
        await engine.begin(async (conn) => {
          await t.create(conn);
          sa.event.listen(engine, "before_cursor_execute", fn);
          try {
            const r = await conn.execute(t.insert().returning(t.c.tag), { id: 1 });
            if (engine.dialect.insertReturning) expect(r.scalar()).toBe("made");
          } finally {
            sa.event.remove(engine, "before_cursor_execute", fn);
          }
          expect(await conn.scalar(sa.select(t.c.tag))).toBe("made");
          await t.drop(conn);
        });
        expect(cursors).toHaveLength(2);
        expect(cursors[0]).not.toBeNull();
        expect(cursors[0]).toBe(cursors[1]);
      });

      it("getCurrentParameters() is only available inside a default function", async () => {
        await engine.begin(async (conn) => {
          let ctx: sa.ExecutionContext | null = null;
          const fn = (_c: unknown, _cur: unknown, _s: string, _p: unknown, context: unknown) => {
            ctx = context as sa.ExecutionContext;
          };
          sa.event.listen(engine, "before_cursor_execute", fn);
          try {
            await conn.execute(users.insert(), { name: "x" });
          } finally {
            sa.event.remove(engine, "before_cursor_execute", fn);
          }
          expect(() => ctx!.getCurrentParameters()).toThrow(sa.exc.InvalidRequestError);
        });
      });

      it("a raw statement has a context without compiled", async () => {
        await engine.connect(async (conn) => {
          rec.clear();
          await conn.execDriverSql("SELECT 1");
          const s = rec.seen.find((x) => x.statement === "SELECT 1")!;
          expect(s.context.compiled).toBeNull();
          expect(s.context.isinsert).toBe(false);
          expect(s.context.statement).toBe("SELECT 1");
        });
      });
    });
  });
}
