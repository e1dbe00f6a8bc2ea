import { ArgumentError } from "../../exc.js";

/** What a SQLite URI filename asks of better-sqlite3, which opens plain paths only. */
export interface SqliteTarget {
  /** a path, or `:memory:` */
  filename: string;
  readonly?: boolean;
  fileMustExist?: boolean;
}

/** URI parameters that change nothing better-sqlite3 must do differently here. */
const IGNORED = new Set(["cache", "psow"]);

/**
 * The target of a `sqlite:///file:…?uri=true` URL, as pysqlite would open it with `uri=True`
 * (SQLite's URI filenames: https://sqlite.org/uri.html). better-sqlite3 would take the URI as a
 * file name and create a file called `file:…` in the working directory, so the URI is read here:
 * `mode=memory` and `file::memory:` are an in-memory database, `mode=ro` and `immutable=1` read
 * only, `mode=rw` an existing file; `cache=shared` needs nothing more (an in-memory engine has
 * one connection). Parameters it cannot honour (`vfs`, `nolock`, unknown modes) are refused.
 * @example
 * sqliteTarget("file:data.db", { mode: "ro" }); // { filename: "data.db", readonly: true }
 */
export function sqliteTarget(database: string, query: Readonly<Record<string, string>>): SqliteTarget {
  if (!database.startsWith("file:")) {
    throw new ArgumentError(
      `SQLite URL with uri=true: the database must be a 'file:' URI (got '${database}')`,
    );
  }
  const q = database.indexOf("?");
  let path = decodeURIComponent(database.slice("file:".length, q < 0 ? undefined : q));
  // file:///abs/path and file://localhost/abs/path name an absolute path
  if (path.startsWith("//")) {
    const slash = path.indexOf("/", 2);
    const host = path.slice(2, slash < 0 ? undefined : slash);
    if (host !== "" && host !== "localhost") {
      throw new ArgumentError(`SQLite URI authority '${host}' is not supported (only empty or localhost)`);
    }
    path = slash < 0 ? "" : path.slice(slash);
  }
  const params: Record<string, string> = { ...query };
  if (q >= 0) for (const [k, v] of new URLSearchParams(database.slice(q + 1))) params[k] = v;
  const target: SqliteTarget = { filename: path === "" || path === ":memory:" ? ":memory:" : path };
  for (const [k, v] of Object.entries(params)) {
    if (IGNORED.has(k)) continue;
    if (k === "mode") {
      if (v === "memory") target.filename = ":memory:";
      else if (v === "ro") target.readonly = true;
      else if (v === "rw") target.fileMustExist = true;
      else if (v !== "rwc")
        throw new ArgumentError(`SQLite URI parameter mode='${v}' is not one of ro, rw, rwc, memory`);
    } else if (k === "immutable") {
      if (v === "1") target.readonly = true;
    } else {
      throw new ArgumentError(`SQLite URI parameter '${k}' is not supported by the better-sqlite3 driver`);
    }
  }
  return target;
}
