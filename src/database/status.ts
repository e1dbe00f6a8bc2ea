/**
 * The command tag of an execution (`INSERT 0 1`, `UPDATE 3`, `SELECT 2`, `CREATE TABLE`): the
 * driver's own where it reports one (PostgreSQL), else derived the same way from the SQL and the
 * counts (SQLite, MySQL).
 */
import type { Connection, ExecuteParams } from "../engine/connection.js";
import type { Engine } from "../engine/engine.js";
import type { Row } from "../engine/result/row.js";
import type { ClauseElement } from "../sql/base.js";
import type { ExecutionOptions } from "../sql/execution-options.js";

/** Where the listener leaves an execution's tag; travels in the execution options under a symbol. */
interface StatusSlot {
  tag: string | null;
  statement: string | null;
}

const SLOT: unique symbol = Symbol("alkahest.database.status");
const listening = new WeakSet<Engine>();

function ensureListener(engine: Engine): void {
  if (listening.has(engine)) return;
  listening.add(engine);
  engine.on("after_cursor_execute", (_conn, cursor, statement, _params, ctx) => {
    const options = ctx?.executionOptions as Record<symbol, unknown> | undefined;
    const slot = options?.[SLOT] as StatusSlot | undefined;
    if (slot === undefined) return;
    slot.tag = cursor.statusMessage ?? null;
    slot.statement = statement;
  });
}

const OBJECT_WORDS = new Set([
  "TEMP",
  "TEMPORARY",
  "UNIQUE",
  "OR",
  "REPLACE",
  "VIRTUAL",
  "IF",
  "NOT",
  "EXISTS",
]);

/**
 * PostgreSQL's tag for a statement, derived from its SQL, rowcount and fetched rows.
 * @example
 * deriveStatus("INSERT INTO t (x) VALUES (?)", 1, 0, false); // "INSERT 0 1"
 * deriveStatus("CREATE TEMP TABLE t (x INTEGER)", -1, 0, false); // "CREATE TABLE"
 */
export function deriveStatus(sql: string, rowcount: number, rows: number, returnsRows: boolean): string {
  const words = sql
    .replace(/^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/|\()+/, "")
    .split(/[\s(]+/)
    .map((w) => w.toUpperCase());
  const verb = words[0] ?? "";
  if (verb === "WITH") {
    // the tag is the statement's after its common table expressions
    const main = afterCtes(sql);
    if (main !== null) return deriveStatus(main, rowcount, rows, returnsRows);
  }
  if (verb === "TRUNCATE") return "TRUNCATE TABLE";
  const count = Math.max(rowcount, 0);
  if (verb === "INSERT" || verb === "REPLACE") return `INSERT 0 ${count}`;
  if (verb === "UPDATE" || verb === "DELETE") return `${verb} ${count}`;
  if (returnsRows) return `SELECT ${rows}`;
  if (verb === "CREATE" || verb === "DROP" || verb === "ALTER") {
    const object = words.slice(1).find((w) => !OBJECT_WORDS.has(w));
    return object ? `${verb} ${object}` : verb;
  }
  return verb;
}

/** The statement that follows a WITH clause: its first verb outside parentheses and quotes. */
function afterCtes(sql: string): string | null {
  let depth = 0;
  const tokens =
    /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|[()]|\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|VALUES)\b/gi;
  for (const m of sql.matchAll(tokens)) {
    if (m[0] === "(") depth++;
    else if (m[0] === ")") depth--;
    else if (m[1] !== undefined && depth === 0) return sql.slice(m.index);
  }
  return null;
}

/**
 * Executes and returns the command tag with the rows (none for a statement without rows).
 * @example
 * const { status, rows } = await executeWithStatus(conn, users.insert(), { name: "a" }); // "INSERT 0 1"
 */
export async function executeWithStatus(
  conn: Connection,
  statement: ClauseElement,
  params: ExecuteParams | undefined,
): Promise<{ status: string; rows: Row[] }> {
  ensureListener(conn.engine);
  const slot: StatusSlot = { tag: null, statement: null };
  // why a symbol key: execution options are copied with spread, which keeps symbol keys, and
  // no option name check looks at them, so the slot reaches this execution's context only
  const options: ExecutionOptions = {};
  Object.defineProperty(options, SLOT, { value: slot, enumerable: true });
  const result = await conn.execute(statement, params, options);
  const rows: Row[] = result.returnsRows ? result.all() : [];
  const derived = deriveStatus(slot.statement ?? "", result.rowcount, rows.length, result.returnsRows);
  // node-pg keeps only the first word of a DDL tag ("CREATE" for "CREATE TABLE"): complete it
  const tag = slot.tag;
  const status = tag === null || (!tag.includes(" ") && derived.startsWith(`${tag} `)) ? derived : tag;
  return { status, rows };
}
