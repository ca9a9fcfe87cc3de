import path from "node:path";
import type { Command } from "commander";
import type { PowerAction, ProviderName } from "../domain/index.ts";
import { loadFleetFile, startLocalCloud } from "../local-cloud/index.ts";
import { allPlatforms } from "../platforms/index.ts";
import { allDescriptors, PROVIDERS, toolingOf } from "../providers/index.ts";
import { failureOf, renderReport } from "../report/index.ts";
import { invokePower } from "../runtime/index.ts";
import { processEnvironment } from "../settings/index.ts";
import { localCloudEnv } from "./local-env.ts";
import { readEvent } from "./read-event.ts";
import { highlight, paintFor } from "./terminal-style.ts";

/** The actions the demo runs, in order: stop everything, then start it again. */
const DEMO_ACTIONS: readonly PowerAction[] = ["stop", "start"];

/** The sample console events the demo replays, in order: each action over every cloud that has demo events. */
export const DEMO_STEPS: readonly { action: PowerAction; event: string }[] = DEMO_ACTIONS.flatMap((action) =>
  allDescriptors().flatMap((descriptor) => {
    const events = toolingOf(descriptor.name).demoEvents;
    return events === undefined ? [] : [{ action, event: events[action] }];
  }),
);

/** `npx serverless deploy / npx powercron deploy scf   deploy to AWS Lambda / Tencent SCF`, by the platforms' titles. */
function deployStep(): string {
  const platforms = [...allPlatforms()].sort((a, b) => a.title.localeCompare(b.title));
  const commands = platforms.map(({ name, deploy }) =>
    "command" in deploy ? deploy.command : `npx powercron deploy ${name}`,
  );
  return `  ${commands.join(" / ")}   deploy to ${platforms.map((platform) => platform.title).join(" / ")} (README, Deploying)`;
}

/** The demo's closing lines: what a user can do next, each a command that exists and does what it says. */
export const NEXT_STEPS = [
  "Next:",
  "  npx powercron plan --days 14                  what config/schedules.yaml will start and stop, and when",
  "  npx powercron local-cloud --port 9000 &       a local cloud of your own, then, against it:",
  `  npx powercron run stop --event ${DEMO_STEPS[0]?.event ?? "<event.json>"} --local-cloud http://127.0.0.1:9000`,
  "  kill %1                                       stops that local cloud and frees its port",
  deployStep(),
].join("\n");

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
        const paint = paintFor(process.stdout, processEnvironment());
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
          console.log(highlight(renderReport(report), paint));
          const failure = failureOf(report);
          if (failure) console.log(`the function would throw: ${failure.message}`);
          console.log("");
        }
        console.log(`${cloud.calls().length} API calls reached the embedded local cloud, which stops with the demo.`);
        console.log(NEXT_STEPS);
      } finally {
        await cloud.close();
      }
    });
}
