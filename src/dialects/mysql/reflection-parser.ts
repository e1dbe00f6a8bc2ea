/**
 * Parses MySQL / MariaDB `SHOW CREATE TABLE` output (SQLAlchemy's MySQLTableDefinitionParser,
 * with a scanner instead of regular expressions, so defaults, generated expressions and CHECKs
 * with spaces, quotes and nested parentheses come through whole). The server prints one column,
 * key or constraint per line, identifiers quoted with backticks (or `"` under ANSI_QUOTES).
 */

/** A column's type as printed: `int(10) unsigned`, `varchar(20) CHARACTER SET latin1 COLLATE …`. */
export interface ParsedType {
  /** lower case: `int`, `varchar`, `enum`, `datetime` … */
  name: string;
  /** what stood between the parentheses, verbatim (`10,2`, `'a','b'`), or null */
  args: string | null;
  unsigned: boolean;
  zerofill: boolean;
  charset: string | null;
  collate: string | null;
}

/** One column line. */
export interface ParsedColumn {
  name: string;
  type: ParsedType;
  nullable: boolean;
  /** the DEFAULT as SQL text (`'abc'`, `1`, `current_timestamp()`, with any `ON UPDATE …`), or null */
  default: string | null;
  autoIncrement: boolean;
  comment: string | null;
  computed: { sqltext: string; persisted: boolean } | null;
  /** a column-level CHECK (MariaDB prints them on the column), without `CHECK ( )` */
  check: string | null;
}

/** One element of a key: a column (with a prefix length and direction) or an expression. */
export interface ParsedKeyPart {
  column: string | null;
  expression: string | null;
  length: number | null;
  desc: boolean;
}

/** A PRIMARY / UNIQUE / FULLTEXT / SPATIAL / plain KEY line. */
export interface ParsedKey {
  kind: "PRIMARY" | "UNIQUE" | "FULLTEXT" | "SPATIAL" | null;
  name: string | null;
  parts: ParsedKeyPart[];
  using: string | null;
  parser: string | null;
  comment: string | null;
}

/** A `CONSTRAINT … FOREIGN KEY … REFERENCES …` line. */
export interface ParsedForeignKey {
  name: string;
  columns: string[];
  refSchema: string | null;
  refTable: string;
  refColumns: string[];
  match: string | null;
  ondelete: string | null;
  onupdate: string | null;
}

/** A table-level `CONSTRAINT … CHECK (…)` line. */
export interface ParsedCheck {
  name: string;
  sqltext: string;
}

/** What SHOW CREATE TABLE says about a table. */
export interface ParsedTable {
  temporary: boolean;
  columns: ParsedColumn[];
  keys: ParsedKey[];
  foreignKeys: ParsedForeignKey[];
  checks: ParsedCheck[];
  /** table options in print order (`ENGINE` → `InnoDB`, `DEFAULT CHARSET` → `utf8mb4`, `COMMENT` → text) */
  options: [string, string][];
}

/**
 * Decodes a MySQL string literal's body (between the quotes): `''`, and the backslash escapes
 * the server writes in SHOW CREATE TABLE.
 * @example
 * unescapeString("it''s \\\\ here"); // "it's \\ here"
 */
export function unescapeString(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === "'" && body[i + 1] === "'") {
      out += "'";
      i++;
    } else if (ch === "\\" && i + 1 < body.length) {
      const next = body[++i];
      out += ESCAPES[next] ?? next;
    } else out += ch;
  }
  return out;
}

const ESCAPES: Record<string, string> = { "0": "\0", n: "\n", r: "\r", t: "\t", b: "\b", Z: "\x1a" };

/** A cursor over one line. */
class Scanner {
  pos = 0;
  constructor(
    public text: string,
    readonly quote: string,
  ) {}

  get done(): boolean {
    this.ws();
    return this.pos >= this.text.length || (this.text[this.pos] === "," && this.pos === this.text.length - 1);
  }

