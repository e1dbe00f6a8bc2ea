/**
 * Database URLs, `dialect+driver://username:password@host:port/database?key=value`, parsed and
 * rendered as SQLAlchemy's `engine/url.py` does (2.0, plus 2.1's percent-decoding of the database).
 *
 * The `URL` is immutable: `set()` and the `update*` methods return new objects. The password is
 * masked as `***` by `toString()`, `toJSON()` and `console.log`, so a URL can be logged safely;
 * `renderAsString({ hidePassword: false })` is the one way to get it back in text.
 */
import { inspect } from "node:util";
import { ArgumentError } from "../exc.js";

/** A query-string value: one string, or several when the key was repeated. */
export type QueryValue = string | readonly string[];
/** The query options of a URL (`?a=1&b=2&b=3` is `{ a: "1", b: ["2", "3"] }`). */
export type UrlQuery = Readonly<Record<string, QueryValue>>;

/** The fields of a URL, as given to `URL.create()`. */
export interface URLFields {
  /** `backend` or `backend+driver`, e.g. `postgresql+pg` */
  drivername: string;
  username?: string | null;
  /** the password as typed, not percent-encoded */
  password?: string | null;
  /** a host name or IP address; IPv6 addresses without brackets */
  host?: string | null;
  port?: number | null;
  /** the database name, or the file path for SQLite */
  database?: string | null;
  query?: Readonly<Record<string, string | readonly string[]>>;
}

/** Changes for `URL.set()`: `undefined` (or absent) keeps a field, `null` clears it. */
export type URLChanges = Partial<Omit<URLFields, "drivername">> & { drivername?: string };

/** Options of the query-updating methods. */
export interface QueryUpdateOptions {
  /** keep existing values of the same keys, adding the new ones after them (default: replace) */
  append?: boolean;
}

/** The URL fields `translateConnectArgs` knows. */
export type ConnectArgName = "host" | "database" | "username" | "password" | "port";

const EMPTY_QUERY: UrlQuery = Object.freeze({});

/**
 * The parts of a database URL. Build one with `makeUrl(string)` or `URL.create({...})`.
 * @example
 * const u = makeUrl("postgresql+pg://scott:ti%40ger@localhost:5432/test?sslmode=require");
 * u.password;            // "ti@ger"
 * u.port;                // 5432
 * u.getBackendName();    // "postgresql"
 * String(u);             // "postgresql+pg://scott:***@localhost:5432/test?sslmode=require"
 */
export class URL {
  /** `backend` or `backend+driver`, e.g. `postgresql+pg` */
  readonly drivername: string;
  readonly username: string | null;
  readonly password: string | null;
  /** host name or IP address (IPv6 without its brackets) */
  readonly host: string | null;
  readonly port: number | null;
  /** database name; for SQLite the file path (`null` or `:memory:` for an in-memory database) */
  readonly database: string | null;
  /** query options; a repeated key holds an array of its values */
  readonly query: UrlQuery;

  private constructor(f: Required<URLFields>) {
    this.drivername = f.drivername;
    this.username = f.username;
    this.password = f.password;
    this.host = f.host;
    this.port = f.port;
    this.database = f.database;
    this.query = f.query as UrlQuery;
    Object.freeze(this);
  }

  /**
   * A URL from its fields. Values are taken as they are: the password is not percent-decoded.
   * @example
   * URL.create({ drivername: "postgresql+pg", username: "scott", password: "p@ss", host: "db", database: "app" });
   */
  static create(fields: URLFields): URL {
    return new URL({
      drivername: assertString(fields.drivername, "drivername"),
      username: assertOptString(fields.username, "username"),
      password: assertOptString(fields.password, "password"),
      host: assertOptString(fields.host, "host"),
      port: assertPort(fields.port),
      database: assertOptString(fields.database, "database"),
      query: freezeQuery(fields.query),
    });
  }

