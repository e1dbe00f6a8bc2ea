import type { RuntimeDialect } from "../dialects/runtime.js";
import { InvalidRequestError, StatementError } from "../exc.js";
import type { Compiled } from "../sql/compiler/compiled.js";
import type { BindParameter } from "../sql/elements/bind-param.js";
import type { ColumnElement } from "../sql/elements/column-element.js";
import { JSONType, TupleType } from "../sql/types/sqltypes.js";
import { bindSeesNull } from "../sql/types/type-decorator.js";
import { NULLTYPE, type Processor, type TypeEngine } from "../sql/types/type-engine.js";

/** One bind of a compiled statement, resolved once so that every execution is a tight loop. */
export interface PlannedBind {
  /** the compiled name (positiontup entry) */
  name: string;
  /** the name the driver sees for named paramstyles */
  escaped: string;
  /** the bind's key, as errors name it */
  key: string;
  /**
   * The key users pass values under; null for an anonymous bind (a literal compared with a
   * column), which only its compiled name addresses, as in SQLAlchemy: `{ name: "new" }` sets
   * `SET name = ?` but not the `'old'` of `WHERE name = 'old'`.
   */
  userKey: string | null;
  bind: BindParameter;
  /** index of this bind in the cache key's bind list (-1 when not there) */
  keyIndex: number;
  processor: Processor | null;
  /** the processor wants nulls too (a TypeDecorator's processBindParam) */
  seesNull: boolean;
  expanding: boolean;
  /** the column whose JS-side default or onupdate fills this bind (prefetch) */
  prefetch: ColumnElement | null;
}

/** The per-Compiled plan: binds in placeholder order and the flags execution needs. */
export interface ExecutionPlan {
  binds: PlannedBind[];
  byName: Map<string, PlannedBind>;
  /** placeholder order: names, repeated where a bind occurs more than once (positional styles) */
  order: readonly string[] | null;
  hasExpanding: boolean;
  hasPrefetch: boolean;
  /** @internal plans of the elements of expanded IN lists (`x_1`, `x_1_2` …), by base and position */
  elements: Map<string, PlannedBind>;
}

const plans = new WeakMap<Compiled, ExecutionPlan>();

/** The plan of a Compiled, built on first use. */
export function planFor(compiled: Compiled, dialect: RuntimeDialect): ExecutionPlan {
  let plan = plans.get(compiled);
  if (plan) return plan;
  const keyBinds = compiled.cacheKey?.binds ?? [];
  const keyIndex = new Map<BindParameter, number>();
  keyBinds.forEach((b, i) => {
    if (!keyIndex.has(b)) keyIndex.set(b, i);
  });
  const binds: PlannedBind[] = [];
  const byName = new Map<string, PlannedBind>();
  for (const [name, bind] of compiled.binds) {
    const prefetch = (bind as { _prefetchColumn?: ColumnElement })._prefetchColumn ?? null;
    const p: PlannedBind = {
      name,
      escaped: compiled.escapedBindNames.get(name) ?? name,
      key: bind.key,
      userKey: bind.unique ? null : bind.key,
      bind,
      keyIndex: keyIndex.get(bind) ?? -1,
      processor: dialect.bindProcessor(bind.type),
      seesNull: bindSeesNull(bind.type, dialect) || jsonNull(bind.type),
      expanding: compiled.postCompileParams.has(name),
      prefetch,
    };
    binds.push(p);
    byName.set(name, p);
  }
  plan = {
    binds,
    byName,
    order: compiled.positiontup,
    hasExpanding: compiled.postCompileParams.size > 0,
    hasPrefetch: binds.some((b) => b.prefetch !== null),
    elements: new Map(),
  };
  plans.set(compiled, plan);
  return plan;
}

/**
 * SQLAlchemy's JSON stores a null value as the JSON `null` document unless `noneAsNull` is set
 * (then, like omitting the column, it is SQL NULL).
 */
function jsonNull(type: TypeEngine): boolean {
  return type instanceof JSONType && !type.noneAsNull;
}

/**
 * The plan of one element of an expanded IN list: a scalar list takes the list bind's processor;
 * the `element`-th value of a tuple list takes the processor of the tuple type's `element`-th type.
 */
export function elementPlan(
  plan: ExecutionPlan,
  base: string,
  element: number | null,
  name: string,
  dialect: RuntimeDialect,
): PlannedBind | undefined {
  const list = plan.byName.get(base);
  if (list === undefined) return undefined;
  const key = element === null ? base : `${base}\u0000${element}`;
  let p = plan.elements.get(key);
  if (p === undefined) {
    const listType = list.bind.type;
    const type =
      element !== null && listType instanceof TupleType ? (listType.types[element] ?? NULLTYPE) : listType;
    p = {
      ...list,
      expanding: false,
      processor: type === listType ? list.processor : dialect.bindProcessor(type),
      seesNull: type === listType ? list.seesNull : bindSeesNull(type, dialect) || jsonNull(type),
    };
    plan.elements.set(key, p);
  }
  return { ...p, name, escaped: name };
}

/**
 * The value of each bind for one parameter set, by compiled name: the user's value (by bind key,
 * then by compiled name), else the value carried by the executed statement (`extracted`, a
 * statement with the same cache key as the one compiled), else the compiled bind's own value.
 */
export function resolveValues(
  plan: ExecutionPlan,
  user: Readonly<Record<string, unknown>> | null,
  extracted: readonly BindParameter[] | null,
  group: number | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of plan.binds) {
    if (user !== null) {
      if (p.userKey !== null && Object.hasOwn(user, p.userKey)) {
        out[p.name] = user[p.userKey];
        continue;
      }
      if (p.name !== p.userKey && Object.hasOwn(user, p.name)) {
        out[p.name] = user[p.name];
        continue;
      }
    }
    const b = extracted !== null && p.keyIndex >= 0 ? (extracted[p.keyIndex] ?? p.bind) : p.bind;
    if (b.callable) {
      out[p.name] = b.callable();
      continue;
    }
    if (b.value === undefined) {
      if (p.prefetch !== null) {
        out[p.name] = undefined;
        continue;
      }
      if (b.required) {
        const where = group !== null ? `, in parameter group ${group}` : "";
        throw new InvalidRequestError(`A value is required for bind parameter '${p.key}'${where}`, {
          code: "cd3x",
        });
      }
      out[p.name] = null;
      continue;
    }
    out[p.name] = b.value;
  }
  return out;
}

/** Applies bind processors; a failing processor names the parameter. */
export function processValue(p: PlannedBind, value: unknown, statement: string): unknown {
  if (p.processor === null) return value ?? null;
  // a TypeDecorator sees nulls too (as SQLAlchemy's process_bind_param does); built-in processors do not
  if ((value === null || value === undefined) && !p.seesNull) return null;
  try {
    return p.processor(value);
  } catch (err) {
    throw new StatementError(
      `(in parameter '${p.key}') ${(err as Error).message ?? String(err)}`,
      statement,
      null,
      { cause: err },
    );
  }
}
