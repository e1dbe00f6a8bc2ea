import { CompileError, InvalidRequestError } from "../../exc.js";
import type { ClauseElement, CompileOptions } from "../base.js";
import type { Dialect } from "../dialect.js";
import { BindParameter } from "../elements/bind-param.js";
import { ColumnClause } from "../elements/column-clause.js";
import type { ColumnElement } from "../elements/column-element.js";
import { likeOperators } from "../elements/column-operators.js";
import { False, type Null, True } from "../elements/constants.js";
import {
  AsBoolean,
  type BinaryExpression,
  BooleanClauseList,
  type ClauseList,
  Grouping,
  UnaryExpression,
} from "../elements/expressions.js";
import type { FunctionElement } from "../elements/functions.js";
import { Label } from "../elements/label.js";
import type { TextClause } from "../elements/text.js";
import type {
  Case,
  Cast,
  Extract,
  FrameBound,
  FunctionFilter,
  Over,
  Tuple,
  WithinGroup,
} from "../elements/wrappers.js";
import { Cast as CastClass, TypeCoerce } from "../elements/wrappers.js";
import { type Operator, operators } from "../operators.js";
import { Alias, CTE, Lateral } from "../selectable/alias.js";
import type { CompoundSelect } from "../selectable/compound.js";
import { COMPOUND_KEYWORDS } from "../selectable/compound.js";
import type { FromClause } from "../selectable/from-clause.js";
import { collectFroms } from "../selectable/froms.js";
import type { Join } from "../selectable/join.js";
import {
  LABEL_STYLE_NONE,
  LABEL_STYLE_TABLENAME_PLUS_COL,
  type OrderByLabelRef,
  type Select,
} from "../selectable/select.js";
import { type Exists, type ScalarSelect, SelectBase } from "../selectable/select-base.js";
import { TableClause } from "../selectable/table-clause.js";
import type { TextualSelect } from "../selectable/textual-select.js";
import { unusedName } from "../selectable/unused-name.js";
import { NumericType } from "../types/sqltypes.js";
import type { TypeEngine } from "../types/type-engine.js";
import {
  bindTemplate,
  Compiled,
  type CrudInfo,
  type InsertManyValues,
  type ResultColumn,
} from "./compiled.js";

/** Flags passed down while compiling. */
export interface CompileKw {
  /** rendering a FROM element */
  asfrom?: boolean;
  /** rendering an element of the columns clause */
  withinColumnsClause?: boolean;
  /** render bound values inline */
  literalBinds?: boolean;
  /** the enclosing statement is a DML statement's SELECT (INSERT..SELECT) */
  insertFromSelect?: boolean;
  /** render columns without their table prefix (RETURNING on SQLite, UPDATE SET on some dialects) */
  includeTable?: boolean;
  /** labels of the columns clause rendered by name (ORDER BY / GROUP BY) */
  renderLabelAsLabel?: ReadonlySet<Label>;
  /** this SELECT is the element of a subquery/CTE/alias */
  asSubquery?: boolean;
  /** a LATERAL subquery */
  lateral?: boolean;
  /** the SELECT is a member of a compound select */
  compoundIndex?: number;
  /** rendering a boolean criterion (WHERE, ON, HAVING, AND/OR members) */
  asCriterion?: boolean;
  /** the current SELECT's column labels, for string references in ORDER BY */
  labelRefs?: ReadonlyMap<string, ColumnElement>;
  /** populate the result map from this SELECT's columns */
  populateResultMap?: boolean;
  /** inside a CTE body being rendered */
  visitingCte?: CTE;
  /** an INSERT/UPDATE multi-VALUES row index, for `_m<N>` bind names */
  crudRow?: number;
  /**
   * an operand of an operator expression (SQLAlchemy's `_in_operator_expression`): an eagerly
   * grouped operator (PostgreSQL's `->`, `@>`) then parenthesises itself
   */
  inOperatorExpression?: boolean;
  [extra: string]: unknown;
}

/**
 * Compile flags as one class: every keyword object then shares one hidden class, so reading a
 * flag stays a fast property load (object spreads of varying shapes made copying the flags a
 * third of compile time).
 */
class Kw implements CompileKw {
  [extra: string]: unknown;
  labelFroms: unknown;
  asfrom: boolean | undefined;
  withinColumnsClause: boolean | undefined;
  literalBinds: boolean | undefined;
  insertFromSelect: boolean | undefined;
  includeTable: boolean | undefined;
  renderLabelAsLabel: ReadonlySet<Label> | undefined;
  asSubquery: boolean | undefined;
  lateral: boolean | undefined;
  compoundIndex: number | undefined;
  asCriterion: boolean | undefined;
  labelRefs: ReadonlyMap<string, ColumnElement> | undefined;
  populateResultMap: boolean | undefined;
  visitingCte: CTE | undefined;
  crudRow: number | undefined;
  inOperatorExpression: boolean | undefined;
  scalarSubquery: unknown;
  cteBody: unknown;
  cteColumns: unknown;
  // flags derived from these (see derivedKw)
  _operand: Kw | undefined;
  _criterion: Kw | undefined;
  _inColumns: Kw | undefined;
  _notInColumns: Kw | undefined;
  _onClause: Kw | undefined;
  _inOperator: Kw | undefined;
  _criterionInOperator: Kw | undefined;
  constructor(src: CompileKw | null) {
    this.labelFroms = src?.labelFroms;
    this.asfrom = src?.asfrom;
    this.withinColumnsClause = src?.withinColumnsClause;
    this.literalBinds = src?.literalBinds;
    this.insertFromSelect = src?.insertFromSelect;
    this.includeTable = src?.includeTable;
    this.renderLabelAsLabel = src?.renderLabelAsLabel;
    this.asSubquery = src?.asSubquery;
    this.lateral = src?.lateral;
    this.compoundIndex = src?.compoundIndex;
    this.asCriterion = src?.asCriterion;
    this.labelRefs = src?.labelRefs;
    this.populateResultMap = src?.populateResultMap;
    this.visitingCte = src?.visitingCte;
    this.crudRow = src?.crudRow;
    this.inOperatorExpression = src?.inOperatorExpression;
    this.scalarSubquery = src?.scalarSubquery;
    this.cteBody = src?.cteBody;
    this.cteColumns = src?.cteColumns;
  }
}

/** A copy of `src` with every flag, as one hidden class. */
export function kwCopy(src: CompileKw): CompileKw {
  return new Kw(src);
}

/** A copy of `src` with `patch` applied (the fast replacement for `{ ...src, ...patch }`). */
export function kwWith(src: CompileKw, patch: CompileKw): CompileKw {
  const k = new Kw(src);
  for (const key in patch) k[key] = patch[key];
  return k;
}

/** No flags set. */
export const KW0: CompileKw = new Kw(null);

/**
 * The flags a SELECT compiles its clauses with (`asfrom`: its FROM list), which keep only
 * `literalBinds` and `visitingCte` of the SELECT's own. Outside a CTE body they are shared by
 * every compile, and so are the flags derived from them (operandKw, criterionKw).
 */
function selectKw(kw: CompileKw, asfrom: boolean): CompileKw {
  const shared = kw.visitingCte === undefined;
  const i = (kw.literalBinds === true ? 2 : kw.literalBinds === false ? 1 : 0) + (asfrom ? 3 : 0);
  if (shared && SELECT_KWS[i] !== undefined) return SELECT_KWS[i];
  const k = new Kw(null);
  k.literalBinds = kw.literalBinds;
  k.visitingCte = kw.visitingCte;
  if (asfrom) k.asfrom = true;
  if (shared) SELECT_KWS[i] = k;
  return k;
}
const SELECT_KWS: (Kw | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];

/**
 * The flags `patch` makes of `kw`, made once and kept in `kw` under `slot` (flags are not changed
 * once made, so the copy stays right): every binary expression of a WHERE clause asks for its
 * operands' flags.
 */
function derivedKw(kw: CompileKw, slot: DerivedKwSlot, patch: CompileKw): CompileKw {
  if (!(kw instanceof Kw)) return kwWith(kw, patch);
  return (kw[slot] ??= kwWith(kw, patch) as Kw);
}
type DerivedKwSlot =
  | "_operand"
  | "_criterion"
  | "_inColumns"
  | "_notInColumns"
  | "_onClause"
  | "_inOperator"
  | "_criterionInOperator";
const OPERAND: CompileKw = { asCriterion: false, withinColumnsClause: false };
const CRITERION: CompileKw = { asCriterion: true };
const IN_COLUMNS: CompileKw = { withinColumnsClause: true };
const NOT_IN_COLUMNS: CompileKw = { withinColumnsClause: false };
const ON_CLAUSE: CompileKw = { asfrom: false, asCriterion: true };
const IN_OPERATOR: CompileKw = { asCriterion: false, withinColumnsClause: false, inOperatorExpression: true };
const CRITERION_IN_OPERATOR: CompileKw = { asCriterion: true, inOperatorExpression: true };

/** `kw` for the operands of an expression: neither a criterion nor a columns-clause element. */
function operandKw(kw: CompileKw): CompileKw {
  return derivedKw(kw, "_operand", OPERAND);
}

/** `kw` for the operands of a generic operator expression (`a = b`, `a + b`, `a IN (…)`). */
export function inOperatorKw(kw: CompileKw): CompileKw {
  if (kw.inOperatorExpression === true && kw.asCriterion !== true && kw.withinColumnsClause !== true)
    return kw;
  return derivedKw(kw, "_inOperator", IN_OPERATOR);
}

/** `kw` for the members of an AND / OR of several criteria. */
function criterionInOperatorKw(kw: CompileKw): CompileKw {
  if (kw.inOperatorExpression === true && kw.asCriterion === true) return kw;
  return derivedKw(kw, "_criterionInOperator", CRITERION_IN_OPERATOR);
}

/** `kw` for a boolean criterion (WHERE, HAVING, AND/OR members). */
function criterionKw(kw: CompileKw): CompileKw {
  return kw.asCriterion === true ? kw : derivedKw(kw, "_criterion", CRITERION);
}

/** `kw` for a join's ON clause: a criterion, not a FROM element. */
function onClauseKw(kw: CompileKw): CompileKw {
  return derivedKw(kw, "_onClause", ON_CLAUSE);
}

/** `kw` with `withinColumnsClause` set to `value`. */
function columnsClauseKw(kw: CompileKw, value: boolean): CompileKw {
  if (kw.withinColumnsClause === value) return kw;
  return value ? derivedKw(kw, "_inColumns", IN_COLUMNS) : derivedKw(kw, "_notInColumns", NOT_IN_COLUMNS);
}

interface StackEntry {
  readonly correlateFroms: Set<FromClause>;
  readonly asfromFroms: Set<FromClause>;
  readonly select: ClauseElement | null;
}

/**
 * A SELECT's entry on the compiler's stack. Its sets are only read by nested SELECTs (for
 * correlation), so they are made on first use: most statements have none.
 */
class SelectScope implements StackEntry {
  private _asfrom: Set<FromClause> | null = null;
  private _correlate: Set<FromClause> | null = null;
  constructor(
    readonly select: ClauseElement,
    readonly froms: readonly FromClause[],
    private readonly parent: StackEntry,
  ) {}

  /** the FROM elements this SELECT renders, joins with their parts */
  get asfromFroms(): Set<FromClause> {
    if (this._asfrom === null) {
      const own = new Set<FromClause>();
      for (const f of this.froms) {
        // a text() FROM element has no parts
        const parts = f._fromObjects as readonly FromClause[] | undefined;
        if (parts === undefined) own.add(f);
        else for (const o of parts) own.add(o);
      }
      this._asfrom = own;
    }
    return this._asfrom;
  }

