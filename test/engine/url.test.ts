/**
 * URL parsing and rendering: SQLAlchemy's `test/engine/test_parseconnect.py` `URLTest`, ported,
 * plus the alkahest additions (database percent-decoding as in 2.1, errors naming the bad part,
 * the password masked wherever a URL is turned into text).
 */
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeUrl, URL } from "../../src/engine/url.js";
import { ArgumentError } from "../../src/exc.js";

const full = (u: URL) => u.renderAsString({ hidePassword: false });

describe("test_rfc1738: the URL forms SQLAlchemy accepts", () => {
  const corpus = [
    "dbtype://username:password@hostspec:110//usr/db_file.db",
    "dbtype://username:password@hostspec/database",
    "dbtype+apitype://username:password@hostspec/database",
    "dbtype://username:password@hostspec",
    "dbtype://username:password@/database",
    "dbtype://username@hostspec",
    "dbtype://username:password@127.0.0.1:1521",
    "dbtype://hostspec/database",
    "dbtype://hostspec",
    "dbtype://hostspec/?arg1=val1&arg2=val2",
    "dbtype+apitype:///database",
    "dbtype:///:memory:",
    "dbtype:///foo/bar/im/a/file",
    "dbtype:///E:/work/src/LEM/db/hello.db",
    "dbtype:///E:/work/src/LEM/db/hello.db?foo=bar&hoho=lala",
    "dbtype:///E:/work/src/LEM/db/hello.db?foo=bar&hoho=lala&hoho=bat",
    "dbtype://",
    "dbtype://username:password@/database",
    "dbtype:////usr/local/_xtest@example.com/members.db",
    "dbtype://username:apples%2Foranges@hostspec/database",
    "dbtype://username:password@[2001:da8:2004:1000:202:116:160:90]/database?foo=bar",
    "dbtype://username:password@[2001:da8:2004:1000:202:116:160:90]:80/database?foo=bar",
  ];
  it.each(corpus)("%s", (text) => {
    const u = makeUrl(text);
    expect(["dbtype", "dbtype+apitype"]).toContain(u.drivername);
    expect(["username", null]).toContain(u.username);
    expect(["password", "apples/oranges", null]).toContain(u.password);
    expect(["hostspec", "127.0.0.1", "2001:da8:2004:1000:202:116:160:90", null]).toContain(u.host);
    expect([
      "database",
      "/usr/local/_xtest@example.com/members.db",
      "/usr/db_file.db",
      ":memory:",
      "",
      "foo/bar/im/a/file",
      "E:/work/src/LEM/db/hello.db",
      null,
    ]).toContain(u.database);
    expect(full(u)).toBe(text);
  });

  it("reads each field of a full URL", () => {
    const u = makeUrl("dbtype+apitype://username:password@hostspec:110//usr/db_file.db?a=1");
    expect(u).toMatchObject({
      drivername: "dbtype+apitype",
      username: "username",
      password: "password",
      host: "hostspec",
      port: 110,
      database: "/usr/db_file.db",
      query: { a: "1" },
    });
  });

  it("parses IPv6 hosts in brackets, with and without a port", () => {
    expect(makeUrl("postgresql://u@[::1]:5432/db")).toMatchObject({
      host: "::1",
      port: 5432,
      database: "db",
    });
    expect(makeUrl("postgresql://[fe80::1%25eth0]/db").host).toBe("fe80::1%25eth0");
    expect(String(makeUrl("postgresql://[::1]/db"))).toBe("postgresql://[::1]/db");
  });
});

