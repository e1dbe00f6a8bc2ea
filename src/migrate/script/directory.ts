/**
 * The scripts directory (`<scriptLocation>/versions`): loads every revision file into a
 * validated `RevisionMap` and writes new revision files.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { importFile } from "./loader.js";
import { RevisionMap } from "./revision-map.js";
import { type RevisionModule, Script } from "./script.js";
import { type RevisionTemplateArgs, renderRevisionFile, slugify } from "./template.js";

const REVISION_FILE = /^[^._].*\.(ts|mts|js|mjs)$/;

/**
 * A directory of revision scripts.
 * @example
 * const dir = new ScriptDirectory("migrations");
 * const map = await dir.load();
 */
export class ScriptDirectory {
  readonly dir: string;
  private cache: RevisionMap | null = null;

  constructor(scriptLocation: string) {
    this.dir = resolve(scriptLocation);
  }

  /** `<scriptLocation>/versions`. */
  get versionsDir(): string {
    return join(this.dir, "versions");
  }

  /** Loads and validates every revision file (cached until `write`). */
  async load(): Promise<RevisionMap> {
    if (this.cache) return this.cache;
    const scripts: Script[] = [];
    if (existsSync(this.versionsDir)) {
      const files = readdirSync(this.versionsDir)
        .filter((f) => REVISION_FILE.test(f) && !f.endsWith(".d.ts"))
        .sort();
      for (const f of files) {
        const path = join(this.versionsDir, f);
        const mod = (await importFile(path)) as unknown as RevisionModule;
        if (typeof mod.revision !== "string") continue; // a helper module, not a revision
        scripts.push(Script.fromModule(mod, path));
      }
    }
    this.cache = new RevisionMap(scripts);
    return this.cache;
  }

  /**
   * Writes a new revision file and returns its path.
   * @example await dir.write({ revision: "ab12", downRevision: null, ... })
   */
  write(args: RevisionTemplateArgs): string {
    mkdirSync(this.versionsDir, { recursive: true });
    const path = join(this.versionsDir, `${args.revision}_${slugify(args.message)}.ts`);
    writeFileSync(path, renderRevisionFile(args), { flag: "wx" });
    this.cache = null;
    return path;
  }
}
