/**
 * A platform's bundle front (BundleSpec.front): a small entry built to the platform's entry file, with its data
 * compiled from the validated config (an esbuild `define`), which loads the full entry (built beside it to
 * `fullFile`) with a plain `require` when it needs it, so that its modules are neither parsed nor run before then.
 */
import { join, resolve } from "node:path";
import type { Plugin } from "esbuild";
import { PowercronError } from "../errors.ts";
import type { BundleFront, BundleSpec, FunctionName } from "../platforms/index.ts";
import { parseScheduleConfig } from "../schedule/index.ts";
import { CONFIG_DIGEST_DEFINE } from "./config-digest.ts";

/** The front's data; null when the config does not validate (the front then loads the full entry for every fire). */
export function frontData(front: BundleFront, config: Uint8Array, name: FunctionName, digest: string): unknown {
  try {
    return front.data(parseScheduleConfig(new TextDecoder().decode(config), "schedules.yaml"), name, digest);
  } catch (error) {
    if (error instanceof PowercronError) return null;
    throw error;
  }
}

/** Resolves the front's import of the full entry to the file it is built to, left to `require` at run time. */
function fullEntryExternal(fullEntry: string, fullFile: string): Plugin {
  return {
    name: "powercron-full-entry",
    setup(plugin) {
      plugin.onResolve({ filter: /^\.\.?\// }, (args) =>
        resolve(args.resolveDir, args.path) === fullEntry ? { path: `./${fullFile}`, external: true } : undefined,
      );
    },
  };
}

export interface FrontBuild {
  readonly spec: BundleSpec & { readonly front: BundleFront };
  readonly name: FunctionName;
  readonly repoRoot: string;
  readonly dir: string;
  readonly config: Uint8Array;
  readonly digest: string;
  readonly build: typeof import("esbuild").build;
}

/** Builds the front to the spec's entry file in `dir`; returns its path. */
export async function buildFront({ spec, name, repoRoot, dir, config, digest, build }: FrontBuild): Promise<string> {
  const { front } = spec;
  const outfile = join(dir, spec.entryFile);
  await build({
    entryPoints: [join(repoRoot, front.entry(name))],
    outfile,
    bundle: true,
    platform: "node",
    target: spec.target,
    format: spec.format,
    minify: true,
    // No source map, no kept names: the zip's size target counts every byte, and the front throws nothing of its own
    // (whatever fails in it sends the fire to the full entry, which has both).
    legalComments: "none",
    // `import()` of the full entry becomes `require("./full.js")`: evaluated on the first call that needs it.
    supported: { "dynamic-import": false },
    define: {
      [CONFIG_DIGEST_DEFINE]: JSON.stringify(digest),
      [front.define]: JSON.stringify(frontData(front, config, name, digest)),
    },
    plugins: [fullEntryExternal(join(repoRoot, spec.entry(name)), front.fullFile)],
    logLevel: "warning",
  });
  return outfile;
}
