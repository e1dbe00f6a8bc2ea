/**
 * CursorResult as the ExecutionContext builds it: rows plus the execution's facts, and the
 * DML "no rows" behaviour (test/sql/test_resultset.py, test_insert_exec.py accessors).
 */
import { describe, expect, it } from "vitest";
import { CursorResult, ResultMetaData } from "../../src/engine/result/index.js";
import { InvalidRequestError, ResourceClosedError } from "../../src/exc.js";
import * as sa from "../../src/index.js";

const meta = new sa.MetaData();
const users = new sa.Table(
  "users",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String(50)),
  new sa.Column("x", sa.Integer, { default: 42 }),
  new sa.Column("created", sa.DateTime, { serverDefault: sa.text("CURRENT_TIMESTAMP") }),
);

const NO_ROWS = "This result object does not return rows. It has been closed automatically.";

/** The result of a single-row INSERT without RETURNING, as SQLite reports it. */
function insertResult(extra: Partial<ConstructorParameters<typeof CursorResult>[0]> = {}) {
  return new CursorResult({
    metadata: null,
    rowcount: 1,
    lastrowid: 1,
    isCompiled: true,
    isInsert: true,
    insertedPrimaryKeyRows: [[1]],
    primaryKeyColumns: [users.c.id],
    prefetchCols: [users.c.x],
    postfetchCols: [users.c.created],
    compiledParameters: [{ name: "a", x: 42 }],
    ...extra,
  });
}

describe("a statement that returns no rows", () => {
  it("throws 'does not return rows' on every fetch", () => {
    const r = insertResult();
    expect(r.returnsRows).toBe(false);
    const fetches = [
      () => r.fetchone(),
      () => r.fetchmany(2),
      () => r.fetchall(),
      () => r.all(),
      () => r.first(),
      () => r.one(),
      () => r.oneOrNone(),
      () => r.scalar(),
      () => r.scalarOne(),
      () => [...r],
      () => [...r.partitions(2)],
      () => r.keys(),
      () => r.columns("id"),
      () => r.scalars(),
      () => r.mappings(),
    ];
    for (const f of fetches) expect(f).toThrow(new ResourceClosedError(NO_ROWS));
  });

  it("still says so after close()", () => {
    const r = new CursorResult({ metadata: null, rowcount: 3, isCompiled: true, isUpdate: true });
    r.close();
    expect(() => r.fetchone()).toThrow(NO_ROWS);
    expect(r.rowcount).toBe(3);
  });
});

describe("a statement that returns rows", () => {
  it("is a Result over the fetched rows", () => {
    const r = new CursorResult<{ id: number; name: string }>({
      metadata: ResultMetaData.fromDescription([{ name: "id" }, { name: "name" }]),
      rows: [
        [1, "ed"],
        [2, "wendy"],
      ],
    });
    expect(r.returnsRows).toBe(true);
    expect(r.keys()).toEqual(["id", "name"]);
    expect(r.all().map((row) => row.name)).toEqual(["ed", "wendy"]);
    expect(r.all()).toEqual([]);
    expect(r.rowcount).toBe(-1);
    expect(r.lastrowid).toBeNull();
    expect(r.isInsert).toBe(false);
  });

  it("takes the yieldPer option as the default size of fetchmany() and partitions()", () => {
    const r = new CursorResult({
      metadata: ResultMetaData.fromKeys(["n"]),
      rows: [[1], [2], [3]],
      yieldPer: 2,
    });
    expect([...r.scalars().partitions()]).toEqual([[1, 2], [3]]);
  });

  it("with no rows given is an empty result", () => {
    const r = new CursorResult({ metadata: ResultMetaData.fromKeys(["n"]) });
    expect(r.all()).toEqual([]);
    expect(r.first()).toBeNull();
  });
});

