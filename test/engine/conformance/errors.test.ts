/**
 * Error handling on every real database (research §1.1 `_handle_dbapi_exception`, checklist 17):
 * driver errors wrapped in the DBAPIError hierarchy with `.statement`, `.params`, `.orig` and
 * `.sqlstate`; SQLAlchemy's message format (`(driver.Class) message`, `[SQL: …]`,
 * `[parameters: …]`, the Background link); `hideParameters`; executemany parameter sets cut at
 * 10; bad SQL per driver; the connection usable afterwards; StatementError from a bind
 * processor; and `handle_error` listeners (replacing the error, flipping `isDisconnect`).
 */
import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { betterSqlite3Adapter } from "../../../src/dialects/sqlite/better-sqlite3.js";
import type { ExceptionContext } from "../../../src/engine/events.js";
import * as sa from "../../../src/index.js";
import { TypeEngine } from "../../../src/sql/types/type-engine.js";
import { type DialectCase, dialectCases } from "./dialects.js";

const cases = await dialectCases("err");

const meta = new sa.MetaData();
const parent = new sa.Table(
  "err_parent",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
);
const child = new sa.Table(
  "err_child",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true, autoincrement: false }),
  new sa.Column("name", sa.String(50), { nullable: false }),
  new sa.Column("parent_id", sa.Integer, sa.ForeignKey("err_parent.id")),
  new sa.Column("qty", sa.Integer),
  new sa.CheckConstraint("qty > 0", { name: "ck_err_child_qty" }),
);

/** A TypeDecorator-shaped type whose bind processing throws a plain TypeError for 13. */
class Unlucky extends TypeEngine<number> {
  readonly visitName = "unlucky";
  readonly affinity = "other" as const;
  readonly impl = sa.Integer();
  loadDialectImpl(): TypeEngine {
    return this.impl;
  }
  processBindParam(value: unknown): unknown {
    if (value === 13) throw new TypeError("13 is unlucky");
    return value;
  }
}

const BACKGROUND = (code: string) => `(Background on this error at: https://sqlalche.me/e/20/${code})`;

/** The rejection of `p` (fails the test when it resolves). */
async function rejection<E = sa.exc.DBAPIError>(p: Promise<unknown>): Promise<E> {
  const out = await p.then(
    () => null,
    (e: unknown) => ({ e }),
  );
  if (out === null) throw new Error("expected a rejection, but the promise resolved");
  return out.e as E;
}

/** `PRAGMA foreign_keys=ON` on every new SQLite connection (a `connect` pool event). */
function enableSqliteForeignKeys(engine: sa.Engine): void {
  sa.event.listen(engine, "connect", (dbapiConnection) => {
    const cur = dbapiConnection.cursor();
    cur.execute("PRAGMA foreign_keys=ON");
    cur.close();
  });
}

/**
 * The driver's placeholder for the n-th (1-based) parameter; on pg a bind outside INSERT VALUES /
 * UPDATE SET carries its type's cast.
 */
function ph(d: DialectCase, n: number, pgType?: string): string {
  return d.name === "postgresql" ? `$${n}${pgType ? `::${pgType}` : ""}` : "?";
}

function insertSql(d: DialectCase, cols: readonly string[]): string {
  return `INSERT INTO err_child (${cols.join(", ")}) VALUES (${cols.map((_, i) => ph(d, i + 1)).join(", ")})`;
}

/** What the first message line names: `better_sqlite3.SqliteError`, `pg.DatabaseError`, `mysql2.Error`. */
function origClass(d: DialectCase): string {
  return d.name === "postgresql"
    ? "pg.DatabaseError"
    : d.name === "mysql"
      ? "mysql2.Error"
      : "better_sqlite3.SqliteError";
}

async function childCount(conn: sa.Connection): Promise<number> {
  return Number(await conn.scalar(sa.select(sa.func.count()).selectFrom(child)));
}

