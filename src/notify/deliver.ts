/**
 * Sends one alert to every channel that wants it, in parallel, within one deadline (3 s in all by default, one retry
 * each), and says how each went. Never throws, never shows a URL or a secret: errors are masked with the channel's
 * secret parts.
 */

import type { PowerReport } from "../report/index.ts";
import { redact } from "../report/index.ts";
import type { Environment } from "../settings/index.ts";
import { ALERT_BUDGET_MS, type Alert } from "./alert.ts";
import { dingtalk } from "./dingtalk.ts";
import { feishu } from "./feishu.ts";
import type { WebhookFormat } from "./http-post.ts";
import { alertMessage, defaultLocale, plainTextOf } from "./message.ts";
import { type NotifyChannel, resolveReferences, type WebhookType, wants } from "./notify-config.ts";
import { type Fetch, postWithRetry } from "./post.ts";
import { secretPartsOf } from "./secret-parts.ts";
import { runKey, type SentAlerts } from "./sent-alerts.ts";
import { slack } from "./slack.ts";
import { TOPIC, type TopicPublish } from "./topic.ts";
import { webhook } from "./webhook.ts";
import { wecom } from "./wecom.ts";

export { ALERT_BUDGET_MS };

export const FORMATS: Readonly<Record<WebhookType, WebhookFormat>> = { wecom, dingtalk, feishu, slack, webhook };

/** What the report says about each alert: `{channel, ok, error?}`. */
export interface Notification {
  readonly channel: string;
  readonly ok: boolean;
  readonly error?: string;
}

export interface DeliverDeps {
  readonly env: Environment;
  readonly sent: SentAlerts;
  readonly now: () => number;
  readonly fetch: Fetch;
  /** The topic channel's publisher (injected: src/providers/); built on the first topic alert. */
  readonly topic: () => TopicPublish;
  readonly budgetMs?: number;
  /** Secrets to mask besides the channels' own (the environment's credential values). */
  readonly secrets?: readonly string[];
}

async function sendOne(
  channel: NotifyChannel,
  alert: Alert,
  deadline: number,
  deps: DeliverDeps,
  report: PowerReport | undefined,
  dedupeId: string,
): Promise<{ error?: string; target?: string; secret?: string }> {
  const message = alertMessage(alert, channel.locale ?? defaultLocale(alert.provider));
  const isTopic = channel.type === TOPIC.type;
  const target = resolveReferences(channel.target, deps.env, `${channel.name}.${isTopic ? TOPIC.targetKey : "url"}`);
  const secret =
    channel.secret === undefined ? undefined : resolveReferences(channel.secret, deps.env, `${channel.name}.secret`);
  if (channel.type === TOPIC.type) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.max(1, deadline - deps.now()));
    try {
      await deps.topic()(
        { topicArn: target, subject: TOPIC.subject(message.title), message: plainTextOf(message), dedupeId },
        controller.signal,
      );
      return { target };
    } catch (error) {
      const name = (error as { name?: unknown })?.name;
      const why = controller.signal.aborted
        ? "no answer in time"
        : `${String(name ?? "Error")}: ${String((error as Error)?.message ?? error)}`;
      return { error: `${TOPIC.label} Publish failed: ${why}`, target };
    } finally {
      clearTimeout(timer);
    }
  }
  if (!URL.canParse(target) || !/^https?:$/.test(new URL(target).protocol))
    return {
      error: `${channel.name}.url is not an http(s) URL once its references are filled in`,
      target,
      ...(secret === undefined ? {} : { secret }),
    };
  const format = FORMATS[channel.type];
  const post = format.build({
    alert,
    message,
    url: target,
    ...(secret === undefined ? {} : { secret }),
    nowMs: deps.now(),
    ...(report === undefined ? {} : { report }),
  });
  const { result, tries } = await postWithRetry(post, deadline, deps.now, deps.fetch);
  const error = typeof result === "string" ? result : format.rejection(result.status, result.text);
  const secretField = secret === undefined ? {} : { secret };
  if (error === undefined) return { target, ...secretField };
  return { error: tries > 1 ? `${error} (after a retry)` : error, target, ...secretField };
}

/** Sends `alert` where it is wanted; one entry per channel tried (a channel that already sent it is left out). */
export async function deliverAlert(
  alert: Alert,
  channels: readonly NotifyChannel[],
  deps: DeliverDeps,
  report?: PowerReport,
): Promise<Notification[]> {
  const deadline = deps.now() + (deps.budgetMs ?? ALERT_BUDGET_MS);
  const run = runKey(alert);
  const jobs = channels
    .filter((channel) => wants(channel, alert.kind, alert.groups))
    .map(async (channel): Promise<Notification | undefined> => {
      const key = run === undefined ? undefined : `${run}|${alert.kind}|${channel.name}`;
      if (key !== undefined && !deps.sent.claim(key)) return undefined;
      let outcome: { error?: string; target?: string; secret?: string };
      try {
        outcome = await sendOne(channel, alert, deadline, deps, report, key ?? `${alert.kind}|${deps.now()}`);
      } catch (error) {
        outcome = { error: error instanceof Error ? error.message : String(error) };
      }
      if (outcome.error === undefined) return { channel: channel.name, ok: true };
      if (key !== undefined) deps.sent.release(key);
      const secrets = [...secretPartsOf(outcome.target, outcome.secret), ...(deps.secrets ?? [])].sort(
        (a, b) => b.length - a.length,
      );
      return { channel: channel.name, ok: false, error: redact(outcome.error, secrets) };
    });
  return (await Promise.all(jobs)).filter((entry): entry is Notification => entry !== undefined);
}
