export { Connection, type ExecuteParams, type RowOfStatement } from "./connection.js";
export { createAsyncEngine, createEngine, type EngineOptions } from "./create.js";
export { Engine, type EnginePool, type PooledConnection, type RawConnection } from "./engine.js";
export { type ExecuteStyle, ExecutionContext } from "./execution-context.js";
export type { ExecutionOptions } from "./execution-options.js";
export { registerDialect } from "./registry.js";
export * from "./result/index.js";
export { NestedTransaction, RootTransaction } from "./transaction.js";
export { makeUrl, URL } from "./url.js";
