/**
 * Cache keys intern their parts into a bounded table (src/sql/cache-key.ts). Once it is full,
 * new parts are spelled out instead: keys must keep their meaning (equal exactly when the
 * structure is equal). This file fills the table, so it runs in its own module context.
 */
import { describe, expect, it } from "vitest";
import { sqlite } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { keyPartId } from "../../src/sql/cache-key.js";

function keyOf(stmt: sa.ClauseElement): string {
  const k = stmt.cacheKey();
  expect(k).not.toBeNull();
  return k!.key;
}

describe("cache keys once the part table is full", () => {
  // interned before the table fills up
  const early = new sa.Table(
    "early",
    new sa.MetaData(),
    new sa.Column("id", sa.Integer, { primaryKey: true }),
  );
  const earlyKey = keyOf(sa.select(early.c.id).where(early.c.id.eq(1)));

  it("fills up, and then gives no more ids", () => {
    for (let i = 0; keyPartId(`filler ${i}`) >= 0; i++) {
      if (i > 100_000) throw new Error("the part table never fills up");
    }
    expect(keyPartId("a part never seen")).toBe(-1);
    expect(keyPartId("filler 0")).toBeGreaterThan(0);
  });

  it("keeps keys of already interned parts", () => {
    expect(keyOf(sa.select(early.c.id).where(early.c.id.eq(2)))).toBe(earlyKey);
  });

  it("spells out new parts: equal structure, equal keys; other structure, other keys", () => {
    const meta = new sa.MetaData();
    const late = new sa.Table(
      "late",
      meta,
      new sa.Column("id", sa.Integer, { primaryKey: true }),
      new sa.Column("name", sa.String(40)),
      new sa.Column("nick", sa.String(40)),
    );
    const q = (v: string) => sa.select(late.c.id).where(late.c.name.eq(v));
    expect(keyOf(q("a"))).toBe(keyOf(q("b")));
    expect(keyOf(sa.select(late.c.id).where(late.c.nick.eq("a")))).not.toBe(keyOf(q("a")));
    expect(keyOf(sa.text("SELECT 1 AS never_seen_a"))).toBe(keyOf(sa.text("SELECT 1 AS never_seen_a")));
    expect(keyOf(sa.text("SELECT 1 AS never_seen_a"))).not.toBe(keyOf(sa.text("SELECT 1 AS never_seen_b")));
    // a spelled-out part next to interned ones cannot read as another sequence of parts
    expect(keyOf(sa.select(late.c.id, early.c.id))).not.toBe(keyOf(sa.select(early.c.id, late.c.id)));
  });

  it("re-uses a Compiled with another statement's values", () => {
    const meta = new sa.MetaData();
    const t = new sa.Table("later", meta, new sa.Column("id", sa.Integer, { primaryKey: true }));
    const a = sa.select(t.c.id).where(t.c.id.gt(5)).limit(3);
    const b = sa.select(t.c.id).where(t.c.id.gt(7)).limit(9);
    const ka = a.cacheKey()!;
    const kb = b.cacheKey()!;
    expect(kb.key).toBe(ka.key);
    const compiled = a.compile({ dialect: sqlite.dialect() });
    compiled.cacheKey = ka;
    expect(compiled.constructParams(null, kb.binds)).toEqual(b.compile({ dialect: sqlite.dialect() }).params);
  });
});
