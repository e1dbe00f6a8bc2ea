/**
 * `MigrationContext`: the connection (or offline SQL output), the dialect, the version table and
 * the transaction policy a migration run works with (Alembic's `runtime/migration.py`).
 */
import { Connection } from "../engine/connection.js";
import { inspect } from "../engine/reflection/index.js";
import type { Inspector } from "../engine/reflection/inspector.js";
import { loadDialect } from "../engine/registry.js";
import { makeUrl } from "../engine/url.js";
import { ArgumentError } from "../exc.js";
import type { DialectOptions } from "../sql/dialect.js";
import { type ClauseElement, type Dialect, text } from "../sql/index.js";
import type { MetaData, NamingConvention } from "../sql/schema/metadata.js";
import type { MigrationContextLike } from "./context-like.js";
import { CommandError, VersionRowMismatch } from "./errors.js";
import { tableExists } from "./has-table.js";
import { type OutputSink, SqlWriter } from "./output.js";
import type { VersionChange } from "./script/steps.js";
import { defaultTransactionalDdl } from "./transactional-ddl.js";
import { VersionTable } from "./version-table.js";

/** What a finished step reports (CLI output, `onVersionApply`). */
export interface StepEvent {
  readonly revision: string;
  readonly direction: "upgrade" | "downgrade";
  /** Versioned down revisions (upgrade) or the revision itself (downgrade). */
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly message: string;
  readonly durationMs: number;
  /** The version table's rows after the step. */
  readonly heads: readonly string[];
}

/** Options of a migration context (Alembic's `EnvironmentContext.configure` options, camelCased). */
export interface MigrationContextOptions {
  /** Version table name; default `alembic_version`. */
  versionTable?: string;
  /** Schema of the version table; default the connection's. */
  versionTableSchema?: string | null;
  /** Override of the dialect's default (PostgreSQL, SQLite: true; MySQL: false). */
  transactionalDdl?: boolean;
  /** One transaction per migration instead of one for the run. */
  transactionPerMigration?: boolean;
  /** Offline mode: write SQL instead of running it. */
  asSql?: boolean;
  /** Where offline SQL goes; default `process.stdout`. */
  outputBuffer?: OutputSink;
  /** Offline: the revision the script starts from (a range's lower end). */
  startingRev?: string | null;
  /** Take the concurrency lock for runs; default false here (the config's default is true). */
  lock?: boolean;
  /** How long a second runner waits for the lock; default 60 s. */
  lockTimeout?: number;
  /** Called after each step. */
  onVersionApply?: (event: StepEvent) => void;
  /**
   * Alembic's `target_metadata`: its naming convention names the constraints and indexes that
   * `op.*` creates or drops (an unnamed one, or one the convention builds on by
   * `%(constraint_name)s`), except names given through `op.f()`.
   */
  targetMetadata?: MetaData | null;
}

/** What `MigrationContext.beginTransaction()` returns (a no-op inside an external transaction). */
export interface MigrationTransaction {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** `<Engine …>`-like: the class of what was passed, for messages. */
function describe(value: unknown): string {
  const name = (value as { constructor?: { name?: string } })?.constructor?.name;
  return name ? `<${name} object>` : String(value);
}

/** Where the dialect comes from: a live connection, a URL or a dialect name (offline). */
export interface ConfigureArgs {
  connection?: Connection | null;
  url?: string;
  dialectName?: string;
  dialect?: Dialect;
  /** options of the dialect made from `url` or `dialectName` (Alembic's `dialect_opts`), e.g. `{ paramstyle: "named" }` */
  dialectOpts?: DialectOptions;
  opts?: MigrationContextOptions;
}

/**
 * A migration context, usable outside any command.
 * @example
 * const ctx = MigrationContext.configure({ connection: conn });
 * await ctx.getCurrentHeads(); // ["1975ea83b712"]
 * const offline = MigrationContext.configure({ dialectName: "postgresql", opts: { asSql: true } });
 */
export class MigrationContext implements MigrationContextLike {
  readonly dialect: Dialect;
  readonly connection: Connection | null;
  readonly asSql: boolean;
  readonly transactionalDdl: boolean;
  /** The target metadata's naming convention, for `op.*` (undefined without target metadata). */
  readonly namingConvention: NamingConvention | undefined;
  readonly opts: Readonly<MigrationContextOptions>;
  readonly versionTable: VersionTable;
  /** Offline output writer (null online). */
  readonly writer: SqlWriter | null;
  /** True while this context owns the connection's current transaction. */
  private ownsTx = false;
  /** Statements run through this context since it began its transaction. */
  private writesInTx = 0;

