import type { CacheKeyBuilder } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { ColumnElement } from "../elements/column-element.js";
import type { Sequence } from "../schema/defaults.js";
import { IntegerType } from "../types/sqltypes.js";
import type { TypeEngine } from "../types/type-engine.js";

/**
 * The next value of a sequence as an expression (SQLAlchemy's `Sequence.next_value()`); the
 * dialect renders it (`nextval('seq')` on PostgreSQL). Selected, it is labelled `next_value_1`.
 * @example
 * sa.select(new NextValue(new sa.Sequence("id_seq")));
 */
export class NextValue extends ColumnElement<number> {
  readonly visitName = "next_value";
  override readonly type: TypeEngine = new IntegerType();

  constructor(readonly sequence: Sequence) {
    super();
  }

  override get _anonLabelBase(): string {
    return "next_value";
  }

  _compile(c: SQLCompiler, _kw: CompileKw): string {
    return c.nextvalSql(this.sequence.name, this.sequence.schema);
  }

  _cacheKey(k: CacheKeyBuilder): void {
    k.push(`NEXTVAL:${this.sequence.schema ?? ""}.${this.sequence.name}`);
  }
}
