#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the repository works right after `npm ci` with no build step.
import { register } from "tsx/esm/api";

// The functions run on the clouds' Node 22; the SDK's notice about this machine's Node 20 is noise in the CLI.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
register();
const { main } = await import("../src/cli/main.ts");
await main(process.argv.slice(2));
