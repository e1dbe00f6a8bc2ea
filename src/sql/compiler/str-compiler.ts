import type { ClauseElement } from "../base.js";
import { DDLElement } from "../ddl/ddl-elements.js";
import { DefaultDialect, type Dialect, type DialectOptions } from "../dialect.js";
import type { BinaryExpression } from "../elements/expressions.js";
import type { FromClause } from "../selectable/from-clause.js";
import { DDLCompiler } from "./ddl-compiler.js";
import { type CompileKw, SQLCompiler } from "./sql-compiler.js";

/**
 * The dialect `String(stmt)` uses: named paramstyle, and it renders constructs a real database
 * might reject (RETURNING, multi-VALUES, UPDATE..FROM) so that any statement can be displayed.
 */
export class StrCompileDialect extends DefaultDialect {
  override name = "default";
  constructor(opts: DialectOptions = {}) {
    super(opts);
    this.insertReturning = true;
    this.updateReturning = true;
    this.deleteReturning = true;
    this.supportsIdentityColumns = true;
    this.supportsSequences = true;
    this.sequencesOptional = true;
    this.supportsNativeBoolean = true;
    this.supportsMultivaluesInsert = true;
    this.supportsSimpleOrderByLabel = true;
  }
}

let strDialect: StrCompileDialect | null = null;

/** The lenient compiler behind `String(stmt)`. */
export class StrSQLCompiler extends SQLCompiler {
  override updateFromClause(froms: readonly FromClause[], kw: CompileKw): string {
    return ` FROM ${froms.map((f) => this.process(f, { ...kw, asfrom: true })).join(", ")}`;
  }

  override deleteExtraFromClause(_table: FromClause, froms: readonly FromClause[], kw: CompileKw): string {
    // SQLAlchemy's visit_delete puts a space before the ", t2" its string compiler returns
    return ` , ${froms.map((f) => this.process(f, { ...kw, asfrom: true })).join(", ")}`;
  }

  /** `<regexp>` stands for a regular expression match no dialect was chosen for. */
  protected override visitRegexp(b: BinaryExpression, kw: CompileKw): string {
    const op = b.operator.id === "not_regexp_match" ? " <not regexp> " : " <regexp> ";
    return `${this.process(b.left, kw)}${op}${this.process(b.right, kw)}`;
  }

  /** Renders any element for display; never throws for dialect-specific constructs. */
  static stringify(el: ClauseElement): string {
    // dialect-specific constructs (upserts) print with their own dialect, as SQLAlchemy's
    // stringify_dialect does
    const own = (el as { _stringifyDialect?: () => Dialect })._stringifyDialect?.();
    if (own) return el.compile({ dialect: own }).string;
    const d = (strDialect ??= new StrCompileDialect());
    const compiler = el instanceof DDLElement ? new DDLCompiler(d, el, {}) : new StrSQLCompiler(d, el, {});
    return compiler.compile().string;
  }
}
