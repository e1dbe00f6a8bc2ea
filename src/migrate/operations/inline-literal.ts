/**
 * `op.inlineLiteral(value)`: a value written into the SQL as a literal, online too, so a data
 * migration reads the same in the driver's log and in `--sql` output.
 */
import type { SQLCompiler } from "../../sql/compiler/sql-compiler.js";
import { BindParameter } from "../../sql/elements/bind-param.js";
import { literalType } from "../../sql/elements/coercions.js";
import type { TypeArg } from "../../sql/types/type-engine.js";

/**
 * A bind parameter that always renders as its literal.
 * @example
 * sa.update(t).values({ status: new InlineLiteral("done") });
 */
export class InlineLiteral<T> extends BindParameter<T> {
  constructor(value: T, type?: TypeArg) {
    super("param", value, { unique: true, type: type ?? literalType(value) });
  }
  override _compile(c: SQLCompiler): string {
    return c.dialect.renderLiteralValue(this.value, this.type);
  }
}