  /** those and the enclosing SELECTs' */
  get correlateFroms(): Set<FromClause> {
    if (this._correlate === null) {
      const outer = this.parent.correlateFroms;
      if (outer.size === 0) this._correlate = this.asfromFroms;
      else {
        const all = new Set(this.asfromFroms);
        for (const f of outer) all.add(f);
        this._correlate = all;
      }
    }
    return this._correlate;
  }
}

/** how a \u0001 inside user text (literals, text()) is kept apart from bind marks until the end */
const MARK_ESCAPE = "\u0001\u0005";

/** Whether a column's SQL name is its `name` (see SQLCompiler.columnName). */
function columnNameIsPlain(col: ColumnClause): boolean {
  return (
    (col as { _nameResolver?: unknown })._nameResolver === undefined &&
    (col as { _anonOf?: unknown })._anonOf === undefined
  );
}

/** Whether `s` contains one of the characters of `chars` (a loop: cheaper than a regex here). */
function hasAny(s: string, chars: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // letters, digits and `_` are never among them
    if (c >= 0x61 ? c <= 0x7a : c === 0x5f || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a)) continue;
    if (chars.includes(s[i])) return true;
  }
  return false;
}

/** Anonymous bind names drop characters that would need escaping (`pct%` gives `pct_1`). */
function sanitizeKey(key: string): string {
  return hasAny(key, "%() $") ? key.replace(/[%() $]+/g, "_").replace(/^_+|_+$/g, "") : key;
}

const ESCAPE_BIND_RE = /[%():[\] .]/g;
/** the characters ESCAPE_BIND_RE matches */
const ESCAPED_IN_BIND_NAMES = "%():[] .";
const BIND_TRANSLATE: Record<string, string> = {
  "%": "P",
  "(": "A",
  ")": "Z",
  ":": "C",
  "[": "_",
  "]": "_",
  " ": "_",
  ".": "_",
};

/**
 * The SQL compiler: visits an element tree and produces SQL text plus bind information for a
 * dialect. Dialects subclass it and override the `visit*` and clause methods that differ.
 */
export class SQLCompiler {
  readonly dialect: Dialect;
  readonly statement: ClauseElement;
  readonly literalBinds: boolean;
  readonly renderPostcompile: boolean;
  readonly columnKeys: readonly string[] | null;
  readonly forExecutemany: boolean;
  /** values by bind key that literal rendering takes over the binds' own (`literalParams`) */
  private readonly literalParams: Readonly<Record<string, unknown>> | null;
  /** the compiled SQL */
  string = "";
  /** bind parameters by compiled name */
  readonly binds = new Map<string, BindParameter>();
  /**
   * Binds this compiler named whose name another compiler then took off the bind (see
   * nameBind); null until that happens, which takes a compile inside a compile.
   */
  private _spilledNames: Map<BindParameter, string> | null = null;
  /** a bind named by its key (or a row of an INSERT) was registered */
  private namedBindsSeen = false;
  /** until compile() returns: names this compiler gave may still be looked up */
  private _live = true;
  // expanding binds, their operators and escaped names are rare: made on first use
  private _postCompileParams: Set<string> | null = null;
  private _expandingOps: Map<string, "in" | "not_in"> | null = null;
  private _escapedBindNames: Map<string, string> | null = null;
  /** names of expanding binds */
  protected get postCompileParams(): Set<string> {
    return (this._postCompileParams ??= new Set());
  }
  /** the operator around each expanding bind, for the empty-list form at execution */
  protected get expandingOps(): Map<string, "in" | "not_in"> {
    return (this._expandingOps ??= new Map());
  }
  /** bind names rendered under another name (characters a paramstyle cannot carry) */
  protected get escapedBindNames(): Map<string, string> {
    return (this._escapedBindNames ??= new Map());
  }
  /** bind names in the order they were first compiled (numeric paramstyles number by it) */
  protected readonly bindOrder: string[] = [];
  protected readonly stack: StackEntry[] = [];
  private _anonMap: Map<unknown, string> | null = null;
  /** anonymous names of aliases and CTEs */
  protected get anonMap(): Map<unknown, string> {
    return (this._anonMap ??= new Map());
  }
  private _labelAnonMap: Map<unknown, string> | null = null;
  /** anonymous names of labels, aliases and VALUES (made on first use, as are the CTE maps) */
  protected get labelAnonMap(): Map<unknown, string> {
    return (this._labelAnonMap ??= new Map());
  }
  protected readonly anonCounters = new Map<string, number>();
  /** truncated names by kind and full name, and the names made by truncating (see truncated) */
  private _truncated: Map<string, string> | null = null;
  private _truncatedMade: Set<string> | null = null;
  /** CTEs referenced so far, rendered in a WITH clause at the top */
  private _ctes: Map<CTE, string> | null = null;
  protected get ctes(): Map<CTE, string> {
    return (this._ctes ??= new Map());
  }
  protected ctesRecursive = false;
  /** CTEs declared `nesting: true`, rendered in the WITH of the statement that references them */
  protected readonly nestingLevels: (Map<CTE, string> | null)[] = [];
  private _cteByName: Map<string, CTE> | null = null;
  private _cteVersions: Map<CTE, CTE> | null = null;
  resultColumns: ResultColumn[] = [];
  crud: CrudInfo | null = null;
  returning: ColumnElement[] = [];
  kind: "insert" | "update" | "delete" | "select" | "ddl" | "text" | "other" = "other";
  /** the statement at the top (INSERT/UPDATE/DELETE/SELECT) */
  protected toplevelSet = false;

  constructor(dialect: Dialect, statement: ClauseElement, opts: CompileOptions = {}) {
    this.dialect = dialect;
    this.statement = statement;
    this.literalBinds = opts.literalBinds ?? false;
    this.renderPostcompile = opts.renderPostcompile ?? false;
    this.columnKeys = opts.columnKeys ?? null;
    this.forExecutemany = opts.forExecutemany ?? false;
    this.literalParams = opts.literalParams ?? null;
    this.numbered = dialect.paramstyle === "numeric" || dialect.paramstyle === "numeric_dollar";
  }

  /** Compiles the statement and returns the Compiled. */
  compile(): Compiled {
    try {
      return this.compileStatement();
    } finally {
      this._live = false;
    }
  }

  private compileStatement(): Compiled {
    const kw: CompileKw = kwCopy(KW0);
    kw.literalBinds = this.literalBinds;
    kw.populateResultMap = true;
    let text = this.process(this.statement, kw);
    if (this._ctes?.size && !this.cteRenderedInline) text = this.renderCtes() + text;
    // bind marks become placeholders; user text keeps its escaped \u0001 until the end, so the
    // VALUES-group mark of an executemany INSERT cannot be forged by a literal
    const groupCounts = this.forExecutemany && !this.numbered ? groupBindCounts(text) : null;
    const finalized = this.finalizeBindMarks(text);
    const positiontup = finalized.positiontup;
    // (two scans of the text skipped when no user text had a \u0001 and no group was marked)
    const escaped = this.marksEscaped;
    const unescape = (x: string) => (escaped ? x.replaceAll(MARK_ESCAPE, "\u0001") : x);
    let sql = finalized.sql;
    let insertmanyvalues: InsertManyValues | null = null;
    // only an executemany INSERT marks its VALUES group
    const open = this.forExecutemany ? sql.indexOf("\u0001\u0006") : -1;
    if (open >= 0) {
      const close = sql.indexOf("\u0001\u0007", open);
      insertmanyvalues = {
        prefix: unescape(sql.slice(0, open)),
        group: unescape(sql.slice(open + 2, close)),
        suffix: unescape(sql.slice(close + 2)),
        prefixParams: groupCounts?.prefix,
        suffixParams: groupCounts?.suffix,
      };
      sql = insertmanyvalues.prefix + insertmanyvalues.group + insertmanyvalues.suffix;
    } else sql = unescape(sql);
    return new Compiled(this.dialect, this.statement, {
      insertmanyvalues,
      string: sql,
      binds: this.binds,
      positiontup,
      postCompileParams: this._postCompileParams ?? NO_NAMES,
      resultColumns: this.resultColumns,
      crud: this.crud,
      kind: this.kind,
      returning: this.returning,
      escapedBindNames: this._escapedBindNames ?? NO_ESCAPES,
      expandingOps: this._expandingOps ?? NO_OPS,
      emptySetExpr: (op, arity) => this.emptySetInner(op, arity),
    });
  }

  /** some user text had a \u0001, escaped until the end (see escapeMarks) */
  private marksEscaped = false;

  /** User text with its \u0001 escaped, so that it cannot read as a bind mark. */
  protected escapeMarks(s: string): string {
    if (!s.includes("\u0001")) return s;
    this.marksEscaped = true;
    return s.replaceAll("\u0001", MARK_ESCAPE);
  }

  /** @internal CTEs already placed by a DML statement */
  protected cteRenderedInline = false;

  /** Renders an element. */
  process(el: ClauseElement, kw: CompileKw = KW0): string {
    return el._compile(this, kw);
  }

  // ---- binds -------------------------------------------------------------------------------

  /**
   * The placeholder of a bind name. Numbered paramstyles number binds in compile order (as
   * SQLAlchemy does; a repeated name keeps its number, so the value is sent once), so their
   * placeholder is known now. The others get a mark, turned into the placeholder at the end:
   * their positional order is the order in the final text, which dialects may assemble out of
   * compile order (MySQL's `LIMIT offset, count`).
   */
  protected bindMark(name: string): string {
    const postcompile = name.startsWith("__[POSTCOMPILE_");
    const key = postcompile ? name.slice(15, -1) : name;
    if (!this.bindOrder.includes(key)) this.bindOrder.push(key);
    if (!this.numbered) return `\u0001${name}\u0002`;
    // an IN list's binds take no number now: expanded, their values are numbered after every
    // other bind, as SQLAlchemy numbers them (`LIKE $1 … IN ($3, $4) … LIMIT $2`)
    if (postcompile) return name;
    if (this._expandedNames?.has(key)) return `\u0001\u0003${key}\u0002`;
    let n = this.numbers.get(key);
    if (n === undefined) this.numbers.set(key, (n = this.numbers.size + 1));
    return bindTemplate(this.dialect.paramstyle, name, n);
  }

  /** the paramstyle numbers its placeholders (`$1`, `:1`) */
  private readonly numbered: boolean;
  /** numbered paramstyles: each bind's number, in compile order (IN lists' binds excepted) */
  private readonly numbers = new Map<string, number>();
  /** the binds of IN lists expanded at compile time (renderPostcompile) */
  private _expandedNames: Set<string> | null = null;

