import type { ClauseElement } from "../base.js";

/** @internal `sa.and()`, installed by the boolean module (avoids an import cycle) */
export const andHook: { and: ((criteria: readonly ClauseElement[]) => ClauseElement) | null } = { and: null };
