import { ArgumentError } from "../../exc.js";
import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { ExecutionOptions } from "../execution-options.js";
import type { TextualSelect } from "../selectable/textual-select.js";
import { BindParameter } from "./bind-param.js";
import { ColumnElement } from "./column-element.js";

/** `:name` binds in text(); `\:` escapes a colon; `::` (a PostgreSQL cast) is left alone. */
const BIND_RE = /(?<![:\w\\]):(\w+)(?!:)/g;

/**
 * Literal SQL with `:name` bind parameters.
 * @example
 * sa.text("SELECT * FROM users WHERE id = :id").bindparams({ id: 5 });
 */
export class TextClause extends ColumnElement<unknown> {
  /**
   * A copy of this statement that executes with these options (over the connection's, under
   * the ones given to `execute()`), as SQLAlchemy's `Executable.execution_options()`.
   * @example
   * await conn.execute(sa.select(big).executionOptions({ yieldPer: 500 }));
   */
  executionOptions(opts: ExecutionOptions): this {
    return this._withExecutionOptions(opts);
  }

  /** The options set by `executionOptions()`. */
  getExecutionOptions(): Readonly<ExecutionOptions> {
    return this._executionOptions ?? {};
  }

  readonly visitName = "textclause";
  readonly binds: ReadonlyMap<string, BindParameter>;
  constructor(
    readonly text: string,
    binds?: ReadonlyMap<string, BindParameter>,
  ) {
    super();
    if (binds) this.binds = binds;
    else {
      const m = new Map<string, BindParameter>();
      for (const match of text.matchAll(BIND_RE)) {
        const name = match[1];
        if (!m.has(name)) m.set(name, new BindParameter(name));
      }
      this.binds = m;
    }
  }

  /**
   * Gives values, or BindParameter objects (for types), to the named binds: an object of values,
   * BindParameters as arguments (SQLAlchemy's `bindparams(bindparam("x", 5))`) or in a list.
   * @example
   * sa.text("SELECT :x, :y").bindparams(sa.bindparam("x", 5), { y: "a" });
   */
  bindparams(...args: (Record<string, unknown> | BindParameter | readonly BindParameter[])[]): TextClause {
    const m = new Map(this.binds);
    const set = (key: string, bind: BindParameter | undefined, value?: unknown) => {
      if (!m.has(key)) {
        throw new ArgumentError(`This text() construct doesn't define a bound parameter named '${key}'`);
      }
      m.set(key, bind ?? m.get(key)!.withValue(value));
    };
    for (const arg of args) {
      if (arg instanceof BindParameter) set(arg.key, arg);
      else if (Array.isArray(arg)) for (const b of arg as readonly BindParameter[]) set(b.key, b);
      else {
        for (const [k, v] of Object.entries(arg)) set(k, v instanceof BindParameter ? v : undefined, v);
      }
    }
    return new TextClause(this.text, m);
  }

  /**
   * Declares the result columns, turning the text into a selectable (`TextualSelect`) whose rows
   * are typed by them.
   * @example
   * sa.text("SELECT id, x FROM users").columns(users.c.id, sa.column("x", sa.Integer)); // rows { id: number; x: number }
   */
  columns<const Cols extends readonly ColumnElement[]>(...cols: Cols): TextualSelect<Cols> {
    return textualSelectHook.make!(this, cols) as TextualSelect<Cols>;
  }

  override selfGroup(): ClauseElement {
    return this;
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitTextClause(this, kw);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`TEXT:${this.text}`);
    for (const b of this.binds.values()) b._cacheKey(k);
  }
}

/** @internal installed by the selectable module (avoids an import cycle) */
export const textualSelectHook: {
  make: ((t: TextClause, cols: readonly ColumnElement[]) => TextualSelect) | null;
} = {
  make: null,
};

/**
 * Literal SQL text with `:name` binds.
 * @example
 * await conn.execute(sa.text("SELECT :a + 1").bindparams({ a: 1 }));
 */
export function text(sql: string): TextClause {
  return new TextClause(sql);
}
