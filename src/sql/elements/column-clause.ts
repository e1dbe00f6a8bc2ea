import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import { newUid } from "../base.js";
import { keyPartId } from "../cache-key.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { type TypeArg, type TypeEngine, toType, type ValueOfType } from "../types/type-engine.js";
import { ColumnElement } from "./column-element.js";

/**
 * A named column, possibly attached to a table or alias. `K` is its key (the row key when
 * selected), `T` the JS type of its values.
 * @example
 * const t = sa.table("mytable", sa.column("myid", sa.Integer));
 */
export class ColumnClause<K extends string = string, T = unknown> extends ColumnElement<T> {
  readonly visitName: string = "column";
  override readonly type: TypeEngine;
  /** the table, alias or subquery this column belongs to */
  table: ClauseElement | null = null;
  /** rendered verbatim instead of being quoted as an identifier (`literalColumn`) */
  readonly isLiteral: boolean;
  /** forces (true) or forbids (false) quoting; undefined follows the dialect's rules */
  readonly quote: boolean | undefined;
  /** @internal identity in cache keys */
  readonly _uid = newUid();

  constructor(
    readonly name: string,
    type?: TypeArg | null,
    opts: { isLiteral?: boolean; quote?: boolean; key?: K } = {},
  ) {
    super();
    this.type = toType(type);
    this.isLiteral = opts.isLiteral ?? false;
    this.quote = opts.quote;
    this.key = (opts.key ?? name) as K;
  }

  /** the key under which the column appears in `table.c` and in rows */
  readonly key: K;

  override get _labelName(): string | null {
    return this.name;
  }
  override get _keyName(): string | null {
    return this.key;
  }
  override get _bindKey(): string {
    return this.key;
  }
  override get _fromTable(): ClauseElement | null {
    return this.table;
  }

  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitColumn(this, kw);
  }

  /**
   * @internal `table.column` as a compiler rendered it, for that compiler's identifier preparer
   * (`_sqlBy`) and while `table` is `_sqlTable`: a table column renders the same every time
   */
  _sqlText = "";
  _sqlBy: unknown = null;
  _sqlTable: ClauseElement | null = null;

  /** @internal the id of this column's cache-key part, valid while `table` is `_keyTable` */
  private _keyId = -1;
  private _keyTable: ClauseElement | null = null;

  _cacheKey(k: CacheKeyBuilder): void {
    const t = this.table;
    if (t) {
      // a schema Table is keyed by identity: one short part for table and column
      if (this._keyTable === t && this._keyId >= 0) {
        k.pushId(this._keyId);
        return;
      }
      const uid = "metadata" in t ? (t as { _uid?: number })._uid : undefined;
      if (uid !== undefined) {
        const part = `${uid}.${this.name}`;
        this._keyId = keyPartId(part);
        this._keyTable = t;
        if (this._keyId >= 0) k.pushId(this._keyId);
        else k.push(part);
      } else {
        t._cacheKey(k);
        k.push(`.${this.name}`);
      }
    } else k.push(`C~:${this.name}:${this.isLiteral ? 1 : 0}:${this.type.cacheKeyString}`);
  }

  /** @internal a copy attached to another selectable (an alias or subquery column) */
  _proxyFor(table: ClauseElement, name = this.name, key: string = this.key): ColumnClause<K, T> {
    const c = new ColumnClause(name, this.type, {
      key: key as K,
      quote: this.quote,
      isLiteral: this.isLiteral,
    });
    c.table = table;
    (c as { _proxied?: ColumnElement })._proxied = this;
    return c as ColumnClause<K, T>;
  }
}

/**
 * A lightweight column for `sa.table()`, with or without a type.
 * @example
 * sa.column("name", sa.String); sa.column("x");
 */
export function column<const K extends string, TA extends TypeArg = TypeArg>(
  name: K,
  type?: TA,
): ColumnClause<K, ValueOfType<TA> | null> {
  return new ColumnClause<K, ValueOfType<TA> | null>(name, type ?? null);
}

/**
 * A column rendered as written, not quoted: `sa.literalColumn("count(*)")`.
 */
export function literalColumn<T = unknown>(text: string, type?: TypeArg): ColumnClause<string, T> {
  return new ColumnClause<string, T>(text, type ?? null, { isLiteral: true });
}
