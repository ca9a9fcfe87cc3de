#!/usr/bin/env node
// The `powercron` command: the prebuilt CLI in bin/cli/ (built by `npm ci` through "prepare", or `npm run build:cli`).
// The functions run on Node 22 (Lambda nodejs22.x, SCF Nodejs22.21 by default); the SDK's notice about this machine's
// Node 20 is noise in the CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
/** Why bin/cli/ is missing and what to run: esbuild builds it, and `npm ci --omit=dev` leaves esbuild out. */
function notBuilt() {
  try {
    import.meta.resolve("esbuild");
    return "the CLI in bin/cli/ is not built yet: run npm run build:cli";
  } catch {
    return (
      "the CLI in bin/cli/ is not built, and cannot be built here: esbuild, a devDependency, is not installed " +
      "(npm ci --omit=dev leaves it out). Run npm ci (without --omit=dev), which builds it; or run npm run build:cli " +
      "where the dev dependencies are installed and copy bin/cli/ here"
    );
  }
}

let cli;
try {
  cli = await import("./cli/main.mjs");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("cli/main.mjs")) throw error;
  console.error(`powercron: ${notBuilt()}`);
  process.exit(1);
}
await cli.main(process.argv.slice(2));