  /** Rewrites bind marks into placeholders of the paramstyle, in textual order. */
  protected finalizeBindMarks(text: string): { sql: string; positiontup: string[] | null } {
    if (this.numbered) {
      if (this._expandedNames === null) return { sql: text, positiontup: [...this.bindOrder] };
      const ps = this.dialect.paramstyle;
      const expanded: string[] = [];
      const sql = text.replace(/\u0001\u0003([^\u0002]*)\u0002/g, (_m, name: string) => {
        expanded.push(name);
        return bindTemplate(ps, name, this.numbers.size + expanded.length);
      });
      return { sql, positiontup: [...this.numbers.keys(), ...expanded] };
    }
    const ps = this.dialect.paramstyle;
    const positiontup: string[] | null = this.dialect.positional ? [] : null;
    // a mark is \u0001name\u0002; \u0001 followed by 2 or 5 is escaped user text, by 6 or 7 the
    // executemany VALUES-group delimiters
    let sql = "";
    let from = 0;
    for (let i = text.indexOf("\u0001"); i >= 0; i = text.indexOf("\u0001", i + 1)) {
      const next = text.charCodeAt(i + 1);
      if (next === 2 || next === 5 || next === 6 || next === 7) continue;
      const j = text.indexOf("\u0002", i + 1);
      if (j < 0) break;
      const name = text.slice(i + 1, j);
      let placeholder: string;
      if (name.startsWith("__[POSTCOMPILE_")) {
        positiontup?.push(name.slice(15, -1));
        placeholder = name;
      } else {
        positiontup?.push(name);
        const escaped = this._escapedBindNames?.get(name) ?? name;
        placeholder = bindTemplate(ps, escaped, positiontup ? positiontup.length : 0);
      }
      sql += text.slice(from, i) + placeholder;
      from = j + 1;
      i = j;
    }
    return { sql: from === 0 ? text : sql + text.slice(from), positiontup };
  }

  /** Registers a bind under its compiled name and renders its placeholder. */
  visitBindParam(bind: BindParameter, kw: CompileKw): string {
    // the column binds of an INSERT/UPDATE without values stay placeholders, as in SQLAlchemy
    if ((kw.literalBinds || this.literalBinds) && !this.isBareCrudBind(bind)) {
      return this.renderLiteralBind(bind);
    }
    let name = this.boundName(bind);
    if (name === undefined) {
      if (bind.unique) {
        // anonName without its object map: a bind is named once
        const base = sanitizeKey(bind.key);
        const count = this.anonCounters.get(base) ?? 1;
        this.anonCounters.set(base, count + 1);
        name = this.truncated("bindparam", `${base}_${count}`);
      } else name = bind.key;
      const crudName = kw.crudRow !== undefined && bind._isCrud;
      if (crudName) name = `${bind.key}_m${kw.crudRow}`;
      if (crudName || !bind.unique) this.namedBindsSeen = true;
      // a name from the anonymous counters can only clash with a name given otherwise
      const existing = this.namedBindsSeen ? this.binds.get(name) : undefined;
      if (existing && existing !== bind) {
        if (existing.unique || bind.unique) {
          throw new CompileError(
            `Bind parameter '${name}' conflicts with unique bind parameter of the same name`,
          );
        }
        if (existing.expanding !== bind.expanding) {
          throw new CompileError(
            `Can't reuse bound parameter name '${name}' in both 'expanding' and non-expanding modes`,
          );
        }
      }
      this.nameBind(bind, name);
      this.binds.set(name, existing && !bind.unique && bind.value === undefined ? existing : bind);
      if (hasAny(name, ESCAPED_IN_BIND_NAMES)) {
        this.escapedBindNames.set(
          name,
          name.replace(ESCAPE_BIND_RE, (c) => BIND_TRANSLATE[c]),
        );
      }
    }
    if (bind.expanding) {
      this.postCompileParams.add(name);
      if (this.renderPostcompile) return this.expandBind(name, bind);
      return this.bindMark(`__[POSTCOMPILE_${name}]`);
    }
    // a value assigned to a column (INSERT VALUES, UPDATE SET) takes the column's type on the
    // server: no cast, which would cost a large multi-row INSERT ~15% more parse time
    return bind._isCrud && !this.dialect.castsAssignedBinds
      ? this.bindMark(name)
      : this.placeholder(name, bind.type);
  }

  /** A bind's placeholder, with the cast of a dialect that types its binds in the SQL. */
  private placeholder(name: string, type: TypeEngine): string {
    const mark = this.bindMark(name);
    return this.dialect.bindCast ? mark + this.dialect.bindCast(type) : mark;
  }

  /** The name this compiler gave `bind`, if it did. */
  protected boundName(bind: BindParameter): string | undefined {
    if (bind._namedBy === this) return bind._namedAs;
    return this._spilledNames?.get(bind);
  }

  /**
   * Names `bind` for this compile. The name is kept on the bind itself (a map keyed by fresh
   * binds cost a tenth of a compile); when a compile still running named it before, that
   * compiler keeps its name in its own map.
   */
  private nameBind(bind: BindParameter, name: string): void {
    const prev = bind._namedBy as SQLCompiler | null;
    if (prev !== null && prev !== this && prev._live) {
      (prev._spilledNames ??= new Map()).set(bind, bind._namedAs);
    }
    bind._namedBy = this;
    bind._namedAs = name;
  }

  /** Renders an expanding bind's list inline as separate binds (renderPostcompile). */
  protected expandBind(name: string, bind: BindParameter): string {
    const values = (bind.effectiveValue ?? []) as unknown[];
    this.binds.delete(name);
    this.postCompileParams.delete(name);
    if (values.length === 0) return this.emptySetExpr(bind);
    const expanded = (this._expandedNames ??= new Set());
    values.forEach((v, i) => {
      if (!Array.isArray(v)) expanded.add(`${name}_${i + 1}`);
      else for (let j = 0; j < v.length; j++) expanded.add(`${name}_${i + 1}_${j + 1}`);
    });
    const text = values
      .map((v, i) => {
        if (Array.isArray(v)) {
          const inner = v
            .map((x, j) => {
              const n = `${name}_${i + 1}_${j + 1}`;
              const b = new BindParameter(n, x, {
                type: (bind.type as { types?: TypeEngine[] }).types?.[j] ?? bind.type,
              });
              this.binds.set(n, b);
              return this.placeholder(n, b.type);
            })
            .join(", ");
          return `(${inner})`;
        }
        const n = `${name}_${i + 1}`;
        const b = new BindParameter(n, v, { type: bind.type });
        this.binds.set(n, b);
        return this.placeholder(n, b.type);
      })
      .join(", ");
    return values.length && Array.isArray(values[0]) && this.dialect.tupleInValues ? `VALUES ${text}` : text;
  }

  /** The text standing in for an empty IN list (the operator decides its form). */
  protected emptySetExpr(_bind: BindParameter): string {
    return "\u0003EMPTY\u0003";
  }

  /** Renders a bind's value as a literal. */
  renderLiteralBind(bind: BindParameter): string {
    const given = this.literalParams !== null && Object.hasOwn(this.literalParams, bind.key);
    const value = given ? this.literalParams![bind.key] : bind.effectiveValue;
    if (bind.expanding) {
      // no list given at all renders IN (NULL), as SQLAlchemy's render_literal_bindparam
      if (value === undefined) return "NULL";
      const values = (value ?? []) as unknown[];
      if (values.length === 0) return "\u0003EMPTY\u0003";
      const text = values
        .map((v) =>
          Array.isArray(v)
            ? `(${v.map((x) => this.renderLiteralValue(x, bind)).join(", ")})`
            : this.renderLiteralValue(v, bind),
        )
        .join(", ");
      // SQLite reads a list of row values only as VALUES, as in the postcompile rendering
      return Array.isArray(values[0]) && this.dialect.tupleInValues ? `VALUES ${text}` : text;
    }
    // a bind without a value renders NULL, as SQLAlchemy's render_literal_bindparam
    if (value === undefined) return "NULL";
    return this.renderLiteralValue(value, bind);
  }

  private isBareCrudBind(bind: BindParameter): boolean {
    return (
      bind._isCrud &&
      bind.required &&
      bind.value === undefined &&
      !(this.literalParams !== null && Object.hasOwn(this.literalParams, bind.key))
    );
  }

  protected renderLiteralValue(value: unknown, bind: BindParameter): string {
    const proc = bind.type.literalProcessor(this.dialect);
    if (!proc) {
      throw new CompileError(
        `No literal value renderer is available for literal value ${String(value)} with datatype ${bind.type.visitName}`,
      );
    }
    return this.escapeMarks(proc(value));
  }

  /**
   * A generated name (anonymous bind or alias, derived label) cut to the dialect's label length
   * as SQLAlchemy's `_truncated_identifier` does: longer than `labelLength - 6`, it keeps that many
   * characters and takes `_<n>` (n in hex, counted per kind). Names given by the user are not cut.
   * @example
   * // PostgreSQL: a 72-character column's bind becomes a_really_long_column_name_that_is_longer_than_sixty_three_1
   */
  truncated(kind: "bindparam" | "colident" | "alias", name: string): string {
    const limit = this.dialect.labelLength - 6;
    if (name.length <= limit || this._truncatedMade?.has(name)) return name;
    const key = `${kind}\u0000${name}`;
    this._truncated ??= new Map();
    let cut = this._truncated.get(key);
    if (cut === undefined) {
      const counterKey = `\u0000truncate:${kind}`;
      const n = this.anonCounters.get(counterKey) ?? 1;
      this.anonCounters.set(counterKey, n + 1);
      cut = `${name.slice(0, Math.max(limit, 0))}_${n.toString(16)}`;
      this._truncated.set(key, cut);
      (this._truncatedMade ??= new Set()).add(cut);
    }
    return cut;
  }

  /** An anonymous name `<base>_<n>`, stable for the same object within this compile. */
  anonName(obj: unknown, base: string, map: Map<unknown, string> = this.anonMap): string {
    let n = map.get(obj);
    if (n === undefined) {
      const count = this.anonCounters.get(base) ?? 1;
      this.anonCounters.set(base, count + 1);
      n = `${base}_${count}`;
      map.set(obj, n);
    }
    return n;
  }

  // ---- simple elements ---------------------------------------------------------------------

  /** Doubles `%` in literal SQL text under format paramstyles. */
  postProcessText(text: string): string {
    const t = this.escapeMarks(text);
    return this.dialect.paramstyle === "format" || this.dialect.paramstyle === "pyformat"
      ? t.replaceAll("%", "%%")
      : t;
  }

  visitNull(_el: Null, _kw: CompileKw): string {
    return "NULL";
  }

  visitTrue(_el: True, _kw: CompileKw): string {
    return this.dialect.supportsNativeBoolean ? "true" : "1";
  }

  visitFalse(_el: False, _kw: CompileKw): string {
    return this.dialect.supportsNativeBoolean ? "false" : "0";
  }

  visitAsBoolean(el: AsBoolean, kw: CompileKw): string {
    const inner = this.process(el.element, kwWith(kw, { asCriterion: false }));
    if (this.dialect.supportsNativeBoolean || el.element._isImplicitlyBoolean) {
      return el.negated ? `NOT ${inner}` : inner;
    }
    return el.negated ? `${inner} = 0` : `${inner} = 1`;
  }

  visitGrouping(el: Grouping, kw: CompileKw): string {
    return `(${this.process(el.element, kw)})`;
  }

  visitTextClause(el: TextClause, kw: CompileKw): string {
    // a whole statement of text is plain text (SQLAlchemy's isplaintext): no compiled construct
    if (this.stack.length === 0 && !this.toplevelSet) {
      this.toplevelSet = true;
      this.kind = "text";
    }
    let text = this.postProcessText(el.text);
    text = text.replace(/(?<![:\w\\]):(\w+)(?!:)/g, (_m, name: string) => {
      const b = el.binds.get(name);
      if (!b) return `:${name}`;
      // an expanding bind brings its own parentheses (`IN :ids` → `IN (?, ?)`), as in SQLAlchemy;
      // the IN operator adds them for `col.in(bindparam(…))`
      return b.expanding ? `(${this.process(b, kw)})` : this.process(b, kw);
    });
    return text.replaceAll("\\:", ":");
  }

