/**
 * alkahest: SQLAlchemy Core's SQL toolkit and engine for TypeScript.
 * @example
 * import * as sa from "alkahest";
 * const meta = new sa.MetaData();
 * const users = new sa.Table("users", meta, new sa.Column("id", sa.Integer, { primaryKey: true }));
 * sa.select(users.c.id).where(users.c.id.eq(5)).compile().string;
 */

export * as exc from "./exc.js";
export * from "./sql/index.js";
