import type { CacheKeyBuilder } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { ColumnElement } from "../elements/column-element.js";
import { type TextClause, textualSelectHook } from "../elements/text.js";
import type { ReturningRowOf, SelectedColumns, TupleOf } from "./row-types.js";
import { type ExportedColumn, SelectBase } from "./select-base.js";

/**
 * `text("SELECT …").columns(…)`: literal SQL with declared result columns, usable as a subquery.
 * Its rows are typed by those columns.
 * @example
 * const q = sa.text("SELECT id, name FROM users").columns(users.c.id, users.c.name);
 * (await conn.execute(q)).one(); // { id: number; name: string }
 */
export class TextualSelect<
  Cols extends readonly ColumnElement[] = readonly ColumnElement[],
> extends SelectBase {
  readonly visitName = "textual_select";
  /**
   * @internal phantom: the row type; the result keys are the columns' own (a repeated key is not
   * renamed, unlike a SELECT's labels)
   */
  declare readonly __row?: ReturningRowOf<Cols>;
  /** @internal phantom: the row's value types in order */
  declare readonly __tuple?: TupleOf<Cols>;
  /** @internal phantom: the columns of a subquery, which does rename repeated keys (`id`, `id_1`) */
  declare readonly __columns?: SelectedColumns<Cols>;
  constructor(
    readonly element: TextClause,
    readonly columnList: readonly ColumnElement[],
  ) {
    super();
  }
  _exported(): ExportedColumn[] {
    return this.columnList.map((expr) => ({
      expr,
      name: expr._labelName,
      key: expr._keyName ?? expr._labelName ?? "",
    }));
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return c.visitTextualSelect(this, kw);
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("TEXTSEL");
    this.element._cacheKey(k);
    k.addAll(this.columnList);
  }
}

textualSelectHook.make = (t, cols) => new TextualSelect(t, cols);