  /**
   * A copy with some fields changed: an absent or `undefined` field is kept, `null` clears it;
   * `query` replaces the whole query.
   * @example
   * makeUrl("postgresql://scott@db/app").set({ database: "other", username: null });
   */
  set(changes: URLChanges): URL {
    const pick = <K extends keyof URLChanges>(k: K, cur: URLFields[K]) =>
      changes[k] === undefined ? cur : changes[k];
    return URL.create({
      drivername: changes.drivername ?? this.drivername,
      username: pick("username", this.username),
      password: pick("password", this.password),
      host: pick("host", this.host),
      port: pick("port", this.port),
      database: pick("database", this.database),
      query: changes.query ?? this.query,
    });
  }

  /**
   * A copy with query options added from an object; a value may be an array for a repeated key.
   * @example
   * u.updateQueryDict({ alt_host: ["h1", "h2"], sslmode: "require" });
   * u.updateQueryDict({ alt_host: "h3" }, { append: true });
   */
  updateQueryDict(
    dict: Readonly<Record<string, string | readonly string[]>>,
    opts: QueryUpdateOptions = {},
  ): URL {
    if (dict === null || typeof dict !== "object") {
      throw new ArgumentError("updateQueryDict() takes an object of query options");
    }
    return this.updateQueryPairs(Object.entries(dict), opts);
  }

  /**
   * A copy with query options added from a percent-encoded query string (without the `?`).
   * @example
   * u.updateQueryString("alt_host=h1&alt_host=h2&ssl_cipher=%2Fpath%2Fto%2Fcrt");
   */
  updateQueryString(queryString: string, opts: QueryUpdateOptions = {}): URL {
    return this.updateQueryPairs(parseQueryString(queryString), opts);
  }

  /**
   * A copy with query options added from `[key, value]` pairs; a repeated key collects its values.
   * @example
   * u.updateQueryPairs([["alt_host", "h1"], ["alt_host", "h2"]]);
   */
  updateQueryPairs(
    pairs: Iterable<readonly [string, string | readonly string[]]>,
    opts: QueryUpdateOptions = {},
  ): URL {
    const incoming = new Map<string, QueryValue>();
    for (const [key, value] of pairs) {
      if (typeof key !== "string") throw new ArgumentError("Query dictionary keys must be strings");
      const prev = incoming.get(key);
      incoming.set(key, prev === undefined ? value : [...toList(prev), ...toList(value)]);
    }
    const merged = new Map<string, QueryValue>(Object.entries(this.query));
    for (const [key, value] of incoming) {
      const prev = merged.get(key);
      merged.set(key, opts.append && prev !== undefined ? [...toList(prev), ...toList(value)] : value);
    }
    return this.set({ query: Object.fromEntries(merged) });
  }

  /**
   * A copy without the given query options (the same URL when none of them is present).
   * @example
   * makeUrl("sqlite:///a.db?mode=ro&cache=shared").differenceUpdateQuery(["cache"]); // sqlite:///a.db?mode=ro
   */
  differenceUpdateQuery(names: Iterable<string>): URL {
    const drop = new Set(names);
    const keys = Object.keys(this.query);
    if (!keys.some((k) => drop.has(k))) return this;
    return this.set({
      query: Object.fromEntries(keys.filter((k) => !drop.has(k)).map((k) => [k, this.query[k]])),
    });
  }

  /**
   * The query with every value as an array.
   * @example
   * makeUrl("pg://h/db?a=1&b=2&b=3").normalizedQuery; // { a: ["1"], b: ["2", "3"] }
   */
  get normalizedQuery(): Readonly<Record<string, readonly string[]>> {
    return Object.fromEntries(Object.entries(this.query).map(([k, v]) => [k, toList(v)]));
  }

  /**
   * The backend: the part of `drivername` before the `+`.
   * @example
   * makeUrl("postgresql+pg://h/db").getBackendName(); // "postgresql"
   */
  getBackendName(): string {
    const plus = this.drivername.indexOf("+");
    return plus < 0 ? this.drivername : this.drivername.slice(0, plus);
  }

