import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProviderName } from "../domain/index.ts";
import { PowercronError } from "../errors.ts";
import {
  type BuiltBundle,
  FUNCTION_NAMES,
  type FunctionName,
  PLATFORMS,
  type Platform,
  handlerString as platformHandlerString,
  platformOf,
} from "../platforms/index.ts";
import { allDescriptors } from "../providers/index.ts";
import { parseScheduleConfig } from "../schedule/index.ts";
import { configPath, type Environment, processEnvironment } from "../settings/index.ts";
import { bundleClouds, leftOutConnectors } from "./bundle-clouds.ts";
import { leftOutFanOut } from "./bundle-fan-out.ts";
import { buildFront } from "./bundle-front.ts";
import { leftOutOrganization } from "./bundle-organization.ts";
import {
  connectorsInline,
  deadWeightStubs,
  leftOutStub,
  type StubbedModule,
  toolingLeftOut,
} from "./bundle-plugins.ts";
import { CONFIG_DIGEST_DEFINE, configDigest } from "./config-digest.ts";
import { isOwnSource, type SourceMapV3, trimSourceMap } from "./source-map-trim.ts";
import { zipArchive } from "./zip-archive.ts";

export {
  type BuiltBundle,
  deadWeightStubs,
  FUNCTION_NAMES,
  type FunctionName,
  PLATFORMS,
  type Platform,
  toolingLeftOut,
};

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DIST_DIR = join(REPO_ROOT, "dist");

/** The platform's handler string: `index.main_handler` on SCF, `dist/aws/start/index.handler` on Lambda. */
export function handlerString(platform: Platform, name: FunctionName): string {
  return platformHandlerString(platformOf(platform).bundle, name);
}

/**
 * The esbuild plugin that swaps what a bundle leaves out for stubs: the connector (SDKs) of every cloud not in
 * `clouds` (by default the platform's own cloud only; a build passes the clouds its config names, bundle-clouds.ts),
 * and the platform's own `leavesOut` (the SNS publisher of the SCF bundle).
 */
export function otherCloudStub(
  platform: Platform,
  clouds: readonly ProviderName[] = [platformOf(platform).provider],
  /** Further modules to leave out (organisation discovery, for a config that lists no organisation). */
  more: readonly StubbedModule[] = [],
) {
  const own = platformOf(platform).bundle.leavesOut.map((module) => ({
    file: module.file,
    exportName: module.exportName,
    message: `${module.serves} is not in the ${platform} bundle of powercron`,
  }));
  return leftOutStub([...leftOutConnectors(platform, clouds), ...own, ...more], REPO_ROOT);
}

/**
 * Every plugin of a function bundle's build: the connectors as a static table, those of the clouds it does not carry
 * (and the platform's own `leavesOut`) stubbed, the dead weight and the tooling left out.
 */
export function functionBundlePlugins(
  platform: Platform,
  clouds?: readonly ProviderName[],
  more: readonly StubbedModule[] = [],
) {
  const connectors = allDescriptors().map((descriptor) => ({ provider: descriptor.name, ...descriptor.connector }));
  return [
    connectorsInline(connectors, REPO_ROOT),
    otherCloudStub(platform, clouds, more),
    deadWeightStubs(),
    toolingLeftOut(),
  ];
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
  const spec = platformOf(platform).bundle;
  const dir = bundleDir(platform, name, distDir);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const entry = join(dir, spec.entryFile);
  // With a front (SCF), the full entry is built beside it and the front to the entry file.
  const fullEntry = spec.front ? join(dir, spec.front.fullFile) : entry;
  const configFile = options.configFile ?? defaultConfigFile();
  const config = await readFile(configFile);
  const digest = configDigest(config);
  const parsed = parseScheduleConfig(config.toString("utf8"), configFile);
  const clouds = bundleClouds(platform, parsed);
  const { build } = await loadEsbuild();
  await build({
    entryPoints: [join(REPO_ROOT, spec.entry(name))],
    outfile: fullEntry,
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
    plugins: functionBundlePlugins(platform, clouds, [
      ...leftOutOrganization(platform, parsed),
      ...leftOutFanOut(platform, parsed),
    ]),
    logLevel: "warning",
  });
  // Says how index.js is to be read, in dist/ (under the repo's "type": "module") and in the zip alike.
  await writeFile(join(dir, "package.json"), `{"type":"${spec.format === "cjs" ? "commonjs" : "module"}"}\n`);
  const mapFile = `${fullEntry}.map`;
  const map = JSON.parse(await readFile(mapFile, "utf8")) as SourceMapV3;
  await writeFile(mapFile, JSON.stringify(trimSourceMap(map, isOwnSource)));
  if (spec.front)
    await buildFront({ spec: { ...spec, front: spec.front }, name, repoRoot: REPO_ROOT, dir, config, digest, build });
  const zip = zipPath(platform, name, distDir);
  const zipBytes = await zipDirectory(dir, zip, {
    prefix: spec.zipCodeDir(name),
    extra: { [spec.zipConfigEntry]: config },
  });
  const bundleBytes = (await stat(entry)).size + (spec.front ? (await stat(fullEntry)).size : 0);
  return {
    platform,
    name,
    dir,
    entry,
    ...(spec.front ? { fullEntry } : {}),
    zip,
    zipBytes,
    bundleBytes,
    configDigest: digest,
    clouds,
  };
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
 * Zips a directory's files under `prefix` (zlib's deflate, level 9), plus `extra` entries by their zip path. Returns the
 * zip's size in bytes.
 */
export async function zipDirectory(
  dir: string,
  zipFile: string,
  layout: { prefix?: string; extra?: Readonly<Record<string, Uint8Array>> } = {},
): Promise<number> {
  const files: Record<string, Uint8Array> = {};
  for (const file of await listFiles(dir)) {
    files[`${layout.prefix ?? ""}${relative(dir, file).split("\\").join("/")}`] = await readFile(file);
  }
  for (const [entry, content] of Object.entries(layout.extra ?? {})) files[entry] = content;
  const zipped = zipArchive(Object.entries(files), ZIP_MTIME);
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
