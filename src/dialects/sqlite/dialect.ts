import type { ClauseElement, CompileOptions } from "../../sql/base.js";
import type { DDLCompiler } from "../../sql/compiler/ddl-compiler.js";
import { IdentifierPreparer } from "../../sql/compiler/identifier-preparer.js";
import type { SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import type { TypeCompiler } from "../../sql/compiler/type-compiler.js";
import { DefaultDialect, type DialectOptions, type Paramstyle } from "../../sql/dialect.js";
import type { Processor, TypeEngine } from "../../sql/types/type-engine.js";
import { formatDateTimeUTC, normalizeTime } from "../shared/processors.js";
import { SQLiteCompiler, SQLiteDDLCompiler, SQLiteTypeCompiler } from "./compilers.js";
import { bindProcessor, resultProcessor } from "./processors.js";
import { SQLITE_RESERVED_WORDS } from "./reserved-words.js";

/**
 * SQLite: `?` binds, no native booleans, RETURNING (3.35+), `INTEGER PRIMARY KEY` as the rowid.
 * @example
 * const d = sqlite.dialect({ paramstyle: "qmark" }); stmt.compile({ dialect: d });
 */
export class SQLiteDialect extends DefaultDialect {
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

  override name = "sqlite";
  /** JSON indexes and paths are JSON path strings: `'$."a"[1]'` */
  readonly jsonPathStyle = "jsonpath" as const;
  constructor(opts: DialectOptions = {}) {
    super(opts);
    this.supportsDefaultValues = true;
    this.supportsDefaultMetavalue = true;
    this.defaultMetavalueToken = "NULL";
    this.supportsEmptyInsert = false;
    this.supportsMultivaluesInsert = opts.supportsMultivaluesInsert ?? true;
    this.insertReturning = true;
    this.updateReturning = true;
    this.deleteReturning = true;
    this.useInsertmanyvalues = opts.useInsertmanyvalues ?? true;
    this.supportsAlter = false;
    this.tupleInValues = true;
    this.insertmanyvaluesMaxParameters = 32766;
  }
  /** SQLite ends a literal at NUL, so NULs are spliced in with `char(0)`. */
  override renderLiteralString(value: string): string {
    if (!value.includes("\u0000")) return super.renderLiteralString(value);
    const parts = value.split("\u0000").map((p) => super.renderLiteralString(p));
    return `(${parts.join(" || char(0) || ")})`;
  }

  /**
   * Dates and times as SQLite stores them (SQLAlchemy's SQLite literal forms): a DateTime
   * `'2024-01-02 03:04:05.000000'`, a Time `'12:34:56.000000'`, so that a literal matches the
   * stored text.
   */
  override renderLiteralValue(value: unknown, type: TypeEngine): string {
    if (value instanceof Date && type.affinity !== "date") {
      return this.renderLiteralString(formatDateTimeUTC(value));
    }
    if (typeof value === "string" && type.affinity === "time")
      return this.renderLiteralString(normalizeTime(value));
    return super.renderLiteralValue(value, type);
  }

  protected override defaultParamstyle(): Paramstyle {
    return "qmark";
  }
  protected override makePreparer(): IdentifierPreparer {
    return new IdentifierPreparer(SQLITE_RESERVED_WORDS, '"', '"', this.doublePercents);
  }
  override statementCompiler(statement: ClauseElement, opts: CompileOptions): SQLCompiler {
    return new SQLiteCompiler(this, statement, opts);
  }
  override ddlCompiler(statement: ClauseElement, opts: CompileOptions): DDLCompiler {
    return new SQLiteDDLCompiler(this, statement, opts);
  }
  protected override makeTypeCompiler(): TypeCompiler {
    return new SQLiteTypeCompiler(this);
  }
}
