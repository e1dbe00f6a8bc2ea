import { ArgumentError, CompileError } from "../exc.js";
import type { ClauseElement } from "./base.js";
import type { DDLCompiler } from "./compiler/ddl-compiler.js";
import { IdentifierPreparer } from "./compiler/identifier-preparer.js";
import { RESERVED_WORDS } from "./compiler/reserved-words.js";
import type { SQLCompiler } from "./compiler/sql-compiler.js";
import type { TypeCompiler } from "./compiler/type-compiler.js";
import type { JSONPathStyle } from "./types/json-index.js";
import type { TypeEngine } from "./types/type-engine.js";

/** The six DB-API parameter styles. */
export type Paramstyle = "qmark" | "numeric" | "numeric_dollar" | "named" | "format" | "pyformat";

const PARAMSTYLES: readonly Paramstyle[] = [
  "qmark",
  "numeric",
  "numeric_dollar",
  "named",
  "format",
  "pyformat",
];

/** Options every dialect constructor accepts. */
export interface DialectOptions {
  paramstyle?: Paramstyle;
  supportsNativeBoolean?: boolean;
  supportsMultivaluesInsert?: boolean;
  supportsDefaultValues?: boolean;
  supportsNativeDecimal?: boolean;
  maxIdentifierLength?: number;
  labelLength?: number;
  insertmanyvaluesPageSize?: number;
  useInsertmanyvalues?: boolean;
}

/**
 * What a compiler needs from a dialect: its name, paramstyle, capability flags, quoting rules
 * and the compiler classes. Engine-level behaviour (drivers, execution) extends this later.
 */
export interface Dialect {
  readonly name: string;
  readonly paramstyle: Paramstyle;
  /** true for qmark, format, numeric and numeric_dollar */
  readonly positional: boolean;
  readonly identifierPreparer: IdentifierPreparer;
  readonly typeCompiler: TypeCompiler;
  supportsNativeBoolean: boolean;
  supportsNativeDecimal: boolean;
  supportsMultivaluesInsert: boolean;
  supportsDefaultValues: boolean;
  supportsDefaultMetavalue: boolean;
  /** an INSERT .. SELECT puts its WITH clause before the SELECT, not before INSERT (MySQL) */
  cteFollowsInsert: boolean;
  defaultMetavalueToken: string;
  supportsEmptyInsert: boolean;
  insertReturning: boolean;
  updateReturning: boolean;
  deleteReturning: boolean;
  postfetchLastrowid: boolean;
  favorReturningOverLastrowid: boolean;
  supportsSequences: boolean;
  sequencesOptional: boolean;
  supportsAlter: boolean;
  supportsNativeEnum: boolean;
  supportsNativeUuid: boolean;
  supportsIdentityColumns: boolean;
  supportsComments: boolean;
  inlineComments: boolean;
  divIsFloordiv: boolean;
  tupleInValues: boolean;
  maxIdentifierLength: number;
  labelLength: number;
  useInsertmanyvalues: boolean;
  /** batch executemany INSERTs into multi-row VALUES even without RETURNING (fewer round trips) */
  useInsertmanyvaluesWoReturning: boolean;
  insertmanyvaluesPageSize: number;
  insertmanyvaluesMaxParameters: number;
  supportsSimpleOrderByLabel: boolean;
  /** an INTERVAL type of its own (PostgreSQL); elsewhere Interval is a DATETIME from the epoch */
  readonly supportsNativeInterval?: boolean;
  /**
   * How JSON indexes are bound: PostgreSQL's text-array paths (`"array"`) or JSON path strings
   * (`"jsonpath"`, SQLite and MySQL); absent, as given.
   */
  readonly jsonPathStyle?: JSONPathStyle;
  /** server version as a tuple, when known (set by the engine, or given for offline compiles) */
  serverVersionInfo: readonly number[] | null;
  /** a compiler for a statement */
  statementCompiler(statement: ClauseElement, opts: import("./base.js").CompileOptions): SQLCompiler;
  /** a compiler for DDL */
  ddlCompiler(statement: ClauseElement, opts: import("./base.js").CompileOptions): DDLCompiler;
  /** Renders a value as a SQL literal (literalBinds), by the type's rules. */
  renderLiteralValue(value: unknown, type: TypeEngine): string;
  /**
   * What follows a bind placeholder of `type`: a cast such as `::INTEGER` on a driver that sends
   * values untyped (SQLAlchemy's `BindTyping.RENDER_CASTS`), else absent or "".
   */
  bindCast?(type: TypeEngine): string;
  /** whether binds assigned to columns (INSERT VALUES, UPDATE SET) carry `bindCast` too */
  castsAssignedBinds?: boolean;
}

