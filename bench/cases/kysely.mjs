/**
 * Kysely, compile-only: the dialect's real adapter and query compiler with DummyDriver, which
 * never connects. `.compile()` is what Kysely runs on every `execute()`.
 */
import {
  DummyDriver,
  Kysely,
  MysqlAdapter,
  MysqlIntrospector,
  MysqlQueryCompiler,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from "kysely";

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
  },
];
