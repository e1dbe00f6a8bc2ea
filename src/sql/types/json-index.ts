/**
 * The types of the index in a JSON element access (`col.get("a")`, `col.getPath(["a", 1])`),
 * SQLAlchemy's `JSON.JSONIndexType` / `JSONPathType`. Each dialect spells an index its own way:
 * PostgreSQL takes the key or position as it is (`->`) and a path as a text array (`#>`,
 * `'{a, 1}'`); SQLite and MySQL take a JSON path string (`'$."a"'`, `'$[0]'`, `'$."a"[1]'`).
 * The dialect says which through `jsonPathStyle`.
 */
import type { Dialect } from "../dialect.js";
import { type Processor, TypeEngine } from "./type-engine.js";

/** One step of a JSON path: an object key or an array position. */
export type JSONPathElement = string | number;

/**
 * How a dialect spells JSON indexes: `"array"` PostgreSQL's (`'{a, 1}'` for a path),
 * `"jsonpath"` SQLite's and MySQL's (`'$."a"[1]'`); absent, the index is bound as given.
 */
export type JSONPathStyle = "array" | "jsonpath";

function styleOf(dialect: Dialect): JSONPathStyle | undefined {
  return dialect.jsonPathStyle;
}

/** `."key"` or `[n]`: a key is written as a JSON string, so quotes and backslashes in it are escaped. */
function jsonPathStep(elem: JSONPathElement): string {
  return typeof elem === "number" ? `[${elem}]` : `.${JSON.stringify(String(elem))}`;
}

/**
 * A text-array element: bare when safe (`a`, `1`, as SQLAlchemy writes them), else double-quoted
 * with `"` and `\` escaped, so a key with a comma, brace or space is still one element.
 */
function arrayElement(elem: JSONPathElement): string {
  const s = String(elem);
  if (s !== "" && !/[{}",\\\s]/.test(s) && s.toUpperCase() !== "NULL") return s;
  return `"${s.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/**
 * A JSON index as the dialect takes it: `$."key"` / `$[0]` in JSON path style, unchanged otherwise.
 * @example
 * formatJSONIndex("a", "jsonpath"); // '$."a"'
 */
export function formatJSONIndex(value: unknown, style: JSONPathStyle | undefined): unknown {
  if (style !== "jsonpath" || (typeof value !== "string" && typeof value !== "number")) return value;
  return `$${jsonPathStep(value)}`;
}

/**
 * A JSON path as the dialect takes it: `{a, 1}` (PostgreSQL) or `$."a"[1]` (SQLite, MySQL). A
 * string is taken as already in the dialect's path syntax, as SQLAlchemy does.
 * @example
 * formatJSONPath(["a", 1], "array"); // "{a, 1}"
 */
export function formatJSONPath(value: unknown, style: JSONPathStyle | undefined): unknown {
  if (!Array.isArray(value)) return value;
  const path = value as JSONPathElement[];
  if (style === "jsonpath") return `$${path.map(jsonPathStep).join("")}`;
  return `{${path.map(arrayElement).join(", ")}}`;
}

/** The type of a single JSON index: a key (string) or a position (integer). */
export class JSONIndexType extends TypeEngine<JSONPathElement> {
  readonly visitName = "json_index";
  readonly affinity = "other" as const;
  /** an integer position (PostgreSQL binds it as INT), else a key (TEXT) */
  constructor(readonly isInt: boolean) {
    super();
  }
  override cacheKeyPart(): string {
    return `json_index(${this.isInt ? "int" : "str"})`;
  }
  override bindProcessor(dialect: Dialect): Processor | null {
    const style = styleOf(dialect);
    return style === "jsonpath" ? (v) => formatJSONIndex(v, style) : null;
  }
  override literalProcessor(dialect: Dialect): (value: unknown) => string {
    const style = styleOf(dialect);
    return (v) => dialect.renderLiteralValue(formatJSONIndex(v, style), this);
  }
}

/** The type of a JSON path (a list of keys and positions). */
export class JSONPathType extends TypeEngine<readonly JSONPathElement[]> {
  readonly visitName = "json_path";
  readonly affinity = "other" as const;
  override bindProcessor(dialect: Dialect): Processor | null {
    const style = styleOf(dialect);
    return (v) => formatJSONPath(v, style);
  }
  override literalProcessor(dialect: Dialect): (value: unknown) => string {
    const style = styleOf(dialect);
    return (v) => dialect.renderLiteralValue(formatJSONPath(v, style), this);
  }
}

/** @internal shared index types: their cache-key parts and bind casts are computed once */
export const JSON_INT_INDEX: JSONIndexType = new JSONIndexType(true);
/** @internal */
export const JSON_STR_INDEX: JSONIndexType = new JSONIndexType(false);
/** @internal */
export const JSON_PATH: JSONPathType = new JSONPathType();

/**
 * `sa.JSON.NULL`: a value that stores the JSON document `null` even where `null` means SQL NULL
 * (a column declared `noneAsNull`), SQLAlchemy's `JSON.NULL`.
 */
export class JSONNull {
  toString(): string {
    return "JSON.NULL";
  }
  toJSON(): null {
    return null;
  }
}
/** The one JSONNull value (`sa.JSON.NULL`). */
export const JSON_NULL: JSONNull = Object.freeze(new JSONNull());
