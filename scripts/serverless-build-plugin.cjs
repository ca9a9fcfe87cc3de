// A local Serverless Framework plugin: `serverless package`, `serverless deploy` (which packages first), `deploy
// function` and `invoke local` build the two Lambda bundles from the current schedule config before the framework
// looks for them, so what ships is always built from the config the template was made from (both carry its digest).
"use strict";

const path = require("node:path");
const { loadTs, failOnce, repoRoot } = require("./serverless-support.cjs");

class PowercronBuild {
  constructor(serverless, _options, utils) {
    this.serverless = serverless;
    this.log = (utils && utils.log) || console.log;
    const build = () => this.build();
    this.hooks = {
      "before:package:createDeploymentArtifacts": build,
      "before:deploy:function:packageFunction": build,
      "before:invoke:local:invoke": build,
    };
  }

  async build() {
    const { buildAll } = loadTs("src/deploy/bundle.ts");
    const distDir = path.resolve(repoRoot, process.env.POWERCRON_DIST_DIR || "dist");
    const configFile = path.resolve(repoRoot, process.env.POWER_CONFIG || "config/schedules.yaml");
    await this.preflight(configFile).catch(failOnce);
    const bundles = await buildAll(["aws"], { distDir, configFile }).catch(failOnce);
    for (const bundle of bundles) {
      const where = path.relative(repoRoot, bundle.zip);
      this.log.notice
        ? this.log.notice(
            `powercron: built ${where} (${(bundle.zipBytes / 1024).toFixed(1)} KB, config ${bundle.configDigest})`,
          )
        : this.log(`powercron: built ${where}`);
    }
  }

  /**
   * The checks against the repository and this shell (src/deploy/preflight.ts): infra/ files out of date with the
   * config, an alert channel's variable unset. `deploy` refuses (exit 2); `package` and `invoke local` warn.
   */
  async preflight(configFile) {
    const { loadScheduleConfig } = loadTs("src/schedule/config.ts");
    const { deployPreflight } = loadTs("src/deploy/preflight.ts");
    const commands = (this.serverless.processedInput && this.serverless.processedInput.commands) || [];
    // The framework marks a warning itself: the line goes without its own `warning: `.
    const warn = (line) =>
      this.log.warning
        ? this.log.warning(`powercron: ${line.replace(/^warning: /, "")}`)
        : this.log(`powercron: ${line}`);
    const config = await loadScheduleConfig(configFile);
    await deployPreflight(config, "aws", { configFile, env: process.env, dryRun: commands[0] !== "deploy", warn });
  }
}

module.exports = PowercronBuild;
