/**
 * Alerts after a run: the handler's run, then one alert (failure, misfire or success) to each channel that wants it,
 * from the schedule config's `notify` section and the POWER_NOTIFY_* variables. An alert never changes the run's
 * outcome: it is bounded (3 s in all), a failed one is logged (masked) and noted in the report's `notifications`,
 * and the run's report or error comes out as it would have without it.
 */
import { readFile } from "node:fs/promises";
import type { PowerAction } from "../domain/index.ts";
import {
  ALERT_BUDGET_MS,
  type Alert,
  alertOfError,
  alertOfReport,
  configChannels,
  environmentChannels,
  type NotifyChannel,
  type RunFacts,
  SentAlerts,
  type TopicPublish,
} from "../notify/channels.ts";
import type { Notification } from "../notify/index.ts";
import { TopicSdkPublisher } from "../providers/index.ts";
import { type PowerReport, type PowerRun, redact, returnedReport, secretValues } from "../report/index.ts";
import { configPath, type Environment } from "../settings/index.ts";
import type { InvokeDeps } from "./invoke-deps.ts";
import type { NotifySettings } from "./notify-deps.ts";
import type { PlatformEvents } from "./platform-events.ts";
import { type InvocationContext, remainingMsOf, requestIdOf } from "./time-budget.ts";

type Run = (
  action: PowerAction,
  event: unknown,
  context: InvocationContext | undefined,
  deps: InvokeDeps,
) => Promise<PowerRun>;

/** Alerts this function instance has sent: a retried or re-delivered run does not alert twice. */
const sentAlerts = new SentAlerts();
const loadedSettings = new Map<string, Promise<NotifySettings>>();

/** Whether the environment names a channel (a bad setting counts: the full read reports it as before). */
function environmentHasChannels(env: Environment): boolean {
  try {
    return environmentChannels(env).length > 0;
  } catch {
    return true;
  }
}

/**
 * The config's text may hold a `notify` key: at the start of a line (indented or not, quoted or not) or in a flow
 * mapping (`{notify: …}`, `, notify: …`). A commented-out `# notify:` does not count. Anything that may be one costs
 * the full read, which decides.
 */
const NOTIFY_KEY = [/^[ \t]*["']?notify["']?[ \t]*:/m, /[{,][ \t]*["']?notify["']?[ \t]*:/];

export function mayHaveNotifyKey(configText: string): boolean {
  return NOTIFY_KEY.some((key) => key.test(configText));
}

async function readSettings(path: string, env: Environment): Promise<NotifySettings> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { providers: {} }; // no config file: the environment's channels only
  }
  // No `notify` in the config and no channel in the environment: no alert can go anywhere, and the config (YAML, zod,
  // cron tables) is not read for it.
  if (!mayHaveNotifyKey(text) && !environmentHasChannels(env)) return { providers: {} };
  // The schedule resolver's copy of the config (loaded once per path); through resolve-group.ts, so that the bundles
  // import the schedule modules statically and keep only what the functions use of them.
  const { cachedLoad } = await import("./resolve-group.ts");
  const config = await cachedLoad(path);
  return {
    ...(config.notify === undefined ? {} : { notify: config.notify }),
    providers: Object.fromEntries(config.groups.map((group) => [group.name, group.provider])),
  };
}

/** Read once per path (and whether the environment names a channel) and kept for the life of the function instance. */
function defaultSettings(env: Environment): Promise<NotifySettings> {
  const path = configPath(env);
  const key = `${environmentHasChannels(env) ? "+" : "-"}${path}`;
  let settings = loadedSettings.get(key);
  if (settings === undefined) {
    settings = readSettings(path, env);
    loadedSettings.set(key, settings);
    settings.catch(() => loadedSettings.delete(key));
  }
  return settings;
}

/** The run as its events tell it: the tick or the first invocation's trigger, every group it ran. */
class RunObserver {
  readonly groups: string[] = [];
  trigger: string | undefined;
  firedAt: string | undefined;

  constructor(event: unknown, platforms: readonly PlatformEvents[] = []) {
    for (const platform of platforms) {
      const tick = platform.ticks?.read(event);
      if (tick === undefined) continue;
      this.trigger = tick.triggerName;
      this.firedAt = tick.time;
      break;
    }
  }

  readonly onInvocation: NonNullable<InvokeDeps["onInvocation"]> = (invocation) => {
    if (invocation.kind === "group" && !this.groups.includes(invocation.group)) this.groups.push(invocation.group);
    if (this.firedAt === undefined && invocation.trigger.scheduledTime !== undefined)
      this.firedAt = invocation.trigger.scheduledTime;
    if (this.trigger === undefined && invocation.trigger.source !== "direct")
      this.trigger = invocation.trigger.triggerName ?? invocation.trigger.source;
  };

