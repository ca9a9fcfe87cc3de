/** AWS Lambda: ESM bundles, EventBridge Scheduler schedules, deployed by the Serverless Framework (serverless.yml). */
import { PLATFORM_DEPLOY_COMMAND, PLATFORM_REMOVE_COMMAND, PLATFORM_TRIGGERS_NOUN } from "../catalog.ts";
import { PLATFORM_PROVIDER, PLATFORM_TITLE } from "../platform-cloud.ts";
import type { PlatformDescriptor } from "../platform-descriptor.ts";
import { awsEnforceTriggers } from "./enforce-schedules.ts";
import { LAMBDA_BUNDLE } from "./lambda-bundle.ts";
import { LAMBDA_EVENTS } from "./lambda-events.ts";
import { lambdaWorkers } from "./lambda-workers.ts";
import { renderAwsTriggers } from "./render-schedules.ts";
import { awsScheduleTriggers } from "./schedules.ts";
import { scheduleName } from "./serverless-settings.ts";

export const LAMBDA_PLATFORM: PlatformDescriptor = {
  name: "aws",
  title: PLATFORM_TITLE.aws,
  provider: PLATFORM_PROVIDER.aws,
  bundle: LAMBDA_BUNDLE,
  events: LAMBDA_EVENTS,
  workers: lambdaWorkers,
  triggersNoun: PLATFORM_TRIGGERS_NOUN.aws,
  triggers: (config, stage) => {
    const schedules = [...awsScheduleTriggers(config), ...awsEnforceTriggers(config)].map((trigger) => ({
      ...trigger,
      name: scheduleName(stage, trigger),
    }));
    return { json: schedules, lines: ["EventBridge Scheduler schedules", ...renderAwsTriggers(schedules)] };
  },
  deploy: {
    tool: "the Serverless Framework (osls, serverless.yml)",
    command: PLATFORM_DEPLOY_COMMAND.aws,
    removeCommand: PLATFORM_REMOVE_COMMAND.aws,
  },
  // serverless.yml holds both roles (serverless-settings.ts); the spoke template takes the hub role's ARN.
  policyFiles: () => ({}),
  functionRoleName: () => undefined,
  timeoutSeconds: (config) => config.deploy.aws.timeoutSeconds,
};
