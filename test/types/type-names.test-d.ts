/**
 * Type-level tests (vitest typecheck, never run) of the JS values of the uppercase generic
 * types and the PostgreSQL / MySQL dialect types.
 */
import { describe, expectTypeOf, it } from "vitest";
import { mysql, postgresql } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";

const t = new sa.Table(
  "t",
  new sa.MetaData(),
  new sa.Column("id", sa.INTEGER, { primaryKey: true }),
  new sa.Column("vc", sa.VARCHAR(20), { nullable: false }),
  new sa.Column("big", sa.BIGINT, { nullable: false }),
  new sa.Column("dec", sa.DECIMAL(10, 2), { nullable: false }),
  new sa.Column("ts", sa.TIMESTAMP({ timezone: true }), { nullable: false }),
  new sa.Column("uid", sa.UUID, { nullable: false }),
  new sa.Column("bin", sa.VARBINARY(8), { nullable: false }),
  new sa.Column("ip", postgresql.INET, { nullable: false }),
  new sa.Column("took", postgresql.INTERVAL({ fields: "DAY TO SECOND" }), { nullable: false }),
  new sa.Column("mood", postgresql.ENUM("sad", "ok", { name: "mood" }), { nullable: false }),
  new sa.Column("perms", mysql.SET("r", "w"), { nullable: false }),
  new sa.Column("size", mysql.ENUM("s", "m"), { nullable: false }),
  new sa.Column("flags", mysql.BIT(8), { nullable: false }),
  new sa.Column("yr", mysql.YEAR, { nullable: false }),
  new sa.Column("label", mysql.VARCHAR(20, { charset: "utf8mb4" }), { nullable: false }),
);
declare const conn: sa.Connection;

enum Size {
  Small = "s",
  Large = "l",
}
enum Level {
  Low,
  High,
}

describe("sa.Enum of a TypeScript enum", () => {
  it("rows hold the enum's members; binds take members", async () => {
    const e = new sa.Table(
      "e",
      new sa.MetaData(),
      new sa.Column("size", sa.Enum(Size, { name: "size" }), { nullable: false }),
      new sa.Column(
        "level",
        sa.Enum(Level, { valuesCallable: (x) => Object.keys(x).filter((k) => Number.isNaN(+k)) }),
      ),
    );
    const row = (await conn.execute(sa.select(e))).one();
    expectTypeOf(row.size).toEqualTypeOf<Size>();
    expectTypeOf(row.level).toEqualTypeOf<Level | null>();
    e.c.size.eq(Size.Large);
    // @ts-expect-error not a member
    e.c.size.eq("x");
  });
});

describe("values of the named types", () => {
  it("are those of the generic type each extends", async () => {
    const row = (await conn.execute(sa.select(t))).one();
    expectTypeOf(row.id).toEqualTypeOf<number>();
    expectTypeOf(row.vc).toEqualTypeOf<string>();
    expectTypeOf(row.big).toEqualTypeOf<bigint>();
    expectTypeOf(row.dec).toEqualTypeOf<string>();
    expectTypeOf(row.ts).toEqualTypeOf<Date>();
    expectTypeOf(row.uid).toEqualTypeOf<string>();
    expectTypeOf(row.bin).toEqualTypeOf<Buffer>();
    expectTypeOf(row.ip).toEqualTypeOf<string>();
    expectTypeOf(row.took).toEqualTypeOf<number>();
    expectTypeOf(row.mood).toEqualTypeOf<"sad" | "ok">();
    expectTypeOf(row.perms).toEqualTypeOf<Set<"r" | "w">>();
    expectTypeOf(row.size).toEqualTypeOf<"s" | "m">();
    expectTypeOf(row.flags).toEqualTypeOf<number>();
    expectTypeOf(row.yr).toEqualTypeOf<number>();
    expectTypeOf(row.label).toEqualTypeOf<string>();
  });
});