  ws(): void {
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === " " || ch === "\t") this.pos++;
      else if (this.text.startsWith("/*", this.pos)) {
        // a version comment (`/*!80023 INVISIBLE */`) is read as its content; any other skipped
        const end = this.text.indexOf("*/", this.pos);
        const body = this.text.slice(this.pos + 2, end < 0 ? undefined : end);
        const versioned = /^!\d*\s*/.exec(body);
        if (versioned) {
          this.text = `${this.text.slice(0, this.pos)}${body.slice(versioned[0].length)}${end < 0 ? "" : this.text.slice(end + 2)}`;
        } else this.pos = end < 0 ? this.text.length : end + 2;
      } else break;
    }
  }

  peek(): string {
    this.ws();
    return this.text[this.pos] ?? "";
  }

  /** Consumes `words` (case-insensitive, whole words) if they come next. */
  accept(...words: string[]): boolean {
    this.ws();
    const save = this.pos;
    for (const w of words) {
      this.ws();
      const got = this.text.slice(this.pos, this.pos + w.length);
      const after = this.text[this.pos + w.length] ?? "";
      if (got.toUpperCase() !== w || /[A-Za-z0-9_$]/.test(after)) {
        this.pos = save;
        return false;
      }
      this.pos += w.length;
    }
    return true;
  }

  word(): string {
    this.ws();
    const m = /^[A-Za-z0-9_$]+/.exec(this.text.slice(this.pos));
    if (!m) return "";
    this.pos += m[0].length;
    return m[0];
  }

  /** A quoted identifier (quote doubled inside). */
  ident(): string {
    this.ws();
    const q = this.quote;
    if (this.text[this.pos] !== q) return this.word();
    let out = "";
    let i = this.pos + 1;
    for (; i < this.text.length; i++) {
      if (this.text[i] === q) {
        if (this.text[i + 1] === q) {
          out += q;
          i++;
        } else break;
      } else out += this.text[i];
    }
    this.pos = i + 1;
    return out;
  }

  /** A string literal, verbatim with its quotes. */
  stringLiteral(): string {
    this.ws();
    const start = this.pos;
    let i = this.pos + 1;
    for (; i < this.text.length; i++) {
      const ch = this.text[i];
      if (ch === "\\") i++;
      else if (ch === "'") {
        if (this.text[i + 1] === "'") i++;
        else break;
      }
    }
    this.pos = i + 1;
    return this.text.slice(start, this.pos);
  }

  /** A string literal's decoded value. */
  string(): string {
    const lit = this.stringLiteral();
    return unescapeString(lit.slice(1, -1));
  }

  /** `( … )` balanced (quotes respected); returns the inside, verbatim. */
  parens(): string {
    this.ws();
    if (this.text[this.pos] !== "(") return "";
    const start = this.pos + 1;
    const end = closing(this.text, this.pos);
    this.pos = end + 1;
    return this.text.slice(start, end);
  }

  /** A bare token (`-1.50`, `current_timestamp(6)`, `b'101'`), parentheses included. */
  token(): string {
    this.ws();
    const start = this.pos;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === "(") this.pos = closing(this.text, this.pos) + 1;
      else if (ch === "'") this.stringLiteral();
      else if (ch === " " || ch === "\t" || (ch === "," && this.pos === this.text.length - 1)) break;
      else this.pos++;
    }
    return this.text.slice(start, this.pos);
  }
}

/** Index of the `)` closing the `(` at `open`, skipping quoted text. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === "'" || ch === '"' || ch === "`") {
      for (i++; i < s.length; i++) {
        if (s[i] === "\\" && ch === "'") i++;
        else if (s[i] === ch) {
          if (s[i + 1] === ch) i++;
          else break;
        }
      }
    } else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return i;
  }
  return s.length;
}

/**
 * Removes parentheses that wrap the whole text (`((a > 0))` → `a > 0`).
 * @example
 * unwrap("(`qty` * 2)"); // "`qty` * 2"
 */
export function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith("(") && closing(t, 0) === t.length - 1) t = t.slice(1, -1).trim();
  return t;
}

/** Splits at top-level commas. */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(") i = closing(text, i);
    else if (ch === "'" || ch === "`" || ch === '"') {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === "\\" && ch === "'") i++;
    } else if (ch === ",") {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) out.push(last);
  return out;
}

/**
 * A column type from its printed form (`int(10) unsigned zerofill`, `varchar(20)`); what follows
 * the type (CHARACTER SET, COLLATE) is read by the caller.
 * @example
 * parseType("decimal(10,2) unsigned"); // { name: "decimal", args: "10,2", unsigned: true, … }
 */
