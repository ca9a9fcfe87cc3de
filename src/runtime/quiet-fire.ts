/**
 * The functions' front, the runtime's light entry: a tick that finds nothing to do (nothing due, or stale) is answered
 * from the platform's data compiled at build time, with the log lines and the report the full handler would give it;
 * every other fire, and any doubt (a broken event, a bad setting, a misfire, a group due), goes to the full handler,
 * loaded only then. Imports neither the engine, the input parser, the alerts nor the schedule config (YAML, zod).
 */
import type { PowerAction } from "../domain/index.ts";
import { reportLogLines, returnedReport, skippedRun } from "../report/index.ts";
import { type Environment, processEnvironment, SETTINGS } from "../settings/index.ts";
import { bundledConfigDigest, configDigestLine } from "./config-digest-check.ts";
import { maxEventAgeMs, staleReason } from "./event-age.ts";
import { logDetail } from "./log-detail.ts";
import type { TickFire } from "./platform-events.ts";
import type { PowerHandler } from "./power-handler.ts";
import { noGroupDueReason } from "./tick-skip.ts";

export type { PowerHandler, TickFire };

/**
 * A platform's quiet ticks, from its compiled data. Each answers only when it is sure, and undefined otherwise: the
 * full handler then reads the fire as it always does.
 */
export interface QuietTicks {
  /** The tick in the event, when it is plainly one (the full handler reads every other event, and words the errors). */
  readonly read: (event: unknown) => TickFire | undefined;
  /** The notes of a tick at which no group is due; undefined when a group is due, it misfired, or the data is not sure. */
  readonly nothingDue: (
    action: PowerAction,
    tick: TickFire,
    env: Environment,
    at: Date,
  ) => readonly string[] | undefined;
}

export interface FrontOptions {
  /** The digest compiled into the bundle; default the bundle's own (none unbundled). */
  readonly bundled?: string | undefined;
  readonly env?: () => Environment;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

/** The skip reason of a quiet fire, or undefined: the full handler's. Never throws. */
export function quietReason(
  action: PowerAction,
  event: unknown,
  ticks: QuietTicks,
  env: Environment,
  now: number,
): string | undefined {
  try {
    const tick = ticks.read(event);
    if (tick === undefined) return undefined;
    const stale = staleReason(tick.time, now, maxEventAgeMs(env));
    if (stale !== undefined) return stale;
    const notes = ticks.nothingDue(action, tick, env, new Date(tick.time));
    return notes === undefined ? undefined : noGroupDueReason(tick, notes);
  } catch {
    return undefined;
  }
}

/**
 * The handler in front of `full` (loaded on the first fire it is needed for): a quiet tick is logged and answered as
 * the full handler would (the config digest line, the summary line, the skipped report); a deploy whose config digest
 * is another, a bad POWER_LOG_DETAIL or POWER_MAX_EVENT_AGE, and every fire that may act go to `full`.
 */
export function frontHandler(
  action: PowerAction,
  ticks: QuietTicks,
  full: () => Promise<PowerHandler>,
  options: FrontOptions = {},
): PowerHandler {
  const bundled = "bundled" in options ? options.bundled : bundledConfigDigest();
  const envOf = options.env ?? processEnvironment;
  const now = options.now ?? Date.now;
  const log = options.log ?? console.log;
  let loaded: Promise<PowerHandler> | undefined;
  return async function handleFront(event, context) {
    const env = envOf();
    const deployed = env[SETTINGS.configDigest.name];
    const sameConfig = bundled === undefined || deployed === undefined || deployed === bundled;
    const detail = sameConfig ? quietDetail(env) : undefined;
    const reason = detail === undefined ? undefined : quietReason(action, event, ticks, env, now());
    if (detail === undefined || reason === undefined) {
      loaded ??= full();
      return (await loaded)(event, context);
    }
    log(configDigestLine(bundled, env));
    const run = skippedRun(action, reason, new Date(now()));
    for (const line of reportLogLines(run, detail)) log(line);
    return returnedReport(run);
  };
}

function quietDetail(env: Environment) {
  try {
    return logDetail(env);
  } catch {
    return undefined;
  }
}
