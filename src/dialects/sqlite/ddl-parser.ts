/**
 * Reads the parts of SQLite's stored CREATE TABLE / CREATE INDEX text that no PRAGMA reports:
 * constraint names, UNIQUE and CHECK constraints, FK deferrability, generated-column
 * expressions, index expressions and partial-index predicates, WITHOUT ROWID / STRICT.
 */
import type { ReflectedForeignKeyOptions } from "../../engine/reflection/reflection-dialect.js";
import { TokenCursor, tokenize } from "./ddl-tokens.js";

/** A column definition's parts that PRAGMA table_xinfo does not give. */
export interface ParsedColumn {
  name: string;
  /** the declared type as written (may be empty) */
  type: string;
  primaryKey: boolean;
  autoincrement: boolean;
  computed: string | null;
}

/** A foreign key as written. */
export interface ParsedForeignKey {
  name: string | null;
  columns: string[];
  referredTable: string;
  /** empty when the DDL leaves them out (the referred table's primary key) */
  referredColumns: string[];
  options: ReflectedForeignKeyOptions;
}

/** The constraints of a CREATE TABLE, column-level ones included. */
export interface ParsedTable {
  columns: ParsedColumn[];
  primaryKeyName: string | null;
  uniques: { name: string | null; columns: string[] }[];
  checks: { name: string | null; sqltext: string }[];
  foreignKeys: ParsedForeignKey[];
  withoutRowid: boolean;
  strict: boolean;
}

/** One element of an index: a column name, or an expression (then `column` is null). */
export interface ParsedIndexElement {
  column: string | null;
  text: string;
}

/** A CREATE INDEX: its elements and partial-index predicate. */
export interface ParsedIndex {
  elements: ParsedIndexElement[];
  where: string | null;
}

const COLUMN_CONSTRAINT_START = new Set([
  "CONSTRAINT",
  "PRIMARY",
  "NOT",
  "NULL",
  "UNIQUE",
  "CHECK",
  "DEFAULT",
  "COLLATE",
  "REFERENCES",
  "GENERATED",
  "AS",
]);
const TABLE_CONSTRAINT_START = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]);

/** Moves past `CREATE … TABLE|INDEX [IF NOT EXISTS] [schema.]name`; false when it is not one. */
function skipHeader(c: TokenCursor, kind: "TABLE" | "INDEX"): boolean {
  if (!c.acceptWord("CREATE")) return false;
  while (!c.done && !c.isWord(kind)) {
    if (!c.acceptWord("TEMP") && !c.acceptWord("TEMPORARY") && !c.acceptWord("UNIQUE")) return false;
  }
  if (!c.acceptWord(kind)) return false;
  c.acceptWord("IF", "NOT", "EXISTS");
  c.name();
  if (c.acceptPunct(".")) c.name();
  return true;
}

/** `ON CONFLICT <resolution>`, which column and table constraints may carry. */
function skipConflictClause(c: TokenCursor): void {
  if (c.acceptWord("ON", "CONFLICT")) c.next();
}

/** A parenthesised list of names: `(a, "b c")`. */
function nameList(c: TokenCursor): string[] {
  if (!c.isPunct("(")) return [];
  const open = c.pos;
  const close = c.matchingParen() - 1;
  const bounds = [open, ...c.commas(open + 1, close), close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const t = c.tokens[bounds[k] + 1];
    if (t && bounds[k] + 1 < bounds[k + 1]) out.push(t.value);
  }
  c.pos = close + 1;
  return out;
}

/** One indexed column or expression, without its `COLLATE x` / `ASC` / `DESC`. */
function indexElement(c: TokenCursor, from: number, to: number): ParsedIndexElement {
  let end = to;
  const word = (i: number, w: string) => {
    const t = c.tokens[i];
    return i >= from && t.kind === "word" && t.value.toUpperCase() === w;
  };
  if (word(end - 1, "ASC") || word(end - 1, "DESC")) end--;
  if (end - 2 >= from && word(end - 2, "COLLATE")) end -= 2;
  const only = c.tokens[from];
  const single =
    end - from === 1 && (only.kind === "word" || only.kind === "quoted" || only.kind === "string");
  return { column: single ? only.value : null, text: c.text(from, end) };
}

