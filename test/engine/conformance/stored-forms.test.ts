/**
 * Literal values match what binds store, on every real database: an Interval literal is
 * PostgreSQL's `make_interval(secs=>N)` (SQLAlchemy 2.0) and elsewhere the epoch DATETIME the
 * value is stored as; SQLite's DateTime and Time literals are its storage text. Also SQLite's
 * own storage formats: times stored as `HH:MM:SS.ffffff` whatever spelling was bound (so equal
 * times compare equal), and Numeric values never read back in exponent form.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("stored_forms");
const norm = (sql: string) => sql.replace(/\s+/g, " ").trim();

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let engine: sa.Engine;
    const isMy = d.name === "mysql";
    const meta = new sa.MetaData();
    const t = new sa.Table(
      "sf_values",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
      new sa.Column("iv", sa.Interval),
      new sa.Column("at", sa.DateTime),
      new sa.Column("tod", sa.Time),
      new sa.Column("big", sa.Numeric(38, 10)),
      new sa.Column("plain", sa.Numeric),
    );
    const AT = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));

    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
        await conn.execute(t.insert(), [
          // MySQL's generic TIME keeps whole seconds
          { id: 1, iv: 5000, at: AT, tod: isMy ? "12:34:56" : "12:34:56.5" },
          { id: 2, iv: 90_061_000, at: null, tod: "9:05:07" },
        ]);
      });
    });
    afterAll(async () => {
      await engine.dispose();
    });

    /** Runs `q` with its values rendered inline, as offline SQL would. */
    async function literalIds(q: sa.Select): Promise<unknown[]> {
      const sql = q.compile({ dialect: engine.dialect, literalBinds: true }).string;
      return engine.connect(async (conn) => (await conn.execDriverSql(sql)).all().map((r) => r[0]));
    }

    it("an Interval literal matches the stored interval", async () => {
      const q = sa.select(t.c.id).where(t.c.iv.eq(5000));
      const expected = {
        postgresql: "make_interval(secs=>5.0)",
        sqlite: "'1970-01-01 00:00:05.000000'",
        mysql: "'1970-01-01 00:00:05'",
      }[d.name];
      expect(norm(q.compile({ dialect: engine.dialect, literalBinds: true }).string)).toBe(
        `SELECT sf_values.id FROM sf_values WHERE sf_values.iv = ${expected}`,
      );
      expect(await literalIds(q)).toEqual([1]);
      expect(await literalIds(sa.select(t.c.id).where(t.c.iv.eq(90_061_000)))).toEqual([2]);
    });

    it("DateTime and Time literals match the stored values", async () => {
      expect(await literalIds(sa.select(t.c.id).where(t.c.at.eq(AT)))).toEqual([1]);
      if (d.name === "sqlite") {
        expect(
          norm(
            sa.select(t.c.id).where(t.c.at.eq(AT)).compile({ dialect: engine.dialect, literalBinds: true })
              .string,
          ),
        ).toBe("SELECT sf_values.id FROM sf_values WHERE sf_values.at = '2024-01-02 03:04:05.000000'");
        expect(await literalIds(sa.select(t.c.id).where(t.c.tod.eq("09:05:07")))).toEqual([2]);
      }
    });

    it("a Time bound in any spelling is the same time", async () => {
      await engine.connect(async (conn) => {
        const ids = async (v: string) =>
          (await conn.execute(sa.select(t.c.id).where(t.c.tod.eq(v)))).scalars().all();
        expect(await ids(isMy ? "12:34:56" : "12:34:56.500")).toEqual([1]);
        expect(await ids("09:05:07.000000")).toEqual([2]);
        expect(await ids("9:05:07")).toEqual([2]);
        const read = (await conn.execute(sa.select(t.c.tod).orderBy(t.c.id))).scalars().all();
        expect(read).toEqual([isMy ? "12:34:56" : "12:34:56.5", "09:05:07"]);
      });
      if (d.name === "sqlite") {
        // stored as SQLAlchemy stores it, so rows written by either compare equal
        expect(await d.outside("SELECT tod FROM sf_values ORDER BY id")).toEqual([
          ["12:34:56.500000"],
          ["09:05:07.000000"],
        ]);
      }
    });

    it("Numeric values never read back in exponent form", async () => {
      await engine.begin(async (conn) => {
        await conn.execute(t.insert(), {
          id: 3,
          big: "1234567890123456789012345678.1234567890",
          plain: "0.0000001",
        });
        const row = (await conn.execute(sa.select(t.c.big, t.c.plain).where(t.c.id.eq(3)))).one();
        expect(row.big).toMatch(/^1234567890123456\d{12}\.\d{10}$/);
        // MySQL's NUMERIC without a scale is DECIMAL(10, 0)
        expect(row.plain).toMatch(isMy ? /^0$/ : /^0\.00000010*$/);
        if (d.name === "sqlite") {
          // SQLite keeps a REAL: SQLAlchemy's '%.10f' of that double
          expect(row.big).toBe("1234567890123456850245451776.0000000000");
        }
        await conn.rollback();
      });
    });
  });
}
