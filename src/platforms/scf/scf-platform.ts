/** Tencent SCF: CommonJS bundles, tick timers, and `powercron deploy scf` through the SCF API. */
import { PLATFORM_TRIGGERS_NOUN } from "../catalog.ts";
import { PLATFORM_PROVIDER, PLATFORM_TITLE } from "../platform-cloud.ts";
import type { PlatformDescriptor } from "../platform-descriptor.ts";
import { scfTimerName } from "./deploy/scf-plan.ts";
import { renderScfTriggers } from "./render-ticks.ts";
import { SCF_BUNDLE } from "./scf-bundle.ts";
import { SCF_EVENTS } from "./scf-events.ts";
import { scfPolicyFiles, scfRoleName } from "./scf-policies.ts";
import { scfWorkers } from "./scf-workers.ts";
import { scfTimerTriggers } from "./ticks.ts";

export const SCF_PLATFORM: PlatformDescriptor = {
  name: "scf",
  title: PLATFORM_TITLE.scf,
  provider: PLATFORM_PROVIDER.scf,
  bundle: SCF_BUNDLE,
  events: SCF_EVENTS,
  workers: scfWorkers,
  triggersNoun: PLATFORM_TRIGGERS_NOUN.scf,
  // The same span as the deploy and the handler (DEFAULT_RULES_SPAN), so that these are the ticks deployed; named as
  // deployed: with the stage and the hash of what the trigger does.
  triggers: (config, stage) => {
    const ticks = scfTimerTriggers(config).map((trigger) => ({ ...trigger, name: scfTimerName(stage, trigger) }));
    return { json: ticks, lines: renderScfTriggers(ticks, config.deploy.scf.triggerTimezone) };
  },
  deploy: {
    description:
      "build the SCF bundles, create or update powercron-<stage>-start and -stop, and sync their timer triggers " +
      "(needs deploy.scf.role; credentials: TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SESSION_TOKEN; endpoint override: " +
      "TENCENTCLOUD_SCF_ENDPOINT)",
    // Loaded when a deploy runs: the SCF SDK stays out of `powercron triggers`, `plan` and `--help`.
    run: async (args, build) => (await import("./deploy/deploy-scf-command.ts")).runDeployScf(args, build),
    remove: async (args) => (await import("./deploy/deploy-scf-command.ts")).runRemoveScf(args),
  },
  policyFiles: scfPolicyFiles,
  functionRoleName: scfRoleName,
  timeoutSeconds: (config) => config.deploy.scf.timeoutSeconds,
};
