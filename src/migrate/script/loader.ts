/**
 * Loads revision and config files, TypeScript included, under ESM on Node 20 with no setup:
 * 1. `.js`/`.mjs` (and `.ts` when the runtime already handles it: tsx, vitest, Node with type
 *    stripping) import directly;
 * 2. otherwise, if `tsx` is installed, its ESM loader is registered in-process (`tsx/esm/api`,
 *    built on `module.register`), so a file's own `.ts` imports work too;
 * 3. otherwise, if `typescript` is installed, the file is transpiled with `transpileModule` to a
 *    sibling temporary `.mjs` (relative imports keep resolving) that is removed after import;
 * 4. otherwise an error says to install `tsx` or to use `.js`.
 */
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

let tsxRegistered: Promise<boolean> | null = null;

/**
 * Imports a package as the user's project sees it (resolved from the cwd), falling back to this
 * package's own resolution: tsx and typescript are the project's dev dependencies, not ours.
 */
async function importFromProject(spec: string): Promise<unknown> {
  try {
    const path = createRequire(join(process.cwd(), "package.json")).resolve(spec);
    return await import(pathToFileURL(esmEntry(spec, path)).href);
  } catch {
    return import(spec);
  }
}

/**
 * The `import` entry of a package subpath that `require.resolve` found under the `require`
 * condition: tsx's CommonJS `tsx/esm/api` cannot register its loader from an ES module, so the
 * project's own ESM entry is read from the package's `exports`.
 */
function esmEntry(spec: string, requirePath: string): string {
  const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
  const subpath = `.${spec.slice(name.length)}` || ".";
  for (let dir = dirname(requirePath); dir !== dirname(dir); dir = dirname(dir)) {
    let pkg: { name?: string; exports?: Record<string, unknown> };
    try {
      pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    } catch {
      continue;
    }
    if (pkg.name !== name) continue;
    const entry = pkg.exports?.[subpath === "." ? "." : subpath] as { import?: unknown } | undefined;
    const target =
      typeof entry?.import === "string" ? entry.import : (entry?.import as { default?: unknown })?.default;
    return typeof target === "string" ? join(dir, target) : requirePath;
  }
  return requirePath;
}

async function registerTsx(): Promise<boolean> {
  tsxRegistered ??= (async () => {
    try {
      const api = (await importFromProject("tsx/esm/api")) as { register?: () => unknown };
      if (typeof api.register !== "function") return false;
      api.register();
      return true;
    } catch {
      return false;
    }
  })();
  return tsxRegistered;
}

interface TsModule {
  transpileModule(
    src: string,
    opts: { compilerOptions: Record<string, unknown>; fileName: string },
  ): {
    outputText: string;
  };
  ModuleKind: { ESNext: number };
  ScriptTarget: { ES2022: number };
}

async function transpileAndImport(path: string): Promise<Record<string, unknown>> {
  let ts: TsModule;
  try {
    const mod = (await importFromProject("typescript")) as { default?: TsModule } & TsModule;
    ts = mod.default ?? mod;
  } catch {
    throw new Error(
      `Cannot load ${path}: TypeScript files need 'tsx' or 'typescript' installed (npm i -D tsx), or write it as .js/.mjs`,
    );
  }
  const out = ts.transpileModule(readFileSync(path, "utf8"), {
    fileName: path,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
    },
  });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.mjs`);
  writeFileSync(tmp, out.outputText);
  try {
    return (await import(pathToFileURL(tmp).href)) as Record<string, unknown>;
  } finally {
    unlinkSync(tmp);
  }
}

function unknownExtension(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "ERR_UNKNOWN_FILE_EXTENSION" || code === "ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING";
}

/**
 * Imports a module file by path (TypeScript too; see the module comment for how).
 * @example const mod = await importFile("/app/migrations/versions/1975ea83b712_init.ts");
 */
export async function importFile(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (err) {
    if (!/\.(c|m)?ts$/.test(path) || !unknownExtension(err)) throw err;
  }
  // a fresh URL: the failed load of `url` may be cached by the module loader
  if (await registerTsx()) return (await import(`${url}?alkahest-tsx`)) as Record<string, unknown>;
  return transpileAndImport(path);
}