  visitTextualSelect(el: TextualSelect, kw: CompileKw): string {
    const toplevel = this.stack.length === 0;
    if (toplevel && !this.toplevelSet) {
      this.toplevelSet = true;
      this.kind = "select";
      for (const c of el.columnList) {
        const key = c._keyName ?? c._labelName ?? "";
        this.resultColumns.push({ keyname: key, name: c._labelName ?? key, objects: [c, key], type: c.type });
      }
    }
    const text = this.process(el.element, kw);
    return kw.asSubquery ? `(${text})` : text;
  }

  /** A column's SQL name; proxies of anonymous labels are named at compile time. */
  columnName(col: ColumnClause): string {
    const resolver = (col as { _nameResolver?: (c: SQLCompiler) => string })._nameResolver;
    if (resolver) return this.truncated("colident", resolver(this));
    const anonOf = (col as { _anonOf?: ColumnElement })._anonOf;
    if (anonOf) return this.anonLabelName(anonOf);
    // a subquery's column named by the SELECT (not by an explicit label) is a generated label
    return (col as { _derivedName?: boolean })._derivedName ? this.truncated("colident", col.name) : col.name;
  }

  visitColumn(col: ColumnClause, kw: CompileKw): string {
    const table = col.table;
    const prep = this.dialect.identifierPreparer;
    if (col._sqlBy === prep && col._sqlTable === table && table !== null && kw.includeTable !== false) {
      return col._sqlText;
    }
    let name: string;
    if (col.isLiteral) name = this.postProcessText(col.name);
    else name = this.preparerQuote(this.columnName(col), col.quote);
    if (!table || kw.includeTable === false) return name;
    const tname = this.fromName(table);
    if (tname === null) return name;
    const text = `${tname}.${name}`;
    // a table's column renders from names and the preparer only (an alias's may be numbered)
    if (table instanceof TableClause && !col.isLiteral && columnNameIsPlain(col)) {
      col._sqlText = text;
      col._sqlBy = prep;
      col._sqlTable = table;
    }
    return text;
  }

  protected preparerQuote(name: string, force?: boolean): string {
    return this.dialect.identifierPreparer.quote(name, force);
  }

  /** The name a FROM element is referred to by in column expressions. */
  protected fromName(from: ClauseElement): string | null {
    if (from.visitName === "values") {
      const v = from as unknown as { name: string | null };
      return this.preparerQuote(v.name ?? this.anonName(from, "anon", this.labelAnonMap));
    }
    if (from instanceof CTE) return this.preparerQuote(this.cteName(from));
    if (from instanceof Alias) return this.preparerQuote(this.aliasName(from));
    if (from instanceof TableClause) return this.tableName(from);
    return null;
  }

  /** An alias's name, anonymous ones numbered (`mytable_1`, `anon_1`). */
  aliasName(alias: Alias): string {
    if (alias instanceof CTE) return this.cteName(alias);
    return alias.name ?? this.truncated("alias", this.anonName(alias, alias._anonBase));
  }

  protected cteName(cte: CTE): string {
    const root = cte._root;
    return root.name ?? this.anonName(root, "anon");
  }

  visitTable(t: TableClause, _kw: CompileKw): string {
    return this.tableName(t);
  }

  /** `schema.name` quoted as needed, kept on the table per identifier preparer (names do not change). */
  protected tableName(t: TableClause): string {
    const prep = this.dialect.identifierPreparer;
    if (t._sqlBy !== prep) {
      t._sqlText = prep.formatTable(t.name, t.schema, (t as { quote?: boolean }).quote);
      t._sqlBy = prep;
    }
    return t._sqlText;
  }

  visitLabelReference(el: OrderByLabelRef, kw: CompileKw): string {
    let target = kw.labelRefs?.get(el.labelName);
    // elsewhere (`over({ partitionBy: ["name"] })` in the columns clause) a name resolves against
    // the FROM elements of the SELECT being compiled
    const scope = this.stack[this.stack.length - 1];
    const froms = kw.labelFroms ?? (scope instanceof SelectScope ? scope.froms : undefined);
    if (!target && froms) {
      for (const f of froms as FromClause[]) {
        const cols = (f as { c?: Iterable<ColumnClause> }).c;
        if (!cols || typeof cols[Symbol.iterator] !== "function") continue;
        for (const col of cols) {
          if (col.key === el.labelName) {
            target = col;
            break;
          }
        }
        if (target) break;
      }
    }
    // outside any SELECT (an Index's `sa.desc("q")`, `String(sa.desc("q"))`) the name is rendered
    // as the text it is, as SQLAlchemy does
    if (!target && this.stack.length === 0) return el.labelName;
    if (!target) {
      throw new CompileError(
        `Can't resolve label reference for ORDER BY / GROUP BY / DISTINCT etc. Textual SQL expression '${el.labelName}' should be explicitly declared as text('${el.labelName}')`,
      );
    }
    if (target instanceof Label) return this.preparerQuote(target.name ?? this.anonLabelName(target));
    return this.process(target, kw);
  }

  // ---- expressions -------------------------------------------------------------------------

  visitBinary(b: BinaryExpression, kw: CompileKw): string {
    const op = b.operator;
    const inner = kw.asCriterion || kw.withinColumnsClause ? operandKw(kw) : kw;
    // one lookup decides whether the operator needs its own rendering (the common comparison
    // and arithmetic operators do not)
    const special = SPECIAL_BINARY[op.id];
    if (special !== undefined) return special(this, b, GENERIC_OPERANDS[op.id] ? inOperatorKw(kw) : inner);
    // LIKE has its own rendering in SQLAlchemy, which does not make its operands an operator's
    const operands = op === operators.like || op === operators.notLike ? inner : inOperatorKw(kw);
    if (op.id.startsWith("custom:")) {
      const text = `${this.process(b.left, operands)}${this.postProcessText(op.sql)}${this.process(b.right, operands)}`;
      return op.eagerGrouping && kw.inOperatorExpression ? `(${text})` : text;
    }
    const text = `${this.process(b.left, operands)}${op.sql}${this.process(b.right, operands)}`;
    return b.modifiers.escape === undefined
      ? text
      : `${text} ESCAPE ${this.renderLiteralString(b.modifiers.escape)}`;
  }

  /**
   * `left <op> right` for an eagerly grouped operator (SQLAlchemy's `_generate_generic_binary`
   * with `eager_grouping`): parenthesised when it is itself an operand of an operator.
   * @internal
   */
  eagerBinary(b: BinaryExpression, opText: string, kw: CompileKw): string {
    const operands = inOperatorKw(kw);
    const text = `${this.process(b.left, operands)}${opText}${this.process(b.right, operands)}`;
    return kw.inOperatorExpression ? `(${text})` : text;
  }

  /** @internal `arr[index]` (ARRAY items and slices, PostgreSQL) */
  visitGetitem(b: BinaryExpression, kw: CompileKw): string {
    return `${this.process(b.left, kw)}[${this.process(b.right, kw)}]`;
  }

  /**
   * @internal a JSON element by key or position. The generic form is SQLAlchemy's string
   * compiler's `doc[index]`; each dialect has its own.
   */
  visitJsonGetitem(b: BinaryExpression, kw: CompileKw): string {
    return this.visitGetitem(b, kw);
  }

  /** @internal a JSON element by path (generic form `doc[path]`) */
  visitJsonPathGetitem(b: BinaryExpression, kw: CompileKw): string {
    return this.visitGetitem(b, kw);
  }

  /** @internal BETWEEN, with SYMMETRIC when asked */
  visitBetween(b: BinaryExpression, kw: CompileKw): string {
    return `${this.process(b.left, kw)}${b.operator.sql}${b.modifiers.symmetric ? "SYMMETRIC " : ""}${this.process(b.right, kw)}`;
  }

  /** @internal `%`, doubled under format paramstyles */
  visitMod(b: BinaryExpression, kw: CompileKw): string {
    const pct = this.dialect.paramstyle === "format" || this.dialect.paramstyle === "pyformat" ? "%%" : "%";
    return `${this.process(b.left, kw)} ${pct} ${this.process(b.right, kw)}`;
  }

  /** A string literal in this dialect's escaping. */
  renderLiteralString(s: string): string {
    return this.dialect.renderLiteralValue(s, STRING_TYPE);
  }

  protected visitTruediv(b: BinaryExpression, kw: CompileKw): string {
    const left = this.process(b.left, kw);
    if (!this.dialect.divIsFloordiv) return `${left} / ${this.process(b.right, kw)}`;
    // the divisor is cast, as SQLAlchemy does, even when it is already a Numeric or Float
    const right = b.right as ColumnElement;
    const rt = right.type;
    const castType = rt.affinity === "numeric" || rt.affinity === "float" ? rt : new NumericType();
    return `${left} / ${this.process(new CastClass(right, castType), kw)}`;
  }

  protected visitFloordiv(b: BinaryExpression, kw: CompileKw): string {
    // plain division floors only when the whole expression is an integer (SQLAlchemy looks at the
    // result type: `price // 2` is FLOOR(price / 2))
    if (this.dialect.divIsFloordiv && b.type.affinity === "integer") {
      return `${this.process(b.left, kw)} / ${this.process(b.right, kw)}`;
    }
    return `FLOOR(${this.process(b.left, kw)} / ${this.process(b.right, kw)})`;
  }

  protected visitConcat(b: BinaryExpression, kw: CompileKw): string {
    return `${this.process(b.left, kw)} || ${this.process(b.right, kw)}`;
  }

  protected visitIlike(b: BinaryExpression, kw: CompileKw): string {
    const neg = b.operator.id === "not_ilike";
    let text = `lower(${this.process(b.left, kw)}) ${neg ? "NOT LIKE" : "LIKE"} lower(${this.process(b.right, kw)})`;
    if (b.modifiers.escape !== undefined) text += ` ESCAPE ${this.renderLiteralString(b.modifiers.escape)}`;
    return text;
  }

  protected visitIsDistinctFrom(b: BinaryExpression, kw: CompileKw): string {
    return `${this.process(b.left, kw)}${b.operator.sql}${this.process(b.right, kw)}`;
  }

  /** Each dialect spells regular expressions its own way; the generic one has none. */
  protected visitRegexp(_b: BinaryExpression, _kw: CompileKw): string {
    throw new CompileError(`${this.dialect.name} dialect does not support regular expressions`);
  }

  /** `a ^ b` (PostgreSQL spells it `#`). */
  protected visitBitwiseXor(b: BinaryExpression, kw: CompileKw): string {
    return `${this.process(b.left, kw)} ^ ${this.process(b.right, kw)}`;
  }

  protected visitMatch(b: BinaryExpression, kw: CompileKw): string {
    return `${this.process(b.left, kw)}${b.operator.sql}${this.process(b.right, kw)}`;
  }

  protected visitIn(b: BinaryExpression, kw: CompileKw): string {
    const neg = b.operator.id === "not_in";
    const left = this.process(b.left, kw);
    const rightEl = b.right;
    let right = this.process(rightEl, kw);
    if (rightEl instanceof BindParameter && rightEl.expanding) {
      const bname = this.boundName(rightEl);
      if (bname !== undefined) this.expandingOps.set(bname, neg ? "not_in" : "in");
      if (right === "\u0003EMPTY\u0003") return this.emptyInExpr(left, neg, rightEl);
      right = `(${right})`;
    } else if (!(rightEl instanceof Grouping) && !right.startsWith("(")) right = `(${right})`;
    // NOT IN is parenthesised because its empty-list form contains an OR
    return neg ? `(${left}${b.operator.sql}${right})` : `${left}${b.operator.sql}${right}`;
  }

