/**
 * Terminal styling: colour only on a TTY (and never with NO_COLOR), plain text when piped.
 */

/** A colouring function. */
export type Paint = (s: string) => string;

/** The styles the CLI uses. */
export interface Style {
  ok: Paint;
  err: Paint;
  dim: Paint;
  bold: Paint;
  rev: Paint;
}

const code =
  (open: number, close: number): Paint =>
  (s) =>
    `\u001b[${open}m${s}\u001b[${close}m`;
const plain: Paint = (s) => s;

/**
 * Styles for a stream.
 * @example const s = styleFor(process.stdout); console.log(s.ok("done"));
 */
export function styleFor(stream: { isTTY?: boolean }): Style {
  const on = Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";
  if (!on) return { ok: plain, err: plain, dim: plain, bold: plain, rev: plain };
  return { ok: code(32, 39), err: code(31, 39), dim: code(2, 22), bold: code(1, 22), rev: code(36, 39) };
}

/**
 * A duration for people: `4 ms`, `1.25 s`.
 * @example formatDuration(1250) // "1.25 s"
 */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${(ms / 1000).toFixed(2)} s`;
}
