/**
 * Drizzle, compile-only: `drizzle.mock()` gives the real database object of each driver
 * package with no client behind it; `.toSQL()` renders without executing.
 */
import { and, eq, gt, like, lt } from "drizzle-orm";
import { drizzle as bsq3 } from "drizzle-orm/better-sqlite3";
import { int, mysqlTable, text as mysqlText, varchar } from "drizzle-orm/mysql-core";
import { drizzle as mysql2 } from "drizzle-orm/mysql2";
import { drizzle as nodePg } from "drizzle-orm/node-postgres";
import {
  integer as pgInteger,
  pgTable,
  text as pgText,
  varchar as pgVarchar,
  timestamp,
} from "drizzle-orm/pg-core";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** The bench schema (see setup.mjs) in each dialect's table builder. */
function schema(dialect) {
  if (dialect === "sqlite") {
    return {
      db: bsq3.mock(),
      users: sqliteTable("users", {
        id: integer("id").primaryKey(),
        name: text("name").notNull(),
        email: text("email").notNull(),
        age: integer("age").notNull(),
        createdAt: text("created_at").notNull(),
      }),
      posts: sqliteTable("posts", {
        id: integer("id").primaryKey(),
        userId: integer("user_id").notNull(),
        title: text("title").notNull(),
        body: text("body").notNull(),
      }),
    };
  }
  if (dialect === "pg") {
    return {
      db: nodePg.mock(),
      users: pgTable("users", {
        id: pgInteger("id").primaryKey(),
        name: pgVarchar("name", { length: 100 }).notNull(),
        email: pgVarchar("email", { length: 200 }).notNull(),
        age: pgInteger("age").notNull(),
        createdAt: timestamp("created_at").notNull(),
      }),
      posts: pgTable("posts", {
        id: pgInteger("id").primaryKey(),
        userId: pgInteger("user_id").notNull(),
        title: pgVarchar("title", { length: 200 }).notNull(),
        body: pgText("body").notNull(),
      }),
    };
  }
  return {
    db: mysql2.mock(),
    users: mysqlTable("users", {
      id: int("id").primaryKey(),
      name: varchar("name", { length: 100 }).notNull(),
      email: varchar("email", { length: 200 }).notNull(),
      age: int("age").notNull(),
      createdAt: varchar("created_at", { length: 32 }).notNull(),
    }),
    posts: mysqlTable("posts", {
      id: int("id").primaryKey(),
      userId: int("user_id").notNull(),
      title: varchar("title", { length: 200 }).notNull(),
      body: mysqlText("body").notNull(),
    }),
  };
}

export default [
  {
    name: "drizzle",
    packages: ["drizzle-orm"],
    dialects: ["sqlite", "pg", "mysql"],
    create(dialect) {
      const { db, users, posts } = schema(dialect);
      return {
        build: (q) =>
          db
            .select({ id: users.id, name: users.name, title: posts.title })
            .from(users)
            .innerJoin(posts, eq(posts.userId, users.id))
            .where(and(gt(users.age, q.age), like(users.name, q.name), lt(posts.id, q.postId)))
            .orderBy(users.id)
            .limit(q.limit)
            .toSQL(),
        describe: (r) => ({ sql: r.sql, params: [...r.params] }),
      };
    },
  },
];
