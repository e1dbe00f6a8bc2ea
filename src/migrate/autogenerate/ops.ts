/**
 * The operations autogenerate finds: plain data, rendered to TypeScript by `renderRevision` and
 * rewritable by `processRevisionDirectives`.
 */
import type { ClauseElement } from "../../sql/base.js";
import type { Column } from "../../sql/schema/column.js";
import type { Constraint, Index } from "../../sql/schema/constraints.js";
import type { Table } from "../../sql/schema/table.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";

/** A column's properties as they are (for MySQL's restatement and for the downgrade). */
export interface ColumnState {
  type: TypeEngine;
  nullable: boolean;
  serverDefault: string | ClauseElement | null;
  comment: string | null;
}

/** A rename autogenerate suspects: a drop and an add of the same shape. */
export interface PossibleRename {
  from: string;
  to: string;
}

/** One detected difference, as the op that removes it. */
export type AutogenOp =
  | { kind: "createTable"; table: Table; possibleRename?: PossibleRename }
  | { kind: "dropTable"; table: Table; possibleRename?: PossibleRename }
  | {
      kind: "addColumn";
      table: string;
      schema: string | null;
      column: Column;
      possibleRename?: PossibleRename;
    }
  | {
      kind: "dropColumn";
      table: string;
      schema: string | null;
      column: Column;
      possibleRename?: PossibleRename;
    }
  | {
      kind: "alterColumn";
      table: string;
      schema: string | null;
      column: string;
      from: ColumnState;
      to: ColumnState;
    }
  | { kind: "createIndex"; index: Index }
  | { kind: "dropIndex"; index: Index }
  | { kind: "addConstraint"; constraint: Constraint }
  | { kind: "dropConstraint"; constraint: Constraint }
  | { kind: "tableComment"; table: string; schema: string | null; from: string | null; to: string | null };
