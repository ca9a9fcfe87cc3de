// The `${file(./scripts/serverless-config.cjs):settings.X}` resolver of serverless.yml: loads the schedule config
// (POWER_CONFIG, default config/schedules.yaml) through the TypeScript modules and hands the framework its
// settings, schedule events, roles and environment for the stage being deployed. Nothing in serverless.yml is copied
// by hand from the config. A config the deploy refuses is reported once (see serverless-error.cjs), not once per
// setting that reads it.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { loadTs, failOnce } = require("./serverless-support.cjs");

const repoRoot = path.resolve(__dirname, "..");
const loaded = new Map();

async function settingsFor(stage) {
  const configModule = loadTs("src/schedule/config.ts");
  const lambdaModule = loadTs("src/platforms/lambda/serverless-settings.ts");
  const accountRoles = loadTs("src/platforms/account-roles.ts");
  const digestModule = loadTs("src/deploy/config-digest.ts");
  const configPath = path.resolve(repoRoot, process.env.POWER_CONFIG || configModule.DEFAULT_CONFIG_PATH);
  const config = await configModule.loadScheduleConfig(configPath);
  const configDigest = digestModule.configDigest(fs.readFileSync(configPath));
  // The roles of the config's other AWS accounts, from the account-roles module; the Lambda settings take them as given.
  const accountStatements = accountRoles.assumeRoleStatements(config, "aws");
  // The alert channels' ${ENV} references and POWER_NOTIFY_* come from this shell's environment (CI secrets), not the repo.
  return lambdaModule.serverlessSettings(config, { stage, configDigest, accountStatements, env: process.env });
}

async function settings({ resolveVariable }) {
  const stage = String(await resolveVariable("sls:stage"));
  if (!loaded.has(stage)) loaded.set(stage, settingsFor(stage).catch(failOnce));
  return loaded.get(stage);
}

module.exports = { settings };