export function parseType(text: string, quote = "`"): ParsedType {
  const s = new Scanner(text, quote);
  return readType(s);
}

function readType(s: Scanner): ParsedType {
  const name = s.word().toLowerCase();
  const args = s.peek() === "(" ? s.parens() : null;
  const type: ParsedType = { name, args, unsigned: false, zerofill: false, charset: null, collate: null };
  for (;;) {
    if (s.accept("UNSIGNED")) type.unsigned = true;
    else if (s.accept("SIGNED")) continue;
    else if (s.accept("ZEROFILL")) type.zerofill = true;
    else if (s.accept("CHARACTER", "SET")) type.charset = s.word();
    else if (s.accept("COLLATE")) type.collate = s.word();
    else break;
  }
  return type;
}

function parseColumn(line: string, quote: string): ParsedColumn {
  const s = new Scanner(line, quote);
  const name = s.ident();
  const type = readType(s);
  const col: ParsedColumn = {
    name,
    type,
    nullable: true,
    default: null,
    autoIncrement: false,
    comment: null,
    computed: null,
    check: null,
  };
  while (!s.done) {
    if (s.accept("NOT", "NULL")) col.nullable = false;
    else if (s.accept("NULL")) col.nullable = true;
    else if (s.accept("DEFAULT")) {
      const value = readDefault(s);
      col.default = value.toUpperCase() === "NULL" ? null : value;
    } else if (s.accept("ON", "UPDATE")) {
      const onUpdate = s.token();
      col.default = `${col.default ?? "NULL"} ON UPDATE ${onUpdate}`;
    } else if (s.accept("AUTO_INCREMENT")) col.autoIncrement = true;
    else if (s.accept("COMMENT")) col.comment = s.string();
    else if (s.accept("GENERATED", "ALWAYS", "AS") || s.accept("AS")) {
      // as SHOW CREATE TABLE prints it, in its parentheses (SQLAlchemy's `generated` group)
      const sqltext = `(${s.parens()})`;
      const persisted = s.accept("STORED") || s.accept("PERSISTENT");
      if (!persisted) s.accept("VIRTUAL");
      col.computed = { sqltext, persisted };
    } else if (s.accept("CHECK")) col.check = unwrap(s.parens());
    else if (s.accept("CHARACTER", "SET")) type.charset = s.word();
    else if (s.accept("COLLATE")) type.collate = s.word();
    else if (s.peek() === "(") s.parens();
    else if (s.peek() === "'") s.stringLiteral();
    else if (!s.word() && !s.token()) break;
  }
  return col;
}

function readDefault(s: Scanner): string {
  const ch = s.peek();
  if (ch === "'") return s.stringLiteral();
  // an expression default prints in parentheses, which SQLAlchemy keeps: `(1 + 2)`
  if (ch === "(") return `(${s.parens()})`;
  return s.token();
}

function keyParts(text: string, quote: string): ParsedKeyPart[] {
  return splitTopLevel(text).map((part) => {
    const s = new Scanner(part, quote);
    let column: string | null = null;
    let expression: string | null = null;
    let length: number | null = null;
    if (s.peek() === "(") expression = unwrap(s.parens());
    else {
      column = s.ident();
      if (s.peek() === "(") length = Number(s.parens());
    }
    const desc = s.accept("DESC");
    if (!desc) s.accept("ASC");
    return { column, expression, length, desc };
  });
}

function identList(text: string, quote: string): string[] {
  return keyParts(text, quote).map((p) => p.column ?? "");
}

function parseKey(line: string, quote: string): ParsedKey | null {
  const s = new Scanner(line, quote);
  let kind: ParsedKey["kind"] = null;
  if (s.accept("PRIMARY")) kind = "PRIMARY";
  else if (s.accept("UNIQUE")) kind = "UNIQUE";
  else if (s.accept("FULLTEXT")) kind = "FULLTEXT";
  else if (s.accept("SPATIAL")) kind = "SPATIAL";
  if (!s.accept("KEY") && !s.accept("INDEX")) return null;
  const key: ParsedKey = { kind, name: null, parts: [], using: null, parser: null, comment: null };
  if (s.peek() !== "(" && !/^USING\b/i.test(s.text.slice(s.pos))) key.name = s.ident();
  if (s.accept("USING")) key.using = s.word();
  key.parts = keyParts(s.parens(), quote);
  while (!s.done) {
    if (s.accept("USING")) key.using = s.word();
    else if (s.accept("COMMENT")) key.comment = s.string();
    else if (s.accept("WITH", "PARSER")) key.parser = s.ident();
    else if (s.accept("KEY_BLOCK_SIZE")) {
      if (s.peek() === "=") s.pos++;
      s.token();
    } else if (!s.word() && !s.token()) break;
  }
  return key;
}

