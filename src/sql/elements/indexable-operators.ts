/**
 * The operators of JSON and ARRAY expressions (SQLAlchemy's `JSON.Comparator`,
 * `ARRAY.Comparator` and PostgreSQL's JSONB / ARRAY comparators): element access
 * (`get`, `getPath`, `slice`), the typed JSON casts (`astString()` …), containment (`@>`, `<@`,
 * `&&`, `?`) and `any()` / `all()`. Installed on every column expression; each checks the
 * expression's type (through TypeDecorators, whose impl decides) and refuses the others.
 */
import { ArgumentError, InvalidRequestError } from "../../exc.js";
import type { CacheKeyBuilder, ClauseElement } from "../base.js";
import type { CompileKw, SQLCompiler } from "../compiler/sql-compiler.js";
import { mirror, type Operator, operators, pgOperators } from "../operators.js";
import { JSON_INT_INDEX, JSON_PATH, JSON_STR_INDEX } from "../types/json-index.js";
import { BOOLEAN, FLOAT, INTEGER } from "../types/literal-type.js";
import { ARRAYType, NumericType, UnicodeType } from "../types/sqltypes.js";
import type { TypeEngine } from "../types/type-engine.js";
import { BindParameter } from "./bind-param.js";
import { coerceOperand } from "./coercions.js";
import {
  CollectionAggregate,
  type ComparisonName,
  comparatorType,
  comparisonOperator,
} from "./collection-aggregate.js";
import { ColumnElement, type ColumnElement as ColumnElementType } from "./column-element.js";
import { BinaryExpression, BOOLEANTYPE } from "./expressions.js";

const UNICODE = new UnicodeType();

/** What an expression's type makes of the container operators: JSON, JSONB, ARRAY or none. */
function containerKind(type: TypeEngine): "json" | "jsonb" | "array" | null {
  const t = comparatorType(type);
  if (t instanceof ARRAYType) return "array";
  if (t.affinity === "json") return t.visitName === "JSONB" ? "jsonb" : "json";
  return null;
}

function unsupported(op: string): never {
  throw new ArgumentError(`Operator '${op}' is not supported on this expression`);
}

/** `a[start:stop]`: an ARRAY slice's bounds (PostgreSQL, 1-based, both ends included). */
export class Slice extends ColumnElement<unknown> {
  readonly visitName = "slice";
  constructor(
    readonly start: ClauseElement,
    readonly stop: ClauseElement,
  ) {
    super();
  }
  _compile(c: SQLCompiler, kw: CompileKw): string {
    return `${c.process(this.start, kw)}:${c.process(this.stop, kw)}`;
  }
  _cacheKey(k: CacheKeyBuilder): void {
    k.push("SLICE");
    this.start._cacheKey(k);
    this.stop._cacheKey(k);
  }
}

function indexBind(self: ColumnElement, value: unknown, type: TypeEngine): ClauseElement {
  return value instanceof ColumnElement
    ? value
    : new BindParameter(self._bindKey, value, { unique: true, type });
}

/** The type of one item of an ARRAY: the item type, or an ARRAY of one dimension less. */
function itemType(arr: ARRAYType): TypeEngine {
  return arr.dimensions !== undefined && arr.dimensions > 1
    ? new ARRAYType(arr.itemType, arr.dimensions - 1)
    : arr.itemType;
}

/**
 * `doc.get("a").astString()`: the same element access typed otherwise (SQLAlchemy's
 * `_binary_w_type`), which the dialects render as a cast (PostgreSQL `->>`) or an unquoting.
 */
function jsonCast(self: ColumnElement, type: TypeEngine, method: string): BinaryExpression {
  if (
    !(self instanceof BinaryExpression) ||
    (self.operator !== operators.jsonGetitem && self.operator !== operators.jsonPathGetitem)
  ) {
    throw new InvalidRequestError(
      `The JSON cast operator JSON.${method}() only works with a JSON index expression e.g. col.get("q").${method}()`,
    );
  }
  return new BinaryExpression(self.left, self.right, self.operator, type);
}

