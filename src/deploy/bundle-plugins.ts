import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Plugin } from "esbuild";

/** A module a bundle leaves out: swapped for a stub whose class's constructor throws `message`. */
export interface StubbedModule {
  /** Repo-relative path of the module. */
  readonly file: string;
  /** The class it exports (the stub exports a class of that name). */
  readonly exportName: string;
  /** What the stub's constructor throws: names what is missing and what to do. */
  readonly message: string;
  /**
   * The cloud whose connector this is: its stub throws a CloudNotInBundleError (src/errors.ts), which fails that
   * cloud's targets and lets the others run; absent: a plain Error.
   */
  readonly provider?: string;
  /** The stub's whole source, in place of the throwing class (a module that exports values, not a class). */
  readonly contents?: string;
}

/**
 * Swaps the modules a bundle leaves out (the connectors of the clouds its config does not name, bundle-clouds.ts, and
 * the platform's own `bundle.leavesOut`) for stubs whose constructor throws a clear error: the SCF bundle of a config
 * without AWS groups then holds no AWS SDK. Keyed on each module's own path, so that a module of the same file name
 * elsewhere is left alone.
 */
export function leftOutStub(modules: readonly StubbedModule[], repoRoot: string): Plugin {
  const byPath = new Map(modules.map((module) => [join(repoRoot, module.file), module]));
  const names = modules.map((module) => (module.file.split("/").at(-1) ?? "").replace(".", "\\."));
  const filter = new RegExp(`(${names.join("|")})$`);
  const errors = JSON.stringify(join(repoRoot, "src/errors.ts"));
  return {
    name: "powercron-left-out",
    setup(plugin) {
      if (modules.length === 0) return;
      plugin.onLoad({ filter }, (args) => {
        const module = byPath.get(resolve(args.path));
        if (module === undefined) return undefined;
        const message = JSON.stringify(module.message);
        if (module.contents !== undefined) return { loader: "js", contents: module.contents, resolveDir: repoRoot };
        const contents =
          module.provider === undefined
            ? `export class ${module.exportName} { constructor() { throw new Error(${message}); } }`
            : `import { CloudNotInBundleError } from ${errors};\n` +
              `export class ${module.exportName} { constructor() { throw new CloudNotInBundleError(${JSON.stringify(module.provider)}, ${message}); } }`;
        return { loader: "js", contents, resolveDir: repoRoot };
      });
    },
  };
}

/**
 * Empties each cloud's tooling (src/providers/<cloud>/<cloud>-tooling.ts: spoke templates, local-cloud flags, demo
 * events) in a function bundle: only the CLI and `npm run infra` use it, and the registry's table (clouds.ts) would
 * otherwise carry it into every zip (≈ 5 KB of the SCF zip's 300).
 */
export function toolingLeftOut(): Plugin {
  return {
    name: "powercron-tooling-left-out",
    setup(plugin) {
      plugin.onLoad({ filter: /[\\/]src[\\/]providers[\\/][a-z]+[\\/][a-z]+-tooling\.ts$/ }, async (args) => {
        const name = /export const (\w+)\s*:/.exec(await readFile(args.path, "utf8"))?.[1];
        if (name === undefined) return undefined;
        return {
          loader: "js",
          contents: `export const ${name} = { spokeFiles: () => ({}), localCloudFlags: [] };`,
        };
      });
    },
  };
}

/**
 * Drops dead weight that the SDKs and zod pull in but powercron's handlers never run:
 * - zod's 40-odd error-message locales (only `en`, the default, is kept; powercron never calls `z.locales`);
 * - whatwg-url (and its 260 KB Unicode table): node-fetch v2 uses it only where Node has no global URL;
 * - form-data (with mime-db): the Tencent SDK builds multipart bodies only for file uploads, which CVM calls never make;
 * - https-proxy-agent (with debug): used only when no agent is given, and powercron always gives one.
 * Cutting them saves ≈ 700 KB of minified code and ≈ 15 ms of cold start (fewer Node built-ins to load).
 */
export function deadWeightStubs(): Plugin {
  return {
    name: "powercron-dead-weight",
    setup(plugin) {
      plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
        /[\\/]zod[\\/]/.test(args.importer)
          ? { path: join(dirname(args.importer), "../locales/en.js"), namespace: "zod-locales" }
          : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(args.path)};`,
        loader: "js",
        resolveDir: dirname(args.path),
      }));
      // zod's JSON Schema import (z.fromJSONSchema), which nothing here calls: about 12 KB the functions never run.
      plugin.onResolve({ filter: /^\.\/from-json-schema\.js$/ }, (args) =>
        /[\\/]zod[\\/]/.test(args.importer)
          ? { path: "zod-from-json-schema", namespace: "zod-from-json-schema" }
          : undefined,
      );
      plugin.onLoad({ filter: /.*/, namespace: "zod-from-json-schema" }, () => ({
        contents: `export function fromJSONSchema() { throw new Error("z.fromJSONSchema is left out of the powercron bundle"); }`,
        loader: "js",
      }));
      plugin.onResolve({ filter: /^(whatwg-url|form-data|https-proxy-agent)$/ }, (args) => ({
        path: args.path,
        namespace: "dead-weight",
      }));
      plugin.onLoad({ filter: /.*/, namespace: "dead-weight" }, (args) => ({
        contents:
          args.path === "whatwg-url"
            ? "module.exports = { URL: globalThis.URL };"
            : `module.exports = class { constructor() { throw new Error(${JSON.stringify(`${args.path} is left out of the powercron bundle`)}); } };`,
        loader: "js",
      }));
    },
  };
}

/** A cloud's connector as its descriptor names it: repo-relative module and exported class. */
export interface ConnectorEntry {
  readonly provider: string;
  readonly file: string;
  readonly exportName: string;
}

/**
 * Swaps src/providers/connectors.ts, which loads a cloud's connector lazily (so that the CLI loads only the SDKs of
 * the clouds a run names), for a static table of the same connectors: in a function bundle, a module reached from a
 * dynamic import is wrapped and no longer tree-shaken (the Lambda zip grew from 522 to 604 KB). A connector the
 * bundle leaves out is still stubbed by leftOutStub (keyed on its path).
 */
export function connectorsInline(connectors: readonly ConnectorEntry[], repoRoot: string): Plugin {
  const lines = connectors.map(
    (connector, index) =>
      `import { ${connector.exportName} as Connector${index} } from ${JSON.stringify(join(repoRoot, connector.file))};`,
  );
  const table = connectors.map(
    (connector, index) => `  ${JSON.stringify(connector.provider)}: () => new Connector${index}(),`,
  );
  const contents = [
    ...lines,
    `const CONNECTORS = {\n${table.join("\n")}\n};`,
    "export async function connectorOf(name) { return CONNECTORS[name](); }",
  ].join("\n");
  return {
    name: "powercron-connectors-inline",
    setup(plugin) {
      plugin.onLoad({ filter: /[\\/]src[\\/]providers[\\/]connectors\.ts$/ }, () => ({
        loader: "js",
        contents,
        resolveDir: repoRoot,
      }));
    },
  };
}
