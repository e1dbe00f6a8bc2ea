import type { ClauseElement } from "../base.js";
import type { CompoundKind, CompoundSelect } from "./compound.js";

/** @internal installed by compound.ts (which imports select.ts) */
export const compoundHook: {
  make: ((kind: CompoundKind, selects: readonly ClauseElement[]) => CompoundSelect) | null;
} = { make: null };
