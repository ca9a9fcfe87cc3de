import type { BundleSpec } from "../platform-descriptor.ts";

/** The Lambda bundle: ESM exporting `handler`, for nodejs22.x, under dist/aws/<name>/ in the zip. */
export const LAMBDA_BUNDLE: BundleSpec = {
  // `.mjs` would do on Lambda, but `serverless invoke local` cannot load it: a package.json says "module".
  entryFile: "index.js",
  format: "esm",
  target: "node22",
  entry: (name) => `src/platforms/lambda/entry-${name}.ts`,
  handlerExport: "handler",
  // The same path as in the repo, so that one handler string serves the deployed function and `serverless invoke
  // local` alike.
  zipCodeDir: (name) => `dist/aws/${name}/`,
  // The handler's default POWER_CONFIG, read from the working directory: /var/task on Lambda, the repo locally.
  zipConfigEntry: "config/schedules.yaml",
  leavesOut: [],
};
