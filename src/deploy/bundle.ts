import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { zipSync } from "fflate";
import { PowercronError } from "../errors.ts";
import { configPath, type Environment, processEnvironment } from "../settings/index.ts";
import { adapterStub, deadWeightStubs, type StubbedAdapter } from "./bundle-plugins.ts";
import { CONFIG_DIGEST_DEFINE, configDigest } from "./config-digest.ts";

export { deadWeightStubs };

import { isOwnSource, type SourceMapV3, trimSourceMap } from "./source-map-trim.ts";

/** The two functions and the two platforms they are bundled for. */
export const FUNCTION_NAMES = ["start", "stop"] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];
export const PLATFORMS = ["scf", "aws"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST_DIR = join(REPO_ROOT, "dist");

interface PlatformSpec {
  /**
   * The file the platform loads: `index.js` on both, CommonJS with `exports.main_handler` on SCF, ESM with `handler`
   * on Lambda; a package.json beside it says which (`.mjs` would do on Lambda, but `serverless invoke local` cannot
   * load it).
   */
  readonly entryFile: string;
  readonly format: "cjs" | "esm";
  /** esbuild target: the runtime the platform runs (Lambda nodejs22.x; SCF's newest documented Node is 18.15). */
  readonly target: string;
  /** The provider adapter that must not reach this platform's bundle, and the SDK it drags in. */
  readonly stubbedAdapter: StubbedAdapter;
  readonly handlerExport: string;
  /**
   * Where the code sits in the zip. SCF: at the root. Lambda: at dist/aws/<name>/, the same path as in the repo, so
   * that one handler string serves the deployed function and `serverless invoke local` alike.
   */
  readonly zipCodeDir: (name: FunctionName) => string;
  /** Where the schedule config sits in the zip: what the functions' POWER_CONFIG (or its default) points at. */
  readonly zipConfigEntry: string;
}

export const PLATFORM_SPECS: Readonly<Record<Platform, PlatformSpec>> = {
  scf: {
    entryFile: "index.js",
    format: "cjs",
    target: "node18",
    stubbedAdapter: { file: "src/providers/aws/aws-connector.ts", exportName: "AwsConnector", cloud: "AWS EC2" },
    handlerExport: "main_handler",
    zipCodeDir: () => "",
    zipConfigEntry: "schedules.yaml",
  },
  aws: {
    entryFile: "index.js",
    format: "esm",
    target: "node22",
    stubbedAdapter: {
      file: "src/providers/tencent/tencent-connector.ts",
      exportName: "TencentConnector",
      cloud: "Tencent CVM",
    },
    handlerExport: "handler",
    zipCodeDir: (name) => `dist/aws/${name}/`,
    // The handler's default POWER_CONFIG, read from the working directory: /var/task on Lambda, the repo locally.
    zipConfigEntry: "config/schedules.yaml",
  },
};

/** The SNS client of the alerts (src/notify/): AWS only, swapped out of the SCF bundle. */
const SNS_SDK: StubbedAdapter = {
  file: "src/providers/aws/sns-publisher.ts",
  exportName: "SnsSdkPublisher",
  cloud: "AWS SNS",
};

/** The platform's handler string: `index.main_handler` on SCF, `dist/aws/start/index.handler` on Lambda. */
export function handlerString(platform: Platform, name: FunctionName): string {
  const spec = PLATFORM_SPECS[platform];
  return `${spec.zipCodeDir(name)}index.${spec.handlerExport}`;
}

/** The esbuild plugin that swaps the other cloud's adapter out of this platform's bundle. */
export function otherCloudStub(platform: Platform) {
  return adapterStub(platform, PLATFORM_SPECS[platform].stubbedAdapter, REPO_ROOT);
}

export function bundleDir(platform: Platform, name: FunctionName, distDir = DIST_DIR): string {
  return join(distDir, platform, name);
}

export function zipPath(platform: Platform, name: FunctionName, distDir = DIST_DIR): string {
  return join(distDir, platform, `${name}.zip`);
}

export interface BundleOptions {
  readonly distDir?: string;
  /** The schedule config to put in the zip; default POWER_CONFIG or config/schedules.yaml of the repo. */
  readonly configFile?: string;
}

export function defaultConfigFile(env: Environment = processEnvironment()): string {
  return resolve(REPO_ROOT, configPath(env));
}

export interface BuiltBundle {
  readonly platform: Platform;
  readonly name: FunctionName;
  readonly dir: string;
  readonly entry: string;
  readonly zip: string;
  readonly zipBytes: number;
  readonly bundleBytes: number;
  /** The digest of the config inside the zip, compiled into the code too (see config-digest.ts). */
  readonly configDigest: string;
}

/** esbuild, a devDependency, loaded only when a bundle is built (the CLI's other commands never need it). */
async function loadEsbuild(): Promise<typeof import("esbuild")> {
  try {
    return await import("esbuild");
  } catch (error) {
    throw new PowercronError(
      "building the function bundles needs esbuild, a devDependency: run npm ci in the powercron repository (not --omit=dev)",
      { cause: error },
    );
  }
}

/** An ESM bundle of CommonJS dependencies (the SDKs) needs a `require` for Node built-ins. */
const ESM_REQUIRE_BANNER =
  'import { createRequire as __powercronCreateRequire } from "node:module"; const require = __powercronCreateRequire(import.meta.url);';

/** Bundles one function for one platform: tree-shaken, minified, for the platform's Node, with a source map. */
export async function bundleFunction(
  platform: Platform,
  name: FunctionName,
  options: BundleOptions = {},
): Promise<BuiltBundle> {
  const distDir = options.distDir ?? DIST_DIR;
  const spec = PLATFORM_SPECS[platform];
  const dir = bundleDir(platform, name, distDir);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const entry = join(dir, spec.entryFile);
  const config = await readFile(options.configFile ?? defaultConfigFile());
  const digest = configDigest(config);
  const { build } = await loadEsbuild();
  await build({
    entryPoints: [join(REPO_ROOT, "functions", `${name}.ts`)],
    outfile: entry,
    bundle: true,
    platform: "node",
    target: spec.target,
    format: spec.format,
    minify: true,
    // Error class names survive minification: platforms report errorType from the constructor's name.
    keepNames: true,
    sourcemap: "external",
    sourcesContent: false,
    legalComments: "none",
    // ESM sources of the AWS SDK tree-shake far better than its CommonJS build.
    mainFields: ["module", "main"],
    ...(spec.format === "esm" ? { banner: { js: ESM_REQUIRE_BANNER } } : {}),
    define: { [CONFIG_DIGEST_DEFINE]: JSON.stringify(digest) },
    plugins: [
      otherCloudStub(platform),
      ...(platform === "scf" ? [adapterStub(platform, SNS_SDK, REPO_ROOT)] : []),
      deadWeightStubs(),
    ],
    logLevel: "warning",
  });
  // Says how index.js is to be read, in dist/ (under the repo's "type": "module") and in the zip alike.
  await writeFile(join(dir, "package.json"), `{"type":"${spec.format === "cjs" ? "commonjs" : "module"}"}\n`);
  const mapFile = `${entry}.map`;
  const map = JSON.parse(await readFile(mapFile, "utf8")) as SourceMapV3;
  await writeFile(mapFile, JSON.stringify(trimSourceMap(map, isOwnSource)));
  const zip = zipPath(platform, name, distDir);
  const zipBytes = await zipDirectory(dir, zip, {
    prefix: spec.zipCodeDir(name),
    extra: { [spec.zipConfigEntry]: config },
  });
  return { platform, name, dir, entry, zip, zipBytes, bundleBytes: (await stat(entry)).size, configDigest: digest };
}

/** A fixed timestamp keeps the zip byte-identical for identical code (zip time stamps are DOS dates from 1980). */
const ZIP_MTIME = new Date("2020-01-01T00:00:00Z");

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Zips a directory's files under `prefix` (deflate level 9), plus `extra` entries by their zip path. Returns the
 * zip's size in bytes.
 */
export async function zipDirectory(
  dir: string,
  zipFile: string,
  layout: { prefix?: string; extra?: Readonly<Record<string, Uint8Array>> } = {},
): Promise<number> {
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const file of await listFiles(dir)) {
    files[`${layout.prefix ?? ""}${relative(dir, file).split("\\").join("/")}`] = [
      await readFile(file),
      { mtime: ZIP_MTIME },
    ];
  }
  for (const [entry, content] of Object.entries(layout.extra ?? {})) files[entry] = [content, { mtime: ZIP_MTIME }];
  const zipped = zipSync(files, { level: 9 });
  await mkdir(dirname(zipFile), { recursive: true });
  await writeFile(zipFile, zipped);
  return zipped.byteLength;
}

/** Builds and zips every function for the platforms asked for. */
export async function buildAll(
  platforms: readonly Platform[] = PLATFORMS,
  options: BundleOptions = {},
): Promise<readonly BuiltBundle[]> {
  const jobs = platforms.flatMap((platform) => FUNCTION_NAMES.map((name) => bundleFunction(platform, name, options)));
  return Promise.all(jobs);
}
