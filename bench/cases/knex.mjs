/**
 * Knex, compile-only: a client with no `connection`, so no pool is created. `.toSQL()` is the
 * compile step; on pg it still has `?` placeholders (Knex rewrites them to $n when executing).
 */
import knexFactory from "knex";

const CLIENTS = { sqlite: "better-sqlite3", pg: "pg", mysql: "mysql2" };

export default [
  {
    name: "knex",
    packages: ["knex"],
    dialects: ["sqlite", "pg", "mysql"],
    create(dialect) {
      const k = knexFactory({ client: CLIENTS[dialect], useNullAsDefault: true });
      return {
        build: (q) =>
          k
            .select("users.id", "users.name", "posts.title")
            .from("users")
            .join("posts", "posts.user_id", "users.id")
            .where("users.age", ">", q.age)
            .andWhere("users.name", "like", q.name)
            .andWhere("posts.id", "<", q.postId)
            .orderBy("users.id")
            .limit(q.limit)
            .toSQL(),
        describe: (r) => ({ sql: r.sql, params: [...r.bindings] }),
        close: () => k.destroy(),
      };
    },
  },
];
