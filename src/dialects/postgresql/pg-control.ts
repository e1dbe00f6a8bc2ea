/**
 * Transaction control for the pg adapter. BEGIN and ROLLBACK are owed to the server rather than
 * sent when asked for, and written in front of the next statement (Bind/Execute of the prepared
 * `a_begin` / `a_rollback`, no Sync in between) so that they share its round trip:
 *
 * - BEGIN, as psycopg does, starts the transaction with its first statement; a transaction that
 *   runs nothing sends neither BEGIN nor COMMIT/ROLLBACK.
 * - ROLLBACK rides with the next statement when one follows in the same turn of the event loop
 *   (a pooled connection handed to the next request), else it goes by itself at the end of that
 *   turn, so no transaction stays open behind an idle connection.
 *
 * The connect / query / close of a request handler is then one round trip, where psycopg spends
 * three (BEGIN, the statement, ROLLBACK).
 */
import { atEndOfTurn } from "../shared/end-of-turn.js";

/** A statement the connection owes the server. */
export type Control = "BEGIN" | "ROLLBACK";

const NAME: Readonly<Record<Control, string>> = { BEGIN: "a_begin", ROLLBACK: "a_rollback" };

/** The wire messages written in front of a statement (pg's `Connection`, untyped in @types/pg). */
interface WireConnection {
  stream: { cork?(): void; uncork?(): void };
  bind(config: { statement: string }): void;
  execute(config: Record<string, never>): void;
}

/** A pg `Query`: the one thing here that is the driver's own, passed in by the adapter. */
export interface ControlQuery {
  submit(connection: unknown): unknown;
  callback?: unknown;
}

/** What of `pg.Client` transaction control uses. */
export interface ControlClient {
  query(config: { name?: string; text: string }): Promise<unknown>;
  query(query: ControlQuery): unknown;
  getTransactionStatus(): string | null;
  readonly readyForQuery: boolean;
}

/** Which control statement the server no longer has (DISCARD ALL, DEALLOCATE ALL), if that is the error. */
function missingControl(err: unknown): Control | null {
  const e = err as { code?: unknown; message?: unknown };
  if (e.code !== "26000") return null;
  const message = String(e.message);
  if (message.includes(`"${NAME.BEGIN}"`)) return "BEGIN";
  return message.includes(`"${NAME.ROLLBACK}"`) ? "ROLLBACK" : null;
}

/** The owed BEGIN / ROLLBACK of one pg connection. */
export class TransactionControl {
  /** owed statements in the order they must run: at most ROLLBACK, then BEGIN */
  private owed: Control[] = [];
  private readonly prepared = new Set<Control>();
  private readonly scheduleFlush = atEndOfTurn(() => this.sendRollbackNow());

  constructor(
    private readonly client: ControlClient,
    private readonly makeQuery: (config: object) => ControlQuery,
    /** false behind poolers that keep no session state: control statements go unprepared */
    private readonly usePrepared: boolean,
    /** pg's record of the statement names it has parsed on this connection */
    private readonly parsed: () => Record<string, string> | undefined,
    private readonly onError: (err: unknown) => void,
  ) {}

  begin(): void {
    if (this.owed.at(-1) !== "BEGIN") this.owed.push("BEGIN");
  }

  /** True when COMMIT would end nothing: then it drops an owed BEGIN, and no round trip is needed. */
  takeEmptyCommit(): boolean {
    if (this.owed.at(-1) === "BEGIN") {
      this.owed.pop();
      return true;
    }
    return this.owed.length > 0 || this.serverIdle();
  }

  /** Owes a ROLLBACK unless nothing is open (an unsent BEGIN is simply dropped). */
  rollback(): void {
    if (this.owed.at(-1) === "BEGIN") {
      this.owed.pop();
      return;
    }
    if (this.owed.length > 0 || this.serverIdle()) return;
    this.owed.push("ROLLBACK");
    this.scheduleFlush();
  }

  /**
   * Takes what is owed when a statement can carry it: only a prepared (named) statement can
   * follow a Bind/Execute without a Sync. Null when nothing is owed or it must be flushed first.
   */
  takeFor(config: { name?: string }): Control[] | null {
    if (this.owed.length === 0 || config.name === undefined) return null;
    if (!this.owed.every((c) => this.prepared.has(c))) return null;
    const owed = this.owed;
    this.owed = [];
    return owed;
  }

  /** Something is owed (checked before `flush`, which costs a promise even when nothing is). */
  get owing(): boolean {
    return this.owed.length > 0;
  }

  /** Sends everything owed, each on its own: before a statement that cannot carry it. */
  async flush(): Promise<void> {
    while (this.owed.length > 0) await this.send(this.owed.shift()!);
  }

  /** Runs `config` with `owed` written in front of it, in one round trip. */
  query<R>(config: object, owed: readonly Control[]): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const query = this.makeQuery(config);
      const submit = query.submit.bind(query);
      query.submit = (connection: unknown) => {
        const wire = connection as WireConnection;
        wire.stream.cork?.();
        try {
          for (const c of owed) {
            wire.bind({ statement: NAME[c] });
            wire.execute({});
          }
          return submit(connection);
        } finally {
          wire.stream.uncork?.();
        }
      };
      query.callback = (err: Error | null, r: R) => (err ? reject(err) : resolve(r));
      this.client.query(query);
    });
  }

  /**
   * After a carried statement failed: true when the server had lost a control statement, so the
   * statement never ran; what was owed is owed again (prepared anew) and the caller retries.
   */
  restore(owed: readonly Control[], err: unknown): boolean {
    const missing = missingControl(err);
    if (missing === null) return false;
    this.forget(missing);
    this.owed = [...owed, ...this.owed];
    return true;
  }

  /** Sends an owed ROLLBACK now, without waiting: pg queues it before anything sent after it. */
  sendRollbackNow(): void {
    if (this.owed[0] !== "ROLLBACK") return;
    this.owed.shift();
    this.send("ROLLBACK").catch(this.onError);
  }

  /**
   * Before the connection closes: an owed ROLLBACK is sent and awaited, so `close()` resolving
   * still means the transaction's locks are gone (a disconnect would release them a little later).
   */
  async settle(): Promise<void> {
    if (this.owed.at(-1) === "BEGIN") this.owed.pop();
    await this.flush();
  }

  /** pg's ReadyForQuery said idle, and no query is in flight (its status would be stale). */
  private serverIdle(): boolean {
    return this.client.readyForQuery && this.client.getTransactionStatus() === "I";
  }

  private async send(c: Control): Promise<void> {
    if (!this.usePrepared) {
      await this.client.query({ text: c });
      return;
    }
    const q = { name: NAME[c], text: c };
    try {
      await this.client.query(q);
    } catch (err) {
      if (missingControl(err) !== c) throw err;
      this.forget(c);
      await this.client.query(q);
    }
    this.prepared.add(c);
  }

  /** The server lost a control statement (all of them without `c`): pg must Parse it again. */
  forget(c?: Control): void {
    const parsed = this.parsed();
    for (const name of c === undefined ? ([...this.prepared] as Control[]) : [c]) {
      this.prepared.delete(name);
      if (parsed) delete parsed[NAME[name]];
    }
  }
}
