/**
 * Pipelining for mysql2, which otherwise waits for each command's answer before it writes the
 * next: an owed statement (the ROLLBACK that ends a pooled connection's transaction) is written
 * together with the statement after it, and the server, which reads commands in order, answers
 * both in one round trip. MariaDB's own connector pipelines the same way.
 *
 * This leans on three parts of mysql2 that are not its public API, checked by `canPipeline`:
 * the command queue (`addCommand`), commands driven by `execute(packet, connection)`, and the
 * packet `sequenceId`, which is put back where each answer expects it. Structural types only, so
 * that the adapter stays the one file importing mysql2.
 */

/** A mysql2 command: a state machine fed the server's packets; true once it has its answer. */
export interface WireCommand {
  execute(packet: unknown, connection: PipelineConnection): boolean;
  onResult?: (err: Error) => void;
}

/** What pipelining needs of a mysql2 connection. */
export interface PipelineConnection {
  addCommand(cmd: WireCommand): unknown;
  sequenceId: number;
  config?: { compress?: boolean };
  /** the socket: corked while a pipeline writes, so that its requests leave in one write */
  stream?: { cork?(): void; uncork?(): void };
}

/** mysql2's internals are the ones this file expects, and no compression (its own sequence numbers). */
export function canPipeline(raw: unknown): raw is PipelineConnection {
  const c = raw as Partial<PipelineConnection>;
  return typeof c.addCommand === "function" && typeof c.sequenceId === "number" && !c.config?.compress;
}

/** The commands being collected by `collect`: it runs synchronously, so one slot serves all. */
let capturing: WireCommand[] | null = null;
const hooked = new WeakSet<PipelineConnection>();

/**
 * Gives the connection an own `addCommand` that hands commands to `collect` while it runs.
 * Installed once and kept: swapping the property per statement would turn mysql2's connection
 * object into a slow dictionary-mode object (V8 deoptimizes on `delete`).
 */
function hook(raw: PipelineConnection): void {
  if (hooked.has(raw)) return;
  const queue = raw.addCommand;
  raw.addCommand = function (this: PipelineConnection, cmd: WireCommand) {
    if (capturing === null) return queue.call(this, cmd);
    capturing.push(cmd);
    return cmd;
  };
  hooked.add(raw);
}

/**
 * The commands `issue` adds (it calls the driver's `query`, `execute`, `ping`...), taken instead
 * of queued. Throws what `issue` throws, with nothing queued.
 */
function collect(raw: PipelineConnection, issue: () => void): WireCommand[] {
  hook(raw);
  const cmds: WireCommand[] = [];
  capturing = cmds;
  try {
    issue();
  } finally {
    capturing = null;
  }
  return cmds;
}

/**
 * Runs `lead` (one statement whose answer is a single packet, such as ROLLBACK) and then `issue`,
 * with both written before either answer arrives.
 * @example
 * pipeline(raw, () => raw.query("ROLLBACK", undefined, onRollback), () => raw.execute(sql, values, cb));
 */
export function pipeline(raw: PipelineConnection, lead: () => void, issue: () => void): void {
  const rest = collect(raw, issue);
  const first = collect(raw, lead);
  raw.addCommand(new Pipelined(first, rest));
}

/** The lead commands' answers come first, each expected at sequence number 1. */
const FIRST_ANSWER = 1;

/**
 * One queue entry standing for several commands. At start every lead writes its request, then the
 * rest start in order as far as they can without an answer (a cached Prepare finishes at once, an
 * Execute writes its request); answers are handed to the commands in the same order.
 */
class Pipelined implements WireCommand {
  private started = false;
  private lead = 0;
  private next = 0;
  /** the sequence number the first waiting rest command expects, set aside while leads answer */
  private restSequence = 0;

  constructor(
    private readonly leads: WireCommand[],
    private readonly rest: WireCommand[],
  ) {}

  execute(packet: unknown, connection: PipelineConnection): boolean {
    if (!this.started) {
      this.started = true;
      // one write (one system call, one TCP segment) for all requests instead of one each
      const socket = connection.stream;
      socket?.cork?.();
      let done: boolean;
      try {
        for (const cmd of this.leads) cmd.execute(undefined, connection);
        done = this.startRest(connection);
      } finally {
        socket?.uncork?.();
      }
      this.restSequence = connection.sequenceId;
      if (this.leads.length === 0) return done;
      connection.sequenceId = FIRST_ANSWER;
      return false;
    }
    if (this.lead < this.leads.length) {
      if (!this.leads[this.lead].execute(packet, connection)) return false;
      this.lead++;
      connection.sequenceId = this.lead < this.leads.length ? FIRST_ANSWER : this.restSequence;
      return this.lead === this.leads.length && this.next === this.rest.length;
    }
    if (!this.rest[this.next].execute(packet, connection)) return false;
    this.next++;
    return this.startRest(connection);
  }

  /** Starts rest commands until one waits for an answer; true when all are done. */
  private startRest(connection: PipelineConnection): boolean {
    while (this.next < this.rest.length) {
      if (!this.rest[this.next].execute(undefined, connection)) return false;
      this.next++;
    }
    return true;
  }

  /** A fatal error (socket closed): every command still waiting hears it. */
  onResult = (err: Error): void => {
    for (const cmd of this.leads.slice(this.lead)) cmd.onResult?.(err);
    for (const cmd of this.rest.slice(this.next)) cmd.onResult?.(err);
  };
}