describe("INSERT accessors", () => {
  it("insertedPrimaryKey is a Row in primary key order", () => {
    const r = insertResult();
    const pk = r.insertedPrimaryKey!;
    expect([...pk]).toEqual([1]);
    expect(pk[0]).toBe(1);
    expect((pk as unknown as { id: number }).id).toBe(1);
    expect(pk._mapping.get(users.c.id)).toBe(1);
    expect(pk._fields).toEqual(["id"]);
    expect(r.insertedPrimaryKeyRows.map((row) => [...row])).toEqual([[1]]);
    expect(r.isInsert).toBe(true);
    expect(r.lastrowid).toBe(1);
    expect(r.rowcount).toBe(1);
  });

  it("insertedPrimaryKey is null when the dialect does not know it (multi-VALUES)", () => {
    const r = insertResult({ insertedPrimaryKeyRows: null });
    expect(r.insertedPrimaryKey).toBeNull();
    expect(r.insertedPrimaryKeyRows).toEqual([]);
  });

  it("after an executemany, insertedPrimaryKey points to insertedPrimaryKeyRows", () => {
    const r = insertResult({ executemany: true, insertedPrimaryKeyRows: [[1], [2]] });
    expect(() => r.insertedPrimaryKey).toThrow(
      "This statement was an executemany call; if primary key returning is supported, please use .insertedPrimaryKeyRows.",
    );
    expect(r.insertedPrimaryKeyRows.map((row) => row[0])).toEqual([1, 2]);
  });

  it("insertedPrimaryKeyRows given as a function is built on first access, once", () => {
    let calls = 0;
    const r = insertResult({
      executemany: true,
      insertedPrimaryKeyRows: () => {
        calls++;
        return [[1], [null]];
      },
    });
    expect(calls).toBe(0);
    expect(r.insertedPrimaryKeyRows.map((row) => row[0])).toEqual([1, null]);
    expect(r.insertedPrimaryKeyRows[0]._mapping.get(users.c.id)).toBe(1);
    expect(calls).toBe(1);
  });

  it("insertedPrimaryKey is refused for non-compiled, non-INSERT and explicit RETURNING statements", () => {
    expect(() => insertResult({ isCompiled: false }).insertedPrimaryKey).toThrow(
      new InvalidRequestError("Statement is not a compiled expression construct."),
    );
    expect(() => insertResult({ isInsert: false, isUpdate: true }).insertedPrimaryKey).toThrow(
      new InvalidRequestError("Statement is not an insert() expression construct."),
    );
    expect(() => insertResult({ explicitReturning: true }).insertedPrimaryKey).toThrow(
      new InvalidRequestError("Can't call insertedPrimaryKey when returning() is used."),
    );
  });

  it("prefetchCols() and postfetchCols() return the Column objects; lastrowHasDefaults()", () => {
    const r = insertResult();
    expect(r.prefetchCols()).toEqual([users.c.x]);
    expect(r.prefetchCols()[0]).toBe(users.c.x);
    expect(r.postfetchCols()[0]).toBe(users.c.created);
    expect(r.lastrowHasDefaults()).toBe(true);
    expect(insertResult({ postfetchCols: [] }).lastrowHasDefaults()).toBe(false);
  });

  it("prefetchCols() is refused for a statement that is not an INSERT or UPDATE", () => {
    const r = new CursorResult({ metadata: null, isCompiled: true });
    expect(() => r.prefetchCols()).toThrow(
      new InvalidRequestError("Statement is not an insert() or update() expression construct."),
    );
    expect(() => r.postfetchCols()).toThrow(InvalidRequestError);
  });

  it("lastInsertedParams() gives the parameters, a list after an executemany", () => {
    expect(insertResult().lastInsertedParams()).toEqual({ name: "a", x: 42 });
    const many = insertResult({
      executemany: true,
      compiledParameters: [
        { name: "a", x: 42 },
        { name: "b", x: 42 },
      ],
    });
    expect(many.lastInsertedParams()).toEqual([
      { name: "a", x: 42 },
      { name: "b", x: 42 },
    ]);
    expect(() => insertResult().lastUpdatedParams()).toThrow(
      "Statement is not an update() expression construct.",
    );
  });

  it("returnedDefaults is a Row of the fetched defaults, or null", () => {
    const r = insertResult({
      returnedDefaultsRows: [["2024-01-01"]],
      returnedDefaultsColumns: [users.c.created],
    });
    expect(r.returnedDefaults?._mapping.get(users.c.created)).toBe("2024-01-01");
    expect(r.returnedDefaultsRows).toHaveLength(1);
    expect(insertResult().returnedDefaults).toBeNull();
    expect(insertResult().returnedDefaultsRows).toBeNull();
    expect(() => insertResult({ executemany: true }).returnedDefaults).toThrow(/executemany/);
  });
});

describe("UPDATE accessors", () => {
  it("rowcount and lastUpdatedParams()", () => {
    const r = new CursorResult({
      metadata: null,
      rowcount: 2,
      isCompiled: true,
      isUpdate: true,
      compiledParameters: [{ name: "b" }],
      prefetchCols: [],
    });
    expect(r.rowcount).toBe(2);
    expect(r.lastUpdatedParams()).toEqual({ name: "b" });
    expect(r.prefetchCols()).toEqual([]);
    expect(() => r.lastInsertedParams()).toThrow("Statement is not an insert() expression construct.");
  });

  it("raw SQL is not a compiled expression construct", () => {
    const r = new CursorResult({ metadata: null, rowcount: 1 });
    expect(() => r.lastUpdatedParams()).toThrow("Statement is not a compiled expression construct.");
  });
});
