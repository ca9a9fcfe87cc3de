import type { Command } from "commander";
import { InvalidInputError } from "../errors.ts";
import {
  type Alert,
  configChannels,
  deliverAlert,
  environmentChannels,
  type NotifyChannel,
  SentAlerts,
  type SnsPublish,
} from "../notify/index.ts";
import { SnsSdkPublisher } from "../providers/index.ts";
import { secretValues } from "../report/index.ts";
import { loadScheduleConfig } from "../schedule/index.ts";
import { configPath, processEnvironment } from "../settings/index.ts";
import { EXIT } from "./exit-codes.ts";
import { paintFor } from "./terminal-style.ts";

interface NotifyTestFlags {
  config?: string;
  channel?: string;
  timeout: string;
}

/** Every alert kind: a test goes to a channel whatever it is set to be told. */
const EVERY_KIND = ["failure", "misfire", "success"] as const;

/** The test message: it says it is one, and nothing else (no run, no instances). */
function testAlert(): Alert {
  return {
    test: true,
    kind: "success",
    action: "stop",
    groups: [],
    trigger: "powercron notify test",
    dryRun: true,
    counts: [],
    instances: 0,
    failures: [],
    durationMs: 0,
  };
}

function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 60)
    throw new InvalidInputError(`--timeout: "${text}" is not a number of seconds from 1 to 60`);
  return seconds * 1000;
}

/**
 * `powercron notify test`: one test message to every alert channel (the config's `notify` section and the
 * POWER_NOTIFY_* variables), with this environment's values for their ${ENV} references, and how each went. Exits 1
 * when a channel refused or did not answer, 2 when there is no channel or one is set up wrong.
 */
export function registerNotifyCommand(program: Command): void {
  const notify = program.command("notify").description("alert channels: try them before a run needs them");
  notify
    .command("test")
    .description("send a test message to every alert channel and print how each went")
    .option("--config <file>", "the schedule config (default POWER_CONFIG or config/schedules.yaml)")
    .option("--channel <name>", "only this channel")
    .option("--timeout <seconds>", "how long all the channels may take together", "10")
    .action(async (flags: NotifyTestFlags) => {
      const env = processEnvironment();
      const budgetMs = parseTimeout(flags.timeout);
      const config = await loadScheduleConfig(flags.config ?? configPath(env));
      let channels: NotifyChannel[];
      try {
        channels = [...configChannels(config.notify), ...environmentChannels(env)];
      } catch (error) {
        throw new InvalidInputError(error instanceof Error ? error.message : String(error));
      }
      if (flags.channel !== undefined) {
        const names = channels.map((channel) => channel.name);
        channels = channels.filter((channel) => channel.name === flags.channel);
        if (channels.length === 0)
          throw new InvalidInputError(
            `--channel: "${flags.channel}" is not a channel${names.length > 0 ? ` (there are: ${names.join(", ")})` : ""}`,
          );
      }
      if (channels.length === 0)
        throw new InvalidInputError(
          "no alert channel: add a notify section to the schedule config or set POWER_NOTIFY_WEBHOOK_URL / POWER_NOTIFY_SNS_TOPIC_ARN",
        );
      let publishToTopic: SnsPublish | undefined;
      const results = await deliverAlert(
        testAlert(),
        channels.map((channel) => ({ ...channel, on: EVERY_KIND, groups: undefined })),
        {
          env,
          sent: new SentAlerts(),
          now: Date.now,
          fetch,
          topic: () => {
            publishToTopic ??= new SnsSdkPublisher(env).publish;
            return publishToTopic;
          },
          budgetMs,
          secrets: secretValues(env),
        },
      );
      const paint = paintFor(process.stdout, env);
      for (const result of results) {
        console.log(
          result.ok ? `ok      ${result.channel}` : `${paint.failed("FAILED")}  ${result.channel}: ${result.error}`,
        );
      }
      if (results.some((result) => !result.ok)) process.exitCode = EXIT.failed;
    });
}
