/**
 * Golden offline (`--sql`) SQL of each op per dialect: no database, literal values.
 */
import { describe, expect, it } from "vitest";
import { mysql, postgresql, sqlite } from "../../src/dialects/index.js";
import * as sa from "../../src/index.js";
import { Operations } from "../../src/migrate/operations/index.js";
import { offlineContext } from "./operations-context.js";

async function sqlFor(dialect: sa.Dialect, fn: (op: Operations) => Promise<void>): Promise<string[]> {
  const ctx = offlineContext(dialect);
  await fn(new Operations(ctx));
  return ctx.log;
}

const common = async (op: Operations) => {
  await op.addColumn(
    "account",
    new sa.Column("email", sa.String(100), { nullable: false, serverDefault: "" }),
  );
  await op.dropColumn("account", "legacy");
  await op.renameTable("account", "customer");
  await op.createIndex("ix_email", "customer", ["email", "lower(name)"]);
  await op.dropIndex("ix_email", "customer");
  await op.alterColumn("customer", "name", { newColumnName: "full_name" });
};

describe("offline SQL", () => {
  it("postgresql", async () => {
    expect(await sqlFor(postgresql.dialect(), common)).toEqual([
      "ALTER TABLE account ADD COLUMN email VARCHAR(100) DEFAULT '' NOT NULL",
      "ALTER TABLE account DROP COLUMN legacy",
      "ALTER TABLE account RENAME TO customer",
      "CREATE INDEX ix_email ON customer (email, lower(name))",
      "DROP INDEX ix_email",
      "ALTER TABLE customer RENAME name TO full_name",
    ]);
    expect(
      await sqlFor(postgresql.dialect(), async (op) => {
        await op.alterColumn("t", "c", {
          type: sa.BigInteger,
          nullable: false,
          serverDefault: sa.text("0"),
          comment: "count",
          postgresqlUsing: "c::bigint",
        });
        await op.alterColumn("t", "c", { serverDefault: null, nullable: true });
        await op.createForeignKey("fk_t_a", "t", "a", ["a_id"], ["id"], { ondelete: "CASCADE" });
        await op.createUniqueConstraint("uq_t_c", "t", ["c"]);
        await op.createCheckConstraint("ck_t_c", "t", "c > 0");
        await op.createPrimaryKey("pk_t", "t", ["id"]);
        await op.dropConstraint("fk_t_a", "t", { type: "foreignkey" });
        await op.createTableComment("t", "it's t");
        await op.dropTable("t", { schema: "audit" });
      }),
    ).toEqual([
      "ALTER TABLE t ALTER COLUMN c TYPE BIGINT USING c::bigint",
      "ALTER TABLE t ALTER COLUMN c SET NOT NULL",
      "ALTER TABLE t ALTER COLUMN c SET DEFAULT 0",
      "COMMENT ON COLUMN t.c IS 'count'",
      "ALTER TABLE t ALTER COLUMN c DROP NOT NULL",
      "ALTER TABLE t ALTER COLUMN c DROP DEFAULT",
      "ALTER TABLE t ADD CONSTRAINT fk_t_a FOREIGN KEY(a_id) REFERENCES a (id) ON DELETE CASCADE",
      "ALTER TABLE t ADD CONSTRAINT uq_t_c UNIQUE (c)",
      "ALTER TABLE t ADD CONSTRAINT ck_t_c CHECK (c > 0)",
      "ALTER TABLE t ADD CONSTRAINT pk_t PRIMARY KEY (id)",
      "ALTER TABLE t DROP CONSTRAINT fk_t_a",
      "COMMENT ON TABLE t IS 'it''s t'",
      "DROP TABLE audit.t",
    ]);
  });

  it("mysql", async () => {
    expect(await sqlFor(mysql.dialect(), common)).toEqual([
      "ALTER TABLE account ADD COLUMN email VARCHAR(100) NOT NULL DEFAULT ''",
      "ALTER TABLE account DROP COLUMN legacy",
      "ALTER TABLE account RENAME TO customer",
      "CREATE INDEX ix_email ON customer (email, lower(name))",
      "DROP INDEX ix_email ON customer",
      "ALTER TABLE customer RENAME COLUMN name TO full_name",
    ]);
    expect(
      await sqlFor(mysql.dialect(), async (op) => {
        await op.dropConstraint("fk_t_a", "t", { type: "foreignkey" });
        await op.dropConstraint("uq_t_c", "t", { type: "unique" });
        await op.dropConstraint("ck_t_c", "t", { type: "check" });
        await op.createTableComment("t", "note");
      }),
    ).toEqual([
      "ALTER TABLE t DROP FOREIGN KEY fk_t_a",
      "ALTER TABLE t DROP INDEX uq_t_c",
      // Alembic's MySQL spelling; a dialect that knows it talks to MariaDB writes DROP CONSTRAINT
      "ALTER TABLE t DROP CHECK ck_t_c",
      "ALTER TABLE t COMMENT 'note'",
    ]);
    await expect(sqlFor(mysql.dialect(), (op) => op.dropConstraint("x", "t"))).rejects.toThrow(/type/);
  });

  it("sqlite", async () => {
    expect(await sqlFor(sqlite.dialect(), common)).toEqual([
      "ALTER TABLE account ADD COLUMN email VARCHAR(100) DEFAULT '' NOT NULL",
      "ALTER TABLE account DROP COLUMN legacy",
      "ALTER TABLE account RENAME TO customer",
      "CREATE INDEX ix_email ON customer (email, lower(name))",
      "DROP INDEX ix_email",
      "ALTER TABLE customer RENAME COLUMN name TO full_name",
    ]);
    expect(
      await sqlFor(sqlite.dialect(), (op) =>
        op.addColumn(
          "post",
          new sa.Column("user_id", sa.Integer, sa.ForeignKey("user.id", { ondelete: "CASCADE" })),
        ),
      ),
    ).toEqual(["ALTER TABLE post ADD COLUMN user_id INTEGER REFERENCES user (id) ON DELETE CASCADE"]);
    await expect(
      sqlFor(sqlite.dialect(), (op) => op.alterColumn("t", "c", { nullable: false })),
    ).rejects.toThrow(/batchAlterTable/);
    await expect(
      sqlFor(sqlite.dialect(), (op) => op.createUniqueConstraint("uq", "t", ["c"])),
    ).rejects.toThrow(/batchAlterTable/);
    expect(await sqlFor(sqlite.dialect(), (op) => op.createTableComment("t", "x"))).toEqual([]);
  });
});