/** @internal compiler classes, installed by their modules (they import this one) */
export const compilerClasses: {
  sql?: new (
    dialect: Dialect,
    statement: ClauseElement,
    opts: import("./base.js").CompileOptions,
  ) => SQLCompiler;
  str?: new (
    dialect: Dialect,
    statement: ClauseElement,
    opts: import("./base.js").CompileOptions,
  ) => SQLCompiler;
  ddl?: new (
    dialect: Dialect,
    statement: ClauseElement,
    opts: import("./base.js").CompileOptions,
  ) => DDLCompiler;
  type?: new (dialect: Dialect) => TypeCompiler;
} = {};

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** Formats a Date as `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC. */
export function formatDateTime(d: Date): string {
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return ms ? `${base}.${pad(ms, 3)}000` : base;
}

/**
 * The generic dialect: compiles with SQLAlchemy's default rules (named paramstyle).
 * @example
 * sa.select(t.c.x).compile({ dialect: new sa.DefaultDialect({ paramstyle: "qmark" }) }).string;
 */
export class DefaultDialect implements Dialect {
  name = "default";
  readonly paramstyle: Paramstyle;
  readonly positional: boolean;
  readonly identifierPreparer: IdentifierPreparer;
  readonly typeCompiler: TypeCompiler;
  supportsNativeBoolean = false;
  supportsNativeDecimal = false;
  supportsMultivaluesInsert = false;
  supportsDefaultValues = false;
  supportsDefaultMetavalue = false;
  cteFollowsInsert = false;
  defaultMetavalueToken = "DEFAULT";
  supportsEmptyInsert = true;
  insertReturning = false;
  updateReturning = false;
  deleteReturning = false;
  postfetchLastrowid = true;
  favorReturningOverLastrowid = false;
  supportsSequences = false;
  sequencesOptional = false;
  supportsAlter = true;
  supportsNativeEnum = false;
  supportsNativeUuid = false;
  supportsIdentityColumns = false;
  supportsComments = false;
  inlineComments = false;
  divIsFloordiv = true;
  tupleInValues = false;
  maxIdentifierLength = 9999;
  labelLength: number;
  useInsertmanyvalues = false;
  useInsertmanyvaluesWoReturning = false;
  insertmanyvaluesPageSize = 1000;
  insertmanyvaluesMaxParameters = 32700;
  supportsSimpleOrderByLabel = true;
  serverVersionInfo: readonly number[] | null = null;

  constructor(opts: DialectOptions = {}) {
    const ps = opts.paramstyle ?? this.defaultParamstyle();
    if (!PARAMSTYLES.includes(ps)) {
      throw new ArgumentError(`Unknown paramstyle '${ps}'; expected one of ${PARAMSTYLES.join(", ")}`);
    }
    this.paramstyle = ps;
    this.positional = ps === "qmark" || ps === "format" || ps === "numeric" || ps === "numeric_dollar";
    if (opts.supportsNativeBoolean !== undefined) this.supportsNativeBoolean = opts.supportsNativeBoolean;
    if (opts.supportsMultivaluesInsert !== undefined)
      this.supportsMultivaluesInsert = opts.supportsMultivaluesInsert;
    if (opts.supportsDefaultValues !== undefined) this.supportsDefaultValues = opts.supportsDefaultValues;
    if (opts.supportsNativeDecimal !== undefined) this.supportsNativeDecimal = opts.supportsNativeDecimal;
    if (opts.maxIdentifierLength !== undefined) this.maxIdentifierLength = opts.maxIdentifierLength;
    if (opts.insertmanyvaluesPageSize !== undefined)
      this.insertmanyvaluesPageSize = opts.insertmanyvaluesPageSize;
    if (opts.useInsertmanyvalues !== undefined) this.useInsertmanyvalues = opts.useInsertmanyvalues;
    this.labelLength = opts.labelLength ?? this.maxIdentifierLength;
    this.identifierPreparer = this.makePreparer();
    this.typeCompiler = this.makeTypeCompiler();
  }

  /** The dialect's type compiler (DDL type names). */
  protected makeTypeCompiler(): TypeCompiler {
    return new compilerClasses.type!(this);
  }

  /** The paramstyle used when none is given. */
  protected defaultParamstyle(): Paramstyle {
    return "named";
  }

  /** The dialect's identifier quoting rules. */
  protected makePreparer(): IdentifierPreparer {
    return new IdentifierPreparer(RESERVED_WORDS, '"', '"', this.doublePercents);
  }

  /** `%` is doubled in SQL text under the format and pyformat paramstyles. */
  get doublePercents(): boolean {
    return this.paramstyle === "format" || this.paramstyle === "pyformat";
  }

  statementCompiler(statement: ClauseElement, opts: import("./base.js").CompileOptions): SQLCompiler {
    return new compilerClasses.sql!(this, statement, opts);
  }

  ddlCompiler(statement: ClauseElement, opts: import("./base.js").CompileOptions): DDLCompiler {
    return new compilerClasses.ddl!(this, statement, opts);
  }

  /** `'text'` with quotes doubled (and `%` doubled under format paramstyles). */
  renderLiteralString(value: string): string {
    let v = value.replaceAll("'", "''");
    if (this.doublePercents) v = v.replaceAll("%", "%%");
    return `'${v}'`;
  }

  renderLiteralValue(value: unknown, type: TypeEngine): string {
    if (value === null || value === undefined) return "NULL";
    switch (typeof value) {
      case "string":
        if (type.affinity === "integer" || type.affinity === "numeric" || type.affinity === "float") {
          if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) return value;
        }
        return this.renderLiteralString(value);
      case "number":
        if (!Number.isFinite(value)) throw new CompileError(`Can't render ${value} as a SQL literal`);
        if (type.affinity === "boolean") return this.renderLiteralBoolean(value !== 0);
        return String(value);
      case "bigint":
        return String(value);
      case "boolean":
        return this.renderLiteralBoolean(value);
      default:
        if (value instanceof Date) {
          if (type.affinity === "date") return `'${formatDateTime(value).slice(0, 10)}'`;
          return `'${formatDateTime(value)}'`;
        }
        throw new CompileError(
          `No literal value renderer is available for literal value ${describe(value)} with datatype ${type.visitName}`,
        );
    }
  }

  /** `true`/`false` where native, `1`/`0` otherwise. */
  renderLiteralBoolean(value: boolean): string {
    return this.supportsNativeBoolean ? (value ? "true" : "false") : value ? "1" : "0";
  }
}

function describe(v: unknown): string {
  if (Buffer.isBuffer(v)) return `<Buffer of ${v.length} bytes>`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
