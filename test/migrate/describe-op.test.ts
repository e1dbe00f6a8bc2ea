/** `check`'s lines: each autogenerate difference in Alembic's diff vocabulary. */
import { describe, expect, it } from "vitest";
import * as sa from "../../src/index.js";
import { describeOp } from "../../src/migrate/autogenerate/describe-op.js";

describe("describeOp", () => {
  const meta = new sa.MetaData();
  const users = new sa.Table(
    "users",
    meta,
    new sa.Column("id", sa.Integer, { primaryKey: true }),
    new sa.Column("name", sa.String(20)),
    new sa.Index("ix_users_name", "name"),
    new sa.UniqueConstraint("name", { name: "uq_users_name" }),
    { schema: "app" },
  );
  const ix = [...users.indexes][0];
  const uq = [...users.constraints].find((c) => c.kind === "unique")!;
  const state = { type: sa.String(20), nullable: true, serverDefault: null, comment: null };

  it("names tables, columns, indexes and constraints", () => {
    expect(describeOp({ kind: "createTable", table: users })).toBe("add_table app.users");
    expect(describeOp({ kind: "dropTable", table: users })).toBe("remove_table app.users");
    expect(describeOp({ kind: "addColumn", table: "users", schema: null, column: users.c.name })).toBe(
      "add_column users.name",
    );
    expect(
      describeOp({
        kind: "alterColumn",
        table: "users",
        schema: "app",
        column: "name",
        from: state,
        to: { ...state, nullable: false, comment: "x" },
      }),
    ).toBe("modify_nullable app.users.name, modify_comment app.users.name");
    expect(describeOp({ kind: "dropIndex", index: ix })).toBe("remove_index ix_users_name on app.users");
    expect(describeOp({ kind: "addConstraint", constraint: uq })).toBe("add_uq uq_users_name on app.users");
    expect(describeOp({ kind: "tableComment", table: "users", schema: null, from: "a", to: null })).toBe(
      "remove_table_comment users",
    );
  });
});
