/**
 * Column type comparison as Alembic's `DefaultImpl.compare_type`: both types are spelled by the
 * dialect's type compiler, tokenized, and compared by their first word (or a synonym group of
 * the dialect) and then by the arguments both sides state.
 */
import type { Dialect } from "../../sql/dialect.js";
import type { Column } from "../../sql/schema/column.js";
import { EnumType } from "../../sql/types/enum.js";

/** A tokenized type: `numeric(10, 2)` → token0 `numeric`, args `10`, `2`. */
interface TypeParams {
  token0: string;
  tokens: string[];
  args: string[];
  kwargs: Record<string, string>;
}

/** Spellings a database stores as the same type (Alembic's `type_synonyms`). */
const DEFAULT_SYNONYMS: readonly (readonly string[])[] = [["decimal", "numeric"]];
const DIALECT_SYNONYMS: Record<string, readonly (readonly string[])[]> = {
  postgresql: [
    // PostgreSQL keeps FLOAT as double precision and reflects it so
    ["float", "double precision"],
    // format_type() spells CHAR(n) `character(n)`: Uuid({ nativeUuid: false }), a CHAR column
    ["char", "character"],
  ],
  mysql: [
    ["bool", "tinyint"],
    ["json", "longtext"],
  ],
};

/** Trailing clauses only compared when both sides state them (Alembic's `type_arg_extract`). */
const DIALECT_ARG_EXTRACT: Record<string, readonly RegExp[]> = {
  mysql: [/character set ([\w\-_]+)/, /collate ([\w\-_]+)/],
};

function tokenize(d: Dialect, c: Column): TypeParams {
  const definition = d.typeCompiler.process(c.type).toLowerCase();
  const words: string[] = [];
  let parenthesised: string | null = null;
  for (const token of definition.match(/[\w\-_]+|\(.+?\)/g) ?? []) {
    if (/^\(.*\)$/.test(token)) parenthesised = token;
    else words.push(token);
  }
  const params: TypeParams = { token0: words[0] ?? "", tokens: words.slice(1), args: [], kwargs: {} };
  for (const term of parenthesised?.match(/[^(),]+/g) ?? []) {
    const eq = term.indexOf("=");
    if (eq >= 0) params.kwargs[term.slice(0, eq).trim()] = term.slice(eq + 1).trim();
    else params.args.push(term.trim());
  }
  return params;
}

function sameBaseType(dialectName: string, db: TypeParams, meta: TypeParams): boolean {
  if (db.token0 === meta.token0) return true;
  const dbTerms = [db.token0, ...db.tokens].join(" ");
  const metaTerms = [meta.token0, ...meta.tokens].join(" ");
  const groups = [...DEFAULT_SYNONYMS, ...(DIALECT_SYNONYMS[dialectName] ?? [])];
  return groups.some(
    (g) =>
      (g.includes(dbTerms) && g.includes(metaTerms)) || (g.includes(db.token0) && g.includes(meta.token0)),
  );
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Arguments differ only when both sides state the same number of them (a less specific side is no change). */
function sameArgs(dialectName: string, db: TypeParams, meta: TypeParams): boolean {
  if (db.tokens.length === meta.tokens.length && !sameList(db.tokens, meta.tokens)) return false;
  if (db.args.length === meta.args.length && !sameList(db.args, meta.args)) return false;
  const dbRest = db.tokens.join(" ");
  const metaRest = meta.tokens.join(" ");
  return (DIALECT_ARG_EXTRACT[dialectName] ?? []).every((re) => {
    const a = re.exec(dbRest);
    const b = re.exec(metaRest);
    return !a || !b || a[1] === b[1];
  });
}

/**
 * Whether the reflected column's type differs from the metadata column's, as Alembic decides.
 * @example
 * typesDiffer(pgDialect, reflectedDoublePrecision, floatColumn); // false
 */
export function typesDiffer(d: Dialect, reflected: Column, target: Column): boolean {
  // MySQL's native ENUM: its values decide, in any order (Alembic's MySQLImpl.compare_type; the
  // token comparison would ignore a value list of another length)
  if ((d.name === "mysql" || d.name === "mariadb") && reflected.type instanceof EnumType) {
    if (target.type instanceof EnumType) {
      const have = new Set(reflected.type.enums);
      const want = new Set(target.type.enums);
      return have.size !== want.size || [...want].some((v) => !have.has(v));
    }
  }
  const db = tokenize(d, reflected);
  const meta = tokenize(d, target);
  return !sameBaseType(d.name, db, meta) || !sameArgs(d.name, db, meta);
}
