/**
 * `base_1`, `base_2` … (another column of the same name) or `base__1` … (the same column again):
 * the first not taken in this SELECT.
 */
export function unusedName(taken: { has(name: string): boolean }, base: string, sep: "_" | "__"): string {
  for (let n = 1; ; n++) {
    const name = `${base}${sep}${n}`;
    if (!taken.has(name)) return name;
  }
}
