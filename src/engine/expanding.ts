import { InvalidRequestError } from "../exc.js";
import { bindTemplate, type Compiled } from "../sql/compiler/compiled.js";
import { TupleType } from "../sql/types/sqltypes.js";

const TOKEN_RE = /__\[POSTCOMPILE_([^\]]+)\]/g;

/** SQL and placeholder order for one parameter set once its IN lists are expanded. */
export interface ExpandedStatement {
  sql: string;
  /** positional styles: the names in placeholder order (expanded names `x_1`, `x_2` …) */
  order: string[] | null;
  /** each expanded name's list bind, and its position inside a tuple (null for scalars) */
  origins: Map<string, { base: string; element: number | null }>;
}

/**
 * Renders `__[POSTCOMPILE_x]` tokens for the list values in `values` (which gains the expanded
 * `x_1`, `x_2` … entries): `?, ?, ?`, `$3, $4`, `:x_1, :x_2`, tuples as `(?, ?), (?, ?)`
 * (after `VALUES` where the dialect needs it), and the dialect's empty-list form for `[]`.
 */
export function expandStatement(compiled: Compiled, values: Record<string, unknown>): ExpandedStatement {
  const dialect = compiled.dialect;
  const ps = dialect.paramstyle;
  const expandedNames = new Map<string, string[] | null>();
  const arity = new Map<string, number>();
  const origins = new Map<string, { base: string; element: number | null }>();
  for (const name of compiled.postCompileParams) {
    const type = compiled.binds.get(name)?.type;
    // a tuple's width is known from its type even when the list is empty
    if (type instanceof TupleType && type.types.length > 1) arity.set(name, type.types.length);
    const list = values[name];
    if (!Array.isArray(list)) {
      throw new InvalidRequestError(
        `Expanding bind parameter '${name}' needs a list of values, got ${typeof list}`,
      );
    }
    if (list.length === 0) {
      expandedNames.set(name, null);
      continue;
    }
    const names: string[] = [];
    list.forEach((v, i) => {
      if (Array.isArray(v)) {
        arity.set(name, v.length);
        v.forEach((x, j) => {
          const n = `${name}_${i + 1}_${j + 1}`;
          values[n] = x;
          names.push(n);
          origins.set(n, { base: name, element: j });
        });
      } else {
        const n = `${name}_${i + 1}`;
        values[n] = v;
        names.push(n);
        origins.set(n, { base: name, element: null });
      }
    });
    expandedNames.set(name, names);
  }

  const groupText = (name: string, placeholder: (n: string) => string): string => {
    const names = expandedNames.get(name);
    if (names === null || names === undefined) {
      return compiled.emptySetExpr(compiled.expandingOps.get(name) ?? "in", arity.get(name) ?? 1);
    }
    const a = arity.get(name);
    const render = castRenderer(compiled, name, placeholder);
    if (!a) return names.map((n) => render(n, 0)).join(", ");
    const groups: string[] = [];
    for (let i = 0; i < names.length; i += a)
      groups.push(
        `(${names
          .slice(i, i + a)
          .map(render)
          .join(", ")})`,
      );
    return `${dialect.tupleInValues ? "VALUES " : ""}${groups.join(", ")}`;
  };

  if (ps === "numeric" || ps === "numeric_dollar") {
    // the other binds keep their numbers; the lists' values are numbered after them, in the
    // lists' order, as SQLAlchemy expands them (`IN ($3, $4) … LIMIT $2`)
    const order = (compiled.positiontup ?? []).filter((name) => !expandedNames.has(name));
    const newNumber = new Map<string, number>();
    for (const name of compiled.positiontup ?? []) {
      for (const n of expandedNames.get(name) ?? []) {
        order.push(n);
        newNumber.set(n, order.length);
      }
    }
    const sql = compiled.string.replace(TOKEN_RE, (_m, token: string) =>
      groupText(token, (n) => bindTemplate(ps, n, newNumber.get(n)!)),
    );
    return { sql, order, origins };
  }

  const sql = compiled.string.replace(TOKEN_RE, (_m, token: string) =>
    groupText(token, (n) => bindTemplate(ps, compiled.escapedBindNames.get(n) ?? n, 0)),
  );
  if (!compiled.positiontup) return { sql, order: null, origins };
  const order: string[] = [];
  for (const name of compiled.positiontup) {
    const ex = expandedNames.get(name);
    if (ex === undefined) order.push(name);
    else if (ex !== null) order.push(...ex);
  }
  return { sql, order, origins };
}

/** Each element's placeholder, followed by its type's cast where the dialect renders them. */
function castRenderer(
  compiled: Compiled,
  name: string,
  placeholder: (n: string) => string,
): (n: string, element: number) => string {
  const bindCast = compiled.dialect.bindCast;
  const type = compiled.binds.get(name)?.type;
  if (!bindCast || !type) return placeholder;
  const dialect = compiled.dialect;
  const types = type instanceof TupleType ? type.types : null;
  return (n, element) => placeholder(n) + bindCast.call(dialect, types?.[element] ?? type);
}
