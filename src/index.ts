/**
 * alkahest: SQLAlchemy Core's SQL toolkit and engine for TypeScript.
 * @example
 * import * as sa from "alkahest";
 * const meta = new sa.MetaData();
 * const users = new sa.Table("users", meta, new sa.Column("id", sa.Integer, { primaryKey: true }));
 * sa.select(users.c.id).where(users.c.id.eq(5)).compile().string;
 */

// why a bare import: it installs GINO's conveniences (engine.acquire, engine.all, …) on Engine
import "./database/gino.js";

export * as event from "./engine/events.js";
export * from "./engine/index.js";
export {
  type InspectBind,
  Inspector,
  inspect,
  type ReflectedCheckConstraint,
  type ReflectedColumn,
  type ReflectedForeignKey,
  type ReflectedIndex,
  type ReflectedPrimaryKey,
  type ReflectedUniqueConstraint,
  reflectMetadata,
  reflectTable,
} from "./engine/reflection/index.js";
export * as exc from "./exc.js";
export { NullPool, Pool, QueuePool, StaticPool } from "./pool/index.js";
export * from "./sql/index.js";
