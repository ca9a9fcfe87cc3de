import { dirname, join, resolve } from "node:path";
import type { Plugin } from "esbuild";
import type { LeftOutModule } from "../platforms/index.ts";

/**
 * Swaps the modules a platform leaves out (its descriptor's `bundle.leavesOut`: the other cloud's adapter and SDK) for
 * stubs whose constructor throws a clear error: the SCF bundle then holds no AWS SDK and the Lambda bundle no Tencent
 * SDK. Keyed on each module's own path, so that a module of the same file name elsewhere is left alone.
 */
export function leftOutStub(platform: string, modules: readonly LeftOutModule[], repoRoot: string): Plugin {
  const byPath = new Map(modules.map((module) => [join(repoRoot, module.file), module]));
  const names = modules.map((module) => (module.file.split("/").at(-1) ?? "").replace(".", "\\."));
  const filter = new RegExp(`(${names.join("|")})$`);
  return {
    name: "powercron-left-out",
    setup(plugin) {
      if (modules.length === 0) return;
      plugin.onLoad({ filter }, (args) => {
        const module = byPath.get(resolve(args.path));
        if (module === undefined) return undefined;
        const message = `${module.serves} is not available in the ${platform} bundle of powercron: the deployed ${platform} functions manage their own cloud only (a group of the other cloud deploys on its own platform; an event naming both clouds runs with powercron run)`;
        return {
          loader: "js",
          contents: `export class ${module.exportName} { constructor() { throw new Error(${JSON.stringify(message)}); } }`,
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
