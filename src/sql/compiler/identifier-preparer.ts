import { ILLEGAL_INITIAL_CHARACTERS, RESERVED_WORDS } from "./reserved-words.js";

const LEGAL_CHARACTERS = /^[A-Za-z0-9_$]+$/;

/**
 * Quotes identifiers by a dialect's rules: reserved words, names that are not all lower case,
 * names starting with a digit or `$`, and names with other characters than `[A-Za-z0-9_$]`.
 */
export class IdentifierPreparer {
  private readonly cache = new Map<string, string>();

  constructor(
    readonly reservedWords: ReadonlySet<string> = RESERVED_WORDS,
    readonly initialQuote = '"',
    readonly finalQuote = initialQuote,
    /** double `%` in identifiers (format/pyformat paramstyles) */
    readonly doublePercents = false,
    readonly escapeQuote = finalQuote,
  ) {}

  /** Whether `name` must be quoted. */
  requiresQuotes(name: string): boolean {
    const lc = name.toLowerCase();
    return (
      this.reservedWords.has(lc) ||
      ILLEGAL_INITIAL_CHARACTERS.has(name[0]) ||
      !LEGAL_CHARACTERS.test(name) ||
      lc !== name
    );
  }

  /** Quotes unconditionally, doubling embedded quote characters. */
  quoteIdentifier(name: string): string {
    let escaped = name.replaceAll(this.escapeQuote, this.escapeQuote + this.escapeQuote);
    if (this.doublePercents) escaped = escaped.replaceAll("%", "%%");
    return this.initialQuote + escaped + this.finalQuote;
  }

  /** Quotes when needed; `force` true/false overrides the rules. */
  quote(name: string, force?: boolean): string {
    if (force === true) return this.quoteIdentifier(name);
    if (force === false) return this.doublePercents ? name.replaceAll("%", "%%") : name;
    let q = this.cache.get(name);
    if (q === undefined) {
      q = this.requiresQuotes(name)
        ? this.quoteIdentifier(name)
        : this.doublePercents
          ? name.replaceAll("%", "%%")
          : name;
      this.cache.set(name, q);
    }
    return q;
  }

  /** `schema.name`, each part quoted as needed. */
  formatTable(name: string, schema?: string | null, quote?: boolean): string {
    const t = this.quote(name, quote);
    return schema ? `${this.quoteSchema(schema)}.${t}` : t;
  }

  /** A schema name, quoted as needed. */
  quoteSchema(schema: string): string {
    return this.quote(schema);
  }
}