  private constructor(dialect: Dialect, connection: Connection | null, opts: MigrationContextOptions) {
    this.dialect = dialect;
    this.connection = connection;
    this.opts = opts;
    this.asSql = opts.asSql ?? false;
    this.transactionalDdl = opts.transactionalDdl ?? defaultTransactionalDdl(dialect.name, this.asSql);
    this.namingConvention = opts.targetMetadata?.namingConvention;
    this.versionTable = new VersionTable(
      opts.versionTable ?? "alembic_version",
      opts.versionTableSchema ?? null,
    );
    this.writer = this.asSql ? new SqlWriter(opts.outputBuffer ?? process.stdout) : null;
  }

  /**
   * Makes a context from a connection, a URL or a dialect name (no database needed for the last
   * two with `asSql`). Passing an Engine is an error, as in Alembic.
   * @example MigrationContext.configure({ url: "postgresql://localhost/app", opts: { asSql: true } })
   */
  static configure(args: ConfigureArgs): MigrationContext {
    const opts = args.opts ?? {};
    if (args.connection != null && !((args.connection as unknown) instanceof Connection)) {
      // Alembic's CommandError and text (an Engine is the usual mistake: use engine.connect())
      throw new CommandError(
        `'connection' argument to configure() is expected to be a alkahest Connection instance, got ${describe(args.connection)}`,
      );
    }
    let dialect: Dialect;
    if (args.connection) dialect = args.connection.dialect;
    else if (args.url) dialect = loadDialect(makeUrl(args.url).drivername, args.dialectOpts);
    else if (args.dialectName) dialect = loadDialect(args.dialectName, args.dialectOpts);
    else if (args.dialect) dialect = args.dialect;
    else throw new ArgumentError("Connection, url, or dialectName is required.");
    return new MigrationContext(dialect, args.connection ?? null, opts);
  }

  /** The live connection, or a clear error offline. */
  bind(): Connection {
    if (!this.connection) {
      throw new CommandError(
        this.asSql
          ? "This operation needs a database connection; it cannot run in offline (--sql) mode"
          : "MigrationContext has no connection",
      );
    }
    return this.connection;
  }

  /**
   * Compiles for this dialect with literal binds (offline text); `params` are rendered as the
   * values an online `execute(stmt, params)` would bind.
   */
  compileLiteral(stmt: ClauseElement, params?: Readonly<Record<string, unknown>>): string {
    if (!params) return stmt.compile({ dialect: this.dialect, literalBinds: true }).string;
    return stmt.compile({
      dialect: this.dialect,
      literalBinds: true,
      literalParams: params,
      columnKeys: Object.keys(params),
    }).string;
  }

  async execute(
    sqlOrStmt: string | ClauseElement,
    params?: Record<string, unknown> | readonly Record<string, unknown>[],
  ): Promise<void> {
    if (this.writer) {
      if (typeof sqlOrStmt === "string" && !params) this.writer.statement(sqlOrStmt);
      else {
        const stmt = typeof sqlOrStmt === "string" ? text(sqlOrStmt) : sqlOrStmt;
        // a script has no executemany: one statement per parameter set
        for (const set of Array.isArray(params) ? params : [params]) {
          this.writer.statement(this.compileLiteral(stmt, set));
        }
      }
      return;
    }
    const conn = this.bind();
    const stmt = typeof sqlOrStmt === "string" ? text(sqlOrStmt) : sqlOrStmt;
    this.writesInTx++;
    await conn.execute(stmt, params as Record<string, unknown> | Record<string, unknown>[] | undefined);
  }

  mayEndTransaction(): boolean {
    if (!this.ownsTx || !this.connection?.inTransaction()) return false;
    return this.writesInTx === 0 || (this.opts.transactionPerMigration ?? false);
  }

  async autocommitBlock<T>(fn: () => Promise<T>): Promise<T> {
    if (this.writer) {
      if (this.transactionalDdl) this.writer.statement("COMMIT");
      try {
        return await fn();
      } finally {
        if (this.transactionalDdl) this.writer.statement("BEGIN");
      }
    }
    const conn = this.bind();
    const wasInTx = conn.inTransaction();
    const owned = this.ownsTx;
    // commits unconditionally, as Alembic's autocommit_block does
    if (wasInTx) await conn.commit();
    this.ownsTx = false;
    const level = await conn.getIsolationLevel();
    await conn.executionOptions({ isolationLevel: "AUTOCOMMIT" });
    try {
      return await fn();
    } finally {
      await conn.commit(); // ends the no-op transaction autobegun in AUTOCOMMIT
      await conn.executionOptions({ isolationLevel: level });
      if (wasInTx && owned) await this.beginOwn();
    }
  }

  /**
   * Alembic's `begin_transaction()`: a transaction for migration work this context owns. Inside
   * a transaction the caller began (an external one) it adds nothing, as Alembic's does; offline
   * it writes BEGIN / COMMIT where the dialect's DDL is transactional. With a callback: commits
   * when it resolves, rolls back when it throws.
   * @example
   * await ctx.beginTransaction(async () => { await op.addColumn("t", new sa.Column("x", sa.Integer)); });
   * const tx = await ctx.beginTransaction(); try { ... ; await tx.commit(); } catch (e) { await tx.rollback(); throw e; }
   */
  async beginTransaction(): Promise<MigrationTransaction>;
  async beginTransaction<T>(fn: () => Promise<T>): Promise<T>;
  async beginTransaction<T>(fn?: () => Promise<T>): Promise<MigrationTransaction | T> {
    const tx = await this.openTransaction();
    if (fn === undefined) return tx;
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      await tx.rollback();
      throw err;
    }
    await tx.commit();
    return result;
  }

