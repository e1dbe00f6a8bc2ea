import { createHash } from "node:crypto";
import { CompileError } from "../../exc.js";

/**
 * Fits a DDL name into the dialect's identifier limit. A name made by a naming convention is
 * shortened to `prefix_hash4` (SQLAlchemy's `_truncate_and_render_maxlen_name`, md5 based so the
 * same convention gives the same name in Python and here); an explicit name that is too long is
 * an error, as the database would refuse it.
 * @example
 * fitIdentifier("ck_a_very_long_generated_name", true, 16); // "ck_a_ver_f1e2"
 */
export function fitIdentifier(name: string, generated: boolean, maxLength: number): string {
  if (name.length <= maxLength) return name;
  if (generated) {
    const hash = createHash("md5").update(name, "utf8").digest("hex");
    return `${name.slice(0, maxLength - 8)}_${hash.slice(-4)}`;
  }
  throw new CompileError(`Identifier '${name}' exceeds maximum length of ${maxLength} characters`);
}
