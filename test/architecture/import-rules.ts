/**
 * The import rules of src/, checked over the source text: a folder is entered only through its index.ts, which
 * declares what other folders may use; and a folder imports only the folders below it (ALLOWED), so no import climbs.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/** Which folders each folder of src/ may import (src/errors.ts is open to all). */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  settings: [],
  domain: [],
  report: ["domain", "settings"],
  providers: ["domain", "settings"],
  input: ["domain", "providers", "report", "settings"],
  engine: ["domain", "providers", "report", "settings"],
  schedule: ["domain", "input", "notify", "providers", "report", "settings"],
  notify: ["domain", "providers", "report", "settings"],
  runtime: ["domain", "engine", "input", "notify", "providers", "report", "schedule", "settings"],
  platforms: ["domain", "input", "providers", "report", "runtime", "schedule", "settings"],
  deploy: ["domain", "platforms", "providers", "report", "schedule", "settings"],
  "local-cloud": ["domain", "providers"],
  cli: [
    "deploy",
    "domain",
    "engine",
    "input",
    "local-cloud",
    "notify",
    "platforms",
    "providers",
    "report",
    "runtime",
    "schedule",
    "settings",
  ],
};

/**
 * A second entry some folders offer besides index.ts: the part of them that the layers loaded lazily in a bundle may
 * import without pulling in what index.ts also offers (providers/catalog.ts: the registry without the cloud SDKs, also
 * the local cloud's one way to the clouds' names; platforms/catalog.ts: the platforms in words, for `powercron --help`;
 * schedule/rules.ts: the guard over compiled data, without YAML, zod or cron-parser; runtime/quiet-fire.ts: the
 * functions' front, for the SCF tick front; notify/channels.ts: whether a run alerts and to whom, without the senders,
 * which load only when there is an alert to send; local-cloud/local-credentials.ts: the fake keys a client signs
 * with, for the CLI's environment, without the emulators and the function host).
 */
export const LIGHT_ENTRIES: Readonly<Record<string, string>> = {
  providers: "catalog.ts",
  platforms: "catalog.ts",
  schedule: "rules.ts",
  runtime: "quiet-fire.ts",
  notify: "channels.ts",
  "local-cloud": "local-credentials.ts",
};

export interface SourceFile {
  /** Path relative to src/, e.g. `engine/target-run.ts`. */
  readonly path: string;
  readonly text: string;
}

const SPECIFIER = /(?:from\s+|import\s*\(\s*)"(\.{1,2}\/[^"]+)"/g;

/** Every broken rule, as `file: message`; empty when the sources follow them. */
export function importViolations(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const own = file.path.split("/")[0] ?? "";
    if (!file.path.includes("/")) continue; // src/errors.ts
    for (const match of file.text.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? "";
      const target = normalize(join(dirname(file.path), specifier));
      if (target.startsWith("..")) {
        problems.push(`${file.path}: imports ${specifier}, outside src/`);
        continue;
      }
      const folder = target.split("/")[0] ?? "";
      if (!target.includes("/") || folder === own) continue; // errors.ts, or its own folder
      const allowed = ALLOWED[own];
      if (allowed === undefined) {
        problems.push(`${file.path}: folder ${own}/ has no entry in the import rules (ALLOWED)`);
      } else if (!allowed.includes(folder)) {
        problems.push(`${file.path}: ${own}/ may not import ${folder}/ (${specifier}): that import climbs the layers`);
      }
      const light = LIGHT_ENTRIES[folder];
      if (target !== `${folder}/index.ts` && (light === undefined || target !== `${folder}/${light}`)) {
        problems.push(
          `${file.path}: deep import ${specifier}: import from ${folder}/index.ts, which declares what ${folder}/ offers`,
        );
      }
    }
  }
  return problems;
}

/** The .ts files under a directory, relative to it. */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) files.push({ path: relative(root, path), text: readFileSync(path, "utf8") });
    }
  };
  walk(root);
  return files;
}
