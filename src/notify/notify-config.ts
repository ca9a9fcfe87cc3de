/**
 * Alert channels: the `notify` section of the schedule config and the POWER_NOTIFY_* variables. A webhook URL carries
 * its robot's key and a signing secret is a secret: in the config both are written as `${ENV_NAME}` references
 * (whole, or inside the URL: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}`), resolved from the
 * function's environment when an alert is sent, so the repo never holds them. A literal URL is accepted only for a
 * receiver on this machine (localhost, 127.0.0.1, ::1).
 */
import { z } from "zod";
import { type Environment, SETTINGS, settingText } from "../settings/index.ts";
import { ALERT_KINDS, type AlertKind } from "./alert.ts";
import { LOCALES, type Locale } from "./message.ts";
import { TOPIC } from "./topic.ts";

export const WEBHOOK_TYPES = ["wecom", "dingtalk", "feishu", "slack", "webhook"] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];
export const CHANNEL_TYPES = [...WEBHOOK_TYPES, TOPIC.type] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const DEFAULT_ON: readonly AlertKind[] = ["failure", "misfire", "drift"];

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isLoopbackUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return /^https?:$/.test(url.protocol) && LOOPBACK.has(url.hostname);
}

/** A literal URL as an error may show it: its origin only, the path and query (where keys sit) cut. */
function originOnly(text: string): string {
  return URL.canParse(text) ? `${new URL(text).origin}/…` : "(not a URL)";
}

const urlSchema = z.string().superRefine((text, ctx) => {
  if (text.includes("${") || isLoopbackUrl(text)) return;
  ctx.addIssue({
    code: "custom",
    input: originOnly(text),
    message:
      "is a literal URL: a webhook URL carries its key, so write it as ${ENV_NAME} (or with ${ENV_NAME} in place of the key) and set the variable in the function's environment; a literal URL is accepted only for a local receiver (http://127.0.0.1:PORT/...)",
  });
});
const secretSchema = z.string().superRefine((text, ctx) => {
  if (WHOLE_REFERENCE.test(text)) return;
  ctx.addIssue({
    code: "custom",
    input: "[redacted]",
    message: "is not a ${ENV_NAME} reference: a signing secret comes from the function's environment, never the file",
  });
});

const common = {
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "is not a channel name (letters, digits, _ and -)" })
    .optional(),
  on: z.array(z.enum(ALERT_KINDS)).min(1).optional(),
  groups: z.array(z.string().min(1)).min(1).optional(),
  locale: z.enum(LOCALES).optional(),
};

export const channelSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.enum(WEBHOOK_TYPES), url: urlSchema, secret: secretSchema.optional(), ...common }),
  z.strictObject({
    type: z.literal(TOPIC.type),
    [TOPIC.targetKey]: z.string().refine((text) => WHOLE_REFERENCE.test(text) || TOPIC.pattern.test(text), {
      error: `is not ${TOPIC.noun} (${TOPIC.shape}) or a \${ENV_NAME} reference`,
    }),
    ...common,
  }),
]);

/** The config's `notify:` section. */
export const notifySchema = z
  .strictObject({ channels: z.array(channelSchema).default([]) })
  .superRefine((notify, ctx) => {
    const first = new Map<string, number>();
    notify.channels.forEach((channel, index) => {
      const name = channel.name ?? channel.type;
      const seen = first.get(name);
      if (seen !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["channels", index, "name"],
          message: `is also the name of channels[${seen}]: give each channel its own name`,
          input: name,
        });
      else first.set(name, index);
    });
  });

export type NotifyConfig = z.output<typeof notifySchema>;
type ChannelConfig = z.output<typeof channelSchema>;

/** A channel as the sender uses it: references not yet resolved (they are read at send time). */
export interface NotifyChannel {
  readonly name: string;
  readonly type: ChannelType;
  /** URL (webhooks) or topic ARN (a topic channel), possibly with ${ENV_NAME} references. */
  readonly target: string;
  readonly secret?: string;
  readonly on: readonly AlertKind[];
  readonly groups?: readonly string[];
  readonly locale?: Locale;
}

function fromConfig(channel: ChannelConfig): NotifyChannel {
  return {
    name: channel.name ?? channel.type,
    type: channel.type,
    target: channel.type === TOPIC.type ? channel[TOPIC.targetKey] : channel.url,
    ...(channel.type !== TOPIC.type && channel.secret !== undefined ? { secret: channel.secret } : {}),
    on: channel.on ?? DEFAULT_ON,
    ...(channel.groups === undefined ? {} : { groups: channel.groups }),
    ...(channel.locale === undefined ? {} : { locale: channel.locale }),
  };
}

