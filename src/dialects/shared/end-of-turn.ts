/**
 * A task run once at the end of the current event-loop turn (`setImmediate`), however often it
 * is asked for before then: an owed ROLLBACK that no statement of this turn carried goes by
 * itself then, so a connection's locks never outlive the turn that ended its transaction.
 * @example
 * const flushSoon = atEndOfTurn(() => sendOwedRollback());
 * flushSoon(); flushSoon(); // runs once, after the current turn
 */
export function atEndOfTurn(task: () => void): () => void {
  let scheduled = false;
  const run = (): void => {
    scheduled = false;
    task();
  };
  return () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(run);
  };
}
