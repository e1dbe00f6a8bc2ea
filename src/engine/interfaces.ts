/** The DBAPI seam lives with the dialects (drivers are below the engine); re-exported here. */
export * from "../dialects/dbapi.js";
