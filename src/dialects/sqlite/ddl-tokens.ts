/**
 * A tokenizer for the CREATE TABLE / CREATE INDEX text SQLite keeps in `sqlite_master`. SQLite
 * stores the statement as it was typed, so names can be quoted four ways ("x", [x], `x`, 'x'),
 * contain spaces, quotes or unicode, and comments may sit anywhere; regular expressions over the
 * raw text (SQLAlchemy's approach) miss those, tokens do not.
 */

/** The kinds of token the parser distinguishes. */
export type TokenKind = "word" | "quoted" | "string" | "number" | "punct" | "op";

/** One token: its kind, source span, and value (the unquoted name for quoted identifiers). */
export interface Token {
  kind: TokenKind;
  /** the identifier without quotes, the string without quotes, else the source text */
  value: string;
  start: number;
  end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/;

/** Reads a quoted run ending at `close`; a doubled `close` is an escaped one (none for `]`). */
function quoted(sql: string, at: number, close: string, doubling: boolean): { value: string; end: number } {
  let i = at + 1;
  let value = "";
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === close) {
      if (doubling && sql[i + 1] === close) {
        value += close;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += ch;
    i++;
  }
  return { value, end: sql.length };
}

/**
 * Splits SQL into tokens, dropping whitespace and comments.
 * @example
 * tokenize(`CREATE TABLE "a b" (x)`).map((t) => t.value); // ["CREATE", "TABLE", "a b", "(", "x", ")"]
 */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (ch === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (ch === '"' || ch === "`" || ch === "[") {
      const q = quoted(sql, i, ch === "[" ? "]" : ch, ch !== "[");
      out.push({ kind: "quoted", value: q.value, start: i, end: q.end });
      i = q.end;
    } else if (ch === "'") {
      const q = quoted(sql, i, "'", true);
      out.push({ kind: "string", value: q.value, start: i, end: q.end });
      i = q.end;
    } else if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(sql[i + 1] ?? ""))) {
      const m = NUMBER.exec(sql.slice(i));
      const end = i + (m ? m[0].length : 1);
      out.push({ kind: "number", value: sql.slice(i, end), start: i, end });
      i = end;
    } else if (WORD_START.test(ch)) {
      let end = i + 1;
      while (end < sql.length && WORD_PART.test(sql[end])) end++;
      out.push({ kind: "word", value: sql.slice(i, end), start: i, end });
      i = end;
    } else if ("(),;.".includes(ch)) {
      out.push({ kind: "punct", value: ch, start: i, end: i + 1 });
      i++;
    } else {
      out.push({ kind: "op", value: ch, start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/**
 * A read position over tokens, with the helpers a recursive-descent parser wants.
 * @example
 * const c = new TokenCursor(sql, tokenize(sql));
 * if (c.acceptWord("CREATE", "TABLE")) c.name();
 */
export class TokenCursor {
  pos = 0;
  constructor(
    readonly sql: string,
    readonly tokens: readonly Token[],
    /** parsing stops here (exclusive), for one definition inside a list */
    readonly limit: number = tokens.length,
  ) {}

  get done(): boolean {
    return this.pos >= this.limit;
  }

  peek(offset = 0): Token | undefined {
    const i = this.pos + offset;
    return i < this.limit ? this.tokens[i] : undefined;
  }

  next(): Token | undefined {
    const t = this.peek();
    if (t) this.pos++;
    return t;
  }

  /** Whether the next tokens are these keywords (case-insensitive, unquoted words only). */
  isWord(...words: string[]): boolean {
    return words.every((w, k) => {
      const t = this.peek(k);
      return t?.kind === "word" && t.value.toUpperCase() === w;
    });
  }

  /** Consumes the keywords when they come next. */
  acceptWord(...words: string[]): boolean {
    if (!this.isWord(...words)) return false;
    this.pos += words.length;
    return true;
  }

  isPunct(p: string): boolean {
    const t = this.peek();
    return t?.kind === "punct" && t.value === p;
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }

  /** A name: a word, a quoted identifier, or (as SQLite allows) a string. */
  name(): string | null {
    const t = this.peek();
    if (!t || (t.kind !== "word" && t.kind !== "quoted" && t.kind !== "string")) return null;
    this.pos++;
    return t.value;
  }

  /** The index just past the `)` matching the `(` at the current position. */
  matchingParen(): number {
    let depth = 0;
    for (let i = this.pos; i < this.limit; i++) {
      const t = this.tokens[i];
      if (t.kind !== "punct") continue;
      if (t.value === "(") depth++;
      else if (t.value === ")" && --depth === 0) return i + 1;
    }
    return this.limit;
  }

  /** Consumes `( … )` and returns the source text between the parentheses, trimmed. */
  parenBody(): string {
    const open = this.tokens[this.pos];
    const after = this.matchingParen();
    const close = this.tokens[after - 1];
    this.pos = after;
    if (!close || close === open) return "";
    return this.sql.slice(open.end, close.start).trim();
  }

  /** Token indexes of the top-level commas between `from` and `to` (exclusive). */
  commas(from: number, to: number): number[] {
    const out: number[] = [];
    let depth = 0;
    for (let i = from; i < to; i++) {
      const t = this.tokens[i];
      if (t.kind !== "punct") continue;
      if (t.value === "(") depth++;
      else if (t.value === ")") depth--;
      else if (t.value === "," && depth === 0) out.push(i);
    }
    return out;
  }

  /** The source text of tokens `from` … `to` (exclusive). */
  text(from: number, to: number): string {
    if (to <= from) return "";
    return this.sql.slice(this.tokens[from].start, this.tokens[to - 1].end);
  }
}
