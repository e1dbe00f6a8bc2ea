/**
 * The operations autogenerate finds: plain data, rendered to TypeScript by `renderRevision` and
 * rewritable by `processRevisionDirectives`.
 */
import type { ClauseElement } from "../../sql/base.js";
import type { Column } from "../../sql/schema/column.js";
import type { Constraint, Index } from "../../sql/schema/constraints.js";
import type { Identity } from "../../sql/schema/defaults.js";
import type { Table } from "../../sql/schema/table.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";

/** A column's properties as they are (for MySQL's restatement and for the downgrade). */
export interface ColumnState {
  type: TypeEngine;
  nullable: boolean;
  /** an Identity on PostgreSQL (Alembic compares and alters identities as server defaults) */
  serverDefault: string | ClauseElement | Identity | null;
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
  | {
      kind: "dropTable";
      table: Table;
      possibleRename?: PossibleRename;
      /**
       * Keys of the named PostgreSQL ENUM types of its columns that no other compared table uses:
       * the rendered `op.dropTable` drops them after the table, so that its inverse
       * `op.createTable` can create them again
       */
      dropTypes?: readonly string[];
    }
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
  | { kind: "tableComment"; table: string; schema: string | null; from: string | null; to: string | null }
  | CustomOp;

/**
 * A call of a user-defined operation (`Operations.registerOperation`), as a custom comparator
 * or `processRevisionDirectives` produces it: rendered `await op.<method>(...args)`, with
 * `reverse` as its downgrade. Arguments must be JSON values.
 * @example
 * const op: CustomOp = { kind: "custom", method: "createSequence", args: ["seq_a"], reverse: { method: "dropSequence", args: ["seq_a"] } };
 */
export interface CustomOp {
  kind: "custom";
  method: string;
  args: readonly unknown[];
  /** the call that undoes it; without one the downgrade carries a comment to write it by hand */
  reverse?: { method: string; args: readonly unknown[] };
}