/** `x <pg operator> other`, the other side typed as `x` (an array or JSONB document). */
function containment(self: ColumnElement, op: Operator, other: unknown): BinaryExpression<boolean> {
  return new BinaryExpression(self, coerceOperand(other, self), op, BOOLEANTYPE);
}

/**
 * @internal `contains()` on an ARRAY or JSONB expression is containment (`@>`), not LIKE; null
 * for other expressions.
 */
export function containsFor(self: ColumnElement, other: unknown): BinaryExpression<boolean> | null {
  const kind = containerKind(self.type);
  return kind === "array" || kind === "jsonb" ? containment(self, pgOperators.contains, other) : null;
}

function aggregateCompare(
  self: ColumnElement,
  op: typeof operators.any | typeof operators.all,
  value: unknown,
  operator: ComparisonName | undefined,
): BinaryExpression<boolean> {
  if (containerKind(self.type) !== "array") unsupported(op === operators.any ? "any" : "all");
  // SQLAlchemy's ARRAY.Comparator.any(): `value <op> ANY (arr)`, the bind named after the array
  // (`_compare` flips the operator, so it is handed over flipped)
  return new CollectionAggregate(self, op)._compare(
    mirror(comparisonOperator(operator)),
    value,
    self._bindKey,
  );
}

/** @internal the JSON and ARRAY operators of every ColumnElement */
const methods: Partial<ColumnElementType> & ThisType<ColumnElement> = {
  get(index: unknown) {
    const kind = containerKind(this.type);
    if (kind === "json" || kind === "jsonb") {
      if (Array.isArray(index)) return this.getPath(index);
      const type = typeof index === "number" ? JSON_INT_INDEX : JSON_STR_INDEX;
      return new BinaryExpression(
        this,
        indexBind(this, index, type),
        operators.jsonGetitem,
        this.type,
      ) as never;
    }
    if (kind === "array") {
      const arr = comparatorType(this.type) as ARRAYType;
      return new BinaryExpression(
        this,
        indexBind(this, index, INTEGER),
        operators.getitem,
        itemType(arr),
      ) as never;
    }
    return unsupported("getitem");
  },
  getPath(path) {
    const kind = containerKind(this.type);
    if (kind !== "json" && kind !== "jsonb") unsupported("json_path_getitem");
    return new BinaryExpression(this, indexBind(this, path, JSON_PATH), operators.jsonPathGetitem, this.type);
  },
  slice(start, stop) {
    if (containerKind(this.type) !== "array") unsupported("getitem");
    const bounds = new Slice(indexBind(this, start, INTEGER), indexBind(this, stop, INTEGER));
    return new BinaryExpression(this, bounds, operators.getitem, this.type) as never;
  },
  astString() {
    return jsonCast(this, UNICODE, "astString") as never;
  },
  astInteger() {
    return jsonCast(this, INTEGER, "astInteger") as never;
  },
  astFloat() {
    return jsonCast(this, FLOAT, "astFloat") as never;
  },
  astBoolean() {
    return jsonCast(this, BOOLEAN, "astBoolean") as never;
  },
  astNumeric(precision, scale) {
    return jsonCast(this, new NumericType(precision, scale), "astNumeric") as never;
  },
  astJSON() {
    return jsonCast(this, this.type, "astJSON");
  },
  containedBy(other) {
    const kind = containerKind(this.type);
    if (kind !== "array" && kind !== "jsonb") unsupported("contained_by");
    return containment(this, pgOperators.containedBy, other);
  },
  overlap(other) {
    if (containerKind(this.type) !== "array") unsupported("overlap");
    return containment(this, pgOperators.overlap, other);
  },
  hasKey(key) {
    if (containerKind(this.type) !== "jsonb") unsupported("has_key");
    return new BinaryExpression(this, indexBind(this, key, UNICODE), pgOperators.hasKey, BOOLEANTYPE);
  },
  any(value, opts) {
    return aggregateCompare(this, operators.any, value, opts?.operator);
  },
  all(value, opts) {
    return aggregateCompare(this, operators.all, value, opts?.operator);
  },
};

Object.assign(ColumnElement.prototype, methods);
