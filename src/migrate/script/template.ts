/**
 * The text of a new revision file (Alembic's `script.py.mako`, in TypeScript).
 */

/** What a new revision file declares. */
export interface RevisionTemplateArgs {
  revision: string;
  downRevision: string | readonly string[] | null;
  branchLabels: readonly string[] | null;
  dependsOn: readonly string[] | null;
  message: string;
  createDate: Date;
  /** Body of `upgrade` (indented code); default a comment. */
  upgradeBody?: string;
  /** Body of `downgrade`. */
  downgradeBody?: string;
  /** Extra import lines (autogenerate). */
  imports?: readonly string[];
}

const lit = (v: unknown): string => JSON.stringify(v);

/**
 * Renders a revision module.
 * @example renderRevisionFile({ revision: "ab12", downRevision: null, branchLabels: null, dependsOn: null, message: "init", createDate: new Date() })
 */
export function renderRevisionFile(a: RevisionTemplateArgs): string {
  const down = a.downRevision === null ? "null" : lit(a.downRevision);
  const lines = [
    "/**",
    ` * ${a.message.replace(/\*\//g, "* /")}`,
    " *",
    ` * Revision ID: ${a.revision}`,
    ` * Revises: ${a.downRevision === null ? "" : [a.downRevision].flat().join(", ")}`,
    ` * Create Date: ${a.createDate.toISOString()}`,
    " */",
    ...(a.imports ?? []),
    'import type { Operations } from "alkahest/migrate";',
    "",
    "// revision identifiers, used by alkahest migrate",
    `export const revision = ${lit(a.revision)};`,
    `export const downRevision: string | string[] | null = ${down};`,
    `export const branchLabels: string[] | null = ${a.branchLabels?.length ? lit(a.branchLabels) : "null"};`,
    `export const dependsOn: string[] | null = ${a.dependsOn?.length ? lit(a.dependsOn) : "null"};`,
    `export const message = ${lit(a.message)};`,
    "",
    "export async function upgrade(op: Operations): Promise<void> {",
    a.upgradeBody ?? "  // write the upgrade here, e.g. await op.addColumn(...)\n  void op;",
    "}",
    "",
    "export async function downgrade(op: Operations): Promise<void> {",
    a.downgradeBody ?? "  // undo the upgrade here\n  void op;",
    "}",
    "",
  ];
  return lines.join("\n");
}

/**
 * A file-name slug from a message, as Alembic makes it: the word runs (`\w+`, Unicode letters
 * too) joined by `_` and lower-cased; over 40 characters it is cut, the cut word dropped and a
 * `_` left at the end. An empty message gives an empty slug (`<rev>_.ts`).
 * @example slugify("Add account table") // "add_account_table"
 */
export function slugify(message: string): string {
  const slug = (message.match(/[\p{L}\p{N}\p{Mn}\p{Pc}]+/gu) ?? []).join("_").toLowerCase();
  if (slug.length <= 40) return slug;
  const cut = slug.slice(0, 40);
  const at = cut.lastIndexOf("_");
  return `${at < 0 ? cut : cut.slice(0, at)}_`;
}

/**
 * A new revision id: 12 hex digits, like Alembic's `uuid4().hex[-12:]`.
 * @example newRevisionId() // "1975ea83b712"
 */
export function newRevisionId(): string {
  return crypto.randomUUID().replace(/-/g, "").slice(-12);
}