  /**
   * The driver named after the `+`, or `null` when the URL names none (the dialect registry then
   * picks the backend's default driver).
   * @example
   * makeUrl("postgresql+pg://h/db").getDriverName(); // "pg"
   * makeUrl("sqlite://").getDriverName();           // null
   */
  getDriverName(): string | null {
    const plus = this.drivername.indexOf("+");
    return plus < 0 ? null : this.drivername.slice(plus + 1);
  }

  /**
   * The host, database, username, password and port as an object for a driver's connect call,
   * leaving out unset or empty ones; `names` renames keys (a `null` name drops the field).
   * @example
   * makeUrl("pg://scott:tiger@h:5433/db").translateConnectArgs({ username: "user" });
   * // { host: "h", database: "db", user: "scott", password: "tiger", port: 5433 }
   */
  translateConnectArgs(
    names: Partial<Record<ConnectArgName, string | null>> = {},
  ): Record<string, string | number> {
    const out: Record<string, string | number> = {};
    for (const field of ["host", "database", "username", "password", "port"] as const) {
      const name = names[field] === undefined ? field : names[field];
      const value = this[field];
      if (name !== null && value !== null && value !== "" && value !== 0) out[name] = value;
    }
    return out;
  }

  /**
   * The URL as text. Username and password are percent-encoded, the password is `***` unless
   * `hidePassword: false`, query keys are sorted.
   * @example
   * makeUrl("pg://scott:tiger@h/db").renderAsString({ hidePassword: false }); // "pg://scott:tiger@h/db"
   */
  renderAsString({ hidePassword = true }: { hidePassword?: boolean } = {}): string {
    let s = `${this.drivername}://`;
    if (this.username !== null) {
      s += quote(this.username, " +");
      if (this.password !== null) s += `:${hidePassword ? "***" : quote(this.password, " +")}`;
      s += "@";
    }
    if (this.host !== null) s += this.host.includes(":") ? `[${this.host}]` : this.host;
    if (this.port !== null) s += `:${this.port}`;
    if (this.database !== null) s += `/${this.renderDatabase()}`;
    const keys = Object.keys(this.query).sort();
    if (keys.length > 0) {
      const parts: string[] = [];
      for (const k of keys)
        for (const v of toList(this.query[k])) parts.push(`${quotePlus(k)}=${quotePlus(v)}`);
      s += `?${parts.join("&")}`;
    }
    return s;
  }