  private async openTransaction(): Promise<MigrationTransaction> {
    const none: MigrationTransaction = { commit: async () => {}, rollback: async () => {} };
    if (this.writer) {
      if (!this.transactionalDdl) return none;
      const writer = this.writer;
      writer.statement("BEGIN");
      return { commit: async () => writer.statement("COMMIT"), rollback: async () => {} };
    }
    const conn = this.bind();
    if (conn.inTransaction()) return none;
    await this.beginOwn();
    return { commit: () => this.commitOwn(), rollback: () => this.rollbackOwn() };
  }

  async inspector(): Promise<Inspector> {
    return inspect(this.bind());
  }

  /** @internal begins a transaction this context owns. */
  async beginOwn(): Promise<void> {
    await this.bind().begin();
    this.ownsTx = true;
    this.writesInTx = 0;
  }

  /** @internal commits the transaction this context owns (a no-op otherwise). */
  async commitOwn(): Promise<void> {
    if (this.ownsTx) {
      this.ownsTx = false;
      await this.bind().commit();
    }
  }

  /** @internal rolls back the transaction this context owns (a no-op otherwise). */
  async rollbackOwn(): Promise<void> {
    if (this.ownsTx) {
      this.ownsTx = false;
      await this.bind().rollback();
    }
  }

  /** Whether the version table exists (online). */
  async hasVersionTable(): Promise<boolean> {
    return tableExists(this.bind(), this.versionTable.name, this.versionTable.schema);
  }

  /** Creates the version table when missing (offline: writes the CREATE TABLE). */
  async ensureVersionTable(ifNotExists = false): Promise<void> {
    if (this.writer) {
      // offline, the table is created only when the script starts from base
      if (!this.opts.startingRev) this.writer.statement(this.compileLiteral(this.versionTable.create()));
      return;
    }
    // not counted as work (mayEndTransaction): an empty version table committed early is harmless
    if (!(await this.hasVersionTable())) await this.bind().execute(this.versionTable.create(ifNotExists));
  }

  /**
   * The version table's rows (one per head); empty when it does not exist. Offline: the starting
   * revision, if given.
   * @example await MigrationContext.configure({ connection }).getCurrentHeads()
   */
  async getCurrentHeads(): Promise<string[]> {
    if (this.asSql) return this.opts.startingRev ? [this.opts.startingRev] : [];
    if (!(await this.hasVersionTable())) return [];
    const r = await this.bind().execute(this.versionTable.selectHeads());
    return r
      .scalars()
      .all()
      .map((v) => String(v))
      .sort();
  }

  /**
   * The single current revision, or null at base; throws when several heads are recorded.
   * @example await ctx.getCurrentRevision() // "1975ea83b712"
   */
  async getCurrentRevision(): Promise<string | null> {
    const heads = await this.getCurrentHeads();
    if (heads.length > 1) {
      throw new CommandError(
        `Version table '${this.versionTable.name}' has more than one head present; please use getCurrentHeads()`,
      );
    }
    return heads[0] ?? null;
  }

  /**
   * Writes one bookkeeping change; online an UPDATE/DELETE must hit exactly one row.
   * @example await ctx.applyVersionChange({ kind: "update", from: "a", to: "b" })
   */
  async applyVersionChange(change: VersionChange): Promise<void> {
    const stmt = this.versionTable.change(change, this.dialect.insertReturning);
    if (this.writer) {
      this.writer.statement(this.compileLiteral(stmt));
      return;
    }
    this.writesInTx++;
    const r = await this.bind().execute(stmt);
    if (change.kind !== "insert" && r.rowcount !== 1) {
      const rev = change.kind === "update" ? change.from : change.rev;
      throw new VersionRowMismatch(change.kind === "update" ? "updating" : "deleting", rev, r.rowcount);
    }
  }

  /**
   * Sets the version table to `heads` without running migrations (the low-level `stamp`).
   * @example await ctx.stampVersion(["1975ea83b712"], { purge: true })
   */
  async stampVersion(heads: readonly string[], opts: { purge?: boolean } = {}): Promise<void> {
    await this.ensureVersionTable();
    let current = await this.getCurrentHeads();
    if (opts.purge) {
      await this.execute(this.versionTable.purge());
      current = [];
    }
    const want = new Set(heads);
    for (const h of current) if (!want.has(h)) await this.applyVersionChange({ kind: "delete", rev: h });
    for (const w of want) if (!current.includes(w)) await this.applyVersionChange({ kind: "insert", rev: w });
  }
}
