/**
 * A dialect built without an engine (`sqlite.dialect({ paramstyle })`, as encode/databases'
 * backends use pysqlite/asyncpg/pymysql dialects) compiles SQL that code of its own runs on the
 * driver: `compiled.bindProcessors` convert the values (Boolean, DateTime, Numeric, JSON …) the
 * way the engine would, and `compiled.resultProcessors` convert the rows back. Run here through
 * a raw driver connection (`engine.rawConnection()`) on every real database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysql, postgresql, sqlite } from "../../../src/dialects/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("standalone");

const meta = new sa.MetaData();
const notes = new sa.Table(
  "standalone_notes",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
  new sa.Column("completed", sa.Boolean),
  new sa.Column("created", sa.DateTime),
  new sa.Column("price", sa.Numeric(10, 2)),
  new sa.Column("data", sa.JSON),
);

// whole seconds: a MySQL DATETIME without fractional digits keeps no more
const AT = new Date("2020-01-02T03:04:05Z");

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let engine: sa.Engine;
    // the paramstyle each Node driver takes, as the backend would choose it
    const dialect =
      d.name === "postgresql"
        ? postgresql.dialect({ paramstyle: "numeric_dollar" })
        : d.name === "mysql"
          ? mysql.dialect({ paramstyle: "qmark" })
          : sqlite.dialect({ paramstyle: "qmark" });

    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
      });
    });
    afterAll(async () => {
      await engine.begin((conn) => meta.dropAll(conn));
      await engine.dispose();
    });

    /** The driver's positional arguments of a compiled statement, converted for the driver. */
    function driverArgs(c: sa.Compiled): unknown[] {
      const params = c.params;
      return (c.positiontup ?? []).map((k) =>
        c.bindProcessors[k] ? c.bindProcessors[k](params[k]) : params[k],
      );
    }

    it("compiled.bindProcessors and resultProcessors make its SQL runnable on the bare driver", async () => {
      const ins = notes
        .insert()
        .values({ id: 1, completed: true, created: AT, price: "12.50", data: { tags: ["a"], n: 1 } })
        .compile({ dialect });
      expect(Object.keys(ins.bindProcessors)).toEqual(
        expect.arrayContaining(["completed", "created", "data"]),
      );
      const sel = sa
        .select(notes.c.completed, notes.c.created, notes.c.price, notes.c.data)
        .where(notes.c.id.eq(1))
        .compile({ dialect });
      const raw = await engine.rawConnection();
      try {
        const cur = raw.cursor();
        await cur.execute(ins.string, driverArgs(ins));
        await cur.execute(sel.string, driverArgs(sel));
        const [row] = (await cur.fetchall()) as unknown[][];
        const procs = sel.resultProcessors;
        expect(procs).toHaveLength(4);
        const values = row.map((v, i) => (procs[i] ? procs[i](v) : v));
        expect(values).toEqual([true, AT, "12.50", { tags: ["a"], n: 1 }]);
        await raw.rollback();
      } finally {
        await raw.close();
      }
    });
  });
}

describe("the generic dialect", () => {
  it("converts nothing: no bind or result processors", () => {
    const c = sa.select(notes.c.completed).where(notes.c.created.eq(AT)).compile();
    expect(c.bindProcessors).toEqual({});
    expect(c.resultProcessors).toEqual([null]);
  });
});