  // Only what would not survive a re-parse is escaped, so `sqlite:///:memory:`, `sqlite:///C:/x.db`
  // and `sqlite:////a/b@c.db` render as users write them: `%` and `?` always; `@` only when a `:`
  // (port or IPv6 host) precedes it and no password ends the user part, since the parser's
  // username then runs up to that `@` (`db://h:1/a@b` would read as user `h`, password `1/a`).
  private renderDatabase(): string {
    const db = this.database as string;
    const noPassword = this.username === null || this.password === null;
    const atIsAmbiguous = noPassword && (this.port !== null || (this.host?.includes(":") ?? false));
    return db.replace(
      atIsAmbiguous ? /[%?@]/g : /[%?]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  }

  /**
   * True when every field (and the query) is equal.
   * @example
   * makeUrl("pg://h/db?a=1&b=2").equals(makeUrl("pg://h/db?b=2&a=1")); // true
   */
  equals(other: unknown): boolean {
    if (!(other instanceof URL)) return false;
    if (other === this) return true;
    return (
      this.drivername === other.drivername &&
      this.username === other.username &&
      this.password === other.password &&
      this.host === other.host &&
      this.port === other.port &&
      this.database === other.database &&
      queryEquals(this.query, other.query)
    );
  }

  /**
   * Same as `renderAsString` (the name API.md lists).
   * @example
   * url.render({ hidePassword: false }); // "postgresql://scott:tiger@localhost/test"
   */
  render(opts: { hidePassword?: boolean } = {}): string {
    return this.renderAsString(opts);
  }

  /** The URL with the password masked as `***`. */
  toString(): string {
    return this.renderAsString();
  }

  /** JSON form: the masked string, so serialised configs and logs do not leak the password. */
  toJSON(): string {
    return this.renderAsString();
  }

  /** `console.log(url)` shows the masked string rather than the fields (which hold the password). */
  [inspect.custom](): string {
    return `URL(${this.renderAsString()})`;
  }
}

/**
 * Parses a database URL string (or returns a `URL` unchanged). Username, password and database are
 * percent-decoded; a repeated query key becomes an array; the port becomes a number.
 * @example
 * makeUrl("sqlite:///relative.db").database;         // "relative.db"
 * makeUrl("sqlite:////abs/path.db").database;        // "/abs/path.db"
 * makeUrl("sqlite://").database;                     // null (in memory)
 * makeUrl("postgresql://u@[::1]:5432/db").host;      // "::1"
 */
export function makeUrl(nameOrUrl: string | URL): URL {
  if (typeof nameOrUrl === "string") return parseUrl(nameOrUrl);
  if (nameOrUrl instanceof URL) return nameOrUrl;
  const got = nameOrUrl === null ? "null" : typeof nameOrUrl;
  throw new ArgumentError(`Expected string or URL object, got ${got}`);
}

// SQLAlchemy's `_parse_url` pattern, unchanged in meaning; every group is optional after `://`.
const URL_PATTERN =
  /^(?<name>[\w+]+):\/\/(?:(?<username>[^:/]*)(?::(?<password>[^@]*))?@)?(?:(?:\[(?<ipv6host>[^/?]+)\]|(?<ipv4host>[^/:?]+))?(?::(?<port>[^/?]*))?)?(?:\/(?<database>[^?]*))?(?:\?(?<query>.*))?/;

function parseUrl(name: string): URL {
  const m = URL_PATTERN.exec(name);
  if (m === null) throw parseError(name, schemeHint(name));
  const g = m.groups as Record<string, string | undefined>;
  // Python's re.match ignores text after the match; that text is always a mistake (`[::1]x/db`).
  if (m[0].length !== name.length) {
    throw parseError(name, `unexpected ${quoted(name.slice(m[0].length))} after the host`);
  }
  if (g.ipv4host?.startsWith("[")) {
    throw parseError(name, `the IPv6 host ${quoted(g.ipv4host)} has no closing ']'`);
  }
  let port: number | null = null;
  if (g.port !== undefined) {
    if (!/^\d{1,5}$/.test(g.port) || Number(g.port) > 65535) {
      throw parseError(name, `invalid port ${quoted(g.port)} (expected an integer from 0 to 65535)`);
    }
    port = Number(g.port);
  }
  const query = new Map<string, QueryValue>();
  for (const [k, v] of g.query === undefined ? [] : parseQueryString(g.query)) {
    const prev = query.get(k);
    query.set(k, prev === undefined ? v : [...toList(prev), v]);
  }
  return URL.create({
    drivername: g.name as string,
    username: g.username === undefined ? null : unquote(g.username),
    password: g.password === undefined ? null : unquote(g.password),
    host: g.ipv4host ?? g.ipv6host ?? null,
    port,
    database: g.database === undefined ? null : unquote(g.database),
    query: Object.fromEntries(query),
  });
}

function schemeHint(name: string): string | undefined {
  const sep = name.indexOf("://");
  if (sep < 0) return "expected '<dialect>[+<driver>]://...', e.g. 'postgresql+pg://user@host/db'";
  const scheme = name.slice(0, sep);
  if (scheme === "") return "the dialect name before '://' is missing";
  return `the dialect name ${quoted(scheme)} may contain only letters, digits, '_' and '+'`;
}

function parseError(name: string, hint: string | undefined): ArgumentError {
  const base = `Could not parse SQLAlchemy URL from string '${maskPassword(name)}'`;
  return new ArgumentError(hint === undefined ? base : `${base}: ${hint}`);
}

// Errors end up in logs: mask what looks like a password (`://user:secret@`) before quoting input.
function maskPassword(name: string): string {
  return name.replace(/^([^:]*:\/\/[^:/@]*):[^@]*@/, "$1:***@");
}

function quoted(s: string): string {
  return `'${s}'`;
}

/** Python's `urllib.parse.parse_qsl` with its defaults: `&`-separated, blank values dropped. */
function parseQueryString(qs: string): [string, string][] {
  const out: [string, string][] = [];
  for (const field of qs.split("&")) {
    const eq = field.indexOf("=");
    // keep_blank_values=False: `a` and `a=` carry nothing and are skipped, as in SQLAlchemy
    if (eq < 0 || eq === field.length - 1) continue;
    out.push([unquotePlus(field.slice(0, eq)), unquotePlus(field.slice(eq + 1))]);
  }
  return out;
}

const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/** Python's `unquote`: valid `%XX` runs decode as UTF-8 (bad bytes become U+FFFD), stray `%` stays. */
function unquote(s: string): string {
  if (!s.includes("%")) return s;
  return s.replace(PERCENT_RUN, (run) => Buffer.from(run.replace(/%/g, ""), "hex").toString("utf8"));
}

function unquotePlus(s: string): string {
  return unquote(s.replace(/\+/g, " "));
}

const ALWAYS_SAFE = /^[A-Za-z0-9_.\-~]$/;

/** Python's `quote(s, safe)`: everything but `A-Za-z0-9_.-~` and `safe` is UTF-8 percent-encoded. */
function quote(s: string, safe: string): string {
  let out = "";
  for (const ch of s) {
    if (ALWAYS_SAFE.test(ch) || safe.includes(ch)) out += ch;
    else
      for (const byte of Buffer.from(ch, "utf8"))
        out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function quotePlus(s: string): string {
  return quote(s, " ").replace(/ /g, "+");
}

function toList(v: QueryValue): readonly string[] {
  return typeof v === "string" ? [v] : v;
}

function assertString(v: unknown, name: string): string {
  if (typeof v !== "string") throw new ArgumentError(`${name} must be a string`);
  return v;
}

function assertOptString(v: unknown, name: string): string | null {
  return v === null || v === undefined ? null : assertString(v, name);
}

function assertPort(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  // a digit string is accepted because ports often come from environment variables
  const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ArgumentError(`Port argument must be an integer from 0 to 65535 or null, got ${String(v)}`);
  }
  return n;
}

function freezeQuery(q: unknown): UrlQuery {
  if (q === null || q === undefined) return EMPTY_QUERY;
  if (typeof q !== "object" || Array.isArray(q)) throw new ArgumentError("query must be an object");
  const entries = Object.entries(q as Record<string, unknown>);
  if (entries.length === 0) return EMPTY_QUERY;
  const out: [string, QueryValue][] = [];
  for (const [k, v] of entries) {
    if (typeof v === "string") out.push([k, v]);
    else if (Array.isArray(v) && v.every((e) => typeof e === "string")) out.push([k, Object.freeze([...v])]);
    else throw new ArgumentError("Query dictionary values must be strings or sequences of strings");
  }
  // fromEntries defines own properties, so a `__proto__` key stays a key
  return Object.freeze(Object.fromEntries(out));
}

function queryEquals(a: UrlQuery, b: UrlQuery): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    const va = a[k];
    const vb = b[k];
    if (typeof va === "string" || typeof vb === "string") {
      if (va !== vb) return false;
    } else if (va.length !== vb.length || va.some((x, i) => x !== vb[i])) {
      return false;
    }
  }
  return true;
}
