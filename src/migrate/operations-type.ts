/**
 * The single place the runner reaches into the operations layer (written separately), so a
 * change of its module layout touches one line.
 */
export { Operations } from "./operations/operations.js";