function parseConstraint(line: string, quote: string): ParsedForeignKey | ParsedCheck | null {
  const s = new Scanner(line, quote);
  if (!s.accept("CONSTRAINT")) return null;
  const name = s.peek() === quote ? s.ident() : "";
  if (s.accept("CHECK")) return { name, sqltext: unwrap(s.parens()) };
  if (!s.accept("FOREIGN", "KEY")) return null;
  const columns = identList(s.parens(), quote);
  s.accept("REFERENCES");
  let refSchema: string | null = null;
  let refTable = s.ident();
  if (s.text[s.pos] === ".") {
    s.pos++;
    refSchema = refTable;
    refTable = s.ident();
  }
  const refColumns = identList(s.parens(), quote);
  const fk: ParsedForeignKey = {
    name,
    columns,
    refSchema,
    refTable,
    refColumns,
    match: null,
    ondelete: null,
    onupdate: null,
  };
  while (!s.done) {
    if (s.accept("MATCH")) fk.match = s.word().toUpperCase();
    else if (s.accept("ON", "DELETE")) fk.ondelete = action(s);
    else if (s.accept("ON", "UPDATE")) fk.onupdate = action(s);
    else if (!s.word() && !s.token()) break;
  }
  return fk;
}

function action(s: Scanner): string {
  if (s.accept("SET", "NULL")) return "SET NULL";
  if (s.accept("SET", "DEFAULT")) return "SET DEFAULT";
  if (s.accept("NO", "ACTION")) return "NO ACTION";
  return s.word().toUpperCase();
}

function parseOptions(line: string, quote: string): [string, string][] {
  const s = new Scanner(line, quote);
  const out: [string, string][] = [];
  const words: string[] = [];
  while (!s.done) {
    if (s.peek() === "=") {
      s.pos++;
      const value = s.peek() === "'" ? s.string() : s.token();
      out.push([words.join(" ").toUpperCase(), value]);
      words.length = 0;
      continue;
    }
    const w = s.word();
    if (!w) {
      s.token();
      words.length = 0;
      continue;
    }
    // `DEFAULT CHARSET=x` and `CHARSET=x` name the same option; keep the words together
    words.push(w);
  }
  return out;
}

/**
 * Parses the text of `SHOW CREATE TABLE` (a table, not a view); `quote` is the identifier quote
 * the server used (a backtick, or `"` under ANSI_QUOTES).
 * @example
 * const t = parseShowCreateTable(sql);
 * t.columns[0]; // { name: "id", type: { name: "int", … }, nullable: false, autoIncrement: true, … }
 */
export function parseShowCreateTable(sql: string, quote = "`"): ParsedTable {
  const out: ParsedTable = {
    temporary: false,
    columns: [],
    keys: [],
    foreignKeys: [],
    checks: [],
    options: [],
  };
  for (const line of sql.split(/\r?\n/)) {
    if (line.startsWith("CREATE ")) {
      out.temporary = /^CREATE\s+TEMPORARY\b/i.test(line);
    } else if (line.startsWith(`  ${quote}`)) {
      out.columns.push(parseColumn(line.slice(2), quote));
    } else if (line.startsWith(")")) {
      out.options.push(...parseOptions(line.slice(1), quote));
    } else if (line.startsWith("  CONSTRAINT")) {
      const c = parseConstraint(line.slice(2), quote);
      if (c && "refTable" in c) out.foreignKeys.push(c);
      else if (c) out.checks.push(c);
    } else if (line.startsWith("  ")) {
      const key = parseKey(line.slice(2), quote);
      if (key) out.keys.push(key);
    }
  }
  return out;
}
