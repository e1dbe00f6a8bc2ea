/**
 * The result layer: rows, mappings, metadata, and the sync (buffered) and async (streamed)
 * Result APIs.
 */
export { AsyncMappingResult } from "./async-mapping-result.js";
export { AsyncResult, type AsyncResultOptions } from "./async-result.js";
export type { AsyncRowSource } from "./async-row-buffer.js";
export { AsyncScalarResult } from "./async-scalar-result.js";
export type { ColumnArg } from "./column-args.js";
export { CursorResult, type CursorResultOptions } from "./cursor-result.js";
export type { FrozenResult } from "./frozen-result.js";
export { MappingResult } from "./mapping-result.js";
export { CLOSED, NO_ROWS } from "./messages.js";
export { Result } from "./result.js";
export {
  type ProcessorsOption,
  type ResultColumnInfo,
  ResultMetaData,
  type ResultMetaDataOptions,
  type ResultProcessor,
} from "./result-metadata.js";
export { BaseRow, type ReservedRowKey, Row, type RowFields, type RowPositions } from "./row.js";
export { BaseRowMapping, type MappingFields, type ReservedMappingKey, RowMapping } from "./row-mapping.js";
export { ScalarResult } from "./scalar-result.js";
