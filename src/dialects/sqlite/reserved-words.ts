/** SQLite reserved words: identifiers matching one of these are quoted when compiling for SQLite. */
export const SQLITE_RESERVED_WORDS: ReadonlySet<string> = new Set(
  `
  add after all alter analyze and as asc attach autoincrement before begin between by cascade case cast check
  collate column commit conflict constraint create cross current_date current_time current_timestamp database
  default deferrable deferred delete desc detach distinct drop each else end escape except exclusive exists
  explain fail false for foreign from full glob group having if ignore immediate in index indexed initially
  inner insert instead intersect into is isnull join key left like limit match natural not notnull null of
  offset on or order outer plan pragma primary query raise references reindex rename replace restrict right
  rollback row select set table temp temporary then to transaction trigger true union unique update using
  vacuum values view virtual when where
  `
    .trim()
    .split(/\s+/),
);
