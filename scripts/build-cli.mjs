// Builds the `powercron` CLI into bin/cli/ (run by `npm ci` / `npm install` through "prepare", and by
// `npm run build:cli`): one ESM entry (main.mjs: `--version` and the top-level help, from help.txt rendered here), the
// program (commander and the command table) and one chunk per command, loaded only when needed, and each cloud's
// connector (its SDKs) in its own chunk, loaded when a run names the cloud. Nothing is compiled at run time. Plain
// JavaScript, so it needs no TypeScript runner; esbuild is a devDependency.
import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// `--outdir DIR` builds elsewhere (the CLI test builds a fresh copy).
const outdirFlag = process.argv.indexOf("--outdir");
const outdir = outdirFlag > 0 ? resolve(process.argv[outdirFlag + 1] ?? "") : join(root, "bin/cli");

let esbuild;
try {
  esbuild = await import("esbuild");
} catch {
  console.error(
    "powercron: esbuild (a devDependency) is not installed (npm ci --omit=dev leaves it out), so the CLI in bin/cli/ " +
      "was not built: run npm ci without --omit=dev, or build it where the dev dependencies are (npm run build:cli) " +
      "and copy bin/cli/ here",
  );
  process.exit(process.env.npm_lifecycle_event === "prepare" ? 0 : 1);
}

/**
 * The platforms' worker invokes (the fan-out: Lambda's client, SCF's common client) are static in the function bundles,
 * where they tree-shake with the cloud SDKs; in the CLI, which never fans out, each becomes a shim that loads the real
 * module (its own chunk) on first call, so no command loads a cloud SDK through the platform descriptors.
 */
const WORKER_INVOKES = [
  { file: /[\\/]platforms[\\/]lambda[\\/]lambda-invoke\.ts$/, exports: ["invokeLambdaWorker"] },
  { file: /[\\/]platforms[\\/]scf[\\/]scf-invoke\.ts$/, exports: ["invokeScfWorker"] },
];
const lazyWorkerInvokes = {
  name: "lazy-worker-invokes",
  setup(build) {
    build.onLoad({ filter: /[\\/]platforms[\\/](lambda|scf)[\\/][a-z]+-invoke\.ts$/ }, (args) => {
      if (args.suffix === "?sdk") return undefined;
      const invoke = WORKER_INVOKES.find((entry) => entry.file.test(args.path));
      if (invoke === undefined) return undefined;
      const real = JSON.stringify(`./${args.path.split(/[\\/]/).pop()}?sdk`);
      const contents = invoke.exports
        .map((name) => `export async function ${name}(...args) { return (await import(${real})).${name}(...args); }`)
        .join("\n");
      return { contents, loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
const started = performance.now();
await rm(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: { main: join(root, "src/cli/main.ts") },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // The bundled SDKs are CommonJS: give them a `require` for Node's built-ins.
  banner: {
    js: 'import { createRequire as __powercronCreateRequire } from "node:module"; const require = __powercronCreateRequire(import.meta.url);',
  },
  // esbuild builds the function bundles for `powercron deploy scf`: loaded from node_modules, only then.
  external: ["esbuild"],
  mainFields: ["module", "main"],
  define: { __POWERCRON_VERSION__: JSON.stringify(version) },
  keepNames: true,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "none",
  plugins: [lazyWorkerInvokes],
  logLevel: "warning",
});
// The top-level help as the built program renders it (through a pipe: 80 columns), which main.mjs prints for
// `--help` without loading commander or the registries. Rendered before help.txt exists, so by the program itself.
const renderHelp = `const m = await import(${JSON.stringify(pathToFileURL(join(outdir, "main.mjs")).href)}); await m.main(["--help"]);`;
const { stdout: help } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", renderHelp], {
  cwd: root,
  env: { ...process.env, COLUMNS: "80" },
});
await writeFile(join(outdir, "help.txt"), help);
console.log(`built ${outdir} (powercron ${version}) in ${Math.round(performance.now() - started)} ms`);