  /**
   * What replaces `__[POSTCOMPILE_x]` inside `IN (…)` when the list is empty at execution:
   * `NULL) AND (1 != 1` (so the statement reads `x IN (NULL) AND (1 != 1)`).
   */
  emptySetInner(op: "in" | "not_in", arity: number): string {
    const nulls = arity > 1 ? `(${Array(arity).fill("NULL").join(", ")})` : "NULL";
    return op === "not_in" ? `${nulls}) OR (1 = 1` : `${nulls}) AND (1 != 1`;
  }

  /**
   * `x IN (NULL) AND (1 != 1)` / `(x NOT IN (NULL) OR (1 = 1))`, `(a, b) IN ((NULL, NULL)) AND
   * (1 != 1)` for a tuple: the empty-list forms, from the dialect's `emptySetInner`.
   */
  protected emptyInExpr(left: string, negated: boolean, bind: BindParameter): string {
    const arity = (bind.type as { types?: readonly unknown[] }).types?.length ?? 1;
    const inner = this.emptySetInner(negated ? "not_in" : "in", arity);
    return negated ? `(${left} NOT IN (${inner}))` : `${left} IN (${inner})`;
  }

  /** LIKE-family operators built on concatenation: contains, startsWith, endsWith. */
  protected visitLikeFamily(b: BinaryExpression, kw: CompileKw): string {
    const id = b.operator.id;
    const insensitive = id.startsWith("i");
    const neg = id.startsWith("not_");
    let left = this.process(b.left, kw);
    let right = this.process(b.right, kw);
    let like = neg ? "NOT LIKE" : "LIKE";
    if (insensitive) [left, right, like] = this.insensitiveLike(left, right, neg);
    const pct = this.renderLiteralString("%");
    const pattern = id.endsWith("contains")
      ? this.concatParts([pct, right, pct])
      : id.endsWith("startswith")
        ? this.concatParts([right, pct])
        : this.concatParts([pct, right]);
    let text = `${left} ${like} ${pattern}`;
    if (b.modifiers.escape !== undefined) text += ` ESCAPE ${this.renderLiteralString(b.modifiers.escape)}`;
    return text;
  }

  /** The case-insensitive form of `left LIKE right`: both sides lower()ed (PostgreSQL: ILIKE). */
  protected insensitiveLike(left: string, right: string, negated: boolean): [string, string, string] {
    return [`lower(${left})`, `lower(${right})`, negated ? "NOT LIKE" : "LIKE"];
  }

  /** Joins rendered parts with the dialect's concatenation. */
  protected concatParts(parts: string[]): string {
    return parts.join(" || ");
  }

  visitUnary(u: UnaryExpression, kw: CompileKw): string {
    const inner = {
      ...kw,
      asCriterion: u.operator === operators.inv ? kw.asCriterion : false,
      withinColumnsClause: false,
    };
    if (u.modifier === operators.isTrue || u.modifier === operators.isFalse) {
      const el = this.process(u.element, inner);
      if (this.dialect.supportsNativeBoolean) return `${el}${u.modifier.sql}`;
      return `${el} = ${u.modifier === operators.isTrue ? 1 : 0}`;
    }
    let text = this.process(u.element, inner);
    if (u.operator) text = `${u.operator.sql}${text}`;
    if (u.modifier) text = `${text}${u.modifier.sql}`;
    return text;
  }

  visitClauseList(cl: ClauseList, kw: CompileKw): string {
    const isBool = cl instanceof BooleanClauseList;
    const inner = isBool ? (cl.clauses.length > 1 ? criterionInOperatorKw(kw) : criterionKw(kw)) : kw;
    const parts: string[] = [];
    for (const c of cl.clauses) {
      const s = this.process(c, inner);
      if (s) parts.push(s);
    }
    return parts.join(cl.operator.sql);
  }

  visitLabel(label: Label, kw: CompileKw): string {
    if (kw.renderLabelAsLabel?.has(label)) {
      return this.preparerQuote(label.name ?? this.anonLabelName(label));
    }
    if (kw.withinColumnsClause) {
      const name = label.name ?? this.anonLabelName(label);
      const el = this.process(label.element, columnsClauseKw(kw, false));
      return `${el} AS ${this.preparerQuote(name)}`;
    }
    return this.process(label.element, kw);
  }

  /** The anonymous label of an expression in this compile (`anon_1`, `count_1`, or a wrapped column's name). */
  anonLabelName(el: ColumnElement): string {
    if (el instanceof Label && el.name) return el.name;
    const base = el instanceof Label ? el.element : el;
    const named = base._labelName;
    if (named !== null) return named;
    return this.truncated(
      "colident",
      this.anonName(el instanceof Label ? el : base, base._anonLabelBase, this.labelAnonMap),
    );
  }

  visitCast(c: Cast, kw: CompileKw): string {
    return `CAST(${this.process(c.element, kwWith(kw, { withinColumnsClause: false }))} AS ${this.dialect.typeCompiler.process(c.type)})`;
  }

  visitCase(c: Case, kw: CompileKw): string {
    const inner = kwWith(kw, { withinColumnsClause: false });
    let text = "CASE ";
    if (c.value) text += `${this.process(c.value, inner)} `;
    for (const [when, then] of c.whens) {
      text += `WHEN ${this.process(when, kwWith(inner, { asCriterion: !c.value }))} THEN ${this.process(then, inner)} `;
    }
    if (c.else_) text += `ELSE ${this.process(c.else_, inner)} `;
    return `${text}END`;
  }

  visitExtract(e: Extract, kw: CompileKw): string {
    return `EXTRACT(${e.field} FROM ${this.process(e.expr, kwWith(kw, { withinColumnsClause: false }))})`;
  }

  visitTuple(t: Tuple, kw: CompileKw): string {
    return `(${t.clauses.map((c) => this.process(c, kwWith(kw, { withinColumnsClause: false }))).join(", ")})`;
  }

  visitFunction(fn: FunctionElement, kw: CompileKw): string {
    const inner = kwWith(kw, { withinColumnsClause: false, asCriterion: false });
    const ansi = fn.ansiSql(() => this.process(fn.clauses, inner));
    if (ansi !== null) return ansi;
    return `${this.functionName(fn)}(${this.process(fn.clauses, inner)})`;
  }

  /** Function names render as written; a name needing quotes (or package parts) is quoted. */
  protected functionName(fn: FunctionElement): string {
    const pkgs = fn.packageNames.map((p) => this.preparerQuote(p));
    const n =
      this.dialect.identifierPreparer.requiresQuotes(fn.name.toLowerCase()) &&
      !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(fn.name)
        ? this.dialect.identifierPreparer.quoteIdentifier(fn.name)
        : fn.name;
    return [...pkgs, n].join(".");
  }

  visitOver(o: Over, kw: CompileKw): string {
    const inner = kwWith(kw, { withinColumnsClause: false });
    const parts: string[] = [];
    if (o.partitionBy) parts.push(`PARTITION BY ${this.process(o.partitionBy, inner)}`);
    if (o.orderBy) parts.push(`ORDER BY ${this.process(o.orderBy, inner)}`);
    const frame = o.rows ?? o.range;
    if (frame) {
      const [lo, hi] = o.frameBinds;
      const start = this.frameBound(frame[0], lo, true, inner);
      const end = this.frameBound(frame[1], hi, false, inner);
      parts.push(`${o.rows ? "ROWS" : "RANGE"} BETWEEN ${start} AND ${end}`);
    }
    return `${this.process(o.element, inner)} OVER (${parts.join(" ")})`;
  }

  private frameBound(b: FrameBound, bind: BindParameter | null, start: boolean, kw: CompileKw): string {
    if (b === null) return start ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING";
    if (bind === null) return "CURRENT ROW";
    const offset = this.frameOffsetInline
      ? this.process(bind, kwWith(kw, { literalBinds: true }))
      : this.process(bind, kw);
    return `${offset} ${b < 0 ? "PRECEDING" : "FOLLOWING"}`;
  }

  /** Whether window frame offsets are written inline (a server that cannot bind them). */
  protected get frameOffsetInline(): boolean {
    return false;
  }

  visitFunctionFilter(f: FunctionFilter, kw: CompileKw): string {
    const inner = kwWith(kw, { withinColumnsClause: false });
    return `${this.process(f.func, inner)} FILTER (WHERE ${this.process(f.criterion, kwWith(inner, { asCriterion: true }))})`;
  }

  visitWithinGroup(w: WithinGroup, kw: CompileKw): string {
    const inner = kwWith(kw, { withinColumnsClause: false });
    return `${this.process(w.element, inner)} WITHIN GROUP (ORDER BY ${this.process(w.orderBy, inner)})`;
  }

  visitScalarSelect(s: ScalarSelect, kw: CompileKw): string {
    return `(${this.process(s.element, kwWith(kw, { asSubquery: false, withinColumnsClause: false, scalarSubquery: true, asCriterion: false }))})`;
  }

  visitExists(e: Exists, kw: CompileKw): string {
    return `EXISTS (${this.process(e.element, kwWith(kw, { withinColumnsClause: false, scalarSubquery: true, asCriterion: false }))})`;
  }

  // ---- FROM elements -----------------------------------------------------------------------

  visitAlias(a: Alias, kw: CompileKw): string {
    if (a instanceof CTE) return this.visitCte(a, kw);
    if (this.stack.length === 0 && !kw.asfrom && !this.toplevelSet) {
      // compiling an alias or subquery by itself renders what it stands for
      return this.process(a.element, kw);
    }
    const name = this.preparerQuote(this.aliasName(a));
    if (!kw.asfrom) return name;
    const isLateral = a instanceof Lateral;
    // an alias of an alias names what the innermost one stands for (SQLAlchemy's enclosing_alias):
    // `mytable AS bat`, never `mytable AS foo AS bat`
    let element = a.element;
    while (element instanceof Alias && !(element instanceof CTE) && !(element instanceof Lateral)) {
      element = element.element;
    }
    let inner: string;
    if (element instanceof SelectBase) {
      inner = this.process(element, {
        ...kw,
        asfrom: true,
        asSubquery: true,
        lateral: isLateral,
        withinColumnsClause: false,
      });
      if (!inner.startsWith("(")) inner = `(${inner})`;
    } else {
      inner = this.process(element, kwWith(kw, { asfrom: true }));
    }
    return `${isLateral ? "LATERAL " : ""}${inner}${this.aliasKeyword()}${name}`;
  }

  /** ` AS ` between a FROM element and its alias name. */
  protected aliasKeyword(): string {
    return " AS ";
  }

