import path from "node:path";
import type { Command } from "commander";
import type { PowerAction } from "../domain/types.ts";
import { loadFleetFile, startLocalCloud } from "../local-cloud/index.ts";
import { renderReport } from "../report/render-table.ts";
import { failureOf } from "../report/summarize.ts";
import { invokePower } from "../runtime/invoke-power.ts";
import { localCloudEnv } from "./local-env.ts";
import { readEvent } from "./read-event.ts";

/** The sample console events the demo replays, in order: stop everything, then start it again. */
export const DEMO_STEPS: readonly { action: PowerAction; event: string }[] = [
  { action: "stop", event: "config/events/tencent-stop.json" },
  { action: "stop", event: "config/events/aws-stop.json" },
  { action: "start", event: "config/events/tencent-start.json" },
  { action: "start", event: "config/events/aws-start.json" },
];

/** `powercron demo` (npm start): the local cloud with the example fleet, the sample events, readable reports. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("run the stop then the start function over the sample events against an embedded local cloud")
    .option("--fleet <file>", "fleet JSON", "config/fleet.example.json")
    .action(async (flags: { fleet: string }) => {
      const cloud = await startLocalCloud({ fleet: await loadFleetFile(flags.fleet), transitionMs: 400 });
      console.log(`local cloud on ${cloud.url} with ${cloud.instances().length} instances from ${flags.fleet}\n`);
      try {
        // Only the local cloud's settings: a developer's real credentials in the shell must not leak into the demo.
        const env = { ...localCloudEnv(cloud.url), POWER_TIME_BUDGET_SECONDS: "20" };
        for (const step of DEMO_STEPS) {
          const event = await readEvent(step.event);
          console.log(
            `$ powercron run ${step.action} --event ${path.normalize(step.event)} (waiting for the final state)`,
          );
          const report = await invokePower(step.action, event, undefined, {
            env,
            overrides: { wait: true },
            pollIntervalMs: 250,
          });
          console.log(renderReport(report));
          const failure = failureOf(report);
          if (failure) console.log(`the function would throw: ${failure.message}`);
          console.log("");
        }
        const calls = cloud.calls();
        console.log(`${calls.length} API calls reached the local cloud; replay them with: powercron local-cloud`);
      } finally {
        await cloud.close();
      }
    });
}