/** The elements of `( … )` in PRIMARY KEY, UNIQUE and CREATE INDEX. */
function indexElements(c: TokenCursor): ParsedIndexElement[] {
  if (!c.isPunct("(")) return [];
  const open = c.pos;
  const close = c.matchingParen() - 1;
  const bounds = [open, ...c.commas(open + 1, close), close];
  const out: ParsedIndexElement[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    if (bounds[k] + 1 < bounds[k + 1]) out.push(indexElement(c, bounds[k] + 1, bounds[k + 1]));
  }
  c.pos = close + 1;
  return out;
}

/** `REFERENCES t [(cols)] [ON DELETE|UPDATE action] [MATCH x] [[NOT] DEFERRABLE [INITIALLY x]]` */
function references(c: TokenCursor): Omit<ParsedForeignKey, "name" | "columns"> {
  const referredTable = c.name() ?? "";
  const referredColumns = nameList(c);
  const options: ReflectedForeignKeyOptions = {};
  for (;;) {
    if (c.acceptWord("ON")) {
      const which = (c.next()?.value ?? "").toUpperCase();
      let action: string;
      if (c.acceptWord("SET", "NULL")) action = "SET NULL";
      else if (c.acceptWord("SET", "DEFAULT")) action = "SET DEFAULT";
      else if (c.acceptWord("NO", "ACTION")) action = "NO ACTION";
      else action = (c.next()?.value ?? "").toUpperCase();
      if (action !== "NO ACTION") options[which === "DELETE" ? "ondelete" : "onupdate"] = action;
    } else if (c.acceptWord("MATCH")) {
      options.match = (c.next()?.value ?? "").toUpperCase();
    } else if (c.isWord("NOT", "DEFERRABLE") || c.isWord("DEFERRABLE")) {
      options.deferrable = !c.acceptWord("NOT");
      c.acceptWord("DEFERRABLE");
      if (c.acceptWord("INITIALLY")) options.initially = (c.next()?.value ?? "").toUpperCase();
    } else {
      return { referredTable, referredColumns, options };
    }
  }
}

/** A DEFAULT value: `( expr )`, a signed number, or one literal/keyword token. */
function skipDefault(c: TokenCursor): void {
  if (c.isPunct("(")) {
    c.parenBody();
    return;
  }
  const t = c.next();
  if (t?.kind === "op" && (t.value === "-" || t.value === "+")) c.next();
  else if (t?.kind === "word" && /^x$/i.test(t.value) && c.peek()?.kind === "string") c.next();
}

function columnDef(c: TokenCursor, out: ParsedTable): void {
  const name = c.name() ?? "";
  const typeStart = c.pos;
  while (!c.done) {
    const t = c.peek()!;
    if (t.kind === "word" && COLUMN_CONSTRAINT_START.has(t.value.toUpperCase())) break;
    if (c.isPunct("(")) c.pos = c.matchingParen();
    else c.next();
  }
  const col: ParsedColumn = {
    name,
    type: c.text(typeStart, c.pos),
    primaryKey: false,
    autoincrement: false,
    computed: null,
  };
  out.columns.push(col);
  let pending: string | null = null;
  while (!c.done) {
    if (c.acceptWord("CONSTRAINT")) {
      pending = c.name();
      continue;
    }
    if (c.acceptWord("PRIMARY", "KEY")) {
      col.primaryKey = true;
      out.primaryKeyName = pending;
      if (!c.acceptWord("ASC")) c.acceptWord("DESC");
      skipConflictClause(c);
      col.autoincrement = c.acceptWord("AUTOINCREMENT");
    } else if (c.acceptWord("NOT", "NULL") || c.acceptWord("NULL")) {
      skipConflictClause(c);
    } else if (c.acceptWord("UNIQUE")) {
      out.uniques.push({ name: pending, columns: [name] });
      skipConflictClause(c);
    } else if (c.acceptWord("CHECK")) {
      out.checks.push({ name: pending, sqltext: c.parenBody() });
    } else if (c.acceptWord("DEFAULT")) {
      skipDefault(c);
    } else if (c.acceptWord("COLLATE")) {
      c.name();
    } else if (c.acceptWord("REFERENCES")) {
      out.foreignKeys.push({ name: pending, columns: [name], ...references(c) });
    } else if (c.acceptWord("GENERATED", "ALWAYS", "AS") || c.acceptWord("AS")) {
      col.computed = c.parenBody();
      if (!c.acceptWord("STORED")) c.acceptWord("VIRTUAL");
    } else {
      c.next();
    }
    pending = null;
  }
}