describe("SQLite URL forms", () => {
  it("sqlite:// is an in-memory database with no database part", () => {
    const u = makeUrl("sqlite://");
    expect(u.database).toBeNull();
    expect(u.host).toBeNull();
    expect(String(u)).toBe("sqlite://");
  });
  it("sqlite:///:memory: names the in-memory database", () => {
    expect(makeUrl("sqlite:///:memory:").database).toBe(":memory:");
  });
  it("three slashes give a relative path, four an absolute one", () => {
    expect(makeUrl("sqlite:///relative.db").database).toBe("relative.db");
    expect(makeUrl("sqlite:///sub/dir/relative.db").database).toBe("sub/dir/relative.db");
    expect(makeUrl("sqlite:////absolute/path.db").database).toBe("/absolute/path.db");
    expect(String(makeUrl("sqlite:////absolute/path.db"))).toBe("sqlite:////absolute/path.db");
  });
  it("keeps query options on file URLs", () => {
    const u = makeUrl("sqlite+better_sqlite3:///file.db?timeout=5&mode=ro");
    expect(u.query).toEqual({ timeout: "5", mode: "ro" });
    expect(u.getDriverName()).toBe("better_sqlite3");
  });
});

describe("test_rfc1738_password: percent-decoding and re-encoding of credentials", () => {
  const cases: [string, string, string | null][] = [
    ["dbtype://user:pass word + other%3Awords@host/dbname", "pass word + other:words", "user"],
    ["dbtype://username:apples%2Foranges@hostspec/database", "apples/oranges", "username"],
    ["dbtype://username:apples%40oranges%40%40@hostspec/database", "apples@oranges@@", "username"],
    ["dbtype://username%40:@hostspec/database", "", "username@"],
    ["dbtype://username:pass%2Fword@hostspec/database", "pass/word", "username"],
  ];
  it.each(cases)("%s", (text, password, username) => {
    const u = makeUrl(text);
    expect(u.password).toBe(password);
    expect(u.username).toBe(username);
    expect(full(u)).toBe(text);
  });

  it("decodes UTF-8 sequences and leaves a stray % alone, as Python's unquote does", () => {
    expect(makeUrl("pg://u:%E2%82%AC%zz@h/db").password).toBe("€%zz");
    expect(makeUrl("pg://u:%81@h/db").password).toBe("\uFFFD");
  });

  it("round-trips a password with the characters that need escaping (sqlalchemy#10662, #10738)", () => {
    const u = URL.create({
      drivername: "postgres",
      username: "a",
      password: "a%7db:/?#@[] &+",
      host: "localhost",
    });
    expect(full(u)).toBe("postgres://a:a%257db%3A%2F%3F%23%40%5B%5D %26+@localhost");
    expect(makeUrl(full(u)).password).toBe(u.password);
  });
});

describe("the password is hidden when rendered", () => {
  const u = makeUrl("postgresql+pg://scott:tiger@localhost:5432/test?sslmode=require");
  it("toString, template literals, toJSON and console.log mask it", () => {
    const masked = "postgresql+pg://scott:***@localhost:5432/test?sslmode=require";
    expect(u.toString()).toBe(masked);
    expect(`${u}`).toBe(masked);
    expect(JSON.stringify({ url: u })).toBe(JSON.stringify({ url: masked }));
    expect(inspect(u)).toBe(`URL(${masked})`);
    expect(inspect(u)).not.toContain("tiger");
  });
  it("renderAsString hides by default and shows on request", () => {
    expect(u.renderAsString()).toContain(":***@");
    expect(u.renderAsString({ hidePassword: false })).toContain(":tiger@");
  });
  it("an empty password is still masked, and no password renders no colon", () => {
    expect(String(makeUrl("pg://u:@h/db"))).toBe("pg://u:***@h/db");
    expect(String(makeUrl("pg://u@h/db"))).toBe("pg://u@h/db");
  });
});

