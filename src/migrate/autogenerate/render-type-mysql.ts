/**
 * MySQL's own types (what reflection returns for UNSIGNED / ZEROFILL integers and
 * fractional-second temporals) as `mysql.*` expressions from `alkahest/dialects`.
 */
import { DATETIMEType, isMySQLInteger, TIMESTAMPType, TIMEType } from "../../dialects/mysql/types.js";
import type { TypeEngine } from "../../sql/types/type-engine.js";

function opts(entries: Record<string, number | boolean | undefined>): string {
  const parts = Object.entries(entries)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.length ? `({ ${parts.join(", ")} })` : "";
}

/**
 * `mysql.INTEGER({ unsigned: true })`, `mysql.DATETIME({ fsp: 3 })`, …; null for other types.
 * @example
 * renderMysqlType(mysql.TINYINT({ unsigned: true })); // "mysql.TINYINT({ unsigned: true })"
 */
export function renderMysqlType(t: TypeEngine): string | null {
  if (isMySQLInteger(t)) {
    const o = opts({ unsigned: t.unsigned, zerofill: t.zerofill, displayWidth: t.displayWidth });
    return `mysql.${t.mysqlName}${o}`;
  }
  if (t instanceof DATETIMEType) return `mysql.DATETIME${opts({ fsp: t.fsp })}`;
  if (t instanceof TIMESTAMPType) return `mysql.TIMESTAMP${opts({ fsp: t.fsp })}`;
  if (t instanceof TIMEType) return `mysql.TIME${opts({ fsp: t.fsp })}`;
  return null;
}