  /** Registers a CTE for the WITH clause and renders its reference. */
  visitCte(cte: CTE, kw: CompileKw): string {
    const root = cte._root;
    const name = this.cteName(root);
    // a nesting CTE goes into the WITH of the statement that references it (the top one: the main WITH)
    const target =
      root.nesting && this.stack.length > 1
        ? (this.nestingLevels[this.nestingLevels.length - 1] ??= new Map())
        : this.ctes;
    const cteByName = (this._cteByName ??= new Map());
    const cteVersions = (this._cteVersions ??= new Map());
    const sameName = cteByName.get(name);
    if (sameName && sameName !== root) {
      throw new CompileError(`Multiple, unrelated CTEs found with the same name: '${name}'`);
    }
    cteByName.set(name, root);
    const registered = cteVersions.get(root);
    // a restatement (`cte.unionAll(...)`) replaces a plain reference rendered earlier
    const upgrade =
      registered !== undefined && registered !== cte && cte._restates !== null && kw.visitingCte !== root;
    if ((!target.has(root) && kw.visitingCte !== root) || upgrade) {
      cteVersions.set(root, cte);
      if (!upgrade) target.set(root, "");
      const def = cte;
      const columns: string[] = [];
      const body = this.process(def.element, {
        ...kw,
        asfrom: true,
        asSubquery: false,
        withinColumnsClause: false,
        visitingCte: root,
        populateResultMap: false,
        cteBody: true,
        cteColumns: columns,
      });
      if (def.recursive && !root.nesting) this.ctesRecursive = true;
      let header = this.preparerQuote(name);
      if (def.recursive) header += `(${columns.map((c) => this.preparerQuote(c)).join(", ")})`;
      if (!upgrade) target.delete(root);
      target.set(root, `${header} AS \n(${body})`);
    }
    return this.preparerQuote(name);
  }

  /** `WITH [RECURSIVE] a AS (...), b AS (...) ` */
  renderCtes(): string {
    return this._ctes === null ? "" : this.withClause(this._ctes, this.ctesRecursive);
  }

  protected withClause(ctes: Map<CTE, string>, recursive: boolean): string {
    const parts = [...ctes.values()].filter((s) => s);
    if (!parts.length) return "";
    return `WITH ${recursive ? "RECURSIVE " : ""}${parts.join(", ")} `;
  }

  /** `(VALUES (…), (…)) AS name (a, b)` */
  visitValues(v: import("../selectable/values.js").Values, kw: CompileKw): string {
    const lit = kwWith(kw, { literalBinds: kw.literalBinds || v.literalBinds });
    const rows = v.rows.map((r) => `(${r.map((e) => this.process(e, lit)).join(", ")})`).join(", ");
    const name = v.name ?? this.anonName(v, "anon", this.labelAnonMap);
    if (!kw.asfrom) return this.preparerQuote(name);
    const cols = v.columnList.map((c) => this.preparerQuote(c.name)).join(", ");
    return `(VALUES ${rows}) AS ${this.preparerQuote(name)} (${cols})`;
  }

  /** ` JOIN `, ` LEFT OUTER JOIN `, ` FULL OUTER JOIN ` */
  protected joinKeyword(j: Join): string {
    return j.full ? " FULL OUTER JOIN " : j.isouter ? " LEFT OUTER JOIN " : " JOIN ";
  }

  visitJoin(j: Join, kw: CompileKw): string {
    const inner = kw.asfrom ? kw : kwWith(kw, { asfrom: true });
    const kind = this.joinKeyword(j);
    const left = this.process(j.left, inner);
    const right = this.process(j.right, inner);
    const rightText = j.right.visitName === "join" ? `(${right})` : right;
    return `${left}${kind}${rightText} ON ${this.process(j.onclause.selfGroup(operators.asBool), onClauseKw(kw))}`;
  }

  // ---- SELECT ------------------------------------------------------------------------------

  /** The FROM list a SELECT renders: explicit, then from columns, then from WHERE; joins hide their parts. */
  protected selectFroms(s: Select): FromClause[] {
    const all: FromClause[] = [];
    for (const f of s._from) addFrom(all, f);
    // the FROM elements the columns and WHERE criteria refer to, in order, each once
    const implied: FromClause[] = [];
    for (const c of s._rawColumns) collectFroms(c, implied);
    for (const c of s._where) collectFroms(c, implied);
    for (const f of implied) addFrom(all, f);
    // a join hides its parts (few: a list is cheaper than a set)
    let hidden: FromClause[] | null = null;
    for (const f of all) {
      const hides = f._hideFroms as readonly FromClause[] | undefined; // none on a text() FROM
      if (hides?.length) {
        hidden ??= [];
        for (const h of hides) hidden.push(h instanceof CTE ? h._root : h);
      }
    }
    if (hidden === null) return all;
    const shown: FromClause[] = [];
    for (const f of all) if (!hidden.includes(f instanceof CTE ? f._root : f)) shown.push(f);
    return shown;
  }

  protected displayFroms(
    s: Select,
    froms: FromClause[],
    explicitCorrelate: Set<FromClause>,
    implicitCorrelate: Set<FromClause>,
  ): FromClause[] {
    let out = froms;
    if (s._correlate?.length) {
      const to = s._correlate;
      out = out.filter((f) => !(explicitCorrelate.has(f) && to.some((t) => f._isDerivedFrom(t) || t === f)));
    }
    if (s._correlateExcept !== null) {
      const except = s._correlateExcept;
      out = out.filter((f) => !(explicitCorrelate.has(f) && !except.some((t) => t === f)));
    }
    if (s._autoCorrelate && implicitCorrelate.size && out.length > 1) {
      out = out.filter((f) => !implicitCorrelate.has(f));
      if (out.length === 0) {
        throw new InvalidRequestError(
          "Select statement returned no FROM clauses due to auto-correlation; specify correlate(<tables>) to control correlation manually.",
        );
      }
    }
    return out;
  }

  visitSelect(s: Select, kw: CompileKw): string {
    const toplevel = this.stack.length === 0;
    const entry: StackEntry = toplevel ? TOP_ENTRY : this.stack[this.stack.length - 1];
    const asSubquery = kw.asSubquery === true || kw.asfrom === true;
    const allFroms = this.selectFroms(s);
    let froms: FromClause[];
    if (kw.asfrom && !kw.lateral && !kw.scalarSubquery) {
      const explicit = new Set([...entry.correlateFroms].filter((f) => !entry.asfromFroms.has(f)));
      froms = this.displayFroms(s, allFroms, explicit, new Set());
    } else {
      froms = this.displayFroms(s, allFroms, entry.correlateFroms, entry.asfromFroms);
    }
    this.stack.push(new SelectScope(s, froms, entry));
    const populate =
      toplevel && !this.toplevelSet && kw.compoundIndex === undefined
        ? true
        : kw.compoundIndex === 0 && kw.populateResultMap === true;
    if (toplevel && !this.toplevelSet) {
      this.toplevelSet = true;
      this.kind = "select";
    }
    const inner = selectKw(kw, false);
    const fromKw = selectKw(kw, true);
    for (const cte of s._addedCtes) this.process(cte, fromKw);

    let text = "SELECT ";
    if (s._prefixes.length) text += `${s._prefixes.join(" ")} `;
    text += this.selectPrecolumns(s, inner);
    this.nestingLevels.push(null);
    const cteColumns =
      kw.compoundIndex === undefined || kw.compoundIndex === 0
        ? (kw.cteColumns as string[] | undefined)
        : undefined;
    const { columns, labelRefs, labels } = this.selectColumns(
      s,
      asSubquery,
      populate && (kw.populateResultMap ?? true),
      inner,
      cteColumns,
    );
    text += columns.join(", ");
    if (froms.length) {
      let fromText = this.process(froms[0], fromKw);
      for (let i = 1; i < froms.length; i++) fromText += `, ${this.process(froms[i], fromKw)}`;
      text += ` \nFROM ${fromText}`;
    } else {
      text += this.defaultFrom(s);
    }
    if (s._where.length) {
      const w = this.delimitedAnd(s._where, inner);
      if (w) text += ` \nWHERE ${w}`;
    }
    if (s._groupBy.length || s._orderBy.length) {
      // a string reference (orderBy("name")) may name a column of the FROM elements, not only a label
      const refKw: CompileKw = kwCopy(inner);
      refKw.renderLabelAsLabel = labels;
      refKw.labelRefs = labelRefs;
      refKw.labelFroms = froms;
      if (s._groupBy.length) text += this.groupByClause(s, refKw);
      if (s._having.length) {
        const h = this.delimitedAnd(s._having, inner);
        if (h) text += ` \nHAVING ${h}`;
      }
      if (s._orderBy.length) text += this.orderByClause(s._orderBy, refKw);
    } else if (s._having.length) {
      const h = this.delimitedAnd(s._having, inner);
      if (h) text += ` \nHAVING ${h}`;
    }
    // FETCH FIRST takes the place of LIMIT/OFFSET, as SQLAlchemy's _row_limit_clause
    if (s._fetch) text += this.fetchClause(s, inner);
    else if (s._limit || s._offset) text += this.limitClause(s, inner);
    if (s._forUpdate) text += this.forUpdateClause(s, inner);
    if (s._suffixes.length) text += ` ${s._suffixes.join(" ")}`;
    const nested = this.nestingLevels.pop();
    if (nested) {
      if (!toplevel) text = this.withClause(nested, false) + text;
      else for (const [k, v] of nested) this.ctes.set(k, v);
    }
    this.stack.pop();
    if (
      toplevel &&
      this._ctes?.size &&
      this.stack.length === 0 &&
      kw.compoundIndex === undefined &&
      !kw.insertFromSelect
    ) {
      // WITH is added by compile() for the top statement
    }
    if (asSubquery && !kw.cteBody && kw.compoundIndex === undefined) return `(${text})`;
    return text;
  }

  /** Criteria joined with AND, `true()`/`false()` simplified as SQLAlchemy does. */
  protected delimitedAnd(criteria: readonly ClauseElement[], kw: CompileKw): string {
    let hasTrue: ClauseElement | null = null;
    let list: ClauseElement[] = [];
    for (const c of criteria) {
      if (c instanceof True) hasTrue = c;
      else if (c instanceof False) {
        list = [c];
        break;
      } else list.push(c);
    }
    if (list.length === 0 && hasTrue) list = [hasTrue];
    if (list.length === 1) return this.process(list[0].selfGroup(operators.asBool), criterionKw(kw));
    const ckw = criterionInOperatorKw(kw);
    let text = "";
    for (const c of list) {
      const part = this.process(c.selfGroup(operators.and), ckw);
      if (part) text = text ? `${text} AND ${part}` : part;
    }
    return text;
  }

  /** `DISTINCT ` (PostgreSQL adds `DISTINCT ON (…)`). */
  protected selectPrecolumns(s: Select, _kw: CompileKw): string {
    return s._distinct ? "DISTINCT " : "";
  }

  /** Text when a SELECT has no FROM (MySQL/Oracle override). */
  protected defaultFrom(_s: Select): string {
    return "";
  }

  protected groupByClause(s: Select, kw: CompileKw): string {
    return ` GROUP BY ${s._groupBy.map((g) => this.process(g, kwWith(kw, { renderLabelAsLabel: undefined }))).join(", ")}`;
  }

  protected orderByClause(order: readonly ClauseElement[], kw: CompileKw): string {
    const inExpression = kw.renderLabelAsLabel ? kwWith(kw, { renderLabelAsLabel: undefined }) : kw;
    return ` ORDER BY ${order.map((g) => this.process(g, isLabelTerm(g) ? kw : inExpression)).join(", ")}`;
  }

  /** `LIMIT x OFFSET y` in the dialect's form. */
  protected limitClause(s: Select | CompoundSelect, kw: CompileKw): string {
    let text = "";
    if (s._limit) text += `\n LIMIT ${this.process(s._limit, kw)}`;
    if (s._offset) {
      if (!s._limit) text += "\n LIMIT -1";
      text += ` OFFSET ${this.process(s._offset, kw)}`;
    }
    return text;
  }

