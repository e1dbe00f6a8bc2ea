/**
 * Kysely. W5 (`create`): the dialect's real adapter and query compiler with DummyDriver, which
 * never connects; `.compile()` is what Kysely runs on every `execute()`.
 * DB workloads (`db`): Kysely's own dialects over better-sqlite3, a pg.Pool (max 10, pg-cursor
 * for `.stream()`) and a mysql2 pool (connectionLimit 10); the query is built on every call.
 */
import {
  DummyDriver,
  Kysely,
  MysqlAdapter,
  MysqlDialect,
  MysqlIntrospector,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteDialect,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";
import { PERSON_COLUMNS } from "../lib/data.mjs";
import { CONNECTIONS } from "../lib/db.mjs";
import { chunks, SQLITE_ROWS_PER_STATEMENT } from "../lib/sql.mjs";

async function dbDialect(dialect) {
  if (dialect === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    return new SqliteDialect({ database: new Database(CONNECTIONS.sqlite.file) });
  }
  if (dialect === "pg") {
    const { default: pg } = await import("pg");
    const { default: Cursor } = await import("pg-cursor");
    return new PostgresDialect({ pool: new pg.Pool({ ...CONNECTIONS.pg, max: 10 }), cursor: Cursor });
  }
  const { createPool } = await import("mysql2");
  return new MysqlDialect({ pool: createPool({ ...CONNECTIONS.mysql, connectionLimit: 10 }) });
}

async function db(dialect) {
  const k = new Kysely({ dialect: await dbDialect(dialect) });
  const perStatement = dialect === "sqlite" ? SQLITE_ROWS_PER_STATEMENT : Number.POSITIVE_INFINITY;
  return {
    point: (id) => k.selectFrom("users").select(PERSON_COLUMNS).where("id", "=", id).executeTakeFirst(),
    range: (lo, hi) =>
      k
        .selectFrom("users")
        .select(PERSON_COLUMNS)
        .where("id", ">=", lo)
        .where("id", "<=", hi)
        .orderBy("id")
        .execute(),
    insert: (rows) =>
      k.transaction().execute(async (trx) => {
        for (const [from, to] of chunks(rows.length, perStatement)) {
          await trx.insertInto("ins").values(rows.slice(from, to)).execute();
        }
      }),
    async stream() {
      let rows = 0;
      let last = null;
      for await (const row of k.selectFrom("big").select(PERSON_COLUMNS).stream(1000)) {
        rows++;
        last = row;
      }
      return { rows, last, mode: "stream (.stream(1000))" };
    },
    norm: (r) => [r.id, r.name, r.email, r.age, r.created_at],
    close: () => k.destroy(),
  };
}

const PARTS = {
  sqlite: [SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler],
  pg: [PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler],
  mysql: [MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler],
};

export default [
  {
    name: "kysely",
    packages: ["kysely"],
    dialects: ["sqlite", "pg", "mysql"],
    create(dialect) {
      const [Adapter, Introspector, Compiler] = PARTS[dialect];
      const db = new Kysely({
        dialect: {
          createAdapter: () => new Adapter(),
          createDriver: () => new DummyDriver(),
          createIntrospector: (k) => new Introspector(k),
          createQueryCompiler: () => new Compiler(),
        },
      });
      return {
        build: (q) =>
          db
            .selectFrom("users")
            .innerJoin("posts", "posts.user_id", "users.id")
            .select(["users.id", "users.name", "posts.title"])
            .where("users.age", ">", q.age)
            .where("users.name", "like", q.name)
            .where("posts.id", "<", q.postId)
            .orderBy("users.id")
            .limit(q.limit)
            .compile(),
        describe: (r) => ({ sql: r.sql, params: [...r.parameters] }),
      };
    },
    db,
  },
];
