import type { IdentityOptions } from "../schema/defaults.js";

/**
 * The option list of CREATE SEQUENCE and `GENERATED … AS IDENTITY (…)`, in SQLAlchemy's order
 * (`get_identity_options`): INCREMENT BY first, then START WITH.
 * @example
 * identityOptionsSql({ start: 4, increment: 7 }); // "INCREMENT BY 7 START WITH 4"
 */
export function identityOptionsSql(o: IdentityOptions): string {
  const parts: string[] = [];
  if (o.increment !== undefined) parts.push(`INCREMENT BY ${o.increment}`);
  if (o.start !== undefined) parts.push(`START WITH ${o.start}`);
  if (o.minvalue !== undefined) parts.push(`MINVALUE ${o.minvalue}`);
  if (o.maxvalue !== undefined) parts.push(`MAXVALUE ${o.maxvalue}`);
  if (o.nominvalue) parts.push("NO MINVALUE");
  if (o.nomaxvalue) parts.push("NO MAXVALUE");
  if (o.cache !== undefined) parts.push(`CACHE ${o.cache}`);
  if (o.cycle !== undefined) parts.push(o.cycle ? "CYCLE" : "NO CYCLE");
  return parts.join(" ");
}
