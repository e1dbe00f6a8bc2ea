/**
 * Helpers of the reflection conformance tests: a normalised snapshot of everything an Inspector
 * says about a schema (so two reflections compare with `toEqual`), and a fresh target database
 * (a second SQLite file, a second PostgreSQL schema) to re-create a reflected MetaData in.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Inspector, inspect } from "../../../src/engine/reflection/index.js";
import * as sa from "../../../src/index.js";
import type { DialectCase } from "./dialects.js";

/** A type as data: its class, its DDL on the dialect, and its public fields. */
export function describeType(type: sa.TypeEngine, dialect: sa.Dialect): Record<string, unknown> {
  const fields = JSON.parse(JSON.stringify(type, (k, v) => (k.startsWith("_") ? undefined : v)));
  return { class: type.constructor.name, ddl: dialect.typeCompiler.process(type), ...fields };
}

/** Everything the Inspector reports for every table of the default schema. */
export async function snapshot(insp: Inspector): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of await insp.getTableNames()) {
    out[t] = {
      columns: (await insp.getColumns(t)).map((c) => ({ ...c, type: describeType(c.type, insp.dialect) })),
      pk: await insp.getPkConstraint(t),
      fks: await insp.getForeignKeys(t),
      indexes: await insp.getIndexes(t),
      uniques: await insp.getUniqueConstraints(t),
      checks: await insp.getCheckConstraints(t),
      comment: await insp.getTableComment(t),
      options: await insp.getTableOptions(t),
    };
  }
  return out;
}

/** Drops the test file's own PostgreSQL schema (its search_path schema) at the end. */
export async function dropOwnSchema(engine: sa.Engine): Promise<void> {
  const schema = (await inspect(engine)).defaultSchemaName;
  await engine.begin((c) => c.execDriverSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** Creates a named enum type unless it exists (PostgreSQL). */
export async function ensureEnum(
  conn: sa.Connection,
  name: string,
  values: readonly string[],
): Promise<void> {
  const labels = values.map((v) => `'${v}'`).join(", ");
  await conn.execDriverSql(
    `DO $$ BEGIN CREATE TYPE "${name}" AS ENUM (${labels}); EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
  );
}

/** A second, empty database of the same kind: a new SQLite file, a new PostgreSQL schema, a new MySQL database. */
export async function freshTarget(
  d: DialectCase,
  engine: sa.Engine,
  tag: string,
): Promise<{ engine: sa.Engine; drop(): Promise<void> }> {
  if (d.name === "sqlite") {
    const file = join(mkdtempSync(join(tmpdir(), `alkahest-${tag}-`)), "copy.db");
    const target = sa.createEngine(`sqlite:///${file}`);
    return { engine: target, drop: () => target.dispose() };
  }
  const base = (await inspect(engine)).defaultSchemaName;
  const schema = `${base}_${tag}`;
  if (d.name === "mysql") {
    // a MySQL schema is a database: a second database on the same server
    await engine.begin(async (c) => {
      await c.execDriverSql(`DROP DATABASE IF EXISTS \`${schema}\``);
      await c.execDriverSql(`CREATE DATABASE \`${schema}\``);
    });
    const target = sa.createEngine(engine.url.set({ database: schema }));
    return {
      engine: target,
      drop: async () => {
        await target.dispose();
        await engine.begin((c) => c.execDriverSql(`DROP DATABASE IF EXISTS \`${schema}\``));
      },
    };
  }
  await engine.begin(async (c) => {
    await c.execDriverSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.execDriverSql(`CREATE SCHEMA "${schema}"`);
  });
  const target = d.engine({ connectArgs: { options: `-c search_path=${schema}` } });
  return {
    engine: target,
    drop: async () => {
      await target.dispose();
      await engine.begin((c) => c.execDriverSql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    },
  };
}
