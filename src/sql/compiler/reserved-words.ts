/** Generic reserved words: identifiers matching one of these are quoted by the default (ANSI) preparer. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  `
  all analyse analyze and any array as asc asymmetric authorization between binary both case cast check
  collate column constraint create cross current_date current_role current_time current_timestamp current_user
  default deferrable desc distinct do else end except false for foreign freeze from full grant group having
  ilike in initially inner intersect into is isnull join leading left like limit localtime localtimestamp
  natural new not notnull null off offset old on only or order outer overlaps placing primary references right
  select session_user set similar some symmetric table then to trailing true union unique user using verbose
  when where
  `
    .trim()
    .split(/\s+/),
);

/** Characters that force quoting when an identifier starts with them: the digits 0-9 and "$". */
export const ILLEGAL_INITIAL_CHARACTERS: ReadonlySet<string> = new Set("0123456789$");
