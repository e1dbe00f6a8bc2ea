import { ArgumentError } from "../exc.js";

/**
 * Execution options (SQLAlchemy's names, camelCased), settable on the engine, the connection,
 * the statement (`stmt.executionOptions()`) and the execution; later ones win. Other keys are
 * the application's own, kept for its event listeners (`conn.getExecutionOptions().myKey`), as
 * SQLAlchemy keeps any key.
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
  /** the application's own options, for its listeners */
  readonly [custom: string]: unknown;
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

/**
 * Refuses the snake_case spelling of a known option (`isolation_level`), which would otherwise
 * be kept as an application key and silently do nothing.
 * @example
 * checkExecutionOptions({ isolation_level: "AUTOCOMMIT" }); // ArgumentError: … did you mean 'isolationLevel'?
 */
export function checkExecutionOptions(opts: object): void {
  for (const k of Object.keys(opts)) {
    if (EXECUTION_OPTION_NAMES.has(k) || !k.includes("_")) continue;
    const camel = k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (EXECUTION_OPTION_NAMES.has(camel)) {
      throw new ArgumentError(`Unknown execution option '${k}' (did you mean '${camel}'?)`);
    }
  }
}
