import type { Alias, CTE, Lateral, Subquery } from "./selectable/alias.js";
import type { Join } from "./selectable/join.js";
import type { OrderByLabelRef, Select } from "./selectable/select.js";
import type { Exists, ScalarSelect } from "./selectable/select-base.js";

/**
 * Constructors that base classes need but whose modules import the base classes (JS module
 * cycles): each module registers itself here when it is loaded by `sql/index.ts`.
 * @internal
 */
export const registry: {
  Join?: typeof Join;
  Alias?: typeof Alias;
  Subquery?: typeof Subquery;
  CTE?: typeof CTE;
  Lateral?: typeof Lateral;
  ScalarSelect?: typeof ScalarSelect;
  Exists?: typeof Exists;
  Select?: typeof Select;
  OrderByLabelRef?: typeof OrderByLabelRef;
} = {};