describe("test_query_string", () => {
  it("reads options in order and renders them sorted", () => {
    const u = makeUrl("dialect://user:pass@host/db?arg1=param1&arg2=param2");
    expect(u.query).toEqual({ arg1: "param1", arg2: "param2" });
    expect(full(u)).toBe("dialect://user:pass@host/db?arg1=param1&arg2=param2");
    expect(full(makeUrl("d://h/db?b=2&a=1"))).toBe("d://h/db?a=1&b=2");
  });
  it("a repeated key becomes an array, rendered back as repeated keys", () => {
    const text = "dialect://user:pass@host/db?arg1=param1&arg2=param2&arg2=param3";
    const u = makeUrl(text);
    expect(u.query).toEqual({ arg1: "param1", arg2: ["param2", "param3"] });
    expect(full(u)).toBe(text);
  });
  it("decodes keys and values (+ is a space) and re-encodes them", () => {
    const text = "dialect://user:pass@host/db?arg1%3D=param1&arg2=param+2";
    const u = makeUrl(text);
    expect(u.query).toEqual({ "arg1=": "param1", arg2: "param 2" });
    expect(full(u)).toBe(text);
    expect(makeUrl("pg://h/db?ssl_cipher=%2Fpath%2Fto%2Fcrt").query).toEqual({ ssl_cipher: "/path/to/crt" });
  });
  it("drops blank values like parse_qsl (keep_blank_values=False)", () => {
    expect(makeUrl("d://h/db?a=&b&c=1&&").query).toEqual({ c: "1" });
    expect(makeUrl("d://h/db?").query).toEqual({});
  });
  it("test_query_dict_immutable: the query cannot be changed in place", () => {
    const u = makeUrl("d://h/db?foo=bar&x=1&x=2");
    expect(() => {
      (u.query as Record<string, string>).foo = "bat";
    }).toThrow(TypeError);
    expect(() => {
      (u.query.x as string[]).push("3");
    }).toThrow(TypeError);
    expect(u.query).toEqual({ foo: "bar", x: ["1", "2"] });
  });
  it("a __proto__ key is an ordinary key", () => {
    const u = makeUrl("d://h/db?__proto__=x");
    expect(Object.keys(u.query)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(u.query)).toBe(Object.prototype);
  });
  it("normalizedQuery gives every value as an array", () => {
    expect(makeUrl("pg://h/db?a=1&b=2&b=3").normalizedQuery).toEqual({ a: ["1"], b: ["2", "3"] });
  });
});

describe("the database part is percent-decoded (2.1)", () => {
  it("decodes escapes and re-escapes % and ? so the URL round-trips (sqlalchemy#11234)", () => {
    const u = makeUrl("sqlite:///a%3Fb%3Dc");
    expect(u.database).toBe("a?b=c");
    expect(String(u)).toBe("sqlite:///a%3Fb=c");
    const made = URL.create({ drivername: "sqlite", database: "100%?.db" });
    expect(makeUrl(String(made)).database).toBe("100%?.db");
  });
  it("escapes @ only where the parser would misread it", () => {
    const ported = URL.create({ drivername: "pg", host: "h", port: 1, database: "a@b" });
    expect(String(ported)).toBe("pg://h:1/a%40b");
    expect(makeUrl(String(ported)).equals(ported)).toBe(true);
    expect(String(URL.create({ drivername: "sqlite", database: "/x/a@b.db" }))).toBe("sqlite:////x/a@b.db");
  });
});

