/**
 * Execution options (SQLAlchemy's names, camelCased), settable on the engine, the connection and
 * the statement execution.
 */
export interface ExecutionOptions {
  /** READ UNCOMMITTED, READ COMMITTED, REPEATABLE READ, SERIALIZABLE, AUTOCOMMIT (per dialect) */
  isolationLevel?: string;
  /** fetch rows through a server-side cursor in batches */
  streamResults?: boolean;
  /** stream with a fixed batch size */
  yieldPer?: number;
  /** the largest batch a stream grows to (default 1000) */
  maxRowBuffer?: number;
  /** the compiled-statement cache; `null` turns caching off */
  compiledCache?: null | "engine";
  /** keep rowcount for every statement kind */
  preserveRowcount?: boolean;
  /** rows per batched INSERT (default 1000) */
  insertmanyvaluesPageSize?: number;
  /** a label for log lines */
  loggingToken?: string;
}

export const EXECUTION_OPTION_NAMES: ReadonlySet<string> = new Set([
  "isolationLevel",
  "streamResults",
  "yieldPer",
  "maxRowBuffer",
  "compiledCache",
  "preserveRowcount",
  "insertmanyvaluesPageSize",
  "loggingToken",
]);
