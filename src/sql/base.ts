import { ArgumentError } from "../exc.js";
import { CacheKeyBuilder } from "./cache-key.js";
import type { Compiled } from "./compiler/compiled.js";
import type { CompileKw, SQLCompiler } from "./compiler/sql-compiler.js";
import type { Dialect } from "./dialect.js";
import type { BindParameter } from "./elements/bind-param.js";
import { checkExecutionOptions, type ExecutionOptions } from "./execution-options.js";
import type { Operator } from "./operators.js";

export { CacheKeyBuilder };

/** Options accepted by `element.compile()`. */
export interface CompileOptions {
  /** the dialect to compile for; the generic DefaultDialect when omitted */
  dialect?: Dialect;
  /** render bound values inline as SQL literals (escaped by the type's literal processor) */
  literalBinds?: boolean;
  /**
   * With `literalBinds`: values by bind key, as `execute(stmt, params)` would supply them (so
   * `text("… :v")` with `{ v: 1 }` renders `1`); give INSERT/UPDATE keys in `columnKeys` too.
   */
  literalParams?: Readonly<Record<string, unknown>>;
  /** expand IN lists and other post-compile parameters at compile time */
  renderPostcompile?: boolean;
  /** for INSERT/UPDATE: the parameter keys that will be supplied at execution */
  columnKeys?: readonly string[];
  /** the statement will run with several parameter sets */
  forExecutemany?: boolean;
}

let nextUid = 1;
/** A process-unique id; cache keys refer to schema objects by it. */
export function newUid(): number {
  return nextUid++;
}

/** Late-bound compile entry points, installed by the compiler modules (avoids an import cycle). */
export const compileHooks: {
  compile: ((el: ClauseElement, opts: CompileOptions) => Compiled) | null;
  stringify: ((el: ClauseElement) => string) | null;
} = { compile: null, stringify: null };

/** Anything that can be compiled to SQL: statements, expressions, DDL. */
export interface Compilable {
  compile(opts?: CompileOptions): Compiled;
}

/**
 * Base of every SQL construct. Elements are immutable once built; generative methods return copies.
 */
export abstract class ClauseElement implements Compilable {
  /** the name SQLAlchemy gives this construct (`__visit_name__`) */
  abstract readonly visitName: string;

  /** @internal renders this element with the given compiler */
  abstract _compile(compiler: SQLCompiler, kw: CompileKw): string;

  /** @internal appends this element's structure to a cache key */
  abstract _cacheKey(key: CacheKeyBuilder): void;

  /** @internal wraps in parentheses when needed as an operand of `against` */
  selfGroup(_against?: Operator): ClauseElement {
    return this;
  }

  /**
   * Compiles to SQL for a dialect.
   * @example
   * const c = select(users.c.id).where(users.c.id.eq(5)).compile({ dialect: sqlite.dialect() });
   * c.string; // SELECT users.id FROM users WHERE users.id = ?
   */
  compile(opts: CompileOptions = {}): Compiled {
    return compileHooks.compile!(this, opts);
  }

  /** The SQL as the lenient string compiler renders it (named paramstyle, any construct). */
  toString(): string {
    return compileHooks.stringify!(this);
  }

  /** @internal options of `executionOptions()` on an executable statement, merged at execution */
  declare _executionOptions?: Readonly<ExecutionOptions>;

  /** @internal the generative body of the statements' `executionOptions()` */
  protected _withExecutionOptions(opts: ExecutionOptions): this {
    checkExecutionOptions(opts);
    if (opts.isolationLevel !== undefined) {
      throw new ArgumentError(
        "isolationLevel may only be set on a Connection (conn.executionOptions()) or per engine (createEngine's isolationLevel)",
      );
    }
    const copy = this._generate();
    copy._executionOptions = Object.freeze({ ...this._executionOptions, ...opts });
    return copy;
  }

  /** @internal a shallow copy for generative methods */
  protected _generate(): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(copy, this);
    return copy;
  }

  /** The structural cache key of this construct and the binds it holds, in traversal order. */
  cacheKey(): { key: string; binds: BindParameter[] } | null {
    const b = new CacheKeyBuilder();
    try {
      this._cacheKey(b);
      return b.noCache ? null : { key: b.key(), binds: b.binds };
    } finally {
      b.release();
    }
  }
}
