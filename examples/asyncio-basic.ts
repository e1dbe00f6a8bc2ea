/**
 * SQLAlchemy's asyncio example (examples/asyncio/basic.py), in TypeScript: an engine, a
 * transaction that recreates the schema and inserts two rows, a buffered read, and a streamed
 * read with `for await`. Runs on an in-memory SQLite database; set DATABASE_URL to use another.
 */
import * as sa from "../src/index.js";

const meta = new sa.MetaData();

const t1 = new sa.Table(
  "t1",
  meta,
  new sa.Column("id", sa.Integer, { primaryKey: true }),
  new sa.Column("name", sa.String),
);

async function asyncMain(): Promise<void> {
  // engine is an Engine; every alkahest engine is asynchronous
  const engine = sa.createAsyncEngine(process.env.DATABASE_URL ?? "sqlite:///:memory:", { echo: true });

  // conn is a Connection
  await engine.begin(async (conn) => {
    // runSync passes the connection to code written against one, such as the MetaData methods
    await conn.runSync(meta.dropAll);
    await conn.runSync(meta.createAll);

    // statements are executed with `await conn.execute()`
    await conn.execute(t1.insert(), [{ name: "some name 1" }, { name: "some name 2" }]);
  });

  await engine.connect(async (conn) => {
    // the result of execute() is buffered, so its methods need no await
    const result = await conn.execute(sa.select(t1).where(t1.c.name.eq("some name 1")));
    console.log(result.fetchall());

    // for a streaming result that buffers only segments of the result at a time, use stream();
    // it returns an AsyncResult
    const asyncResult = await conn.stream(sa.select(t1));

    // which supports async iteration and awaitable versions of all(), fetchmany() and the rest
    for await (const row of asyncResult) {
      console.log(row);
    }
  });

  // close every pooled connection before the process ends
  await engine.dispose();
}

await asyncMain();