describe("test_comparison and test_component_set", () => {
  const common = "dbtype://username:password@[2001:da8:2004:1000:202:116:160:90]:80/database?foo=bar";
  it("equal URLs compare equal, different ones do not", () => {
    expect(makeUrl(common).equals(makeUrl(common))).toBe(true);
    expect(makeUrl(common).equals(makeUrl("dbtype://uname:pwd@host/"))).toBe(false);
    expect(makeUrl("pg://h/db?a=1&b=2").equals(makeUrl("pg://h/db?b=2&a=1"))).toBe(true);
    expect(makeUrl("pg://h/db?a=1").equals(makeUrl("pg://h/db?a=1&a=2"))).toBe(false);
    expect(makeUrl("pg://h:1/db").equals(makeUrl("pg://h:2/db"))).toBe(false);
    expect(makeUrl(common).equals(common)).toBe(false);
  });
  it.each(["drivername", "username", "password", "host", "database"] as const)(
    "set(%s) and back",
    (component) => {
      const url1 = makeUrl(common);
      const url3 = makeUrl(common).set({ [component]: "new_changed_value" });
      expect(url3[component]).toBe("new_changed_value");
      expect(url1.equals(url3)).toBe(false);
      expect(url3.set({ [component]: url1[component] }).equals(url1)).toBe(true);
    },
  );
  it("set() keeps absent fields, clears null ones, and replaces the query", () => {
    const u = makeUrl("pg://scott:tiger@h:5432/db?a=1");
    expect(u.set({ port: 6543 }).port).toBe(6543);
    expect(u.set({ port: 6543 }).username).toBe("scott");
    const cleared = u.set({ password: null, port: null });
    expect(full(cleared)).toBe("pg://scott@h/db?a=1");
    expect(u.set({ query: { b: "2" } }).query).toEqual({ b: "2" });
    expect(u.set({}).equals(u)).toBe(true);
    expect(u.password).toBe("tiger"); // the original is untouched
  });
  it("URLs are frozen", () => {
    const u = makeUrl("pg://h/db");
    expect(Object.isFrozen(u)).toBe(true);
    expect(() => {
      (u as { host: string | null }).host = "x";
    }).toThrow(TypeError);
  });
});

describe("test_update_query_dict / test_update_query_string", () => {
  const withQuery = (q: string) => makeUrl(`drivername:///?${q}`);
  const dictCases: [string, Record<string, string | string[]>, string, boolean][] = [
    ["foo1=bar1&foo2=bar2", { foo2: "bar22", foo3: "bar3" }, "foo1=bar1&foo2=bar22&foo3=bar3", false],
    [
      "foo1=bar1&foo2=bar2",
      { foo2: "bar22", foo3: "bar3" },
      "foo1=bar1&foo2=bar2&foo2=bar22&foo3=bar3",
      true,
    ],
    ["foo1=bar1&foo2=bar2", { foo2: ["bar22", "bar23"] }, "foo1=bar1&foo2=bar2&foo2=bar22&foo2=bar23", true],
    ["foo1=bar1&foo2=bar2", { foo2: ["bar22", "bar23"] }, "foo1=bar1&foo2=bar22&foo2=bar23", false],
  ];
  it.each(dictCases)("%s + %o (append %s)", (start, update, expected, append) => {
    expect(withQuery(start).updateQueryDict(update, { append }).equals(withQuery(expected))).toBe(true);
  });
  const stringCases: [string, string, string, boolean][] = [
    ["foo1=bar1&foo2=bar2", "foo2=bar22&foo3=bar3", "foo1=bar1&foo2=bar22&foo3=bar3", false],
    ["foo1=bar1&foo2=bar2", "foo2=bar22&foo3=bar3", "foo1=bar1&foo2=bar2&foo2=bar22&foo3=bar3", true],
    [
      "foo1=bar1&foo2=bar21&foo2=bar22&foo3=bar31",
      "foo2=bar23&foo3=bar32&foo3=bar33",
      "foo1=bar1&foo2=bar21&foo2=bar22&foo2=bar23&foo3=bar31&foo3=bar32&foo3=bar33",
      true,
    ],
    [
      "foo1=bar1&foo2=bar21&foo2=bar22&foo3=bar31",
      "foo2=bar23&foo3=bar32&foo3=bar33",
      "foo1=bar1&foo2=bar23&foo3=bar32&foo3=bar33",
      false,
    ],
  ];
  it.each(stringCases)("%s + %s (append %s)", (start, update, expected, append) => {
    expect(withQuery(start).updateQueryString(update, { append }).equals(withQuery(expected))).toBe(true);
  });
  it("updateQueryPairs collects repeated keys; the docstring example renders encoded", () => {
    const u = makeUrl("postgresql+psycopg2://user:pass@host/dbname").updateQueryPairs([
      ["alt_host", "host1"],
      ["alt_host", "host2"],
      ["ssl_cipher", "/path/to/crt"],
    ]);
    expect(full(u)).toBe(
      "postgresql+psycopg2://user:pass@host/dbname?alt_host=host1&alt_host=host2&ssl_cipher=%2Fpath%2Fto%2Fcrt",
    );
  });
  it("test_difference_update_query", () => {
    const u = makeUrl("drivername:///?foo1=bar1&foo2=bar2&foo3=bar3");
    expect(
      u.differenceUpdateQuery(["foo2", "fooN"]).equals(makeUrl("drivername:///?foo1=bar1&foo3=bar3")),
    ).toBe(true);
    expect(u.differenceUpdateQuery(["fooN"])).toBe(u);
    expect(u.differenceUpdateQuery(["foo1", "foo2", "foo3"]).query).toEqual({});
  });
});

