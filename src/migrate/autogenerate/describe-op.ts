import type { AutogenOp } from "./ops.js";

const CONSTRAINT_WORD = { primary_key: "pk", foreign_key: "fk", unique: "uq", check: "ck" } as const;

function qualified(table: string, schema: string | null): string {
  return schema === null ? table : `${schema}.${table}`;
}

/**
 * One line naming a difference, in Alembic's diff vocabulary (`add_column users.nickname`,
 * `modify_nullable users.name`, `remove_index ix_users_name`), for `check`'s error and the CLI.
 * @example
 * describeOp({ kind: "dropTable", table }); // "remove_table users"
 */
export function describeOp(op: AutogenOp): string {
  switch (op.kind) {
    case "createTable":
      return `add_table ${op.table.fullname}`;
    case "dropTable":
      return `remove_table ${op.table.fullname}`;
    case "addColumn":
      return `add_column ${qualified(op.table, op.schema)}.${op.column.name}`;
    case "dropColumn":
      return `remove_column ${qualified(op.table, op.schema)}.${op.column.name}`;
    case "alterColumn": {
      const what: string[] = [];
      if (op.from.type !== op.to.type) what.push("type");
      if (op.from.nullable !== op.to.nullable) what.push("nullable");
      if (op.from.serverDefault !== op.to.serverDefault) what.push("default");
      if (op.from.comment !== op.to.comment) what.push("comment");
      const name = `${qualified(op.table, op.schema)}.${op.column}`;
      return (what.length ? what : ["column"]).map((w) => `modify_${w} ${name}`).join(", ");
    }
    case "createIndex":
      return `add_index ${op.index.name ?? "(unnamed)"} on ${op.index.table?.fullname ?? "?"}`;
    case "dropIndex":
      return `remove_index ${op.index.name ?? "(unnamed)"} on ${op.index.table?.fullname ?? "?"}`;
    case "addConstraint":
    case "dropConstraint": {
      const c = op.constraint;
      const verb = op.kind === "addConstraint" ? "add" : "remove";
      return `${verb}_${CONSTRAINT_WORD[c.kind]} ${c.name ?? "(unnamed)"} on ${c.table?.fullname ?? "?"}`;
    }
    case "tableComment":
      return `${op.to === null ? "remove" : "add"}_table_comment ${qualified(op.table, op.schema)}`;
    case "custom":
      return `${op.method}(${op.args.map((a) => JSON.stringify(a)).join(", ")})`;
  }
}
