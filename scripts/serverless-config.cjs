// The `${file(./scripts/serverless-config.cjs):settings.X}` resolver of serverless.yml: loads the schedule config
// (POWER_CONFIG, default config/schedules.yaml) through the TypeScript modules and hands the framework its
// settings, schedule events and IAM statements. Nothing in serverless.yml is copied by hand from the config.
"use strict";

const path = require("node:path");
const tsx = require("tsx/cjs/api");

const repoRoot = path.resolve(__dirname, "..");
let loaded;

async function settings() {
  if (!loaded) {
    loaded = (async () => {
      const configModule = tsx.require(path.join(repoRoot, "src/schedule/config.ts"), __filename);
      const deployModule = tsx.require(path.join(repoRoot, "src/deploy/aws-serverless.ts"), __filename);
      const configPath = path.resolve(repoRoot, process.env.POWER_CONFIG || configModule.DEFAULT_CONFIG_PATH);
      const config = await configModule.loadScheduleConfig(configPath);
      return deployModule.serverlessSettings(config);
    })();
  }
  return loaded;
}

module.exports = { settings };