describe("test_only_str_*: URL.create and set validate their arguments", () => {
  it.each(["username", "host", "database"])("%s must be a string", (name) => {
    expect(() => URL.create({ drivername: "somedriver", [name]: 35.8 })).toThrow(`${name} must be a string`);
    expect(() => URL.create({ drivername: "somedriver" }).set({ [name]: 35.8 })).toThrow(ArgumentError);
  });
  it("drivername must be a string", () => {
    expect(() => URL.create({ drivername: 5 as unknown as string })).toThrow("drivername must be a string");
  });
  it("query keys and values", () => {
    const bad = { foo: 35.8 } as unknown as Record<string, string>;
    expect(() => URL.create({ drivername: "d", query: bad })).toThrow(
      "Query dictionary values must be strings or sequences of strings",
    );
    expect(() => makeUrl("drivername://").updateQueryDict(bad)).toThrow(ArgumentError);
    const badKey = [[35.8, "foo"]] as unknown as [string, string][];
    expect(() => makeUrl("drivername://").updateQueryPairs(badKey)).toThrow(
      "Query dictionary keys must be strings",
    );
  });
  it("port must be an integer in range; a digit string is accepted", () => {
    expect(URL.create({ drivername: "d", port: "5432" as unknown as number }).port).toBe(5432);
    expect(() => URL.create({ drivername: "d", port: 1.5 })).toThrow(/Port argument must be an integer/);
    expect(() => URL.create({ drivername: "d", port: 70000 })).toThrow(ArgumentError);
    expect(() => URL.create({ drivername: "d", port: "x" as unknown as number })).toThrow(ArgumentError);
  });
  it("create builds what make_url parses (test_deprecated_constructor)", () => {
    const u = URL.create({ drivername: "somedriver", username: "user", port: 52, host: "hostname" });
    expect(u.equals(makeUrl("somedriver://user@hostname:52"))).toBe(true);
  });
  it("create takes the password as typed, not percent-encoded", () => {
    const u = URL.create({ drivername: "pg", username: "u", password: "p%40ss", host: "h" });
    expect(u.password).toBe("p%40ss");
    expect(full(u)).toBe("pg://u:p%2540ss@h");
  });
});

describe("backend and driver names", () => {
  it("getBackendName is the part before +, getDriverName the part after or null", () => {
    expect(makeUrl("postgresql+pg://h/db").getBackendName()).toBe("postgresql");
    expect(makeUrl("postgresql+pg://h/db").getDriverName()).toBe("pg");
    expect(makeUrl("postgresql://h/db").getBackendName()).toBe("postgresql");
    expect(makeUrl("postgresql://h/db").getDriverName()).toBeNull();
  });
});

describe("translateConnectArgs", () => {
  it("returns set fields under their names or the given ones, omitting empty ones", () => {
    const u = makeUrl("pg://scott:tiger@h:5433/db");
    expect(u.translateConnectArgs()).toEqual({
      host: "h",
      database: "db",
      username: "scott",
      password: "tiger",
      port: 5433,
    });
    expect(u.translateConnectArgs({ username: "user", database: null })).toEqual({
      host: "h",
      user: "scott",
      password: "tiger",
      port: 5433,
    });
    expect(makeUrl("sqlite://").translateConnectArgs()).toEqual({});
  });
});

