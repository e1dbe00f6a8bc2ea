import { CompileError } from "../../exc.js";
import type { ClauseElement, CompileOptions } from "../../sql/base.js";
import type { DDLCompiler } from "../../sql/compiler/ddl-compiler.js";
import { IdentifierPreparer } from "../../sql/compiler/identifier-preparer.js";
import type { SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import type { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import { DefaultDialect, type DialectOptions, type Paramstyle } from "../../sql/dialect.js";
import type { Processor, TypeEngine } from "../../sql/types/type-engine.js";
import { psycopg2BindCast } from "./bind-casts.js";
import { PGCompiler, PGDDLCompiler, PGTypeCompiler } from "./compilers.js";
import { bindProcessor, resultProcessor } from "./processors.js";
import { POSTGRESQL_RESERVED_WORDS } from "./reserved-words.js";

/**
 * PostgreSQL: native booleans, RETURNING, sequences, SERIAL/IDENTITY, ILIKE, ON CONFLICT.
 * The default paramstyle is `pyformat` as in SQLAlchemy; the `pg` driver uses `numeric_dollar`.
 */
export class PGDialect extends DefaultDialect {
  /**
   * The converter of a JS value of `type` into what the driver takes (null: none needed), also
   * on a dialect built without an engine: what SQL compiled with it needs before it goes to
   * the driver (`compiled.bindProcessors`).
   * @example
   * sqlite.dialect().bindProcessor(sa.Boolean)?.(true); // 1
   */
  bindProcessor(type: TypeEngine): Processor | null {
    return bindProcessor(type, this);
  }

  /** The converter of a driver value of `type` into its JS value (null: none needed). */
  resultProcessor(type: TypeEngine, typeCode?: unknown): Processor | null {
    return resultProcessor(type, this, typeCode);
  }

  override name = "postgresql";
  constructor(opts: DialectOptions = {}) {
    super({ maxIdentifierLength: 63, ...opts });
    this.supportsNativeBoolean = opts.supportsNativeBoolean ?? true;
    this.supportsNativeDecimal = true;
    this.supportsDefaultValues = true;
    this.supportsDefaultMetavalue = true;
    this.supportsEmptyInsert = false;
    this.supportsMultivaluesInsert = true;
    this.insertReturning = true;
    this.updateReturning = true;
    this.deleteReturning = true;
    this.postfetchLastrowid = false;
    this.supportsSequences = true;
    this.sequencesOptional = true;
    this.supportsNativeEnum = true;
    this.supportsNativeUuid = true;
    this.supportsIdentityColumns = true;
    this.supportsComments = true;
    this.useInsertmanyvalues = opts.useInsertmanyvalues ?? true;
  }
  readonly supportsNativeInterval = true;
  /** binds assigned to columns carry their cast too (see bindCast) */
  castsAssignedBinds = true;
  /**
   * The casts SQLAlchemy's psycopg2 dialect writes: JSON, JSONB, ARRAY and native UUID binds
   * (`%(doc)s::JSONB`); the engine's pg dialect types every bind instead.
   */
  bindCast(type: TypeEngine): string {
    return psycopg2BindCast(this, type);
  }
  /** JSON paths are text arrays: `doc #> '{a, 1}'` */
  readonly jsonPathStyle = "array" as const;
  /** `jsonb_col['key']` rather than `->` (PostgreSQL 14+; assumed when the server is unknown) */
  get supportsJsonbSubscripting(): boolean {
    const v = this.serverVersionInfo;
    return v === null || (v[0] ?? 0) >= 14;
  }
  protected override defaultParamstyle(): Paramstyle {
    return "pyformat";
  }
  protected override makePreparer(): IdentifierPreparer {
    return new IdentifierPreparer(POSTGRESQL_RESERVED_WORDS, '"', '"', this.doublePercents);
  }
  protected override makeTypeCompiler(): TypeCompiler {
    return new PGTypeCompiler(this);
  }
  override statementCompiler(statement: ClauseElement, opts: CompileOptions): SQLCompiler {
    return new PGCompiler(this, statement, opts);
  }
  override ddlCompiler(statement: ClauseElement, opts: CompileOptions): DDLCompiler {
    return new PGDDLCompiler(this, statement, opts);
  }
  override renderLiteralString(value: string): string {
    if (value.includes("\u0000")) {
      throw new CompileError("PostgreSQL text values cannot contain NUL (0x00) characters");
    }
    return super.renderLiteralString(value).replaceAll("\\", "\\\\");
  }
}
