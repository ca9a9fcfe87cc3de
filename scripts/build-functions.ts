/**
 * `npm run build`: one bundle per function and platform, zipped.
 *   dist/scf/{start,stop}/index.js  (CommonJS, exports main_handler) → dist/scf/{start,stop}.zip
 *   dist/aws/{start,stop}/index.js  (ESM, exports handler)           → dist/aws/{start,stop}.zip (under dist/aws/NAME/)
 * Each bundle carries the clouds its config (POWER_CONFIG, default config/schedules.yaml) names: src/deploy/bundle-clouds.ts.
 * `--platform scf|aws` (a name of PLATFORMS, src/platforms/registry.ts) limits the build to one platform.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { buildAll, REPO_ROOT } from "../src/deploy/bundle.ts";
import { isPlatform, PLATFORMS, type Platform } from "../src/platforms/index.ts";

const { values } = parseArgs({ options: { platform: { type: "string" } } });
const platforms = values.platform ? [values.platform] : [...PLATFORMS];
for (const platform of platforms) {
  if (!isPlatform(platform)) {
    console.error(`build-functions: --platform "${platform}" is not one of ${PLATFORMS.join(", ")}`);
    process.exit(2);
  }
}

const started = performance.now();
const bundles = await buildAll(platforms as Platform[]);
for (const bundle of bundles) {
  console.log(
    `${relative(REPO_ROOT, bundle.zip).padEnd(20)} ${(bundle.zipBytes / 1024).toFixed(1).padStart(7)} KB zip  ` +
      `(${[bundle.entry, ...(bundle.fullEntry === undefined ? [] : [bundle.fullEntry])].map((file) => relative(REPO_ROOT, file)).join(" + ")} ${(bundle.bundleBytes / 1024).toFixed(1)} KB; clouds: ${bundle.clouds.join(", ")})`,
  );
}
console.log(`built ${bundles.length} bundles in ${Math.round(performance.now() - started)} ms`);
