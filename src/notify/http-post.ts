/** The shape every webhook channel shares: the request it builds for an alert, and how it reads the answer. */
import type { PowerReport } from "../report/index.ts";
import type { Alert } from "./alert.ts";
import type { AlertMessage } from "./message.ts";

export interface HttpPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WebhookInput {
  readonly alert: Alert;
  readonly message: AlertMessage;
  /** The webhook URL, with its key: a secret. */
  readonly url: string;
  readonly secret?: string;
  /** Signing time, epoch milliseconds. */
  readonly nowMs: number;
  /** The run's report (secrets masked), when the run got that far: the generic webhook sends it whole. */
  readonly report?: PowerReport;
}

export interface WebhookFormat {
  /** The POST for this alert, signed when a secret is given. Pure. */
  build(input: WebhookInput): HttpPost;
  /** undefined when the platform took the message; else why not (its code and message). */
  rejection(status: number, text: string): string | undefined;
}

export const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" } as const;

/** `{errcode: 0}` (WeCom, DingTalk) or `{code: 0}` (Feishu): anything else, or a non-2xx status, is a rejection. */
export function jsonCodeRejection(status: number, text: string, field: "errcode" | "code"): string | undefined {
  let answer: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object") answer = parsed as Record<string, unknown>;
  } catch {
    answer = undefined;
  }
  const code = answer?.[field] ?? answer?.StatusCode;
  if (status >= 200 && status < 300 && code === 0) return undefined;
  const why = answer?.errmsg ?? answer?.msg ?? answer?.StatusMessage;
  if (answer === undefined || code === undefined) return `HTTP ${status}, not the platform's JSON answer`;
  return `HTTP ${status}, ${field} ${String(code)}${typeof why === "string" ? `: ${why.slice(0, 200)}` : ""}`;
}
