/**
 * Type round trips through the engine on every real database: values go in through
 * `conn.execute(insert)` (bind processors) and come back through `select` and `RETURNING`
 * (result processors), and the stored form is checked from a separate driver connection.
 * Covers the API.md value types (Boolean, DateTime, Date, Time, Numeric as exact strings,
 * BigInteger as bigint, JSON, LargeBinary as Buffer, Uuid, Enum, Unicode) and TypeDecorator
 * (research §1.13: user bind first then impl, impl result first then user).
 *
 * Documented limits (SQLite): NUMERIC columns have NUMERIC affinity, so SQLite stores values as
 * REAL when it can: only about 15 significant digits are exact (SQLAlchemy warns the same).
 * Integers are stored exactly as 64-bit; better-sqlite3 reads them as JS numbers unless asked
 * for bigints, which the adapter does for statements returning a BIGINT column, so BigInteger
 * round-trips exactly over the whole 64-bit range.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mysql, postgresql } from "../../../src/dialects/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("types");

/** Lower-cases on the way in only (a one-way TypeDecorator over String). */
class LowerString extends sa.TypeDecorator<string, string> {
  readonly impl = sa.String(40);
  override readonly cacheOk = true;
  static binds = 0;
  override processBindParam(value: string | null): string | null {
    LowerString.binds++;
    return value === null ? null : value.toLowerCase();
  }
}

/** JSON kept in a TEXT column, both ways; sees nulls on both sides. */
class JSONText<V> extends sa.TypeDecorator<V, string> {
  readonly impl = sa.Text;
  readonly seen: { bind: unknown[]; result: unknown[] } = { bind: [], result: [] };
  override processBindParam(value: V | null): string | null {
    this.seen.bind.push(value);
    return value === null ? null : JSON.stringify(value);
  }
  override processResultValue(value: string | null): V | null {
    this.seen.result.push(value);
    return value === null ? null : (JSON.parse(value) as V);
  }
}

/**
 * Epoch milliseconds stored through DateTime: the user hook turns the number into a Date, then
 * the impl's processor formats the Date for the driver; on the way back the impl parses, then
 * the user hook takes the milliseconds. Only works if the chain runs in SQLAlchemy's order.
 */
class EpochMillis extends sa.TypeDecorator<number, Date> {
  readonly impl = sa.DateTime;
  override readonly cacheOk = true;
  override processBindParam(value: number | null): Date | null {
    return value === null ? null : new Date(value);
  }
  override processResultValue(value: Date | null): number | null {
    expect(value === null || value instanceof Date).toBe(true);
    return value === null ? null : value.getTime();
  }
}

/** A document type: JSONB on PostgreSQL, JSON elsewhere (no hooks: the impl does the work). */
class Document extends sa.TypeDecorator<Record<string, unknown>> {
  readonly impl = sa.JSON;
  override readonly cacheOk = true;
  override loadDialectImpl(dialect: sa.Dialect): sa.TypeEngine {
    return dialect.name === "postgresql" ? postgresql.JSONB() : sa.JSON();
  }
}

/** Prefixes literals differently from binds (processLiteralParam wins for literalBinds). */
class Tagged extends sa.TypeDecorator<string, string> {
  readonly impl = sa.String(40);
  override readonly cacheOk = true;
  override processBindParam(value: string | null): string | null {
    return value === null ? null : `b:${value}`;
  }
  override processLiteralParam(value: string | null): string | null {
    return value === null ? null : `l:${value}`;
  }
}

/** A parameterised decorator: equal options may share a cached statement, different ones not. */
class Prefixed extends sa.TypeDecorator<string, string> {
  readonly impl = sa.String(40);
  override readonly cacheOk = true;
  constructor(readonly prefix: string) {
    super();
  }
  override processBindParam(value: string | null): string | null {
    return value === null ? null : this.prefix + value;
  }
}