/** Reading the channels failed: the message names the variable or field and the value (never a secret). */
export class NotifyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotifyConfigError";
  }
}

function typeFromHost(url: string): WebhookType {
  const host = URL.canParse(url) ? new URL(url).hostname : "";
  if (host === "qyapi.weixin.qq.com") return "wecom";
  if (host === "oapi.dingtalk.com" || host === "api.dingtalk.com") return "dingtalk";
  if (/(^|\.)(feishu\.cn|larksuite\.com)$/.test(host)) return "feishu";
  if (host === "hooks.slack.com") return "slack";
  return "webhook";
}

function listOf<T extends string>(env: Environment, name: string, allowed: readonly T[]): T[] | undefined {
  const raw = settingText(env, name);
  if (raw === undefined) return undefined;
  const items = raw.split(/[\s,]+/).filter((item) => item !== "");
  const bad = items.find((item) => !(allowed as readonly string[]).includes(item));
  if (bad !== undefined || items.length === 0)
    throw new NotifyConfigError(`${name}: "${raw}" is not a list of ${allowed.join(", ")}`);
  return items as T[];
}

/** The channels the POWER_NOTIFY_* variables describe (named `env`, and `env-<type>` for a topic). */
export function environmentChannels(env: Environment): NotifyChannel[] {
  const on = listOf(env, SETTINGS.notifyOn.name, ALERT_KINDS) ?? DEFAULT_ON;
  const localeText = settingText(env, SETTINGS.notifyLocale);
  if (localeText !== undefined && !(LOCALES as readonly string[]).includes(localeText))
    throw new NotifyConfigError(`${SETTINGS.notifyLocale.name}: "${localeText}" is not zh or en`);
  const locale = localeText === undefined ? {} : { locale: localeText as Locale };
  const channels: NotifyChannel[] = [];
  const url = settingText(env, SETTINGS.notifyWebhookUrl);
  const secret = settingText(env, SETTINGS.notifySecret);
  const typeText = settingText(env, SETTINGS.notifyType);
  if (typeText !== undefined && !(WEBHOOK_TYPES as readonly string[]).includes(typeText))
    throw new NotifyConfigError(`${SETTINGS.notifyType.name}: "${typeText}" is not one of ${WEBHOOK_TYPES.join(", ")}`);
  if (url !== undefined) {
    channels.push({
      name: "env",
      type: (typeText as WebhookType | undefined) ?? typeFromHost(url),
      target: url,
      ...(secret === undefined ? {} : { secret }),
      on,
      ...locale,
    });
  } else if (secret !== undefined || typeText !== undefined) {
    throw new NotifyConfigError(`${SETTINGS.notifyWebhookUrl.name}: not set, but POWER_NOTIFY_SECRET or _TYPE is`);
  }
  const topicArn = settingText(env, TOPIC.setting);
  if (topicArn !== undefined) {
    if (!TOPIC.pattern.test(topicArn))
      throw new NotifyConfigError(`${TOPIC.setting.name}: "${topicArn}" is not ${TOPIC.noun}`);
    channels.push({ name: `env-${TOPIC.type}`, type: TOPIC.type, target: topicArn, on, ...locale });
  }
  return channels;
}

export function configChannels(notify: NotifyConfig | undefined): NotifyChannel[] {
  return (notify?.channels ?? []).map(fromConfig);
}

/** A value with its ${ENV_NAME} references filled in from the environment; throws naming a variable that is unset. */
export function resolveReferences(text: string, env: Environment, field: string): string {
  return text.replace(REFERENCE, (_whole, name: string) => {
    const value = settingText(env, name);
    if (value === undefined) throw new NotifyConfigError(`${field}: \${${name}} is not set in the environment`);
    return value;
  });
}

/** Whether a channel wants this alert: its `on` kinds, and its `groups` (a run of no listed group is not its). */
export function wants(channel: NotifyChannel, kind: AlertKind, groups: readonly string[]): boolean {
  // A drift correction is also a run that went well: a channel told of successes hears of it.
  const told = channel.on.includes(kind) || (kind === "drift" && channel.on.includes("success"));
  if (!told) return false;
  if (channel.groups === undefined) return true;
  return groups.some((group) => channel.groups?.includes(group));
}
