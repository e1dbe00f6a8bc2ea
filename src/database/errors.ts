/** The facade's error messages, in one place so tests and docs quote them exactly. */
import { InvalidRequestError } from "../exc.js";

/**
 * A query (or savepoint, or commit) on a connection whose cursor an `iterate()` loop holds open.
 * @example
 * if (this.iteration !== null) throw busyIterating();
 */
export function busyIterating(): InvalidRequestError {
  return new InvalidRequestError(
    "This connection is busy: an iterate() loop holds its cursor open. Finish or break out of the " +
      "for-await loop first, fetch the rows with fetchAll() instead, or run the query outside this " +
      "transaction (it would otherwise wait for the loop that waits for it)",
  );
}

/** A query that reached a transaction after it ended. */
export function transactionEnded(): InvalidRequestError {
  return new InvalidRequestError(
    "This transaction has ended (committed or rolled back); await every query of a transaction " +
      "before its callback returns",
  );
}

/** Use of a connection after it was released or the database disconnected. */
export function connectionClosed(reason: string): InvalidRequestError {
  return new InvalidRequestError(reason);
}

/** A Database used before `connect()` or after `disconnect()`. */
export function notConnected(): InvalidRequestError {
  return new InvalidRequestError("The database is not connected: await db.connect() first");
}
