/**
 * Drizzle. W5 (`create`): `drizzle.mock()` gives the real database object of each driver
 * package with no client behind it; `.toSQL()` renders without executing.
 * DB workloads (`db`): drizzle over better-sqlite3, a pg.Pool (max 10) and a mysql2 pool
 * (connectionLimit 10).
 *   drizzle        the query is built on every call, as with the other peers
 *   drizzle-prep   W1, W2, W6: `.prepare()` once with `sql.placeholder`, executed per call
 * Drizzle has no streaming API for better-sqlite3 or node-postgres: W4 fetches all rows there
 * (the report's mode column says so); on mysql2 it uses `.iterator()`.
 */
import { and, eq, gt, gte, like, lt, lte, sql } from "drizzle-orm";
import { drizzle as bsq3 } from "drizzle-orm/better-sqlite3";
import {
  datetime,
  int,
  serial as mysqlSerial,
  mysqlTable,
  text as mysqlText,
  varchar,
} from "drizzle-orm/mysql-core";
import { drizzle as mysql2 } from "drizzle-orm/mysql2";
import { drizzle as nodePg } from "drizzle-orm/node-postgres";
import {
  integer as pgInteger,
  serial as pgSerial,
  pgTable,
  text as pgText,
  varchar as pgVarchar,
  timestamp,
} from "drizzle-orm/pg-core";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CONNECTIONS } from "../lib/db.mjs";
import { chunks, SQLITE_ROWS_PER_STATEMENT } from "../lib/sql.mjs";

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

/** users, big and ins for the DB workloads, with created_at as each database stores it. */
function dbSchema(dialect) {
  if (dialect === "sqlite") {
    const person = (name) =>
      sqliteTable(name, {
        id: integer("id").primaryKey(),
        name: text("name").notNull(),
        email: text("email").notNull(),
        age: integer("age").notNull(),
        createdAt: text("created_at").notNull(),
      });
    return { users: person("users"), big: person("big"), ins: person("ins") };
  }
  if (dialect === "pg") {
    const person = (name, id) =>
      pgTable(name, {
        id,
        name: pgVarchar("name", { length: 100 }).notNull(),
        email: pgVarchar("email", { length: 200 }).notNull(),
        age: pgInteger("age").notNull(),
        createdAt: timestamp("created_at").notNull(),
      });
    return {
      users: person("users", pgInteger("id").primaryKey()),
      big: person("big", pgInteger("id").primaryKey()),
      ins: person("ins", pgSerial("id").primaryKey()),
    };
  }
  const person = (name, id) =>
    mysqlTable(name, {
      id,
      name: varchar("name", { length: 100 }).notNull(),
      email: varchar("email", { length: 200 }).notNull(),
      age: int("age").notNull(),
      createdAt: datetime("created_at").notNull(),
    });
  return {
    users: person("users", int("id").primaryKey()),
    big: person("big", int("id").primaryKey()),
    ins: person("ins", mysqlSerial("id").primaryKey()),
  };
}

async function connect(dialect) {
  if (dialect === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const client = new Database(CONNECTIONS.sqlite.file);
    return { db: bsq3({ client }), close: () => client.close() };
  }
  if (dialect === "pg") {
    const { default: pg } = await import("pg");
    const client = new pg.Pool({ ...CONNECTIONS.pg, max: 10 });
    return { db: nodePg({ client }), close: () => client.end() };
  }
  const { createPool } = await import("mysql2");
  const client = createPool({ ...CONNECTIONS.mysql, connectionLimit: 10 });
  return { db: mysql2({ client }), close: () => new Promise((resolve) => client.end(resolve)) };
}

const insertRow = (r) => ({ name: r.name, email: r.email, age: r.age, createdAt: r.created_at });

async function db(dialect, prepared) {
  const { db, close } = await connect(dialect);
  const { users, big, ins } = dbSchema(dialect);
  const sync = dialect === "sqlite";
  const byId = (id) => db.select().from(users).where(eq(users.id, id));
  const byRange = (lo, hi) =>
    db
      .select()
      .from(users)
      .where(and(gte(users.id, lo), lte(users.id, hi)))
      .orderBy(users.id);
  let point;
  let range;
  if (prepared) {
    const p1 = byId(sql.placeholder("id"));
    const p2 = byRange(sql.placeholder("lo"), sql.placeholder("hi"));
    const pp = dialect === "pg" ? p1.prepare("w1") : p1.prepare();
    const pr = dialect === "pg" ? p2.prepare("w2") : p2.prepare();
    point = sync ? (id) => pp.get({ id }) : async (id) => (await pp.execute({ id }))[0];
    range = sync ? (lo, hi) => pr.all({ lo, hi }) : (lo, hi) => pr.execute({ lo, hi });
  } else {
    point = sync ? (id) => byId(id).get() : async (id) => (await byId(id))[0];
    range = sync ? (lo, hi) => byRange(lo, hi).all() : (lo, hi) => byRange(lo, hi);
  }
  const perStatement = sync ? SQLITE_ROWS_PER_STATEMENT : Number.POSITIVE_INFINITY;
  return {
    /** on better-sqlite3, Drizzle's `.get()`/`.all()` are synchronous: called without `await` */
    sync,
    point,
    range,
    insert(rows) {
      const parts = chunks(rows.length, perStatement).map(([from, to]) =>
        rows.slice(from, to).map(insertRow),
      );
      if (sync) {
        // better-sqlite3 transactions are synchronous in Drizzle
        db.transaction((tx) => {
          for (const part of parts) tx.insert(ins).values(part).run();
        });
        return;
      }
      return db.transaction(async (tx) => {
        for (const part of parts) await tx.insert(ins).values(part);
      });
    },
    async stream() {
      let rows = 0;
      let last = null;
      if (dialect === "mysql") {
        for await (const row of db.select().from(big).iterator()) {
          rows++;
          last = row;
        }
        return { rows, last, mode: "stream (.iterator())" };
      }
      const all = sync ? db.select().from(big).all() : await db.select().from(big);
      for (const row of all) {
        rows++;
        last = row;
      }
      return { rows, last, mode: "all (no streaming API)" };
    },
    norm: (r) => [r.id, r.name, r.email, r.age, r.createdAt],
    close,
  };
}

export default [
  {
    name: "drizzle-prep",
    packages: ["drizzle-orm"],
    dialects: ["sqlite", "pg", "mysql"],
    db: (dialect) => db(dialect, true),
  },
  {
    name: "drizzle",
    packages: ["drizzle-orm"],
    dialects: ["sqlite", "pg", "mysql"],
    db: (dialect) => db(dialect, false),
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
