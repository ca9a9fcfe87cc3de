#!/usr/bin/env node
// The `powercron` command: the prebuilt CLI in bin/cli/ (built by `npm ci` through "prepare", or `npm run build:cli`).
// The functions run on the clouds' Node 22; the SDK's notice about this machine's Node 20 is noise in the CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
let cli;
try {
  cli = await import("./cli/main.mjs");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("cli/main.mjs")) throw error;
  console.error("powercron: the CLI is not built yet: run npm ci (or npm run build:cli)");
  process.exit(1);
}
await cli.main(process.argv.slice(2));
