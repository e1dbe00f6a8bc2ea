import type { ClauseElement, CompileOptions } from "../../sql/base.js";
import type { DDLCompiler } from "../../sql/compiler/ddl-compiler.js";
import { IdentifierPreparer } from "../../sql/compiler/identifier-preparer.js";
import type { SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import type { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import { DefaultDialect, type DialectOptions, type Paramstyle } from "../../sql/dialect.js";
import type { Processor, TypeEngine } from "../../sql/types/type-engine.js";
import { MySQLCompiler, MySQLDDLCompiler, MySQLTypeCompiler } from "./compilers.js";
import { bindProcessor, resultProcessor } from "./processors.js";
import { MARIADB_RESERVED_WORDS, MYSQL_RESERVED_WORDS } from "./reserved-words.js";

export interface MySQLDialectOptions extends DialectOptions {
  /** compile for MariaDB (its reserved words; RETURNING from 10.5) */
  isMariadb?: boolean;
  /** the server version, e.g. `[8, 0, 20]`, for version-dependent SQL when compiling offline */
  serverVersion?: readonly number[];
}

function atLeast(v: readonly number[] | null, min: readonly number[]): boolean {
  if (!v) return false;
  for (let i = 0; i < min.length; i++) {
    const a = v[i] ?? 0;
    if (a !== min[i]) return a > min[i];
  }
  return true;
}

/**
 * MySQL and MariaDB: backtick quoting, `%s` binds, `LIMIT offset, count`, ON DUPLICATE KEY UPDATE.
 */
export class MySQLDialect extends DefaultDialect {
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

  override name = "mysql";
  /** JSON indexes and paths are JSON path strings: `'$."a"[1]'` */
  readonly jsonPathStyle = "jsonpath" as const;
  readonly isMariadb: boolean;
  constructor(opts: MySQLDialectOptions = {}) {
    const isMariadb = opts.isMariadb ?? false;
    super({ maxIdentifierLength: 255, ...opts });
    this.isMariadb = isMariadb;
    if (isMariadb) this.name = "mariadb";
    this.serverVersionInfo = opts.serverVersion ?? null;
    this.supportsDefaultValues = false;
    this.supportsDefaultMetavalue = true;
    this.cteFollowsInsert = true;
    this.supportsEmptyInsert = true;
    this.supportsMultivaluesInsert = true;
    this.divIsFloordiv = false;
    this.supportsNativeEnum = true;
    this.supportsComments = true;
    this.inlineComments = true;
    this.applyServerVersion();
    (this as { identifierPreparer: IdentifierPreparer }).identifierPreparer = this.makePreparer();
  }
  /** @internal recomputes version-dependent flags */
  applyServerVersion(): void {
    const v = this.serverVersionInfo;
    this.insertReturning = this.isMariadb && atLeast(v, [10, 5]);
    this.deleteReturning = this.isMariadb && atLeast(v, [10, 0, 5]);
    this.useInsertmanyvalues = true;
    this.supportsSequences = this.isMariadb && atLeast(v, [10, 3]);
  }
  /** MySQL 8.0.20+: `INSERT … AS new ON DUPLICATE KEY UPDATE x = new.x` */
  get useRowAlias(): boolean {
    return !this.isMariadb && atLeast(this.serverVersionInfo, [8, 0, 20]);
  }
  /**
   * Expression defaults are allowed (in parentheses): MySQL 8.0.13+, MariaDB 10.2.1+ (SQLAlchemy's
   * `_support_default_function`). False when compiling without a server version, as there.
   */
  get supportsDefaultFunction(): boolean {
    const v = this.serverVersionInfo;
    if (!v?.length) return false;
    return this.isMariadb ? atLeast(v, [10, 2, 1]) : atLeast(v, [8, 0, 13]);
  }
  /**
   * CAST(x AS FLOAT): MySQL 8.0.17+, MariaDB 10.4.5+ (SQLAlchemy's `_support_float_cast`); false
   * without a server version, where the CAST is left out as SQLAlchemy does.
   */
  get supportsFloatCast(): boolean {
    const v = this.serverVersionInfo;
    return this.isMariadb ? atLeast(v, [10, 4, 5]) : atLeast(v, [8, 0, 17]);
  }
  /** MySQL 8+: `FOR SHARE` and `OF` */
  get supportsForShareOf(): boolean {
    return !this.isMariadb && atLeast(this.serverVersionInfo, [8]);
  }
  protected override defaultParamstyle(): Paramstyle {
    return "format";
  }
  protected override makePreparer(): IdentifierPreparer {
    const words = (this as { isMariadb?: boolean }).isMariadb ? MARIADB_RESERVED_WORDS : MYSQL_RESERVED_WORDS;
    return new IdentifierPreparer(words, "`", "`", this.doublePercents);
  }
  protected override makeTypeCompiler(): TypeCompiler {
    return new MySQLTypeCompiler(this);
  }
  override statementCompiler(statement: ClauseElement, opts: CompileOptions): SQLCompiler {
    return new MySQLCompiler(this, statement, opts);
  }
  override ddlCompiler(statement: ClauseElement, opts: CompileOptions): DDLCompiler {
    return new MySQLDDLCompiler(this, statement, opts);
  }
  override renderLiteralString(value: string): string {
    return super.renderLiteralString(value.replaceAll("\\", "\\\\"));
  }
  override renderLiteralBoolean(value: boolean): string {
    return value ? "true" : "false";
  }
}
