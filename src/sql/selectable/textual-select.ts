import type { CacheKeyBuilder } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import type { ColumnElement } from "../elements/column-element.js";
import { type TextClause, textualSelectHook } from "../elements/text.js";
import { type ExportedColumn, SelectBase } from "./select-base.js";

/** `text("SELECT …").columns(…)`: literal SQL with declared result columns, usable as a subquery. */
export class TextualSelect extends SelectBase {
  readonly visitName = "textual_select";
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