  /**
   * `OFFSET n ROWS FETCH FIRST m ROWS ONLY`, rendered on every dialect as SQLAlchemy does (a
   * database without it rejects the statement rather than silently returning every row).
   */
  protected fetchClause(s: Select, kw: CompileKw): string {
    const f = s._fetch!;
    let text = "";
    if (s._offset) text += `\n OFFSET ${this.fetchOperand(s._offset, kw)} ROWS`;
    text += `\n FETCH FIRST ${this.fetchOperand(f.count, kw)}${f.opts.percent ? " PERCENT" : ""} ROWS ${f.opts.withTies ? "WITH TIES" : "ONLY"}`;
    return text;
  }

  /** An OFFSET/FETCH operand (PostgreSQL parenthesises it). */
  protected fetchOperand(el: ClauseElement, kw: CompileKw): string {
    return this.process(el, kw);
  }

  /** ` FOR UPDATE` (dialects add NOWAIT, SKIP LOCKED, OF, FOR SHARE …). */
  /**
   * The names after `FOR UPDATE OF`: the tables of the given columns, tables and joins
   * (SQLAlchemy's surface_selectables_only), unqualified as PostgreSQL requires; text as written.
   */
  protected lockOfNames(of: ClauseElement | readonly ClauseElement[], kw: CompileKw): string[] {
    const names: string[] = [];
    const add = (o: ClauseElement): void => {
      if (o.visitName === "join") {
        add((o as Join).left);
        add((o as Join).right);
        return;
      }
      const table = (o as { table?: ClauseElement | null }).table;
      if (o instanceof ColumnClause && table) {
        add(table);
        return;
      }
      const name =
        o instanceof TableClause
          ? this.preparerQuote(o.name)
          : (this.fromName(o) ?? this.process(o, kwWith(kw, { withinColumnsClause: false })));
      if (!names.includes(name)) names.push(name);
    };
    for (const o of Array.isArray(of) ? of : [of]) add(o as ClauseElement);
    return names;
  }

  protected forUpdateClause(_s: Select, _kw: CompileKw): string {
    return " FOR UPDATE";
  }

  /**
   * The columns clause: SQLAlchemy's labelling rules (label duplicates, label anonymous
   * expressions, label every table column inside a subquery) and the result map.
   */
  protected selectColumns(
    s: Select,
    asSubquery: boolean,
    populate: boolean,
    kw: CompileKw,
    cteColumns?: string[],
  ): { columns: string[]; labelRefs: Map<string, ColumnElement>; labels: Set<Label> } {
    const tq = s._labelStyle === LABEL_STYLE_TABLENAME_PLUS_COL;
    const none = s._labelStyle === LABEL_STYLE_NONE;
    const names = new Map<string, ColumnElement>();
    const out: string[] = [];
    // label references are only resolved in ORDER BY and GROUP BY
    const wantRefs = s._orderBy.length > 0 || s._groupBy.length > 0;
    const labelRefs = wantRefs ? new Map<string, ColumnElement>() : null;
    const labels = wantRefs ? new Set<Label>() : null;
    const ckw: CompileKw = columnsClauseKw(kw, true);
    const plainKw: CompileKw = columnsClauseKw(kw, false);
    for (const col of s._columns) {
      // a unary around a named column (`-t.x`, `t.x DESC`) is selected bare at the top and its
      // result keyed by the column's name (SQLAlchemy 2.0.42+, #12681); no anonymous label is used
      const bareName =
        col instanceof UnaryExpression && !asSubquery && !none ? this.bareUnaryName(col) : null;
      if (bareName !== null) {
        const rendered = this.process(col, plainKw);
        out.push(rendered);
        cteColumns?.push(bareName);
        if (populate)
          this.resultColumns.push({
            keyname: bareName,
            name: bareName,
            objects: [col, bareName],
            type: col.type,
          });
        continue;
      }
      let required: string | null = null;
      let fallback: string | null = null;
      let repeated = false;
      let effective: string | null = null;
      // only the tablename-plus-column style needs it: an anonymous alias is numbered when its
      // name is first rendered, after the column's own anonymous name (`anon_2.anon_1`)
      const tableName = !tq
        ? undefined
        : ((col._fromTable as { name?: string } | null)?.name ??
          (col._fromTable instanceof Alias ? this.aliasName(col._fromTable) : undefined));
      const isLiteral = col instanceof ColumnClause && col.isLiteral;
      if (col instanceof Label) {
        labels?.add(col);
        if (col.name) labelRefs?.set(col.name, col);
      } else if (col instanceof ColumnClause && !isLiteral) {
        labelRefs?.set(col.key, col);
        if (col.name !== col.key) labelRefs?.set(col.name, col);
      }
      if (none) {
        fallback = col._labelName;
      } else if (tq && col instanceof ColumnClause && !isLiteral && tableName) {
        const fromTable = col._fromTable instanceof Alias ? this.aliasName(col._fromTable) : tableName;
        required = effective = fallback = `${fromTable}_${this.columnName(col)}`;
      } else {
        // a unary not selected bare takes an anonymous label, even around a named column
        effective =
          col instanceof ColumnClause
            ? isLiteral
              ? null
              : this.columnName(col)
            : col instanceof UnaryExpression
              ? null
              : col._labelName;
        fallback = effective;
        if (col instanceof ColumnClause && isLiteral) effective = fallback = null;
      }
      if (!none && effective === null && !(col instanceof ColumnClause && isLiteral)) {
        const anon = this.anonLabelName(col);
        repeated = names.has(anon) && names.get(anon) !== col ? false : names.has(anon);
        if (names.has(anon) && names.get(anon) === col) {
          repeated = true;
          fallback = unusedName(names, anon, "__");
          names.set(fallback, col);
        } else {
          names.set(anon, col);
          fallback = anon;
        }
      } else if (effective !== null) {
        const existing = names.get(effective);
        if (existing !== undefined) {
          // inside a subquery, numbered within this SELECT as the subquery's columns are
          // (SelectBase._exportedColumns); at the top, from the compile's anonymous counters
          // (shared with bind names, as in SQLAlchemy)
          if (existing !== col) {
            // a CAST or type_coerce of a column repeats that column's name and is told apart
            // with SQLAlchemy's dedupe label (`name__1`), anything else with `name_1`
            const wraps = col instanceof CastClass || col instanceof TypeCoerce;
            required = fallback = asSubquery
              ? unusedName(names, effective, "_")
              : this.anonName(col, wraps ? `${effective}_` : effective, this.labelAnonMap);
          } else {
            required = fallback = unusedName(names, effective, "__");
            repeated = true;
          }
          names.set(required, col);
        } else names.set(effective, col);
      }
      let rendered: string;
      let resultName: string;
      if (col instanceof Label) {
        rendered = this.process(col, ckw);
        resultName = col.name ?? this.anonLabelName(col);
      } else if (required) {
        required = this.truncated("colident", required);
        rendered = `${this.process(col, plainKw)} AS ${this.preparerQuote(required)}`;
        resultName = required;
      } else {
        let withLabel = false;
        if (col instanceof ColumnClause) {
          withLabel = asSubquery && !col.isLiteral && col.table !== null;
        } else if (col instanceof UnaryExpression) {
          withLabel = true;
        } else if ((col as ClauseElement).visitName === "textclause") {
          withLabel = false;
        } else if (col instanceof AsBoolean) {
          withLabel = true;
        } else {
          withLabel = true;
        }
        if (none) withLabel = false;
        if (withLabel && fallback) {
          fallback = this.truncated("colident", fallback);
          rendered = `${this.process(col, plainKw)} AS ${this.preparerQuote(fallback)}`;
          resultName = fallback;
        } else {
          rendered = this.process(col, plainKw);
          resultName = fallback ?? col._labelName ?? rendered;
        }
      }
      out.push(rendered);
      cteColumns?.push(resultName);
      if (populate) {
        // a column renamed to tell it apart (`b.id AS id_1`) is keyed by that name, as in SQLAlchemy;
        // an explicit label keeps its own name even when repeated (`AS x, … AS x` gives keys x, x)
        const keyname = col instanceof Label ? resultName : (required ?? col._keyName ?? resultName);
        this.resultColumns.push({
          keyname: repeated ? resultName : keyname,
          name: resultName,
          objects: repeated ? [resultName] : [col, keyname, resultName],
          type: col.type,
        });
      }
    }
    return { columns: out, labelRefs: labelRefs ?? NO_REFS, labels: labels ?? NO_LABELS };
  }

  /**
   * The name a selected unary is keyed by when it goes without a label: the wrapped column's or
   * named label's, unless it is a boolean test the dialect spells as a comparison (`x = 1`).
   */
  protected bareUnaryName(u: UnaryExpression): string | null {
    if (
      (u.modifier === operators.isTrue || u.modifier === operators.isFalse) &&
      !this.dialect.supportsNativeBoolean
    )
      return null;
    let inner: ClauseElement = u.element;
    while (inner instanceof Grouping) inner = inner.element;
    if (inner instanceof ColumnClause) return inner._labelName ?? inner.name;
    if (inner instanceof Label) return inner.name;
    return null;
  }

  visitCompoundSelect(cs: CompoundSelect, kw: CompileKw): string {
    const toplevel = this.stack.length === 0;
    if (toplevel && !this.toplevelSet) {
      this.toplevelSet = true;
      this.kind = "select";
    }
    const entry = toplevel
      ? { correlateFroms: new Set<FromClause>(), asfromFroms: new Set<FromClause>(), select: cs }
      : this.stack[this.stack.length - 1];
    this.stack.push({ correlateFroms: entry.correlateFroms, asfromFroms: entry.asfromFroms, select: cs });
    const keyword = ` ${COMPOUND_KEYWORDS[cs.kind]} `;
    const inner: CompileKw = {
      literalBinds: kw.literalBinds,
      visitingCte: kw.visitingCte,
      asSubquery: kw.asSubquery || kw.asfrom,
    };
    const parts = cs.selects.map((sel, i) => {
      const needsParens =
        (sel instanceof SelectBase && sel.visitName === "compound_select") ||
        (sel as Select)._limit != null ||
        (sel as Select)._offset != null ||
        ((sel as Select)._orderBy?.length ?? 0) > 0;
      const txt = this.process(sel, {
        ...inner,
        asfrom: false,
        asSubquery: (inner.asSubquery as boolean) ?? false,
        compoundIndex: i,
        populateResultMap: toplevel && i === 0,
        cteColumns: i === 0 ? kw.cteColumns : undefined,
      });
      const clean = txt.startsWith("(") && !needsParens && inner.asSubquery ? txt.slice(1, -1) : txt;
      return needsParens && !clean.startsWith("(") ? `(${clean})` : clean;
    });
    let text = parts.join(keyword);
    const labelRefs = new Map<string, ColumnElement>();
    for (const e of cs._exported()) labelRefs.set(e.key, e.expr);
    const refKw: CompileKw = { ...inner, labelRefs, includeTable: false };
    if (cs._groupBy.length) text += ` GROUP BY ${cs._groupBy.map((g) => this.process(g, refKw)).join(", ")}`;
    if (cs._orderBy.length) text += this.orderByClause(cs._orderBy, refKw);
    if (cs._limit || cs._offset) text += this.limitClause(cs, inner);
    this.stack.pop();
    if ((kw.asSubquery || kw.asfrom) && !kw.cteBody) return `(${text})`;
    return text;
  }

  // ---- DML (crud.ts implements the column logic) ---------------------------------------------

