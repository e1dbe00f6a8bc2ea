/**
 * JSON documents and PostgreSQL arrays on every real database: SQL NULL versus the JSON `null`
 * (`sa.null()`, `sa.JSON.NULL`, `noneAsNull`, as SQLAlchemy's JSON bind processor), element
 * access typed with `astString()` … in the columns clause and in WHERE, JSONB containment and
 * keys, and the ARRAY operators (`@>`, `<@`, `&&`, `ANY`, `ALL`, 1-based items, slices).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresql } from "../../../src/dialects/index.js";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("json_array");
const norm = (sql: string) => sql.replace(/\s+/g, " ").trim();

const DOC1 = {
  name: "ed",
  n: 5,
  f: 1.5,
  ok: true,
  tags: ["a", "b"],
  nested: { x: [1, { y: "deep" }] },
  nul: null,
  'odd "key"': 3,
};
const DOC2 = { name: "wendy", n: 7, ok: false, tags: [] };

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    let engine: sa.Engine;
    const meta = new sa.MetaData();
    const docs = new sa.Table(
      "ja_docs",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
      new sa.Column("doc", sa.JSON),
      new sa.Column("doc_nn", sa.JSON({ noneAsNull: true })),
    );
    const doc = docs.c.doc;

    beforeAll(async () => {
      engine = d.engine();
      await engine.begin(async (conn) => {
        await meta.dropAll(conn);
        await meta.createAll(conn);
        await conn.execute(docs.insert(), [
          { id: 1, doc: DOC1, doc_nn: 1 },
          { id: 2, doc: DOC2, doc_nn: null },
          { id: 3, doc: sa.null(), doc_nn: sa.JSON.NULL },
          { id: 4, doc: sa.JSON.NULL, doc_nn: sa.null() },
          { id: 5, doc: null, doc_nn: null },
        ]);
      });
    });
    afterAll(async () => {
      await engine.dispose();
    });

    it("sa.null() stores SQL NULL, sa.JSON.NULL the JSON null even with noneAsNull", async () => {
      const stored = await d.outside("SELECT id, doc IS NULL, doc_nn IS NULL FROM ja_docs ORDER BY id");
      expect(stored.map((r) => r.map((v) => (typeof v === "number" && v > 1 ? v : v ? 1 : 0)))).toEqual([
        [1, 0, 0],
        [2, 0, 1],
        [3, 1, 0],
        [4, 0, 1],
        [5, 0, 1],
      ]);
      const read = await engine.connect(async (conn) =>
        (await conn.execute(sa.select(docs.c.doc, docs.c.doc_nn).where(docs.c.id.ge(3)).orderBy(docs.c.id)))
          .all()
          .map((r) => [...r]),
      );
      expect(read).toEqual([
        [null, null],
        [null, null],
        [null, null],
      ]);
      // an UPDATE takes them too
      await engine.connect(async (conn) => {
        await conn.execute(sa.update(docs).where(docs.c.id.eq(1)).values({ doc: sa.null() }));
        const isNull = await conn.scalar(sa.select(docs.c.doc.is(null)).where(docs.c.id.eq(1)));
        expect(Boolean(isNull)).toBe(true);
        await conn.rollback();
      });
    });

    it("elements typed with astString / astInteger / astFloat / astBoolean / astNumeric", async () => {
      const q = sa
        .select(
          docs.c.id,
          doc.get("name").astString(),
          doc.get("n").astInteger(),
          doc.get("f").astFloat(),
          doc.get("ok").astBoolean(),
          doc.get("n").astNumeric(10, 2),
        )
        .where(docs.c.id.le(2))
        .orderBy(docs.c.id);
      const rows = await engine.connect(async (conn) => (await conn.execute(q)).all().map((r) => [...r]));
      expect(rows).toEqual([
        [1, "ed", 5, 1.5, true, "5.00"],
        [2, "wendy", 7, null, false, "7.00"],
      ]);
    });

    it("elements left as JSON, by key, position and path; a JSON null element is null", async () => {
      const q = sa
        .select(
          doc.get("tags"),
          doc.get("nested"),
          doc.get("tags").get(0),
          doc.getPath(["nested", "x", 1, "y"]),
          doc.get(["nested", "x", 1, "y"]).astString(),
          doc.get("nul").astString(),
          doc.get('odd "key"').astInteger(),
        )
        .where(docs.c.id.eq(1));
      const row = await engine.connect(async (conn) => [...(await conn.execute(q)).one()]);
      expect(row).toEqual([["a", "b"], { x: [1, { y: "deep" }] }, "a", "deep", "deep", null, 3]);
    });

    it("typed elements in WHERE, compiled as SQLAlchemy's dialect does", async () => {
      const q = sa.select(docs.c.id).where(doc.get("name").astString().eq("ed"));
      const expected = {
        sqlite: "SELECT ja_docs.id FROM ja_docs WHERE JSON_EXTRACT(ja_docs.doc, ?) = ?",
        postgresql:
          "SELECT ja_docs.id FROM ja_docs WHERE CAST((ja_docs.doc ->> $1::TEXT) AS VARCHAR) = $2::VARCHAR",
        mysql:
          "SELECT ja_docs.id FROM ja_docs WHERE CASE JSON_EXTRACT(ja_docs.doc, ?) WHEN 'null' THEN NULL " +
          "ELSE JSON_UNQUOTE(JSON_EXTRACT(ja_docs.doc, ?)) END = ?",
      }[d.name];
      expect(norm(q.compile({ dialect: engine.dialect }).string)).toBe(expected);
      await engine.connect(async (conn) => {
        expect((await conn.execute(q)).scalars().all()).toEqual([1]);
        const big = sa.select(docs.c.id).where(doc.get("n").astInteger().gt(6));
        expect((await conn.execute(big)).scalars().all()).toEqual([2]);
        const yes = sa.select(docs.c.id).where(doc.get("ok").astBoolean().is(true));
        expect((await conn.execute(yes)).scalars().all()).toEqual([1]);
        const deep = sa.select(docs.c.id).where(doc.getPath(["nested", "x", 1, "y"]).astString().eq("deep"));
        expect((await conn.execute(deep)).scalars().all()).toEqual([1]);
      });
    });

    it.skipIf(d.name !== "postgresql")("JSONB: subscripts, containment and keys", async () => {
      const m2 = new sa.MetaData();
      const jt = new sa.Table(
        "ja_jsonb",
        m2,
        new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
        new sa.Column("jb", postgresql.JSONB({ noneAsNull: true })),
      );
      const jb = jt.c.jb;
      await engine.begin(async (conn) => {
        await m2.createAll(conn);
        await conn.execute(jt.insert(), [
          { id: 1, jb: DOC1 },
          { id: 2, jb: DOC2 },
          { id: 3, jb: null },
        ]);
      });
      await engine.connect(async (conn) => {
        const q = sa
          .select(jb.get("name"), jb.get("tags").get(1), jb.getPath(["nested", "x", 0]))
          .where(jt.c.id.eq(1));
        expect(norm(q.compile({ dialect: engine.dialect }).string)).toBe(
          "SELECT ja_jsonb.jb[$1::TEXT] AS anon_1, ja_jsonb.jb[$2::TEXT][$3::INT] AS anon_2, " +
            "ja_jsonb.jb #> $4 AS anon_3 FROM ja_jsonb WHERE ja_jsonb.id = $5::INTEGER",
        );
        expect([...(await conn.execute(q)).one()]).toEqual(["ed", "b", 1]);
        const ids = async (cond: sa.ColumnElement<boolean>) =>
          (await conn.execute(sa.select(jt.c.id).where(cond).orderBy(jt.c.id))).scalars().all();
        expect(await ids(jb.contains({ name: "ed" }))).toEqual([1]);
        expect(await ids(jb.containedBy({ ...DOC2, extra: 1 }))).toEqual([2]);
        expect(await ids(jb.hasKey("f"))).toEqual([1]);
        expect(await ids(jb.is(null))).toEqual([3]);
        expect(await ids(jb.get("n").astInteger().ge(5))).toEqual([1, 2]);
      });
    });

    it.skipIf(d.name !== "postgresql")("ARRAY: @>, <@, &&, ANY, ALL, items and slices", async () => {
      const m2 = new sa.MetaData();
      const at = new sa.Table(
        "ja_arrays",
        m2,
        new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
        new sa.Column("ai", sa.ARRAY(sa.Integer)),
        new sa.Column("tags", sa.ARRAY(sa.String(20))),
      );
      const ai = at.c.ai;
      await engine.begin(async (conn) => {
        await m2.createAll(conn);
        await conn.execute(at.insert(), [
          { id: 1, ai: [1, 2, 3], tags: ["a", "b"] },
          { id: 2, ai: [4, 5], tags: ["c"] },
          { id: 3, ai: [], tags: [] },
        ]);
      });
      await engine.connect(async (conn) => {
        const ids = async (cond: sa.ColumnElement<boolean>) =>
          (await conn.execute(sa.select(at.c.id).where(cond).orderBy(at.c.id))).scalars().all();
        expect(await ids(ai.contains([1]))).toEqual([1]);
        expect(await ids(ai.containedBy([1, 2, 3, 4, 5]))).toEqual([1, 2, 3]);
        expect(await ids(ai.overlap([3, 4]))).toEqual([1, 2]);
        expect(await ids(ai.any(4))).toEqual([2]);
        expect(await ids(ai.all(4, { operator: "lt" }))).toEqual([3]);
        expect(await ids(sa.any_(ai).eq(2))).toEqual([1]);
        expect(await ids(sa.literal(2).eq(ai.anyOp()))).toEqual([1]);
        expect(await ids(sa.all_(ai).ge(4))).toEqual([2, 3]);
        expect(await ids(sa.not(sa.any_(ai).eq(2)))).toEqual([2, 3]);
        expect(await ids(at.c.tags.any("b"))).toEqual([1]);
        expect(await ids(ai.get(1).eq(4))).toEqual([2]);
        const items = sa.select(at.c.id, ai.get(1), at.c.tags.get(2), ai.slice(2, 3)).orderBy(at.c.id);
        expect((await conn.execute(items)).all().map((r) => [...r])).toEqual([
          [1, 1, "b", [2, 3]],
          [2, 4, null, [5]],
          [3, null, null, []],
        ]);
        // the same statements with literal values
        const lit = sa
          .select(at.c.id)
          .where(ai.contains([1, 2]), ai.any(3))
          .compile({
            dialect: engine.dialect,
            literalBinds: true,
          }).string;
        expect(norm(lit)).toBe(
          "SELECT ja_arrays.id FROM ja_arrays WHERE (ja_arrays.ai @> ARRAY[1, 2]) AND 3 = ANY (ja_arrays.ai)",
        );
        expect((await conn.execDriverSql(lit)).scalars().all()).toEqual([1]);
      });
    });
  });
}
