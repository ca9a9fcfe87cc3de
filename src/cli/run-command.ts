import type { Command } from "commander";
import { POWER_ACTIONS, type PowerAction } from "../domain/index.ts";
import { InvalidInputError } from "../errors.ts";
import { allPlatformEvents, allPlatforms } from "../platforms/index.ts";
import { failureOf, redact, renderReport, secretValues } from "../report/index.ts";
import { invokePower } from "../runtime/index.ts";
import { loadScheduleConfig } from "../schedule/index.ts";
import { configPath, type Environment, processEnvironment } from "../settings/index.ts";
import { EXIT } from "./exit-codes.ts";
import { localCloudUrl } from "./local-cloud-url.ts";
import { localCloudEnv } from "./local-env.ts";
import { readEvent } from "./read-event.ts";
import { CountedProgress, runProgressText } from "./run-progress.ts";
import { highlight, paintFor, wantsColour } from "./terminal-style.ts";

interface RunFlags {
  event?: string;
  dryRun?: boolean;
  json?: boolean;
  summaryOnly?: boolean;
  localCloud?: string;
  timeout?: string;
  now?: string;
}

/**
 * The run's budget, as the deployed function would have it: `--timeout SECONDS`, else the longer of the two
 * functions' timeouts in the schedule config (each platform's, as its descriptor reads it), else none
 * (the 900 s default).
 */
async function timeoutContext(
  raw: string | undefined,
  env: Environment,
): Promise<{ time_limit_in_ms: number } | undefined> {
  if (raw === undefined) {
    const config = await loadScheduleConfig(configPath(env)).catch(() => undefined);
    if (!config) return undefined;
    const longest = Math.max(...allPlatforms().map((platform) => platform.timeoutSeconds(config)));
    return { time_limit_in_ms: longest * 1000 };
  }
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(seconds >= 1 && seconds <= 86_400)) {
    throw new InvalidInputError(`--timeout: "${raw}" is not a number of seconds from 1 to 86400`);
  }
  return { time_limit_in_ms: seconds * 1000 };
}

/** `--now`: the time the stale-event check takes for now, to replay an old fire on purpose. */
function parseNow(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const now = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(now)) {
    throw new InvalidInputError(`--now: "${text}" is not an ISO 8601 date-time (such as 2026-11-23T13:00:00Z)`);
  }
  return now;
}

/** `powercron run <start|stop>`: exactly the functions' code path, on this machine. */
export function registerRunCommand(program: Command): void {
  program
    .command("run")
    .description("run the start or stop function here, with an event file and this environment")
    .argument("<action>", "start or stop")
    .option("--event <file>", "the event JSON (a file, or - for standard input); none = use the environment")
    .option("--dry-run", "decide and report, change nothing")
    .option("--json", "print the report as JSON")
    .option("--summary-only", "print the totals and API calls, without a row per instance")
    .option("--local-cloud <url>", "talk to a local cloud (powercron local-cloud) instead of the real clouds")
    .option(
      "--timeout <seconds>",
      "the run's time budget (default: the deployed functions' timeout in the config, else 900)",
    )
    .option("--now <iso>", "take this time as now for the stale-event check (POWER_MAX_EVENT_AGE): replay an old fire")
    .action(async (action: string, flags: RunFlags) => {
      const env = {
        ...processEnvironment(),
        ...(flags.localCloud ? localCloudEnv(localCloudUrl(flags.localCloud)) : {}),
      };
      const secrets = secretValues(env);
      if (!(POWER_ACTIONS as readonly string[]).includes(action)) {
        throw new InvalidInputError(`action: "${action}" is not start or stop`);
      }
      const context = await timeoutContext(flags.timeout, env);
      const now = parseNow(flags.now);
      const event = await readEvent(flags.event);
      const progress = wantsColour(process.stderr, env)
        ? new CountedProgress({
            write: (text) => process.stderr.write(text),
            now: Date.now,
            text: runProgressText(action),
          })
        : undefined;
      let report: Awaited<ReturnType<typeof invokePower>>;
      try {
        report = await invokePower(action as PowerAction, event, context, {
          env,
          platforms: allPlatformEvents(),
          ...(flags.dryRun ? { overrides: { dryRun: true } } : {}),
          ...(now === undefined ? {} : { now: () => now }),
          ...(progress ? { observeProviders: progress.observe } : {}),
        });
      } finally {
        progress?.end();
      }
      const text = flags.json
        ? redact(JSON.stringify(report, null, 2), secrets)
        : highlight(redact(renderReport(report, { rows: !flags.summaryOnly }), secrets), paintFor(process.stdout, env));
      console.log(text);
      const failure = failureOf(report);
      if (failure) {
        console.error(highlight(redact(failure.message, secrets), paintFor(process.stderr, env)));
        process.exitCode = EXIT.failed;
      }
    });
}