/** A decorator over a decorator: trims, then the impl lower-cases; reads back in brackets. */
class TrimmedLower extends sa.TypeDecorator<string, string> {
  readonly impl = new LowerString();
  override readonly cacheOk = true;
  override processBindParam(value: string | null): string | null {
    return value === null ? "<null>" : value.trim();
  }
  override processResultValue(value: string | null): string | null {
    return value === null ? null : `[${value}]`;
  }
}

/** Without cacheOk, only the very same instance may share a cached statement. */
class Uncached extends sa.TypeDecorator<string, string> {
  readonly impl = sa.String(40);
  override processBindParam(value: string | null): string | null {
    return value;
  }
}

enum Size {
  Small = "s",
  Large = "l",
}

const AT = new Date("2024-02-29T23:59:58.123Z");
const UUID_UPPER = "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11";
const UUID = UUID_UPPER.toLowerCase();

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const isPg = d.name === "postgresql";
    const isMy = d.name === "mysql";
    let engine: sa.Engine;
    const meta = new sa.MetaData();
    const jsonText = new JSONText<{ a: number[] }>();

    const things = new sa.Table(
      "things",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("flag", sa.Boolean),
      // MySQL's DATETIME and TIME keep whole seconds unless declared with fractional digits
      new sa.Column("at", isMy ? mysql.DATETIME({ fsp: 6 }) : sa.DateTime),
      new sa.Column("at_tz", isMy ? mysql.TIMESTAMP({ fsp: 6 }) : sa.DateTime({ timezone: true })),
      new sa.Column("day", sa.Date),
      new sa.Column("tod", isMy ? mysql.TIME({ fsp: 6 }) : sa.Time),
      new sa.Column("price", sa.Numeric(10, 2)),
      new sa.Column("big_num", sa.Numeric(38, 10)),
      new sa.Column("big", sa.BigInteger),
      new sa.Column("doc", sa.JSON),
      new sa.Column("doc_nn", sa.JSON({ noneAsNull: true })),
      new sa.Column("blob", sa.LargeBinary),
      new sa.Column("uid", sa.Uuid),
      new sa.Column("uid_hex", sa.Uuid({ nativeUuid: false })),
      new sa.Column("mood", sa.Enum("sad", "ok", "happy", { name: "types_mood" })),
      new sa.Column("mood_v", sa.Enum("sad", "ok", { nativeEnum: false, validateStrings: true })),
      new sa.Column("size", sa.Enum(Size, { name: "types_size" })),
      new sa.Column("label", sa.Unicode(100)),
      new sa.Column("body", sa.UnicodeText),
    );

    const decorated = new sa.Table(
      "decorated",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("lower", new LowerString()),
      new sa.Column("jt", jsonText),
      // a type class passed bare is instantiated, as SQLAlchemy does
      new sa.Column("ms", EpochMillis),
      new sa.Column("document", new Document()),
      new sa.Column("tagged", new Tagged()),
      new sa.Column("nested", new TrimmedLower()),
    );

    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
      });
    });

    afterAll(async () => {
      await engine?.begin(async (conn) => meta.dropAll(conn));
      await engine?.dispose();
    });

    /** Inserts one row into `things` and reads it back by select and by RETURNING. */
    async function roundTrip(values: Record<string, unknown>) {
      return engine.begin(async (conn) => {
        const cols = Object.keys(values).map((k) => things.c[k as keyof typeof things.c] as sa.ColumnClass);
        const returned = (
          await conn.execute(
            sa
              .insert(things)
              .returning(things.c.id, ...cols)
              .values(values as never),
          )
        ).one();
        const id = returned.id as number;
        const selected = (await conn.execute(sa.select(...cols).where(things.c.id.eq(id)))).one();
        return {
          id,
          selected: selected._asDict() as Record<string, unknown>,
          returned: returned._asDict() as Record<string, unknown>,
        };
      });
    }

    /** The stored value as the database shows it to a plain driver connection. */
    async function stored(column: string, id: number, expr = column): Promise<unknown> {
      const rows = await d.outside(`SELECT ${expr.replace("$", column)} FROM things WHERE id = ${id}`);
      return rows[0][0];
    }

    it("Boolean", async () => {
      const t = await roundTrip({ flag: true });
      expect(t.selected.flag).toBe(true);
      expect(t.returned.flag).toBe(true);
      expect(await stored("flag", t.id)).toBe(isPg ? true : 1);
      const f = await roundTrip({ flag: false });
      expect(f.selected.flag).toBe(false);
      expect(await stored("flag", f.id)).toBe(isPg ? false : 0);
      const n = await roundTrip({ flag: null });
      expect(n.selected.flag).toBeNull();
    });

    it("DateTime keeps milliseconds; naive values are UTC", async () => {
      const t = await roundTrip({ at: AT, at_tz: AT });
      expect(t.selected.at).toEqual(AT);
      expect(t.selected.at_tz).toEqual(AT);
      expect(t.returned.at).toEqual(AT);
      expect((t.selected.at as Date).getUTCMilliseconds()).toBe(123);
      if (isPg) {
        expect(await stored("at", t.id, "to_char($, 'YYYY-MM-DD HH24:MI:SS.MS')")).toBe(
          "2024-02-29 23:59:58.123",
        );
      } else if (isMy) {
        // the UTC wall clock, microseconds padded from the milliseconds
        expect(await stored("at", t.id, "DATE_FORMAT($, '%Y-%m-%d %H:%i:%s.%f')")).toBe(
          "2024-02-29 23:59:58.123000",
        );
        expect(await stored("at_tz", t.id, "UNIX_TIMESTAMP($)")).toBe("1709251198.123000");
      } else {
        // SQLAlchemy's SQLite storage format
        expect(await stored("at", t.id)).toBe("2024-02-29 23:59:58.123000");
      }
      // comparisons bind through the same processor
      await engine.connect(async (conn) => {
        const hit = await conn.scalar(sa.select(things.c.id).where(things.c.at.eq(AT)));
        expect(hit).toBe(t.id);
      });
    });

    it("Date", async () => {
      const day = new Date(Date.UTC(2024, 1, 29));
      const t = await roundTrip({ day });
      expect(t.selected.day).toEqual(day);
      expect(t.returned.day).toEqual(day);
      const asText = isPg ? "to_char($, 'YYYY-MM-DD')" : isMy ? "DATE_FORMAT($, '%Y-%m-%d')" : "$";
      expect(String(await stored("day", t.id, asText))).toBe("2024-02-29");
    });

    it("Time", async () => {
      const t = await roundTrip({ tod: "12:34:56" });
      expect(t.selected.tod).toBe("12:34:56");
      const f = await roundTrip({ tod: "23:59:58.123" });
      expect(f.selected.tod).toBe("23:59:58.123");
    });

    it("Numeric is an exact string", async () => {
      const t = await roundTrip({ price: "10.25" });
      expect(t.selected.price).toBe("10.25");
      expect(t.returned.price).toBe("10.25");
      const padded = await roundTrip({ price: "3" });
      expect(padded.selected.price).toBe("3.00");
      const fifteen = await roundTrip({ price: "12345678.91" });
      expect(fifteen.selected.price).toBe("12345678.91");
      const neg = await roundTrip({ price: "-0.01" });
      expect(neg.selected.price).toBe("-0.01");
    });

    it("Numeric takes JS numbers too: inserted, compared and computed with", async () => {
      const t = await roundTrip({ price: 19.5 });
      expect(t.selected.price).toBe("19.50");
      const found = await engine.connect(async (conn) =>
        conn.scalars(
          sa
            .select(things.c.price)
            .where(things.c.id.eq(t.id), things.c.price.gt(19.25), things.c.price.lt(19.75)),
        ),
      );
      expect(found.all()).toEqual(["19.50"]);
      const sum = await engine.connect(async (conn) =>
        conn.scalar(sa.select(things.c.price.add(0.5)).where(things.c.id.eq(t.id))),
      );
      expect(Number(sum)).toBe(20);
    });

    it.skipIf(!isPg)(
      "DateTime - DateTime reads back as an Interval in milliseconds, Date - Date as days (SQLite and MySQL have no date subtraction operator)",
      async () => {
        const t = await roundTrip({ at: AT, day: new Date("2024-03-05") });
        const row = await engine.connect(async (conn) =>
          (
            await conn.execute(
              sa
                .select(
                  things.c.at.sub(new Date("2024-02-28T23:59:58.123Z")).label("dt"),
                  things.c.day.sub(new Date("2024-03-01")).label("days"),
                )
                .where(things.c.id.eq(t.id)),
            )
          ).one(),
        );
        expect(row.dt).toBe(24 * 3600 * 1000);
        expect(row.days).toBe(4);
      },
    );

    it("Numeric with a large precision", async () => {
      const value = "1234567890123456789012345678.0123456789";
      const t = await roundTrip({ big_num: value });
      if (isPg || isMy) {
        expect(t.selected.big_num).toBe(value);
        expect(t.returned.big_num).toBe(value);
      } else {
        // SQLite's NUMERIC affinity keeps about 15 significant digits (a REAL)
        expect(t.selected.big_num).not.toBe(value);
        expect(Number(t.selected.big_num)).toBeCloseTo(Number(value), -14);
        const exact = await roundTrip({ big_num: "123456.0123456789" });
        expect(exact.selected.big_num).toBe("123456.0123456789");
      }
    });

    it("BigInteger is a bigint", async () => {
      const safe = 2n ** 53n - 1n;
      for (const v of [0n, 42n, -safe, safe]) {
        const t = await roundTrip({ big: v });
        expect(t.selected.big).toBe(v);
        expect(t.returned.big).toBe(v);
      }
      const huge = 2n ** 62n + 1n;
      const t = await roundTrip({ big: huge });
      // stored exactly on all
      expect(String(await stored("big", t.id, isMy ? "CAST($ AS CHAR)" : "CAST($ AS TEXT)"))).toBe(
        huge.toString(),
      );
      // read back exactly everywhere (SQLite: a statement returning a BIGINT column reads bigints)
      expect(t.selected.big).toBe(huge);
      expect(t.returned.big).toBe(huge);
      const min = await roundTrip({ big: -(2n ** 63n) });
      expect(min.selected.big).toBe(-(2n ** 63n));
      expect(min.returned.big).toBe(-(2n ** 63n));
    });

    it("JSON: objects, arrays, scalars, null", async () => {
      const obj = { a: [1, "x", null], b: { c: true, d: 1.5 }, e: "ü" };
      const o = await roundTrip({ doc: obj });
      expect(o.selected.doc).toEqual(obj);
      expect(o.returned.doc).toEqual(obj);
      const arr = await roundTrip({ doc: [1, [2, 3], { x: null }] });
      expect(arr.selected.doc).toEqual([1, [2, 3], { x: null }]);
      const str = await roundTrip({ doc: "just a string" });
      expect(str.selected.doc).toBe("just a string");
      const num = await roundTrip({ doc: 5 });
      expect(num.selected.doc).toBe(5);
      // null is the JSON document `null` (SQLAlchemy's none_as_null=False) ...
      const n = await roundTrip({ doc: null, doc_nn: null });
      expect(n.selected.doc).toBeNull();
      expect(n.selected.doc_nn).toBeNull();
      expect(await stored("doc", n.id, "$ IS NULL")).toBe(isPg ? false : 0);
      // ... unless noneAsNull, which stores SQL NULL, as an omitted column does
      expect(await stored("doc_nn", n.id, "$ IS NULL")).toBe(isPg ? true : 1);
      const omitted = await roundTrip({ flag: true });
      expect(await stored("doc", omitted.id, "$ IS NULL")).toBe(isPg ? true : 1);
    });

    it("LargeBinary is a Buffer", async () => {
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const t = await roundTrip({ blob: bytes });
      expect(Buffer.isBuffer(t.selected.blob)).toBe(true);
      expect(t.selected.blob).toEqual(bytes);
      expect(t.returned.blob).toEqual(bytes);
      const fromView = await roundTrip({ blob: new Uint8Array([0, 7, 0]) });
      expect(fromView.selected.blob).toEqual(Buffer.from([0, 7, 0]));
      const empty = await roundTrip({ blob: Buffer.alloc(0) });
      expect(empty.selected.blob).toEqual(Buffer.alloc(0));
    });

    it("Uuid is canonical lower-case hyphenated", async () => {
      const t = await roundTrip({ uid: UUID_UPPER, uid_hex: UUID_UPPER });
      expect(t.selected.uid).toBe(UUID);
      expect(t.selected.uid_hex).toBe(UUID);
      expect(t.returned.uid).toBe(UUID);
      // native uuid on PostgreSQL, 32 hex digits where not native
      expect(await stored("uid_hex", t.id)).toBe(UUID.replaceAll("-", ""));
      if (!isPg) expect(await stored("uid", t.id)).toBe(UUID.replaceAll("-", ""));
      await engine.connect(async (conn) => {
        const hit = await conn.scalar(sa.select(things.c.id).where(things.c.uid.eq(UUID_UPPER)));
        expect(hit).toBe(t.id);
      });
    });

    it("Enum: an unknown string goes to the database (validate_strings=False), which refuses it where the type is native", async () => {
      const t = await roundTrip({ mood: "happy" });
      expect(t.selected.mood).toBe("happy");
      await engine.connect(async (conn) => {
        const before = await conn.scalar(sa.select(sa.func.count()).selectFrom(things));
        const err = await conn.execute(things.insert(), { mood: "meh" }).then(
          () => null,
          (e: unknown) => e,
        );
        if (d.name === "sqlite") {
          // a VARCHAR keeps it, and reading it back is SQLAlchemy's LookupError
          expect(err).toBeNull();
          const read = await conn
            .execute(sa.select(things.c.mood).where(things.c.mood.eq("meh" as never)))
            .then((r) => r.all())
            .catch((e: unknown) => e);
          expect(read).toBeInstanceOf(sa.exc.LookupError);
          expect((read as Error).message).toBe(
            "'meh' is not among the defined enum values. Enum name: types_mood. Possible values: sad, ok, happy",
          );
        } else expect(err).toBeInstanceOf(sa.exc.DataError);
        await conn.rollback();
        expect(await conn.scalar(sa.select(sa.func.count()).selectFrom(things))).toBe(before);
        // validateStrings refuses it before sending, as does any non-string outside the enum
        for (const [values, shown] of [
          [{ mood_v: "meh" }, "'meh'"],
          [{ mood: 5 }, "'5'"],
        ] as const) {
          const refused = await conn.execute(things.insert(), values as never).catch((e: unknown) => e);
          expect(refused).toBeInstanceOf(sa.exc.StatementError);
          expect((refused as Error).message).toContain(`${shown} is not among the defined enum values.`);
        }
        // the connection is still usable
        expect(await conn.scalar(sa.select(sa.literal(1)))).toBe(1);
      });
    });

    it("Enum of a TypeScript enum stores member names (SQLAlchemy's default) and reads back members", async () => {
      const t = await roundTrip({ size: Size.Large });
      expect(t.selected.size).toBe(Size.Large);
      expect(t.returned.size).toBe(Size.Large);
      expect(await stored("size", t.id)).toBe("Large");
      await engine.connect(async (conn) => {
        const q = sa.select(things.c.id).where(things.c.size.eq(Size.Large));
        expect((await conn.execute(q)).scalars().all()).toEqual([t.id]);
        // a member name is taken too, and a literal renders the stored name
        expect(
          (await conn.execute(sa.select(things.c.id).where(things.c.size.eq("Large" as Size))))
            .scalars()
            .all(),
        ).toEqual([t.id]);
        expect(q.compile({ dialect: engine.dialect, literalBinds: true }).string).toContain("= 'Large'");
      });
    });

    it("binds of the wrong kind: NaN for an integer and an object for a string are refused; a number for a string is its text", async () => {
      await engine.connect(async (conn) => {
        const nan = await conn
          .execute(sa.insert(things).values({ big: Number.NaN } as never))
          .catch((e: unknown) => e);
        // MySQL would store 0
        expect(nan).toBeInstanceOf(sa.exc.StatementError);
        expect((nan as Error).message).toContain("NaN is not an integer value");
        const obj = await conn
          .execute(sa.insert(things).values({ label: { a: 1 } } as never))
          .catch((e: unknown) => e);
        expect(obj).toBeInstanceOf(sa.exc.StatementError);
        expect((obj as Error).message).toContain("A String value is expected, got an object");
        expect((obj as Error).message).toContain("label");
        await conn.rollback();
      });
      const t = await roundTrip({ label: 12 as never });
      // SQLite would keep the REAL a JS number binds as: "12.0"
      expect(t.selected.label).toBe("12");
    });

    it("Unicode text", async () => {
      const label = "héllo wörld 世界 🎉 שלום";
      const body = "e\u0301 ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u200f rtl mark";
      const t = await roundTrip({ label, body });
      expect(t.selected.label).toBe(label);
      expect(t.selected.body).toBe(body);
      expect(await stored("label", t.id)).toBe(label);
      await engine.connect(async (conn) => {
        expect(await conn.scalar(sa.select(things.c.id).where(things.c.label.eq(label)))).toBe(t.id);
        // MySQL's LENGTH() counts bytes; CHAR_LENGTH() counts characters
        const chars = isMy ? sa.func.char_length(things.c.label) : sa.func.length(things.c.label);
        expect(await conn.scalar(sa.select(chars).where(things.c.id.eq(t.id)))).toBe([...label].length);
      });
    });

    describe("TypeDecorator", () => {
      it("DDL renders the impl, or the dialect impl", async () => {
        const ddl = String(new sa.CreateTable(decorated).compile({ dialect: engine.dialect }));
        expect(ddl).toMatch(/lower VARCHAR\(40\)/);
        expect(ddl).toMatch(/jt TEXT/);
        expect(ddl).toMatch(isPg ? /ms TIMESTAMP WITHOUT TIME ZONE/ : /ms DATETIME/);
        expect(ddl).toMatch(isPg ? /document JSONB/ : /document JSON/);
        if (isPg) {
          const types = await d.outside(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'decorated' ORDER BY ordinal_position",
          );
          expect(Object.fromEntries(types)).toMatchObject({
            jt: "text",
            document: "jsonb",
            lower: "character varying",
          });
        } else if (isMy) {
          const types = await d.outside(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 'decorated' ORDER BY ordinal_position",
          );
          // MariaDB's JSON is an alias of LONGTEXT (with a json_valid() CHECK); MySQL's is JSON
          expect(Object.fromEntries(types)).toMatchObject({
            jt: "text",
            document: expect.stringMatching(/^(json|longtext)$/),
            lower: "varchar",
            ms: "datetime",
          });
        } else {
          const [[sql]] = await d.outside("SELECT sql FROM sqlite_master WHERE name = 'decorated'");
          expect(sql).toMatch(/document JSON/);
        }
      });

      it("binds through the user's hook then the impl, and reads through the impl then the hook", async () => {
        const doc = { a: [1, 2] };
        jsonText.seen.bind.length = 0;
        jsonText.seen.result.length = 0;
        await engine.begin(async (conn) => {
          const r = await conn.execute(decorated.insert(), {
            id: 1,
            lower: "MiXeD",
            jt: doc,
            ms: AT.getTime(),
            document: { k: ["v"], n: null },
          });
          expect([...r.insertedPrimaryKey!]).toEqual([1]);
          const row = (await conn.execute(sa.select(decorated).where(decorated.c.id.eq(1)))).one();
          expect(row.lower).toBe("mixed");
          expect(row.jt).toEqual(doc);
          // the impl is sa.DateTime: DATETIME on MySQL keeps whole seconds, as SQLAlchemy's DDL
          expect(row.ms).toBe(isMy ? Math.floor(AT.getTime() / 1000) * 1000 : AT.getTime());
          expect(row.document).toEqual({ k: ["v"], n: null });
          const upd = sa.update(decorated).where(decorated.c.id.eq(1)).values({ ms: 0 });
          if (engine.dialect.updateReturning) {
            const ret = (await conn.execute(upd.returning(decorated.c.ms))).scalarOne();
            expect(ret).toBe(0);
          } else {
            // MariaDB and MySQL lack UPDATE … RETURNING: SQLAlchemy renders it, the server rejects it
            await expect(conn.execute(upd.returning(decorated.c.ms))).rejects.toThrow(
              sa.exc.ProgrammingError,
            );
            await conn.execute(upd);
            expect(await conn.scalar(sa.select(decorated.c.ms).where(decorated.c.id.eq(1)))).toBe(0);
          }
        });
        expect(jsonText.seen.bind).toEqual([doc]);
        expect(jsonText.seen.result).toEqual([JSON.stringify(doc)]);
        // the stored forms are the impl's
        const msText = isMy ? "DATE_FORMAT(ms, '%Y-%m-%d %H:%i:%s.%f')" : "ms";
        const [[lower, jt, ms]] = await d.outside(`SELECT lower, jt, ${msText} FROM decorated WHERE id = 1`);
        expect(lower).toBe("mixed");
        expect(jt).toBe('{"a":[1,2]}');
        if (isPg) expect(ms).toBeInstanceOf(Date);
        else expect(ms).toBe("1970-01-01 00:00:00.000000");
      });

      it("the hooks see nulls", async () => {
        jsonText.seen.bind.length = 0;
        jsonText.seen.result.length = 0;
        await engine.begin(async (conn) => {
          await conn.execute(decorated.insert(), { id: 2, jt: null, ms: null });
          const row = (
            await conn.execute(sa.select(decorated.c.jt, decorated.c.ms).where(decorated.c.id.eq(2)))
          ).one();
          expect(row.jt).toBeNull();
          expect(row.ms).toBeNull();
        });
        expect(jsonText.seen.bind).toEqual([null]);
        expect(jsonText.seen.result).toEqual([null]);
      });

      it("a decorator over a decorator chains outermost first on bind, innermost first on results", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(decorated.insert(), [
            { id: 6, nested: "  MiXeD  " },
            { id: 7, nested: null },
          ]);
          const rows = (
            await conn.execute(
              sa
                .select(decorated.c.nested)
                .where(decorated.c.id.in([6, 7]))
                .orderBy(decorated.c.id),
            )
          ).scalars();
          expect(rows.all()).toEqual(["[mixed]", "[<null>]"]);
          expect(String(new sa.CreateTable(decorated).compile({ dialect: engine.dialect }))).toMatch(
            /nested VARCHAR\(40\)/,
          );
        });
      });

      it("comparisons bind through the decorator", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(decorated.insert(), [
            { id: 3, lower: "alpha" },
            { id: 4, lower: "beta" },
          ]);
          const hit = await conn.scalar(sa.select(decorated.c.id).where(decorated.c.lower.eq("ALPHA")));
          expect(hit).toBe(3);
          const many = await conn.scalars(
            sa
              .select(decorated.c.id)
              .where(decorated.c.lower.in(["ALPHA", "Beta"]))
              .orderBy(decorated.c.id),
          );
          expect(many.all()).toEqual([3, 4]);
          // expressions follow the impl: + on a string impl concatenates
          const cat = await conn.scalar(sa.select(decorated.c.lower.add("!")).where(decorated.c.id.eq(3)));
          expect(cat).toBe("alpha!");
        });
      });

      it("literal rendering chains: processLiteralParam (else processBindParam), then the impl", () => {
        const dialect = engine.dialect;
        const lit = sa
          .select(decorated.c.id)
          .where(decorated.c.lower.eq("ABC"), decorated.c.tagged.eq("x"))
          .compile({ dialect, literalBinds: true });
        expect(lit.string.replace(/\s+/g, " ")).toBe(
          "SELECT decorated.id FROM decorated WHERE decorated.lower = 'abc' AND decorated.tagged = 'l:x'",
        );
      });

      it("processLiteralParam does not apply to bound values", async () => {
        await engine.begin(async (conn) => {
          await conn.execute(decorated.insert(), { id: 5, tagged: "x" });
          const [[raw]] = await conn
            .execute(sa.text("SELECT tagged FROM decorated WHERE id = 5"))
            .then((r) => [[r.scalar()]]);
          expect(raw).toBe("b:x");
          expect(await conn.scalar(sa.select(decorated.c.id).where(decorated.c.tagged.eq("x")))).toBe(5);
        });
      });

      it("cacheOk: equal options share a cached statement, others do not", async () => {
        const compiledOf: unknown[] = [];
        const fn = (_c: unknown, _cur: unknown, _s: string, _p: unknown, context: unknown) => {
          compiledOf.push((context as sa.ExecutionContext).compiled);
        };
        const q = (type: sa.TypeEngine) =>
          sa.select(sa.literal("v", type as sa.TypeEngine<string>).label("x"));
        sa.event.listen(engine, "before_cursor_execute", fn);
        try {
          await engine.connect(async (conn) => {
            expect(await conn.scalar(q(new Prefixed("a:")))).toBe("a:v");
            expect(await conn.scalar(q(new Prefixed("a:")))).toBe("a:v");
            expect(await conn.scalar(q(new Prefixed("b:")))).toBe("b:v");
            const same = new Uncached();
            await conn.scalar(q(same));
            await conn.scalar(q(same));
            await conn.scalar(q(new Uncached()));
          });
        } finally {
          sa.event.remove(engine, "before_cursor_execute", fn);
        }
        const c = compiledOf.filter((x) => x !== null);
        expect(c).toHaveLength(6);
        expect(c[1]).toBe(c[0]);
        expect(c[2]).not.toBe(c[0]);
        expect(c[4]).toBe(c[3]);
        expect(c[5]).not.toBe(c[3]);
      });

      it("type processors are also the TypeEngine hooks", () => {
        const dialect = engine.dialect;
        const t = new EpochMillis();
        const bind = t.bindProcessor(dialect)!;
        const result = t.resultProcessor(dialect)!;
        const wire = bind(AT.getTime());
        expect(wire).not.toBeInstanceOf(Number);
        expect(result(isPg ? AT : "2024-02-29 23:59:58.123000")).toBe(AT.getTime());
        expect(t.affinity).toBe("datetime");
        expect(new LowerString().implType).toBeInstanceOf(sa.StringType);
        // cache key parts: by class and options when cacheOk, stable once memoised
        const p = new Prefixed("z:");
        const key = p.cacheKeyString;
        expect(p.cacheKeyPart()).toBe(key);
        expect(new Prefixed("z:").cacheKeyPart()).toBe(key);
        expect(new Prefixed("y:").cacheKeyPart()).not.toBe(key);
        expect(new Uncached().cacheKeyPart()).not.toBe(new Uncached().cacheKeyPart());
      });
    });
  });
}