for (const d of cases) {
  describe.skipIf(!d.available)(d.name, () => {
    const pg = d.name === "postgresql";
    const my = d.name === "mysql";
    const lite = d.name === "sqlite";
    let engine: sa.Engine;
    let made: sa.Engine[] = [];
    /** A new engine on this file's database (foreign keys on), disposed after the test. */
    const mk = (opts?: sa.EngineOptions): sa.Engine => {
      const e = d.engine(opts);
      if (lite) enableSqliteForeignKeys(e);
      made.push(e);
      return e;
    };

    beforeAll(async () => {
      engine = d.engine();
      if (lite) enableSqliteForeignKeys(engine);
      await engine.begin(async (conn) => {
        await conn.runSync((c) => meta.dropAll(c));
        await conn.runSync((c) => meta.createAll(c));
      });
    });

    beforeEach(async () => {
      await engine.begin(async (conn) => {
        await conn.execute(child.delete());
        await conn.execute(parent.delete());
        await conn.execute(parent.insert(), [{ id: 1 }, { id: 2 }]);
        await conn.execute(child.insert(), { id: 1, name: "first", parent_id: 1, qty: 1 });
      });
    });

    afterEach(async () => {
      for (const e of made) await e.dispose();
      made = [];
    });

    afterAll(async () => {
      await engine.begin(async (conn) => {
        await conn.runSync((c) => meta.dropAll(c));
      });
      await engine.dispose();
    });

    describe("IntegrityError subclasses", () => {
      it("a duplicate primary key raises UniqueViolation with statement, params, orig and the message format", async () => {
        await engine.connect(async (conn) => {
          const e = await rejection(
            conn.execute(child.insert(), { id: 1, name: "dup", parent_id: null, qty: 5 }),
          );
          expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
          expect(e).toBeInstanceOf(sa.exc.IntegrityError);
          expect(e).toBeInstanceOf(sa.exc.DatabaseError);
          expect(e).toBeInstanceOf(sa.exc.DBAPIError);
          expect(e).toBeInstanceOf(sa.exc.StatementError);
          expect(e.name).toBe("UniqueViolation");
          const sql = insertSql(d, ["id", "name", "parent_id", "qty"]);
          expect(e.statement).toBe(sql);
          expect(e.params).toEqual([1, "dup", null, 5]);
          expect(e.code).toBe("gkpj");
          expect(e.connectionInvalidated).toBe(false);
          expect(e.hideParameters).toBe(false);
          // the driver's own error, also the standard `cause`
          const orig = e.orig as Error & { code?: string };
          expect(orig).toBeInstanceOf(Error);
          expect(e.cause).toBe(orig);
          if (pg) {
            expect(orig.constructor.name).toBe("DatabaseError");
            expect(orig.code).toBe("23505");
            expect(e.sqlstate).toBe("23505");
            // libpq's full text, as psycopg2 (and so SQLAlchemy) shows it: DETAIL line, trailing newline
            expect(orig.message).toBe(
              'duplicate key value violates unique constraint "err_child_pkey"\nDETAIL:  Key (id)=(1) already exists.\n',
            );
          } else if (my) {
            expect(orig.constructor.name).toBe("Error");
            expect(orig.code).toBe("ER_DUP_ENTRY");
            expect((orig as { errno?: number }).errno).toBe(1062);
            expect(e.sqlstate).toBe("23000");
            expect(orig.message).toMatch(/^Duplicate entry '1' for key '(err_child\.)?PRIMARY'$/);
          } else {
            expect(orig.name).toBe("SqliteError");
            expect(orig.code).toBe("SQLITE_CONSTRAINT_PRIMARYKEY");
            expect(e.sqlstate).toBeUndefined();
            expect(orig.message).toBe("UNIQUE constraint failed: err_child.id");
          }
          expect(e.message).toBe(
            [
              `(${origClass(d)}) ${orig.message}`,
              `[SQL: ${sql}]`,
              "[parameters: (1, 'dup', None, 5)]",
              BACKGROUND("gkpj"),
            ].join("\n"),
          );
        });
      });

      it("a unique constraint on a non-key column raises UniqueViolation too", async () => {
        const uq = new sa.Table(
          "err_uq",
          new sa.MetaData(),
          new sa.Column("id", sa.Integer, { primaryKey: true }),
          new sa.Column("email", sa.String(50), { unique: true }),
        );
        await engine.begin(async (conn) => {
          await conn.execute(new sa.DropTable(uq, { ifExists: true }));
          await conn.execute(new sa.CreateTable(uq));
        });
        try {
          await engine.connect(async (conn) => {
            await conn.execute(uq.insert(), { email: "a@x" });
            const e = await rejection(conn.execute(uq.insert(), { email: "a@x" }));
            expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
            expect(e.params).toEqual(["a@x"]);
            if (pg) expect(e.sqlstate).toBe("23505");
            else if (my) expect((e.orig as { code?: string }).code).toBe("ER_DUP_ENTRY");
            else expect((e.orig as { code?: string }).code).toBe("SQLITE_CONSTRAINT_UNIQUE");
          });
        } finally {
          await engine.begin(async (conn) => {
            await conn.execute(new sa.DropTable(uq, { ifExists: true }));
          });
        }
      });

      it("a missing parent row raises ForeignKeyViolation (SQLite: foreign_keys enabled by a connect listener)", async () => {
        await engine.connect(async (conn) => {
          if (lite) {
            const fk = await conn.execDriverSql("PRAGMA foreign_keys");
            expect(fk.scalar()).toBe(1);
          }
          const e = await rejection(
            conn.execute(child.insert(), { id: 2, name: "orphan", parent_id: 99, qty: 1 }),
          );
          expect(e).toBeInstanceOf(sa.exc.ForeignKeyViolation);
          expect(e).toBeInstanceOf(sa.exc.IntegrityError);
          expect(e.params).toEqual([2, "orphan", 99, 1]);
          expect(e.statement).toBe(insertSql(d, ["id", "name", "parent_id", "qty"]));
          if (pg) expect(e.sqlstate).toBe("23503");
          else if (my) expect((e.orig as { code?: string }).code).toBe("ER_NO_REFERENCED_ROW_2");
          else expect((e.orig as { code?: string }).code).toBe("SQLITE_CONSTRAINT_FOREIGNKEY");
          const lines = e.message.split("\n");
          expect(lines[0]).toMatch(
            pg
              ? /^\(pg\.DatabaseError\) insert or update on table "err_child" violates foreign key constraint/
              : my
                ? /^\(mysql2\.Error\) Cannot add or update a child row: a foreign key constraint fails/
                : /^\(better_sqlite3\.SqliteError\) FOREIGN KEY constraint failed$/,
          );
          expect(lines.at(-1)).toBe(BACKGROUND("gkpj"));
        });
      });

      it("deleting a referenced parent raises ForeignKeyViolation", async () => {
        await engine.connect(async (conn) => {
          const e = await rejection(conn.execute(parent.delete().where(parent.c.id.eq(1))));
          expect(e).toBeInstanceOf(sa.exc.ForeignKeyViolation);
          expect(e.params).toEqual([1]);
        });
      });

      it("a NULL in a NOT NULL column raises NotNullViolation", async () => {
        await engine.connect(async (conn) => {
          const e = await rejection(
            conn.execute(child.insert(), { id: 3, name: null, parent_id: 1, qty: 1 }),
          );
          expect(e).toBeInstanceOf(sa.exc.NotNullViolation);
          expect(e).toBeInstanceOf(sa.exc.IntegrityError);
          expect(e.params).toEqual([3, null, 1, 1]);
          if (pg) expect(e.sqlstate).toBe("23502");
          else if (my) expect((e.orig as { code?: string }).code).toBe("ER_BAD_NULL_ERROR");
          else expect((e.orig as { code?: string }).code).toBe("SQLITE_CONSTRAINT_NOTNULL");
          expect(e.message.split("\n").find((l) => l.startsWith("[parameters: "))).toBe(
            "[parameters: (3, None, 1, 1)]",
          );
          expect(e.message).toContain(
            pg
              ? 'null value in column "name"'
              : my
                ? "Column 'name' cannot be null"
                : "NOT NULL constraint failed: err_child.name",
          );
        });
      });

      it("a failed CHECK constraint raises CheckViolation", async () => {
        await engine.connect(async (conn) => {
          const e = await rejection(
            conn.execute(child.insert(), { id: 4, name: "neg", parent_id: 1, qty: -1 }),
          );
          expect(e).toBeInstanceOf(sa.exc.CheckViolation);
          expect(e).toBeInstanceOf(sa.exc.IntegrityError);
          expect(e.params).toEqual([4, "neg", 1, -1]);
          if (pg) expect(e.sqlstate).toBe("23514");
          // MariaDB's ER_CONSTRAINT_FAILED (4025), MySQL's ER_CHECK_CONSTRAINT_VIOLATED (3819)
          else if (my) expect([4025, 3819]).toContain((e.orig as { errno?: number }).errno);
          else expect((e.orig as { code?: string }).code).toBe("SQLITE_CONSTRAINT_CHECK");
          expect(e.message).toContain("ck_err_child_qty");
        });
      });

      it("an UPDATE's error carries the UPDATE and its parameters", async () => {
        await engine.connect(async (conn) => {
          await conn.execute(child.insert(), { id: 2, name: "second", parent_id: 1, qty: 1 });
          const e = await rejection(conn.execute(child.update().where(child.c.id.eq(2)).values({ id: 1 })));
          expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
          expect(e.statement).toBe(
            `UPDATE err_child SET id=${ph(d, 1)} WHERE err_child.id = ${ph(d, 2, "INTEGER")}`,
          );
          expect(e.params).toEqual([1, 2]);
        });
      });
    });

    describe("the connection after an error", () => {
      it("stays usable: an ordinary error leaves the transaction in progress (no pending rollback)", async () => {
        await engine.connect(async (conn) => {
          await conn.execute(child.insert(), { id: 10, name: "kept", parent_id: 1, qty: 1 });
          const e = await rejection(
            conn.execute(child.insert(), { id: 10, name: "dup", parent_id: 1, qty: 1 }),
          );
          expect(e).toBeInstanceOf(sa.exc.IntegrityError);
          expect(conn.invalidated).toBe(false);
          expect(conn.inTransaction()).toBe(true);
          if (pg) {
            // PostgreSQL aborts the transaction itself: statements fail until ROLLBACK
            const aborted = await rejection(conn.execute(sa.select(sa.literal(1))));
            expect(aborted).toBeInstanceOf(sa.exc.InternalError);
            expect(aborted.sqlstate).toBe("25P02");
            expect(aborted.message).toContain("current transaction is aborted");
            await conn.rollback();
            expect(await childCount(conn)).toBe(1);
          } else {
            // SQLite and InnoDB roll back only the failed statement: the transaction's earlier work is kept
            expect(await childCount(conn)).toBe(2);
            await conn.commit();
            expect((await d.outside("SELECT name FROM err_child WHERE id = 10")).map((r) => r[0])).toEqual([
              "kept",
            ]);
          }
          await conn.execute(child.insert(), { id: 11, name: "after", parent_id: 1, qty: 1 });
          await conn.commit();
        });
        const rows = await d.outside("SELECT id FROM err_child WHERE id = 11");
        expect(rows.map((r) => Number(r[0]))).toEqual([11]);
      });

      it("inside a savepoint, rolling back to it keeps the outer transaction's work", async () => {
        await engine.connect(async (conn) => {
          await conn.execute(child.insert(), { id: 20, name: "outer", parent_id: 1, qty: 1 });
          const sp = await conn.beginNested();
          const e = await rejection(
            conn.execute(child.insert(), { id: 20, name: "dup", parent_id: 1, qty: 1 }),
          );
          expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
          await sp.rollback();
          await conn.execute(child.insert(), { id: 21, name: "inner", parent_id: 1, qty: 1 });
          await conn.commit();
        });
        const rows = await d.outside("SELECT id FROM err_child WHERE id >= 20 ORDER BY id");
        expect(rows.map((r) => Number(r[0]))).toEqual([20, 21]);
      });

      it("a pooled connection returned after an error is reset and reused", async () => {
        const e1 = mk({ poolSize: 1, maxOverflow: 0 });
        const first = await e1.connect();
        const raw = first.dbapiConnection;
        await rejection(first.execute(child.insert(), { id: 1, name: "dup", parent_id: 1, qty: 1 }));
        await first.close();
        await e1.connect(async (conn) => {
          expect(conn.dbapiConnection).toBe(raw);
          expect(await childCount(conn)).toBe(1);
        });
        expect(e1.pool.status()).toBe(
          "Pool size: 1  Connections in pool: 1 Current Overflow: 0 Current Checked out connections: 0",
        );
      });
    });

    describe("hideParameters", () => {
      it("leaves the parameters out of the message and the error", async () => {
        const hidden = mk({ hideParameters: true });
        await hidden.connect(async (conn) => {
          const e = await rejection(
            conn.execute(child.insert(), { id: 1, name: "s3cret-value", parent_id: 1, qty: 1 }),
          );
          expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
          expect(e.hideParameters).toBe(true);
          expect(e.params).toBeNull();
          expect(e.statement).toBe(insertSql(d, ["id", "name", "parent_id", "qty"]));
          expect(e.message).not.toContain("s3cret-value");
          expect(e.message).toBe(
            [
              `(${origClass(d)}) ${(e.orig as Error).message}`,
              `[SQL: ${e.statement}]`,
              "[SQL parameters hidden due to hide_parameters=True]",
              BACKGROUND("gkpj"),
            ].join("\n"),
          );
        });
      });

      it("an executemany error hides every parameter set", async () => {
        const hidden = mk({ hideParameters: true });
        await hidden.connect(async (conn) => {
          const rows = [
            { id: 30, name: "s3cret-a", parent_id: 1, qty: 1 },
            { id: 1, name: "s3cret-b", parent_id: 1, qty: 1 },
          ];
          const e = await rejection(conn.execute(child.insert(), rows));
          expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
          expect(e.params).toBeNull();
          expect(e.message).not.toContain("s3cret");
          expect(e.message).toContain("[SQL parameters hidden due to hide_parameters=True]");
        });
      });
    });

    describe("executemany", () => {
      it("an error shows at most 10 of the parameter sets", async () => {
        await engine.connect(async (conn) => {
          const rows = Array.from({ length: 15 }, (_, i) => ({
            id: i === 12 ? 1 : 100 + i,
            name: `n${i}`,
            parent_id: 1,
            qty: 1,
          }));
          const e = await rejection(conn.execute(child.insert(), rows));
          expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
          expect(Array.isArray(e.params)).toBe(true);
          expect((e.params as unknown[]).length).toBe(15);
          const line = e.message.split("\n").find((l) => l.startsWith("[parameters: "));
          const shown = Array.from({ length: 10 }, (_, i) => `(${100 + i}, 'n${i}', 1, 1)`).join(", ");
          expect(line).toBe(
            `[parameters: [${shown} ... displaying 10 of 15 total bound parameter sets ...]]`,
          );
          expect(e.message).not.toContain("'n10'");
          await conn.rollback();
          expect(await childCount(conn)).toBe(1);
        });
      });

      it("10 or fewer parameter sets are all shown", async () => {
        await engine.connect(async (conn) => {
          const rows = [
            { id: 40, name: "a", parent_id: 1, qty: 1 },
            { id: 41, name: "b", parent_id: 1, qty: 1 },
            { id: 1, name: "c", parent_id: 1, qty: 1 },
          ];
          const e = await rejection(conn.execute(child.insert(), rows));
          expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
          expect(e.message).toContain("[parameters: [(40, 'a', 1, 1), (41, 'b', 1, 1), (1, 'c', 1, 1)]]");
          expect(e.message).not.toContain("displaying");
        });
      });
    });

    describe("bad SQL", () => {
      it("a syntax error: OperationalError from SQLite, ProgrammingError from PostgreSQL and MySQL", async () => {
        await engine.connect(async (conn) => {
          const e = await rejection(conn.execute(sa.text("SELEC 1")));
          expect(e).toBeInstanceOf(sa.exc.DBAPIError);
          if (pg) {
            expect(e).toBeInstanceOf(sa.exc.ProgrammingError);
            expect(e.sqlstate).toBe("42601");
            expect(e.code).toBe("f405");
          } else if (my) {
            // ER_PARSE_ERROR (1064): a ProgrammingError, as mysqlclient raises it
            expect(e).toBeInstanceOf(sa.exc.ProgrammingError);
            expect(e.sqlstate).toBe("42000");
            expect(e.code).toBe("f405");
          } else {
            // pysqlite raises sqlite3.OperationalError for syntax errors
            expect(e).toBeInstanceOf(sa.exc.OperationalError);
            expect(e.code).toBe("e3q8");
          }
          expect(e.statement).toBe("SELEC 1");
          // no parameters: no parameters line, as SQLAlchemy
          expect(e.message.split("\n")).toEqual([
            // PostgreSQL: libpq's LINE and caret, then psycopg2's trailing newline
            ...(pg
              ? ['(pg.DatabaseError) syntax error at or near "SELEC"', "LINE 1: SELEC 1", "        ^", ""]
              : []),
            ...(pg
              ? []
              : [
                  my
                    ? expect.stringMatching(
                        /^\(mysql2\.Error\) You have an error in your SQL syntax; .* near 'SELEC 1' at line 1$/,
                      )
                    : '(better_sqlite3.SqliteError) near "SELEC": syntax error',
                ]),
            "[SQL: SELEC 1]",
            BACKGROUND(pg || my ? "f405" : "e3q8"),
          ]);
          await conn.rollback();
          expect(await conn.scalar(sa.select(sa.literal(1)))).toBe(1);
        });
      });

      it("a missing table: OperationalError from SQLite, ProgrammingError from PostgreSQL and MySQL", async () => {
        await engine.connect(async (conn) => {
          const e = await rejection(conn.execute(sa.text("SELECT * FROM err_no_such_table")));
          if (pg) {
            expect(e).toBeInstanceOf(sa.exc.ProgrammingError);
            expect(e.sqlstate).toBe("42P01");
            expect(e.message).toContain('relation "err_no_such_table" does not exist');
          } else if (my) {
            // ER_NO_SUCH_TABLE (1146)
            expect(e).toBeInstanceOf(sa.exc.ProgrammingError);
            expect(e.sqlstate).toBe("42S02");
            expect(e.message).toMatch(/Table '[^']+\.err_no_such_table' doesn't exist/);
          } else {
            expect(e).toBeInstanceOf(sa.exc.OperationalError);
            expect(e.message).toContain("no such table: err_no_such_table");
          }
          await conn.rollback();
          expect(await childCount(conn)).toBe(1);
        });
      });

      it("a wrong number of driver parameters is an error that leaves the connection valid", async () => {
        await engine.connect(async (conn) => {
          const raw = conn.dbapiConnection;
          const sql = pg ? "SELECT $1::int + $2::int" : "SELECT ? + ?";
          const e = await rejection(conn.execDriverSql(sql, [1]));
          expect(e).toBeInstanceOf(sa.exc.DBAPIError);
          // pysqlite: ProgrammingError; PostgreSQL answers 08P01 (protocol violation, an
          // OperationalError); MySQL ER_WRONG_ARGUMENTS (1210), a ProgrammingError as mysqlclient's
          expect(e).toBeInstanceOf(pg ? sa.exc.OperationalError : sa.exc.ProgrammingError);
          if (pg) expect(e.sqlstate).toBe("08P01");
          expect(e.statement).toBe(sql);
          expect(e.params).toEqual([1]);
          expect(e.connectionInvalidated).toBe(false);
          expect(conn.invalidated).toBe(false);
          await conn.rollback();
          expect(Number((await conn.execDriverSql(sql, [1, 2])).scalar())).toBe(3);
          expect(conn.dbapiConnection).toBe(raw);
        });
      });

      it("a value the database rejects: DataError on PostgreSQL", async () => {
        await engine.connect(async (conn) => {
          const q = sa.select(sa.cast(sa.literal("abc"), sa.Integer));
          if (pg) {
            const e = await rejection(conn.execute(q));
            expect(e).toBeInstanceOf(sa.exc.DataError);
            expect(e.sqlstate).toBe("22P02");
            expect(e.code).toBe("9h9h");
            expect(e.params).toEqual(["abc"]);
            await conn.rollback();
          } else {
            // SQLite and MySQL convert what they can: CAST('abc' AS INTEGER) is 0 (MySQL warns)
            expect(await conn.scalar(q)).toBe(0);
          }
        });
      });

      it("a lock wait that gives up raises LockTimeout (an OperationalError)", async () => {
        const holder = await engine.connect();
        const waiter = lite ? mk({ connectArgs: { timeout: 0 } }) : mk();
        try {
          if (pg) {
            await holder.execDriverSql("LOCK TABLE err_child IN ACCESS EXCLUSIVE MODE");
          } else if (my) {
            // InnoDB locks rows: hold the row the waiter will update
            await holder.execute(child.update().where(child.c.id.eq(1)).values({ qty: 2 }));
          } else {
            await holder.execute(child.insert(), { id: 50, name: "locking", parent_id: 1, qty: 1 });
          }
          await waiter.connect(async (conn) => {
            if (pg) await conn.execDriverSql("SET lock_timeout = '50ms'");
            if (my) await conn.execDriverSql("SET SESSION innodb_lock_wait_timeout = 1");
            const e = await rejection(
              my
                ? conn.execute(child.update().where(child.c.id.eq(1)).values({ qty: 3 }))
                : conn.execute(child.insert(), { id: 51, name: "waiting", parent_id: 1, qty: 1 }),
            );
            expect(e).toBeInstanceOf(sa.exc.LockTimeout);
            expect(e).toBeInstanceOf(sa.exc.OperationalError);
            if (pg) expect(e.sqlstate).toBe("55P03");
            else if (my) expect((e.orig as { errno?: number }).errno).toBe(1205);
            else expect((e.orig as { code?: string }).code).toBe("SQLITE_BUSY");
            expect(conn.invalidated).toBe(false);
          });
        } finally {
          await holder.close();
        }
      });

      if (my) {
        it("max_statement_time (MariaDB) raises QueryCanceled and the connection recovers", async () => {
          await engine.connect(async (conn) => {
            if (!(conn.dialect as { isMariadb?: boolean }).isMariadb) return; // MySQL: max_execution_time
            await conn.execDriverSql("SET SESSION max_statement_time = 0.05");
            const e = await rejection(conn.execute(sa.select(sa.func.sleep(2))));
            expect(e).toBeInstanceOf(sa.exc.QueryCanceled);
            expect(e).toBeInstanceOf(sa.exc.OperationalError);
            expect((e.orig as { errno?: number }).errno).toBe(1969);
            expect(e.connectionInvalidated).toBe(false);
            await conn.execDriverSql("SET SESSION max_statement_time = 0");
            expect(await conn.scalar(sa.select(sa.literal(1)))).toBe(1);
          });
        });
      }

      if (pg) {
        it("a statement_timeout raises QueryCanceled and the connection recovers", async () => {
          await engine.connect(async (conn) => {
            await conn.execDriverSql("SET statement_timeout = 50");
            const e = await rejection(conn.execute(sa.select(sa.func.pg_sleep(2))));
            expect(e).toBeInstanceOf(sa.exc.QueryCanceled);
            expect(e).toBeInstanceOf(sa.exc.OperationalError);
            expect(e.sqlstate).toBe("57014");
            expect(e.connectionInvalidated).toBe(false);
            await conn.rollback();
            await conn.execDriverSql("SET statement_timeout = 0");
            expect(await conn.scalar(sa.select(sa.literal(1)))).toBe(1);
          });
        });
      }
    });

    describe("parameter limits", () => {
      it("70,000 values in one IN list: SQLite's and PostgreSQL's limits are named, MySQL runs it; the connection stays usable", async () => {
        const ids = Array.from({ length: 70_000 }, (_, i) => i);
        const q = sa.select(sa.func.count()).where(sa.literalColumn("1").in(ids));
        await engine.connect(async (conn) => {
          if (d.name === "mysql") expect(await conn.scalar(q)).toBe(1);
          else {
            const e = await rejection<sa.exc.DBAPIError>(conn.scalar(q));
            if (d.name === "postgresql") {
              // the protocol counts parameters in 16 bits; asyncpg raises an InterfaceError as well
              expect(e).toBeInstanceOf(sa.exc.InterfaceError);
              expect(e.message).toContain("at most 65535 bind parameters");
              expect(e.message).toContain("70000");
            } else {
              expect(e).toBeInstanceOf(sa.exc.OperationalError);
              expect(e.message).toContain("too many SQL variables");
            }
          }
          expect(await conn.scalar(sa.select(sa.literal(1)))).toBe(1);
        });
      });
    });

    describe("errors that are not the driver's", () => {
      it("a bind processor's error becomes a StatementError naming the parameter", async () => {
        await engine.connect(async (conn) => {
          const q = sa.select(sa.bindparam("lucky", undefined, { type: new Unlucky() }));
          expect(await conn.scalar(q, { lucky: 7 })).toBe(7);
          const e = await rejection<sa.exc.StatementError>(conn.execute(q, { lucky: 13 }));
          expect(e).toBeInstanceOf(sa.exc.StatementError);
          expect(e).not.toBeInstanceOf(sa.exc.DBAPIError);
          expect(e.message).toContain("'lucky'");
          expect(e.message).toContain("13 is unlucky");
          expect(e.statement).toBe(`SELECT ${ph(d, 1, "INTEGER")} AS anon_1`);
          expect(e.message).toContain(`[SQL: ${e.statement}]`);
          expect(e.cause).toBeInstanceOf(TypeError);
          // nothing reached the database: the connection carries on
          expect(conn.invalidated).toBe(false);
          expect(await conn.scalar(q, { lucky: 8 })).toBe(8);
        });
      });

      it("a missing driver package has a clear ArgumentError (the adapters' message)", () => {
        expect(betterSqlite3Adapter.name).toBe("better_sqlite3");
        const sqliteSrc = readFileSync(
          new URL("../../../src/dialects/sqlite/better-sqlite3.ts", import.meta.url),
          "utf8",
        );
        expect(sqliteSrc).toContain(
          "The 'better-sqlite3' package is required for sqlite URLs: npm install better-sqlite3",
        );
        expect(sqliteSrc).toContain("throw new ArgumentError(MISSING");
        const pgSrc = readFileSync(
          new URL("../../../src/dialects/postgresql/pg.ts", import.meta.url),
          "utf8",
        );
        expect(pgSrc).toMatch(/The '\$\{pkg\}' package is required \$\{hint\}: npm install \$\{pkg\}/);
        expect(pgSrc).toContain('lazy("pg", "for postgresql URLs"');
      });
    });

    describe("handle_error", () => {
      it("receives the ExceptionContext: statement, parameters, originalException, sqlalchemyException, executionContext, isDisconnect", async () => {
        const e1 = mk();
        const seen: ExceptionContext[] = [];
        sa.event.listen(e1, "handle_error", (ctx) => {
          seen.push(ctx);
        });
        await e1.connect(async (conn) => {
          const e = await rejection(
            conn.execute(child.insert(), { id: 1, name: "dup", parent_id: 1, qty: 1 }),
          );
          expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
          expect(seen).toHaveLength(1);
          const ctx = seen[0];
          expect(ctx.statement).toBe(insertSql(d, ["id", "name", "parent_id", "qty"]));
          expect(ctx.parameters).toEqual([1, "dup", 1, 1]);
          expect(ctx.originalException).toBe(e.orig);
          expect(ctx.sqlalchemyException).toBe(e);
          expect(ctx.executionContext).toBeInstanceOf(sa.ExecutionContext);
          expect((ctx.executionContext as sa.ExecutionContext).isinsert).toBe(true);
          expect(ctx.isDisconnect).toBe(false);
          expect(ctx.connection).toBe(conn);
          expect(ctx.engine).toBe(e1);
        });
      });

      it("a listener that returns an error replaces the one raised", async () => {
        const e1 = mk();
        class AppError extends Error {}
        sa.event.listen(e1, "handle_error", (ctx) => {
          if (ctx.sqlalchemyException instanceof sa.exc.UniqueViolation) {
            return new AppError(`duplicate: ${String((ctx.parameters as unknown[])[0])}`);
          }
          return undefined;
        });
        await e1.connect(async (conn) => {
          const e = await rejection<Error>(
            conn.execute(child.insert(), { id: 1, name: "dup", parent_id: 1, qty: 1 }),
          );
          expect(e).toBeInstanceOf(AppError);
          expect(e.message).toBe("duplicate: 1");
          await conn.rollback();
          // errors the listener passes over are raised unchanged
          const other = await rejection(
            conn.execute(child.insert(), { id: 60, name: "x", parent_id: 1, qty: -1 }),
          );
          expect(other).toBeInstanceOf(sa.exc.CheckViolation);
        });
      });

      it("a listener that throws ends the chain with its error", async () => {
        const e1 = mk();
        const calls: string[] = [];
        sa.event.listen(e1, "handle_error", () => {
          calls.push("first");
          throw new RangeError("from the listener");
        });
        sa.event.listen(e1, "handle_error", () => {
          calls.push("second");
        });
        await e1.connect(async (conn) => {
          const e = await rejection<Error>(
            conn.execute(child.insert(), { id: 1, name: "dup", parent_id: 1, qty: 1 }),
          );
          expect(e).toBeInstanceOf(RangeError);
          expect(e.message).toBe("from the listener");
          expect(calls).toEqual(["first"]);
        });
      });

      it("setting isDisconnect invalidates the connection and stamps the pool", async () => {
        const e1 = mk();
        sa.event.listen(e1, "handle_error", (ctx) => {
          if (ctx.sqlalchemyException instanceof sa.exc.UniqueViolation) ctx.isDisconnect = true;
        });
        const a = await e1.connect();
        const b = await e1.connect();
        const rawA = a.dbapiConnection;
        const rawB = b.dbapiConnection;
        await b.close(); // idle in the pool, older than the coming stamp
        const e = await rejection(a.execute(child.insert(), { id: 1, name: "dup", parent_id: 1, qty: 1 }));
        expect(e).toBeInstanceOf(sa.exc.UniqueViolation);
        expect(e.connectionInvalidated).toBe(true);
        expect(a.invalidated).toBe(true);
        // the lost transaction must be rolled back before the connection reconnects
        await expect(a.execute(sa.select(sa.literal(1)))).rejects.toBeInstanceOf(sa.exc.PendingRollbackError);
        await a.rollback();
        expect(await a.scalar(sa.select(sa.literal(1)))).toBe(1);
        expect(a.invalidated).toBe(false);
        expect(a.dbapiConnection).not.toBe(rawA);
        expect(a.dbapiConnection).not.toBe(rawB);
        await a.close();
        // the idle connection predates the invalidation: it is replaced at its next checkout
        await e1.connect(async (c) => {
          expect(c.dbapiConnection).not.toBe(rawB);
          expect(c.dbapiConnection).not.toBe(rawA);
        });
        expect(rawA.closed).toBe(true);
      });

      it("with invalidatePoolOnDisconnect off, only the failing connection is replaced", async () => {
        const e1 = mk({ poolSize: 2 });
        sa.event.listen(e1, "handle_error", (ctx) => {
          ctx.isDisconnect = true;
          ctx.invalidatePoolOnDisconnect = false;
        });
        const a = await e1.connect();
        const b = await e1.connect();
        const rawB = b.dbapiConnection;
        await b.close();
        await a.commit();
        await rejection(a.execute(sa.text("SELECT * FROM err_no_such_table")));
        expect(a.invalidated).toBe(true);
        await a.rollback();
        await a.close();
        // FIFO: the idle connection checked in first comes out first, and it was kept
        await e1.connect(async (c) => {
          expect(c.dbapiConnection).toBe(rawB);
        });
      });

      it("sees a bind processor's StatementError too (SQLAlchemy routes every execution error through it)", async () => {
        const e1 = mk();
        const seen: ExceptionContext[] = [];
        sa.event.listen(e1, "handle_error", (ctx) => {
          seen.push(ctx);
        });
        await e1.connect(async (conn) => {
          const q = sa.select(sa.bindparam("lucky", undefined, { type: new Unlucky() }));
          const e = await rejection<sa.exc.StatementError>(conn.execute(q, { lucky: 13 }));
          expect(e).toBeInstanceOf(sa.exc.StatementError);
          expect(seen).toHaveLength(1);
          expect(seen[0].sqlalchemyException).toBe(e);
          expect(seen[0].originalException).toBeInstanceOf(TypeError);
          expect(seen[0].isDisconnect).toBe(false);
        });
      });
    });
  });
}
