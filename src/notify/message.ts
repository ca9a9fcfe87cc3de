/**
 * An alert as words, in Chinese or English: a title, labelled facts, the failing instances (the first 20, then "and N
 * more"). Pure; each channel lays these out in its platform's format.
 */
import { ALERT_LOCALES, type AlertLocale, type ProviderName } from "../domain/index.ts";
import { descriptorOf } from "../providers/catalog.ts";
import type { Alert } from "./alert.ts";

export const LOCALES = ALERT_LOCALES;
export type Locale = AlertLocale;

/** The failing instances a message lists by name; the rest are counted. */
export const MAX_LISTED_FAILURES = 20;

export interface AlertMessage {
  readonly title: string;
  readonly facts: readonly (readonly [label: string, value: string])[];
  /** Headline of the failure list, when there is one. */
  readonly failuresTitle?: string;
  /** `ins-kqf9os9x (failed: LimitExceeded)`, at most MAX_LISTED_FAILURES of them. */
  readonly failures: readonly string[];
  /** "and 5 more" when the list was cut. */
  readonly more?: string;
  /** red for a failure, orange for a misfire, green for a success. */
  readonly color: "red" | "orange" | "green";
}

/** Each cloud's descriptor says its teams' language (Chinese or English); English without one; a channel's `locale` wins. */
export function defaultLocale(provider: ProviderName | undefined): Locale {
  return provider === undefined ? "en" : descriptorOf(provider).alertLocale;
}

const WORDS = {
  en: {
    start: "start",
    stop: "stop",
    failed: (action: string, failed: number, total: number) =>
      total > 0 ? `${action} failed for ${failed} of ${total} instance${total === 1 ? "" : "s"}` : `${action} failed`,
    misfire: (action: string) => `misfire: ${action} fired at no scheduled time`,
    done: (action: string, total: number) => `${action} done: ${total} instance${total === 1 ? "" : "s"}`,
    test: "test message: alerts reach this channel",
    drift: (action: string, count: number) =>
      `enforce: ${action} corrected ${count} instance${count === 1 ? "" : "s"} that drifted from the schedule`,
    corrected: "Corrected instances",
    due: "due",
    group: "Group",
    action: "Action",
    trigger: "Trigger",
    firedAt: "Fired at",
    outcomes: "Outcomes",
    duration: "Duration",
    requestId: "Request ID",
    error: "Error",
    dryRun: "dry run",
    seconds: (s: string) => `${s} s`,
    failures: "Failed instances",
    more: (n: number) => `and ${n} more`,
    none: "none",
  },
  zh: {
    start: "开机",
    stop: "关机",
    failed: (action: string, failed: number, total: number) =>
      total > 0 ? `${action}失败:${total} 台中 ${failed} 台失败` : `${action}失败`,
    misfire: (action: string) => `误触发:${action}的触发时间不在计划内`,
    done: (action: string, total: number) => `${action}完成:${total} 台`,
    test: "测试消息:告警能送达此通道",
    drift: (action: string, count: number) => `纠偏:${action}了 ${count} 台偏离计划的实例`,
    corrected: "已纠正的实例",
    due: "应于",
    group: "分组",
    action: "操作",
    trigger: "触发器",
    firedAt: "触发时间",
    outcomes: "结果",
    duration: "耗时",
    requestId: "请求 ID",
    error: "错误",
    dryRun: "演练",
    seconds: (s: string) => `${s} 秒`,
    failures: "失败的实例",
    more: (n: number) => `另有 ${n} 台未列出`,
    none: "无",
  },
} as const;

export function alertMessage(alert: Alert, locale: Locale): AlertMessage {
  const words = WORDS[locale];
  const action = words[alert.action];
  if (alert.test) {
    const facts: [string, string][] = alert.trigger === undefined ? [] : [[words.trigger, alert.trigger]];
    return { title: `powercron ${words.test}`, facts, failures: [], color: "green" };
  }
  const title =
    alert.kind === "misfire"
      ? words.misfire(action)
      : alert.kind === "failure"
        ? words.failed(action, alert.failures.length, alert.instances)
        : alert.kind === "drift"
          ? words.drift(action, alert.failures.length)
          : words.done(action, alert.instances);
  const facts: [string, string][] = [];
  if (alert.groups.length > 0) facts.push([words.group, alert.groups.join(", ")]);
  facts.push([words.action, alert.dryRun ? `${alert.action} (${words.dryRun})` : alert.action]);
  if (alert.trigger !== undefined) facts.push([words.trigger, alert.trigger]);
  if (alert.firedAt !== undefined) facts.push([words.firedAt, alert.firedAt]);
  if (alert.kind !== "misfire") {
    const counts = alert.counts.map(([outcome, count]) => `${outcome} ${count}`).join(", ");
    facts.push([words.outcomes, counts === "" ? words.none : counts]);
  }
  facts.push([words.duration, words.seconds((alert.durationMs / 1000).toFixed(1))]);
  if (alert.requestId !== undefined) facts.push([words.requestId, alert.requestId]);
  if (alert.error !== undefined) facts.push([words.error, alert.error]);
  const listed = alert.failures.slice(0, MAX_LISTED_FAILURES);
  const failures = listed.map(
    (f) =>
      `${f.instanceId} (${f.outcome}${f.code === undefined ? "" : `: ${f.code}`}${f.dueAt === undefined ? "" : `, ${words.due} ${f.dueAt}`})`,
  );
  const hidden = alert.failures.length - listed.length;
  return {
    title: `powercron ${title}`,
    facts,
    ...(failures.length > 0 ? { failuresTitle: alert.kind === "drift" ? words.corrected : words.failures } : {}),
    failures,
    ...(hidden > 0 ? { more: words.more(hidden) } : {}),
    color: alert.kind === "failure" ? "red" : alert.kind === "misfire" || alert.kind === "drift" ? "orange" : "green",
  };
}

/** The message as Markdown of the subset WeCom, DingTalk and Feishu all render: a heading, bold labels, a list. */
export function markdownOf(message: AlertMessage): string {
  const lines = [`### ${message.title}`, ...message.facts.map(([label, value]) => `**${label}**: ${value}`)];
  if (message.failuresTitle !== undefined) {
    lines.push("", `**${message.failuresTitle}**`, ...message.failures.map((line) => `- ${line}`));
    if (message.more !== undefined) lines.push(`- ${message.more}`);
  }
  return lines.join("\n");
}

/** The message as plain text (SNS e-mail and SMS subscribers, the Slack fallback). */
export function plainTextOf(message: AlertMessage): string {
  const lines = [message.title, ...message.facts.map(([label, value]) => `${label}: ${value}`)];
  if (message.failuresTitle !== undefined) {
    lines.push(`${message.failuresTitle}:`, ...message.failures.map((line) => `  ${line}`));
    if (message.more !== undefined) lines.push(`  ${message.more}`);
  }
  return lines.join("\n");
}
