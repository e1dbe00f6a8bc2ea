import type { RuntimeDialect } from "../dialects/runtime.js";
import { InvalidRequestError, StatementError } from "../exc.js";
import type { Compiled } from "../sql/compiler/compiled.js";
import type { BindParameter } from "../sql/elements/bind-param.js";
import type { ColumnElement } from "../sql/elements/column-element.js";
import type { Processor } from "../sql/types/type-engine.js";

/** One bind of a compiled statement, resolved once so that every execution is a tight loop. */
export interface PlannedBind {
  /** the compiled name (positiontup entry) */
  name: string;
  /** the name the driver sees for named paramstyles */
  escaped: string;
  /** the key users pass values under */
  key: string;
  bind: BindParameter;
  /** index of this bind in the cache key's bind list (-1 when not there) */
  keyIndex: number;
  processor: Processor | null;
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
      bind,
      keyIndex: keyIndex.get(bind) ?? -1,
      processor: dialect.bindProcessor(bind.type),
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
  };
  plans.set(compiled, plan);
  return plan;
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
      if (Object.hasOwn(user, p.key)) {
        out[p.name] = user[p.key];
        continue;
      }
      if (p.name !== p.key && Object.hasOwn(user, p.name)) {
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
  if ((value === null || value === undefined) && !("processBindParam" in p.bind.type)) return null;
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