describe("makeUrl errors name what is wrong", () => {
  it("returns a URL argument unchanged and rejects other types", () => {
    const u = makeUrl("pg://h/db");
    expect(makeUrl(u)).toBe(u);
    expect(() => makeUrl(5 as unknown as string)).toThrow("Expected string or URL object, got number");
    expect(() => makeUrl(null as unknown as string)).toThrow(ArgumentError);
  });
  it("garbage: SQLAlchemy's message, with a hint", () => {
    expect(() => makeUrl("not a url")).toThrow(
      /^Could not parse SQLAlchemy URL from string 'not a url': expected '<dialect>\[\+<driver>\]:\/\/\.\.\.'/,
    );
    expect(() => makeUrl("")).toThrow("Could not parse SQLAlchemy URL from string ''");
    expect(() => makeUrl("://h/db")).toThrow("the dialect name before '://' is missing");
    expect(() => makeUrl("postgres-ql://h/db")).toThrow("the dialect name 'postgres-ql' may contain only");
    expect(() => makeUrl(" postgresql://h/db")).toThrow(ArgumentError);
  });
  it("a bad port is named, and the password is masked in the message", () => {
    let caught: unknown;
    try {
      makeUrl("postgresql://scott:tiger@localhost:54x2/test");
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ArgumentError);
    const msg = (caught as Error).message;
    expect(msg).toContain("invalid port '54x2'");
    expect(msg).toContain("'postgresql://scott:***@localhost:54x2/test'");
    expect(msg).not.toContain("tiger");
    expect(() => makeUrl("pg://h:/db")).toThrow("invalid port ''");
    expect(() => makeUrl("pg://h:99999/db")).toThrow("invalid port '99999'");
    expect(() => makeUrl("pg://h:1:2/db")).toThrow("invalid port '1:2'");
  });
  it("text after a bracketed host, or an unclosed bracket, is an error rather than ignored", () => {
    expect(() => makeUrl("pg://[::1]x/db")).toThrow("unexpected 'x/db' after the host");
    expect(() => makeUrl("pg://[::1/db")).toThrow("no closing ']'");
  });
});

describe("round trip: makeUrl(renderAsString({ hidePassword: false })) equals the URL", () => {
  const text = fc.string({ unit: "grapheme", maxLength: 12 });
  const tricky = fc.string({ unit: fc.constantFrom(..."aZ0 %+:/@?#&=[]~._-€\n"), maxLength: 10 });
  const str = fc.oneof(text, tricky);
  const host = fc.oneof(
    fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,10}[a-z0-9])?$/),
    fc.constantFrom("::1", "2001:db8::1", "127.0.0.1"),
  );
  const url = fc
    .record({
      drivername: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}(\+[a-z0-9_]{1,8})?$/),
      username: fc.option(str),
      password: fc.option(str),
      host: fc.option(host),
      port: fc.option(fc.integer({ min: 0, max: 65535 })),
      database: fc.option(str),
      query: fc.dictionary(str, fc.oneof(str, fc.array(str, { minLength: 2, maxLength: 3 }))),
    })
    // SQLAlchemy's own limits: a password is only rendered after a username, and parse_qsl
    // drops blank values
    .filter((f) => f.username !== null || f.password === null)
    .map((f) => ({
      ...f,
      query: Object.fromEntries(
        Object.entries(f.query).filter(([, v]) =>
          typeof v === "string" ? v !== "" : v.every((x) => x !== ""),
        ),
      ),
    }));
  it("holds for arbitrary fields", () => {
    fc.assert(
      fc.property(url, (fields) => {
        const u = URL.create(fields);
        const back = makeUrl(full(u));
        expect(back.equals(u)).toBe(true);
        expect(full(back)).toBe(full(u));
      }),
      { numRuns: 2000 },
    );
  });
});