function tableConstraint(c: TokenCursor, out: ParsedTable): void {
  const name = c.acceptWord("CONSTRAINT") ? c.name() : null;
  if (c.acceptWord("PRIMARY", "KEY")) {
    out.primaryKeyName = name;
    indexElements(c);
  } else if (c.acceptWord("UNIQUE")) {
    const elements = indexElements(c);
    if (elements.every((e) => e.column !== null))
      out.uniques.push({ name, columns: elements.map((e) => e.column!) });
  } else if (c.acceptWord("CHECK")) {
    out.checks.push({ name, sqltext: c.parenBody() });
  } else if (c.acceptWord("FOREIGN", "KEY")) {
    const columns = nameList(c);
    if (c.acceptWord("REFERENCES")) out.foreignKeys.push({ name, columns, ...references(c) });
  }
}

/**
 * Parses a stored CREATE TABLE; null for anything else (a view, a virtual table, `AS SELECT`).
 * @example
 * parseCreateTable(`CREATE TABLE t (id INTEGER, CONSTRAINT "my pk" PRIMARY KEY (id))`)!.primaryKeyName; // "my pk"
 */
export function parseCreateTable(sql: string): ParsedTable | null {
  const tokens = tokenize(sql);
  const c = new TokenCursor(sql, tokens);
  if (!skipHeader(c, "TABLE") || !c.isPunct("(")) return null;
  const open = c.pos;
  const close = c.matchingParen() - 1;
  const out: ParsedTable = {
    columns: [],
    primaryKeyName: null,
    uniques: [],
    checks: [],
    foreignKeys: [],
    withoutRowid: false,
    strict: false,
  };
  const bounds = [open, ...c.commas(open + 1, close), close];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const def = new TokenCursor(sql, tokens, bounds[k + 1]);
    def.pos = bounds[k] + 1;
    if (def.done) continue;
    const first = def.peek()!;
    if (first.kind === "word" && TABLE_CONSTRAINT_START.has(first.value.toUpperCase()))
      tableConstraint(def, out);
    else columnDef(def, out);
  }
  c.pos = close + 1;
  while (!c.done) {
    if (c.acceptWord("WITHOUT", "ROWID")) out.withoutRowid = true;
    else if (c.acceptWord("STRICT")) out.strict = true;
    else c.next();
  }
  return out;
}

/**
 * Parses a stored CREATE INDEX: its elements and WHERE predicate.
 * @example
 * parseCreateIndex("CREATE INDEX ix ON t (lower(name), id DESC) WHERE id > 0")!.where; // "id > 0"
 */
export function parseCreateIndex(sql: string): ParsedIndex | null {
  const tokens = tokenize(sql);
  const c = new TokenCursor(sql, tokens);
  if (!skipHeader(c, "INDEX") || !c.acceptWord("ON")) return null;
  c.name();
  const elements = indexElements(c);
  let where: string | null = null;
  if (c.acceptWord("WHERE") && !c.done) where = c.text(c.pos, tokens.length);
  return { elements, where };
}
