/**
 * A compiler keeps the name it gives a bind on the bind itself (src/sql/compiler/sql-compiler.ts,
 * nameBind). A compile that runs inside another one, over the same binds, must not make the
 * outer compile rename them.
 */
import { describe, expect, it } from "vitest";
import { sqlite } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import type { CacheKeyBuilder } from "../../src/sql/base.js";

const t = sa.table("t", sa.column("id", sa.Integer), sa.column("x", sa.Integer));

/** Renders its element, after compiling it on its own with another compiler. */
class CompilesInside extends sa.ColumnElement<boolean> {
  readonly visitName = "compiles_inside";
  constructor(readonly element: sa.ClauseElement) {
    super();
  }
  _compile(c: sa.SQLCompiler, kw: sa.CompileKw): string {
    sa.select(t.c.id).where(this.element).compile({ dialect: sqlite.dialect() });
    return c.process(this.element, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("compiles_inside");
    this.element._cacheKey(k);
  }
}

describe("bind names across nested compiles", () => {
  it("keeps a bind's name when a nested compile names it too", () => {
    const crit = t.c.id.eq(5);
    const stmt = sa.select(t.c.id).where(crit, new CompilesInside(crit), t.c.x.eq(7));
    const c = stmt.compile();
    expect(c.string).toBe("SELECT t.id \nFROM t \nWHERE t.id = :id_1 AND t.id = :id_1 AND t.x = :x_1");
    expect(c.params).toEqual({ id_1: 5, x_1: 7 });
  });

  it("names a statement's binds afresh in each compile", () => {
    const stmt = sa.select(t.c.id).where(t.c.id.eq(5), t.c.x.eq(7));
    const first = stmt.compile();
    const second = stmt.compile({ dialect: sqlite.dialect() });
    expect(first.params).toEqual({ id_1: 5, x_1: 7 });
    expect(second.string).toBe("SELECT t.id \nFROM t \nWHERE t.id = ? AND t.x = ?");
    expect(second.positionalParameters()).toEqual([5, 7]);
  });

  it("gives a bind copied with withValue its own name", () => {
    const b = sa.bindparam("v", 1, { type: sa.Integer });
    const stmt = sa.select(t.c.id).where(t.c.id.eq(b), t.c.x.eq(b.withValue(2)));
    // the later bind of a name with a value gives the value (as SQLAlchemy); a copy taken for
    // the original would keep 1
    expect(stmt.compile().params).toEqual({ v: 2 });
  });
});
