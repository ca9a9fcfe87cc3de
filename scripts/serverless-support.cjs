// Shared by the serverless.yml resolver and the build plugin: loading powercron's TypeScript modules (through tsx,
// a devDependency like the framework itself), and reporting a powercron error once, without a stack.
"use strict";

const path = require("node:path");

const repoRoot = path.resolve(__dirname, "..");

let registered = false;

/** Registered once for the process (not namespaced: esbuild finds its binary only through plain `require`). */
function loadTs(relativePath) {
  if (!registered) {
    require("tsx/cjs/api").register();
    registered = true;
  }
  return require(path.join(repoRoot, relativePath));
}

/**
 * The framework resolves every `${file(...)}` reference on its own and prints each failure with its stack: a config
 * error would appear ten times. A powercron error (bad config, refused deploy) is printed here once, naming the
 * setting, and the process ends with exit code 2 (bad input), as the powercron CLI does.
 */
function failOnce(error) {
  const isPowercron =
    error && typeof error.name === "string" && /Error$/.test(error.name) && Array.isArray(error.issues);
  if (!isPowercron) throw error;
  process.stderr.write(`\npowercron: ${error.message}\n`);
  process.exit(2);
}

module.exports = { loadTs, failOnce, repoRoot };
