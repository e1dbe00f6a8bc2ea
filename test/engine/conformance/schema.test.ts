/**
 * Schema creation conformance on every real database: `meta.createAll` / `meta.dropAll` as
 * SQLAlchemy's SchemaGenerator / SchemaDropper run them (`sql/ddl.py`): FK dependency order,
 * `checkfirst`, `useAlter` and cycles (ALTER TABLE where the database has it), indexes, unique
 * constraints, server defaults, sequences and PostgreSQL named ENUM types. The DDL is observed
 * through `before_cursor_execute` and the result through the database's own catalog.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as sa from "../../../src/index.js";
import { dialectCases } from "./dialects.js";

const cases = await dialectCases("schema");

const norm = (sql: string) => sql.replace(/\s+/g, " ").replace(/\( /g, "(").replace(/ \)/g, ")").trim();

/** The table named by each CREATE TABLE / DROP TABLE statement, in order. */
function tablesIn(statements: readonly string[], verb: "CREATE" | "DROP"): string[] {
  const re = new RegExp(`^${verb} TABLE (\\S+)`);
  return statements.flatMap((s) => {
    const m = re.exec(s);
    return m ? [m[1]] : [];
  });
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const pg = d.name === "postgresql";
    const my = d.name === "mysql";
    /** PostgreSQL and MySQL have ALTER TABLE … ADD/DROP CONSTRAINT; SQLite has not */
    const alter = pg || my;
    let engine: sa.Engine;
    const log: string[] = [];

    /** Runs `fn` and returns the statements it sent, whitespace-normalised. */
    async function ddl(fn: () => Promise<unknown>): Promise<string[]> {
      log.length = 0;
      await fn();
      return [...log];
    }

    /** The tables of this test file's database / schema, by name. */
    async function tableNames(): Promise<string[]> {
      const rows = await d.outside(
        pg
          ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1"
          : my
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1"
            : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
      );
      return rows.map((r) => String(r[0]));
    }

    /** Foreign keys as `table.column->referred`, from the catalog. */
    async function foreignKeys(table: string): Promise<string[]> {
      const rows = pg
        ? await d.outside(
            `SELECT a.attname, c.confrelid::regclass::text FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] WHERE c.contype = 'f' AND c.conrelid = '${table}'::regclass ORDER BY 1`,
          )
        : my
          ? await d.outside(
              `SELECT column_name, referenced_table_name FROM information_schema.key_column_usage WHERE table_schema = DATABASE() AND table_name = '${table}' AND referenced_table_name IS NOT NULL ORDER BY 1`,
            )
          : (await d.outside(`PRAGMA foreign_key_list(${table})`)).map((r) => [r[3], r[2]]);
      return rows.map((r) => `${table}.${r[0]}->${r[1]}`);
    }

    /** Drops tables from outside the engine, foreign keys and all (cleanup after a failed test). */
    async function dropTables(...names: string[]): Promise<void> {
      if (pg) await d.outside(`DROP TABLE IF EXISTS ${names.join(", ")} CASCADE`);
      else if (my) {
        // MySQL has no CASCADE: switch the checks off for the session that drops
        await engine.connect(async (conn) => {
          await conn.execDriverSql("SET FOREIGN_KEY_CHECKS = 0");
          try {
            await conn.execDriverSql(`DROP TABLE IF EXISTS ${names.join(", ")}`);
          } finally {
            await conn.execDriverSql("SET FOREIGN_KEY_CHECKS = 1");
          }
        });
      } else for (const n of names) await d.outside(`DROP TABLE IF EXISTS ${n}`);
    }

    /** Runs `fn` and returns the process warnings it emitted (SQLAlchemy's SAWarning). */
    async function warningsOf(fn: () => Promise<unknown>): Promise<string[]> {
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(w.message);
      process.on("warning", onWarning);
      try {
        await fn();
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off("warning", onWarning);
      }
      return warnings;
    }

    beforeAll(() => {
      engine = d.engine();
      sa.event.listen(engine, "before_cursor_execute", (_conn, _cursor, statement) => {
        log.push(norm(String(statement)));
      });
    });

    afterAll(async () => {
      await engine.dispose();
    });

    describe("createAll / dropAll", () => {
      const meta = new sa.MetaData();
      // declared children first: the order must come from the foreign keys
      new sa.Table(
        "grandchild",
        meta,
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("child_id", sa.Integer, sa.ForeignKey("child.id")),
      );
      new sa.Table(
        "child",
        meta,
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("parent_id", sa.Integer, sa.ForeignKey("parent.id"), { nullable: false }),
      );
      const parent = new sa.Table(
        "parent",
        meta,
        new sa.Column("id", sa.Integer, { primaryKey: true }),
        new sa.Column("name", sa.String(20)),
      );

      beforeEach(async () => {
        await meta.dropAll(engine);
      });
      afterAll(async () => {
        await meta.dropAll(engine);
      });

      it("creates the tables in foreign key dependency order", async () => {
        const sent = await ddl(() => meta.createAll(engine));
        expect(tablesIn(sent, "CREATE")).toEqual(["parent", "child", "grandchild"]);
        expect(await tableNames()).toEqual(["child", "grandchild", "parent"]);
        expect(await foreignKeys("child")).toEqual(["child.parent_id->parent"]);
        expect(await foreignKeys("grandchild")).toEqual(["grandchild.child_id->child"]);
        expect(meta.sortedTables.map((t) => t.name)).toEqual(["parent", "child", "grandchild"]);
      });

      it("checkfirst (the default) makes a second createAll a no-op", async () => {
        await meta.createAll(engine);
        const again = await ddl(() => meta.createAll(engine));
        expect(again.filter((s) => /^(CREATE|ALTER|DROP)\b/.test(s))).toEqual([]);
        expect(await tableNames()).toEqual(["child", "grandchild", "parent"]);
      });

      it("checkfirst: false fails on an existing table, and the failed run leaves nothing behind", async () => {
        await meta.createAll(engine, { tables: [parent] });
        const err = await meta.createAll(engine, { checkfirst: false }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(pg ? sa.exc.ProgrammingError : sa.exc.OperationalError);
        expect((err as Error).message).toMatch(/already exists/);
        expect((err as sa.exc.DBAPIError).statement).toMatch(/^\s*CREATE TABLE parent/);
        expect(await tableNames()).toEqual(["parent"]);
      });

      it("tables: [...] creates only those", async () => {
        const sent = await ddl(() => meta.createAll(engine, { tables: [parent] }));
        expect(tablesIn(sent, "CREATE")).toEqual(["parent"]);
        expect(await tableNames()).toEqual(["parent"]);
      });

      it("dropAll drops in reverse dependency order, existing tables only", async () => {
        await meta.createAll(engine);
        const sent = await ddl(() => meta.dropAll(engine));
        expect(tablesIn(sent, "DROP")).toEqual(["grandchild", "child", "parent"]);
        expect(await tableNames()).toEqual([]);
        // nothing left: checkfirst makes it a no-op; checkfirst: false fails
        expect(tablesIn(await ddl(() => meta.dropAll(engine)), "DROP")).toEqual([]);
        await expect(meta.dropAll(engine, { checkfirst: false })).rejects.toThrow(sa.exc.DBAPIError);
      });

      it("table.create / table.drop: one table, checkfirst off unless asked; Index.create / drop", async () => {
        const sent = await ddl(() => parent.create(engine));
        expect(tablesIn(sent, "CREATE")).toEqual(["parent"]);
        expect(await tableNames()).toEqual(["parent"]);
        await expect(parent.create(engine)).rejects.toThrow(/already exists/);
        expect(tablesIn(await ddl(() => parent.create(engine, { checkfirst: true })), "CREATE")).toEqual([]);
        const ix = new sa.Index("ix_parent_name", parent.c.name);
        await engine.begin(async (conn) => {
          expect(await ddl(() => ix.create(conn))).toEqual(["CREATE INDEX ix_parent_name ON parent (name)"]);
        });
        expect(
          (await engine.connect((c) => sa.inspect(c).then((i) => i.getIndexes("parent")))).map((i) => i.name),
        ).toEqual(["ix_parent_name"]);
        await ix.drop(engine);
        expect(await engine.connect((c) => sa.inspect(c).then((i) => i.getIndexes("parent")))).toEqual([]);
        await engine.begin((conn) => parent.drop(conn));
        expect(await tableNames()).toEqual([]);
        await expect(parent.drop(engine)).rejects.toThrow(sa.exc.DBAPIError);
        await parent.drop(engine, { checkfirst: true });
        parent.indexes.delete(ix);
      });

      it("conn.runSync(meta.createAll) / runSync(meta.dropAll) run on the connection", async () => {
        await engine.connect(async (conn) => {
          await conn.runSync(meta.createAll);
          await conn.commit();
        });
        expect(await tableNames()).toEqual(["child", "grandchild", "parent"]);
        await engine.begin((conn) => conn.runSync(meta.dropAll));
        expect(await tableNames()).toEqual([]);
      });

      it("createAll on a Connection joins its transaction: rollback undoes it", async () => {
        await engine.connect(async (conn) => {
          await meta.createAll(conn);
          expect(conn.inTransaction()).toBe(true);
          expect(await conn.hasTable("grandchild")).toBe(true);
          if (my) await conn.execute(parent.insert(), { id: 1, name: "after the DDL" });
          await conn.rollback();
        });
        if (my) {
          // MySQL lacks transactional DDL: each CREATE TABLE commits implicitly, so the tables stay;
          // the statements after it are in a new transaction, which the rollback does undo
          expect(await tableNames()).toEqual(["child", "grandchild", "parent"]);
          expect(await d.outside("SELECT count(*) FROM parent")).toEqual([[0]]);
        } else {
          expect(await tableNames()).toEqual([]);
        }
      });

      it("the created tables take rows in dependency order", async () => {
        await meta.createAll(engine);
        await engine.begin(async (conn) => {
          await conn.execute(parent.insert(), { id: 1, name: "p" });
          await conn.execute(meta.tables.get("child")!.insert(), { id: 1, parent_id: 1 });
          await conn.execute(meta.tables.get("grandchild")!.insert(), { id: 1, child_id: 1 });
        });
        if (pg || my) {
          await expect(
            engine.begin((conn) =>
              conn.execute(meta.tables.get("child")!.insert(), { id: 2, parent_id: 99 }),
            ),
          ).rejects.toThrow(sa.exc.ForeignKeyViolation);
        }
        expect(await d.outside("SELECT count(*) FROM grandchild")).toEqual([[pg ? "1" : 1]]);
      });
    });

    describe("foreign key cycles", () => {
      it("useAlter: CREATE TABLE for both, then ALTER TABLE ADD CONSTRAINT where there is ALTER", async () => {
        const meta = new sa.MetaData();
        new sa.Table(
          "cyc_a",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("b_id", sa.Integer, sa.ForeignKey("cyc_b.id", { useAlter: true, name: "fk_a_b" })),
        );
        new sa.Table(
          "cyc_b",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("a_id", sa.Integer, sa.ForeignKey("cyc_a.id", { name: "fk_b_a" })),
        );
        try {
          const created = await ddl(() => meta.createAll(engine));
          const shown = created.filter((s) => /^(CREATE|ALTER)\b/.test(s));
          if (pg) {
            expect(shown).toEqual([
              "CREATE TABLE cyc_a (id SERIAL NOT NULL, b_id INTEGER, PRIMARY KEY (id))",
              "CREATE TABLE cyc_b (id SERIAL NOT NULL, a_id INTEGER, PRIMARY KEY (id), CONSTRAINT fk_b_a FOREIGN KEY(a_id) REFERENCES cyc_a (id))",
              "ALTER TABLE cyc_a ADD CONSTRAINT fk_a_b FOREIGN KEY(b_id) REFERENCES cyc_b (id)",
            ]);
          } else if (my) {
            expect(shown).toEqual([
              "CREATE TABLE cyc_a (id INTEGER NOT NULL AUTO_INCREMENT, b_id INTEGER, PRIMARY KEY (id))",
              "CREATE TABLE cyc_b (id INTEGER NOT NULL AUTO_INCREMENT, a_id INTEGER, PRIMARY KEY (id), CONSTRAINT fk_b_a FOREIGN KEY(a_id) REFERENCES cyc_a (id))",
              "ALTER TABLE cyc_a ADD CONSTRAINT fk_a_b FOREIGN KEY(b_id) REFERENCES cyc_b (id)",
            ]);
          } else {
            // no ALTER on SQLite: both foreign keys are created inline
            expect(shown).toEqual([
              "CREATE TABLE cyc_a (id INTEGER NOT NULL, b_id INTEGER, PRIMARY KEY (id), CONSTRAINT fk_a_b FOREIGN KEY(b_id) REFERENCES cyc_b (id))",
              "CREATE TABLE cyc_b (id INTEGER NOT NULL, a_id INTEGER, PRIMARY KEY (id), CONSTRAINT fk_b_a FOREIGN KEY(a_id) REFERENCES cyc_a (id))",
            ]);
          }
          expect(await foreignKeys("cyc_a")).toEqual(["cyc_a.b_id->cyc_b"]);
          expect(await foreignKeys("cyc_b")).toEqual(["cyc_b.a_id->cyc_a"]);

          const dropped = await ddl(() => meta.dropAll(engine));
          const drops = dropped.filter((s) => /^(DROP|ALTER)\b/.test(s));
          expect(drops).toEqual([
            ...(pg ? ["ALTER TABLE cyc_a DROP CONSTRAINT fk_a_b"] : []),
            ...(my ? ["ALTER TABLE cyc_a DROP FOREIGN KEY fk_a_b"] : []),
            "DROP TABLE cyc_b",
            "DROP TABLE cyc_a",
          ]);
          expect(await tableNames()).toEqual([]);
        } finally {
          await dropTables("cyc_a", "cyc_b");
        }
      });

      it("unnamed foreign keys in a cycle: created (ALTER where available); dropAll raises CircularDependencyError where there is ALTER", async () => {
        const meta = new sa.MetaData();
        new sa.Table(
          "loop_x",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("y_id", sa.Integer, sa.ForeignKey("loop_y.id")),
        );
        new sa.Table(
          "loop_y",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("x_id", sa.Integer, sa.ForeignKey("loop_x.id")),
        );
        try {
          const created = await ddl(() => meta.createAll(engine));
          expect(tablesIn(created, "CREATE").sort()).toEqual(["loop_x", "loop_y"]);
          // SQLAlchemy's sort_tables_and_constraints: every foreign key of a table on the cycle
          // is added by ALTER, not only the one that closes it
          expect(created.filter((s) => s.startsWith("ALTER TABLE"))).toHaveLength(alter ? 2 : 0);
          expect(await foreignKeys("loop_x")).toEqual(["loop_x.y_id->loop_y"]);
          expect(await foreignKeys("loop_y")).toEqual(["loop_y.x_id->loop_x"]);

          if (alter) {
            const sent = await ddl(async () => {
              await expect(meta.dropAll(engine)).rejects.toThrow(
                new sa.exc.CircularDependencyError(
                  "Can't sort tables for DROP; an unresolvable foreign key dependency exists between tables: loop_x, loop_y.  Please ensure that the ForeignKey and ForeignKeyConstraint objects involved in the cycle have names so that they can be dropped using DROP CONSTRAINT.",
                ),
              );
            });
            expect(sent.filter((s) => /^(DROP|ALTER)\b/.test(s))).toEqual([]);
            expect(await tableNames()).toEqual(["loop_x", "loop_y"]);
          } else {
            // without ALTER, SQLAlchemy warns and drops the tables unsorted
            const warnings = await warningsOf(() => meta.dropAll(engine));
            expect(warnings).toEqual([
              "Can't sort tables for DROP; an unresolvable foreign key dependency exists between tables: loop_x, loop_y; and backend does not support ALTER.  To restore at least a partial sort, apply use_alter=True to ForeignKey and ForeignKeyConstraint objects involved in the cycle to mark these as known cycles that will be ignored.",
            ]);
            expect(await tableNames()).toEqual([]);
          }
        } finally {
          await dropTables("loop_x", "loop_y");
        }
      });

      it("a cycle with a named foreign key drops it first with ALTER (unnamed ones elsewhere are fine)", async () => {
        const meta = new sa.MetaData();
        new sa.Table(
          "ring_p",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("q_id", sa.Integer, sa.ForeignKey("ring_q.id", { name: "fk_p_q" })),
        );
        new sa.Table(
          "ring_q",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("p_id", sa.Integer, sa.ForeignKey("ring_p.id")),
        );
        try {
          await meta.createAll(engine);
          let dropped: string[] = [];
          const warnings = await warningsOf(async () => {
            dropped = await ddl(() => meta.dropAll(engine));
          });
          const drops = dropped.filter((s) => /^(DROP|ALTER)\b/.test(s));
          if (alter) {
            expect(drops).toEqual([
              pg ? "ALTER TABLE ring_p DROP CONSTRAINT fk_p_q" : "ALTER TABLE ring_p DROP FOREIGN KEY fk_p_q",
              "DROP TABLE ring_q",
              "DROP TABLE ring_p",
            ]);
            expect(warnings).toEqual([]);
          } else {
            // without ALTER no foreign key can be set aside: SQLAlchemy warns and drops unsorted
            expect(drops).toEqual(["DROP TABLE ring_p", "DROP TABLE ring_q"]);
            expect(warnings).toHaveLength(1);
          }
          expect(await tableNames()).toEqual([]);
        } finally {
          await dropTables("ring_p", "ring_q");
        }
      });
    });

    describe("what is created with the tables", () => {
      it("indexes and unique constraints", async () => {
        const meta = new sa.MetaData();
        const items = new sa.Table(
          "items",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("sku", sa.String(20), { unique: true }),
          new sa.Column("name", sa.String(40), { index: true }),
          new sa.Column("a", sa.Integer),
          new sa.Column("b", sa.Integer),
          new sa.UniqueConstraint("a", "b", { name: "uq_items_a_b" }),
          new sa.Index("ix_items_b_name", "b", "name"),
          new sa.Index("ux_items_name_a", "name", "a", { unique: true }),
        );
        try {
          const sent = await ddl(() => meta.createAll(engine));
          const creates = sent.filter((s) => s.startsWith("CREATE"));
          expect(creates[0]).toMatch(/^CREATE TABLE items \(.*UNIQUE \(sku\)/);
          expect(creates[0]).toContain("CONSTRAINT uq_items_a_b UNIQUE (a, b)");
          expect(creates.slice(1).sort()).toEqual([
            "CREATE INDEX ix_items_b_name ON items (b, name)",
            "CREATE INDEX ix_items_name ON items (name)",
            "CREATE UNIQUE INDEX ux_items_name_a ON items (name, a)",
          ]);
          const indexes = pg
            ? await d.outside("SELECT indexname FROM pg_indexes WHERE tablename = 'items' ORDER BY 1")
            : my
              ? await d.outside(
                  "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'items' ORDER BY 1",
                )
              : await d.outside(
                  "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY 1",
                );
          expect(indexes.map((r) => r[0])).toEqual(
            pg
              ? [
                  "items_pkey",
                  "items_sku_key",
                  "ix_items_b_name",
                  "ix_items_name",
                  "uq_items_a_b",
                  "ux_items_name_a",
                ]
              : my
                ? // a UNIQUE constraint is an index named after it (or after its first column)
                  ["ix_items_b_name", "ix_items_name", "PRIMARY", "sku", "uq_items_a_b", "ux_items_name_a"]
                : ["ix_items_b_name", "ix_items_name", "ux_items_name_a"],
          );
          if (d.name === "sqlite") {
            const uniques = (await d.outside("PRAGMA index_list(items)")).filter(
              (r) => r[2] === 1 && r[3] === "u",
            );
            expect(uniques).toHaveLength(2);
          }
          // and the database enforces them
          await engine.begin((conn) =>
            conn.execute(items.insert(), { id: 1, sku: "s1", name: "n", a: 1, b: 1 }),
          );
          for (const row of [
            { id: 2, sku: "s1", name: "m", a: 2, b: 2 },
            { id: 3, sku: "s3", name: "o", a: 1, b: 1 },
            { id: 4, sku: "s4", name: "n", a: 1, b: 9 },
          ]) {
            await expect(engine.begin((conn) => conn.execute(items.insert(), row))).rejects.toThrow(
              sa.exc.UniqueViolation,
            );
          }
        } finally {
          await meta.dropAll(engine);
        }
      });

      it("server defaults are applied by the database", async () => {
        const meta = new sa.MetaData();
        const events = new sa.Table(
          "events",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("qty", sa.Integer, { serverDefault: "7" }),
          new sa.Column("status", sa.String(20), { nullable: false, serverDefault: "new" }),
          new sa.Column("created", sa.DateTime, { serverDefault: sa.text("CURRENT_TIMESTAMP") }),
          new sa.Column("score", sa.Integer, { serverDefault: sa.text("40 + 2") }),
        );
        try {
          const sent = await ddl(() => meta.createAll(engine));
          const create = sent.find((s) => s.startsWith("CREATE TABLE events"))!;
          expect(create).toContain("qty INTEGER DEFAULT '7'");
          // MySQL puts NOT NULL before DEFAULT
          expect(create).toContain(
            my ? "status VARCHAR(20) NOT NULL DEFAULT 'new'" : "status VARCHAR(20) DEFAULT 'new' NOT NULL",
          );
          expect(create).toContain("created ");
          expect(create).toContain("DEFAULT CURRENT_TIMESTAMP");
          // SQLite, MariaDB and MySQL 8 want an expression default in parentheses
          expect(create).toContain(pg ? "score INTEGER DEFAULT 40 + 2" : "score INTEGER DEFAULT (40 + 2)");
          await engine.begin(async (conn) => {
            const r = await conn.execute(events.insert(), { id: 1 });
            const { qty, status, created, score } = events.c;
            expect(r.postfetchCols()).toHaveLength(4);
            expect(r.postfetchCols().every((c, i) => c === [qty, status, created, score][i])).toBe(true);
            await conn.execute(events.insert(), { id: 2, qty: 3, status: "old" });
          });
          const rows = await engine.connect(async (conn) =>
            (await conn.execute(sa.select(events).orderBy(events.c.id))).all(),
          );
          expect(rows.map((r) => [r.id, r.qty, r.status, r.score])).toEqual([
            [1, 7, "new", 42],
            [2, 3, "old", 42],
          ]);
          expect(rows[0].created).toBeInstanceOf(Date);
          expect(Number.isNaN((rows[0].created as Date).getTime())).toBe(false);
        } finally {
          await meta.dropAll(engine);
        }
      });

      it("a Sequence: created before its table and used for the key on PostgreSQL and MariaDB; SQLite autoincrements", async () => {
        const meta = new sa.MetaData();
        const seq = new sa.Sequence("ticket_id_seq", { start: 100 });
        const tickets = new sa.Table(
          "tickets",
          meta,
          new sa.Column("id", sa.Integer, seq, { primaryKey: true }),
          new sa.Column("title", sa.String(20)),
        );
        // MariaDB 10.3+ has sequences; MySQL lacks them and autoincrements, as SQLite
        const withSeq = pg || (my && engine.dialect.supportsSequences);
        const sequences = async () =>
          pg
            ? (
                await d.outside(
                  "SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = current_schema() ORDER BY 1",
                )
              ).map((r) => r[0])
            : my
              ? (
                  await d.outside(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'SEQUENCE' ORDER BY 1",
                  )
                ).map((r) => r[0])
              : [];
        try {
          const sent = await ddl(() => meta.createAll(engine));
          const creates = sent.filter((s) => s.startsWith("CREATE"));
          if (withSeq) {
            expect(creates[0]).toMatch(/^CREATE SEQUENCE (IF NOT EXISTS )?ticket_id_seq START WITH 100$/);
            expect(creates[1]).toMatch(/^CREATE TABLE tickets \(id INTEGER NOT NULL,/);
            expect(await sequences()).toEqual(["ticket_id_seq"]);
          } else {
            expect(creates).toHaveLength(1);
          }
          const ids = await engine.begin(async (conn) => [
            (await conn.execute(tickets.insert(), { title: "a" })).insertedPrimaryKey?.[0],
            (await conn.execute(tickets.insert(), { title: "b" })).insertedPrimaryKey?.[0],
          ]);
          expect(ids).toEqual(withSeq ? [100, 101] : [1, 2]);
          const dropped = await ddl(() => meta.dropAll(engine));
          if (withSeq) {
            expect(dropped.filter((s) => s.startsWith("DROP"))).toEqual([
              "DROP TABLE tickets",
              expect.stringMatching(/^DROP SEQUENCE (IF EXISTS )?ticket_id_seq$/),
            ]);
          }
          expect(await sequences()).toEqual([]);
        } finally {
          await meta.dropAll(engine);
        }
      });

      it("a named Enum: CREATE TYPE before CREATE TABLE (once for two tables), DROP TYPE after the tables on PostgreSQL", async () => {
        const meta = new sa.MetaData();
        const people = new sa.Table(
          "people",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("mood", sa.Enum("sad", "ok", "it's fine", { name: "mood" }), { nullable: false }),
        );
        new sa.Table(
          "mood_log",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("mood", sa.Enum("sad", "ok", "it's fine", { name: "mood" })),
        );
        const types = async () =>
          pg ? (await d.outside("SELECT typname FROM pg_type WHERE typname = 'mood'")).map((r) => r[0]) : [];
        try {
          const sent = await ddl(() => meta.createAll(engine));
          const creates = sent.filter((s) => s.startsWith("CREATE"));
          if (pg) {
            expect(creates).toEqual([
              "CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine')",
              "CREATE TABLE people (id SERIAL NOT NULL, mood mood NOT NULL, PRIMARY KEY (id))",
              "CREATE TABLE mood_log (id SERIAL NOT NULL, mood mood, PRIMARY KEY (id))",
            ]);
            expect(await types()).toEqual(["mood"]);
          } else if (my) {
            // MySQL's ENUM is a column type: nothing to create first
            expect(creates).toEqual([
              "CREATE TABLE people (id INTEGER NOT NULL AUTO_INCREMENT, mood ENUM('sad','ok','it''s fine') NOT NULL, PRIMARY KEY (id))",
              "CREATE TABLE mood_log (id INTEGER NOT NULL AUTO_INCREMENT, mood ENUM('sad','ok','it''s fine'), PRIMARY KEY (id))",
            ]);
          } else {
            expect(creates).toEqual([
              "CREATE TABLE people (id INTEGER NOT NULL, mood VARCHAR(9) NOT NULL, PRIMARY KEY (id))",
              "CREATE TABLE mood_log (id INTEGER NOT NULL, mood VARCHAR(9), PRIMARY KEY (id))",
            ]);
          }
          await engine.begin((conn) =>
            conn.execute(people.insert(), [{ mood: "ok" }, { mood: "it's fine" }]),
          );
          expect(
            await engine.connect(async (conn) =>
              (await conn.execute(sa.select(people.c.mood).orderBy(people.c.id))).scalars().all(),
            ),
          ).toEqual(["ok", "it's fine"]);
          if (pg || my) {
            // the column has the ENUM type: the database itself rejects other values (MySQL: strict mode)
            await expect(
              engine.begin((conn) => conn.execDriverSql("INSERT INTO people (mood) VALUES ('angry')")),
            ).rejects.toThrow(sa.exc.DataError);
          }

          const dropped = await ddl(() => meta.dropAll(engine));
          expect(dropped.filter((s) => s.startsWith("DROP"))).toEqual([
            "DROP TABLE mood_log",
            "DROP TABLE people",
            ...(pg ? ["DROP TYPE mood"] : []),
          ]);
          expect(await types()).toEqual([]);
        } finally {
          await meta.dropAll(engine);
        }
      });

      it("ENUM types of every table come first and go last, around the sequences (SQLAlchemy's MetaData-level type events)", async () => {
        const meta = new sa.MetaData();
        new sa.Table(
          "ord_a",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("e", sa.Enum("x", { name: "ord_ea" })),
        );
        new sa.Table(
          "ord_b",
          meta,
          new sa.Column("id", sa.Integer, new sa.Sequence("ord_sb"), { primaryKey: true }),
          new sa.Column("e", sa.Enum("y", { name: "ord_eb" })),
        );
        const ddlOnly = (s: string[]) => s.filter((x) => /^(CREATE|DROP) /.test(x));
        try {
          const created = ddlOnly(await ddl(() => meta.createAll(engine, { checkfirst: false })));
          const dropped = ddlOnly(await ddl(() => meta.dropAll(engine, { checkfirst: false })));
          if (pg) {
            expect(created).toEqual([
              "CREATE TYPE ord_ea AS ENUM ('x')",
              "CREATE TYPE ord_eb AS ENUM ('y')",
              "CREATE TABLE ord_a (id SERIAL NOT NULL, e ord_ea, PRIMARY KEY (id))",
              "CREATE SEQUENCE ord_sb",
              "CREATE TABLE ord_b (id INTEGER NOT NULL, e ord_eb, PRIMARY KEY (id))",
            ]);
            expect(dropped).toEqual([
              "DROP TABLE ord_b",
              "DROP TABLE ord_a",
              "DROP SEQUENCE ord_sb",
              "DROP TYPE ord_ea",
              "DROP TYPE ord_eb",
            ]);
          } else {
            expect(created.filter((s) => s.startsWith("CREATE TABLE")).length).toBe(2);
            expect(dropped.slice(0, 2)).toEqual(["DROP TABLE ord_b", "DROP TABLE ord_a"]);
          }
        } finally {
          await meta.dropAll(engine);
        }
      });

      it("with checkfirst an existing ENUM type is reused; checkfirst: false fails on it", async () => {
        const meta = new sa.MetaData();
        new sa.Table(
          "moods2",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("mood", sa.Enum("up", "down", { name: "mood2" })),
        );
        try {
          if (pg) await d.outside("CREATE TYPE mood2 AS ENUM ('up', 'down')");
          const sent = await ddl(() => meta.createAll(engine));
          expect(sent.filter((s) => s.startsWith("CREATE"))).toEqual([
            pg
              ? "CREATE TABLE moods2 (id SERIAL NOT NULL, mood mood2, PRIMARY KEY (id))"
              : my
                ? "CREATE TABLE moods2 (id INTEGER NOT NULL AUTO_INCREMENT, mood ENUM('up','down'), PRIMARY KEY (id))"
                : "CREATE TABLE moods2 (id INTEGER NOT NULL, mood VARCHAR(4), PRIMARY KEY (id))",
          ]);
          await d.outside("DROP TABLE moods2");
          if (pg) {
            await expect(meta.createAll(engine, { checkfirst: false })).rejects.toThrow(
              sa.exc.ProgrammingError,
            );
          } else {
            await meta.createAll(engine, { checkfirst: false });
          }
          expect(await tableNames()).toEqual(pg ? [] : ["moods2"]);
        } finally {
          await meta.dropAll(engine);
          if (pg) await d.outside("DROP TYPE IF EXISTS mood2");
        }
      });
    });

    describe("a table created again under the same name with other column types", () => {
      /** The same SQL text each time: only the table's column types differ between rounds. */
      async function round(type: sa.TypeArg, value: unknown): Promise<unknown> {
        const meta = new sa.MetaData();
        const t = new sa.Table(
          "recreated",
          meta,
          new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
          new sa.Column("v", type),
        );
        await engine.begin(async (conn) => {
          await meta.dropAll(conn, { checkfirst: true });
          await meta.createAll(conn);
        });
        return engine.begin(async (conn) => {
          await conn.execute(t.insert(), [
            { id: 1, v: value },
            { id: 2, v: value },
          ]);
          return conn.scalar(sa.select(t.c.v).where(t.c.id.eq(1)));
        });
      }

      afterAll(async () => {
        await dropTables("recreated");
      });

      it("binds and reads with the new types: cached prepared statements are dropped after DDL", async () => {
        expect(await round(sa.Float, 1.5)).toBe(1.5);
        // SQLite keeps about 15 significant digits of a NUMERIC (its REAL storage)
        const exact = d.name === "sqlite" ? "12345.012345678" : "12345678901234567890.0123456789";
        expect(await round(sa.Numeric(38, 10), exact)).toBe(d.name === "sqlite" ? "12345.0123456780" : exact);
        expect(await round(sa.Integer, 7)).toBe(7);
        expect(await round(sa.BigInteger, 9007199254740993n)).toBe(9007199254740993n);
        expect(await round(sa.String(20), "2020-01-01")).toBe("2020-01-01");
        expect(await round(sa.Boolean, true)).toBe(true);
      });

      it("DDL on one pooled connection reaches the statements cached on another", async () => {
        const meta = new sa.MetaData();
        const narrow = new sa.Table("recreated", meta, new sa.Column("id", sa.Integer, { primaryKey: true }));
        const wide = new sa.Table(
          "recreated",
          new sa.MetaData(),
          new sa.Column("id", sa.BigInteger, { primaryKey: true }),
        );
        const big = 9007199254740993n;
        await engine.begin(async (conn) => {
          await meta.dropAll(conn, { checkfirst: true });
          await meta.createAll(conn);
          await conn.execute(narrow.insert(), [{ id: 1 }, { id: 2 }]);
        });
        const reader = await engine.connect();
        try {
          const select = () =>
            reader.scalars(sa.select(narrow.c.id).where(narrow.c.id.ge(1)).orderBy(narrow.c.id));
          expect((await select()).all()).toEqual([1, 2]);
          await reader.commit();
          await engine.begin(async (other) => {
            await other.execDriverSql("DROP TABLE recreated");
            await wide.create(other);
            await other.execute(wide.insert(), [{ id: big }]);
          });
          // the same SQL text on the connection that prepared it before the DDL
          expect(Number((await select()).all()[0])).toBe(Number(big));
          const exact = await reader.scalar(sa.select(wide.c.id).where(wide.c.id.ge(1)));
          expect(exact).toBe(big);
        } finally {
          await reader.close();
        }
      });
    });
  });
}