  visitInsert(stmt: import("../dml/insert.js").Insert, kw: CompileKw): string {
    return crudHooks.insert!(this, stmt, kw);
  }

  visitUpdate(stmt: import("../dml/update.js").Update, kw: CompileKw): string {
    return crudHooks.update!(this, stmt, kw);
  }

  visitDelete(stmt: import("../dml/delete.js").Delete, kw: CompileKw): string {
    return crudHooks.delete!(this, stmt, kw);
  }

  /** @internal used by the DML compiler: whether the top statement was claimed */
  claimTop(kind: SQLCompiler["kind"]): boolean {
    if (this.toplevelSet) return false;
    this.toplevelSet = true;
    this.kind = kind;
    return true;
  }

  /** @internal */
  get stackDepth(): number {
    return this.stack.length;
  }

  /** @internal pushes a DML statement's FROM context, so subqueries in it correlate */
  pushDmlFroms(froms: FromClause[]): void {
    const s = new Set<FromClause>();
    for (const f of froms) for (const o of f._fromObjects) s.add(o);
    this.stack.push({ correlateFroms: s, asfromFroms: s, select: this.statement });
  }

  popDmlFroms(): void {
    this.stack.pop();
  }

  /** @internal hands the WITH clause to the DML compiler, which places it itself */
  takeCtes(): string {
    this.cteRenderedInline = true;
    return this.renderCtes();
  }

  /** @internal */
  get hasCtes(): boolean {
    return this._ctes !== null && this._ctes.size > 0;
  }

  /** RETURNING clause; SQLite overrides it to render unqualified columns. */
  returningClause(cols: readonly ColumnElement[], kw: CompileKw, populate: boolean): string {
    const parts: string[] = [];
    const names = new Map<string, ColumnElement>();
    const includeTable = this.returningIncludesTable();
    const inner = kwWith(kw, { withinColumnsClause: false, includeTable });
    for (const col of cols) {
      let text: string;
      let name: string;
      if (col instanceof Label) {
        // a labelled expression's columns are unqualified on SQLite too (`id + ? AS nid`)
        text = this.process(col, kwWith(kw, { withinColumnsClause: true, includeTable }));
        name = col.name ?? this.anonLabelName(col);
      } else if (col instanceof ColumnClause && !col.isLiteral) {
        text = this.process(col, inner);
        name = col.name;
        if (names.has(name) && names.get(name) !== col) {
          name = this.anonName(col, col.name);
          text += ` AS ${this.preparerQuote(name)}`;
        }
      } else {
        text = this.process(col, inner);
        name = col._labelName ?? this.anonLabelName(col);
        if (!(col instanceof ColumnClause)) text += ` AS ${this.preparerQuote(name)}`;
      }
      names.set(name, col);
      parts.push(text);
      if (populate)
        this.resultColumns.push({
          keyname: col._keyName ?? name,
          name,
          objects: [col, col._keyName ?? name, name],
          type: col.type,
        });
    }
    return `RETURNING ${parts.join(", ")}`;
  }

  /** Whether RETURNING columns carry their table name (not on SQLite). */
  protected returningIncludesTable(): boolean {
    return true;
  }

  /** The SQL of an UPDATE ... FROM extra tables clause (PostgreSQL/SQLite form). */
  updateFromClause(_froms: readonly FromClause[], _kw: CompileKw): string {
    throw new CompileError("This backend does not support multiple-table criteria within UPDATE");
  }

  /** The SQL of a DELETE with extra tables (PostgreSQL: USING); the generic dialect has none. */
  deleteExtraFromClause(_table: FromClause, _froms: readonly FromClause[], _kw: CompileKw): string {
    throw new CompileError("This backend does not support multiple-table criteria within DELETE");
  }

  /** @internal renders a column for an UPDATE SET target */
  updateSetTarget(col: ColumnElement, kw: CompileKw): string {
    return this.process(col, kwWith(kw, { includeTable: false }));
  }

  /** @internal whether UPDATE SET names need their table (MySQL multi-table UPDATE) */
  get updateSetIncludesTable(): boolean {
    return false;
  }

  /**
   * ON CONFLICT / ON DUPLICATE KEY clause of a dialect insert; none by default. An upsert built
   * for another dialect is refused, as SQLAlchemy's compiler cannot render it, rather than sent
   * as a plain INSERT.
   */
  insertOnConflict(stmt: import("../dml/insert.js").Insert, _kw: CompileKw): string {
    const upsert = stmt as { _onConflict?: unknown; _onDuplicate?: unknown };
    if (upsert._onConflict || upsert._onDuplicate) {
      const clause = upsert._onConflict ? "ON CONFLICT" : "ON DUPLICATE KEY UPDATE";
      throw new CompileError(`The ${this.dialect.name} dialect can't render an INSERT with ${clause}`);
    }
    return "";
  }

  /** `nextval('seq')` for a sequence-generated column (dialects with sequences) */
  nextvalSql(name: string, schema?: string): string {
    const prep = this.dialect.identifierPreparer;
    return `nextval('${prep.formatTable(name, schema)}')`;
  }

  /** The table list after UPDATE (MySQL renders several tables here) */
  updateTablesClause(table: FromClause, _extraFroms: readonly FromClause[], kw: CompileKw): string {
    return this.process(table, kwWith(kw, { asfrom: true }));
  }

  /** WHERE criteria joined with AND */
  processWhere(criteria: readonly ClauseElement[], kw: CompileKw): string {
    return this.delimitedAnd(criteria, kw);
  }

  /** Places the WITH clause of CTEs a DML statement referenced */
  withDmlCtes(text: string, _kw: CompileKw): string {
    if (this.stack.length === 0 && this.hasCtes && !this.cteRenderedInline) return this.takeCtes() + text;
    return text;
  }

  /** `INSERT INTO t DEFAULT VALUES` or the dialect's empty-insert form */
  emptyInsertClause(): string {
    return this.dialect.supportsDefaultValues
      ? " DEFAULT VALUES"
      : this.dialect.supportsEmptyInsert
        ? " () VALUES ()"
        : " DEFAULT VALUES";
  }
}

/** @internal installed by crud.ts */
export const crudHooks: {
  insert?: (c: SQLCompiler, stmt: import("../dml/insert.js").Insert, kw: CompileKw) => string;
  update?: (c: SQLCompiler, stmt: import("../dml/update.js").Update, kw: CompileKw) => string;
  delete?: (c: SQLCompiler, stmt: import("../dml/delete.js").Delete, kw: CompileKw) => string;
} = {};

/**
 * Adds a FROM element to a SELECT's list unless it is there already (a CTE counts as its root:
 * a restatement replaces the plain reference).
 */
function addFrom(all: FromClause[], f: FromClause): void {
  const key = f instanceof CTE ? f._root : f;
  for (let i = 0; i < all.length; i++) {
    const x = all[i];
    if ((x instanceof CTE ? x._root : x) === key) {
      if (f instanceof CTE && f._restates && x !== f) all[i] = f;
      return;
    }
  }
  all.push(f);
}

// what a Compiled gets when the statement had no expanding or escaped binds (never modified)
const NO_NAMES: ReadonlySet<string> = new Set();
const NO_ESCAPES: ReadonlyMap<string, string> = new Map();
const NO_OPS: ReadonlyMap<string, "in" | "not_in"> = new Map();

// what selectColumns gives for a SELECT without ORDER BY and GROUP BY (never modified)
const NO_REFS: Map<string, ColumnElement> = new Map();
const NO_LABELS: Set<Label> = new Set();

/** an empty, never-modified set for the top statement's correlation context */
const NO_FROMS: Set<FromClause> = new Set();
/** what the top SELECT correlates with: nothing */
const TOP_ENTRY: StackEntry = { correlateFroms: NO_FROMS, asfromFroms: NO_FROMS, select: null };

type BinaryVisitor = (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => string;
/** Operators rendered by their own visit method (dialects override those methods). */
const SPECIAL_BINARY: Record<string, BinaryVisitor | undefined> = Object.assign(Object.create(null), {
  truediv: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitTruediv"](b, kw),
  floordiv: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitFloordiv"](b, kw),
  concat: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitConcat"](b, kw),
  ilike: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitIlike"](b, kw),
  not_ilike: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitIlike"](b, kw),
  in: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitIn"](b, kw),
  not_in: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitIn"](b, kw),
  is_distinct_from: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitIsDistinctFrom"](b, kw),
  is_not_distinct_from: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) =>
    c["visitIsDistinctFrom"](b, kw),
  between: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c.visitBetween(b, kw),
  not_between: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c.visitBetween(b, kw),
  regexp_match: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitRegexp"](b, kw),
  not_regexp_match: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitRegexp"](b, kw),
  mod: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c.visitMod(b, kw),
  bitwise_xor: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitBitwiseXor"](b, kw),
  match: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitMatch"](b, kw),
  not_match: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c["visitMatch"](b, kw),
  getitem: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c.visitGetitem(b, kw),
  json_getitem: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c.visitJsonGetitem(b, kw),
  json_path_getitem: (c: SQLCompiler, b: BinaryExpression, kw: CompileKw) => c.visitJsonPathGetitem(b, kw),
});

/**
 * Operators with their own visit method whose operands are still those of an operator
 * expression, as SQLAlchemy renders them through `_generate_generic_binary`.
 */
const GENERIC_OPERANDS: Record<string, true | undefined> = Object.assign(Object.create(null), {
  concat: true,
  in: true,
  not_in: true,
  between: true,
  not_between: true,
  is_distinct_from: true,
  is_not_distinct_from: true,
  bitwise_xor: true,
});

const LIKE_IDS: Record<string, true> = Object.fromEntries(
  Object.values(likeOperators).map((o: Operator) => [o.id, true]),
) as Record<string, true>;
for (const id of Object.keys(LIKE_IDS)) {
  SPECIAL_BINARY[id] = (c, b, kw) => c["visitLikeFamily"](b, kw);
}

import { StringType } from "../types/sqltypes.js";

const STRING_TYPE = new StringType();

/**
 * Whether an ORDER BY term is a label itself (`lab`, `desc(lab)`, `lab.desc().nullsLast()`): only
 * then is it rendered by its name, as SQLAlchemy's render_label_as_label; inside an expression
 * (`hoho(lab)`, `lab + 1`) the label's expression is rendered, as PostgreSQL requires.
 */
function isLabelTerm(term: ClauseElement): boolean {
  let el: ClauseElement = term;
  while (el instanceof UnaryExpression && !el.operator) el = el.element;
  return el instanceof Label;
}

/**
 * How many bind marks stand before and after the executemany VALUES group, counted on the marks
 * themselves: a `?` or `%s` inside a quoted name or literal of the final text is not a parameter.
 */
function groupBindCounts(text: string): { prefix: number; suffix: number } | null {
  const open = text.indexOf("\u0001\u0006");
  const close = open < 0 ? -1 : text.indexOf("\u0001\u0007", open);
  if (close < 0) return null;
  let prefix = 0;
  let suffix = 0;
  for (let i = text.indexOf("\u0001"); i >= 0; i = text.indexOf("\u0001", i + 1)) {
    const next = text.charCodeAt(i + 1);
    // \u0001 then 2 or 5: escaped user text; 6 or 7: the group's own marks
    if (next === 2 || next === 5 || next === 6 || next === 7) continue;
    if (i < open) prefix++;
    else if (i > close) suffix++;
    const end = text.indexOf("\u0002", i + 1);
    if (end < 0) break;
    i = end;
  }
  return { prefix, suffix };
}
