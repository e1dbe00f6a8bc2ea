/**
 * The statements SQLAlchemy runs for savepoints: `begin_nested()` executes a SavepointClause (and
 * release / rollback their own clauses) through `Connection.execute`, so `before_execute` and
 * `after_execute` listeners see them. These stand-ins carry the same class names and the name.
 */

/** Base of the savepoint statements: the savepoint's name and its SQL. */
abstract class SavepointStatement {
  constructor(
    /** the savepoint's name (`sa_savepoint_1` …) */
    readonly ident: string,
  ) {}

  protected abstract get keyword(): string;

  /** The SQL that runs, e.g. `SAVEPOINT sa_savepoint_1`. */
  toString(): string {
    return `${this.keyword} ${this.ident}`;
  }
}

/**
 * `SAVEPOINT name`, as a `before_execute` listener receives it.
 * @example
 * sa.event.listen(engine, "before_execute", (conn, clause) => clause instanceof sa.SavepointClause);
 */
export class SavepointClause extends SavepointStatement {
  protected get keyword(): string {
    return "SAVEPOINT";
  }
}

/**
 * `ROLLBACK TO SAVEPOINT name`, as a `before_execute` listener receives it.
 * @example
 * String(new RollbackToSavepointClause("sa_savepoint_1")); // "ROLLBACK TO SAVEPOINT sa_savepoint_1"
 */
export class RollbackToSavepointClause extends SavepointStatement {
  protected get keyword(): string {
    return "ROLLBACK TO SAVEPOINT";
  }
}

/**
 * `RELEASE SAVEPOINT name`, as a `before_execute` listener receives it.
 * @example
 * String(new ReleaseSavepointClause("sa_savepoint_1")); // "RELEASE SAVEPOINT sa_savepoint_1"
 */
export class ReleaseSavepointClause extends SavepointStatement {
  protected get keyword(): string {
    return "RELEASE SAVEPOINT";
  }
}

/** @internal the clause of a savepoint event's statement */
export function savepointClause(event: string, name: string): SavepointStatement {
  if (event === "savepoint") return new SavepointClause(name);
  return event === "release_savepoint"
    ? new ReleaseSavepointClause(name)
    : new RollbackToSavepointClause(name);
}