  facts(action: PowerAction, context: InvocationContext | undefined, settings: NotifySettings): RunFacts {
    const requestId = requestIdOf(context);
    const provider = this.groups.map((group) => settings.providers[group]).find((p) => p !== undefined);
    return {
      action,
      groups: this.groups,
      ...(this.trigger === undefined ? {} : { trigger: this.trigger }),
      ...(this.firedAt === undefined ? {} : { firedAt: this.firedAt }),
      ...(requestId === undefined ? {} : { requestId }),
      ...(provider === undefined ? {} : { provider }),
    };
  }
}

/** Never past the function's own end: 3 s, or what the platform leaves less a margin (at least a short try). */
function alertBudgetMs(context: InvocationContext | undefined, elapsedMs: number, configured?: number): number {
  const cap = configured ?? ALERT_BUDGET_MS;
  const remaining = remainingMsOf(context, elapsedMs);
  if (remaining === undefined) return cap;
  return Math.max(MIN_ALERT_MS, Math.min(cap, remaining - ALERT_MARGIN_MS));
}

const ALERT_MARGIN_MS = 300;
const MIN_ALERT_MS = 250;

async function sendAlert(
  build: (settings: NotifySettings) => Alert | undefined,
  deps: InvokeDeps,
  report: PowerReport | undefined,
  budgetMs: () => number,
): Promise<Notification[]> {
  const notify = deps.notify ?? {};
  const log = notify.log ?? ((line: string) => console.error(line));
  const secrets = secretValues(deps.env);
  let channels: NotifyChannel[];
  let settings: NotifySettings;
  try {
    settings = await (notify.loadSettings ?? defaultSettings)(deps.env);
    channels = [...configChannels(settings.notify), ...environmentChannels(deps.env)];
  } catch (error) {
    const why = redact(error instanceof Error ? error.message : String(error), secrets);
    log(`powercron: alerts not sent: ${why}`);
    return [{ channel: "config", ok: false, error: why }];
  }
  const alert = build(settings);
  if (alert === undefined || channels.length === 0) return [];
  let topic: TopicPublish | undefined = notify.topic;
  // The senders load here, when there is an alert to send: a run that alerts no one never evaluates them.
  const { deliverAlert } = await import("../notify/index.ts");
  const notifications = await deliverAlert(
    alert,
    channels,
    {
      env: deps.env,
      sent: notify.sent ?? sentAlerts,
      now: notify.now ?? Date.now,
      fetch: notify.fetch ?? fetch,
      topic: () => {
        topic ??= new TopicSdkPublisher(deps.env).publish;
        return topic;
      },
      budgetMs: budgetMs(),
      secrets,
    },
    report,
  );
  for (const entry of notifications)
    if (!entry.ok) log(`powercron: ${alert.kind} alert to channel "${entry.channel}" failed: ${entry.error}`);
  return notifications;
}

/**
 * Runs `run` and then alerts: its report comes back with `notifications` when an alert was tried; its error
 * (a misfire, bad input) is rethrown as is, after the alert.
 */
export async function notifyRun(
  action: PowerAction,
  event: unknown,
  context: InvocationContext | undefined,
  deps: InvokeDeps,
  run: Run,
): Promise<PowerRun> {
  const observer = new RunObserver(event, deps.platforms);
  const now = deps.notify?.now ?? Date.now;
  const startedAt = now();
  const observed: InvokeDeps = {
    ...deps,
    onInvocation: (invocation) => {
      observer.onInvocation(invocation);
      deps.onInvocation?.(invocation);
    },
  };
  const budget = () => alertBudgetMs(context, now() - startedAt, deps.notify?.budgetMs);
  let result: PowerRun;
  try {
    result = await run(action, event, context, observed);
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error), secretValues(deps.env));
    await sendAlert(
      (settings) => alertOfError(error, observer.facts(action, context, settings), now() - startedAt, message),
      deps,
      undefined,
      budget,
    );
    throw error;
  }
  if (result.head.skipped) return result;
  // The alert (and a webhook's payload) reads the report as the function returns it: past 1,000 instances, the rows
  // that matter only, so that a large fleet is never held whole.
  const report = returnedReport(result);
  const notifications = await sendAlert(
    (settings) => alertOfReport(report, observer.facts(action, context, settings)),
    deps,
    report,
    budget,
  );
  return notifications.length === 0 ? result : { head: { ...result.head, notifications }, rows: result.rows };
}
