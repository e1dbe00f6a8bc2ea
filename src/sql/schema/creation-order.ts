/**
 * A process-wide counter stamped on constraints and indexes when they are built. CREATE TABLE
 * renders table constraints in this order, as SQLAlchemy does with `_creation_order`, so a
 * constraint written before the Table precedes the ones its columns imply.
 */
let counter = 0;

/** The next creation-order stamp. */
export function nextCreationOrder(): number {
  counter += 1;
  return counter;
}
